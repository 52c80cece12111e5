#include "DeepBookModel.h"
#include "DeepBookWidget.h"
#include "feed/QmtL2Client.h"
#include "sim/QmtSimServer.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A realistic deep book for 600519.SH: ticks of 0.01 around 1688.00, lot sizes that vary and grow with depth.
BookSnapshot realisticBook(int levels)
{
    QRandomGenerator random(7);
    BookSnapshot book;
    book.code = u"600519.SH"_s;
    book.timeMs = 1726210800000;
    for (int i = 0; i < levels; ++i) {
        book.asks.append({Decimal::fromUnits(168801 + i, 2), Decimal::fromInt(1 + random.bounded(40) + i / 20)});
        book.bids.append({Decimal::fromUnits(168800 - i, 2), Decimal::fromInt(1 + random.bounded(40) + i / 20)});
    }
    return book;
}

void screenshot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("QM_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QCoreApplication::sendPostedEvents(); // pending layout requests
    QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
}

} // namespace

class TestDeepBookWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheBookCentredOnTheBest()
    {
        DeepBookWidget widget;
        widget.resize(420, 520);
        widget.setDisplayLocale(QLocale(QLocale::English, QLocale::UnitedStates));
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        widget.setBook(realisticBook(1000));
        QCOMPARE(widget.model()->rowCount(), 2000);
        QVERIFY(!widget.isNotAvailableShown());
        QTRY_VERIFY(widget.view()->viewport()->rect().intersects(
            widget.view()->visualRect(widget.model()->index(widget.model()->askRow(1), 0))));
        QVERIFY(widget.view()->viewport()->rect().intersects(
            widget.view()->visualRect(widget.model()->index(widget.model()->bidRow(1), 0))));
        QCOMPARE(widget.findChild<QLabel*>(u"deepBookLevels"_s)->text(), u"1,000 levels a side"_s);
        QVERIFY(widget.askTotalText().startsWith(u"Asks "_s));
        QVERIFY(widget.bidTotalText().startsWith(u"Bids "_s));
        QVERIFY(widget.findChild<QLabel*>(u"deepBookSpread"_s)->text().contains(u"0.01"_s));
        QCOMPARE(widget.model()->headerData(DeepBookModel::Size, Qt::Horizontal).toString(), u"Size (lots)"_s);
        screenshot(&widget, u"deepbook.png"_s);
    }

    void notAvailablePage()
    {
        DeepBookWidget widget;
        widget.resize(420, 300);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        widget.showNotAvailable(QmtL2Client::notAvailableMessage());
        QVERIFY(widget.isNotAvailableShown());
        const auto* label = widget.findChild<QLabel*>(u"deepBookNotAvailable"_s);
        QVERIFY(label->isVisible());
        QVERIFY(label->text().contains(u"not available on this server"_s));
        screenshot(&widget, u"deepbook-notavailable.png"_s);
        widget.setBook(realisticBook(5));
        QVERIFY(!widget.isNotAvailableShown());
    }

    void followsAClient()
    {
        QmtSimServer::Config config;
        config.quirksV280 = true;
        QmtSimServer server(config);
        QVERIFY(server.listen());
        QmtL2Client client;
        DeepBookWidget widget;
        widget.attachClient(&client);
        client.start(QUrl(u"ws://127.0.0.1:%1"_s.arg(server.port())), u"600000.SH"_s);
        QTRY_VERIFY_WITH_TIMEOUT(widget.isNotAvailableShown(), 5000);

        QmtSimServer::Config live;
        live.pushIntervalMs = 20;
        live.updateChance = 1.0;
        QmtSimServer liveServer(live);
        QVERIFY(liveServer.listen());
        client.start(QUrl(u"ws://127.0.0.1:%1"_s.arg(liveServer.port())), liveServer.codes().first());
        QTRY_VERIFY_WITH_TIMEOUT(widget.model()->rowCount() > 0, 10000);
        QVERIFY(!widget.isNotAvailableShown());
        QCOMPARE(widget.model()->code(), liveServer.codes().first());
    }
};

QTEST_MAIN(TestDeepBookWidget)
#include "tst_deepbookwidget.moc"
