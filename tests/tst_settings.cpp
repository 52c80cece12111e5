#include "settings/Settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

QStringList backupsIn(const QString& dir)
{
    return QDir(dir).entryList({u"quotemonitor.ini.corrupt-*"_s}, QDir::Files | QDir::Hidden);
}

} // namespace

class tst_Settings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaults();
    void keyTable();
    void roundTrip();
    void unusableStoredValues_data();
    void unusableStoredValues();
    void redUp_data();
    void redUp();
    void createsDirectory();
    void corruptFile_data();
    void corruptFile();
    void corruptFileCannotBeMoved();
    void unreadableFile();
    void syncFailure();
    void noTokenKey();
};

void tst_Settings::initTestCase()
{
    // The default location must never be touched by tests.
    QStandardPaths::setTestModeEnabled(true);
}

void tst_Settings::defaults()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Settings s(dir.filePath(u"quotemonitor.ini"_s));
    QVERIFY(s.loadWarning().isEmpty());
    QCOMPARE(s.language(), QString());
    QCOMPARE(s.colorConvention(), Settings::ColorConvention::Auto);
    QCOMPARE(s.allTickStockUrl(), QUrl(u"wss://quote.alltick.co/quote-stock-b-ws-api"_s));
    QCOMPARE(s.allTickGeneralUrl(), QUrl(u"wss://quote.alltick.co/quote-b-ws-api"_s));
    QCOMPARE(s.allTickRestBaseOverride(), QUrl());
    QCOMPARE(s.allTickPlan(), Settings::AllTickPlan::Paid);
    QCOMPARE(s.exportBom(), true);
    QCOMPARE(s.lastExportDir(), QString());
    QCOMPARE(s.flashOnChange(), true);
    QCOMPARE(s.staleAfterSec(), 30);
    QVERIFY(!s.contains(Settings::Key::Language));
    // Reading creates no file.
    QVERIFY(!QFileInfo::exists(s.fileName()));

    const QString standard = Settings::defaultFilePath();
    QVERIFY2(standard.endsWith(u"/quotemonitor.ini"_s), qPrintable(standard));
    QVERIFY(QFileInfo(standard).isAbsolute());
}

void tst_Settings::keyTable()
{
    QSet<QString> names;
    for (int i = 0; i < Settings::KeyCount; ++i) {
        const QString name = Settings::keyName(Settings::Key(i));
        QVERIFY2(!name.isEmpty(), qPrintable(QString::number(i)));
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
        QVERIFY2(Settings::defaultValue(Settings::Key(i)).isValid(), qPrintable(name));
    }
    QCOMPARE(names.size(), Settings::KeyCount);
}

void tst_Settings::roundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"quotemonitor.ini"_s);
    {
        Settings s(path);
        s.setLanguage(u"zh_CN"_s);
        s.setColorConvention(Settings::ColorConvention::GreenUp);
        s.setAllTickStockUrl(QUrl(u"wss://stock.example.com/ws"_s));
        s.setAllTickGeneralUrl(QUrl(u"ws://127.0.0.1:9000/general"_s));
        s.setAllTickRestBaseOverride(QUrl(u"https://rest.example.com/api"_s));
        s.setAllTickPlan(Settings::AllTickPlan::Free);
        s.setExportBom(false);
        s.setLastExportDir(u"/home/用户/导出"_s);
        s.setFlashOnChange(false);
        s.setStaleAfterSec(15);
        QString error;
        QVERIFY2(s.sync(&error), qPrintable(error));
        QVERIFY(error.isEmpty());
    }
    QVERIFY(QFileInfo::exists(path));
    Settings s(path);
    QVERIFY(s.loadWarning().isEmpty());
    QCOMPARE(s.language(), u"zh_CN"_s);
    QCOMPARE(s.colorConvention(), Settings::ColorConvention::GreenUp);
    QCOMPARE(s.allTickStockUrl(), QUrl(u"wss://stock.example.com/ws"_s));
    QCOMPARE(s.allTickGeneralUrl(), QUrl(u"ws://127.0.0.1:9000/general"_s));
    QCOMPARE(s.allTickRestBaseOverride(), QUrl(u"https://rest.example.com/api"_s));
    QCOMPARE(s.allTickPlan(), Settings::AllTickPlan::Free);
    QCOMPARE(s.exportBom(), false);
    QCOMPARE(s.lastExportDir(), u"/home/用户/导出"_s);
    QCOMPARE(s.flashOnChange(), false);
    QCOMPARE(s.staleAfterSec(), 15);

    s.setColorConvention(Settings::ColorConvention::RedUp);
    s.setAllTickRestBaseOverride(QUrl());
    s.reset(Settings::Key::Language);
    QVERIFY(s.sync());
    const Settings again(path);
    QCOMPARE(again.colorConvention(), Settings::ColorConvention::RedUp);
    QCOMPARE(again.allTickRestBaseOverride(), QUrl());
    QCOMPARE(again.language(), QString());
    QVERIFY(!again.contains(Settings::Key::Language));
}

void tst_Settings::unusableStoredValues_data()
{
    QTest::addColumn<QByteArray>("ini");
    QTest::newRow("unknown enum texts") << QByteArray("[ui]\ncolorConvention=purple-up\n[alltick]\nplan=gold\n");
    QTest::newRow("bad urls") << QByteArray("[alltick]\nstockUrl=http://x.example/\ngeneralUrl=not a url\n"
                                            "restBaseOverride=wss://x.example/\n");
}

void tst_Settings::unusableStoredValues()
{
    QFETCH(QByteArray, ini);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"quotemonitor.ini"_s);
    QVERIFY(writeFile(path, ini));
    const Settings s(path);
    QVERIFY(s.loadWarning().isEmpty()); // valid INI, odd values: no backup, just defaults
    QCOMPARE(s.colorConvention(), Settings::ColorConvention::Auto);
    QCOMPARE(s.allTickPlan(), Settings::AllTickPlan::Paid);
    QCOMPARE(s.allTickStockUrl(), QUrl(u"wss://quote.alltick.co/quote-stock-b-ws-api"_s));
    QCOMPARE(s.allTickGeneralUrl(), QUrl(u"wss://quote.alltick.co/quote-b-ws-api"_s));
    QCOMPARE(s.allTickRestBaseOverride(), QUrl());
    QVERIFY(backupsIn(dir.path()).isEmpty());
}

void tst_Settings::redUp_data()
{
    QTest::addColumn<Settings::ColorConvention>("convention");
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("redUp");
    QTest::newRow("auto chinese") << Settings::ColorConvention::Auto << u"zh_CN"_s << true;
    QTest::newRow("auto zh") << Settings::ColorConvention::Auto << u"zh"_s << true;
    QTest::newRow("auto english") << Settings::ColorConvention::Auto << u"en"_s << false;
    QTest::newRow("auto empty") << Settings::ColorConvention::Auto << QString() << false;
    QTest::newRow("red in english") << Settings::ColorConvention::RedUp << u"en"_s << true;
    QTest::newRow("green in chinese") << Settings::ColorConvention::GreenUp << u"zh_CN"_s << false;
}

void tst_Settings::redUp()
{
    QFETCH(Settings::ColorConvention, convention);
    QFETCH(QString, language);
    QFETCH(bool, redUp);
    QCOMPARE(Settings::isRedUp(convention, language), redUp);
}

void tst_Settings::createsDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"a/b/quotemonitor.ini"_s);
    Settings s(path);
    s.setExportBom(false);
    QString error;
    QVERIFY2(s.sync(&error), qPrintable(error));
    QVERIFY(QFileInfo::exists(path));
    QCOMPARE(Settings(path).exportBom(), false);
}

void tst_Settings::corruptFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("unterminated section") << QByteArray("[ui]\nlanguage=zh_CN\n[\nexport/utf8Bom=false\n");
    QTest::newRow("lone bracket") << QByteArray("[\n");
    QTest::newRow("line without =") << QByteArray("[ui]\nlanguage=zh_CN\nthis is not a key value pair\n");
    QTest::newRow("binary garbage") << QByteArray("\x00\x01\xff\xfe garbage\n\x89PNG\r\n\x1a\n", 20);
    QTest::newRow("utf-16") << QByteArray("\xff\xfe[\x00u\x00i\x00]\x00", 10);
}

void tst_Settings::corruptFile()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"quotemonitor.ini"_s);
    QVERIFY(writeFile(path, content));

    Settings s(path);
    // The defaults, not whatever could be salvaged.
    QCOMPARE(s.language(), QString());
    QCOMPARE(s.exportBom(), true);

    const QStringList backups = backupsIn(dir.path());
    QCOMPARE(backups.size(), 1);
    static const QRegularExpression pattern(u"^quotemonitor\\.ini\\.corrupt-\\d{8}-\\d{6}$"_s);
    QVERIFY2(pattern.match(backups.first()).hasMatch(), qPrintable(backups.first()));
    const QString backup = dir.filePath(backups.first());
    QCOMPARE(readFile(backup), content);
    QVERIFY(!QFileInfo::exists(path));

    const QString warning = s.loadWarning();
    QVERIFY(!warning.isEmpty());
    QVERIFY2(warning.contains(QDir::toNativeSeparators(backup)), qPrintable(warning));

    // Saving writes a fresh file and leaves the backup alone.
    s.setLanguage(u"en"_s);
    QString error;
    QVERIFY2(s.sync(&error), qPrintable(error));
    QCOMPARE(readFile(backup), content);
    QCOMPARE(Settings(path).language(), u"en"_s);
    QCOMPARE(backupsIn(dir.path()).size(), 1);

    // A second corrupt file in the same second gets its own backup name.
    QVERIFY(writeFile(path, content));
    const Settings second(path);
    QVERIFY(!second.loadWarning().isEmpty());
    QCOMPARE(backupsIn(dir.path()).size(), 2);
    QCOMPARE(readFile(backup), content);
}

void tst_Settings::corruptFileCannotBeMoved()
{
#ifdef Q_OS_UNIX
    if (::geteuid() == 0)
        QSKIP("running as root: a read-only directory does not stop the rename");
#endif
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString sub = dir.filePath(u"ro"_s);
    QVERIFY(QDir().mkpath(sub));
    const QString path = sub + u"/quotemonitor.ini"_s;
    const QByteArray content("[\nlanguage=zh_CN\n");
    QVERIFY(writeFile(path, content));
    QVERIFY(QFile::setPermissions(sub, QFile::ReadOwner | QFile::ExeOwner));
    {
        Settings s(path);
        QVERIFY(!s.loadWarning().isEmpty());
        s.setLanguage(u"en"_s);
        QCOMPARE(s.language(), u"en"_s); // works in memory
        QString error;
        QVERIFY(!s.sync(&error));
        QVERIFY(!error.isEmpty());
    }
    QFile::setPermissions(sub, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QCOMPARE(readFile(path), content);
}

void tst_Settings::unreadableFile()
{
#ifdef Q_OS_UNIX
    if (::geteuid() == 0)
        QSKIP("running as root: every file is readable");
#endif
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"quotemonitor.ini"_s);
    const QByteArray content("[ui]\nlanguage=zh_CN\n");
    QVERIFY(writeFile(path, content));
    QVERIFY(QFile::setPermissions(path, QFile::WriteOwner));
    const Settings s(path);
    QCOMPARE(s.language(), QString());
    QVERIFY(!s.loadWarning().isEmpty());
    const QStringList backups = backupsIn(dir.path());
    QCOMPARE(backups.size(), 1);
    QFile::setPermissions(dir.filePath(backups.first()), QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(readFile(dir.filePath(backups.first())), content);
}

void tst_Settings::syncFailure()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // The settings path lies below a regular file, so the directory cannot be created.
    QVERIFY(writeFile(dir.filePath(u"blocker"_s), QByteArray("x")));
    Settings s(dir.filePath(u"blocker/quotemonitor.ini"_s));
    QVERIFY(s.loadWarning().isEmpty());
    s.setLanguage(u"en"_s);
    QString error;
    QVERIFY(!s.sync(&error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(QDir::toNativeSeparators(s.fileName())), qPrintable(error));
}

void tst_Settings::noTokenKey()
{
    for (int i = 0; i < Settings::KeyCount; ++i) {
        const QString name = Settings::keyName(Settings::Key(i));
        QVERIFY2(!name.contains(u"token"_s, Qt::CaseInsensitive), qPrintable(name));
    }
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
