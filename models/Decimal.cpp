#include "Decimal.h"

#include <QVarLengthArray>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace {

__extension__ typedef __int128 Wide; // __extension__: no -Wpedantic warning

constexpr qint64 kInt64Max = std::numeric_limits<qint64>::max();
constexpr qint64 kInt64Min = std::numeric_limits<qint64>::min();
constexpr qint64 kMaxExactDouble = qint64(1) << 53;

constexpr qint64 kPow10[] = {1LL,
                             10LL,
                             100LL,
                             1000LL,
                             10000LL,
                             100000LL,
                             1000000LL,
                             10000000LL,
                             100000000LL,
                             1000000000LL,
                             10000000000LL,
                             100000000000LL,
                             1000000000000LL,
                             10000000000000LL,
                             100000000000000LL,
                             1000000000000000LL,
                             10000000000000000LL,
                             100000000000000000LL,
                             1000000000000000000LL};

// 10^n for 0 <= n <= 38 (the largest power a signed 128-bit integer holds). Table lookup up to 10^18: this is on
// every mixed-scale comparison and sum, which the store runs for every book level of every update.
Wide pow10Wide(int n)
{
    if (n >= 0 && n <= 18)
        return kPow10[n];
    Wide r = kPow10[18];
    for (int i = 18; i < n; ++i)
        r *= 10;
    return r;
}

bool fitsInt64(Wide v)
{
    return v >= Wide(kInt64Min) && v <= Wide(kInt64Max);
}

// v / 10^digits, rounded half away from zero.
Wide roundDivPow10(Wide v, int digits)
{
    if (digits <= 0)
        return v;
    const Wide div = pow10Wide(digits);
    Wide q = v / div;
    const Wide r = v % div; // carries the sign of v
    const Wide absR = r < 0 ? -r : r;
    if (absR >= div - absR) // absR * 2 >= div, without overflowing for div = 10^38
        q += v < 0 ? -1 : 1;
    return q;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

// Implementation helpers with access to Decimal's private constructor.
struct DecimalOps
{
    // Normalised Decimal from a wide mantissa: rounds to MaxScale, then drops further places while the mantissa does
    // not fit in 64 bits. Null when even the integer part does not fit.
    static Decimal fromWide(Wide units, int scale)
    {
        if (scale < 0) {
            if (units == 0)
                return Decimal(0, 0, true);
            if (scale < -18)
                return Decimal();
            units *= pow10Wide(-scale); // |units| < 2^63, so this cannot overflow 128 bits
            scale = 0;
        }
        if (scale > Decimal::MaxScale) {
            // |units| < 1.8e38: dropping 39 or more digits leaves less than half a unit, i.e. zero.
            units = scale - Decimal::MaxScale > 38 ? Wide(0) : roundDivPow10(units, scale - Decimal::MaxScale);
            scale = Decimal::MaxScale;
        }
        while (!fitsInt64(units) && scale > 0) {
            units = roundDivPow10(units, 1);
            --scale;
        }
        if (!fitsInt64(units))
            return Decimal();
        Decimal d(static_cast<qint64>(units), scale, true);
        d.normalize();
        return d;
    }

    // Strict ASCII parser: [+-]digits[.digits], at least one digit. Fraction digits beyond maxScale are rounded half
    // away from zero.
    static Decimal parseAscii(const char* p, qsizetype n, int maxScale = Decimal::MaxScale)
    {
        if (!p || n <= 0)
            return Decimal();
        const char* const end = p + n;
        bool negative = false;
        if (*p == '+' || *p == '-') {
            negative = *p == '-';
            ++p;
        }
        bool anyDigit = false;
        quint64 intPart = 0; // at most 19 significant digits: below 1.8e19, no overflow
        int significant = 0;
        for (; p < end && isDigit(*p); ++p) {
            anyDigit = true;
            if (intPart == 0 && *p == '0')
                continue;
            if (++significant > 19)
                return Decimal(); // integer part cannot fit in 64 bits
            intPart = intPart * 10 + (*p - '0');
        }
        const char* fracBegin = p;
        const char* fracEnd = p;
        if (p < end && *p == '.') {
            ++p;
            fracBegin = p;
            while (p < end && isDigit(*p))
                ++p;
            fracEnd = p;
            anyDigit = anyDigit || fracEnd > fracBegin;
        }
        if (p != end || !anyDigit)
            return Decimal();
        if (intPart > (negative ? quint64(kInt64Max) + 1 : quint64(kInt64Max)))
            return Decimal();

        while (fracEnd > fracBegin && fracEnd[-1] == '0')
            --fracEnd;
        const int fracLen = int(fracEnd - fracBegin);
        const int used = std::min(fracLen, maxScale);
        const bool roundUp = fracLen > used && fracBegin[used] >= '5';
        if (significant + used <= 18) {
            // Fast path: the mantissa (even after rounding up) stays below 10^18 + 1.
            quint64 m = intPart;
            for (int i = 0; i < used; ++i)
                m = m * 10 + quint64(fracBegin[i] - '0');
            m += roundUp ? 1 : 0;
            Decimal d(negative ? -qint64(m) : qint64(m), used, true);
            // The fraction's trailing zeros are already gone: only zero and a fraction cut at MaxScale (which may end
            // in zeros, or carry) need normalising.
            if (m == 0 || fracLen > used)
                d.normalize();
            return d;
        }
        Wide mantissa = intPart;
        for (int i = 0; i < used; ++i)
            mantissa = mantissa * 10 + (fracBegin[i] - '0');
        if (roundUp)
            mantissa += 1; // half away from zero (applied to the magnitude)
        return fromWide(negative ? -mantissa : mantissa, used);
    }

    static Wide aligned(const Decimal& d, int scale) { return Wide(d.m_units) * pow10Wide(scale - d.m_scale); }
};

Decimal Decimal::parse(QByteArrayView text, bool* ok)
{
    const Decimal d = DecimalOps::parseAscii(text.data(), text.size());
    if (ok)
        *ok = d.m_valid;
    return d;
}

Decimal Decimal::parse(QStringView text, bool* ok)
{
    QVarLengthArray<char, 64> latin(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x80) {
            if (ok)
                *ok = false;
            return Decimal();
        }
        latin[i] = char(c);
    }
    return parse(QByteArrayView(latin.constData(), latin.size()), ok);
}

Decimal Decimal::fromUnits(qint64 units, int scale)
{
    return DecimalOps::fromWide(Wide(units), scale);
}

Decimal Decimal::fromDouble(double value, int scale)
{
    if (!std::isfinite(value) || std::fabs(value) >= 9.2e18)
        return Decimal();
    scale = std::clamp(scale, 0, int(MaxScale));
    if (std::fabs(value) < 1e-12)
        return Decimal(0, 0, true); // rounds to zero at any scale we allow
    // The shortest text that reads back as the same double ("2.5100000000000002" stays itself, 0.1 + 0.2 gives
    // "0.30000000000000004"), rounded half away from zero to `scale` places in one step.
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::fixed);
    if (res.ec != std::errc())
        return Decimal();
    return DecimalOps::parseAscii(buf, res.ptr - buf, scale);
}

double Decimal::toDouble() const
{
    if (!m_valid)
        return std::numeric_limits<double>::quiet_NaN();
    if (m_scale == 0)
        return double(m_units);
    if (m_units >= -kMaxExactDouble && m_units <= kMaxExactDouble) {
        // Both operands are exact doubles, so IEEE division gives the correctly rounded quotient.
        return double(m_units) / double(kPow10[m_scale]);
    }
    const QString text = toString();
    char buf[48];
    const qsizetype n = std::min<qsizetype>(text.size(), qsizetype(sizeof(buf)));
    for (qsizetype i = 0; i < n; ++i)
        buf[i] = char(text[i].unicode());
    double out = 0;
    std::from_chars(buf, buf + n, out);
    return out;
}

QString Decimal::toString() const
{
    return toString(0);
}

QString Decimal::toString(int minDecimals) const
{
    if (!m_valid)
        return QString();
    minDecimals = std::clamp(minDecimals, 0, 32);
    char buf[80];
    char* p = buf;
    const quint64 magnitude = m_units < 0 ? quint64(0) - quint64(m_units) : quint64(m_units);
    const quint64 divisor = quint64(kPow10[m_scale]);
    const quint64 intPart = magnitude / divisor;
    const quint64 fracPart = magnitude % divisor;
    if (m_units < 0)
        *p++ = '-';
    p = std::to_chars(p, buf + sizeof(buf), intPart).ptr;
    const int decimals = std::max(int(m_scale), minDecimals);
    if (decimals > 0) {
        *p++ = '.';
        if (m_scale > 0) {
            char digits[24];
            const char* e = std::to_chars(digits, digits + sizeof(digits), fracPart).ptr;
            const int len = int(e - digits);
            for (int i = len; i < m_scale; ++i)
                *p++ = '0';
            std::memcpy(p, digits, size_t(len));
            p += len;
        }
        for (int i = m_scale; i < decimals; ++i)
            *p++ = '0';
    }
    return QString::fromLatin1(buf, p - buf);
}

Decimal Decimal::operator+(const Decimal& other) const
{
    if (!m_valid || !other.m_valid)
        return Decimal();
    const int s = std::max(m_scale, other.m_scale);
    return DecimalOps::fromWide(DecimalOps::aligned(*this, s) + DecimalOps::aligned(other, s), s);
}

Decimal Decimal::operator-(const Decimal& other) const
{
    if (!m_valid || !other.m_valid)
        return Decimal();
    const int s = std::max(m_scale, other.m_scale);
    return DecimalOps::fromWide(DecimalOps::aligned(*this, s) - DecimalOps::aligned(other, s), s);
}

Decimal Decimal::operator*(const Decimal& other) const
{
    if (!m_valid || !other.m_valid)
        return Decimal();
    return DecimalOps::fromWide(Wide(m_units) * Wide(other.m_units), m_scale + other.m_scale);
}

Decimal Decimal::operator-() const
{
    if (!m_valid)
        return Decimal();
    return DecimalOps::fromWide(-Wide(m_units), m_scale);
}

Decimal Decimal::roundedToTick(const Decimal& tick) const
{
    if (!m_valid)
        return Decimal();
    if (!tick.m_valid || tick.m_units <= 0)
        return *this;
    const int s = std::max(m_scale, tick.m_scale);
    const Wide a = DecimalOps::aligned(*this, s);
    const Wide t = DecimalOps::aligned(tick, s);
    Wide q = a / t;
    const Wide r = a % t;
    if ((r < 0 ? -r : r) * 2 >= t)
        q += a < 0 ? -1 : 1;
    return DecimalOps::fromWide(q * t, s);
}

Decimal Decimal::rounded(int places) const
{
    if (!m_valid)
        return Decimal();
    places = std::max(places, 0);
    if (places >= m_scale)
        return *this;
    return DecimalOps::fromWide(roundDivPow10(Wide(m_units), m_scale - places), places);
}

bool operator==(const Decimal& a, const Decimal& b)
{
    if (!a.m_valid || !b.m_valid)
        return a.m_valid == b.m_valid;
    if (a.m_scale == b.m_scale)
        return a.m_units == b.m_units;
    const int s = std::max(a.m_scale, b.m_scale);
    return DecimalOps::aligned(a, s) == DecimalOps::aligned(b, s);
}

bool operator<(const Decimal& a, const Decimal& b)
{
    if (!b.m_valid)
        return false;
    if (!a.m_valid)
        return true;
    if (a.m_scale == b.m_scale)
        return a.m_units < b.m_units;
    const int s = std::max(a.m_scale, b.m_scale);
    return DecimalOps::aligned(a, s) < DecimalOps::aligned(b, s);
}

void Decimal::normalize()
{
    if (!m_valid)
        return;
    if (m_units == 0) {
        m_scale = 0;
        return;
    }
    while (m_scale > 0 && m_units % 10 == 0) {
        m_units /= 10;
        --m_scale;
    }
}
