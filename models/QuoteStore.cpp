#include "QuoteStore.h"

#include <QDateTime>

std::optional<double> QuoteState::changePercent() const
{
    const Decimal diff = change();
    if (diff.isNull() || prevClose.isNull() || prevClose.isZero())
        return std::nullopt;
    return 100.0 * diff.toDouble() / prevClose.toDouble();
}

namespace {
BookLevel bestOf(const QList<BookLevel>& side)
{
    return side.isEmpty() ? BookLevel() : side.first();
}
} // namespace

void QuoteState::setBook(QList<BookLevel> newBids, QList<BookLevel> newAsks)
{
    bids = std::move(newBids);
    asks = std::move(newAsks);
    bestBid = bestOf(bids);
    bestAsk = bestOf(asks);
}

QuoteStore::QuoteStore(QObject* parent)
    : QObject(parent)
{
    m_drainTimer.setSingleShot(true);
    m_drainTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_drainTimer, &QTimer::timeout, this, &QuoteStore::drain);
}

void QuoteStore::attach(UpdateBuffer* buffer, int intervalMs)
{
    if (m_buffer)
        disconnect(m_buffer, nullptr, this, nullptr);
    m_buffer = buffer;
    m_drainTimer.setInterval(intervalMs);
    if (!buffer)
        return;
    connect(
        buffer, &UpdateBuffer::updatesAvailable, this,
        [this] {
            if (!m_drainTimer.isActive())
                m_drainTimer.start();
        },
        Qt::QueuedConnection);
    if (buffer->pendingSymbols() > 0)
        m_drainTimer.start();
}

void QuoteStore::drain()
{
    if (!m_buffer)
        return;
    UpdateBuffer::Batch batch = m_buffer->take();
    applyBatch(batch);
    // The books it replaced, one per symbol, are freed on the producer's thread, not here. The trades are freed here:
    // up to the cap (20,000) per drain under a flood, they would weigh on the decoding thread, which sets the
    // ingest rate, while the GUI thread has time between drains.
    batch.trades = {};
    m_buffer->recycle(std::move(batch));
}

const QuoteState* QuoteStore::quote(const QString& code) const
{
    const auto it = m_quotes.constFind(code);
    return it == m_quotes.constEnd() ? nullptr : &*it;
}

const QuoteState& QuoteStore::ensure(const QString& code)
{
    return stateFor(code);
}

QuoteState& QuoteStore::stateFor(const QString& code)
{
    auto it = m_quotes.find(code);
    if (it == m_quotes.end()) {
        it = m_quotes.insert(code, QuoteState());
        it->code = code;
    }
    return *it;
}

void QuoteStore::setSource(const QString& code, const QString& source)
{
    QuoteState& state = stateFor(code);
    if (state.source == source)
        return;
    state.source = source;
    Q_EMIT quotesChanged({QuoteChange{code, QuoteField::Source, 0}});
}

void QuoteStore::setAvailability(const QString& code, QuoteAvailability availability)
{
    QuoteState& state = stateFor(code);
    if (state.availability == availability)
        return;
    state.availability = availability;
    Q_EMIT quotesChanged({QuoteChange{code, QuoteField::Availability, 0}});
}

namespace {
// Assigns when different and records the field bit.
void assign(Decimal& target, const Decimal& value, quint32 bit, quint32* changed)
{
    if (target != value) {
        target = value;
        *changed |= bit;
    }
}
} // namespace

void QuoteStore::applyBatch(UpdateBuffer::Batch& batch)
{
    if (batch.isEmpty() && batch.trades.isEmpty())
        return;
    const qint64 wallNow = QDateTime::currentMSecsSinceEpoch();
    qint64 oldestNs = 0;
    QList<QuoteChange> changes;
    changes.reserve(batch.deltas.size());

    for (auto it = batch.deltas.begin(); it != batch.deltas.end(); ++it) {
        UpdateBuffer::Delta& d = it.value();
        QuoteState& q = stateFor(it.key());
        quint32 changed = 0;
        int direction = 0;

        if (d.fields & UpdateBuffer::ReferenceField) {
            const ReferenceData& ref = d.reference;
            if (!ref.prevClose.isNull())
                assign(q.prevClose, ref.prevClose, QuoteField::PrevClose, &changed);
            if (!ref.open.isNull())
                assign(q.open, ref.open, QuoteField::Open, &changed);
            if (!ref.high.isNull() && (q.high.isNull() || ref.high > q.high))
                assign(q.high, ref.high, QuoteField::High, &changed);
            if (!ref.low.isNull() && (q.low.isNull() || ref.low < q.low))
                assign(q.low, ref.low, QuoteField::Low, &changed);
        }

        if (d.fields & UpdateBuffer::TradeField) {
            if (!q.last.isNull() && !d.last.isNull())
                direction = d.last > q.last ? 1 : (d.last < q.last ? -1 : 0);
            assign(q.last, d.last, QuoteField::Last, &changed);
            q.lastSide = d.side;
            if (q.open.isNull() && !d.firstPrice.isNull())
                assign(q.open, d.firstPrice, QuoteField::Open, &changed);
            if (!d.high.isNull() && (q.high.isNull() || d.high > q.high))
                assign(q.high, d.high, QuoteField::High, &changed);
            if (!d.low.isNull() && (q.low.isNull() || d.low < q.low))
                assign(q.low, d.low, QuoteField::Low, &changed);
            if (!d.volumeAdd.isNull() && !d.volumeAdd.isZero()) {
                q.volume = q.volume.isNull() ? d.volumeAdd : q.volume + d.volumeAdd;
                changed |= QuoteField::Volume;
            }
            if (!d.turnoverAdd.isNull() && !d.turnoverAdd.isZero()) {
                q.turnover = q.turnover.isNull() ? d.turnoverAdd : q.turnover + d.turnoverAdd;
                changed |= QuoteField::Turnover;
            }
        }

        if (d.fields & UpdateBuffer::BookField) {
            // Compared with the best levels kept in the state: the previous lists are not read at all.
            const BookLevel bid = bestOf(d.bids);
            const BookLevel ask = bestOf(d.asks);
            if (bid.price != q.bestBid.price)
                changed |= QuoteField::Bid;
            if (bid.volume != q.bestBid.volume)
                changed |= QuoteField::BidSize;
            if (ask.price != q.bestAsk.price)
                changed |= QuoteField::Ask;
            if (ask.volume != q.bestAsk.volume)
                changed |= QuoteField::AskSize;
            q.bestBid = bid;
            q.bestAsk = ask;
            // A new snapshot is a change of the book without comparing every level: only the order book of the
            // selected symbol listens, and comparing 5,000 ten-level books cost a sixth of a whole-market apply.
            // Swapped, not copied: the delta keeps the old lists, freed with the batch off this thread.
            q.bids.swap(d.bids);
            q.asks.swap(d.asks);
            changed |= QuoteField::Book;
        }

        if (d.timeMs > q.timeMs) {
            q.timeMs = d.timeMs;
            changed |= QuoteField::Time;
        }
        if (d.fields & (UpdateBuffer::TradeField | UpdateBuffer::BookField)) {
            if (q.availability != QuoteAvailability::Live) {
                q.availability = QuoteAvailability::Live; // data arrived after all
                changed |= QuoteField::Availability;
            }
            q.receivedMs = wallNow;
            if (d.receivedNs > 0)
                q.receivedNs = d.receivedNs;
        }
        if (d.receivedNs > 0 && (oldestNs == 0 || d.receivedNs < oldestNs))
            oldestNs = d.receivedNs;
        if (changed)
            changes.append(QuoteChange{it.key(), changed, direction});
    }

    if (!changes.isEmpty())
        Q_EMIT quotesChanged(changes);
    if (!batch.trades.isEmpty())
        Q_EMIT tradesAppended(batch.trades);
    if (oldestNs > 0)
        m_lastLatencyNs = UpdateBuffer::monotonicNowNs() - oldestNs;
}
