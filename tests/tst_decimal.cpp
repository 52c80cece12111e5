#include "Decimal.h"

#include <QTest>
#include <QVariant>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

// Readable QCOMPARE failures for Decimal.
char* toString(const Decimal& d)
{
    return QTest::toString(d.isNull() ? u"<null>"_s
                                      : d.toString() + u" (units "_s + QString::number(d.units()) + u", scale "_s +
                                            QString::number(d.scale()) + u')');
}

namespace {

Decimal dec(const char* text)
{
    bool ok = false;
    const Decimal d = Decimal::parse(QByteArrayView(text), &ok);
    if (!ok)
        qFatal("test setup: cannot parse %s", text);
    return d;
}

} // namespace

class tst_Decimal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void parseStringView_data();
    void parseStringView();
    void parseRejectsNonAscii();
    void fromUnits_data();
    void fromUnits();
    void toStringPadded_data();
    void toStringPadded();
    void textRoundTrip_data();
    void textRoundTrip();
    void fromDouble_data();
    void fromDouble();
    void toDouble_data();
    void toDouble();
    void arithmetic_data();
    void arithmetic();
    void nullPropagates();
    void negation_data();
    void negation();
    void rounded_data();
    void rounded();
    void roundedToTick_data();
    void roundedToTick();
    void comparison_data();
    void comparison();
    void predicates();
    void metaType();
};

void tst_Decimal::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("units");
    QTest::addColumn<int>("scale");
    QTest::addColumn<QString>("text");

    const qint64 max = std::numeric_limits<qint64>::max();
    const qint64 min = std::numeric_limits<qint64>::min();

    QTest::newRow("price") << "189.25"_ba << true << 18925LL << 2 << u"189.25"_s;
    QTest::newRow("negative half") << "-0.5"_ba << true << -5LL << 1 << u"-0.5"_s;
    QTest::newRow("A-share padding") << "37.700000"_ba << true << 377LL << 1 << u"37.7"_s;
    QTest::newRow("integral padding") << "100.00"_ba << true << 100LL << 0 << u"100"_s;
    QTest::newRow("volume padding") << "100000.00"_ba << true << 100000LL << 0 << u"100000"_s;
    QTest::newRow("plus sign") << "+1.5"_ba << true << 15LL << 1 << u"1.5"_s;
    QTest::newRow("zero") << "0"_ba << true << 0LL << 0 << u"0"_s;
    QTest::newRow("negative zero") << "-0.000"_ba << true << 0LL << 0 << u"0"_s;
    QTest::newRow("small") << "0.0001"_ba << true << 1LL << 4 << u"0.0001"_s;
    QTest::newRow("negative small") << "-0.05"_ba << true << -5LL << 2 << u"-0.05"_s;
    QTest::newRow("leading zeros") << "007.50"_ba << true << 75LL << 1 << u"7.5"_s;
    QTest::newRow("no integer digits") << ".5"_ba << true << 5LL << 1 << u"0.5"_s;
    QTest::newRow("no fraction digits") << "5."_ba << true << 5LL << 0 << u"5"_s;
    QTest::newRow("max scale") << "0.0000000001"_ba << true << 1LL << 10 << u"0.0000000001"_s;
    QTest::newRow("int64 max") << "9223372036854775807"_ba << true << max << 0 << u"9223372036854775807"_s;
    QTest::newRow("int64 min") << "-9223372036854775808"_ba << true << min << 0 << u"-9223372036854775808"_s;
    QTest::newRow("many leading zeros") << "000000000000000000000000000012.5"_ba << true << 125LL << 1 << u"12.5"_s;
    QTest::newRow("long zero fraction") << "1.000000000000000000000000"_ba << true << 1LL << 0 << u"1"_s;
    // Fraction digits beyond MaxScale round half away from zero.
    QTest::newRow("round up 11th digit") << "1.00000000005"_ba << true << 10000000001LL << 10 << u"1.0000000001"_s;
    QTest::newRow("round down 11th digit") << "1.00000000004999"_ba << true << 1LL << 0 << u"1"_s;
    QTest::newRow("round negative away") << "-1.00000000005"_ba << true << -10000000001LL << 10 << u"-1.0000000001"_s;
    QTest::newRow("round to zero") << "0.000000000049"_ba << true << 0LL << 0 << u"0"_s;
    QTest::newRow("round carries") << "0.99999999995"_ba << true << 1LL << 0 << u"1"_s;
    QTest::newRow("float noise") << "2.5100000000000002"_ba << true << 251LL << 2 << u"2.51"_s;
    // The integer part fits but not with all fraction digits: fewer places are kept.
    QTest::newRow("scale reduced to fit")
        << "922337203685477580.75"_ba << true << 922337203685477581LL << 0 << u"922337203685477581"_s;

    QTest::newRow("empty") << ""_ba << false << 0LL << 0 << QString();
    QTest::newRow("space") << " "_ba << false << 0LL << 0 << QString();
    QTest::newRow("leading space") << " 1"_ba << false << 0LL << 0 << QString();
    QTest::newRow("trailing space") << "1 "_ba << false << 0LL << 0 << QString();
    QTest::newRow("exponent") << "1e-3"_ba << false << 0LL << 0 << QString();
    QTest::newRow("upper exponent") << "1.5E3"_ba << false << 0LL << 0 << QString();
    QTest::newRow("letters") << "abc"_ba << false << 0LL << 0 << QString();
    QTest::newRow("two points") << "1.2.3"_ba << false << 0LL << 0 << QString();
    QTest::newRow("double sign") << "--1"_ba << false << 0LL << 0 << QString();
    QTest::newRow("sign only") << "-"_ba << false << 0LL << 0 << QString();
    QTest::newRow("plus only") << "+"_ba << false << 0LL << 0 << QString();
    QTest::newRow("point only") << "."_ba << false << 0LL << 0 << QString();
    QTest::newRow("sign point") << "-."_ba << false << 0LL << 0 << QString();
    QTest::newRow("comma") << "1,5"_ba << false << 0LL << 0 << QString();
    QTest::newRow("hex") << "0x10"_ba << false << 0LL << 0 << QString();
    QTest::newRow("nan") << "nan"_ba << false << 0LL << 0 << QString();
    QTest::newRow("inf") << "inf"_ba << false << 0LL << 0 << QString();
    QTest::newRow("quoted") << "\"1.5\""_ba << false << 0LL << 0 << QString();
    QTest::newRow("embedded nul") << QByteArray("1\0002", 3) << false << 0LL << 0 << QString();
    QTest::newRow("int64 max + 1") << "9223372036854775808"_ba << false << 0LL << 0 << QString();
    QTest::newRow("int64 min - 1") << "-9223372036854775809"_ba << false << 0LL << 0 << QString();
    QTest::newRow("20 digits") << "12345678901234567890"_ba << false << 0LL << 0 << QString();
    QTest::newRow("20 digits with fraction") << "12345678901234567890.5"_ba << false << 0LL << 0 << QString();
}

void tst_Decimal::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, ok);
    QFETCH(qint64, units);
    QFETCH(int, scale);
    QFETCH(QString, text);

    bool parsedOk = !ok;
    const Decimal d = Decimal::parse(QByteArrayView(input), &parsedOk);
    QCOMPARE(parsedOk, ok);
    QCOMPARE(d.isNull(), !ok);
    if (!ok) {
        QVERIFY(d.toString().isEmpty());
        return;
    }
    QCOMPARE(d.units(), units);
    QCOMPARE(d.scale(), scale);
    QCOMPARE(d.toString(), text);
    // The ok pointer is optional.
    QCOMPARE(Decimal::parse(QByteArrayView(input)), d);
}

void tst_Decimal::parseStringView_data()
{
    parse_data();
}

void tst_Decimal::parseStringView()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, ok);
    QFETCH(qint64, units);
    QFETCH(int, scale);

    const QString text = QString::fromLatin1(input);
    bool parsedOk = !ok;
    const Decimal d = Decimal::parse(QStringView(text), &parsedOk);
    QCOMPARE(parsedOk, ok);
    QCOMPARE(d.isNull(), !ok);
    if (ok) {
        QCOMPARE(d.units(), units);
        QCOMPARE(d.scale(), scale);
    }
}

void tst_Decimal::parseRejectsNonAscii()
{
    bool ok = true;
    // Arabic-Indic digits and full-width digits are not decimal digits for the wire format.
    QVERIFY(Decimal::parse(QStringView(u"\u0661\u0662"), &ok).isNull());
    QVERIFY(!ok);
    ok = true;
    QVERIFY(Decimal::parse(QStringView(u"\uFF11.5"), &ok).isNull());
    QVERIFY(!ok);
    ok = true;
    QVERIFY(Decimal::parse(QStringView(u"1.5\u00A0"), &ok).isNull());
    QVERIFY(!ok);
    QCOMPARE(Decimal::parse(QStringView(u"1.50")), dec("1.5"));
}

void tst_Decimal::fromUnits_data()
{
    QTest::addColumn<qint64>("inUnits");
    QTest::addColumn<int>("inScale");
    QTest::addColumn<bool>("isNull");
    QTest::addColumn<qint64>("units");
    QTest::addColumn<int>("scale");

    QTest::newRow("plain") << 18925LL << 2 << false << 18925LL << 2;
    QTest::newRow("normalised") << 377000000LL << 7 << false << 377LL << 1;
    QTest::newRow("zero keeps no scale") << 0LL << 6 << false << 0LL << 0;
    QTest::newRow("negative") << -500LL << 4 << false << -5LL << 2;
    QTest::newRow("scale above max rounds") << 5LL << 11 << false << 1LL << 10;
    QTest::newRow("scale above max to zero") << 4LL << 11 << false << 0LL << 0;
    QTest::newRow("negative scale") << 12LL << -3 << false << 12000LL << 0;
    QTest::newRow("negative scale overflow") << 10LL << -18 << true << 0LL << 0;
    QTest::newRow("int") << 42LL << 0 << false << 42LL << 0;
    QTest::newRow("int64 max, scale 29") << std::numeric_limits<qint64>::max() << 29 << false << 1LL << 10;
    QTest::newRow("int64 max, scale 30") << std::numeric_limits<qint64>::max() << 30 << false << 0LL << 0;
    QTest::newRow("int64 min, scale 48") << std::numeric_limits<qint64>::min() << 48 << false << 0LL << 0;
    QTest::newRow("huge scale") << 5LL << 100000 << false << 0LL << 0;
    QTest::newRow("huge negative scale") << 5LL << -100000 << true << 0LL << 0;
    QTest::newRow("zero, huge negative scale") << 0LL << -100000 << false << 0LL << 0;
}

void tst_Decimal::fromUnits()
{
    QFETCH(qint64, inUnits);
    QFETCH(int, inScale);
    QFETCH(bool, isNull);
    QFETCH(qint64, units);
    QFETCH(int, scale);

    const Decimal d = Decimal::fromUnits(inUnits, inScale);
    QCOMPARE(d.isNull(), isNull);
    if (!isNull) {
        QCOMPARE(d.units(), units);
        QCOMPARE(d.scale(), scale);
    }
    if (inScale == 0)
        QCOMPARE(Decimal::fromInt(inUnits), d);
}

void tst_Decimal::toStringPadded_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("minDecimals");
    QTest::addColumn<QString>("expected");

    QTest::newRow("pad one") << "37.7"_ba << 2 << u"37.70"_s;
    QTest::newRow("pad integer") << "100"_ba << 2 << u"100.00"_s;
    QTest::newRow("no truncation") << "189.25"_ba << 1 << u"189.25"_s;
    QTest::newRow("zero") << "0"_ba << 3 << u"0.000"_s;
    QTest::newRow("negative") << "-0.05"_ba << 4 << u"-0.0500"_s;
    QTest::newRow("negative min") << "-0.5"_ba << 0 << u"-0.5"_s;
    QTest::newRow("negative request") << "3.25"_ba << -2 << u"3.25"_s;
    QTest::newRow("tiny") << "0.0000000001"_ba << 2 << u"0.0000000001"_s;
    QTest::newRow("int64 min") << "-9223372036854775808"_ba << 1 << u"-9223372036854775808.0"_s;
}

void tst_Decimal::toStringPadded()
{
    QFETCH(QByteArray, input);
    QFETCH(int, minDecimals);
    QFETCH(QString, expected);
    QCOMPARE(dec(input.constData()).toString(minDecimals), expected);
}

void tst_Decimal::textRoundTrip_data()
{
    QTest::addColumn<qint64>("units");
    QTest::addColumn<int>("scale");
    QTest::addColumn<QString>("text");

    QTest::newRow("189.25") << 18925LL << 2 << u"189.25"_s;
    QTest::newRow("-0.5") << -5LL << 1 << u"-0.5"_s;
    QTest::newRow("0.0001") << 1LL << 4 << u"0.0001"_s;
    QTest::newRow("100") << 100LL << 0 << u"100"_s;
    QTest::newRow("-0.05") << -5LL << 2 << u"-0.05"_s;
    QTest::newRow("max scale int64 min") << std::numeric_limits<qint64>::min() << 10 << u"-922337203.6854775808"_s;
    QTest::newRow("max scale int64 max") << std::numeric_limits<qint64>::max() << 10 << u"922337203.6854775807"_s;
}

void tst_Decimal::textRoundTrip()
{
    QFETCH(qint64, units);
    QFETCH(int, scale);
    QFETCH(QString, text);

    const Decimal d = Decimal::fromUnits(units, scale);
    QCOMPARE(d.toString(), text);
    bool ok = false;
    const Decimal back = Decimal::parse(QStringView(text), &ok);
    QVERIFY(ok);
    QCOMPARE(back.units(), d.units());
    QCOMPARE(back.scale(), d.scale());
    QVERIFY(Decimal().toString().isEmpty());
    QVERIFY(Decimal().toString(2).isEmpty());
}

void tst_Decimal::fromDouble_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("scale");
    QTest::addColumn<QString>("expected"); // empty: null

    QTest::newRow("float noise") << 2.5100000000000002 << 2 << u"2.51"_s;
    QTest::newRow("sum noise") << (0.1 + 0.2) << 2 << u"0.3"_s;
    QTest::newRow("sum noise at max scale") << (0.1 + 0.2) << 10 << u"0.3"_s;
    QTest::newRow("exact") << 189.25 << 2 << u"189.25"_s;
    QTest::newRow("more places than needed") << 189.25 << 6 << u"189.25"_s;
    QTest::newRow("fewer places") << 189.25 << 1 << u"189.3"_s;
    QTest::newRow("negative") << -0.05 << 2 << u"-0.05"_s;
    QTest::newRow("negative rounds away") << -2.5 << 0 << u"-3"_s;
    QTest::newRow("half away from zero") << 2.5 << 0 << u"3"_s;
    QTest::newRow("decimal half") << 2.675 << 2 << u"2.68"_s;
    QTest::newRow("decimal half 1.005") << 1.005 << 2 << u"1.01"_s;
    QTest::newRow("below half") << 1.0049 << 2 << u"1"_s;
    QTest::newRow("no double rounding") << 0.004999999995 << 2 << u"0"_s;
    QTest::newRow("zero") << 0.0 << 4 << u"0"_s;
    QTest::newRow("negative zero") << -0.0 << 4 << u"0"_s;
    QTest::newRow("tiny") << 1e-13 << 10 << u"0"_s;
    QTest::newRow("small") << 5e-11 << 10 << u"0.0000000001"_s;
    QTest::newRow("scale clamped high") << 0.123456789012345 << 15 << u"0.123456789"_s;
    QTest::newRow("scale clamped low") << 12.6 << -1 << u"13"_s;
    QTest::newRow("large") << 1234567890123.0 << 2 << u"1234567890123"_s;
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << 2 << QString();
    QTest::newRow("inf") << std::numeric_limits<double>::infinity() << 2 << QString();
    QTest::newRow("-inf") << -std::numeric_limits<double>::infinity() << 2 << QString();
    QTest::newRow("too large") << 1e19 << 0 << QString();
}

void tst_Decimal::fromDouble()
{
    QFETCH(double, value);
    QFETCH(int, scale);
    QFETCH(QString, expected);

    const Decimal d = Decimal::fromDouble(value, scale);
    QCOMPARE(d.isNull(), expected.isEmpty());
    QCOMPARE(d.toString(), expected);
}

void tst_Decimal::toDouble_data()
{
    QTest::addColumn<QByteArray>("input");

    QTest::newRow("189.25") << "189.25"_ba;
    QTest::newRow("0.1") << "0.1"_ba;
    QTest::newRow("-0.05") << "-0.05"_ba;
    QTest::newRow("37.7") << "37.700000"_ba;
    QTest::newRow("1.08615") << "1.08615"_ba;
    QTest::newRow("integer") << "100000"_ba;
    QTest::newRow("max scale") << "0.0000000001"_ba;
    QTest::newRow("beyond 2^53 with fraction") << "123456789.0123456789"_ba;
    QTest::newRow("int64 max") << "9223372036854775807"_ba;
    QTest::newRow("int64 min at max scale") << "-922337203.6854775808"_ba;
}

void tst_Decimal::toDouble()
{
    QFETCH(QByteArray, input);
    bool ok = false;
    const double expected = input.toDouble(&ok); // correctly rounded by the C library
    QVERIFY(ok);
    QCOMPARE(dec(input.constData()).toDouble(), expected);
    QVERIFY(std::isnan(Decimal().toDouble()));
}

void tst_Decimal::arithmetic_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<char>("op");
    QTest::addColumn<QString>("expected"); // empty: null

    QTest::newRow("0.1+0.2") << "0.1"_ba
                             << "0.2"_ba << '+' << u"0.3"_s;
    QTest::newRow("different scales") << "189.25"_ba
                                      << "0.005"_ba << '+' << u"189.255"_s;
    QTest::newRow("sum normalises") << "0.75"_ba
                                    << "0.25"_ba << '+' << u"1"_s;
    QTest::newRow("minus to integer") << "189.25"_ba
                                      << "0.25"_ba << '-' << u"189"_s;
    QTest::newRow("minus negative result") << "1.5"_ba
                                           << "2.25"_ba << '-' << u"-0.75"_s;
    QTest::newRow("change") << "382.6"_ba
                            << "380.4"_ba << '-' << u"2.2"_s;
    QTest::newRow("times") << "1.5"_ba
                           << "2"_ba << '*' << u"3"_s;
    QTest::newRow("turnover") << "651.12"_ba
                              << "300"_ba << '*' << u"195336"_s;
    QTest::newRow("negative times") << "-0.5"_ba
                                    << "0.5"_ba << '*' << u"-0.25"_s;
    QTest::newRow("scale sum beyond max rounds down") << "0.00001"_ba
                                                      << "0.000001"_ba << '*' << u"0"_s;
    QTest::newRow("scale sum beyond max rounds up") << "0.00005"_ba
                                                    << "0.000001"_ba << '*' << u"0.0000000001"_s;
    QTest::newRow("scale sum beyond max negative") << "-0.00005"_ba
                                                   << "0.000001"_ba << '*' << u"-0.0000000001"_s;
    QTest::newRow("product keeps fewer places to fit") << "1234567.1234567891"_ba
                                                       << "1000.0000000001"_ba << '*' << u"1234567123.456912557"_s;
    QTest::newRow("sum overflow") << "9223372036854775807"_ba
                                  << "1"_ba << '+' << QString();
    QTest::newRow("difference overflow") << "-9223372036854775808"_ba
                                         << "1"_ba << '-' << QString();
    QTest::newRow("product fits exactly") << "922337203685477580.7"_ba
                                          << "10"_ba << '*' << u"9223372036854775807"_s;
    QTest::newRow("product overflow") << "922337203685477580.8"_ba
                                      << "10"_ba << '*' << QString();
    QTest::newRow("sum reduces scale") << "922337203.6854775807"_ba
                                       << "922337203.6854775807"_ba << '+' << u"1844674407.370955161"_s;
}

void tst_Decimal::arithmetic()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(char, op);
    QFETCH(QString, expected);

    const Decimal x = dec(a.constData());
    const Decimal y = dec(b.constData());
    Decimal r;
    switch (op) {
    case '+':
        r = x + y;
        QCOMPARE(y + x, r); // commutative
        break;
    case '-':
        r = x - y;
        break;
    case '*':
        r = x * y;
        QCOMPARE(y * x, r);
        break;
    default:
        QFAIL("bad op");
    }
    QCOMPARE(r.isNull(), expected.isEmpty());
    QCOMPARE(r.toString(), expected);
}

void tst_Decimal::nullPropagates()
{
    const Decimal one = Decimal::fromInt(1);
    const Decimal null;
    QVERIFY((null + one).isNull());
    QVERIFY((one + null).isNull());
    QVERIFY((null - one).isNull());
    QVERIFY((one * null).isNull());
    QVERIFY((-null).isNull());
    QVERIFY(null.rounded(2).isNull());
    QVERIFY(null.roundedToTick(dec("0.01")).isNull());
    QVERIFY(!(one + one).isNull());
}

void tst_Decimal::negation_data()
{
    QTest::addColumn<qint64>("units");
    QTest::addColumn<int>("scale");
    QTest::addColumn<QString>("expected");

    QTest::newRow("positive") << 18925LL << 2 << u"-189.25"_s;
    QTest::newRow("negative") << -5LL << 1 << u"0.5"_s;
    QTest::newRow("zero") << 0LL << 0 << u"0"_s;
    QTest::newRow("int64 min integer") << std::numeric_limits<qint64>::min() << 0 << QString();
    QTest::newRow("int64 min fraction") << std::numeric_limits<qint64>::min() << 10 << u"922337203.685477581"_s;
}

void tst_Decimal::negation()
{
    QFETCH(qint64, units);
    QFETCH(int, scale);
    QFETCH(QString, expected);
    const Decimal r = -Decimal::fromUnits(units, scale);
    QCOMPARE(r.isNull(), expected.isEmpty());
    QCOMPARE(r.toString(), expected);
}

void tst_Decimal::rounded_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("places");
    QTest::addColumn<QString>("expected");

    QTest::newRow("half up") << "2.345"_ba << 2 << u"2.35"_s;
    QTest::newRow("half away negative") << "-2.345"_ba << 2 << u"-2.35"_s;
    QTest::newRow("below half") << "2.344"_ba << 2 << u"2.34"_s;
    QTest::newRow("to integer") << "2.5"_ba << 0 << u"3"_s;
    QTest::newRow("to integer negative") << "-2.5"_ba << 0 << u"-3"_s;
    QTest::newRow("already short") << "189.25"_ba << 5 << u"189.25"_s;
    QTest::newRow("carry") << "9.995"_ba << 2 << u"10"_s;
    QTest::newRow("negative places") << "12.5"_ba << -1 << u"13"_s;
    QTest::newRow("to zero") << "0.0004"_ba << 3 << u"0"_s;
}

void tst_Decimal::rounded()
{
    QFETCH(QByteArray, input);
    QFETCH(int, places);
    QFETCH(QString, expected);
    QCOMPARE(dec(input.constData()).rounded(places).toString(), expected);
}

void tst_Decimal::roundedToTick_data()
{
    QTest::addColumn<Decimal>("value");
    QTest::addColumn<Decimal>("tick");
    QTest::addColumn<QString>("expected"); // empty: null

    QTest::newRow("float noise") << Decimal::fromDouble(2.5100000000000002, 10) << dec("0.01") << u"2.51"_s;
    QTest::newRow("on tick") << dec("189.25") << dec("0.05") << u"189.25"_s;
    QTest::newRow("down") << dec("189.27") << dec("0.05") << u"189.25"_s;
    QTest::newRow("half away") << dec("189.275") << dec("0.05") << u"189.3"_s;
    QTest::newRow("just below half") << dec("189.2749") << dec("0.05") << u"189.25"_s;
    QTest::newRow("negative half away") << dec("-0.025") << dec("0.05") << u"-0.05"_s;
    QTest::newRow("half tick up") << dec("12.3") << dec("0.5") << u"12.5"_s;
    QTest::newRow("half tick down") << dec("12.2") << dec("0.5") << u"12"_s;
    QTest::newRow("integer tick") << dec("7") << dec("5") << u"5"_s;
    QTest::newRow("integer tick tie") << dec("7.5") << dec("5") << u"10"_s;
    QTest::newRow("HK spread table") << dec("382.61") << dec("0.2") << u"382.6"_s;
    QTest::newRow("coarse value fine tick") << dec("3") << dec("0.001") << u"3"_s;
    QTest::newRow("null tick unchanged") << dec("1.234") << Decimal() << u"1.234"_s;
    QTest::newRow("zero tick unchanged") << dec("1.234") << dec("0") << u"1.234"_s;
    QTest::newRow("negative tick unchanged") << dec("1.234") << dec("-0.01") << u"1.234"_s;
    QTest::newRow("null value") << Decimal() << dec("0.01") << QString();
}

void tst_Decimal::roundedToTick()
{
    QFETCH(Decimal, value);
    QFETCH(Decimal, tick);
    QFETCH(QString, expected);
    const Decimal r = value.roundedToTick(tick);
    QCOMPARE(r.isNull(), expected.isEmpty());
    QCOMPARE(r.toString(), expected);
}

void tst_Decimal::comparison_data()
{
    QTest::addColumn<Decimal>("a");
    QTest::addColumn<Decimal>("b");
    QTest::addColumn<int>("order"); // -1: a < b, 0: equal, 1: a > b

    QTest::newRow("padding equal") << dec("37.7") << dec("37.700000") << 0;
    QTest::newRow("integral padding") << dec("100") << dec("100.00") << 0;
    QTest::newRow("across scales") << dec("1.5") << dec("1.49999") << 1;
    QTest::newRow("negative vs positive") << dec("-1") << dec("0.5") << -1;
    QTest::newRow("negatives") << dec("-1.25") << dec("-1.2") << -1;
    QTest::newRow("tiny vs zero") << dec("0.0000000001") << dec("0") << 1;
    QTest::newRow("large integers") << dec("9223372036854775807") << dec("922337203.6854775807") << 1;
    QTest::newRow("fromDouble equal") << Decimal::fromDouble(0.1 + 0.2, 2) << dec("0.30") << 0;
    QTest::newRow("null null") << Decimal() << Decimal() << 0;
    QTest::newRow("null vs negative") << Decimal() << dec("-999") << -1;
    QTest::newRow("zero vs null") << dec("0") << Decimal() << 1;
}

void tst_Decimal::comparison()
{
    QFETCH(Decimal, a);
    QFETCH(Decimal, b);
    QFETCH(int, order);

    QCOMPARE(a == b, order == 0);
    QCOMPARE(a != b, order != 0);
    QCOMPARE(a < b, order < 0);
    QCOMPARE(a > b, order > 0);
    QCOMPARE(a <= b, order <= 0);
    QCOMPARE(a >= b, order >= 0);
    // Antisymmetry.
    QCOMPARE(b<a, order> 0);
    QCOMPARE(b == a, order == 0);
}

void tst_Decimal::predicates()
{
    QVERIFY(Decimal().isNull());
    QVERIFY(!Decimal().isZero());
    QVERIFY(!Decimal().isNegative());
    QVERIFY(dec("0.000").isZero());
    QVERIFY(!dec("0.000").isNull());
    QVERIFY(!dec("0").isNegative());
    QVERIFY(dec("-0.01").isNegative());
    QVERIFY(!dec("0.01").isNegative());
    QVERIFY(Decimal() != dec("0"));
}

void tst_Decimal::metaType()
{
    const QVariant v = QVariant::fromValue(dec("189.25"));
    QVERIFY(v.canConvert<Decimal>());
    QCOMPARE(v.value<Decimal>().toString(), u"189.25"_s);
    QVERIFY(QVariant::fromValue(Decimal()).value<Decimal>().isNull());
}

QTEST_APPLESS_MAIN(tst_Decimal)
#include "tst_decimal.moc"
