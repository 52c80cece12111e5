#include "QmtConnection.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

QmtConnection::QmtConnection(const QString& name, const Config& config, QObject* parent)
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
    connect(&m_pingTimer, &QTimer::timeout, this, &QmtConnection::onPingTimer);

    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(m_config.connectTimeoutMs);
    connect(&m_connectTimer, &QTimer::timeout, this,
            [this] { fail(tr("Connection timed out after %1 s").arg(m_config.connectTimeoutMs / 1000.0)); });

    m_healthyTimer.setSingleShot(true);
    m_healthyTimer.setInterval(m_config.healthyResetMs);
    connect(&m_healthyTimer, &QTimer::timeout, this, [this] { m_backoff.reset(); });

    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        m_nextRetryWallMs = 0;
        if (!m_path.isEmpty()) {
            ++m_reconnects;
            open();
        }
    });
    m_lastStatsMs = monotonicMs();
}

QmtConnection::~QmtConnection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

qint64 QmtConnection::monotonicMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

void QmtConnection::setState(ConnectionStats::State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void QmtConnection::setStream(const QString& name, const QString& path, const QByteArray& firstMessage, int symbols)
{
    m_symbols = symbols;
    if (!name.isEmpty())
        m_name = name;
    if (path == m_path && firstMessage == m_firstMessage)
        return;
    m_path = path;
    m_firstMessage = firstMessage;
    m_reconnectTimer.stop();
    m_nextRetryWallMs = 0;
    closeSocket();
    if (m_path.isEmpty()) {
        setState(ConnectionStats::State::Idle);
        return;
    }
    // A new subscription set needs a new socket: the bridge reads only the first message.
    open();
}

void QmtConnection::stop()
{
    m_path.clear();
    m_firstMessage.clear();
    m_reconnectTimer.stop();
    closeSocket();
    setState(ConnectionStats::State::Idle);
}

void QmtConnection::open()
{
    closeSocket();
    QUrl url = m_config.baseUrl;
    url.setPath(url.path() + m_path);
    url.setQuery(QString());
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &QmtConnection::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &QmtConnection::onSocketGone);
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
        ++m_messages;
        m_lastMessageWallMs = QDateTime::currentMSecsSinceEpoch();
        Q_EMIT messageReceived(text);
    });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this] {
        ++m_messages;
        ++m_malformed;
    });
    connect(m_socket, &QWebSocket::pong, this, [this] {
        m_awaitingPong = false;
        m_missedPongs = 0;
    });
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                if (m_socket)
                    m_lastError = m_socket->errorString();
            });
    setState(ConnectionStats::State::Connecting);
    m_connectTimer.start();
    m_socket->open(url);
}

void QmtConnection::closeSocket()
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

void QmtConnection::onConnected()
{
    m_connectTimer.stop();
    m_lastError.clear();
    setState(ConnectionStats::State::Connected);
    m_socket->sendTextMessage(QString::fromUtf8(m_firstMessage));
    m_pingTimer.start();
    m_healthyTimer.start();
    Q_EMIT streamOpened();
}

void QmtConnection::onSocketGone()
{
    if (m_socket && m_lastError.isEmpty()) {
        m_lastError = m_socket->error() != QAbstractSocket::UnknownSocketError ? m_socket->errorString()
                                                                               : tr("Connection closed by the server");
    }
    if (m_socket && m_state == ConnectionStats::State::Connecting)
        Q_EMIT errorOccurred(tr("%1: cannot connect: %2").arg(m_name, m_lastError));
    closeSocket();
    scheduleReconnect();
}

void QmtConnection::onPingTimer()
{
    if (!m_socket || !isConnected())
        return;
    if (m_awaitingPong && ++m_missedPongs >= m_config.deadAfterMissedPongs) {
        fail(tr("No answer to %n ping(s); reconnecting", nullptr, m_missedPongs));
        return;
    }
    m_awaitingPong = true;
    m_socket->ping();
}

void QmtConnection::fail(const QString& message)
{
    m_lastError = message;
    Q_EMIT errorOccurred(tr("%1: %2").arg(m_name, message));
    closeSocket();
    scheduleReconnect();
}

void QmtConnection::scheduleReconnect()
{
    if (m_path.isEmpty()) {
        setState(ConnectionStats::State::Idle);
        return;
    }
    const int delay = m_backoff.nextDelayMs();
    m_nextRetryWallMs = QDateTime::currentMSecsSinceEpoch() + delay;
    setState(ConnectionStats::State::Waiting);
    m_reconnectTimer.start(delay);
}

ConnectionStats QmtConnection::takeStats()
{
    const qint64 now = monotonicMs();
    ConnectionStats s;
    s.name = m_name;
    s.state = m_state;
    const qint64 elapsed = now - m_lastStatsMs;
    if (elapsed > 0)
        s.messagesPerSecond = double(m_messages - m_messagesAtLastStats) * 1000.0 / double(elapsed);
    m_messagesAtLastStats = m_messages;
    m_lastStatsMs = now;
    s.messages = m_messages;
    s.malformed = m_malformed;
    s.lastMessageMs = m_lastMessageWallMs;
    s.nextRetryMs = m_state == ConnectionStats::State::Waiting ? m_nextRetryWallMs : 0;
    s.reconnects = m_reconnects;
    s.symbols = m_symbols;
    s.lastError = m_lastError.isEmpty() ? m_note : m_lastError;
    return s;
}
