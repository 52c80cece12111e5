#include "cli/CommandLine.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString Token = u"SECRET-TOKEN-123"_s;
const QString EnvToken = u"ENV-TOKEN-456"_s;

QProcessEnvironment envWith(const QString& token)
{
    QProcessEnvironment env;
    if (!token.isNull())
        env.insert(u"ALLTICK_TOKEN"_s, token);
    return env;
}

// Everything parse() produced, as one comparable line.
QString describe(const AppOptions& o)
{
    QStringList parts;
    if (o.demo)
        parts << u"demo"_s;
    if (!o.allTickToken.isEmpty())
        parts << u"token="_s + o.allTickToken;
    if (!o.allTickStockUrl.isEmpty())
        parts << u"stock="_s + o.allTickStockUrl.toString();
    if (!o.allTickGeneralUrl.isEmpty())
        parts << u"general="_s + o.allTickGeneralUrl.toString();
    if (!o.qmtUrl.isEmpty())
        parts << u"qmt="_s + o.qmtUrl.toString();
    if (!o.qmtApiKey.isEmpty())
        parts << u"qmtkey="_s + o.qmtApiKey;
    if (o.symbolsGiven)
        parts << u"symbols="_s + o.symbols.join(u'|');
    else if (!o.symbols.isEmpty())
        parts << u"symbols-without-flag"_s;
    if (!o.snapshotPath.isEmpty())
        parts << u"snapshot="_s + o.snapshotPath;
    if (o.snapshotIntervalSec != 0)
        parts << u"interval="_s + QString::number(o.snapshotIntervalSec);
    if (o.exitAfterSec != 0)
        parts << u"exit="_s + QString::number(o.exitAfterSec);
    if (!o.lang.isEmpty())
        parts << u"lang="_s + o.lang;
    if (o.showHelp)
        parts << u"help"_s;
    if (o.showVersion)
        parts << u"version"_s;
    return parts.join(u' ');
}

QStringList args(std::initializer_list<QString> list)
{
    QStringList result{u"quotemonitor"_s};
    for (const QString& s : list)
        result << s;
    return result;
}

} // namespace

class tst_CommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void errors_data();
    void errors();
    void failureLeavesOutputAlone();
    void qmtApiKeyFromEnvironment();
    void helpText();
};

void tst_CommandLine::parse_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("env");
    QTest::addColumn<QString>("expected");

    QTest::newRow("nothing") << args({}) << QString() << QString();
    QTest::newRow("no program name") << QStringList() << QString() << QString();
    QTest::newRow("demo") << args({u"--demo"_s}) << QString() << u"demo"_s;
    QTest::newRow("demo single dash") << args({u"-demo"_s}) << QString() << u"demo"_s;
    QTest::newRow("token from env") << args({}) << EnvToken << u"token="_s + EnvToken;
    QTest::newRow("token option") << args({u"--alltick-token"_s, Token}) << QString() << u"token="_s + Token;
    QTest::newRow("token option beats env") << args({u"--alltick-token"_s, Token}) << EnvToken << u"token="_s + Token;
    QTest::newRow("token with =") << args({u"--alltick-token="_s + Token}) << QString() << u"token="_s + Token;
    QTest::newRow("empty env token") << args({}) << u""_s << QString();
    QTest::newRow("demo with env token") << args({u"--demo"_s}) << EnvToken << u"demo token="_s + EnvToken;
    QTest::newRow("stock url") << args({u"--alltick-stock-url"_s, u"wss://quote.example.com/stock-ws"_s}) << QString()
                               << u"stock=wss://quote.example.com/stock-ws"_s;
    QTest::newRow("general url, ws and port")
        << args({u"--alltick-url"_s, u"ws://127.0.0.1:8765/ws"_s}) << QString() << u"general=ws://127.0.0.1:8765/ws"_s;
    QTest::newRow("upper-case scheme") << args({u"--alltick-url"_s, u"WSS://Example.com/x"_s}) << QString()
                                       << u"general=wss://example.com/x"_s;
    QTest::newRow("symbols") << args({u"--symbols"_s, u"700.HK,AAPL.US,EURUSD"_s}) << QString()
                             << u"symbols=700.HK|AAPL.US|EURUSD"_s;
    QTest::newRow("symbols trimmed, empties and duplicates dropped")
        << args({u"--symbols"_s, u" 700.HK , AAPL.US,,700.HK, EURUSD ,"_s}) << QString()
        << u"symbols=700.HK|AAPL.US|EURUSD"_s;
    QTest::newRow("symbols given twice") << args({u"--symbols"_s, u"A_1.US"_s, u"--symbols"_s, u"b-2,A_1.US"_s})
                                         << QString() << u"symbols=A_1.US|b-2"_s;
    QTest::newRow("snapshot once") << args({u"--snapshot"_s, u"/tmp/out file.csv"_s}) << QString()
                                   << u"snapshot=/tmp/out file.csv"_s;
    QTest::newRow("snapshot with interval") << args({u"--snapshot"_s, u"q.csv"_s, u"--snapshot-interval"_s, u"30"_s})
                                            << QString() << u"snapshot=q.csv interval=30"_s;
    QTest::newRow("interval before snapshot") << args({u"--snapshot-interval"_s, u"5"_s, u"--snapshot"_s, u"q.csv"_s})
                                              << QString() << u"snapshot=q.csv interval=5"_s;
    QTest::newRow("exit after whole") << args({u"--exit-after"_s, u"10"_s}) << QString() << u"exit=10"_s;
    QTest::newRow("exit after fraction") << args({u"--exit-after"_s, u"2.5"_s}) << QString() << u"exit=2.5"_s;
    QTest::newRow("qmt bridge") << args({u"--qmt"_s, u"ws://192.168.1.20:8000"_s}) << QString()
                                << u"qmt=ws://192.168.1.20:8000"_s;
    QTest::newRow("qmt api key") << args({u"--qmt"_s, u"ws://10.0.0.5:8000"_s, u"--qmt-api-key"_s, u"k3y"_s})
                                 << QString() << u"qmt=ws://10.0.0.5:8000 qmtkey=k3y"_s;
    QTest::newRow("lang en") << args({u"--lang"_s, u"en"_s}) << QString() << u"lang=en"_s;
    QTest::newRow("lang zh_CN") << args({u"--lang"_s, u"zh_CN"_s}) << QString() << u"lang=zh_CN"_s;
    QTest::newRow("help") << args({u"--help"_s}) << QString() << u"help"_s;
    QTest::newRow("-h") << args({u"-h"_s}) << QString() << u"help"_s;
    QTest::newRow("help wins over bad values") << args({u"--lang"_s, u"fr"_s, u"--help"_s}) << QString() << u"help"_s;
    QTest::newRow("version") << args({u"--version"_s}) << QString() << u"version"_s;
    QTest::newRow("everything") << args({u"--demo"_s, u"--alltick-token"_s, Token, u"--alltick-stock-url"_s,
                                         u"wss://a.example/s"_s, u"--alltick-url"_s, u"wss://b.example/g"_s,
                                         u"--symbols"_s, u"GOLD"_s, u"--snapshot"_s, u"s.csv"_s,
                                         u"--snapshot-interval"_s, u"1"_s, u"--exit-after"_s, u"0.25"_s, u"--lang"_s,
                                         u"zh_CN"_s})
                                << EnvToken
                                << u"demo token="_s + Token +
                                       u" stock=wss://a.example/s general=wss://b.example/g symbols=GOLD "
                                       u"snapshot=s.csv interval=1 exit=0.25 lang=zh_CN"_s;
}

void tst_CommandLine::parse()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, env);
    QFETCH(QString, expected);
    AppOptions options;
    QString error = u"not cleared"_s;
    QVERIFY2(CommandLine::parse(arguments, envWith(env), &options, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(describe(options), expected);
}

void tst_CommandLine::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("env");
    QTest::addColumn<QString>("mentions");   // the error must contain this
    QTest::addColumn<QString>("neverShown"); // and must never contain this (besides the token)

    const QString tok = u"--alltick-token"_s;
    QTest::newRow("url http") << args({tok, Token, u"--alltick-url"_s, u"http://example.com/ws"_s}) << EnvToken
                              << u"--alltick-url"_s << QString();
    QTest::newRow("url relative") << args({u"--alltick-stock-url"_s, u"quote.example.com/ws"_s}) << QString()
                                  << u"--alltick-stock-url"_s << QString();
    QTest::newRow("url without host") << args({u"--alltick-stock-url"_s, u"wss:///path"_s}) << QString()
                                      << u"--alltick-stock-url"_s << QString();
    QTest::newRow("url with bad port, token inside")
        << args({u"--alltick-url"_s, u"wss://h.example:99999/ws?token=URLSECRET"_s}) << QString() << u"--alltick-url"_s
        << u"URLSECRET"_s;
    QTest::newRow("url wrong scheme, token inside")
        << args({u"--alltick-url"_s, u"https://h.example/ws?token=URLSECRET&x=1"_s}) << QString() << u"token=***"_s
        << u"URLSECRET"_s;
    QTest::newRow("url wrong scheme, the token itself inside")
        << args({tok, Token, u"--alltick-url"_s, u"https://h.example/ws?t="_s + Token}) << QString()
        << u"--alltick-url"_s << QString();
    QTest::newRow("url with password") << args({u"--alltick-url"_s, u"ftp://user:PASSWORD9@h.example/"_s}) << QString()
                                       << u"--alltick-url"_s << u"PASSWORD9"_s;
    QTest::newRow("lang fr") << args({u"--lang"_s, u"fr"_s}) << QString() << u"fr"_s << QString();
    QTest::newRow("lang zh") << args({u"--lang"_s, u"zh"_s}) << EnvToken << u"--lang"_s << QString();
    QTest::newRow("lang empty") << args({u"--lang"_s, u""_s}) << QString() << u"--lang"_s << QString();
    QTest::newRow("interval without snapshot")
        << args({u"--snapshot-interval"_s, u"5"_s}) << QString() << u"--snapshot"_s << QString();
    QTest::newRow("interval zero") << args({u"--snapshot"_s, u"a.csv"_s, u"--snapshot-interval"_s, u"0"_s}) << QString()
                                   << u"--snapshot-interval"_s << QString();
    QTest::newRow("interval fraction") << args({u"--snapshot"_s, u"a.csv"_s, u"--snapshot-interval"_s, u"1.5"_s})
                                       << QString() << u"--snapshot-interval"_s << QString();
    QTest::newRow("interval text") << args({u"--snapshot"_s, u"a.csv"_s, u"--snapshot-interval"_s, u"often"_s})
                                   << QString() << u"often"_s << QString();
    QTest::newRow("snapshot empty") << args({u"--snapshot"_s, u" "_s}) << QString() << u"--snapshot"_s << QString();
    QTest::newRow("exit after zero") << args({u"--exit-after"_s, u"0"_s}) << QString() << u"--exit-after"_s
                                     << QString();
    QTest::newRow("exit after negative") << args({u"--exit-after"_s, u"-3"_s}) << QString() << u"--exit-after"_s
                                         << QString();
    QTest::newRow("exit after text") << args({u"--exit-after"_s, u"soon"_s}) << QString() << u"soon"_s << QString();
    QTest::newRow("exit after inf") << args({u"--exit-after"_s, u"inf"_s}) << QString() << u"--exit-after"_s
                                    << QString();
    QTest::newRow("exit after nan") << args({u"--exit-after"_s, u"nan"_s}) << QString() << u"--exit-after"_s
                                    << QString();
    QTest::newRow("symbol with space") << args({u"--symbols"_s, u"700.HK,BAD CODE"_s}) << QString() << u"BAD CODE"_s
                                       << QString();
    QTest::newRow("symbol with dollar") << args({u"--symbols"_s, u"A$B"_s}) << QString() << u"A$B"_s << QString();
    QTest::newRow("symbol non-ascii") << args({u"--symbols"_s, u"茅台"_s}) << QString() << u"茅台"_s << QString();
    QTest::newRow("symbols all empty") << args({u"--symbols"_s, u" , ,"_s}) << QString() << u"--symbols"_s << QString();
    QTest::newRow("token empty") << args({tok, u"  "_s}) << EnvToken << u"--alltick-token"_s << QString();
    QTest::newRow("token value missing") << args({u"--demo"_s, tok}) << EnvToken << u"alltick-token"_s << QString();
    QTest::newRow("qmt not a websocket url")
        << args({u"--qmt"_s, u"http://10.0.0.5:8000"_s}) << QString() << u"--qmt"_s << QString();
    QTest::newRow("qmt api key empty") << args({u"--qmt-api-key"_s, u" "_s}) << QString() << u"--qmt-api-key"_s
                                       << QString();
    QTest::newRow("stray argument that is the qmt key")
        << args({u"--qmt-api-key"_s, u"QMTSECRET42"_s, u"QMTSECRET42"_s}) << QString() << u"***"_s << u"QMTSECRET42"_s;
    QTest::newRow("unknown option") << args({u"--bogus"_s}) << QString() << u"bogus"_s << QString();
    QTest::newRow("unknown option with token value")
        << args({tok, Token, u"--tokn="_s + Token}) << QString() << u"tokn"_s << QString();
    QTest::newRow("qt platform option not stripped")
        << args({u"-platform"_s, u"offscreen"_s}) << QString() << u"Unknown option: -platform"_s << QString();
    QTest::newRow("unknown double-dash option")
        << args({u"--nope=1"_s}) << QString() << u"Unknown option: --nope"_s << QString();
    QTest::newRow("stray argument that is the token")
        << args({tok, Token, Token}) << QString() << u"***"_s << QString();
    QTest::newRow("stray argument that is the env token")
        << args({u"--demo"_s, EnvToken}) << EnvToken << u"***"_s << QString();
}

void tst_CommandLine::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, env);
    QFETCH(QString, mentions);
    QFETCH(QString, neverShown);
    AppOptions options;
    QString error;
    QVERIFY(!CommandLine::parse(arguments, envWith(env), &options, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(mentions), qPrintable(error));
    QVERIFY2(!error.contains(Token), qPrintable(error));
    QVERIFY2(!error.contains(EnvToken), qPrintable(error));
    if (!neverShown.isEmpty())
        QVERIFY2(!error.contains(neverShown), qPrintable(error));
}

void tst_CommandLine::failureLeavesOutputAlone()
{
    AppOptions options;
    options.lang = u"en"_s;
    options.symbols = QStringList{u"KEEP"_s};
    QString error;
    QVERIFY(!CommandLine::parse(args({u"--symbols"_s, u"X.US"_s, u"--lang"_s, u"xx"_s}), QProcessEnvironment(),
                                &options, &error));
    QCOMPARE(options.lang, u"en"_s);
    QCOMPARE(options.symbols, QStringList{u"KEEP"_s});
    // A null error pointer is allowed.
    QVERIFY(!CommandLine::parse(args({u"--lang"_s, u"xx"_s}), QProcessEnvironment(), &options, nullptr));
}

void tst_CommandLine::qmtApiKeyFromEnvironment()
{
    QProcessEnvironment env;
    env.insert(u"QMT_BRIDGE_API_KEY"_s, u"ENVKEY7"_s);
    AppOptions options;
    QString error;
    QVERIFY(CommandLine::parse(args({u"--qmt"_s, u"ws://h:8000"_s}), env, &options, &error));
    QCOMPARE(options.qmtApiKey, u"ENVKEY7"_s);
    QVERIFY(CommandLine::parse(args({u"--qmt-api-key"_s, u"OPT"_s}), env, &options, &error));
    QCOMPARE(options.qmtApiKey, u"OPT"_s);
    // A stray copy of the environment's key is never echoed.
    QVERIFY(!CommandLine::parse(args({u"ENVKEY7"_s}), env, &options, &error));
    QVERIFY2(!error.contains(u"ENVKEY7"_s), qPrintable(error));
}

void tst_CommandLine::helpText()
{
    const QString help = CommandLine::helpText();
    const QStringList options{u"--demo"_s,    u"--alltick-token"_s, u"--alltick-stock-url"_s, u"--alltick-url"_s,
                              u"--symbols"_s, u"--snapshot"_s,      u"--snapshot-interval"_s, u"--exit-after"_s,
                              u"--lang"_s,    u"--help"_s,          u"--version"_s,           u"ALLTICK_TOKEN"_s,
                              u"--qmt"_s,     u"--qmt-api-key"_s,   u"QMT_BRIDGE_API_KEY"_s};
    for (const QString& option : options)
        QVERIFY2(help.contains(option), qPrintable(option));
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
