#include "TradeTape.h"

#include "QuoteStore.h"

#include <QSet>
#include <QStringList>

TradeTape::TradeTape(QuoteStore* store, QObject* parent)
    : QObject(parent)
{
    if (store)
        connect(store, &QuoteStore::tradesAppended, this, &TradeTape::append);
}

void TradeTape::setCapacity(int tradesPerSymbol, int symbolCapacity)
{
    m_tradesPerSymbol = std::max(1, tradesPerSymbol);
    m_symbolCapacity = std::max(1, symbolCapacity);
    for (Entry& entry : m_entries) {
        if (entry.trades.size() > m_tradesPerSymbol)
            entry.trades.remove(0, entry.trades.size() - m_tradesPerSymbol);
    }
    evictOverflow();
}

void TradeTape::append(const QList<TradeTick>& trades)
{
    // When one batch trades more symbols than the tape keeps (a whole-market snapshot), only the symbols that traded
    // last survive the eviction below: find them first and skip the rest instead of inserting and evicting thousands
    // of entries.
    QSet<QString> survivors;
    for (auto it = trades.crbegin(); it != trades.crend() && survivors.size() < m_symbolCapacity; ++it)
        survivors.insert(it->code);
    const bool filter = survivors.size() >= m_symbolCapacity;
    for (const TradeTick& trade : trades) {
        if (filter && !survivors.contains(trade.code))
            continue;
        auto it = m_entries.find(trade.code);
        if (it == m_entries.end()) {
            m_useOrder.push_back(trade.code);
            it = m_entries.insert(trade.code, Entry{{}, std::prev(m_useOrder.end())});
        } else if (it->use != std::prev(m_useOrder.end())) {
            m_useOrder.splice(m_useOrder.end(), m_useOrder, it->use); // iterators stay valid
        }
        QList<TradeTick>& ring = it->trades;
        if (ring.size() >= m_tradesPerSymbol)
            ring.removeFirst();
        ring.append(trade);
    }
    evictOverflow();
}

void TradeTape::clear()
{
    m_entries.clear();
    m_useOrder.clear();
}

QList<TradeTick> TradeTape::recent(const QString& code) const
{
    return m_entries.value(code).trades;
}

QStringList TradeTape::codes() const
{
    QStringList result;
    result.reserve(int(m_useOrder.size()));
    for (const QString& code : m_useOrder)
        result.append(code);
    return result;
}

void TradeTape::evictOverflow()
{
    while (int(m_entries.size()) > m_symbolCapacity && !m_useOrder.empty()) {
        m_entries.remove(m_useOrder.front());
        m_useOrder.pop_front();
    }
}
