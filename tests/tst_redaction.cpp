#include "feed/UrlRedaction.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_Redaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void url_data();
    void url();
    void text_data();
    void text();
};

void tst_Redaction::url_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("secret"); // must not survive

    QTest::newRow("token") << u"wss://quote.alltick.co/quote-b-ws-api?token=abc123def"_s
                           << u"wss://quote.alltick.co/quote-b-ws-api?token=***"_s << u"abc123def"_s;
    QTest::newRow("token among others") << u"wss://h.example/ws?a=1&TOKEN=abc123def&b=2"_s
                                        << u"wss://h.example/ws?a=1&TOKEN=***&b=2"_s << u"abc123def"_s;
    QTest::newRow("api_key") << u"https://h.example/x?api_key=K3Y"_s << u"https://h.example/x?api_key=***"_s
                             << u"K3Y"_s;
    QTest::newRow("apikey mixed case") << u"https://h.example/x?ApiKey=K3Y"_s << u"https://h.example/x?ApiKey=***"_s
                                       << u"K3Y"_s;
    QTest::newRow("key") << u"https://h.example/x?key=K3Y&keyboard=us"_s << u"https://h.example/x?key=***&keyboard=us"_s
                         << u"K3Y"_s;
    QTest::newRow("password item") << u"https://h.example/x?Password=hunter2"_s << u"https://h.example/x?Password=***"_s
                                   << u"hunter2"_s;
    QTest::newRow("repeated token") << u"wss://h.example/?token=one&token=two"_s
                                    << u"wss://h.example/?token=***&token=***"_s << u"two"_s;
    QTest::newRow("percent-encoded token")
        << u"wss://h.example/?token=a%2Fb%20c"_s << u"wss://h.example/?token=***"_s << u"a%2Fb"_s;
    QTest::newRow("userinfo password") << u"wss://user:s3cret@h.example:8443/ws"_s << u"wss://user@h.example:8443/ws"_s
                                       << u"s3cret"_s;
    QTest::newRow("token in fragment") << u"https://h.example/#token=abc123def"_s << u"https://h.example/#token=***"_s
                                       << u"abc123def"_s;
    QTest::newRow("nothing secret") << u"wss://h.example/ws?region=hk&depth=5"_s
                                    << u"wss://h.example/ws?region=hk&depth=5"_s << QString();
    QTest::newRow("no query") << u"ws://127.0.0.1:8765/"_s << u"ws://127.0.0.1:8765/"_s << QString();
    QTest::newRow("empty") << QString() << QString() << QString();
}

void tst_Redaction::url()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QFETCH(QString, secret);
    const QString out = Redaction::url(QUrl(input));
    QCOMPARE(out, expected);
    if (!secret.isEmpty())
        QVERIFY(!out.contains(secret));
}

void tst_Redaction::text_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QString>("expected");

    QTest::newRow("one") << u"connect wss://h/?token=abc123 failed"_s << QStringList{u"abc123"_s}
                         << u"connect wss://h/?token=*** failed"_s;
    QTest::newRow("every occurrence") << u"abc123 and abc123"_s << QStringList{u"abc123"_s} << u"*** and ***"_s;
    QTest::newRow("several secrets") << u"t=AAA k=BBB"_s << QStringList{u"AAA"_s, u"BBB"_s} << u"t=*** k=***"_s;
    QTest::newRow("empty secret ignored")
        << u"nothing to hide"_s << QStringList{QString(), u""_s} << u"nothing to hide"_s;
    QTest::newRow("no secrets") << u"plain"_s << QStringList() << u"plain"_s;
    QTest::newRow("percent-encoded form")
        << u"GET /?token=a%2Fb%2Bc"_s << QStringList{u"a/b+c"_s} << u"GET /?token=***"_s;
    QTest::newRow("longer secret masked whole") << u"xabcdefx"_s << QStringList{u"abc"_s, u"abcdef"_s} << u"x***x"_s;
}

void tst_Redaction::text()
{
    QFETCH(QString, input);
    QFETCH(QStringList, secrets);
    QFETCH(QString, expected);
    QCOMPARE(Redaction::text(input, secrets), expected);
}

QTEST_GUILESS_MAIN(tst_Redaction)
#include "tst_redaction.moc"
