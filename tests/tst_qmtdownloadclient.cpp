#include "feed/QmtDownloadClient.h"
#include "sim/QmtSimServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QUrl baseUrl(const QmtSimServer& server)
{
    return QUrl(u"ws://127.0.0.1:%1"_s.arg(server.port()));
}

} // namespace

class TestQmtDownloadClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestMessage()
    {
        const QByteArray message = QmtDownloadClient::requestMessage({u"600000.SH"_s, u"000001.SZ"_s}, u"1m"_s,
                                                                     QDate(2024, 1, 2), QDate(2024, 3, 31));
        const QJsonObject object = QJsonDocument::fromJson(message).object();
        QCOMPARE(object.value(u"stocks"_s).toArray().size(), 2);
        QCOMPARE(object.value(u"period"_s).toString(), u"1m"_s);
        QCOMPARE(object.value(u"start_time"_s).toString(), u"20240102"_s);
        QCOMPARE(object.value(u"end_time"_s).toString(), u"20240331"_s);
        const QJsonObject defaults =
            QJsonDocument::fromJson(QmtDownloadClient::requestMessage({}, QString(), QDate(), QDate())).object();
        QCOMPARE(defaults.value(u"period"_s).toString(), u"1d"_s);
        QCOMPARE(defaults.value(u"start_time"_s).toString(), QString());
    }

    void decodeFrames()
    {
        auto frame = QmtDownloadClient::decode(R"({"finished":2,"total":5,"stock":"000001.SZ","status":"timeout"})");
        QCOMPARE(frame.kind, QmtDownloadClient::Frame::Kind::Progress);
        QCOMPARE(frame.progress.finished, 2);
        QCOMPARE(frame.progress.total, 5);
        QCOMPARE(frame.progress.current.code, u"000001.SZ"_s);
        QCOMPARE(frame.progress.current.status, QmtDownloadClient::Status::Timeout);

        frame = QmtDownloadClient::decode(
            R"({"finished":3,"total":5,"stock":"X","status":"error: invalid stock code: X"})");
        QCOMPARE(frame.progress.current.status, QmtDownloadClient::Status::Error);
        QCOMPARE(QmtDownloadClient::statusText(frame.progress.current), u"Error: invalid stock code: X"_s);

        // v1.1.0 shape.
        frame = QmtDownloadClient::decode(R"({"finished":1,"total":1,"stockcode":"600000.SH","message":"ok"})");
        QCOMPARE(frame.progress.current.code, u"600000.SH"_s);
        QCOMPARE(frame.progress.current.status, QmtDownloadClient::Status::Ok);

        frame = QmtDownloadClient::decode(
            R"({"status":"done","results":{"600000.SH":"ok","000001.SZ":"timeout","300750.SZ":"ok","BAD":"error: x"}})");
        QCOMPARE(frame.kind, QmtDownloadClient::Frame::Kind::Done);
        QCOMPARE(frame.summary.results.size(), 4);
        QCOMPARE(frame.summary.results.at(0).code, u"600000.SH"_s); // wire order, not sorted
        QCOMPARE(frame.summary.results.at(3).code, u"BAD"_s);
        QCOMPARE(frame.summary.ok, 2);
        QCOMPARE(frame.summary.failed, 2);

        // The documented bare form.
        frame = QmtDownloadClient::decode(R"({"status":"done"})");
        QCOMPARE(frame.kind, QmtDownloadClient::Frame::Kind::Done);
        QCOMPARE(frame.summary.results.size(), 0);

        QCOMPARE(QmtDownloadClient::decode("nope").kind, QmtDownloadClient::Frame::Kind::Invalid);
        QCOMPARE(QmtDownloadClient::decode(R"({"hello":1})").kind, QmtDownloadClient::Frame::Kind::Invalid);
    }

    void downloadAgainstSimulator()
    {
        QmtSimServer::Config config;
        config.downloadDelayMs = 10;
        config.downloadTimeoutMs = 40;
        QmtSimServer server(config);
        QVERIFY(server.listen());
        const QString known = server.codes().first();
        QmtDownloadClient client;
        client.setBaseUrl(baseUrl(server));
        QSignalSpy started(&client, &QmtDownloadClient::started);
        QSignalSpy progress(&client, &QmtDownloadClient::progressed);
        QSignalSpy finished(&client, &QmtDownloadClient::finished);
        QSignalSpy failed(&client, &QmtDownloadClient::failed);
        const QStringList codes{known, u"999998.SZ"_s, u"NOPE"_s};
        client.start(codes, u"1d"_s, QDate(2024, 1, 2), QDate(2024, 1, 31));
        QVERIFY(client.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.at(0).at(0).toInt(), 3);
        QCOMPARE(progress.count(), 3);
        const auto last = progress.last().at(0).value<QmtDownloadClient::Progress>();
        QCOMPARE(last.finished, 3);
        QCOMPARE(last.total, 3);
        QCOMPARE(progress.at(1).at(0).value<QmtDownloadClient::Progress>().current.status,
                 QmtDownloadClient::Status::Timeout);
        const auto summary = finished.at(0).at(0).value<QmtDownloadClient::Summary>();
        QCOMPARE(summary.results.size(), 3);
        QCOMPARE(summary.results.at(0).code, known);
        QCOMPARE(summary.ok, 1);
        QCOMPARE(summary.failed, 2);
        QCOMPARE(client.state(), QmtDownloadClient::State::Done);
        QCOMPARE(failed.count(), 0);
        const QJsonObject first = QJsonDocument::fromJson(server.lastFirstMessage(u"/ws/download_progress"_s)).object();
        QCOMPARE(first.value(u"start_time"_s).toString(), u"20240102"_s);
        QCOMPARE(first.value(u"end_time"_s).toString(), u"20240131"_s);
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(u"/ws/download_progress"_s), 0, 5000);
        QCOMPARE(failed.count(), 0); // the server's close after done is expected
    }

    void cancel()
    {
        QmtSimServer::Config config;
        config.downloadDelayMs = 200;
        QmtSimServer server(config);
        QVERIFY(server.listen());
        QmtDownloadClient client;
        client.setBaseUrl(baseUrl(server));
        QSignalSpy progress(&client, &QmtDownloadClient::progressed);
        QSignalSpy cancelled(&client, &QmtDownloadClient::cancelled);
        QSignalSpy finished(&client, &QmtDownloadClient::finished);
        client.start(server.codes().mid(0, 10), u"1d"_s, QDate(), QDate());
        QTRY_COMPARE_WITH_TIMEOUT(progress.count(), 1, 5000);
        client.cancel();
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(client.state(), QmtDownloadClient::State::Cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(server.cancelledDownloads(), 1, 5000);
        QCOMPARE(finished.count(), 0);
        client.cancel(); // idempotent
        QCOMPARE(cancelled.count(), 1);
    }

    void failsWhenNoServer()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        QmtDownloadClient client;
        client.setBaseUrl(QUrl(u"ws://127.0.0.1:%1"_s.arg(port)));
        QSignalSpy failed(&client, &QmtDownloadClient::failed);
        client.start({u"600000.SH"_s}, u"1d"_s, QDate(), QDate());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
        QCOMPARE(client.state(), QmtDownloadClient::State::Failed);
        QTest::qWait(100);
        QCOMPARE(failed.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestQmtDownloadClient)
#include "tst_qmtdownloadclient.moc"
