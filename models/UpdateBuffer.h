#pragma once

#include "QuoteTypes.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>

#include <vector>

// The bounded hand-over point between the network/decoding thread and the GUI thread.
// Producers merge into it (successive quotes of one symbol collapse into one delta, so its size is bounded by the
// number of symbols, not by the message rate); the consumer takes everything at its own pace.
// Trades are also kept in order for time & sales, up to a cap (oldest dropped and counted).
class UpdateBuffer : public QObject
{
    Q_OBJECT
public:
    enum Field : quint32 {
        TradeField = 1u << 0,     // last, side, high/low/open candidates, volume/turnover increments, time
        BookField = 1u << 1,      // a full book replaced the previous one
        ReferenceField = 1u << 2, // previous close and today's session values from REST
    };

    struct Delta
    {
        quint32 fields = 0;
        // Trades merged since the last take().
        Decimal last;
        Decimal firstPrice; // first trade price in this delta (open candidate)
        Decimal high;
        Decimal low;
        Decimal volumeAdd;
        Decimal turnoverAdd;
        TradeSide side = TradeSide::Neutral;
        int tradeCount = 0;
        qint64 timeMs = 0;     // newest exchange time seen (trade or book)
        qint64 receivedNs = 0; // monotonic receive time of the oldest update merged here (for tick-to-paint latency)
        // Book: the newest snapshot replaces older ones.
        QList<BookLevel> bids;
        QList<BookLevel> asks;
        ReferenceData reference;
    };

    struct Batch
    {
        QHash<QString, Delta> deltas;
        QList<TradeTick> trades; // oldest first
        quint64 tradesDropped = 0;
        bool isEmpty() const { return deltas.isEmpty(); }
    };

    explicit UpdateBuffer(QObject* parent = nullptr);

    // Producer side: callable from any thread.
    void addTrade(const TradeTick& trade);
    void addBook(const BookSnapshot& book);
    void addReference(const ReferenceData& reference);
    // Merges a decoded batch under one lock, exactly as addTrade() for each trade and addBook() for each book in
    // order (trades and books touch separate fields, so their relative order does not matter). Symbols new to the
    // buffer get `receivedNs` (UpdateBuffer::monotonicNowNs() when the batch's oldest frame arrived).
    void addBatch(const QList<TradeTick>& trades, const QList<BookSnapshot>& books, qint64 receivedNs);
    void setTradeCap(int cap);
    // Trades held for the next take(): at most twice the cap (or the cap plus 1,024), whatever the backlog.
    int pendingTradeCount() const;

    // Consumer side.
    Batch take();
    // Hands a batch the consumer is done with back to be freed by the next producer call, on the producer's thread
    // and outside the lock: a whole-market batch holds thousands of replaced books whose freeing would otherwise
    // fall on the GUI thread. At most a few are held; beyond that the oldest is freed here.
    void recycle(Batch&& spent);
    int pendingSymbols() const;

    // The monotonic clock that stamps Delta::receivedNs.
    static qint64 monotonicNowNs();

Q_SIGNALS:
    // Emitted from the producer's thread when data arrives in an empty buffer; connect with a queued connection.
    void updatesAvailable();

private:
    Delta& deltaFor(const QString& code, qint64 nowNs);
    void mergeTrade(const TradeTick& trade, qint64 nowNs);
    void mergeBook(const BookSnapshot& book, qint64 nowNs);
    void enforceTradeCap();
    void trimTrades();
    void notifyIfNeeded(bool wasEmpty);

    mutable QMutex m_mutex;
    Batch m_pending;
    static constexpr size_t MaxSpent = 4;
    std::vector<Batch> m_spent; // recycled batches, freed by the next producer call
    int m_tradeCap = 20000;
};
