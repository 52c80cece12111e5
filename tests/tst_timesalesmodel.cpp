#include "TimeSalesModel.h"
#include "TradeTape.h"

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

TradeTick trade(const QString& code, qint64 seq, const char* price = "10.00", TradeSide side = TradeSide::Neutral)
{
    TradeTick t;
    t.code = code;
    t.seq = seq;
    t.timeMs = 1'760'000'000'000 + seq * 250;
    t.price = dec(price);
    t.volume = Decimal::fromInt(seq * 100);
    t.side = side;
    return t;
}

qint64 utcMs(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}
} // namespace

class TestTimeSalesModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void newestFirstOneInsertPerBatch();
    void boundDropsOldestFromBottom();
    void batchLargerThanBound();
    void onlyItsSymbol();
    void timeInExchangeZone_data();
    void timeInExchangeZone();
    void sidesAndRawValues();
    void priceOnlyMarketHasNoSize();
    void setSymbolClearsAndReadsTape();
    void setMaxRowsTrims();
    void tapeKeepsLatestPerSymbol();
    void tapeEvictsLeastRecentlyTraded();

private:
    void emitTrades(const QList<TradeTick>& trades);
    qint64 seqAt(int row) const { return m_model->tradeAt(row).seq; }

    QuoteStore* m_store = nullptr;
    TradeTape* m_tape = nullptr;
    TimeSalesModel* m_model = nullptr;
    QAbstractItemModelTester* m_tester = nullptr;
    UpdateBuffer m_buffer;
};

void TestTimeSalesModel::init()
{
    m_store = new QuoteStore;
    m_tape = new TradeTape(m_store);
    m_model = new TimeSalesModel(m_store, m_tape);
    m_model->setDisplayLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestTimeSalesModel::cleanup()
{
    delete m_tester;
    delete m_model;
    delete m_tape;
    delete m_store;
}

void TestTimeSalesModel::emitTrades(const QList<TradeTick>& trades)
{
    for (const TradeTick& t : trades)
        m_buffer.addTrade(t);
    m_store->applyBatch(m_buffer.take());
}

void TestTimeSalesModel::newestFirstOneInsertPerBatch()
{
    m_model->setSymbol(u"600519.SH"_s);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    emitTrades({trade(u"600519.SH"_s, 1), trade(u"600519.SH"_s, 2), trade(u"600519.SH"_s, 3)});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(seqAt(0), 3);
    QCOMPARE(seqAt(2), 1);
    emitTrades({trade(u"600519.SH"_s, 4), trade(u"600519.SH"_s, 5)});
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(2).toInt(), 1);
    QCOMPARE(seqAt(0), 5);
    QCOMPARE(seqAt(1), 4);
    QCOMPARE(seqAt(2), 3);
    QCOMPARE(m_model->index(0, TimeSalesModel::Size).data().toString(), u"500"_s);
    QCOMPARE(reset.count(), 0);
}

void TestTimeSalesModel::boundDropsOldestFromBottom()
{
    m_model->setMaxRows(5);
    m_model->setSymbol(u"AAPL.US"_s);
    emitTrades({trade(u"AAPL.US"_s, 1), trade(u"AAPL.US"_s, 2), trade(u"AAPL.US"_s, 3)});
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    emitTrades({trade(u"AAPL.US"_s, 4), trade(u"AAPL.US"_s, 5), trade(u"AAPL.US"_s, 6), trade(u"AAPL.US"_s, 7)});
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1); // the two oldest rows were the bottom rows 1 and 2
    QCOMPARE(removed.at(0).at(2).toInt(), 2);
    QCOMPARE(reset.count(), 0);
    QList<qint64> shown;
    for (int row = 0; row < m_model->rowCount(); ++row)
        shown.append(seqAt(row));
    QCOMPARE(shown, (QList<qint64>{7, 6, 5, 4, 3}));
}

void TestTimeSalesModel::batchLargerThanBound()
{
    m_model->setMaxRows(4);
    m_model->setSymbol(u"AAPL.US"_s);
    emitTrades({trade(u"AAPL.US"_s, 1), trade(u"AAPL.US"_s, 2)});
    QList<TradeTick> burst;
    for (int i = 3; i <= 12; ++i)
        burst.append(trade(u"AAPL.US"_s, i));
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    emitTrades(burst);
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(2).toInt(), 3);
    QCOMPARE(seqAt(0), 12);
    QCOMPARE(seqAt(3), 9);
}

void TestTimeSalesModel::onlyItsSymbol()
{
    m_model->setSymbol(u"700.HK"_s);
    emitTrades({trade(u"9988.HK"_s, 1), trade(u"700.HK"_s, 2), trade(u"9988.HK"_s, 3), trade(u"700.HK"_s, 4)});
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(seqAt(0), 4);
    QCOMPARE(seqAt(1), 2);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    emitTrades({trade(u"9988.HK"_s, 5)});
    QCOMPARE(inserted.count(), 0);
}

void TestTimeSalesModel::timeInExchangeZone_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<qint64>("timeMs");
    QTest::addColumn<QString>("text");
    QTest::newRow("Shanghai") << u"600519.SH"_s << utcMs("2025-10-09T01:30:00.005Z") << u"09:30:00.005"_s;
    QTest::newRow("Shenzhen") << u"000001.SZ"_s << utcMs("2025-10-09T06:59:59.999Z") << u"14:59:59.999"_s;
    QTest::newRow("Hong Kong") << u"700.HK"_s << utcMs("2025-10-09T01:30:00.120Z") << u"09:30:00.120"_s;
    QTest::newRow("New York summer") << u"AAPL.US"_s << utcMs("2025-07-01T13:30:00.050Z") << u"09:30:00.050"_s;
    QTest::newRow("New York winter") << u"AAPL.US"_s << utcMs("2025-12-01T14:30:00.500Z") << u"09:30:00.500"_s;
    QTest::newRow("forex in UTC") << u"EURUSD"_s << utcMs("2025-10-09T21:05:07.080Z") << u"21:05:07.080"_s;
}

void TestTimeSalesModel::timeInExchangeZone()
{
    QFETCH(QString, code);
    QFETCH(qint64, timeMs);
    QFETCH(QString, text);
    m_model->setSymbol(code);
    TradeTick t = trade(code, 1);
    t.timeMs = timeMs;
    emitTrades({t});
    QCOMPARE(m_model->index(0, TimeSalesModel::Time).data().toString(), text);
    QCOMPARE(m_model->index(0, TimeSalesModel::Time).data(TimeSalesModel::RawValueRole).toLongLong(), timeMs);
}

void TestTimeSalesModel::sidesAndRawValues()
{
    m_model->setSymbol(u"600519.SH"_s);
    emitTrades({trade(u"600519.SH"_s, 1, "1450.00", TradeSide::Buy),
                trade(u"600519.SH"_s, 2, "1449.99", TradeSide::Sell),
                trade(u"600519.SH"_s, 3, "1450.01", TradeSide::Neutral)});
    const auto side = [this](int row) {
        return m_model->index(row, TimeSalesModel::Side).data(TimeSalesModel::SideRole).toInt();
    };
    const auto text = [this](int row, int column) { return m_model->index(row, column).data().toString(); };
    QCOMPARE(side(2), 1);
    QCOMPARE(text(2, TimeSalesModel::Side), u"Buy"_s);
    QCOMPARE(side(1), -1);
    QCOMPARE(text(1, TimeSalesModel::Side), u"Sell"_s);
    QCOMPARE(side(0), 0);
    QCOMPARE(text(0, TimeSalesModel::Side), u"—"_s);
    QCOMPARE(m_model->index(0, TimeSalesModel::Price).data(TimeSalesModel::SideRole).toInt(), 0);
    QCOMPARE(text(2, TimeSalesModel::Price), u"1,450.00"_s);
    QCOMPARE(m_model->index(1, TimeSalesModel::Price).data(TimeSalesModel::RawValueRole).value<Decimal>(),
             dec("1449.99"));
    QCOMPARE(m_model->index(1, TimeSalesModel::Size).data(TimeSalesModel::RawValueRole).value<Decimal>(), dec("200"));
    QCOMPARE(m_model->headerData(TimeSalesModel::Size, Qt::Horizontal).toString(), u"Size (shares)"_s);
}

void TestTimeSalesModel::priceOnlyMarketHasNoSize()
{
    m_model->setSymbol(u"EURUSD"_s);
    TradeTick t = trade(u"EURUSD"_s, 1, "1.1651");
    t.volume = Decimal::fromInt(0); // forex feeds send a zero size
    emitTrades({t});
    QCOMPARE(m_model->index(0, TimeSalesModel::Price).data().toString(), u"1.16510"_s);
    QVERIFY(m_model->index(0, TimeSalesModel::Size).data().toString().isEmpty());
    QVERIFY(!m_model->index(0, TimeSalesModel::Size).data(TimeSalesModel::RawValueRole).isValid());
    QCOMPARE(m_model->headerData(TimeSalesModel::Size, Qt::Horizontal).toString(), u"Size"_s);
}

void TestTimeSalesModel::setSymbolClearsAndReadsTape()
{
    emitTrades({trade(u"BTCUSDT"_s, 1), trade(u"ETHUSDT"_s, 2), trade(u"BTCUSDT"_s, 3)});
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->setSymbol(u"BTCUSDT"_s);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 2); // recent trades from the tape, at once
    QCOMPARE(seqAt(0), 3);
    QCOMPARE(seqAt(1), 1);
    emitTrades({trade(u"BTCUSDT"_s, 4)});
    QCOMPARE(seqAt(0), 4);
    QCOMPARE(m_model->rowCount(), 3);

    m_model->setSymbol(u"SOLUSDT"_s); // never traded: empty
    QCOMPARE(reset.count(), 2);
    QCOMPARE(m_model->rowCount(), 0);

    TimeSalesModel noTape(m_store, nullptr);
    QAbstractItemModelTester tester(&noTape, QAbstractItemModelTester::FailureReportingMode::QtTest);
    noTape.setSymbol(u"BTCUSDT"_s);
    QCOMPARE(noTape.rowCount(), 0); // without a tape a symbol starts empty
    emitTrades({trade(u"BTCUSDT"_s, 5)});
    QCOMPARE(noTape.rowCount(), 1);
}

void TestTimeSalesModel::setMaxRowsTrims()
{
    m_model->setSymbol(u"AAPL.US"_s);
    emitTrades({trade(u"AAPL.US"_s, 1), trade(u"AAPL.US"_s, 2), trade(u"AAPL.US"_s, 3), trade(u"AAPL.US"_s, 4)});
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    m_model->setMaxRows(2);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(seqAt(0), 4);
    QCOMPARE(seqAt(1), 3);
    m_model->setMaxRows(0);
    QCOMPARE(m_model->maxRows(), 1);
    QCOMPARE(m_model->rowCount(), 1);
}

void TestTimeSalesModel::tapeKeepsLatestPerSymbol()
{
    TradeTape tape(nullptr);
    tape.setCapacity(3, 10);
    QList<TradeTick> trades;
    for (int i = 1; i <= 7; ++i)
        trades.append(trade(i % 2 ? u"A.US"_s : u"B.US"_s, i));
    tape.append(trades);
    const auto seqs = [&tape](const QString& code) {
        QList<qint64> result;
        for (const TradeTick& t : tape.recent(code))
            result.append(t.seq);
        return result;
    };
    QCOMPARE(seqs(u"A.US"_s), (QList<qint64>{3, 5, 7}));
    QCOMPARE(seqs(u"B.US"_s), (QList<qint64>{2, 4, 6}));
    tape.setCapacity(2, 10);
    QCOMPARE(seqs(u"A.US"_s), (QList<qint64>{5, 7}));
    QVERIFY(tape.recent(u"C.US"_s).isEmpty());
}

void TestTimeSalesModel::tapeEvictsLeastRecentlyTraded()
{
    TradeTape tape(nullptr);
    tape.setCapacity(5, 3);
    tape.append({trade(u"A.US"_s, 1), trade(u"B.US"_s, 2), trade(u"C.US"_s, 3)});
    QCOMPARE(tape.symbolCount(), 3);
    tape.append({trade(u"A.US"_s, 4)}); // A traded again: B is now the least recent
    tape.append({trade(u"D.US"_s, 5)});
    QCOMPARE(tape.symbolCount(), 3);
    QVERIFY(!tape.contains(u"B.US"_s));
    QCOMPARE(tape.codes(), (QStringList{u"C.US"_s, u"A.US"_s, u"D.US"_s}));
    QCOMPARE(tape.recent(u"A.US"_s).size(), 2);

    // Many symbols in one batch: still bounded afterwards.
    QList<TradeTick> many;
    for (int i = 0; i < 50; ++i)
        many.append(trade(u"S%1.US"_s.arg(i), 100 + i));
    tape.append(many);
    QCOMPARE(tape.symbolCount(), 3);
    QCOMPARE(tape.codes(), (QStringList{u"S47.US"_s, u"S48.US"_s, u"S49.US"_s}));
    tape.setCapacity(5, 1);
    QCOMPARE(tape.codes(), QStringList{u"S49.US"_s});
}

QTEST_GUILESS_MAIN(TestTimeSalesModel)
#include "tst_timesalesmodel.moc"
