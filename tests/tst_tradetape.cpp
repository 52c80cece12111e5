// TradeTape: per-symbol caps, least-recently-traded eviction, and big batches (a whole-market snapshot) that trade
// more symbols than the tape keeps.
#include "TradeTape.h"

#include <QHash>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
TradeTick tick(const QString& code, qint64 timeMs)
{
    TradeTick t;
    t.code = code;
    t.price = Decimal::parse(u"10.5");
    t.volume = Decimal::fromInt(100);
    t.timeMs = timeMs;
    return t;
}
} // namespace

class TestTradeTape : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsTheLatestTradesPerSymbol();
    void evictsTheLeastRecentlyTraded();
    void bigBatchMatchesOneByOne();
    void loweringCapacityTrims();
};

void TestTradeTape::keepsTheLatestTradesPerSymbol()
{
    TradeTape tape(nullptr);
    tape.setCapacity(3, 10);
    for (int i = 1; i <= 5; ++i)
        tape.append({tick(u"AAPL.US"_s, i)});
    const QList<TradeTick> recent = tape.recent(u"AAPL.US"_s);
    QCOMPARE(recent.size(), 3);
    QCOMPARE(recent.first().timeMs, 3); // oldest first
    QCOMPARE(recent.last().timeMs, 5);
    QVERIFY(tape.recent(u"MSFT.US"_s).isEmpty());
}

void TestTradeTape::evictsTheLeastRecentlyTraded()
{
    TradeTape tape(nullptr);
    tape.setCapacity(5, 2);
    tape.append({tick(u"A.US"_s, 1), tick(u"B.US"_s, 2)});
    tape.append({tick(u"A.US"_s, 3)}); // A is now the most recent
    tape.append({tick(u"C.US"_s, 4)}); // evicts B
    QCOMPARE(tape.symbolCount(), 2);
    QVERIFY(tape.contains(u"A.US"_s));
    QVERIFY(!tape.contains(u"B.US"_s));
    QCOMPARE(tape.codes(), (QStringList{u"A.US"_s, u"C.US"_s}));
}

void TestTradeTape::bigBatchMatchesOneByOne()
{
    // 1,000 symbols, three trades each, interleaved; capacity 50 symbols x 2 trades.
    QList<TradeTick> batch;
    for (int round = 0; round < 3; ++round)
        for (int s = 0; s < 1000; ++s)
            batch.append(tick(u"S%1.US"_s.arg((s * 7 + round * 13) % 1000), round * 1000 + s));
    TradeTape bulk(nullptr);
    bulk.setCapacity(2, 50);
    bulk.append(batch);
    // Expected: the 50 symbols whose last trade comes last, least recent first, each with its last two trades.
    QStringList expectedCodes;
    QHash<QString, QList<qint64>> expectedTimes;
    for (auto it = batch.crbegin(); it != batch.crend(); ++it) {
        if (!expectedCodes.contains(it->code)) {
            if (expectedCodes.size() == 50)
                continue;
            expectedCodes.prepend(it->code);
        }
        QList<qint64>& times = expectedTimes[it->code];
        if (times.size() < 2)
            times.prepend(it->timeMs);
    }
    QCOMPARE(bulk.symbolCount(), 50);
    QCOMPARE(bulk.codes(), expectedCodes);
    for (const QString& code : std::as_const(expectedCodes)) {
        QList<qint64> times;
        for (const TradeTick& t : bulk.recent(code))
            times.append(t.timeMs);
        QCOMPARE(times, expectedTimes.value(code));
    }
}

void TestTradeTape::loweringCapacityTrims()
{
    TradeTape tape(nullptr);
    tape.setCapacity(10, 10);
    for (int i = 0; i < 10; ++i)
        tape.append({tick(u"X%1.US"_s.arg(i), i), tick(u"X%1.US"_s.arg(i), i + 100)});
    tape.setCapacity(1, 3);
    QCOMPARE(tape.symbolCount(), 3);
    QCOMPARE(tape.recent(u"X9.US"_s).size(), 1);
    QCOMPARE(tape.recent(u"X9.US"_s).first().timeMs, 109);
}

QTEST_GUILESS_MAIN(TestTradeTape)
#include "tst_tradetape.moc"
