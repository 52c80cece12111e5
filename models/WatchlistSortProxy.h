#pragma once

#include <QPointer>
#include <QSortFilterProxyModel>
#include <QTimer>

class WatchlistModel;

// Sorts a WatchlistModel by its raw values (numbers as numbers), unknown values last in both directions.
// Re-sorting is coalesced on a timer instead of running per tick (a dynamic sort costs ~50 us per update),
// and can be held while the user scrolls so rows do not jump under the pointer.
class WatchlistSortProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit WatchlistSortProxy(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* source) override;
    void setResortInterval(int ms) { m_resortTimer.setInterval(ms); }
    // While held, the order stays as it is; a pending re-sort runs when released.
    void setResortHeld(bool held);
    bool isResortPending() const { return m_dirty; }

public Q_SLOTS:
    void resortNow();

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    void onSourceDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight);

    QPointer<WatchlistModel> m_watchlist; // the source when it is a WatchlistModel: numeric keys from its cache
    QTimer m_resortTimer;
    bool m_dirty = false;
    bool m_held = false;
};
