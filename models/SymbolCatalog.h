#pragma once

#include "Decimal.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QTimeZone>

enum class Market : quint8 { Unknown, US, HK, SH, SZ, BJ, Forex, Metal, Energy, Crypto, Index };

struct SymbolInfo
{
    QString code; // exactly as the feed spells it: "700.HK", "600519.SH", "EURUSD", "GOLD"
    QString nameEn;
    QString nameZh;
    QString pinyin; // initials of nameZh, lower case ("gzmt"); may be empty
    Market market = Market::Unknown;
    Decimal tickSize; // minimum price increment
    Decimal refPrice; // a realistic price level, used by the simulator to seed its random walk

    bool isValid() const { return !code.isEmpty(); }
};

// Market facts derived from a code alone.
namespace Markets {
// Market from the code's suffix or shape: ".US", ".HK", ".SH", ".SZ", ".BJ"; crypto ends in USDT;
// six upper-case letters is a forex pair; anything else Unknown (the catalog knows metals etc.).
Market guessFromCode(const QString& code);
// True for stock and index codes (.US .HK .SH .SZ .BJ) that AllTick serves on its stock endpoint.
bool isStockCode(const QString& code);
QTimeZone timeZone(Market market);
QString id(Market market); // stable lower-case id: "us", "hk", "sh", "forex", ...
Market fromId(QStringView id);
} // namespace Markets

// The built-in catalog of real symbols (resources/symbols.json, compiled into the core library).
class SymbolCatalog
{
public:
    // Loads the built-in catalog once and returns it.
    static const SymbolCatalog& builtIn();
    // Loads a catalog from JSON text; returns false with a message on malformed input.
    bool loadJson(const QByteArray& json, QString* error = nullptr);

    const QList<SymbolInfo>& symbols() const { return m_symbols; }
    // nullptr when unknown.
    const SymbolInfo* find(const QString& code) const;
    // Market of a code: from the catalog when known, else guessed from its shape.
    Market marketOf(const QString& code) const;
    // Display name for the given UI language ("zh" picks the Chinese name when present).
    QString displayName(const QString& code, bool chinese) const;

private:
    QList<SymbolInfo> m_symbols;
    QHash<QString, int> m_index;
};
