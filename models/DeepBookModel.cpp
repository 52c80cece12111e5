#include "DeepBookModel.h"

#include "WatchlistModel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QVariant decimalVariant(const Decimal& value)
{
    return value.isNull() ? QVariant() : QVariant::fromValue(value);
}

QList<BookLevel> capped(const QList<BookLevel>& levels)
{
    return levels.size() > DeepBookModel::MaxLevels ? levels.mid(0, DeepBookModel::MaxLevels) : levels;
}

} // namespace

DeepBookModel::DeepBookModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void DeepBookModel::setDisplayLocale(const QLocale& locale)
{
    m_locale = locale;
    if (m_levels > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
}

void DeepBookModel::setSizeUnit(const QString& unit)
{
    if (unit == m_unit)
        return;
    m_unit = unit;
    Q_EMIT headerDataChanged(Qt::Horizontal, Size, Cumulative);
}

void DeepBookModel::clear()
{
    beginResetModel();
    m_book = BookSnapshot();
    m_levels = 0;
    recompute();
    endResetModel();
    Q_EMIT bookChanged();
}

void DeepBookModel::setBook(const BookSnapshot& incoming)
{
    BookSnapshot book = incoming;
    book.asks = capped(book.asks);
    book.bids = capped(book.bids);
    const int depth = int(std::max(book.asks.size(), book.bids.size()));
    if (book.code != m_book.code) {
        beginResetModel();
        m_book = book;
        m_levels = depth;
        recompute();
        endResetModel();
        Q_EMIT bookChanged();
        return;
    }
    if (depth > m_levels) {
        // Deeper asks go on top, deeper bids at the bottom.
        const int extra = depth - m_levels;
        beginInsertRows(QModelIndex(), 0, extra - 1);
        m_levels += extra; // the bid rows are not there yet: rowCount() must equal 2 * old + extra here
        m_insertingBids = extra;
        endInsertRows();
        beginInsertRows(QModelIndex(), 2 * m_levels - extra, 2 * m_levels - 1);
        m_insertingBids = 0;
        endInsertRows();
    }
    m_book = book;
    recompute();
    if (m_levels > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT bookChanged();
}

void DeepBookModel::recompute()
{
    const auto cumulate = [](const QList<BookLevel>& levels, QList<Decimal>* out) {
        out->clear();
        out->reserve(levels.size());
        Decimal sum;
        for (const BookLevel& level : levels) {
            if (!level.volume.isNull())
                sum = sum.isNull() ? level.volume : sum + level.volume;
            out->append(sum);
        }
        return sum;
    };
    m_askTotal = cumulate(m_book.asks, &m_askCumulative);
    m_bidTotal = cumulate(m_book.bids, &m_bidCumulative);
    m_maxSize = 0;
    for (const QList<BookLevel>* side : {&m_book.asks, &m_book.bids}) {
        for (const BookLevel& level : *side) {
            if (!level.volume.isNull())
                m_maxSize = std::max(m_maxSize, level.volume.toDouble());
        }
    }
    m_maxTotal =
        std::max(m_askTotal.isNull() ? 0.0 : m_askTotal.toDouble(), m_bidTotal.isNull() ? 0.0 : m_bidTotal.toDouble());
}

Decimal DeepBookModel::spread() const
{
    if (m_book.asks.isEmpty() || m_book.bids.isEmpty())
        return Decimal();
    return m_book.asks.first().price - m_book.bids.first().price;
}

int DeepBookModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 2 * m_levels - m_insertingBids;
}

int DeepBookModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const BookLevel* DeepBookModel::levelAt(int row, RowKind* kind, int* level, const Decimal** cumulative) const
{
    const bool ask = row < m_levels;
    *kind = ask ? AskRow : BidRow;
    *level = ask ? m_levels - row : row - m_levels + 1;
    const QList<BookLevel>& side = ask ? m_book.asks : m_book.bids;
    const QList<Decimal>& sums = ask ? m_askCumulative : m_bidCumulative;
    const int i = *level - 1;
    if (i < 0 || i >= side.size()) {
        *cumulative = nullptr;
        return nullptr;
    }
    *cumulative = &sums.at(i);
    return &side.at(i);
}

QVariant DeepBookModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    RowKind kind = AskRow;
    int level = 0;
    const Decimal* cumulative = nullptr;
    const BookLevel* entry = levelAt(index.row(), &kind, &level, &cumulative);
    const int column = index.column();
    switch (role) {
    case SideRole:
        return int(kind);
    case LevelRole:
        return level;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(
            Qt::Alignment(column == Level ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter));
    case Qt::DisplayRole:
        switch (column) {
        case Level:
            return kind == AskRow ? tr("Ask %1").arg(level) : tr("Bid %1").arg(level);
        case Price:
            return entry ? WatchlistModel::formatPrice(entry->price, m_book.code, m_locale) : QString();
        case Size:
            return entry ? WatchlistModel::formatQuantity(entry->volume, m_locale) : QString();
        case Cumulative:
            return cumulative ? WatchlistModel::formatQuantity(*cumulative, m_locale) : QString();
        default:
            return QVariant();
        }
    case RawValueRole:
        switch (column) {
        case Level:
            return level;
        case Price:
            return entry ? decimalVariant(entry->price) : QVariant();
        case Size:
            return entry ? decimalVariant(entry->volume) : QVariant();
        case Cumulative:
            return cumulative ? decimalVariant(*cumulative) : QVariant();
        default:
            return QVariant();
        }
    case SizeFractionRole:
        if (!entry || entry->volume.isNull())
            return QVariant();
        return m_maxSize > 0 ? std::clamp(entry->volume.toDouble() / m_maxSize, 0.0, 1.0) : 0.0;
    case CumulativeFractionRole:
        if (!cumulative || cumulative->isNull())
            return QVariant();
        return m_maxTotal > 0 ? std::clamp(cumulative->toDouble() / m_maxTotal, 0.0, 1.0) : 0.0;
    default:
        return QVariant();
    }
}

QVariant DeepBookModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(
            Qt::Alignment(section == Level ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole)
        return QVariant();
    const auto withUnit = [this](const QString& title) -> QString {
        return m_unit.isEmpty() ? title : tr("%1 (%2)", "column title (unit)").arg(title, m_unit);
    };
    switch (section) {
    case Level:
        return tr("Level");
    case Price:
        return tr("Price");
    case Size:
        return withUnit(tr("Size"));
    case Cumulative:
        return withUnit(tr("Cumulative"));
    default:
        return QVariant();
    }
}
