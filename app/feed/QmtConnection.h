#pragma once

#include "Backoff.h"
#include "ConnectionStats.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QWebSocket;

// One QMT Bridge stream socket (/ws/realtime or /ws/whole_quote), per Part B of the protocol spec:
// - the subscription set is fixed by the first message, so a new set closes the socket and opens a new one;
// - the bridge has no application heartbeat: a protocol ping goes out every `pingIntervalMs`, and when
//   `deadAfterMissedPongs` pings in a row stay unanswered the link is declared dead and reopened;
// - connect/handshake time out after `connectTimeoutMs`;
// - reconnects with exponential backoff and jitter (1 s doubling to 30 s, reset after a minute of health), then sends
//   the same first message again (the server keeps nothing across connections).
// Lives on the feed thread; hands every text frame to its owner through messageReceived (a direct connection).
class QmtConnection : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        QUrl baseUrl; // ws://HOST:PORT
        int pingIntervalMs = 10000;
        int deadAfterMissedPongs = 2;
        int connectTimeoutMs = 10000;
        int healthyResetMs = 60000;
        Backoff::Params backoff{1000, 30000, 0.25};
    };

    QmtConnection(const QString& name, const Config& config, QObject* parent = nullptr);
    ~QmtConnection() override;

    // Streams `path` (e.g. "/ws/realtime") with `firstMessage`; reconnects when either changed. An empty path closes.
    void setStream(const QString& name, const QString& path, const QByteArray& firstMessage, int symbols);
    QString path() const { return m_path; }
    QByteArray firstMessage() const { return m_firstMessage; }
    bool isConnected() const { return m_state == ConnectionStats::State::Connected; }
    ConnectionStats::State state() const { return m_state; }
    void countMalformed() { ++m_malformed; }
    void setNote(const QString& note) { m_note = note; }
    // Snapshot for the status bar; the message rate is measured since the previous call.
    ConnectionStats takeStats();
    void stop();

Q_SIGNALS:
    // The socket is open and the first message went out: data for the set may follow.
    void streamOpened();
    void messageReceived(const QString& text);
    void stateChanged(ConnectionStats::State state);
    void errorOccurred(const QString& message);

private:
    void open();
    void closeSocket();
    void onConnected();
    void onSocketGone();
    void onPingTimer();
    void fail(const QString& message);
    void scheduleReconnect();
    void setState(ConnectionStats::State state);
    static qint64 monotonicMs();

    QString m_name;
    Config m_config;
    Backoff m_backoff;
    QPointer<QWebSocket> m_socket;
    ConnectionStats::State m_state = ConnectionStats::State::Idle;
    QString m_path;
    QByteArray m_firstMessage;
    int m_symbols = 0;
    int m_missedPongs = 0;
    bool m_awaitingPong = false;

    QTimer m_pingTimer;
    QTimer m_connectTimer;
    QTimer m_healthyTimer;
    QTimer m_reconnectTimer;

    quint64 m_messages = 0;
    quint64 m_malformed = 0;
    quint64 m_messagesAtLastStats = 0;
    qint64 m_lastStatsMs = 0;
    qint64 m_lastMessageWallMs = 0;
    qint64 m_nextRetryWallMs = 0;
    int m_reconnects = 0;
    QString m_lastError;
    QString m_note;
};
