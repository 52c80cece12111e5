#include "TimeSalesModel.h"

#include "SymbolCatalog.h"
#include "TradeTape.h"
#include "WatchlistModel.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

TimeSalesModel::TimeSalesModel(QuoteStore* store, TradeTape* tape, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_tape(tape)
    , m_zone(QTimeZone::utc())
{
    connect(m_store, &QuoteStore::tradesAppended, this, &TimeSalesModel::appendTrades);
    connect(m_store, &QuoteStore::quotesChanged, this, &TimeSalesModel::onQuotesChanged);
}

void TimeSalesModel::setSymbol(const QString& code)
{
    if (code == m_code)
        return;
    beginResetModel();
    m_code = code;
    m_trades.clear();
    readSymbolFacts();
    if (m_tape && !code.isEmpty()) {
        m_trades = m_tape->recent(code);
        if (m_trades.size() > m_maxRows)
            m_trades.remove(0, m_trades.size() - m_maxRows);
    }
    endResetModel();
    Q_EMIT headerDataChanged(Qt::Horizontal, Size, Size);
}

void TimeSalesModel::readSymbolFacts()
{
    const Market market = SymbolCatalog::builtIn().marketOf(m_code);
    m_zone = Markets::timeZone(market);
    const QuoteState* q = m_code.isEmpty() ? nullptr : m_store->quote(m_code);
    m_source = q ? q->source : QString();
    m_priceOnly = m_units.unitFor(m_code, m_source) == SizeUnits::Unit::PriceOnly;
}

void TimeSalesModel::setMaxRows(int rows)
{
    m_maxRows = std::max(1, rows);
    const int overflow = int(m_trades.size()) - m_maxRows;
    if (overflow > 0) {
        beginRemoveRows(QModelIndex(), m_maxRows, int(m_trades.size()) - 1);
        m_trades.remove(0, overflow);
        endRemoveRows();
    }
}

void TimeSalesModel::setDisplayLocale(const QLocale& locale)
{
    m_locale = locale;
    if (!m_trades.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
}

void TimeSalesModel::setSizeUnits(const SizeUnits& units)
{
    m_units = units;
    readSymbolFacts();
    Q_EMIT headerDataChanged(Qt::Horizontal, Size, Size);
    if (!m_trades.isEmpty())
        Q_EMIT dataChanged(index(0, Size), index(rowCount() - 1, Size));
}

QString TimeSalesModel::sizeUnitLabel() const
{
    return m_code.isEmpty() ? QString() : m_units.labelFor(m_code, m_source);
}

QString TimeSalesModel::sideText(TradeSide side)
{
    switch (side) {
    case TradeSide::Buy:
        return tr("Buy");
    case TradeSide::Sell:
        return tr("Sell");
    case TradeSide::Neutral:
        break;
    }
    return tr("—", "neutral trade side");
}

int TimeSalesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_trades.size());
}

int TimeSalesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimeSalesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const TradeTick& t = tradeAt(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Time:
            return t.timeMs > 0 ? QDateTime::fromMSecsSinceEpoch(t.timeMs, m_zone).toString(u"HH:mm:ss.zzz"_s)
                                : QString();
        case Price:
            return WatchlistModel::formatPrice(t.price, m_code, m_locale);
        case Size:
            return m_priceOnly ? QString() : WatchlistModel::formatQuantity(t.volume, m_locale);
        case Side:
            return sideText(t.side);
        default:
            return QVariant();
        }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment((column == Time ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter));
    case SideRole:
        return sideSign(t.side);
    case RawValueRole:
        switch (column) {
        case Time:
            return t.timeMs;
        case Price:
            return t.price.isNull() ? QVariant() : QVariant::fromValue(t.price);
        case Size:
            return m_priceOnly || t.volume.isNull() ? QVariant() : QVariant::fromValue(t.volume);
        case Side:
            return sideSign(t.side);
        default:
            return QVariant();
        }
    default:
        return QVariant();
    }
}

QVariant TimeSalesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(
            Qt::Alignment((section == Time ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter));
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Time:
        return tr("Time");
    case Price:
        return tr("Price");
    case Size: {
        const QString unit = sizeUnitLabel();
        return unit.isEmpty() ? tr("Size") : tr("Size (%1)").arg(unit);
    }
    case Side:
        return tr("Side");
    default:
        return QVariant();
    }
}

void TimeSalesModel::appendTrades(const QList<TradeTick>& trades)
{
    if (m_code.isEmpty())
        return;
    QList<TradeTick> mine;
    for (const TradeTick& t : trades) {
        if (t.code == m_code)
            mine.append(t);
    }
    if (!mine.isEmpty())
        prepend(std::move(mine));
}

void TimeSalesModel::prepend(QList<TradeTick> trades)
{
    if (trades.size() > m_maxRows)
        trades.remove(0, trades.size() - m_maxRows);
    const int count = int(trades.size());
    const int overflow = int(m_trades.size()) + count - m_maxRows;
    if (overflow > 0) {
        // The oldest trades are the bottom rows.
        const int size = int(m_trades.size());
        beginRemoveRows(QModelIndex(), size - overflow, size - 1);
        m_trades.remove(0, overflow);
        endRemoveRows();
    }
    beginInsertRows(QModelIndex(), 0, count - 1);
    m_trades.append(trades);
    endInsertRows();
}

void TimeSalesModel::onQuotesChanged(const QList<QuoteChange>& changes)
{
    if (m_code.isEmpty())
        return;
    for (const QuoteChange& change : changes) {
        if (change.code != m_code)
            continue;
        if (change.fields & QuoteField::Source) {
            readSymbolFacts();
            Q_EMIT headerDataChanged(Qt::Horizontal, Size, Size);
            if (!m_trades.isEmpty())
                Q_EMIT dataChanged(index(0, Size), index(rowCount() - 1, Size));
        }
        return;
    }
}
