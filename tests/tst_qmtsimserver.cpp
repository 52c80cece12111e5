#include "protocol/QmtCodec.h"
#include "sim/QmtSimServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// A real QWebSocket client that keeps every text frame.
class WsClient : public QObject
{
public:
    explicit WsClient(const QUrl& url)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString& m) { messages.append(m); });
        connect(&socket, &QWebSocket::connected, this, [this] { connected = true; });
        connect(&socket, &QWebSocket::disconnected, this, [this] { disconnected = true; });
        connect(&socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
                [this](QAbstractSocket::SocketError) { ++errors; });
        socket.open(url);
    }
    void send(const QByteArray& text) { socket.sendTextMessage(QString::fromUtf8(text)); }
    QJsonObject object(qsizetype i) const { return QJsonDocument::fromJson(messages.at(i).toUtf8()).object(); }

    QWebSocket socket;
    QStringList messages;
    bool connected = false;
    bool disconnected = false;
    int errors = 0;
};

QmtSimServer::Config fastConfig()
{
    QmtSimServer::Config config;
    config.pushIntervalMs = 20;
    config.updateChance = 1.0;
    config.downloadDelayMs = 10;
    config.downloadTimeoutMs = 40;
    config.formulaIntervalMs = 30;
    return config;
}

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

class TestQmtSimServer : public QObject
{
    Q_OBJECT

private:
    HttpResult get(const QmtSimServer& server, const QString& pathAndQuery, const QByteArray& apiKey = {})
    {
        QNetworkRequest request(server.restUrl().resolved(QUrl(pathAndQuery)));
        if (!apiKey.isEmpty())
            request.setRawHeader("X-API-Key", apiKey);
        std::unique_ptr<QNetworkReply> reply(m_nam.get(request));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        [&] { QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000); }();
        return HttpResult{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    }

    QNetworkAccessManager m_nam;

private Q_SLOTS:
    void restShapes();
    void tradingRestAuth();
    void realtimeTicks();
    void realtimeBarsAndSilence();
    void badFirstMessage();
    void wholeQuoteSnapshotThenDeltas();
    void l2Thousand();
    void downloadProgress();
    void downloadCancel();
    void formula();
    void barHistoryBeforeStreaming();
    void formulaFollowsPeriod();
    void trade();
    void quirksV280();
    void observationHooks();
    void pingsKeepHealthyClients();
    void clientCodecReadsEverything();
};

void TestQmtSimServer::restShapes()
{
    QmtSimServer server(fastConfig());
    QVERIFY(server.listen());

    HttpResult r = get(server, u"/api/meta/health"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("{\"status\":\"ok\"}"));
    QCOMPARE(get(server, u"/api/meta/version"_s).json().value(u"version"_s).toString(), u"2.8.0"_s);

    r = get(server, u"/api/instrument/detail_list?stocks=600519.SH,999999.SH&iscomplete=false"_s);
    QCOMPARE(r.status, 200);
    const QJsonObject data = r.json().value(u"data"_s).toObject();
    QVERIFY(data.value(u"999999.SH"_s).isNull());
    QVERIFY(data.contains(u"999999.SH"_s));
    const QJsonObject detail = data.value(u"600519.SH"_s).toObject();
    QCOMPARE(detail.value(u"InstrumentName"_s).toString(), u"贵州茅台"_s);
    QCOMPARE(detail.value(u"ExchangeID"_s).toString(), u"SH"_s);
    QCOMPARE(detail.value(u"InstrumentID"_s).toString(), u"600519"_s);
    QCOMPARE(detail.value(u"PriceTick"_s).toDouble(), 0.01);
    const double preClose = detail.value(u"PreClose"_s).toDouble();
    QVERIFY(preClose > 0);
    QVERIFY(detail.value(u"UpStopPrice"_s).toDouble() > preClose * 1.09);
    QVERIFY(detail.value(u"DownStopPrice"_s).toDouble() < preClose * 0.91);
    QVERIFY(r.body.contains("\"InstrumentName\":\"贵州茅台\"")); // raw UTF-8, not \u escapes

    r = get(server, u"/api/instrument_detail?stock=NOPE.SH"_s);
    QCOMPARE(r.body, QByteArray("{\"stock\":\"NOPE.SH\",\"detail\":null}"));

    r = get(server, u"/api/utility/batch_stock_name?stocks=600519.SH,000001.SZ"_s);
    QCOMPARE(r.json().value(u"data"_s).toObject().value(u"600519.SH"_s).toString(), u"贵州茅台"_s);
    QVERIFY(!r.json().value(u"data"_s).toObject().value(u"000001.SZ"_s).toString().isEmpty());

    r = get(server, u"/api/market/full_tick?stocks=600519.SH,NOPE.SH"_s);
    const QJsonObject ticks = r.json().value(u"data"_s).toObject();
    QCOMPARE(ticks.keys(), QStringList{u"600519.SH"_s});
    const QJsonObject tick = ticks.value(u"600519.SH"_s).toObject();
    for (const QString& field : {u"time"_s, u"timetag"_s, u"lastPrice"_s, u"open"_s, u"high"_s, u"low"_s,
                                 u"lastClose"_s, u"amount"_s, u"volume"_s, u"pvolume"_s, u"stockStatus"_s})
        QVERIFY2(tick.contains(field), qPrintable(field));
    QCOMPARE(tick.value(u"askPrice"_s).toArray().size(), 5);
    QCOMPARE(tick.value(u"bidVol"_s).toArray().size(), 5);
    QCOMPARE(tick.value(u"lastClose"_s).toDouble(), preClose);
    QCOMPARE(qint64(tick.value(u"pvolume"_s).toDouble()) / 100, qint64(tick.value(u"volume"_s).toDouble()));
    QCOMPARE(get(server, u"/api/full_tick?stocks=600519.SH"_s).json().value(u"data"_s).toObject().keys(),
             QStringList{u"600519.SH"_s});

    r = get(server, u"/api/meta/stock_list?category=沪深A股"_s);
    QCOMPARE(r.status, 200);
    QJsonObject list = r.json();
    QCOMPARE(list.value(u"category"_s).toString(), u"沪深A股"_s);
    QStringList stocks;
    for (const QJsonValue& v : list.value(u"stocks"_s).toArray())
        stocks.append(v.toString());
    QCOMPARE(list.value(u"count"_s).toInt(), stocks.size());
    QVERIFY(stocks.contains(u"600519.SH"_s));
    QVERIFY(stocks.contains(u"000001.SZ"_s));
    QVERIFY(!stocks.contains(u"000001.SH"_s)); // an index
    list = get(server, u"/api/meta/stock_list?category=沪深指数"_s).json();
    QVERIFY(list.value(u"stocks"_s).toArray().contains(u"000001.SH"_s));
    QCOMPARE(get(server, u"/api/meta/stock_list?category=nothing"_s).json().value(u"count"_s).toInt(), 0);

    r = get(server, u"/api/utility/search?keyword=6005&limit=3"_s);
    QVERIFY(r.json().value(u"count"_s).toInt() >= 1);
    for (const QJsonValue& v : r.json().value(u"stocks"_s).toArray())
        QVERIFY(v.toString().contains(u"6005"_s));

    r = get(server, u"/api/market/market_data_ex?stocks=600519.SH&period=1d&count=5"_s);
    const QJsonArray bars = r.json().value(u"data"_s).toObject().value(u"600519.SH"_s).toArray();
    QCOMPARE(bars.size(), 5);
    QVERIFY(bars.last().toObject().contains(u"settelementPrice"_s));
    QCOMPARE(bars.last().toObject().value(u"index"_s).toString().size(), 8);

    r = get(server, u"/api/history?stock=600519.SH&period=1d&count=3&fields=open,close"_s);
    QCOMPARE(r.json().value(u"count"_s).toInt(), 3);
    const QJsonObject legacy = r.json().value(u"data"_s).toArray().at(2).toObject();
    QCOMPARE(legacy.keys(), (QStringList{u"close"_s, u"date"_s, u"open"_s}));
    r = get(server, u"/api/market/full_kline?stock=600519.SH&period=1d"_s);
    QCOMPARE(r.json().value(u"data"_s).toObject().value(u"600519.SH"_s).toArray().size(), 1);
    r = get(server, u"/api/calendar/trading_dates?market=SH&count=5"_s);
    QCOMPARE(r.json().value(u"dates"_s).toArray().size(), 5);
    r = get(server, u"/api/calendar/prev_trading_date?market=SH&date=20240106"_s); // a Saturday
    QCOMPARE(r.json().value(u"prev_trading_date"_s).toString(), u"20240105"_s);

    {
        QNetworkRequest request(server.restUrl().resolved(QUrl(u"/api/download/history_data2"_s)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        std::unique_ptr<QNetworkReply> reply(
            m_nam.post(request, QByteArray(R"({"stocks":["600519.SH","123456.SZ"],"period":"1d"})")));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QTRY_COMPARE(finished.count(), 1);
        const QJsonObject download = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(download.value(u"status"_s).toString(), u"ok"_s);
        QCOMPARE(download.value(u"result"_s).toObject().value(u"600519.SH"_s).toString(), u"ok"_s);
        QCOMPARE(download.value(u"result"_s).toObject().value(u"123456.SZ"_s).toString(), u"timeout"_s);
    }
    QCOMPARE(get(server, u"/api/download/history_data2"_s).status, 405);

    r = get(server, u"/api/market/indices"_s);
    QVERIFY(r.json().value(u"data"_s).toObject().contains(u"000300.SH"_s));

    // FastAPI-style errors.
    r = get(server, u"/api/market/full_tick"_s);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.json().value(u"detail"_s).toArray().at(0).toObject().value(u"loc"_s).toArray().at(1).toString(),
             u"stocks"_s);
    r = get(server, u"/api/nothing"_s);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, QByteArray("{\"detail\":\"Not Found\"}"));
    QCOMPARE(get(server, u"/api/trading/asset"_s).status, 404); // trading not mounted
    QVERIFY(server.requests().size() >= 15);
}

void TestQmtSimServer::tradingRestAuth()
{
    QmtSimServer::Config config = fastConfig();
    config.tradingEnabled = true;
    {
        QmtSimServer noKey(config);
        QVERIFY(noKey.listen());
        const HttpResult r = get(noKey, u"/api/trading/asset"_s, "anything");
        QCOMPARE(r.status, 503);
        QCOMPARE(r.body, QByteArray("{\"detail\":\"API key not configured on server\"}"));
    }
    config.apiKey = u"k3y"_s;
    QmtSimServer server(config);
    QVERIFY(server.listen());
    HttpResult r = get(server, u"/api/trading/asset"_s);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.body, QByteArray("{\"detail\":\"Invalid or missing API key\"}"));
    QCOMPARE(get(server, u"/api/trading/asset"_s, "wrong").status, 401);
    r = get(server, u"/api/trading/asset"_s, "k3y");
    QCOMPARE(r.status, 200);
    // Data endpoints stay open.
    QCOMPARE(get(server, u"/api/meta/health"_s).status, 200);
}

void TestQmtSimServer::realtimeTicks()
{
    QmtSimServer server(fastConfig());
    QVERIFY(server.listen());
    WsClient client(server.wsUrl(u"/ws/realtime"_s));
    QTRY_VERIFY(client.connected);
    QTRY_COMPARE(server.connectionCount(u"/ws/realtime"_s), 1);
    QVERIFY(client.messages.isEmpty()); // nothing before the first message
    const QByteArray first = R"({"stocks":["600519.SH","000001.SZ","NOPE.SH"],"period":"tick"})";
    client.send(first);
    QTRY_COMPARE(server.lastFirstMessage(u"/ws/realtime"_s), first);
    QTRY_VERIFY(client.messages.size() >= 6);
    client.send(R"({"stocks":["600000.SH"],"period":"1m"})"); // discarded
    const qsizetype mark = client.messages.size();
    QTRY_VERIFY(client.messages.size() >= mark + 10);

    QSet<QString> seen;
    bool noise = false;
    for (qsizetype i = 0; i < client.messages.size(); ++i) {
        const QJsonObject frame = client.object(i);
        QCOMPARE(frame.size(), 1); // one code per frame
        const QString code = frame.keys().constFirst();
        QVERIFY2(code == u"600519.SH"_s || code == u"000001.SZ"_s, qPrintable(code));
        seen.insert(code);
        const QJsonArray records = frame.value(code).toArray();
        QCOMPARE(records.size(), 1);
        const QJsonObject record = records.at(0).toObject();
        QVERIFY(record.value(u"time"_s).toDouble() > 1.6e12); // ms
        QVERIFY(record.value(u"lastPrice"_s).toDouble() > 0);
        QVERIFY(record.contains(u"lastClose"_s));
        QCOMPARE(qint64(record.value(u"pvolume"_s).toDouble()) / 100, qint64(record.value(u"volume"_s).toDouble()));
        for (const QString& key : {u"askPrice"_s, u"bidPrice"_s, u"askVol"_s, u"bidVol"_s})
            QCOMPARE(record.value(key).toArray().size(), 5);
        // Float noise like 1432.1000000000001 shows up in some frame.
        noise = noise || client.messages.at(i).contains(u"00000000"_s) || client.messages.at(i).contains(u"99999999"_s);
    }
    QCOMPARE(seen.size(), 2);
    QVERIFY(noise);
}

void TestQmtSimServer::realtimeBarsAndSilence()
{
    QmtSimServer server(fastConfig());
    QVERIFY(server.listen());
    WsClient bars(server.wsUrl(u"/ws/realtime"_s));
    WsClient unknown(server.wsUrl(u"/ws/realtime"_s));
    WsClient weekly(server.wsUrl(u"/ws/realtime"_s));
    QTRY_VERIFY(bars.connected && unknown.connected && weekly.connected);
    bars.send(R"({"stocks":["600519.SH"],"period":"1m"})");
    unknown.send(R"({"stocks":["NOPE.SH","123456.SZ"],"period":"tick"})");
    weekly.send(R"({"stocks":["600519.SH"],"period":"1w"})");
    QTRY_VERIFY(bars.messages.size() >= 3);
    const QJsonObject firstBar = bars.object(0).value(u"600519.SH"_s).toArray().at(0).toObject();
    for (const QString& key : {u"time"_s, u"open"_s, u"high"_s, u"low"_s, u"close"_s, u"volume"_s, u"amount"_s,
                               u"settelementPrice"_s, u"openInterest"_s, u"preClose"_s, u"suspendFlag"_s})
        QVERIFY2(firstBar.contains(key), qPrintable(key));
    const qint64 t0 = qint64(firstBar.value(u"time"_s).toDouble());
    QCOMPARE(t0 % 60000, 0);
    // The forming bar is re-pushed with the same time until the minute rolls over.
    server.setClockOffsetMs(60000);
    QTRY_VERIFY(qint64(bars.object(bars.messages.size() - 1)
                           .value(u"600519.SH"_s)
                           .toArray()
                           .at(0)
                           .toObject()
                           .value(u"time"_s)
                           .toDouble()) >= t0 + 60000);
    qint64 previous = 0;
    for (qsizetype i = 0; i < bars.messages.size(); ++i) {
        const qint64 t =
            qint64(bars.object(i).value(u"600519.SH"_s).toArray().at(0).toObject().value(u"time"_s).toDouble());
        QVERIFY(t >= previous);
        previous = t;
    }
    // The closed minute bar is history over REST now.
    const HttpResult history = get(server, u"/api/market/market_data_ex?stocks=600519.SH&period=1m"_s);
    const QJsonArray minuteBars = history.json().value(u"data"_s).toObject().value(u"600519.SH"_s).toArray();
    QVERIFY(minuteBars.size() >= 2);
    QCOMPARE(minuteBars.last().toObject().value(u"index"_s).toString().size(), 14);
    // Unknown codes and unsimulated periods: silence, no error frame.
    QVERIFY(unknown.messages.isEmpty());
    QVERIFY(weekly.messages.isEmpty());
    QVERIFY(!unknown.disconnected);
}

void TestQmtSimServer::badFirstMessage()
{
    QmtSimServer server(fastConfig());
    QVERIFY(server.listen());
    WsClient client(server.wsUrl(u"/ws/realtime"_s));
    QTRY_VERIFY(client.connected);
    client.send("not json");
    QTRY_VERIFY(client.disconnected);
    QVERIFY(client.messages.isEmpty());
    QTRY_COMPARE(server.connectionCount(u"/ws/realtime"_s), 0);
}

void TestQmtSimServer::wholeQuoteSnapshotThenDeltas()
{
    QmtSimServer::Config config = fastConfig();
    config.wholeMarketSymbols = 5200;
    config.pushIntervalMs = 100;
    config.updateChance = 0.02;
    QmtSimServer server(config);
    QVERIFY(server.codes().size() >= 5200);
    QVERIFY(server.listen());
    WsClient whole(server.wsUrl(u"/ws/whole_quote"_s));
    WsClient single(server.wsUrl(u"/ws/whole_quote"_s));
    QTRY_VERIFY(whole.connected && single.connected);
    whole.send(R"({"codes":["SH","SZ"]})");
    single.send(R"({"codes":["600519.SH"]})");
    QTRY_VERIFY_WITH_TIMEOUT(whole.messages.size() >= 3, 10000);
    const QJsonObject snapshot = whole.object(0);
    QVERIFY2(snapshot.size() >= 5000, qPrintable(QString::number(snapshot.size())));
    QVERIFY(snapshot.contains(u"600519.SH"_s));
    for (auto it = snapshot.constBegin(); it != snapshot.constEnd(); ++it)
        QVERIFY(!it.key().endsWith(u".BJ"_s));                            // only the markets asked for
    const QJsonObject record = snapshot.value(u"600519.SH"_s).toObject(); // a dict, not a list
    QVERIFY(record.value(u"lastPrice"_s).toDouble() > 0);
    QCOMPARE(record.value(u"askPrice"_s).toArray().size(), 5);
    for (qsizetype i = 1; i < whole.messages.size(); ++i) {
        const QJsonObject delta = whole.object(i);
        QVERIFY(!delta.isEmpty());
        QVERIFY(delta.size() < snapshot.size() / 2); // changed codes only
        QVERIFY(delta.constBegin().value().isObject());
    }
    QTRY_VERIFY(!single.messages.isEmpty());
    QCOMPARE(single.object(0).keys(), QStringList{u"600519.SH"_s});
}

void TestQmtSimServer::l2Thousand()
{
    QmtSimServer server(fastConfig());
    QVERIFY(server.listen());
    WsClient client(server.wsUrl(u"/ws/l2_thousand"_s));
    QTRY_VERIFY(client.connected);
    client.send(R"({"stocks":["000001.SZ"]})");
    QTRY_VERIFY(!client.messages.isEmpty());
    const QJsonObject record = client.object(0).value(u"000001.SZ"_s).toArray().at(0).toObject();
    for (const QString& key : {u"bidPrice"_s, u"bidVolume"_s, u"offPrice"_s, u"offVolume"_s})
        QCOMPARE(record.value(key).toArray().size(), 10);
    QVERIFY(record.value(u"timeTag"_s).toDouble() > 1.6e12);
    QVERIFY(record.value(u"price"_s).toDouble() > 0);
    QCOMPARE(server.rejectedHandshakes(u"/ws/l2_thousand"_s), 0);
}

void TestQmtSimServer::downloadProgress()
{
    QmtSimServer server(fastConfig());
    QVERIFY(server.listen());
    WsClient client(server.wsUrl(u"/ws/download_progress"_s));
    QTRY_VERIFY(client.connected);
    client.send(R"({"stocks":["600519.SH","123456.SH","bad"],"period":"1d","start_time":"","end_time":""})");
    QTRY_VERIFY(client.disconnected);
    QCOMPARE(client.messages.size(), 4);
    const QStringList expected = {u"ok"_s, u"timeout"_s};
    for (int i = 0; i < 3; ++i) {
        const QJsonObject progress = client.object(i);
        QCOMPARE(progress.value(u"finished"_s).toInt(), i + 1);
        QCOMPARE(progress.value(u"total"_s).toInt(), 3);
        if (i < 2)
            QCOMPARE(progress.value(u"status"_s).toString(), expected.at(i));
        else
            QVERIFY(progress.value(u"status"_s).toString().startsWith(u"error: "_s));
    }
    QCOMPARE(client.object(1).value(u"stock"_s).toString(), u"123456.SH"_s);
    const QJsonObject done = client.object(3);
    QCOMPARE(done.value(u"status"_s).toString(), u"done"_s);
    QCOMPARE(done.value(u"results"_s).toObject().value(u"600519.SH"_s).toString(), u"ok"_s);
    QCOMPARE(done.value(u"results"_s).toObject().size(), 3);
    QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodeNormal);
    QCOMPARE(server.cancelledDownloads(), 0);
}

void TestQmtSimServer::downloadCancel()
{
    QmtSimServer::Config config = fastConfig();
    config.downloadDelayMs = 30;
    QmtSimServer server(config);
    QVERIFY(server.listen());
    WsClient client(server.wsUrl(u"/ws/download_progress"_s));
    QTRY_VERIFY(client.connected);
    client.send(R"({"stocks":["600519.SH","000001.SZ","600000.SH","601318.SH","300750.SZ","000858.SZ"]})");
    QTRY_VERIFY(!client.messages.isEmpty());
    client.socket.close();
    QTRY_COMPARE(server.cancelledDownloads(), 1);
    QTRY_COMPARE(server.connectionCount(u"/ws/download_progress"_s), 0);
    QVERIFY(client.messages.size() < 6);
}

void TestQmtSimServer::formula()
{
    QmtSimServer server(fastConfig());
    QVERIFY(server.listen());
    WsClient client(server.wsUrl(u"/ws/formula"_s));
    QTRY_VERIFY(client.connected);
    client.send(R"({"action":"subscribe","formula_name":"MA","stock_code":"000001.SZ","period":"1d","count":10,)"
                R"("dividend_type":"none","params":{"N":3}})");
    QTRY_VERIFY(!client.messages.isEmpty());
    const QJsonObject ack = client.object(0);
    QCOMPARE(ack.value(u"action"_s).toString(), u"subscribed"_s);
    const int seqId = ack.value(u"seq_id"_s).toInt();
    QVERIFY(seqId > 0);

    QTRY_VERIFY(client.messages.size() >= 2);
    const QString push = client.messages.at(1);
    QVERIFY(push.contains(u"NaN"_s));
    QVERIFY(push.contains(u"Infinity"_s));
    QJsonParseError error;
    QJsonDocument::fromJson(push.toUtf8(), &error);
    QVERIFY(error.error != QJsonParseError::NoError); // strict parsers reject the bare tokens
    QString cleaned = push;
    cleaned.replace(u"-Infinity"_s, u"null"_s).replace(u"Infinity"_s, u"null"_s).replace(u"NaN"_s, u"null"_s);
    const QJsonObject update = QJsonDocument::fromJson(cleaned.toUtf8()).object();
    QCOMPARE(update.value(u"type"_s).toString(), u"formula_update"_s);
    QCOMPARE(update.value(u"formula_name"_s).toString(), u"MA"_s);
    QCOMPARE(update.value(u"stock_code"_s).toString(), u"000001.SZ"_s);
    const QJsonObject data = update.value(u"data"_s).toObject();
    QCOMPARE(data.value(u"timelist"_s).toArray().size(), 10);
    const QJsonArray ma = data.value(u"outputs"_s).toObject().value(u"MA3"_s).toArray();
    QCOMPARE(ma.size(), 10);
    QVERIFY(ma.at(0).isNull() && ma.at(1).isNull() && ma.at(2).toDouble() > 0);

    client.send(QByteArray(R"({"action":"unsubscribe","seq_id":)") + QByteArray::number(seqId) + '}');
    client.send(QByteArray(R"({"action":"unsubscribe","seq_id":)") + QByteArray::number(seqId) + '}');
    client.send("{oops");
    client.send(R"({"action":"explode"})");
    client.send(R"({"action":"subscribe","formula_name":"MA","stock_code":"600519.SH","period":"1d"})");
    QStringList replies;
    QTRY_VERIFY([&] {
        replies.clear();
        for (qsizetype i = 1; i < client.messages.size(); ++i) {
            if (!client.messages.at(i).contains(u"formula_update"_s))
                replies.append(client.messages.at(i));
        }
        return replies.size() >= 5;
    }());
    QCOMPARE(replies.at(0), u"{\"action\":\"unsubscribed\",\"seq_id\":%1}"_s.arg(seqId));
    QCOMPARE(replies.at(1), u"{\"error\":\"unknown seq_id\"}"_s);
    QCOMPARE(replies.at(2), u"{\"error\":\"invalid JSON\"}"_s);
    QCOMPARE(replies.at(3), u"{\"error\":\"unknown action: explode\"}"_s);
    QVERIFY(replies.at(4).startsWith(u"{\"action\":\"subscribed\",\"seq_id\":"_s));
    // After the unsubscribe ack only the second subscription pushes.
    const qsizetype afterAck = client.messages.indexOf(replies.at(4));
    QTRY_VERIFY(client.messages.size() >= afterAck + 3);
    for (qsizetype i = afterAck + 1; i < client.messages.size(); ++i)
        QVERIFY(client.messages.at(i).contains(u"\"stock_code\":\"600519.SH\""_s));
    QVERIFY(!client.disconnected);
}

void TestQmtSimServer::barHistoryBeforeStreaming()
{
    QmtSimServer server(fastConfig());
    QVERIFY(server.listen());
    const auto barsOf = [&](const QString& period, int count) {
        const HttpResult r =
            get(server, u"/api/market/market_data_ex?stocks=600519.SH&period=%1&count=%2"_s.arg(period).arg(count));
        return r.json().value(u"data"_s).toObject().value(u"600519.SH"_s).toArray();
    };
    // A fresh simulator already has a morning of minutes, ending at the bar it streams.
    const QJsonArray minutes = barsOf(u"1m"_s, 300);
    QCOMPARE(minutes.size(), 300);
    const QJsonArray fives = barsOf(u"5m"_s, 60);
    QCOMPARE(fives.size(), 60);
    WsClient stream(server.wsUrl(u"/ws/realtime"_s));
    QTRY_VERIFY(stream.connected);
    stream.send(R"({"stocks":["600519.SH"],"period":"1m"})");
    QTRY_VERIFY(!stream.messages.isEmpty());
    const QJsonObject pushed = stream.object(0).value(u"600519.SH"_s).toArray().at(0).toObject();
    const qint64 streamed = qint64(pushed.value(u"time"_s).toDouble());
    QCOMPARE(qint64(minutes.last().toObject().value(u"time"_s).toDouble()), streamed);

    const HttpResult tick = get(server, u"/api/market/full_tick?stocks=600519.SH"_s);
    const QJsonObject quote = tick.json().value(u"data"_s).toObject().value(u"600519.SH"_s).toObject();
    const double dayHigh = quote.value(u"high"_s).toDouble();
    const double dayLow = quote.value(u"low"_s).toDouble();
    const qint64 dayStart = streamed - (streamed + 8 * 3600000LL) % 86400000LL;
    for (qsizetype i = 0; i < minutes.size(); ++i) {
        const QJsonObject bar = minutes.at(i).toObject();
        const double open = bar.value(u"open"_s).toDouble();
        const double close = bar.value(u"close"_s).toDouble();
        const double high = bar.value(u"high"_s).toDouble();
        const double low = bar.value(u"low"_s).toDouble();
        QVERIFY2(low <= std::min(open, close) && high >= std::max(open, close), qPrintable(QString::number(i)));
        QVERIFY(bar.value(u"volume"_s).toDouble() >= 0);
        if (i > 0) {
            const QJsonObject before = minutes.at(i - 1).toObject();
            QCOMPARE(qint64(bar.value(u"time"_s).toDouble()) - qint64(before.value(u"time"_s).toDouble()), 60000LL);
            QCOMPARE(bar.value(u"preClose"_s).toDouble(), before.value(u"close"_s).toDouble());
        }
        // Today's minutes stay inside the day's range the quote reports.
        if (qint64(bar.value(u"time"_s).toDouble()) >= dayStart)
            QVERIFY2(high <= dayHigh + 1e-9 && low >= dayLow - 1e-9, qPrintable(QString::number(i)));
    }
    // Every intraday period aggregates the same minutes: a 5m bar from before streaming is its five 1m bars.
    QHash<qint64, QJsonObject> byTime;
    for (const QJsonValue& v : minutes)
        byTime.insert(qint64(v.toObject().value(u"time"_s).toDouble()), v.toObject());
    int checked = 0;
    for (qsizetype i = 0; i + 1 < fives.size(); ++i) {
        const QJsonObject five = fives.at(i).toObject();
        const qint64 t = qint64(five.value(u"time"_s).toDouble());
        QCOMPARE(t % 300000, 0);
        if (!byTime.contains(t) || !byTime.contains(t + 240000) || t + 300000 > streamed)
            continue;
        double high = 0;
        double volume = 0;
        for (int m = 0; m < 5; ++m) {
            high = std::max(high, byTime.value(t + m * 60000).value(u"high"_s).toDouble());
            volume += byTime.value(t + m * 60000).value(u"volume"_s).toDouble();
        }
        QCOMPARE(five.value(u"open"_s).toDouble(), byTime.value(t).value(u"open"_s).toDouble());
        QCOMPARE(five.value(u"close"_s).toDouble(), byTime.value(t + 240000).value(u"close"_s).toDouble());
        QCOMPARE(five.value(u"high"_s).toDouble(), high);
        QCOMPARE(five.value(u"volume"_s).toDouble(), volume);
        ++checked;
    }
    QVERIFY(checked >= 40);
    // The same request gives the same bars (deterministic back-fill).
    QCOMPARE(barsOf(u"1m"_s, 300).at(10), minutes.at(10));
}

void TestQmtSimServer::formulaFollowsPeriod()
{
    QmtSimServer server(fastConfig());
    QVERIFY(server.listen());
    WsClient client(server.wsUrl(u"/ws/formula"_s));
    QTRY_VERIFY(client.connected);
    const auto updateFor = [&](const QString& period, int n) -> QJsonObject {
        client.messages.clear();
        client.send(QString(uR"({"action":"subscribe","formula_name":"MA","stock_code":"600519.SH","period":"%1",)"_s
                            uR"("count":30,"params":{"N":%2}})"_s)
                        .arg(period)
                        .arg(n)
                        .toUtf8());
        QJsonObject update;
        [&] {
            QTRY_VERIFY([&] {
                for (const QString& m : std::as_const(client.messages)) {
                    if (m.contains(u"formula_update"_s) && m.contains(u"\"MA%1\""_s.arg(n))) {
                        QString cleaned = m;
                        cleaned.replace(u"-Infinity"_s, u"null"_s).replace(u"Infinity"_s, u"null"_s);
                        cleaned.replace(u"NaN"_s, u"null"_s);
                        update = QJsonDocument::fromJson(cleaned.toUtf8()).object();
                        return true;
                    }
                }
                return false;
            }());
        }();
        return update.value(u"data"_s).toObject();
    };
    const QJsonObject minute = updateFor(u"1m"_s, 3);
    const QJsonArray times = minute.value(u"timelist"_s).toArray();
    QCOMPARE(times.size(), 30);
    for (qsizetype i = 1; i < times.size(); ++i)
        QCOMPARE(qint64(times.at(i).toDouble()) - qint64(times.at(i - 1).toDouble()), 60000LL);
    // MA3 of the minute closes the bridge serves as history.
    const QJsonArray bars = get(server, u"/api/market/market_data_ex?stocks=600519.SH&period=1m&count=30"_s)
                                .json()
                                .value(u"data"_s)
                                .toObject()
                                .value(u"600519.SH"_s)
                                .toArray();
    QCOMPARE(bars.size(), 30);
    // The minute may have rolled over between the push and the request: match the bar by its time.
    qsizetype at = -1;
    for (qsizetype i = 0; i < bars.size(); ++i) {
        if (qint64(bars.at(i).toObject().value(u"time"_s).toDouble()) == qint64(times.at(10).toDouble()))
            at = i;
    }
    QVERIFY(at >= 2);
    const double expected = (bars.at(at - 2).toObject().value(u"close"_s).toDouble() +
                             bars.at(at - 1).toObject().value(u"close"_s).toDouble() +
                             bars.at(at).toObject().value(u"close"_s).toDouble()) /
                            3;
    const double ma = minute.value(u"outputs"_s).toObject().value(u"MA3"_s).toArray().at(10).toDouble();
    QVERIFY2(std::abs(ma - expected) < 1e-6, qPrintable(u"%1 vs %2"_s.arg(ma).arg(expected)));

    const QJsonArray fiveTimes = updateFor(u"5m"_s, 4).value(u"timelist"_s).toArray();
    QCOMPARE(fiveTimes.size(), 30);
    QCOMPARE(qint64(fiveTimes.at(1).toDouble()) - qint64(fiveTimes.at(0).toDouble()), 300000LL);
    const QJsonArray dayTimes = updateFor(u"1d"_s, 5).value(u"timelist"_s).toArray();
    QVERIFY(qint64(dayTimes.at(dayTimes.size() - 1).toDouble()) - qint64(dayTimes.at(dayTimes.size() - 2).toDouble()) >=
            86400000LL);

    // The subscriptions above keep pushing: look for the answer among their updates.
    client.messages.clear();
    client.send(R"({"action":"subscribe","formula_name":"MA","stock_code":"600519.SH","period":"tick"})");
    QTRY_VERIFY(client.messages.contains(u"{\"error\":\"unsupported period: tick\"}"_s));
}

void TestQmtSimServer::trade()
{
    QmtSimServer::Config config = fastConfig();
    {
        QmtSimServer disabled(config); // trading not enabled: /ws/trade is not registered
        QVERIFY(disabled.listen());
        WsClient client(disabled.wsUrl(u"/ws/trade"_s, u"k"_s));
        QTRY_VERIFY(client.errors > 0 || client.disconnected);
        QVERIFY(!client.connected);
        QCOMPARE(disabled.rejectedHandshakes(u"/ws/trade"_s), 1);
    }
    config.tradingEnabled = true;
    config.apiKey = u"s3cret"_s;
    QmtSimServer server(config);
    QVERIFY(server.listen());
    WsClient noKey(server.wsUrl(u"/ws/trade"_s));
    WsClient wrongKey(server.wsUrl(u"/ws/trade"_s, u"nope"_s));
    QTRY_COMPARE(server.rejectedHandshakes(u"/ws/trade"_s), 2);
    QTRY_VERIFY(noKey.errors > 0 && wrongKey.errors > 0);
    QVERIFY(!noKey.connected && !wrongKey.connected);
    QVERIFY(server.requests().constLast().status == 403);

    WsClient client(server.wsUrl(u"/ws/trade"_s, u"s3cret"_s));
    QTRY_VERIFY(client.connected);
    QTRY_COMPARE(server.connectionCount(u"/ws/trade"_s), 1);
    client.send("keep-alive"); // ignored
    server.simulateOrder(u"600519.SH"_s, 23, 200);
    server.simulateOrderError(7, u"no money"_s);
    server.simulateCancelError(8);
    QTRY_COMPARE(client.messages.size(), 7);
    QStringList types;
    for (qsizetype i = 0; i < client.messages.size(); ++i)
        types.append(client.object(i).value(u"type"_s).toString());
    QCOMPARE(types, (QStringList{u"order"_s, u"trade"_s, u"order"_s, u"asset"_s, u"position"_s, u"order_error"_s,
                                 u"cancel_error"_s}));
    const QJsonObject order = client.object(2).value(u"data"_s).toObject();
    QCOMPARE(order.value(u"order_status"_s).toInt(), 56);
    QCOMPARE(order.value(u"order_type"_s).toInt(), 23);
    QCOMPARE(order.value(u"traded_volume"_s).toInt(), 200);
    QCOMPARE(order.value(u"stock_code"_s).toString(), u"600519.SH"_s);
    for (const QString& key : {u"account_id"_s, u"order_sysid"_s, u"order_time"_s, u"price_type"_s, u"price"_s,
                               u"status_msg"_s, u"strategy_name"_s, u"order_remark"_s})
        QVERIFY2(order.contains(key), qPrintable(key));
    QVERIFY(client.object(1).value(u"data"_s).toObject().contains(u"traded_id"_s));
    QVERIFY(client.object(3).value(u"data"_s).toObject().contains(u"total_asset"_s));
    QVERIFY(client.object(4).value(u"data"_s).toObject().contains(u"can_use_volume"_s));
    QCOMPARE(client.object(5).value(u"data"_s).toObject().value(u"error_msg"_s).toString(), u"no money"_s);
}

void TestQmtSimServer::quirksV280()
{
    QmtSimServer::Config config = fastConfig();
    config.quirksV280 = true;
    config.tradingEnabled = true;
    config.apiKey = u"s3cret"_s;
    QmtSimServer server(config);
    QVERIFY(server.listen());

    WsClient l2(server.wsUrl(u"/ws/l2_thousand"_s));
    QTRY_VERIFY(l2.errors > 0 || l2.disconnected);
    QVERIFY(!l2.connected);
    QCOMPARE(server.rejectedHandshakes(u"/ws/l2_thousand"_s), 1);
    WsClient unregistered(server.wsUrl(u"/ws/nothing"_s));
    QTRY_COMPARE(server.rejectedHandshakes(u"/ws/nothing"_s), 1);

    WsClient formula(server.wsUrl(u"/ws/formula"_s));
    WsClient trade(server.wsUrl(u"/ws/trade"_s, u"s3cret"_s));
    WsClient clock(server.wsUrl(u"/ws/realtime"_s));
    QTRY_VERIFY(formula.connected && trade.connected && clock.connected);
    formula.send(R"({"action":"subscribe","formula_name":"MA","stock_code":"000001.SZ","period":"1d"})");
    QTRY_COMPARE(formula.messages.size(), 1);
    QCOMPARE(formula.object(0).value(u"action"_s).toString(), u"subscribed"_s);
    server.simulateOrder(u"600519.SH"_s);
    clock.send(R"({"stocks":["600519.SH"]})");
    // The realtime stream runs at 20 ms, the formula timer at 30 ms: 15 frames give ample time for pushes.
    QTRY_VERIFY(clock.messages.size() >= 15);
    QCOMPARE(formula.messages.size(), 1);
    QVERIFY(trade.messages.isEmpty());
    QVERIFY(!trade.disconnected); // a quiet socket is normal
}

void TestQmtSimServer::observationHooks()
{
    QmtSimServer server(fastConfig());
    QVERIFY(server.listen());
    QSignalSpy connected(&server, &QmtSimServer::clientConnected);
    QSignalSpy first(&server, &QmtSimServer::firstMessageReceived);
    WsClient a(server.wsUrl(u"/ws/realtime"_s));
    WsClient b(server.wsUrl(u"/ws/whole_quote"_s));
    QTRY_VERIFY(a.connected && b.connected);
    QTRY_COMPARE(connected.count(), 2);
    QCOMPARE(server.connectionCount(), 2);
    QCOMPARE(server.connectionCount(u"/ws/whole_quote"_s), 1);
    a.send(R"({"stocks":["600519.SH"],"period":"tick"})");
    QTRY_COMPARE(first.count(), 1);
    QTRY_VERIFY(!a.messages.isEmpty());

    server.setFrozen(true);
    const qsizetype frozenAt = a.messages.size();
    b.send(R"({"codes":["600519.SH"]})"); // kept until the thaw
    WsClient c(server.wsUrl(u"/ws/realtime"_s));
    WsClient clock(server.wsUrl(u"/ws/realtime"_s));
    // While frozen nothing is sent (a frame in flight may still land).
    QVERIFY(a.messages.size() <= frozenAt + 1);
    QVERIFY(b.messages.isEmpty());
    server.setFrozen(false);
    QTRY_VERIFY(!b.messages.isEmpty());
    QTRY_VERIFY(c.connected && clock.connected);
    int recorded = 0;
    for (const QmtSimServer::RequestRecord& record : server.requests())
        recorded += record.method == "WS" && record.raw == R"({"codes":["600519.SH"]})" ? 1 : 0;
    QCOMPARE(recorded, 1); // recorded on arrival, not again when processed after the thaw
    QCOMPARE(server.lastFirstMessage(u"/ws/whole_quote"_s), QByteArray(R"({"codes":["600519.SH"]})"));

    server.dropAllConnections();
    QTRY_VERIFY(a.disconnected && b.disconnected && c.disconnected);
    QTRY_COMPARE(server.connectionCount(), 0);
}

void TestQmtSimServer::pingsKeepHealthyClients()
{
    QmtSimServer::Config config = fastConfig();
    config.pingIntervalMs = 25;
    QmtSimServer server(config);
    QVERIFY(server.listen());
    WsClient client(server.wsUrl(u"/ws/realtime"_s));
    QTRY_VERIFY(client.connected);
    client.send(R"({"stocks":["600519.SH"]})");
    // 30 frames at 20 ms span more than 20 ping intervals; Qt answers every ping, so the client stays.
    QTRY_VERIFY(client.messages.size() >= 30);
    QVERIFY(!client.disconnected);
    QCOMPARE(server.connectionCount(u"/ws/realtime"_s), 1);
}

// The QMT client's codec (written against the same spec) decodes what the simulator sends.
void TestQmtSimServer::clientCodecReadsEverything()
{
    QmtSimServer server(fastConfig());
    QVERIFY(server.listen());
    Qmt::Decoder decoder;

    QList<Qmt::Instrument> instruments;
    QString error;
    QVERIFY2(decoder.decodeInstrumentDetails(
                 get(server, u"/api/instrument/detail_list?stocks=600519.SH,NOPE.SH"_s).body, &instruments, &error),
             qPrintable(error));
    QCOMPARE(instruments.size(), 2);
    for (const Qmt::Instrument& instrument : std::as_const(instruments)) {
        QCOMPARE(instrument.known, instrument.code == u"600519.SH"_s);
        if (instrument.known) {
            QCOMPARE(instrument.name, u"贵州茅台"_s);
            QCOMPARE(instrument.priceTick, Decimal::fromUnits(1, 2));
            QVERIFY(instrument.upStop > instrument.prevClose && instrument.downStop < instrument.prevClose);
        }
    }
    QHash<QString, QString> names;
    QVERIFY(decoder.decodeStockNames(get(server, u"/api/utility/batch_stock_name?stocks=600519.SH"_s).body, &names));
    QCOMPARE(names.value(u"600519.SH"_s), u"贵州茅台"_s);
    QList<Qmt::Tick> ticks;
    QVERIFY(decoder.decodeFullTick(get(server, u"/api/market/full_tick?stocks=600519.SH"_s).body, &ticks));
    QCOMPARE(ticks.size(), 1);
    QCOMPARE(ticks.at(0).asks.size(), 5);
    QString category;
    QStringList codes;
    QVERIFY(decoder.decodeStockList(
        get(server, u"/api/meta/stock_list?category="_s + Qmt::stockListCategory(Market::SH)).body, &category, &codes));
    QVERIFY(codes.contains(u"600519.SH"_s));

    WsClient realtime(server.wsUrl(u"/ws/realtime"_s));
    WsClient bars(server.wsUrl(u"/ws/realtime"_s));
    WsClient whole(server.wsUrl(u"/ws/whole_quote"_s));
    QTRY_VERIFY(realtime.connected && bars.connected && whole.connected);
    realtime.send(Qmt::encodeRealtimeRequest({u"600519.SH"_s}));
    bars.send(Qmt::encodeRealtimeRequest({u"600519.SH"_s}, u"5m"_s));
    whole.send(Qmt::encodeWholeQuoteRequest({u"SH"_s, u"SZ"_s}));
    QTRY_VERIFY(realtime.messages.size() >= 3 && bars.messages.size() >= 3 && whole.messages.size() >= 2);
    for (const QString& message : std::as_const(realtime.messages)) {
        const Qmt::Frame frame = decoder.decodeStream(message.toUtf8());
        QCOMPARE(frame.kind, Qmt::Frame::Kind::Data);
        QCOMPARE(frame.ticks.size(), 1);
        const Qmt::Tick& tick = frame.ticks.at(0);
        QCOMPARE(tick.last.roundedToTick(Decimal::fromUnits(1, 2)), tick.last); // float noise rounded away
        QVERIFY(tick.volume * Decimal::fromInt(100) == tick.pvolume);
    }
    const Qmt::Frame barFrame = decoder.decodeStream(bars.messages.constFirst().toUtf8());
    QCOMPARE(barFrame.bars.size(), 1);
    QCOMPARE(barFrame.bars.at(0).timeMs % 300000, 0);
    const Qmt::Frame snapshot = decoder.decodeStream(whole.messages.constFirst().toUtf8());
    QCOMPARE(snapshot.kind, Qmt::Frame::Kind::Data);
    QCOMPARE(snapshot.ticks.size(), qsizetype(whole.object(0).size()));
    QCOMPARE(snapshot.skippedRecords, 0);
}

QTEST_MAIN(TestQmtSimServer)
#include "tst_qmtsimserver.moc"
