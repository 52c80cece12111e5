// Checks the data of the built-in catalog (resources/symbols.json) as a whole: size, coverage of every market, codes,
// names, pinyin initials, tick sizes by market and price level.
#include "PinyinInitials.h"
#include "SymbolCatalog.h"
#include "SymbolSearch.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_CatalogData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void size();
    void marketCoverage_data();
    void marketCoverage();
    void codesAreUniqueAndCaseInsensitivelyDistinct();
    void codeShapeMatchesMarket();
    void everyCodeIsValidForAFeed();
    void namesPresent();
    void pinyinMatchesChineseName();
    void pinyinAgreesWithRuntimeTableMostly();
    void ticksPositiveAndPricesOnTick();
    void hkTickFollowsSpreadTable();
    void fixedTicksByMarket();
    void knownEntries_data();
    void knownEntries();
};

void tst_CatalogData::size()
{
    QVERIFY2(SymbolCatalog::builtIn().symbols().size() >= 300,
             qPrintable(QString::number(SymbolCatalog::builtIn().symbols().size())));
}

void tst_CatalogData::marketCoverage_data()
{
    QTest::addColumn<QList<Market>>("markets");
    QTest::addColumn<int>("minimum");

    QTest::newRow("us") << QList<Market>{Market::US} << 80;
    QTest::newRow("hk") << QList<Market>{Market::HK} << 70;
    QTest::newRow("a-shares") << QList<Market>{Market::SH, Market::SZ, Market::BJ} << 110;
    QTest::newRow("shenzhen") << QList<Market>{Market::SZ} << 40;
    QTest::newRow("forex") << QList<Market>{Market::Forex} << 20;
    QTest::newRow("metals") << QList<Market>{Market::Metal} << 4;
    QTest::newRow("energy") << QList<Market>{Market::Energy} << 3;
    QTest::newRow("crypto") << QList<Market>{Market::Crypto} << 20;
}

void tst_CatalogData::marketCoverage()
{
    QFETCH(QList<Market>, markets);
    QFETCH(int, minimum);
    int count = 0;
    for (const SymbolInfo& info : SymbolCatalog::builtIn().symbols())
        count += markets.contains(info.market) ? 1 : 0;
    QVERIFY2(count >= minimum, qPrintable(QString::number(count)));
}

void tst_CatalogData::codesAreUniqueAndCaseInsensitivelyDistinct()
{
    QSet<QString> lower;
    for (const SymbolInfo& info : SymbolCatalog::builtIn().symbols()) {
        const QString key = info.code.toLower();
        QVERIFY2(!lower.contains(key), qPrintable(info.code));
        lower.insert(key);
    }
}

void tst_CatalogData::codeShapeMatchesMarket()
{
    static const QRegularExpression ashare(u"^[0-9]{6}$"_s);
    static const QRegularExpression hk(u"^[1-9][0-9]{0,4}$"_s);
    for (const SymbolInfo& info : SymbolCatalog::builtIn().symbols()) {
        const QByteArray where = info.code.toUtf8();
        const Market guessed = Markets::guessFromCode(info.code);
        const QString base = info.code.section(u'.', 0, -2);
        switch (info.market) {
        case Market::US:
        case Market::HK:
        case Market::SH:
        case Market::SZ:
        case Market::BJ:
            QVERIFY2(guessed == info.market, where.constData());
            break;
        case Market::Forex:
        case Market::Crypto:
            QVERIFY2(guessed == info.market, where.constData());
            break;
        case Market::Metal:
        case Market::Energy:
        case Market::Index:
            QVERIFY2(guessed == Market::Unknown, where.constData());
            break;
        case Market::Unknown:
            QFAIL(where.constData());
        }
        if (info.market == Market::SH || info.market == Market::SZ || info.market == Market::BJ)
            QVERIFY2(ashare.match(base).hasMatch(), where.constData());
        if (info.market == Market::HK)
            QVERIFY2(hk.match(base).hasMatch(), where.constData()); // AllTick: no leading zeros
        if (info.market == Market::SH)
            QVERIFY2(info.code.startsWith(u'6') || info.code.startsWith(u"000"_s), where.constData());
        if (info.market == Market::SZ)
            QVERIFY2(info.code.startsWith(u'0') || info.code.startsWith(u'3'), where.constData());
    }
}

void tst_CatalogData::everyCodeIsValidForAFeed()
{
    for (const SymbolInfo& info : SymbolCatalog::builtIn().symbols()) {
        QString hint;
        QVERIFY2(SymbolSearch::isValidCode(info.code, &hint), qPrintable(info.code + u": "_s + hint));
    }
}

void tst_CatalogData::namesPresent()
{
    for (const SymbolInfo& info : SymbolCatalog::builtIn().symbols()) {
        const QByteArray where = info.code.toUtf8();
        QVERIFY2(!info.nameEn.isEmpty(), where.constData());
        QVERIFY2(!info.nameZh.isEmpty(), where.constData());
        QCOMPARE(info.nameEn, info.nameEn.trimmed());
        QCOMPARE(info.nameZh, info.nameZh.trimmed());
    }
}

void tst_CatalogData::pinyinMatchesChineseName()
{
    for (const SymbolInfo& info : SymbolCatalog::builtIn().symbols()) {
        const QByteArray where = info.code.toUtf8();
        int chinese = 0;
        for (QChar c : info.nameZh)
            chinese += PinyinInitials::isChinese(c) ? 1 : 0;
        QVERIFY2(info.pinyin.size() == chinese, where.constData());
        for (QChar c : info.pinyin)
            QVERIFY2(c >= u'a' && c <= u'z', where.constData());
    }
}

void tst_CatalogData::pinyinAgreesWithRuntimeTableMostly()
{
    // The catalog's initials were generated in context; the run-time table (per character plus phrases) must agree
    // for nearly all names, or the two generated files are out of step.
    const PinyinInitials& table = PinyinInitials::builtIn();
    int total = 0;
    int differ = 0;
    for (const SymbolInfo& info : SymbolCatalog::builtIn().symbols()) {
        if (info.pinyin.isEmpty())
            continue;
        ++total;
        differ += table.initials(info.nameZh) == info.pinyin ? 0 : 1;
    }
    QVERIFY(total > 250);
    QVERIFY2(differ * 50 <= total, qPrintable(QString::number(differ)));
}

void tst_CatalogData::ticksPositiveAndPricesOnTick()
{
    for (const SymbolInfo& info : SymbolCatalog::builtIn().symbols()) {
        const QByteArray where = info.code.toUtf8();
        QVERIFY2(!info.tickSize.isNull() && info.tickSize > Decimal::fromInt(0), where.constData());
        QVERIFY2(!info.refPrice.isNull() && info.refPrice > Decimal::fromInt(0), where.constData());
        QVERIFY2(info.refPrice.roundedToTick(info.tickSize) == info.refPrice, where.constData());
        // A realistic level: at least a few hundred ticks above zero.
        QVERIFY2(info.refPrice.toDouble() / info.tickSize.toDouble() >= 100, where.constData());
    }
}

void tst_CatalogData::hkTickFollowsSpreadTable()
{
    // HKEX spread table (Part A) for the reference price level.
    struct Band
    {
        double below;
        const char* tick;
    };
    const Band bands[] = {{0.25, "0.001"}, {0.5, "0.005"}, {10, "0.01"}, {20, "0.02"}, {100, "0.05"}, {200, "0.1"},
                          {500, "0.2"},    {1000, "0.5"},  {2000, "1"},  {5000, "2"},  {9995, "5"}};
    for (const SymbolInfo& info : SymbolCatalog::builtIn().symbols()) {
        if (info.market != Market::HK)
            continue;
        const double price = info.refPrice.toDouble();
        QByteArray expected;
        for (const Band& band : bands) {
            if (price < band.below) {
                expected = band.tick;
                break;
            }
        }
        QVERIFY2(info.tickSize == Decimal::parse(QByteArrayView(expected)),
                 qPrintable(info.code + u" "_s + info.tickSize.toString()));
    }
}

void tst_CatalogData::fixedTicksByMarket()
{
    for (const SymbolInfo& info : SymbolCatalog::builtIn().symbols()) {
        const QByteArray where = info.code.toUtf8();
        switch (info.market) {
        case Market::US:
        case Market::SH:
        case Market::SZ:
        case Market::BJ:
            QVERIFY2(info.tickSize == Decimal::fromUnits(1, 2), where.constData());
            break;
        case Market::Forex:
            // 5-decimal pairs, 3 decimals for yen crosses.
            QVERIFY2(info.tickSize == Decimal::fromUnits(1, info.code.endsWith(u"JPY"_s) ? 3 : 5), where.constData());
            break;
        default:
            break;
        }
    }
}

void tst_CatalogData::knownEntries_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("nameEn");
    QTest::addColumn<QString>("nameZh");
    QTest::addColumn<QString>("pinyin");

    QTest::newRow("moutai") << u"600519.SH"_s << u"Kweichow Moutai"_s << u"贵州茅台"_s << u"gzmt"_s;
    QTest::newRow("cmb") << u"600036.SH"_s << u"China Merchants Bank"_s << u"招商银行"_s << u"zsyh"_s;
    QTest::newRow("cmb hk") << u"3968.HK"_s << u"China Merchants Bank"_s << u"招商银行"_s << u"zsyh"_s;
    QTest::newRow("ping an bank") << u"000001.SZ"_s << u"Ping An Bank"_s << u"平安银行"_s << u"payh"_s;
    QTest::newRow("changan") << u"000625.SZ"_s << u"Chongqing Changan Automobile"_s << u"长安汽车"_s << u"caqc"_s;
    QTest::newRow("catl") << u"300750.SZ"_s << u"Contemporary Amperex Technology (CATL)"_s << u"宁德时代"_s
                          << u"ndsd"_s;
    QTest::newRow("star market") << u"688256.SH"_s << u"Cambricon Technologies"_s << u"寒武纪"_s << u"hwj"_s;
    QTest::newRow("index") << u"000300.SH"_s << u"CSI 300 Index"_s << u"沪深300"_s << u"hs"_s;
    QTest::newRow("hk suffix") << u"2015.HK"_s << u"Li Auto"_s << u"理想汽车-W"_s << u"lxqc"_s;
    QTest::newRow("etf") << u"SPY.US"_s << u"SPDR S&P 500 ETF Trust"_s << u"标普500ETF-SPDR"_s << u"bp"_s;
    QTest::newRow("silver") << u"Silver"_s << u"Silver (spot, USD/oz)"_s << u"白银"_s << u"by"_s;
    QTest::newRow("cnh cross") << u"EURCNH"_s << u"Euro / Offshore Chinese Yuan"_s << u"欧元/离岸人民币"_s
                               << u"oylarmb"_s;
}

void tst_CatalogData::knownEntries()
{
    QFETCH(QString, code);
    QFETCH(QString, nameEn);
    QFETCH(QString, nameZh);
    QFETCH(QString, pinyin);
    const SymbolInfo* info = SymbolCatalog::builtIn().find(code);
    QVERIFY(info);
    QCOMPARE(info->nameEn, nameEn);
    QCOMPARE(info->nameZh, nameZh);
    QCOMPARE(info->pinyin, pinyin);
}

QTEST_GUILESS_MAIN(tst_CatalogData)
#include "tst_catalogdata.moc"
