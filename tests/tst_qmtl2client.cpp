#include "feed/QmtL2Client.h"
#include "sim/QmtSimServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

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

// A frame with `levels` levels a side around 20.00 (ticks of 0.01, float noise included), volumes 1..levels.
QByteArray deepFrame(const QString& code, int levels, int zeroTail = 0)
{
    QByteArray bidP, bidV, offP, offV;
    for (int i = 0; i < levels + zeroTail; ++i) {
        const char* sep = i ? "," : "";
        const bool zero = i >= levels;
        bidP.append(sep).append(zero ? QByteArray("0.0") : QByteArray::number(20.0 - 0.01 * (i + 1), 'g', 17));
        offP.append(sep).append(zero ? QByteArray("0.0") : QByteArray::number(20.0 + 0.01 * i, 'g', 17));
        bidV.append(sep).append(QByteArray::number(zero ? 0 : i + 1));
        offV.append(sep).append(QByteArray::number(zero ? 0 : 2 * (i + 1)));
    }
    return "{\"" + code.toUtf8() + "\":[{\"timeTag\":1726210800000,\"price\":10.0,\"bidPrice\":[" + bidP +
           "],\"bidVolume\":[" + bidV + "],\"offPrice\":[" + offP + "],\"offVolume\":[" + offV + "]}]}";
}

} // namespace

class TestQmtL2Client : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<BookSnapshot>(); }

    void decodeThousandLevels()
    {
        BookSnapshot book;
        QString error;
        QVERIFY2(QmtL2Client::decode(deepFrame(u"600000.SH"_s, 1000), u"600000.SH"_s, &book, &error),
                 qPrintable(error));
        QCOMPARE(book.code, u"600000.SH"_s);
        QCOMPARE(book.timeMs, qint64(1726210800000));
        QCOMPARE(book.bids.size(), 1000);
        QCOMPARE(book.asks.size(), 1000);
        QCOMPARE(book.bids.first().price.toString(), u"19.99"_s);
        QCOMPARE(book.asks.first().price.toString(), u"20"_s);
        QCOMPARE(book.asks.at(999).price.toString(), u"29.99"_s);
        QCOMPARE(book.bids.at(999).volume, Decimal::fromInt(1000));
        QCOMPARE(book.asks.at(1).volume, Decimal::fromInt(4));
    }

    void decodeCapsAndDropsEmptyLevels()
    {
        BookSnapshot book;
        QVERIFY(QmtL2Client::decode(deepFrame(u"600000.SH"_s, 1200), u"600000.SH"_s, &book));
        QCOMPARE(book.bids.size(), QmtL2Client::MaxLevels);
        QVERIFY(QmtL2Client::decode(deepFrame(u"600000.SH"_s, 3, 7), u"600000.SH"_s, &book));
        QCOMPARE(book.bids.size(), 3);
        QCOMPARE(book.asks.size(), 3);
    }

    void decodeErrors()
    {
        BookSnapshot book;
        QString error;
        QVERIFY(!QmtL2Client::decode("{bad", u"600000.SH"_s, &book, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QmtL2Client::decode(deepFrame(u"000001.SZ"_s, 5), u"600000.SH"_s, &book, &error));
        QVERIFY(error.contains(u"600000.SH"_s));
        // One side empty (limit up): still a book.
        QVERIFY(QmtL2Client::decode(
            R"({"600000.SH":{"timeTag":1,"bidPrice":[9.9],"bidVolume":[5],"offPrice":[],"offVolume":[]}})",
            u"600000.SH"_s, &book));
        QCOMPARE(book.bids.size(), 1);
        QVERIFY(book.asks.isEmpty());
    }

    void notAvailableOnceOnV280()
    {
        QmtSimServer::Config config;
        config.quirksV280 = true;
        QmtSimServer server(config);
        QVERIFY(server.listen());
        QmtL2Client client(fastRetry());
        QSignalSpy notAvailable(&client, &QmtL2Client::notAvailable);
        QSignalSpy errors(&client, &QmtL2Client::errorOccurred);
        client.start(baseUrl(server), u"600000.SH"_s);
        QTRY_COMPARE_WITH_TIMEOUT(notAvailable.count(), 1, 5000);
        QCOMPARE(client.state(), QmtL2Client::State::NotAvailable);
        QCOMPARE(notAvailable.at(0).at(0).toString(), QmtL2Client::notAvailableMessage());
        QVERIFY(QmtL2Client::notAvailableMessage().contains(u"not available on this server"_s));
        QTest::qWait(300); // a 20 ms backoff would have retried many times by now
        QCOMPARE(server.rejectedHandshakes(u"/ws/l2_thousand"_s), 1);
        QCOMPARE(notAvailable.count(), 1);
        QCOMPARE(errors.count(), 0);
    }

    void streamsBooksFromSimulator()
    {
        QmtSimServer::Config config;
        config.pushIntervalMs = 20;
        config.updateChance = 1.0;
        QmtSimServer server(config);
        QVERIFY(server.listen());
        const QString code = server.codes().first();
        QmtL2Client client(fastRetry());
        QSignalSpy books(&client, &QmtL2Client::bookReceived);
        client.start(baseUrl(server), code);
        QTRY_VERIFY_WITH_TIMEOUT(books.count() >= 2, 10000);
        QCOMPARE(client.state(), QmtL2Client::State::Connected);
        QCOMPARE(QJsonDocument::fromJson(server.lastFirstMessage(u"/ws/l2_thousand"_s)).object(),
                 (QJsonObject{{u"stocks"_s, QJsonArray{code}}}));
        const BookSnapshot book = books.last().at(0).value<BookSnapshot>();
        QCOMPARE(book.code, code);
        QVERIFY(!book.bids.isEmpty());
        QVERIFY(!book.asks.isEmpty());
        QVERIFY(book.bids.first().price < book.asks.first().price);
        QVERIFY(book.timeMs > 0);

        client.stop();
        QCOMPARE(client.state(), QmtL2Client::State::Idle);
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(u"/ws/l2_thousand"_s), 0, 5000);
    }

    void otherFailuresRetry()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        QmtL2Client client(fastRetry());
        QSignalSpy notAvailable(&client, &QmtL2Client::notAvailable);
        QSignalSpy errors(&client, &QmtL2Client::errorOccurred);
        client.start(QUrl(u"ws://127.0.0.1:%1"_s.arg(port)), u"600000.SH"_s);
        QTRY_VERIFY_WITH_TIMEOUT(errors.count() >= 2, 5000);
        QCOMPARE(notAvailable.count(), 0);
        client.stop();
    }
};

QTEST_GUILESS_MAIN(TestQmtL2Client)
#include "tst_qmtl2client.moc"
