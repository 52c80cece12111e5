// The main window's QMT Bridge side against a real QmtSimServer (on its own thread), offscreen: the deep book dock
// (levels, the v2.8.0 403 shown once and never retried, symbol switches), the trade events dock (with and without an
// API key, the key never shown), Tools > Download history..., Tools > QMT Bridge settings... (URL persisted, key
// only when remembered, file 0600, the session restarted) and Watchlist > New whole-market list....
#include "DeepBookModel.h"
#include "DeepBookWidget.h"
#include "DownloadHistoryDialog.h"
#include "MainWindow.h"
#include "MonitorSession.h"
#include "QmtSettingsDialog.h"
#include "QuoteStore.h"
#include "TickChartWidget.h"
#include "TradeEventsModel.h"
#include "TradeEventsWidget.h"
#include "WatchlistModel.h"
#include "WatchlistTabs.h"
#include "WatchlistView.h"
#include "feed/QmtDownloadClient.h"
#include "feed/QmtL2Client.h"
#include "feed/QmtTradeClient.h"
#include "settings/Settings.h"
#include "sim/QmtSimServer.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
constexpr auto ApiKey = "k-7f3e-secret";
constexpr int Slow = 15000; // generous timeouts for loaded CI machines
} // namespace

class tst_QmtUi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void deepBookShowsLevelsAndFollowsTheSelection();
    void deepBookNotAvailableOnV280IsTriedOnce();
    void tradeEventsWithAGoodKey();
    void tradeEventsWithoutAKeySayHowToSetOne();
    void downloadHistoryOpensPrefilled();
    void settingsRoundTrip();
    void wholeMarketListFromTheCatalog();
    void unknownCodeMarkedInTheWatchlist();

private:
    void startSim(const QmtSimServer::Config& config = QmtSimServer::Config());
    void startWindow(bool withBridge, const QString& apiKey = QString());
    QUrl simUrl() const { return QUrl(u"ws://127.0.0.1:%1"_s.arg(m_sim->port())); }
    QDockWidget* dock(const QString& name) const
    {
        return m_window->findChild<QDockWidget*>(name, Qt::FindDirectChildrenOnly);
    }
    void selectRow(int row);
    // Every text the window shows (labels, line edits in display mode, window titles, status bar), for leak checks.
    QString visibleTexts() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MonitorSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    QThread* m_simThread = nullptr;
    QmtSimServer* m_sim = nullptr;
};

void tst_QmtUi::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(m_dir->filePath(u"quotemonitor.ini"_s));
}

void tst_QmtUi::cleanup()
{
    m_window.reset();
    if (m_session)
        m_session->shutdown();
    m_session.reset();
    m_settings.reset();
    if (m_simThread) {
        connect(m_simThread, &QThread::finished, m_sim, &QObject::deleteLater);
        m_simThread->quit();
        m_simThread->wait();
        delete m_simThread;
        m_simThread = nullptr;
        m_sim = nullptr;
    }
    m_dir.reset();
}

void tst_QmtUi::startSim(const QmtSimServer::Config& config)
{
    m_sim = new QmtSimServer(config);
    QVERIFY(m_sim->listen());
    m_simThread = new QThread;
    m_sim->moveToThread(m_simThread);
    m_simThread->start();
}

void tst_QmtUi::startWindow(bool withBridge, const QString& apiKey)
{
    AppOptions options;
    options.demo = true; // everything but A-shares on the built-in simulator
    options.lang = u"en"_s;
    if (withBridge) {
        options.qmtUrl = simUrl();
        options.qmtApiKey = apiKey;
    }
    m_session = std::make_unique<MonitorSession>(options, m_settings.get());
    QString error;
    QVERIFY2(m_session->start(&error), qPrintable(error));
    Workspace workspace;
    workspace.lists = {Watchlist{u"A-shares"_s, {u"600519.SH"_s, u"000001.SZ"_s, u"AAPL.US"_s}, {}}};
    workspace.currentList = 0;
    m_window = std::make_unique<MainWindow>(m_session.get(), m_settings.get(), nullptr, workspace, u"en"_s);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_QmtUi::selectRow(int row)
{
    WatchlistView* view = m_window->watchlists()->currentView();
    QVERIFY(view);
    view->setCurrentIndex(view->model()->index(row, 0));
}

QString tst_QmtUi::visibleTexts() const
{
    QStringList texts;
    for (const QLabel* label : m_window->findChildren<QLabel*>())
        texts.append(label->text());
    for (const QWidget* widget : m_window->findChildren<QWidget*>())
        texts.append(widget->windowTitle() + widget->toolTip() + widget->statusTip());
    for (const QAction* action : m_window->findChildren<QAction*>())
        texts.append(action->text() + action->toolTip() + action->statusTip());
    return texts.join(u'\n');
}

void tst_QmtUi::deepBookShowsLevelsAndFollowsTheSelection()
{
    startSim();
    startWindow(true);
    QDockWidget* deepDock = dock(u"DeepBookDock"_s);
    QVERIFY(deepDock);
    QVERIFY(deepDock->isHidden()); // hidden by default
    QVERIFY(m_window->findChild<QDockWidget*>(u"TradeEventsDock"_s)->isHidden());
    QCOMPARE(deepDock->toggleViewAction()->text(), u"Deep book (L2)"_s);
    // Nothing is streamed while the dock is closed.
    QCOMPARE(m_window->l2Client()->state(), QmtL2Client::State::Idle);

    // Opened from the View menu, it comes to the front of its tab group.
    deepDock->toggleViewAction()->trigger();
    QVERIFY(deepDock->isVisible());
    QCOMPARE(m_window->tabifiedDockWidgets(deepDock).value(0), dock(u"OrderBookDock"_s));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->l2Client()->code(), u"600519.SH"_s, Slow);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->deepBook()->model()->rowCount() >= 20, Slow);
    QVERIFY(!m_window->deepBook()->isNotAvailableShown());
    QVERIFY(m_sim->lastFirstMessage(u"/ws/l2_thousand"_s).contains("600519.SH"));

    // Another A-share restarts the stream for it.
    selectRow(1);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->l2Client()->code(), u"000001.SZ"_s, Slow);
    QTRY_VERIFY_WITH_TIMEOUT(m_sim->lastFirstMessage(u"/ws/l2_thousand"_s).contains("000001.SZ"), Slow);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->deepBook()->model()->rowCount() >= 20, Slow);

    // A symbol the bridge does not quote: the client stops and the dock says why.
    selectRow(2);
    QTRY_COMPARE(m_window->l2Client()->state(), QmtL2Client::State::Idle);
    QVERIFY(m_window->deepBook()->isNotAvailableShown());
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->connectionCount(u"/ws/l2_thousand"_s), 0, Slow);
}

void tst_QmtUi::deepBookNotAvailableOnV280IsTriedOnce()
{
    QmtSimServer::Config config;
    config.quirksV280 = true;
    startSim(config);
    startWindow(true);
    QDockWidget* deepDock = dock(u"DeepBookDock"_s);
    QSignalSpy notAvailable(m_window->l2Client(), &QmtL2Client::notAvailable);
    deepDock->show();
    deepDock->raise();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->deepBook()->isNotAvailableShown(), Slow);
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->rejectedHandshakes(u"/ws/l2_thousand"_s), 1, Slow);
    // Switching symbols and hiding/showing the dock does not knock again: the server has no such route.
    selectRow(1);
    deepDock->hide();
    deepDock->show();
    QTest::qWait(1500); // proving that nothing more happens
    QCOMPARE(m_sim->rejectedHandshakes(u"/ws/l2_thousand"_s), 1);
    QCOMPARE(notAvailable.count(), 1);
    QVERIFY(m_window->deepBook()->isNotAvailableShown());
}

void tst_QmtUi::tradeEventsWithAGoodKey()
{
    QmtSimServer::Config config;
    config.tradingEnabled = true;
    config.apiKey = QString::fromLatin1(ApiKey);
    startSim(config);
    startWindow(true, QString::fromLatin1(ApiKey));
    QDockWidget* tradeDock = dock(u"TradeEventsDock"_s);
    QVERIFY(tradeDock);
    tradeDock->show();
    tradeDock->raise();
    QCOMPARE(m_window->dockWidgetArea(tradeDock), Qt::BottomDockWidgetArea);
    // The client runs whether or not the dock is shown (events are a log of the session).
    QTRY_COMPARE_WITH_TIMEOUT(m_window->tradeClient()->state(), QmtTradeClient::State::Connected, Slow);
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->connectionCount(u"/ws/trade"_s), 1, Slow);
    QMetaObject::invokeMethod(
        m_sim, [this] { m_sim->simulateOrder(u"600519.SH"_s); }, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->tradeEvents()->model()->rowCount() >= 3, Slow);
    QCOMPARE(m_sim->rejectedHandshakes(u"/ws/trade"_s), 0);
    QVERIFY(!visibleTexts().contains(QString::fromLatin1(ApiKey)));
    QVERIFY(!m_window->tradeEvents()->statusText().contains(QString::fromLatin1(ApiKey)));
}

void tst_QmtUi::tradeEventsWithoutAKeySayHowToSetOne()
{
    QmtSimServer::Config config;
    config.tradingEnabled = true;
    config.apiKey = QString::fromLatin1(ApiKey);
    startSim(config);
    startWindow(true);
    QCOMPARE(m_window->tradeClient()->state(), QmtTradeClient::State::Idle);
    const QString status = m_window->tradeEvents()->statusText();
    QVERIFY2(status.contains(u"API key"_s) && status.contains(u"QMT Bridge settings"_s) &&
                 status.contains(u"--qmt-api-key"_s),
             qPrintable(status));
    QTest::qWait(300); // proving that nothing connects
    QCOMPARE(m_sim->connectionCount(u"/ws/trade"_s), 0);
    QCOMPARE(m_sim->rejectedHandshakes(u"/ws/trade"_s), 0);
}

void tst_QmtUi::downloadHistoryOpensPrefilled()
{
    startSim();
    startWindow(true);
    QVERIFY(m_window->downloadHistoryAction()->isEnabled());
    m_window->downloadHistoryAction()->trigger();
    auto* dialog = m_window->findChild<DownloadHistoryDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->symbols(), (QStringList{u"600519.SH"_s, u"000001.SZ"_s})); // AAPL.US left out
    auto* client = dialog->findChild<QmtDownloadClient*>();
    QVERIFY(client);
    QCOMPARE(client->baseUrl(), simUrl());
    QVERIFY(dialog->start());
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), QmtDownloadClient::State::Done, Slow);
    QCOMPARE(client->summary().ok, 2);
}

void tst_QmtUi::settingsRoundTrip()
{
    startSim();
    startWindow(false); // no bridge yet
    QVERIFY(!m_window->downloadHistoryAction()->isEnabled());
    QVERIFY(!m_window->wholeMarketAction()->isEnabled());
    QVERIFY(!m_window->wholeMarketAction()->toolTip().isEmpty());
    QVERIFY(m_window->deepBook()->isNotAvailableShown());
    QVERIFY(m_window->tradeEvents()->statusText().contains(u"No QMT Bridge"_s));
    QVERIFY(!m_session->feedIds().contains(u"qmt"_s));
    QVERIFY(!m_window->tickChart()->formulaClient());

    QSignalSpy changed(m_session.get(), &MonitorSession::qmtBridgeChanged);
    QmtSettingsDialog* dialog = m_window->openQmtSettings();
    QVERIFY(dialog);
    QCOMPARE(dialog->keyEdit()->echoMode(), QLineEdit::Password);
    QPushButton* ok = dialog->buttons()->button(QDialogButtonBox::Ok);
    for (const QString& bad : {u"http://127.0.0.1:8000"_s, u"ws://127.0.0.1"_s, u"ws://:8000"_s,
                               u"ws://127.0.0.1:8000/ws/realtime"_s, u"not a url"_s}) {
        dialog->urlEdit()->setText(bad);
        QVERIFY2(!ok->isEnabled(), qPrintable(bad));
    }
    dialog->urlEdit()->setText(simUrl().toString() + u'/');
    QVERIFY(ok->isEnabled());
    dialog->keyEdit()->setText(QString::fromLatin1(ApiKey));
    QVERIFY(!dialog->rememberKey());
    ok->click();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_session->qmtUrl(), simUrl());
    QCOMPARE(m_session->qmtApiKey(), QString::fromLatin1(ApiKey));
    QCOMPARE(m_session->feedFor(u"600519.SH"_s), u"qmt"_s);
    QVERIFY(m_window->downloadHistoryAction()->isEnabled());
    QVERIFY(m_window->tickChart()->formulaClient());
    QCOMPARE(m_window->tickChart()->formulaClient()->baseUrl(), simUrl());
    // The A-shares are now quoted by the bridge, and its stock lists arrive.
    QTRY_VERIFY_WITH_TIMEOUT(m_sim->lastFirstMessage(u"/ws/realtime"_s).contains("600519.SH"), Slow);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->wholeMarketAction()->isEnabled(), Slow);

    // The URL is persisted, the key is not.
    QFile file(m_settings->fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray text = file.readAll();
    file.close();
    QVERIFY(text.contains(simUrl().toString().toLatin1()));
    QVERIFY(!text.contains(ApiKey));
    {
        Settings reread(m_settings->fileName());
        QCOMPARE(reread.qmtUrl(), simUrl());
        QVERIFY(reread.qmtApiKey().isEmpty());
    }

    // Remember: stored, and the file is the owner's only.
    dialog = m_window->openQmtSettings();
    QCOMPARE(dialog->url(), simUrl());
    QCOMPARE(dialog->apiKey(), QString::fromLatin1(ApiKey));
    dialog->rememberBox()->setChecked(true);
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(changed.count(), 1); // same bridge and key: nothing restarted
    QVERIFY(file.open(QIODevice::ReadOnly));
    text = file.readAll();
    file.close();
    QVERIFY(text.contains(ApiKey));
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                            QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    QCOMPARE(file.permissions() & others, QFileDevice::Permissions());
    {
        Settings reread(m_settings->fileName());
        QCOMPARE(reread.qmtApiKey(), QString::fromLatin1(ApiKey));
    }

    // Unticking forgets it; an empty address turns the bridge off.
    dialog = m_window->openQmtSettings();
    QVERIFY(dialog->rememberKey());
    dialog->rememberBox()->setChecked(false);
    dialog->urlEdit()->clear();
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(changed.count(), 2);
    QVERIFY(m_session->qmtUrl().isEmpty());
    QVERIFY(!m_session->feedIds().contains(u"qmt"_s));
    QCOMPARE(m_session->feedFor(u"600519.SH"_s), m_session->sourceId());
    QVERIFY(!m_window->downloadHistoryAction()->isEnabled());
    QVERIFY(!m_window->wholeMarketAction()->isEnabled());
    QVERIFY(!m_window->tickChart()->formulaClient());
    QVERIFY(file.open(QIODevice::ReadOnly));
    text = file.readAll();
    QVERIFY(!text.contains(ApiKey));
    QVERIFY(!visibleTexts().contains(QString::fromLatin1(ApiKey)));
}

void tst_QmtUi::wholeMarketListFromTheCatalog()
{
    QmtSimServer::Config config;
    config.wholeMarketSymbols = 300;
    startSim(config);
    startWindow(true);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->wholeMarketAction()->isEnabled(), Slow);
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_window->catalogCodes(Market::SH).isEmpty() && !m_window->catalogCodes(Market::SZ).isEmpty(), Slow);
    const QStringList sh = m_window->catalogCodes(Market::SH);
    const QStringList sz = m_window->catalogCodes(Market::SZ);
    for (const QString& code : sh)
        QVERIFY2(code.endsWith(u".SH"_s), qPrintable(code));

    const int tabs = m_window->watchlists()->count();
    m_window->wholeMarketAction()->trigger();
    auto* dialog = m_window->findChild<QDialog*>(u"WholeMarketDialog"_s);
    QVERIFY(dialog);
    auto* shBox = dialog->findChild<QCheckBox*>(u"marketSH"_s);
    auto* szBox = dialog->findChild<QCheckBox*>(u"marketSZ"_s);
    QVERIFY(shBox && szBox);
    shBox->setChecked(true);
    szBox->setChecked(true);
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(m_window->watchlists()->count(), tabs + 1);
    WatchlistView* view = m_window->watchlists()->currentView();
    QVERIFY(view);
    QCOMPARE(view->watchlistModel()->symbols(), sh + sz);
    QVERIFY(m_session->symbols().contains(sh.last()));
    // More than 50 symbols: the feed streams the whole market.
    QTRY_VERIFY_WITH_TIMEOUT(m_sim->connectionCount(u"/ws/whole_quote"_s) > 0, Slow);
}

void tst_QmtUi::unknownCodeMarkedInTheWatchlist()
{
    // 123456.SH has the A-share shape but the bridge has no instrument detail for it (null): the row says so.
    startSim();
    startWindow(true);
    m_window->watchlists()->addToCurrent({u"123456.SH"_s});
    const WatchlistModel* model = m_window->watchlists()->currentView()->watchlistModel();
    const QModelIndex last = model->index(model->rowOf(u"123456.SH"_s), WatchlistModel::Last);
    QVERIFY(last.isValid());
    QTRY_COMPARE_WITH_TIMEOUT(last.data().toString(), u"unknown code"_s, 15000);
    QCOMPARE(m_session->store()->quote(u"123456.SH"_s)->availability, QuoteAvailability::UnknownCode);
    // A code the bridge knows shows its price, not a verdict.
    const QModelIndex moutai = model->index(model->rowOf(u"600519.SH"_s), WatchlistModel::Last);
    QTRY_VERIFY_WITH_TIMEOUT(!moutai.data().toString().isEmpty() && moutai.data().toString() != u"no data"_s, 15000);
}

QTEST_MAIN(tst_QmtUi)
#include "tst_qmtui.moc"
