#include "TradeEventsModel.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

TradeEventsModel::TradeEventsModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_zone("Asia/Shanghai")
{
    qRegisterMetaType<TradeEvent>();
}

void TradeEventsModel::addEvent(const TradeEvent& event)
{
    beginInsertRows(QModelIndex(), 0, 0);
    m_events.prepend(event);
    endInsertRows();
    trim();
}

void TradeEventsModel::clear()
{
    if (m_events.isEmpty())
        return;
    beginResetModel();
    m_events.clear();
    endResetModel();
}

void TradeEventsModel::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    trim();
}

void TradeEventsModel::trim()
{
    if (m_events.size() <= m_capacity)
        return;
    beginRemoveRows(QModelIndex(), m_capacity, int(m_events.size()) - 1);
    m_events.resize(m_capacity);
    endRemoveRows();
}

void TradeEventsModel::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    if (!m_events.isEmpty())
        Q_EMIT dataChanged(index(0, Time), index(rowCount() - 1, Time), {Qt::DisplayRole});
}

QString TradeEventsModel::typeName(const TradeEvent& event)
{
    switch (event.kind) {
    case TradeEvent::Kind::Order:
        return tr("Order");
    case TradeEvent::Kind::Trade:
        return tr("Trade");
    case TradeEvent::Kind::OrderError:
        return tr("Order error");
    case TradeEvent::Kind::CancelError:
        return tr("Cancel error");
    case TradeEvent::Kind::AsyncResponse:
        return tr("Order accepted");
    case TradeEvent::Kind::AsyncCancelResponse:
        return tr("Cancel response");
    case TradeEvent::Kind::AccountStatus:
        return tr("Account");
    case TradeEvent::Kind::Asset:
        return tr("Asset");
    case TradeEvent::Kind::Position:
        return tr("Position");
    case TradeEvent::Kind::SmtAppointmentResponse:
        return tr("Appointment");
    case TradeEvent::Kind::Connected:
        return tr("Connected");
    case TradeEvent::Kind::Disconnected:
        return tr("Disconnected");
    case TradeEvent::Kind::Other:
        break;
    }
    return event.type;
}

int TradeEventsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int TradeEventsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TradeEventsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const TradeEvent& event = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return event.timeMs > 0 ? QDateTime::fromMSecsSinceEpoch(event.timeMs, m_zone).toString(u"HH:mm:ss"_s)
                                    : QString();
        case Type:
            return typeName(event);
        case Code:
            return event.code;
        case Summary:
            return event.summary;
        default:
            return QVariant();
        }
    case Qt::ToolTipRole:
        if (index.column() == Time && event.timeMs > 0)
            return QDateTime::fromMSecsSinceEpoch(event.timeMs, m_zone).toString(u"yyyy-MM-dd HH:mm:ss t"_s);
        return index.column() == Summary ? QVariant(event.summary) : QVariant();
    case RawValueRole:
        switch (index.column()) {
        case Time:
            return event.timeMs;
        case Type:
            return event.type;
        case Code:
            return event.code;
        case Summary:
            return event.summary;
        default:
            return QVariant();
        }
    case KindRole:
        return int(event.kind);
    case IsErrorRole:
        return event.isError();
    case EventRole:
        return QVariant::fromValue(event);
    default:
        return QVariant();
    }
}

QVariant TradeEventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Type:
        return tr("Event");
    case Code:
        return tr("Code");
    case Summary:
        return tr("Details");
    default:
        return QVariant();
    }
}
