#include "protocol/QmtCodec.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

char* toString(const Decimal& d)
{
    return QTest::toString(d.isNull() ? u"<null>"_s : d.toString());
}

namespace {

QByteArray fixture(const QString& name)
{
    QFile file(QStringLiteral(QM_FIXTURES "/qmt/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

Decimal dec(const char* text)
{
    return Decimal::parse(QByteArrayView(text));
}

QStringList levelTexts(const QList<BookLevel>& levels)
{
    QStringList out;
    for (const BookLevel& level : levels)
        out << level.price.toString() + u'@' + (level.volume.isNull() ? u"-"_s : level.volume.toString());
    return out;
}

const Qmt::Tick* tickFor(const QList<Qmt::Tick>& ticks, const QString& code)
{
    for (const Qmt::Tick& t : ticks) {
        if (t.code == code)
            return &t;
    }
    return nullptr;
}

} // namespace

class tst_QmtCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void realtimeList();
    void realtimeSeveralRecords();
    void realtimeDict();
    void listsAndDictsPerCode();
    void missingFields();
    void nonFiniteTokens();
    void replaceNonFiniteTokens_data();
    void replaceNonFiniteTokens();
    void floatNoiseRoundedToTick();
    void malformed_data();
    void malformed();
    void wholeQuoteSnapshotAndDelta();
    void barsReplaceAndAppend();
    void barSeriesCapacity();
    void marketDataTimeColumn_data();
    void marketDataTimeColumn();
    void marketDataOrderAndErrors();
    void instrumentDetails();
    void instrumentDetailSingle();
    void instrumentDetailUnknown();
    void stockNames();
    void fullTick();
    void stockList();
    void fastApiErrors();
    void encodeRequests();
    void volumeUnits();
};

void tst_QmtCodec::realtimeList()
{
    Qmt::Decoder decoder;
    const Qmt::Frame frame = decoder.decodeStream(fixture(u"realtime_list.json"_s));
    QCOMPARE(frame.kind, Qmt::Frame::Kind::Data);
    QCOMPARE(frame.ticks.size(), 1);
    QVERIFY(frame.bars.isEmpty());
    const Qmt::Tick& t = frame.ticks.first();
    QCOMPARE(t.code, u"000560.SZ"_s);
    QCOMPARE(t.timeMs, 1726210800000LL);
    QCOMPARE(t.last, dec("2.45"));
    QCOMPARE(t.open, dec("2.4"));
    QCOMPARE(t.high, dec("2.51")); // 2.5100000000000002 without a tick: 4 places
    QCOMPARE(t.low, dec("2.38"));
    QCOMPARE(t.prevClose, dec("2.38"));
    QCOMPARE(t.amount, dec("515111100"));
    QCOMPARE(t.volume, dec("2100053"));
    QCOMPARE(t.pvolume, dec("210005323"));
    QCOMPARE(t.stockStatus, 0);
    QCOMPARE(t.transactionNum, 0LL);
    QVERIFY(t.hasBook);
    QCOMPARE(levelTexts(t.asks), (QStringList{u"2.45@8792"_s, u"2.46@43077"_s, u"2.47@22965"_s}));
    QCOMPARE(levelTexts(t.bids), (QStringList{u"2.44@21723"_s, u"2.43@20008"_s, u"2.42@11821"_s}));
}

void tst_QmtCodec::realtimeSeveralRecords()
{
    Qmt::Decoder decoder;
    const Qmt::Frame frame = decoder.decodeStream(fixture(u"realtime_two_records.json"_s));
    QCOMPARE(frame.kind, Qmt::Frame::Kind::Data);
    QCOMPARE(frame.ticks.size(), 2);
    QCOMPARE(frame.ticks.at(0).last, dec("8.01"));
    QCOMPARE(frame.ticks.at(1).last, dec("8.02"));
    QCOMPARE(frame.ticks.at(1).timeMs, 1726210803000LL);
    QCOMPARE(frame.ticks.at(1).volume, dec("130"));
    QVERIFY(!frame.ticks.at(0).hasBook);
}

void tst_QmtCodec::realtimeDict()
{
    Qmt::Decoder decoder;
    const Qmt::Frame frame = decoder.decodeStream(fixture(u"realtime_dict.json"_s));
    QCOMPARE(frame.kind, Qmt::Frame::Kind::Data);
    QCOMPARE(frame.ticks.size(), 1);
    const Qmt::Tick& t = frame.ticks.first();
    QCOMPARE(t.code, u"600519.SH"_s);
    QCOMPARE(t.last, dec("1450.5"));
    QCOMPARE(t.amount, dec("1234567890.12"));
    QCOMPARE(t.stockStatus, 13);
    QCOMPARE(levelTexts(t.asks), QStringList{u"1450.51@3"_s});
    QCOMPARE(levelTexts(t.bids), QStringList{u"1450.5@7"_s});
}

void tst_QmtCodec::listsAndDictsPerCode()
{
    // One frame mixing a list, a dict, an empty list, null, a string and a list with a non-object entry.
    Qmt::Decoder decoder;
    const Qmt::Frame frame = decoder.decodeStream(fixture(u"realtime_mixed.json"_s));
    QCOMPARE(frame.kind, Qmt::Frame::Kind::Data);
    QCOMPARE(frame.ticks.size(), 3);
    QCOMPARE(tickFor(frame.ticks, u"600000.SH"_s)->last, dec("8.01"));
    QCOMPARE(tickFor(frame.ticks, u"000001.SZ"_s)->last, dec("10.5"));
    QCOMPARE(tickFor(frame.ticks, u"601318.SH"_s)->last, dec("45.67"));
    QVERIFY(!tickFor(frame.ticks, u"300750.SZ"_s));
    QVERIFY(!tickFor(frame.ticks, u"688981.SH"_s));
    QCOMPARE(frame.skippedRecords, 2); // "oops" and 42
}

void tst_QmtCodec::missingFields()
{
    Qmt::Decoder decoder;
    const Qmt::Frame frame = decoder.decodeStream(fixture(u"realtime_missing_fields.json"_s));
    QCOMPARE(frame.kind, Qmt::Frame::Kind::Data);
    QCOMPARE(frame.ticks.size(), 2);
    QCOMPARE(frame.skippedRecords, 1); // a record with neither tick nor bar fields

    const Qmt::Tick* bare = tickFor(frame.ticks, u"600000.SH"_s);
    QVERIFY(bare);
    QCOMPARE(bare->last, dec("8.01"));
    QCOMPARE(bare->timeMs, 0LL);
    QVERIFY(bare->open.isNull());
    QVERIFY(bare->prevClose.isNull());
    QVERIFY(bare->volume.isNull());
    QVERIFY(bare->amount.isNull());
    QCOMPARE(bare->stockStatus, -1);
    QCOMPARE(bare->transactionNum, -1LL);
    QVERIFY(!bare->hasBook);

    // Numbers as strings, a short ask array without sizes, an empty bid array.
    const Qmt::Tick* strings = tickFor(frame.ticks, u"000001.SZ"_s);
    QVERIFY(strings);
    QCOMPARE(strings->timeMs, 1726210800000LL);
    QCOMPARE(strings->last, dec("10.5"));
    QCOMPARE(strings->volume, dec("1200"));
    QVERIFY(strings->hasBook);
    QCOMPARE(levelTexts(strings->asks), QStringList{u"10.51@-"_s});
    QVERIFY(strings->bids.isEmpty());
}

void tst_QmtCodec::nonFiniteTokens()
{
    Qmt::Decoder decoder;
    const Qmt::Frame frame = decoder.decodeStream(fixture(u"realtime_nonfinite.json"_s));
    QCOMPARE(frame.kind, Qmt::Frame::Kind::Data);
    QCOMPARE(frame.ticks.size(), 1);
    const Qmt::Tick& t = frame.ticks.first();
    QVERIFY(t.last.isNull());
    QVERIFY(t.open.isNull());
    QVERIFY(t.high.isNull());
    QCOMPARE(t.low, dec("8"));
    QCOMPARE(t.prevClose, dec("7.99"));
    QCOMPARE(levelTexts(t.asks), QStringList{u"8.02@5"_s});
    QCOMPARE(levelTexts(t.bids), QStringList{u"8.01@6"_s});
}

void tst_QmtCodec::replaceNonFiniteTokens_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("none") << QByteArray("{\"a\":1.5}") << QByteArray("{\"a\":1.5}");
    QTest::newRow("nan") << QByteArray("{\"a\":NaN}") << QByteArray("{\"a\":null}");
    QTest::newRow("inf") << QByteArray("[Infinity,-Infinity]") << QByteArray("[null    ,null     ]");
    QTest::newRow("in string") << QByteArray("{\"NaN\":\"Infinity NaN\"}") << QByteArray("{\"NaN\":\"Infinity NaN\"}");
    QTest::newRow("escaped quote") << QByteArray("[\"a\\\"NaN\",NaN]") << QByteArray("[\"a\\\"NaN\",null]");
    QTest::newRow("mixed") << QByteArray("{\"x\":[NaN,1,\"NaN\",-Infinity]}")
                           << QByteArray("{\"x\":[null,1,\"NaN\",null     ]}");
}

void tst_QmtCodec::replaceNonFiniteTokens()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(Qmt::replaceNonFiniteTokens(input), expected);
}

void tst_QmtCodec::floatNoiseRoundedToTick()
{
    Qmt::Decoder decoder;
    decoder.setPriceTick(u"600000.SH"_s, dec("0.01"));
    decoder.setPriceTick(u"510300.SH"_s, dec("0.001"));
    const Qmt::Frame frame = decoder.decodeStream(fixture(u"realtime_float_noise.json"_s));
    QCOMPARE(frame.kind, Qmt::Frame::Kind::Data);
    const Qmt::Tick* t = tickFor(frame.ticks, u"600000.SH"_s);
    QVERIFY(t);
    QCOMPARE(t->last, dec("10.13"));
    QCOMPARE(t->last.toString(), u"10.13"_s);
    QCOMPARE(t->open, dec("10"));
    QCOMPARE(t->high, dec("10.15")); // 10.1549999999 is 10.15 at tick 0.01, not 10.16
    QCOMPARE(t->low, dec("10"));
    QCOMPARE(t->prevClose, dec("10.04"));
    QCOMPARE(t->amount, dec("1234.57"));
    QCOMPARE(t->volume, dec("1200"));
    QCOMPARE(levelTexts(t->asks), (QStringList{u"10.13@1"_s, u"10.14@2"_s}));
    QCOMPARE(levelTexts(t->bids), (QStringList{u"10.12@3"_s, u"10.11@4"_s}));

    const Qmt::Tick* fund = tickFor(frame.ticks, u"510300.SH"_s);
    QVERIFY(fund);
    QCOMPARE(fund->last, dec("3.877"));
    QCOMPARE(fund->prevClose, dec("3.9"));

    // Without a tick the same noise is stripped at 4 places.
    Qmt::Decoder plain;
    QCOMPARE(tickFor(plain.decodeStream(fixture(u"realtime_float_noise.json"_s)).ticks, u"600000.SH"_s)->last,
             dec("10.13"));
}

void tst_QmtCodec::malformed_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("spaces") << QByteArray("  \n");
    QTest::newRow("garbage") << QByteArray("not json");
    QTest::newRow("truncated") << QByteArray("{\"600000.SH\":[{\"lastPrice\":8.0");
    QTest::newRow("array root") << QByteArray("[1,2,3]");
    QTest::newRow("number root") << QByteArray("42");
    QTest::newRow("bare nan root") << QByteArray("NaN");
}

void tst_QmtCodec::malformed()
{
    QFETCH(QByteArray, frame);
    Qmt::Decoder decoder;
    const Qmt::Frame decoded = decoder.decodeStream(frame);
    QCOMPARE(decoded.kind, Qmt::Frame::Kind::Malformed);
    QVERIFY(!decoded.error.isEmpty());
    QVERIFY(decoded.ticks.isEmpty());
    // The decoder keeps working after garbage.
    QCOMPARE(decoder.decodeStream(fixture(u"realtime_list.json"_s)).ticks.size(), 1);
}

void tst_QmtCodec::wholeQuoteSnapshotAndDelta()
{
    Qmt::Decoder decoder;
    const Qmt::Frame snapshot = decoder.decodeStream(fixture(u"whole_quote_snapshot.json"_s));
    QCOMPARE(snapshot.kind, Qmt::Frame::Kind::Data);
    QCOMPARE(snapshot.ticks.size(), 2);
    QHash<QString, Qmt::Tick> state;
    for (const Qmt::Tick& t : snapshot.ticks)
        state[t.code].merge(t);
    QCOMPARE(state.size(), 2);

    const Qmt::Frame delta = decoder.decodeStream(fixture(u"whole_quote_delta.json"_s));
    QCOMPARE(delta.kind, Qmt::Frame::Kind::Data);
    QCOMPARE(delta.ticks.size(), 1);
    QVERIFY(!delta.ticks.first().hasBook);
    for (const Qmt::Tick& t : delta.ticks)
        state[t.code].merge(t);

    const Qmt::Tick& changed = state[u"000001.SZ"_s];
    QCOMPARE(changed.last, dec("10.52"));
    QCOMPARE(changed.volume, dec("50010"));
    QCOMPARE(changed.timeMs, 1726210803000LL);
    // Fields the delta did not carry keep the snapshot's values.
    QCOMPARE(changed.open, dec("10.4"));
    QCOMPARE(changed.prevClose, dec("10.45"));
    QCOMPARE(levelTexts(changed.asks), QStringList{u"10.51@1"_s});
    const Qmt::Tick& unchanged = state[u"600000.SH"_s];
    QCOMPARE(unchanged.last, dec("8.01"));
    QCOMPARE(unchanged.timeMs, 1726210800000LL);
}

void tst_QmtCodec::barsReplaceAndAppend()
{
    const QJsonArray frames = QJsonDocument::fromJson(fixture(u"bars_1m.json"_s)).array();
    QCOMPARE(frames.size(), 4);
    Qmt::Decoder decoder;
    Qmt::BarSeries series;
    QList<Qmt::BarSeries::Change> changes;
    for (const QJsonValue& value : frames) {
        const Qmt::Frame frame = decoder.decodeStream(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        QCOMPARE(frame.kind, Qmt::Frame::Kind::Data);
        QVERIFY(frame.ticks.isEmpty());
        QCOMPARE(frame.bars.size(), 1);
        QCOMPARE(frame.bars.first().code, u"600000.SH"_s);
        changes.append(series.apply(frame.bars.first()));
    }
    using C = Qmt::BarSeries::Change;
    QCOMPARE(changes, (QList<C>{C::Appended, C::Replaced, C::Appended, C::Ignored}));
    QCOMPARE(series.size(), 2);
    const Qmt::Bar& first = series.bars().at(0);
    QCOMPARE(first.timeMs, 1726210860000LL);
    QCOMPARE(first.close, dec("8.03")); // the forming bar was replaced
    QCOMPARE(first.high, dec("8.04"));
    QCOMPARE(first.volume, dec("180"));
    QCOMPARE(first.preClose, dec("7.99"));
    QCOMPARE(first.suspendFlag, 0);
    QCOMPARE(series.bars().at(1).timeMs, 1726210920000LL);
    QCOMPARE(series.bars().at(1).volume, dec("5"));
}

void tst_QmtCodec::barSeriesCapacity()
{
    Qmt::BarSeries series(3);
    for (int i = 0; i < 5; ++i) {
        Qmt::Bar bar;
        bar.timeMs = 60000LL * i;
        bar.close = Decimal::fromInt(i);
        QCOMPARE(series.apply(bar), Qmt::BarSeries::Change::Appended);
    }
    QCOMPARE(series.size(), 3);
    QCOMPARE(series.bars().first().timeMs, 120000LL);
    QCOMPARE(series.bars().last().close, Decimal::fromInt(4));
}

void tst_QmtCodec::marketDataTimeColumn_data()
{
    // The time column of market_data_ex rows is UNCONFIRMED (B.11, B.12 item 4): every shape must give one time.
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<qint64>("timeMs");
    const QByteArray ohlc = R"("open":8.0,"high":8.1,"low":7.9,"close":8.05,"volume":120,"amount":96000.0)";
    // 2024-09-13 09:31:00 and 2024-09-13 00:00:00 in Asia/Shanghai.
    const qint64 minute = 1726191060000LL;
    const qint64 day = 1726156800000LL;
    QTest::newRow("time ms") << QByteArray("{\"time\":1726191060000," + ohlc + '}') << minute;
    QTest::newRow("time s") << QByteArray("{\"time\":1726191060," + ohlc + '}') << minute;
    QTest::newRow("time float") << QByteArray("{\"time\":1.72619106e12," + ohlc + '}') << minute;
    QTest::newRow("time as text") << QByteArray("{\"time\":\"20240913093100\"," + ohlc + '}') << minute;
    QTest::newRow("index minute") << QByteArray("{\"index\":\"20240913093100\"," + ohlc + '}') << minute;
    QTest::newRow("index day") << QByteArray("{\"index\":\"20240913\"," + ohlc + '}') << day;
    QTest::newRow("index iso") << QByteArray("{\"index\":\"2024-09-13 09:31:00\"," + ohlc + '}') << minute;
    QTest::newRow("index timetag") << QByteArray("{\"index\":\"20240913 09:31:00\"," + ohlc + '}') << minute;
    QTest::newRow("date ms") << QByteArray("{\"date\":1726191060000," + ohlc + '}') << minute;
    QTest::newRow("time wins over index")
        << QByteArray("{\"index\":\"20240913\",\"time\":1726191060000," + ohlc + '}') << minute;
    QTest::newRow("index null, time ms") << QByteArray("{\"index\":null,\"time\":1726191060000," + ohlc + '}')
                                         << minute;
}

void tst_QmtCodec::marketDataTimeColumn()
{
    QFETCH(QByteArray, record);
    QFETCH(qint64, timeMs);
    Qmt::Decoder decoder;
    QHash<QString, QList<Qmt::Bar>> bars;
    QString error;
    const QByteArray body = "{\"data\":{\"600000.SH\":[" + record + "]}}";
    QVERIFY2(decoder.decodeMarketData(body, &bars, &error), qPrintable(error));
    QCOMPARE(bars.value(u"600000.SH"_s).size(), 1);
    const Qmt::Bar& bar = bars.value(u"600000.SH"_s).first();
    QCOMPARE(bar.timeMs, timeMs);
    QCOMPARE(bar.code, u"600000.SH"_s);
    QCOMPARE(bar.close, dec("8.05"));
    QCOMPARE(bar.volume, dec("120"));
}

void tst_QmtCodec::marketDataOrderAndErrors()
{
    Qmt::Decoder decoder;
    QHash<QString, QList<Qmt::Bar>> bars;
    // Rows out of order, a duplicate time (the later row wins), a row without any time (dropped), an empty code.
    const QByteArray body = R"({"data":{"600000.SH":[
        {"index":"20240913093300","open":8.1,"high":8.2,"low":8.0,"close":8.15,"volume":3},
        {"index":"20240913093100","open":8.0,"high":8.1,"low":7.9,"close":8.05,"volume":1},
        {"open":1.0,"high":1.0,"low":1.0,"close":1.0,"volume":9},
        {"index":"20240913093200","open":8.0,"high":8.1,"low":7.9,"close":8.06,"volume":2},
        {"index":"20240913093200","open":8.0,"high":8.1,"low":7.9,"close":8.07,"volume":2}],
        "000001.SZ":[]}})";
    QString error;
    QVERIFY2(decoder.decodeMarketData(body, &bars, &error), qPrintable(error));
    QCOMPARE(bars.size(), 2);
    QVERIFY(bars.value(u"000001.SZ"_s).isEmpty());
    const QList<Qmt::Bar> list = bars.value(u"600000.SH"_s);
    QCOMPARE(list.size(), 3);
    QCOMPARE(list.at(0).close, dec("8.05"));
    QCOMPARE(list.at(1).close, dec("8.07"));
    QCOMPARE(list.at(2).close, dec("8.15"));
    QCOMPARE(list.at(1).timeMs - list.at(0).timeMs, 60000LL);

    QVERIFY(!decoder.decodeMarketData("{\"detail\":[{\"type\":\"missing\"}]}", &bars, &error));
    QVERIFY2(error.startsWith(u"server error"_s), qPrintable(error));
    QVERIFY(!decoder.decodeMarketData("Internal Server Error", &bars, &error));
    QVERIFY(!error.isEmpty());
}

void tst_QmtCodec::instrumentDetails()
{
    Qmt::Decoder decoder;
    QList<Qmt::Instrument> list;
    QString error;
    QVERIFY2(decoder.decodeInstrumentDetails(fixture(u"detail_list.json"_s), &list, &error), qPrintable(error));
    QCOMPARE(list.size(), 3);
    QHash<QString, Qmt::Instrument> byCode;
    for (const Qmt::Instrument& i : list)
        byCode.insert(i.code, i);

    const Qmt::Instrument pf = byCode.value(u"600000.SH"_s);
    QVERIFY(pf.known);
    QCOMPARE(pf.name, u"浦发银行"_s);
    QCOMPARE(pf.exchangeId, u"SH"_s);
    QCOMPARE(pf.prevClose, dec("7.99"));
    QCOMPARE(pf.upStop, dec("8.79")); // 8.789999999999999
    QCOMPARE(pf.downStop, dec("7.19"));
    QCOMPARE(pf.priceTick, dec("0.01"));

    const Qmt::Instrument etf = byCode.value(u"510300.SH"_s);
    QVERIFY(etf.known);
    QCOMPARE(etf.priceTick, dec("0.001"));
    QCOMPARE(etf.upStop, dec("4.29"));

    const Qmt::Instrument unknown = byCode.value(u"999999.SH"_s);
    QCOMPARE(unknown.code, u"999999.SH"_s);
    QVERIFY(!unknown.known);
    QVERIFY(unknown.prevClose.isNull());

    // The ticks are remembered for the stream.
    QCOMPARE(decoder.priceTick(u"600000.SH"_s), dec("0.01"));
    QCOMPARE(decoder.priceTick(u"510300.SH"_s), dec("0.001"));
    QVERIFY(decoder.priceTick(u"999999.SH"_s).isNull());
    const Qmt::Frame frame = decoder.decodeStream(fixture(u"realtime_float_noise.json"_s));
    QCOMPARE(tickFor(frame.ticks, u"510300.SH"_s)->last, dec("3.877"));
}

void tst_QmtCodec::instrumentDetailSingle()
{
    Qmt::Decoder decoder;
    QList<Qmt::Instrument> list;
    QVERIFY(decoder.decodeInstrumentDetails(fixture(u"detail_single.json"_s), &list));
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().code, u"000001.SZ"_s);
    QVERIFY(list.first().known);
    QCOMPARE(list.first().name, u"平安银行"_s);
    QCOMPARE(list.first().upStop, dec("11.5"));
}

void tst_QmtCodec::instrumentDetailUnknown()
{
    Qmt::Decoder decoder;
    QList<Qmt::Instrument> list;
    QVERIFY(decoder.decodeInstrumentDetails(fixture(u"detail_single_null.json"_s), &list));
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().code, u"999999.SH"_s);
    QVERIFY(!list.first().known);
}

void tst_QmtCodec::stockNames()
{
    Qmt::Decoder decoder;
    QHash<QString, QString> names;
    QVERIFY(decoder.decodeStockNames(fixture(u"batch_stock_name.json"_s), &names));
    QCOMPARE(names.size(), 2); // the empty name is dropped
    QCOMPARE(names.value(u"600000.SH"_s), u"浦发银行"_s);
    QCOMPARE(names.value(u"000001.SZ"_s), u"平安银行"_s);
}

void tst_QmtCodec::fullTick()
{
    Qmt::Decoder decoder;
    decoder.setPriceTick(u"600000.SH"_s, dec("0.01"));
    QList<Qmt::Tick> ticks;
    QString error;
    QVERIFY2(decoder.decodeFullTick(fixture(u"full_tick.json"_s), &ticks, &error), qPrintable(error));
    QCOMPARE(ticks.size(), 2);
    const Qmt::Tick* pf = tickFor(ticks, u"600000.SH"_s);
    QVERIFY(pf);
    // timetag is Shanghai local time: 2024-09-13 14:59:59 +08:00.
    QCOMPARE(pf->timeMs, QDateTime(QDate(2024, 9, 13), QTime(6, 59, 59), QTimeZone::utc()).toMSecsSinceEpoch());
    QCOMPARE(pf->last, dec("8.01"));
    QCOMPARE(pf->stockStatus, 15);
    QCOMPARE(levelTexts(pf->bids), (QStringList{u"8.01@30"_s, u"8@40"_s}));
    // `time` wins over `timetag` when both are sent.
    QCOMPARE(tickFor(ticks, u"000001.SZ"_s)->timeMs, 1726210800000LL);
}

void tst_QmtCodec::stockList()
{
    Qmt::Decoder decoder;
    QString category;
    QStringList codes;
    QVERIFY(decoder.decodeStockList(fixture(u"stock_list.json"_s), &category, &codes));
    QCOMPARE(category, u"上证A股"_s);
    QCOMPARE(codes, (QStringList{u"600000.SH"_s, u"600519.SH"_s, u"601318.SH"_s}));
    QCOMPARE(Qmt::stockListCategory(Market::SH), category);
    QCOMPARE(Qmt::stockListCategory(Market::SZ), u"深证A股"_s);
    QCOMPARE(Qmt::stockListCategory(Market::BJ), u"北证A股"_s);
    QVERIFY(Qmt::stockListCategory(Market::HK).isEmpty());
}

void tst_QmtCodec::fastApiErrors()
{
    Qmt::Decoder decoder;
    const QByteArray body = fixture(u"fastapi_422.json"_s);
    QString error;
    QList<Qmt::Instrument> instruments;
    QVERIFY(!decoder.decodeInstrumentDetails(body, &instruments, &error));
    QVERIFY2(error.contains(u"field required"_s), qPrintable(error));
    QHash<QString, QString> names;
    QVERIFY(!decoder.decodeStockNames(body, &names, &error));
    QList<Qmt::Tick> ticks;
    QVERIFY(!decoder.decodeFullTick("Internal Server Error", &ticks, &error));
    QVERIFY(error.startsWith(u"invalid JSON"_s));
    QStringList codes;
    QVERIFY(!decoder.decodeStockList(body, nullptr, &codes, &error));
}

void tst_QmtCodec::encodeRequests()
{
    QCOMPARE(Qmt::encodeRealtimeRequest({u"600000.SH"_s, u"000001.SZ"_s}),
             QByteArray(R"({"period":"tick","stocks":["600000.SH","000001.SZ"]})"));
    QCOMPARE(Qmt::encodeRealtimeRequest({u"600000.SH"_s}, u"1m"_s),
             QByteArray(R"({"period":"1m","stocks":["600000.SH"]})"));
    QCOMPARE(Qmt::encodeWholeQuoteRequest({u"600000.SH"_s}), QByteArray(R"({"codes":["600000.SH"]})"));
}

void tst_QmtCodec::volumeUnits()
{
    // Volume is shown in lots; pvolume (shares) is 100x for A-shares in the sample.
    QCOMPARE(Qmt::DisplayedVolumeUnit, Qmt::VolumeUnit::Lots);
    QCOMPARE(Qmt::DisplayedSizeUnit, SizeUnits::Unit::Lots);
    SizeUnits units;
    units.setSourceUnit(u"qmt"_s, Qmt::DisplayedSizeUnit);
    QCOMPARE(units.unitFor(u"600000.SH"_s, u"qmt"_s), SizeUnits::Unit::Lots);
    Qmt::Decoder decoder;
    const Qmt::Tick t = decoder.decodeStream(fixture(u"whole_quote_snapshot.json"_s)).ticks.first();
    QCOMPARE(t.pvolume, t.volume * Decimal::fromInt(Qmt::SharesPerLot));
}

QTEST_GUILESS_MAIN(tst_QmtCodec)
#include "tst_qmtcodec.moc"
