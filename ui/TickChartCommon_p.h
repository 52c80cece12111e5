// Shared by the TickChartWidget sources (tick and bar views): colours, round steps, axis setters, chart factories.
#pragma once

#include <QAbstractAxis>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QColor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFont>
#include <QFontMetrics>
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

// A volume axis from 0 to `top` labelled (volumeLabel) at 0, top / 2 and top, each at its value, or as many of them
// as fit the pane's `plotHeight`: Qt elides each label of a category axis to the axis height / (labels + 1), so a
// short pane shows 0 and the top, or only the top. Left alone when nothing changes.
inline void updateVolumeAxis(QCategoryAxis* axis, double top, double plotHeight, bool chinese)
{
    const int rows = int(plotHeight / (QFontMetrics(axis->labelsFont()).height() + 10)); // label slots Qt allows
    QList<double> values;
    if (rows >= 4)
        values = {0.0, top / 2, top};
    else if (rows == 3)
        values = {0.0, top};
    else
        values = {top};
    QStringList labels;
    for (double v : std::as_const(values))
        labels << volumeLabel(v, chinese);
    if (axis->categoriesLabels() == labels && axis->min() == 0 && axis->max() == top)
        return;
    const QStringList old = axis->categoriesLabels();
    for (const QString& label : old)
        axis->remove(label);
    // A category ending at 0 labels the 0; it starts just below.
    axis->setStartValue(values.constFirst() == 0.0 ? -top * 1e-6 : 0.0);
    for (qsizetype i = 0; i < values.size(); ++i)
        axis->append(labels.at(i), values.at(i));
    axis->setRange(0, top);
}

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
