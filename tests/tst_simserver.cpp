#include "sim/HttpRequest.h"
#include "sim/SimMarket.h"
#include "sim/SimServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <cmath>
#include <cstdlib>
#include <iterator>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTradePush = 22998;
constexpr int kDepthPush = 22999;
const QString kToken = u"test-token"_s;

QByteArray request(int cmdId, qint64 seqId, const QString& trace, const QJsonObject& data = {})
{
    const QJsonObject object{{u"cmd_id"_s, cmdId}, {u"seq_id"_s, seqId}, {u"trace"_s, trace}, {u"data"_s, data}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray tradeRequest(qint64 seqId, const QStringList& codes)
{
    QJsonArray list;
    for (const QString& code : codes)
        list.append(QJsonObject{{u"code"_s, code}});
    return request(22004, seqId, u"trade-"_s + QString::number(seqId), {{u"symbol_list"_s, list}});
}

QByteArray depthRequest(qint64 seqId, const QList<QPair<QString, int>>& codes)
{
    QJsonArray list;
    for (const auto& entry : codes)
        list.append(QJsonObject{{u"code"_s, entry.first}, {u"depth_level"_s, entry.second}});
    return request(22002, seqId, u"depth-"_s + QString::number(seqId), {{u"symbol_list"_s, list}});
}

QByteArray cancelRequest(qint64 seqId, int cancelType)
{
    return request(22006, seqId, u"cancel-"_s + QString::number(seqId), {{u"cancel_type"_s, cancelType}});
}

SimServer::Config fastConfig()
{
    SimServer::Config config;
    config.seed = 7;
    config.token = kToken;
    config.minRequestSpacingMs = 0;
    config.heartbeatTimeoutMs = 0;
    config.pushRate = 400;
    config.pushIntervalMs = 10;
    return config;
}

// A raw WebSocket client that keeps every frame it receives.
class TestClient
{
public:
    TestClient()
        : connected(&socket, &QWebSocket::connected)
        , disconnected(&socket, &QWebSocket::disconnected)
        , messages(&socket, &QWebSocket::textMessageReceived)
    {}

    void open(const QUrl& url) { socket.open(url); }
    void send(const QByteArray& frame) { socket.sendTextMessage(QString::fromUtf8(frame)); }

    QList<QJsonObject> frames() const
    {
        QList<QJsonObject> result;
        for (const QList<QVariant>& args : messages)
            result.append(QJsonDocument::fromJson(args.at(0).toString().toUtf8()).object());
        return result;
    }
    QList<QJsonObject> frames(int cmdId, qsizetype from = 0) const
    {
        QList<QJsonObject> result;
        const QList<QJsonObject> all = frames();
        for (qsizetype i = from; i < all.size(); ++i) {
            if (all.at(i).value(u"cmd_id"_s).toInt() == cmdId)
                result.append(all.at(i));
        }
        return result;
    }
    qsizetype count(int cmdId, qsizetype from = 0) const { return frames(cmdId, from).size(); }
    // Index of the first frame with this cmd_id and seq_id, or -1.
    qsizetype indexOf(int cmdId, qint64 seqId) const
    {
        const QList<QJsonObject> all = frames();
        for (qsizetype i = 0; i < all.size(); ++i) {
            if (all.at(i).value(u"cmd_id"_s).toInt() == cmdId && all.at(i).value(u"seq_id"_s).toInteger() == seqId)
                return i;
        }
        return -1;
    }
    QJsonObject frame(qsizetype index) const { return frames().value(index); }
    QSet<QString> pushedCodes(int cmdId, qsizetype from = 0) const
    {
        QSet<QString> codes;
        for (const QJsonObject& push : frames(cmdId, from))
            codes.insert(push.value(u"data"_s).toObject().value(u"code"_s).toString());
        return codes;
    }

    QWebSocket socket;
    QSignalSpy connected;
    QSignalSpy disconnected;
    QSignalSpy messages;
};

bool isDecimalString(const QJsonValue& value)
{
    bool ok = false;
    return value.isString() && !value.toString().isEmpty() &&
           !Decimal::parse(QStringView(value.toString()), &ok).isNull();
}

Decimal decimal(const QJsonValue& value)
{
    return Decimal::parse(QStringView(value.toString()));
}

} // namespace

class tst_SimServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // HTTP request parser
    void httpRequestIncremental();
    void httpRequestBody();
    void httpRequestBad_data();
    void httpRequestBad();

    // Market engine
    void marketDeterministic();
    void marketTradeInvariants_data();
    void marketTradeInvariants();
    void marketPricesWalkToTheirLimits();
    void marketBooks();
    void marketLimitBook();
    void marketDailyBars();
    void marketSyntheticSymbols();

    // Server
    void handshakeRequiresToken();
    void rawHandshakeAnswers401And101();
    void heartbeatAckEchoes();
    void tradePushesOnlySubscribedCodes();
    void subscriptionOverwrites();
    void cancelTypes();
    void requestSpacingViolationCloses();
    void spacedRequestsAreAccepted();
    void heartbeatTimeoutDrops();
    void badJsonKeepsConnection();
    void depthLevelsPerAssetClass();
    void integerNumbersSwitch();
    void invalidCodesOnWrongFamily();
    void maxCodesPerListTruncates();
    void maxConnectionsPerToken();
    void restKline();
    void restBatchKline();
    void serverDeterministic();
    void frozenSwallowsAndResumes();
    void injectAndDrop();
    void worksFromWorkerThread();
};

// ---------------------------------------------------------------------------------------------------------------

void tst_SimServer::httpRequestIncremental()
{
    HttpRequest request;
    QCOMPARE(request.feed("GET /quote-stock-b-ws-api?token=a%20b HTTP/1.1\r\nHo"), HttpRequest::Status::Incomplete);
    QVERIFY(!request.headersComplete());
    QCOMPARE(request.feed("st: x\r\nUpgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\n"),
             HttpRequest::Status::Incomplete);
    QCOMPARE(request.feed("\r\n"), HttpRequest::Status::Complete);
    QVERIFY(request.headersComplete());
    QCOMPARE(request.method(), QByteArray("GET"));
    QCOMPARE(request.path(), u"/quote-stock-b-ws-api"_s);
    QCOMPARE(request.query().queryItemValue(u"token"_s, QUrl::FullyDecoded), u"a b"_s);
    QCOMPARE(request.header("HOST"), QByteArray("x"));
    QVERIFY(request.isWebSocketUpgrade());
    QVERIFY(request.keepAlive());
}

void tst_SimServer::httpRequestBody()
{
    HttpRequest request;
    QCOMPARE(request.feed("POST /b HTTP/1.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nab"),
             HttpRequest::Status::Incomplete);
    QVERIFY(request.headersComplete());
    QCOMPARE(request.feed("cdeGET /next"), HttpRequest::Status::Complete);
    QCOMPARE(request.body(), QByteArray("abcde"));
    QVERIFY(!request.keepAlive());
    QVERIFY(!request.isWebSocketUpgrade());
    QCOMPARE(request.takeRemainder(), QByteArray("GET /next"));
}

void tst_SimServer::httpRequestBad_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("request line") << QByteArray("GET\r\n\r\n");
    QTest::newRow("version") << QByteArray("GET / SPDY/3\r\n\r\n");
    QTest::newRow("header line") << QByteArray("GET / HTTP/1.1\r\nno colon\r\n\r\n");
    QTest::newRow("content length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n");
    QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    QTest::newRow("huge head") << (QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(HttpRequest::MaxHeaderBytes, 'a'));
}

void tst_SimServer::httpRequestBad()
{
    QFETCH(QByteArray, bytes);
    HttpRequest request;
    QCOMPARE(request.feed(bytes), HttpRequest::Status::Bad);
    QVERIFY(!request.errorString().isEmpty());
}

// ---------------------------------------------------------------------------------------------------------------

void tst_SimServer::marketDeterministic()
{
    SimMarket a(42);
    SimMarket b(42);
    SimMarket other(43);
    // b draws other symbols first: 700.HK's stream must not depend on that.
    for (int i = 0; i < 50; ++i) {
        b.nextTrade(u"AAPL.US"_s, 0);
        b.book(u"700.HK"_s, 0);
    }
    bool differs = false;
    for (int i = 0; i < 300; ++i) {
        const TradeTick x = a.nextTrade(u"700.HK"_s, 1000 + i);
        const TradeTick y = b.nextTrade(u"700.HK"_s, 5000 + i);
        const TradeTick z = other.nextTrade(u"700.HK"_s, 1000 + i);
        QCOMPARE(x.seq, y.seq);
        QCOMPARE(x.price, y.price);
        QCOMPARE(x.volume, y.volume);
        QCOMPARE(x.turnover, y.turnover);
        QCOMPARE(x.side, y.side);
        differs = differs || x.price != z.price || x.volume != z.volume;
    }
    QVERIFY(differs);
    QCOMPARE(a.prevClose(u"700.HK"_s), b.prevClose(u"700.HK"_s));
}

void tst_SimServer::marketTradeInvariants_data()
{
    QTest::addColumn<QString>("code");
    for (const char* code : {"600519.SH", "000001.SZ", "430047.BJ", "700.HK", "939.HK", "AAPL.US", "EURUSD", "USDJPY",
                             "GOLD", "Silver", "USOIL", "BTCUSDT", "DOGEUSDT"})
        QTest::newRow(code) << QString::fromLatin1(code);
}

void tst_SimServer::marketTradeInvariants()
{
    QFETCH(QString, code);
    SimMarket market(3);
    const SymbolInfo* info = market.info(code);
    QVERIFY(info);
    const Market kind = info->market;
    const bool aShare = kind == Market::SH || kind == Market::SZ || kind == Market::BJ;
    const Decimal prevClose = market.prevClose(code);
    QVERIFY(!prevClose.isNull());
    QCOMPARE(prevClose.roundedToTick(info->tickSize), prevClose);
    const double pc = prevClose.toDouble();
    qint64 lastSeq = 0;
    QSet<int> sides;
    for (int i = 0; i < 3000; ++i) {
        const TradeTick trade = market.nextTrade(code, 1700000000000LL + i);
        QCOMPARE(trade.code, code);
        QVERIFY(trade.seq > lastSeq);
        lastSeq = trade.seq;
        QCOMPARE(trade.timeMs, 1700000000000LL + i);
        QCOMPARE(trade.price.roundedToTick(info->tickSize), trade.price);
        const double move = trade.price.toDouble() / pc - 1.0;
        if (aShare) {
            QVERIFY2(trade.price <= market.limitUp(code) && trade.price >= market.limitDown(code),
                     qPrintable(trade.price.toString()));
        } else {
            QVERIFY2(std::abs(move) < 0.085, qPrintable(trade.price.toString()));
        }
        sides.insert(int(trade.side));
        if (SimMarket::isPriceOnly(kind)) {
            QCOMPARE(trade.side, TradeSide::Neutral);
            QVERIFY(trade.volume.isZero());
            QVERIFY(trade.turnover.isNull());
            continue;
        }
        QVERIFY(trade.volume > Decimal::fromInt(0));
        QCOMPARE(trade.turnover, (trade.price * trade.volume).rounded(4));
        if (aShare) {
            QCOMPARE(trade.volume.scale(), 0);
            QCOMPARE(trade.volume.units() % 100, 0);
        } else if (kind == Market::HK) {
            QCOMPARE(trade.volume.scale(), 0);
            QCOMPARE(trade.volume.units() % 100, 0); // board lots are multiples of 100 here
        } else if (kind == Market::US) {
            QCOMPARE(trade.volume.scale(), 0);
            QVERIFY(trade.volume.units() >= 1 && trade.volume.units() <= 500);
        }
    }
    if (!SimMarket::isPriceOnly(kind))
        QVERIFY(sides.contains(int(TradeSide::Buy)) && sides.contains(int(TradeSide::Sell)));
    if (kind == Market::Crypto && info->refPrice > Decimal::fromInt(1000)) {
        const TradeTick trade = market.nextTrade(code, 0);
        QVERIFY(trade.volume.scale() > 0); // fractional coins
    }
    // The day's high/low enclose every trade and the bar agrees.
    const QList<AllTick::KlineBar> bars = market.dailyBars(code, 2, 1700000000000LL);
    QCOMPARE(bars.size(), 2);
    QCOMPARE(bars.first().close, prevClose);
    QCOMPARE(bars.last().close, market.lastPrice(code));
    QVERIFY(bars.last().high >= bars.last().close && bars.last().low <= bars.last().close);
    QVERIFY(bars.last().high >= bars.last().open && bars.last().low <= bars.last().open);
}

void tst_SimServer::marketPricesWalkToTheirLimits()
{
    // Over a long session every A-share move between consecutive trades stays small (no jump from the middle of the
    // band to a limit), yet limit episodes do happen, reached by a run of trades.
    SimMarket market(11);
    int limitTrades = 0;
    for (const QString& code : {u"600519.SH"_s, u"000001.SZ"_s, u"300750.SZ"_s, u"601318.SH"_s}) {
        const Decimal up = market.limitUp(code);
        const Decimal down = market.limitDown(code);
        double previous = market.lastPrice(code).toDouble();
        for (int i = 0; i < 40000; ++i) {
            const TradeTick trade = market.nextTrade(code, 1700000000000LL + i);
            const double price = trade.price.toDouble();
            QVERIFY2(std::abs(price / previous - 1.0) < 0.015,
                     qPrintable(u"%1: %2 -> %3 at trade %4"_s.arg(code).arg(previous).arg(price).arg(i)));
            previous = price;
            if (trade.price == up || trade.price == down)
                ++limitTrades;
        }
    }
    QVERIFY2(limitTrades > 0, "no limit episode in 160,000 A-share trades");
}

void tst_SimServer::marketBooks()
{
    SimMarket market(5);
    const QList<QPair<QString, int>> expected = {{u"700.HK"_s, 10}, {u"600519.SH"_s, 5}, {u"AAPL.US"_s, 1},
                                                 {u"BTCUSDT"_s, 5}, {u"EURUSD"_s, 1},    {u"GOLD"_s, 1}};
    for (const auto& [code, levels] : expected) {
        QCOMPARE(SimMarket::maxDepthLevels(market.marketOf(code)), levels);
        const Decimal tick = market.info(code)->tickSize;
        for (int i = 0; i < 200; ++i) {
            const TradeTick trade = market.nextTrade(code, i);
            const BookSnapshot book = market.book(code, i, 100);
            QCOMPARE(book.code, code);
            if (book.asks.isEmpty() || book.bids.isEmpty()) { // an A-share pinned at a limit price
                QVERIFY(book.asks.isEmpty() ? book.bids.first().price == market.limitUp(code)
                                            : book.asks.first().price == market.limitDown(code));
                continue;
            }
            QCOMPARE(book.bids.size(), levels);
            QCOMPARE(book.asks.size(), levels);
            QVERIFY(book.bids.first().price < book.asks.first().price);
            QVERIFY(book.bids.first().price <= trade.price && trade.price <= book.asks.first().price);
            for (qsizetype l = 0; l < levels; ++l) {
                QCOMPARE(book.bids.at(l).price.roundedToTick(tick), book.bids.at(l).price);
                QCOMPARE(book.bids.at(l).volume.isNull(), SimMarket::isPriceOnly(market.marketOf(code)));
                if (l > 0) {
                    QVERIFY(book.bids.at(l).price < book.bids.at(l - 1).price);
                    QVERIFY(book.asks.at(l).price > book.asks.at(l - 1).price);
                }
            }
        }
        QCOMPARE(market.book(code, 0, 1).bids.size(), 1);
    }
}

void tst_SimServer::marketLimitBook()
{
    SimMarket market(5);
    const QString code = u"000001.SZ"_s;
    QVERIFY(!market.forceLimit(u"700.HK"_s, true, 5));
    const Decimal up = market.limitUp(code);
    QCOMPARE(up,
             (market.prevClose(code) * Decimal::parse(QStringView(u"1.1"))).roundedToTick(Decimal::fromUnits(1, 2)));
    QVERIFY(market.forceLimit(code, true, 3));
    BookSnapshot book = market.book(code, 0);
    QVERIFY(book.asks.isEmpty());
    QCOMPARE(book.bids.size(), 5);
    QCOMPARE(book.bids.first().price, up);
    for (int i = 0; i < 3; ++i) {
        const TradeTick trade = market.nextTrade(code, 0);
        QCOMPARE(trade.price, up);
        QCOMPARE(trade.side, TradeSide::Buy);
    }
    book = market.book(code, 0); // released: asks are back, none above the limit price
    QVERIFY(!book.asks.isEmpty());
    QVERIFY(book.asks.constLast().price <= up);
    QCOMPARE(book.bids.size(), 5);
    QVERIFY(market.forceLimit(code, false, 1));
    book = market.book(code, 0);
    QVERIFY(book.bids.isEmpty());
    QCOMPARE(book.asks.first().price, market.limitDown(code));
}

void tst_SimServer::marketDailyBars()
{
    SimMarket market(9);
    const qint64 now = QDateTime(QDate(2025, 6, 9), QTime(10, 0), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch();
    const QList<AllTick::KlineBar> bars = market.dailyBars(u"600519.SH"_s, 10, now);
    QCOMPARE(bars.size(), 10);
    const QTimeZone shanghai("Asia/Shanghai");
    QCOMPARE(bars.last().timestampSec, QDateTime(QDate(2025, 6, 9), QTime(0, 0), shanghai).toSecsSinceEpoch());
    // Monday's previous session is Friday.
    QCOMPARE(bars.at(8).timestampSec, QDateTime(QDate(2025, 6, 6), QTime(0, 0), shanghai).toSecsSinceEpoch());
    QCOMPARE(bars.at(8).close, market.prevClose(u"600519.SH"_s));
    for (qsizetype i = 0; i < bars.size(); ++i) {
        const AllTick::KlineBar& bar = bars.at(i);
        QVERIFY(bar.low <= bar.open && bar.open <= bar.high);
        QVERIFY(bar.low <= bar.close && bar.close <= bar.high);
        const QDate date = QDateTime::fromSecsSinceEpoch(bar.timestampSec, shanghai).date();
        QVERIFY(date.dayOfWeek() <= 5);
        QCOMPARE(QDateTime::fromSecsSinceEpoch(bar.timestampSec, shanghai).time(), QTime(0, 0));
        if (i > 0)
            QVERIFY(bar.timestampSec > bars.at(i - 1).timestampSec);
    }
    // Bar k is the same whatever the count.
    const QList<AllTick::KlineBar> longer = market.dailyBars(u"600519.SH"_s, 30, now);
    QCOMPARE(longer.at(25).close, bars.at(5).close);
    QCOMPARE(longer.at(25).timestampSec, bars.at(5).timestampSec);
    // Crypto trades every day, UTC dates.
    const QList<AllTick::KlineBar> btc = market.dailyBars(u"BTCUSDT"_s, 3, now);
    QCOMPARE(btc.at(1).timestampSec + 86400, btc.at(2).timestampSec);
    QCOMPARE(btc.at(2).timestampSec % 86400, 0);
    QVERIFY(market.dailyBars(u"NOPE"_s, 3, now).isEmpty());
}

void tst_SimServer::marketSyntheticSymbols()
{
    const int catalogSize = int(SymbolCatalog::builtIn().symbols().size());
    SimMarket big(1, catalogSize + 150);
    QCOMPARE(big.symbolCount(), catalogSize + 150);
    QVERIFY(big.contains(u"600519.SH"_s));
    const SymbolInfo* sim = big.info(u"SIM0001.US"_s);
    QVERIFY(sim);
    QCOMPARE(sim->nameEn, u"Simulated 0001"_s);
    QCOMPARE(sim->nameZh, u"模拟0001"_s);
    QCOMPARE(sim->market, Market::US);
    QVERIFY(big.contains(u"SIM0150.US"_s));
    QVERIFY(!big.contains(u"SIM0151.US"_s));
    QVERIFY(!big.nextTrade(u"SIM0150.US"_s, 0).price.isNull());
    QCOMPARE(big.codes().size(), catalogSize + 150);

    SimMarket small(1, 10);
    QCOMPARE(small.symbolCount(), 10);
    QVERIFY(!small.contains(u"SIM0001.US"_s));
    QVERIFY(small.nextTrade(u"NOPE.US"_s, 0).code.isEmpty());
}

// ---------------------------------------------------------------------------------------------------------------

void tst_SimServer::handshakeRequiresToken()
{
    SimServer server(fastConfig());
    QSignalSpy connectedSpy(&server, &SimServer::clientConnected);
    QVERIFY(server.listen());
    QVERIFY(server.port() != 0);
    QCOMPARE(server.stockUrl(kToken).toString(),
             u"ws://127.0.0.1:%1/quote-stock-b-ws-api?token=test-token"_s.arg(server.port()));
    QCOMPARE(server.generalUrl(kToken).path(), u"/quote-b-ws-api"_s);

    TestClient noToken;
    QSignalSpy noTokenErrors(&noToken.socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error));
    noToken.open(server.stockUrl(QString()));
    TestClient wrongToken;
    wrongToken.open(server.stockUrl(u"wrong"_s));
    TestClient good;
    good.open(server.stockUrl(kToken));

    QTRY_COMPARE(good.connected.size(), 1);
    QTRY_VERIFY(noTokenErrors.size() > 0);
    QTRY_COMPARE(noToken.socket.state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(wrongToken.socket.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(noToken.connected.size(), 0);
    QCOMPARE(wrongToken.connected.size(), 0);
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(connectedSpy.size(), 1);
    QCOMPARE(connectedSpy.at(0).at(0).toString(), u"/quote-stock-b-ws-api"_s);

    // Empty configured token: any non-empty token passes, none still fails.
    SimServer::Config open = fastConfig();
    open.token.clear();
    SimServer anyToken(open);
    QVERIFY(anyToken.listen());
    TestClient whatever;
    whatever.open(anyToken.generalUrl(u"whatever"_s));
    TestClient none;
    none.open(anyToken.generalUrl(QString()));
    QTRY_COMPARE(whatever.connected.size(), 1);
    QTRY_COMPARE(none.socket.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(none.connected.size(), 0);
}

void tst_SimServer::rawHandshakeAnswers401And101()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    auto handshake = [&server](const QByteArray& target) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, server.port());
        socket->write("GET " + target +
                      " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        return socket;
    };
    auto missing = handshake("/quote-stock-b-ws-api");
    QTRY_COMPARE(missing->state(), QAbstractSocket::UnconnectedState);
    const QByteArray missingReply = missing->readAll();
    QVERIFY2(missingReply.startsWith("HTTP/1.1 401"), missingReply.constData());
    QVERIFY(missingReply.endsWith("\r\n\r\n{\"msg\":\"token is required\",\"ret\":401}"));

    auto wrong = handshake("/quote-b-ws-api?token=nope");
    QTRY_COMPARE(wrong->state(), QAbstractSocket::UnconnectedState);
    QVERIFY(wrong->readAll().endsWith("{\"msg\":\"token invalid\",\"ret\":401}"));

    auto unknownPath = handshake("/elsewhere?token=test-token");
    QTRY_COMPARE(unknownPath->state(), QAbstractSocket::UnconnectedState);
    QVERIFY(unknownPath->readAll().startsWith("HTTP/1.1 404"));

    // The handshake bytes were only peeked before the hand-over: the WebSocket server must still answer them.
    auto good = handshake("/quote-stock-b-ws-api?token=test-token");
    QTRY_VERIFY(good->bytesAvailable() > 0 && good->peek(4096).contains("\r\n\r\n"));
    const QByteArray reply = good->readAll();
    QVERIFY2(reply.startsWith("HTTP/1.1 101"), reply.constData());
    QVERIFY(reply.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    QTRY_COMPARE(server.connectionCount(), 1);
}

void tst_SimServer::heartbeatAckEchoes()
{
    SimServer server(fastConfig());
    QSignalSpy requestSpy(&server, &SimServer::requestReceived);
    QVERIFY(server.listen());
    TestClient client;
    client.open(server.stockUrl(kToken));
    QTRY_COMPARE(client.connected.size(), 1);

    client.send(request(22000, 4294967295LL, u"hb-1"_s));
    QTRY_COMPARE(client.messages.size(), 1);
    const QString text = client.messages.at(0).at(0).toString();
    QCOMPARE(text,
             u"{\"ret\":200,\"msg\":\"ok\",\"cmd_id\":22001,\"seq_id\":4294967295,\"trace\":\"hb-1\",\"data\":{}}"_s);

    QCOMPARE(requestSpy.size(), 1);
    const auto record = requestSpy.at(0).at(0).value<SimServer::RequestRecord>();
    QCOMPARE(record.cmdId, 22000);
    QCOMPARE(record.seqId, 4294967295LL);
    QCOMPARE(record.trace, u"hb-1"_s);
    QCOMPARE(record.path, u"/quote-stock-b-ws-api"_s);
    QVERIFY(std::abs(record.receivedMs - QDateTime::currentMSecsSinceEpoch()) < 10000);
    QCOMPARE(record.raw, request(22000, 4294967295LL, u"hb-1"_s));
    QCOMPARE(server.requests().size(), 1);
    server.clearRequests();
    QCOMPARE(server.requests().size(), 0);
}

void tst_SimServer::tradePushesOnlySubscribedCodes()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    TestClient client;
    client.open(server.stockUrl(kToken));
    QTRY_COMPARE(client.connected.size(), 1);
    client.send(tradeRequest(1, {u"700.HK"_s, u"600519.SH"_s}));
    QTRY_VERIFY(client.indexOf(22005, 1) >= 0);
    const QJsonObject ack = client.frame(client.indexOf(22005, 1));
    QCOMPARE(ack.value(u"ret"_s).toInt(), 200);
    QCOMPARE(ack.value(u"trace"_s).toString(), u"trade-1"_s);
    QCOMPARE(server.requests().constLast().codes, (QStringList{u"700.HK"_s, u"600519.SH"_s}));

    QTRY_VERIFY(client.count(kTradePush) >= 40);
    QCOMPARE(client.pushedCodes(kTradePush), (QSet<QString>{u"700.HK"_s, u"600519.SH"_s}));
    QCOMPARE(client.count(kDepthPush), 0);
    for (const QJsonObject& push : client.frames(kTradePush)) {
        QCOMPARE(push.size(), 2); // only cmd_id and data
        const QJsonObject data = push.value(u"data"_s).toObject();
        QVERIFY(data.value(u"seq"_s).isString());
        QVERIFY(data.value(u"tick_time"_s).isString());
        const qint64 tickTime = data.value(u"tick_time"_s).toString().toLongLong();
        QVERIFY(std::abs(tickTime - QDateTime::currentMSecsSinceEpoch()) < 60000);
        QVERIFY(isDecimalString(data.value(u"price"_s)));
        QVERIFY(isDecimalString(data.value(u"volume"_s)));
        QVERIFY(isDecimalString(data.value(u"turnover"_s)));
        const int direction = data.value(u"trade_direction"_s).toInt(-1);
        QVERIFY(direction >= 0 && direction <= 2);
        if (data.value(u"code"_s).toString() == u"600519.SH"_s)
            QCOMPARE(data.value(u"price"_s).toString().section(u'.', 1).size(), 6); // "1450.000000"
    }
}

void tst_SimServer::subscriptionOverwrites()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    TestClient client;
    client.open(server.stockUrl(kToken));
    QTRY_COMPARE(client.connected.size(), 1);
    client.send(tradeRequest(1, {u"700.HK"_s}));
    QTRY_VERIFY(client.count(kTradePush) >= 5);
    client.send(tradeRequest(2, {u"AAPL.US"_s}));
    QTRY_VERIFY(client.indexOf(22005, 2) >= 0);
    const qsizetype after = client.indexOf(22005, 2);
    QTRY_VERIFY(client.count(kTradePush, after) >= 40);
    QCOMPARE(client.pushedCodes(kTradePush, after), QSet<QString>{u"AAPL.US"_s});
    QCOMPARE(client.pushedCodes(kTradePush, 0).contains(u"700.HK"_s), true);
}

void tst_SimServer::cancelTypes()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    TestClient client;
    client.open(server.stockUrl(kToken));
    TestClient witness; // proves time passes (pushes flow) while the cancelled client stays silent
    witness.open(server.stockUrl(kToken));
    QTRY_COMPARE(client.connected.size(), 1);
    QTRY_COMPARE(witness.connected.size(), 1);
    witness.send(tradeRequest(1, {u"AAPL.US"_s}));

    client.send(tradeRequest(1, {u"700.HK"_s}));
    client.send(depthRequest(2, {{u"700.HK"_s, 10}}));
    QTRY_VERIFY(client.count(kTradePush) >= 10 && client.count(kDepthPush) >= 5);

    client.send(cancelRequest(3, 2)); // trades off, depth stays
    QTRY_VERIFY(client.indexOf(22007, 3) >= 0);
    QCOMPARE(client.frame(client.indexOf(22007, 3)).value(u"ret"_s).toInt(), 200);
    qsizetype after = client.indexOf(22007, 3);
    QTRY_VERIFY(client.count(kDepthPush, after) >= 20);
    QCOMPARE(client.count(kTradePush, after), 0);
    QCOMPARE(server.requests().constLast().cancelType, 2);

    client.send(cancelRequest(4, 0)); // everything off
    QTRY_VERIFY(client.indexOf(22007, 4) >= 0);
    after = client.indexOf(22007, 4);
    const qsizetype witnessStart = witness.messages.size();
    QTRY_VERIFY(witness.count(kTradePush, witnessStart) >= 40);
    QCOMPARE(client.messages.size(), after + 1);

    client.send(depthRequest(5, {{u"700.HK"_s, 10}}));
    client.send(cancelRequest(6, 1)); // depth off
    QTRY_VERIFY(client.indexOf(22007, 6) >= 0);
    after = client.indexOf(22007, 6);
    const qsizetype witnessStart2 = witness.messages.size();
    QTRY_VERIFY(witness.count(kTradePush, witnessStart2) >= 40);
    QCOMPARE(client.messages.size(), after + 1);

    client.send(cancelRequest(7, 9)); // not a cancel type
    QTRY_VERIFY(client.indexOf(22007, 7) >= 0);
    QCOMPARE(client.frame(client.indexOf(22007, 7)).value(u"ret"_s).toInt(), 400);
    QCOMPARE(client.frame(client.indexOf(22007, 7)).value(u"msg"_s).toString(), u"request data param invalid"_s);
}

void tst_SimServer::requestSpacingViolationCloses()
{
    SimServer::Config config = fastConfig();
    config.minRequestSpacingMs = 300;
    SimServer server(config);
    QSignalSpy disconnectedSpy(&server, &SimServer::clientDisconnected);
    QVERIFY(server.listen());
    TestClient client;
    client.open(server.stockUrl(kToken));
    QTRY_COMPARE(client.connected.size(), 1);
    client.send(request(22000, 1, u"first"_s));
    client.send(tradeRequest(2, {u"700.HK"_s}));
    QTRY_COMPARE(client.disconnected.size(), 1);
    QCOMPARE(client.messages.size(), 2);
    QCOMPARE(client.frame(0).value(u"cmd_id"_s).toInt(), 22001);
    const QJsonObject violation = client.frame(1);
    QCOMPARE(violation.value(u"ret"_s).toInt(), 606);
    QCOMPARE(violation.value(u"msg"_s).toString(), u"too many requests and connection will be closed"_s);
    QCOMPARE(violation.value(u"cmd_id"_s).toInt(), 22005);
    QCOMPARE(violation.value(u"seq_id"_s).toInt(), 2);
    QCOMPARE(violation.value(u"trace"_s).toString(), u"trade-2"_s);
    QCOMPARE(violation.value(u"data"_s).toObject(), QJsonObject());
    QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QTRY_COMPARE(server.connectionCount(), 0);
    QTRY_COMPARE(disconnectedSpy.size(), 1);
}

void tst_SimServer::spacedRequestsAreAccepted()
{
    SimServer::Config config = fastConfig();
    config.minRequestSpacingMs = 300;
    config.pushRate = 100;
    SimServer server(config);
    QVERIFY(server.listen());
    TestClient client;
    client.open(server.stockUrl(kToken));
    QTRY_COMPARE(client.connected.size(), 1);
    QElapsedTimer sent;
    sent.start();
    client.send(tradeRequest(1, {u"700.HK"_s}));
    // 100 pushes/s: 40 pushes take about 400 ms, more than the spacing.
    QTRY_VERIFY(client.count(kTradePush) >= 40);
    QVERIFY(sent.elapsed() >= 300);
    client.send(request(22000, 2, u"hb"_s));
    QTRY_VERIFY(client.indexOf(22001, 2) >= 0);
    QCOMPARE(client.frame(client.indexOf(22001, 2)).value(u"ret"_s).toInt(), 200);
    QCOMPARE(client.disconnected.size(), 0);
}

void tst_SimServer::heartbeatTimeoutDrops()
{
    SimServer::Config config = fastConfig();
    config.heartbeatTimeoutMs = 500;
    SimServer server(config);
    QVERIFY(server.listen());
    TestClient silent;
    silent.open(server.stockUrl(kToken));
    TestClient beating;
    beating.open(server.stockUrl(kToken));
    QTRY_COMPARE(silent.connected.size(), 1);
    QTRY_COMPARE(beating.connected.size(), 1);
    QElapsedTimer clock;
    clock.start();
    qint64 seq = 0;
    QTimer heartbeat;
    QObject::connect(&heartbeat, &QTimer::timeout, &beating.socket,
                     [&] { beating.send(request(22000, ++seq, u"hb"_s)); });
    heartbeat.start(150);

    QTRY_COMPARE(silent.disconnected.size(), 1);
    QVERIFY(clock.elapsed() >= 450);
    QCOMPARE(silent.socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    // The heartbeating client survives well past the timeout.
    QTRY_VERIFY(beating.count(22001) >= 8);
    QVERIFY(clock.elapsed() > 1000);
    QCOMPARE(beating.disconnected.size(), 0);
    QCOMPARE(server.connectionCount(), 1);
}

void tst_SimServer::badJsonKeepsConnection()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    TestClient client;
    client.open(server.generalUrl(kToken));
    QTRY_COMPARE(client.connected.size(), 1);
    const QByteArray badFrames[] = {
        "not json",
        "[1,2]",
        R"({"cmd_id":22000,"seq_id":1,"data":{}})",                                              // no trace
        R"({"cmd_id":22000,"seq_id":"1","trace":"t","data":{}})",                                // seq_id not a number
        R"({"cmd_id":22000,"seq_id":1,"trace":"t","data":[]})",                                  // data not an object
        R"({"cmd_id":12345,"seq_id":1,"trace":"t","data":{}})",                                  // unknown command
        "{\"cmd_id\":22000,\"seq_id\":1,\"trace\":\"" + QByteArray(65, 'x') + "\",\"data\":{}}", // trace too long
    };
    for (const QByteArray& frame : badFrames)
        client.send(frame);
    QTRY_COMPARE(client.messages.size(), qsizetype(std::size(badFrames)));
    for (int i = 0; i < client.messages.size(); ++i)
        QCOMPARE(client.messages.at(i).at(0).toString(), u"{\"ret\":400,\"msg\":\"request header param invalid\","
                                                         u"\"cmd_id\":0,\"seq_id\":0,\"trace\":\"\",\"data\":{}}"_s);
    QCOMPARE(server.requests().size(), qsizetype(std::size(badFrames)));
    QCOMPARE(server.requests().constFirst().cmdId, 0);
    QCOMPARE(server.requests().constFirst().raw, QByteArray("not json"));

    client.send(request(22000, 9, u"after"_s));
    QTRY_VERIFY(client.indexOf(22001, 9) >= 0);
    QCOMPARE(client.disconnected.size(), 0);
    // Bad contents of data: 400 "request data param invalid" with the command's response id.
    client.send(request(22004, 10, u"d"_s, {{u"symbol_list"_s, u"EURUSD"_s}}));
    QTRY_VERIFY(client.indexOf(22005, 10) >= 0);
    QCOMPARE(client.frame(client.indexOf(22005, 10)).value(u"msg"_s).toString(), u"request data param invalid"_s);
}

void tst_SimServer::depthLevelsPerAssetClass()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    TestClient stocks;
    stocks.open(server.stockUrl(kToken));
    TestClient general;
    general.open(server.generalUrl(kToken));
    QTRY_COMPARE(stocks.connected.size(), 1);
    QTRY_COMPARE(general.connected.size(), 1);
    stocks.send(depthRequest(1, {{u"700.HK"_s, 10}, {u"600519.SH"_s, 10}, {u"AAPL.US"_s, 5}, {u"939.HK"_s, 3}}));
    general.send(depthRequest(1, {{u"EURUSD"_s, 5}, {u"BTCUSDT"_s, 10}, {u"GOLD"_s, 5}}));
    QTRY_VERIFY(stocks.pushedCodes(kDepthPush).size() == 4 && stocks.count(kDepthPush) >= 40);
    QTRY_VERIFY(general.pushedCodes(kDepthPush).size() == 3 && general.count(kDepthPush) >= 30);
    QCOMPARE(stocks.count(kTradePush), 0);

    const QHash<QString, int> expected = {{u"700.HK"_s, 10}, {u"600519.SH"_s, 5}, {u"AAPL.US"_s, 1}, {u"939.HK"_s, 3},
                                          {u"EURUSD"_s, 1},  {u"BTCUSDT"_s, 5},   {u"GOLD"_s, 1}};
    const QList<QJsonObject> pushes = stocks.frames(kDepthPush) + general.frames(kDepthPush);
    for (const QJsonObject& push : pushes) {
        const QJsonObject data = push.value(u"data"_s).toObject();
        const QString code = data.value(u"code"_s).toString();
        const QJsonArray bids = data.value(u"bids"_s).toArray();
        const QJsonArray asks = data.value(u"asks"_s).toArray();
        QVERIFY2(expected.contains(code), qPrintable(code));
        QVERIFY(data.value(u"seq"_s).isString() && data.value(u"tick_time"_s).isString());
        QCOMPARE(bids.size(), expected.value(code));
        QCOMPARE(asks.size(), expected.value(code));
        const bool priceOnly = code == u"EURUSD"_s || code == u"GOLD"_s;
        for (const QJsonArray& side : {bids, asks}) {
            for (const QJsonValue& level : side) {
                const QJsonObject object = level.toObject();
                QVERIFY(isDecimalString(object.value(u"price"_s)));
                QCOMPARE(object.contains(u"volume"_s), !priceOnly);
                if (!priceOnly)
                    QVERIFY(isDecimalString(object.value(u"volume"_s)));
            }
        }
        QVERIFY(decimal(bids.at(0).toObject().value(u"price"_s)) < decimal(asks.at(0).toObject().value(u"price"_s)));
        if (bids.size() > 1) {
            QVERIFY(decimal(bids.at(1).toObject().value(u"price"_s)) <
                    decimal(bids.at(0).toObject().value(u"price"_s)));
            QVERIFY(decimal(asks.at(1).toObject().value(u"price"_s)) >
                    decimal(asks.at(0).toObject().value(u"price"_s)));
        }
    }
}

void tst_SimServer::integerNumbersSwitch()
{
    SimServer::Config config = fastConfig();
    config.integerNumbers = true;
    config.tickTimeSeconds = true;
    config.badJsonRet = 201;
    SimServer server(config);
    QVERIFY(server.listen());
    TestClient client;
    client.open(server.generalUrl(kToken));
    QTRY_COMPARE(client.connected.size(), 1);
    client.send("{oops");
    client.send(tradeRequest(1, {u"EURUSD"_s}));
    client.send(depthRequest(2, {{u"BTCUSDT"_s, 5}}));
    QTRY_VERIFY(client.count(kTradePush) >= 5 && client.count(kDepthPush) >= 3);
    QCOMPARE(client.frame(0).value(u"ret"_s).toInt(), 201);
    for (const QJsonObject& push : client.frames(kTradePush) + client.frames(kDepthPush)) {
        const QJsonObject data = push.value(u"data"_s).toObject();
        QVERIFY(data.value(u"seq"_s).isDouble());
        QVERIFY(data.value(u"tick_time"_s).isDouble());
        const qint64 seconds = data.value(u"tick_time"_s).toInteger();
        QVERIFY(seconds < 1000000000000LL);
        QVERIFY(std::abs(seconds - QDateTime::currentSecsSinceEpoch()) < 60);
    }
    for (const QJsonObject& push : client.frames(kTradePush)) {
        const QJsonObject data = push.value(u"data"_s).toObject();
        QCOMPARE(data.value(u"trade_direction"_s).toInt(-1), 0); // forex: always neutral
        QCOMPARE(data.value(u"volume"_s).toString(), u"0"_s);
        QCOMPARE(data.value(u"turnover"_s).toString(), u"0"_s);
        QCOMPARE(data.value(u"price"_s).toString().section(u'.', 1).size(), 5); // tick 0.00001
    }
}

void tst_SimServer::invalidCodesOnWrongFamily()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    TestClient client;
    client.open(server.stockUrl(kToken));
    QTRY_COMPARE(client.connected.size(), 1);
    client.send(tradeRequest(1, {u"EURUSD"_s, u"700.HK"_s, u"NOPE.US"_s}));
    QTRY_VERIFY(client.indexOf(22005, 1) >= 0);
    const QJsonObject response = client.frame(client.indexOf(22005, 1));
    QCOMPARE(response.value(u"ret"_s).toInt(), 600);
    QCOMPARE(response.value(u"msg"_s).toString(), u"code invalid: EURUSD,NOPE.US"_s);
    // The valid code is still subscribed.
    QTRY_VERIFY(client.count(kTradePush) >= 10);
    QCOMPARE(client.pushedCodes(kTradePush), QSet<QString>{u"700.HK"_s});
}

void tst_SimServer::maxCodesPerListTruncates()
{
    SimServer::Config config = fastConfig();
    config.maxCodesPerList = 2;
    SimServer server(config);
    QVERIFY(server.listen());
    TestClient client;
    client.open(server.stockUrl(kToken));
    QTRY_COMPARE(client.connected.size(), 1);
    client.send(tradeRequest(1, {u"700.HK"_s, u"AAPL.US"_s, u"600519.SH"_s, u"NOPE.US"_s}));
    QTRY_VERIFY(client.indexOf(22005, 1) >= 0);
    QCOMPARE(client.frame(client.indexOf(22005, 1)).value(u"ret"_s).toInt(), 200); // silently truncated
    QTRY_VERIFY(client.count(kTradePush) >= 60);
    QCOMPARE(client.pushedCodes(kTradePush), (QSet<QString>{u"700.HK"_s, u"AAPL.US"_s}));
}

void tst_SimServer::maxConnectionsPerToken()
{
    SimServer::Config config = fastConfig();
    config.maxConnectionsPerToken = 1;
    config.token.clear();
    SimServer server(config);
    QVERIFY(server.listen());
    TestClient first;
    first.open(server.stockUrl(u"a"_s));
    QTRY_COMPARE(first.connected.size(), 1);
    QTRY_COMPARE(server.connectionCount(), 1);
    TestClient second;
    second.open(server.stockUrl(u"a"_s));
    TestClient otherFamily;
    otherFamily.open(server.generalUrl(u"a"_s));
    TestClient otherToken;
    otherToken.open(server.stockUrl(u"b"_s));
    QTRY_COMPARE(second.disconnected.size(), 1);
    QCOMPARE(second.messages.size(), 1);
    QCOMPARE(second.frame(0).value(u"ret"_s).toInt(), 606);
    QCOMPARE(second.frame(0).value(u"cmd_id"_s).toInt(), 0);
    QTRY_COMPARE(otherFamily.connected.size(), 1);
    QTRY_COMPARE(otherToken.connected.size(), 1);
    QTRY_COMPARE(server.connectionCount(), 3);
    QCOMPARE(first.disconnected.size(), 0);
}

void tst_SimServer::restKline()
{
    SimServer server(fastConfig());
    QSignalSpy restSpy(&server, &SimServer::restRequestReceived);
    QVERIFY(server.listen());
    QNetworkAccessManager network;
    auto get = [&](const QString& family, const QByteArray& query, const QString& token) {
        QUrl url = family == u"stock"_s ? server.stockRestUrl() : server.generalRestUrl();
        url.setPath(url.path() + u"/kline"_s);
        QByteArray encoded;
        if (!token.isEmpty())
            encoded += QByteArray("token=") + QUrl::toPercentEncoding(token) + '&';
        encoded += QByteArray("query=") + QUrl::toPercentEncoding(QString::fromUtf8(query));
        url.setQuery(QString::fromLatin1(encoded), QUrl::StrictMode);
        QNetworkReply* reply = network.get(QNetworkRequest(url));
        reply->setParent(this);
        return reply;
    };
    const QByteArray query = R"({"trace":"k-1","data":{"code":"700.HK","kline_type":8,"kline_timestamp_end":0,)"
                             R"("query_kline_num":3,"adjust_type":0}})";

    QNetworkReply* reply = get(u"stock"_s, query, kToken);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject root = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(root.value(u"ret"_s).toInt(), 200);
    QCOMPARE(root.value(u"msg"_s).toString(), u"ok"_s);
    QCOMPARE(root.value(u"trace"_s).toString(), u"k-1"_s);
    const QJsonObject data = root.value(u"data"_s).toObject();
    QCOMPARE(data.value(u"code"_s).toString(), u"700.HK"_s);
    QCOMPARE(data.value(u"kline_type"_s).toInt(), 8);
    const QJsonArray bars = data.value(u"kline_list"_s).toArray();
    QCOMPARE(bars.size(), 3);
    for (const QJsonValue& value : bars) {
        const QJsonObject bar = value.toObject();
        for (const QString& key :
             {u"open_price"_s, u"close_price"_s, u"high_price"_s, u"low_price"_s, u"volume"_s, u"turnover"_s})
            QVERIFY2(isDecimalString(bar.value(key)), qPrintable(key));
        QVERIFY(bar.value(u"timestamp"_s).isString());
        // Midnight in Hong Kong (UTC+8, no DST).
        QCOMPARE((bar.value(u"timestamp"_s).toString().toLongLong() + 8 * 3600) % 86400, 0);
    }
    QCOMPARE(decimal(bars.at(1).toObject().value(u"close_price"_s)), server.market().prevClose(u"700.HK"_s));
    QCOMPARE(decimal(bars.at(2).toObject().value(u"close_price"_s)), server.market().lastPrice(u"700.HK"_s));
    QCOMPARE(restSpy.size(), 1);
    QCOMPARE(restSpy.at(0).at(0).toString(), u"/quote-stock-b-api/kline"_s);

    // No token: 401 with the documented body.
    QNetworkReply* noToken = get(u"stock"_s, query, QString());
    QSignalSpy noTokenFinished(noToken, &QNetworkReply::finished);
    QTRY_COMPARE(noTokenFinished.size(), 1);
    QCOMPARE(noToken->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    QCOMPARE(noToken->readAll(), QByteArray(R"({"msg":"token is required","ret":401})"));

    // A stock code on the general family: 600.
    QNetworkReply* wrongFamily = get(u"general"_s, query, kToken);
    QSignalSpy wrongFinished(wrongFamily, &QNetworkReply::finished);
    QTRY_COMPARE(wrongFinished.size(), 1);
    const QJsonObject wrongRoot = QJsonDocument::fromJson(wrongFamily->readAll()).object();
    QCOMPARE(wrongRoot.value(u"ret"_s).toInt(), 600);
    QCOMPARE(wrongRoot.value(u"trace"_s).toString(), u"k-1"_s);

    // Garbage query: 402.
    QNetworkReply* garbage = get(u"stock"_s, "{nope", kToken);
    QSignalSpy garbageFinished(garbage, &QNetworkReply::finished);
    QTRY_COMPARE(garbageFinished.size(), 1);
    QCOMPARE(QJsonDocument::fromJson(garbage->readAll()).object().value(u"ret"_s).toInt(), 402);
}

void tst_SimServer::restBatchKline()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    QNetworkAccessManager network;
    auto post = [&](const QByteArray& body, const QString& token) {
        QUrl url = server.generalRestUrl();
        url.setPath(url.path() + u"/batch-kline"_s);
        if (!token.isEmpty())
            url.setQuery(QUrlQuery{{u"token"_s, token}});
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply* reply = network.post(request, body);
        reply->setParent(this);
        return reply;
    };
    const QByteArray body = R"({"trace":"b-1","data":{"data_list":[
        {"code":"EURUSD","kline_type":8,"kline_timestamp_end":0,"query_kline_num":2,"adjust_type":0},
        {"code":"BTCUSDT","kline_type":8,"kline_timestamp_end":0,"query_kline_num":5,"adjust_type":0}]}})";
    QNetworkReply* reply = post(body, kToken);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QJsonObject root = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(root.value(u"ret"_s).toInt(), 200);
    QCOMPARE(root.value(u"trace"_s).toString(), u"b-1"_s);
    const QJsonArray list = root.value(u"data"_s).toObject().value(u"kline_list"_s).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toObject().value(u"code"_s).toString(), u"EURUSD"_s);
    QCOMPARE(list.at(1).toObject().value(u"code"_s).toString(), u"BTCUSDT"_s);
    for (const QJsonValue& entry : list) {
        const QJsonObject series = entry.toObject();
        QCOMPARE(series.value(u"kline_type"_s).toInt(), 8);
        const QJsonArray bars = series.value(u"kline_data"_s).toArray();
        QCOMPARE(bars.size(), 2); // at most 2 bars per pair
        const QString code = series.value(u"code"_s).toString();
        QCOMPARE(decimal(bars.at(0).toObject().value(u"close_price"_s)), server.market().prevClose(code));
    }

    QNetworkReply* noToken = post(body, QString());
    QSignalSpy noTokenFinished(noToken, &QNetworkReply::finished);
    QTRY_COMPARE(noTokenFinished.size(), 1);
    QCOMPARE(noToken->readAll(), QByteArray(R"({"msg":"token is required","ret":401})"));

    QNetworkReply* empty = post(QByteArray(), kToken);
    QSignalSpy emptyFinished(empty, &QNetworkReply::finished);
    QTRY_COMPARE(emptyFinished.size(), 1);
    QCOMPARE(QJsonDocument::fromJson(empty->readAll()).object().value(u"ret"_s).toInt(), 601);
}

void tst_SimServer::serverDeterministic()
{
    auto firstTrades = [](quint32 seed, const QStringList& warmUp) {
        SimServer::Config config = fastConfig();
        config.seed = seed;
        SimServer server(config);
        if (!server.listen())
            return QStringList{u"listen failed"_s};
        for (const QString& code : warmUp) // other symbols drawn first must not matter
            server.market().nextTrade(code, 0);
        TestClient client;
        client.open(server.stockUrl(kToken));
        if (!QTest::qWaitFor([&] { return client.connected.size() == 1; }))
            return QStringList{u"no connection"_s};
        client.send(tradeRequest(1, {u"600519.SH"_s}));
        if (!QTest::qWaitFor([&] { return client.count(kTradePush) >= 25; }))
            return QStringList{u"no pushes"_s};
        QStringList trades;
        for (const QJsonObject& push : client.frames(kTradePush).mid(0, 25)) {
            const QJsonObject data = push.value(u"data"_s).toObject();
            trades.append(data.value(u"seq"_s).toString() + u' ' + data.value(u"price"_s).toString() + u' ' +
                          data.value(u"volume"_s).toString() + u' ' +
                          QString::number(data.value(u"trade_direction"_s).toInt()));
        }
        return trades;
    };
    const QStringList a = firstTrades(11, {});
    const QStringList b = firstTrades(11, {u"700.HK"_s, u"AAPL.US"_s});
    const QStringList c = firstTrades(12, {});
    QCOMPARE(a.size(), 25);
    QCOMPARE(a, b);
    QVERIFY(a != c);
}

void tst_SimServer::frozenSwallowsAndResumes()
{
    SimServer server(fastConfig());
    QSignalSpy requestSpy(&server, &SimServer::requestReceived);
    QVERIFY(server.listen());
    TestClient client;
    client.open(server.stockUrl(kToken));
    QTRY_COMPARE(client.connected.size(), 1);
    client.send(tradeRequest(1, {u"700.HK"_s}));
    QTRY_VERIFY(client.count(kTradePush) >= 5);

    server.setFrozen(true);
    QVERIFY(server.isFrozen());
    client.send(request(22000, 100, u"lost"_s));
    QTRY_COMPARE(requestSpy.size(), 2); // the server saw it...
    // ...but sends nothing: a connection opened now waits in its handshake.
    TestClient late;
    late.open(server.stockUrl(kToken));
    server.setFrozen(false);
    client.send(request(22000, 101, u"back"_s));
    QTRY_VERIFY(client.indexOf(22001, 101) >= 0);
    QCOMPARE(client.indexOf(22001, 100), -1); // swallowed, never answered
    QTRY_COMPARE(late.connected.size(), 1);
    const qsizetype after = client.indexOf(22001, 101);
    QTRY_VERIFY(client.count(kTradePush, after) >= 5); // pushes resume
    QCOMPARE(client.disconnected.size(), 0);
}

void tst_SimServer::injectAndDrop()
{
    SimServer server(fastConfig());
    QSignalSpy connectedSpy(&server, &SimServer::clientConnected);
    QSignalSpy disconnectedSpy(&server, &SimServer::clientDisconnected);
    QVERIFY(server.listen());
    TestClient a;
    a.open(server.stockUrl(kToken));
    TestClient b;
    b.open(server.generalUrl(kToken));
    QTRY_COMPARE(connectedSpy.size(), 2);
    QTRY_VERIFY(a.connected.size() == 1 && b.connected.size() == 1);

    server.injectFrame("{\"cmd_id\":22998,\"data\":{\"code\":");
    QTRY_COMPARE(a.messages.size(), 1);
    QTRY_COMPARE(b.messages.size(), 1);
    QCOMPARE(a.messages.at(0).at(0).toString(), u"{\"cmd_id\":22998,\"data\":{\"code\":"_s);

    server.setPushesEnabled(false);
    a.send(tradeRequest(1, {u"700.HK"_s}));
    QTRY_VERIFY(a.indexOf(22005, 1) >= 0); // acks still flow
    a.send(request(22000, 2, u"hb"_s));
    QTRY_VERIFY(a.indexOf(22001, 2) >= 0);
    QCOMPARE(a.count(kTradePush), 0);
    server.setPushesEnabled(true);
    QTRY_VERIFY(a.count(kTradePush) >= 3);

    server.dropAllConnections();
    QTRY_COMPARE(a.disconnected.size(), 1);
    QTRY_COMPARE(b.disconnected.size(), 1);
    QTRY_COMPARE(disconnectedSpy.size(), 2);
    QCOMPARE(server.connectionCount(), 0);

    // close() stops listening; the same port can be listened on again.
    const quint16 port = server.port();
    server.close();
    QVERIFY(!server.isListening());
    TestClient refused;
    QSignalSpy refusedErrors(&refused.socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error));
    refused.open(server.stockUrl(kToken));
    QTRY_VERIFY(refusedErrors.size() > 0);
    QCOMPARE(refused.connected.size(), 0);
    QVERIFY(server.listen(QHostAddress::LocalHost, port));
    TestClient again;
    again.open(server.stockUrl(kToken));
    QTRY_COMPARE(again.connected.size(), 1);
}

void tst_SimServer::worksFromWorkerThread()
{
    QThread thread;
    auto* server = new SimServer(fastConfig());
    server->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, server, &QObject::deleteLater);
    thread.start();
    bool listening = false;
    QMetaObject::invokeMethod(
        server, [&] { listening = server->listen(); }, Qt::BlockingQueuedConnection);
    QVERIFY(listening);

    QList<SimServer::RequestRecord> received; // queued into this thread (a QSignalSpy would record in the other)
    QObject::connect(server, &SimServer::requestReceived, this,
                     [&received](const SimServer::RequestRecord& record) { received.append(record); });
    TestClient client;
    client.open(server->stockUrl(kToken));
    QTRY_COMPARE(client.connected.size(), 1);
    QTRY_COMPARE(server->connectionCount(), 1);
    client.send(request(22000, 5, u"thread"_s));
    QTRY_VERIFY(client.indexOf(22001, 5) >= 0);
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.at(0).trace, u"thread"_s);
    QCOMPARE(server->requests().size(), 1);

    thread.quit();
    QVERIFY(thread.wait(5000));
    QTRY_COMPARE(client.disconnected.size(), 1);
}

QTEST_GUILESS_MAIN(tst_SimServer)
#include "tst_simserver.moc"
