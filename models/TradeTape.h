#pragma once

#include "QuoteTypes.h"

#include <QHash>
#include <QObject>

#include <list>

class QuoteStore;

// A bounded cache of the latest trades of every symbol seen, so time & sales can show recent trades at once when the
// user selects another symbol. Each symbol keeps its last tradesPerSymbol() trades; at most symbolCapacity() symbols
// are kept, the one that traded least recently is evicted first.
class TradeTape : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultTradesPerSymbol = 200;
    static constexpr int DefaultSymbolCapacity = 200;

    // Records every batch of `store`'s tradesAppended; `store` may be null (feed it with append()).
    explicit TradeTape(QuoteStore* store, QObject* parent = nullptr);

    // Capacities are at least 1; lowering them trims at once.
    void setCapacity(int tradesPerSymbol, int symbolCapacity);
    int tradesPerSymbol() const { return m_tradesPerSymbol; }
    int symbolCapacity() const { return m_symbolCapacity; }

    // Trades in arrival order (oldest first).
    void append(const QList<TradeTick>& trades);
    void clear();

    // The latest trades of `code`, oldest first; empty when unknown or evicted.
    QList<TradeTick> recent(const QString& code) const;
    bool contains(const QString& code) const { return m_entries.contains(code); }
    int symbolCount() const { return int(m_entries.size()); }
    // Codes from the least to the most recently traded.
    QStringList codes() const;

private:
    struct Entry
    {
        QList<TradeTick> trades; // oldest first, at most m_tradesPerSymbol
        std::list<QString>::iterator use;
    };
    void evictOverflow();

    QHash<QString, Entry> m_entries;
    std::list<QString> m_useOrder; // least recently traded first
    int m_tradesPerSymbol = DefaultTradesPerSymbol;
    int m_symbolCapacity = DefaultSymbolCapacity;
};
