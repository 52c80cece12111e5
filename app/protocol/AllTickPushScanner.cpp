#include "AllTickCodec.h"
#include "AllTickCodec_p.h"

namespace AllTick::detail {

namespace {

// One pass over a frame; every method returns false as soon as the input leaves the accepted subset, and the caller
// gives up on the fast path.
class Scanner
{
public:
    explicit Scanner(std::string_view text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    {}

    bool atEnd()
    {
        skipSpace();
        return m_p == m_end;
    }

    bool consume(char c)
    {
        skipSpace();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }

    // The next non-space character, not consumed; 0 at the end.
    char peek()
    {
        skipSpace();
        return m_p < m_end ? *m_p : '\0';
    }

    // A string without escapes, control characters or non-ASCII bytes; *out is its content.
    bool string(std::string_view* out)
    {
        if (!consume('"'))
            return false;
        const char* const begin = m_p;
        while (m_p < m_end) {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                *out = std::string_view(begin, size_t(m_p - begin));
                ++m_p;
                return true;
            }
            if (c == '\\' || c < 0x20 || c >= 0x80)
                return false;
            ++m_p;
        }
        return false;
    }

    // A string's trimmed content or a number's token: the text the simdjson path reads for a scalar.
    bool scalarText(std::string_view* out)
    {
        const char c = peek();
        if (c == '"') {
            if (!string(out))
                return false;
            *out = trimmed(*out);
            return true;
        }
        if (c != '-' && !(c >= '0' && c <= '9'))
            return false;
        const char* const begin = m_p;
        while (m_p < m_end && isNumberChar(*m_p))
            ++m_p;
        *out = std::string_view(begin, size_t(m_p - begin));
        return atDelimiter();
    }

    // A JSON null, consumed; false (nothing consumed) for anything else.
    bool null() { return peek() == 'n' && literal("null"); }

    // A decimal from a string or a number; null leaves *out null and, when given, sets *present to false.
    bool decimal(Decimal* out, bool* present = nullptr)
    {
        if (null()) {
            *out = Decimal();
            if (present)
                *present = false;
            return true;
        }
        if (present)
            *present = true;
        if (plainDecimalString(out))
            return true;
        std::string_view text;
        if (!scalarText(&text))
            return false;
        bool ok = false;
        *out = Decimal::parse(QByteArrayView(text.data(), qsizetype(text.size())), &ok);
        return ok;
    }

    // An integer from a string or a number; null reads as 0, as on the simdjson path.
    bool integer(qint64* out)
    {
        if (null()) {
            *out = 0;
            return true;
        }
        std::string_view text;
        return scalarText(&text) && parseInt64(text, out);
    }

    // Skips a value of an unknown key: a string, a number or a literal. Objects and arrays are left to simdjson.
    bool skipScalar()
    {
        std::string_view ignored;
        switch (peek()) {
        case '"':
            return string(&ignored);
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return scalarText(&ignored);
        }
    }

    // Iterates "key": value members of an object until its closing brace; fn(key) reads the value.
    template <typename Fn>
    bool members(Fn&& fn)
    {
        if (!consume('{'))
            return false;
        if (consume('}'))
            return true;
        do {
            std::string_view key;
            if (!string(&key) || !consume(':') || !fn(key))
                return false;
        } while (consume(','));
        return consume('}');
    }

private:
    // The usual form of a price or size, read in the same pass that finds the closing quote: "-?d+(.d+)?" with at most
    // 18 digits and 10 decimals, nothing else inside the quotes. Gives what Decimal::parse gives for the same text;
    // anything else returns false with nothing consumed, for the general path.
    bool plainDecimalString(Decimal* out)
    {
        static constexpr quint64 Pow10[] = {1ULL,         10ULL,         100ULL,        1000ULL,
                                            10000ULL,     100000ULL,     1000000ULL,    10000000ULL,
                                            100000000ULL, 1000000000ULL, 10000000000ULL};
        const char* p = m_p; // peek() skipped the space before the quote
        if (p == m_end || *p != '"')
            return false;
        ++p;
        const bool negative = p < m_end && *p == '-';
        p += negative ? 1 : 0;
        const char* const digits = p;
        quint64 units = 0;
        while (p < m_end && *p >= '0' && *p <= '9')
            units = units * 10 + quint64(*p++ - '0');
        const qsizetype intDigits = p - digits;
        int scale = 0;
        qsizetype fracDigits = 0;
        if (p < m_end && *p == '.') {
            ++p;
            int zeros = 0; // decimals seen since the last non-zero one
            const char* const frac = p;
            while (p < m_end && *p >= '0' && *p <= '9' && p - frac < 10) {
                if (*p == '0') {
                    ++zeros;
                } else {
                    units = units * Pow10[zeros + 1] + quint64(*p - '0');
                    scale += zeros + 1;
                    zeros = 0;
                }
                ++p;
            }
            fracDigits = p - frac;
            if (fracDigits == 0)
                return false;
        }
        if (intDigits == 0 || intDigits + fracDigits > 18 || p == m_end || *p != '"')
            return false;
        m_p = p + 1;
        *out = Decimal::fromUnits(negative ? -qint64(units) : qint64(units), units == 0 ? 0 : scale);
        return true;
    }

    static bool isNumberChar(char c)
    {
        return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    }

    void skipSpace()
    {
        while (m_p < m_end && isJsonSpace(*m_p))
            ++m_p;
    }

    // After a number or a literal: the end of the value.
    bool atDelimiter()
    {
        if (m_p == m_end)
            return true;
        const char c = *m_p;
        return isJsonSpace(c) || c == ',' || c == '}' || c == ']';
    }

    bool literal(std::string_view word)
    {
        if (size_t(m_end - m_p) < word.size() || std::string_view(m_p, word.size()) != word)
            return false;
        const char* const start = m_p;
        m_p += word.size();
        if (atDelimiter())
            return true;
        m_p = start; // "nullx" is no literal: nothing consumed
        return false;
    }

    const char* m_p;
    const char* const m_end;
};

// Marks a key as seen; false when it was seen before (duplicates are left to the simdjson path).
bool firstTime(unsigned* seen, unsigned bit)
{
    if (*seen & bit)
        return false;
    *seen |= bit;
    return true;
}

bool scanLevels(Scanner& s, QList<BookLevel>* out)
{
    if (!s.consume('['))
        return false;
    if (s.consume(']'))
        return true;
    do {
        BookLevel level;
        bool hasPrice = false;
        unsigned seen = 0;
        const bool ok = s.members([&](std::string_view key) {
            if (key == "price")
                return firstTime(&seen, 1) && s.decimal(&level.price, &hasPrice);
            if (key == "volume")
                return firstTime(&seen, 2) && s.decimal(&level.volume);
            return s.skipScalar();
        });
        if (!ok)
            return false;
        if (hasPrice) {
            if (out->isEmpty())
                out->reserve(10);
            out->append(level);
        }
    } while (s.consume(','));
    return s.consume(']');
}

bool scanPayload(Scanner& s, Payload* p)
{
    unsigned seen = 0;
    const bool ok = s.members([&](std::string_view key) {
        if (key == "code") {
            if (!firstTime(&seen, 1 << 0) || !s.string(&p->code))
                return false;
            p->codePresence = Presence::Present;
            return true;
        }
        if (key == "price") {
            bool present = false;
            if (!firstTime(&seen, 1 << 1) || !s.decimal(&p->price, &present))
                return false;
            p->pricePresence = present ? Presence::Present : Presence::Missing;
            return true;
        }
        if (key == "volume")
            return firstTime(&seen, 1 << 2) && s.decimal(&p->volume);
        if (key == "turnover")
            return firstTime(&seen, 1 << 3) && s.decimal(&p->turnover);
        if (key == "seq")
            return firstTime(&seen, 1 << 4) && s.integer(&p->seq);
        if (key == "tick_time")
            return firstTime(&seen, 1 << 5) && s.integer(&p->tickTime);
        if (key == "trade_direction")
            return firstTime(&seen, 1 << 6) && s.integer(&p->direction);
        if (key == "bids")
            return firstTime(&seen, 1 << 7) && scanLevels(s, &p->bids);
        if (key == "asks")
            return firstTime(&seen, 1 << 8) && scanLevels(s, &p->asks);
        return s.skipScalar();
    });
    p->isObject = ok;
    return ok;
}

} // namespace

bool scanPush(std::string_view frame, int* cmdId, Payload* payload)
{
    Scanner s(frame);
    qint64 cmd = 0;
    unsigned seen = 0;
    const bool ok = s.members([&](std::string_view key) {
        if (key == "cmd_id")
            return firstTime(&seen, 1) && s.integer(&cmd) && (cmd == PushTrade || cmd == PushDepth);
        if (key == "data")
            return firstTime(&seen, 2) && s.peek() == '{' && scanPayload(s, payload);
        if (key == "ret")
            return false; // a response
        return s.skipScalar();
    });
    if (!ok || seen != 3 || !s.atEnd())
        return false;
    *cmdId = int(cmd);
    return true;
}

} // namespace AllTick::detail
