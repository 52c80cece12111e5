#include "SymbolCatalog.h"
#include "WatchlistModel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
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
} // namespace

class TestWatchlistModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void rowsFollowSymbols();
    void dataChangedOnlyForChangedCells();
    void adjacentRowsShareOneSignal();
    void columnsChangedInAllRowsShareOneSignal();
    void sizeTooltipsNameTheUnit();
    void availabilityShowsInLastCell();
    void exactPricesAndMissingValues();
    void rawValuesAreNumbers();
    void directionRoles();
    void cachedTextFollowsChanges();
    void cellPaintMatchesTheRoles();

private:
    QuoteStore* m_store = nullptr;
    WatchlistModel* m_model = nullptr;
    QAbstractItemModelTester* m_tester = nullptr;
    UpdateBuffer m_buffer;
};

void TestWatchlistModel::init()
{
    m_store = new QuoteStore;
    m_model = new WatchlistModel(m_store);
    m_model->setDisplayLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setSymbols({u"AAPL.US"_s, u"700.HK"_s, u"EURUSD"_s, u"AAPL.US"_s});
}

void TestWatchlistModel::cleanup()
{
    delete m_tester;
    delete m_model;
    delete m_store;
}

void TestWatchlistModel::rowsFollowSymbols()
{
    QCOMPARE(m_model->rowCount(), 3); // the duplicate is dropped
    QCOMPARE(m_model->columnCount(), int(WatchlistModel::ColumnCount));
    QVERIFY(m_model->addSymbol(u"BTCUSDT"_s));
    QVERIFY(!m_model->addSymbol(u"BTCUSDT"_s));
    QCOMPARE(m_model->rowOf(u"BTCUSDT"_s), 3);
    QVERIFY(m_model->removeSymbol(u"700.HK"_s));
    QCOMPARE(m_model->rowOf(u"EURUSD"_s), 1);
    QCOMPARE(m_model->rowOf(u"BTCUSDT"_s), 2);
    QCOMPARE(m_model->symbols(), (QStringList{u"AAPL.US"_s, u"EURUSD"_s, u"BTCUSDT"_s}));
    QCOMPARE(m_model->headerData(WatchlistModel::ChangePct, Qt::Horizontal).toString(), u"Change %"_s);
}

void TestWatchlistModel::dataChangedOnlyForChangedCells()
{
    QSignalSpy spy(m_model, &QAbstractItemModel::dataChanged);
    m_buffer.addTrade(trade(u"700.HK"_s, "381.4", "100", 1000));
    m_store->applyBatch(m_buffer.take());
    // Row 1 only: Last..ChangePct, then Volume..High..Low and Time as separate runs.
    QVERIFY(spy.count() >= 1);
    QSet<int> columns;
    for (const QList<QVariant>& args : std::as_const(spy)) {
        const QModelIndex tl = args.at(0).toModelIndex();
        const QModelIndex br = args.at(1).toModelIndex();
        QCOMPARE(tl.row(), 1);
        QCOMPARE(br.row(), 1);
        for (int c = tl.column(); c <= br.column(); ++c)
            columns.insert(c);
    }
    const QSet<int> expected{WatchlistModel::Last,   WatchlistModel::Change,   WatchlistModel::ChangePct,
                             WatchlistModel::Volume, WatchlistModel::Turnover, WatchlistModel::High,
                             WatchlistModel::Low,    WatchlistModel::Time};
    QCOMPARE(columns, expected);

    // A quote for a symbol not in this list changes nothing here.
    spy.clear();
    m_buffer.addTrade(trade(u"MSFT.US"_s, "420", "1", 1));
    m_store->applyBatch(m_buffer.take());
    QCOMPARE(spy.count(), 0);

    // A book update touches bid/ask cells only.
    spy.clear();
    BookSnapshot book;
    book.code = u"AAPL.US"_s;
    book.bids = {{dec("189.24"), dec("300")}};
    book.asks = {{dec("189.26"), dec("200")}};
    m_buffer.addBook(book);
    m_store->applyBatch(m_buffer.take());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toModelIndex().column(), int(WatchlistModel::Bid));
    QCOMPARE(spy.at(0).at(1).toModelIndex().column(), int(WatchlistModel::AskSize));
}

void TestWatchlistModel::adjacentRowsShareOneSignal()
{
    // Books for rows 0 and 1 (adjacent, same columns) and a trade for row 2: the book cells of rows 0-1 come as one
    // rectangle, row 2's trade cells separately, and no signal covers a cell that did not change.
    QSignalSpy spy(m_model, &QAbstractItemModel::dataChanged);
    for (const QString& code : {u"AAPL.US"_s, u"700.HK"_s}) {
        BookSnapshot book;
        book.code = code;
        book.bids = {{dec("10.1"), dec("3")}};
        book.asks = {{dec("10.2"), dec("4")}};
        m_buffer.addBook(book);
    }
    m_buffer.addTrade(trade(u"EURUSD"_s, "1.0812", "0", 1000));
    m_store->applyBatch(m_buffer.take());
    QSet<QPair<int, int>> cells;
    int bookSignals = 0;
    for (const QList<QVariant>& args : std::as_const(spy)) {
        const QModelIndex tl = args.at(0).toModelIndex();
        const QModelIndex br = args.at(1).toModelIndex();
        if (tl.column() == WatchlistModel::Bid) {
            ++bookSignals;
            QCOMPARE(tl.row(), 0);
            QCOMPARE(br.row(), 1);
            QCOMPARE(br.column(), int(WatchlistModel::AskSize));
        } else {
            QCOMPARE(tl.row(), 2);
            QCOMPARE(br.row(), 2);
        }
        for (int r = tl.row(); r <= br.row(); ++r)
            for (int c = tl.column(); c <= br.column(); ++c)
                cells.insert({r, c});
    }
    QCOMPARE(bookSignals, 1);
    QVERIFY(!cells.contains({0, WatchlistModel::Last}));
    QVERIFY(!cells.contains({2, WatchlistModel::Bid}));
    QVERIFY(cells.contains({2, WatchlistModel::Last}));
}

void TestWatchlistModel::columnsChangedInAllRowsShareOneSignal()
{
    // A snapshot: every row trades, but only row 1 makes a new high (its first trade sets high and low, the others
    // trade inside their range). The price columns of the three rows still come as one rectangle; High and Low of
    // row 1 separately; nothing covers the unchanged High/Low cells of rows 0 and 2.
    for (const QString& code : {u"AAPL.US"_s, u"700.HK"_s, u"EURUSD"_s}) {
        m_buffer.addTrade(trade(code, "10", "1", 1000));
        m_buffer.addTrade(trade(code, "12", "1", 1000));
    }
    m_store->applyBatch(m_buffer.take());
    QSignalSpy spy(m_model, &QAbstractItemModel::dataChanged);
    m_buffer.addTrade(trade(u"AAPL.US"_s, "11", "1", 2000));
    m_buffer.addTrade(trade(u"700.HK"_s, "13", "1", 2000));
    m_buffer.addTrade(trade(u"EURUSD"_s, "11.5", "1", 2000));
    m_store->applyBatch(m_buffer.take());
    QSet<QPair<int, int>> cells;
    int priceSignals = 0;
    for (const QList<QVariant>& args : std::as_const(spy)) {
        const QModelIndex tl = args.at(0).toModelIndex();
        const QModelIndex br = args.at(1).toModelIndex();
        if (tl.column() <= WatchlistModel::Last && br.column() >= WatchlistModel::Last) {
            ++priceSignals;
            QCOMPARE(tl.row(), 0);
            QCOMPARE(br.row(), 2);
        }
        for (int r = tl.row(); r <= br.row(); ++r)
            for (int c = tl.column(); c <= br.column(); ++c)
                QVERIFY2(!cells.contains({r, c}), "a cell is reported twice");
        for (int r = tl.row(); r <= br.row(); ++r)
            for (int c = tl.column(); c <= br.column(); ++c)
                cells.insert({r, c});
    }
    QCOMPARE(priceSignals, 1);
    QVERIFY(cells.contains({1, WatchlistModel::High}));
    QVERIFY(!cells.contains({0, WatchlistModel::High}));
    QVERIFY(!cells.contains({2, WatchlistModel::High}));
    QVERIFY(!cells.contains({0, WatchlistModel::Low}));
    QVERIFY(cells.contains({2, WatchlistModel::Volume}));
    QVERIFY(spy.count() <= 4); // Last..ChangePct, Volume (and Time), High of row 1: not one block per row
}

void TestWatchlistModel::sizeTooltipsNameTheUnit()
{
    m_model->setSymbols({u"600519.SH"_s, u"000001.SZ"_s, u"EURUSD"_s});
    m_store->setSource(u"600519.SH"_s, u"qmt"_s);
    m_store->setSource(u"000001.SZ"_s, u"alltick"_s);
    m_store->setSource(u"EURUSD"_s, u"alltick"_s);
    const auto tip = [this](const QString& code, int column) {
        return m_model->index(m_model->rowOf(code), column).data(Qt::ToolTipRole).toString();
    };
    QCOMPARE(tip(u"600519.SH"_s, WatchlistModel::Volume), u"In lots"_s);
    QCOMPARE(tip(u"600519.SH"_s, WatchlistModel::BidSize), u"In lots"_s);
    QCOMPARE(tip(u"000001.SZ"_s, WatchlistModel::AskSize), u"In shares"_s);
    QCOMPARE(tip(u"EURUSD"_s, WatchlistModel::Volume), QString()); // no sizes at all
    QCOMPARE(tip(u"600519.SH"_s, WatchlistModel::Last), QString());
}

void TestWatchlistModel::availabilityShowsInLastCell()
{
    m_model->setSymbols({u"600519.SH"_s, u"123456.SH"_s});
    QSignalSpy spy(m_model, &QAbstractItemModel::dataChanged);
    m_store->setAvailability(u"600519.SH"_s, QuoteAvailability::NoData);
    m_store->setAvailability(u"123456.SH"_s, QuoteAvailability::UnknownCode);
    QCOMPARE(spy.count(), 2);
    const auto last = [this](const QString& code) {
        return m_model->index(m_model->rowOf(code), WatchlistModel::Last);
    };
    QCOMPARE(spy.at(0).at(0).toModelIndex(), last(u"600519.SH"_s));
    QCOMPARE(last(u"600519.SH"_s).data().toString(), u"no data"_s);
    QCOMPARE(last(u"123456.SH"_s).data().toString(), u"unknown code"_s);
    QVERIFY(!last(u"600519.SH"_s).data(Qt::ToolTipRole).toString().isEmpty());
    // Setting the same state again changes nothing.
    spy.clear();
    m_store->setAvailability(u"600519.SH"_s, QuoteAvailability::NoData);
    QCOMPARE(spy.count(), 0);
    // A trade arriving after all makes the row live again and shows the price.
    m_buffer.addTrade(trade(u"600519.SH"_s, "1432.10", "100", 1000));
    m_store->applyBatch(m_buffer.take());
    QCOMPARE(m_store->quote(u"600519.SH"_s)->availability, QuoteAvailability::Live);
    QCOMPARE(last(u"600519.SH"_s).data().toString(), u"1,432.10"_s);
}

void TestWatchlistModel::exactPricesAndMissingValues()
{
    m_buffer.addTrade(trade(u"AAPL.US"_s, "189.25", "1234567", 1000));
    m_store->applyBatch(m_buffer.take());
    const QModelIndex last = m_model->index(0, WatchlistModel::Last);
    QCOMPARE(last.data().toString(), u"189.25"_s);
    QCOMPARE(m_model->index(0, WatchlistModel::Volume).data().toString(), u"1,234,567"_s);
    // No previous close yet: change cells are empty, never wrong.
    QCOMPARE(m_model->index(0, WatchlistModel::Change).data().toString(), QString());
    QVERIFY(!m_model->index(0, WatchlistModel::Change).data(WatchlistModel::RawValueRole).isValid());
    // No book yet.
    QCOMPARE(m_model->index(0, WatchlistModel::Bid).data().toString(), QString());
    // Row of a symbol with nothing at all.
    QCOMPARE(m_model->index(2, WatchlistModel::Last).data().toString(), QString());
    QCOMPARE(m_model->index(2, WatchlistModel::Symbol).data().toString(), u"EURUSD"_s);
}

void TestWatchlistModel::rawValuesAreNumbers()
{
    m_buffer.addTrade(trade(u"AAPL.US"_s, "9.5", "10", 1000));
    m_buffer.addTrade(trade(u"700.HK"_s, "10.25", "10", 1000));
    m_store->applyBatch(m_buffer.take());
    const QVariant a = m_model->index(0, WatchlistModel::Last).data(WatchlistModel::RawValueRole);
    const QVariant b = m_model->index(1, WatchlistModel::Last).data(WatchlistModel::RawValueRole);
    QCOMPARE(a.typeId(), int(QMetaType::Double));
    QVERIFY(a.toDouble() < b.toDouble()); // as text "9.5" > "10.25"
    QCOMPARE(m_model->index(0, WatchlistModel::Time).data(WatchlistModel::RawValueRole).toLongLong(), qint64(1000));
}

void TestWatchlistModel::directionRoles()
{
    ReferenceData ref;
    ref.code = u"AAPL.US"_s;
    ref.prevClose = dec("190");
    m_buffer.addReference(ref);
    m_buffer.addTrade(trade(u"AAPL.US"_s, "189.25", "1", 1));
    m_store->applyBatch(m_buffer.take());
    QCOMPARE(m_model->index(0, WatchlistModel::Change).data().toString(), u"-0.75"_s);
    QCOMPARE(m_model->index(0, WatchlistModel::ChangePct).data().toString(), u"-0.39%"_s);
    QCOMPARE(m_model->index(0, WatchlistModel::Last).data(WatchlistModel::DirectionRole).toInt(), -1);
    m_buffer.addTrade(trade(u"AAPL.US"_s, "190.5", "1", 2));
    m_store->applyBatch(m_buffer.take());
    QCOMPARE(m_model->index(0, WatchlistModel::Change).data().toString(), u"+0.50"_s);
    QCOMPARE(m_model->index(0, WatchlistModel::Last).data(WatchlistModel::DirectionRole).toInt(), 1);
    QCOMPARE(m_model->index(0, WatchlistModel::Last).data(WatchlistModel::TickDirectionRole).toInt(), 1);
}

void TestWatchlistModel::cachedTextFollowsChanges()
{
    // Display text is cached per row: a later quote, a previous close arriving late, a locale change and a switch to
    // Chinese names must all show.
    m_buffer.addTrade(trade(u"AAPL.US"_s, "1234.5", "1", 1000));
    m_store->applyBatch(m_buffer.take());
    QCOMPARE(m_model->index(0, WatchlistModel::Last).data().toString(), u"1,234.50"_s);
    QCOMPARE(m_model->index(0, WatchlistModel::ChangePct).data().toString(), QString());
    QCOMPARE(m_model->index(0, WatchlistModel::Last).data(WatchlistModel::DirectionRole).toInt(), 0);

    m_buffer.addTrade(trade(u"AAPL.US"_s, "1200", "1", 2000));
    m_store->applyBatch(m_buffer.take());
    QCOMPARE(m_model->index(0, WatchlistModel::Last).data().toString(), u"1,200.00"_s);

    ReferenceData ref;
    ref.code = u"AAPL.US"_s;
    ref.prevClose = dec("1250");
    m_buffer.addReference(ref);
    m_store->applyBatch(m_buffer.take());
    QCOMPARE(m_model->index(0, WatchlistModel::Change).data().toString(), u"-50.00"_s);
    QCOMPARE(m_model->index(0, WatchlistModel::ChangePct).data().toString(), u"-4.00%"_s);
    QCOMPARE(m_model->index(0, WatchlistModel::Last).data(WatchlistModel::DirectionRole).toInt(), -1);

    m_model->setDisplayLocale(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(m_model->index(0, WatchlistModel::Last).data().toString(), u"1.200,00"_s);

    const QString english = m_model->index(1, WatchlistModel::Name).data().toString();
    m_model->setChineseNames(true);
    const QString chinese = m_model->index(1, WatchlistModel::Name).data().toString();
    QCOMPARE(chinese, SymbolCatalog::builtIn().displayName(u"700.HK"_s, true));
    QCOMPARE(english, SymbolCatalog::builtIn().displayName(u"700.HK"_s, false));
}

void TestWatchlistModel::cellPaintMatchesTheRoles()
{
    ReferenceData ref;
    ref.code = u"700.HK"_s;
    ref.prevClose = dec("380");
    m_buffer.addReference(ref);
    m_buffer.addTrade(trade(u"700.HK"_s, "381.4", "100", 1000));
    m_store->applyBatch(m_buffer.take());
    m_buffer.addTrade(trade(u"700.HK"_s, "381.2", "100", 2000));
    m_store->applyBatch(m_buffer.take());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        for (int column = 0; column < WatchlistModel::ColumnCount; ++column) {
            const QModelIndex index = m_model->index(row, column);
            WatchlistModel::CellPaint cell;
            QVERIFY(m_model->cellPaint(row, column, now, &cell));
            QCOMPARE(cell.text, index.data(Qt::DisplayRole).toString());
            QCOMPARE(int(cell.alignment), index.data(Qt::TextAlignmentRole).toInt());
            QCOMPARE(cell.direction, index.data(WatchlistModel::DirectionRole).toInt());
            QCOMPARE(cell.tickDirection, index.data(WatchlistModel::TickDirectionRole).toInt());
            QCOMPARE(cell.lastMoveMs, index.data(WatchlistModel::LastMoveMsRole).toLongLong());
            QCOMPARE(cell.stale, index.data(WatchlistModel::StaleRole).toBool());
        }
    }
    WatchlistModel::CellPaint cell;
    QVERIFY(m_model->cellPaint(1, WatchlistModel::Last, now, &cell));
    QVERIFY(cell.text.startsWith(u"381.2"_s)); // padded to the catalog's tick decimals
    QCOMPARE(cell.direction, 1);
    QCOMPARE(cell.tickDirection, -1);
    QVERIFY(!m_model->cellPaint(m_model->rowCount(), 0, now, &cell));
}

QTEST_GUILESS_MAIN(TestWatchlistModel)
#include "tst_watchlistmodel.moc"
