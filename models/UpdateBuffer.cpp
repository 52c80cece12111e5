#include "UpdateBuffer.h"

#include <QElapsedTimer>
#include <QMutexLocker>

namespace {
qint64 monotonicNs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.nsecsElapsed();
}
} // namespace

UpdateBuffer::UpdateBuffer(QObject* parent)
    : QObject(parent)
{}

UpdateBuffer::Delta& UpdateBuffer::deltaFor(const QString& code, qint64 nowNs)
{
    auto it = m_pending.deltas.find(code);
    if (it == m_pending.deltas.end()) {
        it = m_pending.deltas.insert(code, Delta());
        it->receivedNs = nowNs;
    }
    return *it;
}

void UpdateBuffer::notifyIfNeeded(bool wasEmpty)
{
    if (wasEmpty)
        Q_EMIT updatesAvailable();
}

void UpdateBuffer::mergeTrade(const TradeTick& trade, qint64 nowNs)
{
    Delta& d = deltaFor(trade.code, nowNs);
    d.fields |= TradeField;
    if (d.tradeCount == 0) {
        d.firstPrice = trade.price;
        d.high = trade.price;
        d.low = trade.price;
    } else {
        if (trade.price > d.high)
            d.high = trade.price;
        if (trade.price < d.low)
            d.low = trade.price;
    }
    d.last = trade.price;
    d.side = trade.side;
    ++d.tradeCount;
    if (!trade.volume.isNull())
        d.volumeAdd = d.volumeAdd.isNull() ? trade.volume : d.volumeAdd + trade.volume;
    // Forex and metals send no turnover: price x volume stands in when the volume is real.
    Decimal turnover = trade.turnover;
    if (turnover.isNull() && !trade.volume.isNull() && !trade.volume.isZero())
        turnover = trade.price * trade.volume;
    if (!turnover.isNull())
        d.turnoverAdd = d.turnoverAdd.isNull() ? turnover : d.turnoverAdd + turnover;
    d.timeMs = qMax(d.timeMs, trade.timeMs);
    if (!trade.sessionSoFar)
        m_pending.trades.append(trade);
}

void UpdateBuffer::mergeBook(const BookSnapshot& book, qint64 nowNs)
{
    Delta& d = deltaFor(book.code, nowNs);
    d.fields |= BookField;
    d.bids = book.bids;
    d.asks = book.asks;
    d.timeMs = qMax(d.timeMs, book.timeMs);
}

void UpdateBuffer::enforceTradeCap()
{
    // Trimming drops the oldest trades by moving the rest to the front: done each time the list passed the cap, a
    // GUI that fell behind would move the whole list for every batch. Let it reach twice the cap (or the cap plus
    // 1,024) first, and trim to the cap in take(), so the consumer still gets at most the cap, the newest ones.
    if (m_pending.trades.size() > m_tradeCap + qMax(m_tradeCap, 1024))
        trimTrades();
}

void UpdateBuffer::trimTrades()
{
    if (m_pending.trades.size() > m_tradeCap) {
        const qsizetype excess = m_pending.trades.size() - m_tradeCap;
        m_pending.trades.remove(0, excess);
        m_pending.tradesDropped += quint64(excess);
    }
}

void UpdateBuffer::addTrade(const TradeTick& trade)
{
    const qint64 now = monotonicNs();
    bool wasEmpty = false;
    std::vector<Batch> spent; // freed on return, after the lock is released
    {
        QMutexLocker lock(&m_mutex);
        spent.swap(m_spent);
        wasEmpty = m_pending.deltas.isEmpty();
        mergeTrade(trade, now);
        enforceTradeCap();
    }
    notifyIfNeeded(wasEmpty);
}

void UpdateBuffer::addBook(const BookSnapshot& book)
{
    const qint64 now = monotonicNs();
    bool wasEmpty = false;
    std::vector<Batch> spent;
    {
        QMutexLocker lock(&m_mutex);
        spent.swap(m_spent);
        wasEmpty = m_pending.deltas.isEmpty();
        mergeBook(book, now);
    }
    notifyIfNeeded(wasEmpty);
}

void UpdateBuffer::addBatch(const QList<TradeTick>& trades, const QList<BookSnapshot>& books, qint64 receivedNs)
{
    if (trades.isEmpty() && books.isEmpty())
        return;
    bool wasEmpty = false;
    std::vector<Batch> spent;
    {
        QMutexLocker lock(&m_mutex);
        spent.swap(m_spent);
        wasEmpty = m_pending.deltas.isEmpty();
        for (const TradeTick& trade : trades)
            mergeTrade(trade, receivedNs);
        // Trimmed once: the same trades survive as when trimming after each one.
        enforceTradeCap();
        for (const BookSnapshot& book : books)
            mergeBook(book, receivedNs);
    }
    notifyIfNeeded(wasEmpty);
}

void UpdateBuffer::addReference(const ReferenceData& reference)
{
    const qint64 now = monotonicNs();
    bool wasEmpty = false;
    std::vector<Batch> spent;
    {
        QMutexLocker lock(&m_mutex);
        spent.swap(m_spent);
        wasEmpty = m_pending.deltas.isEmpty();
        Delta& d = deltaFor(reference.code, now);
        d.fields |= ReferenceField;
        d.reference = reference;
    }
    notifyIfNeeded(wasEmpty);
}

void UpdateBuffer::setTradeCap(int cap)
{
    QMutexLocker lock(&m_mutex);
    m_tradeCap = qMax(0, cap);
}

UpdateBuffer::Batch UpdateBuffer::take()
{
    QMutexLocker lock(&m_mutex);
    trimTrades();
    Batch out;
    out.deltas.swap(m_pending.deltas);
    out.trades.swap(m_pending.trades);
    out.tradesDropped = m_pending.tradesDropped;
    m_pending.tradesDropped = 0;
    return out;
}

void UpdateBuffer::recycle(Batch&& spent)
{
    Batch overflow; // freed here, outside the lock, when no producer has come by for a while
    QMutexLocker lock(&m_mutex);
    if (m_spent.size() >= MaxSpent) {
        overflow = std::move(m_spent.front());
        m_spent.erase(m_spent.begin());
    }
    m_spent.push_back(std::move(spent));
    lock.unlock();
}

int UpdateBuffer::pendingTradeCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_pending.trades.size());
}

int UpdateBuffer::pendingSymbols() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_pending.deltas.size());
}

qint64 UpdateBuffer::monotonicNowNs()
{
    return monotonicNs();
}
