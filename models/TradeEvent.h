#pragma once

#include <QMetaType>
#include <QString>
#include <QVariantMap>

// One event of the QMT Bridge's /ws/trade stream (orders, fills, errors, asset and position updates), decoded by
// QmtTradeClient and listed by TradeEventsModel.
struct TradeEvent
{
    enum class Kind : quint8 {
        Order,
        Trade,
        OrderError,
        CancelError,
        AsyncResponse,
        AsyncCancelResponse,
        AccountStatus,
        Asset,
        Position,
        SmtAppointmentResponse,
        Connected,
        Disconnected,
        Other, // an unknown type: kept, summarised from its fields
    };

    Kind kind = Kind::Other;
    QString type;      // the wire type ("order", "trade", ...)
    qint64 timeMs = 0; // event time when the data carries one (order_time, traded_time), else the receive time
    qint64 receivedMs = 0;
    QString code; // stock_code when present
    QString accountId;
    QVariantMap fields; // the data object as is
    QString summary;    // translated one-line description
    bool isError() const { return kind == Kind::OrderError || kind == Kind::CancelError; }
};

Q_DECLARE_METATYPE(TradeEvent)
