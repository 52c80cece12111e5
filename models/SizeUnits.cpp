#include "SizeUnits.h"

using namespace Qt::StringLiterals;

SizeUnits::Unit SizeUnits::defaultFor(Market market)
{
    switch (market) {
    case Market::US:
    case Market::HK:
    case Market::SH:
    case Market::SZ:
    case Market::BJ:
        return Unit::Shares;
    case Market::Crypto:
        return Unit::BaseAsset;
    case Market::Forex:
    case Market::Metal:
    case Market::Energy:
        return Unit::PriceOnly;
    case Market::Index:
    case Market::Unknown:
        break;
    }
    return Unit::Unlabelled;
}

QString SizeUnits::baseAsset(const QString& code)
{
    static const QString quotes[] = {u"USDT"_s, u"USDC"_s, u"BUSD"_s, u"USD"_s};
    for (const QString& quote : quotes) {
        if (code.size() > quote.size() && code.endsWith(quote))
            return code.left(code.size() - quote.size());
    }
    return QString();
}

QString SizeUnits::label(Unit unit, const QString& code)
{
    switch (unit) {
    case Unit::Shares:
        return tr("shares");
    case Unit::Lots:
        return tr("lots");
    case Unit::BaseAsset:
        return baseAsset(code);
    case Unit::Unlabelled:
    case Unit::PriceOnly:
        break;
    }
    return QString();
}

void SizeUnits::setSourceUnit(const QString& source, Unit unit)
{
    m_sourceUnits.insert(source, unit);
}

void SizeUnits::clearSourceUnit(const QString& source)
{
    m_sourceUnits.remove(source);
}

SizeUnits SizeUnits::forKnownFeeds()
{
    SizeUnits units;
    units.setSourceUnit(QStringLiteral("qmt"), Unit::Lots);
    return units;
}

SizeUnits::Unit SizeUnits::unitFor(const QString& code, const QString& source) const
{
    const Unit byMarket = defaultFor(SymbolCatalog::builtIn().marketOf(code));
    if (byMarket == Unit::PriceOnly || source.isEmpty())
        return byMarket;
    return m_sourceUnits.value(source, byMarket);
}
