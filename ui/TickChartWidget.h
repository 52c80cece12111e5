#pragma once

#include "QuoteDelegate.h"
#include "QuoteTypes.h"
#include "TickHistory.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QAreaSeries;
class QChart;
class QChartView;
class QDateTimeAxis;
class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QLabel;
class QLineSeries;
class QStackedLayout;
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
class TickChartWidget : public QWidget
{
    Q_OBJECT
public:
    static constexpr int FrameIntervalMs = 40;

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
    QAreaSeries* volumeSeries(TradeSide side) const { return m_volume[int(side)]; }
    QDateTimeAxis* timeAxis() const { return m_volumeTime; }
    QValueAxis* priceAxis() const { return m_priceAxis; }
    // Shows the crosshair at the trade nearest to `pos` (price view coordinates), as a mouse move there would.
    void showCrosshairAt(const QPoint& pos);
    void hideCrosshair();
    bool isCrosshairShown() const;
    QString crosshairText() const;
    // Milliseconds added to UTC times so that the axis, which shows local time, shows the exchange's time.
    qint64 axisShiftMs() const { return m_shiftMs; }

Q_SIGNALS:
    void frameRendered();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
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
    QAreaSeries* m_volume[3] = {};
    QDateTimeAxis* m_priceTime;
    QDateTimeAxis* m_volumeTime;
    QValueAxis* m_priceAxis;
    QValueAxis* m_changeAxis;
    QValueAxis* m_volumeAxis;
    QGraphicsLineItem* m_crossV = nullptr;
    QGraphicsLineItem* m_crossH = nullptr;
    QGraphicsLineItem* m_crossVolume = nullptr;
    QGraphicsRectItem* m_tipBox = nullptr;
    QGraphicsSimpleTextItem* m_tipText = nullptr;
};
