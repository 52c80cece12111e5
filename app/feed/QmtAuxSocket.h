#pragma once

#include "Backoff.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>

class QWebSocket;

// The socket shared by the QMT Bridge's auxiliary stream clients (/ws/l2_thousand, /ws/download_progress,
// /ws/formula, /ws/trade), per Part B of the protocol spec:
// - connect/handshake time out after `connectTimeoutMs`;
// - the bridge has no application heartbeat: a protocol ping goes out every `pingIntervalMs`, and when
//   `deadAfterMissedPongs` pings in a row stay unanswered the link is declared dead (a quiet socket is normal);
// - a handshake answered with HTTP 403 (a route v2.8.0 does not register, or /ws/trade with a bad key or trading
//   off) is reported once through handshakeRefused() and never retried automatically: State::Refused;
// - any other failure reconnects with exponential backoff when `reconnect` is set, sending the first message again;
// - secrets (the api_key of /ws/trade) never leave the object: URLs and error texts are redacted.
// Lives on whatever thread owns it; everything is signals on that thread.
class QmtAuxSocket : public QObject
{
    Q_OBJECT
public:
    enum class State : quint8 { Idle, Connecting, Connected, Waiting, Refused };
    Q_ENUM(State)

    struct Config
    {
        int pingIntervalMs = 10000;
        int deadAfterMissedPongs = 2;
        int connectTimeoutMs = 10000;
        int healthyResetMs = 60000;
        bool reconnect = true;
        Backoff::Params backoff{1000, 30000, 0.25};
    };

    QmtAuxSocket(const QString& name, const Config& config, QObject* parent = nullptr);
    ~QmtAuxSocket() override;

    // Opens `url`; once connected sends `firstMessage` (when not empty). `secrets` are masked in every text this
    // object produces (the api_key query item is masked anyway).
    void open(const QUrl& url, const QByteArray& firstMessage = QByteArray(), const QStringList& secrets = {});
    // Closes the socket (a normal close when open) and stops retrying. No signal but stateChanged(Idle).
    void close();
    // Sends a text frame when connected; false otherwise.
    bool sendText(const QByteArray& text);

    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    // The URL for display: api_key and other secrets redacted.
    QString displayUrl() const;
    // Translated, redacted description of the last failure (empty while healthy).
    QString lastError() const { return m_lastError; }
    int reconnects() const { return m_reconnects; }
    const Config& config() const { return m_config; }

    // True when a QWebSocket error string reports a handshake refused with `status` (Qt 6.4 has no API for the
    // status code: it says "Unhandled http status code: 403 (Forbidden)").
    static bool isHandshakeStatus(const QString& errorString, int status);
    // The HTTP status a handshake failure reports, 0 when the text has none.
    static int handshakeStatus(const QString& errorString);

    // A client's own state for the socket's: clients name the same states Idle, Connecting, Connected and Waiting,
    // and say what Refused means to them (NotAvailable, Rejected...).
    template <typename ClientState>
    static ClientState mapState(State state, ClientState refused)
    {
        switch (state) {
        case State::Idle:
            return ClientState::Idle;
        case State::Connecting:
            return ClientState::Connecting;
        case State::Connected:
            return ClientState::Connected;
        case State::Waiting:
            return ClientState::Waiting;
        case State::Refused:
            return refused;
        }
        return ClientState::Idle;
    }

Q_SIGNALS:
    void stateChanged(QmtAuxSocket::State state);
    // Connected; the first message (if any) has gone out.
    void opened();
    void textReceived(const QString& text);
    // The handshake was answered with an HTTP error status (403 for the bridge); no retry follows.
    void handshakeRefused(int status);
    // The socket closed or failed after it had been opened (`message` translated and redacted, empty for a normal
    // close by the server). A retry follows when the config allows it.
    void connectionLost(const QString& message, bool normalClose);
    // A failure before the socket opened (other than a refused handshake), translated and redacted.
    void errorOccurred(const QString& message);

private:
    void openSocket();
    void closeSocket();
    void onConnected();
    void onSocketError();
    void onSocketGone();
    void onPingTimer();
    void fail(const QString& message);
    void scheduleReconnect();
    void setState(State state);
    QString redacted(const QString& text) const;

    QString m_name;
    Config m_config;
    Backoff m_backoff;
    QPointer<QWebSocket> m_socket;
    State m_state = State::Idle;
    QUrl m_url;
    QByteArray m_firstMessage;
    QStringList m_secrets;
    QString m_lastError;
    QString m_socketError;
    bool m_wasOpen = false;
    bool m_awaitingPong = false;
    int m_missedPongs = 0;
    int m_reconnects = 0;

    QTimer m_pingTimer;
    QTimer m_connectTimer;
    QTimer m_healthyTimer;
    QTimer m_reconnectTimer;
};
