#include "QuoteStore.h"
#include "export/CsvExporter.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {

// A device that accepts `limit` bytes and then fails: either with an error (-1) or with a short write.
class FailingDevice : public QIODevice
{
public:
    FailingDevice(qint64 limit, bool shortWrite)
        : m_limit(limit)
        , m_shortWrite(shortWrite)
    {}
    QByteArray data;

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char* bytes, qint64 size) override
    {
        const qint64 room = m_limit - data.size();
        if (size <= room) {
            data.append(bytes, size);
            return size;
        }
        if (m_shortWrite && room > 0) {
            data.append(bytes, room);
            return room;
        }
        setErrorString(u"disk full (test)"_s);
        return -1;
    }

private:
    qint64 m_limit;
    bool m_shortWrite;
};

Decimal dec(const QString& text)
{
    if (text.isEmpty())
        return Decimal();
    bool ok = false;
    const Decimal d = Decimal::parse(QStringView(text), &ok);
    if (!ok)
        qFatal("bad decimal in test data: %s", qPrintable(text));
    return d;
}

// Fields: code, source, last, prevClose, bid, bidSize, ask, askSize, volume, turnover, open, high, low, timeMs.
QuoteState makeQuote(const QStringList& f)
{
    Q_ASSERT(f.size() == 14);
    QuoteState q;
    q.code = f.at(0);
    q.source = f.at(1);
    q.last = dec(f.at(2));
    q.prevClose = dec(f.at(3));
    QList<BookLevel> bids, asks;
    if (!f.at(4).isEmpty() || !f.at(5).isEmpty())
        bids.append({dec(f.at(4)), dec(f.at(5))});
    if (!f.at(6).isEmpty() || !f.at(7).isEmpty())
        asks.append({dec(f.at(6)), dec(f.at(7))});
    q.setBook(bids, asks);
    q.volume = dec(f.at(8));
    q.turnover = dec(f.at(9));
    q.open = dec(f.at(10));
    q.high = dec(f.at(11));
    q.low = dec(f.at(12));
    q.timeMs = f.at(13).toLongLong();
    return q;
}

const QByteArray Bom = QByteArrayLiteral("\xEF\xBB\xBF");
const QByteArray HeaderLine = QByteArrayLiteral(
    "symbol,name,source,last,change,change_pct,bid,bid_size,ask,ask_size,volume,turnover,open,high,low,prev_close,"
    "time\r\n");

QByteArray exportToBuffer(const QList<CsvRow>& rows, bool bom)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString error;
    CsvExporter::Options options;
    options.utf8Bom = bom;
    if (!CsvExporter::write(&buffer, rows, options, &error))
        qWarning("write failed: %s", qPrintable(error));
    return buffer.data();
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray("<unreadable>");
    return file.readAll();
}

} // namespace

class tst_CsvExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void header();
    void bom_data();
    void bom();
    void row_data();
    void row();
    void quoting_data();
    void quoting();
    void formatTime_data();
    void formatTime();
    void watchlistOrder();
    void writeFailingDevice_data();
    void writeFailingDevice();
    void writeClosedDevice();
    void writeFileReplaces();
    void writeFileFailure_data();
    void writeFileFailure();

private:
    QTemporaryDir m_dir;
};

void tst_CsvExporter::header()
{
    QCOMPARE(CsvExporter::header(),
             u"symbol,name,source,last,change,change_pct,bid,bid_size,ask,ask_size,volume,turnover,open,high,low,"
             u"prev_close,time"_s);
    QCOMPARE(CsvExporter::header().split(u',').size(), 17);
    QCOMPARE(CsvExporter::cells(CsvRow{u"X"_s, QString(), nullptr}).size(), 17);
}

void tst_CsvExporter::bom_data()
{
    QTest::addColumn<bool>("bom");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("with BOM") << true << (Bom + HeaderLine);
    QTest::newRow("without BOM") << false << HeaderLine;
}

void tst_CsvExporter::bom()
{
    QFETCH(bool, bom);
    QFETCH(QByteArray, expected);
    QCOMPARE(exportToBuffer({}, bom), expected);
}

void tst_CsvExporter::row_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<QByteArray>("expected");

    // 2026-11-24T09:30:01.123+08:00
    const QString hkTime = u"1795483801123"_s;
    QTest::newRow("hk stock, chinese name, exact decimals")
        << u"腾讯控股"_s << QStringList{u"700.HK"_s,       u"alltick"_s,
                                        u"189.25"_s,       u"185"_s,
                                        u"189.2"_s,        u"1000"_s,
                                        u"189.3"_s,        u"2000"_s,
                                        u"123456789012"_s, u"23364197530712.5"_s,
                                        u"186"_s,          u"190.5"_s,
                                        u"185.5"_s,        hkTime}
        << QByteArray("700.HK,\xE8\x85\xBE\xE8\xAE\xAF\xE6\x8E\xA7\xE8\x82\xA1,alltick,189.25,4.25,"
                      "2.2972972972972974,189.2,1000,189.3,2000,123456789012,23364197530712.5,186,190.5,185.5,185,"
                      "2026-11-24T09:30:01.123+08:00\r\n");
    // 2026-01-15T09:30:00.000-05:00: New York winter.
    QTest::newRow("us stock in winter, loss")
        << u"Apple"_s << QStringList{u"AAPL.US"_s, u"simulator"_s,    u"229.98"_s, u"230.01"_s, u"229.97"_s, u"300"_s,
                                     u"229.99"_s,  u"100"_s,          u"0"_s,      u"0"_s,      QString(),   QString(),
                                     QString(),    u"1768487400000"_s}
        << QByteArray("AAPL.US,Apple,simulator,229.98,-0.03,-0.013042911177774879,229.97,300,229.99,100,0,0,,,,230.01,"
                      "2026-01-15T09:30:00.000-05:00\r\n");
    QTest::newRow("forex 0.00001 tick, no sizes, no time")
        << u"EUR/USD"_s
        << QStringList{u"EURUSD"_s, u"alltick"_s, u"1.08523"_s, u"1.08497"_s, u"1.08522"_s, QString(), u"1.08524"_s,
                       QString(),   QString(),    QString(),    QString(),    QString(),    QString(), u"0"_s}
        << QByteArray("EURUSD,EUR/USD,alltick,1.08523,0.00026,0.023963796233997255,1.08522,,1.08524,,,,,,,1.08497,"
                      "\r\n");
    QTest::newRow("unknown previous close: no change")
        << u"Gold"_s << QStringList{u"GOLD"_s, u"alltick"_s, u"2650.35"_s, QString(), QString(), QString(), QString(),
                                    QString(), QString(),    QString(),    QString(), QString(), QString(), u"0"_s}
        << QByteArray("GOLD,Gold,alltick,2650.35,,,,,,,,,,,,,\r\n");
    QTest::newRow("zero previous close: change but no percent")
        << u"Odd"_s << QStringList{u"ODD.US"_s, u"simulator"_s, u"1.5"_s,  u"0"_s,    QString(), QString(), QString(),
                                   QString(),   QString(),      QString(), QString(), QString(), QString(), u"0"_s}
        << QByteArray("ODD.US,Odd,simulator,1.5,1.5,,,,,,,,,,,0,\r\n");
    QTest::newRow("unchanged: genuine zeros")
        << u"Flat"_s
        << QStringList{u"600519.SH"_s, u"simulator"_s, u"1500"_s, u"1500.00"_s, u"0"_s,    u"0"_s,    QString(),
                       QString(),      u"0"_s,         u"0"_s,    u"0"_s,       QString(), QString(), u"0"_s}
        << QByteArray("600519.SH,Flat,simulator,1500,0,0,0,0,,,0,0,0,,,1500,\r\n");
    // QMT Bridge sizes arrive in lots (手); the file has shares, like every other row. 2026-11-24T10:15:00.500+08:00.
    QTest::newRow("qmt lots become shares")
        << u"平安银行"_s
        << QStringList{u"000001.SZ"_s, u"qmt"_s,     u"11.52"_s,  u"11.40"_s, u"11.51"_s, u"217"_s,  u"11.52"_s,
                       u"88"_s,        u"2100053"_s, u"2419.5"_s, QString(),  QString(),  QString(), u"1795486500500"_s}
        << QByteArray("000001.SZ,\xE5\xB9\xB3\xE5\xAE\x89\xE9\x93\xB6\xE8\xA1\x8C,qmt,11.52,0.12,1.0526315789473684,"
                      "11.51,21700,11.52,8800,210005300,2419.5,,,,11.4,2026-11-24T10:15:00.500+08:00\r\n");
    QTest::newRow("same A-share from AllTick: shares as sent")
        << u"平安银行"_s << QStringList{u"000001.SZ"_s, u"alltick"_s, u"11.52"_s, u"11.40"_s,        u"11.51"_s,
                                        u"21700"_s,     u"11.52"_s,   u"8800"_s,  u"210005323"_s,    u"2419.5"_s,
                                        QString(),      QString(),    QString(),  u"1795486500500"_s}
        << QByteArray(
               "000001.SZ,\xE5\xB9\xB3\xE5\xAE\x89\xE9\x93\xB6\xE8\xA1\x8C,alltick,11.52,0.12,"
               "1.0526315789473684,11.51,21700,11.52,8800,210005323,2419.5,,,,11.4,2026-11-24T10:15:00.500+08:00\r\n");
}

void tst_CsvExporter::row()
{
    QFETCH(QString, name);
    QFETCH(QStringList, fields);
    QFETCH(QByteArray, expected);
    const QuoteState quote = makeQuote(fields);
    const QByteArray out = exportToBuffer({CsvRow{quote.code, name, &quote}}, false);
    QVERIFY(out.startsWith(HeaderLine));
    QCOMPARE(out.mid(HeaderLine.size()), expected);
}

void tst_CsvExporter::quoting_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("expectedCell");
    QTest::newRow("plain") << u"Apple Inc."_s << QByteArray("Apple Inc.");
    QTest::newRow("comma") << u"Foo, Inc."_s << QByteArray("\"Foo, Inc.\"");
    QTest::newRow("quote") << u"The \"Best\" Co"_s << QByteArray("\"The \"\"Best\"\" Co\"");
    QTest::newRow("newline") << u"Two\nLines"_s << QByteArray("\"Two\nLines\"");
    QTest::newRow("carriage return") << u"A\rB"_s << QByteArray("\"A\rB\"");
    QTest::newRow("all at once") << u"a,\"b\"\r\nc"_s << QByteArray("\"a,\"\"b\"\"\r\nc\"");
    QTest::newRow("chinese") << u"贵州茅台"_s << QByteArray("\xE8\xB4\xB5\xE5\xB7\x9E\xE8\x8C\x85\xE5\x8F\xB0");
    QTest::newRow("empty") << QString() << QByteArray();
}

void tst_CsvExporter::quoting()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, expectedCell);
    // A symbol that has no quote yet: the name and empty cells.
    const QByteArray out = exportToBuffer({CsvRow{u"NEW.US"_s, name, nullptr}}, true);
    QCOMPARE(out, Bom + HeaderLine + "NEW.US," + expectedCell + ",,,,,,,,,,,,,,,\r\n");
}

void tst_CsvExporter::formatTime_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("expected");
    QTest::newRow("shanghai") << Q_INT64_C(1795483801123) << QByteArray("Asia/Shanghai")
                              << u"2026-11-24T09:30:01.123+08:00"_s;
    QTest::newRow("new york winter") << Q_INT64_C(1768487400000) << QByteArray("America/New_York")
                                     << u"2026-01-15T09:30:00.000-05:00"_s;
    QTest::newRow("new york summer") << Q_INT64_C(1784122200250) << QByteArray("America/New_York")
                                     << u"2026-07-15T09:30:00.250-04:00"_s;
    QTest::newRow("UTC id") << Q_INT64_C(1795483801123) << QByteArray("UTC") << u"2026-11-24T01:30:01.123+00:00"_s;
    QTest::newRow("london winter") << Q_INT64_C(1795483801123) << QByteArray("Europe/London")
                                   << u"2026-11-24T01:30:01.123+00:00"_s;
    QTest::newRow("kolkata half hour") << Q_INT64_C(1795483801123) << QByteArray("Asia/Kolkata")
                                       << u"2026-11-24T07:00:01.123+05:30"_s;
    QTest::newRow("invalid zone is UTC") << Q_INT64_C(1795483801123) << QByteArray()
                                         << u"2026-11-24T01:30:01.123+00:00"_s;
    QTest::newRow("unknown time") << Q_INT64_C(0) << QByteArray("Asia/Shanghai") << QString();
}

void tst_CsvExporter::formatTime()
{
    QFETCH(qint64, ms);
    QFETCH(QByteArray, zone);
    QFETCH(QString, expected);
    const QTimeZone tz = zone.isEmpty() ? QTimeZone() : QTimeZone(zone);
    if (!zone.isEmpty() && !tz.isValid())
        QSKIP("time zone data not available");
    QCOMPARE(CsvExporter::formatTime(ms, tz), expected);
    if (zone == "UTC")
        QCOMPARE(CsvExporter::formatTime(ms, QTimeZone::utc()), expected);
}

void tst_CsvExporter::watchlistOrder()
{
    QuoteState b = makeQuote({u"B.US"_s, u"simulator"_s, u"2"_s, QString(), QString(), QString(), QString(), QString(),
                              QString(), QString(), QString(), QString(), QString(), u"0"_s});
    QuoteState a = makeQuote({u"A.US"_s, u"simulator"_s, u"1"_s, QString(), QString(), QString(), QString(), QString(),
                              QString(), QString(), QString(), QString(), QString(), u"0"_s});
    const QByteArray out = exportToBuffer({CsvRow{QString(), u"Bee"_s, &b}, CsvRow{QString(), u"Ay"_s, &a}}, false);
    QCOMPARE(out, HeaderLine + "B.US,Bee,simulator,2,,,,,,,,,,,,,\r\n" + "A.US,Ay,simulator,1,,,,,,,,,,,,,\r\n");
}

void tst_CsvExporter::writeFailingDevice_data()
{
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<bool>("shortWrite");
    QTest::newRow("nothing fits") << qint64(0) << false;
    QTest::newRow("inside the BOM") << qint64(2) << false;
    QTest::newRow("inside the header") << qint64(50) << false;
    QTest::newRow("inside a row") << qint64(Bom.size() + HeaderLine.size() + 10) << false;
    QTest::newRow("short write in a row") << qint64(Bom.size() + HeaderLine.size() + 10) << true;
    QTest::newRow("last byte missing") << qint64(Bom.size() + HeaderLine.size() + 68) << true;
}

void tst_CsvExporter::writeFailingDevice()
{
    QFETCH(qint64, limit);
    QFETCH(bool, shortWrite);
    QuoteState q = makeQuote({u"700.HK"_s, u"alltick"_s, u"189.25"_s, u"185"_s, QString(), QString(), QString(),
                              QString(), QString(), QString(), QString(), QString(), QString(), u"0"_s});
    const QList<CsvRow> rows{CsvRow{q.code, u"Tencent"_s, &q}};
    const QByteArray complete = exportToBuffer(rows, true);
    QVERIFY(limit < complete.size());

    FailingDevice device(limit, shortWrite);
    QVERIFY(device.open(QIODevice::WriteOnly));
    QString error;
    QVERIFY(!CsvExporter::write(&device, rows, CsvExporter::Options(), &error));
    QVERIFY(!error.isEmpty());
    if (!shortWrite)
        QVERIFY2(error.contains(u"disk full (test)"_s), qPrintable(error));
    QVERIFY(device.data.size() <= limit);

    // The same device with room for everything succeeds and gets exactly the buffer's bytes.
    FailingDevice roomy(complete.size(), shortWrite);
    QVERIFY(roomy.open(QIODevice::WriteOnly));
    QVERIFY2(CsvExporter::write(&roomy, rows, CsvExporter::Options(), &error), qPrintable(error));
    QCOMPARE(roomy.data, complete);
}

void tst_CsvExporter::writeClosedDevice()
{
    QBuffer closed;
    QString error;
    QVERIFY(!CsvExporter::write(&closed, {}, CsvExporter::Options(), &error));
    QVERIFY(!error.isEmpty());

    QByteArray data("old");
    QBuffer readOnly(&data);
    QVERIFY(readOnly.open(QIODevice::ReadOnly));
    error.clear();
    QVERIFY(!CsvExporter::write(&readOnly, {}, CsvExporter::Options(), &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(data, QByteArray("old"));
}

void tst_CsvExporter::writeFileReplaces()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(u"replace.csv"_s);
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("previous content that is longer than the new file will be............................");
    }
    QuoteState q = makeQuote({u"700.HK"_s, u"alltick"_s, u"189.25"_s, QString(), QString(), QString(), QString(),
                              QString(), QString(), QString(), QString(), QString(), QString(), u"0"_s});
    const QList<CsvRow> rows{CsvRow{q.code, u"腾讯控股"_s, &q}};
    QString error;
    QVERIFY2(CsvExporter::writeFile(path, rows, CsvExporter::Options(), &error), qPrintable(error));
    QCOMPARE(readAll(path), exportToBuffer(rows, true));

    CsvExporter::Options noBom;
    noBom.utf8Bom = false;
    QVERIFY2(CsvExporter::writeFile(path, rows, noBom, &error), qPrintable(error));
    QCOMPARE(readAll(path), exportToBuffer(rows, false));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"replace.csv"_s});
}

void tst_CsvExporter::writeFileFailure_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::newRow("missing directory") << u"missing-dir"_s;
    QTest::newRow("path is a directory") << u"is-dir"_s;
    QTest::newRow("read-only directory") << u"read-only"_s;
    QTest::newRow("disk full at the final flush") << u"full-at-flush"_s;
    QTest::newRow("disk full while writing") << u"full-while-writing"_s;
}

void tst_CsvExporter::writeFileFailure()
{
    QFETCH(QString, scenario);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray previous("symbol,name\r\nOLD,previous export\r\n");
    const QString subDir = dir.filePath(u"out"_s);
    QVERIFY(QDir().mkpath(subDir));
    QString path = subDir + u"/snapshot.csv"_s;
    const auto writePrevious = [&] {
        QFile old(path);
        return old.open(QIODevice::WriteOnly) && old.write(previous) == previous.size();
    };

    QuoteState q = makeQuote({u"700.HK"_s, u"alltick"_s, u"189.25"_s, u"185"_s, u"189.2"_s, u"100"_s, u"189.3"_s,
                              u"200"_s, u"1000"_s, u"189250"_s, u"186"_s, u"190"_s, u"185"_s, u"1795483801123"_s});
    QList<CsvRow> rows{CsvRow{q.code, u"Tencent"_s, &q}};
    QString error;
    bool ok = true;

    if (scenario == u"missing-dir") {
        path = dir.filePath(u"no/such/dir/snapshot.csv"_s);
        ok = CsvExporter::writeFile(path, rows, CsvExporter::Options(), &error);
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(dir.filePath(u"no"_s)));
    } else if (scenario == u"is-dir") {
        path = subDir;
        ok = CsvExporter::writeFile(path, rows, CsvExporter::Options(), &error);
        QVERIFY(QFileInfo(path).isDir());
    } else if (scenario == u"read-only") {
#ifdef Q_OS_UNIX
        if (::geteuid() == 0)
            QSKIP("running as root: permissions are not enforced");
#endif
        QVERIFY(writePrevious());
        QVERIFY(QFile::setPermissions(subDir, QFile::ReadOwner | QFile::ExeOwner));
        ok = CsvExporter::writeFile(path, rows, CsvExporter::Options(), &error);
        QFile::setPermissions(subDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QCOMPARE(readAll(path), previous);
    } else {
#ifdef Q_OS_UNIX
        // A full disk, simulated with a file size limit: writes past it fail with EFBIG (SIGXFSZ ignored).
        QVERIFY(writePrevious());
        if (scenario == u"full-while-writing") {
            // Far more than QFileDevice buffers, so write() itself hits the limit.
            for (int i = 0; i < 2000; ++i)
                rows.append(CsvRow{q.code, u"Tencent"_s, &q});
        }
        const QByteArray complete = exportToBuffer(rows, true);
        const rlim_t limit = 64;
        QVERIFY(complete.size() > qsizetype(limit));
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit saved{};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
        rlimit reduced = saved;
        reduced.rlim_cur = limit;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &reduced), 0);
        // Nothing else may write between here and the restore (test output goes to a file too, maybe).
        ok = CsvExporter::writeFile(path, rows, CsvExporter::Options(), &error);
        const int restored = ::setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, oldHandler);
        QCOMPARE(restored, 0);
        QCOMPARE(readAll(path), previous);
#else
        QSKIP("needs RLIMIT_FSIZE");
#endif
    }

    QVERIFY(!ok);
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
    // No temporary file is left behind.
    const QStringList left = QDir(subDir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    QVERIFY2(left.isEmpty() || left == QStringList{u"snapshot.csv"_s}, qPrintable(left.join(u", ")));
}

QTEST_GUILESS_MAIN(tst_CsvExporter)
#include "tst_csvexporter.moc"
