// Runs the real quotemonitor executable offscreen on its built-in simulator and checks what it exports.
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAppSmoke : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsOnSimulatorAndWritesSnapshot();
    void periodicSnapshots();
    void badOptionsFailClearly_data();
    void badOptionsFailClearly();
    void helpAndVersion();

private:
    QProcessEnvironment environment(const QTemporaryDir& home) const;
    int run(const QStringList& args, const QTemporaryDir& home, QByteArray* out, QByteArray* err, int timeoutMs);
};

QProcessEnvironment TestAppSmoke::environment(const QTemporaryDir& home) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"HOME"_s, home.path());
    env.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    env.remove(u"ALLTICK_TOKEN"_s);
    return env;
}

int TestAppSmoke::run(const QStringList& args, const QTemporaryDir& home, QByteArray* out, QByteArray* err,
                      int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(environment(home));
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(QM_QUOTEMONITOR), args);
    if (!process.waitForStarted(10000))
        return -1;
    if (!finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return -2;
    }
    *out = process.readAllStandardOutput();
    *err = process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -3;
}

void TestAppSmoke::runsOnSimulatorAndWritesSnapshot()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString csv = home.filePath(u"snap.csv"_s);
    QByteArray out, err;
    const int rc = run(
        {u"--symbols"_s, u"600519.SH,700.HK,AAPL.US,EURUSD,BTCUSDT"_s, u"--snapshot"_s, csv, u"--exit-after"_s, u"4"_s},
        home, &out, &err, 60000);
    QVERIFY2(rc == 0, err.constData());
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray data = file.readAll();
    QVERIFY(data.startsWith("\xEF\xBB\xBF"));
    data.remove(0, 3);
    const QList<QByteArray> lines = data.split('\n');
    QCOMPARE(lines.first().trimmed(),
             QByteArray("symbol,name,source,last,change,change_pct,bid,bid_size,ask,ask_size,volume,turnover,open,"
                        "high,low,prev_close,time"));
    QStringList symbols;
    int priced = 0;
    for (int i = 1; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines.at(i)).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList cells = line.split(u',');
        QCOMPARE(cells.size(), 17);
        symbols.append(cells.at(0));
        QCOMPARE(cells.at(2), u"simulator"_s);
        if (!cells.at(3).isEmpty())
            ++priced;
    }
    QCOMPARE(symbols, (QStringList{u"600519.SH"_s, u"700.HK"_s, u"AAPL.US"_s, u"EURUSD"_s, u"BTCUSDT"_s}));
    QVERIFY2(priced >= 4, qPrintable(QString::fromUtf8(data)));
    // The watchlist was given for this run only: nothing about it is saved.
}

void TestAppSmoke::periodicSnapshots()
{
    QTemporaryDir home;
    const QString csv = home.filePath(u"periodic.csv"_s);
    QByteArray out, err;
    const int rc = run({u"--symbols"_s, u"700.HK"_s, u"--snapshot"_s, csv, u"--snapshot-interval"_s, u"1"_s,
                        u"--exit-after"_s, u"2.5"_s},
                       home, &out, &err, 60000);
    QVERIFY2(rc == 0, err.constData());
    QVERIFY(QFile::exists(csv));
}

void TestAppSmoke::badOptionsFailClearly_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown option") << QStringList{u"--bogus"_s} << u"bogus"_s;
    QTest::newRow("bad url") << QStringList{u"--alltick-url"_s, u"http://x?token=SECRET123"_s} << u"alltick-url"_s;
    QTest::newRow("bad lang") << QStringList{u"--lang"_s, u"fr"_s} << u"fr"_s;
    QTest::newRow("interval without file") << QStringList{u"--snapshot-interval"_s, u"5"_s} << u"snapshot"_s;
}

void TestAppSmoke::badOptionsFailClearly()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    QTemporaryDir home;
    QByteArray out, err;
    const int rc = run(args, home, &out, &err, 30000);
    QVERIFY2(rc > 0, qPrintable(QString::number(rc)));
    QVERIFY2(QString::fromUtf8(err).contains(mentions), err.constData());
    QVERIFY(!err.contains("SECRET123"));
}

void TestAppSmoke::helpAndVersion()
{
    QTemporaryDir home;
    QByteArray out, err;
    QCOMPARE(run({u"--help"_s}, home, &out, &err, 30000), 0);
    for (const char* option : {"--demo", "--alltick-token", "--alltick-stock-url", "--alltick-url", "--symbols",
                               "--snapshot", "--snapshot-interval", "--exit-after", "--lang", "--version"})
        QVERIFY2(out.contains(option), option);
    QCOMPARE(run({u"--version"_s}, home, &out, &err, 30000), 0);
    QVERIFY(out.startsWith("quotemonitor "));
}

QTEST_GUILESS_MAIN(TestAppSmoke)
#include "tst_appsmoke.moc"
