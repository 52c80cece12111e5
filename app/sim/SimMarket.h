#pragma once

#include "QuoteTypes.h"
#include "SymbolCatalog.h"
#include "protocol/AllTickCodec.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// Deterministic market engine behind the simulator (no QObject, no I/O, no clock of its own: callers pass the
// time). Each symbol gets its own generators seeded from the market seed and the code, created on first use, so
// a symbol's stream of trades depends only on (seed, code, how many trades were drawn) and never on the order in
// which symbols are subscribed, on depth requests or on the timestamps passed in.
//
// Prices move in whole ticks around a per-day centre, mean-reverting and kept within about +-8% of the previous
// close; A-shares (SH/SZ/BJ) never leave their +-10% limit band and now and then sit at a limit price with one side
// of the book empty. Volumes come in realistic units: A-shares in multiples of 100, HK in board lots, US 1-500
// shares, crypto fractional, forex/metals/energy none (volume 0, turnover null).
class SimMarket
{
public:
    // symbolCount: how many symbols the market offers. 0 = exactly the catalog; fewer than the catalog = its first
    // symbolCount entries; more = the whole catalog plus synthetic US stocks "SIM0001.US", "SIM0002.US", ...
    explicit SimMarket(quint32 seed = 1, int symbolCount = 0, const SymbolCatalog& catalog = SymbolCatalog::builtIn());
    ~SimMarket();
    SimMarket(const SimMarket&) = delete;
    SimMarket& operator=(const SimMarket&) = delete;

    quint32 seed() const { return m_seed; }
    // Every symbol the market offers: catalog entries first, then synthetic ones.
    const QList<SymbolInfo>& symbols() const { return m_symbols; }
    QStringList codes() const;
    int symbolCount() const { return int(m_symbols.size()); }
    bool contains(const QString& code) const { return m_index.contains(code); }
    // nullptr when the market does not offer the code.
    const SymbolInfo* info(const QString& code) const;
    // Market::Unknown when the market does not offer the code.
    Market marketOf(const QString& code) const;

    // Most depth levels AllTick offers per asset class: FX/metal/energy/index 1, crypto 5, HK 10, A-shares 5, US 1.
    static int maxDepthLevels(Market market);
    // True where AllTick sends no real volume: forex, metals, energy (depth levels are price only, direction 0).
    static bool isPriceOnly(Market market);
    // Decimals the simulator writes prices with: A-shares padded to 6 places like captured AllTick data
    // ("37.700000"), everything else to the decimals of its tick size.
    int priceDecimals(const QString& code) const;
    // Synthetic code for 1-based number n: "SIM0001.US" (at least 4 digits).
    static QString syntheticCode(int number, int width = 4);

    // Draws the next trade of the code (advancing its random walk) stamped nowMs. Returns a tick with an empty code
    // when the market does not offer the code.
    TradeTick nextTrade(const QString& code, qint64 nowMs);
    // Current order book around the last trade: best first, bid < ask with a spread of at least one tick, up to
    // `levels` levels per side (0 or more than the asset class offers = maxDepthLevels). Forex/metal/energy levels
    // have a null volume. One side is empty while an A-share sits at its limit price.
    BookSnapshot book(const QString& code, qint64 nowMs, int levels = 0);
    // `count` daily bars (1..500), oldest first, timestamps = midnight of the exchange-local date in seconds. The
    // newest bar is today's session (open/high/low, close = last price, volume so far); the one before it closes at
    // prevClose(). Earlier bars skip weekends except for crypto. Empty when the code is unknown.
    QList<AllTick::KlineBar> dailyBars(const QString& code, int count, qint64 nowMs);

    // Session values (null when the code is unknown). They create the symbol's state if needed.
    Decimal prevClose(const QString& code);
    Decimal openPrice(const QString& code);
    Decimal lastPrice(const QString& code);
    Decimal limitUp(const QString& code);   // A-shares only, else null
    Decimal limitDown(const QString& code); // A-shares only, else null

    // Test hook: put an A-share at its limit-up (up = true) or limit-down price for the next `trades` trades, its
    // opposite book side empty. Returns false for codes that are not A-shares.
    bool forceLimit(const QString& code, bool up, int trades);

private:
    struct State;
    State* state(const QString& code);
    Decimal priceOf(const State& s, qint64 ticks) const;

    quint32 m_seed = 1;
    QList<SymbolInfo> m_symbols;
    QHash<QString, int> m_index;
    QHash<QString, State*> m_states;
};
