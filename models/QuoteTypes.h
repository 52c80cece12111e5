#pragma once

#include "Decimal.h"

#include <QList>
#include <QMetaType>
#include <QString>

// Value types that the protocol codecs produce and the models consume.

enum class TradeSide : quint8 { Neutral = 0, Buy = 1, Sell = 2 };

struct TradeTick
{
    QString code;
    qint64 seq = 0;    // exchange/vendor sequence, never passed through a double
    qint64 timeMs = 0; // exchange time, ms since the epoch (UTC)
    Decimal price;
    Decimal volume;   // size of this trade, in the feed's unit
    Decimal turnover; // null when the feed sends none (forex, metals)
    TradeSide side = TradeSide::Neutral;
    // Not a trade but the session so far, from a snapshot (a QMT Bridge seed or first tick, whose cumulative volume
    // and turnover cover the day until then): moves last, volume and turnover like a trade, but is no print in time &
    // sales or on the chart.
    bool sessionSoFar = false;
};

struct BookLevel
{
    Decimal price;
    Decimal volume; // null when the feed sends price only (forex)

    friend bool operator==(const BookLevel& a, const BookLevel& b)
    {
        return a.price == b.price && a.volume == b.volume;
    }
    friend bool operator!=(const BookLevel& a, const BookLevel& b) { return !(a == b); }
};

struct BookSnapshot
{
    QString code;
    qint64 seq = 0;
    qint64 timeMs = 0;
    QList<BookLevel> bids; // best first; may be empty (limit up/down)
    QList<BookLevel> asks; // best first; may be empty
};

// Reference data fetched over REST (AllTick daily K-line, QMT instrument detail).
struct ReferenceData
{
    QString code;
    Decimal prevClose;
    Decimal open; // today's session values when the daily bar for today exists
    Decimal high;
    Decimal low;
    qint64 barTimeMs = 0;
};

Q_DECLARE_METATYPE(TradeTick)
Q_DECLARE_METATYPE(BookSnapshot)
Q_DECLARE_METATYPE(ReferenceData)
