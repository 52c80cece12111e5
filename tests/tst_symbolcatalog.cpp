#include "SymbolCatalog.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

bool isCjk(QChar c)
{
    return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF;
}

} // namespace

class tst_SymbolCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInLoads();
    void builtInEntriesAreValid();
    void builtInCoversMarkets();
    void knownSymbols_data();
    void knownSymbols();
    void pinyinInitialsFindMoutai();
    void guessFromCode_data();
    void guessFromCode();
    void isStockCode();
    void marketIds();
    void timeZones();
    void marketOfFallsBackToGuess();
    void displayName();
    void loadJsonAcceptsMinimal();
    void loadJsonRejects_data();
    void loadJsonRejects();
    void failedLoadKeepsPreviousContent();
};

void tst_SymbolCatalog::builtInLoads()
{
    const SymbolCatalog& catalog = SymbolCatalog::builtIn();
    QVERIFY2(catalog.symbols().size() >= 60, qPrintable(QString::number(catalog.symbols().size())));
    QCOMPARE(&SymbolCatalog::builtIn(), &catalog); // loaded once
}

void tst_SymbolCatalog::builtInEntriesAreValid()
{
    const SymbolCatalog& catalog = SymbolCatalog::builtIn();
    QSet<QString> codes;
    for (const SymbolInfo& info : catalog.symbols()) {
        const QByteArray where = info.code.toUtf8();
        QVERIFY2(info.isValid(), where.constData());
        QVERIFY2(!codes.contains(info.code), where.constData());
        codes.insert(info.code);
        QVERIFY2(!info.nameEn.isEmpty(), where.constData());
        QVERIFY2(!info.nameZh.isEmpty(), where.constData());
        QVERIFY2(info.market != Market::Unknown, where.constData());
        QVERIFY2(!info.tickSize.isNull() && info.tickSize > Decimal::fromInt(0), where.constData());
        QVERIFY2(!info.refPrice.isNull() && info.refPrice > Decimal::fromInt(0), where.constData());
        QVERIFY2(info.refPrice.roundedToTick(info.tickSize) == info.refPrice, where.constData());
        QCOMPARE(catalog.find(info.code), &info);
        // The code's shape agrees with the market wherever the shape says anything.
        const Market guessed = Markets::guessFromCode(info.code);
        if (guessed != Market::Unknown)
            QVERIFY2(guessed == info.market, where.constData());
        // Pinyin: one lower-case initial per Chinese character of the name, nothing for latin letters.
        int cjk = 0;
        for (QChar c : info.nameZh)
            cjk += isCjk(c) ? 1 : 0;
        QVERIFY2(info.pinyin.size() == cjk, where.constData());
        for (QChar c : info.pinyin)
            QVERIFY2(c >= u'a' && c <= u'z', where.constData());
        // Tick sizes by asset class.
        if (info.market == Market::SH || info.market == Market::SZ || info.market == Market::BJ ||
            info.market == Market::US)
            QVERIFY2(info.tickSize == Decimal::fromUnits(1, 2), where.constData());
    }
}

void tst_SymbolCatalog::builtInCoversMarkets()
{
    QHash<int, int> counts;
    for (const SymbolInfo& info : SymbolCatalog::builtIn().symbols())
        ++counts[int(info.market)];
    auto perMarket = [&counts](Market market) { return counts.value(int(market)); };
    QVERIFY(perMarket(Market::US) >= 12);
    QVERIFY(perMarket(Market::HK) >= 12);
    QVERIFY(perMarket(Market::SH) + perMarket(Market::SZ) + perMarket(Market::BJ) >= 14);
    QVERIFY(perMarket(Market::Forex) >= 8);
    QVERIFY(perMarket(Market::Metal) >= 2);
    QVERIFY(perMarket(Market::Energy) >= 3);
    QVERIFY(perMarket(Market::Crypto) >= 6);
}

void tst_SymbolCatalog::knownSymbols_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("nameZh");
    QTest::addColumn<QString>("pinyin");
    QTest::addColumn<Market>("market");
    QTest::addColumn<QString>("tick");

    QTest::newRow("moutai") << u"600519.SH"_s << u"贵州茅台"_s << u"gzmt"_s << Market::SH << u"0.01"_s;
    QTest::newRow("tencent") << u"700.HK"_s << u"腾讯控股"_s << u"txkg"_s << Market::HK << u"0.5"_s;
    QTest::newRow("alibaba hk") << u"9988.HK"_s << u"阿里巴巴-W"_s << u"albb"_s << Market::HK << u"0.1"_s;
    QTest::newRow("ccb") << u"939.HK"_s << u"建设银行"_s << u"jsyh"_s << Market::HK << u"0.01"_s;
    QTest::newRow("ping an bank") << u"000001.SZ"_s << u"平安银行"_s << u"payh"_s << Market::SZ << u"0.01"_s;
    QTest::newRow("apple") << u"AAPL.US"_s << u"苹果"_s << u"pg"_s << Market::US << u"0.01"_s;
    QTest::newRow("eurusd") << u"EURUSD"_s << u"欧元/美元"_s << u"oymy"_s << Market::Forex << u"0.00001"_s;
    QTest::newRow("usdjpy") << u"USDJPY"_s << u"美元/日元"_s << u"myry"_s << Market::Forex << u"0.001"_s;
    QTest::newRow("gold") << u"GOLD"_s << u"黄金"_s << u"hj"_s << Market::Metal << u"0.01"_s;
    QTest::newRow("silver mixed case") << u"Silver"_s << u"白银"_s << u"by"_s << Market::Metal << u"0.001"_s;
    QTest::newRow("wti") << u"USOIL"_s << u"美原油"_s << u"myy"_s << Market::Energy << u"0.01"_s;
    QTest::newRow("bitcoin") << u"BTCUSDT"_s << u"比特币"_s << u"btb"_s << Market::Crypto << u"0.01"_s;
}

void tst_SymbolCatalog::knownSymbols()
{
    QFETCH(QString, code);
    QFETCH(QString, nameZh);
    QFETCH(QString, pinyin);
    QFETCH(Market, market);
    QFETCH(QString, tick);
    const SymbolInfo* info = SymbolCatalog::builtIn().find(code);
    QVERIFY(info);
    QCOMPARE(info->nameZh, nameZh);
    QCOMPARE(info->pinyin, pinyin);
    QCOMPARE(info->market, market);
    QCOMPARE(info->tickSize, Decimal::parse(QStringView(tick)));
    QCOMPARE(SymbolCatalog::builtIn().marketOf(code), market);
}

void tst_SymbolCatalog::pinyinInitialsFindMoutai()
{
    QStringList hits;
    for (const SymbolInfo& info : SymbolCatalog::builtIn().symbols()) {
        if (info.pinyin.startsWith(u"gzmt"_s))
            hits.append(info.code);
    }
    QCOMPARE(hits, QStringList{u"600519.SH"_s});
}

void tst_SymbolCatalog::guessFromCode_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<Market>("market");

    QTest::newRow("us") << u"AAPL.US"_s << Market::US;
    QTest::newRow("us class share") << u"BRK.B.US"_s << Market::US;
    QTest::newRow("hk") << u"700.HK"_s << Market::HK;
    QTest::newRow("sh") << u"600519.SH"_s << Market::SH;
    QTest::newRow("sz") << u"000001.SZ"_s << Market::SZ;
    QTest::newRow("bj") << u"430047.BJ"_s << Market::BJ;
    QTest::newRow("usdt") << u"BTCUSDT"_s << Market::Crypto;
    QTest::newRow("usdc") << u"ETHUSDC"_s << Market::Crypto;
    QTest::newRow("forex") << u"EURUSD"_s << Market::Forex;
    QTest::newRow("forex cnh") << u"USDCNH"_s << Market::Forex;
    QTest::newRow("gold") << u"GOLD"_s << Market::Unknown;
    QTest::newRow("silver") << u"Silver"_s << Market::Unknown;
    QTest::newRow("oil") << u"USOIL"_s << Market::Unknown;
    QTest::newRow("lower-case pair") << u"eurusd"_s << Market::Unknown;
    QTest::newRow("seven letters") << u"EURUSDX"_s << Market::Unknown;
    QTest::newRow("bare usdt") << u"USDT"_s << Market::Unknown;
    QTest::newRow("lower suffix") << u"700.hk"_s << Market::Unknown;
    QTest::newRow("suffix only") << u".HK"_s << Market::Unknown;
    QTest::newRow("old hk style") << u"HK-1288"_s << Market::Unknown;
    QTest::newRow("empty") << QString() << Market::Unknown;
}

void tst_SymbolCatalog::guessFromCode()
{
    QFETCH(QString, code);
    QFETCH(Market, market);
    QCOMPARE(Markets::guessFromCode(code), market);
}

void tst_SymbolCatalog::isStockCode()
{
    QVERIFY(Markets::isStockCode(u"AAPL.US"_s));
    QVERIFY(Markets::isStockCode(u"700.HK"_s));
    QVERIFY(Markets::isStockCode(u"600519.SH"_s));
    QVERIFY(Markets::isStockCode(u"000001.SZ"_s));
    QVERIFY(Markets::isStockCode(u"430047.BJ"_s));
    QVERIFY(!Markets::isStockCode(u"EURUSD"_s));
    QVERIFY(!Markets::isStockCode(u"BTCUSDT"_s));
    QVERIFY(!Markets::isStockCode(u"GOLD"_s));
    QVERIFY(!Markets::isStockCode(u"Silver"_s));
}

void tst_SymbolCatalog::marketIds()
{
    const QList<Market> all = {Market::US,    Market::HK,    Market::SH,     Market::SZ,     Market::BJ,
                               Market::Forex, Market::Metal, Market::Energy, Market::Crypto, Market::Index};
    QSet<QString> ids;
    for (Market market : all) {
        const QString id = Markets::id(market);
        QVERIFY(!id.isEmpty());
        QCOMPARE(id, id.toLower());
        ids.insert(id);
        QCOMPARE(Markets::fromId(id), market);
    }
    QCOMPARE(ids.size(), all.size());
    QCOMPARE(Markets::id(Market::Forex), u"forex"_s);
    QCOMPARE(Markets::id(Market::SH), u"sh"_s);
    QCOMPARE(Markets::fromId(u"HK"), Market::HK);
    QCOMPARE(Markets::fromId(u"nasdaq"), Market::Unknown);
    QCOMPARE(Markets::fromId(u""), Market::Unknown);
}

void tst_SymbolCatalog::timeZones()
{
    QCOMPARE(Markets::timeZone(Market::SH).id(), QByteArray("Asia/Shanghai"));
    QCOMPARE(Markets::timeZone(Market::SZ).id(), QByteArray("Asia/Shanghai"));
    QCOMPARE(Markets::timeZone(Market::BJ).id(), QByteArray("Asia/Shanghai"));
    QCOMPARE(Markets::timeZone(Market::HK).id(), QByteArray("Asia/Hong_Kong"));
    QCOMPARE(Markets::timeZone(Market::US).id(), QByteArray("America/New_York"));
    QVERIFY(Markets::timeZone(Market::US).isValid());
    QCOMPARE(Markets::timeZone(Market::Forex), QTimeZone::utc());
    QCOMPARE(Markets::timeZone(Market::Crypto), QTimeZone::utc());
}

void tst_SymbolCatalog::marketOfFallsBackToGuess()
{
    const SymbolCatalog& catalog = SymbolCatalog::builtIn();
    QCOMPARE(catalog.marketOf(u"GOLD"_s), Market::Metal); // only the catalog knows
    QCOMPARE(catalog.marketOf(u"ZZZZ.US"_s), Market::US); // unknown, guessed
    QCOMPARE(catalog.marketOf(u"FOO"_s), Market::Unknown);
    QCOMPARE(catalog.find(u"ZZZZ.US"_s), nullptr);
}

void tst_SymbolCatalog::displayName()
{
    const SymbolCatalog& catalog = SymbolCatalog::builtIn();
    QCOMPARE(catalog.displayName(u"600519.SH"_s, true), u"贵州茅台"_s);
    QCOMPARE(catalog.displayName(u"600519.SH"_s, false), u"Kweichow Moutai"_s);
    QCOMPARE(catalog.displayName(u"NOPE.US"_s, true), u"NOPE.US"_s);
}

void tst_SymbolCatalog::loadJsonAcceptsMinimal()
{
    SymbolCatalog catalog;
    QString error = u"stale"_s;
    const QByteArray json = R"({"version":1,"symbols":[
        {"code":"700.HK","name_en":"Tencent Holdings","name_zh":"腾讯控股","pinyin":"txkg","market":"hk",
         "tick":"0.5","price":"640.0"},
        {"code":"EURUSD","name_en":"Euro / US Dollar","market":"forex","tick":"0.00001","price":"1.165"}]})";
    QVERIFY2(catalog.loadJson(json, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(catalog.symbols().size(), 2);
    const SymbolInfo* info = catalog.find(u"700.HK"_s);
    QVERIFY(info);
    QCOMPARE(info->tickSize, Decimal::fromUnits(5, 1));
    QCOMPARE(info->refPrice, Decimal::fromInt(640));
    QCOMPARE(catalog.find(u"EURUSD"_s)->nameZh, QString());
    QCOMPARE(catalog.displayName(u"EURUSD"_s, true), u"Euro / US Dollar"_s); // no Chinese name: English
}

void tst_SymbolCatalog::loadJsonRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    const QByteArray ok = R"("name_en":"X","market":"us","tick":"0.01","price":"1.00")";

    QTest::newRow("not json") << QByteArray("{\"version\":1,\"symbols\":[");
    QTest::newRow("array root") << QByteArray("[]");
    QTest::newRow("no version") << QByteArray(R"({"symbols":[]})");
    QTest::newRow("wrong version") << QByteArray(R"({"version":2,"symbols":[]})");
    QTest::newRow("no symbols") << QByteArray(R"({"version":1})");
    QTest::newRow("symbols not array") << QByteArray(R"({"version":1,"symbols":{}})");
    QTest::newRow("entry not object") << QByteArray(R"({"version":1,"symbols":[1]})");
    QTest::newRow("missing code") << (R"({"version":1,"symbols":[{)" + ok + "}]}");
    QTest::newRow("empty code") << (R"({"version":1,"symbols":[{"code":"",)" + ok + "}]}");
    QTest::newRow("code with space") << (R"({"version":1,"symbols":[{"code":"A B.US",)" + ok + "}]}");
    QTest::newRow("duplicate") << (R"({"version":1,"symbols":[{"code":"A.US",)" + ok + R"(},{"code":"A.US",)" + ok +
                                   "}]}");
    QTest::newRow("no english name") << QByteArray(
        R"({"version":1,"symbols":[{"code":"A.US","market":"us","tick":"0.01","price":"1"}]})");
    QTest::newRow("unknown market") << QByteArray(
        R"({"version":1,"symbols":[{"code":"A.US","name_en":"A","market":"mars","tick":"0.01","price":"1"}]})");
    QTest::newRow("zero tick") << QByteArray(
        R"({"version":1,"symbols":[{"code":"A.US","name_en":"A","market":"us","tick":"0","price":"1"}]})");
    QTest::newRow("numeric tick") << QByteArray(
        R"({"version":1,"symbols":[{"code":"A.US","name_en":"A","market":"us","tick":0.01,"price":"1"}]})");
    QTest::newRow("bad price") << QByteArray(
        R"({"version":1,"symbols":[{"code":"A.US","name_en":"A","market":"us","tick":"0.01","price":"1e3"}]})");
    QTest::newRow("negative price") << QByteArray(
        R"({"version":1,"symbols":[{"code":"A.US","name_en":"A","market":"us","tick":"0.01","price":"-1"}]})");
    QTest::newRow("price off tick") << QByteArray(
        R"({"version":1,"symbols":[{"code":"A.HK","name_en":"A","market":"hk","tick":"0.5","price":"640.2"}]})");
    QTest::newRow("upper-case pinyin") << QByteArray(
        R"({"version":1,"symbols":[{"code":"A.US","name_en":"A","pinyin":"GZ",)"
        R"("market":"us","tick":"0.01","price":"1"}]})");
}

void tst_SymbolCatalog::loadJsonRejects()
{
    QFETCH(QByteArray, json);
    SymbolCatalog catalog;
    QString error;
    QVERIFY(!catalog.loadJson(json, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(catalog.symbols().isEmpty());
}

void tst_SymbolCatalog::failedLoadKeepsPreviousContent()
{
    SymbolCatalog catalog;
    QVERIFY(catalog.loadJson(
        R"({"version":1,"symbols":[{"code":"A.US","name_en":"A","market":"us","tick":"0.01","price":"1"}]})"));
    QVERIFY(!catalog.loadJson(R"({"version":1,"symbols":[{"code":"B.US"}]})"));
    QCOMPARE(catalog.symbols().size(), 1);
    QVERIFY(catalog.find(u"A.US"_s));
    QVERIFY(!catalog.find(u"B.US"_s));
}

QTEST_GUILESS_MAIN(tst_SymbolCatalog)
#include "tst_symbolcatalog.moc"
