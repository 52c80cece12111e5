#include "QmtAuxSocket.h"

#include "UrlRedaction.h"

#include <QRegularExpression>
#include <QUrlQuery>
#include <QWebSocket>

using namespace Qt::StringLiterals;

QmtAuxSocket::QmtAuxSocket(const QString& name, const Config& config, QObject* parent)
    : QObject(parent)
    , m_name(name)
    , m_config(config)
    , m_backoff(config.backoff)
    , m_pingTimer(this)
    , m_connectTimer(this)
    , m_healthyTimer(this)
    , m_reconnectTimer(this)
{
    m_pingTimer.setInterval(m_config.pingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, &QmtAuxSocket::onPingTimer);

    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(m_config.connectTimeoutMs);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        const QString message =
            tr("%1: connection timed out after %2 s").arg(m_name).arg(m_config.connectTimeoutMs / 1000.0);
        m_lastError = message;
        Q_EMIT errorOccurred(message);
        fail(message);
    });

    m_healthyTimer.setSingleShot(true);
    m_healthyTimer.setInterval(m_config.healthyResetMs);
    connect(&m_healthyTimer, &QTimer::timeout, this, [this] { m_backoff.reset(); });

    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        if (m_url.isEmpty())
            return;
        ++m_reconnects;
        openSocket();
    });
}

QmtAuxSocket::~QmtAuxSocket()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

int QmtAuxSocket::handshakeStatus(const QString& errorString)
{
    // Qt 6.4: "QWebSocketPrivate::processHandshake: Unhandled http status code: 403 (Forbidden)." (translatable, but
    // the number stays). Older wordings put "status code" or "HTTP" in front of the number too.
    static const QRegularExpression pattern(u"(?:status code|http)\\D{0,4}(\\d{3})\\b"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(errorString);
    if (match.hasMatch())
        return match.captured(1).toInt();
    static const QRegularExpression bare(u"\\b(40[0-9]|5[0-9][0-9])\\b"_s);
    const QRegularExpressionMatch bareMatch = bare.match(errorString);
    if (bareMatch.hasMatch() && errorString.contains(u"handshake"_s, Qt::CaseInsensitive))
        return bareMatch.captured(1).toInt();
    return 0;
}

bool QmtAuxSocket::isHandshakeStatus(const QString& errorString, int status)
{
    return handshakeStatus(errorString) == status;
}

QString QmtAuxSocket::redacted(const QString& text) const
{
    return Redaction::text(text, m_secrets);
}

QString QmtAuxSocket::displayUrl() const
{
    return redacted(Redaction::url(m_url));
}

void QmtAuxSocket::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void QmtAuxSocket::open(const QUrl& url, const QByteArray& firstMessage, const QStringList& secrets)
{
    m_reconnectTimer.stop();
    closeSocket();
    m_url = url;
    m_firstMessage = firstMessage;
    m_secrets = secrets;
    const QUrlQuery query(url);
    for (const auto& item : query.queryItems(QUrl::FullyDecoded)) {
        if (item.first.compare(u"api_key"_s, Qt::CaseInsensitive) == 0 && !item.second.isEmpty())
            m_secrets.append(item.second);
    }
    m_backoff.reset();
    m_lastError.clear();
    if (m_url.isEmpty()) {
        setState(State::Idle);
        return;
    }
    openSocket();
}

void QmtAuxSocket::close()
{
    m_url.clear();
    m_reconnectTimer.stop();
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState) {
        QWebSocket* socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        socket->close(QWebSocketProtocol::CloseCodeNormal);
        // A peer that never answers the close: drop it after a second.
        QTimer::singleShot(1000, socket, [socket] { socket->abort(); });
    }
    closeSocket();
    setState(State::Idle);
}

bool QmtAuxSocket::sendText(const QByteArray& text)
{
    if (!m_socket || !isConnected())
        return false;
    m_socket->sendTextMessage(QString::fromUtf8(text));
    return true;
}

void QmtAuxSocket::openSocket()
{
    closeSocket();
    m_wasOpen = false;
    m_socketError.clear();
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &QmtAuxSocket::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &QmtAuxSocket::onSocketGone);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &QmtAuxSocket::textReceived);
    connect(m_socket, &QWebSocket::pong, this, [this] {
        m_awaitingPong = false;
        m_missedPongs = 0;
    });
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) { onSocketError(); });
    setState(State::Connecting);
    m_connectTimer.start();
    m_socket->open(m_url);
}

void QmtAuxSocket::closeSocket()
{
    m_connectTimer.stop();
    m_pingTimer.stop();
    m_healthyTimer.stop();
    m_awaitingPong = false;
    m_missedPongs = 0;
    if (QWebSocket* socket = m_socket) {
        m_socket = nullptr;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

void QmtAuxSocket::onConnected()
{
    m_connectTimer.stop();
    m_lastError.clear();
    m_wasOpen = true;
    setState(State::Connected);
    if (!m_firstMessage.isEmpty())
        m_socket->sendTextMessage(QString::fromUtf8(m_firstMessage));
    m_pingTimer.start();
    m_healthyTimer.start();
    Q_EMIT opened();
}

void QmtAuxSocket::onSocketError()
{
    if (!m_socket)
        return;
    m_socketError = redacted(m_socket->errorString());
    const int status = m_wasOpen ? 0 : handshakeStatus(m_socketError);
    if (status == 401 || status == 403 || status == 404) {
        // Refused by the server: retrying cannot help until something changes (server version, key, --trading).
        m_lastError = tr("%1: the server refused the connection (HTTP %2)").arg(m_name).arg(status);
        m_reconnectTimer.stop();
        closeSocket();
        setState(State::Refused);
        Q_EMIT handshakeRefused(status);
        return;
    }
    // Some failures (connection refused, host not found) end without a disconnected() signal.
    QPointer<QWebSocket> socket = m_socket;
    QTimer::singleShot(0, this, [this, socket] {
        if (socket && socket == m_socket && socket->state() == QAbstractSocket::UnconnectedState)
            onSocketGone();
    });
}

void QmtAuxSocket::onSocketGone()
{
    if (!m_socket)
        return;
    const bool wasOpen = m_wasOpen;
    const bool normal = wasOpen && m_socket->closeCode() == QWebSocketProtocol::CloseCodeNormal;
    QString message;
    if (!normal) {
        message = m_socketError.isEmpty() ? tr("connection closed by the server") : m_socketError;
        message = tr("%1: %2").arg(m_name, message);
        m_lastError = message;
    }
    closeSocket();
    if (wasOpen)
        Q_EMIT connectionLost(message, normal);
    else
        Q_EMIT errorOccurred(
            tr("%1: cannot connect: %2").arg(m_name, m_socketError.isEmpty() ? tr("closed") : m_socketError));
    scheduleReconnect();
}

void QmtAuxSocket::onPingTimer()
{
    if (!m_socket || !isConnected())
        return;
    if (m_awaitingPong && ++m_missedPongs >= m_config.deadAfterMissedPongs) {
        const QString message = tr("%1: no answer to %n ping(s); the link is dead", nullptr, m_missedPongs).arg(m_name);
        m_lastError = message;
        closeSocket();
        Q_EMIT connectionLost(message, false);
        scheduleReconnect();
        return;
    }
    m_awaitingPong = true;
    m_socket->ping();
}

void QmtAuxSocket::fail(const QString& message)
{
    m_lastError = message;
    closeSocket();
    scheduleReconnect();
}

void QmtAuxSocket::scheduleReconnect()
{
    if (m_url.isEmpty() || !m_config.reconnect) {
        setState(State::Idle);
        return;
    }
    setState(State::Waiting);
    m_reconnectTimer.start(m_backoff.nextDelayMs());
}
