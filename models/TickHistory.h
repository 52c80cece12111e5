#pragma once

#include "QuoteTypes.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointF>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <utility>
#include <vector>

class QuoteStore;

// One trade as the tick chart needs it: 32 bytes.
struct TickSample
{
    qint64 timeMs = 0;  // exchange time, ms since the epoch (UTC)
    double price = 0;   // last price, for plotting (the exact Decimal stays in QuoteStore and time & sales)
    double average = 0; // day average price (turnover / volume) up to and including this trade; NaN when unknown
    float volume = 0;   // size of this trade in the feed's unit; 0 when the feed sends none
    TradeSide side = TradeSide::Neutral;
};

// Bounded per-symbol tick buffers for the intraday tick chart, fed from QuoteStore::tradesAppended.
//
// Caps (both configurable with setCapacity):
// - DefaultTicksPerSymbol = 100,000 trades per symbol (a full trading day of a busy stock: about 7 per second over
//   a 4-hour session); beyond it the oldest trades of that symbol are dropped.
// - DefaultTotalTicks = 1,500,000 trades over all symbols (48 MB at 32 bytes a trade); beyond it whole symbols are
//   evicted, the one that traded least recently first, until the total is 1/32 below the cap (so that at the cap
//   eviction runs now and then, not on every batch). Pinned symbols (the ones a chart shows) are never evicted.
//
// The day average price uses every trade seen since the symbol was first recorded, also those later dropped by the
// per-symbol cap. Where a feed counts volume in lots (QMT: 100 shares) while turnover is in currency, the unit factor
// is detected from the first trade that has both, so the average stays on the price scale.
class TickHistory : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultTicksPerSymbol = 100000;
    static constexpr qint64 DefaultTotalTicks = 1500000;

    // Records every batch of `store`'s tradesAppended; `store` may be null (feed it with append()).
    explicit TickHistory(QuoteStore* store, QObject* parent = nullptr);

    // Capacities are at least 1; lowering them trims at once.
    void setCapacity(int ticksPerSymbol, qint64 totalTicks);
    int ticksPerSymbol() const { return m_ticksPerSymbol; }
    qint64 totalCapacity() const { return m_totalCapacity; }

    // Trades in arrival order (oldest first). Trades without a price are ignored.
    void append(const QList<TradeTick>& trades);
    void clear();

    // Pinned symbols are never evicted by the global cap (reference counted: pin twice, unpin twice).
    void pin(const QString& code);
    void unpin(const QString& code);
    bool isPinned(const QString& code) const { return m_pins.value(code) > 0; }

    // The trades of `code`, oldest first; empty when unknown or evicted.
    const std::deque<TickSample>& ticks(const QString& code) const;
    int count(const QString& code) const;
    qint64 totalCount() const { return m_total; }
    bool contains(const QString& code) const { return m_entries.contains(code); }
    int symbolCount() const { return int(m_entries.size()); }
    // Codes from the least to the most recently traded.
    QStringList codes() const;
    // Most decimal places seen in the prices of `code` (for labels); 2 when unknown.
    int priceDecimals(const QString& code) const;
    // Current day average price of `code` (turnover / volume); NaN when unknown.
    double averagePrice(const QString& code) const;

    // Reduces points sorted by x to at most 2 * columns + 2 points: the first and the last point, and for each of
    // `columns` equal columns of [xMin, xMax] the inner points with the lowest and the highest y, in x order (one
    // when they coincide). Points left of xMin or right of xMax count in the first or last column; a point earlier
    // than its predecessor counts in its predecessor's column. O(n), one pass.
    // `first` iterates over n items, `toPoint(item)` gives each one's point.
    template <typename It, typename ToPoint>
    static QList<QPointF> decimate(It first, qsizetype n, ToPoint toPoint, double xMin, double xMax, int columns);
    static QList<QPointF> decimate(const QList<QPointF>& points, double xMin, double xMax, int columns)
    {
        return decimate(
            points.cbegin(), points.size(), [](const QPointF& p) { return p; }, xMin, xMax, columns);
    }

    // Volume of trades per side summed into `buckets` equal time buckets of [xMin, xMax] (times clamped into it).
    struct VolumeBucket
    {
        double buy = 0;
        double sell = 0;
        double neutral = 0;
        double total() const { return buy + sell + neutral; }
    };
    static QList<VolumeBucket> volumeBuckets(const std::deque<TickSample>& ticks, qint64 xMin, qint64 xMax,
                                             int buckets);

Q_SIGNALS:
    // Trades were added for these pinned symbols (each listed once). Only pinned ones are reported: a whole-market
    // batch touches thousands of symbols, and only the charts, which pin theirs, listen.
    void ticksAppended(const QStringList& codes);
    // These symbols were dropped by the global cap or clear().
    void symbolsEvicted(const QStringList& codes);

private:
    struct Entry
    {
        std::deque<TickSample> ticks;
        quint64 lastUse = 0;     // m_useClock at its latest trade
        double cumVolume = 0;    // since first recorded, in the feed's unit
        double cumTurnover = 0;  // matching turnover (price * volume when the feed sends no turnover)
        double volumeFactor = 0; // turnover / (price * volume) snapped to a power of ten; 0 until known
        int decimals = 0;
        quint64 batch = 0; // the append() that last touched it
    };
    void record(Entry& entry, const TradeTick& trade);
    // (use stamp, code) of the entries, the least recently traded first; pinned ones only when `withPinned`.
    std::vector<std::pair<quint64, QString>> byUse(bool withPinned) const;
    QStringList evictOverflow();

    QHash<QString, Entry> m_entries;
    QHash<QString, int> m_pins;
    quint64 m_useClock = 0; // counts recorded trades: the order in which symbols traded
    qint64 m_total = 0;
    quint64 m_batch = 0;
    int m_ticksPerSymbol = DefaultTicksPerSymbol;
    qint64 m_totalCapacity = DefaultTotalTicks;
};

template <typename It, typename ToPoint>
QList<QPointF> TickHistory::decimate(It first, qsizetype n, ToPoint toPoint, double xMin, double xMax, int columns)
{
    QList<QPointF> out;
    if (n <= 0)
        return out;
    columns = std::max(1, columns);
    out.reserve(std::min<qsizetype>(n, 2 * qsizetype(columns) + 2));
    It it = first;
    out.append(toPoint(*it));
    if (n == 1)
        return out;
    const double span = xMax - xMin;
    const double scale = span > 0 ? double(columns) / span : 0.0;
    // Column of a point: floor((x - xMin) * scale) clamped to [0, columns - 1]. The position t is compared with the
    // current column's end first, so the floor is taken only when a point leaves its column.
    int column = -1;
    double columnEnd = -std::numeric_limits<double>::infinity();
    QPointF lo, hi;
    qsizetype loIndex = -1, hiIndex = -1;
    const auto flush = [&] {
        if (loIndex < 0)
            return;
        if (loIndex == hiIndex) {
            out.append(lo);
        } else if (loIndex < hiIndex) {
            out.append(lo);
            out.append(hi);
        } else {
            out.append(hi);
            out.append(lo);
        }
        loIndex = hiIndex = -1;
    };
    ++it;
    for (qsizetype i = 1; i + 1 < n; ++i, ++it) {
        const QPointF p = toPoint(*it);
        const double t = (p.x() - xMin) * scale;
        if (t >= columnEnd) {
            const double c = std::floor(t);
            const int next = c <= 0 ? 0 : (c >= double(columns - 1) ? columns - 1 : int(c));
            if (next > column) {
                flush();
                column = next;
            }
            columnEnd =
                column >= columns - 1 || !(scale > 0) ? std::numeric_limits<double>::infinity() : double(column + 1);
        }
        if (loIndex < 0 || p.y() < lo.y()) {
            lo = p;
            loIndex = i;
        }
        if (hiIndex < 0 || p.y() > hi.y()) {
            hi = p;
            hiIndex = i;
        }
    }
    flush();
    out.append(toPoint(*it));
    return out;
}
