#include "SymbolCatalog.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

using namespace Qt::StringLiterals;

// Q_INIT_RESOURCE must be used at global scope, outside any namespace: the resource lives in the static core
// library, so nothing else guarantees its registration before builtIn() opens it.
static void initCoreResources()
{
    Q_INIT_RESOURCE(quotecore_data);
}

namespace {

struct MarketName
{
    Market market;
    QLatin1String id;
};

constexpr MarketName kMarketNames[] = {
    {Market::Unknown, QLatin1String("unknown")}, {Market::US, QLatin1String("us")},
    {Market::HK, QLatin1String("hk")},           {Market::SH, QLatin1String("sh")},
    {Market::SZ, QLatin1String("sz")},           {Market::BJ, QLatin1String("bj")},
    {Market::Forex, QLatin1String("forex")},     {Market::Metal, QLatin1String("metal")},
    {Market::Energy, QLatin1String("energy")},   {Market::Crypto, QLatin1String("crypto")},
    {Market::Index, QLatin1String("index")},
};

bool isUpperAsciiLetters(QStringView text)
{
    for (QChar c : text) {
        if (c < u'A' || c > u'Z')
            return false;
    }
    return true;
}

bool isUpperAsciiAlnum(QStringView text)
{
    for (QChar c : text) {
        if (!((c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')))
            return false;
    }
    return true;
}

bool isLowerAsciiLetters(QStringView text)
{
    for (QChar c : text) {
        if (c < u'a' || c > u'z')
            return false;
    }
    return true;
}

} // namespace

namespace Markets {

Market guessFromCode(const QString& code)
{
    const int dot = code.lastIndexOf(u'.');
    if (dot > 0) {
        const QStringView suffix = QStringView(code).mid(dot + 1);
        if (suffix == u"US")
            return Market::US;
        if (suffix == u"HK")
            return Market::HK;
        if (suffix == u"SH")
            return Market::SH;
        if (suffix == u"SZ")
            return Market::SZ;
        if (suffix == u"BJ")
            return Market::BJ;
        return Market::Unknown;
    }
    if (code.size() > 4 && (code.endsWith(u"USDT"_s) || code.endsWith(u"USDC"_s)) && isUpperAsciiAlnum(code))
        return Market::Crypto;
    if (code.size() == 6 && isUpperAsciiLetters(code))
        return Market::Forex;
    return Market::Unknown;
}

bool isStockCode(const QString& code)
{
    switch (guessFromCode(code)) {
    case Market::US:
    case Market::HK:
    case Market::SH:
    case Market::SZ:
    case Market::BJ:
        return true;
    default:
        return false;
    }
}

QTimeZone timeZone(Market market)
{
    switch (market) {
    case Market::SH:
    case Market::SZ:
    case Market::BJ:
        return QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
    case Market::HK:
        return QTimeZone(QByteArrayLiteral("Asia/Hong_Kong"));
    case Market::US:
        return QTimeZone(QByteArrayLiteral("America/New_York"));
    default:
        return QTimeZone::utc();
    }
}

QString id(Market market)
{
    for (const MarketName& entry : kMarketNames) {
        if (entry.market == market)
            return entry.id;
    }
    return u"unknown"_s;
}

Market fromId(QStringView id)
{
    for (const MarketName& entry : kMarketNames) {
        if (id.compare(entry.id, Qt::CaseInsensitive) == 0)
            return entry.market;
    }
    return Market::Unknown;
}

} // namespace Markets

const SymbolCatalog& SymbolCatalog::builtIn()
{
    static const SymbolCatalog catalog = [] {
        initCoreResources();
        SymbolCatalog result;
        QFile file(u":/data/symbols.json"_s);
        QString error;
        if (!file.open(QIODevice::ReadOnly))
            qWarning("SymbolCatalog: the built-in catalog resource is missing");
        else if (!result.loadJson(file.readAll(), &error))
            qWarning("SymbolCatalog: the built-in catalog is invalid: %s", qPrintable(error));
        return result;
    }();
    return catalog;
}

bool SymbolCatalog::loadJson(const QByteArray& json, QString* error)
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QCoreApplication::translate("SymbolCatalog", "Malformed catalog JSON at offset %1: %2")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    if (!document.isObject())
        return fail(QCoreApplication::translate("SymbolCatalog", "The catalog must be a JSON object."));
    const QJsonObject root = document.object();
    if (root.value(u"version"_s).toInt(-1) != 1)
        return fail(QCoreApplication::translate("SymbolCatalog", "Unsupported catalog version (expected 1)."));
    const QJsonValue symbolsValue = root.value(u"symbols"_s);
    if (!symbolsValue.isArray())
        return fail(QCoreApplication::translate("SymbolCatalog", "The catalog has no \"symbols\" array."));

    QList<SymbolInfo> symbols;
    QHash<QString, int> index;
    const QJsonArray array = symbolsValue.toArray();
    symbols.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue value = array.at(i);
        auto entryError = [i](const QString& what) {
            return QCoreApplication::translate("SymbolCatalog", "Catalog entry %1: %2").arg(i).arg(what);
        };
        if (!value.isObject())
            return fail(entryError(QCoreApplication::translate("SymbolCatalog", "not an object")));
        const QJsonObject object = value.toObject();
        const QJsonValue codeValue = object.value(u"code"_s);
        const QJsonValue nameEnValue = object.value(u"name_en"_s);
        const QJsonValue nameZhValue = object.value(u"name_zh"_s);
        const QJsonValue pinyinValue = object.value(u"pinyin"_s);
        const QJsonValue marketValue = object.value(u"market"_s);
        const QJsonValue tickValue = object.value(u"tick"_s);
        const QJsonValue priceValue = object.value(u"price"_s);

        SymbolInfo info;
        info.code = codeValue.toString();
        if (!codeValue.isString() || info.code.isEmpty() || info.code.size() > 32)
            return fail(entryError(QCoreApplication::translate("SymbolCatalog", "missing or invalid \"code\"")));
        for (QChar c : std::as_const(info.code)) {
            if (c.unicode() <= 0x20 || c.unicode() >= 0x7f)
                return fail(entryError(QCoreApplication::translate(
                                           "SymbolCatalog", "code \"%1\" has a character that is not printable ASCII")
                                           .arg(info.code)));
        }
        if (index.contains(info.code))
            return fail(
                entryError(QCoreApplication::translate("SymbolCatalog", "duplicate code \"%1\"").arg(info.code)));
        info.nameEn = nameEnValue.toString().trimmed();
        if (!nameEnValue.isString() || info.nameEn.isEmpty())
            return fail(
                entryError(QCoreApplication::translate("SymbolCatalog", "missing \"name_en\" for %1").arg(info.code)));
        if (!nameZhValue.isUndefined() && !nameZhValue.isString())
            return fail(entryError(
                QCoreApplication::translate("SymbolCatalog", "\"name_zh\" of %1 is not a string").arg(info.code)));
        info.nameZh = nameZhValue.toString().trimmed();
        if (!pinyinValue.isUndefined() && !pinyinValue.isString())
            return fail(entryError(
                QCoreApplication::translate("SymbolCatalog", "\"pinyin\" of %1 is not a string").arg(info.code)));
        info.pinyin = pinyinValue.toString();
        if (!isLowerAsciiLetters(info.pinyin))
            return fail(
                entryError(QCoreApplication::translate("SymbolCatalog", "\"pinyin\" of %1 must be lower-case letters")
                               .arg(info.code)));
        info.market = Markets::fromId(marketValue.toString());
        if (!marketValue.isString() || info.market == Market::Unknown)
            return fail(entryError(QCoreApplication::translate("SymbolCatalog", "unknown market \"%1\" for %2")
                                       .arg(marketValue.toString(), info.code)));
        info.tickSize = Decimal::parse(QStringView(tickValue.toString()));
        if (!tickValue.isString() || info.tickSize.isNull() || info.tickSize.isNegative() || info.tickSize.isZero())
            return fail(
                entryError(QCoreApplication::translate("SymbolCatalog", "invalid \"tick\" for %1").arg(info.code)));
        info.refPrice = Decimal::parse(QStringView(priceValue.toString()));
        if (!priceValue.isString() || info.refPrice.isNull() || info.refPrice.isNegative() || info.refPrice.isZero())
            return fail(
                entryError(QCoreApplication::translate("SymbolCatalog", "invalid \"price\" for %1").arg(info.code)));
        if (info.refPrice.roundedToTick(info.tickSize) != info.refPrice)
            return fail(
                entryError(QCoreApplication::translate("SymbolCatalog", "price of %1 is not a multiple of its tick")
                               .arg(info.code)));

        index.insert(info.code, int(symbols.size()));
        symbols.append(info);
    }

    m_symbols = std::move(symbols);
    m_index = std::move(index);
    if (error)
        error->clear();
    return true;
}

const SymbolInfo* SymbolCatalog::find(const QString& code) const
{
    const auto it = m_index.constFind(code);
    if (it == m_index.constEnd())
        return nullptr;
    return &m_symbols.at(it.value());
}

Market SymbolCatalog::marketOf(const QString& code) const
{
    if (const SymbolInfo* info = find(code))
        return info->market;
    return Markets::guessFromCode(code);
}

QString SymbolCatalog::displayName(const QString& code, bool chinese) const
{
    const SymbolInfo* info = find(code);
    if (!info)
        return code;
    if (chinese && !info->nameZh.isEmpty())
        return info->nameZh;
    if (!info->nameEn.isEmpty())
        return info->nameEn;
    return code;
}
