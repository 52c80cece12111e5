#include "TickHistory.h"

#include "QuoteStore.h"

#include <limits>
#include <vector>

namespace {
const std::deque<TickSample> EmptyTicks;

// turnover / (price * volume) as a power of ten (1 for shares, 100 for lots of 100), or 1 when it is none.
double unitFactor(double price, double volume, double turnover)
{
    if (!(price > 0) || !(volume > 0) || !(turnover > 0))
        return 0;
    const double exponent = std::log10(turnover / (price * volume));
    const double rounded = std::round(exponent);
    if (std::abs(exponent - rounded) > 0.05 || rounded < -6 || rounded > 6)
        return 1; // not a unit mismatch, just a price away from the average: take the figures as they are
    return std::pow(10.0, rounded);
}
} // namespace

TickHistory::TickHistory(QuoteStore* store, QObject* parent)
    : QObject(parent)
{
    if (store)
        connect(store, &QuoteStore::tradesAppended, this, &TickHistory::append);
}

void TickHistory::setCapacity(int ticksPerSymbol, qint64 totalTicks)
{
    m_ticksPerSymbol = std::max(1, ticksPerSymbol);
    m_totalCapacity = std::max<qint64>(1, totalTicks);
    for (Entry& entry : m_entries) {
        while (entry.ticks.size() > size_t(m_ticksPerSymbol)) {
            entry.ticks.pop_front();
            --m_total;
        }
    }
    const QStringList evicted = evictOverflow();
    if (!evicted.isEmpty())
        Q_EMIT symbolsEvicted(evicted);
}

void TickHistory::record(Entry& entry, const TradeTick& trade)
{
    TickSample sample;
    sample.timeMs = trade.timeMs;
    sample.price = trade.price.toDouble();
    sample.side = trade.side;
    const double volume = trade.volume.isNull() ? 0.0 : trade.volume.toDouble();
    if (volume > 0) {
        sample.volume = float(volume);
        const double turnover = trade.turnover.isNull() ? sample.price * volume : trade.turnover.toDouble();
        if (entry.volumeFactor == 0 && !trade.turnover.isNull())
            entry.volumeFactor = unitFactor(sample.price, volume, turnover);
        entry.cumVolume += volume;
        entry.cumTurnover += turnover;
    }
    const double factor = entry.volumeFactor > 0 ? entry.volumeFactor : 1.0;
    sample.average =
        entry.cumVolume > 0 ? entry.cumTurnover / (entry.cumVolume * factor) : std::numeric_limits<double>::quiet_NaN();
    entry.decimals = std::max(entry.decimals, trade.price.scale());
    if (entry.ticks.size() >= size_t(m_ticksPerSymbol)) {
        entry.ticks.pop_front();
        --m_total;
    }
    entry.ticks.push_back(sample);
    ++m_total;
}

void TickHistory::append(const QList<TradeTick>& trades)
{
    ++m_batch;
    bool any = false;
    for (const TradeTick& trade : trades) {
        if (trade.price.isNull())
            continue;
        auto it = m_entries.find(trade.code);
        if (it == m_entries.end())
            it = m_entries.insert(trade.code, Entry{});
        it->lastUse = ++m_useClock;
        it->batch = m_batch;
        record(*it, trade);
        any = true;
    }
    if (!any)
        return;
    const QStringList evicted = evictOverflow();
    if (!evicted.isEmpty())
        Q_EMIT symbolsEvicted(evicted);
    QStringList touched;
    for (auto pin = m_pins.cbegin(); pin != m_pins.cend(); ++pin) {
        const auto it = m_entries.constFind(pin.key());
        if (it != m_entries.constEnd() && it->batch == m_batch)
            touched.append(pin.key());
    }
    if (!touched.isEmpty())
        Q_EMIT ticksAppended(touched);
}

void TickHistory::clear()
{
    const QStringList all = codes();
    m_entries.clear();
    m_total = 0;
    if (!all.isEmpty())
        Q_EMIT symbolsEvicted(all);
}

void TickHistory::pin(const QString& code)
{
    if (!code.isEmpty())
        ++m_pins[code];
}

void TickHistory::unpin(const QString& code)
{
    const auto it = m_pins.find(code);
    if (it == m_pins.end())
        return;
    if (--*it <= 0)
        m_pins.erase(it);
    const QStringList evicted = evictOverflow();
    if (!evicted.isEmpty())
        Q_EMIT symbolsEvicted(evicted);
}

const std::deque<TickSample>& TickHistory::ticks(const QString& code) const
{
    const auto it = m_entries.constFind(code);
    return it == m_entries.constEnd() ? EmptyTicks : it->ticks;
}

int TickHistory::count(const QString& code) const
{
    return int(ticks(code).size());
}

std::vector<std::pair<quint64, QString>> TickHistory::byUse(bool withPinned) const
{
    std::vector<std::pair<quint64, QString>> out;
    out.reserve(size_t(m_entries.size()));
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (withPinned || !isPinned(it.key()))
            out.emplace_back(it->lastUse, it.key());
    }
    std::sort(out.begin(), out.end());
    return out;
}

QStringList TickHistory::codes() const
{
    QStringList result;
    result.reserve(m_entries.size());
    for (const auto& [lastUse, code] : byUse(true))
        result.append(code);
    return result;
}

int TickHistory::priceDecimals(const QString& code) const
{
    const auto it = m_entries.constFind(code);
    return it == m_entries.constEnd() ? 2 : it->decimals;
}

double TickHistory::averagePrice(const QString& code) const
{
    const auto it = m_entries.constFind(code);
    if (it == m_entries.constEnd() || !(it->cumVolume > 0))
        return std::numeric_limits<double>::quiet_NaN();
    return it->cumTurnover / (it->cumVolume * (it->volumeFactor > 0 ? it->volumeFactor : 1.0));
}

QStringList TickHistory::evictOverflow()
{
    QStringList evicted;
    if (m_total <= m_totalCapacity)
        return evicted;
    // Whole symbols first, the least recently traded first, down to 1/32 below the cap; never a pinned one, nor the
    // one that traded last. Found by sorting the use stamps when it happens: a list kept in order of use cost a
    // splice (three scattered nodes) for every trade.
    const qint64 lowWater = m_totalCapacity - m_totalCapacity / 32;
    for (const auto& [lastUse, code] : byUse(false)) {
        if (m_total <= lowWater || lastUse == m_useClock) // m_useClock: the stamp of the latest trade
            break;
        const auto it = m_entries.find(code);
        m_total -= qint64(it->ticks.size());
        evicted.append(code);
        m_entries.erase(it);
    }
    // Only pinned symbols and the newest are left: drop the oldest trades of the largest of them.
    while (m_total > m_totalCapacity) {
        Entry* largest = nullptr;
        for (Entry& entry : m_entries) {
            if (!largest || entry.ticks.size() > largest->ticks.size())
                largest = &entry;
        }
        if (!largest || largest->ticks.empty())
            break;
        const qint64 drop = std::min<qint64>(m_total - m_totalCapacity, qint64(largest->ticks.size()));
        largest->ticks.erase(largest->ticks.begin(), largest->ticks.begin() + drop);
        m_total -= drop;
    }
    return evicted;
}

QList<TickHistory::VolumeBucket> TickHistory::volumeBuckets(const std::deque<TickSample>& ticks, qint64 xMin,
                                                            qint64 xMax, int buckets)
{
    buckets = std::max(1, buckets);
    QList<VolumeBucket> out(buckets);
    const double span = double(xMax - xMin);
    const double scale = span > 0 ? double(buckets) / span : 0.0;
    // The bucket changes rarely from one trade to the next: the floor is taken only when a trade leaves it.
    int b = 0;
    double bucketStart = 0, bucketEnd = -1;
    for (const TickSample& t : ticks) {
        if (!(t.volume > 0))
            continue;
        const double pos = double(t.timeMs - xMin) * scale;
        if (!(pos >= bucketStart && pos < bucketEnd)) {
            const double c = std::floor(pos);
            b = c <= 0 ? 0 : (c >= double(buckets - 1) ? buckets - 1 : int(c));
            bucketStart = b == 0 ? -std::numeric_limits<double>::infinity() : double(b);
            bucketEnd = b == buckets - 1 ? std::numeric_limits<double>::infinity() : double(b + 1);
        }
        VolumeBucket& bucket = out[b];
        switch (t.side) {
        case TradeSide::Buy:
            bucket.buy += double(t.volume);
            break;
        case TradeSide::Sell:
            bucket.sell += double(t.volume);
            break;
        case TradeSide::Neutral:
            bucket.neutral += double(t.volume);
            break;
        }
    }
    return out;
}
