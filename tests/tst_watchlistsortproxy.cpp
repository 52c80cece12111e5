#include "WatchlistModel.h"
#include "WatchlistSortProxy.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;

class TestWatchlistSortProxy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void sortsNumbersNotText();
    void missingValuesLastInBothDirections();
    void resortIsCoalescedAndCanBeHeld();
    void cachedKeysFollowQuoteChanges();
    void previousCloseArrivingLaterResortsChangePercent();
    void cachedKeysFollowRowsAddedRemovedAndMoved();

private:
    void setLast(const QString& code, const char* price);
    void setPrevClose(const QString& code, const char* price);
    QStringList order() const;

    QuoteStore* m_store = nullptr;
    WatchlistModel* m_model = nullptr;
    WatchlistSortProxy* m_proxy = nullptr;
    QAbstractItemModelTester* m_tester = nullptr;
    UpdateBuffer m_buffer;
};

void TestWatchlistSortProxy::init()
{
    m_store = new QuoteStore;
    m_model = new WatchlistModel(m_store);
    m_proxy = new WatchlistSortProxy;
    m_proxy->setSourceModel(m_model);
    m_tester = new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setSymbols({u"A.US"_s, u"B.US"_s, u"C.US"_s, u"D.US"_s});
}

void TestWatchlistSortProxy::cleanup()
{
    delete m_tester;
    delete m_proxy;
    delete m_model;
    delete m_store;
}

void TestWatchlistSortProxy::setLast(const QString& code, const char* price)
{
    TradeTick t;
    t.code = code;
    t.price = Decimal::parse(QByteArrayView(price));
    t.volume = Decimal::fromInt(1);
    t.timeMs = 1;
    m_buffer.addTrade(t);
    m_store->applyBatch(m_buffer.take());
}

void TestWatchlistSortProxy::setPrevClose(const QString& code, const char* price)
{
    ReferenceData ref;
    ref.code = code;
    ref.prevClose = Decimal::parse(QByteArrayView(price));
    m_buffer.addReference(ref);
    m_store->applyBatch(m_buffer.take());
}

QStringList TestWatchlistSortProxy::order() const
{
    QStringList codes;
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        codes.append(m_proxy->index(r, 0).data(WatchlistModel::CodeRole).toString());
    return codes;
}

void TestWatchlistSortProxy::sortsNumbersNotText()
{
    setLast(u"A.US"_s, "9.5");
    setLast(u"B.US"_s, "10.25");
    setLast(u"C.US"_s, "100");
    setLast(u"D.US"_s, "2");
    m_proxy->sort(WatchlistModel::Last, Qt::AscendingOrder);
    QCOMPARE(order(), (QStringList{u"D.US"_s, u"A.US"_s, u"B.US"_s, u"C.US"_s}));
    m_proxy->sort(WatchlistModel::Last, Qt::DescendingOrder);
    QCOMPARE(order(), (QStringList{u"C.US"_s, u"B.US"_s, u"A.US"_s, u"D.US"_s}));
}

void TestWatchlistSortProxy::missingValuesLastInBothDirections()
{
    setLast(u"B.US"_s, "5");
    setLast(u"D.US"_s, "1");
    m_proxy->sort(WatchlistModel::Last, Qt::AscendingOrder);
    QCOMPARE(order().mid(0, 2), (QStringList{u"D.US"_s, u"B.US"_s}));
    m_proxy->sort(WatchlistModel::Last, Qt::DescendingOrder);
    QCOMPARE(order().mid(0, 2), (QStringList{u"B.US"_s, u"D.US"_s}));
    // A and C have no price: they stay at the bottom either way.
    QVERIFY(!order().mid(0, 2).contains(u"A.US"_s));
}

void TestWatchlistSortProxy::resortIsCoalescedAndCanBeHeld()
{
    m_proxy->setResortInterval(20);
    setLast(u"A.US"_s, "1");
    setLast(u"B.US"_s, "2");
    setLast(u"C.US"_s, "3");
    setLast(u"D.US"_s, "4");
    m_proxy->sort(WatchlistModel::Last, Qt::DescendingOrder);
    QCOMPARE(order().first(), u"D.US"_s);

    m_proxy->setResortHeld(true); // the user is dragging the scroll bar
    setLast(u"A.US"_s, "10");
    QVERIFY(m_proxy->isResortPending());
    QCOMPARE(order().first(), u"D.US"_s); // no jump now
    m_proxy->setResortHeld(false);
    QTRY_COMPARE(order().first(), u"A.US"_s);
    QVERIFY(!m_proxy->isResortPending());
}

void TestWatchlistSortProxy::cachedKeysFollowQuoteChanges()
{
    // The proxy compares the model's cached keys: each re-sort must see the latest quotes, not the ones of the
    // previous sort.
    setLast(u"A.US"_s, "1");
    setLast(u"B.US"_s, "2");
    setLast(u"C.US"_s, "3");
    setLast(u"D.US"_s, "4");
    m_proxy->sort(WatchlistModel::Last, Qt::AscendingOrder);
    QCOMPARE(order(), (QStringList{u"A.US"_s, u"B.US"_s, u"C.US"_s, u"D.US"_s}));
    setLast(u"A.US"_s, "5");
    setLast(u"D.US"_s, "0.5");
    m_proxy->resortNow();
    QCOMPARE(order(), (QStringList{u"D.US"_s, u"B.US"_s, u"C.US"_s, u"A.US"_s}));
    // Same for the book columns, and against the raw values the model reports.
    m_proxy->sort(WatchlistModel::Volume, Qt::DescendingOrder);
    TradeTick big; // C trades 10 more: the most volume
    big.code = u"C.US"_s;
    big.price = Decimal::fromInt(3);
    big.volume = Decimal::fromInt(10);
    big.timeMs = 2;
    m_buffer.addTrade(big);
    m_store->applyBatch(m_buffer.take());
    m_proxy->resortNow();
    QCOMPARE(order().first(), u"C.US"_s);
    for (int r = 1; r < m_proxy->rowCount(); ++r) {
        const double above =
            m_proxy->index(r - 1, WatchlistModel::Volume).data(WatchlistModel::RawValueRole).toDouble();
        const double below = m_proxy->index(r, WatchlistModel::Volume).data(WatchlistModel::RawValueRole).toDouble();
        QVERIFY(above >= below);
    }
}

void TestWatchlistSortProxy::previousCloseArrivingLaterResortsChangePercent()
{
    setLast(u"A.US"_s, "110"); // +10% once its close is known
    setLast(u"B.US"_s, "95");  // -5%
    setLast(u"C.US"_s, "101"); // +1%
    setPrevClose(u"B.US"_s, "100");
    setPrevClose(u"C.US"_s, "100");
    m_proxy->sort(WatchlistModel::ChangePct, Qt::DescendingOrder);
    // A has no previous close yet (no change %), D nothing at all: both last.
    QCOMPARE(order().mid(0, 2), (QStringList{u"C.US"_s, u"B.US"_s}));
    QVERIFY(!m_proxy->index(2, WatchlistModel::ChangePct).data(WatchlistModel::RawValueRole).isValid());

    // The REST reference data arrives later: A's cached change % must be recomputed.
    setPrevClose(u"A.US"_s, "100");
    QVERIFY(m_proxy->isResortPending());
    m_proxy->resortNow();
    QCOMPARE(order().mid(0, 3), (QStringList{u"A.US"_s, u"C.US"_s, u"B.US"_s}));
    m_proxy->sort(WatchlistModel::ChangePct, Qt::AscendingOrder);
    QCOMPARE(order(), (QStringList{u"B.US"_s, u"C.US"_s, u"A.US"_s, u"D.US"_s}));
    // And the cells that show it changed with it.
    const int rowA = m_model->rowOf(u"A.US"_s);
    QCOMPARE(m_model->index(rowA, WatchlistModel::ChangePct).data(WatchlistModel::RawValueRole).toDouble(), 10.0);
    QCOMPARE(m_model->index(rowA, WatchlistModel::Last).data(WatchlistModel::DirectionRole).toInt(), 1);
}

void TestWatchlistSortProxy::cachedKeysFollowRowsAddedRemovedAndMoved()
{
    setLast(u"A.US"_s, "4");
    setLast(u"B.US"_s, "3");
    setLast(u"C.US"_s, "2");
    setLast(u"D.US"_s, "1");
    m_proxy->sort(WatchlistModel::Last, Qt::AscendingOrder);
    QCOMPARE(order(), (QStringList{u"D.US"_s, u"C.US"_s, u"B.US"_s, u"A.US"_s}));
    QVERIFY(m_model->moveSymbol(0, 3)); // A to the end of the manual order
    QVERIFY(m_model->removeSymbol(u"C.US"_s));
    QVERIFY(m_model->addSymbol(u"E.US"_s));
    setLast(u"E.US"_s, "2.5");
    m_proxy->resortNow();
    QCOMPARE(order(), (QStringList{u"D.US"_s, u"E.US"_s, u"B.US"_s, u"A.US"_s}));
    m_model->setSymbols({u"B.US"_s, u"A.US"_s, u"D.US"_s});
    m_proxy->sort(WatchlistModel::Last, Qt::DescendingOrder);
    QCOMPARE(order(), (QStringList{u"A.US"_s, u"B.US"_s, u"D.US"_s}));
}

QTEST_GUILESS_MAIN(TestWatchlistSortProxy)
#include "tst_watchlistsortproxy.moc"
