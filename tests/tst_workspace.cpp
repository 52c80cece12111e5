#include "Workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void chartPeriod_data();
    void chartPeriod();
    void missingFileIsNotAnError();
    void corruptFileIsKeptAside_data();
    void corruptFileIsKeptAside();
    void failedSaveLeavesPreviousFile();
    void parseCodes_data();
    void parseCodes();
    void codesRoundTrip();
};

void TestWorkspace::roundTrip()
{
    QTemporaryDir dir;
    WorkspaceStore store(dir.filePath(u"sub/workspace.json"_s));
    Workspace w;
    w.lists = {Watchlist{u"自选股"_s, {u"600519.SH"_s, u"700.HK"_s}, QByteArray("\x00\xff columns", 10)},
               Watchlist{u"Crypto, FX"_s, {u"BTCUSDT"_s, u"EURUSD"_s, u"Silver"_s}, QByteArray()},
               Watchlist{u"Empty"_s, {}, QByteArray()}};
    w.currentList = 1;
    w.windowGeometry = QByteArray("\x01\xd9\xd0\xcb geometry", 13);
    w.windowState = QByteArray("state");
    w.feedOverrides.insert(u"600519.SH"_s, u"alltick"_s);
    w.chartPeriod = u"5m"_s;
    QString error;
    QVERIFY2(store.save(w, &error), qPrintable(error));

    Workspace loaded;
    QString message;
    QCOMPARE(store.load(&loaded, &message), WorkspaceStore::LoadResult::Loaded);
    QCOMPARE(loaded.lists.size(), 3);
    QCOMPARE(loaded.lists.at(0).name, u"自选股"_s);
    QCOMPARE(loaded.lists.at(0).symbols, (QStringList{u"600519.SH"_s, u"700.HK"_s}));
    QCOMPARE(loaded.lists.at(0).columnState, w.lists.at(0).columnState);
    QCOMPARE(loaded.lists.at(1).symbols, w.lists.at(1).symbols);
    QVERIFY(loaded.lists.at(2).symbols.isEmpty());
    QCOMPARE(loaded.currentList, 1);
    QCOMPARE(loaded.windowGeometry, w.windowGeometry);
    QCOMPARE(loaded.windowState, w.windowState);
    QCOMPARE(loaded.feedOverrides, w.feedOverrides);
    QCOMPARE(loaded.chartPeriod, u"5m"_s);

    QFile file(store.path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("\"version\": 1"));
}

void TestWorkspace::chartPeriod_data()
{
    QTest::addColumn<QByteArray>("member"); // the "chartPeriod" member of the file, or nothing
    QTest::addColumn<QString>("expected");
    QTest::newRow("absent (older file)") << QByteArray() << u"tick"_s;
    QTest::newRow("tick") << QByteArray(R"(, "chartPeriod": "tick")") << u"tick"_s;
    QTest::newRow("1m") << QByteArray(R"(, "chartPeriod": "1m")") << u"1m"_s;
    QTest::newRow("5m") << QByteArray(R"(, "chartPeriod": "5m")") << u"5m"_s;
    QTest::newRow("1d") << QByteArray(R"(, "chartPeriod": "1d")") << u"1d"_s;
    QTest::newRow("unknown") << QByteArray(R"(, "chartPeriod": "15m")") << u"tick"_s;
    QTest::newRow("not text") << QByteArray(R"(, "chartPeriod": 1)") << u"tick"_s;
}

void TestWorkspace::chartPeriod()
{
    QFETCH(QByteArray, member);
    QFETCH(QString, expected);
    const QByteArray json = R"({"version": 1, "watchlists": [{"name": "A", "symbols": ["600519.SH"]}])" + member + "}";
    Workspace w;
    w.chartPeriod = u"1d"_s; // replaced by what the file says
    QString error;
    QVERIFY2(WorkspaceStore::fromJson(json, &w, &error), qPrintable(error));
    QCOMPARE(w.chartPeriod, expected);
    // And back: the JSON holds the period it was given.
    Workspace again;
    QVERIFY(WorkspaceStore::fromJson(WorkspaceStore::toJson(w), &again, &error));
    QCOMPARE(again.chartPeriod, expected);
}

void TestWorkspace::missingFileIsNotAnError()
{
    QTemporaryDir dir;
    WorkspaceStore store(dir.filePath(u"workspace.json"_s));
    Workspace w = Workspace::defaults({u"AAPL.US"_s}, u"Watchlist"_s);
    QString message;
    QCOMPARE(store.load(&w, &message), WorkspaceStore::LoadResult::Missing);
    QVERIFY(message.isEmpty());
    QCOMPARE(w.lists.first().symbols, QStringList{u"AAPL.US"_s});
}

void TestWorkspace::corruptFileIsKeptAside_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("truncated") << QByteArray(R"({"version":1,"watchlists":[{"name":"a","symbols":["AAPL.US")");
    QTest::newRow("not an object") << QByteArray("[1,2,3]");
    QTest::newRow("future version") << QByteArray(R"({"version":99,"watchlists":[]})");
    QTest::newRow("no lists") << QByteArray(R"({"version":1})");
    QTest::newRow("symbol not text") << QByteArray(R"({"version":1,"watchlists":[{"name":"a","symbols":[1]}]})");
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff\xfe", 5);
}

void TestWorkspace::corruptFileIsKeptAside()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"workspace.json"_s);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    WorkspaceStore store(path);
    Workspace w = Workspace::defaults({u"AAPL.US"_s}, u"Watchlist"_s);
    QString message;
    QCOMPARE(store.load(&w, &message), WorkspaceStore::LoadResult::Corrupt);
    QVERIFY(message.contains(u"corrupt-"_s));
    QCOMPARE(w.lists.first().symbols, QStringList{u"AAPL.US"_s}); // untouched
    const QStringList backups = QDir(dir.path()).entryList({u"workspace.json.corrupt-*"_s}, QDir::Files);
    QCOMPARE(backups.size(), 1);
    QFile backup(dir.filePath(backups.first()));
    QVERIFY(backup.open(QIODevice::ReadOnly));
    QCOMPARE(backup.readAll(), content); // byte for byte what the user had
    QVERIFY(!QFile::exists(path));
    // Saving now writes a fresh file next to the backup.
    QString error;
    QVERIFY(store.save(w, &error));
    QVERIFY(QFile::exists(path));
    QCOMPARE(QDir(dir.path()).entryList({u"workspace.json.corrupt-*"_s}, QDir::Files).size(), 1);
}

void TestWorkspace::failedSaveLeavesPreviousFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"workspace.json"_s);
    WorkspaceStore store(path);
    Workspace w = Workspace::defaults({u"AAPL.US"_s}, u"Watchlist"_s);
    QString error;
    QVERIFY(store.save(w, &error));
    // A folder where the file should go: the save fails and says why.
    WorkspaceStore blocked(dir.filePath(u"workspace.json/inner.json"_s));
    QVERIFY(!blocked.save(w, &error));
    QVERIFY(!error.isEmpty());
    Workspace again;
    QString message;
    QCOMPARE(store.load(&again, &message), WorkspaceStore::LoadResult::Loaded);
    QCOMPARE(again.lists.first().symbols, QStringList{u"AAPL.US"_s});
}

void TestWorkspace::parseCodes_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("codes");
    QTest::addColumn<QStringList>("invalid");
    QTest::newRow("lines") << QByteArray("600519.SH\n700.HK\r\nAAPL.US\n")
                           << QStringList{u"600519.SH"_s, u"700.HK"_s, u"AAPL.US"_s} << QStringList();
    QTest::newRow("commas") << QByteArray("EURUSD, BTCUSDT,GOLD") << QStringList{u"EURUSD"_s, u"BTCUSDT"_s, u"GOLD"_s}
                            << QStringList();
    QTest::newRow("bom, comments, duplicates") << QByteArray("\xEF\xBB\xBF# my list\n700.HK # Tencent\n700.HK\n\n")
                                               << QStringList{u"700.HK"_s} << QStringList();
    QTest::newRow("invalid entries") << QByteArray("AAPL.US\n贵州茅台\n$$$\n") << QStringList{u"AAPL.US"_s}
                                     << QStringList{u"贵州茅台"_s, u"$$$"_s};
    QTest::newRow("empty") << QByteArray() << QStringList() << QStringList();
}

void TestWorkspace::parseCodes()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, codes);
    QFETCH(QStringList, invalid);
    QStringList bad;
    QCOMPARE(WorkspaceStore::parseCodes(text, &bad), codes);
    QCOMPARE(bad, invalid);
}

void TestWorkspace::codesRoundTrip()
{
    QTemporaryDir dir;
    const QStringList codes{u"600519.SH"_s, u"Silver"_s, u"BTCUSDT"_s};
    QString error;
    QVERIFY(WorkspaceStore::writeCodes(dir.filePath(u"list.txt"_s), codes, &error));
    QFile f(dir.filePath(u"list.txt"_s));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(WorkspaceStore::parseCodes(f.readAll(), nullptr), codes);
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
