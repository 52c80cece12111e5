#include "MainWindow.h"

#include "AddSymbolDialog.h"
#include "DeepBookWidget.h"
#include "DownloadHistoryDialog.h"
#include "FeedStatusBar.h"
#include "MonitorSession.h"
#include "OrderBookModel.h"
#include "OrderBookWidget.h"
#include "QmtSettingsDialog.h"
#include "QuoteDelegate.h"
#include "SymbolCatalog.h"
#include "SymbolSearch.h"
#include "TickChartWidget.h"
#include "TickHistory.h"
#include "TimeSalesModel.h"
#include "TimeSalesWidget.h"
#include "TradeEventsWidget.h"
#include "TradeTape.h"
#include "WatchlistModel.h"
#include "WatchlistSortProxy.h"
#include "WatchlistTabs.h"
#include "WatchlistView.h"
#include "feed/QmtDownloadClient.h"
#include "feed/QmtFormulaClient.h"
#include "feed/QmtL2Client.h"
#include "feed/QmtTradeClient.h"
#include "settings/Settings.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(MonitorSession* session, Settings* settings, WorkspaceStore* store, const Workspace& workspace,
                       const QString& uiLanguage, QWidget* parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_settings(settings)
    , m_store(store)
    , m_uiLanguage(uiLanguage)
    , m_chinese(uiLanguage.startsWith(u"zh"))
    , m_tabs(new WatchlistTabs(
          session->store(), m_chinese,
          QLocale(m_chinese ? QLocale::Chinese : QLocale::English, m_chinese ? QLocale::China : QLocale::UnitedStates),
          this))
    , m_status(new FeedStatusBar(this))
    , m_search(std::make_unique<SymbolSearch>(&SymbolCatalog::builtIn()))
    , m_tape(new TradeTape(session->store(), this))
{
    setObjectName(u"MainWindow"_s);
    setWindowTitle(session->isSimulated() ? tr("QuoteMonitor — Simulated data") : tr("QuoteMonitor"));
    setCentralWidget(m_tabs);
    statusBar()->addPermanentWidget(m_status);
    m_status->setSimulated(session->isSimulated());

    m_tabs->setFlashEnabled(m_settings->flashOnChange());
    m_tabs->setStaleAfterMs(m_settings->staleAfterSec() * 1000);
    connect(m_tabs, &WatchlistTabs::symbolsChanged, this, &MainWindow::onSymbolsChanged);
    connect(m_tabs, &WatchlistTabs::currentChanged, this, &MainWindow::onSymbolsChanged);
    connect(m_tabs, &WatchlistTabs::currentSymbolChanged, this, &MainWindow::onCurrentSymbolChanged);
    connect(m_tabs, &WatchlistTabs::addSymbolRequested, this, [this] { openAddSymbolDialog(); });
    connect(m_tabs, &WatchlistTabs::searchRequested, this, &MainWindow::openAddSymbolDialog);
    // What the connected feeds know (the QMT Bridge's stock lists) extends the add-symbol search.
    connect(session, &MonitorSession::catalogReceived, this, &MainWindow::onCatalogReceived);
    connect(session, &MonitorSession::qmtBridgeChanged, this, &MainWindow::onQmtBridgeChanged);
    connect(session, &MonitorSession::statsChanged, this, &MainWindow::onStatsChanged);
    connect(session, &MonitorSession::errorOccurred, this, &MainWindow::showError);

    createActions();
    createDocks();
    applyColorConvention();
    onQmtBridgeChanged(); // the bridge of the command line or the settings
    // The chosen period; the chart shows ticks while the selected symbol has no bars (not quoted by the bridge).
    m_chart->setPeriod(workspace.chartPeriod);
    m_tabs->setLists(workspace.lists, workspace.currentList);
    // Start with a symbol selected so the order book and the chart have something to show.
    if (WatchlistView* view = m_tabs->currentView()) {
        if (view->model()->rowCount() > 0)
            view->setCurrentIndex(view->model()->index(0, 0));
    }

    resize(1360, 780);
    if (!workspace.windowGeometry.isEmpty())
        restoreGeometry(workspace.windowGeometry);
    if (!workspace.windowState.isEmpty())
        restoreState(workspace.windowState);
    if (!m_settings->loadWarning().isEmpty())
        showWarning(tr("Settings"), m_settings->loadWarning());
}

MainWindow::~MainWindow()
{
    // The dialog refers to m_search: destroy it first.
    delete m_addDialog;
    // The chart refers to the formula client (not owned): detach it before either goes.
    m_chart->setFormulaClient(nullptr);
    m_chart->setBarClient(nullptr);
}

QString MainWindow::feedName(const QString& id) const
{
    if (id == u"qmt")
        return tr("QMT Bridge");
    if (id == u"simulator")
        return tr("Simulator");
    if (id == u"alltick")
        return tr("AllTick");
    return id;
}

QString MainWindow::feedLabel(const QString& code) const
{
    const QString id = m_session->feedFor(code);
    if (id == u"qmt")
        return tr("QMT Bridge");
    if (id == u"simulator")
        return Markets::isStockCode(code) ? tr("Simulator (stocks)") : tr("Simulator (forex/crypto)");
    return SymbolSearch::defaultFeedLabel(code);
}

void MainWindow::openAddSymbolDialog(const QString& query)
{
    if (!m_addDialog) {
        m_addDialog = new AddSymbolDialog(m_search.get(), m_chinese, this);
        m_addDialog->setFeedLabeler([this](const QString& code) { return feedLabel(code); });
        connect(m_addDialog, &AddSymbolDialog::symbolsChosen, this, [this](const QStringList& codes) {
            // A feed picked in the dialog overrides the routing for these codes; Automatic clears an override.
            QHash<QString, QString> overrides = m_session->feedOverrides();
            const QString feed = m_addDialog->chosenFeed();
            for (const QString& code : codes) {
                if (feed.isEmpty())
                    overrides.remove(code);
                else
                    overrides.insert(code, feed);
            }
            if (overrides != m_session->feedOverrides()) {
                m_session->setFeedOverrides(overrides);
                updateChartBars();
            }
            m_tabs->addToCurrent(codes);
            if (WatchlistView* view = m_tabs->currentView())
                m_addDialog->setExistingSymbols(view->watchlistModel()->symbols());
        });
    }
    QList<QPair<QString, QString>> feeds;
    for (const QString& id : m_session->feedIds())
        feeds.append({id, feedName(id)});
    m_addDialog->setFeedChoices(feeds);
    const WatchlistView* view = m_tabs->currentView();
    m_addDialog->setExistingSymbols(view ? view->watchlistModel()->symbols() : QStringList());
    m_addDialog->setQuery(query);
    m_addDialog->show();
    m_addDialog->raise();
    m_addDialog->activateWindow();
}

Workspace MainWindow::workspace() const
{
    Workspace w;
    w.lists = m_tabs->lists();
    w.currentList = m_tabs->currentIndex();
    w.windowGeometry = saveGeometry();
    w.windowState = saveState();
    w.feedOverrides = m_session->feedOverrides();
    w.chartPeriod = m_chart->period();
    return w;
}

void MainWindow::createActions()
{
    m_toolBar = addToolBar(tr("Main"));
    m_toolBar->setObjectName(u"MainToolBar"_s);
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    QAction* add = new QAction(tr("&Add symbol..."), this);
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    add->setStatusTip(tr("Search symbols by code, name or pinyin initials and add them to this watchlist"));
    connect(add, &QAction::triggered, this, [this] { openAddSymbolDialog(); });
    QAction* newList = new QAction(tr("&New watchlist"), this);
    newList->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(newList, &QAction::triggered, m_tabs, &WatchlistTabs::newList);
    QAction* exportAction = new QAction(tr("&Export snapshot..."), this);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setStatusTip(tr("Write the current watchlist to a CSV file"));
    connect(exportAction, &QAction::triggered, this, &MainWindow::exportSnapshot);

    m_toolBar->addAction(add);
    m_toolBar->addAction(newList);
    m_toolBar->addSeparator();
    m_toolBar->addAction(exportAction);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(exportAction);
    file->addSeparator();
    file->addAction(tr("&Import watchlist..."), this, &MainWindow::importWatchlist);
    file->addAction(tr("Export &watchlist codes..."), this, &MainWindow::exportWatchlist);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* lists = menuBar()->addMenu(tr("&Watchlist"));
    lists->addAction(add);
    lists->addAction(newList);
    lists->addAction(tr("&Rename watchlist..."), this, [this] { m_tabs->renameList(m_tabs->currentIndex()); });
    lists->addAction(tr("&Delete watchlist..."), this, [this] { m_tabs->deleteList(m_tabs->currentIndex()); });
    lists->addSeparator();
    m_wholeMarketAction = lists->addAction(tr("New &whole-market list..."), this, &MainWindow::openWholeMarketDialog);
    lists->setToolTipsVisible(true);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QMenu* colours = m_viewMenu->addMenu(tr("Price &colours"));
    auto* group = new QActionGroup(this);
    const struct
    {
        Settings::ColorConvention convention;
        QString text;
    } choices[] = {
        {Settings::ColorConvention::Auto, tr("By language (red up in Chinese, green up in English)")},
        {Settings::ColorConvention::RedUp, tr("Red up, green down")},
        {Settings::ColorConvention::GreenUp, tr("Green up, red down")},
    };
    for (const auto& choice : choices) {
        QAction* action = colours->addAction(choice.text);
        action->setCheckable(true);
        action->setChecked(m_settings->colorConvention() == choice.convention);
        group->addAction(action);
        const Settings::ColorConvention convention = choice.convention;
        connect(action, &QAction::triggered, this, [this, convention] {
            m_settings->setColorConvention(convention);
            applyColorConvention();
        });
    }
    QAction* flash = m_viewMenu->addAction(tr("&Flash price changes"));
    flash->setCheckable(true);
    flash->setChecked(m_settings->flashOnChange());
    connect(flash, &QAction::toggled, this, [this](bool on) {
        m_settings->setFlashOnChange(on);
        m_tabs->setFlashEnabled(on);
    });
    m_viewMenu->addSeparator();

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    tools->setToolTipsVisible(true);
    m_downloadAction = tools->addAction(tr("&Download history..."), this, [this] { openDownloadHistory(); });
    m_downloadAction->setStatusTip(tr("Have the QMT Bridge download K-line history for the current watchlist"));
    tools->addSeparator();
    tools->addAction(tr("&QMT Bridge settings..."), this, [this] { openQmtSettings(); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About QuoteMonitor"), this, &MainWindow::showAbout);
}

QDockWidget* MainWindow::addDock(QWidget* content, const QString& title, const QString& objectName,
                                 Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(title, this);
    // Menu texts treat '&' as a mnemonic marker; dock titles show it as is.
    dock->toggleViewAction()->setText(QString(title).replace(u'&', u"&&"_s));
    dock->setObjectName(objectName); // saveState() keys the layout by object name
    dock->setWidget(content);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable |
                      QDockWidget::DockWidgetFloatable);
    addDockWidget(area, dock);
    m_viewMenu->addAction(dock->toggleViewAction());
    return dock;
}

void MainWindow::createDocks()
{
    const QLocale locale(m_chinese ? QLocale::Chinese : QLocale::English,
                         m_chinese ? QLocale::China : QLocale::UnitedStates);
    m_book = new OrderBookWidget(m_session->store(), this);
    m_book->setChineseNames(m_chinese);
    m_book->setDisplayLocale(locale);
    m_sales = new TimeSalesWidget(m_session->store(), m_tape, this);
    m_sales->setChineseNames(m_chinese);
    m_sales->setDisplayLocale(locale);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_book->setMinimumWidth(30 * digit);
    m_sales->setMinimumWidth(36 * digit);
    // Sizes are shown in each feed's own unit: the QMT Bridge sends lots (手), AllTick shares.
    m_book->model()->setSizeUnits(SizeUnits::forKnownFeeds());
    m_sales->model()->setSizeUnits(SizeUnits::forKnownFeeds());
    addDock(m_book, tr("Order book"), u"OrderBookDock"_s, Qt::RightDockWidgetArea);
    addDock(m_sales, tr("Time & sales"), u"TimeSalesDock"_s, Qt::RightDockWidgetArea);
    // Tick chart under the watchlist, fed by its own bounded per-symbol tick buffers.
    m_ticks = new TickHistory(m_session->store(), this);
    m_chart = new TickChartWidget(m_session->store(), m_ticks, this);
    m_chart->setChineseNames(m_chinese);
    m_chart->setDisplayLocale(locale);
    m_chart->setMinimumHeight(12 * fontMetrics().height());
    // The right-hand docks (order book, time & sales) keep the full height; the chart sits under the watchlist.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    QDockWidget* chartDock = addDock(m_chart, tr("Tick chart"), u"TickChartDock"_s, Qt::BottomDockWidgetArea);
    resizeDocks({chartDock}, {22 * fontMetrics().height()}, Qt::Vertical);

    // QMT Bridge panels, hidden until the user opens them from the View menu: the Level-2 book tabbed with the order
    // book (and brought to the front when opened), the trade events beside the chart, where its columns fit.
    m_deepBook = new DeepBookWidget(this);
    m_deepBook->setDisplayLocale(locale);
    m_deepBook->setMinimumWidth(44 * digit);
    m_l2 = new QmtL2Client(this);
    m_deepBook->attachClient(m_l2);
    connect(m_l2, &QmtL2Client::notAvailable, this, [this] { m_l2Refused = true; });
    QDockWidget* orderBookDock = findChild<QDockWidget*>(u"OrderBookDock"_s, Qt::FindDirectChildrenOnly);
    m_deepBookDock = addDock(m_deepBook, tr("Deep book (L2)"), u"DeepBookDock"_s, Qt::RightDockWidgetArea);
    tabifyDockWidget(orderBookDock, m_deepBookDock);
    orderBookDock->raise();
    m_deepBookDock->hide();
    connect(m_deepBookDock->toggleViewAction(), &QAction::triggered, m_deepBookDock, [this](bool on) {
        if (on)
            m_deepBookDock->raise();
    });
    // Level-2 books are large: stream them only while the dock can be seen.
    connect(m_deepBookDock, &QDockWidget::visibilityChanged, this, [this] { restartDeepBook(); });

    m_tradeEvents = new TradeEventsWidget(this);
    m_tradeEvents->setMinimumWidth(36 * digit);
    m_trade = new QmtTradeClient(this);
    m_tradeEvents->attachClient(m_trade);
    QDockWidget* tradeDock = addDock(m_tradeEvents, tr("Trade events"), u"TradeEventsDock"_s, Qt::BottomDockWidgetArea);
    splitDockWidget(chartDock, tradeDock, Qt::Horizontal);
    // Its size is set when it is first opened (a hidden dock cannot be sized).
    connect(
        tradeDock->toggleViewAction(), &QAction::triggered, tradeDock,
        [this, tradeDock, digit](bool on) {
            if (on)
                resizeDocks({tradeDock}, {64 * digit}, Qt::Horizontal);
        },
        Qt::SingleShotConnection);
    tradeDock->hide();
}

void MainWindow::applyColorConvention()
{
    const bool redUp = Settings::isRedUp(m_settings->colorConvention(), m_uiLanguage);
    const DirectionPalette palette = DirectionPalette::forConvention(redUp ? DirectionPalette::Convention::RedUp
                                                                           : DirectionPalette::Convention::GreenUp);
    m_tabs->setDirectionPalette(palette);
    m_book->setDirectionPalette(palette);
    m_sales->setDirectionPalette(palette);
    m_chart->setDirectionPalette(palette);
    m_deepBook->setDirectionPalette(palette);
}

void MainWindow::onSymbolsChanged()
{
    m_session->setSymbols(m_tabs->allSymbols());
    if (WatchlistView* view = m_tabs->currentView())
        m_session->setSnapshotSymbols(view->watchlistModel()->symbols());
}

void MainWindow::onCurrentSymbolChanged(const QString& code)
{
    if (code.isEmpty())
        return; // keep showing the last symbol rather than blanking the panels
    m_book->setSymbol(code);
    m_sales->setSymbol(code);
    m_chart->setSymbol(code);
    if (code != m_currentCode) {
        m_currentCode = code;
        restartDeepBook();
        updateChartBars();
    }
}

void MainWindow::onStatsChanged(const QList<ConnectionStats>& stats)
{
    m_status->setStats(stats);
    const bool connected = std::any_of(stats.cbegin(), stats.cend(), [](const ConnectionStats& s) {
        return s.state == ConnectionStats::State::Connected;
    });
    m_tabs->setConnectedSources(connected ? QSet<QString>{m_session->sourceId()} : QSet<QString>());
}

QString MainWindow::chooseFileDir() const
{
    const QString dir = m_settings->lastExportDir();
    return dir.isEmpty() || !QFileInfo(dir).isDir() ? QDir::homePath() : dir;
}

void MainWindow::exportSnapshot()
{
    const QString name = u"quotes-%1.csv"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s));
    auto* dialog =
        new QFileDialog(this, tr("Export snapshot"), QDir(chooseFileDir()).filePath(name), tr("CSV files (*.csv)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        m_settings->setLastExportDir(QFileInfo(path).absolutePath());
        exportSnapshotTo(path);
    });
    dialog->open();
}

bool MainWindow::exportSnapshotTo(const QString& path)
{
    // The current watchlist, in the order it is displayed.
    if (WatchlistView* view = m_tabs->currentView()) {
        QStringList codes;
        for (int row = 0; row < view->sortProxy()->rowCount(); ++row)
            codes.append(view->sortProxy()->index(row, 0).data(WatchlistModel::CodeRole).toString());
        m_session->setSnapshotSymbols(codes);
    }
    QString error;
    if (!m_session->writeSnapshot(path, &error)) {
        showWarning(tr("Export failed"), error);
        return false;
    }
    statusBar()->showMessage(
        tr("Snapshot of %n symbol(s) written to %1", nullptr, int(m_session->snapshotSymbols().size()))
            .arg(QDir::toNativeSeparators(path)),
        8000);
    return true;
}

void MainWindow::importWatchlist()
{
    auto* dialog =
        new QFileDialog(this, tr("Import watchlist"), chooseFileDir(), tr("Code lists (*.txt *.csv);;All files (*)"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            showWarning(tr("Import failed"),
                        tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
            return;
        }
        QStringList invalid;
        const QStringList codes = WorkspaceStore::parseCodes(file.readAll(), &invalid);
        if (codes.isEmpty()) {
            showWarning(tr("Import failed"), tr("%1 holds no symbol codes.").arg(QDir::toNativeSeparators(path)));
            return;
        }
        m_tabs->createList(QFileInfo(path).completeBaseName(), codes);
        QString message =
            tr("Imported %n symbol(s) from %1", nullptr, int(codes.size())).arg(QFileInfo(path).fileName());
        if (!invalid.isEmpty())
            message += u' ' + tr("(skipped %n invalid entr(y/ies): %1)", nullptr, int(invalid.size()))
                                  .arg(invalid.mid(0, 5).join(u", "_s));
        statusBar()->showMessage(message, 10000);
    });
    dialog->open();
}

void MainWindow::exportWatchlist()
{
    WatchlistView* view = m_tabs->currentView();
    if (!view)
        return;
    const QString name = m_tabs->tabText(m_tabs->currentIndex()) + u".txt"_s;
    auto* dialog = new QFileDialog(this, tr("Export watchlist codes"), QDir(chooseFileDir()).filePath(name),
                                   tr("Text files (*.txt)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"txt"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QStringList codes = view->watchlistModel()->symbols();
    connect(dialog, &QFileDialog::fileSelected, this, [this, codes](const QString& path) {
        QString error;
        if (!WorkspaceStore::writeCodes(path, codes, &error))
            showWarning(tr("Export failed"), error);
        else
            statusBar()->showMessage(
                tr("%n code(s) written to %1", nullptr, int(codes.size())).arg(QDir::toNativeSeparators(path)), 8000);
    });
    dialog->open();
}

void MainWindow::showError(const QString& message)
{
    statusBar()->showMessage(message, 15000);
}

void MainWindow::showWarning(const QString& title, const QString& message)
{
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showAbout()
{
    auto* box = new QMessageBox(QMessageBox::Information, tr("About QuoteMonitor"),
                                tr("<h3>QuoteMonitor %1</h3><p>Real-time quotes from AllTick and QMT Bridge.</p>"
                                   "<p>Without a configured feed it runs on its built-in simulator.</p>")
                                    .arg(QCoreApplication::applicationVersion()),
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_store) {
        QString error;
        if (!m_store->save(workspace(), &error))
            std::fputs(qUtf8Printable(tr("Could not save the workspace: %1").arg(error) + u'\n'), stderr);
    }
    m_settings->sync();
    event->accept();
}
