#include "WatchlistSortProxy.h"

#include "WatchlistModel.h"

WatchlistSortProxy::WatchlistSortProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(false);
    setSortRole(WatchlistModel::RawValueRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    m_resortTimer.setSingleShot(true);
    m_resortTimer.setInterval(250);
    connect(&m_resortTimer, &QTimer::timeout, this, &WatchlistSortProxy::resortNow);
}

void WatchlistSortProxy::setSourceModel(QAbstractItemModel* source)
{
    if (sourceModel())
        disconnect(sourceModel(), &QAbstractItemModel::dataChanged, this, &WatchlistSortProxy::onSourceDataChanged);
    QSortFilterProxyModel::setSourceModel(source);
    if (source)
        connect(source, &QAbstractItemModel::dataChanged, this, &WatchlistSortProxy::onSourceDataChanged);
}

void WatchlistSortProxy::setResortHeld(bool held)
{
    m_held = held;
    if (!held && m_dirty && !m_resortTimer.isActive())
        m_resortTimer.start();
}

void WatchlistSortProxy::onSourceDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight)
{
    const int column = sortColumn();
    if (column < 0 || column < topLeft.column() || column > bottomRight.column())
        return;
    m_dirty = true;
    if (!m_held && !m_resortTimer.isActive())
        m_resortTimer.start();
}

void WatchlistSortProxy::resortNow()
{
    if (m_held)
        return;
    m_dirty = false;
    if (sortColumn() >= 0)
        sort(sortColumn(), sortOrder());
}

bool WatchlistSortProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const QVariant l = left.data(sortRole());
    const QVariant r = right.data(sortRole());
    const bool lMissing = !l.isValid();
    const bool rMissing = !r.isValid();
    if (lMissing || rMissing) {
        if (lMissing && rMissing)
            return left.row() < right.row();
        // Unknown values go last whatever the direction: in descending order "less" means "later".
        return sortOrder() == Qt::AscendingOrder ? rMissing : lMissing;
    }
    if (l.typeId() == QMetaType::QString || r.typeId() == QMetaType::QString)
        return QString::localeAwareCompare(l.toString(), r.toString()) < 0;
    if (l.typeId() == QMetaType::LongLong || r.typeId() == QMetaType::LongLong)
        return l.toLongLong() < r.toLongLong();
    return l.toDouble() < r.toDouble();
}
