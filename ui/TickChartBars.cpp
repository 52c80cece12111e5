// TickChartWidget, part three: K-line bars (1m, 5m, 1d) from the QMT Bridge as candlesticks with a volume pane (see
// the header). Split from TickChartWidget.cpp (ticks) and TickChartIndicators.cpp (formula overlays).
#include "TickChartWidget.h"

#include "IndicatorDialog.h"
#include "SymbolCatalog.h"
#include "TickChartCommon_p.h"
#include "feed/QmtBarClient.h"
#include "feed/QmtFormulaClient.h"

#include <QAreaSeries>
#include <QButtonGroup>
#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QCategoryAxis>
#include <QComboBox>
#include <QGraphicsLayout>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLabel>
#include <QLineSeries>
#include <QStackedLayout>
#include <QTimeZone>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace TickChartCommon;

namespace {
const QMargins BarChartMargins(4, 6, 4, 4);

// Minutes between labels on an intraday bar axis: round clock times.
constexpr int LabelMinutes[] = {5, 10, 15, 30, 60, 120, 240, 480, 1440};

void clearCategories(QCategoryAxis* axis)
{
    const QStringList labels = axis->categoriesLabels();
    for (const QString& label : labels)
        axis->remove(label);
}
} // namespace

void TickChartWidget::buildBarViews(const QFont& axisFont)
{
    m_barPriceChart = makeChart();
    m_barVolumeChart = makeChart();
    m_barPriceView = makeView(m_barPriceChart, m_barPlots);
    m_barVolumeView = makeView(m_barVolumeChart, m_barPlots);
    m_barPriceView->setObjectName(u"tickChartBarPrice"_s);
    auto* layout = new QVBoxLayout(m_barPlots);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_barPriceView, 3);
    layout->addWidget(m_barVolumeView, 1);
    m_barVolumeView->setMinimumHeight(QFontMetrics(axisFont).height() * 5 + 12);

    m_candles = new QCandlestickSeries;
    m_candles->setName(tr("Bars"));
    m_candles->setBodyWidth(0.7);
    m_candles->setMinimumColumnWidth(1);
    m_candles->setMaximumColumnWidth(24);
    m_candles->setBodyOutlineVisible(true);
    m_candles->setCapsVisible(false);
    m_barPriceTime = new QValueAxis;
    m_barVolumeTime = new QCategoryAxis;
    m_barPriceAxis = new QValueAxis;
    m_barVolumeAxis = new QValueAxis;
    m_barVolumeTime->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_barPriceTime->setTickType(QValueAxis::TicksDynamic);
    for (QAbstractAxis* axis :
         {static_cast<QAbstractAxis*>(m_barPriceTime), static_cast<QAbstractAxis*>(m_barVolumeTime),
          static_cast<QAbstractAxis*>(m_barPriceAxis), static_cast<QAbstractAxis*>(m_barVolumeAxis)})
        styleAxis(axis, axisFont);
    m_barPriceTime->setLabelsVisible(false);
    m_barPriceTime->setLineVisible(false);
    m_barPriceChart->addSeries(m_candles);
    m_barPriceChart->addAxis(m_barPriceTime, Qt::AlignBottom);
    m_barPriceChart->addAxis(m_barPriceAxis, Qt::AlignLeft);
    m_candles->attachAxis(m_barPriceTime);
    m_candles->attachAxis(m_barPriceAxis);

    m_barVolumeChart->addAxis(m_barVolumeTime, Qt::AlignBottom);
    m_barVolumeChart->addAxis(m_barVolumeAxis, Qt::AlignLeft);
    m_barVolumeLabels = std::make_unique<VolumeAxisLabels>();
    m_barVolumeLabels->attach(m_barVolumeChart, m_barVolumeAxis, axisFont);
    const char* const names[] = {QT_TR_NOOP("Volume (down bars)"), QT_TR_NOOP("Volume (up bars)")};
    for (int up = 0; up < 2; ++up) {
        auto* area = new QAreaSeries;
        area->setUpperSeries(new QLineSeries(area));
        area->setName(tr(names[up]));
        area->setPen(Qt::NoPen);
        m_barVolumeChart->addSeries(area);
        area->attachAxis(m_barVolumeTime);
        area->attachAxis(m_barVolumeAxis);
        m_barVolume[up] = area;
    }
    for (QChartView* view : {m_barPriceView, m_barVolumeView}) {
        view->installEventFilter(this);
        view->viewport()->installEventFilter(this);
    }

    m_barCross = makeCrosshair(m_barPriceChart, m_barVolumeChart, axisFont);
    applyBarColours();
}

void TickChartWidget::applyBarColours()
{
    if (!m_candles)
        return;
    m_candles->setIncreasingColor(m_palette.up);
    m_candles->setDecreasingColor(m_palette.down);
    m_barVolume[1]->setBrush(m_palette.up);
    m_barVolume[0]->setBrush(m_palette.down);
    const QList<QCandlestickSet*> sets = m_candles->sets();
    for (QCandlestickSet* set : sets)
        set->setProperty("dir", QVariant()); // colours are set again in the next frame
}

QString TickChartWidget::shownPeriod() const
{
    return barPeriodsAvailable() ? m_period : u"tick"_s;
}

QToolButton* TickChartWidget::periodButton(const QString& period) const
{
    for (QToolButton* button : m_periodButtons) {
        if (button->property("period").toString() == period)
            return button;
    }
    return nullptr;
}

void TickChartWidget::setPeriod(const QString& period)
{
    if (!periods().contains(period))
        return;
    if (period != m_period) {
        m_period = period;
        hideCrosshair();
        restartBars();
        followPeriodWithIndicators();
        updateOverlayVisibility();
    }
    updatePeriodButtons();
    updateEmptyState();
    scheduleFrame();
}

void TickChartWidget::setBarClient(QmtBarClient* client)
{
    if (client == m_barClient)
        return;
    if (m_barClient) {
        disconnect(m_barClient, nullptr, this, nullptr);
        m_barClient->stop();
    }
    m_barClient = client;
    if (client) {
        connect(client, &QmtBarClient::barsChanged, this, &TickChartWidget::scheduleFrame);
        connect(client, &QmtBarClient::errorOccurred, this, [this] {
            updateEmptyState();
            scheduleFrame();
        });
        connect(client, &QObject::destroyed, this, [this] {
            updatePeriodButtons();
            updateEmptyState();
            scheduleFrame();
        });
    }
    restartBars();
    updatePeriodButtons();
    updateEmptyState();
    scheduleFrame();
}

void TickChartWidget::setBarPeriodsAvailable(bool available, const QString& reason)
{
    const bool was = isBarMode();
    m_barsAvailable = available;
    m_barsUnavailableReason = reason;
    restartBars();
    if (was != isBarMode()) {
        hideCrosshair();
        followPeriodWithIndicators();
        updateOverlayVisibility();
    }
    updatePeriodButtons();
    updateEmptyState();
    scheduleFrame();
}

void TickChartWidget::updatePeriodButtons()
{
    const QString shown = shownPeriod();
    for (QToolButton* button : std::as_const(m_periodButtons)) {
        const QString period = button->property("period").toString();
        const bool tick = period == u"tick"_s;
        if (tick) {
            button->setText(tr("Tick"));
            button->setToolTip(tr("Every trade of the day (分时)"));
        } else {
            button->setText(period);
            button->setEnabled(barPeriodsAvailable());
            QString tip = period == u"1m"_s   ? tr("1-minute candlesticks from the QMT Bridge")
                          : period == u"5m"_s ? tr("5-minute candlesticks from the QMT Bridge")
                                              : tr("Daily candlesticks from the QMT Bridge");
            if (!barPeriodsAvailable()) {
                tip = !m_barClient ? tr("Bar periods need a QMT Bridge: start with --qmt ws://HOST:8000")
                                   : (m_barsUnavailableReason.isEmpty()
                                          ? tr("Bar periods are available for symbols quoted by the QMT Bridge")
                                          : m_barsUnavailableReason);
            }
            button->setToolTip(tip);
        }
        const bool checked = period == shown;
        if (button->isChecked() != checked)
            button->setChecked(checked);
    }
}

void TickChartWidget::restartBars()
{
    // Deferred to the event loop: a symbol and its availability usually change together (MainWindow sets both),
    // and the client should see only the final pair.
    if (m_barsRestartPending)
        return;
    m_barsRestartPending = true;
    QMetaObject::invokeMethod(this, &TickChartWidget::applyBarSubscription, Qt::QueuedConnection);
}

void TickChartWidget::applyBarSubscription()
{
    m_barsRestartPending = false;
    if (!m_barClient)
        return;
    if (isBarMode() && !m_symbol.isEmpty())
        m_barClient->start(m_symbol, m_period);
    else
        m_barClient->stop();
}

void TickChartWidget::followPeriodWithIndicators()
{
    // Bar mode: the shown symbol's indicators are computed at the chart's period.
    if (!isBarMode() || !m_formulaClient)
        return;
    const QString period = shownPeriod();
    if (m_indicatorDialog) {
        if (QComboBox* box = m_indicatorDialog->periodBox()) {
            const int index = box->findData(period);
            if (index >= 0)
                box->setCurrentIndex(index);
        }
    }
    const QList<Indicator> shown = indicators(m_symbol);
    for (const Indicator& indicator : shown) {
        if (indicator.period == period)
            continue;
        QStringList params;
        for (const auto& p : indicator.params)
            params << p.first + u'=' + p.second.toString();
        removeIndicator(indicator.id);
        addIndicator(indicator.formula, params.join(u", "_s), period);
    }
}

QStringList TickChartWidget::barVolumeAxisLabels() const
{
    return m_barVolumeLabels ? m_barVolumeLabels->texts() : QStringList();
}

bool TickChartWidget::isBarViewShown() const
{
    return m_stack->currentWidget() == m_barPlots;
}

void TickChartWidget::layoutBarPlots()
{
    // As for the tick panes: both plot areas span the same pixel columns.
    alignPlotAreas(m_barPriceChart, m_barVolumeChart, BarChartMargins, m_barVolumeLabels->width());
}

void TickChartWidget::renderBars()
{
    if (!m_barClient || m_barClient->bars().isEmpty()) {
        m_barsShown = 0;
        return;
    }
    const QList<Qmt::Bar>& all = m_barClient->bars();
    const SymbolInfo* info = SymbolCatalog::builtIn().find(m_symbol);
    m_decimals = info && !info->tickSize.isNull() ? std::clamp(info->tickSize.scale(), 0, 8) : 2;
    for (const Qmt::Bar& bar : all)
        m_decimals = std::max(m_decimals, std::min(bar.close.scale(), 4));

    // The newest bars that fit at about BarPixels pixels each.
    layoutBarPlots();
    const auto fitting = [this](int* width) {
        const QRectF plot = m_barPriceChart->plotArea();
        *width = std::max(100, int(plot.width() > 0 ? plot.width() : m_barPriceView->width() - 80));
        return std::max(MinBarsShown, *width / BarPixels);
    };
    int width = 0;
    const int fit = fitting(&width);
    const int n = int(std::min<qsizetype>(all.size(), fit));
    m_barFirst = int(all.size()) - n;
    m_barsShown = n;

    // Candles: the sets are kept and updated in place (usually only the forming bar changes).
    QList<QCandlestickSet*> sets = m_candles->sets();
    if (sets.size() > n) {
        QList<QCandlestickSet*> extra = sets.mid(n);
        m_candles->remove(extra);
        sets.resize(n);
    }
    QList<QCandlestickSet*> added;
    double lo = std::numeric_limits<double>::max();
    double hi = std::numeric_limits<double>::lowest();
    double maxVolume = 0;
    const QColor neutral = m_palette.neutral.isValid() ? m_palette.neutral : NeutralColour;
    for (int i = 0; i < n; ++i) {
        const Qmt::Bar& bar = all.at(m_barFirst + i);
        const double close = bar.close.toDouble();
        const double open = bar.open.isNull() ? close : bar.open.toDouble();
        const double high = bar.high.isNull() ? std::max(open, close) : bar.high.toDouble();
        const double low = bar.low.isNull() ? std::min(open, close) : bar.low.toDouble();
        lo = std::min(lo, low);
        hi = std::max(hi, high);
        maxVolume = std::max(maxVolume, bar.volume.isNull() ? 0.0 : bar.volume.toDouble());
        QCandlestickSet* set = i < sets.size() ? sets.at(i) : nullptr;
        if (!set) {
            set = new QCandlestickSet(open, high, low, close, i);
            added.append(set);
        } else {
            if (set->open() != open)
                set->setOpen(open);
            if (set->high() != high)
                set->setHigh(high);
            if (set->low() != low)
                set->setLow(low);
            if (set->close() != close)
                set->setClose(close);
        }
        // Wicks in the body's colour, as traders expect (Qt draws them with the set's pen).
        const int direction = close > open ? 1 : (close < open ? -1 : 0);
        if (set->property("dir") != QVariant(direction)) {
            const QColor colour = direction > 0 ? m_palette.up : (direction < 0 ? m_palette.down : neutral);
            set->setBrush(colour);
            set->setPen(QPen(colour, 1));
            set->setProperty("dir", direction);
        }
    }
    if (!added.isEmpty())
        m_candles->append(added);

    // Overlays of the shown symbol at this period, mapped to bar positions by time.
    QHash<qint64, int> indexOf;
    indexOf.reserve(n);
    for (int i = 0; i < n; ++i)
        indexOf.insert(all.at(m_barFirst + i).timeMs, i);
    QSet<QString> live;
    const QString period = shownPeriod();
    for (const IndicatorEntry& entry : std::as_const(m_indicators)) {
        if (entry.info.code != m_symbol || entry.info.period != period || !m_formulaClient)
            continue;
        for (const Overlay& overlay : entry.overlays) {
            const QString key = QString::number(entry.info.id) + u'/' + overlay.output;
            live.insert(key);
            QLineSeries* line = m_barOverlays.value(key);
            if (!line) {
                line = new QLineSeries;
                m_barPriceChart->addSeries(line);
                line->attachAxis(m_barPriceTime);
                line->attachAxis(m_barPriceAxis);
                m_barOverlays.insert(key, line);
            }
            line->setName(overlay.series->name());
            if (line->pen().color() != overlay.series->pen().color())
                line->setPen(QPen(overlay.series->pen().color(), 1));
            const QmtFormulaClient::Series values = m_formulaClient->series(entry.info.id, overlay.output);
            QList<QPointF> points;
            QList<double> finite;
            for (const auto& value : values) {
                const auto at = indexOf.constFind(value.first);
                if (at == indexOf.cend() || !std::isfinite(value.second))
                    continue;
                points.append(QPointF(at.value(), value.second));
                finite.append(value.second);
            }
            std::sort(points.begin(), points.end(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
            // Price-like overlays (MA, BOLL) widen the scale; oscillators on a scale of their own are clipped.
            const double span = std::max(hi - lo, std::abs(hi) * 0.01);
            for (double v : std::as_const(finite)) {
                if (v > lo - span && v < hi + span) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            }
            if (line->points() != points)
                line->replace(points);
        }
    }
    for (auto it = m_barOverlays.begin(); it != m_barOverlays.end();) {
        if (!live.contains(it.key())) {
            m_barPriceChart->removeSeries(it.value());
            delete it.value();
            it = m_barOverlays.erase(it);
        } else {
            ++it;
        }
    }

    // Price axis on round steps.
    const QFontMetrics fm(m_barPriceAxis->labelsFont());
    const PriceAxisRange range = priceAxisRange(lo, hi, m_decimals, m_barPriceView->height(), fm.height());
    updateAxis(m_barPriceAxis, range.lo, range.hi, range.ticks,
               u"%.%1f"_s.arg(std::max(m_decimals, decimalsOf(range.step))));

    // Time labels at round exchange times (dates for days), one every ~90 px; the grid follows them.
    const QTimeZone zone = Markets::timeZone(SymbolCatalog::builtIn().marketOf(m_symbol));
    const QTimeZone tz = zone.isValid() ? zone : QTimeZone::utc();
    const double pxPerBar = double(width) / std::max(n, fit);
    const int everyBars = std::max(1, int(std::ceil(90.0 / std::max(1.0, pxPerBar))));
    const bool daily = period == u"1d"_s;
    const int periodMinutes = period == u"5m"_s ? 5 : 1;
    int labelMinutes = LabelMinutes[std::size(LabelMinutes) - 1];
    for (const int m : LabelMinutes) {
        if (m >= everyBars * periodMinutes) {
            labelMinutes = m;
            break;
        }
    }
    QList<std::pair<int, QString>> labels;
    QSet<QString> used;
    int lastLabelled = -everyBars;
    QDate lastDate;
    for (int i = 0; i < n; ++i) {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(all.at(m_barFirst + i).timeMs, tz);
        bool wanted = false;
        QString text;
        if (daily) {
            wanted = (n - 1 - i) % everyBars == 0;
            text = t.toString(u"MM-dd"_s);
        } else {
            const int minuteOfDay = t.time().hour() * 60 + t.time().minute();
            const bool newDay = lastDate.isValid() && t.date() != lastDate;
            wanted = newDay || minuteOfDay % labelMinutes == 0;
            text = newDay ? t.toString(u"MM-dd"_s) : t.toString(u"HH:mm"_s);
        }
        lastDate = t.date();
        if (!wanted || i - lastLabelled < std::max(1, everyBars * 2 / 3))
            continue;
        while (used.contains(text))
            text += QChar(0x200B); // category labels must be unique
        used.insert(text);
        labels.append({i, text});
        lastLabelled = i;
    }
    // The price pane's grid at the same bars as the labels (they are about evenly spaced).
    const double gridAnchor = labels.isEmpty() ? 0.0 : labels.constFirst().first;
    const double gridInterval =
        labels.size() >= 2 ? double(labels.at(1).first - labels.at(0).first) : double(std::max(1, everyBars));
    if (m_barPriceTime->tickAnchor() != gridAnchor)
        m_barPriceTime->setTickAnchor(gridAnchor);
    if (m_barPriceTime->tickInterval() != gridInterval)
        m_barPriceTime->setTickInterval(gridInterval);
    if (m_barPriceTime->min() != -0.5 || m_barPriceTime->max() != fit - 0.5)
        m_barPriceTime->setRange(-0.5, fit - 0.5);
    for (QCategoryAxis* axis : {m_barVolumeTime}) {
        QStringList current = axis->categoriesLabels();
        QStringList next;
        for (const auto& label : std::as_const(labels))
            next << label.second;
        const bool same = current == next && axis->min() == -0.5 && axis->max() == fit - 0.5 &&
                          (labels.isEmpty() || axis->endValue(labels.constFirst().second) == labels.constFirst().first);
        if (!same) {
            clearCategories(axis);
            axis->setStartValue(-0.5);
            for (const auto& label : std::as_const(labels))
                axis->append(label.second, label.first);
            axis->setRange(-0.5, fit - 0.5);
        }
    }

    // Volume: a bar per candle in its colour, 70% of the slot.
    const double top = 2 * niceStep(std::max(maxVolume, 1e-9) * 1.05 / 2);
    const double volumePlot = m_barVolumeChart->plotArea().height();
    m_barVolumeLabels->update(top, volumePlot > 0 ? volumePlot : m_barVolumeView->height() - 3.0 * fm.height(),
                              m_chinese);
    QList<QPointF> volume[2];
    for (int i = 0; i < n; ++i) {
        const Qmt::Bar& bar = all.at(m_barFirst + i);
        const double v = bar.volume.isNull() ? 0.0 : bar.volume.toDouble();
        if (!(v > 0))
            continue;
        const bool up = !(bar.close < bar.open);
        const double x0 = i - 0.35;
        const double x1 = i + 0.35;
        volume[up ? 1 : 0].append({QPointF(x0, 0), QPointF(x0, v), QPointF(x1, v), QPointF(x1, 0)});
    }
    for (int up = 0; up < 2; ++up)
        m_barVolume[up]->upperSeries()->replace(volume[up]);
    layoutBarPlots();
    m_barVolumeLabels->place();
    updateLegend();
    // New axis labels may have narrowed the plot: draw again with the bars that fit now.
    int laidOut = 0;
    if (fitting(&laidOut) != fit)
        scheduleFrame();
}

void TickChartWidget::showBarCrosshairAt(const QPoint& pos)
{
    const QRectF plot = m_barPriceChart->plotArea();
    if (!m_barClient || m_barsShown == 0 || !isBarViewShown() || pos.x() < plot.left() || pos.x() > plot.right()) {
        hideCrosshair();
        return;
    }
    const QList<Qmt::Bar>& all = m_barClient->bars();
    const QPointF chartPos = m_barPriceChart->mapFromScene(m_barPriceView->mapToScene(pos));
    const double x = m_barPriceChart->mapToValue(chartPos, m_candles).x();
    const int i = std::clamp(int(std::lround(x)), 0, m_barsShown - 1);
    if (m_barFirst + i >= all.size()) {
        hideCrosshair();
        return;
    }
    const Qmt::Bar& bar = all.at(m_barFirst + i);
    const double close = bar.close.toDouble();
    const QPointF at = m_barPriceChart->mapToPosition(QPointF(i, close), m_candles);
    const double cx = std::clamp(at.x(), plot.left(), plot.right());
    const double cy = std::clamp(at.y(), plot.top(), plot.bottom());
    m_barCross.vertical->setLine(cx, plot.top(), cx, plot.bottom());
    m_barCross.horizontal->setLine(plot.left(), cy, plot.right(), cy);
    const QRectF volumePlot = m_barVolumeChart->plotArea();
    m_barCross.volumeVertical->setLine(cx, volumePlot.top(), cx, volumePlot.bottom());

    const QTimeZone zone = Markets::timeZone(SymbolCatalog::builtIn().marketOf(m_symbol));
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(bar.timeMs, zone.isValid() ? zone : QTimeZone::utc());
    const auto price = [this](const Decimal& d) { return d.isNull() ? tr("—") : formatPrice(d.toDouble()); };
    QStringList lines;
    lines << time.toString(shownPeriod() == u"1d"_s ? u"yyyy-MM-dd"_s : u"yyyy-MM-dd HH:mm"_s);
    lines << tr("O %1  H %2").arg(price(bar.open), price(bar.high));
    lines << tr("L %1  C %2").arg(price(bar.low), price(bar.close));
    const double reference = !bar.preClose.isNull() && bar.preClose.toDouble() > 0
                                 ? bar.preClose.toDouble()
                                 : (m_barFirst + i > 0 ? all.at(m_barFirst + i - 1).close.toDouble() : 0.0);
    if (reference > 0) {
        const double change = std::round((close / reference - 1.0) * 10000.0) / 100.0; // no "-0.00"
        lines << tr("Change %1%").arg(m_locale.toString(change == 0 ? 0.0 : change, 'f', 2));
    }
    lines << tr("Volume %1").arg(bar.volume.isNull() ? tr("—") : m_locale.toString(bar.volume.toDouble(), 'f', 0));
    if (!bar.amount.isNull() && bar.amount.toDouble() > 0)
        lines << tr("Turnover %1").arg(m_locale.toString(bar.amount.toDouble(), 'f', 0));
    for (const IndicatorEntry& entry : std::as_const(m_indicators)) {
        if (entry.info.code != m_symbol || entry.info.period != shownPeriod() || !m_formulaClient)
            continue;
        for (const Overlay& overlay : entry.overlays) {
            const QmtFormulaClient::Series values = m_formulaClient->series(entry.info.id, overlay.output);
            for (const auto& value : values) {
                if (value.first == bar.timeMs && std::isfinite(value.second))
                    lines << u"%1 %2"_s.arg(overlay.series->name(), formatPrice(value.second));
            }
        }
    }
    m_barCross.show(lines.join(u'\n'), chartPos, plot);
}
