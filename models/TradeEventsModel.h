#pragma once

#include "TradeEvent.h"

#include <QAbstractTableModel>
#include <QList>
#include <QTimeZone>

// The QMT trade events (orders, fills, errors, asset and position updates) of this session, newest first, at most
// capacity() of them (the oldest fall off). Times are shown in Asia/Shanghai, the exchange's zone.
class TradeEventsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Type, Code, Summary, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        RawValueRole = Qt::UserRole + 1, // qint64 ms for Time, the wire type for Type, otherwise the text
        KindRole,                        // int: TradeEvent::Kind
        IsErrorRole,                     // bool: order or cancel error
        EventRole,                       // TradeEvent
    };

    static constexpr int DefaultCapacity = 500;

    explicit TradeEventsModel(QObject* parent = nullptr);

    void addEvent(const TradeEvent& event);
    void clear();
    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }
    void setTimeZone(const QTimeZone& zone);
    // Newest first.
    const QList<TradeEvent>& events() const { return m_events; }
    TradeEvent eventAt(int row) const { return m_events.value(row); }
    // Translated name of an event type ("Order", "Trade", "Order error", ...).
    static QString typeName(const TradeEvent& event);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void trim();

    QList<TradeEvent> m_events;
    int m_capacity = DefaultCapacity;
    QTimeZone m_zone;
};
