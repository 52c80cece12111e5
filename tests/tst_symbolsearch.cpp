#include "PinyinInitials.h"
#include "SymbolSearch.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_SymbolSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstResult_data();
    void firstResult();
    void containsAll_data();
    void containsAll();
    void ranksAreOrdered_data();
    void ranksAreOrdered();
    void rankOfMatch_data();
    void rankOfMatch();
    void exactBeforePrefixBeforeSubstring();
    void tiesByMarket();
    void limitRespected();
    void emptyAndUnmatchedQueries();
    void extraSymbolGetsPinyin();
    void extraSymbolDoesNotOverrideCatalog();
    void extraSymbolReplacesEarlierExtra();
    void pinyinTable_data();
    void pinyinTable();
    void pinyinTableRejects_data();
    void pinyinTableRejects();
    void canonicalCode_data();
    void canonicalCode();
    void isValidCode_data();
    void isValidCode();
    void feedLabel();

private:
    static QStringList codes(const QList<SymbolSearch::Match>& matches)
    {
        QStringList out;
        for (const SymbolSearch::Match& m : matches)
            out.append(m.info.code);
        return out;
    }
};

void tst_SymbolSearch::firstResult_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("first");
    QTest::addColumn<int>("rank");

    QTest::newRow("a-share code") << u"600519"_s << u"600519.SH"_s << int(SymbolSearch::ExactCode);
    QTest::newRow("full code") << u"600519.sh"_s << u"600519.SH"_s << int(SymbolSearch::ExactCode);
    QTest::newRow("pinyin") << u"gzmt"_s << u"600519.SH"_s << int(SymbolSearch::ExactName);
    QTest::newRow("pinyin upper") << u"GZMT"_s << u"600519.SH"_s << int(SymbolSearch::ExactName);
    QTest::newRow("pinyin prefix") << u"gzm"_s << u"600519.SH"_s << int(SymbolSearch::PinyinPrefix);
    QTest::newRow("chinese substring") << u"茅台"_s << u"600519.SH"_s << int(SymbolSearch::Substring);
    QTest::newRow("chinese exact") << u"贵州茅台"_s << u"600519.SH"_s << int(SymbolSearch::ExactName);
    QTest::newRow("english word") << u"tencent"_s << u"700.HK"_s << int(SymbolSearch::NamePrefix);
    QTest::newRow("hk number") << u"700"_s << u"700.HK"_s << int(SymbolSearch::ExactCode);
    QTest::newRow("hk leading zeros") << u"00700"_s << u"700.HK"_s << int(SymbolSearch::ExactCode);
    QTest::newRow("hk full code zeros") << u"00700.hk"_s << u"700.HK"_s << int(SymbolSearch::ExactCode);
    QTest::newRow("us prefix") << u"aap"_s << u"AAPL.US"_s << int(SymbolSearch::CodePrefix);
    QTest::newRow("us ticker") << u"aapl"_s << u"AAPL.US"_s << int(SymbolSearch::ExactCode);
    QTest::newRow("class share") << u"brk.b"_s << u"BRK.B.US"_s << int(SymbolSearch::ExactCode);
    QTest::newRow("bank pinyin") << u"zsyh"_s << u"600036.SH"_s << int(SymbolSearch::ExactName);
    QTest::newRow("ping an bank pinyin") << u"payh"_s << u"000001.SZ"_s << int(SymbolSearch::ExactName);
    QTest::newRow("forex") << u"eurusd"_s << u"EURUSD"_s << int(SymbolSearch::ExactCode);
    QTest::newRow("mixed-case metal") << u"silver"_s << u"Silver"_s << int(SymbolSearch::ExactCode);
    QTest::newRow("crypto prefix") << u"btc"_s << u"BTCUSDT"_s << int(SymbolSearch::CodePrefix);
    QTest::newRow("chinese gold") << u"黄金"_s << u"GOLD"_s << int(SymbolSearch::ExactName);
    QTest::newRow("surrounding spaces") << u"  gzmt "_s << u"600519.SH"_s << int(SymbolSearch::ExactName);
}

void tst_SymbolSearch::firstResult()
{
    QFETCH(QString, query);
    QFETCH(QString, first);
    QFETCH(int, rank);
    const SymbolSearch search(&SymbolCatalog::builtIn());
    const QList<SymbolSearch::Match> matches = search.search(query);
    QVERIFY2(!matches.isEmpty(), qPrintable(query));
    QCOMPARE(matches.first().info.code, first);
    QCOMPARE(matches.first().rank, rank);
}

void tst_SymbolSearch::containsAll_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("banks by chinese substring")
        << u"银行"_s
        << QStringList{u"600036.SH"_s, u"000001.SZ"_s, u"601398.SH"_s, u"601988.SH"_s, u"939.HK"_s, u"1398.HK"_s};
    QTest::newRow("ping an everywhere") << u"中国平安"_s << QStringList{u"601318.SH"_s, u"2318.HK"_s};
    QTest::newRow("english substring") << u"merchants bank"_s << QStringList{u"600036.SH"_s, u"3968.HK"_s};
    QTest::newRow("alibaba listings") << u"albb"_s << QStringList{u"9988.HK"_s, u"BABA.US"_s};
}

void tst_SymbolSearch::containsAll()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    const SymbolSearch search(&SymbolCatalog::builtIn());
    const QStringList found = codes(search.search(query, 0));
    for (const QString& code : expected)
        QVERIFY2(found.contains(code), qPrintable(code + u" missing for "_s + query));
    // Every result really matches the query somewhere.
    for (const SymbolSearch::Match& m : search.search(query, 0)) {
        const QString q = query.toLower();
        QVERIFY2(m.info.code.toLower().contains(q) || m.info.nameZh.toLower().contains(q) ||
                     m.info.nameEn.toLower().contains(q) || m.info.pinyin.contains(q),
                 qPrintable(m.info.code));
    }
}

void tst_SymbolSearch::ranksAreOrdered_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("6") << u"6"_s;
    QTest::newRow("60") << u"60"_s;
    QTest::newRow("zg") << u"zg"_s;
    QTest::newRow("china") << u"china"_s;
    QTest::newRow("银行") << u"银行"_s;
    QTest::newRow("us") << u"us"_s;
    QTest::newRow("a") << u"a"_s;
}

void tst_SymbolSearch::ranksAreOrdered()
{
    QFETCH(QString, query);
    const SymbolSearch search(&SymbolCatalog::builtIn());
    const QList<SymbolSearch::Match> matches = search.search(query, 0);
    QVERIFY(matches.size() > 1);
    for (int i = 1; i < matches.size(); ++i)
        QVERIFY2(matches.at(i - 1).rank <= matches.at(i).rank, qPrintable(matches.at(i).info.code));
}

void tst_SymbolSearch::rankOfMatch_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("rank");

    QTest::newRow("code prefix") << u"6005"_s << u"600519.SH"_s << int(SymbolSearch::CodePrefix);
    QTest::newRow("code substring") << u"0519"_s << u"600519.SH"_s << int(SymbolSearch::Substring);
    QTest::newRow("name prefix zh") << u"贵州"_s << u"600519.SH"_s << int(SymbolSearch::NamePrefix);
    QTest::newRow("name prefix en") << u"kweichow"_s << u"600519.SH"_s << int(SymbolSearch::NamePrefix);
    QTest::newRow("english word start") << u"moutai"_s << u"600519.SH"_s << int(SymbolSearch::NamePrefix);
    QTest::newRow("english inside word") << u"outai"_s << u"600519.SH"_s << int(SymbolSearch::Substring);
    QTest::newRow("pinyin substring") << u"mt"_s << u"600519.SH"_s << int(SymbolSearch::Substring);
    QTest::newRow("exact english name") << u"tencent holdings"_s << u"700.HK"_s << int(SymbolSearch::ExactName);
}

void tst_SymbolSearch::rankOfMatch()
{
    QFETCH(QString, query);
    QFETCH(QString, code);
    QFETCH(int, rank);
    const SymbolSearch search(&SymbolCatalog::builtIn());
    const QList<SymbolSearch::Match> matches = search.search(query, 0);
    int found = -1;
    for (const SymbolSearch::Match& m : matches) {
        if (m.info.code == code)
            found = m.rank;
    }
    QCOMPARE(found, rank);
}

void tst_SymbolSearch::exactBeforePrefixBeforeSubstring()
{
    SymbolCatalog catalog;
    QVERIFY(catalog.loadJson(R"({"version":1,"symbols":[
        {"code":"1700.HK","name_en":"Substring","market":"hk","tick":"0.01","price":"1.00"},
        {"code":"7001.HK","name_en":"Prefix","market":"hk","tick":"0.01","price":"1.00"},
        {"code":"700.HK","name_en":"Exact","market":"hk","tick":"0.5","price":"640.0"},
        {"code":"7000.HK","name_en":"Prefix too","market":"hk","tick":"0.01","price":"1.00"}]})"));
    const SymbolSearch search(&catalog);
    const QList<SymbolSearch::Match> matches = search.search(u"700"_s);
    QCOMPARE(codes(matches), (QStringList{u"700.HK"_s, u"7000.HK"_s, u"7001.HK"_s, u"1700.HK"_s}));
    QCOMPARE(matches.at(0).rank, int(SymbolSearch::ExactCode));
    QCOMPARE(matches.at(1).rank, int(SymbolSearch::CodePrefix));
    QCOMPARE(matches.at(3).rank, int(SymbolSearch::Substring));
}

void tst_SymbolSearch::tiesByMarket()
{
    SymbolCatalog catalog;
    QVERIFY(catalog.loadJson(R"({"version":1,"symbols":[
        {"code":"ZGYH.US","name_en":"Bank of China","market":"us","tick":"0.01","price":"1.00"},
        {"code":"3988.HK","name_en":"Bank of China","name_zh":"中国银行","pinyin":"zgyh","market":"hk",
         "tick":"0.01","price":"4.50"},
        {"code":"601988.SH","name_en":"Bank of China","name_zh":"中国银行","pinyin":"zgyh","market":"sh",
         "tick":"0.01","price":"5.50"},
        {"code":"BOC.US","name_en":"Bank of China ADR","market":"us","tick":"0.01","price":"1.00"}]})"));
    const SymbolSearch search(&catalog);
    // Chinese query: A-shares first, then HK.
    QCOMPARE(codes(search.search(u"中国银行"_s)), (QStringList{u"601988.SH"_s, u"3988.HK"_s}));
    // Pinyin: exact pinyin (rank 1) for both Chinese listings, A-share first; ZGYH.US is an exact code (rank 0).
    QCOMPARE(codes(search.search(u"zgyh"_s)), (QStringList{u"ZGYH.US"_s, u"601988.SH"_s, u"3988.HK"_s}));
    // English words: exact names (rank 1) US first, then HK, then A-shares; then the word prefix (rank 4).
    QCOMPARE(codes(search.search(u"bank of china"_s)),
             (QStringList{u"ZGYH.US"_s, u"3988.HK"_s, u"601988.SH"_s, u"BOC.US"_s}));
}

void tst_SymbolSearch::limitRespected()
{
    const SymbolSearch search(&SymbolCatalog::builtIn());
    const QList<SymbolSearch::Match> all = search.search(u"6"_s, 0);
    QVERIFY(all.size() > 20);
    const QList<SymbolSearch::Match> ten = search.search(u"6"_s, 10);
    QCOMPARE(ten.size(), 10);
    // The limited list is the head of the full ranking.
    for (int i = 0; i < ten.size(); ++i)
        QCOMPARE(ten.at(i).info.code, all.at(i).info.code);
    QCOMPARE(search.search(u"6"_s).size(), 50);
}

void tst_SymbolSearch::emptyAndUnmatchedQueries()
{
    const SymbolSearch search(&SymbolCatalog::builtIn());
    QVERIFY(search.search(QString()).isEmpty());
    QVERIFY(search.search(u"   "_s).isEmpty());
    QVERIFY(search.search(u"qqqqqqqqqq"_s).isEmpty());
    const SymbolSearch none(nullptr);
    QCOMPARE(none.size(), 0);
    QVERIFY(none.search(u"gzmt"_s).isEmpty());
}

void tst_SymbolSearch::extraSymbolGetsPinyin()
{
    SymbolSearch search(&SymbolCatalog::builtIn());
    const int before = search.size();
    QVERIFY(search.search(u"jxgf"_s).isEmpty());
    SymbolInfo extra;
    extra.code = u"605111.SH"_s;
    extra.nameEn = u"Feed-only test symbol"_s;
    extra.nameZh = u"金星股份"_s; // a made-up name, not in the catalog: initials come from the run-time table
    search.addExtraSymbols({extra});
    QCOMPARE(search.size(), before + 1);
    const SymbolInfo* added = search.find(u"605111.SH"_s);
    QVERIFY(added);
    QCOMPARE(added->pinyin, u"jxgf"_s);
    QCOMPARE(added->market, Market::SH); // guessed from the code
    const QList<SymbolSearch::Match> matches = search.search(u"jxgf"_s);
    QCOMPARE(codes(matches), QStringList{u"605111.SH"_s});
    QCOMPARE(matches.first().rank, int(SymbolSearch::ExactName));
    QCOMPARE(codes(search.search(u"金星"_s)).value(0), u"605111.SH"_s);

    // A polyphone resolved by a phrase of the table: 行 in 银行 is háng.
    SymbolInfo bank;
    bank.code = u"601577.SH"_s;
    bank.nameEn = u"Bank"_s;
    bank.nameZh = u"长沙银行"_s;
    search.addExtraSymbols({bank});
    QCOMPARE(search.find(u"601577.SH"_s)->pinyin, u"csyh"_s);
    QVERIFY(codes(search.search(u"csyh"_s)).contains(u"601577.SH"_s));
}

void tst_SymbolSearch::extraSymbolDoesNotOverrideCatalog()
{
    SymbolSearch search(&SymbolCatalog::builtIn());
    const int before = search.size();
    SymbolInfo feed;
    feed.code = u"600519.SH"_s;
    feed.nameEn = u"MOUTAI"_s;
    feed.nameZh = u"茅台"_s;
    search.addExtraSymbols({feed, SymbolInfo()});
    QCOMPARE(search.size(), before);
    QCOMPARE(search.find(u"600519.SH"_s)->nameZh, u"贵州茅台"_s);
}

void tst_SymbolSearch::extraSymbolReplacesEarlierExtra()
{
    SymbolSearch search(&SymbolCatalog::builtIn());
    SymbolInfo first;
    first.code = u"ZZZZ.US"_s;
    first.nameEn = u"Old Name"_s;
    search.addExtraSymbols({first});
    const int size = search.size();
    SymbolInfo second = first;
    second.nameEn = u"New Name"_s;
    search.addExtraSymbols({second});
    QCOMPARE(search.size(), size);
    QCOMPARE(search.find(u"ZZZZ.US"_s)->nameEn, u"New Name"_s);
    QVERIFY(search.search(u"old name"_s).isEmpty());
    QCOMPARE(codes(search.search(u"new name"_s)), QStringList{u"ZZZZ.US"_s});
}

void tst_SymbolSearch::pinyinTable_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("initials");

    QTest::newRow("plain") << u"贵州茅台"_s << u"gzmt"_s;
    QTest::newRow("bank phrase") << u"招商银行"_s << u"zsyh"_s;
    QTest::newRow("chongqing phrase") << u"重庆啤酒"_s << u"cqpj"_s;
    QTest::newRow("latin skipped") << u"TCL科技"_s << u"kj"_s;
    QTest::newRow("suffix skipped") << u"小米集团-W"_s << u"xmjt"_s;
    QTest::newRow("separator") << u"欧元/美元"_s << u"oymy"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("no chinese") << u"Apple"_s << QString();
}

void tst_SymbolSearch::pinyinTable()
{
    QFETCH(QString, text);
    QFETCH(QString, initials);
    const PinyinInitials& table = PinyinInitials::builtIn();
    QVERIFY(table.characterCount() > 7000);
    QVERIFY(table.phraseCount() > 0);
    QCOMPARE(table.initials(text), initials);
}

void tst_SymbolSearch::pinyinTableRejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("upper-case letter") << QByteArray("A 阿\n");
    QTest::newRow("two letters") << QByteArray("ab 阿\n");
    QTest::newRow("latin character") << QByteArray("a x\n");
    QTest::newRow("listed twice") << QByteArray("a 阿\nb 阿\n");
    QTest::newRow("phrase without initials") << QByteArray("= 银行\n");
    QTest::newRow("phrase length mismatch") << QByteArray("= 银行 y\n");
    QTest::newRow("missing characters") << QByteArray("a\n");
}

void tst_SymbolSearch::pinyinTableRejects()
{
    QFETCH(QByteArray, text);
    PinyinInitials table;
    QVERIFY(table.load("# comment\nz 中\n= 银行 yh\n"));
    QCOMPARE(table.initials(u"中国银行"), u"zyh"_s); // 国 is unknown to this small table
    QString error;
    QVERIFY(!table.load(text, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(table.characterCount(), 1); // the previous content is kept
    QCOMPARE(table.initials(u"中"), u"z"_s);
}

void tst_SymbolSearch::canonicalCode_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("code");

    QTest::newRow("us lower") << u"aapl.us"_s << u"AAPL.US"_s;
    QTest::newRow("unknown us") << u" xyz.us "_s << u"XYZ.US"_s;
    QTest::newRow("hk zeros") << u"00700.hk"_s << u"700.HK"_s;
    QTest::newRow("unknown hk zeros") << u"09999.HK"_s << u"9999.HK"_s;
    QTest::newRow("silver") << u"silver"_s << u"Silver"_s;
    QTest::newRow("gold") << u"gold"_s << u"GOLD"_s;
    QTest::newRow("forex") << u"usdcnh"_s << u"USDCNH"_s;
    QTest::newRow("a-share") << u"688981.sh"_s << u"688981.SH"_s;
}

void tst_SymbolSearch::canonicalCode()
{
    QFETCH(QString, typed);
    QFETCH(QString, code);
    const SymbolSearch search(&SymbolCatalog::builtIn());
    QCOMPARE(search.canonicalCode(typed), code);
}

void tst_SymbolSearch::isValidCode_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("valid");

    QTest::newRow("us") << u"AAPL.US"_s << true;
    QTest::newRow("us uncatalogued") << u"XYZ.US"_s << true;
    QTest::newRow("us class share") << u"BRK.B.US"_s << true;
    QTest::newRow("us lower") << u"aapl.us"_s << false;
    QTest::newRow("us empty ticker") << u".US"_s << false;
    QTest::newRow("us too long") << u"ABCDEFGHIJKL.US"_s << false;
    QTest::newRow("hk") << u"700.HK"_s << true;
    QTest::newRow("hk five digits") << u"10000.HK"_s << true;
    QTest::newRow("hk leading zero") << u"00700.HK"_s << false;
    QTest::newRow("hk letters") << u"ABC.HK"_s << false;
    QTest::newRow("sh") << u"600519.SH"_s << true;
    QTest::newRow("sz") << u"300750.SZ"_s << true;
    QTest::newRow("bj") << u"430047.BJ"_s << true;
    QTest::newRow("sh five digits") << u"60051.SH"_s << false;
    QTest::newRow("sh seven digits") << u"6005190.SH"_s << false;
    QTest::newRow("unknown suffix") << u"600519.SS"_s << false;
    QTest::newRow("forex") << u"EURUSD"_s << true;
    QTest::newRow("forex cnh") << u"EURCNH"_s << true;
    QTest::newRow("forex same currency") << u"USDUSD"_s << false;
    QTest::newRow("forex unknown currency") << u"ABCDEF"_s << false;
    QTest::newRow("forex lower") << u"eurusd"_s << false;
    QTest::newRow("crypto") << u"PEPEUSDT"_s << true;
    QTest::newRow("crypto usdc") << u"ETHUSDC"_s << true;
    QTest::newRow("bare usdt") << u"USDT"_s << false;
    QTest::newRow("gold") << u"GOLD"_s << true;
    QTest::newRow("silver") << u"Silver"_s << true;
    QTest::newRow("silver upper") << u"SILVER"_s << false; // AllTick codes are case-sensitive
    QTest::newRow("oil") << u"USOIL"_s << true;
    QTest::newRow("random word") << u"FOO"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("chinese") << u"茅台"_s << false;
    QTest::newRow("space") << u"AA PL.US"_s << false;
}

void tst_SymbolSearch::isValidCode()
{
    QFETCH(QString, code);
    QFETCH(bool, valid);
    QString hint;
    QCOMPARE(SymbolSearch::isValidCode(code, &hint), valid);
    QVERIFY(!hint.isEmpty());
    if (valid)
        QCOMPARE(hint, SymbolSearch::defaultFeedLabel(code));
    QCOMPARE(SymbolSearch::isValidCode(code), valid);
}

void tst_SymbolSearch::feedLabel()
{
    QCOMPARE(SymbolSearch::defaultFeedLabel(u"AAPL.US"_s), u"AllTick stocks"_s);
    QCOMPARE(SymbolSearch::defaultFeedLabel(u"600519.SH"_s), u"AllTick stocks"_s);
    QCOMPARE(SymbolSearch::defaultFeedLabel(u"EURUSD"_s), u"AllTick forex/crypto"_s);
    QCOMPARE(SymbolSearch::defaultFeedLabel(u"GOLD"_s), u"AllTick forex/crypto"_s);
}

QTEST_GUILESS_MAIN(tst_SymbolSearch)
#include "tst_symbolsearch.moc"
