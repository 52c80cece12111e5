#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

// Health of one feed connection, published about once a second for the status bar.
struct ConnectionStats
{
    enum class State : quint8 { Idle, Connecting, Connected, Waiting, Failed };

    QString name; // "AllTick stocks", "AllTick forex/crypto"
    State state = State::Idle;
    double messagesPerSecond = 0;
    quint64 messages = 0;
    quint64 malformed = 0;
    qint64 lastMessageMs = 0; // wall clock of the latest frame; 0 = none yet
    qint64 nextRetryMs = 0;   // wall clock of the next reconnect attempt while Waiting
    int reconnects = 0;
    int symbols = 0;
    QString lastError; // translated, secrets redacted
};

Q_DECLARE_METATYPE(ConnectionStats)
Q_DECLARE_METATYPE(QList<ConnectionStats>)
