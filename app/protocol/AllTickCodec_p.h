#pragma once

// Internal to the AllTick codec: the push payload both decoding paths fill, and the fast path's scanner.

#include "QuoteTypes.h"

#include <QList>

#include <string_view>

namespace AllTick::detail {

enum class Presence : quint8 { Missing, Present, Invalid };

// The `data` object of a push, as read from the frame. Views point into the frame (or the decoder's copy of it).
struct Payload
{
    bool isObject = false;
    std::string_view code;
    Presence codePresence = Presence::Missing;
    qint64 seq = 0;
    qint64 tickTime = 0;
    Decimal price;
    Presence pricePresence = Presence::Missing;
    Decimal volume;
    Decimal turnover;
    qint64 direction = 0;
    QList<BookLevel> bids;
    QList<BookLevel> asks;
};

inline bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

inline std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && isJsonSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isJsonSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

// Strict integer text: [+-]digits; an integral decimal such as "123.000" is accepted too.
bool parseInt64(std::string_view s, qint64* out);

// The fast path for the pushes that make up nearly all of the traffic (22998 trade, 22999 depth): one pass over the
// frame, no copy, no padding. It accepts only a strict subset of JSON whose meaning is plain: strings without escapes,
// control or non-ASCII bytes, numbers, no duplicate keys, every value of the type the protocol gives it (or null for
// the numbers), unknown keys with scalar values, nothing after the closing brace. For anything else (responses,
// unknown commands, escapes, nested unknown values, numbers that do not parse, invalid JSON) it returns false without
// deciding, and the caller decodes the frame with simdjson. Whenever it returns
// true, *cmdId and *payload are what the simdjson path reads from the same frame (tst_alltickcodec checks both paths
// on every fixture and on mutated frames).
bool scanPush(std::string_view frame, int* cmdId, Payload* payload);

} // namespace AllTick::detail
