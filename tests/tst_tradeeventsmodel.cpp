#include "TradeEventsModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

TradeEvent makeEvent(TradeEvent::Kind kind, const QString& type, const QString& summary, qint64 timeMs = 1726210800000)
{
    TradeEvent e;
    e.kind = kind;
    e.type = type;
    e.summary = summary;
    e.code = u"600519.SH"_s;
    e.timeMs = timeMs;
    return e;
}

} // namespace

class TestTradeEventsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newestFirstAndBounded()
    {
        TradeEventsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setCapacity(3);
        for (int i = 0; i < 5; ++i)
            model.addEvent(makeEvent(TradeEvent::Kind::Order, u"order"_s, u"order %1"_s.arg(i)));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.count(), 5);
        QCOMPARE(removed.count(), 2);
        QCOMPARE(model.index(0, TradeEventsModel::Summary).data().toString(), u"order 4"_s);
        QCOMPARE(model.index(2, TradeEventsModel::Summary).data().toString(), u"order 2"_s);
        model.setCapacity(1);
        QCOMPARE(model.rowCount(), 1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void columnsAndRoles()
    {
        TradeEventsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addEvent(makeEvent(TradeEvent::Kind::OrderError, u"order_error"_s, u"Order 1 failed"_s));
        // 2024-09-13 07:00:00 UTC = 15:00:00 in Shanghai.
        QCOMPARE(model.index(0, TradeEventsModel::Time).data().toString(), u"15:00:00"_s);
        QCOMPARE(model.index(0, TradeEventsModel::Time).data(TradeEventsModel::RawValueRole).toLongLong(),
                 qint64(1726210800000));
        QCOMPARE(model.index(0, TradeEventsModel::Type).data().toString(), u"Order error"_s);
        QCOMPARE(model.index(0, TradeEventsModel::Type).data(TradeEventsModel::RawValueRole).toString(),
                 u"order_error"_s);
        QCOMPARE(model.index(0, TradeEventsModel::Code).data().toString(), u"600519.SH"_s);
        QVERIFY(model.index(0, 0).data(TradeEventsModel::IsErrorRole).toBool());
        QCOMPARE(model.index(0, 0).data(TradeEventsModel::KindRole).toInt(), int(TradeEvent::Kind::OrderError));
        QCOMPARE(model.index(0, 0).data(TradeEventsModel::EventRole).value<TradeEvent>().summary, u"Order 1 failed"_s);
        QCOMPARE(model.headerData(TradeEventsModel::Summary, Qt::Horizontal).toString(), u"Details"_s);
        model.setTimeZone(QTimeZone::utc());
        QCOMPARE(model.index(0, TradeEventsModel::Time).data().toString(), u"07:00:00"_s);
        // Unknown types show the wire name.
        model.addEvent(makeEvent(TradeEvent::Kind::Other, u"fancy"_s, u"x"_s));
        QCOMPARE(model.index(0, TradeEventsModel::Type).data().toString(), u"fancy"_s);
    }
};

QTEST_GUILESS_MAIN(TestTradeEventsModel)
#include "tst_tradeeventsmodel.moc"
