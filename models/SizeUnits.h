#pragma once

#include "SymbolCatalog.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

// The unit a feed's sizes are in, and its label. Sizes are always shown in the feed's own unit, never converted:
// AllTick sends A-share sizes in shares, QMT in lots (手, 100 shares), crypto in the base coin, forex and metals no
// size at all. A small value type: every model that shows sizes holds a copy.
class SizeUnits
{
    Q_DECLARE_TR_FUNCTIONS(SizeUnits)
public:
    enum class Unit : quint8 {
        Unlabelled, // sizes shown without a unit (unknown market)
        Shares,
        Lots,      // 手: 100 shares on the mainland exchanges
        BaseAsset, // crypto: the base coin, "BTC" for BTCUSDT
        PriceOnly, // forex, metals, energy: the feed sends prices without sizes
    };

    // Shares in a lot on the mainland exchanges (the unit of QMT's volume and book sizes for stocks).
    static constexpr int SharesPerLot = 100;

    // The unit a market's sizes come in unless a source says otherwise.
    static Unit defaultFor(Market market);
    // "BTCUSDT" -> "BTC", "ETHUSDC" -> "ETH"; empty when the code has no known quote-currency suffix.
    static QString baseAsset(const QString& code);
    // Translated label of a unit for a code: "shares", "lots", "BTC"; empty for Unlabelled and PriceOnly.
    static QString label(Unit unit, const QString& code);

    // Sizes from `source` (a QuoteState::source id such as "qmt") come in `unit`. Applies to every market that has
    // sizes; price-only markets stay price-only.
    void setSourceUnit(const QString& source, Unit unit);
    // The units of the feeds this monitor speaks: QMT Bridge ("qmt") sizes in lots, everything else by market.
    static SizeUnits forKnownFeeds();
    void clearSourceUnit(const QString& source);

    Unit unitFor(const QString& code, const QString& source) const;
    QString labelFor(const QString& code, const QString& source) const { return label(unitFor(code, source), code); }

private:
    QHash<QString, Unit> m_sourceUnits;
};
