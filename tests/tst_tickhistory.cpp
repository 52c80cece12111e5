#include "TickHistory.h"

#include "QuoteStore.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
Decimal dec(const char* text)
{
    return Decimal::parse(QByteArrayView(text));
}

TradeTick trade(const QString& code, qint64 timeMs, const char* price, const char* volume = "100",
                const char* turnover = nullptr, TradeSide side = TradeSide::Neutral)
{
    TradeTick t;
    t.code = code;
    t.timeMs = timeMs;
    t.price = dec(price);
    if (volume)
        t.volume = dec(volume);
    if (turnover)
        t.turnover = dec(turnover);
    t.side = side;
    return t;
}

QList<TradeTick> series(const QString& code, int n, qint64 startMs = 1700000000000)
{
    QList<TradeTick> out;
    out.reserve(n);
    for (int i = 0; i < n; ++i)
        out.append(trade(code, startMs + i, "10.00"));
    return out;
}
} // namespace

class TestTickHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleIsSmall();
    void feedsFromQuoteStore();
    void boundedPerSymbol();
    void boundedGloballyEvictsLeastRecentlyTraded();
    void pinnedSymbolIsNeverEvicted();
    void evictsDownToLowWater();
    void loweringCapacityTrims();
    void singleSymbolOverGlobalCapIsTrimmed();
    void ignoresTradesWithoutPrice();
    void averagePriceFromTurnover();
    void averagePriceWithoutTurnover();
    void averagePriceLotsDetected();
    void averageUnknownWithoutVolume();
    void priceDecimals();
    void decimateEmptyAndTiny();
    void decimateKeepsColumnExtremes_data();
    void decimateKeepsColumnExtremes();
    void decimateOutOfRangeAndUnordered();
    void volumeBucketsBySide();
};

void TestTickHistory::sampleIsSmall()
{
    QVERIFY(sizeof(TickSample) <= 32);
}

void TestTickHistory::feedsFromQuoteStore()
{
    QuoteStore store;
    TickHistory history(&store);
    history.pin(u"AAPL.US"_s); // only pinned symbols are reported
    history.pin(u"MSFT.US"_s); // pinned, but no trades
    QSignalSpy appended(&history, &TickHistory::ticksAppended);
    UpdateBuffer::Batch batch;
    batch.trades = {trade(u"AAPL.US"_s, 1000, "189.25"), trade(u"AAPL.US"_s, 2000, "189.30"),
                    trade(u"EURUSD"_s, 1500, "1.0850", nullptr)};
    store.applyBatch(batch);
    QCOMPARE(history.count(u"AAPL.US"_s), 2);
    QCOMPARE(history.count(u"EURUSD"_s), 1);
    QCOMPARE(history.totalCount(), 3);
    QCOMPARE(appended.count(), 1);
    QCOMPARE(appended.at(0).at(0).toStringList(), QStringList{u"AAPL.US"_s});
    QCOMPARE(history.ticks(u"AAPL.US"_s).back().price, 189.30);
    QCOMPARE(history.ticks(u"AAPL.US"_s).back().timeMs, 2000);
}

void TestTickHistory::boundedPerSymbol()
{
    TickHistory history(nullptr);
    history.setCapacity(1000, 100000);
    history.append(series(u"A"_s, 2500));
    QCOMPARE(history.count(u"A"_s), 1000);
    QCOMPARE(history.totalCount(), 1000);
    // The newest kept, oldest dropped, order kept.
    QCOMPARE(history.ticks(u"A"_s).front().timeMs, 1700000000000 + 1500);
    QCOMPARE(history.ticks(u"A"_s).back().timeMs, 1700000000000 + 2499);
    // The defaults are the documented caps.
    TickHistory defaults(nullptr);
    QCOMPARE(defaults.ticksPerSymbol(), 100000);
    QCOMPARE(defaults.totalCapacity(), qint64(1500000));
}

void TestTickHistory::boundedGloballyEvictsLeastRecentlyTraded()
{
    TickHistory history(nullptr);
    history.setCapacity(100, 250);
    QSignalSpy evicted(&history, &TickHistory::symbolsEvicted);
    history.append(series(u"A"_s, 100));
    history.append(series(u"B"_s, 100));
    history.append(series(u"A"_s, 10)); // A traded more recently than B now
    QCOMPARE(history.totalCount(), 200);
    history.append(series(u"C"_s, 100)); // 300 > 250: B, the least recently traded, goes
    QVERIFY(!history.contains(u"B"_s));
    QVERIFY(history.contains(u"A"_s));
    QVERIFY(history.contains(u"C"_s));
    QCOMPARE(history.totalCount(), 200);
    QVERIFY(history.totalCount() <= history.totalCapacity());
    QCOMPARE(evicted.count(), 1);
    QCOMPARE(evicted.at(0).at(0).toStringList(), QStringList{u"B"_s});
    QCOMPARE(history.codes(), (QStringList{u"A"_s, u"C"_s}));
}

void TestTickHistory::pinnedSymbolIsNeverEvicted()
{
    TickHistory history(nullptr);
    history.setCapacity(100, 250);
    history.pin(u"A"_s);
    history.append(series(u"A"_s, 100));
    history.append(series(u"B"_s, 100));
    history.append(series(u"C"_s, 100)); // A is the least recently traded but pinned: B goes
    QVERIFY(history.contains(u"A"_s));
    QVERIFY(!history.contains(u"B"_s));
    QVERIFY(history.totalCount() <= 250);
    history.unpin(u"A"_s);
    QVERIFY(!history.isPinned(u"A"_s));
    history.append(series(u"D"_s, 100)); // now A goes
    QVERIFY(!history.contains(u"A"_s));
    QVERIFY(history.contains(u"C"_s));
    QVERIFY(history.contains(u"D"_s));
}

void TestTickHistory::evictsDownToLowWater()
{
    // At the cap, eviction frees 1/32 of it at once rather than one symbol per batch.
    TickHistory history(nullptr);
    history.setCapacity(1000, 3300); // low water 3300 - 3300 / 32 = 3197
    QSignalSpy evicted(&history, &TickHistory::symbolsEvicted);
    QStringList order;
    for (int i = 0; i < 32; ++i) {
        order.append(u"S%1"_s.arg(i));
        history.append(series(order.last(), 100));
    }
    history.append(series(u"S0"_s, 1)); // S0 is now the most recent, S1 the least
    order.move(0, order.size() - 1);
    QCOMPARE(history.codes(), order);
    QCOMPARE(evicted.count(), 0);
    history.append(series(u"T"_s, 100)); // 3301 > 3300: S1 goes (3201, still above 3197), then S2 (3101)
    QCOMPARE(evicted.count(), 1);
    QCOMPARE(evicted.at(0).at(0).toStringList(), (QStringList{u"S1"_s, u"S2"_s}));
    QCOMPARE(history.totalCount(), 3101);
    QCOMPARE(history.codes().first(), u"S3"_s);
    QCOMPARE(history.codes().last(), u"T"_s);
}

void TestTickHistory::loweringCapacityTrims()
{
    TickHistory history(nullptr);
    history.append(series(u"A"_s, 300));
    history.append(series(u"B"_s, 300));
    history.setCapacity(200, 300);
    QCOMPARE(history.count(u"B"_s), 200);
    QVERIFY(!history.contains(u"A"_s)); // 400 > 300 after the per-symbol trim: A evicted
    QCOMPARE(history.totalCount(), 200);
}

void TestTickHistory::singleSymbolOverGlobalCapIsTrimmed()
{
    TickHistory history(nullptr);
    history.setCapacity(1000, 300);
    history.append(series(u"A"_s, 500));
    QCOMPARE(history.totalCount(), 300);
    QCOMPARE(history.count(u"A"_s), 300);
    QCOMPARE(history.ticks(u"A"_s).back().timeMs, 1700000000000 + 499);
}

void TestTickHistory::ignoresTradesWithoutPrice()
{
    TickHistory history(nullptr);
    TradeTick noPrice = trade(u"A"_s, 1, "1");
    noPrice.price = Decimal();
    history.append({noPrice});
    QVERIFY(!history.contains(u"A"_s));
    QCOMPARE(history.totalCount(), 0);
}

void TestTickHistory::averagePriceFromTurnover()
{
    TickHistory history(nullptr);
    history.append({trade(u"X"_s, 1, "10.00", "100", "1000.00"), trade(u"X"_s, 2, "11.00", "300", "3300.00"),
                    trade(u"X"_s, 3, "12.00", "100", "1200.00")});
    const auto& t = history.ticks(u"X"_s);
    QCOMPARE(t.at(0).average, 10.0);
    QCOMPARE(t.at(1).average, 4300.0 / 400.0);
    QCOMPARE(t.at(2).average, 5500.0 / 500.0);
    QCOMPARE(history.averagePrice(u"X"_s), 11.0);
    // The day average keeps counting trades the per-symbol cap has dropped.
    TickHistory small(nullptr);
    small.setCapacity(1, 10);
    small.append({trade(u"X"_s, 1, "10.00", "100", "1000.00"), trade(u"X"_s, 2, "20.00", "100", "2000.00")});
    QCOMPARE(small.count(u"X"_s), 1);
    QCOMPARE(small.averagePrice(u"X"_s), 15.0);
}

void TestTickHistory::averagePriceWithoutTurnover()
{
    // Volume but no turnover (some crypto and metals feeds): price * volume.
    TickHistory history(nullptr);
    history.append({trade(u"BTCUSDT"_s, 1, "100", "1"), trade(u"BTCUSDT"_s, 2, "200", "3")});
    QCOMPARE(history.averagePrice(u"BTCUSDT"_s), 700.0 / 4.0);
}

void TestTickHistory::averagePriceLotsDetected()
{
    // QMT counts A-share volume in lots of 100 shares and turnover in yuan: the average stays on the price scale.
    TickHistory history(nullptr);
    history.append(
        {trade(u"600519.SH"_s, 1, "1800.00", "2", "360000.00"), trade(u"600519.SH"_s, 2, "1810.00", "2", "362000.00")});
    QCOMPARE(history.averagePrice(u"600519.SH"_s), 1805.0);
    QCOMPARE(history.ticks(u"600519.SH"_s).front().average, 1800.0);
}

void TestTickHistory::averageUnknownWithoutVolume()
{
    // Forex: price only. No average line.
    TickHistory history(nullptr);
    history.append({trade(u"EURUSD"_s, 1, "1.0850", nullptr), trade(u"EURUSD"_s, 2, "1.0851", "0")});
    QVERIFY(std::isnan(history.averagePrice(u"EURUSD"_s)));
    QVERIFY(std::isnan(history.ticks(u"EURUSD"_s).back().average));
    QCOMPARE(history.ticks(u"EURUSD"_s).back().volume, 0.0f);
    QVERIFY(std::isnan(history.averagePrice(u"UNKNOWN"_s)));
}

void TestTickHistory::priceDecimals()
{
    TickHistory history(nullptr);
    history.append({trade(u"EURUSD"_s, 1, "1.085", nullptr), trade(u"EURUSD"_s, 2, "1.08505", nullptr)});
    QCOMPARE(history.priceDecimals(u"EURUSD"_s), 5);
    QCOMPARE(history.priceDecimals(u"NONE"_s), 2);
}

void TestTickHistory::decimateEmptyAndTiny()
{
    QVERIFY(TickHistory::decimate(QList<QPointF>(), 0, 10, 5).isEmpty());
    const QList<QPointF> one{{1, 5}};
    QCOMPARE(TickHistory::decimate(one, 0, 10, 5), one);
    const QList<QPointF> two{{1, 5}, {2, 6}};
    QCOMPARE(TickHistory::decimate(two, 0, 10, 5), two);
    // Fewer points than columns: all of them come through unchanged.
    const QList<QPointF> few{{0, 1}, {1, 3}, {2, 2}, {3, 5}, {4, 4}};
    QCOMPARE(TickHistory::decimate(few, 0, 4, 100), few);
    // A zero-width range puts everything in one column.
    QCOMPARE(TickHistory::decimate(few, 2, 2, 100).size(), 4);
}

void TestTickHistory::decimateKeepsColumnExtremes_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("columns");
    QTest::newRow("100k into 1200") << 100000 << 1200;
    QTest::newRow("5k into 700") << 5000 << 700;
    QTest::newRow("1k into 1") << 1000 << 1;
    QTest::newRow("999 into 333") << 999 << 333;
}

void TestTickHistory::decimateKeepsColumnExtremes()
{
    QFETCH(int, n);
    QFETCH(int, columns);
    // A deterministic random walk with uneven spacing.
    QList<QPointF> points;
    quint64 rng = 42;
    double x = 0, y = 100;
    for (int i = 0; i < n; ++i) {
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        x += 1 + double((rng >> 33) % 5);
        y += double(qint64((rng >> 40) % 21) - 10) / 100.0;
        points.append({x, y});
    }
    const double xMin = points.first().x();
    const double xMax = points.last().x();
    const QList<QPointF> out = TickHistory::decimate(points, xMin, xMax, columns);
    QVERIFY(out.size() <= 2 * columns + 2);
    QCOMPARE(out.first(), points.first());
    QCOMPARE(out.last(), points.last());
    for (int i = 1; i < out.size(); ++i)
        QVERIFY2(out.at(i).x() > out.at(i - 1).x(), "time order kept");
    // Each output point is an input point; each column's lowest and highest inner point is in the output.
    QSet<double> inputX;
    for (const QPointF& p : points)
        inputX.insert(p.x());
    for (const QPointF& p : out)
        QVERIFY(inputX.contains(p.x()));
    QList<double> lo(columns, 1e300), hi(columns, -1e300);
    const auto columnOf = [&](double px) {
        const int c = int(std::floor((px - xMin) * (double(columns) / (xMax - xMin))));
        return std::clamp(c, 0, columns - 1);
    };
    for (int i = 1; i + 1 < points.size(); ++i) {
        const int c = columnOf(points.at(i).x());
        lo[c] = std::min(lo[c], points.at(i).y());
        hi[c] = std::max(hi[c], points.at(i).y());
    }
    QList<double> outLo(columns, 1e300), outHi(columns, -1e300);
    for (int i = 1; i + 1 < out.size(); ++i) {
        const int c = columnOf(out.at(i).x());
        outLo[c] = std::min(outLo[c], out.at(i).y());
        outHi[c] = std::max(outHi[c], out.at(i).y());
    }
    for (int c = 0; c < columns; ++c) {
        QCOMPARE(outLo[c], lo[c]);
        QCOMPARE(outHi[c], hi[c]);
    }
    // The overall extremes survive, so the y range of the chart is the data's.
    const auto [minIt, maxIt] = std::minmax_element(points.cbegin(), points.cend(),
                                                    [](const QPointF& a, const QPointF& b) { return a.y() < b.y(); });
    double outMin = 1e300, outMax = -1e300;
    for (const QPointF& p : out) {
        outMin = std::min(outMin, p.y());
        outMax = std::max(outMax, p.y());
    }
    QCOMPARE(outMin, minIt->y());
    QCOMPARE(outMax, maxIt->y());
}

void TestTickHistory::decimateOutOfRangeAndUnordered()
{
    // Points outside [xMin, xMax] count in the edge columns; a late point joins its predecessor's column.
    QList<QPointF> points;
    for (int i = 0; i < 50; ++i)
        points.append({double(i), double(i % 7)});
    points.insert(25, QPointF(3, 100)); // out of order, the highest
    const QList<QPointF> out = TickHistory::decimate(points, 10, 20, 4);
    QVERIFY(out.size() <= 2 * 4 + 2);
    QVERIFY(out.contains(QPointF(3, 100)));
    QCOMPARE(out.first(), points.first());
    QCOMPARE(out.last(), points.last());
}

void TestTickHistory::volumeBucketsBySide()
{
    TickHistory history(nullptr);
    history.append({trade(u"X"_s, 0, "1", "100", nullptr, TradeSide::Buy),
                    trade(u"X"_s, 5, "1", "50", nullptr, TradeSide::Sell),
                    trade(u"X"_s, 12, "1", "30", nullptr, TradeSide::Neutral),
                    trade(u"X"_s, 19, "1", "20", nullptr, TradeSide::Buy),
                    trade(u"X"_s, 25, "1", "7", nullptr, TradeSide::Sell)}); // beyond the range: last bucket
    const QList<TickHistory::VolumeBucket> b = TickHistory::volumeBuckets(history.ticks(u"X"_s), 0, 20, 2);
    QCOMPARE(b.size(), 2);
    QCOMPARE(b.at(0).buy, 100.0);
    QCOMPARE(b.at(0).sell, 50.0);
    QCOMPARE(b.at(0).neutral, 0.0);
    QCOMPARE(b.at(1).buy, 20.0);
    QCOMPARE(b.at(1).sell, 7.0);
    QCOMPARE(b.at(1).neutral, 30.0);
    QCOMPARE(b.at(1).total(), 57.0);
}

QTEST_GUILESS_MAIN(TestTickHistory)
#include "tst_tickhistory.moc"
