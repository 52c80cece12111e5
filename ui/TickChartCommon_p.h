// Shared by the TickChartWidget sources (tick and bar views): colours, round steps, axis setters, chart factories.
#pragma once

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QColor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFont>
#include <QFontMetrics>
#include <QGraphicsLayout>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QPainter>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace TickChartCommon {
inline const QColor AverageColour(0xe0, 0x9a, 0x10); // amber, as traders expect the average-price line
inline const QColor PrevCloseColour(0x80, 0x80, 0x80);
inline const QColor NeutralColour(0x8a, 0x8f, 0x98);
inline const QColor NoReferenceColour(0x2f, 0x6f, 0xd0); // price line when there is no previous close to compare with
inline const QColor GridColour(0xe4, 0xe6, 0xea);
inline const QColor AxisLineColour(0xb8, 0xbc, 0xc4);
inline const QColor CrosshairColour(0x60, 0x66, 0x70);
inline const QColor ErrorColour(0xc6, 0x28, 0x28);

// Each pane lays itself out for its own labels; the narrower margins then grow by the difference so that both plot
// areas span the same pixel columns and the volume bars stand under the prices of their time. The extra margins of
// the last layout are known, so one layout pass suffices unless they change. `volumeLabelWidth` is the room the
// volume labels drawn left of the volume plot need (VolumeAxisLabels). Both panes use `base` as their own margins.
inline void alignPlotAreas(QChart* price, QChart* volume, const QMargins& base, double volumeLabelWidth)
{
    for (QChart* chart : {price, volume}) {
        if (chart->layout())
            chart->layout()->activate();
    }
    const QRectF pa = price->plotArea();
    const QRectF va = volume->plotArea();
    const QMargins pm = price->margins();
    const QMargins vm = volume->margins();
    // Where each plot area would be without the alignment margins.
    const double priceLeft = pa.left() - (pm.left() - base.left());
    const double volumeLeft = std::max(va.left() - (vm.left() - base.left()), base.left() + volumeLabelWidth);
    const double priceRight = price->size().width() - pa.right() - (pm.right() - base.right());
    const double volumeRight = volume->size().width() - va.right() - (vm.right() - base.right());
    const double left = std::max(priceLeft, volumeLeft);
    const double right = std::max(priceRight, volumeRight);
    const auto apply = [](QChart* chart, const QMargins& margins) {
        if (chart->margins() == margins)
            return;
        chart->setMargins(margins);
        if (chart->layout())
            chart->layout()->activate();
    };
    apply(price, base + QMargins(int(std::lround(left - priceLeft)), 0, int(std::lround(right - priceRight)), 0));
    apply(volume, base + QMargins(int(std::lround(left - volumeLeft)), 0, int(std::lround(right - volumeRight)), 0));
}

// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
inline double niceStep(double raw)
{
    if (!(raw > 0) || !std::isfinite(raw))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / magnitude;
    const double nice = f <= 1.0 ? 1.0 : (f <= 2.0 ? 2.0 : (f <= 2.5 ? 2.5 : (f <= 5.0 ? 5.0 : 10.0)));
    return nice * magnitude;
}

// The price axis for prices in [lo, hi]: a span of at least four ticks of the price (or 0.1% of it), 6% of margin
// on each side, then round steps, one per about three text lines of the pane's height (2 to 8), and the ends
// rounded out to them.
struct PriceAxisRange
{
    double lo = 0;
    double hi = 0;
    double step = 1;
    int ticks = 2; // labels, ends included
};

inline PriceAxisRange priceAxisRange(double lo, double hi, int decimals, int paneHeight, int lineHeight)
{
    const double minSpan = std::max(std::pow(10.0, -decimals) * 4, std::abs(hi) * 0.001);
    if (hi - lo < minSpan) {
        const double mid = (hi + lo) / 2;
        lo = mid - minSpan / 2;
        hi = mid + minSpan / 2;
    }
    const double pad = (hi - lo) * 0.06;
    lo -= pad;
    hi += pad;
    const int intervals = std::clamp(std::max(60, paneHeight) / (lineHeight * 3), 2, 8);
    PriceAxisRange range;
    range.step = niceStep((hi - lo) / intervals);
    range.lo = std::floor(lo / range.step) * range.step;
    range.hi = std::ceil(hi / range.step) * range.step;
    range.ticks = int(std::lround((range.hi - range.lo) / range.step)) + 1;
    return range;
}

// Decimal places that show every multiple of `step` exactly.
inline int decimalsOf(double step)
{
    for (int d = 0; d < 8; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled))
            return d;
    }
    return 8;
}

// Time-axis steps that land on round clock times, in ms.
inline constexpr qint64 TimeSteps[] = {1000,    2000,    5000,     10000,    15000,    30000,
                                       60000,   120000,  300000,   600000,   900000,   1800000,
                                       3600000, 7200000, 10800000, 21600000, 43200000, 86400000};

// Setters that leave an axis alone when nothing changes: every change re-lays out the axis labels.
inline void updateAxis(QValueAxis* axis, double lo, double hi, int ticks, const QString& format)
{
    if (axis->labelFormat() != format)
        axis->setLabelFormat(format);
    if (axis->tickCount() != ticks)
        axis->setTickCount(ticks);
    if (axis->min() != lo || axis->max() != hi)
        axis->setRange(lo, hi);
}

inline void updateAxis(QDateTimeAxis* axis, qint64 lo, qint64 hi, int ticks, const QString& format)
{
    if (axis->format() != format)
        axis->setFormat(format);
    if (axis->tickCount() != ticks)
        axis->setTickCount(ticks);
    if (axis->min().toMSecsSinceEpoch() != lo || axis->max().toMSecsSinceEpoch() != hi)
        axis->setRange(QDateTime::fromMSecsSinceEpoch(lo), QDateTime::fromMSecsSinceEpoch(hi));
}

// A volume axis label: "0", "500", "1K", "1.5K", "2M", "1B" (fractions for coins: "0.25"); in a Chinese UI as
// Chinese traders read volumes: "5000", "1.5万", "2亿" (万 = 10^4, 亿 = 10^8).
inline QString volumeLabel(double value, bool chinese)
{
    struct Unit
    {
        double size;
        const char16_t* suffix;
    };
    static const Unit english[] = {{1e9, u"B"}, {1e6, u"M"}, {1e3, u"K"}};
    static const Unit chineseUnits[] = {{1e8, u"亿"}, {1e4, u"万"}};
    double mantissa = value;
    QString suffix;
    const auto pick = [&](const auto& units) {
        for (const Unit& unit : units) {
            if (std::abs(value) >= unit.size) {
                mantissa = value / unit.size;
                suffix = QString::fromUtf16(unit.suffix);
                return;
            }
        }
    };
    if (chinese)
        pick(chineseUnits);
    else
        pick(english);
    // Up to four decimals, without trailing zeros: 1.5K, not 1.50K; 0, not 0K.
    QString text = QString::number(mantissa, 'f', 4);
    while (text.endsWith(u'0'))
        text.chop(1);
    if (text.endsWith(u'.'))
        text.chop(1);
    if (text == u"-0")
        text = QStringLiteral("0");
    return text + suffix;
}

// The labels of a volume axis, drawn by the chart widget itself at 0, top / 2 and top ("0, 1M, 2M"; volumeLabel), as
// many as fit the pane's height. The QValueAxis gives the range and the grid (its printf format cannot say "0" at the
// bottom and "1.5K" above); a QCategoryAxis could label each value but made a frame about 0.6 ms slower. The chart
// widget makes room for width() left of the plot and calls place() once the chart is laid out.
class VolumeAxisLabels
{
public:
    void attach(QChart* chart, QValueAxis* axis, const QFont& font)
    {
        m_chart = chart;
        m_axis = axis;
        m_font = font;
        // The axis keeps labels of its own, transparent: with hidden ones a frame of quotebench --chart took about
        // 1.5 ms longer (Qt Charts 6.4). "%.0e" keeps them about as wide as ours; the grid is at 0, top / 2 and top.
        axis->setLabelsVisible(true);
        axis->setLabelsColor(Qt::transparent);
        axis->setLabelFormat(QStringLiteral("%.0e"));
        axis->setTickCount(3);
    }
    // The axis to [0, top], and the labels that fit `plotHeight` pixels: all three, 0 and the top, or the top.
    void update(double top, double plotHeight, bool chinese)
    {
        const int lineHeight = QFontMetrics(m_font).height();
        QList<double> values;
        if (plotHeight >= 3 * lineHeight)
            values = {0.0, top / 2, top};
        else if (plotHeight >= 1.5 * lineHeight)
            values = {0.0, top};
        else
            values = {top};
        if (m_axis->min() != 0 || m_axis->max() != top)
            m_axis->setRange(0, top);
        m_values = values;
        while (m_items.size() < values.size()) {
            auto* item = new QGraphicsSimpleTextItem(m_chart);
            item->setFont(m_font);
            item->setBrush(LabelColour);
            m_items.append(item);
        }
        for (qsizetype i = 0; i < m_items.size(); ++i) {
            const QString text = i < values.size() ? volumeLabel(values.at(i), chinese) : QString();
            if (m_items.at(i)->text() != text)
                m_items.at(i)->setText(text);
            m_items.at(i)->setVisible(!text.isEmpty());
        }
    }
    // Room the labels need left of the plot, px.
    double width() const
    {
        double w = 0;
        for (const QGraphicsSimpleTextItem* item : m_items) {
            if (item->isVisible())
                w = std::max(w, item->boundingRect().width());
        }
        return w > 0 ? w + 6 : 0;
    }
    // Right-aligned left of the plot, each centred on its value (kept inside the chart).
    void place() const
    {
        const QRectF plot = m_chart->plotArea();
        const double top = m_axis->max();
        for (qsizetype i = 0; i < m_values.size() && i < m_items.size(); ++i) {
            QGraphicsSimpleTextItem* item = m_items.at(i);
            const QRectF r = item->boundingRect();
            const double y = top > 0 ? plot.bottom() - plot.height() * m_values.at(i) / top : plot.bottom();
            const double x = plot.left() - 4 - r.width();
            const double ty = std::clamp(y - r.height() / 2, 0.0, std::max(0.0, m_chart->size().height() - r.height()));
            if (item->pos() != QPointF(x, ty))
                item->setPos(x, ty);
        }
    }
    // The labels shown, from the bottom up.
    QStringList texts() const
    {
        QStringList out;
        for (const QGraphicsSimpleTextItem* item : m_items) {
            if (item->isVisible())
                out << item->text();
        }
        return out;
    }

    static inline const QColor LabelColour{0x4a, 0x50, 0x5a};

private:
    QChart* m_chart = nullptr;
    QValueAxis* m_axis = nullptr;
    QFont m_font;
    QList<double> m_values;
    QList<QGraphicsSimpleTextItem*> m_items; // children of the chart
};

inline void styleAxis(QAbstractAxis* axis, const QFont& font)
{
    axis->setLabelsFont(font);
    axis->setLabelsColor(QColor(0x4a, 0x50, 0x5a));
    axis->setLinePen(QPen(AxisLineColour, 1));
    axis->setGridLinePen(QPen(GridColour, 1));
    axis->setShadesVisible(false);
    axis->setTitleVisible(false);
}

inline QChart* makeChart()
{
    auto* chart = new QChart;
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 6, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->setDropShadowEnabled(false);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundBrush(Qt::white);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setAnimationOptions(QChart::NoAnimation);
    return chart;
}

inline QChartView* makeView(QChart* chart, QWidget* parent)
{
    auto* view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing, true);
    view->setFrameShape(QFrame::NoFrame);
    view->setMouseTracking(true);
    view->viewport()->setMouseTracking(true);
    view->setMinimumHeight(40);
    view->setBackgroundBrush(Qt::white);
    return view;
}
} // namespace TickChartCommon
