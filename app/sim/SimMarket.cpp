#include "SimMarket.h"

#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

constexpr double kPi = 3.14159265358979323846;

// Stable 64-bit FNV-1a over the UTF-16 code units: unlike qHash it cannot change between Qt versions, so a seed
// keeps meaning the same market everywhere.
quint64 hashCode(const QString& code)
{
    quint64 h = 14695981039346656037ULL;
    for (QChar c : code) {
        h ^= c.unicode();
        h *= 1099511628211ULL;
    }
    return h;
}

quint64 splitMix(quint64& x)
{
    quint64 z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// xoshiro256**: small, fast, and fully specified here so streams are identical on every platform.
class Rng
{
public:
    Rng() = default;
    explicit Rng(quint64 seed)
    {
        for (quint64& word : m_s)
            word = splitMix(seed);
    }
    quint64 next()
    {
        const quint64 result = rotl(m_s[1] * 5, 7) * 9;
        const quint64 t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    // [0, 1)
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    // [0, n)
    qint64 below(qint64 n) { return n <= 1 ? 0 : qint64(next() % quint64(n)); }
    bool chance(double p) { return uniform() < p; }
    double normal()
    {
        const double u1 = 1.0 - uniform(); // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
    }
    // 1 + geometric-ish count with the given mean, capped.
    qint64 count(double mean, qint64 cap)
    {
        const double value = 1.0 + std::floor(-std::log(1.0 - uniform()) * (mean - 1.0));
        return std::clamp(qint64(value), qint64(1), cap);
    }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }
    quint64 m_s[4] = {1, 2, 3, 4};
};

qint64 pow10(int n)
{
    qint64 result = 1;
    while (n-- > 0)
        result *= 10;
    return result;
}

// value / tick, rounded to the nearest whole tick.
qint64 toTicks(const Decimal& value, const Decimal& tick)
{
    const int scale = std::max(value.scale(), tick.scale());
    const double v = double(value.units()) * double(pow10(scale - value.scale()));
    const double t = double(tick.units()) * double(pow10(scale - tick.scale()));
    return qint64(std::llround(v / t));
}

// Rounds a double tick count stochastically so that small expected moves still happen now and then.
qint64 stochasticRound(double value, Rng& rng)
{
    const double floor = std::floor(value);
    return qint64(floor) + (rng.uniform() < value - floor ? 1 : 0);
}

bool isAShare(Market market)
{
    return market == Market::SH || market == Market::SZ || market == Market::BJ;
}

// Relative standard deviation of one trade-to-trade move.
double stepSigma(Market market)
{
    // Per-trade volatility: roughly a day's volatility over the square root of a day's trades, so a tick chart
    // looks like a real intraday chart (a 1,450 CNY stock moves a few ticks per trade, not whole yuan).
    switch (market) {
    case Market::Forex:
        return 0.00002;
    case Market::Metal:
        return 0.00005;
    case Market::Energy:
        return 0.00007;
    case Market::Crypto:
        return 0.00008;
    default:
        return 0.00008;
    }
}

constexpr double kReversion = 0.002; // pull towards the day's centre per trade
constexpr double kSoftBand = 0.08;   // keep within +-8% of the previous close
constexpr qint64 kDaySeconds = 24 * 3600;

} // namespace

struct SimMarket::State
{
    int index = 0;
    Market market = Market::Unknown;
    Decimal tick;
    Rng tradeRng;
    Rng bookRng;
    quint64 historySeed = 0;

    qint64 prevClose = 0; // all prices in whole ticks
    qint64 open = 0;
    qint64 high = 0;
    qint64 low = 0;
    qint64 last = 0;
    qint64 bid = 0; // best bid; ask = bid + spread
    qint64 spread = 1;
    double centre = 0;
    qint64 softLower = 1;
    qint64 softUpper = 1;
    qint64 hardLower = 1; // A-share limit-down
    qint64 hardUpper = 1; // A-share limit-up
    int limitTradesLeft = 0;
    int limitDirection = 0; // +1 limit up, -1 limit down
    int rallyDirection = 0; // +1 / -1 while an A-share runs towards its limit, before it sits there

    qint64 tradeSeq = 0;
    qint64 bookSeq = 0;
    qint64 boardLot = 1;
    int volumeDecimals = 0; // crypto
    Decimal dayVolume;
    Decimal dayTurnover;
};

SimMarket::SimMarket(quint32 seed, int symbolCount, const SymbolCatalog& catalog)
    : m_seed(seed)
{
    const QList<SymbolInfo>& all = catalog.symbols();
    if (symbolCount <= 0 || symbolCount >= all.size())
        m_symbols = all;
    else
        m_symbols = all.mid(0, symbolCount);
    const int synthetic = symbolCount - int(m_symbols.size());
    if (synthetic > 0) {
        const int width = std::max(4, int(QString::number(synthetic).size()));
        for (int n = 1; n <= synthetic; ++n) {
            SymbolInfo info;
            info.code = syntheticCode(n, width);
            if (catalog.find(info.code))
                continue;
            const QString number = QString::number(n).rightJustified(width, u'0');
            info.nameEn = u"Simulated "_s + number;
            info.nameZh = u"模拟"_s + number;
            info.pinyin = u"mn"_s;
            info.market = Market::US;
            info.tickSize = Decimal::fromUnits(1, 2);
            info.refPrice = Decimal::fromUnits(500 + qint64(hashCode(info.code) % 49500), 2); // 5.00 .. 499.99
            m_symbols.append(info);
        }
    }
    m_index.reserve(m_symbols.size());
    for (int i = 0; i < m_symbols.size(); ++i)
        m_index.insert(m_symbols.at(i).code, i);
}

SimMarket::~SimMarket()
{
    qDeleteAll(m_states);
}

QStringList SimMarket::codes() const
{
    QStringList result;
    result.reserve(m_symbols.size());
    for (const SymbolInfo& info : m_symbols)
        result.append(info.code);
    return result;
}

const SymbolInfo* SimMarket::info(const QString& code) const
{
    const auto it = m_index.constFind(code);
    return it == m_index.constEnd() ? nullptr : &m_symbols.at(it.value());
}

Market SimMarket::marketOf(const QString& code) const
{
    const SymbolInfo* symbol = info(code);
    return symbol ? symbol->market : Market::Unknown;
}

int SimMarket::maxDepthLevels(Market market)
{
    switch (market) {
    case Market::Crypto:
    case Market::SH:
    case Market::SZ:
    case Market::BJ:
        return 5;
    case Market::HK:
        return 10;
    default:
        return 1;
    }
}

bool SimMarket::isPriceOnly(Market market)
{
    return market == Market::Forex || market == Market::Metal || market == Market::Energy;
}

int SimMarket::priceDecimals(const QString& code) const
{
    const SymbolInfo* symbol = info(code);
    if (!symbol)
        return 2;
    if (isAShare(symbol->market))
        return 6;
    return std::max(0, symbol->tickSize.scale());
}

QString SimMarket::syntheticCode(int number, int width)
{
    return u"SIM"_s + QString::number(number).rightJustified(width, u'0') + u".US"_s;
}

SimMarket::State* SimMarket::state(const QString& code)
{
    if (State* existing = m_states.value(code))
        return existing;
    const auto it = m_index.constFind(code);
    if (it == m_index.constEnd())
        return nullptr;
    const SymbolInfo& symbol = m_symbols.at(it.value());

    auto* s = new State;
    s->index = it.value();
    s->market = symbol.market;
    s->tick = symbol.tickSize;
    const quint64 base = (quint64(m_seed) << 32) ^ hashCode(code);
    s->tradeRng = Rng(base);
    s->bookRng = Rng(base ^ 0xB00CB00CB00CB00CULL);
    s->historySeed = base ^ 0x4849535453454544ULL;
    Rng setup(base ^ 0x5E7095E7095E7095ULL);

    const bool fx = s->market == Market::Forex;
    const qint64 ref = std::max<qint64>(toTicks(symbol.refPrice, symbol.tickSize), 10);
    const double prevSpread = fx ? 0.005 : 0.03;
    s->prevClose = std::max<qint64>(1, qint64(std::llround(ref * (1.0 + (setup.uniform() * 2 - 1) * prevSpread))));
    const double pc = double(s->prevClose);
    const double gap = std::clamp(setup.normal() * (fx ? 0.0005 : 0.005), -0.03, 0.03);
    const double bias = std::clamp(setup.normal() * (fx ? 0.002 : 0.015), -0.05, 0.05);
    s->open = std::max<qint64>(1, qint64(std::llround(pc * (1.0 + gap))));
    s->centre = pc * (1.0 + bias);
    s->softLower = std::max<qint64>(1, qint64(std::ceil(pc * (1.0 - kSoftBand))));
    s->softUpper = qint64(std::floor(pc * (1.0 + kSoftBand)));
    if (isAShare(s->market)) {
        // Exchange rule: limit = previous close * (1 +- 10%), rounded to the tick.
        s->hardUpper = (s->prevClose * 110 + 50) / 100;
        s->hardLower = std::max<qint64>(1, (s->prevClose * 90 + 50) / 100);
    } else {
        s->hardUpper = std::numeric_limits<qint64>::max() / 4;
        s->hardLower = 1;
    }
    s->open = std::clamp(s->open, s->softLower, s->softUpper);
    s->last = s->high = s->low = s->open;

    // Spread in ticks: about one basis point for FX/metal/energy, one tick for stocks and crypto.
    if (isPriceOnly(s->market))
        s->spread = std::max<qint64>(2, qint64(std::llround(pc * 0.0001)));
    else
        s->spread = 1;
    s->bid = std::max<qint64>(1, s->last - s->spread / 2);

    // Sequence numbers: large, per symbol, deterministic (AllTick's look like 1605509068000001).
    s->tradeSeq = 1000000000000LL + qint64(setup.below(9000000000LL)) * 100;
    s->bookSeq = s->tradeSeq + 50;

    const double price = symbol.refPrice.toDouble();
    if (s->market == Market::HK)
        s->boardLot = price < 10 ? 1000 : (price < 100 ? 500 : 100);
    else if (isAShare(s->market))
        s->boardLot = 100;
    if (s->market == Market::Crypto)
        s->volumeDecimals = std::clamp(int(std::ceil(std::log10(std::max(price, 1e-9)))), 0, 6);

    s->dayVolume = Decimal::fromInt(0);
    s->dayTurnover = isPriceOnly(s->market) ? Decimal() : Decimal::fromInt(0);
    m_states.insert(code, s);
    return s;
}

Decimal SimMarket::priceOf(const State& s, qint64 ticks) const
{
    return Decimal::fromUnits(ticks * s.tick.units(), s.tick.scale());
}

TradeTick SimMarket::nextTrade(const QString& code, qint64 nowMs)
{
    TradeTick trade;
    State* s = state(code);
    if (!s)
        return trade;
    Rng& rng = s->tradeRng;
    const bool aShare = isAShare(s->market);

    // A-shares: now and then a run towards a limit price, then an episode pinned there (a real stock walks to its
    // limit within minutes; it does not jump there in one trade).
    if (aShare && s->limitTradesLeft == 0 && s->rallyDirection == 0 && rng.chance(1.0 / 20000.0))
        s->rallyDirection = rng.chance(0.5) ? 1 : -1;
    if (s->rallyDirection != 0 && s->limitTradesLeft == 0) {
        const bool up = s->rallyDirection > 0;
        if ((up && s->bid + 1 >= s->hardUpper) || (!up && s->bid <= s->hardLower)) {
            s->limitDirection = s->rallyDirection;
            s->limitTradesLeft = int(40 + rng.below(120));
            s->rallyDirection = 0;
        }
    }

    if (s->limitTradesLeft > 0) {
        --s->limitTradesLeft;
        const bool up = s->limitDirection > 0;
        s->last = up ? s->hardUpper : s->hardLower;
        s->bid = up ? s->hardUpper : s->hardLower - 1;
        trade.side = up ? TradeSide::Buy : TradeSide::Sell;
        if (s->limitTradesLeft == 0) // leave the limit one tick inside the band
            s->bid = up ? s->hardUpper - 2 : s->hardLower + 1;
    } else {
        // Random walk of the best bid in whole ticks, mean-reverting towards the day's centre.
        const double scale = double(s->bid) * stepSigma(s->market);
        double move = rng.normal() * scale;
        if (rng.chance(0.01))
            move *= 5.0; // an occasional larger move
        qint64 delta = 0;
        if (s->rallyDirection != 0) {
            // A trend towards the limit: the usual noise plus a drift of half a step per trade (about 10% in 2,500
            // trades), so the run looks like a real one rather than a straight line.
            move += s->rallyDirection * 0.5 * scale;
            delta = stochasticRound(move, rng);
        } else {
            move -= kReversion * (double(s->bid) - s->centre);
            delta = stochasticRound(move, rng);
            if ((s->bid + delta > s->softUpper && delta > 0) || (s->bid + delta < s->softLower && delta < 0))
                delta = -delta;
        }
        s->bid = std::clamp(s->bid + delta, std::max<qint64>(1, s->hardLower), s->hardUpper - 1);

        if (isPriceOnly(s->market)) {
            const qint64 base = std::max<qint64>(2, qint64(std::llround(double(s->prevClose) * 0.0001)));
            s->spread = base + rng.below(base / 2 + 1);
        } else {
            const double r = rng.uniform();
            s->spread = r < 0.8 ? 1 : (r < 0.95 ? 2 : 3);
        }
        if (s->bid + s->spread > s->hardUpper)
            s->spread = std::max<qint64>(1, s->hardUpper - s->bid);
        const qint64 ask = s->bid + s->spread;

        if (isPriceOnly(s->market)) {
            trade.side = TradeSide::Neutral;
            s->last = s->bid + s->spread / 2;
        } else {
            const double r = rng.uniform();
            if (r < 0.47) {
                trade.side = TradeSide::Buy;
                s->last = ask;
            } else if (r < 0.94) {
                trade.side = TradeSide::Sell;
                s->last = s->bid;
            } else {
                trade.side = TradeSide::Neutral;
                s->last = s->spread > 1 ? s->bid + 1 : s->bid;
            }
        }
    }
    s->high = std::max(s->high, s->last);
    s->low = std::min(s->low, s->last);

    // Volume in the market's unit.
    Decimal volume;
    switch (s->market) {
    case Market::SH:
    case Market::SZ:
    case Market::BJ:
        volume = Decimal::fromInt(rng.count(s->limitTradesLeft > 0 ? 60.0 : 12.0, 5000) * 100);
        break;
    case Market::HK:
        volume = Decimal::fromInt(rng.count(4.0, 200) * s->boardLot);
        break;
    case Market::Crypto: {
        const double notional = std::exp(std::log(400.0) + rng.normal() * 1.2); // USDT
        const double units = notional / std::max(priceOf(*s, s->last).toDouble(), 1e-9);
        const qint64 scaled = std::max<qint64>(1, std::llround(units * double(pow10(s->volumeDecimals))));
        volume = Decimal::fromUnits(scaled, s->volumeDecimals);
        break;
    }
    case Market::Forex:
    case Market::Metal:
    case Market::Energy:
        volume = Decimal::fromInt(0);
        break;
    default: // US and anything else: 1-500 shares, mostly round-ish sizes
        volume =
            Decimal::fromInt(rng.chance(0.5) ? rng.count(30.0, 500) : std::min<qint64>(500, rng.count(3.0, 5) * 100));
        break;
    }

    trade.code = code;
    trade.seq = ++s->tradeSeq;
    trade.timeMs = nowMs;
    trade.price = priceOf(*s, s->last);
    trade.volume = volume;
    if (!isPriceOnly(s->market)) {
        trade.turnover = (trade.price * volume).rounded(4);
        s->dayTurnover = s->dayTurnover + trade.turnover;
    }
    s->dayVolume = s->dayVolume + volume;
    return trade;
}

BookSnapshot SimMarket::book(const QString& code, qint64 nowMs, int levels)
{
    BookSnapshot snapshot;
    State* s = state(code);
    if (!s)
        return snapshot;
    const int maxLevels = maxDepthLevels(s->market);
    if (levels <= 0 || levels > maxLevels)
        levels = maxLevels;
    Rng& rng = s->bookRng;
    const bool priceOnly = isPriceOnly(s->market);

    auto levelVolume = [&](bool atLimit) -> Decimal {
        switch (s->market) {
        case Market::SH:
        case Market::SZ:
        case Market::BJ:
            return Decimal::fromInt(rng.count(atLimit ? 20000.0 : 60.0, atLimit ? 500000 : 20000) * 100);
        case Market::HK:
            return Decimal::fromInt(rng.count(25.0, 2000) * s->boardLot);
        case Market::Crypto: {
            const double notional = std::exp(std::log(3000.0) + rng.normal() * 1.0);
            const double units = notional / std::max(priceOf(*s, s->bid).toDouble(), 1e-9);
            const qint64 scaled = std::max<qint64>(1, std::llround(units * double(pow10(s->volumeDecimals))));
            return Decimal::fromUnits(scaled, s->volumeDecimals);
        }
        case Market::Forex:
        case Market::Metal:
        case Market::Energy:
            return Decimal();
        default:
            return Decimal::fromInt(rng.count(6.0, 100) * 100);
        }
    };

    const bool limitUp = s->limitTradesLeft > 0 && s->limitDirection > 0;
    const bool limitDown = s->limitTradesLeft > 0 && s->limitDirection < 0;
    // Bids: best first, downwards.
    if (!limitDown) {
        qint64 price = s->bid;
        for (int i = 0; i < levels && price >= 1; ++i) {
            snapshot.bids.append(BookLevel{priceOf(*s, price), levelVolume(limitUp && i == 0)});
            price -= (i > 0 && !priceOnly && rng.chance(0.15)) ? 2 : 1;
        }
    }
    // Asks: best first, upwards.
    if (!limitUp) {
        qint64 price = limitDown ? s->hardLower : s->bid + std::max<qint64>(1, s->spread);
        for (int i = 0; i < levels && price <= s->hardUpper; ++i) {
            snapshot.asks.append(BookLevel{priceOf(*s, price), levelVolume(limitDown && i == 0)});
            price += (i > 0 && !priceOnly && rng.chance(0.15)) ? 2 : 1;
        }
    }
    snapshot.code = code;
    snapshot.seq = ++s->bookSeq;
    snapshot.timeMs = nowMs;
    return snapshot;
}

QList<AllTick::KlineBar> SimMarket::dailyBars(const QString& code, int count, qint64 nowMs)
{
    QList<AllTick::KlineBar> bars;
    State* s = state(code);
    if (!s || count <= 0)
        return bars;
    count = std::min(count, 500);
    const bool crypto = s->market == Market::Crypto;
    const bool priceOnly = isPriceOnly(s->market);
    const QTimeZone zone = Markets::timeZone(s->market);
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, zone).date();
    auto midnight = [&zone](const QDate& date) { return QDateTime(date, QTime(0, 0), zone).toSecsSinceEpoch(); };

    // Typical daily volume in the market's unit, for the history bars.
    const double price = priceOf(*s, s->prevClose).toDouble();
    auto dailyVolume = [&](Rng& rng) -> Decimal {
        const double factor = std::exp(rng.normal() * 0.35);
        switch (s->market) {
        case Market::SH:
        case Market::SZ:
        case Market::BJ:
            return Decimal::fromInt(qint64(std::llround(2.0e8 / std::max(price, 0.01) * factor / 100.0)) * 100);
        case Market::HK:
            return Decimal::fromInt(qint64(std::llround(1.0e8 / std::max(price, 0.01) * factor / double(s->boardLot))) *
                                    s->boardLot);
        case Market::Crypto:
            return Decimal::fromDouble(5.0e8 / std::max(price, 1e-9) * factor, s->volumeDecimals);
        case Market::Forex:
        case Market::Metal:
        case Market::Energy:
            return Decimal::fromInt(0);
        default:
            return Decimal::fromInt(qint64(std::llround(5.0e8 / std::max(price, 0.01) * factor)));
        }
    };

    // History: walk backwards from yesterday's close with a generator of its own, so bar k is the same whatever
    // `count` is and however many trades were drawn.
    Rng rng(s->historySeed);
    QList<AllTick::KlineBar> history;
    qint64 close = s->prevClose;
    QDate date = today;
    const double vol = s->market == Market::Forex ? 0.004 : (crypto ? 0.025 : 0.015);
    for (int k = 1; k < count; ++k) {
        date = date.addDays(-1);
        while (!crypto && date.dayOfWeek() > 5)
            date = date.addDays(-1);
        const double c = double(close);
        const double prevC = std::max(1.0, c / (1.0 + std::clamp(rng.normal() * vol, -0.09, 0.09)));
        const double o = std::max(1.0, prevC * (1.0 + std::clamp(rng.normal() * vol * 0.3, -0.05, 0.05)));
        const double h = std::max(o, c) * (1.0 + std::abs(rng.normal()) * vol * 0.4);
        const double l = std::min(o, c) * (1.0 - std::abs(rng.normal()) * vol * 0.4);
        AllTick::KlineBar bar;
        bar.timestampSec = midnight(date);
        bar.open = priceOf(*s, std::max<qint64>(1, std::llround(o)));
        bar.close = priceOf(*s, close);
        bar.high = priceOf(*s, std::max<qint64>(std::llround(h), std::max<qint64>(std::llround(o), close)));
        bar.low = priceOf(
            *s, std::max<qint64>(1, std::min<qint64>(std::llround(l), std::min<qint64>(std::llround(o), close))));
        bar.volume = dailyVolume(rng);
        bar.turnover = priceOnly ? Decimal::fromInt(0) : (bar.volume * bar.close).rounded(2);
        history.append(bar);
        close = std::max<qint64>(1, std::llround(prevC));
    }
    bars.reserve(history.size() + 1);
    for (auto it = history.crbegin(); it != history.crend(); ++it)
        bars.append(*it);

    AllTick::KlineBar todayBar;
    todayBar.timestampSec = midnight(today);
    todayBar.open = priceOf(*s, s->open);
    todayBar.high = priceOf(*s, s->high);
    todayBar.low = priceOf(*s, s->low);
    todayBar.close = priceOf(*s, s->last);
    todayBar.volume = s->dayVolume;
    todayBar.turnover = priceOnly ? Decimal::fromInt(0) : s->dayTurnover.rounded(2);
    bars.append(todayBar);
    return bars;
}

Decimal SimMarket::prevClose(const QString& code)
{
    const State* s = state(code);
    return s ? priceOf(*s, s->prevClose) : Decimal();
}

Decimal SimMarket::openPrice(const QString& code)
{
    const State* s = state(code);
    return s ? priceOf(*s, s->open) : Decimal();
}

Decimal SimMarket::lastPrice(const QString& code)
{
    const State* s = state(code);
    return s ? priceOf(*s, s->last) : Decimal();
}

Decimal SimMarket::limitUp(const QString& code)
{
    const State* s = state(code);
    return s && isAShare(s->market) ? priceOf(*s, s->hardUpper) : Decimal();
}

Decimal SimMarket::limitDown(const QString& code)
{
    const State* s = state(code);
    return s && isAShare(s->market) ? priceOf(*s, s->hardLower) : Decimal();
}

bool SimMarket::forceLimit(const QString& code, bool up, int trades)
{
    State* s = state(code);
    if (!s || !isAShare(s->market) || trades <= 0)
        return false;
    s->limitDirection = up ? 1 : -1;
    s->limitTradesLeft = trades;
    // The book shows the limit at once, before the next trade.
    s->last = up ? s->hardUpper : s->hardLower;
    s->bid = up ? s->hardUpper : s->hardLower - 1;
    s->high = std::max(s->high, s->last);
    s->low = std::min(s->low, s->last);
    return true;
}
