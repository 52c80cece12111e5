#include "UpdateBuffer.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;

namespace {
TradeTick trade(const QString& code, const char* price, const char* volume, qint64 timeMs,
                TradeSide side = TradeSide::Buy, const char* turnover = nullptr)
{
    TradeTick t;
    t.code = code;
    t.timeMs = timeMs;
    t.price = Decimal::parse(QByteArrayView(price));
    t.volume = Decimal::parse(QByteArrayView(volume));
    if (turnover)
        t.turnover = Decimal::parse(QByteArrayView(turnover));
    t.side = side;
    return t;
}
Decimal dec(const char* text)
{
    return Decimal::parse(QByteArrayView(text));
}
} // namespace

class TestUpdateBuffer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mergesTradesOfOneSymbol();
    void turnoverFallsBackToPriceTimesVolume();
    void bookReplacesOlderBook();
    void signalsOnlyWhenBecomingNonEmpty();
    void tradeCapDropsOldest();
    void tradeBacklogStaysBounded();
    void concurrentProducerLosesNothing();
    void batchMergesLikeSingleAdds();
    void batchSignalsOnceAndStampsNewSymbols();
    void batchTradeCapDropsOldest();
    void recycledBatchesFreedByProducer();
};

void TestUpdateBuffer::mergesTradesOfOneSymbol()
{
    UpdateBuffer buffer;
    buffer.addTrade(trade(u"700.HK"_s, "380.2", "100", 1000, TradeSide::Buy, "38020"));
    buffer.addTrade(trade(u"700.HK"_s, "381.0", "200", 2000, TradeSide::Buy, "76200"));
    buffer.addTrade(trade(u"700.HK"_s, "379.8", "300", 1500, TradeSide::Sell, "113940"));
    QCOMPARE(buffer.pendingSymbols(), 1);
    const UpdateBuffer::Batch batch = buffer.take();
    QCOMPARE(batch.deltas.size(), 1);
    const UpdateBuffer::Delta d = batch.deltas.value(u"700.HK"_s);
    QCOMPARE(d.tradeCount, 3);
    QCOMPARE(d.last, dec("379.8"));
    QCOMPARE(d.firstPrice, dec("380.2"));
    QCOMPARE(d.high, dec("381"));
    QCOMPARE(d.low, dec("379.8"));
    QCOMPARE(d.volumeAdd, dec("600"));
    QCOMPARE(d.turnoverAdd, dec("228160"));
    QCOMPARE(d.side, TradeSide::Sell);
    QCOMPARE(d.timeMs, qint64(2000)); // newest exchange time, not the last one received
    QCOMPARE(batch.trades.size(), 3);
    QCOMPARE(buffer.pendingSymbols(), 0);
}

void TestUpdateBuffer::turnoverFallsBackToPriceTimesVolume()
{
    UpdateBuffer buffer;
    buffer.addTrade(trade(u"BTCUSDT"_s, "67000.5", "0.002", 1));
    buffer.addTrade(trade(u"EURUSD"_s, "1.08501", "0", 1)); // forex: no volume, no turnover
    const UpdateBuffer::Batch batch = buffer.take();
    QCOMPARE(batch.deltas.value(u"BTCUSDT"_s).turnoverAdd, dec("134.001"));
    QVERIFY(batch.deltas.value(u"EURUSD"_s).turnoverAdd.isNull());
}

void TestUpdateBuffer::bookReplacesOlderBook()
{
    UpdateBuffer buffer;
    BookSnapshot first;
    first.code = u"600519.SH"_s;
    first.bids = {{dec("1450.00"), dec("100")}, {dec("1449.99"), dec("200")}};
    first.asks = {{dec("1450.01"), dec("300")}};
    buffer.addBook(first);
    BookSnapshot second = first;
    second.asks.clear(); // limit up: the ask side is empty
    buffer.addBook(second);
    const UpdateBuffer::Delta d = buffer.take().deltas.value(u"600519.SH"_s);
    QVERIFY(d.fields & UpdateBuffer::BookField);
    QCOMPARE(d.bids.size(), 2);
    QVERIFY(d.asks.isEmpty());
}

void TestUpdateBuffer::signalsOnlyWhenBecomingNonEmpty()
{
    UpdateBuffer buffer;
    QSignalSpy spy(&buffer, &UpdateBuffer::updatesAvailable);
    buffer.addTrade(trade(u"AAPL.US"_s, "189.25", "10", 1));
    buffer.addTrade(trade(u"MSFT.US"_s, "420.5", "10", 1));
    buffer.addTrade(trade(u"AAPL.US"_s, "189.26", "10", 2));
    QCOMPARE(spy.count(), 1);
    buffer.take();
    buffer.addTrade(trade(u"AAPL.US"_s, "189.27", "10", 3));
    QCOMPARE(spy.count(), 2);
}

void TestUpdateBuffer::tradeCapDropsOldest()
{
    UpdateBuffer buffer;
    buffer.setTradeCap(100);
    for (int i = 0; i < 250; ++i)
        buffer.addTrade(trade(u"AAPL.US"_s, "189.25", "1", i));
    const UpdateBuffer::Batch batch = buffer.take();
    QCOMPARE(batch.trades.size(), 100);
    QCOMPARE(batch.tradesDropped, quint64(150));
    QCOMPARE(batch.trades.first().timeMs, qint64(150));
    QCOMPARE(batch.trades.last().timeMs, qint64(249));
    // Merged deltas are never capped: the volume still counts every trade.
    QCOMPARE(batch.deltas.value(u"AAPL.US"_s).volumeAdd, dec("250"));
}

void TestUpdateBuffer::tradeBacklogStaysBounded()
{
    // A consumer that never takes: the held trades stay within twice the cap, and take() still hands out exactly
    // the newest `cap` of them with every older one counted as dropped.
    UpdateBuffer buffer;
    buffer.setTradeCap(2000);
    int most = 0;
    for (int i = 0; i < 50000; ++i) {
        if (i % 100 == 0) {
            QList<TradeTick> burst;
            for (int j = 0; j < 100; ++j)
                burst.append(trade(u"AAPL.US"_s, "189.25", "1", i + j));
            buffer.addBatch(burst, {}, UpdateBuffer::monotonicNowNs());
            most = qMax(most, buffer.pendingTradeCount());
        }
    }
    QVERIFY2(most <= 4000, qPrintable(QString::number(most)));
    const UpdateBuffer::Batch batch = buffer.take();
    QCOMPARE(batch.trades.size(), 2000);
    QCOMPARE(batch.tradesDropped, quint64(48000));
    QCOMPARE(batch.trades.first().timeMs, qint64(48000));
    QCOMPARE(batch.trades.last().timeMs, qint64(49999));
}

void TestUpdateBuffer::concurrentProducerLosesNothing()
{
    UpdateBuffer buffer;
    constexpr int Trades = 20000;
    QThread* producer = QThread::create([&buffer] {
        for (int i = 0; i < Trades; ++i)
            buffer.addTrade(trade(i % 2 ? u"AAPL.US"_s : u"700.HK"_s, "10", "1", i));
    });
    producer->start();
    Decimal total = Decimal::fromInt(0);
    int drains = 0;
    while (!producer->isFinished() || buffer.pendingSymbols() > 0) {
        const UpdateBuffer::Batch batch = buffer.take();
        for (const UpdateBuffer::Delta& d : batch.deltas)
            total = total + d.volumeAdd;
        ++drains;
    }
    producer->wait();
    delete producer;
    const UpdateBuffer::Batch rest = buffer.take();
    for (const UpdateBuffer::Delta& d : rest.deltas)
        total = total + d.volumeAdd;
    QCOMPARE(total, Decimal::fromInt(Trades));
    QVERIFY(drains >= 1);
}

void TestUpdateBuffer::batchMergesLikeSingleAdds()
{
    const QList<TradeTick> trades = {
        trade(u"700.HK"_s, "380.2", "100", 1000, TradeSide::Buy, "38020"),
        trade(u"EURUSD"_s, "1.08501", "0", 1100, TradeSide::Sell),
        trade(u"700.HK"_s, "381.0", "200", 2000, TradeSide::Buy, "76200"),
        trade(u"BTCUSDT"_s, "67000.5", "0.002", 1200),
        trade(u"700.HK"_s, "379.8", "300", 1500, TradeSide::Sell, "113940"),
    };
    BookSnapshot first;
    first.code = u"700.HK"_s;
    first.timeMs = 2500;
    first.bids = {{dec("379.8"), dec("100")}};
    first.asks = {{dec("380.0"), dec("300")}};
    BookSnapshot second = first;
    second.asks.clear();
    BookSnapshot other;
    other.code = u"AAPL.US"_s;
    other.bids = {{dec("189.25"), dec("10")}};
    const QList<BookSnapshot> books = {first, other, second};

    UpdateBuffer single;
    for (const TradeTick& t : trades)
        single.addTrade(t);
    for (const BookSnapshot& b : books)
        single.addBook(b);
    UpdateBuffer batched;
    batched.addBatch(trades, books, UpdateBuffer::monotonicNowNs());

    const UpdateBuffer::Batch a = single.take();
    const UpdateBuffer::Batch b = batched.take();
    QCOMPARE(b.deltas.keys().size(), 4);
    QCOMPARE(QSet<QString>(b.deltas.keyBegin(), b.deltas.keyEnd()),
             QSet<QString>(a.deltas.keyBegin(), a.deltas.keyEnd()));
    for (auto it = a.deltas.cbegin(); it != a.deltas.cend(); ++it) {
        const UpdateBuffer::Delta& x = it.value();
        const UpdateBuffer::Delta y = b.deltas.value(it.key());
        QCOMPARE(y.fields, x.fields);
        QCOMPARE(y.last, x.last);
        QCOMPARE(y.firstPrice, x.firstPrice);
        QCOMPARE(y.high, x.high);
        QCOMPARE(y.low, x.low);
        QCOMPARE(y.volumeAdd, x.volumeAdd);
        QCOMPARE(y.turnoverAdd, x.turnoverAdd);
        QCOMPARE(y.side, x.side);
        QCOMPARE(y.tradeCount, x.tradeCount);
        QCOMPARE(y.timeMs, x.timeMs);
        QCOMPARE(y.bids, x.bids);
        QCOMPARE(y.asks, x.asks);
    }
    QCOMPARE(b.deltas.value(u"700.HK"_s).timeMs, qint64(2500));
    QVERIFY(b.deltas.value(u"700.HK"_s).asks.isEmpty()); // the newest book wins
    QCOMPARE(b.trades.size(), trades.size());
    for (qsizetype i = 0; i < trades.size(); ++i) {
        QCOMPARE(b.trades.at(i).code, trades.at(i).code);
        QCOMPARE(b.trades.at(i).price, trades.at(i).price);
    }
}

void TestUpdateBuffer::batchSignalsOnceAndStampsNewSymbols()
{
    UpdateBuffer buffer;
    QSignalSpy spy(&buffer, &UpdateBuffer::updatesAvailable);
    buffer.addBatch({}, {}, 1);
    QCOMPARE(spy.count(), 0); // nothing merged, nothing to announce

    buffer.addTrade(trade(u"AAPL.US"_s, "189.25", "10", 1));
    const qint64 aaplStamp = buffer.take().deltas.value(u"AAPL.US"_s).receivedNs;
    QCOMPARE(spy.count(), 1);

    buffer.addTrade(trade(u"AAPL.US"_s, "189.26", "10", 2));
    BookSnapshot book;
    book.code = u"MSFT.US"_s;
    book.bids = {{dec("420.5"), dec("1")}};
    buffer.addBatch({trade(u"AAPL.US"_s, "189.27", "10", 3), trade(u"700.HK"_s, "380", "100", 3)}, {book}, 42);
    QCOMPARE(spy.count(), 2); // the buffer was not empty before the batch
    const UpdateBuffer::Batch batch = buffer.take();
    QVERIFY(batch.deltas.value(u"AAPL.US"_s).receivedNs >= aaplStamp); // kept from the first add, not restamped
    QVERIFY(batch.deltas.value(u"AAPL.US"_s).receivedNs != 42);
    QCOMPARE(batch.deltas.value(u"AAPL.US"_s).tradeCount, 2);
    QCOMPARE(batch.deltas.value(u"700.HK"_s).receivedNs, qint64(42));
    QCOMPARE(batch.deltas.value(u"MSFT.US"_s).receivedNs, qint64(42));

    buffer.addBatch({trade(u"AAPL.US"_s, "189.28", "10", 4)}, {}, 43);
    QCOMPARE(spy.count(), 3);
}

void TestUpdateBuffer::batchTradeCapDropsOldest()
{
    UpdateBuffer buffer;
    buffer.setTradeCap(100);
    buffer.addTrade(trade(u"AAPL.US"_s, "189.25", "1", 0));
    QList<TradeTick> trades;
    for (int i = 1; i < 250; ++i)
        trades.append(trade(u"AAPL.US"_s, "189.25", "1", i));
    buffer.addBatch(trades, {}, UpdateBuffer::monotonicNowNs());
    const UpdateBuffer::Batch batch = buffer.take();
    QCOMPARE(batch.trades.size(), 100);
    QCOMPARE(batch.tradesDropped, quint64(150));
    QCOMPARE(batch.trades.first().timeMs, qint64(150));
    QCOMPARE(batch.trades.last().timeMs, qint64(249));
    QCOMPARE(batch.deltas.value(u"AAPL.US"_s).volumeAdd, dec("250"));
}

void TestUpdateBuffer::recycledBatchesFreedByProducer()
{
    UpdateBuffer buffer;
    const QList<BookLevel> levels = {{dec("10"), dec("1")}};
    const auto spentHolding = [&levels] {
        UpdateBuffer::Batch batch;
        batch.deltas[u"X"_s].bids = levels;
        return batch;
    };
    // Each producer call frees what was handed back, whichever call it is.
    buffer.recycle(spentHolding());
    QVERIFY(!levels.isDetached());
    buffer.addTrade(trade(u"A"_s, "1", "1", 1));
    QVERIFY(levels.isDetached());
    buffer.recycle(spentHolding());
    buffer.addBook(BookSnapshot{u"A"_s, 0, 0, {}, {}});
    QVERIFY(levels.isDetached());
    buffer.recycle(spentHolding());
    buffer.addBatch({trade(u"A"_s, "1", "1", 2)}, {}, 1);
    QVERIFY(levels.isDetached());
    buffer.recycle(spentHolding());
    buffer.addReference(ReferenceData{u"A"_s, dec("1"), {}, {}, {}, 0});
    QVERIFY(levels.isDetached());
    QVERIFY(!buffer.take().isEmpty());
    // With no producer about, only a few are held: the oldest ones are freed by recycle() itself.
    QList<BookLevel> first = levels;
    first.detach();
    UpdateBuffer::Batch firstBatch;
    firstBatch.deltas[u"X"_s].bids = first;
    buffer.recycle(std::move(firstBatch));
    for (int i = 0; i < 10; ++i)
        buffer.recycle(spentHolding());
    QVERIFY(first.isDetached());
    QVERIFY(!levels.isDetached());
    // take() leaves them alone: they are no data.
    QVERIFY(buffer.take().isEmpty());
    buffer.addTrade(trade(u"A"_s, "1", "1", 3));
    QVERIFY(levels.isDetached());
}

QTEST_GUILESS_MAIN(TestUpdateBuffer)
#include "tst_updatebuffer.moc"
