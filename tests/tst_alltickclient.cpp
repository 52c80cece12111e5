// The AllTick client against the simulator over real loopback WebSockets, with short intervals.
#include "QuoteStore.h"
#include "UpdateBuffer.h"
#include "feed/AllTickConnection.h"
#include "feed/AllTickFeed.h"
#include "feed/AllTickFrameWorker.h"
#include "sim/SimServer.h"

#include <QMutex>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
const QString Token = u"SECRET-TOKEN-7f3a9c"_s;

QStringList g_logLines;
QMutex g_logMutex;
QtMessageHandler g_previousHandler = nullptr;
void captureMessages(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_logLines.append(message);
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

QString tradeFrame(const QString& code, int seq)
{
    return uR"({"cmd_id":22998,"data":{"code":"%1","seq":"%2","tick_time":"1700000000000","price":"%3.5","volume":"1"}})"_s
        .arg(code)
        .arg(seq)
        .arg(100 + seq % 1000);
}

AllTickConnection::Config fastConnection(const QUrl& url)
{
    AllTickConnection::Config c;
    c.url = url;
    c.heartbeatMs = 10000;
    c.deadAfterMs = 30000;
    c.requestSpacingMs = 200;
    c.debounceMs = 50;
    c.connectTimeoutMs = 2000;
    c.backoff = Backoff::Params{100, 400, 0.25};
    return c;
}

QList<SimServer::RequestRecord> requestsOf(const SimServer& server, int cmdId, const QString& pathPart = QString())
{
    QList<SimServer::RequestRecord> out;
    const auto all = server.requests();
    for (const SimServer::RequestRecord& r : all) {
        if (r.cmdId == cmdId && (pathPart.isEmpty() || r.path.contains(pathPart)))
            out.append(r);
    }
    return out;
}
} // namespace

class TestAllTickClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void subscribesPerFamilyAndReceivesQuotes();
    void listChangeResendsWholeList();
    void tenQuickAddsGiveOneMergedRequest();
    void requestsAreSpacedAtLeastTheMinimum();
    void heartbeatsCarryFreshIds();
    void deadLinkIsDetectedAndReconnected();
    void serverRestartResubscribesEverything();
    void emptiedListCancelsAndCloses();
    void retErrorsAreSurfaced();
    void rateViolationBacksOffToTheCap();
    void malformedFramesAreCountedAndSurvived();
    void burstWithMalformedFramesKeepsOrderAndCount();
    void workerDestroyedWithFramesPendingIsSafe();
    void connectionDestroyedWhileDecodingIsSafe();
    void handshakeTimeoutRetriesWithBackoff();
    void previousCloseComesFromDailyKline();
    void restBaseIsDerivedFromWebSocketUrl_data();
    void restBaseIsDerivedFromWebSocketUrl();
    void tokenNeverLeaks();

private:
    std::unique_ptr<SimServer> m_server;
    UpdateBuffer* m_buffer = nullptr;
};

void TestAllTickClient::initTestCase()
{
    g_previousHandler = qInstallMessageHandler(captureMessages);
}

void TestAllTickClient::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
    // Nothing logged during the whole run may contain the token.
    QMutexLocker lock(&g_logMutex);
    for (const QString& line : std::as_const(g_logLines))
        QVERIFY2(!line.contains(Token), "the token appeared in a log message");
}

void TestAllTickClient::init()
{
    SimServer::Config config;
    config.seed = 3;
    config.token = Token;
    config.minRequestSpacingMs = 150; // the client keeps 200 ms
    config.pushRate = 200;
    m_server = std::make_unique<SimServer>(config);
    QVERIFY(m_server->listen());
    m_buffer = new UpdateBuffer(this);
}

void TestAllTickClient::cleanup()
{
    delete m_buffer;
    m_buffer = nullptr;
    m_server.reset();
}

void TestAllTickClient::subscribesPerFamilyAndReceivesQuotes()
{
    AllTickFeed::Config config;
    config.stockUrl = m_server->stockUrl(QString());
    config.generalUrl = m_server->generalUrl(QString());
    config.token = Token;
    config.connection = fastConnection(QUrl());
    AllTickFeed feed(config, m_buffer);
    feed.setSymbols({u"700.HK"_s, u"AAPL.US"_s, u"EURUSD"_s, u"600519.SH"_s});

    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeDepth, u"quote-stock-b-ws-api"_s).size(), 1);
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeTrade, u"quote-stock-b-ws-api"_s).size(), 1);
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeTrade, u"/quote-b-ws-api"_s).size(), 1);
    const SimServer::RequestRecord depth = requestsOf(*m_server, AllTick::SubscribeDepth, u"stock"_s).first();
    QCOMPARE(depth.codes, (QStringList{u"700.HK"_s, u"AAPL.US"_s, u"600519.SH"_s}));
    // depth_level is the most the asset class offers.
    QVERIFY(depth.raw.contains(R"({"code":"700.HK","depth_level":10})"));
    QVERIFY(depth.raw.contains(R"({"code":"AAPL.US","depth_level":1})"));
    QVERIFY(depth.raw.contains(R"({"code":"600519.SH","depth_level":5})"));
    QCOMPARE(requestsOf(*m_server, AllTick::SubscribeTrade, u"/quote-b-ws-api"_s).first().codes,
             QStringList{u"EURUSD"_s});

    QuoteStore store;
    store.attach(m_buffer);
    QTRY_VERIFY(store.quote(u"700.HK"_s) && !store.quote(u"700.HK"_s)->last.isNull());
    QTRY_VERIFY(store.quote(u"EURUSD"_s) && !store.quote(u"EURUSD"_s)->bid().isNull());
    QTRY_VERIFY(store.quote(u"600519.SH"_s) && store.quote(u"600519.SH"_s)->bids.size() >= 1);
}

void TestAllTickClient::listChangeResendsWholeList()
{
    AllTickConnection c(u"stocks"_s, fastConnection(m_server->stockUrl(Token)), m_buffer);
    c.setSymbols({u"700.HK"_s, u"AAPL.US"_s});
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).size(), 1);
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeDepth).size(), 1); // trades go first, the book 1 s later
    c.setSymbols({u"700.HK"_s, u"AAPL.US"_s, u"9988.HK"_s});
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).size(), 2);
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeDepth).size(), 2);
    QCOMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).last().codes,
             (QStringList{u"700.HK"_s, u"AAPL.US"_s, u"9988.HK"_s}));
    // Dropping one symbol also resends the whole (shorter) list: the server overwrites.
    c.setSymbols({u"9988.HK"_s});
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).size(), 3);
    QCOMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).last().codes, QStringList{u"9988.HK"_s});
    QCOMPARE(requestsOf(*m_server, AllTick::Cancel).size(), 0);
}

void TestAllTickClient::tenQuickAddsGiveOneMergedRequest()
{
    AllTickConnection::Config config = fastConnection(m_server->stockUrl(Token));
    config.heartbeatMs = 700;
    AllTickConnection c(u"stocks"_s, config, m_buffer);
    c.setSymbols({u"700.HK"_s});
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).size(), 1);
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeDepth).size(), 1);
    QTRY_VERIFY(c.isConnected());
    const QStringList more{u"9988.HK"_s, u"3690.HK"_s,   u"1810.HK"_s,   u"AAPL.US"_s, u"MSFT.US"_s,
                           u"NVDA.US"_s, u"600519.SH"_s, u"000001.SZ"_s, u"TSLA.US"_s, u"5.HK"_s};
    QStringList list{u"700.HK"_s};
    for (const QString& code : more) { // the user adds ten symbols in a row
        list.append(code);
        c.setSymbols(list);
    }
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).size(), 2);
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeDepth).size(), 2);
    QCOMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).last().codes, list);
    // The queue is first in, first out: once a heartbeat queued after the adds has arrived, any stray
    // subscription request would have arrived before it.
    const qint64 mergedAt = requestsOf(*m_server, AllTick::SubscribeTrade).last().receivedMs;
    QTRY_VERIFY(requestsOf(*m_server, AllTick::Heartbeat).size() >= 1 &&
                requestsOf(*m_server, AllTick::Heartbeat).last().receivedMs > mergedAt);
    QCOMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).size(), 2);
    QCOMPARE(requestsOf(*m_server, AllTick::SubscribeDepth).size(), 2);
}

void TestAllTickClient::requestsAreSpacedAtLeastTheMinimum()
{
    AllTickConnection::Config config = fastConnection(m_server->stockUrl(Token));
    config.heartbeatMs = 150; // heartbeats compete with subscriptions for the same queue
    AllTickConnection c(u"stocks"_s, config, m_buffer);
    c.setSymbols({u"700.HK"_s});
    QTRY_VERIFY(m_server->requests().size() >= 6);
    const auto all = m_server->requests();
    for (int i = 1; i < all.size(); ++i) {
        const qint64 gap = all.at(i).receivedMs - all.at(i - 1).receivedMs;
        QVERIFY2(gap >= config.requestSpacingMs - 5, qPrintable(u"gap of %1 ms"_s.arg(gap)));
    }
    // The server enforces 150 ms with ret 606: it never had to.
    QCOMPARE(c.takeStats().lastError, QString());
}

void TestAllTickClient::heartbeatsCarryFreshIds()
{
    AllTickConnection::Config config = fastConnection(m_server->stockUrl(Token));
    config.heartbeatMs = 250;
    AllTickConnection c(u"stocks"_s, config, m_buffer);
    QSignalSpy acks(&c, &AllTickConnection::responseReceived);
    c.setSymbols({u"700.HK"_s});
    QTRY_VERIFY(requestsOf(*m_server, AllTick::Heartbeat).size() >= 3);
    const auto beats = requestsOf(*m_server, AllTick::Heartbeat);
    QSet<qint64> seqIds;
    QSet<QString> traces;
    for (const auto& b : beats) {
        seqIds.insert(b.seqId);
        traces.insert(b.trace);
        QVERIFY(!b.trace.isEmpty() && b.trace.size() <= 64);
        QVERIFY(b.raw.contains(R"("data":{})"));
    }
    QCOMPARE(seqIds.size(), beats.size());
    QCOMPARE(traces.size(), beats.size());
    QTRY_VERIFY(std::any_of(acks.cbegin(), acks.cend(),
                            [](const QList<QVariant>& a) { return a.at(0).toInt() == AllTick::HeartbeatAck; }));
}

void TestAllTickClient::deadLinkIsDetectedAndReconnected()
{
    AllTickConnection::Config config = fastConnection(m_server->stockUrl(Token));
    config.deadAfterMs = 600;
    config.heartbeatMs = 5000; // no ack can rescue the link within the test
    AllTickConnection c(u"stocks"_s, config, m_buffer);
    QSignalSpy errors(&c, &AllTickConnection::errorOccurred);
    c.setSymbols({u"700.HK"_s});
    QTRY_VERIFY(c.isConnected());
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).size(), 1);
    m_server->setFrozen(true); // TCP stays open, nothing arrives
    QTRY_VERIFY(!c.isConnected());
    QVERIFY(!errors.isEmpty());
    m_server->setFrozen(false);
    QTRY_VERIFY(c.isConnected());
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).size(), 2);
    QVERIFY(c.takeStats().reconnects >= 1);
}

void TestAllTickClient::serverRestartResubscribesEverything()
{
    AllTickConnection c(u"stocks"_s, fastConnection(m_server->stockUrl(Token)), m_buffer);
    const QStringList list{u"700.HK"_s, u"AAPL.US"_s, u"600519.SH"_s};
    c.setSymbols(list);
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeDepth).size(), 1);
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).size(), 1);

    const quint16 port = m_server->port();
    SimServer::Config config;
    config.token = Token;
    config.minRequestSpacingMs = 150;
    m_server.reset(); // the server goes away...
    QTRY_VERIFY(!c.isConnected());
    m_server = std::make_unique<SimServer>(config);
    QVERIFY(m_server->listen(QHostAddress::LocalHost, port)); // ...and comes back empty
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeDepth).size(), 1);
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).size(), 1);
    QCOMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).first().codes, list);
    QCOMPARE(requestsOf(*m_server, AllTick::SubscribeDepth).first().codes, list);
}

void TestAllTickClient::emptiedListCancelsAndCloses()
{
    AllTickConnection c(u"stocks"_s, fastConnection(m_server->stockUrl(Token)), m_buffer);
    QSignalSpy gone(m_server.get(), &SimServer::clientDisconnected);
    c.setSymbols({u"700.HK"_s});
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).size(), 1);
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeDepth).size(), 1);
    c.setSymbols({});
    QTRY_COMPARE(requestsOf(*m_server, AllTick::Cancel).size(), 1);
    QCOMPARE(requestsOf(*m_server, AllTick::Cancel).first().cancelType, 0);
    QTRY_COMPARE(gone.count(), 1);
    QCOMPARE(c.state(), ConnectionStats::State::Idle);
    QCOMPARE(m_server->connectionCount(), 0);
}

void TestAllTickClient::retErrorsAreSurfaced()
{
    AllTickConnection c(u"stocks"_s, fastConnection(m_server->stockUrl(Token)), m_buffer);
    QSignalSpy errors(&c, &AllTickConnection::errorOccurred);
    c.setSymbols({u"NOSUCH.HK"_s}); // unknown to the server: ret 600
    QTRY_VERIFY(!errors.isEmpty());
    const QString message = errors.first().first().toString();
    QVERIFY2(message.contains(u"600"_s), qPrintable(message));
    QVERIFY2(message.contains(u"code invalid"_s), qPrintable(message));
    QVERIFY(c.takeStats().lastError.contains(u"600"_s));
}

void TestAllTickClient::rateViolationBacksOffToTheCap()
{
    // A client spacing below the server's limit gets 606 and a closed connection; it then waits the longest.
    AllTickConnection::Config config = fastConnection(m_server->stockUrl(Token));
    config.requestSpacingMs = 20;
    config.backoff = Backoff::Params{100, 1500, 0.0};
    AllTickConnection c(u"stocks"_s, config, m_buffer);
    QSignalSpy errors(&c, &AllTickConnection::errorOccurred);
    c.setSymbols({u"700.HK"_s});
    QTRY_VERIFY(std::any_of(errors.cbegin(), errors.cend(),
                            [](const QList<QVariant>& a) { return a.first().toString().contains(u"606"_s); }));
    QTRY_COMPARE(c.state(), ConnectionStats::State::Waiting);
    const ConnectionStats stats = c.takeStats();
    QVERIFY(stats.nextRetryMs - QDateTime::currentMSecsSinceEpoch() > 1000); // at the cap, not the 100 ms minimum
}

void TestAllTickClient::malformedFramesAreCountedAndSurvived()
{
    AllTickConnection c(u"stocks"_s, fastConnection(m_server->stockUrl(Token)), m_buffer);
    c.setSymbols({u"700.HK"_s});
    QTRY_VERIFY(c.isConnected());
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).size(), 1);
    const QByteArray frames[] = {
        "{not json",
        "[1,2,3]",
        R"({"cmd_id":22998,"data":{"code":"700.HK","price":"abc"}})",
        R"({"cmd_id":22999,"data":{"bids":[]}})",
        "",
    };
    for (const QByteArray& frame : frames)
        m_server->injectFrame(frame);
    QTRY_COMPARE(c.takeStats().malformed, quint64(std::size(frames)));
    QVERIFY(c.isConnected());
    m_buffer->take();
    QTRY_VERIFY(m_buffer->pendingSymbols() > 0); // pushes still flow
    QCOMPARE(c.takeStats().reconnects, 0);
}

void TestAllTickClient::burstWithMalformedFramesKeepsOrderAndCount()
{
    // The decoding thread on its own: frames in, trades of the subscribed codes out, in arrival order.
    QList<AllTick::Message> responses;
    QMutex responsesMutex;
    AllTickFrameWorker worker(m_buffer, [&](const AllTick::Message& m) {
        QMutexLocker lock(&responsesMutex);
        responses.append(m);
    });
    worker.setSymbols({u"700.HK"_s, u"AAPL.US"_s});
    constexpr int Frames = 5000;
    int malformed = 0;
    QStringList expected;
    for (int i = 0; i < Frames; ++i) {
        const QString code = i % 3 == 0 ? u"700.HK"_s : i % 3 == 1 ? u"AAPL.US"_s : u"NOTMINE.US"_s;
        worker.post(tradeFrame(code, i));
        if (code != u"NOTMINE.US")
            expected.append(code + u'/' + QString::number(i));
        if (i % 97 == 0) {
            worker.post(i % 2 ? u"{not json"_s : uR"({"cmd_id":22998,"data":{"code":"700.HK","price":"abc"}})"_s);
            ++malformed;
        }
        if (i == Frames / 2)
            worker.post(uR"({"cmd_id":22001,"ret":200,"msg":"ok","seq_id":7,"trace":"t"})"_s);
    }
    worker.waitUntilIdle();
    QCOMPARE(worker.malformed(), quint64(malformed));
    QCOMPARE(worker.decoded(), quint64(Frames + malformed + 1));
    {
        QMutexLocker lock(&responsesMutex);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.first().cmdId, int(AllTick::HeartbeatAck));
    }
    const UpdateBuffer::Batch batch = m_buffer->take();
    QStringList got;
    for (const TradeTick& t : batch.trades)
        got.append(t.code + u'/' + QString::number(t.seq));
    QCOMPARE(got, expected);
    QCOMPARE(batch.deltas.size(), 2);
    QCOMPARE(batch.deltas.value(u"700.HK"_s).tradeCount, int(Frames + 2) / 3);
    // The last trade of each code is its last price: per-symbol order survived the batching.
    QCOMPARE(batch.deltas.value(u"700.HK"_s).last, Decimal::parse("1098.5"));  // frame 4998
    QCOMPARE(batch.deltas.value(u"AAPL.US"_s).last, Decimal::parse("1099.5")); // frame 4999
}

void TestAllTickClient::workerDestroyedWithFramesPendingIsSafe()
{
    // The worker is held inside the response handler (the first frame) for a second while 20,000 trades queue up
    // behind it, so they are still pending when the destructor runs.
    QStringList trades;
    for (int i = 0; i < 20000; ++i)
        trades.append(tradeFrame(u"700.HK"_s, i));
    QSemaphore entered;
    QSemaphore never;
    {
        AllTickFrameWorker worker(
            m_buffer,
            [&](const AllTick::Message&) {
                entered.release();
                never.tryAcquire(1, 1000);
            },
            1000000);
        worker.setSymbols({u"700.HK"_s});
        worker.post(uR"({"cmd_id":22001,"ret":200})"_s);
        worker.flush();
        QVERIFY(entered.tryAcquire(1, 5000));
        for (const QString& frame : std::as_const(trades))
            worker.post(frame);
    } // joins: the handler times out, nothing more is decoded
    QCOMPARE(m_buffer->pendingSymbols(), 0);
    QTest::qWait(50);
    QCOMPARE(m_buffer->pendingSymbols(), 0);
}

void TestAllTickClient::connectionDestroyedWhileDecodingIsSafe()
{
    // A connection deleted while its decoding thread still has frames and a response in flight.
    auto c = std::make_unique<AllTickConnection>(u"stocks"_s, fastConnection(m_server->stockUrl(Token)), m_buffer);
    QSignalSpy responses(c.get(), &AllTickConnection::responseReceived);
    c->setSymbols({u"700.HK"_s});
    QTRY_VERIFY(c->isConnected());
    QTRY_COMPARE(requestsOf(*m_server, AllTick::SubscribeTrade).size(), 1);
    QTRY_VERIFY(!responses.isEmpty());
    for (int i = 0; i < 20000; ++i)
        m_server->injectFrame(tradeFrame(u"700.HK"_s, i).toUtf8());
    m_server->injectFrame(R"({"cmd_id":22001,"ret":200,"msg":"ok"})");
    QTRY_VERIFY(c->takeStats().messages > 0);
    c.reset();
    QTest::qWait(100); // a queued response for the deleted connection must not be delivered
    m_buffer->take();
    QTest::qWait(50);
    QCOMPARE(m_buffer->pendingSymbols(), 0);
}

void TestAllTickClient::handshakeTimeoutRetriesWithBackoff()
{
    QTcpServer silent; // accepts TCP and never answers the WebSocket handshake
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QUrl url(u"ws://127.0.0.1/quote-stock-b-ws-api"_s);
    url.setPort(silent.serverPort());
    AllTickConnection::Config config = fastConnection(AllTickFeed::withToken(url, Token));
    config.connectTimeoutMs = 300;
    config.backoff = Backoff::Params{200, 400, 0.0};
    AllTickConnection c(u"stocks"_s, config, m_buffer);
    QSignalSpy errors(&c, &AllTickConnection::errorOccurred);
    QElapsedTimer timer;
    timer.start();
    c.setSymbols({u"700.HK"_s});
    QTRY_VERIFY(errors.size() >= 2);
    // Two timeouts of 300 ms plus a 200 ms pause in between, at least.
    QVERIFY(timer.elapsed() >= 800);
    QVERIFY(errors.first().first().toString().contains(u"timed out"_s));
    QVERIFY(!errors.first().first().toString().contains(Token));
}

void TestAllTickClient::previousCloseComesFromDailyKline()
{
    AllTickFeed::Config config;
    config.stockUrl = m_server->stockUrl(QString());
    config.generalUrl = m_server->generalUrl(QString());
    config.token = Token;
    config.connection = fastConnection(QUrl());
    AllTickFeed feed(config, m_buffer);
    QuoteStore store;
    store.attach(m_buffer);
    feed.setSymbols({u"700.HK"_s, u"BTCUSDT"_s});
    QTRY_VERIFY(store.quote(u"700.HK"_s) && !store.quote(u"700.HK"_s)->prevClose.isNull());
    QTRY_VERIFY(store.quote(u"BTCUSDT"_s) && !store.quote(u"BTCUSDT"_s)->prevClose.isNull());
    QTRY_VERIFY(!store.quote(u"700.HK"_s)->last.isNull());
    QVERIFY(store.quote(u"700.HK"_s)->changePercent().has_value());
}

void TestAllTickClient::restBaseIsDerivedFromWebSocketUrl_data()
{
    QTest::addColumn<QUrl>("ws");
    QTest::addColumn<QUrl>("rest");
    QTest::newRow("stock") << QUrl(u"wss://quote.alltick.co/quote-stock-b-ws-api?token=x"_s)
                           << QUrl(u"https://quote.alltick.co/quote-stock-b-api"_s);
    QTest::newRow("general") << QUrl(u"wss://quote.alltick.co/quote-b-ws-api"_s)
                             << QUrl(u"https://quote.alltick.co/quote-b-api"_s);
    QTest::newRow("simulator") << QUrl(u"ws://127.0.0.1:8765/quote-b-ws-api?token=x"_s)
                               << QUrl(u"http://127.0.0.1:8765/quote-b-api"_s);
}

void TestAllTickClient::restBaseIsDerivedFromWebSocketUrl()
{
    QFETCH(QUrl, ws);
    QFETCH(QUrl, rest);
    QCOMPARE(AllTickFeed::deriveRestBase(ws), rest);
}

void TestAllTickClient::tokenNeverLeaks()
{
    AllTickConnection c(u"stocks"_s, fastConnection(m_server->stockUrl(Token)), m_buffer);
    QVERIFY(!c.displayUrl().contains(Token));
    QVERIFY(c.displayUrl().contains(u"quote-stock-b-ws-api"_s));
    // A wrong token: the handshake is refused; whatever the client reports must not echo the URL's token.
    AllTickConnection wrong(u"stocks"_s, fastConnection(m_server->stockUrl(u"WRONG-"_s + Token)), m_buffer);
    QSignalSpy errors(&wrong, &AllTickConnection::errorOccurred);
    wrong.setSymbols({u"700.HK"_s});
    QTRY_VERIFY(wrong.takeStats().reconnects >= 1 || !errors.isEmpty() || !wrong.takeStats().lastError.isEmpty());
    QTRY_VERIFY(!wrong.takeStats().lastError.isEmpty());
    QVERIFY(!wrong.takeStats().lastError.contains(Token));
    for (const auto& e : std::as_const(errors))
        QVERIFY(!e.first().toString().contains(Token));
}

QTEST_GUILESS_MAIN(TestAllTickClient)
#include "tst_alltickclient.moc"
