#include "TradeEventsModel.h"
#include "TradeEventsWidget.h"
#include "feed/QmtTradeClient.h"
#include "sim/QmtSimServer.h"

#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString Key = u"k3y-for-tests"_s;

void screenshot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("QM_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QCoreApplication::sendPostedEvents(); // pending layout requests
    QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
}

} // namespace

class TestTradeEventsWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsEventsFromTheBridge()
    {
        QmtSimServer::Config config;
        config.tradingEnabled = true;
        config.apiKey = Key;
        QmtSimServer server(config);
        QVERIFY(server.listen());
        QmtTradeClient client;
        TradeEventsWidget widget;
        widget.resize(720, 300);
        widget.attachClient(&client);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        client.start(QUrl(u"ws://127.0.0.1:%1"_s.arg(server.port())), Key);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QmtTradeClient::State::Connected, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(u"/ws/trade"_s), 1, 5000);
        QVERIFY(widget.statusText().contains(u"Connected"_s));
        server.simulateOrder(u"600519.SH"_s, 23, 100);
        server.simulateOrder(u"000001.SZ"_s, 24, 500);
        server.simulateOrderError(1234, u"可用资金不足"_s);
        QTRY_COMPARE_WITH_TIMEOUT(widget.model()->rowCount(), 11, 5000);
        QCOMPARE(widget.model()->index(0, TradeEventsModel::Type).data().toString(), u"Order error"_s);
        QVERIFY(widget.model()->index(0, 0).data(TradeEventsModel::IsErrorRole).toBool());
        QVERIFY(!widget.statusText().contains(Key));
        screenshot(&widget, u"tradeevents.png"_s);
    }

    void showsTheRejection()
    {
        QmtSimServer::Config config;
        config.tradingEnabled = true;
        config.apiKey = Key;
        QmtSimServer server(config);
        QVERIFY(server.listen());
        QmtTradeClient client;
        TradeEventsWidget widget;
        widget.resize(720, 200);
        widget.attachClient(&client);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        client.start(QUrl(u"ws://127.0.0.1:%1"_s.arg(server.port())), u"wrong"_s);
        QTRY_COMPARE_WITH_TIMEOUT(widget.statusText(), QmtTradeClient::rejectedMessage(), 5000);
        QVERIFY(widget.findChild<QLabel*>(u"tradeEventsStatus"_s)->isVisible());
        screenshot(&widget, u"tradeevents-rejected.png"_s);
    }
};

QTEST_MAIN(TestTradeEventsWidget)
#include "tst_tradeeventswidget.moc"
