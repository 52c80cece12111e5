#include "feed/QmtBarClient.h"
#include "sim/QmtSimServer.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QmtSimServer::Config simConfig(double updateChance)
{
    QmtSimServer::Config config;
    config.pushIntervalMs = 20;
    config.updateChance = updateChance;
    return config;
}

QmtBarClient::Config clientConfig()
{
    QmtBarClient::Config config;
    config.historyCount = 120;
    config.capacity = 200;
    config.socket.backoff = Backoff::Params{50, 200, 0.0};
    return config;
}

int restRequests(const QmtSimServer& server, const QString& period)
{
    int n = 0;
    for (const QmtSimServer::RequestRecord& r : server.requests()) {
        if (r.path == u"/api/market/market_data_ex"_s && r.raw.contains(QByteArray("period=" + period.toLatin1())))
            ++n;
    }
    return n;
}

bool strictlyIncreasing(const QList<Qmt::Bar>& bars, qint64 step)
{
    for (qsizetype i = 1; i < bars.size(); ++i) {
        if (bars.at(i).timeMs - bars.at(i - 1).timeMs != step)
            return false;
    }
    return true;
}

QByteArray barFrame(qint64 timeMs, const char* close)
{
    return "{\"600519.SH\":[{\"time\":" + QByteArray::number(timeMs) +
           ",\"open\":1500.0,\"high\":1600.0,\"low\":1400.0,"
           "\"close\":" +
           close +
           ",\"volume\":7,\"amount\":1.0,\"settelementPrice\":0.0,\"openInterest\":0,"
           "\"preClose\":1500.0,\"suspendFlag\":0}]}";
}

} // namespace

class tst_QmtBarClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void historyThenPushes();
    void replaceAppendIgnore();
    void periodChangeReopens();
    void reconnectRefetchesHistory();
    void tickPeriodStops();
};

void tst_QmtBarClient::historyThenPushes()
{
    QmtSimServer server(simConfig(1.0));
    QVERIFY(server.listen());
    QmtBarClient client(clientConfig());
    client.setBaseUrl(server.wsUrl(QString()).adjusted(QUrl::RemovePath));
    QSignalSpy history(&client, &QmtBarClient::historyLoaded);
    QSignalSpy pushed(&client, &QmtBarClient::barPushed);
    client.start(u"600519.SH"_s, u"1m"_s);
    QTRY_COMPARE(history.count(), 1);
    QCOMPARE(history.first().first().toInt(), 120);
    QCOMPARE(restRequests(server, u"1m"_s), 1);
    QTRY_COMPARE(server.lastFirstMessage(u"/ws/realtime"_s), QByteArray(R"({"period":"1m","stocks":["600519.SH"]})"));
    // The forming bar is pushed again and again: replaced, the history's last bar being that same minute.
    QTRY_VERIFY(pushed.count() >= 3);
    QCOMPARE(pushed.last().first().value<Qmt::BarSeries::Change>(), Qmt::BarSeries::Change::Replaced);
    QVERIFY(client.bars().size() >= 120); // 121 when the wall clock's minute rolled over meanwhile
    const qint64 last = client.bars().last().timeMs;
    const qsizetype size = client.bars().size();
    // A minute later the stream starts a new bar: appended.
    server.setClockOffsetMs(60000);
    QTRY_VERIFY(client.bars().last().timeMs >= last + 60000);
    QVERIFY(strictlyIncreasing(client.bars(), 60000));
    QVERIFY(client.bars().size() > size);
    bool appended = false;
    for (const QList<QVariant>& args : std::as_const(pushed))
        appended = appended || args.first().value<Qmt::BarSeries::Change>() == Qmt::BarSeries::Change::Appended;
    QVERIFY(appended);
    QVERIFY(client.lastError().isEmpty());
}

void tst_QmtBarClient::replaceAppendIgnore()
{
    QmtSimServer server(simConfig(0.0)); // a quiet market: only the frames injected here
    QVERIFY(server.listen());
    QmtBarClient client(clientConfig());
    client.setBaseUrl(server.wsUrl(QString()).adjusted(QUrl::RemovePath));
    QSignalSpy history(&client, &QmtBarClient::historyLoaded);
    QSignalSpy changed(&client, &QmtBarClient::barsChanged);
    client.start(u"600519.SH"_s, u"1m"_s);
    QTRY_COMPARE(history.count(), 1);
    QTRY_COMPARE(server.connectionCount(u"/ws/realtime"_s), 1);
    QTRY_COMPARE(server.lastFirstMessage(u"/ws/realtime"_s).isEmpty(), false);
    const qint64 t = client.bars().last().timeMs;
    const qsizetype size = client.bars().size();
    QSignalSpy pushed(&client, &QmtBarClient::barPushed);
    using C = Qmt::BarSeries::Change;

    server.injectFrame(u"/ws/realtime"_s, barFrame(t, "1555.5"));
    QTRY_COMPARE(pushed.count(), 1);
    QCOMPARE(pushed.at(0).first().value<C>(), C::Replaced);
    QCOMPARE(client.bars().size(), size);
    QCOMPARE(client.bars().last().close.toString(), u"1555.5"_s);

    server.injectFrame(u"/ws/realtime"_s, barFrame(t + 60000, "1556"));
    QTRY_COMPARE(pushed.count(), 2);
    QCOMPARE(pushed.at(1).first().value<C>(), C::Appended);
    QCOMPARE(client.bars().size(), size + 1);
    QCOMPARE(client.bars().last().timeMs, t + 60000);

    const int changes = int(changed.count());
    server.injectFrame(u"/ws/realtime"_s, barFrame(t, "1.0")); // older than the last bar
    QTRY_COMPARE(pushed.count(), 3);
    QCOMPARE(pushed.at(2).first().value<C>(), C::Ignored);
    QCOMPARE(client.bars().size(), size + 1);
    QCOMPARE(client.bars().at(size - 1).close.toString(), u"1555.5"_s);
    QCOMPARE(int(changed.count()), changes); // nothing to redraw

    // Another code on the socket (never subscribed) is not ours.
    server.injectFrame(u"/ws/realtime"_s, "{\"000001.SZ\":[{\"time\":9999999999999,\"close\":1.0}]}");
    server.injectFrame(u"/ws/realtime"_s, barFrame(t + 120000, "1557"));
    QTRY_COMPARE(pushed.count(), 4);
    QCOMPARE(client.bars().last().timeMs, t + 120000);
}

void tst_QmtBarClient::periodChangeReopens()
{
    QmtSimServer server(simConfig(1.0));
    QVERIFY(server.listen());
    QmtBarClient client(clientConfig());
    client.setBaseUrl(server.wsUrl(QString()).adjusted(QUrl::RemovePath));
    QSignalSpy history(&client, &QmtBarClient::historyLoaded);
    QSignalSpy opened(&server, &QmtSimServer::firstMessageReceived);
    client.start(u"600519.SH"_s, u"1m"_s);
    QTRY_COMPARE(history.count(), 1);
    QTRY_COMPARE(opened.count(), 1);
    client.start(u"600519.SH"_s, u"1m"_s); // the same set: nothing happens
    QVERIFY(client.bars().size() >= 120);

    client.start(u"600519.SH"_s, u"5m"_s);
    QVERIFY(client.bars().isEmpty()); // the 1m bars are gone at once
    QTRY_COMPARE(history.count(), 2);
    QTRY_COMPARE(opened.count(), 2);
    QCOMPARE(opened.last().at(1).toByteArray(), QByteArray(R"({"period":"5m","stocks":["600519.SH"]})"));
    QTRY_COMPARE(server.connectionCount(u"/ws/realtime"_s), 1); // the 1m socket was closed
    QCOMPARE(restRequests(server, u"5m"_s), 1);
    QVERIFY(client.bars().size() >= 120);
    QVERIFY(strictlyIncreasing(client.bars(), 300000));

    client.start(u"000001.SZ"_s, u"1d"_s);
    QTRY_COMPARE(history.count(), 3);
    QTRY_COMPARE(opened.count(), 3);
    QCOMPARE(opened.last().at(1).toByteArray(), QByteArray(R"({"period":"1d","stocks":["000001.SZ"]})"));
    QTRY_COMPARE(server.connectionCount(u"/ws/realtime"_s), 1);
    QVERIFY(!client.bars().isEmpty());
    QCOMPARE(client.bars().last().code, u"000001.SZ"_s);
}

void tst_QmtBarClient::reconnectRefetchesHistory()
{
    QmtSimServer server(simConfig(1.0));
    QVERIFY(server.listen());
    QmtBarClient client(clientConfig());
    client.setBaseUrl(server.wsUrl(QString()).adjusted(QUrl::RemovePath));
    QSignalSpy history(&client, &QmtBarClient::historyLoaded);
    client.start(u"600519.SH"_s, u"1m"_s);
    QTRY_COMPARE(history.count(), 1);
    QTRY_COMPARE(server.connectionCount(u"/ws/realtime"_s), 1);
    const qint64 last = client.bars().last().timeMs;
    // Two minutes pass while the link is down: the history fetched after the reconnect fills them in.
    server.setClockOffsetMs(120000); // no event is processed between these two lines: no push of the new time
    server.dropAllConnections();
    QTRY_COMPARE(history.count(), 2);
    QCOMPARE(restRequests(server, u"1m"_s), 2);
    QTRY_COMPARE(client.bars().last().timeMs, last + 120000);
    // The simulator had no trade in the minute between (its clock jumped): the bar of `last` closed, the new one
    // followed, in time order.
    const QList<Qmt::Bar> bars = client.bars();
    for (qsizetype i = 1; i < bars.size(); ++i)
        QVERIFY(bars.at(i).timeMs > bars.at(i - 1).timeMs);
    QCOMPARE(bars.at(bars.size() - 2).timeMs, last);
    QVERIFY(bars.size() <= 200);
}

void tst_QmtBarClient::tickPeriodStops()
{
    QmtSimServer server(simConfig(1.0));
    QVERIFY(server.listen());
    QmtBarClient client(clientConfig());
    client.setBaseUrl(server.wsUrl(QString()).adjusted(QUrl::RemovePath));
    QSignalSpy history(&client, &QmtBarClient::historyLoaded);
    client.start(u"600519.SH"_s, u"1m"_s);
    QTRY_COMPARE(server.connectionCount(u"/ws/realtime"_s), 1);
    QTRY_COMPARE(history.count(), 1);
    client.start(u"600519.SH"_s, u"tick"_s);
    QVERIFY(!client.isActive());
    QVERIFY(client.bars().isEmpty());
    QTRY_COMPARE(server.connectionCount(u"/ws/realtime"_s), 0);

    // A request superseded before its reply: the reply is dropped, only the 5m history arrives.
    client.start(u"600519.SH"_s, u"1m"_s);
    client.start(u"600519.SH"_s, QString());
    client.start(u"600519.SH"_s, u"5m"_s);
    QTRY_COMPARE(history.count(), 2);
    QVERIFY(strictlyIncreasing(client.bars(), 300000));
    QTRY_COMPARE(server.connectionCount(u"/ws/realtime"_s), 1);
    QCOMPARE(history.count(), 2);
}

QTEST_MAIN(tst_QmtBarClient)
#include "tst_qmtbarclient.moc"
