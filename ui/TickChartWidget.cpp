#include "TickChartWidget.h"

#include "IndicatorDialog.h"
#include "QuoteStore.h"
#include "SymbolCatalog.h"
#include "TickChartCommon_p.h"
#include "TickHistory.h"
#include "feed/QmtBarClient.h"
#include "feed/QmtFormulaClient.h"

#include <QAreaSeries>
#include <QButtonGroup>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QStackedLayout>
#include <QTimeZone>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

using namespace TickChartCommon;

TickChartWidget::Crosshair TickChartWidget::makeCrosshair(QChart* priceChart, QChart* volumeChart, const QFont& font)
{
    Crosshair c;
    const QPen pen(CrosshairColour, 1, Qt::DotLine);
    c.vertical = new QGraphicsLineItem(priceChart);
    c.horizontal = new QGraphicsLineItem(priceChart);
    c.volumeVertical = new QGraphicsLineItem(volumeChart);
    for (QGraphicsLineItem* line : {c.vertical, c.horizontal, c.volumeVertical}) {
        line->setPen(pen);
        line->setZValue(100);
        line->hide();
    }
    c.box = new QGraphicsRectItem(priceChart);
    c.box->setBrush(QColor(255, 255, 255, 235));
    c.box->setPen(QPen(AxisLineColour, 1));
    c.box->setZValue(101);
    c.box->hide();
    c.text = new QGraphicsSimpleTextItem(c.box);
    c.text->setFont(font);
    c.text->setBrush(QColor(0x20, 0x24, 0x2a));
    return c;
}

TickChartWidget::TickChartWidget(QuoteStore* store, TickHistory* history, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_history(history)
    , m_codeLabel(new QLabel(this))
    , m_nameLabel(new QLabel(this))
    , m_legendLabel(new QLabel(this))
    , m_overlayLegendLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
    , m_indicatorButton(new QToolButton(this))
    , m_emptyLabel(new QLabel(this))
    , m_plots(new QWidget(this))
    , m_priceChart(makeChart())
    , m_volumeChart(makeChart())
    , m_priceView(makeView(m_priceChart, m_plots))
    , m_volumeView(makeView(m_volumeChart, m_plots))
    , m_price(new QLineSeries)
    , m_average(new QLineSeries)
    , m_prevClose(new QLineSeries)
    , m_priceTime(new QDateTimeAxis)
    , m_volumeTime(new QDateTimeAxis)
    , m_priceAxis(new QValueAxis)
    , m_changeAxis(new QValueAxis)
    , m_volumeAxis(new QValueAxis)
    , m_volumeLabels(std::make_unique<VolumeAxisLabels>())
{
    setObjectName(u"tickChart"_s);
    m_codeLabel->setObjectName(u"tickChartCode"_s);
    m_nameLabel->setObjectName(u"tickChartName"_s);
    m_legendLabel->setObjectName(u"tickChartLegend"_s);
    m_emptyLabel->setObjectName(u"tickChartEmpty"_s);
    QFont bold = m_codeLabel->font();
    bold.setBold(true);
    m_codeLabel->setFont(bold);
    m_nameLabel->setTextFormat(Qt::PlainText);
    m_nameLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_legendLabel->setTextFormat(Qt::RichText);
    m_errorLabel->setObjectName(u"tickChartError"_s);
    m_errorLabel->setTextFormat(Qt::PlainText);
    // The error and the overlays' legend take the room they need, but never widen the dock: they shrink (clipped,
    // full text in the tooltip) before the chart's minimum width grows.
    m_errorLabel->setMinimumWidth(1);
    m_errorLabel->setContentsMargins(0, 0, 12, 0); // apart from the legend's first swatch
    m_overlayLegendLabel->setObjectName(u"tickChartOverlayLegend"_s);
    m_overlayLegendLabel->setTextFormat(Qt::RichText);
    m_overlayLegendLabel->setMinimumWidth(1);
    m_overlayLegendLabel->hide();
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, ErrorColour);
    m_errorLabel->setPalette(errorPalette);
    m_errorLabel->hide();
    m_indicatorButton->setObjectName(u"tickChartIndicators"_s);
    m_indicatorButton->setAutoRaise(true);
    connect(m_indicatorButton, &QToolButton::clicked, this, &TickChartWidget::openIndicatorDialog);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setAutoFillBackground(true);
    QPalette emptyPalette = m_emptyLabel->palette();
    emptyPalette.setColor(QPalette::Window, Qt::white);
    emptyPalette.setColor(QPalette::WindowText, QColor(0x70, 0x76, 0x80));
    m_emptyLabel->setPalette(emptyPalette);

    auto* title = new QHBoxLayout;
    title->setContentsMargins(6, 3, 6, 3);
    title->setSpacing(6);
    title->addWidget(m_codeLabel);
    title->addWidget(m_nameLabel, 1);
    title->addWidget(m_errorLabel);
    title->addWidget(m_legendLabel);
    title->addWidget(m_overlayLegendLabel);
    // Period buttons: Tick, 1m, 5m, 1d (exclusive, compact).
    m_periodGroup = new QButtonGroup(this);
    m_periodGroup->setExclusive(true);
    for (const QString& period : periods()) {
        auto* button = new QToolButton(this);
        button->setObjectName(u"tickChartPeriod_"_s + period);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setChecked(period == m_period);
        button->setProperty("period", period);
        m_periodGroup->addButton(button);
        m_periodButtons.append(button);
        title->addWidget(button);
        connect(button, &QToolButton::clicked, this, [this, period] { setPeriod(period); });
    }
    title->addWidget(m_indicatorButton);

    auto* plotsLayout = new QVBoxLayout(m_plots);
    plotsLayout->setContentsMargins(0, 0, 0, 0);
    plotsLayout->setSpacing(0);
    plotsLayout->addWidget(m_priceView, 3);
    plotsLayout->addWidget(m_volumeView, 1);

    m_stack = new QStackedLayout;
    m_stack->addWidget(m_plots);
    m_stack->addWidget(m_emptyLabel);
    m_barPlots = new QWidget(this);
    m_stack->addWidget(m_barPlots);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(title);
    layout->addLayout(m_stack, 1);

    QFont axisFont = font();
    if (axisFont.pointSizeF() > 0)
        axisFont.setPointSizeF(axisFont.pointSizeF() * 0.9);

    // Price pane: time grid without labels (they are under the volume pane), price left, change % right.
    m_price->setName(tr("Price"));
    m_average->setName(tr("Average price"));
    m_prevClose->setName(tr("Previous close"));
    m_priceChart->addSeries(m_prevClose);
    m_priceChart->addSeries(m_average);
    m_priceChart->addSeries(m_price);
    m_priceChart->addAxis(m_priceTime, Qt::AlignBottom);
    m_priceChart->addAxis(m_priceAxis, Qt::AlignLeft);
    m_priceChart->addAxis(m_changeAxis, Qt::AlignRight);
    for (QLineSeries* series : {m_prevClose, m_average, m_price}) {
        series->attachAxis(m_priceTime);
        series->attachAxis(m_priceAxis);
    }
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(m_priceTime), static_cast<QAbstractAxis*>(m_priceAxis),
                                static_cast<QAbstractAxis*>(m_changeAxis), static_cast<QAbstractAxis*>(m_volumeTime),
                                static_cast<QAbstractAxis*>(m_volumeAxis)})
        styleAxis(axis, axisFont);
    m_priceTime->setLabelsVisible(false);
    m_priceTime->setLineVisible(false);
    m_changeAxis->setGridLineVisible(false);
    m_changeAxis->setLabelFormat(u"%+.2f%%"_s);

    // Volume pane: one area series per side, bars drawn as rectangles of its upper line.
    const char* const sideNames[] = {QT_TR_NOOP("Neutral volume"), QT_TR_NOOP("Buy volume"), QT_TR_NOOP("Sell volume")};
    m_volumeChart->addAxis(m_volumeTime, Qt::AlignBottom);
    m_volumeChart->addAxis(m_volumeAxis, Qt::AlignLeft);
    for (int side = 0; side < 3; ++side) {
        auto* area = new QAreaSeries;
        auto* upper = new QLineSeries(area);
        area->setUpperSeries(upper);
        area->setName(tr(sideNames[side]));
        area->setPen(Qt::NoPen);
        m_volumeChart->addSeries(area);
        area->attachAxis(m_volumeTime);
        area->attachAxis(m_volumeAxis);
        m_volume[side] = area;
    }
    m_volumeLabels->attach(m_volumeChart, m_volumeAxis, axisFont);
    // Room for the time labels under the bars and a plot of a few lines, however short the dock.
    m_volumeView->setMinimumHeight(QFontMetrics(axisFont).height() * 5 + 12);

    for (QChartView* view : {m_priceView, m_volumeView}) {
        view->installEventFilter(this);
        view->viewport()->installEventFilter(this);
    }

    m_cross = makeCrosshair(m_priceChart, m_volumeChart, axisFont);

    buildBarViews(axisFont);

    m_frameTimer.setSingleShot(true);
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_frameTimer, &QTimer::timeout, this, &TickChartWidget::onFrameTimer);
    m_errorTimer.setSingleShot(true);
    connect(&m_errorTimer, &QTimer::timeout, m_errorLabel, &QWidget::hide);
    if (m_history)
        connect(m_history, &TickHistory::ticksAppended, this, &TickChartWidget::onTicksAppended);
    if (m_store)
        connect(m_store, &QuoteStore::quotesChanged, this, &TickChartWidget::onQuotesChanged);

    applyColours();
    updateHeader();
    updateEmptyState();
    updateIndicatorButton();
    updatePeriodButtons();
}

QStringList TickChartWidget::volumeAxisLabels() const
{
    return m_volumeLabels->texts();
}

TickChartWidget::~TickChartWidget()
{
    if (m_history && !m_symbol.isEmpty())
        m_history->unpin(m_symbol);
    if (m_formulaClient) {
        disconnect(m_formulaClient, nullptr, this, nullptr);
        for (auto it = m_indicators.cbegin(); it != m_indicators.cend(); ++it)
            m_formulaClient->unsubscribe(it.key());
    }
}

void TickChartWidget::setSymbol(const QString& code)
{
    if (code == m_symbol)
        return;
    if (m_history) {
        m_history->unpin(m_symbol);
        m_history->pin(code);
    }
    m_symbol = code;
    hideCrosshair();
    restartBars();
    updateOverlayVisibility();
    updateHeader();
    updateEmptyState();
    scheduleFrame();
    Q_EMIT indicatorsChanged();
}

void TickChartWidget::setDirectionPalette(const DirectionPalette& palette)
{
    m_palette = palette;
    applyColours();
    applyBarColours();
    scheduleFrame();
}

void TickChartWidget::setChineseNames(bool chinese)
{
    m_chinese = chinese;
    updateHeader();
    scheduleFrame(); // volume labels: 万/亿 or K/M
}

void TickChartWidget::setDisplayLocale(const QLocale& locale)
{
    m_locale = locale;
}

void TickChartWidget::setDecimationEnabled(bool enabled)
{
    m_decimate = enabled;
    scheduleFrame();
}

bool TickChartWidget::isEmptyStateShown() const
{
    return m_stack->currentWidget() == m_emptyLabel;
}

QString TickChartWidget::emptyStateText() const
{
    return m_emptyLabel->text();
}

int TickChartWidget::plotColumns() const
{
    return std::max(1, int(std::lround(m_priceChart->plotArea().width())));
}

const std::deque<TickSample>& TickChartWidget::currentTicks() const
{
    static const std::deque<TickSample> none;
    return m_history ? m_history->ticks(m_symbol) : none;
}

double TickChartWidget::prevClose() const
{
    const QuoteState* q = m_store ? m_store->quote(m_symbol) : nullptr;
    if (!q || q->prevClose.isNull() || !(q->prevClose.toDouble() > 0))
        return std::numeric_limits<double>::quiet_NaN();
    return q->prevClose.toDouble();
}

QColor TickChartWidget::priceColour() const
{
    if (std::isnan(prevClose()))
        return NoReferenceColour;
    const QColor c = m_palette.forDirection(m_direction);
    return c.isValid() ? c : NeutralColour;
}

QString TickChartWidget::formatPrice(double value) const
{
    return m_locale.toString(value, 'f', m_decimals);
}

void TickChartWidget::applyColours()
{
    QPen pricePen(priceColour(), 1); // 1 px: the fast cosmetic stroker; wider pens go through QStroker (3x slower)
    pricePen.setJoinStyle(Qt::RoundJoin);
    m_price->setPen(pricePen);
    m_average->setPen(QPen(AverageColour, 1));
    m_prevClose->setPen(QPen(PrevCloseColour, 1, Qt::DashLine));
    const QColor neutral = m_palette.neutral.isValid() ? m_palette.neutral : NeutralColour;
    m_volume[int(TradeSide::Neutral)]->setBrush(neutral);
    m_volume[int(TradeSide::Buy)]->setBrush(m_palette.up);
    m_volume[int(TradeSide::Sell)]->setBrush(m_palette.down);
    updateLegend();
}

void TickChartWidget::updateLegend()
{
    const auto swatch = [](const QColor& colour, const QString& glyph, const QString& text) {
        return u"<span style=\"color:%1\">%2</span>&nbsp;%3"_s.arg(colour.name(), glyph, text.toHtmlEscaped());
    };
    // Only the lines that are drawn: no average without volume, no reference line without a previous close.
    const bool bars = isBarMode();
    QString text;
    if (bars) {
        text = swatch(m_palette.up, u"▮"_s, tr("Up")) + u"&nbsp;&nbsp;"_s + swatch(m_palette.down, u"▮"_s, tr("Down"));
    } else {
        text = swatch(priceColour(), u"━"_s, tr("Price"));
        if (m_average->isVisible())
            text += u"&nbsp;&nbsp;"_s + swatch(AverageColour, u"━"_s, tr("Average"));
        if (m_prevClose->isVisible())
            text += u"&nbsp;&nbsp;"_s + swatch(PrevCloseColour, u"┅"_s, tr("Prev close"));
    }
    if (text != m_legendLabel->text())
        m_legendLabel->setText(text);

    // Indicator lines (those with points) in a label of their own, which may shrink.
    QString overlays;
    QStringList names;
    for (const QLineSeries* line : std::as_const(m_barOverlays)) {
        if (!bars || line->count() == 0)
            continue;
        overlays += u"&nbsp;&nbsp;"_s + swatch(line->pen().color(), u"━"_s, line->name());
        names << line->name();
    }
    for (const IndicatorEntry& entry : std::as_const(m_indicators)) {
        if (bars)
            break;
        if (entry.info.code != m_symbol)
            continue;
        for (const Overlay& overlay : entry.overlays) {
            if (overlay.series->count() == 0 || !overlay.series->isVisible())
                continue;
            overlays += u"&nbsp;&nbsp;"_s + swatch(overlay.series->pen().color(), u"━"_s, overlay.series->name());
            names << overlay.series->name();
        }
    }
    if (overlays != m_overlayLegendLabel->text()) {
        m_overlayLegendLabel->setText(overlays);
        m_overlayLegendLabel->setToolTip(names.join(u'\n'));
        m_overlayLegendLabel->setVisible(!overlays.isEmpty());
    }
}

void TickChartWidget::updateHeader()
{
    if (m_symbol.isEmpty()) {
        m_codeLabel->setText(tr("Tick chart"));
        m_nameLabel->clear();
    } else {
        m_codeLabel->setText(m_symbol);
        m_nameLabel->setText(SymbolCatalog::builtIn().displayName(m_symbol, m_chinese));
    }
    updateLegend();
}

void TickChartWidget::updateEmptyState()
{
    if (isBarMode() && !m_symbol.isEmpty()) {
        const bool noBars = !m_barClient || m_barClient->bars().isEmpty();
        QString text;
        if (noBars && m_barClient && !m_barClient->lastError().isEmpty())
            text = m_barClient->lastError();
        else if (noBars && m_barClient && m_barClient->isHistoryLoaded())
            text = tr("No %1 bars for %2 yet.").arg(m_period, m_symbol);
        else
            text = tr("Loading %1 bars…").arg(m_period);
        if (m_emptyLabel->text() != text)
            m_emptyLabel->setText(text);
        m_stack->setCurrentWidget(noBars ? static_cast<QWidget*>(m_emptyLabel) : m_barPlots);
        if (noBars)
            hideCrosshair();
        return;
    }
    const bool empty = m_symbol.isEmpty() || !m_history || m_history->count(m_symbol) == 0;
    if (m_symbol.isEmpty())
        m_emptyLabel->setText(tr("Select a symbol to chart its trades."));
    else
        m_emptyLabel->setText(tr("Waiting for trades…"));
    m_stack->setCurrentWidget(empty ? static_cast<QWidget*>(m_emptyLabel) : m_plots);
    if (empty)
        hideCrosshair();
}

void TickChartWidget::onTicksAppended(const QStringList& codes)
{
    if (!m_symbol.isEmpty() && codes.contains(m_symbol))
        scheduleFrame();
}

void TickChartWidget::onQuotesChanged(const QList<QuoteChange>& changes)
{
    for (const QuoteChange& change : changes) {
        if ((change.fields & QuoteField::PrevClose) && change.code == m_symbol) {
            scheduleFrame();
            return;
        }
    }
}

void TickChartWidget::scheduleFrame()
{
    m_dirty = true;
    if (m_frameTimer.isActive())
        return;
    const qint64 since = m_sinceFrame.isValid() ? m_sinceFrame.elapsed() : qint64(FrameIntervalMs);
    m_frameTimer.start(int(std::clamp<qint64>(FrameIntervalMs - since, 0, FrameIntervalMs)));
}

void TickChartWidget::onFrameTimer()
{
    if (m_dirty && isVisible())
        renderFrame();
}

void TickChartWidget::redrawNow()
{
    m_frameTimer.stop();
    renderFrame();
}

void TickChartWidget::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        scheduleFrame();
}

void TickChartWidget::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        updateHeader();
        updateEmptyState();
        updateIndicatorButton();
        updatePeriodButtons();
    }
}

void TickChartWidget::renderFrame()
{
    m_dirty = false;
    m_sinceFrame.restart();
    ++m_frames;
    updateEmptyState();
    if (isBarMode()) {
        renderBars();
        Q_EMIT frameRendered();
        return;
    }
    const std::deque<TickSample>& ticks = currentTicks();
    if (ticks.empty()) {
        Q_EMIT frameRendered();
        return;
    }
    m_decimals = std::clamp(m_history->priceDecimals(m_symbol), 0, 8);
    const SymbolInfo* info = SymbolCatalog::builtIn().find(m_symbol);
    if (info && !info->tickSize.isNull())
        m_decimals = std::max(m_decimals, info->tickSize.scale());

    // Plot x values are UTC shifted so that the axis, which formats in local time, shows the exchange's time.
    const qint64 firstMs = ticks.front().timeMs;
    const qint64 lastMs = ticks.back().timeMs;
    const QTimeZone zone = Markets::timeZone(SymbolCatalog::builtIn().marketOf(m_symbol));
    const QDateTime lastUtc = QDateTime::fromMSecsSinceEpoch(lastMs, QTimeZone::utc());
    const qint64 exchangeOffsetMs = (zone.isValid() ? zone.offsetFromUtc(lastUtc) : 0) * 1000LL;
    const qint64 localOffsetMs = QDateTime::fromMSecsSinceEpoch(lastMs).offsetFromUtc() * 1000LL;
    m_shiftMs = exchangeOffsetMs - localOffsetMs;

    // Time range: round clock times around the data, one grid line per step.
    const QFontMetrics fm(m_priceAxis->labelsFont());
    const int approxWidth = std::max(100, m_priceView->width() - 2 * fm.horizontalAdvance(u"000000.00"_s));
    const qint64 localFirst = firstMs + exchangeOffsetMs;
    const qint64 localLast = lastMs + exchangeOffsetMs;
    qint64 step = TimeSteps[std::size(TimeSteps) - 1];
    for (const qint64 candidate : TimeSteps) {
        const QString sample = localLast - localFirst >= 24 * 3600 * 1000LL ? u"00-00 00:00"_s
                               : candidate < 60000                          ? u"00:00:00"_s
                                                                            : u"00:00"_s;
        const int maxTicks = std::clamp(approxWidth / (fm.horizontalAdvance(sample) + 28), 2, 14);
        const qint64 lo = localFirst / candidate * candidate;
        const qint64 hi = (localLast / candidate + 1) * candidate;
        if ((hi - lo) / candidate <= maxTicks - 1) {
            step = candidate;
            break;
        }
    }
    const qint64 axisLo = localFirst / step * step - exchangeOffsetMs;      // UTC
    const qint64 axisHi = (localLast / step + 1) * step - exchangeOffsetMs; // UTC
    const int timeTicks = int((axisHi - axisLo) / step) + 1;
    // Seconds when the steps are shorter than a minute; the date too when the buffer spans days (crypto, forex).
    const QString timeFormat = axisHi - axisLo > 24 * 3600 * 1000LL ? u"MM-dd HH:mm"_s
                               : step < 60000                       ? u"HH:mm:ss"_s
                                                                    : u"HH:mm"_s;
    for (QDateTimeAxis* axis : {m_priceTime, m_volumeTime}) {
        updateAxis(axis, axisLo + m_shiftMs, axisHi + m_shiftMs, timeTicks, timeFormat);
    }
    const double xLo = double(axisLo + m_shiftMs);
    const double xHi = double(axisHi + m_shiftMs);
    const double shift = double(m_shiftMs);

    // Price range: the data, the average and the previous close, padded, on round steps.
    const double close = prevClose();
    double lo = std::numeric_limits<double>::max();
    double hi = std::numeric_limits<double>::lowest();
    for (const TickSample& t : ticks) {
        lo = std::min(lo, t.price);
        hi = std::max(hi, t.price);
        if (!std::isnan(t.average)) {
            lo = std::min(lo, t.average);
            hi = std::max(hi, t.average);
        }
    }
    if (!std::isnan(close)) {
        lo = std::min(lo, close);
        hi = std::max(hi, close);
    }
    prepareOverlays(xLo, xHi, shift, &lo, &hi);
    const PriceAxisRange range = priceAxisRange(lo, hi, m_decimals, m_priceView->height(), fm.height());
    updateAxis(m_priceAxis, range.lo, range.hi, range.ticks,
               u"%.%1f"_s.arg(std::max(m_decimals, decimalsOf(range.step))));
    if (m_changeAxis->isVisible() == std::isnan(close))
        m_changeAxis->setVisible(!std::isnan(close));
    if (!std::isnan(close))
        updateAxis(m_changeAxis, (range.lo / close - 1.0) * 100.0, (range.hi / close - 1.0) * 100.0, range.ticks,
                   u"%+.2f%%"_s);

    // Volume bars: buckets of about three pixels, each a bar of 70% of its width coloured by the dominant side.
    QList<TickHistory::VolumeBucket> volume;
    const auto bucketVolumes = [&](int columns) {
        volume = TickHistory::volumeBuckets(ticks, axisLo, axisHi, std::max(1, columns / 3));
        double maxVolume = 0;
        for (const TickHistory::VolumeBucket& b : std::as_const(volume))
            maxVolume = std::max(maxVolume, b.total());
        // A round top; labels "0, 10K, 20K" (万 in a Chinese UI).
        const double top = 2 * niceStep(std::max(maxVolume, 1e-9) * 1.05 / 2);
        // A short pane shows fewer labels, so that they never crowd (or are elided).
        const double volumePlot = m_volumeChart->plotArea().height();
        m_volumeLabels->update(top, volumePlot > 0 ? volumePlot : m_volumeView->height() - 3.0 * fm.height(),
                               m_chinese);
    };
    const int estimate = plotColumns();
    bucketVolumes(estimate);

    // Lay the panes out for the new labels, then draw into the pixel columns that gives.
    layoutPlots();
    const int columns = plotColumns();
    if (columns != estimate)
        bucketVolumes(columns);

    const qsizetype n = qsizetype(ticks.size());
    auto firstAverage = ticks.begin();
    while (firstAverage != ticks.end() && std::isnan(firstAverage->average))
        ++firstAverage;
    const qsizetype averages = qsizetype(ticks.end() - firstAverage);
    const auto pricePoint = [shift](const TickSample& t) { return QPointF(double(t.timeMs) + shift, t.price); };
    const auto averagePoint = [shift](const TickSample& t) { return QPointF(double(t.timeMs) + shift, t.average); };
    QList<QPointF> pricePoints;
    QList<QPointF> averagePoints;
    if (m_decimate) {
        pricePoints = TickHistory::decimate(ticks.begin(), n, pricePoint, xLo, xHi, columns);
        // The average moves slowly: a point pair every two columns draws the same line.
        averagePoints = TickHistory::decimate(firstAverage, averages, averagePoint, xLo, xHi, std::max(1, columns / 2));
    } else {
        pricePoints.reserve(n);
        for (const TickSample& t : ticks)
            pricePoints.append(pricePoint(t));
        averagePoints.reserve(averages);
        for (auto it = firstAverage; it != ticks.end(); ++it)
            averagePoints.append(averagePoint(*it));
    }

    const QList<QPointF> reference =
        std::isnan(close) ? QList<QPointF>() : QList<QPointF>{QPointF(xLo, close), QPointF(xHi, close)};
    if (m_prevClose->points() != reference)
        m_prevClose->replace(reference);
    if (m_prevClose->isVisible() != !reference.isEmpty())
        m_prevClose->setVisible(!reference.isEmpty());
    const double last = ticks.back().price;
    const int direction = std::isnan(close) ? 0 : (last > close ? 1 : (last < close ? -1 : 0));
    if (direction != m_direction) {
        m_direction = direction;
        applyColours();
    }
    // Break the lines over gaps in trading (lunch, nights, halts): longer than GapMs and than three pixel columns, so
    // that the min/max points of neighbouring columns are never taken for a gap.
    const double gap = std::max(double(GapMs), 3.0 * (xHi - xLo) / std::max(1, columns));
    drawSegments(m_price, m_priceSegments, splitAtGaps(pricePoints, gap, MaxLineSegments));
    if (m_average->isVisible() != !averagePoints.isEmpty())
        m_average->setVisible(!averagePoints.isEmpty());
    // The average is decimated to half the columns: its neighbouring points lie up to twice as far apart.
    const double averageGap = std::max(double(GapMs), 6.0 * (xHi - xLo) / std::max(1, columns));
    drawSegments(m_average, m_averageSegments, splitAtGaps(averagePoints, averageGap, MaxLineSegments));

    QList<QPointF> bars[3];
    const int buckets = int(volume.size());
    const double bucketMs = double(axisHi - axisLo) / buckets;
    for (int b = 0; b < buckets; ++b) {
        const TickHistory::VolumeBucket& bucket = volume.at(b);
        const double total = bucket.total();
        if (!(total > 0))
            continue;
        const int side = bucket.buy > bucket.sell
                             ? int(TradeSide::Buy)
                             : (bucket.sell > bucket.buy ? int(TradeSide::Sell) : int(TradeSide::Neutral));
        const double x0 = xLo + b * bucketMs;
        const double x1 = x0 + bucketMs * 0.7;
        const double v = total;
        bars[side].append({QPointF(x0, 0), QPointF(x0, v), QPointF(x1, v), QPointF(x1, 0)});
    }
    for (int side = 0; side < 3; ++side)
        m_volume[side]->upperSeries()->replace(bars[side]);
    m_volumeLabels->place();
    drawOverlays(xLo, xHi, columns);
    updateLegend();

    Q_EMIT frameRendered();
}

QList<QList<QPointF>> TickChartWidget::splitAtGaps(const QList<QPointF>& points, double gap, int maxPieces)
{
    QList<QList<QPointF>> pieces;
    qsizetype start = 0;
    for (qsizetype i = 1; i < points.size() && pieces.size() + 1 < maxPieces; ++i) {
        if (points.at(i).x() - points.at(i - 1).x() > gap) {
            pieces.append(points.mid(start, i - start));
            start = i;
        }
    }
    if (start == 0) {
        pieces.append(points); // the usual case: no gap, no copy
    } else {
        pieces.append(points.mid(start));
    }
    return pieces;
}

void TickChartWidget::drawSegments(QLineSeries* first, QList<QLineSeries*>& pool, const QList<QList<QPointF>>& pieces)
{
    first->replace(pieces.value(0));
    for (qsizetype i = 1; i < pieces.size(); ++i) {
        if (pool.size() < i) {
            auto* series = new QLineSeries;
            series->setName(first->name());
            m_priceChart->addSeries(series);
            series->attachAxis(m_priceTime);
            series->attachAxis(m_priceAxis);
            pool.append(series);
        }
        QLineSeries* series = pool.at(i - 1);
        if (series->pen() != first->pen())
            series->setPen(first->pen());
        if (series->isVisible() != first->isVisible())
            series->setVisible(first->isVisible());
        series->replace(pieces.at(i));
    }
    // Pieces the last frame had and this one has not.
    for (qsizetype i = std::max<qsizetype>(1, pieces.size()); i <= pool.size(); ++i) {
        if (pool.at(i - 1)->count() > 0)
            pool.at(i - 1)->clear();
    }
}

QList<QLineSeries*> TickChartWidget::shownSegments(QLineSeries* first, const QList<QLineSeries*>& pool)
{
    QList<QLineSeries*> shown{first};
    for (QLineSeries* series : pool) {
        if (series->count() > 0)
            shown.append(series);
    }
    return shown;
}

void TickChartWidget::layoutPlots()
{
    alignPlotAreas(m_priceChart, m_volumeChart, QMargins(4, 6, 4, 4), m_volumeLabels->width());
}

bool TickChartWidget::eventFilter(QObject* watched, QEvent* event)
{
    const bool priceViewport = watched == m_priceView->viewport();
    const bool volumeViewport = watched == m_volumeView->viewport();
    const bool barPriceViewport = watched == m_barPriceView->viewport();
    const bool barVolumeViewport = watched == m_barVolumeView->viewport();
    if (barPriceViewport || barVolumeViewport) {
        if (event->type() == QEvent::MouseMove) {
            const QPoint pos = static_cast<QMouseEvent*>(event)->position().toPoint();
            showBarCrosshairAt(barPriceViewport ? pos : QPoint(pos.x(), int(m_barPriceChart->plotArea().center().y())));
        } else if (event->type() == QEvent::Leave) {
            hideCrosshair();
        }
    } else if (watched == m_barPriceView || watched == m_barVolumeView) {
        if (event->type() == QEvent::Resize)
            scheduleFrame();
    } else if (watched == m_priceView || watched == m_volumeView) {
        if (event->type() == QEvent::Resize)
            scheduleFrame(); // the number of pixel columns changed: lay out and draw again
    } else if (priceViewport || volumeViewport) {
        if (event->type() == QEvent::MouseMove) {
            const QPoint pos = static_cast<QMouseEvent*>(event)->position().toPoint();
            // Both panes share the time axis: a move over the volume pane puts the box in the price pane's middle.
            showCrosshairAt(priceViewport ? pos : QPoint(pos.x(), int(m_priceChart->plotArea().center().y())));
        } else if (event->type() == QEvent::Leave) {
            hideCrosshair();
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TickChartWidget::showCrosshairAt(const QPoint& pos)
{
    if (isBarMode()) {
        showBarCrosshairAt(pos);
        return;
    }
    const std::deque<TickSample>& ticks = currentTicks();
    const QRectF plot = m_priceChart->plotArea();
    if (ticks.empty() || isEmptyStateShown() || pos.x() < plot.left() || pos.x() > plot.right()) {
        hideCrosshair();
        return;
    }
    const QPointF chartPos = m_priceChart->mapFromScene(m_priceView->mapToScene(pos));
    const double x = m_priceChart->mapToValue(chartPos, m_price).x();
    const qint64 target = qint64(std::llround(x)) - m_shiftMs;
    auto it = std::lower_bound(ticks.begin(), ticks.end(), target,
                               [](const TickSample& t, qint64 ms) { return t.timeMs < ms; });
    if (it == ticks.end())
        --it;
    else if (it != ticks.begin() && target - std::prev(it)->timeMs <= it->timeMs - target)
        --it;
    const TickSample& tick = *it;
    const QPointF at = m_priceChart->mapToPosition(QPointF(double(tick.timeMs + m_shiftMs), tick.price), m_price);
    const double cx = std::clamp(at.x(), plot.left(), plot.right());
    const double cy = std::clamp(at.y(), plot.top(), plot.bottom());
    m_cross.vertical->setLine(cx, plot.top(), cx, plot.bottom());
    m_cross.horizontal->setLine(plot.left(), cy, plot.right(), cy);
    const QRectF volumePlot = m_volumeChart->plotArea();
    m_cross.volumeVertical->setLine(cx, volumePlot.top(), cx, volumePlot.bottom());

    const QTimeZone zone = Markets::timeZone(SymbolCatalog::builtIn().marketOf(m_symbol));
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(tick.timeMs, zone.isValid() ? zone : QTimeZone::utc());
    QStringList lines;
    lines << time.toString(u"HH:mm:ss.zzz"_s);
    lines << tr("Price %1").arg(formatPrice(tick.price));
    const double close = prevClose();
    if (!std::isnan(close))
        lines.last() += u"  (%1%)"_s.arg(m_locale.toString((tick.price / close - 1.0) * 100.0, 'f', 2));
    lines << tr("Volume %1").arg(tick.volume > 0 ? m_locale.toString(double(tick.volume), 'f', 0) : tr("—"));
    if (!std::isnan(tick.average))
        lines << tr("Average %1").arg(formatPrice(tick.average));
    // Each indicator line's value at that time: its last finite value at or before the trade.
    for (const IndicatorEntry& entry : std::as_const(m_indicators)) {
        if (entry.info.code != m_symbol || !m_formulaClient)
            continue;
        for (const Overlay& overlay : entry.overlays) {
            const QmtFormulaClient::Series values = m_formulaClient->series(entry.info.id, overlay.output);
            auto at = std::upper_bound(values.cbegin(), values.cend(), tick.timeMs,
                                       [](qint64 ms, const QPair<qint64, double>& p) { return ms < p.first; });
            while (at != values.cbegin() && !std::isfinite(std::prev(at)->second))
                --at;
            if (at != values.cbegin())
                lines << u"%1 %2"_s.arg(overlay.series->name(), formatPrice(std::prev(at)->second));
        }
    }
    m_cross.show(lines.join(u'\n'), chartPos, plot);
}

void TickChartWidget::hideCrosshair()
{
    m_cross.hide();
    m_barCross.hide();
}

void TickChartWidget::Crosshair::show(const QString& tip, const QPointF& at, const QRectF& plot)
{
    text->setText(tip);
    const QRectF textRect = text->boundingRect();
    const QSizeF boxSize(textRect.width() + 12, textRect.height() + 8);
    text->setPos(6, 4);
    QPointF boxPos(at.x() + 14, at.y() + 14);
    if (boxPos.x() + boxSize.width() > plot.right())
        boxPos.setX(at.x() - 14 - boxSize.width());
    if (boxPos.y() + boxSize.height() > plot.bottom())
        boxPos.setY(plot.bottom() - boxSize.height());
    boxPos.setX(std::max(plot.left(), boxPos.x()));
    boxPos.setY(std::max(plot.top(), boxPos.y()));
    box->setRect(QRectF(QPointF(0, 0), boxSize));
    box->setPos(boxPos);
    for (QGraphicsItem* item : {static_cast<QGraphicsItem*>(vertical), static_cast<QGraphicsItem*>(horizontal),
                                static_cast<QGraphicsItem*>(volumeVertical), static_cast<QGraphicsItem*>(box)})
        item->show();
}

void TickChartWidget::Crosshair::hide()
{
    for (QGraphicsItem* item : {static_cast<QGraphicsItem*>(vertical), static_cast<QGraphicsItem*>(horizontal),
                                static_cast<QGraphicsItem*>(volumeVertical), static_cast<QGraphicsItem*>(box)}) {
        if (item)
            item->hide();
    }
}

bool TickChartWidget::isCrosshairShown() const
{
    return m_cross.box->isVisible() || (m_barCross.box && m_barCross.box->isVisible());
}

QString TickChartWidget::crosshairText() const
{
    if (m_barCross.box && m_barCross.box->isVisible())
        return m_barCross.text->text();
    return m_cross.box->isVisible() ? m_cross.text->text() : QString();
}
