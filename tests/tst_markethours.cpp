#include "MarketHours.h"

#include <QDateTime>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMarketHours : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sessions_data();
    void sessions();
};

void TestMarketHours::sessions_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("localTime"); // in the market's own zone
    QTest::addColumn<bool>("open");
    // 2026-11-24 is a Tuesday, 2026-11-28 a Saturday.
    QTest::newRow("A-share morning") << u"600519.SH"_s << u"2026-11-24T10:00:00"_s << true;
    QTest::newRow("A-share lunch") << u"600519.SH"_s << u"2026-11-24T12:00:00"_s << false;
    QTest::newRow("A-share afternoon") << u"000001.SZ"_s << u"2026-11-24T14:59:00"_s << true;
    QTest::newRow("A-share after close") << u"000001.SZ"_s << u"2026-11-24T15:00:00"_s << false;
    QTest::newRow("A-share Saturday") << u"600519.SH"_s << u"2026-11-28T10:00:00"_s << false;
    QTest::newRow("HK lunch") << u"700.HK"_s << u"2026-11-24T12:30:00"_s << false;
    QTest::newRow("HK afternoon") << u"700.HK"_s << u"2026-11-24T15:30:00"_s << true;
    QTest::newRow("US pre-market") << u"AAPL.US"_s << u"2026-11-24T09:00:00"_s << false;
    QTest::newRow("US session") << u"AAPL.US"_s << u"2026-11-24T15:59:00"_s << true;
    QTest::newRow("crypto Saturday night") << u"BTCUSDT"_s << u"2026-11-28T23:00:00"_s << true;
    QTest::newRow("forex Tuesday") << u"EURUSD"_s << u"2026-11-24T03:00:00"_s << true;
    QTest::newRow("forex Saturday") << u"EURUSD"_s << u"2026-11-28T12:00:00"_s << false;
}

void TestMarketHours::sessions()
{
    QFETCH(QString, code);
    QFETCH(QString, localTime);
    QFETCH(bool, open);
    const Market market = Markets::guessFromCode(code);
    const QDateTime local = QDateTime::fromString(localTime, Qt::ISODate);
    QDateTime zoned(local.date(), local.time(), Markets::timeZone(market));
    QCOMPARE(MarketHours::isOpen(market, zoned.toMSecsSinceEpoch()), open);
}

QTEST_APPLESS_MAIN(TestMarketHours)
#include "tst_markethours.moc"
