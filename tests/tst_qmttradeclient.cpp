#include "feed/QmtTradeClient.h"
#include "sim/QmtSimServer.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString Key = u"s3cret-Key+42"_s;

QmtSimServer::Config tradingConfig()
{
    QmtSimServer::Config config;
    config.tradingEnabled = true;
    config.apiKey = Key;
    config.pushIntervalMs = 50;
    return config;
}

// Short delays so a retry loop, if there were one, would show within the test.
QmtAuxSocket::Config fastRetry()
{
    QmtAuxSocket::Config config;
    config.backoff = Backoff::Params{20, 40, 0.0};
    config.connectTimeoutMs = 3000;
    return config;
}

QUrl baseUrl(const QmtSimServer& server)
{
    return QUrl(u"ws://127.0.0.1:%1"_s.arg(server.port()));
}

bool leaks(const QString& text)
{
    return text.contains(Key) || text.contains(QString::fromLatin1(QUrl::toPercentEncoding(Key)));
}

} // namespace

class TestQmtTradeClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<TradeEvent>(); }

    void decode_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<qint64>("timeMs");
        QTest::addColumn<QString>("summaryPart");

        QTest::newRow("order")
            << QByteArray(
                   R"({"type":"order","data":{"account_id":"55001234","stock_code":"600519.SH","order_id":1001,)"
                   R"("order_sysid":"501001","order_time":1726210800,"order_type":23,"order_volume":100,"price_type":11,)"
                   R"("price":1688.0,"traded_volume":0,"traded_price":0.0,"order_status":50,"status_msg":"",)"
                   R"("strategy_name":"s","order_remark":""}})")
            << int(TradeEvent::Kind::Order) << u"600519.SH"_s << qint64(1726210800000) << u"reported"_s;
        QTest::newRow("trade")
            << QByteArray(R"({"type":"trade","data":{"account_id":"55001234","stock_code":"000001.SZ","order_id":7,)"
                          R"("order_sysid":"9","traded_id":"T1","traded_time":1726210801,"traded_volume":300,)"
                          R"("traded_price":12.340000000000002,"order_type":24,"strategy_name":"","order_remark":""}})")
            << int(TradeEvent::Kind::Trade) << u"000001.SZ"_s << qint64(1726210801000) << u"300 @ 12.34"_s;
        QTest::newRow("order_error")
            << QByteArray(
                   R"({"type":"order_error","data":{"account_id":"1","order_id":8,"error_id":-61,"error_msg":"资金不足"}})")
            << int(TradeEvent::Kind::OrderError) << QString() << qint64(0) << u"资金不足"_s;
        QTest::newRow("cancel_error")
            << QByteArray(
                   R"({"type":"cancel_error","data":{"account_id":"1","order_id":9,"error_id":-62,"error_msg":"too late"}})")
            << int(TradeEvent::Kind::CancelError) << QString() << qint64(0) << u"too late"_s;
        QTest::newRow("asset")
            << QByteArray(
                   R"({"type":"asset","data":{"account_id":"1","cash":1000.5,"frozen_cash":0.0,"market_value":2000.0,)"
                   R"("total_asset":3000.5}})")
            << int(TradeEvent::Kind::Asset) << QString() << qint64(0) << u"3000.5"_s;
        QTest::newRow("position")
            << QByteArray(R"({"type":"position","data":{"account_id":"1","stock_code":"600000.SH","volume":500,)"
                          R"("can_use_volume":400,"frozen_volume":100,"open_price":7.5,"market_value":3800.0}})")
            << int(TradeEvent::Kind::Position) << u"600000.SH"_s << qint64(0) << u"600000.SH"_s;
        QTest::newRow("connected, no data") << QByteArray(R"({"type":"connected"})") << int(TradeEvent::Kind::Connected)
                                            << QString() << qint64(0) << QString();
        QTest::newRow("unknown type kept") << QByteArray(R"({"type":"fancy_new","data":{"x":1}})")
                                           << int(TradeEvent::Kind::Other) << QString() << qint64(0) << u"x=1"_s;
    }

    void decode()
    {
        QFETCH(QByteArray, frame);
        QFETCH(int, kind);
        QFETCH(QString, code);
        QFETCH(qint64, timeMs);
        QFETCH(QString, summaryPart);
        TradeEvent event;
        QVERIFY(QmtTradeClient::decode(frame, &event, 42));
        QCOMPARE(int(event.kind), kind);
        QCOMPARE(event.code, code);
        QCOMPARE(event.receivedMs, qint64(42));
        QCOMPARE(event.timeMs, timeMs ? timeMs : qint64(42));
        QVERIFY2(event.summary.contains(summaryPart), qPrintable(event.summary));
        QVERIFY(!event.summary.isEmpty());
        QCOMPARE(event.isError(),
                 kind == int(TradeEvent::Kind::OrderError) || kind == int(TradeEvent::Kind::CancelError));
    }

    void decodeRejectsGarbage()
    {
        TradeEvent event;
        QString error;
        QVERIFY(!QmtTradeClient::decode("not json", &event, 0, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QmtTradeClient::decode("[1,2]", &event, 0, &error));
        QVERIFY(!QmtTradeClient::decode(R"({"data":{}})", &event, 0, &error));
    }

    void badKeyIsRejectedOnceWithoutRetry()
    {
        QmtSimServer server(tradingConfig());
        QVERIFY(server.listen());
        QmtTradeClient client(fastRetry());
        QSignalSpy rejected(&client, &QmtTradeClient::rejected);
        QSignalSpy errors(&client, &QmtTradeClient::errorOccurred);
        client.start(baseUrl(server), u"wrong-key"_s);
        QTRY_COMPARE_WITH_TIMEOUT(rejected.count(), 1, 5000);
        QCOMPARE(client.state(), QmtTradeClient::State::Rejected);
        QCOMPARE(rejected.at(0).at(0).toString(), QmtTradeClient::rejectedMessage());
        QVERIFY(rejected.at(0).at(0).toString().contains(u"invalid API key"_s));
        // With a 20 ms backoff a retry loop would have made several more handshakes by now.
        QTest::qWait(300);
        QCOMPARE(server.rejectedHandshakes(u"/ws/trade"_s), 1);
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(client.state(), QmtTradeClient::State::Rejected);
        QVERIFY(!client.displayUrl().contains(u"wrong-key"_s));
        QVERIFY(client.displayUrl().contains(u"/ws/trade"_s));
        QVERIFY(!client.lastError().contains(u"wrong-key"_s));
        for (const auto& e : std::as_const(errors))
            QVERIFY(!e.at(0).toString().contains(u"wrong-key"_s));
    }

    void tradingDisabledIsRejected()
    {
        QmtSimServer::Config config = tradingConfig();
        config.tradingEnabled = false;
        QmtSimServer server(config);
        QVERIFY(server.listen());
        QmtTradeClient client(fastRetry());
        QSignalSpy rejected(&client, &QmtTradeClient::rejected);
        client.start(baseUrl(server), Key);
        QTRY_COMPARE_WITH_TIMEOUT(rejected.count(), 1, 5000);
        QCOMPARE(client.state(), QmtTradeClient::State::Rejected);
        QVERIFY(!leaks(client.displayUrl()));
        QVERIFY(!leaks(client.lastError()));
        QVERIFY(!leaks(rejected.at(0).at(0).toString()));
    }

    void goodKeyReceivesEvents()
    {
        QmtSimServer server(tradingConfig());
        QVERIFY(server.listen());
        QmtTradeClient client(fastRetry());
        QSignalSpy events(&client, &QmtTradeClient::eventReceived);
        QSignalSpy rejected(&client, &QmtTradeClient::rejected);
        client.start(baseUrl(server), Key);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QmtTradeClient::State::Connected, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(u"/ws/trade"_s), 1, 5000);
        QVERIFY(!leaks(client.displayUrl()));
        QVERIFY(client.displayUrl().contains(u"api_key=***"_s));

        server.simulateOrder(u"600519.SH"_s, 23, 200);
        QTRY_VERIFY_WITH_TIMEOUT(events.count() >= 5, 5000);
        QStringList types;
        for (const auto& args : std::as_const(events))
            types.append(args.at(0).value<TradeEvent>().type);
        QCOMPARE(types.mid(0, 5), (QStringList{u"order"_s, u"trade"_s, u"order"_s, u"asset"_s, u"position"_s}));
        const TradeEvent trade = events.at(1).at(0).value<TradeEvent>();
        QCOMPARE(trade.code, u"600519.SH"_s);
        QCOMPARE(trade.fields.value(u"traded_volume"_s).toInt(), 200);
        QVERIFY(trade.summary.contains(u"Buy"_s));

        server.simulateOrderError(77, u"no money"_s);
        server.simulateCancelError(78, u"too late"_s);
        QTRY_VERIFY_WITH_TIMEOUT(events.count() >= 7, 5000);
        QCOMPARE(events.at(5).at(0).value<TradeEvent>().kind, TradeEvent::Kind::OrderError);
        QCOMPARE(events.at(6).at(0).value<TradeEvent>().kind, TradeEvent::Kind::CancelError);
        QVERIFY(events.at(6).at(0).value<TradeEvent>().summary.contains(u"too late"_s));
        QCOMPARE(rejected.count(), 0);

        client.stop();
        QCOMPARE(client.state(), QmtTradeClient::State::Idle);
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(u"/ws/trade"_s), 0, 5000);
    }

    void otherFailuresRetryWithBackoff()
    {
        // Nothing listens on the port: a plain connection failure is retried, never reported as a rejection.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        QmtTradeClient client(fastRetry());
        QSignalSpy rejected(&client, &QmtTradeClient::rejected);
        QSignalSpy errors(&client, &QmtTradeClient::errorOccurred);
        client.start(QUrl(u"ws://127.0.0.1:%1"_s.arg(port)), Key);
        QTRY_VERIFY_WITH_TIMEOUT(errors.count() >= 2, 5000);
        QCOMPARE(rejected.count(), 0);
        for (const auto& e : std::as_const(errors))
            QVERIFY2(!leaks(e.at(0).toString()), qPrintable(e.at(0).toString()));
        client.stop();
        QCOMPARE(client.state(), QmtTradeClient::State::Idle);
    }

    void quietSocketIsNormal()
    {
        // Pings every 40 ms, answered by the simulator's QWebSocket: no events for a while is not a dead link.
        QmtSimServer server(tradingConfig());
        QVERIFY(server.listen());
        QmtAuxSocket::Config config = fastRetry();
        config.pingIntervalMs = 40;
        QmtTradeClient client(config);
        QSignalSpy errors(&client, &QmtTradeClient::errorOccurred);
        client.start(baseUrl(server), Key);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QmtTradeClient::State::Connected, 5000);
        QTest::qWait(400); // ten ping periods of silence
        QCOMPARE(client.state(), QmtTradeClient::State::Connected);
        QCOMPARE(errors.count(), 0);
    }

    void twoMissedPongsMeanADeadLink()
    {
        // A server that completes the WebSocket handshake and then never answers anything (not even pings).
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        int handshakes = 0;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                auto* buffer = new QByteArray(""); // not null until the handshake is done
                connect(socket, &QObject::destroyed, socket, [buffer] { delete buffer; });
                connect(socket, &QTcpSocket::readyRead, socket, [socket, buffer, &handshakes] {
                    if (buffer->isNull())
                        return; // handshake done: swallow everything
                    buffer->append(socket->readAll());
                    if (!buffer->contains("\r\n\r\n"))
                        return;
                    QByteArray key;
                    for (const QByteArray& line : buffer->split('\n')) {
                        if (line.toLower().startsWith("sec-websocket-key:"))
                            key = line.mid(18).trimmed();
                    }
                    const QByteArray accept =
                        QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                                 QCryptographicHash::Sha1)
                            .toBase64();
                    socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                  "Sec-WebSocket-Accept: " +
                                  accept + "\r\n\r\n");
                    *buffer = QByteArray();
                    ++handshakes;
                });
            }
        });
        QmtAuxSocket::Config config = fastRetry();
        config.pingIntervalMs = 40;
        QmtTradeClient client(config);
        QSignalSpy errors(&client, &QmtTradeClient::errorOccurred);
        QSignalSpy states(&client, &QmtTradeClient::stateChanged);
        client.start(QUrl(u"ws://127.0.0.1:%1"_s.arg(server.serverPort())), Key);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QmtTradeClient::State::Connected, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(errors.count() >= 1, 5000);
        QVERIFY2(errors.at(0).at(0).toString().contains(u"ping"_s), qPrintable(errors.at(0).at(0).toString()));
        QVERIFY(!leaks(errors.at(0).at(0).toString()));
        // Then it reconnects.
        QTRY_VERIFY_WITH_TIMEOUT(handshakes >= 2, 5000);
        client.stop();
    }

    void rawForbiddenAnswerIsDetected()
    {
        // A bare HTTP server answering the upgrade with 403, as uvicorn does when /ws/trade closes before accept().
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        int handshakes = 0;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                ++handshakes;
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    if (!socket->readAll().contains("\r\n\r\n"))
                        return;
                    socket->write("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
            }
        });
        QmtTradeClient client(fastRetry());
        QSignalSpy rejected(&client, &QmtTradeClient::rejected);
        client.start(QUrl(u"ws://127.0.0.1:%1"_s.arg(server.serverPort())), Key);
        QTRY_COMPARE_WITH_TIMEOUT(rejected.count(), 1, 5000);
        QTest::qWait(200);
        QCOMPARE(handshakes, 1);
    }

    void handshakeStatusParsing()
    {
        QCOMPARE(QmtAuxSocket::handshakeStatus(
                     u"QWebSocketPrivate::processHandshake: Unhandled http status code: 403 (Forbidden)."_s),
                 403);
        QCOMPARE(QmtAuxSocket::handshakeStatus(u"Connection refused"_s), 0);
        QCOMPARE(QmtAuxSocket::handshakeStatus(u"Host 10.0.0.403 not found"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestQmtTradeClient)
#include "tst_qmttradeclient.moc"
