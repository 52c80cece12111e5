#include "DeepBookModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// `asks`/`bids` levels around 20.00, sizes 1, 2, 3... per side.
BookSnapshot book(const QString& code, int asks, int bids)
{
    BookSnapshot b;
    b.code = code;
    b.timeMs = 1726210800000;
    for (int i = 0; i < asks; ++i)
        b.asks.append({Decimal::fromUnits(2000 + i, 2), Decimal::fromInt(i + 1)});
    for (int i = 0; i < bids; ++i)
        b.bids.append({Decimal::fromUnits(1999 - i, 2), Decimal::fromInt(i + 1)});
    return b;
}

} // namespace

class TestDeepBookModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layoutAndCumulative()
    {
        DeepBookModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDisplayLocale(QLocale::c());
        model.setBook(book(u"600000.SH"_s, 3, 4));
        QCOMPARE(model.levelsPerSide(), 4);
        QCOMPARE(model.rowCount(), 8);
        QCOMPARE(model.askRow(1), 3);
        QCOMPARE(model.bidRow(1), 4);
        // Ask 4 does not exist: an empty row on top.
        QCOMPARE(model.index(0, DeepBookModel::Price).data().toString(), QString());
        QCOMPARE(model.index(0, DeepBookModel::Level).data().toString(), u"Ask 4"_s);
        QCOMPARE(model.index(model.askRow(1), DeepBookModel::Price).data(DeepBookModel::RawValueRole).value<Decimal>(),
                 Decimal::fromUnits(2000, 2));
        QCOMPARE(
            model.index(model.askRow(3), DeepBookModel::Cumulative).data(DeepBookModel::RawValueRole).value<Decimal>(),
            Decimal::fromInt(6));
        QCOMPARE(
            model.index(model.bidRow(4), DeepBookModel::Cumulative).data(DeepBookModel::RawValueRole).value<Decimal>(),
            Decimal::fromInt(10));
        QCOMPARE(model.index(model.bidRow(4), DeepBookModel::Size).data(DeepBookModel::SizeFractionRole).toDouble(),
                 1.0);
        QCOMPARE(model.index(model.bidRow(4), DeepBookModel::Cumulative)
                     .data(DeepBookModel::CumulativeFractionRole)
                     .toDouble(),
                 1.0);
        QCOMPARE(model.index(model.askRow(3), DeepBookModel::Cumulative)
                     .data(DeepBookModel::CumulativeFractionRole)
                     .toDouble(),
                 0.6);
        QCOMPARE(model.index(model.bidRow(1), DeepBookModel::Level).data(DeepBookModel::SideRole).toInt(),
                 int(DeepBookModel::BidRow));
        QCOMPARE(model.askTotal(), Decimal::fromInt(6));
        QCOMPARE(model.bidTotal(), Decimal::fromInt(10));
        QCOMPARE(model.spread(), Decimal::fromUnits(1, 2));
        QVERIFY(!model.index(0, DeepBookModel::Size).data(DeepBookModel::SizeFractionRole).isValid());
    }

    void growsNeverShrinksForTheSameCode()
    {
        DeepBookModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy books(&model, &DeepBookModel::bookChanged);
        model.setBook(book(u"600000.SH"_s, 5, 5));
        QCOMPARE(resets.count(), 1);
        model.setBook(book(u"600000.SH"_s, 8, 6));
        QCOMPARE(resets.count(), 1);
        QCOMPARE(inserts.count(), 2);
        QCOMPARE(model.rowCount(), 16);
        QCOMPARE(model.index(model.askRow(8), DeepBookModel::Price).data(DeepBookModel::RawValueRole).value<Decimal>(),
                 Decimal::fromUnits(2007, 2));
        QCOMPARE(model.index(model.bidRow(6), DeepBookModel::Price).data(DeepBookModel::RawValueRole).value<Decimal>(),
                 Decimal::fromUnits(1994, 2));
        QVERIFY(!model.index(model.bidRow(7), DeepBookModel::Price).data(DeepBookModel::RawValueRole).isValid());
        // Shallower book: rows stay, the missing levels are empty (no left-overs).
        const int changesBefore = int(changes.count());
        model.setBook(book(u"600000.SH"_s, 2, 0));
        QCOMPARE(model.rowCount(), 16);
        QCOMPARE(int(changes.count()), changesBefore + 1);
        QVERIFY(!model.index(model.askRow(3), DeepBookModel::Price).data(DeepBookModel::RawValueRole).isValid());
        QVERIFY(!model.index(model.bidRow(1), DeepBookModel::Price).data(DeepBookModel::RawValueRole).isValid());
        QVERIFY(model.bidTotal().isNull());
        QVERIFY(model.spread().isNull());
        // Another code: reset to its depth.
        model.setBook(book(u"000001.SZ"_s, 1, 1));
        QCOMPARE(resets.count(), 2);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(books.count(), 4);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void thousandLevels()
    {
        DeepBookModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setBook(book(u"600000.SH"_s, 1200, 1000));
        QCOMPARE(model.levelsPerSide(), DeepBookModel::MaxLevels);
        QCOMPARE(model.rowCount(), 2000);
        QCOMPARE(model.index(model.bidRow(1000), DeepBookModel::Cumulative)
                     .data(DeepBookModel::RawValueRole)
                     .value<Decimal>(),
                 Decimal::fromInt(500500));
    }

    void headers()
    {
        DeepBookModel model;
        QCOMPARE(model.headerData(DeepBookModel::Size, Qt::Horizontal).toString(), u"Size"_s);
        QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
        model.setSizeUnit(u"lots"_s);
        QCOMPARE(headers.count(), 1);
        QCOMPARE(model.headerData(DeepBookModel::Cumulative, Qt::Horizontal).toString(), u"Cumulative (lots)"_s);
    }
};

QTEST_GUILESS_MAIN(TestDeepBookModel)
#include "tst_deepbookmodel.moc"
