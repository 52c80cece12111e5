#pragma once

#include "QuoteTypes.h"
#include "UpdateBuffer.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

// What the serving feed says about a symbol besides its prices.
enum class QuoteAvailability : quint8 {
    Live,        // data flows, or nothing is known to be wrong
    NoData,      // subscribed, but the feed sent nothing for it within its timeout (QMT Bridge reports nothing)
    UnknownCode, // the feed does not know the code (QMT: null instrument detail)
};

// Everything known about one symbol, on the GUI thread.
struct QuoteState
{
    QString code;
    QString source; // feed id that serves it: "alltick", "simulator", "qmt"
    Decimal last;
    Decimal open;
    Decimal high;
    Decimal low;
    Decimal prevClose;
    Decimal volume;   // day volume accumulated from trades since the monitor subscribed
    Decimal turnover; // day turnover accumulated the same way
    QList<BookLevel> bids;
    QList<BookLevel> asks;
    // bids.first() and asks.first() (null levels when a side is empty), kept beside the other figures: the store
    // compares and the watchlist reads them for every symbol, and the lists live elsewhere on the heap.
    BookLevel bestBid;
    BookLevel bestAsk;
    TradeSide lastSide = TradeSide::Neutral;
    QuoteAvailability availability = QuoteAvailability::Live;
    qint64 timeMs = 0;     // exchange time of the latest update (trade or book), ms since the epoch
    qint64 receivedMs = 0; // local wall-clock time of the latest update
    qint64 receivedNs = 0; // UpdateBuffer::monotonicNowNs() at receipt of the oldest update merged into the latest
                           // applied trade or book change (for tick-to-paint latency probes)

    // Replaces the book, keeping bestBid and bestAsk in step with it.
    void setBook(QList<BookLevel> newBids, QList<BookLevel> newAsks);

    const Decimal& bid() const { return bestBid.price; }
    const Decimal& bidSize() const { return bestBid.volume; }
    const Decimal& ask() const { return bestAsk.price; }
    const Decimal& askSize() const { return bestAsk.volume; }
    // last - prevClose; null when either is unknown.
    Decimal change() const { return last - prevClose; }
    // 100 * change / prevClose; empty when unknown or prevClose is zero.
    std::optional<double> changePercent() const;
};

namespace QuoteField {
enum : quint32 {
    Last = 1u << 0,
    Bid = 1u << 1,
    BidSize = 1u << 2,
    Ask = 1u << 3,
    AskSize = 1u << 4,
    Volume = 1u << 5,
    Turnover = 1u << 6,
    Open = 1u << 7,
    High = 1u << 8,
    Low = 1u << 9,
    PrevClose = 1u << 10,
    Time = 1u << 11,
    Book = 1u << 12, // any level of the book
    Source = 1u << 13,
    Availability = 1u << 14,
};
}

struct QuoteChange
{
    QString code;
    quint32 fields = 0; // QuoteField bits that really changed value
    int direction = 0;  // +1 when the last price went up in this update, -1 down, 0 otherwise
};

Q_DECLARE_METATYPE(QuoteChange)

// Keyed store of quotes on the GUI thread. Drains an UpdateBuffer on a coalescing timer, so the message rate never
// drives the repaint rate, and tells views exactly which fields of which symbols changed, once per drain.
class QuoteStore : public QObject
{
    Q_OBJECT
public:
    explicit QuoteStore(QObject* parent = nullptr);

    // Drains `buffer` at most once per `intervalMs` after it reports data.
    void attach(UpdateBuffer* buffer, int intervalMs = 16);
    // Applies `batch`, moving its books into the store: each delta is left holding the book it replaced, so the
    // caller can have those freed elsewhere (drain() hands the spent batch back to the buffer's producer).
    void applyBatch(UpdateBuffer::Batch& batch);
    void applyBatch(UpdateBuffer::Batch&& batch) { applyBatch(batch); }

    const QuoteState* quote(const QString& code) const;
    // Creates the entry when missing; returns it.
    const QuoteState& ensure(const QString& code);
    void setSource(const QString& code, const QString& source);
    // What the feed says about the symbol (no data yet, unknown code); a trade or book for it sets it back to Live.
    void setAvailability(const QString& code, QuoteAvailability availability);
    // Latency of the last drain (monotonic receive of the oldest merged update to the end of applyBatch), in ns.
    qint64 lastDrainLatencyNs() const { return m_lastLatencyNs; }

public Q_SLOTS:
    void drain();

Q_SIGNALS:
    void quotesChanged(const QList<QuoteChange>& changes);
    void tradesAppended(const QList<TradeTick>& trades);

private:
    QuoteState& stateFor(const QString& code);

    QHash<QString, QuoteState> m_quotes;
    QPointer<UpdateBuffer> m_buffer;
    QTimer m_drainTimer;
    qint64 m_lastLatencyNs = 0;
};
