// The main window on the in-process simulator, offscreen: the add-symbol dialog from every entry point, the colour
// convention switch reaching every panel, the workspace round trip (lists, order, columns, current tab, chart period),
// and the chart's bar periods following the selected symbol's feed (a QmtSimServer bridge next to the simulator).
#include "AddSymbolDialog.h"
#include "MainWindow.h"
#include "MonitorSession.h"
#include "OrderBookWidget.h"
#include "QuoteDelegate.h"
#include "QuoteStore.h"
#include "SymbolSearchModel.h"
#include "TickChartWidget.h"
#include "TickHistory.h"
#include "TimeSalesWidget.h"
#include "WatchlistModel.h"
#include "WatchlistTabs.h"
#include "WatchlistView.h"
#include "settings/Settings.h"
#include "sim/QmtSimServer.h"

#include <QAction>
#include <QCandlestickSeries>
#include <QDockWidget>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QToolButton>

#include <memory>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void quotesArriveFromTheSimulator();
    void addSymbolFromTheToolbarAction();
    void typeAnywhereOpensTheSearch();
    void colourConventionReachesEveryPanel();
    void tickChartFollowsTheSelection();
    void workspaceRoundTrip();
    void chartBarsFollowTheSelectedSymbolsFeed();

private:
    std::unique_ptr<MainWindow> makeWindow(const Workspace& workspace);
    QAction* findAction(QWidget* root, const QString& text) const;

    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MonitorSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    // chartBarsFollowTheSelectedSymbolsFeed: a QMT Bridge simulator on its own thread and a session using it.
    std::unique_ptr<MonitorSession> m_qmtSession;
    QThread* m_simThread = nullptr;
    QmtSimServer* m_sim = nullptr;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_settings = std::make_unique<Settings>(m_dir.filePath(u"quotemonitor.ini"_s));
    AppOptions options;
    options.demo = true;
    options.lang = u"en"_s;
    m_session = std::make_unique<MonitorSession>(options, m_settings.get());
    QString error;
    QVERIFY2(m_session->start(&error), qPrintable(error));
    QVERIFY(m_session->isSimulated());
}

void TestMainWindow::cleanupTestCase()
{
    m_window.reset();
    m_session->shutdown();
    m_session.reset();
}

std::unique_ptr<MainWindow> TestMainWindow::makeWindow(const Workspace& workspace)
{
    auto window = std::make_unique<MainWindow>(m_session.get(), m_settings.get(), nullptr, workspace, u"en"_s);
    window->show();
    return window;
}

void TestMainWindow::init()
{
    Workspace workspace;
    workspace.lists = {Watchlist{u"Core"_s, {u"AAPL.US"_s, u"700.HK"_s, u"EURUSD"_s}, {}},
                       Watchlist{u"A-shares"_s, {u"600519.SH"_s, u"000001.SZ"_s}, {}}};
    workspace.currentList = 0;
    m_window = makeWindow(workspace);
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    if (m_qmtSession)
        m_qmtSession->shutdown();
    m_qmtSession.reset();
    if (m_simThread) {
        connect(m_simThread, &QThread::finished, m_sim, &QObject::deleteLater);
        m_simThread->quit();
        m_simThread->wait();
        delete m_simThread;
        m_simThread = nullptr;
        m_sim = nullptr;
    }
}

QAction* TestMainWindow::findAction(QWidget* root, const QString& text) const
{
    const QList<QAction*> actions = root->findChildren<QAction*>();
    for (QAction* action : actions) {
        if (action->text().remove(u'&') == text)
            return action;
    }
    return nullptr;
}

void TestMainWindow::quotesArriveFromTheSimulator()
{
    const WatchlistView* view = m_window->watchlists()->currentView();
    QVERIFY(view);
    // The window tells the session what to subscribe; the simulator's quotes reach the store and the rows.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_session->store()->quote(u"AAPL.US"_s) && !m_session->store()->quote(u"AAPL.US"_s)->last.isNull(), 10000);
    const WatchlistModel* model = view->watchlistModel();
    const QModelIndex last = model->index(model->rowOf(u"AAPL.US"_s), WatchlistModel::Last);
    QTRY_VERIFY(!model->data(last).toString().isEmpty());
}

void TestMainWindow::addSymbolFromTheToolbarAction()
{
    QAction* add = findAction(m_window.get(), u"Add symbol..."_s);
    QVERIFY(add);
    QCOMPARE(add->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_N));
    add->trigger();
    AddSymbolDialog* dialog = m_window->addSymbolDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->query(), QString());

    dialog->setQuery(u"gzmt"_s); // pinyin initials of 贵州茅台
    QTRY_VERIFY(dialog->resultsModel()->rowCount() > 0);
    dialog->resultsView()->selectRow(0);
    QCOMPARE(dialog->selectedCodes(), QStringList{u"600519.SH"_s});
    dialog->addSelected();
    const WatchlistModel* model = m_window->watchlists()->currentView()->watchlistModel();
    QCOMPARE(model->symbols().last(), u"600519.SH"_s);
    QVERIFY(m_session->symbols().contains(u"600519.SH"_s));

    // Adding it again to the same list is refused inside the dialog.
    dialog->setQuery(u"600519"_s);
    QTRY_VERIFY(dialog->resultsModel()->rowCount() > 0);
    dialog->resultsView()->selectRow(0);
    dialog->addSelected();
    QVERIFY(dialog->messageIsError());
    QCOMPARE(model->symbols().count(u"600519.SH"_s), 1);
}

void TestMainWindow::typeAnywhereOpensTheSearch()
{
    WatchlistView* view = m_window->watchlists()->currentView();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_T);
    AddSymbolDialog* dialog = m_window->addSymbolDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->query(), u"t"_s);
}

void TestMainWindow::colourConventionReachesEveryPanel()
{
    const QColor red = DirectionPalette::forConvention(DirectionPalette::Convention::RedUp).up;
    const QColor green = DirectionPalette::forConvention(DirectionPalette::Convention::GreenUp).up;
    QVERIFY(red != green);
    const auto delegateUp = [this] {
        const auto* delegate = qobject_cast<QuoteDelegate*>(m_window->watchlists()->currentView()->itemDelegate());
        return delegate ? delegate->palette().up : QColor();
    };

    QAction* greenUp = findAction(m_window.get(), u"Green up, red down"_s);
    QVERIFY(greenUp);
    greenUp->trigger();
    QCOMPARE(m_settings->colorConvention(), Settings::ColorConvention::GreenUp);
    QCOMPARE(delegateUp(), green);
    QCOMPARE(m_window->orderBook()->directionPalette().up, green);
    QCOMPARE(m_window->timeAndSales()->directionPalette().up, green);
    QCOMPARE(m_window->tickChart()->directionPalette().up, green);

    QAction* redUp = findAction(m_window.get(), u"Red up, green down"_s);
    QVERIFY(redUp);
    redUp->trigger();
    QCOMPARE(delegateUp(), red);
    QCOMPARE(m_window->orderBook()->directionPalette().up, red);
    QCOMPARE(m_window->timeAndSales()->directionPalette().up, red);
    QCOMPARE(m_window->tickChart()->directionPalette().up, red);

    // The other list's view follows too (it exists already, in the second tab).
    m_window->watchlists()->setCurrentIndex(1);
    QCOMPARE(delegateUp(), red);

    // By language: English means green up.
    findAction(m_window.get(), u"By language (red up in Chinese, green up in English)"_s)->trigger();
    QCOMPARE(delegateUp(), green);
}

void TestMainWindow::tickChartFollowsTheSelection()
{
    // A dock with a stable name (saveState keys on it) and its toggle in the View menu.
    const auto* dock = m_window->findChild<QDockWidget*>(u"TickChartDock"_s);
    QVERIFY(dock);
    QCOMPARE(dock->widget(), m_window->tickChart());
    QVERIFY(findAction(m_window.get(), u"Tick chart"_s));
    TickChartWidget* chart = m_window->tickChart();
    // The first row is selected at start; the simulator's trades reach the chart.
    WatchlistView* view = m_window->watchlists()->currentView();
    const QString first = view->model()->index(0, 0).data(WatchlistModel::CodeRole).toString();
    QCOMPARE(chart->symbol(), first);
    QTRY_VERIFY_WITH_TIMEOUT(!chart->isEmptyStateShown() && chart->priceSeries()->count() > 0, 10000);
    QVERIFY(m_window->tickHistory()->count(first) > 0);
    // Selecting another row moves the chart with the order book and time & sales.
    view->setCurrentIndex(view->model()->index(1, 0));
    const QString second = view->model()->index(1, 0).data(WatchlistModel::CodeRole).toString();
    QCOMPARE(chart->symbol(), second);
    QCOMPARE(m_window->orderBook()->symbol(), second);
    QVERIFY(m_window->tickHistory()->isPinned(second));
    QVERIFY(!m_window->tickHistory()->isPinned(first));
}

void TestMainWindow::workspaceRoundTrip()
{
    WatchlistTabs* tabs = m_window->watchlists();
    tabs->setCurrentIndex(1);
    tabs->createList(u"Crypto"_s, {u"BTCUSDT"_s, u"ETHUSDT"_s});
    tabs->setCurrentIndex(2);
    WatchlistView* crypto = tabs->currentView();
    crypto->horizontalHeader()->hideSection(WatchlistModel::Turnover);
    crypto->horizontalHeader()->moveSection(WatchlistModel::Volume, WatchlistModel::Name + 1);
    tabs->setCurrentIndex(0);
    tabs->currentView()->watchlistModel()->moveSymbol(2, 0); // EURUSD first
    // The chart's period is chosen even while the selected symbol has no bars (no bridge here): it shows ticks.
    QCOMPARE(m_window->workspace().chartPeriod, u"tick"_s);
    m_window->tickChart()->setPeriod(u"1m"_s);
    QCOMPARE(m_window->tickChart()->shownPeriod(), u"tick"_s);

    const Workspace saved = m_window->workspace();
    QCOMPARE(saved.lists.size(), 3);
    QCOMPARE(saved.currentList, 0);
    QCOMPARE(saved.lists.at(0).symbols, (QStringList{u"EURUSD"_s, u"AAPL.US"_s, u"700.HK"_s}));
    QVERIFY(!saved.windowState.isEmpty());
    QCOMPARE(saved.chartPeriod, u"1m"_s);

    // Through the JSON file, as a restart would.
    WorkspaceStore store(m_dir.filePath(u"workspace.json"_s));
    QString error;
    QVERIFY2(store.save(saved, &error), qPrintable(error));
    Workspace loaded;
    QVERIFY2(store.load(&loaded, &error) == WorkspaceStore::LoadResult::Loaded, qPrintable(error));

    m_window.reset();
    m_window = makeWindow(loaded);
    WatchlistTabs* restored = m_window->watchlists();
    QCOMPARE(restored->count(), 3);
    QCOMPARE(restored->tabText(2), u"Crypto"_s);
    QCOMPARE(restored->currentIndex(), 0);
    QCOMPARE(restored->currentView()->watchlistModel()->symbols(),
             (QStringList{u"EURUSD"_s, u"AAPL.US"_s, u"700.HK"_s}));
    const QHeaderView* header = restored->viewAt(2)->horizontalHeader();
    QVERIFY(header->isSectionHidden(WatchlistModel::Turnover));
    QCOMPARE(header->visualIndex(WatchlistModel::Volume), WatchlistModel::Name + 1);
    // The period comes back; without bars for the selected symbol the chart falls back to ticks.
    const TickChartWidget* chart = m_window->tickChart();
    QCOMPARE(chart->period(), u"1m"_s);
    QCOMPARE(chart->shownPeriod(), u"tick"_s);
    QVERIFY(chart->periodButton(u"tick"_s)->isChecked());
    QVERIFY(!chart->periodButton(u"1m"_s)->isEnabled());
    QVERIFY(!chart->isBarMode());
    // The feeds serve every restored list.
    QVERIFY(m_session->symbols().contains(u"BTCUSDT"_s));
    QVERIFY(m_session->symbols().contains(u"600519.SH"_s));
}

void TestMainWindow::chartBarsFollowTheSelectedSymbolsFeed()
{
    // A QMT Bridge (the simulator's look-alike) quotes the A-share; the AllTick simulator quotes AAPL.US.
    m_window.reset();
    m_sim = new QmtSimServer;
    QVERIFY(m_sim->listen());
    m_simThread = new QThread;
    m_sim->moveToThread(m_simThread);
    m_simThread->start();
    AppOptions options;
    options.demo = true;
    options.lang = u"en"_s;
    options.qmtUrl = QUrl(u"ws://127.0.0.1:%1"_s.arg(m_sim->port()));
    m_qmtSession = std::make_unique<MonitorSession>(options, m_settings.get());
    QString error;
    QVERIFY2(m_qmtSession->start(&error), qPrintable(error));
    QCOMPARE(m_qmtSession->feedFor(u"600519.SH"_s), u"qmt"_s);
    QVERIFY(m_qmtSession->feedFor(u"AAPL.US"_s) != u"qmt"_s);
    Workspace workspace;
    workspace.lists = {Watchlist{u"Mixed"_s, {u"600519.SH"_s, u"AAPL.US"_s}, {}}};
    m_window = std::make_unique<MainWindow>(m_qmtSession.get(), m_settings.get(), nullptr, workspace, u"en"_s);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    TickChartWidget* chart = m_window->tickChart();
    QVERIFY(chart->barClient());
    WatchlistView* view = m_window->watchlists()->currentView();
    QToolButton* minute = chart->periodButton(u"1m"_s);
    QVERIFY(minute);

    // The first row (the bridge's A-share) is selected at start: bar periods are available.
    QCOMPARE(chart->symbol(), u"600519.SH"_s);
    QVERIFY(chart->barPeriodsAvailable());
    QVERIFY(minute->isEnabled());
    QCOMPARE(minute->toolTip(), u"1-minute candlesticks from the QMT Bridge"_s);

    // AAPL.US comes from the simulator, which sends trades only: the bar buttons are disabled and say why.
    view->setCurrentIndex(view->model()->index(1, 0));
    QCOMPARE(chart->symbol(), u"AAPL.US"_s);
    QVERIFY(!chart->barPeriodsAvailable());
    QVERIFY(!minute->isEnabled());
    QVERIFY(minute->toolTip().contains(u"AAPL.US"_s));
    QVERIFY(minute->toolTip().contains(u"QMT Bridge"_s));
    QVERIFY(chart->periodButton(u"tick"_s)->isChecked());

    // Back to the A-share, then 1m: candles from the bridge's history.
    view->setCurrentIndex(view->model()->index(0, 0));
    QVERIFY(chart->barPeriodsAvailable());
    QVERIFY(minute->isEnabled());
    minute->click();
    QCOMPARE(chart->shownPeriod(), u"1m"_s);
    QTRY_VERIFY_WITH_TIMEOUT(chart->isBarViewShown() && chart->candleSeries()->count() > 0, 15000);
    QVERIFY(chart->barsShown() > 0);
    QCOMPARE(chart->candleSeries()->count(), chart->barsShown());

    // Selecting the AllTick symbol again falls back to ticks and keeps 1m for the next bridge symbol.
    view->setCurrentIndex(view->model()->index(1, 0));
    QCOMPARE(chart->shownPeriod(), u"tick"_s);
    QCOMPARE(chart->period(), u"1m"_s);
    QVERIFY(!chart->isBarMode());
    QTRY_VERIFY(!chart->isBarViewShown());
    QCOMPARE(m_window->workspace().chartPeriod, u"1m"_s);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
