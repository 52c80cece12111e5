#include "feed/QmtFormulaClient.h"
#include "sim/QmtSimServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

QUrl baseUrl(const QmtSimServer& server)
{
    return QUrl(u"ws://127.0.0.1:%1"_s.arg(server.port()));
}

QmtFormulaClient::Request maRequest(const QString& code, int n = 5)
{
    QmtFormulaClient::Request request;
    request.formulaName = u"MA"_s;
    request.code = code;
    request.count = 20;
    request.params.insert(u"N"_s, n);
    return request;
}

} // namespace

class TestQmtFormulaClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<QmtFormulaClient::Result>(); }

    void sanitize_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<int>("replaced");

        QTest::newRow("plain") << QByteArray(R"({"a":[1,2.5e3,-4]})") << QByteArray(R"({"a":[1,2.5e3,-4]})") << 0;
        QTest::newRow("nan") << QByteArray(R"([NaN,1,NaN])") << QByteArray(R"([null,1,null])") << 2;
        QTest::newRow("infinities") << QByteArray(R"({"x":Infinity,"y":-Infinity})")
                                    << QByteArray(R"({"x":null,"y":null})") << 2;
        QTest::newRow("spaces") << QByteArray("[ NaN , -Infinity\n, Infinity ]")
                                << QByteArray("[ null , null\n, null ]") << 3;
        QTest::newRow("inside strings untouched") << QByteArray(R"({"NaN":"NaN Infinity -Infinity","k":NaN})")
                                                  << QByteArray(R"({"NaN":"NaN Infinity -Infinity","k":null})") << 1;
        // Written without raw strings: moc cannot parse backslashes in them.
        QTest::newRow("escaped quotes") << QByteArray("[\"a\\\"NaN\\\"\",NaN,\"\\\\\",Infinity]")
                                        << QByteArray("[\"a\\\"NaN\\\"\",null,\"\\\\\",null]") << 2;
        QTest::newRow("words containing the tokens") << QByteArray(R"({"k":NaNa})") << QByteArray(R"({"k":NaNa})") << 0;
        QTest::newRow("unicode around") << QByteArray(R"({"名":"均线","v":[NaN]})")
                                        << QByteArray(R"({"名":"均线","v":[null]})") << 1;
    }

    void sanitize()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QFETCH(int, replaced);
        int count = -1;
        QCOMPARE(QmtFormulaClient::sanitizeJson(input, &count), expected);
        QCOMPARE(count, replaced);
    }

    void decodeUpdateWithNonFinite()
    {
        const QByteArray frame =
            R"({"type":"formula_update","formula_name":"MA","stock_code":"000001.SZ","data":{"timelist":)"
            R"([1704124800000,1704211200000,1704297600000],"outputs":{"MA3":[NaN,NaN,10.5],"RATIO":)"
            R"([Infinity,1.01,-Infinity]}}})";
        QVERIFY(QJsonDocument::fromJson(frame).isNull()); // why the sanitizer exists
        const auto decoded = QmtFormulaClient::decode(frame);
        QCOMPARE(decoded.kind, QmtFormulaClient::Frame::Kind::Update);
        QCOMPARE(decoded.result.formulaName, u"MA"_s);
        QCOMPARE(decoded.result.code, u"000001.SZ"_s);
        QCOMPARE(decoded.result.outputs.size(), 2);
        const QmtFormulaClient::Series ma = decoded.result.outputs.value(u"MA3"_s);
        QCOMPARE(ma.size(), 3);
        QCOMPARE(ma.at(0).first, qint64(1704124800000));
        QVERIFY(std::isnan(ma.at(0).second));
        QVERIFY(std::isnan(ma.at(1).second));
        QCOMPARE(ma.at(2).second, 10.5);
        const QmtFormulaClient::Series ratio = decoded.result.outputs.value(u"RATIO"_s);
        QVERIFY(std::isnan(ratio.at(0).second));
        QCOMPARE(ratio.at(1).second, 1.01);
    }

    void decodeOtherLayouts()
    {
        // Date strings (Asia/Shanghai midnight) and outputs directly in data.
        auto decoded = QmtFormulaClient::decode(
            R"({"type":"formula_update","formula_name":"X","stock_code":"A","data":{"timelist":["20240102"],"X":[1]}})");
        QCOMPARE(decoded.result.outputs.value(u"X"_s).size(), 1);
        QCOMPARE(decoded.result.outputs.value(u"X"_s).at(0).first, qint64(1704124800000));
        // Records.
        decoded = QmtFormulaClient::decode(
            R"({"type":"formula_update","formula_name":"X","stock_code":"A","data":[{"time":1704124800000,"V":NaN},)"
            R"({"time":1704211200000,"V":2}]})");
        QCOMPARE(decoded.result.outputs.value(u"V"_s).size(), 2);
        QVERIFY(std::isnan(decoded.result.outputs.value(u"V"_s).at(0).second));
        QCOMPARE(decoded.result.outputs.value(u"V"_s).at(1).second, 2.0);
    }

    void decodeRepliesAndErrors()
    {
        auto d = QmtFormulaClient::decode(R"({"action":"subscribed","seq_id":7})");
        QCOMPARE(d.kind, QmtFormulaClient::Frame::Kind::Subscribed);
        QCOMPARE(d.seqId, 7);
        d = QmtFormulaClient::decode(R"({"action":"unsubscribed","seq_id":7})");
        QCOMPARE(d.kind, QmtFormulaClient::Frame::Kind::Unsubscribed);
        d = QmtFormulaClient::decode(R"({"error":"unknown seq_id"})");
        QCOMPARE(d.kind, QmtFormulaClient::Frame::Kind::Error);
        QCOMPARE(d.error, u"unknown seq_id"_s);
        d = QmtFormulaClient::decode(R"({"error":{"code":3}})");
        QCOMPARE(d.kind, QmtFormulaClient::Frame::Kind::Error);
        QVERIFY(d.error.contains(u"code"_s));
        QCOMPARE(QmtFormulaClient::decode("garbage").kind, QmtFormulaClient::Frame::Kind::Invalid);
    }

    void messages()
    {
        const QJsonObject sub =
            QJsonDocument::fromJson(QmtFormulaClient::subscribeMessage(maRequest(u"000001.SZ"_s, 10))).object();
        QCOMPARE(sub.value(u"action"_s).toString(), u"subscribe"_s);
        QCOMPARE(sub.value(u"formula_name"_s).toString(), u"MA"_s);
        QCOMPARE(sub.value(u"stock_code"_s).toString(), u"000001.SZ"_s);
        QCOMPARE(sub.value(u"period"_s).toString(), u"1d"_s);
        QCOMPARE(sub.value(u"count"_s).toInt(), 20);
        QCOMPARE(sub.value(u"dividend_type"_s).toString(), u"none"_s);
        QCOMPARE(sub.value(u"params"_s).toObject().value(u"N"_s).toInt(), 10);
        QCOMPARE(QmtFormulaClient::unsubscribeMessage(7), QByteArray(R"({"action":"unsubscribe","seq_id":7})"));
    }

    void subscribeReceiveUnsubscribe()
    {
        QmtSimServer::Config config;
        config.formulaIntervalMs = 30;
        QmtSimServer server(config);
        QVERIFY(server.listen());
        const QString code = server.codes().first();
        QmtFormulaClient client;
        client.setBaseUrl(baseUrl(server));
        QSignalSpy subscribed(&client, &QmtFormulaClient::subscribed);
        QSignalSpy results(&client, &QmtFormulaClient::resultReceived);
        QSignalSpy unsubscribed(&client, &QmtFormulaClient::unsubscribed);
        QSignalSpy serverErrors(&client, &QmtFormulaClient::serverError);
        const int id = client.subscribe(maRequest(code, 5));
        QVERIFY(id > 0);
        QTRY_COMPARE_WITH_TIMEOUT(subscribed.count(), 1, 5000);
        QCOMPARE(subscribed.at(0).at(0).toInt(), id);
        QVERIFY(client.seqId(id) >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(results.count() >= 1, 5000);
        QCOMPARE(results.at(0).at(0).toInt(), id);
        const QmtFormulaClient::Series ma = client.series(id, u"MA5"_s);
        QCOMPARE(ma.size(), 20);
        QVERIFY(std::isnan(ma.at(0).second)); // the simulator's bare NaN for the first N-1 values
        QVERIFY(std::isfinite(ma.at(19).second));
        QVERIFY(ma.at(19).first > ma.at(0).first);
        QVERIFY(client.result(id).outputs.contains(u"RATIO"_s));

        client.unsubscribe(id);
        QTRY_COMPARE_WITH_TIMEOUT(unsubscribed.count(), 1, 5000);
        QCOMPARE(unsubscribed.at(0).at(0).toInt(), id);
        const int before = int(results.count());
        QTest::qWait(150); // five push periods: nothing more for the cancelled subscription
        QCOMPARE(int(results.count()), before);
        QCOMPARE(serverErrors.count(), 0);
        QCOMPARE(client.subscriptions().size(), 0);
    }

    void serverErrorsAreSurfaced()
    {
        QmtSimServer server;
        QVERIFY(server.listen());
        QmtFormulaClient client;
        client.setBaseUrl(baseUrl(server));
        QSignalSpy serverErrors(&client, &QmtFormulaClient::serverError);
        QSignalSpy subscribed(&client, &QmtFormulaClient::subscribed);
        QmtFormulaClient::Request bad = maRequest(QString());
        const int badId = client.subscribe(bad);
        const int goodId = client.subscribe(maRequest(server.codes().first()));
        QTRY_COMPARE_WITH_TIMEOUT(serverErrors.count(), 1, 5000);
        QCOMPARE(serverErrors.at(0).at(0).toString(), u"missing formula_name or stock_code"_s);
        QCOMPARE(serverErrors.at(0).at(1).toInt(), badId);
        QTRY_COMPARE_WITH_TIMEOUT(subscribed.count(), 1, 5000);
        QCOMPARE(subscribed.at(0).at(0).toInt(), goodId); // replies matched in order
        QCOMPARE(client.subscriptions(), QList<int>{goodId});
    }

    void quirkModeAcksWithoutPushes()
    {
        QmtSimServer::Config config;
        config.quirksV280 = true;
        config.formulaIntervalMs = 20;
        QmtSimServer server(config);
        QVERIFY(server.listen());
        QmtFormulaClient client;
        client.setBaseUrl(baseUrl(server));
        QSignalSpy subscribed(&client, &QmtFormulaClient::subscribed);
        QSignalSpy results(&client, &QmtFormulaClient::resultReceived);
        client.subscribe(maRequest(server.codes().first()));
        QTRY_COMPARE_WITH_TIMEOUT(subscribed.count(), 1, 5000);
        QTest::qWait(100);
        QCOMPARE(results.count(), 0);
    }

    void resubscribesAfterReconnect()
    {
        QmtSimServer::Config config;
        config.formulaIntervalMs = 30;
        QmtSimServer server(config);
        QVERIFY(server.listen());
        QmtAuxSocket::Config fast;
        fast.backoff = Backoff::Params{20, 40, 0.0};
        QmtFormulaClient client(fast);
        client.setBaseUrl(baseUrl(server));
        QSignalSpy subscribed(&client, &QmtFormulaClient::subscribed);
        const int id = client.subscribe(maRequest(server.codes().first()));
        QTRY_COMPARE_WITH_TIMEOUT(subscribed.count(), 1, 5000);
        server.dropAllConnections();
        QTRY_COMPARE_WITH_TIMEOUT(subscribed.count(), 2, 5000);
        QCOMPARE(subscribed.at(1).at(0).toInt(), id);
    }
};

QTEST_GUILESS_MAIN(TestQmtFormulaClient)
#include "tst_qmtformulaclient.moc"
