#pragma once

#include "QuoteDelegate.h"
#include "QuoteTypes.h"
#include "TickHistory.h"
#include "feed/QmtBarClient.h"
#include "feed/QmtFormulaClient.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QMap>
#include <QPointer>
#include <QTimer>
#include <QVariant>
#include <QWidget>

#include <memory>
#include <utility>

class IndicatorDialog;
namespace TickChartCommon {
class VolumeAxisLabels;
}
class QAreaSeries;
class QButtonGroup;
class QCandlestickSeries;
class QCategoryAxis;
class QChart;
class QChartView;
class QDateTimeAxis;
class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QLabel;
class QLineSeries;
class QStackedLayout;
class QToolButton;
class QValueAxis;
class QuoteStore;
struct QuoteChange;

// Intraday tick chart (分时) of one symbol: last price over time, the previous close as a dashed reference line, the
// day average price (turnover / volume) in amber where volume is known, and volume bars in a pane below, coloured by
// the side that dominated each bar (buy = up colour, sell = down colour). Times on the axis and in the crosshair are
// the exchange's local time. The price line takes the up or down colour by where the last price stands against the
// previous close.
//
// Ticks live in TickHistory, never in Qt Charts: at most one frame every FrameIntervalMs (25 frames/s) rebuilds each
// series with one replace(), decimated to the lowest and highest price per pixel column, so a full day of ticks
// redraws as about two points per pixel.
// Gaps: where no trade came for more than GapMs (the lunch break, a night, a weekend, a halt; and at least three pixel
// columns, so a zoomed-out multi-day buffer is not cut at every quiet spell) the price and average lines break
// instead of drawing a flat line across time nobody traded in. Each piece is a QLineSeries of its own: the first
// is priceSeries() / averageSeries(), the others come from a small pool (at most MaxLineSegments pieces; the rest
// stays joined).
//
// Indicators (QMT Bridge formulas, protocol spec B.8): with a QmtFormulaClient set, the "Indicators…" button in the
// header row opens IndicatorDialog, where formulas such as MA(5) are added to the shown symbol at a period (1m by
// default) and removed again (an unsubscribe with the server's seq_id). Each output of a formula ("MA5", "DIF", ...)
// is drawn as an extra line in the price pane on the price axes, in a colour of its own, named in the legend as
// "MA(5) MA5". Pushes only mark the chart dirty: overlays are rebuilt in the same frame as the price line (at most
// 25 frames/s, one replace() per overlay and frame, none when its points did not change). Missing values (NaN) and
// infinities are dropped; only the visible time range (plus one point either side, so lines run to the edge) is
// drawn, and results outside it are clipped by the axis. An overlay widens the price scale only when its values lie
// within one price span of the prices (MA, BOLL); oscillators on their own scale (RSI, KDJ, MACD) would squash the
// prices, so they are drawn on the price scale as they are and clipped.
// Symbols: indicators belong to the symbol they were added to. Switching symbols hides the other symbols' overlays
// and keeps their subscriptions, so switching back shows them again at once with current values, as a trader who
// set MA(5) on a stock expects; they end on Remove, on setFormulaClient() with another client, or with the widget.
// Errors: every {"error": ...} of the bridge (and connection problems while indicators are active) shows in red in
// the header row for ErrorShowMs and stays in the dialog; a subscription the bridge refused is dropped from the list.
// Without a client (nullptr, the default) the button is disabled and its tooltip says a QMT Bridge is needed.
//
// Periods: tool buttons in the header switch between Tick (the intraday tick chart above) and K-line bars of 1m, 5m
// or 1d. Bars come from a QmtBarClient (REST history, then /ws/realtime pushes of that one symbol and period; the
// forming bar is replaced, a later time appends) and are drawn as candlesticks in the up/down colours of the
// direction palette, with a volume pane below, in their own pair of chart views. The x axis counts bars, not time,
// so lunch breaks, nights and weekends leave no gaps; labels are the exchange's local times (dates for 1d). Only the
// newest bars that fit (about BarPixels pixels each) are drawn; the client keeps at most its capacity. The crosshair
// shows the bar's O/H/L/C, change, volume and the indicator values. Indicators follow the period: switching to a bar
// period subscribes the shown symbol's indicators again at that period, and the dialog adds at it by default.
// Bar periods need the QMT Bridge (setBarPeriodsAvailable): for other symbols (AllTick) the bar buttons are disabled
// with a tooltip saying why and the chart shows ticks; the chosen period comes back with the next bridge symbol.
class TickChartWidget : public QWidget
{
    Q_OBJECT
public:
    static constexpr int FrameIntervalMs = 40;
    static constexpr int BarPixels = 8;
    static constexpr int MinBarsShown = 20;
    static constexpr int ErrorShowMs = 6000;
    static constexpr qint64 GapMs = 5 * 60 * 1000;
    static constexpr int MaxLineSegments = 16;

    // An indicator the widget subscribed (for the dialog and tests).
    struct Indicator
    {
        int id = -1; // the client's subscription id
        QString code;
        QString formula;                            // "MA"
        QList<std::pair<QString, QVariant>> params; // {"N", 5}, in the order given
        QString period;                             // "1m"
        int count = 0;                              // bars requested
        int seqId = -1;                             // the server's seq_id, -1 until acknowledged
        bool hasResult = false;                     // a push arrived
        QStringList outputs;                        // output names of the last push ("MA5")
        QString label() const;                      // "MA(5)"
    };

    // `history` is pinned for the shown symbol, so the global cap never evicts it.
    TickChartWidget(QuoteStore* store, TickHistory* history, QWidget* parent = nullptr);
    ~TickChartWidget() override;

    QString symbol() const { return m_symbol; }
    void setSymbol(const QString& code);

    void setDirectionPalette(const DirectionPalette& palette);
    using QWidget::setPalette;
    void setPalette(const DirectionPalette& palette) { setDirectionPalette(palette); }
    const DirectionPalette& directionPalette() const { return m_palette; }
    void setChineseNames(bool chinese);
    void setDisplayLocale(const QLocale& locale);

    // The QMT Bridge formula client that indicators subscribe through (not owned; nullptr = no bridge: the
    // "Indicators…" button is disabled). Setting another client unsubscribes every indicator from the old one. The
    // client lives in the GUI thread (its results are read when a frame is drawn).
    void setFormulaClient(QmtFormulaClient* client);
    QmtFormulaClient* formulaClient() const { return m_formulaClient; }
    // Subscribes `formula` with `params` ("N=5", see parseParams) for the shown symbol at `period` ("1m", "5m", "1d");
    // `count` bars (0 = a default per period: two sessions of 1m bars, ...). Returns the subscription id, or -1 (no
    // client, no symbol, an empty name or bad parameters; the reason is in lastError() and the dialog).
    int addIndicator(const QString& formula, const QString& params, const QString& period = QStringLiteral("1m"),
                     int count = 0);
    // Unsubscribes (with the server's seq_id) and removes the indicator's lines. False when `id` is not one of ours.
    bool removeIndicator(int id);
    // Indicators of `code` (every symbol's when empty), in the order they were added.
    QList<Indicator> indicators(const QString& code = QString()) const;
    // The line drawing `output` of indicator `id`; nullptr until a push brought that output.
    QLineSeries* overlaySeries(int id, const QString& output) const;
    // Every overlay line (shown or hidden).
    QList<QLineSeries*> overlaySeries() const;
    // "N=5, M=10" (commas, semicolons or spaces between) as ordered pairs; numbers become int or double. An empty
    // text is no parameters. On a malformed text returns {} and sets `error` (translated).
    static QList<std::pair<QString, QVariant>> parseParams(const QString& text, QString* error = nullptr);
    static QStringList formulaNames();                    // MA, EMA, MACD, BOLL, KDJ, RSI
    static QString defaultParams(const QString& formula); // "N=5" for MA, ...
    static int defaultCount(const QString& period);
    // The last error shown (kept after the header hides it), and whether the header shows it now.
    QString lastError() const { return m_lastError; }
    bool isErrorShown() const;
    QString headerErrorText() const;
    QToolButton* indicatorButton() const { return m_indicatorButton; }
    // Opens (creating it on first use) the non-modal indicator dialog.
    IndicatorDialog* openIndicatorDialog();
    IndicatorDialog* indicatorDialog() const { return m_indicatorDialog; }

    // Periods: "tick" (the default), "1m", "5m", "1d".
    static QStringList periods()
    {
        return {QStringLiteral("tick"), QStringLiteral("1m"), QStringLiteral("5m"), QStringLiteral("1d")};
    }
    // The period chosen in the header (kept while bars are unavailable) and the one shown now.
    QString period() const { return m_period; }
    QString shownPeriod() const;
    bool isBarMode() const { return shownPeriod() != QStringLiteral("tick"); }
    void setPeriod(const QString& period);
    // The client bars come from (not owned; nullptr = none: bar periods are unavailable).
    void setBarClient(QmtBarClient* client);
    QmtBarClient* barClient() const { return m_barClient; }
    // Whether the shown symbol's bars can be had (it is quoted by the QMT Bridge); `reason` is the tooltip of the
    // disabled bar buttons otherwise (translated).
    void setBarPeriodsAvailable(bool available, const QString& reason = QString());
    bool barPeriodsAvailable() const { return m_barsAvailable && m_barClient; }
    QToolButton* periodButton(const QString& period) const;
    QChart* barPriceChart() const { return m_barPriceChart; }
    QChart* barVolumeChart() const { return m_barVolumeChart; }
    QChartView* barPriceView() const { return m_barPriceView; }
    QCandlestickSeries* candleSeries() const { return m_candles; }
    QAreaSeries* barVolumeSeries(bool up) const { return m_barVolume[up ? 1 : 0]; }
    QCategoryAxis* barTimeAxis() const { return m_barVolumeTime; }
    // Bars drawn in the last frame (the newest that fit).
    int barsShown() const { return m_barsShown; }
    bool isBarViewShown() const;

    // Off: every tick becomes a point (for the benchmark's comparison). On by default.
    void setDecimationEnabled(bool enabled);
    bool isDecimationEnabled() const { return m_decimate; }
    // Rebuilds the series at once (benchmarks, screenshots); otherwise frames come from the frame timer.
    void redrawNow();

    // For tests and benchmarks.
    int frameCount() const { return m_frames; }
    // Time since the last frame started (frames start at least FrameIntervalMs apart), ns; -1 before the first.
    qint64 nsSinceFrameStart() const { return m_sinceFrame.isValid() ? m_sinceFrame.nsecsElapsed() : -1; }
    bool isEmptyStateShown() const;
    QString emptyStateText() const;
    int plotColumns() const;
    QChart* priceChart() const { return m_priceChart; }
    QChart* volumeChart() const { return m_volumeChart; }
    QChartView* priceView() const { return m_priceView; }
    QChartView* volumeView() const { return m_volumeView; }
    QLineSeries* priceSeries() const { return m_price; }
    QLineSeries* averageSeries() const { return m_average; }
    QLineSeries* prevCloseSeries() const { return m_prevClose; }
    // The pieces of the price and average lines drawn in the last frame (the first is priceSeries() /
    // averageSeries()); empty pieces of the pool are left out.
    QList<QLineSeries*> priceSegments() const { return shownSegments(m_price, m_priceSegments); }
    QList<QLineSeries*> averageSegments() const { return shownSegments(m_average, m_averageSegments); }
    // `points` (ascending x) cut where consecutive points are more than `gap` apart; at most `maxPieces` pieces.
    static QList<QList<QPointF>> splitAtGaps(const QList<QPointF>& points, double gap, int maxPieces);
    QAreaSeries* volumeSeries(TradeSide side) const { return m_volume[int(side)]; }
    QDateTimeAxis* timeAxis() const { return m_volumeTime; }
    QValueAxis* priceAxis() const { return m_priceAxis; }
    // Volume axes, and their labels from the bottom up: round values, "0, 500, 1K" (万/亿 in a Chinese UI, see
    // setChineseNames()), as many as fit the pane.
    QValueAxis* volumeAxis() const { return m_volumeAxis; }
    QValueAxis* barVolumeAxis() const { return m_barVolumeAxis; }
    QStringList volumeAxisLabels() const;
    QStringList barVolumeAxisLabels() const;
    // Shows the crosshair at the trade nearest to `pos` (price view coordinates), as a mouse move there would.
    void showCrosshairAt(const QPoint& pos);
    void hideCrosshair();
    bool isCrosshairShown() const;
    QString crosshairText() const;
    // Milliseconds added to UTC times so that the axis, which shows local time, shows the exchange's time.
    qint64 axisShiftMs() const { return m_shiftMs; }

Q_SIGNALS:
    void frameRendered();
    // The list of indicators or their state (acknowledged, results) changed; also on setSymbol().
    void indicatorsChanged();
    // An error was shown (already translated or the bridge's own text).
    void indicatorErrorShown(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // The crosshair of a price pane and its volume pane: a vertical line through both, a horizontal one at the
    // price, a box with the values.
    struct Crosshair
    {
        QGraphicsLineItem* vertical = nullptr;
        QGraphicsLineItem* horizontal = nullptr;
        QGraphicsLineItem* volumeVertical = nullptr;
        QGraphicsRectItem* box = nullptr;
        QGraphicsSimpleTextItem* text = nullptr;

        // Shows the lines and the box with `text` beside the cursor at `at`, kept inside `plot`.
        void show(const QString& text, const QPointF& at, const QRectF& plot);
        void hide();
    };
    // Created hidden, above the series.
    static Crosshair makeCrosshair(QChart* priceChart, QChart* volumeChart, const QFont& font);

    void scheduleFrame();
    void onFrameTimer();
    void renderFrame();
    void onTicksAppended(const QStringList& codes);
    void onQuotesChanged(const QList<QuoteChange>& changes);
    void updateHeader();
    void updateLegend();
    void updateEmptyState();
    void layoutPlots();
    void applyColours();
    const std::deque<TickSample>& currentTicks() const;
    double prevClose() const;
    QColor priceColour() const;
    QString formatPrice(double value) const;
    // Line pieces: `first` gets the first, the pool (grown as needed, same axes and pen) the others.
    void drawSegments(QLineSeries* first, QList<QLineSeries*>& pool, const QList<QList<QPointF>>& pieces);
    static QList<QLineSeries*> shownSegments(QLineSeries* first, const QList<QLineSeries*>& pool);

    // Indicators.
    struct Overlay
    {
        QString output;
        QLineSeries* series = nullptr;
        QList<QPointF> points; // this frame's points, before decimation
    };
    struct IndicatorEntry
    {
        Indicator info;
        QList<Overlay> overlays;
    };
    void onFormulaSubscribed(int id, int seqId);
    void onFormulaResult(int id);
    void onFormulaServerError(const QString& message, int id);
    void onFormulaConnectionError(const QString& message);
    void dropIndicator(int id);
    // Bars.
    void buildBarViews(const QFont& axisFont);
    void applyBarColours();
    void updatePeriodButtons();
    void restartBars();
    void applyBarSubscription();
    void followPeriodWithIndicators();
    void renderBars();
    void layoutBarPlots();
    void showBarCrosshairAt(const QPoint& pos);
    void showIndicatorError(const QString& message);
    void updateIndicatorButton();
    void updateOverlayVisibility();
    QColor nextOverlayColour(const QString& code) const;
    // Fills each shown overlay's points for the visible x range and widens [lo, hi] by the price-like ones.
    void prepareOverlays(double xLo, double xHi, double shift, double* lo, double* hi);
    void drawOverlays(double xLo, double xHi, int columns);

    QuoteStore* m_store;
    QPointer<TickHistory> m_history; // may go before this widget (both children of the main window)
    QString m_symbol;
    DirectionPalette m_palette = DirectionPalette::forConvention(DirectionPalette::Convention::RedUp);
    QLocale m_locale;
    bool m_chinese = false;
    bool m_decimate = true;
    bool m_dirty = false;
    int m_frames = 0;
    int m_decimals = 2;
    qint64 m_shiftMs = 0;
    int m_direction = 0; // last price against the previous close, for the price line colour
    QTimer m_frameTimer;
    QElapsedTimer m_sinceFrame;

    QLabel* m_codeLabel;
    QLabel* m_nameLabel;
    QLabel* m_legendLabel;
    QLabel* m_overlayLegendLabel;
    QLabel* m_errorLabel;
    QToolButton* m_indicatorButton;
    IndicatorDialog* m_indicatorDialog = nullptr; // a child, created on first use
    QPointer<QmtFormulaClient> m_formulaClient;
    QMap<int, IndicatorEntry> m_indicators; // by subscription id (ids grow: the order they were added)
    QString m_lastError;
    QTimer m_errorTimer;
    QStackedLayout* m_stack;
    QLabel* m_emptyLabel;
    QWidget* m_plots;
    QChart* m_priceChart;
    QChart* m_volumeChart;
    QChartView* m_priceView;
    QChartView* m_volumeView;
    QLineSeries* m_price;
    QLineSeries* m_average;
    QLineSeries* m_prevClose;
    QList<QLineSeries*> m_priceSegments;   // the price line's pieces after the first
    QList<QLineSeries*> m_averageSegments; // the average line's
    QAreaSeries* m_volume[3] = {};
    QDateTimeAxis* m_priceTime;
    QDateTimeAxis* m_volumeTime;
    QValueAxis* m_priceAxis;
    QValueAxis* m_changeAxis;
    QValueAxis* m_volumeAxis;
    std::unique_ptr<TickChartCommon::VolumeAxisLabels> m_volumeLabels;
    // Bars.
    QString m_period = QStringLiteral("tick");
    QPointer<QmtBarClient> m_barClient;
    bool m_barsAvailable = false;
    bool m_barsRestartPending = false;
    QString m_barsUnavailableReason;
    QButtonGroup* m_periodGroup = nullptr;
    QList<QToolButton*> m_periodButtons;
    QWidget* m_barPlots = nullptr;
    QChart* m_barPriceChart = nullptr;
    QChart* m_barVolumeChart = nullptr;
    QChartView* m_barPriceView = nullptr;
    QChartView* m_barVolumeView = nullptr;
    QCandlestickSeries* m_candles = nullptr;
    QAreaSeries* m_barVolume[2] = {};     // down, up
    QValueAxis* m_barPriceTime = nullptr; // bar positions (candlesticks need a plain value axis)
    QCategoryAxis* m_barVolumeTime = nullptr;
    QValueAxis* m_barPriceAxis = nullptr;
    QValueAxis* m_barVolumeAxis = nullptr;
    std::unique_ptr<TickChartCommon::VolumeAxisLabels> m_barVolumeLabels;
    QMap<QString, QLineSeries*> m_barOverlays; // "id/output"
    int m_barsShown = 0;
    int m_barFirst = 0; // index in the client's bars of the first bar drawn
    Crosshair m_barCross;
    Crosshair m_cross;
};
