#include "feed/QmtFeed.h"

#include "QuoteStore.h"
#include "UpdateBuffer.h"
#include "sim/HttpRequest.h"
#include "sim/QmtSimServer.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

char* toString(const Decimal& d)
{
    return QTest::toString(d.isNull() ? u"<null>"_s : d.toString());
}

namespace {

Decimal dec(const char* text)
{
    return Decimal::parse(QByteArrayView(text));
}

const QString Secret = u"qmt-test-secret-4711"_s;

} // namespace

// A minimal QMT Bridge on loopback, following the documented shapes (protocols.md B.4, B.5, B.11): REST and
// WebSocket on one port, no acknowledgement, one subscription set fixed by the first message. It runs on its own
// thread so a test can freeze it (no pongs, no data) like a hung server.
class FakeBridge : public QObject
{
    Q_OBJECT
public:
    struct Client
    {
        QWebSocket* socket = nullptr;
        QString path;
        QStringList codes;
        bool subscribed = false;
    };

    // Configuration and records: touch only on the bridge's thread (see tst_QmtFeed::onBridge).
    QSet<QString> unknown;                // detail null
    QHash<QString, QString> names;        // batch_stock_name
    QHash<QString, QByteArray> snapshots; // full_tick and the whole-quote first snapshot
    QHash<QString, QStringList> lists;    // stock_list by category
    QStringList events;                   // "GET <path>", "WS <path>"
    QStringList targets;                  // every raw request target
    QList<std::pair<QString, QJsonObject>> firstMessages;
    QList<Client> clients;

    bool listen()
    {
        m_server = new QTcpServer(this);
        m_ws = new QWebSocketServer(u"fakebridge"_s, QWebSocketServer::NonSecureMode, this);
        connect(m_server, &QTcpServer::newConnection, this, &FakeBridge::onTcp);
        connect(m_ws, &QWebSocketServer::newConnection, this, &FakeBridge::onWebSocket);
        return m_server->listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server->serverPort(); }

    QByteArray detailFor(const QString& code) const
    {
        if (unknown.contains(code))
            return "null";
        QJsonObject d{{u"ExchangeID"_s, code.section(u'.', 1)},
                      {u"InstrumentID"_s, code.section(u'.', 0, 0)},
                      {u"InstrumentName"_s, names.value(code, u"股票"_s + code)},
                      {u"PreClose"_s, 10.0},
                      {u"UpStopPrice"_s, 11.0},
                      {u"DownStopPrice"_s, 9.0},
                      {u"PriceTick"_s, 0.01}};
        if (code == u"600000.SH") {
            d.insert(u"PreClose"_s, 7.99);
            d.insert(u"UpStopPrice"_s, 8.789999999999999);
            d.insert(u"DownStopPrice"_s, 7.19);
        }
        return QJsonDocument(d).toJson(QJsonDocument::Compact);
    }

    // Sends one record of `code` to every client subscribed to it, in its endpoint's shape.
    void push(const QString& code, const QByteArray& record)
    {
        for (const Client& c : std::as_const(clients)) {
            if (!c.subscribed || !c.codes.contains(code))
                continue;
            const bool whole = c.path == u"/ws/whole_quote";
            QByteArray frame = "{\"" + code.toUtf8() + "\":" + (whole ? record : "[" + record + "]") + "}";
            c.socket->sendTextMessage(QString::fromUtf8(frame));
        }
    }
    void sendRaw(const QByteArray& text)
    {
        for (const Client& c : std::as_const(clients))
            c.socket->sendTextMessage(QString::fromUtf8(text));
    }
    void dropAll()
    {
        for (const Client& c : std::as_const(clients))
            c.socket->abort();
    }
    int subscribedClients() const
    {
        int n = 0;
        for (const Client& c : clients)
            n += c.subscribed && c.socket->state() == QAbstractSocket::ConnectedState ? 1 : 0;
        return n;
    }

private:
    void onTcp()
    {
        while (QTcpSocket* socket = m_server->nextPendingConnection()) {
            auto* request = new HttpRequest;
            connect(socket, &QObject::destroyed, this, [request] { delete request; });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket, request] { onRead(socket, request); });
        }
    }

    void onRead(QTcpSocket* socket, HttpRequest* request)
    {
        HttpRequest head;
        head.feed(socket->peek(socket->bytesAvailable()));
        if (!head.headersComplete())
            return;
        targets.append(QString::fromUtf8(head.target()));
        if (head.isWebSocketUpgrade()) {
            const QString path = head.path();
            if (path != u"/ws/realtime" && path != u"/ws/whole_quote") {
                socket->write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
                return;
            }
            events.append(u"WS "_s + path);
            socket->disconnect(this);
            m_ws->handleConnection(socket);
            return;
        }
        request->feed(socket->readAll());
        if (request->status() != HttpRequest::Status::Complete)
            return;
        events.append(u"GET "_s + request->path());
        const auto [status, body] = serve(*request);
        QByteArray response =
            "HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Error") +
            "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
            "\r\nConnection: close\r\n\r\n" + body;
        socket->write(response);
        socket->disconnectFromHost();
    }

    std::pair<int, QByteArray> serve(const HttpRequest& request)
    {
        const QString path = request.path();
        const QUrlQuery query = request.query();
        const QStringList stocks =
            query.queryItemValue(u"stocks"_s, QUrl::FullyDecoded).split(u',', Qt::SkipEmptyParts);
        if (path == u"/api/instrument/detail_list") {
            QByteArray body = "{\"data\":{";
            for (qsizetype i = 0; i < stocks.size(); ++i)
                body += (i ? ",\"" : "\"") + stocks.at(i).toUtf8() + "\":" + detailFor(stocks.at(i));
            return {200, body + "}}"};
        }
        if (path == u"/api/utility/batch_stock_name") {
            QJsonObject data;
            for (const QString& code : stocks)
                data.insert(code, unknown.contains(code) ? QString() : names.value(code, u"股票"_s + code));
            return {200, QJsonDocument(QJsonObject{{u"data"_s, data}}).toJson(QJsonDocument::Compact)};
        }
        if (path == u"/api/market/full_tick") {
            QByteArray body = "{\"data\":{";
            bool first = true;
            for (const QString& code : stocks) {
                if (!snapshots.contains(code))
                    continue;
                body += (first ? "\"" : ",\"") + code.toUtf8() + "\":" + snapshots.value(code);
                first = false;
            }
            return {200, body + "}}"};
        }
        if (path == u"/api/meta/stock_list") {
            const QString category = query.queryItemValue(u"category"_s, QUrl::FullyDecoded);
            const QStringList codes = lists.value(category);
            QJsonObject reply{{u"category"_s, category},
                              {u"count"_s, codes.size()},
                              {u"stocks"_s, QJsonArray::fromStringList(codes)}};
            return {200, QJsonDocument(reply).toJson(QJsonDocument::Compact)};
        }
        return {404, "{\"detail\":\"Not Found\"}"};
    }

    void onWebSocket()
    {
        while (QWebSocket* socket = m_ws->nextPendingConnection()) {
            socket->setParent(this);
            Client client;
            client.socket = socket;
            client.path = socket->requestUrl().path();
            clients.append(client);
            connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString& text) {
                for (Client& c : clients) {
                    if (c.socket != socket || c.subscribed)
                        continue; // messages after the first are read and discarded
                    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
                    firstMessages.append({c.path, message});
                    const QJsonArray codes =
                        message.value(c.path == u"/ws/whole_quote" ? u"codes"_s : u"stocks"_s).toArray();
                    for (const QJsonValue& v : codes)
                        c.codes.append(v.toString());
                    c.subscribed = true;
                    if (c.path == u"/ws/whole_quote") {
                        // The whole-quote subscription first delivers the current snapshot of every code.
                        QByteArray frame = "{";
                        for (const QString& code : std::as_const(c.codes)) {
                            if (snapshots.contains(code))
                                frame +=
                                    (frame.size() > 1 ? ",\"" : "\"") + code.toUtf8() + "\":" + snapshots.value(code);
                        }
                        if (frame.size() > 1)
                            socket->sendTextMessage(QString::fromUtf8(frame + "}"));
                    }
                }
            });
            connect(socket, &QWebSocket::disconnected, this, [this, socket] {
                for (qsizetype i = 0; i < clients.size(); ++i) {
                    if (clients.at(i).socket == socket) {
                        clients.removeAt(i);
                        break;
                    }
                }
                socket->deleteLater();
            });
        }
    }

    QTcpServer* m_server = nullptr;
    QWebSocketServer* m_ws = nullptr;
};

class tst_QmtFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void restBase();
    void seedsBeforeFirstPush();
    void pushesReachTheBuffer();
    void listChangeReconnectsWithNewSet();
    void wholeQuoteAboveFifty();
    void deadLinkReconnects();
    void droppedConnectionRestoresStream();
    void malformedFramesSurvived();
    void noDataMarking();
    void unknownCodeReported();
    void catalogFromStockLists();

    // Against the QMT Bridge simulator (app/sim/QmtSimServer).
    void simSeedsThenStreams();
    void simListChangeReconnects();
    void simWholeQuoteAboveFifty();
    void simDropAllConnections();
    void simHungServerReconnects();
    void simFrozenServerKeepsLink();
    void simMalformedFrameSurvived();
    void simUnknownCodeAndNoData();

private:
    template <typename F>
    auto onBridge(F f)
    {
        using R = decltype(f());
        if constexpr (std::is_void_v<R>) {
            QMetaObject::invokeMethod(m_bridge, f, Qt::BlockingQueuedConnection);
        } else {
            R result{};
            QMetaObject::invokeMethod(
                m_bridge, [&] { result = f(); }, Qt::BlockingQueuedConnection);
            return result;
        }
    }
    QmtFeed::Config config();
    // Starts the simulator on its own thread; config() then points at it.
    void startSim(const QmtSimServer::Config& simConfig = QmtSimServer::Config());
    QmtFeed::Config simFeedConfig();
    int simFirstMessages(const QString& path);
    QStringList simSubscribed(const QString& path);
    QThread* m_simThread = nullptr;
    QmtSimServer* m_sim = nullptr;
    void createFeed(const QmtFeed::Config& config);
    int firstMessageCount()
    {
        return onBridge([this] { return int(m_bridge->firstMessages.size()); });
    }
    QStringList lastFirstMessageCodes(QString* path = nullptr);
    // Every error message the feed emitted, checked for the API key at cleanup.
    QStringList m_errors;

    QThread* m_thread = nullptr;
    FakeBridge* m_bridge = nullptr;
    UpdateBuffer* m_buffer = nullptr;
    QuoteStore* m_store = nullptr;
    QmtFeed* m_feed = nullptr;
};

QmtFeed::Config tst_QmtFeed::config()
{
    QmtFeed::Config c;
    const quint16 port = onBridge([this] { return m_bridge->port(); });
    c.url = QUrl(u"ws://127.0.0.1:%1"_s.arg(port));
    c.apiKey = Secret; // only for /ws/trade: must never be sent to data endpoints nor shown
    c.debounceMs = 100;
    c.noDataTimeoutMs = 60000;
    c.statsIntervalMs = 100;
    c.fetchCatalog = false;
    c.connection.pingIntervalMs = 1000; // the dead-link tests use 200 ms
    c.connection.deadAfterMissedPongs = 2;
    c.connection.connectTimeoutMs = 1000;
    c.connection.backoff = {100, 1000, 0.25};
    return c;
}

void tst_QmtFeed::init()
{
    m_errors.clear();
    m_thread = new QThread;
    m_thread->start();
    m_bridge = new FakeBridge;
    m_bridge->moveToThread(m_thread);
    QVERIFY(onBridge([this] { return m_bridge->listen(); }));
    onBridge([this] {
        m_bridge->names.insert(u"600000.SH"_s, u"浦发银行"_s);
        m_bridge->snapshots.insert(
            u"600000.SH"_s,
            R"({"timetag":"20240913 14:59:59","lastPrice":8.01,"open":8.0,"high":8.05,"low":7.98,"lastClose":7.99,"amount":80100000.0,"volume":100000,"pvolume":10000000,"askPrice":[8.02,8.03,0,0,0],"bidPrice":[8.01,8.0,0,0,0],"askVol":[10,20,0,0,0],"bidVol":[30,40,0,0,0]})");
    });
    m_buffer = new UpdateBuffer;
    m_store = new QuoteStore;
    m_store->attach(m_buffer, 5);
}

void tst_QmtFeed::cleanup()
{
    for (const QString& message : std::as_const(m_errors))
        QVERIFY2(!message.contains(Secret), "the API key leaked into an error message");
    const QStringList targets = onBridge([this] { return m_bridge->targets; });
    for (const QString& target : targets)
        QVERIFY2(!target.contains(Secret), "the API key was sent to a data endpoint");
    delete m_feed;
    m_feed = nullptr;
    if (m_sim) {
        const QList<QmtSimServer::RequestRecord> records = m_sim->requests();
        for (const QmtSimServer::RequestRecord& r : records)
            QVERIFY2(!r.raw.contains(Secret.toUtf8()), "the API key was sent to the simulator");
        QMetaObject::invokeMethod(
            m_sim, [sim = m_sim] { delete sim; }, Qt::BlockingQueuedConnection);
        m_sim = nullptr;
        m_simThread->quit();
        m_simThread->wait();
        delete m_simThread;
        m_simThread = nullptr;
    }
    onBridge([this] { delete m_bridge; });
    m_bridge = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    delete m_store;
    delete m_buffer;
}

void tst_QmtFeed::createFeed(const QmtFeed::Config& c)
{
    m_feed = new QmtFeed(c, m_buffer);
    connect(m_feed, &QuoteFeed::errorOccurred, this, [this](const QString& m) { m_errors.append(m); });
}

QStringList tst_QmtFeed::lastFirstMessageCodes(QString* path)
{
    const auto message = onBridge([this] {
        return m_bridge->firstMessages.isEmpty() ? std::pair<QString, QJsonObject>() : m_bridge->firstMessages.last();
    });
    if (path)
        *path = message.first;
    QStringList codes;
    const QJsonArray array =
        message.second.value(message.first == u"/ws/whole_quote" ? u"codes"_s : u"stocks"_s).toArray();
    for (const QJsonValue& v : array)
        codes.append(v.toString());
    return codes;
}

void tst_QmtFeed::restBase()
{
    createFeed(config());
    QVERIFY(m_feed->canServe(u"600519.SH"_s));
    QVERIFY(m_feed->canServe(u"430047.BJ"_s));
    QVERIFY(!m_feed->canServe(u"700.HK"_s));
    QVERIFY(!m_feed->canServe(u"EURUSD"_s));
    QCOMPARE(QmtFeed::restBase(QUrl(u"ws://10.0.0.5:8000"_s)), QUrl(u"http://10.0.0.5:8000"_s));
    QCOMPARE(QmtFeed::restBase(QUrl(u"wss://bridge.lan:9000/"_s)), QUrl(u"https://bridge.lan:9000"_s));
    QCOMPARE(QmtFeed::restBase(QUrl(u"ws://h:1/ws/realtime?x=1"_s)), QUrl(u"http://h:1/ws/realtime"_s));
}

void tst_QmtFeed::seedsBeforeFirstPush()
{
    createFeed(config());
    QSignalSpy resolved(m_feed, &QmtFeed::instrumentsResolved);
    QSignalSpy trades(m_store, &QuoteStore::tradesAppended);
    m_feed->setSymbols({u"600000.SH"_s});
    QTRY_COMPARE(firstMessageCount(), 1);
    QString path;
    QCOMPARE(lastFirstMessageCodes(&path), QStringList{u"600000.SH"_s});
    QCOMPARE(path, u"/ws/realtime"_s);

    // Detail, names and the snapshot were all answered before the stream was opened.
    const QStringList events = onBridge([this] { return m_bridge->events; });
    const qsizetype ws = events.indexOf(u"WS /ws/realtime"_s);
    QVERIFY2(ws > 0, qPrintable(events.join(u"; ")));
    QVERIFY(events.indexOf(u"GET /api/instrument/detail_list"_s) >= 0);
    QVERIFY(events.indexOf(u"GET /api/instrument/detail_list"_s) < ws);
    QVERIFY(events.indexOf(u"GET /api/utility/batch_stock_name"_s) < ws);
    QVERIFY(events.indexOf(u"GET /api/market/full_tick"_s) < ws);

    // The row is complete although nothing was pushed yet.
    m_store->drain();
    const QuoteState* q = m_store->quote(u"600000.SH"_s);
    QVERIFY(q);
    QCOMPARE(q->prevClose, dec("7.99"));
    QCOMPARE(q->last, dec("8.01"));
    QCOMPARE(q->open, dec("8"));
    QCOMPARE(q->high, dec("8.05"));
    QCOMPARE(q->low, dec("7.98"));
    QCOMPARE(q->volume, dec("100000")); // lots, as the bridge counts them
    QCOMPARE(q->turnover, dec("80100000"));
    QCOMPARE(q->bid(), dec("8.01"));
    QCOMPARE(q->askSize(), dec("10"));
    // The snapshot's day so far is no trade: nothing for time & sales or the chart.
    QVERIFY2(trades.isEmpty(), "the seeding snapshot was reported as a trade");

    QCOMPARE(resolved.size(), 1);
    const auto instruments = resolved.first().first().value<QList<Qmt::Instrument>>();
    QCOMPARE(instruments.size(), 1);
    QCOMPARE(instruments.first().name, u"浦发银行"_s);
    QCOMPARE(instruments.first().upStop, dec("8.79"));
    QCOMPARE(instruments.first().downStop, dec("7.19"));
    QCOMPARE(instruments.first().priceTick, dec("0.01"));
    QCOMPARE(m_feed->instrument(u"600000.SH"_s).name, u"浦发银行"_s);
}

void tst_QmtFeed::pushesReachTheBuffer()
{
    createFeed(config());
    QSignalSpy status(m_feed, &QmtFeed::symbolStatusChanged);
    m_feed->setSymbols({u"600000.SH"_s});
    QTRY_COMPARE(onBridge([this] { return m_bridge->subscribedClients(); }), 1);
    m_store->drain();
    QSignalSpy trades(m_store, &QuoteStore::tradesAppended);
    onBridge([this] {
        m_bridge->push(
            u"600000.SH"_s,
            R"({"time":1726210803000,"lastPrice":8.0199999999,"open":8.0,"high":8.05,"low":7.98,"lastClose":7.99,"amount":80501000.0,"volume":100050,"pvolume":10005000,"askPrice":[8.03,0,0,0,0],"bidPrice":[8.02,8.01,0,0,0],"askVol":[5,0,0,0,0],"bidVol":[7,9,0,0,0]})");
    });
    QTRY_COMPARE(m_store->quote(u"600000.SH"_s)->last, dec("8.02"));
    const QuoteState* q = m_store->quote(u"600000.SH"_s);
    QCOMPARE(q->volume, dec("100050")); // cumulative, equal to the bridge's figure
    QCOMPARE(q->turnover, dec("80501000"));
    QCOMPARE(q->timeMs, 1726210803000LL);
    QCOMPARE(q->bid(), dec("8.02"));
    QCOMPARE(q->bids.size(), 2);
    QCOMPARE(q->ask(), dec("8.03"));
    QCOMPARE(q->prevClose, dec("7.99"));
    QCOMPARE(q->lastSide, TradeSide::Buy); // 8.02 met the snapshot's best ask
    // One trade: the 50 lots traded since the snapshot, not the day's 100,050.
    QList<TradeTick> printed;
    for (const QList<QVariant>& args : std::as_const(trades))
        printed += args.first().value<QList<TradeTick>>();
    QCOMPARE(printed.size(), 1);
    QCOMPARE(printed.first().volume, dec("50"));
    QCOMPARE(printed.first().price, dec("8.02"));
    QCOMPARE(m_feed->symbolStatus(u"600000.SH"_s), QmtFeed::SymbolStatus::Live);
    QVERIFY(!status.isEmpty());
    QCOMPARE(status.last().at(1).value<QmtFeed::SymbolStatus>(), QmtFeed::SymbolStatus::Live);
}

void tst_QmtFeed::listChangeReconnectsWithNewSet()
{
    createFeed(config());
    m_feed->setSymbols({u"600000.SH"_s});
    QTRY_COMPARE(firstMessageCount(), 1);
    QTRY_COMPARE(onBridge([this] { return m_bridge->subscribedClients(); }), 1);

    // Three quick edits: one reconnect with the final set (debounced).
    m_feed->setSymbols({u"600000.SH"_s, u"000001.SZ"_s});
    m_feed->setSymbols({u"600000.SH"_s, u"000001.SZ"_s, u"300750.SZ"_s});
    m_feed->setSymbols({u"000001.SZ"_s, u"300750.SZ"_s, u"600519.SH"_s});
    QTRY_COMPARE(firstMessageCount(), 2);
    QCOMPARE(lastFirstMessageCodes(), (QStringList{u"000001.SZ"_s, u"300750.SZ"_s, u"600519.SH"_s}));
    QCOMPARE(m_feed->streamCodes(), (QStringList{u"000001.SZ"_s, u"300750.SZ"_s, u"600519.SH"_s}));
    // The old socket is gone: one subscription on the server.
    QTRY_COMPARE(onBridge([this] { return int(m_bridge->clients.size()); }), 1);
    QTest::qWait(300);
    QCOMPARE(firstMessageCount(), 2);

    // The same set again changes nothing.
    m_feed->setSymbols({u"000001.SZ"_s, u"300750.SZ"_s, u"600519.SH"_s});
    QTest::qWait(300);
    QCOMPARE(firstMessageCount(), 2);

    // An empty list closes the stream.
    m_feed->setSymbols({});
    QTRY_COMPARE(onBridge([this] { return int(m_bridge->clients.size()); }), 0);
    QCOMPARE(m_feed->connection()->state(), ConnectionStats::State::Idle);
}

void tst_QmtFeed::wholeQuoteAboveFifty()
{
    createFeed(config());
    QStringList codes;
    for (int i = 0; i < 51; ++i)
        codes.append(u"%1.SZ"_s.arg(i + 1, 6, 10, QChar(u'0')));
    onBridge([this] {
        m_bridge->snapshots.insert(
            u"000001.SZ"_s,
            R"({"time":1726210800000,"lastPrice":10.5,"lastClose":10.45,"volume":50000,"amount":52500000.0})");
    });
    m_feed->setSymbols(codes);
    QTRY_COMPARE(firstMessageCount(), 1);
    QString path;
    QCOMPARE(lastFirstMessageCodes(&path), codes);
    QCOMPARE(path, u"/ws/whole_quote"_s);
    QVERIFY(m_feed->usesWholeQuote());
    QTRY_COMPARE(onBridge([this] { return m_bridge->subscribedClients(); }), 1);

    // A whole-quote delta: {code: record}.
    onBridge([this] {
        m_bridge->push(
            u"000002.SZ"_s,
            R"({"time":1726210803000,"lastPrice":20.0200000001,"lastClose":20.0,"volume":10,"amount":20020.0})");
    });
    QTRY_VERIFY(m_store->quote(u"000002.SZ"_s) && m_store->quote(u"000002.SZ"_s)->last == dec("20.02"));
    QCOMPARE(m_store->quote(u"000001.SZ"_s)->last, dec("10.5"));
    QCOMPARE(m_store->quote(u"000002.SZ"_s)->prevClose, dec("10")); // instrument detail's PreClose wins

    // Back to 50: per-symbol realtime again.
    codes.removeLast();
    m_feed->setSymbols(codes);
    QTRY_COMPARE(firstMessageCount(), 2);
    QCOMPARE(lastFirstMessageCodes(&path), codes);
    QCOMPARE(path, u"/ws/realtime"_s);
}

void tst_QmtFeed::deadLinkReconnects()
{
    QmtFeed::Config c = config();
    c.connection.pingIntervalMs = 200;
    createFeed(c);
    m_feed->setSymbols({u"600000.SH"_s});
    QTRY_COMPARE(onBridge([this] { return m_bridge->subscribedClients(); }), 1);
    QCOMPARE(m_feed->connection()->state(), ConnectionStats::State::Connected);

    // The server hangs: no pongs, no data. Two missed pongs (200 ms pings) declare the link dead.
    QSignalSpy errors(m_feed, &QuoteFeed::errorOccurred);
    QMetaObject::invokeMethod(
        m_bridge, [] { QThread::msleep(1500); }, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(m_feed->connection()->state() != ConnectionStats::State::Connected, 3000);
    QVERIFY(!errors.isEmpty());

    // Back alive: reconnected with backoff, the same set subscribed again, data flowing.
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->connection()->state(), ConnectionStats::State::Connected, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(firstMessageCount() >= 2, 5000);
    QCOMPARE(lastFirstMessageCodes(), QStringList{u"600000.SH"_s});
    QTRY_VERIFY(onBridge([this] { return m_bridge->subscribedClients(); }) >= 1);
    QVERIFY(m_feed->connection()->takeStats().reconnects >= 1);
    onBridge([this] { m_bridge->push(u"600000.SH"_s, R"({"time":1726210806000,"lastPrice":8.1,"volume":100100})"); });
    QTRY_COMPARE(m_store->quote(u"600000.SH"_s)->last, dec("8.1"));
    QCOMPARE(m_store->quote(u"600000.SH"_s)->volume, dec("100100"));
}

void tst_QmtFeed::droppedConnectionRestoresStream()
{
    createFeed(config());
    m_feed->setSymbols({u"600000.SH"_s, u"000001.SZ"_s});
    QTRY_COMPARE(onBridge([this] { return m_bridge->subscribedClients(); }), 1);
    onBridge([this] { m_bridge->dropAll(); });
    QTRY_VERIFY(m_feed->connection()->state() != ConnectionStats::State::Connected);
    QTRY_COMPARE(firstMessageCount(), 2);
    QCOMPARE(lastFirstMessageCodes(), (QStringList{u"600000.SH"_s, u"000001.SZ"_s}));
    QTRY_COMPARE(m_feed->connection()->state(), ConnectionStats::State::Connected);
    QTRY_COMPARE(onBridge([this] { return m_bridge->subscribedClients(); }), 1);
    onBridge([this] { m_bridge->push(u"000001.SZ"_s, R"({"time":1726210806000,"lastPrice":10.6,"volume":7})"); });
    QTRY_VERIFY(m_store->quote(u"000001.SZ"_s) && m_store->quote(u"000001.SZ"_s)->last == dec("10.6"));
    QCOMPARE(m_feed->connection()->takeStats().reconnects, 1);
}

void tst_QmtFeed::malformedFramesSurvived()
{
    createFeed(config());
    m_feed->setSymbols({u"600000.SH"_s});
    QTRY_COMPARE(onBridge([this] { return m_bridge->subscribedClients(); }), 1);
    onBridge([this] {
        m_bridge->sendRaw("not json at all");
        m_bridge->sendRaw("[1,2,3]");
        m_bridge->sendRaw(R"({"600000.SH":[{"time":1726210806000,"lastPrice":NaN,"volume":100000}]})");
        m_bridge->push(u"600000.SH"_s, R"({"time":1726210809000,"lastPrice":8.05,"volume":100200})");
    });
    QTRY_COMPARE(m_store->quote(u"600000.SH"_s)->last, dec("8.05"));
    const ConnectionStats stats = m_feed->connection()->takeStats();
    QCOMPARE(stats.malformed, quint64(2));
    QCOMPARE(stats.reconnects, 0);
    QCOMPARE(stats.state, ConnectionStats::State::Connected);
    QCOMPARE(firstMessageCount(), 1);
}

void tst_QmtFeed::noDataMarking()
{
    QmtFeed::Config c = config();
    c.noDataTimeoutMs = 400;
    createFeed(c);
    QSignalSpy noData(m_feed, &QmtFeed::noDataDetected);
    m_feed->setSymbols({u"600000.SH"_s, u"000001.SZ"_s});
    QTRY_COMPARE(onBridge([this] { return m_bridge->subscribedClients(); }), 1);
    onBridge([this] { m_bridge->push(u"600000.SH"_s, R"({"time":1726210806000,"lastPrice":8.1})"); });
    QTRY_COMPARE(noData.size(), 1);
    QCOMPARE(noData.first().first().toStringList(), QStringList{u"000001.SZ"_s});
    QCOMPARE(m_feed->symbolStatus(u"000001.SZ"_s), QmtFeed::SymbolStatus::NoData);
    QCOMPARE(m_feed->symbolStatus(u"600000.SH"_s), QmtFeed::SymbolStatus::Live);
    QTRY_VERIFY(!m_feed->connection()->takeStats().lastError.isEmpty()); // "No data yet for 1 symbol"
    QTest::qWait(600);
    QCOMPARE(noData.size(), 1); // reported once

    // Data arriving later clears the mark.
    onBridge([this] { m_bridge->push(u"000001.SZ"_s, R"({"time":1726210809000,"lastPrice":10.4})"); });
    QTRY_COMPARE(m_feed->symbolStatus(u"000001.SZ"_s), QmtFeed::SymbolStatus::Live);
}

void tst_QmtFeed::unknownCodeReported()
{
    createFeed(config());
    onBridge([this] { m_bridge->unknown.insert(u"999999.SH"_s); });
    QSignalSpy errors(m_feed, &QuoteFeed::errorOccurred);
    m_feed->setSymbols({u"600000.SH"_s, u"999999.SH"_s});
    QTRY_COMPARE(firstMessageCount(), 1);
    QCOMPARE(lastFirstMessageCodes(), QStringList{u"600000.SH"_s});
    QCOMPARE(m_feed->symbolStatus(u"999999.SH"_s), QmtFeed::SymbolStatus::Unknown);
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.first().first().toString().contains(u"999999.SH"_s));

    // Reported once, also across list changes.
    m_feed->setSymbols({u"600000.SH"_s, u"999999.SH"_s, u"000001.SZ"_s});
    QTRY_COMPARE(firstMessageCount(), 2);
    QCOMPARE(lastFirstMessageCodes(), (QStringList{u"600000.SH"_s, u"000001.SZ"_s}));
    QCOMPARE(errors.size(), 1);
}

void tst_QmtFeed::catalogFromStockLists()
{
    QmtFeed::Config c = config();
    c.fetchCatalog = true;
    c.catalogChunk = 2;
    createFeed(c);
    onBridge([this] {
        m_bridge->lists.insert(u"上证A股"_s, {u"600000.SH"_s, u"600519.SH"_s, u"601318.SH"_s});
        m_bridge->lists.insert(u"深证A股"_s, {u"000001.SZ"_s});
        m_bridge->names.insert(u"600519.SH"_s, u"贵州茅台"_s);
    });
    QSignalSpy catalog(m_feed, &QmtFeed::catalogReceived);
    m_feed->setSymbols({u"600000.SH"_s});
    QTRY_COMPARE(catalog.size(), 2); // SH and SZ; BJ is empty
    const auto sh = catalog.at(0).first().value<QList<SymbolInfo>>();
    QCOMPARE(sh.size(), 3);
    QCOMPARE(sh.at(1).code, u"600519.SH"_s);
    QCOMPARE(sh.at(1).nameZh, u"贵州茅台"_s);
    QCOMPARE(sh.at(1).pinyin, u"gzmt"_s);
    QCOMPARE(sh.at(1).market, Market::SH);
    const auto sz = catalog.at(1).first().value<QList<SymbolInfo>>();
    QCOMPARE(sz.size(), 1);
    QCOMPARE(sz.first().market, Market::SZ);
}

// ---------------------------------------------------------------------------------------------------------------
// Against the simulator

void tst_QmtFeed::startSim(const QmtSimServer::Config& simConfig)
{
    m_sim = new QmtSimServer(simConfig);
    QVERIFY(m_sim->listen());
    m_simThread = new QThread;
    m_sim->moveToThread(m_simThread);
    m_simThread->start();
}

QmtFeed::Config tst_QmtFeed::simFeedConfig()
{
    QmtFeed::Config c = config();
    c.url = QUrl(u"ws://127.0.0.1:%1"_s.arg(m_sim->port()));
    return c;
}

int tst_QmtFeed::simFirstMessages(const QString& path)
{
    int n = 0;
    const QList<QmtSimServer::RequestRecord> records = m_sim->requests();
    for (const QmtSimServer::RequestRecord& r : records)
        n += r.method == "WS" && r.path == path ? 1 : 0;
    return n;
}

QStringList tst_QmtFeed::simSubscribed(const QString& path)
{
    const QJsonObject message = QJsonDocument::fromJson(m_sim->lastFirstMessage(path)).object();
    QStringList codes;
    const QJsonArray array = message.value(path == u"/ws/whole_quote" ? u"codes"_s : u"stocks"_s).toArray();
    for (const QJsonValue& v : array)
        codes.append(v.toString());
    return codes;
}

void tst_QmtFeed::simSeedsThenStreams()
{
    startSim();
    createFeed(simFeedConfig());
    QSignalSpy resolved(m_feed, &QmtFeed::instrumentsResolved);
    const QStringList codes{u"600519.SH"_s, u"000001.SZ"_s};
    m_feed->setSymbols(codes);
    QTRY_COMPARE(simSubscribed(u"/ws/realtime"_s), codes);
    QCOMPARE(QJsonDocument::fromJson(m_sim->lastFirstMessage(u"/ws/realtime"_s)).object().value(u"period"_s),
             QJsonValue(u"tick"_s));

    // Detail, names and snapshot were requested before the stream's first message.
    const QList<QmtSimServer::RequestRecord> records = m_sim->requests();
    qsizetype ws = -1, detail = -1, names = -1, snapshot = -1;
    for (qsizetype i = 0; i < records.size(); ++i) {
        const QString& path = records.at(i).path;
        if (records.at(i).method == "WS" && ws < 0)
            ws = i;
        else if (path == u"/api/instrument/detail_list" && detail < 0)
            detail = i;
        else if (path == u"/api/utility/batch_stock_name" && names < 0)
            names = i;
        else if (path == u"/api/market/full_tick" && snapshot < 0)
            snapshot = i;
    }
    QVERIFY(detail >= 0 && names >= 0 && snapshot >= 0 && ws >= 0);
    QVERIFY(detail < ws && names < ws && snapshot < ws);

    m_store->drain();
    for (const QString& code : codes) {
        const QuoteState* q = m_store->quote(code);
        QVERIFY2(q, qPrintable(code));
        QVERIFY2(!q->prevClose.isNull(), qPrintable(code));
        QVERIFY2(!q->last.isNull(), qPrintable(code));
        QVERIFY(!m_feed->instrument(code).name.isEmpty());
        QVERIFY(!m_feed->instrument(code).priceTick.isNull());
    }
    QCOMPARE(resolved.size(), 1);

    // Realtime pushes arrive (the simulator updates a code with 50% chance every 500 ms).
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->symbolStatus(u"600519.SH"_s), QmtFeed::SymbolStatus::Live, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->symbolStatus(u"000001.SZ"_s), QmtFeed::SymbolStatus::Live, 15000);
    QTRY_VERIFY(m_feed->connection()->takeStats().messages > 0);
    m_store->drain();
    const QuoteState* q = m_store->quote(u"600519.SH"_s);
    // Exact prices on the 0.01 tick, despite the float noise on the wire.
    QCOMPARE(q->last.roundedToTick(Decimal::fromUnits(1, 2)), q->last);
    QVERIFY(q->volume > Decimal::fromInt(0));
}

void tst_QmtFeed::simListChangeReconnects()
{
    startSim();
    createFeed(simFeedConfig());
    m_feed->setSymbols({u"600519.SH"_s});
    QTRY_COMPARE(simSubscribed(u"/ws/realtime"_s), QStringList{u"600519.SH"_s});
    m_feed->setSymbols({u"600519.SH"_s, u"000001.SZ"_s});
    m_feed->setSymbols({u"600519.SH"_s, u"000001.SZ"_s, u"300750.SZ"_s});
    QTRY_COMPARE(simSubscribed(u"/ws/realtime"_s), (QStringList{u"600519.SH"_s, u"000001.SZ"_s, u"300750.SZ"_s}));
    QTRY_COMPARE(m_sim->connectionCount(u"/ws/realtime"_s), 1);
    QTest::qWait(300);
    QCOMPARE(simFirstMessages(u"/ws/realtime"_s), 2); // debounced: one reconnect for two edits
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->symbolStatus(u"300750.SZ"_s), QmtFeed::SymbolStatus::Live, 15000);
}

void tst_QmtFeed::simWholeQuoteAboveFifty()
{
    QmtSimServer::Config simConfig;
    simConfig.wholeMarketSymbols = 80;
    startSim(simConfig);
    const QStringList codes = m_sim->codes().mid(0, 51);
    QCOMPARE(codes.size(), 51);
    createFeed(simFeedConfig());
    m_feed->setSymbols(codes);
    QTRY_COMPARE_WITH_TIMEOUT(simSubscribed(u"/ws/whole_quote"_s), codes, 10000);
    QCOMPARE(m_sim->connectionCount(u"/ws/realtime"_s), 0);
    QVERIFY(m_feed->usesWholeQuote());
    // The first whole-quote frame is a snapshot of every code.
    for (const QString& code : codes)
        QTRY_COMPARE_WITH_TIMEOUT(m_feed->symbolStatus(code), QmtFeed::SymbolStatus::Live, 5000);
}

void tst_QmtFeed::simDropAllConnections()
{
    startSim();
    createFeed(simFeedConfig());
    m_feed->setSymbols({u"600519.SH"_s, u"000001.SZ"_s});
    QTRY_COMPARE(m_sim->connectionCount(u"/ws/realtime"_s), 1);
    QTRY_COMPARE(simFirstMessages(u"/ws/realtime"_s), 1);
    QMetaObject::invokeMethod(m_sim, &QmtSimServer::dropAllConnections, Qt::QueuedConnection);
    QTRY_COMPARE(simFirstMessages(u"/ws/realtime"_s), 2);
    QCOMPARE(simSubscribed(u"/ws/realtime"_s), (QStringList{u"600519.SH"_s, u"000001.SZ"_s}));
    QTRY_COMPARE(m_feed->connection()->state(), ConnectionStats::State::Connected);
    QCOMPARE(m_feed->connection()->takeStats().reconnects, 1);
}

void tst_QmtFeed::simHungServerReconnects()
{
    startSim();
    QmtFeed::Config c = simFeedConfig();
    c.connection.pingIntervalMs = 200;
    createFeed(c);
    m_feed->setSymbols({u"600519.SH"_s});
    QTRY_COMPARE(m_feed->connection()->state(), ConnectionStats::State::Connected);
    QTRY_COMPARE(simFirstMessages(u"/ws/realtime"_s), 1);
    // A hung process answers nothing, not even pings: two missed pongs declare the link dead.
    QMetaObject::invokeMethod(
        m_sim, [] { QThread::msleep(1500); }, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(m_feed->connection()->state() != ConnectionStats::State::Connected, 3000);
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->connection()->state(), ConnectionStats::State::Connected, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(simFirstMessages(u"/ws/realtime"_s) >= 2, 5000);
    QCOMPARE(simSubscribed(u"/ws/realtime"_s), QStringList{u"600519.SH"_s});
    QVERIFY(m_feed->connection()->takeStats().reconnects >= 1);
}

void tst_QmtFeed::simFrozenServerKeepsLink()
{
    // setFrozen() stops data but QWebSocket still answers pings: a quiet market, not a dead link. The feed keeps
    // the connection (no data is not a reason to reconnect; the bridge has no heartbeat) and data resumes on thaw.
    startSim();
    QmtFeed::Config c = simFeedConfig();
    c.connection.pingIntervalMs = 200;
    createFeed(c);
    m_feed->setSymbols({u"600519.SH"_s});
    QTRY_COMPARE(m_feed->connection()->state(), ConnectionStats::State::Connected);
    QTRY_COMPARE(simFirstMessages(u"/ws/realtime"_s), 1);
    QMetaObject::invokeMethod(
        m_sim, [sim = m_sim] { sim->setFrozen(true); }, Qt::QueuedConnection);
    QTest::qWait(1200);
    QCOMPARE(m_feed->connection()->state(), ConnectionStats::State::Connected);
    QCOMPARE(m_feed->connection()->takeStats().reconnects, 0);
    const quint64 before = m_feed->connection()->takeStats().messages;
    QMetaObject::invokeMethod(
        m_sim, [sim = m_sim] { sim->setFrozen(false); }, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(m_feed->connection()->takeStats().messages > before, 15000);
}

void tst_QmtFeed::simMalformedFrameSurvived()
{
    startSim();
    createFeed(simFeedConfig());
    m_feed->setSymbols({u"600519.SH"_s});
    QTRY_COMPARE(m_sim->connectionCount(u"/ws/realtime"_s), 1);
    QTRY_COMPARE(simFirstMessages(u"/ws/realtime"_s), 1);
    QMetaObject::invokeMethod(
        m_sim, [sim = m_sim] { sim->injectFrame(u"/ws/realtime"_s, "{\"600519.SH\":[{\"lastPrice\":"); },
        Qt::QueuedConnection);
    QTRY_COMPARE(m_feed->connection()->takeStats().malformed, quint64(1));
    QCOMPARE(m_feed->connection()->state(), ConnectionStats::State::Connected);
    QCOMPARE(m_feed->connection()->takeStats().reconnects, 0);
    const quint64 before = m_feed->connection()->takeStats().messages;
    QTRY_VERIFY_WITH_TIMEOUT(m_feed->connection()->takeStats().messages > before, 15000);
}

void tst_QmtFeed::simUnknownCodeAndNoData()
{
    QmtSimServer::Config simConfig;
    simConfig.updateChance = 0; // a market that never trades: nothing is pushed on /ws/realtime
    startSim(simConfig);
    QmtFeed::Config c = simFeedConfig();
    c.noDataTimeoutMs = 500;
    createFeed(c);
    QSignalSpy noData(m_feed, &QmtFeed::noDataDetected);
    m_feed->setSymbols({u"600519.SH"_s, u"999999.SH"_s});
    QTRY_COMPARE(simSubscribed(u"/ws/realtime"_s), QStringList{u"600519.SH"_s});
    QCOMPARE(m_feed->symbolStatus(u"999999.SH"_s), QmtFeed::SymbolStatus::Unknown);
    QCOMPARE(m_errors.size(), 1);
    QVERIFY(m_errors.first().contains(u"999999.SH"_s));
    QTRY_COMPARE(noData.size(), 1);
    QCOMPARE(noData.first().first().toStringList(), QStringList{u"600519.SH"_s});
    QCOMPARE(m_feed->symbolStatus(u"600519.SH"_s), QmtFeed::SymbolStatus::NoData);
    // The REST snapshot still filled the row.
    m_store->drain();
    QVERIFY(!m_store->quote(u"600519.SH"_s)->prevClose.isNull());
}

QTEST_GUILESS_MAIN(tst_QmtFeed)
#include "tst_qmtfeed.moc"
