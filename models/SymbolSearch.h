#pragma once

#include "SymbolCatalog.h"

#include <QHash>
#include <QList>
#include <QString>

class PinyinInitials;

// Ranked symbol search over the catalog plus symbols the connected feeds know (键盘精灵).
//
// A query matches, case-insensitively, a code (with or without its market suffix: "600519", "700", "aapl"), the
// Chinese or English name, or the pinyin initials of the Chinese name ("gzmt"). Each match gets the best of these
// ranks, lower first:
//   0 exact code ("600519.SH", "600519", "700"; "00700" for an HK code)
//   1 exact name or exact pinyin initials
//   2 code prefix
//   3 pinyin initials prefix
//   4 name prefix, or prefix of a word of the English name ("tencent", "merchants")
//   5 substring of the code, a name or the pinyin initials
// Within a rank, for prefix and substring matches of names and pinyin, a shorter matched field is a closer match and
// comes first ("tencent": Tencent Holdings before Tencent Music Entertainment). Remaining ties go by market, then
// code. When the query is Chinese, or letters that matched some pinyin initials, A-shares
// come first: SH, SZ, BJ, HK, US, crypto, forex, metals, energy, index. Otherwise (codes, English) US first: US, HK,
// SH, SZ, BJ, crypto, forex, metals, energy, index.
//
// Lower-case keys are precomputed, so a query is one linear scan without allocations per symbol: well under a
// millisecond per thousand symbols, fast enough to search on every keystroke.
class SymbolSearch
{
public:
    enum Rank { ExactCode = 0, ExactName = 1, CodePrefix = 2, PinyinPrefix = 3, NamePrefix = 4, Substring = 5 };

    struct Match
    {
        SymbolInfo info;
        int rank = Substring;
    };

    // The catalog must outlive the search. Pinyin initials for extra symbols come from `pinyin` (the built-in table
    // when null).
    explicit SymbolSearch(const SymbolCatalog* catalog, const PinyinInitials* pinyin = nullptr);

    // Symbols the feeds know beyond the catalog. A code already in the catalog keeps the catalog entry; a code added
    // before is replaced. Missing pinyin initials are computed from the Chinese name.
    void addExtraSymbols(const QList<SymbolInfo>& symbols);

    int size() const { return int(m_entries.size()); }
    // Exact, case-sensitive lookup over the catalog and the extra symbols; nullptr when unknown.
    const SymbolInfo* find(const QString& code) const;
    // The spelling a feed expects for a typed code: upper case except known mixed-case codes ("silver" -> "Silver"),
    // HK numbers without leading zeros ("00700.hk" -> "700.HK"), surrounding spaces removed.
    QString canonicalCode(const QString& typed) const;

    QList<Match> search(const QString& query, int limit = 50) const;

    // True when a feed can serve `code` as spelled (see canonicalCode) even if it is not in the catalog: AAPL.US and
    // BRK.B.US, 700.HK (no leading zero), six digits .SH .SZ .BJ, a pair of known currency codes (EURUSD), XXXUSDT or
    // XXXUSDC crypto, or a commodity code of the built-in catalog (GOLD, Silver, USOIL). feedHint, when not null,
    // receives the feed that serves a valid code (see feedLabel) or, for an invalid one, what formats are accepted.
    static bool isValidCode(const QString& code, QString* feedHint = nullptr);
    // The feed that serves a code when nothing else is configured: "AllTick stocks" for .US .HK .SH .SZ .BJ,
    // "AllTick forex/crypto" otherwise (translated).
    static QString defaultFeedLabel(const QString& code);

private:
    struct Entry
    {
        SymbolInfo info;
        QString code;   // lower case
        QString base;   // lower-case code without its market suffix ("600519", "brk.b"); empty when none
        QString nameEn; // lower case
        QString nameZh; // lower case (latin parts such as "TCL")
        QString pinyin;
    };
    void append(const SymbolInfo& info);
    int bestRank(const Entry& entry, const QString& q, const QString& hkNumber, bool* viaPinyin, int* length) const;

    QList<Entry> m_entries;
    QHash<QString, int> m_index;      // code -> entry
    QHash<QString, int> m_lowerIndex; // lower-case code -> entry
    int m_catalogSize = 0;            // the first m_catalogSize entries are the catalog's
    const PinyinInitials* m_pinyin = nullptr;
};
