#include "ChartBench.h"

#include "QuoteStore.h"
#include "TickChartWidget.h"
#include "TickHistory.h"
#include "UpdateBuffer.h"

#include <QApplication>
#include <QDateTime>
#include <QLineSeries>
#include <QPixmap>
#include <QTimeZone>
#include <QWindow>

using namespace Qt::StringLiterals;

namespace {

// A trading day of `n` trades: 09:30-11:30 and 13:00-15:00 Shanghai time, a random walk in ticks of 0.01 around
// 1,800, sizes of 100 to 5,000 shares, turnover = price * size, sides mixed.
class DayGenerator
{
public:
    DayGenerator(const QString& code, int n)
        : m_code(code)
        , m_n(std::max(2, n))
    {
        const QTimeZone shanghai(QByteArrayLiteral("Asia/Shanghai"));
        const QDate day = QDate::currentDate();
        m_morning = QDateTime(day, QTime(9, 30), shanghai).toMSecsSinceEpoch();
        m_afternoon = QDateTime(day, QTime(13, 0), shanghai).toMSecsSinceEpoch();
    }
    // Trade i of the day; beyond n, trades continue after 15:00 at the same pace.
    TradeTick next()
    {
        const qint64 session = 2 * 3600 * 1000;
        const int half = m_n / 2;
        const qint64 t = m_i < half ? m_morning + qint64(m_i) * session / half
                                    : m_afternoon + qint64(m_i - half) * session / (m_n - half);
        m_rng = m_rng * 6364136223846793005ULL + 1442695040888963407ULL;
        m_cents = std::max<qint64>(1, m_cents + qint64((m_rng >> 33) % 7) - 3);
        TradeTick trade;
        trade.code = m_code;
        trade.seq = m_i;
        trade.timeMs = t;
        trade.price = Decimal::fromUnits(m_cents, 2);
        trade.volume = Decimal::fromInt(100 * qint64(1 + (m_rng >> 40) % 50));
        trade.turnover = trade.price * trade.volume;
        trade.side = TradeSide((m_rng >> 50) % 3);
        ++m_i;
        return trade;
    }
    QList<TradeTick> take(int count)
    {
        QList<TradeTick> out;
        out.reserve(count);
        for (int i = 0; i < count; ++i)
            out.append(next());
        return out;
    }

private:
    QString m_code;
    int m_n;
    int m_i = 0;
    qint64 m_morning = 0;
    qint64 m_afternoon = 0;
    qint64 m_cents = 180000;
    quint64 m_rng = 7;
};

struct FrameTimes
{
    QList<double> rebuild;
    QList<double> paint;
    QList<double> total;
    qsizetype points = 0;
};

FrameTimes measure(TickChartWidget* chart, TickHistory* history, DayGenerator* day, int frames, int tradesPerFrame)
{
    FrameTimes out;
    // One surface for every frame, as the window's backing store would be.
    QPixmap surface(chart->size() * chart->devicePixelRatio());
    surface.setDevicePixelRatio(chart->devicePixelRatio());
    for (int i = 0; i < frames; ++i) {
        history->append(day->take(tradesPerFrame));
        const qint64 t0 = Bench::nowNs();
        chart->redrawNow();
        const qint64 t1 = Bench::nowNs();
        chart->render(&surface); // layout and paint of the whole widget, as a screen update would
        const qint64 t2 = Bench::nowNs();
        out.rebuild.append(double(t1 - t0) / 1e6);
        out.paint.append(double(t2 - t1) / 1e6);
        out.total.append(double(t2 - t0) / 1e6);
        out.points = 0;
        for (const QLineSeries* piece : chart->priceSegments()) // morning and afternoon
            out.points += piece->count();
    }
    return out;
}

} // namespace

Bench::Section runChartBench(const ChartOptions& options)
{
    Bench::Section section(u"chart"_s);
    const QString code = u"600519.SH"_s;
    QuoteStore store;
    TickHistory history(&store);
    {
        UpdateBuffer buffer;
        ReferenceData ref;
        ref.code = code;
        ref.prevClose = Decimal::fromUnits(179500, 2);
        buffer.addReference(ref);
        store.applyBatch(buffer.take());
    }
    DayGenerator day(code, options.ticks);
    TickChartWidget chart(&store, &history);
    chart.resize(options.width, options.height);
    chart.setSymbol(code);
    chart.show();
    if (!Bench::runUntil([&chart] { return chart.windowHandle() && chart.windowHandle()->isExposed(); }, 5000)) {
        section.fail(u"the chart window was not exposed"_s);
        return section;
    }
    const qint64 fill0 = Bench::nowNs();
    for (int done = 0; done < options.ticks; done += 10000)
        history.append(day.take(std::min(10000, options.ticks - done)));
    const double fillMs = double(Bench::nowNs() - fill0) / 1e6;
    Bench::runFor(100); // the first frames and layout
    chart.redrawNow();

    // Warm up, then the decimated full day, then every trade a point.
    measure(&chart, &history, &day, 5, options.tradesPerFrame);
    const FrameTimes decimated = measure(&chart, &history, &day, options.frames, options.tradesPerFrame);
    chart.setDecimationEnabled(false);
    measure(&chart, &history, &day, 1, options.tradesPerFrame);
    const FrameTimes full = measure(&chart, &history, &day, options.undecimatedFrames, options.tradesPerFrame);
    chart.setDecimationEnabled(true);

    const double median = Bench::median(decimated.total);
    const double p99 = Bench::percentile(decimated.total, 99);
    section.add(u"ticks"_s, double(history.count(code)), QString(),
                u"trades held for the charted symbol (a full day)"_s, 0);
    section.add(u"fill_ms"_s, fillMs, u"ms"_s, u"append of the day into TickHistory (10k batches)"_s, 1);
    section.add(u"widget_px"_s, options.width, u"px"_s, u"widget width (height %1 px)"_s.arg(options.height), 0);
    section.add(u"plot_columns"_s, chart.plotColumns(), u"px"_s, u"price plot width"_s, 0);
    section.add(u"points"_s, double(decimated.points), QString(), u"price series points, decimated"_s, 0);
    section.add(u"frames"_s, options.frames, QString(),
                u"frames measured (%1 new trades each)"_s.arg(options.tradesPerFrame), 0);
    section.add(u"rebuild_median_ms"_s, Bench::median(decimated.rebuild), u"ms"_s,
                u"rebuild (decimate + replace), median"_s, 2);
    section.add(u"paint_median_ms"_s, Bench::median(decimated.paint), u"ms"_s,
                u"paint (whole widget, render()), median"_s, 2);
    section.add(u"frame_median_ms"_s, median, u"ms"_s, u"frame (rebuild + paint), median"_s, 2);
    section.add(u"frame_p99_ms"_s, p99, u"ms"_s, u"frame, p99"_s, 2);
    section.add(u"undecimated_points"_s, double(full.points), QString(), u"price series points, undecimated"_s, 0);
    section.add(u"undecimated_frames"_s, options.undecimatedFrames, QString(), u"undecimated frames measured"_s, 0);
    section.add(u"undecimated_median_ms"_s, Bench::median(full.total), u"ms"_s, u"undecimated frame, median"_s, 2);
    section.add(u"undecimated_p99_ms"_s, Bench::percentile(full.total, 99), u"ms"_s, u"undecimated frame, p99"_s, 2);
    section.add(u"history_mib"_s, double(history.totalCount()) * double(sizeof(TickSample)) / 1048576.0, u"MiB"_s,
                u"tick buffer payload (%1 bytes a trade)"_s.arg(sizeof(TickSample)), 1);
    section.add(u"peak_rss_mib"_s, double(Bench::peakRssKiB()) / 1024.0, u"MiB"_s, u"peak RSS (VmHWM)"_s);
    section.addTarget(u"frame"_s, history.count(code) >= 100000 && p99 <= 8.0,
                      u"full day (>= 100,000 trades) redraws in <= 8 ms per frame (p99)"_s);
    return section;
}
