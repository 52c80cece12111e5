#include "SymbolSearch.h"

#include "PinyinInitials.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Tie order by market; index by Market's underlying value. Unknown goes last.
int marketOrder(Market market, bool chineseFirst)
{
    switch (market) {
    case Market::SH:
        return chineseFirst ? 0 : 2;
    case Market::SZ:
        return chineseFirst ? 1 : 3;
    case Market::BJ:
        return chineseFirst ? 2 : 4;
    case Market::HK:
        return chineseFirst ? 3 : 1;
    case Market::US:
        return chineseFirst ? 4 : 0;
    case Market::Crypto:
        return 5;
    case Market::Forex:
        return 6;
    case Market::Metal:
        return 7;
    case Market::Energy:
        return 8;
    case Market::Index:
        return 9;
    case Market::Unknown:
        break;
    }
    return 10;
}

bool isAsciiLetters(QStringView text)
{
    for (QChar c : text) {
        if (c < u'a' || c > u'z')
            return false;
    }
    return !text.isEmpty();
}

bool isAsciiDigits(QStringView text)
{
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return !text.isEmpty();
}

bool hasChinese(QStringView text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return PinyinInitials::isChinese(c); });
}

// Currencies AllTick quotes in its forex pairs (ISO 4217, plus CNH for offshore yuan).
constexpr QLatin1String kCurrencies[] = {
    QLatin1String("USD"), QLatin1String("EUR"), QLatin1String("JPY"), QLatin1String("GBP"), QLatin1String("AUD"),
    QLatin1String("NZD"), QLatin1String("CAD"), QLatin1String("CHF"), QLatin1String("CNH"), QLatin1String("CNY"),
    QLatin1String("HKD"), QLatin1String("SGD"), QLatin1String("SEK"), QLatin1String("NOK"), QLatin1String("DKK"),
    QLatin1String("MXN"), QLatin1String("ZAR"), QLatin1String("TRY"), QLatin1String("PLN"), QLatin1String("HUF"),
    QLatin1String("CZK"), QLatin1String("INR"), QLatin1String("KRW"), QLatin1String("TWD"), QLatin1String("THB"),
    QLatin1String("ILS"), QLatin1String("BRL"), QLatin1String("RUB"),
};

bool isCurrency(QStringView code)
{
    return std::any_of(std::begin(kCurrencies), std::end(kCurrencies),
                       [code](QLatin1String currency) { return code == currency; });
}

} // namespace

SymbolSearch::SymbolSearch(const SymbolCatalog* catalog, const PinyinInitials* pinyin)
    : m_pinyin(pinyin ? pinyin : &PinyinInitials::builtIn())
{
    if (catalog) {
        m_entries.reserve(catalog->symbols().size());
        for (const SymbolInfo& info : catalog->symbols())
            append(info);
    }
    m_catalogSize = int(m_entries.size());
}

void SymbolSearch::append(const SymbolInfo& info)
{
    Entry entry;
    entry.info = info;
    entry.code = info.code.toLower();
    const qsizetype dot = info.code.lastIndexOf(u'.');
    if (dot > 0 && Markets::guessFromCode(info.code) != Market::Unknown)
        entry.base = entry.code.left(dot);
    entry.nameEn = info.nameEn.toLower();
    entry.nameZh = info.nameZh.toLower();
    entry.pinyin = info.pinyin.toLower();

    const auto existing = m_index.constFind(info.code);
    if (existing != m_index.constEnd()) {
        m_entries[existing.value()] = entry;
        return;
    }
    m_index.insert(info.code, int(m_entries.size()));
    m_lowerIndex.insert(entry.code, int(m_entries.size()));
    m_entries.append(entry);
}

void SymbolSearch::addExtraSymbols(const QList<SymbolInfo>& symbols)
{
    for (SymbolInfo info : symbols) {
        if (info.code.isEmpty())
            continue;
        const auto existing = m_index.constFind(info.code);
        // Catalog entries are curated: they win over what a feed says. Extras come after the catalog.
        if (existing != m_index.constEnd() && existing.value() < m_catalogSize)
            continue;
        if (info.pinyin.isEmpty() && !info.nameZh.isEmpty())
            info.pinyin = m_pinyin->initials(info.nameZh);
        if (info.market == Market::Unknown)
            info.market = Markets::guessFromCode(info.code);
        append(info);
    }
}

const SymbolInfo* SymbolSearch::find(const QString& code) const
{
    const auto it = m_index.constFind(code);
    return it == m_index.constEnd() ? nullptr : &m_entries.at(it.value()).info;
}

QString SymbolSearch::canonicalCode(const QString& typed) const
{
    const QString trimmed = typed.trimmed();
    const auto known = m_lowerIndex.constFind(trimmed.toLower());
    if (known != m_lowerIndex.constEnd())
        return m_entries.at(known.value()).info.code;
    if (const SymbolInfo* builtIn = SymbolCatalog::builtIn().find(trimmed))
        return builtIn->code;
    for (const SymbolInfo& info : SymbolCatalog::builtIn().symbols()) {
        if (info.code.compare(trimmed, Qt::CaseInsensitive) == 0)
            return info.code;
    }
    QString upper = trimmed.toUpper();
    static const QRegularExpression hkLeadingZeros(u"^0+([1-9][0-9]*\\.HK)$"_s);
    const QRegularExpressionMatch hk = hkLeadingZeros.match(upper);
    if (hk.hasMatch())
        upper = hk.captured(1);
    return upper;
}

int SymbolSearch::bestRank(const Entry& e, const QString& q, const QString& hkNumber, bool* viaPinyin,
                           int* length) const
{
    *length = 0;
    if (!e.pinyin.isEmpty() && e.pinyin.contains(q))
        *viaPinyin = true;
    if (e.code == q || (!e.base.isEmpty() && e.base == q) ||
        (!hkNumber.isEmpty() && e.info.market == Market::HK && e.base == hkNumber))
        return ExactCode;
    if (e.nameZh == q || e.nameEn == q || (!e.pinyin.isEmpty() && e.pinyin == q))
        return ExactName;
    if (e.code.startsWith(q))
        return CodePrefix;
    if (e.pinyin.startsWith(q)) {
        *length = int(e.pinyin.size());
        return PinyinPrefix;
    }
    if (e.nameZh.startsWith(q)) {
        *length = int(e.nameZh.size());
        return NamePrefix;
    }
    bool substring = false;
    for (qsizetype at = e.nameEn.indexOf(q); at >= 0; at = e.nameEn.indexOf(q, at + 1)) {
        if (at == 0 || !e.nameEn.at(at - 1).isLetterOrNumber()) {
            *length = int(e.nameEn.size());
            return NamePrefix;
        }
        substring = true;
    }
    if (substring) {
        *length = int(e.nameEn.size());
        return Substring;
    }
    for (const QString* field : {&e.nameZh, &e.pinyin, &e.code}) {
        if (field->contains(q)) {
            *length = int(field->size());
            return Substring;
        }
    }
    return -1;
}

QList<SymbolSearch::Match> SymbolSearch::search(const QString& query, int limit) const
{
    const QString q = query.simplified().toLower();
    if (q.isEmpty())
        return {};
    // HK numbers are often written with leading zeros ("00700", "00700.hk"); the feed's codes have none.
    QString hkNumber;
    if (q.startsWith(u'0')) {
        QString digits = q.endsWith(u".hk"_s) ? q.chopped(3) : q;
        if (isAsciiDigits(digits)) {
            while (digits.startsWith(u'0'))
                digits.remove(0, 1);
            hkNumber = digits;
        }
    }

    struct Hit
    {
        int rank;
        int length; // of the matched name or pinyin: shorter is a closer match
        int entry;
    };
    QList<Hit> hits;
    bool viaPinyin = false;
    for (int i = 0; i < m_entries.size(); ++i) {
        int length = 0;
        const int rank = bestRank(m_entries.at(i), q, hkNumber, &viaPinyin, &length);
        if (rank >= 0)
            hits.append(Hit{rank, length, i});
    }

    const bool chineseFirst = hasChinese(q) || (viaPinyin && isAsciiLetters(q));
    const auto less = [this, chineseFirst](const Hit& a, const Hit& b) {
        if (a.rank != b.rank)
            return a.rank < b.rank;
        if (a.length != b.length)
            return a.length < b.length;
        const Entry& ea = m_entries.at(a.entry);
        const Entry& eb = m_entries.at(b.entry);
        const int ma = marketOrder(ea.info.market, chineseFirst);
        const int mb = marketOrder(eb.info.market, chineseFirst);
        if (ma != mb)
            return ma < mb;
        return ea.code < eb.code;
    };
    const qsizetype count = limit > 0 ? std::min<qsizetype>(limit, hits.size()) : hits.size();
    std::partial_sort(hits.begin(), hits.begin() + count, hits.end(), less);

    QList<Match> matches;
    matches.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        matches.append(Match{m_entries.at(hits.at(i).entry).info, hits.at(i).rank});
    return matches;
}

bool SymbolSearch::isValidCode(const QString& code, QString* feedHint)
{
    static const QRegularExpression us(u"^[A-Z0-9][A-Z0-9-]{0,9}(\\.[A-Z])?\\.US$"_s);
    static const QRegularExpression hk(u"^[1-9][0-9]{0,4}\\.HK$"_s);
    static const QRegularExpression ashare(u"^[0-9]{6}\\.(SH|SZ|BJ)$"_s);
    static const QRegularExpression crypto(u"^[A-Z0-9]{2,12}USD[TC]$"_s);
    static const QRegularExpression pair(u"^[A-Z]{6}$"_s);

    bool valid = us.match(code).hasMatch() || hk.match(code).hasMatch() || ashare.match(code).hasMatch() ||
                 crypto.match(code).hasMatch();
    if (!valid && pair.match(code).hasMatch()) {
        const QStringView base = QStringView(code).left(3);
        const QStringView quote = QStringView(code).mid(3);
        valid = base != quote && isCurrency(base) && isCurrency(quote);
    }
    if (!valid) {
        const SymbolInfo* info = SymbolCatalog::builtIn().find(code);
        valid = info && (info->market == Market::Metal || info->market == Market::Energy);
    }
    if (feedHint) {
        *feedHint = valid ? defaultFeedLabel(code)
                          : QCoreApplication::translate("SymbolSearch",
                                                        "Codes look like AAPL.US, 700.HK, 600519.SH, 000001.SZ, "
                                                        "430047.BJ, EURUSD, BTCUSDT or GOLD.");
    }
    return valid;
}

QString SymbolSearch::defaultFeedLabel(const QString& code)
{
    if (Markets::isStockCode(code))
        return QCoreApplication::translate("SymbolSearch", "AllTick stocks");
    return QCoreApplication::translate("SymbolSearch", "AllTick forex/crypto");
}
