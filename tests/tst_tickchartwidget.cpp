#include "QuoteStore.h"
#include "TickChartCommon_p.h"
#include "TickChartWidget.h"
#include "TickHistory.h"
#include "feed/QmtBarClient.h"
#include "sim/QmtSimServer.h"

#include <QApplication>
#include <QAreaSeries>
#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QGraphicsSimpleTextItem>
#include <QLabel>
#include <QLineSeries>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace {
const QTimeZone Shanghai(QByteArrayLiteral("Asia/Shanghai"));

qint64 shanghaiMs(int h, int m, int s = 0)
{
    return QDateTime(QDate(2026, 11, 24), QTime(h, m, s), Shanghai).toMSecsSinceEpoch();
}

// A trading day of `n` trades of `code` around `base`: 09:30-11:30 and 13:00-15:00 Shanghai time, a random walk in
// ticks of 0.01, sizes of 100 to 5,000 shares, turnover = price * size, sides mixed.
QList<TradeTick> tradingDay(const QString& code, int n, qint64 baseCents, quint64 seed = 7)
{
    QList<TradeTick> out;
    out.reserve(n);
    const qint64 morning = shanghaiMs(9, 30);
    const qint64 afternoon = shanghaiMs(13, 0);
    const qint64 session = 2 * 3600 * 1000;
    qint64 cents = baseCents;
    quint64 rng = seed;
    for (int i = 0; i < n; ++i) {
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        cents = std::max<qint64>(1, cents + qint64((rng >> 33) % 7) - 3);
        const int half = n / 2;
        const qint64 t = i < half ? morning + qint64(i) * session / std::max(1, half)
                                  : afternoon + qint64(i - half) * session / std::max(1, n - half);
        TradeTick trade;
        trade.code = code;
        trade.seq = i;
        trade.timeMs = t;
        trade.price = Decimal::fromUnits(cents, 2);
        const qint64 size = 100 * qint64(1 + (rng >> 40) % 50);
        trade.volume = Decimal::fromInt(size);
        trade.turnover = trade.price * trade.volume;
        trade.side = TradeSide((rng >> 50) % 3);
        out.append(trade);
    }
    return out;
}

void setPrevClose(QuoteStore* store, const QString& code, const char* price)
{
    UpdateBuffer buffer;
    ReferenceData ref;
    ref.code = code;
    ref.prevClose = Decimal::parse(QByteArrayView(price));
    buffer.addReference(ref);
    store->applyBatch(buffer.take());
}

double minY(const QList<QPointF>& points)
{
    double v = 1e300;
    for (const QPointF& p : points)
        v = std::min(v, p.y());
    return v;
}

// The points of every piece of a line, in order.
QList<QPointF> joined(const QList<QLineSeries*>& pieces)
{
    QList<QPointF> points;
    for (const QLineSeries* piece : pieces)
        points += piece->points();
    return points;
}

// The volume labels `expected` (bottom up) are drawn whole left of the plot of `chart`, inside it, apart from each
// other, the first at the bottom of the plot (its value, 0 or the top) and the last at the top.
void checkVolumeLabels(const QChart* chart, const QStringList& expected)
{
    QList<const QGraphicsSimpleTextItem*> items;
    const QList<QGraphicsItem*> children = chart->childItems();
    for (const QGraphicsItem* child : children) {
        const auto* text = qgraphicsitem_cast<const QGraphicsSimpleTextItem*>(child);
        if (text && text->isVisible())
            items.append(text);
    }
    QStringList texts;
    for (const QGraphicsSimpleTextItem* item : std::as_const(items))
        texts << item->text();
    QCOMPARE(texts, expected);
    const QRectF plot = chart->plotArea();
    const QRectF bounds(QPointF(0, 0), chart->size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QRectF r = items.at(i)->mapRectToParent(items.at(i)->boundingRect());
        QVERIFY2(bounds.contains(r), qPrintable(items.at(i)->text()));
        QVERIFY(r.right() <= plot.left());
        if (i > 0)
            QVERIFY(r.bottom() <= items.at(i - 1)->mapRectToParent(items.at(i - 1)->boundingRect()).top());
    }
    const double lastCentre = items.last()->mapRectToParent(items.last()->boundingRect()).center().y();
    QVERIFY(std::abs(lastCentre - plot.top()) <= items.last()->boundingRect().height() / 2 + 1);
    if (items.size() > 1) {
        const double firstCentre = items.first()->mapRectToParent(items.first()->boundingRect()).center().y();
        QVERIFY(std::abs(firstCentre - plot.bottom()) <= items.first()->boundingRect().height() / 2 + 1);
    }
}

double maxY(const QList<QPointF>& points)
{
    double v = -1e300;
    for (const QPointF& p : points)
        v = std::max(v, p.y());
    return v;
}
} // namespace

class TestTickChartWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void emptyStates();
    void fullDayIsDecimatedToPlotWidth();
    void linesBreakOverTradingGaps();
    void splitAtGaps_data();
    void splitAtGaps();
    void prevCloseLineAndRange();
    void timeAxisInExchangeTime();
    void multiDayAxisShowsDates();
    void averageLine();
    void volumeBarsColouredBySide();
    void volumeLabels_data();
    void volumeLabels();
    void followsSymbol();
    void colourConventionSwitch();
    void oneReplacePerFrame();
    void frameRateCapped();
    void plotAreasAlign();
    void crosshair();
    void undecimatedForComparison();
    void paintsTheLines();
    void periodSwitchStreamsBars();
    void barPeriodsUnavailable();
    void screenshots();

private:
    QuoteStore* m_store = nullptr;
    TickHistory* m_history = nullptr;
    TickChartWidget* m_chart = nullptr;
};

void TestTickChartWidget::init()
{
    m_store = new QuoteStore;
    m_history = new TickHistory(m_store);
    m_chart = new TickChartWidget(m_store, m_history);
    m_chart->resize(900, 520);
    m_chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_chart));
}

void TestTickChartWidget::cleanup()
{
    delete m_chart;
    delete m_history;
    delete m_store;
}

void TestTickChartWidget::emptyStates()
{
    QVERIFY(m_chart->isEmptyStateShown());
    QVERIFY(!m_chart->emptyStateText().isEmpty());
    m_chart->setSymbol(u"600519.SH"_s);
    QVERIFY(m_chart->isEmptyStateShown());
    QCOMPARE(m_chart->emptyStateText(), u"Waiting for trades…"_s);
    m_history->append(tradingDay(u"600519.SH"_s, 10, 180000));
    QTRY_VERIFY(!m_chart->isEmptyStateShown());
    QVERIFY(m_chart->priceSeries()->count() > 0);
}

void TestTickChartWidget::fullDayIsDecimatedToPlotWidth()
{
    setPrevClose(m_store, u"600519.SH"_s, "1795.00");
    const QList<TradeTick> day = tradingDay(u"600519.SH"_s, 100000, 180000);
    m_history->append(day);
    m_chart->setSymbol(u"600519.SH"_s);
    QSignalSpy frames(m_chart, &TickChartWidget::frameRendered);
    QTRY_VERIFY(frames.count() > 0);
    QCOMPARE(m_history->count(u"600519.SH"_s), 100000);
    const int columns = m_chart->plotColumns();
    QVERIFY(columns > 400); // a 900 px wide widget
    QVERIFY(columns < 900);
    // Morning and afternoon: two pieces (the lunch break is not drawn).
    QCOMPARE(m_chart->priceSegments().size(), 2);
    const QList<QPointF> line = joined(m_chart->priceSegments());
    const int points = int(line.size());
    QVERIFY2(points <= 2 * columns + 2, qPrintable(u"%1 points for %2 columns"_s.arg(points).arg(columns)));
    QVERIFY(points >= columns); // a random walk moves in every column
    QVERIFY(joined(m_chart->averageSegments()).size() <= 2 * columns + 2);
    int barPoints = 0;
    for (TradeSide side : {TradeSide::Neutral, TradeSide::Buy, TradeSide::Sell})
        barPoints += int(m_chart->volumeSeries(side)->upperSeries()->count());
    QVERIFY(barPoints > 0);
    QVERIFY(barPoints <= 4 * (columns / 3));
    // The first and the last trade are on the line, and the day's extremes.
    QCOMPARE(line.first().y(), day.first().price.toDouble());
    QCOMPARE(line.last().y(), day.last().price.toDouble());
    double lo = 1e300, hi = -1e300;
    for (const TradeTick& t : day) {
        lo = std::min(lo, t.price.toDouble());
        hi = std::max(hi, t.price.toDouble());
    }
    QCOMPARE(minY(line), lo);
    QCOMPARE(maxY(line), hi);
    // The y range holds the data with padding, not more than about twice the data's span.
    const QValueAxis* axis = m_chart->priceAxis();
    QVERIFY(axis->min() < lo);
    QVERIFY(axis->max() > hi);
    QVERIFY(axis->max() - axis->min() < 2.5 * (std::max(hi, 1795.0) - std::min(lo, 1795.0)));
}

void TestTickChartWidget::linesBreakOverTradingGaps()
{
    // A trade every 30 s over the morning and the afternoon, and a 3-minute quiet spell at 10:00: the lunch break
    // (11:30-13:00) cuts both lines; the short spell does not.
    QList<TradeTick> day;
    qint64 seq = 0;
    const auto session = [&](qint64 from, qint64 to) {
        for (qint64 t = from; t <= to; t += 30000) {
            if (t > shanghaiMs(10, 0) && t < shanghaiMs(10, 3))
                continue;
            TradeTick trade;
            trade.code = u"600519.SH"_s;
            trade.seq = seq++;
            trade.timeMs = t;
            trade.price = Decimal::fromUnits(180000 + (seq % 7) * 3, 2);
            trade.volume = Decimal::fromInt(100);
            trade.turnover = trade.price * trade.volume;
            day.append(trade);
        }
    };
    session(shanghaiMs(9, 30), shanghaiMs(11, 29, 30));
    session(shanghaiMs(13, 0), shanghaiMs(14, 59, 30));
    m_history->append(day);
    m_chart->setSymbol(u"600519.SH"_s);
    QTRY_VERIFY(m_chart->priceSeries()->count() > 0);
    const double shift = double(m_chart->axisShiftMs());
    for (const QList<QLineSeries*>& pieces : {m_chart->priceSegments(), m_chart->averageSegments()}) {
        QCOMPARE(pieces.size(), 2);
        QCOMPARE(pieces.at(0)->points().last().x(), double(shanghaiMs(11, 29, 30)) + shift);
        QCOMPARE(pieces.at(1)->points().first().x(), double(shanghaiMs(13, 0)) + shift);
        // Drawn like the first piece (the same colour and axes).
        QCOMPARE(pieces.at(1)->pen(), pieces.at(0)->pen());
        QCOMPARE(pieces.at(1)->attachedAxes(), pieces.at(0)->attachedAxes());
        QVERIFY(pieces.at(1)->isVisible());
        // Within a piece no step is longer than the gap threshold.
        for (const QLineSeries* piece : pieces) {
            const QList<QPointF> points = piece->points();
            for (qsizetype i = 1; i < points.size(); ++i)
                QVERIFY(points.at(i).x() - points.at(i - 1).x() <= double(TickChartWidget::GapMs));
        }
    }
    // The afternoon piece goes when only the morning is charted; the pool keeps it, empty.
    m_history->clear();
    QList<TradeTick> morning;
    for (const TradeTick& t : std::as_const(day)) {
        if (t.timeMs < shanghaiMs(12, 0))
            morning.append(t);
    }
    m_history->append(morning);
    QTRY_COMPARE(m_chart->priceSegments().size(), 1);
    QCOMPARE(m_chart->averageSegments().size(), 1);
    QCOMPARE(m_chart->priceSeries()->points().last().x(), double(shanghaiMs(11, 29, 30)) + shift);
}

void TestTickChartWidget::splitAtGaps_data()
{
    QTest::addColumn<QList<double>>("xs");
    QTest::addColumn<int>("maxPieces");
    QTest::addColumn<QList<int>>("sizes");
    QTest::newRow("empty") << QList<double>{} << 16 << QList<int>{0};
    QTest::newRow("one point") << QList<double>{5} << 16 << QList<int>{1};
    QTest::newRow("no gap") << QList<double>{0, 10, 20, 30} << 16 << QList<int>{4};
    QTest::newRow("exactly the gap joins") << QList<double>{0, 10, 20} << 16 << QList<int>{3};
    QTest::newRow("one gap") << QList<double>{0, 10, 50, 60} << 16 << QList<int>{2, 2};
    QTest::newRow("gap after the first") << QList<double>{0, 50, 60} << 16 << QList<int>{1, 2};
    QTest::newRow("two gaps") << QList<double>{0, 50, 100, 110} << 16 << QList<int>{1, 1, 2};
    QTest::newRow("capped: the rest stays joined") << QList<double>{0, 50, 100, 150} << 2 << QList<int>{1, 3};
}

void TestTickChartWidget::splitAtGaps()
{
    QFETCH(QList<double>, xs);
    QFETCH(int, maxPieces);
    QFETCH(QList<int>, sizes);
    QList<QPointF> points;
    for (double x : xs)
        points.append(QPointF(x, x / 10));
    const QList<QList<QPointF>> pieces = TickChartWidget::splitAtGaps(points, 10.0, maxPieces);
    QList<int> got;
    QList<QPointF> all;
    for (const QList<QPointF>& piece : pieces) {
        got.append(int(piece.size()));
        all += piece;
    }
    QCOMPARE(got, sizes);
    QCOMPARE(all, points); // nothing lost, nothing reordered
}

void TestTickChartWidget::prevCloseLineAndRange()
{
    // The previous close far below the day's prices: the reference line is drawn and in range.
    setPrevClose(m_store, u"700.HK"_s, "350.00");
    m_history->append(tradingDay(u"700.HK"_s, 2000, 38000));
    m_chart->setSymbol(u"700.HK"_s);
    QTRY_COMPARE(m_chart->prevCloseSeries()->count(), 2);
    QVERIFY(m_chart->prevCloseSeries()->isVisible());
    QCOMPARE(m_chart->prevCloseSeries()->at(0).y(), 350.0);
    QCOMPARE(m_chart->prevCloseSeries()->at(1).y(), 350.0);
    QCOMPARE(m_chart->prevCloseSeries()->pen().style(), Qt::DashLine);
    QVERIFY(m_chart->priceAxis()->min() < 350.0);
    QVERIFY(m_chart->priceAxis()->max() > maxY(m_chart->priceSeries()->points()));
    // Spanning the plot.
    QCOMPARE(m_chart->prevCloseSeries()->at(0).x(), double(m_chart->timeAxis()->min().toMSecsSinceEpoch()));
    QCOMPARE(m_chart->prevCloseSeries()->at(1).x(), double(m_chart->timeAxis()->max().toMSecsSinceEpoch()));

    // Without a previous close there is no reference line.
    m_history->append(tradingDay(u"AAPL.US"_s, 100, 18900));
    m_chart->setSymbol(u"AAPL.US"_s);
    QTRY_COMPARE(m_chart->prevCloseSeries()->count(), 0);
    QVERIFY(!m_chart->prevCloseSeries()->isVisible());
    // A previous close arriving later shows up with the next frame.
    setPrevClose(m_store, u"AAPL.US"_s, "188.00");
    QTRY_COMPARE(m_chart->prevCloseSeries()->count(), 2);
    QCOMPARE(m_chart->prevCloseSeries()->at(0).y(), 188.0);
}

void TestTickChartWidget::timeAxisInExchangeTime()
{
    // This test runs with TZ=America/New_York (see main): the axis must still read Shanghai time.
    m_history->append(tradingDay(u"600519.SH"_s, 1000, 180000));
    m_chart->setSymbol(u"600519.SH"_s);
    QTRY_VERIFY(m_chart->priceSeries()->count() > 0);
    const QDateTimeAxis* axis = m_chart->timeAxis();
    // The axis formats in local time; its ends are round times around 09:30 and 15:00 in Shanghai wall time.
    QVERIFY2(axis->min().time() >= QTime(9, 0) && axis->min().time() <= QTime(9, 30),
             qPrintable(axis->min().toString()));
    QVERIFY2(axis->max().time() >= QTime(15, 0) && axis->max().time() <= QTime(16, 0),
             qPrintable(axis->max().toString()));
    QCOMPARE(axis->min().time().second(), 0);
    const qint64 expectedShift = (Shanghai.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(shanghaiMs(15, 0))) -
                                  QDateTime::fromMSecsSinceEpoch(shanghaiMs(15, 0)).offsetFromUtc()) *
                                 1000;
    QCOMPARE(m_chart->axisShiftMs(), expectedShift);
    QVERIFY(expectedShift != 0); // the test really runs in another zone
    QCOMPARE(m_chart->priceSeries()->at(0).x(), double(shanghaiMs(9, 30) + expectedShift));
}

void TestTickChartWidget::multiDayAxisShowsDates()
{
    // Crypto trades around the clock: a buffer of three days labels its axis with dates; a short one with seconds.
    QList<TradeTick> trades;
    for (int i = 0; i < 300; ++i) {
        TradeTick t;
        t.code = u"BTCUSDT"_s;
        t.timeMs = shanghaiMs(9, 30) + qint64(i) * 15 * 60 * 1000; // every 15 minutes
        t.price = Decimal::fromUnits(6500000 + (i % 13) * 100, 2);
        trades.append(t);
    }
    m_history->append(trades);
    m_chart->setSymbol(u"BTCUSDT"_s);
    QTRY_COMPARE(m_chart->priceSeries()->points().value(0).y(), 65000.0);
    QCOMPARE(m_chart->timeAxis()->format(), u"MM-dd HH:mm"_s);

    QList<TradeTick> burst;
    for (int i = 0; i < 50; ++i) {
        TradeTick t;
        t.code = u"ETHUSDT"_s;
        t.timeMs = shanghaiMs(10, 0) + qint64(i) * 500; // 25 seconds
        t.price = Decimal::fromUnits(350000 + i, 2);
        burst.append(t);
    }
    m_history->append(burst);
    m_chart->setSymbol(u"ETHUSDT"_s);
    QTRY_COMPARE(m_chart->priceSeries()->points().value(0).y(), 3500.0);
    QCOMPARE(m_chart->timeAxis()->format(), u"HH:mm:ss"_s);
}

void TestTickChartWidget::averageLine()
{
    // Two trades with turnover: the average line ends at the day's average price, in amber.
    TradeTick a;
    a.code = u"600000.SH"_s;
    a.timeMs = shanghaiMs(9, 31);
    a.price = Decimal::parse(QByteArrayView("10.00"));
    a.volume = Decimal::fromInt(100);
    a.turnover = Decimal::fromInt(1000);
    TradeTick b = a;
    b.timeMs = shanghaiMs(9, 32);
    b.price = Decimal::parse(QByteArrayView("11.00"));
    b.volume = Decimal::fromInt(300);
    b.turnover = Decimal::fromInt(3300);
    m_history->append({a, b});
    m_chart->setSymbol(u"600000.SH"_s);
    QTRY_COMPARE(m_chart->averageSeries()->count(), 2);
    QVERIFY(m_chart->averageSeries()->isVisible());
    QCOMPARE(m_chart->averageSeries()->at(1).y(), 4300.0 / 400.0);
    const QColor amber = m_chart->averageSeries()->pen().color();
    QVERIFY(amber.red() > 200 && amber.green() > 120 && amber.blue() < 60);

    // Forex sends no volume: no average line, no bars.
    TradeTick fx;
    fx.code = u"EURUSD"_s;
    fx.timeMs = shanghaiMs(9, 31);
    fx.price = Decimal::parse(QByteArrayView("1.08500"));
    TradeTick fx2 = fx;
    fx2.timeMs += 1000;
    fx2.price = Decimal::parse(QByteArrayView("1.08510"));
    m_history->append({fx, fx2});
    m_chart->setSymbol(u"EURUSD"_s);
    QTRY_COMPARE(m_chart->priceSeries()->points().value(0).y(), 1.085);
    QCOMPARE(m_chart->priceSeries()->count(), 2);
    QCOMPARE(m_chart->averageSeries()->count(), 0);
    QVERIFY(!m_chart->averageSeries()->isVisible());
    QCOMPARE(m_chart->volumeSeries(TradeSide::Neutral)->upperSeries()->count(), 0);
}

void TestTickChartWidget::volumeBarsColouredBySide()
{
    // Minute 1: buyers dominate; minute 5: sellers.
    QList<TradeTick> trades;
    for (int i = 0; i < 10; ++i) {
        TradeTick t;
        t.code = u"600000.SH"_s;
        t.timeMs = shanghaiMs(9, 31); // one instant each, so no bucket boundary can split a group
        t.price = Decimal::parse(QByteArrayView("10.00"));
        t.volume = Decimal::fromInt(i < 8 ? 500 : 100);
        t.side = i < 8 ? TradeSide::Buy : TradeSide::Sell;
        trades.append(t);
        t.timeMs = shanghaiMs(9, 35);
        t.side = i < 8 ? TradeSide::Sell : TradeSide::Buy;
        trades.append(t);
    }
    std::stable_sort(trades.begin(), trades.end(),
                     [](const TradeTick& x, const TradeTick& y) { return x.timeMs < y.timeMs; });
    m_history->append(trades);
    m_chart->setSymbol(u"600000.SH"_s);
    QTRY_VERIFY(m_chart->volumeSeries(TradeSide::Buy)->upperSeries()->count() > 0);
    const QList<QPointF> buy = m_chart->volumeSeries(TradeSide::Buy)->upperSeries()->points();
    const QList<QPointF> sell = m_chart->volumeSeries(TradeSide::Sell)->upperSeries()->points();
    QCOMPARE(buy.size(), 4); // one bar: four corners
    QCOMPARE(sell.size(), 4);
    QVERIFY(buy.at(0).x() < sell.at(0).x());
    QCOMPARE(buy.at(1).y(), 4200.0); // 8 * 500 + 2 * 100, in shares whatever the labels say
    QCOMPARE(m_chart->volumeSeries(TradeSide::Buy)->brush().color(), m_chart->directionPalette().up);
    QCOMPARE(m_chart->volumeSeries(TradeSide::Sell)->brush().color(), m_chart->directionPalette().down);
    QCOMPARE(m_chart->volumeChart()->axes(Qt::Vertical).size(), 1);
    QCOMPARE(m_chart->volumeChart()->axes(Qt::Vertical).at(0), m_chart->volumeAxis());
    // A round top above the highest bar, labelled at its value: 0 ... 5K (no "0K"), 5000 in a Chinese UI.
    const QValueAxis* axis = m_chart->volumeAxis();
    QCOMPARE(axis->min(), 0.0);
    QCOMPARE(axis->max(), 5000.0);
    QCOMPARE(axis->labelsColor().alpha(), 0); // the widget draws them
    const QStringList labels = m_chart->volumeAxisLabels();
    QVERIFY2(labels.size() == 2 || labels.size() == 3, qPrintable(labels.join(u", "_s)));
    QCOMPARE(labels.first(), u"0"_s);
    QCOMPARE(labels.last(), u"5K"_s);
    if (labels.size() == 3)
        QCOMPARE(labels.at(1), u"2.5K"_s);
    checkVolumeLabels(m_chart->volumeChart(), labels);
    m_chart->setChineseNames(true);
    QTRY_COMPARE(m_chart->volumeAxisLabels().last(), u"5000"_s);
    QCOMPARE(m_chart->volumeAxisLabels().first(), u"0"_s);
    checkVolumeLabels(m_chart->volumeChart(), m_chart->volumeAxisLabels());
    // The shortest pane (its minimum height) keeps the labels that fit: 0 and the top, apart.
    m_chart->setChineseNames(false);
    m_chart->resize(900, 230);
    QTRY_COMPARE(m_chart->volumeAxisLabels(), (QStringList{u"0"_s, u"5K"_s}));
    checkVolumeLabels(m_chart->volumeChart(), m_chart->volumeAxisLabels());
}

void TestTickChartWidget::volumeLabels_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("english");
    QTest::addColumn<QString>("chinese");
    QTest::newRow("zero") << 0.0 << u"0"_s << u"0"_s;
    QTest::newRow("coins") << 0.25 << u"0.25"_s << u"0.25"_s;
    QTest::newRow("500") << 500.0 << u"500"_s << u"500"_s;
    QTest::newRow("1000") << 1000.0 << u"1K"_s << u"1000"_s;
    QTest::newRow("1500") << 1500.0 << u"1.5K"_s << u"1500"_s;
    QTest::newRow("2500") << 2500.0 << u"2.5K"_s << u"2500"_s;
    QTest::newRow("10000") << 10000.0 << u"10K"_s << u"1万"_s;
    QTest::newRow("15000") << 15000.0 << u"15K"_s << u"1.5万"_s;
    QTest::newRow("250000") << 250000.0 << u"250K"_s << u"25万"_s;
    QTest::newRow("1.5M") << 1.5e6 << u"1.5M"_s << u"150万"_s;
    QTest::newRow("25M") << 2.5e7 << u"25M"_s << u"2500万"_s;
    QTest::newRow("100M") << 1e8 << u"100M"_s << u"1亿"_s;
    QTest::newRow("250M") << 2.5e8 << u"250M"_s << u"2.5亿"_s;
    QTest::newRow("2B") << 2e9 << u"2B"_s << u"20亿"_s;
}

void TestTickChartWidget::volumeLabels()
{
    QFETCH(double, value);
    QFETCH(QString, english);
    QFETCH(QString, chinese);
    QCOMPARE(TickChartCommon::volumeLabel(value, false), english);
    QCOMPARE(TickChartCommon::volumeLabel(value, true), chinese);
}

void TestTickChartWidget::followsSymbol()
{
    m_history->append(tradingDay(u"600519.SH"_s, 5000, 180000));
    m_history->append(tradingDay(u"600000.SH"_s, 5000, 1000));
    m_chart->setSymbol(u"600519.SH"_s);
    QVERIFY(m_history->isPinned(u"600519.SH"_s));
    QTRY_VERIFY(m_chart->priceSeries()->count() > 0 && minY(m_chart->priceSeries()->points()) > 1000);
    m_chart->setSymbol(u"600000.SH"_s);
    QTRY_VERIFY(maxY(m_chart->priceSeries()->points()) < 100);
    QVERIFY(m_history->isPinned(u"600000.SH"_s));
    QVERIFY(!m_history->isPinned(u"600519.SH"_s));
    QCOMPARE(m_chart->symbol(), u"600000.SH"_s);
    QVERIFY(m_chart->findChild<QLabel*>(u"tickChartCode"_s)->text() == u"600000.SH"_s);
    // A symbol without trades yet: the empty state, not the previous symbol's line.
    m_chart->setSymbol(u"000001.SZ"_s);
    QVERIFY(m_chart->isEmptyStateShown());
}

void TestTickChartWidget::colourConventionSwitch()
{
    setPrevClose(m_store, u"600000.SH"_s, "9.00");
    m_history->append(tradingDay(u"600000.SH"_s, 100, 1000)); // around 10.00: above the previous close
    m_chart->setDirectionPalette(DirectionPalette::forConvention(DirectionPalette::Convention::RedUp));
    m_chart->setSymbol(u"600000.SH"_s);
    const DirectionPalette red = DirectionPalette::forConvention(DirectionPalette::Convention::RedUp);
    const DirectionPalette green = DirectionPalette::forConvention(DirectionPalette::Convention::GreenUp);
    QTRY_COMPARE(m_chart->priceSeries()->pen().color(), red.up);
    QCOMPARE(m_chart->volumeSeries(TradeSide::Buy)->brush().color(), red.up);
    QCOMPARE(m_chart->volumeSeries(TradeSide::Sell)->brush().color(), red.down);
    m_chart->setDirectionPalette(green);
    QTRY_COMPARE(m_chart->priceSeries()->pen().color(), green.up);
    QCOMPARE(m_chart->volumeSeries(TradeSide::Buy)->brush().color(), green.up);
    QCOMPARE(m_chart->volumeSeries(TradeSide::Sell)->brush().color(), green.down);
    QVERIFY(red.up != green.up);
    // Below the previous close the line takes the down colour.
    setPrevClose(m_store, u"600000.SH"_s, "20.00");
    QTRY_COMPARE(m_chart->priceSeries()->pen().color(), green.down);
}

void TestTickChartWidget::oneReplacePerFrame()
{
    m_history->append(tradingDay(u"600519.SH"_s, 1000, 180000));
    m_chart->setSymbol(u"600519.SH"_s);
    QTRY_VERIFY(m_chart->priceSeries()->count() > 0);
    QSignalSpy replaced(m_chart->priceSeries(), &QXYSeries::pointsReplaced);
    QSignalSpy averageReplaced(m_chart->averageSeries(), &QXYSeries::pointsReplaced);
    QSignalSpy frames(m_chart, &TickChartWidget::frameRendered);
    const int frames0 = m_chart->frameCount();
    // Twenty batches inside one frame interval (no event loop in between): one frame, one replace per series.
    const QList<TradeTick> more = tradingDay(u"600519.SH"_s, 2000, 180000, 99);
    for (int i = 0; i < 20; ++i)
        m_history->append(more.mid(i * 100, 100));
    QCOMPARE(replaced.count(), 0); // nothing is drawn from inside append
    QTRY_COMPARE(frames.count(), 1);
    QCOMPARE(replaced.count(), 1);
    QCOMPARE(averageReplaced.count(), 1);
    QCOMPARE(m_chart->frameCount(), frames0 + 1);
    // And the frame shows the latest trade.
    QCOMPARE(m_chart->priceSegments().constLast()->points().last().y(), more.last().price.toDouble());
}

void TestTickChartWidget::frameRateCapped()
{
    m_history->append(tradingDay(u"600519.SH"_s, 1000, 180000));
    m_chart->setSymbol(u"600519.SH"_s);
    QTRY_VERIFY(m_chart->priceSeries()->count() > 0);
    QSignalSpy replaced(m_chart->priceSeries(), &QXYSeries::pointsReplaced);
    QList<qint64> frameTimes;
    QElapsedTimer clock;
    clock.start();
    // When each frame started, ns.
    connect(m_chart, &TickChartWidget::frameRendered, this,
            [&] { frameTimes.append(clock.nsecsElapsed() - m_chart->nsSinceFrameStart()); });
    // Trades every 2 ms, far above the frame rate.
    const QList<TradeTick> more = tradingDay(u"600519.SH"_s, 5000, 180000, 5);
    int next = 0;
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    connect(&feeder, &QTimer::timeout, this, [&] {
        m_history->append(more.mid(next, 10));
        next = (next + 10) % 4990;
    });
    feeder.start(2);
    QTRY_VERIFY_WITH_TIMEOUT(frameTimes.size() >= 6, 5000);
    feeder.stop();
    QCOMPARE(replaced.count(), frameTimes.size()); // one replace per frame
    for (int i = 1; i < frameTimes.size(); ++i) {
        const double apartMs = double(frameTimes.at(i) - frameTimes.at(i - 1)) / 1e6;
        QVERIFY2(apartMs >= TickChartWidget::FrameIntervalMs - 0.5, qPrintable(u"frames %1 ms apart"_s.arg(apartMs)));
    }
}

void TestTickChartWidget::plotAreasAlign()
{
    // The volume bars stand under the prices of their time: both panes' plot areas span the same pixel columns,
    // whatever their axis labels need.
    setPrevClose(m_store, u"600519.SH"_s, "1795.00");
    m_history->append(tradingDay(u"600519.SH"_s, 3000, 180000));
    m_chart->setSymbol(u"600519.SH"_s);
    QTRY_VERIFY(m_chart->priceSeries()->count() > 0);
    const auto aligned = [this] {
        const QRectF price = m_chart->priceChart()->plotArea();
        const QRectF volume = m_chart->volumeChart()->plotArea();
        return price.width() > 0 && std::abs(price.left() - volume.left()) <= 1 &&
               std::abs(price.right() - volume.right()) <= 1;
    };
    QTRY_VERIFY2(aligned(), qPrintable(u"price %1..%2, volume %3..%4"_s.arg(m_chart->priceChart()->plotArea().left())
                                           .arg(m_chart->priceChart()->plotArea().right())
                                           .arg(m_chart->volumeChart()->plotArea().left())
                                           .arg(m_chart->volumeChart()->plotArea().right())));
}

void TestTickChartWidget::crosshair()
{
    setPrevClose(m_store, u"600519.SH"_s, "1795.00");
    const QList<TradeTick> day = tradingDay(u"600519.SH"_s, 3000, 180000);
    m_history->append(day);
    m_chart->setSymbol(u"600519.SH"_s);
    QTRY_VERIFY(m_chart->priceSeries()->count() > 0);
    QVERIFY(!m_chart->isCrosshairShown());
    // Near the plot's left edge: the trade nearest to that time, its exchange time with milliseconds.
    const QRectF plot = m_chart->priceChart()->plotArea();
    const QPoint pos(int(plot.left()) + 3, int(plot.center().y()));
    m_chart->showCrosshairAt(pos);
    QVERIFY(m_chart->isCrosshairShown());
    QChart* chart = m_chart->priceChart();
    const double utc =
        chart->mapToValue(chart->mapFromScene(m_chart->priceView()->mapToScene(pos)), m_chart->priceSeries()).x() -
        double(m_chart->axisShiftMs());
    const TradeTick nearest =
        *std::min_element(day.cbegin(), day.cend(), [utc](const TradeTick& a, const TradeTick& b) {
            return std::abs(double(a.timeMs) - utc) < std::abs(double(b.timeMs) - utc);
        });
    const QString text = m_chart->crosshairText();
    const QString expectedTime = QDateTime::fromMSecsSinceEpoch(nearest.timeMs, Shanghai).toString(u"HH:mm:ss.zzz"_s);
    QVERIFY2(text.startsWith(expectedTime + u'\n'), qPrintable(text + u" / expected "_s + expectedTime));
    QVERIFY2(text.startsWith(u"09:3"_s), qPrintable(text));
    QVERIFY2(text.contains(QLocale().toString(nearest.price.toDouble(), 'f', 2)), qPrintable(text));
    QVERIFY2(text.contains(QLocale().toString(nearest.volume.toDouble(), 'f', 0)), qPrintable(text));
    QVERIFY2(text.contains(u"Volume"_s), qPrintable(text));
    // Mouse moves over the view move it; leaving hides it.
    QWidget* viewport = m_chart->priceView()->viewport();
    QTest::mouseMove(viewport, QPoint(int(plot.right()) - 1, int(plot.center().y())));
    QTRY_VERIFY(m_chart->isCrosshairShown());
    QVERIFY2(m_chart->crosshairText().startsWith(u"15:0"_s) || m_chart->crosshairText().startsWith(u"14:5"_s),
             qPrintable(m_chart->crosshairText()));
    QVERIFY(QRegularExpression(u"^\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d\\n"_s).match(m_chart->crosshairText()).hasMatch());
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(viewport, &leave);
    QVERIFY(!m_chart->isCrosshairShown());
    // Outside the plot area: nothing.
    m_chart->showCrosshairAt(QPoint(2, 2));
    QVERIFY(!m_chart->isCrosshairShown());
}

void TestTickChartWidget::undecimatedForComparison()
{
    m_history->append(tradingDay(u"600519.SH"_s, 5000, 180000));
    m_chart->setSymbol(u"600519.SH"_s);
    m_chart->setDecimationEnabled(false);
    m_chart->redrawNow();
    QCOMPARE(joined(m_chart->priceSegments()).size(), 5000);
    m_chart->setDecimationEnabled(true);
    m_chart->redrawNow();
    QVERIFY(joined(m_chart->priceSegments()).size() <= 2 * m_chart->plotColumns() + 2);
}

namespace {
// Pixels close to `colour` in `image`.
int pixelsNear(const QImage& image, const QColor& colour)
{
    constexpr int Tolerance = 90; // antialiased 1 px lines blend into the background
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            const int distance = std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) +
                                 std::abs(c.blue() - colour.blue());
            if (distance < Tolerance)
                ++n;
        }
    }
    return n;
}
} // namespace

void TestTickChartWidget::paintsTheLines()
{
    setPrevClose(m_store, u"600519.SH"_s, "1700.00");
    m_history->append(tradingDay(u"600519.SH"_s, 100000, 180000));
    m_chart->setSymbol(u"600519.SH"_s);
    QTRY_VERIFY(m_chart->priceSeries()->count() > 0);
    m_chart->redrawNow();
    const QImage image = m_chart->grab().toImage();
    const DirectionPalette palette = m_chart->directionPalette();
    // The price line in the up colour (above the previous close), the amber average, volume bars in both colours.
    QVERIFY(pixelsNear(image, palette.up) > 500);
    QVERIFY(pixelsNear(image, palette.down) > 100);
    const int amber = pixelsNear(image, m_chart->averageSeries()->pen().color());
    QVERIFY2(amber > 200, qPrintable(QString::number(amber)));
}

// Writes screenshots of the chart (a full day, both palettes, with the crosshair) to $QM_SCREENSHOT_DIR.
void TestTickChartWidget::periodSwitchStreamsBars()
{
    QmtSimServer::Config config;
    config.pushIntervalMs = 20;
    config.updateChance = 1.0;
    QmtSimServer server(config);
    QVERIFY(server.listen());
    QmtBarClient bars;
    bars.setBaseUrl(server.wsUrl(QString()).adjusted(QUrl::RemovePath));
    m_chart->setBarClient(&bars);
    m_chart->setBarPeriodsAvailable(true);
    m_history->append(tradingDay(u"600519.SH"_s, 2000, 180000));
    m_chart->setSymbol(u"600519.SH"_s);
    QTRY_VERIFY(m_chart->priceSeries()->count() > 0);
    QCOMPARE(m_chart->shownPeriod(), u"tick"_s);
    QVERIFY(m_chart->periodButton(u"tick"_s)->isChecked());
    QCOMPARE(server.connectionCount(u"/ws/realtime"_s), 0); // ticks need no bar socket

    // 1m: the chart asks the bridge for 1m bars of the symbol and draws them as candles.
    m_chart->periodButton(u"1m"_s)->click();
    QVERIFY(m_chart->periodButton(u"1m"_s)->isChecked());
    QCOMPARE(m_chart->shownPeriod(), u"1m"_s);
    QTRY_COMPARE(server.lastFirstMessage(u"/ws/realtime"_s), QByteArray(R"({"period":"1m","stocks":["600519.SH"]})"));
    QTRY_VERIFY(m_chart->isBarViewShown());
    QTRY_VERIFY(m_chart->candleSeries()->count() >= TickChartWidget::MinBarsShown);
    QTRY_VERIFY2(
        m_chart->barsShown() <= m_chart->barPriceChart()->plotArea().width() / TickChartWidget::BarPixels + 1,
        qPrintable(u"%1 bars in %2 px"_s.arg(m_chart->barsShown()).arg(m_chart->barPriceChart()->plotArea().width())));
    QTRY_COMPARE(m_chart->barsShown(), m_chart->candleSeries()->count());
    // The newest candle is the client's forming bar, updated in place as pushes replace it.
    QTRY_VERIFY([&] {
        const QList<QCandlestickSet*> sets = m_chart->candleSeries()->sets();
        return !sets.isEmpty() && sets.last()->close() == bars.bars().last().close.toDouble();
    }());
    QVERIFY(!m_chart->barTimeAxis()->categoriesLabels().isEmpty());
    QVERIFY(m_chart->barVolumeSeries(true)->upperSeries()->count() +
                m_chart->barVolumeSeries(false)->upperSeries()->count() >
            0);
    // The volume axis in round labels from 0 (not "0K"), the top labelled at its value.
    {
        const QStringList labels = m_chart->barVolumeAxisLabels();
        QVERIFY(labels.size() >= 2);
        QCOMPARE(labels.first(), u"0"_s);
        QCOMPARE(labels.last(), TickChartCommon::volumeLabel(m_chart->barVolumeAxis()->max(), false));
        checkVolumeLabels(m_chart->barVolumeChart(), labels);
    }
    // Candles take the palette's colours: a rising candle red in the red-up convention.
    const DirectionPalette redUp = DirectionPalette::forConvention(DirectionPalette::Convention::RedUp);
    m_chart->setDirectionPalette(redUp);
    m_chart->redrawNow();
    for (QCandlestickSet* set : m_chart->candleSeries()->sets()) {
        if (set->close() > set->open())
            QCOMPARE(set->brush().color(), redUp.up);
        else if (set->close() < set->open())
            QCOMPARE(set->brush().color(), redUp.down);
    }
    // Crosshair: the bar's O/H/L/C and volume.
    const QRectF plot = m_chart->barPriceChart()->plotArea();
    m_chart->showCrosshairAt(QPoint(int(plot.right()) - 2, int(plot.center().y())));
    QVERIFY(m_chart->isCrosshairShown());
    const QString text = m_chart->crosshairText();
    QVERIFY2(text.contains(u"O "_s) && text.contains(u"H "_s) && text.contains(u"L "_s) && text.contains(u"C "_s),
             qPrintable(text));
    QVERIFY2(text.contains(u"Volume"_s), qPrintable(text));
    const QDateTime last = QDateTime::fromMSecsSinceEpoch(bars.bars().last().timeMs, Shanghai);
    QVERIFY2(text.startsWith(last.toString(u"yyyy-MM-dd HH:mm"_s)), qPrintable(text)); // exchange time, not New York
    if (const QString dir = qEnvironmentVariable("QM_SCREENSHOT_DIR"); !dir.isEmpty()) {
        m_chart->showCrosshairAt(QPoint(int(plot.left() + plot.width() * 0.7), int(plot.top() + plot.height() * 0.3)));
        QVERIFY(m_chart->grab().save(dir + u"/tickchart-600519_SH-1m.png"_s));
    }
    m_chart->hideCrosshair();

    // 5m: the 1m socket closes, a 5m one opens.
    m_chart->setPeriod(u"5m"_s);
    QTRY_COMPARE(server.lastFirstMessage(u"/ws/realtime"_s), QByteArray(R"({"period":"5m","stocks":["600519.SH"]})"));
    QTRY_COMPARE(server.connectionCount(u"/ws/realtime"_s), 1);
    QTRY_COMPARE(bars.period(), u"5m"_s);
    QTRY_VERIFY(bars.isHistoryLoaded() && m_chart->candleSeries()->count() >= TickChartWidget::MinBarsShown);

    // Back to ticks: the bar socket closes and the tick chart is as it was.
    m_chart->setPeriod(u"tick"_s);
    QTRY_COMPARE(server.connectionCount(u"/ws/realtime"_s), 0);
    QVERIFY(!bars.isActive());
    QTRY_VERIFY(!m_chart->isBarViewShown() && !m_chart->isEmptyStateShown());
    QVERIFY(m_chart->priceSeries()->count() > 0);
    m_chart->setBarClient(nullptr);
}

void TestTickChartWidget::barPeriodsUnavailable()
{
    QmtSimServer server;
    QVERIFY(server.listen());
    QmtBarClient bars;
    bars.setBaseUrl(server.wsUrl(QString()).adjusted(QUrl::RemovePath));
    // Without a client the bar buttons say a bridge is needed.
    QVERIFY(!m_chart->periodButton(u"1m"_s)->isEnabled());
    QVERIFY(m_chart->periodButton(u"1m"_s)->toolTip().contains(u"QMT Bridge"_s));
    QVERIFY(m_chart->periodButton(u"tick"_s)->isEnabled());
    m_chart->setBarClient(&bars);
    m_chart->setBarPeriodsAvailable(true);
    m_chart->setSymbol(u"600519.SH"_s);
    m_chart->setPeriod(u"1m"_s);
    QTRY_VERIFY(bars.isActive());
    // A symbol of another feed: ticks, disabled bar buttons with the reason; the choice returns with a bridge symbol.
    m_chart->setSymbol(u"AAPL.US"_s);
    m_chart->setBarPeriodsAvailable(false, u"AAPL.US is quoted by AllTick"_s);
    QCOMPARE(m_chart->shownPeriod(), u"tick"_s);
    QCOMPARE(m_chart->period(), u"1m"_s);
    QVERIFY(m_chart->periodButton(u"tick"_s)->isChecked());
    QVERIFY(!m_chart->periodButton(u"5m"_s)->isEnabled());
    QCOMPARE(m_chart->periodButton(u"5m"_s)->toolTip(), u"AAPL.US is quoted by AllTick"_s);
    QTRY_VERIFY(!bars.isActive());
    QTRY_COMPARE(server.connectionCount(u"/ws/realtime"_s), 0); // the server thread sees the close a little later
    m_chart->setSymbol(u"600519.SH"_s);
    m_chart->setBarPeriodsAvailable(true);
    QCOMPARE(m_chart->shownPeriod(), u"1m"_s);
    QTRY_VERIFY(bars.isActive() && bars.code() == u"600519.SH"_s);
    m_chart->setBarClient(nullptr);
}

void TestTickChartWidget::screenshots()
{
    const QString dir = qEnvironmentVariable("QM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set QM_SCREENSHOT_DIR to write screenshots");
    setPrevClose(m_store, u"600519.SH"_s, "1795.00");
    m_history->append(tradingDay(u"600519.SH"_s, 100000, 180000));
    m_chart->resize(1100, 560);
    m_chart->setSymbol(u"600519.SH"_s);
    QTRY_VERIFY(m_chart->priceSeries()->count() > 0);
    for (const auto convention : {DirectionPalette::Convention::RedUp, DirectionPalette::Convention::GreenUp}) {
        m_chart->setDirectionPalette(DirectionPalette::forConvention(convention));
        m_chart->redrawNow();
        const QRectF plot = m_chart->priceChart()->plotArea();
        m_chart->showCrosshairAt(QPoint(int(plot.left() + plot.width() * 0.62), int(plot.top() + plot.height() * 0.3)));
        const QString suffix = convention == DirectionPalette::Convention::RedUp ? u"redup"_s : u"greenup"_s;
        QVERIFY(m_chart->grab().save(dir + u"/tickchart-600519_SH-"_s + suffix + u".png"_s));
        m_chart->hideCrosshair();
    }
    m_history->append(tradingDay(u"AAPL.US"_s, 20000, 18900, 3));
    m_chart->setSymbol(u"AAPL.US"_s);
    m_chart->redrawNow();
    QVERIFY(m_chart->grab().save(dir + u"/tickchart-AAPL_US-nocl.png"_s));
}

int main(int argc, char* argv[])
{
    // A local zone unlike the exchanges' ones, so the test sees the axis convert to exchange time.
    qputenv("TZ", "America/New_York");
    QApplication app(argc, argv);
    TestTickChartWidget test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_tickchartwidget.moc"
