#include "SymbolSearchModel.h"

using namespace Qt::StringLiterals;

SymbolSearchModel::SymbolSearchModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void SymbolSearchModel::setResults(const QList<SymbolSearch::Match>& matches, const QString& uncataloguedCode)
{
    beginResetModel();
    m_matches = matches;
    m_uncatalogued = uncataloguedCode;
    endResetModel();
}

void SymbolSearchModel::setChineseNames(bool chinese)
{
    if (m_chinese == chinese)
        return;
    m_chinese = chinese;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Name), index(rowCount() - 1, Name), {Qt::DisplayRole, Qt::ToolTipRole});
}

void SymbolSearchModel::setFeedLabeler(FeedLabeler labeler)
{
    m_feedLabeler = std::move(labeler);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Feed), index(rowCount() - 1, Feed), {Qt::DisplayRole});
}

QString SymbolSearchModel::codeAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return QString();
    if (isUncatalogued(row))
        return m_uncatalogued;
    return m_matches.at(row - (m_uncatalogued.isEmpty() ? 0 : 1)).info.code;
}

QString SymbolSearchModel::marketName(Market market)
{
    switch (market) {
    case Market::US:
        return tr("US");
    case Market::HK:
        return tr("Hong Kong");
    case Market::SH:
        return tr("Shanghai");
    case Market::SZ:
        return tr("Shenzhen");
    case Market::BJ:
        return tr("Beijing");
    case Market::Forex:
        return tr("Forex");
    case Market::Metal:
        return tr("Metals");
    case Market::Energy:
        return tr("Energy");
    case Market::Crypto:
        return tr("Crypto");
    case Market::Index:
        return tr("Index");
    case Market::Unknown:
        break;
    }
    return tr("Unknown");
}

QString SymbolSearchModel::feedLabel(const QString& code) const
{
    if (m_feedLabeler) {
        const QString label = m_feedLabeler(code);
        if (!label.isEmpty())
            return label;
    }
    return SymbolSearch::defaultFeedLabel(code);
}

QString SymbolSearchModel::nameOf(const SymbolInfo& info, bool chinese) const
{
    if (chinese && !info.nameZh.isEmpty())
        return info.nameZh;
    return info.nameEn.isEmpty() ? info.nameZh : info.nameEn;
}

int SymbolSearchModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return int(m_matches.size()) + (m_uncatalogued.isEmpty() ? 0 : 1);
}

int SymbolSearchModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SymbolSearchModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    if (isUncatalogued(row)) {
        const QString& code = m_uncatalogued;
        switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
            case Code:
                return code;
            case Name:
                return tr("Add code %1 (not in catalog)").arg(code);
            case MarketColumn:
                return marketName(Markets::guessFromCode(code));
            case Feed:
                return feedLabel(code);
            default:
                return {};
            }
        case Qt::ToolTipRole:
            return tr("%1 is not in the symbol catalog; its format is valid for %2.").arg(code, feedLabel(code));
        case CodeRole:
            return code;
        case RankRole:
            return -1;
        case UncataloguedRole:
            return true;
        default:
            return {};
        }
    }

    const SymbolSearch::Match& match = m_matches.at(row - (m_uncatalogued.isEmpty() ? 0 : 1));
    const SymbolInfo& info = match.info;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Code:
            return info.code;
        case Name:
            return nameOf(info, m_chinese);
        case MarketColumn:
            return marketName(info.market);
        case Feed:
            return feedLabel(info.code);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Name) {
            const QString other = nameOf(info, !m_chinese);
            return other == nameOf(info, m_chinese) ? QVariant() : QVariant(other);
        }
        return {};
    case CodeRole:
        return info.code;
    case RankRole:
        return match.rank;
    case UncataloguedRole:
        return false;
    default:
        return {};
    }
}

QVariant SymbolSearchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Code:
        return tr("Code");
    case Name:
        return tr("Name");
    case MarketColumn:
        return tr("Market");
    case Feed:
        return tr("Feed");
    default:
        return {};
    }
}
