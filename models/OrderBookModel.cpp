#include "OrderBookModel.h"

#include "WatchlistModel.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {
// One string per level so the translation can use its own numerals (卖五, 买一).
constexpr const char* kAskLabels[OrderBookModel::MaxLevels] = {
    QT_TRANSLATE_NOOP("OrderBookModel", "Ask 1"), QT_TRANSLATE_NOOP("OrderBookModel", "Ask 2"),
    QT_TRANSLATE_NOOP("OrderBookModel", "Ask 3"), QT_TRANSLATE_NOOP("OrderBookModel", "Ask 4"),
    QT_TRANSLATE_NOOP("OrderBookModel", "Ask 5"), QT_TRANSLATE_NOOP("OrderBookModel", "Ask 6"),
    QT_TRANSLATE_NOOP("OrderBookModel", "Ask 7"), QT_TRANSLATE_NOOP("OrderBookModel", "Ask 8"),
    QT_TRANSLATE_NOOP("OrderBookModel", "Ask 9"), QT_TRANSLATE_NOOP("OrderBookModel", "Ask 10"),
};
constexpr const char* kBidLabels[OrderBookModel::MaxLevels] = {
    QT_TRANSLATE_NOOP("OrderBookModel", "Bid 1"), QT_TRANSLATE_NOOP("OrderBookModel", "Bid 2"),
    QT_TRANSLATE_NOOP("OrderBookModel", "Bid 3"), QT_TRANSLATE_NOOP("OrderBookModel", "Bid 4"),
    QT_TRANSLATE_NOOP("OrderBookModel", "Bid 5"), QT_TRANSLATE_NOOP("OrderBookModel", "Bid 6"),
    QT_TRANSLATE_NOOP("OrderBookModel", "Bid 7"), QT_TRANSLATE_NOOP("OrderBookModel", "Bid 8"),
    QT_TRANSLATE_NOOP("OrderBookModel", "Bid 9"), QT_TRANSLATE_NOOP("OrderBookModel", "Bid 10"),
};

QVariant decimalVariant(const Decimal& value)
{
    return value.isNull() ? QVariant() : QVariant::fromValue(value);
}
} // namespace

OrderBookModel::OrderBookModel(QuoteStore* store, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    connect(m_store, &QuoteStore::quotesChanged, this, &OrderBookModel::onQuotesChanged);
}

void OrderBookModel::setSymbol(const QString& code)
{
    if (code == m_code)
        return;
    beginResetModel();
    m_code = code;
    m_maxLevelsSeen = 0;
    m_asks.clear();
    m_bids.clear();
    readStore();
    m_askLevels = m_bidLevels = std::clamp(m_maxLevelsSeen, int(MinLevels), int(MaxLevels));
    recomputeAggregates();
    endResetModel();
    Q_EMIT bookChanged();
}

void OrderBookModel::setDisplayLocale(const QLocale& locale)
{
    m_locale = locale;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
}

void OrderBookModel::setSizeUnits(const SizeUnits& units)
{
    m_units = units;
    Q_EMIT headerDataChanged(Qt::Horizontal, Size, Size);
    Q_EMIT bookChanged();
}

int OrderBookModel::askRow(int level) const
{
    return level >= 1 && level <= m_askLevels ? m_askLevels - level : -1;
}

int OrderBookModel::bidRow(int level) const
{
    return level >= 1 && level <= m_bidLevels ? m_askLevels + level : -1;
}

bool OrderBookModel::isPriceOnly() const
{
    if (m_asks.isEmpty() && m_bids.isEmpty())
        return false;
    const auto hasSize = [](const BookLevel& l) { return !l.volume.isNull(); };
    return std::none_of(m_asks.cbegin(), m_asks.cend(), hasSize) &&
           std::none_of(m_bids.cbegin(), m_bids.cend(), hasSize);
}

std::optional<double> OrderBookModel::imbalancePercent() const
{
    if (m_askTotal.isNull() || m_bidTotal.isNull())
        return std::nullopt;
    const double asks = m_askTotal.toDouble();
    const double bids = m_bidTotal.toDouble();
    if (asks + bids <= 0)
        return std::nullopt;
    return 100.0 * (bids - asks) / (bids + asks);
}

Decimal OrderBookModel::spread() const
{
    if (m_asks.isEmpty() || m_bids.isEmpty())
        return Decimal();
    return m_asks.first().price - m_bids.first().price;
}

std::optional<double> OrderBookModel::spreadBps() const
{
    const Decimal diff = spread();
    if (diff.isNull())
        return std::nullopt;
    const double mid = (m_asks.first().price.toDouble() + m_bids.first().price.toDouble()) / 2.0;
    if (!(mid > 0))
        return std::nullopt;
    return diff.toDouble() / mid * 10000.0;
}

QString OrderBookModel::sizeUnitLabel() const
{
    return m_code.isEmpty() ? QString() : m_units.labelFor(m_code, m_source);
}

QString OrderBookModel::levelLabel(RowKind side, int level)
{
    if (level < 1 || level > MaxLevels || side == SpreadRow)
        return QString();
    return QCoreApplication::translate("OrderBookModel",
                                       side == AskRow ? kAskLabels[level - 1] : kBidLabels[level - 1]);
}

int OrderBookModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_askLevels + 1 + m_bidLevels;
}

int OrderBookModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const BookLevel* OrderBookModel::levelAtRow(int row, RowKind* kind, int* level) const
{
    if (row < m_askLevels) {
        *kind = AskRow;
        *level = m_askLevels - row;
        return *level <= m_asks.size() ? &m_asks.at(*level - 1) : nullptr;
    }
    if (row == m_askLevels) {
        *kind = SpreadRow;
        *level = 0;
        return nullptr;
    }
    *kind = BidRow;
    *level = row - m_askLevels;
    return *level <= m_bids.size() ? &m_bids.at(*level - 1) : nullptr;
}

QVariant OrderBookModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    RowKind kind = SpreadRow;
    int level = 0;
    const BookLevel* entry = levelAtRow(index.row(), &kind, &level);
    const int column = index.column();
    switch (role) {
    case SideRole:
        return int(kind);
    case LevelRole:
        return level;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(
            Qt::Alignment(column == Level ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter));
    default:
        break;
    }
    if (kind == SpreadRow)
        return spreadData(column, role);

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Level:
            return levelLabel(kind, level);
        case Price:
            return entry ? WatchlistModel::formatPrice(entry->price, m_code, m_locale) : QString();
        case Size:
            return entry ? WatchlistModel::formatQuantity(entry->volume, m_locale) : QString();
        default:
            return QVariant();
        }
    case RawValueRole:
        if (column == Level)
            return level;
        if (!entry)
            return QVariant();
        return decimalVariant(column == Price ? entry->price : (column == Size ? entry->volume : Decimal()));
    case PriceDirectionRole:
        if (!entry || entry->price.isNull() || m_prevClose.isNull())
            return 0;
        return entry->price > m_prevClose ? 1 : (entry->price < m_prevClose ? -1 : 0);
    case SizeFractionRole:
        if (!entry || entry->volume.isNull())
            return QVariant();
        return m_maxSize > 0 ? std::clamp(entry->volume.toDouble() / m_maxSize, 0.0, 1.0) : 0.0;
    default:
        return QVariant();
    }
}

QVariant OrderBookModel::spreadData(int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Level:
            return tr("Spread");
        case Price:
            return WatchlistModel::formatPrice(spread(), m_code, m_locale);
        case Size: {
            const auto bps = spreadBps();
            return bps ? tr("%1 bp").arg(m_locale.toString(*bps, 'f', 1)) : QString();
        }
        default:
            return QVariant();
        }
    case RawValueRole:
        if (column == Price)
            return decimalVariant(spread());
        if (column == Size) {
            const auto bps = spreadBps();
            return bps ? QVariant(*bps) : QVariant();
        }
        return column == Level ? QVariant(0) : QVariant();
    case PriceDirectionRole:
        return 0;
    default:
        return QVariant();
    }
}

QVariant OrderBookModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(
            Qt::Alignment(section == Level ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Level:
        return tr("Level");
    case Price:
        return tr("Price");
    case Size: {
        const QString unit = sizeUnitLabel();
        return unit.isEmpty() ? tr("Size") : tr("Size (%1)").arg(unit);
    }
    default:
        return QVariant();
    }
}

void OrderBookModel::onQuotesChanged(const QList<QuoteChange>& changes)
{
    if (m_code.isEmpty())
        return;
    constexpr quint32 relevant = QuoteField::Book | QuoteField::PrevClose | QuoteField::Source;
    for (const QuoteChange& change : changes) {
        if (change.code == m_code) {
            if (!(change.fields & relevant))
                return;
            // The store marks every new snapshot as a change; a book equal to the one shown is none.
            const QuoteState* q = m_store->quote(m_code);
            const bool sameBook = q && !(change.fields & (QuoteField::PrevClose | QuoteField::Source)) &&
                                  q->asks == m_asks && q->bids == m_bids;
            if (!sameBook)
                refresh();
            return;
        }
    }
}

void OrderBookModel::readStore()
{
    const QuoteState* q = m_code.isEmpty() ? nullptr : m_store->quote(m_code);
    if (!q) {
        m_asks.clear();
        m_bids.clear();
        m_prevClose = Decimal();
        m_source.clear();
        return;
    }
    // Whole lists are replaced: a side the feed sent empty becomes empty, nothing stale survives.
    m_asks = q->asks;
    m_bids = q->bids;
    m_prevClose = q->prevClose;
    m_source = q->source;
    m_maxLevelsSeen = std::max({m_maxLevelsSeen, int(m_asks.size()), int(m_bids.size())});
}

void OrderBookModel::recomputeAggregates()
{
    m_maxSize = 0;
    const auto sumSide = [this](const QList<BookLevel>& side, int shown) {
        Decimal total;
        for (int i = 0; i < std::min<int>(side.size(), shown); ++i) {
            const Decimal& volume = side.at(i).volume;
            if (volume.isNull())
                continue;
            total = total.isNull() ? volume : total + volume;
            m_maxSize = std::max(m_maxSize, volume.toDouble());
        }
        return total;
    };
    m_askTotal = sumSide(m_asks, m_askLevels);
    m_bidTotal = sumSide(m_bids, m_bidLevels);
}

void OrderBookModel::refresh()
{
    const QString oldHeader = headerData(Size, Qt::Horizontal).toString();
    readStore();
    const int wanted = std::clamp(m_maxLevelsSeen, int(MinLevels), int(MaxLevels));
    if (wanted > m_askLevels) {
        // The feed sent a deeper book: add ask rows at the top and bid rows at the bottom. Never shrinks.
        beginInsertRows(QModelIndex(), 0, wanted - m_askLevels - 1);
        m_askLevels = wanted;
        endInsertRows();
        const int first = m_askLevels + 1 + m_bidLevels;
        beginInsertRows(QModelIndex(), first, first + wanted - m_bidLevels - 1);
        m_bidLevels = wanted;
        endInsertRows();
    }
    recomputeAggregates();
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    if (headerData(Size, Qt::Horizontal).toString() != oldHeader)
        Q_EMIT headerDataChanged(Qt::Horizontal, Size, Size);
    Q_EMIT bookChanged();
}
