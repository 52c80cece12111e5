#include "WatchlistModel.h"

#include "MarketHours.h"
#include "SizeUnits.h"
#include "SymbolCatalog.h"

#include <QDateTime>
#include <QVarLengthArray>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
// Which columns show each QuoteField.
quint32 columnsFor(quint32 fields)
{
    using C = WatchlistModel::Column;
    quint32 cols = 0;
    const auto add = [&cols](int column) { cols |= 1u << column; };
    if (fields & QuoteField::Last) {
        add(C::Last);
        add(C::Change);
        add(C::ChangePct);
    }
    if (fields & QuoteField::Availability)
        add(C::Last);
    if (fields & QuoteField::PrevClose) {
        add(C::Change);
        add(C::ChangePct);
    }
    if (fields & QuoteField::Bid)
        add(C::Bid);
    if (fields & QuoteField::BidSize)
        add(C::BidSize);
    if (fields & QuoteField::Ask)
        add(C::Ask);
    if (fields & QuoteField::AskSize)
        add(C::AskSize);
    if (fields & QuoteField::Volume)
        add(C::Volume);
    if (fields & QuoteField::Turnover)
        add(C::Turnover);
    if (fields & QuoteField::High)
        add(C::High);
    if (fields & QuoteField::Low)
        add(C::Low);
    if (fields & QuoteField::Time)
        add(C::Time);
    if (fields & QuoteField::Source)
        add(C::Source);
    return cols;
}

QString groupDigits(const QString& plain, const QLocale& locale)
{
    // plain is "-1234567.89" style text from Decimal::toString(); group the integer part, localise the point.
    const qsizetype dot = plain.indexOf(u'.');
    QString intPart = dot < 0 ? plain : plain.left(dot);
    const QString frac = dot < 0 ? QString() : plain.mid(dot + 1);
    const bool negative = intPart.startsWith(u'-');
    if (negative)
        intPart.remove(0, 1);
    QString grouped;
    if (locale.numberOptions() & QLocale::OmitGroupSeparator) {
        grouped = intPart;
    } else {
        const QString sep = locale.groupSeparator();
        for (qsizetype i = 0; i < intPart.size(); ++i) {
            if (i > 0 && (intPart.size() - i) % 3 == 0)
                grouped += sep;
            grouped += intPart.at(i);
        }
    }
    QString out = negative ? locale.negativeSign() + grouped : grouped;
    if (!frac.isEmpty())
        out += locale.decimalPoint() + frac;
    return out;
}

int tickDecimals(const QString& code)
{
    const SymbolInfo* info = SymbolCatalog::builtIn().find(code);
    return info && !info->tickSize.isNull() ? info->tickSize.scale() : 0;
}
} // namespace

WatchlistModel::WatchlistModel(QuoteStore* store, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    connect(m_store, &QuoteStore::quotesChanged, this, &WatchlistModel::onQuotesChanged);
}

void WatchlistModel::setSymbols(const QStringList& codes)
{
    beginResetModel();
    const QHash<QString, int> oldRows = m_rows;
    std::vector<RowCache> oldCache;
    oldCache.swap(m_cache);
    m_codes.clear();
    for (const QString& code : codes) {
        if (!code.isEmpty() && !m_codes.contains(code))
            m_codes.append(code);
    }
    for (const QString& code : std::as_const(m_codes))
        m_store->ensure(code);
    rebuildIndex();
    // Fresh caches, but symbols that stay keep their latest move (the flash and tick direction).
    m_cache.resize(size_t(m_codes.size()));
    m_texts.clear();
    m_texts.resize(size_t(m_codes.size()));
    for (qsizetype i = 0; i < m_codes.size(); ++i) {
        const int old = oldRows.value(m_codes.at(i), -1);
        if (old >= 0 && size_t(old) < oldCache.size()) {
            m_cache[size_t(i)].tickDirection = oldCache[size_t(old)].tickDirection;
            m_cache[size_t(i)].lastMoveMs = oldCache[size_t(old)].lastMoveMs;
        }
    }
    resetSortKeys();
    endResetModel();
}

bool WatchlistModel::addSymbol(const QString& code)
{
    if (code.isEmpty() || m_rows.contains(code))
        return false;
    const int row = int(m_codes.size());
    beginInsertRows(QModelIndex(), row, row);
    m_codes.append(code);
    m_cache.emplace_back();
    m_texts.emplace_back();
    resetSortKeys();
    m_rows.insert(code, row);
    m_store->ensure(code);
    endInsertRows();
    return true;
}

bool WatchlistModel::moveSymbol(int from, int to)
{
    if (from < 0 || from >= m_codes.size() || to < 0 || to >= m_codes.size() || from == to)
        return false;
    // beginMoveRows wants the destination as an index into the list before the move.
    beginMoveRows(QModelIndex(), from, from, QModelIndex(), to > from ? to + 1 : to);
    m_codes.move(from, to);
    if (from < to)
        std::rotate(m_cache.begin() + from, m_cache.begin() + from + 1, m_cache.begin() + to + 1);
    else
        std::rotate(m_cache.begin() + to, m_cache.begin() + from, m_cache.begin() + from + 1);
    if (from < to)
        std::rotate(m_texts.begin() + from, m_texts.begin() + from + 1, m_texts.begin() + to + 1);
    else
        std::rotate(m_texts.begin() + to, m_texts.begin() + from, m_texts.begin() + from + 1);
    resetSortKeys();
    rebuildIndex();
    endMoveRows();
    return true;
}

bool WatchlistModel::moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
                              const QModelIndex& destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count != 1)
        return false;
    // destinationChild is an index into the list before the move.
    const int to = destinationChild > sourceRow ? destinationChild - 1 : destinationChild;
    return moveSymbol(sourceRow, to);
}

Qt::ItemFlags WatchlistModel::flags(const QModelIndex& index) const
{
    const Qt::ItemFlags base = QAbstractTableModel::flags(index);
    return index.isValid() ? base | Qt::ItemIsDragEnabled : base | Qt::ItemIsDropEnabled;
}

bool WatchlistModel::isStale(const QuoteState& q, qint64 nowMs) const
{
    // Cheapest test first: this runs for every painted cell.
    if (q.receivedMs <= 0 || nowMs - q.receivedMs <= m_staleAfterMs || !m_connectedSources.contains(q.source))
        return false;
    // The simulator trades around the clock; real markets only in session.
    return q.source == u"simulator" || MarketHours::isOpen(SymbolCatalog::builtIn().marketOf(q.code), nowMs);
}

bool WatchlistModel::removeSymbol(const QString& code)
{
    const int row = rowOf(code);
    if (row < 0)
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_codes.removeAt(row);
    m_cache.erase(m_cache.begin() + row);
    m_texts.erase(m_texts.begin() + row);
    resetSortKeys();
    rebuildIndex();
    endRemoveRows();
    return true;
}

void WatchlistModel::setChineseNames(bool chinese)
{
    if (m_chinese == chinese)
        return;
    m_chinese = chinese;
    invalidateText(1u << Name);
    if (!m_codes.isEmpty())
        Q_EMIT dataChanged(index(0, Name), index(rowCount() - 1, Name));
}

void WatchlistModel::setDisplayLocale(const QLocale& locale)
{
    m_locale = locale;
    invalidateText(RowCache::AllColumns);
    if (!m_codes.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
}

void WatchlistModel::invalidateText(quint32 columns)
{
    for (RowCache& cache : m_cache)
        cache.textDirty |= columns;
}

void WatchlistModel::resetSortKeys()
{
    m_keyDirty.assign(size_t(m_codes.size()), RowCache::AllColumns);
    m_keys.assign(size_t(m_codes.size()) * ColumnCount, std::numeric_limits<double>::quiet_NaN());
}

void WatchlistModel::rebuildIndex()
{
    m_rows.clear();
    m_rows.reserve(m_codes.size());
    for (int i = 0; i < m_codes.size(); ++i)
        m_rows.insert(m_codes.at(i), i);
}

int WatchlistModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_codes.size());
}

int WatchlistModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void WatchlistModel::onQuotesChanged(const QList<QuoteChange>& changes)
{
    // Changed cells only, in as few signals as possible: per column, the runs of adjacent rows whose cell changed;
    // adjacent columns with the same runs share one rectangle per run. A whole-market snapshot changes most fields of
    // most rows but not all of them (a price that did not move, a new high in a few rows): grouping rows by their
    // exact set of changed columns broke blocks at almost every row (5,000 signals, each handled by the sort proxy and
    // the view); by column it costs a few hundred to a couple of thousand (new highs and lows are scattered). No
    // rectangle covers a cell that did not change.
    m_changedColumns.resize(m_cache.size()); // all zero between drains
    bool any = false;
    qint64 nowMs = 0;
    for (const QuoteChange& change : changes) {
        const auto it = m_rows.constFind(change.code);
        if (it == m_rows.constEnd())
            continue;
        RowCache& cache = m_cache[size_t(*it)];
        if (change.direction != 0) {
            if (nowMs == 0)
                nowMs = QDateTime::currentMSecsSinceEpoch();
            cache.tickDirection = qint8(change.direction > 0 ? 1 : -1);
            cache.lastMoveMs = nowMs;
        }
        const quint32 cols = columnsFor(change.fields);
        if (cols == 0)
            continue;
        // Derived values are recomputed when next asked for (paint, sort), before anyone hears of the change.
        cache.textDirty |= cols;
        m_keyDirty[size_t(*it)] |= cols;
        if (cols & (1u << Change))
            cache.directionDirty = true;
        m_changedColumns[size_t(*it)] |= cols;
        any = true;
    }
    if (!any)
        return;
    struct Run
    {
        int first;
        int last;
        bool operator==(const Run& other) const { return first == other.first && last == other.last; }
    };
    // Rows in order without sorting the changes: one pass over a word per row (20 KB at 5,000 rows).
    std::array<QVarLengthArray<Run, 16>, ColumnCount> runs;
    for (int row = 0; row < int(m_changedColumns.size()); ++row) {
        const quint32 changed = m_changedColumns[size_t(row)];
        if (changed == 0)
            continue;
        m_changedColumns[size_t(row)] = 0;
        for (quint32 cols = changed; cols != 0; cols &= cols - 1) {
            auto& column = runs[size_t(qCountTrailingZeroBits(cols))];
            if (!column.isEmpty() && column.last().last == row - 1)
                column.last().last = row; // extends the run
            else
                column.append({row, row});
        }
    }
    int col = 0;
    while (col < ColumnCount) {
        if (runs[size_t(col)].isEmpty()) {
            ++col;
            continue;
        }
        int end = col;
        while (end + 1 < ColumnCount && runs[size_t(end + 1)] == runs[size_t(col)])
            ++end;
        for (const Run& run : std::as_const(runs[size_t(col)]))
            Q_EMIT dataChanged(index(run.first, col), index(run.last, end));
        col = end + 1;
    }
}

QString WatchlistModel::formatPrice(const Decimal& price, const QString& code, const QLocale& locale)
{
    if (price.isNull())
        return QString();
    return groupDigits(price.toString(tickDecimals(code)), locale);
}

QString WatchlistModel::formatQuantity(const Decimal& value, const QLocale& locale)
{
    if (value.isNull())
        return QString();
    return groupDigits(value.toString(), locale);
}

QString WatchlistModel::formatSigned(const Decimal& value, const QString& code, const QLocale& locale)
{
    if (value.isNull())
        return QString();
    const QString text = formatPrice(value, code, locale);
    return value.isNegative() || value.isZero() ? text : locale.positiveSign() + text;
}

QString WatchlistModel::formatPercent(double value, const QLocale& locale)
{
    const QString text = locale.toString(value, 'f', 2) + locale.percent();
    return value > 0 ? locale.positiveSign() + text : text;
}

QString WatchlistModel::displayValue(const QuoteState& q, int column) const
{
    switch (column) {
    case Symbol:
        return q.code;
    case Name:
        return SymbolCatalog::builtIn().displayName(q.code, m_chinese);
    case Last:
        if (q.last.isNull() && q.availability == QuoteAvailability::NoData)
            return tr("no data");
        if (q.last.isNull() && q.availability == QuoteAvailability::UnknownCode)
            return tr("unknown code");
        return formatPrice(q.last, q.code, m_locale);
    case Change:
        return formatSigned(q.change(), q.code, m_locale);
    case ChangePct: {
        const auto pct = q.changePercent();
        return pct ? formatPercent(*pct, m_locale) : QString();
    }
    case Bid:
        return formatPrice(q.bid(), q.code, m_locale);
    case BidSize:
        return formatQuantity(q.bidSize(), m_locale);
    case Ask:
        return formatPrice(q.ask(), q.code, m_locale);
    case AskSize:
        return formatQuantity(q.askSize(), m_locale);
    case Volume:
        return formatQuantity(q.volume, m_locale);
    case Turnover:
        return q.turnover.isNull() ? QString() : groupDigits(q.turnover.rounded(2).toString(2), m_locale);
    case High:
        return formatPrice(q.high, q.code, m_locale);
    case Low:
        return formatPrice(q.low, q.code, m_locale);
    case Time: {
        if (q.timeMs <= 0)
            return QString();
        const QTimeZone zone = Markets::timeZone(SymbolCatalog::builtIn().marketOf(q.code));
        return QDateTime::fromMSecsSinceEpoch(q.timeMs, zone).toString(u"HH:mm:ss"_s);
    }
    case Source:
        if (q.source == u"simulator")
            return tr("Simulator");
        if (q.source == u"alltick")
            return tr("AllTick");
        if (q.source == u"qmt")
            return tr("QMT");
        return q.source;
    default:
        return QString();
    }
}

Qt::Alignment WatchlistModel::alignmentOf(int column)
{
    if (column == Symbol || column == Name || column == Source)
        return Qt::AlignLeft | Qt::AlignVCenter;
    return Qt::AlignRight | Qt::AlignVCenter;
}

const QString& WatchlistModel::cachedText(int row, const QuoteState& q, int column) const
{
    RowCache& cache = m_cache[size_t(row)];
    QString& text = m_texts[size_t(row)].text[column];
    const quint32 bit = 1u << column;
    if (cache.textDirty & bit) {
        text = displayValue(q, column);
        cache.textDirty &= ~bit;
    }
    return text;
}

int WatchlistModel::cachedDirection(RowCache& cache, const QuoteState& q) const
{
    if (cache.directionDirty) {
        const Decimal diff = q.change();
        cache.direction = qint8(diff.isNull() || diff.isZero() ? 0 : (diff.isNegative() ? -1 : 1));
        cache.directionDirty = false;
    }
    return cache.direction;
}

double WatchlistModel::sortKey(int row, int column) const
{
    constexpr double missing = std::numeric_limits<double>::quiet_NaN();
    if (row < 0 || row >= m_codes.size() || !hasNumericSortKey(column))
        return missing;
    const quint32 bit = 1u << column;
    double& cached = m_keys[size_t(column) * m_codes.size() + size_t(row)];
    if (m_keyDirty[size_t(row)] & bit) {
        const QuoteState* q = m_store->quote(m_codes.at(row));
        if (!q)
            return missing;
        const auto num = [](const Decimal& d) { return d.toDouble(); }; // NaN when null
        double key = missing;
        switch (column) {
        case Last:
            key = num(q->last);
            break;
        case Change:
            key = num(q->change());
            break;
        case ChangePct:
            key = q->changePercent().value_or(missing);
            break;
        case Bid:
            key = num(q->bid());
            break;
        case BidSize:
            key = num(q->bidSize());
            break;
        case Ask:
            key = num(q->ask());
            break;
        case AskSize:
            key = num(q->askSize());
            break;
        case Volume:
            key = num(q->volume);
            break;
        case Turnover:
            key = num(q->turnover);
            break;
        case High:
            key = num(q->high);
            break;
        case Low:
            key = num(q->low);
            break;
        case Time:
            key = q->timeMs > 0 ? double(q->timeMs) : missing; // ms since the epoch are exact in a double
            break;
        default:
            break;
        }
        cached = key;
        m_keyDirty[size_t(row)] &= ~bit;
    }
    return cached;
}

bool WatchlistModel::cellPaint(int row, int column, qint64 nowMs, CellPaint* out) const
{
    if (row < 0 || row >= m_codes.size() || column < 0 || column >= ColumnCount)
        return false;
    const QuoteState* q = m_store->quote(m_codes.at(row));
    if (!q)
        return false;
    RowCache& cache = m_cache[size_t(row)];
    out->text = cachedText(row, *q, column);
    out->alignment = alignmentOf(column);
    out->direction = cachedDirection(cache, *q);
    out->tickDirection = cache.tickDirection;
    out->lastMoveMs = cache.lastMoveMs;
    out->stale = isStale(*q, nowMs);
    return true;
}

QVariant WatchlistModel::rawValue(const QuoteState& q, int column) const
{
    const auto num = [](const Decimal& d) { return d.isNull() ? QVariant() : QVariant(d.toDouble()); };
    switch (column) {
    case Symbol:
        return q.code;
    case Name:
        return SymbolCatalog::builtIn().displayName(q.code, m_chinese);
    case Last:
        return num(q.last);
    case Change:
        return num(q.change());
    case ChangePct: {
        const auto pct = q.changePercent();
        return pct ? QVariant(*pct) : QVariant();
    }
    case Bid:
        return num(q.bid());
    case BidSize:
        return num(q.bidSize());
    case Ask:
        return num(q.ask());
    case AskSize:
        return num(q.askSize());
    case Volume:
        return num(q.volume);
    case Turnover:
        return num(q.turnover);
    case High:
        return num(q.high);
    case Low:
        return num(q.low);
    case Time:
        return q.timeMs > 0 ? QVariant(q.timeMs) : QVariant();
    case Source:
        return q.source;
    default:
        return QVariant();
    }
}

QVariant WatchlistModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    // Roles that need no quote are answered before the store lookup: the view asks for about a dozen roles per cell
    // and paint time at whole-market scale is mostly these calls.
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case RawValueRole:
    case DirectionRole:
    case TickDirectionRole:
    case CodeRole:
    case UpdatedMsRole:
    case LastMoveMsRole:
    case StaleRole:
        break;
    case Qt::TextAlignmentRole:
        return QVariant(alignmentOf(index.column()));
    default:
        return QVariant();
    }
    const QuoteState* q = m_store->quote(m_codes.at(index.row()));
    if (!q)
        return QVariant();
    switch (role) {
    case Qt::DisplayRole:
        return cachedText(index.row(), *q, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Name || index.column() == Symbol)
            return SymbolCatalog::builtIn().displayName(q->code, m_chinese);
        if (index.column() == Last && q->last.isNull() && q->availability == QuoteAvailability::NoData)
            return tr("The feed has sent nothing for this symbol since it was subscribed");
        if (index.column() == Last && q->last.isNull() && q->availability == QuoteAvailability::UnknownCode)
            return tr("The feed does not know this code");
        if (index.column() == Volume || index.column() == BidSize || index.column() == AskSize) {
            // Sizes are in the feed's own unit (QMT: lots, AllTick: shares): say which.
            const QString unit = SizeUnits::forKnownFeeds().labelFor(q->code, q->source);
            return unit.isEmpty() ? QVariant() : QVariant(tr("In %1").arg(unit));
        }
        return QVariant();
    case RawValueRole:
        return rawValue(*q, index.column());
    case DirectionRole:
        return cachedDirection(m_cache[size_t(index.row())], *q);
    case TickDirectionRole:
        return int(m_cache[size_t(index.row())].tickDirection);
    case CodeRole:
        return q->code;
    case UpdatedMsRole:
        return q->receivedMs;
    case LastMoveMsRole:
        return m_cache[size_t(index.row())].lastMoveMs;
    case StaleRole:
        return isStale(*q, QDateTime::currentMSecsSinceEpoch());
    default:
        return QVariant();
    }
}

QVariant WatchlistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return QVariant(section <= Name || section == Source ? Qt::AlignLeft | Qt::AlignVCenter
                                                             : Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Symbol:
        return tr("Symbol");
    case Name:
        return tr("Name");
    case Last:
        return tr("Last");
    case Change:
        return tr("Change");
    case ChangePct:
        return tr("Change %");
    case Bid:
        return tr("Bid");
    case BidSize:
        return tr("Bid size");
    case Ask:
        return tr("Ask");
    case AskSize:
        return tr("Ask size");
    case Volume:
        return tr("Volume");
    case Turnover:
        return tr("Turnover");
    case High:
        return tr("High");
    case Low:
        return tr("Low");
    case Time:
        return tr("Time");
    case Source:
        return tr("Source");
    default:
        return QVariant();
    }
}
