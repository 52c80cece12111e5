#include "DownloadHistoryDialog.h"
#include "sim/QmtSimServer.h"

#include <QComboBox>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

void screenshot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("QM_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QCoreApplication::sendPostedEvents(); // pending layout requests
    QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
}

} // namespace

class TestDownloadHistoryDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void symbolsParsing()
    {
        QmtDownloadClient client;
        DownloadHistoryDialog dialog(&client);
        dialog.setSymbols({u"600519.SH"_s, u"000001.SZ"_s});
        QCOMPARE(dialog.symbols(), (QStringList{u"600519.SH"_s, u"000001.SZ"_s}));
        QVERIFY(dialog.startButton()->isEnabled());
        QVERIFY(!dialog.cancelButton()->isEnabled());
        dialog.setSymbols({u" 600519.sh, 000001.SZ"_s, u"600519.SH"_s});
        QCOMPARE(dialog.symbols(), (QStringList{u"600519.SH"_s, u"000001.SZ"_s}));
        dialog.setSymbols({});
        QVERIFY(!dialog.startButton()->isEnabled());
        QVERIFY(!dialog.start());
        dialog.setPeriod(u"5m"_s);
        QCOMPARE(dialog.period(), u"5m"_s);
    }

    void downloadsWithProgressAndSummary()
    {
        QmtSimServer::Config config;
        config.downloadDelayMs = 100;
        config.downloadTimeoutMs = 150;
        QmtSimServer server(config);
        QVERIFY(server.listen());
        QmtDownloadClient client;
        client.setBaseUrl(QUrl(u"ws://127.0.0.1:%1"_s.arg(server.port())));
        DownloadHistoryDialog dialog(&client);
        QStringList codes = server.codes().mid(0, 6);
        codes.insert(2, u"999998.SZ"_s);
        codes.append(u"BAD"_s);
        dialog.setSymbols(codes);
        dialog.setPeriod(u"1m"_s);
        dialog.setDateRange(QDate(2024, 1, 2), QDate(2024, 3, 29));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy finished(&client, &QmtDownloadClient::finished);
        QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
        QVERIFY(dialog.cancelButton()->isEnabled());
        QCOMPARE(dialog.statusTable()->rowCount(), 8);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.progressBar()->value() >= 3, 10000);
        QVERIFY(dialog.currentText().contains(u" of 8: "_s));
        screenshot(&dialog, u"download-running.png"_s);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(dialog.progressBar()->value(), 8);
        QCOMPARE(dialog.summaryText(), u"Done: 6 downloaded, 2 failed."_s);
        QCOMPARE(dialog.statusTable()->item(0, 1)->text(), u"OK"_s);
        QCOMPARE(dialog.statusTable()->item(2, 1)->text(), u"Timed out"_s);
        QVERIFY(dialog.statusTable()->item(7, 1)->text().startsWith(u"Error: invalid stock code"_s));
        QVERIFY(dialog.startButton()->isEnabled());
        QVERIFY(!dialog.cancelButton()->isEnabled());
        const QJsonObject first = QJsonDocument::fromJson(server.lastFirstMessage(u"/ws/download_progress"_s)).object();
        QCOMPARE(first.value(u"period"_s).toString(), u"1m"_s);
        QCOMPARE(first.value(u"start_time"_s).toString(), u"20240102"_s);
        screenshot(&dialog, u"download-done.png"_s);
    }

    void cancels()
    {
        QmtSimServer::Config config;
        config.downloadDelayMs = 200;
        QmtSimServer server(config);
        QVERIFY(server.listen());
        QmtDownloadClient client;
        client.setBaseUrl(QUrl(u"ws://127.0.0.1:%1"_s.arg(server.port())));
        DownloadHistoryDialog dialog(&client);
        dialog.setSymbols(server.codes().mid(0, 10));
        QSignalSpy progressed(&client, &QmtDownloadClient::progressed);
        QVERIFY(dialog.start());
        QTRY_COMPARE_WITH_TIMEOUT(progressed.count(), 1, 5000);
        QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
        QCOMPARE(client.state(), QmtDownloadClient::State::Cancelled);
        QVERIFY(dialog.summaryText().startsWith(u"Cancelled after 1 of 10"_s));
        QTRY_COMPARE_WITH_TIMEOUT(server.cancelledDownloads(), 1, 5000);
        QVERIFY(dialog.startButton()->isEnabled());
    }
};

QTEST_MAIN(TestDownloadHistoryDialog)
#include "tst_downloadhistorydialog.moc"
