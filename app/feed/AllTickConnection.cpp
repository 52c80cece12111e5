#include "AllTickConnection.h"

#include "UrlRedaction.h"

#include <QDateTime>
#include <QUrlQuery>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace {
constexpr int RetOk = 200;
constexpr int RetTokenInvalid = 401;
constexpr int RetTooManyRequests = 606;
} // namespace

AllTickConnection::AllTickConnection(const QString& name, const Config& config, UpdateBuffer* sink, QObject* parent)
    : QObject(parent)
    , m_name(name)
    , m_config(config)
    , m_backoff(config.backoff)
    , m_sendTimer(this)
    , m_heartbeatTimer(this)
    , m_watchdogTimer(this)
    , m_connectTimer(this)
    , m_healthyTimer(this)
    , m_reconnectTimer(this)
{
    m_sendTimer.setSingleShot(true);
    connect(&m_sendTimer, &QTimer::timeout, this, &AllTickConnection::pumpQueue);

    m_heartbeatTimer.setInterval(m_config.heartbeatMs);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, [this] { enqueue(Request::Heartbeat); });

    m_watchdogTimer.setInterval(qBound(10, m_config.deadAfterMs / 10, 1000));
    connect(&m_watchdogTimer, &QTimer::timeout, this, &AllTickConnection::checkAlive);

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
        if (!m_symbols.isEmpty() && !m_stopped) {
            ++m_reconnects;
            open();
        }
    });
    m_lastStatsMs = monotonicMs();

    // Responses are rare: they go back to this object's thread, where requests, errors and closing are handled.
    // Queued with this object as context, so a delivery still in flight when the connection is destroyed is dropped.
    m_worker = std::make_unique<AllTickFrameWorker>(sink, [this](const AllTick::Message& message) {
        bool wasEmpty = false;
        {
            QMutexLocker lock(&m_responseMutex);
            wasEmpty = m_responses.isEmpty();
            m_responses.append(message);
        }
        if (wasEmpty)
            QMetaObject::invokeMethod(this, &AllTickConnection::deliverResponses, Qt::QueuedConnection);
    });
}

AllTickConnection::~AllTickConnection()
{
    m_worker.reset(); // joins the decoding thread: no response can be posted to this object any more
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

qint64 AllTickConnection::monotonicMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

QString AllTickConnection::displayUrl() const
{
    return Redaction::url(m_config.url);
}

void AllTickConnection::setState(ConnectionStats::State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void AllTickConnection::setSymbols(const QStringList& codes)
{
    if (codes == m_symbols)
        return;
    m_symbols = codes;
    m_worker->setSymbols(QSet<QString>(codes.cbegin(), codes.cend()));
    m_lastChangeMs = monotonicMs();
    m_stopped = false;

    if (m_symbols.isEmpty()) {
        m_reconnectTimer.stop();
        m_nextRetryWallMs = 0;
        if (isConnected() && (m_subscribedDepth || m_subscribedTrade)) {
            // An emptied list cancels on the server, then the connection closes: it only exists while needed.
            m_queue.removeAll(Request::Depth);
            m_queue.removeAll(Request::Trade);
            m_closeAfterCancel = true;
            enqueue(Request::Cancel);
        } else {
            closeSocket();
            setState(ConnectionStats::State::Idle);
        }
        return;
    }

    m_closeAfterCancel = false;
    m_queue.removeAll(Request::Cancel);
    if (isConnected()) {
        // Trades first: they carry the last price a watchlist row is waiting for; the book follows a second later.
        enqueue(Request::Trade);
        enqueue(Request::Depth);
    } else if (m_state == ConnectionStats::State::Idle) {
        open();
    }
    // Connecting: subscriptions go out once connected. Waiting: the reconnect timer is running.
}

void AllTickConnection::stop()
{
    m_stopped = true;
    m_reconnectTimer.stop();
    closeSocket();
    setState(ConnectionStats::State::Idle);
}

void AllTickConnection::open()
{
    closeSocket();
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &AllTickConnection::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &AllTickConnection::onSocketGone);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &AllTickConnection::onTextMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this] { ++m_binaryFrames; });
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                if (m_socket)
                    m_lastError =
                        Redaction::text(m_socket->errorString(), {QUrlQuery(m_config.url).queryItemValue(u"token"_s)});
            });
    setState(ConnectionStats::State::Connecting);
    m_connectTimer.start();
    m_socket->open(m_config.url);
}

void AllTickConnection::closeSocket()
{
    m_connectTimer.stop();
    m_heartbeatTimer.stop();
    m_watchdogTimer.stop();
    m_healthyTimer.stop();
    m_sendTimer.stop();
    m_queue.clear();
    m_subscribedDepth = false;
    m_subscribedTrade = false;
    if (QWebSocket* socket = m_socket) {
        m_socket = nullptr;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

void AllTickConnection::onConnected()
{
    m_connectTimer.stop();
    m_lastFrameMs = monotonicMs();
    m_lastError.clear();
    setState(ConnectionStats::State::Connected);
    m_heartbeatTimer.start();
    m_watchdogTimer.start();
    m_healthyTimer.start();
    // The server holds no state across connections: subscribe the full lists again, trades first (see setSymbols).
    enqueue(Request::Trade);
    enqueue(Request::Depth);
}

void AllTickConnection::onSocketGone()
{
    // Frames that arrived before the close are handled before it, as when decoding was inline: a 606 penalises the
    // backoff before the reconnect is scheduled, and a response that closed the socket already did everything.
    QWebSocket* const socket = m_socket;
    m_worker->waitUntilIdle();
    deliverResponses();
    if (m_socket != socket)
        return;
    if (m_socket && m_lastError.isEmpty())
        m_lastError = tr("Connection closed by the server");
    closeSocket();
    scheduleReconnect();
}

void AllTickConnection::fail(const QString& message)
{
    m_lastError = message;
    Q_EMIT errorOccurred(tr("%1: %2").arg(m_name, message));
    closeSocket();
    scheduleReconnect();
}

void AllTickConnection::scheduleReconnect()
{
    if (m_stopped || m_symbols.isEmpty()) {
        setState(ConnectionStats::State::Idle);
        return;
    }
    const int delay = m_backoff.nextDelayMs();
    m_nextRetryWallMs = QDateTime::currentMSecsSinceEpoch() + delay;
    setState(ConnectionStats::State::Waiting);
    m_reconnectTimer.start(delay);
}

void AllTickConnection::noteActivity()
{
    if (m_messages == m_messagesNoted)
        return;
    m_messagesNoted = m_messages;
    m_lastFrameMs = monotonicMs();
    m_lastMessageWallMs = QDateTime::currentMSecsSinceEpoch();
}

void AllTickConnection::checkAlive()
{
    if (!isConnected())
        return;
    noteActivity();
    const qint64 silent = monotonicMs() - m_lastFrameMs;
    if (silent > m_config.deadAfterMs)
        fail(tr("No data for %1 s; reconnecting").arg(silent / 1000.0, 0, 'f', 1));
}

void AllTickConnection::enqueue(Request request)
{
    if (!m_queue.contains(request))
        m_queue.append(request);
    pumpQueue();
}

void AllTickConnection::pumpQueue()
{
    if (!isConnected() || m_queue.isEmpty())
        return;
    const qint64 now = monotonicMs();
    qint64 earliest = m_lastSendMs + m_config.requestSpacingMs;
    const Request next = m_queue.first();
    if (next == Request::Depth || next == Request::Trade)
        earliest = qMax(earliest, m_lastChangeMs + m_config.debounceMs);
    if (now < earliest) {
        if (!m_sendTimer.isActive() || m_sendTimer.remainingTime() > earliest - now)
            m_sendTimer.start(int(earliest - now));
        return;
    }
    m_queue.removeFirst();
    send(next);
    m_lastSendMs = now;
    if (!m_queue.isEmpty())
        m_sendTimer.start(m_config.requestSpacingMs);
}

QString AllTickConnection::nextTrace()
{
    // Unique per request, at most 64 characters.
    return u"qm-%1-%2-%3"_s.arg(m_name.left(16).toLower().remove(u' ').remove(u'/'))
        .arg(QDateTime::currentMSecsSinceEpoch())
        .arg(m_seqId);
}

void AllTickConnection::send(Request request)
{
    if (!m_socket)
        return;
    ++m_seqId;
    const QString trace = nextTrace();
    QStringList codes = m_symbols;
    if (m_config.maxCodesPerList > 0 && codes.size() > m_config.maxCodesPerList)
        codes = codes.mid(0, m_config.maxCodesPerList);

    QByteArray frame;
    switch (request) {
    case Request::Heartbeat:
        frame = AllTick::encodeHeartbeat(m_seqId, trace);
        break;
    case Request::Depth: {
        if (codes.isEmpty())
            return;
        QList<AllTick::SymbolRequest> symbols;
        symbols.reserve(codes.size());
        for (const QString& code : std::as_const(codes))
            symbols.append({code, AllTick::maxDepthLevels(code)});
        frame = AllTick::encodeSubscribeDepth(m_seqId, trace, symbols);
        m_subscribedDepth = true;
        break;
    }
    case Request::Trade:
        if (codes.isEmpty())
            return;
        frame = AllTick::encodeSubscribeTrade(m_seqId, trace, codes);
        m_subscribedTrade = true;
        break;
    case Request::Cancel: {
        const AllTick::CancelType type = m_subscribedDepth && m_subscribedTrade ? AllTick::CancelType::All
                                         : m_subscribedDepth                    ? AllTick::CancelType::Depth
                                                                                : AllTick::CancelType::Trade;
        frame = AllTick::encodeCancel(m_seqId, trace, type);
        m_subscribedDepth = m_subscribedTrade = false;
        break;
    }
    }
    m_socket->sendTextMessage(QString::fromUtf8(frame));
}

void AllTickConnection::onTextMessage(const QString& text)
{
    ++m_messages;
    m_worker->post(text);
    // One hand-over per burst: QWebSocket delivers every frame it has read before the event loop runs again.
    if (!m_flushQueued && m_worker->hasStaged()) {
        m_flushQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_flushQueued = false;
                m_worker->flush();
            },
            Qt::QueuedConnection);
    }
}

void AllTickConnection::deliverResponses()
{
    QList<AllTick::Message> responses;
    {
        QMutexLocker lock(&m_responseMutex);
        responses.swap(m_responses);
    }
    for (const AllTick::Message& message : std::as_const(responses))
        onResponse(message);
}

void AllTickConnection::onResponse(const AllTick::Message& message)
{
    Q_EMIT responseReceived(message.cmdId, message.ret, message.msg);
    if (message.cmdId == AllTick::CancelAck && m_closeAfterCancel && m_symbols.isEmpty()) {
        m_closeAfterCancel = false;
        closeSocket();
        setState(ConnectionStats::State::Idle);
        return;
    }
    if (message.ret == RetOk)
        return;
    QString what;
    switch (message.cmdId) {
    case AllTick::HeartbeatAck:
        what = tr("heartbeat");
        break;
    case AllTick::SubscribeDepthAck:
        what = tr("order book subscription");
        break;
    case AllTick::SubscribeTradeAck:
        what = tr("trade subscription");
        break;
    case AllTick::CancelAck:
        what = tr("cancel");
        break;
    default:
        what = tr("request");
        break;
    }
    m_lastError = tr("%1 refused (%2): %3").arg(what).arg(message.ret).arg(message.msg);
    Q_EMIT errorOccurred(tr("%1: %2").arg(m_name, m_lastError));
    if (message.ret == RetTooManyRequests || message.ret == RetTokenInvalid) {
        // The server closes (606) or will not serve this token (401): wait the longest before trying again.
        m_backoff.penalize();
        if (message.ret == RetTokenInvalid) {
            closeSocket();
            scheduleReconnect();
        }
    }
}

ConnectionStats AllTickConnection::takeStats()
{
    noteActivity();
    const qint64 now = monotonicMs();
    ConnectionStats s;
    s.name = m_name;
    s.state = m_state;
    // Messages through the pipeline: decoded (or refused as binary), not merely received.
    const quint64 messages = m_worker->decoded() + m_binaryFrames;
    const qint64 elapsed = now - m_lastStatsMs;
    if (elapsed > 0)
        s.messagesPerSecond = double(messages - m_messagesAtLastStats) * 1000.0 / double(elapsed);
    m_messagesAtLastStats = messages;
    m_lastStatsMs = now;
    s.messages = messages;
    s.malformed = m_binaryFrames + m_worker->malformed();
    s.lastMessageMs = m_lastMessageWallMs;
    s.nextRetryMs = m_state == ConnectionStats::State::Waiting ? m_nextRetryWallMs : 0;
    s.reconnects = m_reconnects;
    s.symbols = int(m_symbols.size());
    s.lastError = m_lastError;
    return s;
}
