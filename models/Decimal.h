#pragma once

#include <QByteArrayView>
#include <QMetaType>
#include <QString>
#include <QtGlobal>

// An exact decimal number: an integer mantissa and a count of decimal places.
// Prices, sizes and turnover travel as Decimal from the wire to the screen and the CSV file,
// so "189.25" is never shown or exported as 189.24999999. A default-constructed Decimal is
// null ("unknown"), which is different from zero.
class Decimal
{
public:
    static constexpr int MaxScale = 10;

    constexpr Decimal() = default;

    // Parses "189.25", "-0.5", "37.700000", "100", "1e-3" is rejected. Leading '+' allowed.
    // Trailing zeros of the fraction are dropped ("37.700000" has scale 1). Returns null on bad input.
    static Decimal parse(QByteArrayView text, bool* ok = nullptr);
    static Decimal parse(QStringView text, bool* ok = nullptr);
    static Decimal fromUnits(qint64 units, int scale);
    static Decimal fromInt(qint64 value) { return fromUnits(value, 0); }
    // Nearest decimal with at most `scale` places (used to strip float noise such as 2.5100000000000002).
    // Rounds the shortest round-trip text of `value` half away from zero, so 2.675 gives 2.68 for scale 2.
    // scale is clamped to 0..MaxScale; NaN, infinities and magnitudes beyond 64 bits give null.
    static Decimal fromDouble(double value, int scale);

    bool isNull() const { return !m_valid; }
    bool isZero() const { return m_valid && m_units == 0; }
    bool isNegative() const { return m_valid && m_units < 0; }
    qint64 units() const { return m_units; }
    int scale() const { return m_scale; }

    // Correctly rounded nearest double; NaN when null.
    double toDouble() const;
    // Shortest exact text: "189.25", "-0.5", "100", "0.0001". Empty string when null.
    QString toString() const;
    // Same, but padded with zeros to at least minDecimals places: toString(2) of 37.7 is "37.70".
    QString toString(int minDecimals) const;

    // Arithmetic is exact while it fits; results are rounded half away from zero to MaxScale.
    // Any operation with a null operand gives null.
    Decimal operator+(const Decimal& other) const;
    Decimal operator-(const Decimal& other) const;
    Decimal operator*(const Decimal& other) const;
    Decimal operator-() const;
    // Rounds to the nearest multiple of tick (tick > 0), e.g. 2.5100000000000002 -> 2.51 for tick 0.01.
    // Ties go away from zero. A null, zero or negative tick leaves the value unchanged.
    Decimal roundedToTick(const Decimal& tick) const;
    // Rounds half away from zero to at most `places` decimals.
    Decimal rounded(int places) const;

    // Numeric comparison; null compares equal only to null and less than any number.
    friend bool operator==(const Decimal& a, const Decimal& b);
    friend bool operator!=(const Decimal& a, const Decimal& b) { return !(a == b); }
    friend bool operator<(const Decimal& a, const Decimal& b);
    friend bool operator>(const Decimal& a, const Decimal& b) { return b < a; }
    friend bool operator<=(const Decimal& a, const Decimal& b) { return !(b < a); }
    friend bool operator>=(const Decimal& a, const Decimal& b) { return !(a < b); }

private:
    friend struct DecimalOps; // implementation helpers in Decimal.cpp
    constexpr Decimal(qint64 units, int scale, bool valid)
        : m_units(units)
        , m_scale(scale)
        , m_valid(valid)
    {}
    void normalize();

    qint64 m_units = 0;
    qint8 m_scale = 0;
    bool m_valid = false;
};

Q_DECLARE_METATYPE(Decimal)
