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

private:
    void setLast(const QString& code, const char* price);
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

QTEST_GUILESS_MAIN(TestWatchlistSortProxy)
#include "tst_watchlistsortproxy.moc"
