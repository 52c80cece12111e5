#include "OrderBookModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
Decimal dec(const char* text)
{
    return Decimal::parse(QByteArrayView(text));
}

// Levels as "price:size" (or "price" for a price-only level), best first.
QList<BookLevel> levels(const QStringList& specs)
{
    QList<BookLevel> result;
    for (const QString& spec : specs) {
        const QStringList parts = spec.split(u':');
        BookLevel level;
        level.price = Decimal::parse(QStringView(parts.at(0)));
        if (parts.size() > 1)
            level.volume = Decimal::parse(QStringView(parts.at(1)));
        result.append(level);
    }
    return result;
}

// n levels from `best` stepping by `tick` (down for bids, up for asks), sizes 100, 200, ...
QStringList ladder(double best, double tick, int n, bool up, int decimals)
{
    QStringList result;
    for (int i = 0; i < n; ++i) {
        const double price = up ? best + i * tick : best - i * tick;
        result.append(QString::number(price, 'f', decimals) + u':' + QString::number((i + 1) * 100));
    }
    return result;
}
} // namespace

class TestOrderBookModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void layoutOfRows();
    void emptySideShowsEmptyRowsNotStale();
    void priceOnlyLevel();
    void tenLevelsGrowRowsOnce();
    void shrinkingBookLeavesEmptyRows();
    void spreadAndBasisPoints_data();
    void spreadAndBasisPoints();
    void sizeFractionAgainstLargestVisible();
    void totalsAndImbalance();
    void priceDirectionAgainstPreviousClose();
    void refreshesOnlyForItsBook();
    void setSymbolReadsCurrentBook();
    void unitLabels_data();
    void unitLabels();

private:
    void applyBook(const QString& code, const QStringList& bids, const QStringList& asks);
    QString text(int row, int column) const { return m_model->index(row, column).data().toString(); }

    QuoteStore* m_store = nullptr;
    OrderBookModel* m_model = nullptr;
    QAbstractItemModelTester* m_tester = nullptr;
    UpdateBuffer m_buffer;
};

void TestOrderBookModel::init()
{
    m_store = new QuoteStore;
    m_model = new OrderBookModel(m_store);
    m_model->setDisplayLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestOrderBookModel::cleanup()
{
    delete m_tester;
    delete m_model;
    delete m_store;
}

void TestOrderBookModel::applyBook(const QString& code, const QStringList& bids, const QStringList& asks)
{
    BookSnapshot book;
    book.code = code;
    book.timeMs = 1'760'000'000'000;
    book.bids = levels(bids);
    book.asks = levels(asks);
    m_buffer.addBook(book);
    m_store->applyBatch(m_buffer.take());
}

void TestOrderBookModel::layoutOfRows()
{
    m_model->setSymbol(u"600519.SH"_s);
    applyBook(u"600519.SH"_s, ladder(1450.00, 0.01, 5, false, 2), ladder(1450.01, 0.01, 5, true, 2));
    QCOMPARE(m_model->rowCount(), 2 * OrderBookModel::MinLevels + 1);
    QCOMPARE(m_model->columnCount(), int(OrderBookModel::ColumnCount));
    // Asks from the deepest down to ask 1, the spread row, then bids from bid 1 down.
    for (int level = 1; level <= 5; ++level) {
        const int askRow = m_model->askRow(level);
        const int bidRow = m_model->bidRow(level);
        QCOMPARE(askRow, 5 - level);
        QCOMPARE(bidRow, 5 + level);
        QCOMPARE(text(askRow, OrderBookModel::Level), u"Ask %1"_s.arg(level));
        QCOMPARE(text(bidRow, OrderBookModel::Level), u"Bid %1"_s.arg(level));
        QCOMPARE(m_model->index(askRow, 0).data(OrderBookModel::SideRole).toInt(), int(OrderBookModel::AskRow));
        QCOMPARE(m_model->index(bidRow, 0).data(OrderBookModel::SideRole).toInt(), int(OrderBookModel::BidRow));
        QCOMPARE(m_model->index(askRow, 0).data(OrderBookModel::LevelRole).toInt(), level);
    }
    QCOMPARE(m_model->askRow(6), -1);
    QCOMPARE(m_model->bidRow(0), -1);
    QCOMPARE(m_model->spreadRow(), 5);
    QCOMPARE(m_model->index(5, 0).data(OrderBookModel::SideRole).toInt(), int(OrderBookModel::SpreadRow));
    QCOMPARE(text(5, OrderBookModel::Level), u"Spread"_s);
    QCOMPARE(text(m_model->askRow(5), OrderBookModel::Price), u"1,450.05"_s);
    QCOMPARE(text(m_model->bidRow(1), OrderBookModel::Price), u"1,450.00"_s); // tick decimals kept
    QCOMPARE(text(m_model->bidRow(3), OrderBookModel::Size), u"300"_s);
    QCOMPARE(
        m_model->index(m_model->bidRow(3), OrderBookModel::Size).data(OrderBookModel::RawValueRole).value<Decimal>(),
        dec("300"));
    QCOMPARE(
        m_model->index(m_model->askRow(2), OrderBookModel::Price).data(OrderBookModel::RawValueRole).value<Decimal>(),
        dec("1450.02"));
    QCOMPARE(m_model->maxLevelsSeen(), 5);
    QVERIFY(!m_model->isLevelOneOnly());
}

void TestOrderBookModel::emptySideShowsEmptyRowsNotStale()
{
    m_model->setSymbol(u"600519.SH"_s);
    applyBook(u"600519.SH"_s, ladder(1450.00, 0.01, 5, false, 2), ladder(1450.01, 0.01, 5, true, 2));
    QCOMPARE(text(m_model->askRow(1), OrderBookModel::Price), u"1,450.01"_s);

    // Limit up: the ask side empties.
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    applyBook(u"600519.SH"_s, ladder(1595.00, 0.01, 5, false, 2), {});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(m_model->rowCount(), 11);
    for (int level = 1; level <= 5; ++level) {
        const int row = m_model->askRow(level);
        QCOMPARE(text(row, OrderBookModel::Level), u"Ask %1"_s.arg(level)); // the row is there, empty
        QVERIFY(text(row, OrderBookModel::Price).isEmpty());
        QVERIFY(text(row, OrderBookModel::Size).isEmpty());
        QVERIFY(!m_model->index(row, OrderBookModel::Price).data(OrderBookModel::RawValueRole).isValid());
        QVERIFY(!m_model->index(row, OrderBookModel::Size).data(OrderBookModel::SizeFractionRole).isValid());
    }
    QCOMPARE(text(m_model->bidRow(1), OrderBookModel::Price), u"1,595.00"_s);
    QVERIFY(m_model->askTotal().isNull());
    QCOMPARE(m_model->bidTotal(), dec("1500"));
    QVERIFY(m_model->spread().isNull());
    QVERIFY(text(m_model->spreadRow(), OrderBookModel::Price).isEmpty());
    QVERIFY(text(m_model->spreadRow(), OrderBookModel::Size).isEmpty());

    // Both sides empty: nothing at all.
    applyBook(u"600519.SH"_s, {}, {});
    for (int row = 0; row < m_model->rowCount(); ++row) {
        QVERIFY(text(row, OrderBookModel::Price).isEmpty());
        QVERIFY(text(row, OrderBookModel::Size).isEmpty());
    }
    QVERIFY(m_model->bidTotal().isNull());
}

void TestOrderBookModel::priceOnlyLevel()
{
    m_model->setSymbol(u"EURUSD"_s);
    applyBook(u"EURUSD"_s, {u"1.165"_s}, {u"1.16512"_s});
    QVERIFY(m_model->isPriceOnly());
    QCOMPARE(m_model->maxLevelsSeen(), 1);
    QVERIFY(m_model->isLevelOneOnly());
    QCOMPARE(m_model->rowCount(), 11); // still five rows per side: the layout is the same for every symbol
    QCOMPARE(text(m_model->bidRow(1), OrderBookModel::Price), u"1.16500"_s);
    QCOMPARE(text(m_model->askRow(1), OrderBookModel::Price), u"1.16512"_s);
    QVERIFY(text(m_model->bidRow(1), OrderBookModel::Size).isEmpty());
    QVERIFY(!m_model->index(m_model->bidRow(1), OrderBookModel::Size).data(OrderBookModel::SizeFractionRole).isValid());
    QVERIFY(m_model->askTotal().isNull());
    QVERIFY(m_model->bidTotal().isNull());
    QVERIFY(!m_model->imbalancePercent().has_value());
    QVERIFY(m_model->sizeUnitLabel().isEmpty());
    QCOMPARE(m_model->headerData(OrderBookModel::Size, Qt::Horizontal).toString(), u"Size"_s);

    // A second level later: no longer level one only.
    applyBook(u"EURUSD"_s, {u"1.165"_s, u"1.16499"_s}, {u"1.16512"_s});
    QCOMPARE(m_model->maxLevelsSeen(), 2);
    QVERIFY(!m_model->isLevelOneOnly());
}

void TestOrderBookModel::tenLevelsGrowRowsOnce()
{
    m_model->setSymbol(u"700.HK"_s);
    applyBook(u"700.HK"_s, ladder(640.0, 0.5, 5, false, 1), ladder(640.5, 0.5, 5, true, 1));
    QCOMPARE(m_model->levelsPerSide(), 5);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    applyBook(u"700.HK"_s, ladder(640.0, 0.5, 10, false, 1), ladder(640.5, 0.5, 10, true, 1));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 2); // ask rows on top, bid rows at the bottom
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 4);
    QCOMPARE(inserted.at(1).at(1).toInt(), 16);
    QCOMPARE(inserted.at(1).at(2).toInt(), 20);
    QCOMPARE(m_model->levelsPerSide(), 10);
    QCOMPARE(m_model->rowCount(), 21);
    QCOMPARE(text(0, OrderBookModel::Level), u"Ask 10"_s);
    QCOMPARE(text(0, OrderBookModel::Price), u"645.0"_s);
    QCOMPARE(text(20, OrderBookModel::Level), u"Bid 10"_s);
    QCOMPARE(text(20, OrderBookModel::Price), u"635.5"_s);
    QCOMPARE(m_model->bidTotal(), dec("5500"));

    // More levels than ten: capped, the extra levels count nowhere.
    applyBook(u"700.HK"_s, ladder(640.0, 0.5, 12, false, 1), ladder(640.5, 0.5, 10, true, 1));
    QCOMPARE(m_model->rowCount(), 21);
    QCOMPARE(m_model->bidTotal(), dec("5500"));
}

void TestOrderBookModel::shrinkingBookLeavesEmptyRows()
{
    m_model->setSymbol(u"AAPL.US"_s);
    applyBook(u"AAPL.US"_s, ladder(189.20, 0.01, 5, false, 2), ladder(189.21, 0.01, 5, true, 2));
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    applyBook(u"AAPL.US"_s, ladder(189.18, 0.01, 2, false, 2), ladder(189.25, 0.01, 2, true, 2));
    QCOMPARE(removed.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->rowCount(), 11);
    for (int level = 1; level <= 5; ++level) {
        const bool present = level <= 2;
        QCOMPARE(!text(m_model->askRow(level), OrderBookModel::Price).isEmpty(), present);
        QCOMPARE(!text(m_model->bidRow(level), OrderBookModel::Price).isEmpty(), present);
        QCOMPARE(!text(m_model->bidRow(level), OrderBookModel::Size).isEmpty(), present);
    }
    QCOMPARE(text(m_model->bidRow(2), OrderBookModel::Price), u"189.17"_s);
    QCOMPARE(m_model->askTotal(), dec("300"));
    QCOMPARE(m_model->maxLevelsSeen(), 5); // two levels now, but not an L1 feed
    QVERIFY(!m_model->isLevelOneOnly());
}

void TestOrderBookModel::spreadAndBasisPoints_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("bid");
    QTest::addColumn<QString>("ask");
    QTest::addColumn<QString>("spread");
    QTest::addColumn<double>("bps");
    QTest::addColumn<QString>("bpsText");

    QTest::newRow("A-share one tick") << u"600519.SH"_s << u"1450.00:100"_s << u"1450.01:200"_s << u"0.01"_s
                                      << 0.01 / 1450.005 * 1e4 << u"0.1 bp"_s;
    QTest::newRow("HK") << u"700.HK"_s << u"640.0:100"_s << u"640.5:100"_s << u"0.5"_s << 0.5 / 640.25 * 1e4
                        << u"7.8 bp"_s;
    QTest::newRow("forex price only") << u"EURUSD"_s << u"1.165"_s << u"1.16512"_s << u"0.00012"_s
                                      << 0.00012 / 1.16506 * 1e4 << u"1.0 bp"_s;
    QTest::newRow("crypto") << u"BTCUSDT"_s << u"110000.00:0.5"_s << u"110012.50:0.25"_s << u"12.50"_s
                            << 12.5 / 110006.25 * 1e4 << u"1.1 bp"_s;
    QTest::newRow("no asks") << u"600519.SH"_s << u"1595.00:100"_s << QString() << QString() << -1.0 << QString();
    QTest::newRow("no bids") << u"600519.SH"_s << QString() << u"1305.00:100"_s << QString() << -1.0 << QString();
}

void TestOrderBookModel::spreadAndBasisPoints()
{
    QFETCH(QString, code);
    QFETCH(QString, bid);
    QFETCH(QString, ask);
    QFETCH(QString, spread);
    QFETCH(double, bps);
    QFETCH(QString, bpsText);
    m_model->setSymbol(code);
    applyBook(code, bid.isEmpty() ? QStringList() : QStringList{bid}, ask.isEmpty() ? QStringList() : QStringList{ask});
    const int row = m_model->spreadRow();
    QCOMPARE(text(row, OrderBookModel::Price), spread);
    QCOMPARE(text(row, OrderBookModel::Size), bpsText);
    if (bps < 0) {
        QVERIFY(!m_model->spreadBps().has_value());
        QVERIFY(!m_model->index(row, OrderBookModel::Size).data(OrderBookModel::RawValueRole).isValid());
    } else {
        QVERIFY(qFuzzyCompare(*m_model->spreadBps(), bps));
        QVERIFY(qFuzzyCompare(m_model->index(row, OrderBookModel::Size).data(OrderBookModel::RawValueRole).toDouble(),
                              bps));
        QCOMPARE(m_model->index(row, OrderBookModel::Price).data(OrderBookModel::RawValueRole).value<Decimal>(),
                 Decimal::parse(QStringView(spread)));
    }
}

void TestOrderBookModel::sizeFractionAgainstLargestVisible()
{
    m_model->setSymbol(u"600519.SH"_s);
    applyBook(u"600519.SH"_s, {u"1450.00:100"_s, u"1449.99:400"_s, u"1449.98:0"_s},
              {u"1450.01:800"_s, u"1450.02:200"_s});
    const auto fraction = [this](int row) {
        return m_model->index(row, OrderBookModel::Size).data(OrderBookModel::SizeFractionRole);
    };
    QCOMPARE(fraction(m_model->askRow(1)).toDouble(), 1.0);
    QCOMPARE(fraction(m_model->askRow(2)).toDouble(), 0.25);
    QCOMPARE(fraction(m_model->bidRow(1)).toDouble(), 0.125);
    QCOMPARE(fraction(m_model->bidRow(2)).toDouble(), 0.5);
    QCOMPARE(fraction(m_model->bidRow(3)).toDouble(), 0.0); // a genuine zero is zero, not "no data"
    QVERIFY(!fraction(m_model->bidRow(4)).isValid());
    QVERIFY(!fraction(m_model->spreadRow()).isValid());

    // The largest level left: fractions follow the new largest visible size.
    applyBook(u"600519.SH"_s, {u"1450.00:100"_s, u"1449.99:400"_s}, {u"1450.01:50"_s});
    QCOMPARE(fraction(m_model->bidRow(2)).toDouble(), 1.0);
    QCOMPARE(fraction(m_model->askRow(1)).toDouble(), 0.125);
}

void TestOrderBookModel::totalsAndImbalance()
{
    m_model->setSymbol(u"BTCUSDT"_s);
    applyBook(u"BTCUSDT"_s, {u"110000.00:0.125"_s, u"109999.99:1.5"_s, u"109999.50:0.375"_s},
              {u"110000.01:0.1"_s, u"110000.02:0.4"_s});
    QCOMPARE(m_model->bidTotal(), dec("2"));
    QCOMPARE(m_model->askTotal(), dec("0.5"));
    QCOMPARE(m_model->bidTotal().toString(), u"2"_s);
    QVERIFY(m_model->imbalancePercent().has_value());
    QCOMPARE(*m_model->imbalancePercent(), 100.0 * (2.0 - 0.5) / 2.5);
    QCOMPARE(m_model->sizeUnitLabel(), u"BTC"_s);
    QCOMPARE(m_model->headerData(OrderBookModel::Size, Qt::Horizontal).toString(), u"Size (BTC)"_s);
}

void TestOrderBookModel::priceDirectionAgainstPreviousClose()
{
    m_model->setSymbol(u"600519.SH"_s);
    applyBook(u"600519.SH"_s, {u"1449.99:100"_s, u"1449.98:100"_s}, {u"1450.00:100"_s, u"1450.01:100"_s});
    const auto direction = [this](int row) {
        return m_model->index(row, OrderBookModel::Price).data(OrderBookModel::PriceDirectionRole).toInt();
    };
    QCOMPARE(direction(m_model->askRow(1)), 0); // no previous close yet

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    ReferenceData ref;
    ref.code = u"600519.SH"_s;
    ref.prevClose = dec("1450");
    m_buffer.addReference(ref);
    m_store->applyBatch(m_buffer.take());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(direction(m_model->askRow(2)), 1);
    QCOMPARE(direction(m_model->askRow(1)), 0);
    QCOMPARE(direction(m_model->bidRow(1)), -1);
    QCOMPARE(direction(m_model->askRow(3)), 0); // empty level
    QCOMPARE(direction(m_model->spreadRow()), 0);
}

void TestOrderBookModel::refreshesOnlyForItsBook()
{
    m_model->setSymbol(u"600519.SH"_s);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy book(m_model, &OrderBookModel::bookChanged);
    applyBook(u"000001.SZ"_s, {u"11.00:100"_s}, {u"11.01:100"_s});
    TradeTick trade;
    trade.code = u"600519.SH"_s;
    trade.price = dec("1450");
    trade.volume = dec("100");
    trade.timeMs = 1;
    m_buffer.addTrade(trade);
    m_store->applyBatch(m_buffer.take());
    QCOMPARE(changed.count(), 0);
    QCOMPARE(book.count(), 0);
    applyBook(u"600519.SH"_s, {u"1450.00:100"_s}, {u"1450.01:100"_s});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(book.count(), 1);
    // The same book again changes nothing.
    applyBook(u"600519.SH"_s, {u"1450.00:100"_s}, {u"1450.01:100"_s});
    QCOMPARE(changed.count(), 1);
}

void TestOrderBookModel::setSymbolReadsCurrentBook()
{
    applyBook(u"700.HK"_s, ladder(640.0, 0.5, 10, false, 1), ladder(640.5, 0.5, 10, true, 1));
    applyBook(u"EURUSD"_s, {u"1.165"_s}, {u"1.16512"_s});
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->setSymbol(u"700.HK"_s);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 21);
    QCOMPARE(text(m_model->bidRow(10), OrderBookModel::Price), u"635.5"_s);
    m_model->setSymbol(u"700.HK"_s); // same symbol: nothing happens
    QCOMPARE(reset.count(), 1);

    m_model->setSymbol(u"EURUSD"_s);
    QCOMPARE(reset.count(), 2);
    QCOMPARE(m_model->rowCount(), 11); // back to five rows per side
    QCOMPARE(m_model->maxLevelsSeen(), 1);
    QVERIFY(m_model->isLevelOneOnly());

    m_model->setSymbol(QString());
    QCOMPARE(m_model->rowCount(), 11);
    QCOMPARE(m_model->maxLevelsSeen(), 0);
    QVERIFY(text(m_model->bidRow(1), OrderBookModel::Price).isEmpty());
}

void TestOrderBookModel::unitLabels_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("unit");
    QTest::newRow("A-share AllTick") << u"600519.SH"_s << u"alltick"_s << u"shares"_s;
    QTest::newRow("A-share QMT") << u"600519.SH"_s << u"qmt"_s << u"lots"_s;
    QTest::newRow("HK") << u"700.HK"_s << u"alltick"_s << u"shares"_s;
    QTest::newRow("US") << u"AAPL.US"_s << QString() << u"shares"_s;
    QTest::newRow("crypto") << u"ETHUSDT"_s << u"alltick"_s << u"ETH"_s;
    QTest::newRow("forex") << u"EURUSD"_s << u"qmt"_s << QString();
    QTest::newRow("metal") << u"GOLD"_s << u"alltick"_s << QString();
}

void TestOrderBookModel::unitLabels()
{
    QFETCH(QString, code);
    QFETCH(QString, source);
    QFETCH(QString, unit);
    SizeUnits units;
    units.setSourceUnit(u"qmt"_s, SizeUnits::Unit::Lots);
    m_model->setSizeUnits(units);
    m_model->setSymbol(code);
    QSignalSpy header(m_model, &QAbstractItemModel::headerDataChanged);
    if (!source.isEmpty())
        m_store->setSource(code, source); // the feed that serves the symbol becomes known later
    if (source == u"qmt" && !unit.isEmpty())
        QCOMPARE(header.count(), 1);
    QCOMPARE(m_model->sizeUnitLabel(), unit);
    QCOMPARE(m_model->headerData(OrderBookModel::Size, Qt::Horizontal).toString(),
             unit.isEmpty() ? u"Size"_s : u"Size (%1)"_s.arg(unit));
}

QTEST_GUILESS_MAIN(TestOrderBookModel)
#include "tst_orderbookmodel.moc"
