#include "QuoteStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
Decimal dec(const char* text)
{
    return Decimal::parse(QByteArrayView(text));
}
TradeTick trade(const QString& code, const char* price, const char* volume, qint64 timeMs)
{
    TradeTick t;
    t.code = code;
    t.price = dec(price);
    t.volume = dec(volume);
    t.timeMs = timeMs;
    return t;
}
quint32 fieldsOf(const QSignalSpy& spy, int call, const QString& code)
{
    const auto changes = spy.at(call).at(0).value<QList<QuoteChange>>();
    for (const QuoteChange& c : changes) {
        if (c.code == code)
            return c.fields;
    }
    return 0;
}
} // namespace

class TestQuoteStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<QList<QuoteChange>>(); }
    void tradesAccumulateDayValues();
    void changeNeedsPreviousClose();
    void reportsOnlyRealChanges();
    void emptiedBookSideClearsBidAsk();
    void referenceKeepsSessionExtremes();
    void drainCoalescesABurst();
    void replacedBookStaysInBatch();
    void drainFreesBooksOnProducerSide();
};

void TestQuoteStore::tradesAccumulateDayValues()
{
    QuoteStore store;
    UpdateBuffer buffer;
    buffer.addTrade(trade(u"AAPL.US"_s, "189.25", "100", 1000));
    store.applyBatch(buffer.take());
    buffer.addTrade(trade(u"AAPL.US"_s, "190.10", "50", 2000));
    buffer.addTrade(trade(u"AAPL.US"_s, "188.90", "25", 3000));
    store.applyBatch(buffer.take());
    const QuoteState* q = store.quote(u"AAPL.US"_s);
    QVERIFY(q);
    QCOMPARE(q->last.toString(), u"188.9"_s);
    QCOMPARE(q->open.toString(), u"189.25"_s);
    QCOMPARE(q->high.toString(), u"190.1"_s);
    QCOMPARE(q->low.toString(), u"188.9"_s);
    QCOMPARE(q->volume.toString(), u"175"_s);
    // 189.25*100 + 190.10*50 + 188.90*25 = 18925 + 9505 + 4722.5
    QCOMPARE(q->turnover.toString(), u"33152.5"_s);
    QCOMPARE(q->timeMs, qint64(3000));
}

void TestQuoteStore::changeNeedsPreviousClose()
{
    QuoteStore store;
    UpdateBuffer buffer;
    buffer.addTrade(trade(u"700.HK"_s, "381.4", "100", 1));
    store.applyBatch(buffer.take());
    QVERIFY(store.quote(u"700.HK"_s)->change().isNull());
    QVERIFY(!store.quote(u"700.HK"_s)->changePercent().has_value());

    ReferenceData ref;
    ref.code = u"700.HK"_s;
    ref.prevClose = dec("380.0");
    buffer.addReference(ref);
    store.applyBatch(buffer.take());
    QCOMPARE(store.quote(u"700.HK"_s)->change().toString(), u"1.4"_s);
    QCOMPARE(*store.quote(u"700.HK"_s)->changePercent(), 100.0 * 1.4 / 380.0);

    ref.prevClose = Decimal::fromInt(0); // a zero previous close gives no percentage, not infinity
    buffer.addReference(ref);
    store.applyBatch(buffer.take());
    QVERIFY(!store.quote(u"700.HK"_s)->changePercent().has_value());
}

void TestQuoteStore::reportsOnlyRealChanges()
{
    QuoteStore store;
    UpdateBuffer buffer;
    QSignalSpy spy(&store, &QuoteStore::quotesChanged);
    buffer.addTrade(trade(u"EURUSD"_s, "1.08501", "0", 1));
    store.applyBatch(buffer.take());
    QCOMPARE(spy.count(), 1);
    const quint32 first = fieldsOf(spy, 0, u"EURUSD"_s);
    QVERIFY(first & QuoteField::Last);
    QVERIFY(!(first & QuoteField::Volume)); // a zero-volume forex trade adds no volume
    QVERIFY(!(first & QuoteField::Bid));

    // Same price, same time: nothing to repaint.
    buffer.addTrade(trade(u"EURUSD"_s, "1.08501", "0", 1));
    store.applyBatch(buffer.take());
    QCOMPARE(spy.count(), 1);

    buffer.addTrade(trade(u"EURUSD"_s, "1.08502", "0", 2));
    store.applyBatch(buffer.take());
    QCOMPARE(spy.count(), 2);
    const auto changes = spy.at(1).at(0).value<QList<QuoteChange>>();
    QCOMPARE(changes.first().direction, 1);
    QCOMPARE(changes.first().fields, quint32(QuoteField::Last | QuoteField::High | QuoteField::Time));
}

void TestQuoteStore::emptiedBookSideClearsBidAsk()
{
    QuoteStore store;
    UpdateBuffer buffer;
    BookSnapshot book;
    book.code = u"600519.SH"_s;
    book.bids = {{dec("1450"), dec("100")}};
    book.asks = {{dec("1450.01"), dec("300")}};
    buffer.addBook(book);
    store.applyBatch(buffer.take());
    QCOMPARE(store.quote(u"600519.SH"_s)->ask().toString(), u"1450.01"_s);

    QSignalSpy spy(&store, &QuoteStore::quotesChanged);
    book.asks.clear();
    buffer.addBook(book);
    store.applyBatch(buffer.take());
    QVERIFY(store.quote(u"600519.SH"_s)->ask().isNull());
    QVERIFY(store.quote(u"600519.SH"_s)->askSize().isNull());
    QCOMPARE(store.quote(u"600519.SH"_s)->bid().toString(), u"1450"_s);
    const quint32 fields = fieldsOf(spy, 0, u"600519.SH"_s);
    QVERIFY(fields & QuoteField::Ask);
    QVERIFY(fields & QuoteField::AskSize);
    QVERIFY(!(fields & QuoteField::Bid));
}

void TestQuoteStore::referenceKeepsSessionExtremes()
{
    QuoteStore store;
    UpdateBuffer buffer;
    buffer.addTrade(trade(u"9988.HK"_s, "85.00", "100", 1));
    store.applyBatch(buffer.take());
    ReferenceData ref;
    ref.code = u"9988.HK"_s;
    ref.prevClose = dec("84");
    ref.open = dec("84.5");
    ref.high = dec("86");
    ref.low = dec("84.2");
    buffer.addReference(ref);
    store.applyBatch(buffer.take());
    const QuoteState* q = store.quote(u"9988.HK"_s);
    QCOMPARE(q->open.toString(), u"84.5"_s); // today's bar knows the real open
    QCOMPARE(q->high.toString(), u"86"_s);
    QCOMPARE(q->low.toString(), u"84.2"_s);
}

void TestQuoteStore::drainCoalescesABurst()
{
    QuoteStore store;
    UpdateBuffer buffer;
    store.attach(&buffer, 16);
    QSignalSpy spy(&store, &QuoteStore::quotesChanged);
    for (int i = 0; i < 500; ++i)
        buffer.addTrade(trade(i % 2 ? u"AAPL.US"_s : u"MSFT.US"_s, i % 3 ? "10.5" : "10.6", "1", i));
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<QList<QuoteChange>>().size(), 2);
    QCOMPARE(store.quote(u"AAPL.US"_s)->volume.toString(), u"250"_s);
    QCOMPARE(buffer.pendingSymbols(), 0);
}

void TestQuoteStore::replacedBookStaysInBatch()
{
    QuoteStore store;
    UpdateBuffer buffer;
    BookSnapshot book;
    book.code = u"600519.SH"_s;
    book.bids = {{dec("1450"), dec("100")}, {dec("1449.99"), dec("200")}};
    book.asks = {{dec("1450.01"), dec("300")}};
    buffer.addBook(book);
    store.applyBatch(buffer.take());
    const QList<BookLevel> first = store.quote(u"600519.SH"_s)->bids;
    QCOMPARE(first, book.bids);

    BookSnapshot next = book;
    next.bids = {{dec("1451"), dec("50")}};
    next.asks = {};
    buffer.addBook(next);
    UpdateBuffer::Batch batch = buffer.take();
    store.applyBatch(batch);
    const QuoteState* q = store.quote(u"600519.SH"_s);
    QCOMPARE(q->bids, next.bids);
    QVERIFY(q->asks.isEmpty());
    QCOMPARE(q->bid().toString(), u"1451"_s);
    QCOMPARE(q->bidSize().toString(), u"50"_s);
    QVERIFY(q->ask().isNull());
    // The batch now holds the book it replaced, to be freed with it.
    QCOMPARE(batch.deltas.value(u"600519.SH"_s).bids, book.bids);
    QCOMPARE(batch.deltas.value(u"600519.SH"_s).asks, book.asks);
}

void TestQuoteStore::drainFreesBooksOnProducerSide()
{
    QuoteStore store;
    UpdateBuffer buffer;
    store.attach(&buffer, 0);
    BookSnapshot book;
    book.code = u"AAPL.US"_s;
    book.bids = {{dec("189.2"), dec("100")}};
    book.asks = {{dec("189.3"), dec("100")}};
    QList<BookLevel> bids = book.bids; // shares the list the store will hold
    buffer.addBook(book);
    book = BookSnapshot();
    book.code = u"AAPL.US"_s;
    QTRY_VERIFY(store.quote(u"AAPL.US"_s) && store.quote(u"AAPL.US"_s)->bid().toString() == u"189.2"_s);
    QVERIFY(!bids.isDetached());

    book.bids = {{dec("189.25"), dec("100")}};
    buffer.addBook(book);
    QTRY_COMPARE(store.quote(u"AAPL.US"_s)->bid().toString(), u"189.25"_s);
    // Replaced, but held by the spent batch until a producer comes by.
    QVERIFY(!bids.isDetached());
    buffer.addTrade(trade(u"AAPL.US"_s, "189.3", "1", 1));
    QVERIFY(bids.isDetached());
}

QTEST_GUILESS_MAIN(TestQuoteStore)
#include "tst_quotestore.moc"
