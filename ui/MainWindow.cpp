#include "MainWindow.h"

#include "FeedStatusBar.h"
#include "MonitorSession.h"
#include "QuoteDelegate.h"
#include "WatchlistModel.h"
#include "WatchlistView.h"
#include "settings/Settings.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(MonitorSession* session, Settings* settings, const QString& uiLanguage, QWidget* parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_settings(settings)
    , m_uiLanguage(uiLanguage)
    , m_model(new WatchlistModel(session->store(), this))
    , m_view(nullptr)
    , m_status(new FeedStatusBar(this))
{
    const bool chinese = uiLanguage.startsWith(u"zh");
    m_model->setChineseNames(chinese);
    m_model->setDisplayLocale(QLocale(chinese ? QLocale::Chinese : QLocale::English,
                                      chinese ? QLocale::China : QLocale::UnitedStates));
    m_model->setSymbols(session->symbols());
    m_view = new WatchlistView(m_model, this);
    setCentralWidget(m_view);

    setWindowTitle(session->isSimulated() ? tr("QuoteMonitor — Simulated data") : tr("QuoteMonitor"));
    statusBar()->addPermanentWidget(m_status);
    m_status->setSimulated(session->isSimulated());
    connect(session, &MonitorSession::statsChanged, m_status, &FeedStatusBar::setStats);
    connect(session, &MonitorSession::errorOccurred, this, &MainWindow::showError);

    createActions();
    applyColorConvention();

    resize(1280, 720);
    if (!m_settings->mainWindowGeometry().isEmpty())
        restoreGeometry(m_settings->mainWindowGeometry());
    if (!m_settings->mainWindowState().isEmpty())
        restoreState(m_settings->mainWindowState());
    if (!m_settings->watchlistHeaderState().isEmpty())
        m_view->horizontalHeader()->restoreState(m_settings->watchlistHeaderState());
    if (!m_settings->loadWarning().isEmpty())
        showError(m_settings->loadWarning());
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* exportAction = file->addAction(tr("&Export snapshot..."), this, &MainWindow::exportSnapshot);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setStatusTip(tr("Write the current watchlist to a CSV file"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QMenu* colours = view->addMenu(tr("Price &colours"));
    m_colorGroup = new QActionGroup(this);
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
        m_colorGroup->addAction(action);
        const Settings::ColorConvention convention = choice.convention;
        connect(action, &QAction::triggered, this, [this, convention] {
            m_settings->setColorConvention(convention);
            applyColorConvention();
        });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About QuoteMonitor"), this, &MainWindow::showAbout);
}

void MainWindow::applyColorConvention()
{
    const bool redUp = Settings::isRedUp(m_settings->colorConvention(), m_uiLanguage);
    m_view->quoteDelegate()->setPalette(DirectionPalette::forConvention(
        redUp ? DirectionPalette::Convention::RedUp : DirectionPalette::Convention::GreenUp));
    m_view->viewport()->update();
}

void MainWindow::exportSnapshot()
{
    QString dir = m_settings->lastExportDir();
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QDir::homePath();
    const QString name = u"quotes-%1.csv"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s));
    auto* dialog = new QFileDialog(this, tr("Export snapshot"), QDir(dir).filePath(name), tr("CSV files (*.csv)"));
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
    QString error;
    if (!m_session->writeSnapshot(path, &error)) {
        QMessageBox* box = new QMessageBox(QMessageBox::Warning, tr("Export failed"), error, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return false;
    }
    statusBar()->showMessage(tr("Snapshot of %n symbol(s) written to %1", nullptr, int(m_session->symbols().size()))
                                 .arg(QDir::toNativeSeparators(path)),
                             8000);
    return true;
}

void MainWindow::showError(const QString& message)
{
    statusBar()->showMessage(message, 15000);
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
    m_settings->setMainWindowGeometry(saveGeometry());
    m_settings->setMainWindowState(saveState());
    m_settings->setWatchlistHeaderState(m_view->horizontalHeader()->saveState());
    m_settings->sync();
    event->accept();
}
