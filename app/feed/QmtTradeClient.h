#pragma once

#include "QmtAuxSocket.h"
#include "TradeEvent.h"

#include <QObject>
#include <QString>
#include <QUrl>

// Client of the QMT Bridge's /ws/trade?api_key=KEY (protocol spec B.9, B.2).
// - Nothing is sent on connect; events {"type":..,"data":{..}} are decoded into TradeEvent. A quiet socket is normal
//   (v2.8.0 never delivers events): no dead-link detection by silence, only the protocol ping (every 10 s, two missed
//   pongs = dead) of QmtAuxSocket.
// - A bad key or trading disabled on the bridge is an HTTP 403 at the handshake: state Rejected, one rejected()
//   signal with a translated message, and no automatic retry (call start() again once the key is fixed).
//   Other failures reconnect with a backoff of 2 s doubling to 2 minutes.
// - The key is never shown: displayUrl() and every message are redacted.
class QmtTradeClient : public QObject
{
    Q_OBJECT
public:
    enum class State : quint8 { Idle, Connecting, Connected, Waiting, Rejected };
    Q_ENUM(State)

    explicit QmtTradeClient(QObject* parent = nullptr);
    QmtTradeClient(const QmtAuxSocket::Config& config, QObject* parent = nullptr);

    // Connects to `baseUrl` (ws://HOST:PORT) + /ws/trade?api_key=`apiKey`.
    void start(const QUrl& baseUrl, const QString& apiKey);
    void stop();
    State state() const { return m_state; }
    QString displayUrl() const { return m_socket->displayUrl(); }
    QString lastError() const { return m_socket->lastError(); }

    // The one message shown on a 403.
    static QString rejectedMessage();

    // Decodes one frame; false (and `error` set) when it is not a trade event. `receivedMs` stamps the event.
    static bool decode(const QByteArray& frame, TradeEvent* event, qint64 receivedMs, QString* error = nullptr);
    // Translated one-line description of an event (used for TradeEvent::summary).
    static QString summarize(const TradeEvent& event);
    // Translated names of the xtconstant enums.
    static QString orderTypeName(int orderType);
    static QString orderStatusName(int status);

Q_SIGNALS:
    void stateChanged(QmtTradeClient::State state);
    void eventReceived(const TradeEvent& event);
    // HTTP 403 at the handshake: invalid key or trading not enabled. Emitted once per start().
    void rejected(const QString& message);
    // Any other failure (translated, key redacted); a retry follows.
    void errorOccurred(const QString& message);
    // A frame that is not a trade event (counted, otherwise ignored).
    void malformedFrame(const QString& reason);

private:
    void onSocketState(QmtAuxSocket::State state);
    void onText(const QString& text);

    QmtAuxSocket* m_socket;
    State m_state = State::Idle;
};
