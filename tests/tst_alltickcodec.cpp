#include "protocol/AllTickCodec.h"
#include "protocol/AllTickCodec_p.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(AllTick::Message::Kind)
Q_DECLARE_METATYPE(AllTick::CancelType)
Q_DECLARE_METATYPE(AllTick::Family)

char* toString(const Decimal& d)
{
    return QTest::toString(d.isNull() ? u"<null>"_s : d.toString());
}

namespace {

using Kind = AllTick::Message::Kind;

QByteArray fixture(const QString& name)
{
    QFile file(QStringLiteral(QM_FIXTURES "/alltick/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

const char* kindName(Kind kind)
{
    switch (kind) {
    case Kind::Malformed:
        return "Malformed";
    case Kind::Response:
        return "Response";
    case Kind::Trade:
        return "Trade";
    case Kind::Depth:
        return "Depth";
    case Kind::Unknown:
        return "Unknown";
    }
    return "?";
}

// "price@volume" per level; a null volume prints as "price@-".
QStringList levelTexts(const QList<BookLevel>& levels)
{
    QStringList out;
    for (const BookLevel& level : levels)
        out << level.price.toString() + u'@' + (level.volume.isNull() ? u"-"_s : level.volume.toString());
    return out;
}

// Every field of a decoded message, for comparing the two decoding paths.
QString describe(const AllTick::Message& m)
{
    const auto dec = [](const Decimal& d) { return d.isNull() ? u"-"_s : d.toString(); };
    QStringList parts = {QString::fromLatin1(kindName(m.kind)),
                         QString::number(m.cmdId),
                         QString::number(m.ret),
                         m.msg,
                         QString::number(m.seqId),
                         m.trace,
                         m.error};
    parts << m.trade.code << QString::number(m.trade.seq) << QString::number(m.trade.timeMs) << dec(m.trade.price)
          << dec(m.trade.volume) << dec(m.trade.turnover) << QString::number(int(m.trade.side));
    parts << m.book.code << QString::number(m.book.seq) << QString::number(m.book.timeMs)
          << levelTexts(m.book.bids).join(u' ') << levelTexts(m.book.asks).join(u' ');
    return parts.join(u'|');
}

QList<QByteArray> allPushFixtures()
{
    QList<QByteArray> frames;
    const QDir dir(QStringLiteral(QM_FIXTURES "/alltick"));
    for (const QString& name : dir.entryList({u"trade_*.json"_s, u"depth_*.json"_s}, QDir::Files))
        frames.append(fixture(name));
    return frames;
}

} // namespace

namespace QTest {
template <>
char* toString(const Kind& kind)
{
    return qstrdup(kindName(kind));
}
} // namespace QTest

class tst_AllTickCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodeTrade_data();
    void decodeTrade();
    void decodeDepth_data();
    void decodeDepth();
    void depthVolumeMissingVersusZero();
    void codesAreShared();
    void seqIsExact_data();
    void seqIsExact();
    void tickTimeUnits_data();
    void tickTimeUnits();
    void tradeDirection_data();
    void tradeDirection();
    void decodeResponse_data();
    void decodeResponse();
    void decodeUnknown_data();
    void decodeUnknown();
    void decodeMalformed_data();
    void decodeMalformed();
    void everyTruncationIsMalformed_data();
    void everyTruncationIsMalformed();
    void mutatedFramesNeverCrash();
    void decoderIsReusable();
    void textFramesDecodeLikeBytes();
    void scannerTakesPlainPushes_data();
    void scannerTakesPlainPushes();
    void scannerReadsDecimalsLikeDecimalParse();
    void scannerMatchesSimdjson();

    void encodeHeartbeat_data();
    void encodeHeartbeat();
    void encodeSubscribeTrade_data();
    void encodeSubscribeTrade();
    void encodeSubscribeDepth_data();
    void encodeSubscribeDepth();
    void encodeCancel_data();
    void encodeCancel();
    void encodedTraceIsValidJson_data();
    void encodedTraceIsValidJson();

    void familyOf_data();
    void familyOf();
    void maxDepthLevels_data();
    void maxDepthLevels();

    void encodeKlineQuery_data();
    void encodeKlineQuery();
    void encodeBatchKlineBody();
    void decodeKline();
    void decodeKlineErrors_data();
    void decodeKlineErrors();
    void decodeBatchKline();
    void referenceFromDailyBars_data();
    void referenceFromDailyBars();
};

// ------------------------------------------------------------------------------------------------ trade pushes

void tst_AllTickCodec::decodeTrade_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("code");
    QTest::addColumn<qint64>("seq");
    QTest::addColumn<qint64>("timeMs");
    QTest::addColumn<QString>("price");
    QTest::addColumn<QString>("volume");   // empty: null
    QTest::addColumn<QString>("turnover"); // empty: null
    QTest::addColumn<int>("side");

    QTest::newRow("doc example, integers") << u"trade_int_seq.json"_s << u"1288.HK"_s << 1605509068000001LL
                                           << 1605509068000LL << u"651.12"_s << u"300"_s << u"12345.6"_s << 1;
    QTest::newRow("older doc, strings") << u"trade_string_seq.json"_s << u"1288.HK"_s << 1605509068000001LL
                                        << 1605509068000LL << u"651.12"_s << u"300"_s << u"12345.6"_s << 1;
    QTest::newRow("capture, padded decimals ms") << u"trade_ms_padded.json"_s << u"600519.SH"_s << 1836410LL
                                                 << 1720162800891LL << u"37.7"_s << u"100000"_s << u"3770000"_s << 2;
    QTest::newRow("JSON numbers, pretty printed") << u"trade_number_price.json"_s << u"AAPL.US"_s << 1836411LL
                                                  << 1720162800892LL << u"189.25"_s << u"100"_s << u"18925"_s << 2;
    QTest::newRow("forex without turnover") << u"trade_forex_no_turnover.json"_s << u"EURUSD"_s << 88231LL
                                            << 1720162800123LL << u"1.08612"_s << u"0"_s << QString() << 0;
    QTest::newRow("unknown fields, data first")
        << u"trade_unknown_fields.json"_s << u"BTCUSDT"_s << 7LL << 1720162800000LL << u"64123.5"_s << u"0.0125"_s
        << u"801.54375"_s << 1;
    QTest::newRow("null values are missing") << u"trade_null_fields.json"_s << u"GOLD"_s << 0LL << 1720162800500LL
                                             << u"2356.78"_s << QString() << QString() << 0;
}

void tst_AllTickCodec::decodeTrade()
{
    QFETCH(QString, file);
    QFETCH(QString, code);
    QFETCH(qint64, seq);
    QFETCH(qint64, timeMs);
    QFETCH(QString, price);
    QFETCH(QString, volume);
    QFETCH(QString, turnover);
    QFETCH(int, side);

    AllTick::Decoder decoder;
    const AllTick::Message m = decoder.decode(fixture(file));
    QVERIFY2(m.kind == Kind::Trade, qPrintable(m.error));
    QCOMPARE(m.cmdId, int(AllTick::PushTrade));
    QCOMPARE(m.trade.code, code);
    QCOMPARE(m.trade.seq, seq);
    QCOMPARE(m.trade.timeMs, timeMs);
    QCOMPARE(m.trade.price.toString(), price);
    QCOMPARE(m.trade.volume.isNull(), volume.isEmpty());
    QCOMPARE(m.trade.volume.toString(), volume);
    QCOMPARE(m.trade.turnover.isNull(), turnover.isEmpty());
    QCOMPARE(m.trade.turnover.toString(), turnover);
    QCOMPARE(int(m.trade.side), side);
    QVERIFY(m.error.isEmpty());
    QCOMPARE(m.ret, 0);
}

// ------------------------------------------------------------------------------------------------ depth pushes

void tst_AllTickCodec::decodeDepth_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("code");
    QTest::addColumn<qint64>("seq");
    QTest::addColumn<qint64>("timeMs");
    QTest::addColumn<QStringList>("bids");
    QTest::addColumn<QStringList>("asks");

    QTest::newRow("doc example") << u"depth_doc_example.json"_s << u"HK-1288"_s << 1605509068000001LL << 1605509068000LL
                                 << QStringList{u"9.12@9.12"_s} << QStringList{u"147.12@147.12"_s};
    QTest::newRow("doc example, strings")
        << u"depth_string_seq.json"_s << u"HK-1288"_s << 1605509068000001LL << 1605509068000LL
        << QStringList{u"9.12@9.12"_s} << QStringList{u"147.12@147.12"_s};
    QTest::newRow("forex without volume")
        << u"depth_forex_no_volume.json"_s << u"EURUSD"_s << 88232LL << 1720162800124LL << QStringList{u"1.08612@-"_s}
        << QStringList{u"1.08615@-"_s};
    QTest::newRow("metal with zero volume")
        << u"depth_forex_zero_volume.json"_s << u"XAUUSD"_s << 88233LL << 1720162800125LL << QStringList{u"2356.7@0"_s}
        << QStringList{u"2356.9@0"_s};
    QTest::newRow("limit up, empty asks")
        << u"depth_empty_side.json"_s << u"600519.SH"_s << 1836420LL << 1720162801000LL
        << QStringList{u"1693.8@100000"_s, u"1693.79@300"_s} << QStringList{};
    QTest::newRow("missing and null sides") << u"depth_missing_sides.json"_s << u"000001.SZ"_s << 1836421LL
                                            << 1720162801001LL << QStringList{} << QStringList{};
    QTest::newRow("JSON numbers, unknown level field")
        << u"depth_number_values.json"_s << u"ETHUSDT"_s << 9LL << 1720162801002LL
        << QStringList{u"3401.25@1.5"_s, u"3401.2@0"_s} << QStringList{u"3401.3@12.75"_s};
    QTest::newRow("A-share five levels") << u"depth_ashare_5.json"_s << u"600519.SH"_s << 1836430LL << 1720162802000LL
                                         << QStringList{u"1693.8@100"_s, u"1693.79@200"_s, u"1693.7@300"_s,
                                                        u"1693.6@400"_s, u"1693.5@500"_s}
                                         << QStringList{u"1693.9@600"_s, u"1694@700"_s, u"1694.1@800"_s,
                                                        u"1694.2@900"_s, u"1694.3@1000"_s};

    QStringList hkBids, hkAsks;
    for (int i = 0; i < 10; ++i) {
        hkBids << (Decimal::fromUnits(3824 - 2 * i, 1).toString() + u'@' + QString::number(1000 * (i + 1)));
        hkAsks << (Decimal::fromUnits(3826 + 2 * i, 1).toString() + u'@' + QString::number(500 * (i + 1)));
    }
    QTest::newRow("HK ten levels") << u"depth_hk_10.json"_s << u"700.HK"_s << 1720162801003001LL << 1720162801003LL
                                   << hkBids << hkAsks;
}

void tst_AllTickCodec::decodeDepth()
{
    QFETCH(QString, file);
    QFETCH(QString, code);
    QFETCH(qint64, seq);
    QFETCH(qint64, timeMs);
    QFETCH(QStringList, bids);
    QFETCH(QStringList, asks);

    AllTick::Decoder decoder;
    const AllTick::Message m = decoder.decode(fixture(file));
    QVERIFY2(m.kind == Kind::Depth, qPrintable(m.error));
    QCOMPARE(m.cmdId, int(AllTick::PushDepth));
    QCOMPARE(m.book.code, code);
    QCOMPARE(m.book.seq, seq);
    QCOMPARE(m.book.timeMs, timeMs);
    QCOMPARE(levelTexts(m.book.bids), bids);
    QCOMPARE(levelTexts(m.book.asks), asks);
}

void tst_AllTickCodec::codesAreShared()
{
    // One QString per symbol, not one per message.
    AllTick::Decoder decoder;
    const AllTick::Message a =
        decoder.decode(QByteArrayView(R"({"cmd_id":22998,"data":{"code":"700.HK","price":"1"}})"));
    const AllTick::Message b = decoder.decode(QByteArrayView(R"({"cmd_id":22999,"data":{"code":"700.HK","bids":[]}})"));
    const AllTick::Message c =
        decoder.decode(QByteArrayView(R"({"cmd_id":22998,"data":{"code":"AAPL.US","price":"1"}})"));
    QCOMPARE(a.kind, AllTick::Message::Kind::Trade);
    QCOMPARE(b.kind, AllTick::Message::Kind::Depth);
    QCOMPARE(a.trade.code, u"700.HK"_s);
    QCOMPARE(b.book.code, u"700.HK"_s);
    QCOMPARE(c.trade.code, u"AAPL.US"_s);
    QVERIFY(a.trade.code.constData() == b.book.code.constData());
}

void tst_AllTickCodec::depthVolumeMissingVersusZero()
{
    AllTick::Decoder decoder;
    const AllTick::Message missing = decoder.decode(fixture(u"depth_forex_no_volume.json"_s));
    QCOMPARE(missing.kind, Kind::Depth);
    QCOMPARE(missing.book.bids.size(), 1);
    QVERIFY(missing.book.bids.first().volume.isNull());
    QVERIFY(!missing.book.bids.first().volume.isZero());

    const AllTick::Message zero = decoder.decode(fixture(u"depth_forex_zero_volume.json"_s));
    QCOMPARE(zero.kind, Kind::Depth);
    QCOMPARE(zero.book.asks.size(), 1);
    QVERIFY(!zero.book.asks.first().volume.isNull());
    QVERIFY(zero.book.asks.first().volume.isZero());
}

// ------------------------------------------------------------------------------------------------ field forms

void tst_AllTickCodec::seqIsExact_data()
{
    QTest::addColumn<QByteArray>("seqJson");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("doc value as string") << "\"1605509068000001\""_ba << 1605509068000001LL;
    QTest::newRow("doc value as integer") << "1605509068000001"_ba << 1605509068000001LL;
    // 2^53 + 1 is not a double: it survives only if it never goes through one.
    QTest::newRow("2^53+1 as integer") << "9007199254740993"_ba << 9007199254740993LL;
    QTest::newRow("2^53+1 as string") << "\"9007199254740993\""_ba << 9007199254740993LL;
    QTest::newRow("int64 max") << "9223372036854775807"_ba << 9223372036854775807LL;
    QTest::newRow("small") << "\"1836410\""_ba << 1836410LL;
    QTest::newRow("integral decimal text") << "\"42.0\""_ba << 42LL;
    QTest::newRow("garbage is zero") << "\"x12\""_ba << 0LL;
    QTest::newRow("overflow is zero") << "\"92233720368547758080\""_ba << 0LL;
    QTest::newRow("boolean is zero") << "true"_ba << 0LL;
}

void tst_AllTickCodec::seqIsExact()
{
    QFETCH(QByteArray, seqJson);
    QFETCH(qint64, expected);

    AllTick::Decoder decoder;
    const QByteArray trade = R"({"cmd_id":22998,"data":{"code":"700.HK","price":"382.6","seq":)"_ba + seqJson + "}}";
    const AllTick::Message t = decoder.decode(trade);
    QVERIFY2(t.kind == Kind::Trade, qPrintable(t.error));
    QCOMPARE(t.trade.seq, expected);

    const QByteArray depth = R"({"cmd_id":22999,"data":{"seq":)"_ba + seqJson + R"(,"code":"700.HK","bids":[]}})";
    const AllTick::Message d = decoder.decode(depth);
    QVERIFY2(d.kind == Kind::Depth, qPrintable(d.error));
    QCOMPARE(d.book.seq, expected);
}

void tst_AllTickCodec::tickTimeUnits_data()
{
    QTest::addColumn<QByteArray>("tickTimeJson");
    QTest::addColumn<qint64>("expectedMs");

    QTest::newRow("seconds integer") << "1605509068"_ba << 1605509068000LL;
    QTest::newRow("seconds string") << "\"1605509068\""_ba << 1605509068000LL;
    QTest::newRow("ms integer") << "1720162800891"_ba << 1720162800891LL;
    QTest::newRow("ms string") << "\"1720162800891\""_ba << 1720162800891LL;
    QTest::newRow("just below 10^12 is seconds") << "999999999999"_ba << 999999999999000LL;
    QTest::newRow("10^12 is ms") << "1000000000000"_ba << 1000000000000LL;
    QTest::newRow("padded string") << "\" 1720162800891 \""_ba << 1720162800891LL;
}

void tst_AllTickCodec::tickTimeUnits()
{
    QFETCH(QByteArray, tickTimeJson);
    QFETCH(qint64, expectedMs);

    AllTick::Decoder decoder;
    const QByteArray trade =
        R"({"cmd_id":22998,"data":{"code":"EURUSD","price":"1.1","tick_time":)"_ba + tickTimeJson + "}}";
    const AllTick::Message m = decoder.decode(trade);
    QVERIFY2(m.kind == Kind::Trade, qPrintable(m.error));
    QCOMPARE(m.trade.timeMs, expectedMs);
    QCOMPARE(AllTick::normalizeTickTime(expectedMs), expectedMs);
}

void tst_AllTickCodec::tradeDirection_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("side");

    QTest::newRow("0") << "0"_ba << int(TradeSide::Neutral);
    QTest::newRow("1") << "1"_ba << int(TradeSide::Buy);
    QTest::newRow("2") << "2"_ba << int(TradeSide::Sell);
    QTest::newRow("\"1\"") << "\"1\""_ba << int(TradeSide::Buy);
    QTest::newRow("\"2\"") << "\"2\""_ba << int(TradeSide::Sell);
    QTest::newRow("unknown value") << "7"_ba << int(TradeSide::Neutral);
    QTest::newRow("null") << "null"_ba << int(TradeSide::Neutral);
    QTest::newRow("garbage string") << "\"up\""_ba << int(TradeSide::Neutral);
}

void tst_AllTickCodec::tradeDirection()
{
    QFETCH(QByteArray, json);
    QFETCH(int, side);
    AllTick::Decoder decoder;
    const QByteArray frame =
        R"({"cmd_id":22998,"data":{"code":"GOLD","price":"2356.7","trade_direction":)"_ba + json + "}}";
    const AllTick::Message m = decoder.decode(frame);
    QVERIFY2(m.kind == Kind::Trade, qPrintable(m.error));
    QCOMPARE(int(m.trade.side), side);
}

// ------------------------------------------------------------------------------------------------ responses

void tst_AllTickCodec::decodeResponse_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("cmdId");
    QTest::addColumn<int>("ret");
    QTest::addColumn<QString>("msg");
    QTest::addColumn<qint64>("seqId");
    QTest::addColumn<QString>("trace");

    QTest::newRow("heartbeat ack") << u"response_heartbeat.json"_s << 22001 << 200 << u"ok"_s << 123LL
                                   << u"3baaa938-f92c-4a74-a228-fd49d5e2f8bc-1678419657806"_s;
    QTest::newRow("subscribe ack, seq_id string")
        << u"response_subscribe_depth.json"_s << 22003 << 200 << u"ok"_s << 4294967295LL << u"sub-depth-1"_s;
    QTest::newRow("code invalid") << u"response_code_invalid.json"_s << 22005 << 600 << u"code invalid"_s << 8LL
                                  << u"sub-trade-2"_s;
    QTest::newRow("header error 400") << u"response_header_error.json"_s << 0 << 400
                                      << u"request header param invalid"_s << 0LL << QString();
    QTest::newRow("header error 201 (doc example)")
        << u"response_header_error_201.json"_s << 0 << 201 << u"request header param invalid"_s << 0LL << QString();
    QTest::newRow("606, ret last, data null") << u"response_rate_close.json"_s << 22003 << 606
                                              << u"too many requests and connection will be closed"_s << 9LL << u"x"_s;
    QTest::newRow("no cmd_id (HTTP-style 401)")
        << u"response_token_required.json"_s << 0 << 401 << u"token is required"_s << 0LL << QString();
}

void tst_AllTickCodec::decodeResponse()
{
    QFETCH(QString, file);
    QFETCH(int, cmdId);
    QFETCH(int, ret);
    QFETCH(QString, msg);
    QFETCH(qint64, seqId);
    QFETCH(QString, trace);

    AllTick::Decoder decoder;
    const AllTick::Message m = decoder.decode(fixture(file));
    QVERIFY2(m.kind == Kind::Response, qPrintable(m.error));
    QCOMPARE(m.cmdId, cmdId);
    QCOMPARE(m.ret, ret);
    QCOMPARE(m.msg, msg);
    QCOMPARE(m.seqId, seqId);
    QCOMPARE(m.trace, trace);
}

void tst_AllTickCodec::decodeUnknown_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("cmdId");

    QTest::newRow("ack without ret") << R"({"cmd_id":22001,"seq_id":1,"trace":"t","data":{}})"_ba << 22001;
    QTest::newRow("future push") << R"({"cmd_id":23000,"data":{"code":"700.HK","price":"1"}})"_ba << 23000;
    QTest::newRow("cmd_id as string") << R"({"cmd_id":"22005"})"_ba << 22005;
    QTest::newRow("cmd_id zero without ret") << R"({"cmd_id":0,"data":{}})"_ba << 0;
}

void tst_AllTickCodec::decodeUnknown()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, cmdId);
    AllTick::Decoder decoder;
    const AllTick::Message m = decoder.decode(frame);
    QVERIFY2(m.kind == Kind::Unknown, qPrintable(m.error));
    QCOMPARE(m.cmdId, cmdId);
}

// ------------------------------------------------------------------------------------------------ malformed input

void tst_AllTickCodec::decodeMalformed_data()
{
    QTest::addColumn<QByteArray>("frame");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("whitespace") << " \r\n\t "_ba;
    QTest::newRow("truncated (fixture)") << fixture(u"malformed_truncated.txt"_s);
    QTest::newRow("top-level array (fixture)") << fixture(u"malformed_array.json"_s);
    QTest::newRow("missing cmd_id (fixture)") << fixture(u"malformed_missing_cmd_id.json"_s);
    QTest::newRow("trade without price (fixture)") << fixture(u"malformed_trade_no_price.json"_s);
    QTest::newRow("trade price abc (fixture)") << fixture(u"malformed_trade_price_abc.json"_s);
    QTest::newRow("depth without code (fixture)") << fixture(u"malformed_depth_no_code.json"_s);
    QTest::newRow("trailing second object (fixture)") << fixture(u"malformed_trailing.txt"_s);
    QTest::newRow("binary garbage (fixture)") << fixture(u"malformed_binary.bin"_s);
    QTest::newRow("NUL bytes") << QByteArray(64, '\0');
    QTest::newRow("invalid UTF-8 in string")
        << "{\"cmd_id\":22998,\"data\":{\"code\":\"\xff\xfe\",\"price\":\"1\"}}"_ba;
    QTest::newRow("not JSON") << "hello"_ba;
    QTest::newRow("scalar number") << "22998"_ba;
    QTest::newRow("scalar string") << "\"cmd_id\""_ba;
    QTest::newRow("null") << "null"_ba;
    QTest::newRow("open brace") << "{"_ba;
    QTest::newRow("close brace") << "}"_ba;
    QTest::newRow("unterminated string") << R"({"cmd_id":22998,"data":{"code":"700.HK)"_ba;
    QTest::newRow("missing value") << R"({"cmd_id":})"_ba;
    QTest::newRow("missing colon") << R"({"cmd_id" 22998})"_ba;
    QTest::newRow("trailing comma") << R"({"cmd_id":22998,"data":{"code":"A","price":"1",}})"_ba;
    QTest::newRow("unbalanced array") << R"({"cmd_id":22999,"data":{"code":"A","bids":[{"price":"1"}}})"_ba;
    QTest::newRow("extra close") << R"({"cmd_id":22998,"data":{"code":"A","price":"1"}}})"_ba;
    QTest::newRow("cmd_id garbage") << R"({"cmd_id":"abc","data":{}})"_ba;
    QTest::newRow("cmd_id float") << R"({"cmd_id":22998.5,"data":{"code":"A","price":"1"}})"_ba;
    QTest::newRow("cmd_id too big") << R"({"cmd_id":99999999999,"data":{}})"_ba;
    QTest::newRow("cmd_id null") << R"({"cmd_id":null,"data":{}})"_ba;
    QTest::newRow("trade without data") << R"({"cmd_id":22998})"_ba;
    QTest::newRow("trade data is array") << R"({"cmd_id":22998,"data":[{"code":"A","price":"1"}]})"_ba;
    QTest::newRow("trade without code") << R"({"cmd_id":22998,"data":{"price":"1"}})"_ba;
    QTest::newRow("trade empty code") << R"({"cmd_id":22998,"data":{"code":"","price":"1"}})"_ba;
    QTest::newRow("trade code number") << R"({"cmd_id":22998,"data":{"code":700,"price":"1"}})"_ba;
    QTest::newRow("trade price null") << R"({"cmd_id":22998,"data":{"code":"A","price":null}})"_ba;
    QTest::newRow("trade price bool") << R"({"cmd_id":22998,"data":{"code":"A","price":true}})"_ba;
    QTest::newRow("trade price object") << R"({"cmd_id":22998,"data":{"code":"A","price":{"v":"1"}}})"_ba;
    QTest::newRow("trade price exponent string") << R"({"cmd_id":22998,"data":{"code":"A","price":"1e3"}})"_ba;
    QTest::newRow("trade price empty") << R"({"cmd_id":22998,"data":{"code":"A","price":""}})"_ba;
    QTest::newRow("trade price bad number") << R"({"cmd_id":22998,"data":{"code":"A","price":1.2.3}})"_ba;
    QTest::newRow("depth without data") << R"({"cmd_id":22999,"data":null})"_ba;
    QTest::newRow("ret garbage") << R"({"ret":"ok","cmd_id":22001})"_ba;
    QTest::newRow("deep nesting") << QByteArray(5000, '[') + QByteArray(5000, ']');
    QTest::newRow("deep nesting in data")
        << R"({"cmd_id":22998,"data":{"x":)"_ba + QByteArray(3000, '[') + QByteArray(3000, ']') + "}}";
}

void tst_AllTickCodec::decodeMalformed()
{
    QFETCH(QByteArray, frame);
    AllTick::Decoder decoder;
    const AllTick::Message m = decoder.decode(frame);
    QCOMPARE(m.kind, Kind::Malformed);
    QVERIFY(!m.error.isEmpty());
    // The decoder is still usable afterwards.
    QCOMPARE(decoder.decode(fixture(u"trade_int_seq.json"_s)).kind, Kind::Trade);
}

void tst_AllTickCodec::everyTruncationIsMalformed_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("trade") << u"trade_string_seq.json"_s;
    QTest::newRow("trade, numbers") << u"trade_number_price.json"_s;
    QTest::newRow("depth") << u"depth_hk_10.json"_s;
    QTest::newRow("response") << u"response_heartbeat.json"_s;
}

void tst_AllTickCodec::everyTruncationIsMalformed()
{
    QFETCH(QString, file);
    const QByteArray full = fixture(file).trimmed();
    AllTick::Decoder decoder;
    QVERIFY(decoder.decode(full).kind != Kind::Malformed);
    for (qsizetype n = 0; n < full.size(); ++n) {
        const AllTick::Message m = decoder.decode(QByteArrayView(full.constData(), n));
        if (m.kind != Kind::Malformed)
            QFAIL(qPrintable(u"prefix of %1 bytes decoded as %2"_s.arg(n).arg(QLatin1String(kindName(m.kind)))));
    }
}

void tst_AllTickCodec::mutatedFramesNeverCrash()
{
    // Deterministic fuzzing: random byte edits of every fixture must decode to something without crashing, and a
    // trade or depth result must still carry a code.
    const QStringList files = {u"trade_int_seq.json"_s,       u"trade_unknown_fields.json"_s,
                               u"trade_number_price.json"_s,  u"depth_hk_10.json"_s,
                               u"depth_number_values.json"_s, u"depth_forex_no_volume.json"_s,
                               u"response_rate_close.json"_s, u"kline_daily.json"_s};
    static const char alphabet[] = "{}[]\":,.-+0123456789eEnulltruefalse \\\x00\xff";
    QRandomGenerator rng(20240705);
    AllTick::Decoder decoder;
    int decoded = 0;
    for (const QString& file : files) {
        const QByteArray original = fixture(file);
        for (int round = 0; round < 1500; ++round) {
            QByteArray frame = original;
            const int edits = 1 + int(rng.bounded(4));
            for (int e = 0; e < edits && !frame.isEmpty(); ++e) {
                const qsizetype pos = qsizetype(rng.bounded(quint32(frame.size())));
                switch (rng.bounded(3)) {
                case 0:
                    frame[pos] = alphabet[rng.bounded(quint32(sizeof(alphabet) - 1))];
                    break;
                case 1:
                    frame.remove(pos, 1 + qsizetype(rng.bounded(8)));
                    break;
                default:
                    frame.insert(pos, alphabet[rng.bounded(quint32(sizeof(alphabet) - 1))]);
                    break;
                }
            }
            const AllTick::Message m = decoder.decode(frame);
            if (m.kind == Kind::Trade) {
                QVERIFY(!m.trade.code.isEmpty());
                QVERIFY(!m.trade.price.isNull());
            } else if (m.kind == Kind::Depth) {
                QVERIFY(!m.book.code.isEmpty());
            } else if (m.kind == Kind::Malformed) {
                QVERIFY(!m.error.isEmpty());
            }
            ++decoded;
        }
    }
    QCOMPARE(decoded, int(files.size()) * 1500);
}

void tst_AllTickCodec::decoderIsReusable()
{
    // One decoder, frames of growing and shrinking size: the padded buffer is reused and results do not leak
    // between frames.
    AllTick::Decoder decoder;
    const QByteArray small = fixture(u"trade_forex_no_turnover.json"_s);
    QByteArray big = fixture(u"depth_hk_10.json"_s);
    big.insert(big.indexOf("\"code\""), R"("pad":")"_ba + QByteArray(20000, 'x') + "\",");
    for (int i = 0; i < 3; ++i) {
        const AllTick::Message a = decoder.decode(big);
        QVERIFY2(a.kind == Kind::Depth, qPrintable(a.error));
        QCOMPARE(a.book.bids.size(), 10);
        const AllTick::Message b = decoder.decode(small);
        QVERIFY2(b.kind == Kind::Trade, qPrintable(b.error));
        QCOMPARE(b.trade.code, u"EURUSD"_s);
        QVERIFY(b.book.bids.isEmpty());
        QCOMPARE(decoder.decode(QByteArrayView(small.constData(), 20)).kind, Kind::Malformed);
    }
}

void tst_AllTickCodec::textFramesDecodeLikeBytes()
{
    // The socket path hands QString frames to decode(QStringView), which encodes into the parse buffer itself: every
    // fixture, and a non-ASCII message, must decode exactly as from the UTF-8 bytes.
    AllTick::Decoder text;
    AllTick::Decoder bytes;
    QList<QByteArray> frames;
    const QDir dir(QStringLiteral(QM_FIXTURES "/alltick"));
    for (const QString& name : dir.entryList({u"*.json"_s}, QDir::Files))
        frames.append(fixture(name));
    frames.append(
        u"{\"cmd_id\":22005,\"seq_id\":7,\"trace\":\"t\",\"ret\":600,\"msg\":\"代码无效: 贵州茅台\",\"data\":{}}"_s
            .toUtf8());
    QVERIFY(frames.size() > 10);
    for (const QByteArray& frame : std::as_const(frames)) {
        const AllTick::Message a = text.decode(QStringView(QString::fromUtf8(frame)));
        const AllTick::Message b = bytes.decode(frame);
        QCOMPARE(a.kind, b.kind);
        QCOMPARE(a.msg, b.msg);
        QCOMPARE(a.trade.code, b.trade.code);
        QCOMPARE(a.trade.price, b.trade.price);
        QCOMPARE(a.book.bids.size(), b.book.bids.size());
        QCOMPARE(a.book.asks.size(), b.book.asks.size());
    }
    QCOMPARE(text.decode(QStringView(QString::fromUtf8(frames.last()))).msg, u"代码无效: 贵州茅台"_s);
}

void tst_AllTickCodec::scannerTakesPlainPushes_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("taken"); // by the one-pass scanner; otherwise left to simdjson
    QTest::newRow("trade") << fixture(u"trade_string_seq.json"_s) << true;
    QTest::newRow("trade, integers") << fixture(u"trade_int_seq.json"_s) << true;
    QTest::newRow("trade, null fields") << fixture(u"trade_null_fields.json"_s) << true;
    QTest::newRow("trade, number price") << fixture(u"trade_number_price.json"_s) << true;
    QTest::newRow("depth, A-share") << fixture(u"depth_ashare_5.json"_s) << true;
    QTest::newRow("depth, HK 10") << fixture(u"depth_hk_10.json"_s) << true;
    QTest::newRow("depth, empty side") << fixture(u"depth_empty_side.json"_s) << true;
    QTest::newRow("depth, forex") << fixture(u"depth_forex_no_volume.json"_s) << true;
    QTest::newRow("spaces everywhere")
        << QByteArray(" {\n \"data\" : { \"code\" : \"AAPL.US\" , \"price\" : \" 1.5 \" } ,\t\"cmd_id\" : 22998 }\r\n")
        << true;
    QTest::newRow("unknown scalar fields")
        << QByteArray(R"({"cmd_id":22998,"x":true,"data":{"code":"A.US","y":false,"z":null,"w":"s","price":"1"}})")
        << true;
    QTest::newRow("nested unknown value") << fixture(u"trade_unknown_fields.json"_s) << false;
    QTest::newRow("response") << fixture(u"response_heartbeat.json"_s) << false;
    QTest::newRow("unknown command") << QByteArray(R"({"cmd_id":23000,"data":{"code":"A.US"}})") << false;
    QTest::newRow("escaped code") << QByteArray(R"({"cmd_id":22998,"data":{"code":"A\u002eUS","price":"1"}})") << false;
    QTest::newRow("duplicate key") << QByteArray(R"({"cmd_id":22998,"data":{"code":"A.US","price":"1","price":"2"}})")
                                   << false;
    QTest::newRow("non-ASCII") << QByteArray(
                                      "{\"cmd_id\":22998,\"data\":{\"code\":\"\xe8\x8c\x85.SH\",\"price\":\"1\"}}")
                               << false;
    QTest::newRow("trailing content") << fixture(u"malformed_trailing.txt"_s) << false;
    QTest::newRow("truncated") << fixture(u"malformed_truncated.txt"_s) << false;
    QTest::newRow("price abc") << fixture(u"malformed_trade_price_abc.json"_s) << false;
    QTest::newRow("no data") << QByteArray(R"({"cmd_id":22998})") << false;
    QTest::newRow("code not a string") << QByteArray(R"({"cmd_id":22998,"data":{"code":5,"price":"1"}})") << false;
}

void tst_AllTickCodec::scannerTakesPlainPushes()
{
    QFETCH(QByteArray, frame);
    QFETCH(bool, taken);
    int cmdId = 0;
    AllTick::detail::Payload payload;
    QCOMPARE(AllTick::detail::scanPush(std::string_view(frame.constData(), size_t(frame.size())), &cmdId, &payload),
             taken);
    if (taken) {
        QVERIFY(cmdId == AllTick::PushTrade || cmdId == AllTick::PushDepth);
        QVERIFY(!payload.code.empty());
    }
}

void tst_AllTickCodec::scannerReadsDecimalsLikeDecimalParse()
{
    // The scanner reads the usual price and size strings itself: every form, usual or not, must give what the
    // simdjson path (Decimal::parse) gives, including the ones it leaves to that path.
    const QStringList values = {u"0"_s,
                                u"-0"_s,
                                u"0.0"_s,
                                u"-0.000"_s,
                                u"00012.500"_s,
                                u"37.700000"_s,
                                u"189.25"_s,
                                u"-3.05"_s,
                                u"0.0000000001"_s,
                                u"1.00000000015"_s,
                                u"1.23456789012"_s,
                                u"123456789012345678"_s,
                                u"12345678.1234567891"_s,
                                u"1234567890123456789"_s,
                                u"9223372036854775807"_s,
                                u"99999999999999999999"_s,
                                u"5."_s,
                                u".5"_s,
                                u"-"_s,
                                u"1e3"_s,
                                u" 1.5 "_s,
                                u"+1.5"_s,
                                u"1.5x"_s,
                                u"1..5"_s,
                                u""_s};
    AllTick::Decoder fast;
    AllTick::Decoder simd;
    simd.setFastPathEnabled(false);
    for (const QString& value : values) {
        for (const QString& frame :
             {uR"({"cmd_id":22998,"data":{"code":"A.US","price":"%1","volume":"%1","turnover":"%1"}})"_s.arg(value),
              uR"({"cmd_id":22999,"data":{"code":"A.US","bids":[{"price":"%1","volume":"%1"}],"asks":[]}})"_s.arg(
                  value)}) {
            const QByteArray bytes = frame.toUtf8();
            QCOMPARE(describe(fast.decode(bytes)), describe(simd.decode(bytes)));
        }
    }
    QCOMPARE(fast.decode(QByteArray(R"({"cmd_id":22998,"data":{"code":"A.US","price":"00012.500"}})")).trade.price,
             Decimal::fromUnits(125, 1));
}

void tst_AllTickCodec::scannerMatchesSimdjson()
{
    // Whatever the scanner takes must decode exactly as simdjson reads it: every fixture, the flood-shaped frames
    // above, and thousands of mutations of them (fields edited, removed, duplicated, whitespace, nulls, garbage).
    AllTick::Decoder fast;
    AllTick::Decoder simd;
    simd.setFastPathEnabled(false);
    QList<QByteArray> originals = allPushFixtures();
    const QDir dir(QStringLiteral(QM_FIXTURES "/alltick"));
    for (const QString& name : dir.entryList({u"*.json"_s, u"*.txt"_s}, QDir::Files))
        originals.append(fixture(name));
    QVERIFY(originals.size() > 20);
    static const char* const pieces[] = {" ",    "\n", "null",     "\"",          ",",   ":",  "{",         "}",
                                         "[",    "]",  "\"1.50\"", "-0.5",        "1e3", "\\", "\"price\"", "\"code\"",
                                         "true", "12", "\"x\":1,", "\"bids\":[]", "\xff"};
    QRandomGenerator rng(20261124);
    int compared = 0, scanned = 0;
    for (const QByteArray& original : std::as_const(originals)) {
        for (int round = 0; round < 600; ++round) {
            QByteArray frame = original;
            const int edits = round == 0 ? 0 : 1 + int(rng.bounded(3));
            for (int e = 0; e < edits && !frame.isEmpty(); ++e) {
                const qsizetype pos = qsizetype(rng.bounded(quint32(frame.size())));
                const char* piece = pieces[rng.bounded(quint32(std::size(pieces)))];
                switch (rng.bounded(3)) {
                case 0:
                    frame.insert(pos, piece);
                    break;
                case 1:
                    frame.remove(pos, 1 + qsizetype(rng.bounded(6)));
                    break;
                default:
                    frame.replace(pos, 1, piece);
                    break;
                }
            }
            int cmdId = 0;
            AllTick::detail::Payload payload;
            scanned +=
                AllTick::detail::scanPush(std::string_view(frame.constData(), size_t(frame.size())), &cmdId, &payload);
            const QString a = describe(fast.decode(frame));
            const QString b = describe(simd.decode(frame));
            if (a != b)
                qWarning().noquote() << "frame:" << frame;
            QCOMPARE(a, b);
            QCOMPARE(describe(fast.decode(QStringView(QString::fromUtf8(frame)))),
                     describe(simd.decode(QStringView(QString::fromUtf8(frame)))));
            ++compared;
        }
    }
    // The mutations must exercise the scanner, not only the fallback.
    QVERIFY2(scanned > compared / 20, qPrintable(u"%1 of %2 frames scanned"_s.arg(scanned).arg(compared)));
}

// ------------------------------------------------------------------------------------------------ encoders

void tst_AllTickCodec::encodeHeartbeat_data()
{
    QTest::addColumn<quint32>("seqId");
    QTest::addColumn<QString>("trace");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("doc") << 123u << u"3baaa938-f92c"_s
                         << R"({"cmd_id":22000,"seq_id":123,"trace":"3baaa938-f92c","data":{}})"_ba;
    QTest::newRow("max seq, empty trace")
        << 4294967295u << QString() << R"({"cmd_id":22000,"seq_id":4294967295,"trace":"","data":{}})"_ba;
}

void tst_AllTickCodec::encodeHeartbeat()
{
    QFETCH(quint32, seqId);
    QFETCH(QString, trace);
    QFETCH(QByteArray, expected);
    QCOMPARE(AllTick::encodeHeartbeat(seqId, trace), expected);
}

void tst_AllTickCodec::encodeSubscribeTrade_data()
{
    QTest::addColumn<QStringList>("codes");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("two codes") << QStringList{u"700.HK"_s, u"UNH.US"_s}
                               << R"({"cmd_id":22004,"seq_id":7,"trace":"abc",)"
                                  R"("data":{"symbol_list":[{"code":"700.HK"},{"code":"UNH.US"}]}})"_ba;
    QTest::newRow("one code")
        << QStringList{u"BTCUSDT"_s}
        << R"({"cmd_id":22004,"seq_id":7,"trace":"abc","data":{"symbol_list":[{"code":"BTCUSDT"}]}})"_ba;
    QTest::newRow("empty list") << QStringList{}
                                << R"({"cmd_id":22004,"seq_id":7,"trace":"abc","data":{"symbol_list":[]}})"_ba;
}

void tst_AllTickCodec::encodeSubscribeTrade()
{
    QFETCH(QStringList, codes);
    QFETCH(QByteArray, expected);
    QCOMPARE(AllTick::encodeSubscribeTrade(7, u"abc"_s, codes), expected);
}

void tst_AllTickCodec::encodeSubscribeDepth_data()
{
    QTest::addColumn<QList<AllTick::SymbolRequest>>("symbols");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("one") << QList<AllTick::SymbolRequest>{{u"700.HK"_s, 10}}
                         << R"({"cmd_id":22002,"seq_id":7,"trace":"abc",)"
                            R"("data":{"symbol_list":[{"code":"700.HK","depth_level":10}]}})"_ba;
    QTest::newRow("doc example")
        << QList<AllTick::SymbolRequest>{{u"700.HK"_s, 5}, {u"UNH.US"_s, 5}}
        << R"({"cmd_id":22002,"seq_id":7,"trace":"abc",)"
           R"("data":{"symbol_list":[{"code":"700.HK","depth_level":5},{"code":"UNH.US","depth_level":5}]}})"_ba;
    QTest::newRow("unset level uses the asset maximum")
        << QList<AllTick::SymbolRequest>{{u"EURUSD"_s, 0}, {u"ETHUSDT"_s, 0}, {u"600519.SH"_s, -1}}
        << R"({"cmd_id":22002,"seq_id":7,"trace":"abc","data":{"symbol_list":[)"
           R"({"code":"EURUSD","depth_level":1},{"code":"ETHUSDT","depth_level":5},)"
           R"({"code":"600519.SH","depth_level":5}]}})"_ba;
}

void tst_AllTickCodec::encodeSubscribeDepth()
{
    QFETCH(QList<AllTick::SymbolRequest>, symbols);
    QFETCH(QByteArray, expected);
    QCOMPARE(AllTick::encodeSubscribeDepth(7, u"abc"_s, symbols), expected);
}

void tst_AllTickCodec::encodeCancel_data()
{
    QTest::addColumn<AllTick::CancelType>("type");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("all") << AllTick::CancelType::All
                         << R"({"cmd_id":22006,"seq_id":9,"trace":"c","data":{"cancel_type":0}})"_ba;
    QTest::newRow("depth") << AllTick::CancelType::Depth
                           << R"({"cmd_id":22006,"seq_id":9,"trace":"c","data":{"cancel_type":1}})"_ba;
    QTest::newRow("trade") << AllTick::CancelType::Trade
                           << R"({"cmd_id":22006,"seq_id":9,"trace":"c","data":{"cancel_type":2}})"_ba;
}

void tst_AllTickCodec::encodeCancel()
{
    QFETCH(AllTick::CancelType, type);
    QFETCH(QByteArray, expected);
    QCOMPARE(AllTick::encodeCancel(9, u"c"_s, type), expected);
}

void tst_AllTickCodec::encodedTraceIsValidJson_data()
{
    QTest::addColumn<QString>("trace");
    QTest::addColumn<QByteArray>("escaped");

    QTest::newRow("quote and backslash") << u"a\"b\\c"_s << R"("a\"b\\c")"_ba;
    QTest::newRow("control characters") << u"l1\nl2\tx\r\u0001"_s << R"("l1\nl2\tx\r\u0001")"_ba;
    QTest::newRow("non-ASCII as UTF-8") << u"腾讯-é"_s << "\"\xe8\x85\xbe\xe8\xae\xaf-\xc3\xa9\""_ba;
    QTest::newRow("slash untouched") << u"a/b"_s << R"("a/b")"_ba;
}

void tst_AllTickCodec::encodedTraceIsValidJson()
{
    QFETCH(QString, trace);
    QFETCH(QByteArray, escaped);

    const QByteArray json = AllTick::encodeHeartbeat(1, trace);
    QCOMPARE(json, R"({"cmd_id":22000,"seq_id":1,"trace":)"_ba + escaped + R"(,"data":{}})"_ba);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(doc.object().value(u"trace"_s).toString(), trace);

    // And the decoder reads the same trace back from a response.
    const QByteArray response = R"({"ret":200,"msg":"ok","cmd_id":22001,"seq_id":1,"trace":)"_ba + escaped + "}";
    AllTick::Decoder decoder;
    const AllTick::Message m = decoder.decode(response);
    QCOMPARE(m.kind, Kind::Response);
    QCOMPARE(m.trace, trace);
}

// ------------------------------------------------------------------------------------------------ code classes

void tst_AllTickCodec::familyOf_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<AllTick::Family>("family");

    QTest::newRow("US") << u"AAPL.US"_s << AllTick::Family::Stock;
    QTest::newRow("HK") << u"700.HK"_s << AllTick::Family::Stock;
    QTest::newRow("SH") << u"600519.SH"_s << AllTick::Family::Stock;
    QTest::newRow("SZ") << u"000001.SZ"_s << AllTick::Family::Stock;
    QTest::newRow("BJ") << u"430047.BJ"_s << AllTick::Family::Stock;
    QTest::newRow("forex") << u"EURUSD"_s << AllTick::Family::General;
    QTest::newRow("crypto") << u"BTCUSDT"_s << AllTick::Family::General;
    QTest::newRow("metal") << u"GOLD"_s << AllTick::Family::General;
    QTest::newRow("mixed-case energy") << u"Silver"_s << AllTick::Family::General;
    QTest::newRow("suffix-like name") << u"XUS"_s << AllTick::Family::General;
    QTest::newRow("empty") << QString() << AllTick::Family::General;
}

void tst_AllTickCodec::familyOf()
{
    QFETCH(QString, code);
    QFETCH(AllTick::Family, family);
    QCOMPARE(AllTick::familyOf(code), family);
}

void tst_AllTickCodec::maxDepthLevels_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("levels");

    QTest::newRow("HK") << u"700.HK"_s << 10;
    QTest::newRow("SH") << u"600519.SH"_s << 5;
    QTest::newRow("SZ") << u"000001.SZ"_s << 5;
    QTest::newRow("BJ") << u"430047.BJ"_s << 5;
    QTest::newRow("US") << u"UNH.US"_s << 1;
    QTest::newRow("USDT crypto") << u"BTCUSDT"_s << 5;
    QTest::newRow("USDC crypto") << u"ETHUSDC"_s << 5;
    QTest::newRow("forex") << u"USDJPY"_s << 1;
    QTest::newRow("metal") << u"GOLD"_s << 1;
    QTest::newRow("energy") << u"USOIL"_s << 1;
    QTest::newRow("empty") << QString() << 1;
}

void tst_AllTickCodec::maxDepthLevels()
{
    QFETCH(QString, code);
    QFETCH(int, levels);
    QCOMPARE(AllTick::maxDepthLevels(code), levels);
}

// ------------------------------------------------------------------------------------------------ REST k-lines

void tst_AllTickCodec::encodeKlineQuery_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("count");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("daily two") << u"700.HK"_s << 8 << 2
                               << R"({"trace":"q1","data":{"code":"700.HK","kline_type":8,)"
                                  R"("kline_timestamp_end":0,"query_kline_num":2,"adjust_type":0}})"_ba;
    QTest::newRow("minute 500") << u"EURUSD"_s << 1 << 500
                                << R"({"trace":"q1","data":{"code":"EURUSD","kline_type":1,)"
                                   R"("kline_timestamp_end":0,"query_kline_num":500,"adjust_type":0}})"_ba;
}

void tst_AllTickCodec::encodeKlineQuery()
{
    QFETCH(QString, code);
    QFETCH(int, type);
    QFETCH(int, count);
    QFETCH(QByteArray, expected);
    QCOMPARE(AllTick::encodeKlineQuery(u"q1"_s, code, type, count), expected);
}

void tst_AllTickCodec::encodeBatchKlineBody()
{
    QCOMPARE(AllTick::encodeBatchKlineBody(u"b1"_s, {u"700.HK"_s, u"AAPL.US"_s}, 8, 2),
             R"({"trace":"b1","data":{"data_list":[)"
             R"({"code":"700.HK","kline_type":8,"kline_timestamp_end":0,"query_kline_num":2,"adjust_type":0},)"
             R"({"code":"AAPL.US","kline_type":8,"kline_timestamp_end":0,"query_kline_num":2,"adjust_type":0}]}})"_ba);
    QCOMPARE(AllTick::encodeBatchKlineBody(u"b2"_s, {}, 8, 2), R"({"trace":"b2","data":{"data_list":[]}})"_ba);
}

void tst_AllTickCodec::decodeKline()
{
    AllTick::KlineSeries series;
    QString error = u"untouched"_s;
    QVERIFY2(AllTick::decodeKlineResponse(fixture(u"kline_daily.json"_s), &series, &error), qPrintable(error));
    QCOMPARE(series.code, u"700.HK"_s);
    QCOMPARE(series.klineType, 8);
    QCOMPARE(series.bars.size(), 4);
    QCOMPARE(series.bars.first().timestampSec, 1719849600LL);
    QCOMPARE(series.bars.last().timestampSec, 1720108800LL);
    const AllTick::KlineBar& last = series.bars.last();
    QCOMPARE(last.open.toString(), u"381"_s);
    QCOMPARE(last.close.toString(), u"382.6"_s);
    QCOMPARE(last.high.toString(), u"384"_s);
    QCOMPARE(last.low.toString(), u"380.2"_s);
    QCOMPARE(last.volume.toString(), u"9000000"_s);
    QCOMPARE(last.turnover.toString(), u"3440000000"_s);

    AllTick::KlineSeries capture;
    QVERIFY(AllTick::decodeKlineResponse(fixture(u"kline_capture.json"_s), &capture, &error));
    QCOMPARE(capture.code, u"600519.SH"_s);
    QCOMPARE(capture.klineType, 1);
    QCOMPARE(capture.bars.size(), 1);
    QCOMPARE(capture.bars.first().timestampSec, 1720162560LL);
    QCOMPARE(capture.bars.first().open.toString(), u"3.48"_s);
    QCOMPARE(capture.bars.first().turnover.toString(), u"51110"_s);

    // The output pointer is optional.
    QVERIFY(AllTick::decodeKlineResponse(fixture(u"kline_daily.json"_s), nullptr, nullptr));
}

void tst_AllTickCodec::decodeKlineErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");

    QTest::newRow("ret 603") << fixture(u"kline_error.json"_s) << u"603 token level not enough"_s;
    QTest::newRow("ret without msg") << R"({"ret":429,"data":{}})"_ba << u"429"_s;
    QTest::newRow("no ret") << R"({"msg":"ok","data":{"code":"700.HK","kline_list":[]}})"_ba
                            << u"response without ret"_s;
    QTest::newRow("empty") << QByteArray() << u"empty body"_s;
    QTest::newRow("array") << "[]"_ba << u"not a JSON object"_s;
    QTest::newRow("truncated") << fixture(u"kline_daily.json"_s).left(200) << QString();
    QTest::newRow("garbage") << fixture(u"malformed_binary.bin"_s) << QString();
}

void tst_AllTickCodec::decodeKlineErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);

    AllTick::KlineSeries series;
    series.code = u"keep"_s;
    QString actual;
    QVERIFY(!AllTick::decodeKlineResponse(body, &series, &actual));
    QVERIFY(!actual.isEmpty());
    if (!error.isEmpty())
        QCOMPARE(actual, error);
    QCOMPARE(series.code, u"keep"_s); // untouched on failure

    QList<AllTick::KlineSeries> list;
    QString batchError;
    QVERIFY(!AllTick::decodeBatchKlineResponse(body, &list, &batchError));
    QVERIFY(!batchError.isEmpty());
    QVERIFY(list.isEmpty());
}

void tst_AllTickCodec::decodeBatchKline()
{
    QList<AllTick::KlineSeries> list;
    QString error;
    QVERIFY2(AllTick::decodeBatchKlineResponse(fixture(u"batch_kline.json"_s), &list, &error), qPrintable(error));
    QCOMPARE(list.size(), 3);

    QCOMPARE(list.at(0).code, u"AAPL.US"_s);
    QCOMPARE(list.at(0).klineType, 8);
    QCOMPARE(list.at(0).bars.size(), 2);
    // Sorted oldest first although the response lists the newest first.
    QCOMPARE(list.at(0).bars.at(0).timestampSec, 1719964800LL);
    QCOMPARE(list.at(0).bars.at(1).close.toString(), u"226.34"_s);

    QCOMPARE(list.at(1).code, u"EURUSD"_s);
    QCOMPARE(list.at(1).klineType, 8); // "8" as a string
    QCOMPARE(list.at(1).bars.size(), 2);
    QCOMPARE(list.at(1).bars.at(1).close.toString(), u"1.08395"_s); // JSON number, exact text
    QVERIFY(list.at(1).bars.at(1).volume.isZero());

    QCOMPARE(list.at(2).code, u"NODATA.HK"_s);
    QVERIFY(list.at(2).bars.isEmpty());
}

void tst_AllTickCodec::referenceFromDailyBars_data()
{
    QTest::addColumn<QString>("file"); // kline_daily.json or batch_kline.json
    QTest::addColumn<int>("index");    // series index in a batch
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<QString>("prevClose");
    QTest::addColumn<QString>("open"); // empty: null (likewise high, low)
    QTest::addColumn<QString>("high");
    QTest::addColumn<QString>("low");
    QTest::addColumn<qint64>("barTimeMs");

    // 700.HK bars are stamped at midnight Hong Kong time; the newest is 2024-07-05.
    // 2024-07-05 10:00 HKT = 1720144800 s.
    QTest::newRow("HK, today's bar present") << u"kline_daily.json"_s << 0 << 1720144800000LL << u"380.4"_s << u"381"_s
                                             << u"384"_s << u"380.2"_s << 1720108800000LL;
    // 2024-07-05 00:00:30 HKT: already the 5th in Hong Kong, still the 4th in UTC.
    QTest::newRow("HK, just after local midnight") << u"kline_daily.json"_s << 0 << 1720108830000LL << u"380.4"_s
                                                   << u"381"_s << u"384"_s << u"380.2"_s << 1720108800000LL;
    // 2024-07-06 09:00 HKT: the market has not opened, newest bar is yesterday's.
    QTest::newRow("HK, not yet open today") << u"kline_daily.json"_s << 0 << 1720227600000LL << u"382.6"_s << QString()
                                            << QString() << QString() << 1720108800000LL;
    // 2024-07-04 23:59:59 HKT: the 2024-07-05 bar is "tomorrow" (clock skew) and still counts as today's.
    QTest::newRow("HK, bar ahead of the clock") << u"kline_daily.json"_s << 0 << 1720108799000LL << u"380.4"_s
                                                << u"381"_s << u"384"_s << u"380.2"_s << 1720108800000LL;
    // AAPL.US bars are stamped 00:00 UTC of the trading date; 2024-07-05 10:00 EDT = 14:00 UTC.
    QTest::newRow("US, today's bar present") << u"batch_kline.json"_s << 0 << 1720188000000LL << u"221.55"_s
                                             << u"221.65"_s << u"226.45"_s << u"221.65"_s << 1720137600000LL;
    // 2024-07-08 09:00 EDT (Monday, before the open).
    QTest::newRow("US, Monday before the open") << u"batch_kline.json"_s << 0 << 1720443600000LL << u"226.34"_s
                                                << QString() << QString() << QString() << 1720137600000LL;
    // 2024-07-05 21:00 EDT = 2024-07-06 01:00 UTC: still the 5th in New York.
    QTest::newRow("US, evening in New York") << u"batch_kline.json"_s << 0 << 1720227600000LL << u"221.55"_s
                                             << u"221.65"_s << u"226.45"_s << u"221.65"_s << 1720137600000LL;
    // EURUSD uses UTC: 2024-07-05 12:00 UTC.
    QTest::newRow("forex, today's bar present") << u"batch_kline.json"_s << 1 << 1720180800000LL << u"1.0812"_s
                                                << u"1.0812"_s << u"1.0844"_s << u"1.0808"_s << 1720137600000LL;
    // 2024-07-06 00:00:01 UTC.
    QTest::newRow("forex, next day") << u"batch_kline.json"_s << 1 << 1720224001000LL << u"1.08395"_s << QString()
                                     << QString() << QString() << 1720137600000LL;
    QTest::newRow("no bars") << u"batch_kline.json"_s << 2 << 1720180800000LL << QString() << QString() << QString()
                             << QString() << 0LL;
}

void tst_AllTickCodec::referenceFromDailyBars()
{
    QFETCH(QString, file);
    QFETCH(int, index);
    QFETCH(qint64, nowMs);
    QFETCH(QString, prevClose);
    QFETCH(QString, open);
    QFETCH(QString, high);
    QFETCH(QString, low);
    QFETCH(qint64, barTimeMs);

    AllTick::KlineSeries series;
    QString error;
    if (file == u"batch_kline.json"_s) {
        QList<AllTick::KlineSeries> list;
        QVERIFY2(AllTick::decodeBatchKlineResponse(fixture(file), &list, &error), qPrintable(error));
        QVERIFY(index < list.size());
        series = list.at(index);
    } else {
        QVERIFY2(AllTick::decodeKlineResponse(fixture(file), &series, &error), qPrintable(error));
    }

    const ReferenceData ref = AllTick::referenceFromDailyBars(series, nowMs);
    QCOMPARE(ref.code, series.code);
    QCOMPARE(ref.prevClose.toString(), prevClose);
    QCOMPARE(ref.open.isNull(), open.isEmpty());
    QCOMPARE(ref.open.toString(), open);
    QCOMPARE(ref.high.toString(), high);
    QCOMPARE(ref.low.toString(), low);
    QCOMPARE(ref.barTimeMs, barTimeMs);
}

QTEST_APPLESS_MAIN(tst_AllTickCodec)
#include "tst_alltickcodec.moc"
