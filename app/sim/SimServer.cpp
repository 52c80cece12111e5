#include "SimServer.h"

#include "HttpRequest.h"
#include "JsonText.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QMutexLocker>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

const QString kStockWsPath = u"/quote-stock-b-ws-api"_s;
const QString kGeneralWsPath = u"/quote-b-ws-api"_s;
const QString kStockRestPath = u"/quote-stock-b-api"_s;
const QString kGeneralRestPath = u"/quote-b-api"_s;
const QString kMsgOk = u"ok"_s;
const QString kMsgHeaderInvalid = u"request header param invalid"_s;
const QString kMsgDataInvalid = u"request data param invalid"_s;
const QString kMsgTooMany = u"too many requests and connection will be closed"_s;
const QString kMsgTokenRequired = u"token is required"_s;
const QString kMsgTokenInvalid = u"token invalid"_s;
const QString kMsgCodeInvalid = u"code invalid"_s;
const QString kMsgQueryInvalid = u"query invalid"_s;

constexpr int kMaxTraceLength = 64;
constexpr qint64 kMaxClientBacklog = 8 * 1024 * 1024; // skip pushes while a slow client has this much unsent
constexpr int kKlineDay = 8;
constexpr int kMaxKlineBars = 500;
constexpr int kMaxBatchKlineBars = 2;

QByteArray decimalString(const Decimal& value, int minDecimals)
{
    return '"' + (value.isNull() ? QByteArray("0") : value.toString(minDecimals).toLatin1()) + '"';
}

bool isIntegral(const QJsonValue& value, double min, double max)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return std::isfinite(d) && d == std::floor(d) && d >= min && d <= max;
}

// {"ret":R,"msg":M,"cmd_id":C,"seq_id":S,"trace":T,"data":{}} in the documented field order.
QByteArray responseFrame(int ret, const QString& msg, int cmdId, qint64 seqId, const QString& trace)
{
    QByteArray frame;
    frame.reserve(96 + trace.size());
    frame.append("{\"ret\":").append(QByteArray::number(ret));
    frame.append(",\"msg\":").append(JsonText::quoted(msg));
    frame.append(",\"cmd_id\":").append(QByteArray::number(cmdId));
    frame.append(",\"seq_id\":").append(QByteArray::number(seqId));
    frame.append(",\"trace\":").append(JsonText::quoted(trace));
    frame.append(",\"data\":{}}");
    return frame;
}

// REST envelope {"ret":R,"msg":M,"trace":T,"data":D}.
QByteArray restEnvelope(int ret, const QString& msg, const QString& trace, const QByteArray& data = "{}")
{
    QByteArray body;
    body.append("{\"ret\":").append(QByteArray::number(ret));
    body.append(",\"msg\":").append(JsonText::quoted(msg));
    body.append(",\"trace\":").append(JsonText::quoted(trace));
    body.append(",\"data\":").append(data).append('}');
    return body;
}

QByteArray tokenErrorBody(const QString& msg)
{
    return "{\"msg\":" + JsonText::quoted(msg) + ",\"ret\":401}";
}

QByteArray httpReason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    default:
        return "Error";
    }
}

quint64 nextRandom(quint64& state)
{
    quint64 z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

} // namespace

struct SimServer::Client
{
    QWebSocket* socket = nullptr;
    QString path;
    QString token;
    bool stockFamily = true;
    QStringList tradeCodes;
    QList<QPair<QString, int>> depthCodes; // code, levels
    qint64 lastRequestMs = -1;             // monotonic (m_clock)
    qint64 lastHeartbeatMs = 0;            // monotonic; connect time until the first 22000
    int tradeCursor = 0;
    int depthCursor = 0;
    double budget = 0;
    quint64 rng = 0;
    bool closing = false;
};

struct SimServer::PendingSocket
{
    HttpRequest request;
    bool http = false; // the head was not an upgrade: serve HTTP on this socket
};

SimServer::SimServer(QObject* parent)
    : SimServer(Config(), parent)
{}

SimServer::SimServer(const Config& config, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_market(config.seed, config.symbolCount)
    , m_tcpServer(new QTcpServer(this))
    , m_wsServer(new QWebSocketServer(u"quotesim"_s, QWebSocketServer::NonSecureMode, this))
    , m_pushTimer(new QTimer(this))
    , m_housekeepingTimer(new QTimer(this))
{
    m_clock.start();
    m_config.pushIntervalMs = std::max(1, m_config.pushIntervalMs);
    m_pushTimer->setInterval(m_config.pushIntervalMs);
    m_pushTimer->setTimerType(Qt::PreciseTimer);
    const int heartbeat = m_config.heartbeatTimeoutMs;
    m_housekeepingTimer->setInterval(heartbeat > 0 ? std::clamp(heartbeat / 10, 10, 1000) : 1000);
    m_wsServer->setMaxPendingConnections(1000);

    connect(m_tcpServer, &QTcpServer::newConnection, this, &SimServer::onNewTcpConnection);
    connect(m_wsServer, &QWebSocketServer::newConnection, this, &SimServer::onNewWebSocketConnection);
    connect(m_pushTimer, &QTimer::timeout, this, &SimServer::onPushTimer);
    connect(m_housekeepingTimer, &QTimer::timeout, this, &SimServer::onHousekeeping);
}

SimServer::~SimServer()
{
    // Children (sockets, servers, timers) go with QObject; only the plain structs are ours to free.
    for (QWebSocket* socket : m_clients.keys())
        socket->disconnect(this);
    for (QTcpSocket* socket : m_pending.keys())
        socket->disconnect(this);
    qDeleteAll(m_clients);
    qDeleteAll(m_pending);
}

bool SimServer::listen(const QHostAddress& address, quint16 port)
{
    if (m_tcpServer->isListening())
        m_tcpServer->close();
    if (!m_tcpServer->listen(address, port)) {
        m_errorString = m_tcpServer->errorString();
        return false;
    }
    m_errorString.clear();
    m_port.store(m_tcpServer->serverPort());
    m_lastPushMs = m_clock.elapsed();
    m_pushTimer->start();
    m_housekeepingTimer->start();
    return true;
}

bool SimServer::isListening() const
{
    return m_tcpServer->isListening();
}

QUrl SimServer::wsUrl(const QString& path, const QString& token) const
{
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    url.setPath(path);
    if (!token.isEmpty()) {
        QUrlQuery query;
        query.addQueryItem(u"token"_s, QString::fromLatin1(QUrl::toPercentEncoding(token)));
        url.setQuery(query);
    }
    return url;
}

QUrl SimServer::httpUrl(const QString& path) const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    url.setPath(path);
    return url;
}

QUrl SimServer::stockUrl(const QString& token) const
{
    return wsUrl(kStockWsPath, token);
}

QUrl SimServer::generalUrl(const QString& token) const
{
    return wsUrl(kGeneralWsPath, token);
}

QUrl SimServer::stockRestUrl() const
{
    return httpUrl(kStockRestPath);
}

QUrl SimServer::generalRestUrl() const
{
    return httpUrl(kGeneralRestPath);
}

QList<SimServer::RequestRecord> SimServer::requests() const
{
    QMutexLocker locker(&m_requestsMutex);
    return m_requests;
}

void SimServer::clearRequests()
{
    QMutexLocker locker(&m_requestsMutex);
    m_requests.clear();
}

void SimServer::recordRequest(const RequestRecord& record)
{
    {
        QMutexLocker locker(&m_requestsMutex);
        m_requests.append(record);
    }
    Q_EMIT requestReceived(record);
}

void SimServer::close()
{
    m_tcpServer->close();
    m_pushTimer->stop();
    m_housekeepingTimer->stop();
    dropAllConnections();
}

void SimServer::dropAllConnections()
{
    const QList<QTcpSocket*> pending = m_pending.keys();
    for (QTcpSocket* socket : pending)
        socket->abort();
    const QList<QWebSocket*> sockets = m_clients.keys() + m_rejected;
    for (QWebSocket* socket : sockets)
        socket->abort();
}

void SimServer::setFrozen(bool frozen)
{
    if (m_frozen == frozen)
        return;
    m_frozen = frozen;
    if (frozen)
        return;
    // Thawing: requests that arrived while frozen were never processed, so give every connection a fresh start
    // instead of punishing it for heartbeats the "dead link" swallowed, and serve handshakes that waited.
    const qint64 now = m_clock.elapsed();
    m_lastPushMs = now;
    for (Client* client : std::as_const(m_clients)) {
        client->lastHeartbeatMs = now;
        client->lastRequestMs = -1;
        client->budget = 0;
    }
    const QList<QTcpSocket*> pending = m_pending.keys();
    for (QTcpSocket* socket : pending) {
        QPointer<QTcpSocket> guard(socket);
        QMetaObject::invokeMethod(
            this,
            [this, guard] {
                if (guard && guard->bytesAvailable() > 0)
                    onRawReadyRead(guard);
            },
            Qt::QueuedConnection);
    }
}

void SimServer::injectFrame(const QByteArray& frame)
{
    const QString text = QString::fromUtf8(frame);
    for (Client* client : std::as_const(m_clients)) {
        if (!client->closing)
            client->socket->sendTextMessage(text);
    }
}

void SimServer::setPushesEnabled(bool enabled)
{
    m_pushesEnabled = enabled;
    for (Client* client : std::as_const(m_clients))
        client->budget = 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Raw TCP: peek the HTTP head, then either hand the socket to the WebSocket server or serve HTTP on it.

void SimServer::onNewTcpConnection()
{
    while (QTcpSocket* socket = m_tcpServer->nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
        m_pending.insert(socket, new PendingSocket);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRawReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { onRawDisconnected(socket); });
        if (socket->bytesAvailable() > 0)
            onRawReadyRead(socket);
    }
}

void SimServer::onRawDisconnected(QTcpSocket* socket)
{
    delete m_pending.take(socket);
    socket->disconnect(this);
    socket->deleteLater();
}

void SimServer::onRawReadyRead(QTcpSocket* socket)
{
    if (m_frozen)
        return; // leave the bytes in the socket; setFrozen(false) comes back for them
    PendingSocket* pending = m_pending.value(socket);
    if (!pending)
        return;

    if (!pending->http) {
        HttpRequest head;
        head.feed(socket->peek(socket->bytesAvailable()));
        if (head.status() == HttpRequest::Status::Bad) {
            writeHttpResponse(socket, 400, restEnvelope(400, kMsgHeaderInvalid, QString()), false);
            return;
        }
        if (!head.headersComplete())
            return;
        if (head.isWebSocketUpgrade()) {
            const QString path = head.path();
            if (path != kStockWsPath && path != kGeneralWsPath) {
                writeHttpResponse(socket, 404, "{\"msg\":\"not found\",\"ret\":404}", false);
                return;
            }
            const QString token = head.query().queryItemValue(u"token"_s, QUrl::FullyDecoded);
            if (token.isEmpty()) {
                writeHttpResponse(socket, 401, tokenErrorBody(kMsgTokenRequired), false);
                return;
            }
            if (!m_config.token.isEmpty() && token != m_config.token) {
                writeHttpResponse(socket, 401, tokenErrorBody(kMsgTokenInvalid), false);
                return;
            }
            // Hand over. QWebSocketServer::handleConnection (Qt 6.4) re-emits readyRead itself when bytes are
            // already buffered, so the peeked handshake is processed without waiting for more data.
            socket->disconnect(this);
            delete m_pending.take(socket);
            m_wsServer->handleConnection(socket);
            return;
        }
        pending->http = true;
    }

    pending->request.feed(socket->readAll());
    while (pending && pending->request.status() == HttpRequest::Status::Complete) {
        const bool keepAlive = pending->request.keepAlive();
        serveHttp(socket, pending->request);
        pending = m_pending.value(socket); // serving may have closed the socket
        if (!pending || !keepAlive)
            return;
        const QByteArray rest = pending->request.takeRemainder();
        pending->request.reset();
        pending->request.feed(rest);
    }
    if (pending && pending->request.status() == HttpRequest::Status::Bad)
        writeHttpResponse(socket, 400, restEnvelope(400, kMsgHeaderInvalid, QString()), false);
}

void SimServer::writeHttpResponse(QTcpSocket* socket, int status, const QByteArray& body, bool keepAlive)
{
    QByteArray response;
    response.reserve(body.size() + 160);
    response.append("HTTP/1.1 ").append(QByteArray::number(status)).append(' ').append(httpReason(status));
    response.append("\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ");
    response.append(QByteArray::number(body.size()));
    response.append(keepAlive ? "\r\nConnection: keep-alive\r\n\r\n" : "\r\nConnection: close\r\n\r\n");
    response.append(body);
    socket->write(response);
    if (!keepAlive) {
        if (PendingSocket* pending = m_pending.value(socket))
            pending->http = true; // whatever else arrives is not a handshake to serve
        socket->disconnectFromHost();
    }
}

void SimServer::serveHttp(QTcpSocket* socket, const HttpRequest& request)
{
    const QString path = request.path();
    const bool keepAlive = request.keepAlive();
    Q_EMIT restRequestReceived(path);

    const bool stockKline = path == kStockRestPath + u"/kline"_s;
    const bool generalKline = path == kGeneralRestPath + u"/kline"_s;
    const bool stockBatch = path == kStockRestPath + u"/batch-kline"_s;
    const bool generalBatch = path == kGeneralRestPath + u"/batch-kline"_s;
    if (!stockKline && !generalKline && !stockBatch && !generalBatch) {
        writeHttpResponse(socket, 404, "{\"msg\":\"not found\",\"ret\":404}", keepAlive);
        return;
    }
    const bool isKline = stockKline || generalKline;
    if ((isKline && request.method() != "GET") || (!isKline && request.method() != "POST")) {
        writeHttpResponse(socket, 405, "{\"msg\":\"method not allowed\",\"ret\":405}", keepAlive);
        return;
    }
    const QString token = request.query().queryItemValue(u"token"_s, QUrl::FullyDecoded);
    if (token.isEmpty()) {
        writeHttpResponse(socket, 401, tokenErrorBody(kMsgTokenRequired), keepAlive);
        return;
    }
    if (!m_config.token.isEmpty() && token != m_config.token) {
        writeHttpResponse(socket, 401, tokenErrorBody(kMsgTokenInvalid), keepAlive);
        return;
    }
    const QByteArray body = isKline ? handleKline(request, stockKline) : handleBatchKline(request, stockBatch);
    writeHttpResponse(socket, 200, body, keepAlive);
}

namespace {

QByteArray barJson(const AllTick::KlineBar& bar, int priceDecimals)
{
    QByteArray out;
    out.append("{\"timestamp\":\"").append(QByteArray::number(bar.timestampSec)).append('"');
    out.append(",\"open_price\":").append(decimalString(bar.open, priceDecimals));
    out.append(",\"close_price\":").append(decimalString(bar.close, priceDecimals));
    out.append(",\"high_price\":").append(decimalString(bar.high, priceDecimals));
    out.append(",\"low_price\":").append(decimalString(bar.low, priceDecimals));
    out.append(",\"volume\":").append(decimalString(bar.volume, 0));
    out.append(",\"turnover\":").append(decimalString(bar.turnover, priceDecimals));
    out.append('}');
    return out;
}

struct KlineQuery
{
    QString code;
    int klineType = 0;
    int count = 0;
};

// Reads {code, kline_type, query_kline_num, ...}; false when a field is missing or ill-typed.
bool readKlineQuery(const QJsonObject& object, KlineQuery* query)
{
    const QJsonValue code = object.value(u"code"_s);
    const QJsonValue type = object.value(u"kline_type"_s);
    const QJsonValue count = object.value(u"query_kline_num"_s);
    if (!code.isString() || code.toString().isEmpty() || !isIntegral(type, 1, 10) || !isIntegral(count, 1, 1e9))
        return false;
    query->code = code.toString();
    query->klineType = type.toInt();
    query->count = int(std::min(count.toDouble(), 1e6));
    return true;
}

} // namespace

bool SimServer::codeAllowed(const QString& code, bool stockFamily) const
{
    return m_market.contains(code) && Markets::isStockCode(code) == stockFamily;
}

QByteArray SimServer::handleKline(const HttpRequest& request, bool stockFamily)
{
    const QString queryText = request.query().queryItemValue(u"query"_s, QUrl::FullyDecoded);
    if (queryText.isEmpty())
        return restEnvelope(402, kMsgQueryInvalid, QString());
    const QJsonDocument document = QJsonDocument::fromJson(queryText.toUtf8());
    const QJsonObject root = document.object();
    const QString trace = root.value(u"trace"_s).toString();
    KlineQuery query;
    if (!document.isObject() || !root.value(u"data"_s).isObject() ||
        !readKlineQuery(root.value(u"data"_s).toObject(), &query))
        return restEnvelope(402, kMsgQueryInvalid, trace);
    if (!codeAllowed(query.code, stockFamily))
        return restEnvelope(600, kMsgCodeInvalid, trace);
    if (query.klineType != kKlineDay)
        return restEnvelope(402, kMsgQueryInvalid + u": only kline_type 8 (day) is simulated"_s, trace);

    const int decimals = m_market.priceDecimals(query.code);
    const QList<AllTick::KlineBar> bars =
        m_market.dailyBars(query.code, std::min(query.count, kMaxKlineBars), QDateTime::currentMSecsSinceEpoch());
    QByteArray data;
    data.append("{\"code\":").append(JsonText::quoted(query.code));
    data.append(",\"kline_type\":").append(QByteArray::number(query.klineType));
    data.append(",\"kline_list\":[");
    for (qsizetype i = 0; i < bars.size(); ++i) {
        if (i > 0)
            data.append(',');
        data.append(barJson(bars.at(i), decimals));
    }
    data.append("]}");
    return restEnvelope(200, kMsgOk, trace, data);
}

QByteArray SimServer::handleBatchKline(const HttpRequest& request, bool stockFamily)
{
    if (request.body().trimmed().isEmpty())
        return restEnvelope(601, u"body empty"_s, QString());
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return restEnvelope(400, kMsgHeaderInvalid, QString());
    const QJsonObject root = document.object();
    const QJsonValue traceValue = root.value(u"trace"_s);
    const QString trace = traceValue.toString();
    if (!traceValue.isString() || !root.value(u"data"_s).isObject())
        return restEnvelope(400, kMsgHeaderInvalid, trace);
    const QJsonValue list = root.value(u"data"_s).toObject().value(u"data_list"_s);
    if (!list.isArray())
        return restEnvelope(400, kMsgDataInvalid, trace);

    QList<KlineQuery> queries;
    QStringList invalid;
    for (const QJsonValue& entry : list.toArray()) {
        KlineQuery query;
        if (!entry.isObject() || !readKlineQuery(entry.toObject(), &query))
            return restEnvelope(400, kMsgDataInvalid, trace);
        if (query.klineType != kKlineDay)
            return restEnvelope(402, kMsgQueryInvalid + u": only kline_type 8 (day) is simulated"_s, trace);
        if (!codeAllowed(query.code, stockFamily))
            invalid.append(query.code);
        else
            queries.append(query);
    }

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QByteArray data = "{\"kline_list\":[";
    for (qsizetype i = 0; i < queries.size(); ++i) {
        const KlineQuery& query = queries.at(i);
        const int decimals = m_market.priceDecimals(query.code);
        const QList<AllTick::KlineBar> bars =
            m_market.dailyBars(query.code, std::min(query.count, kMaxBatchKlineBars), now);
        if (i > 0)
            data.append(',');
        data.append("{\"code\":").append(JsonText::quoted(query.code));
        data.append(",\"kline_type\":").append(QByteArray::number(query.klineType));
        data.append(",\"kline_data\":[");
        for (qsizetype b = 0; b < bars.size(); ++b) {
            if (b > 0)
                data.append(',');
            data.append(barJson(bars.at(b), decimals));
        }
        data.append("]}");
    }
    data.append("]}");
    if (!invalid.isEmpty())
        return restEnvelope(600, kMsgCodeInvalid + u": "_s + invalid.join(u','), trace, data);
    return restEnvelope(200, kMsgOk, trace, data);
}

// ---------------------------------------------------------------------------------------------------------------
// WebSocket connections.

void SimServer::onNewWebSocketConnection()
{
    while (QWebSocket* socket = m_wsServer->nextPendingConnection()) {
        socket->setParent(this);
        const QUrl url = socket->requestUrl();
        const QString path = url.path();
        const QString token = QUrlQuery(url).queryItemValue(u"token"_s, QUrl::FullyDecoded);
        const bool stockFamily = path == kStockWsPath;

        if (m_config.maxConnectionsPerToken > 0) {
            int sameToken = 0;
            for (const Client* client : std::as_const(m_clients)) {
                if (!client->closing && client->token == token && client->stockFamily == stockFamily)
                    ++sameToken;
            }
            if (sameToken >= m_config.maxConnectionsPerToken) {
                // Over the plan's connection limit: tell it, then close.
                m_rejected.append(socket);
                connect(socket, &QWebSocket::disconnected, this, [this, socket] {
                    m_rejected.removeAll(socket);
                    socket->deleteLater();
                });
                socket->sendTextMessage(QString::fromUtf8(responseFrame(606, kMsgTooMany, 0, 0, QString())));
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated, kMsgTooMany);
                QTimer::singleShot(2000, socket, [socket] { socket->abort(); });
                continue;
            }
        }

        auto* client = new Client;
        client->socket = socket;
        client->path = path;
        client->token = token;
        client->stockFamily = stockFamily;
        client->lastHeartbeatMs = m_clock.elapsed();
        client->rng = (quint64(m_config.seed) << 32) ^ ++m_connectionSerial;
        m_clients.insert(socket, client);
        m_connectionCount.store(int(m_clients.size()));

        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, client](const QString& message) { onTextMessage(client, message); });
        connect(socket, &QWebSocket::binaryMessageReceived, this,
                [this, client](const QByteArray& message) { onTextMessage(client, QString::fromUtf8(message)); });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] { onClientDisconnected(socket); });
        Q_EMIT clientConnected(path);
    }
}

void SimServer::onClientDisconnected(QWebSocket* socket)
{
    Client* client = m_clients.take(socket);
    socket->disconnect(this);
    socket->deleteLater();
    if (!client)
        return;
    m_connectionCount.store(int(m_clients.size()));
    const QString path = client->path;
    delete client;
    Q_EMIT clientDisconnected(path);
}

void SimServer::sendFrame(Client* client, const QByteArray& frame)
{
    if (m_frozen || client->closing)
        return;
    client->socket->sendTextMessage(QString::fromUtf8(frame));
}

void SimServer::sendResponse(Client* client, int ret, const QString& msg, int cmdId, qint64 seqId, const QString& trace)
{
    sendFrame(client, responseFrame(ret, msg, cmdId, seqId, trace));
}

void SimServer::closeClient(Client* client, int closeCode, const QString& reason)
{
    if (client->closing)
        return;
    client->closing = true;
    QWebSocket* socket = client->socket;
    socket->close(QWebSocketProtocol::CloseCode(closeCode), reason);
    // A client that never answers the close frame is cut off.
    QTimer::singleShot(2000, socket, [socket] { socket->abort(); });
}

void SimServer::onTextMessage(Client* client, const QString& message)
{
    if (client->closing)
        return;
    const qint64 now = m_clock.elapsed();

    RequestRecord record;
    record.path = client->path;
    record.receivedMs = QDateTime::currentMSecsSinceEpoch();
    record.raw = message.toUtf8();

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(record.raw, &parseError);
    const QJsonObject root = document.object();
    const QJsonValue cmdValue = root.value(u"cmd_id"_s);
    const QJsonValue seqValue = root.value(u"seq_id"_s);
    const QJsonValue traceValue = root.value(u"trace"_s);
    const QJsonValue dataValue = root.value(u"data"_s);
    const bool cmdOk = isIntegral(cmdValue, 0, 4294967295.0);
    const bool seqOk = isIntegral(seqValue, 0, 9007199254740992.0);
    const bool traceOk = traceValue.isString() && traceValue.toString().size() <= kMaxTraceLength;
    const int cmdId = cmdOk ? cmdValue.toInt() : 0;
    const bool knownCmd = cmdId == AllTick::Heartbeat || cmdId == AllTick::SubscribeDepth ||
                          cmdId == AllTick::SubscribeTrade || cmdId == AllTick::Cancel;
    const bool headerOk = parseError.error == QJsonParseError::NoError && document.isObject() && cmdOk && knownCmd &&
                          seqOk && traceOk && dataValue.isObject();
    const qint64 seqId = seqOk ? qint64(seqValue.toDouble()) : 0;
    const QString trace = traceOk ? traceValue.toString() : QString();
    const QJsonObject data = dataValue.toObject();

    record.cmdId = cmdId;
    record.seqId = seqId;
    record.trace = traceValue.toString();
    if (cmdId == AllTick::SubscribeDepth || cmdId == AllTick::SubscribeTrade) {
        for (const QJsonValue& entry : data.value(u"symbol_list"_s).toArray()) {
            const QJsonValue code = entry.toObject().value(u"code"_s);
            if (code.isString())
                record.codes.append(code.toString());
        }
    }
    if (cmdId == AllTick::Cancel && isIntegral(data.value(u"cancel_type"_s), -1e9, 1e9))
        record.cancelType = data.value(u"cancel_type"_s).toInt();
    recordRequest(record);

    if (m_frozen)
        return; // a dead link: the request never "arrives"
    if (!m_clients.contains(client->socket))
        return; // a requestReceived handler dropped the connection

    const bool tooSoon = m_config.minRequestSpacingMs > 0 && client->lastRequestMs >= 0 &&
                         now - client->lastRequestMs < m_config.minRequestSpacingMs;
    client->lastRequestMs = now;
    if (tooSoon) {
        sendResponse(client, 606, kMsgTooMany, headerOk ? cmdId + 1 : 0, headerOk ? seqId : 0,
                     headerOk ? trace : QString());
        closeClient(client, QWebSocketProtocol::CloseCodePolicyViolated, kMsgTooMany);
        return;
    }
    if (!headerOk) {
        sendResponse(client, m_config.badJsonRet, kMsgHeaderInvalid, 0, 0, QString());
        return;
    }

    switch (cmdId) {
    case AllTick::Heartbeat:
        client->lastHeartbeatMs = now;
        sendResponse(client, 200, kMsgOk, AllTick::HeartbeatAck, seqId, trace);
        break;
    case AllTick::SubscribeDepth:
    case AllTick::SubscribeTrade:
        handleSubscribe(client, cmdId, seqId, trace, data);
        break;
    case AllTick::Cancel:
        handleCancel(client, seqId, trace, data);
        break;
    default:
        break;
    }
}

void SimServer::handleSubscribe(Client* client, int cmdId, qint64 seqId, const QString& trace, const QJsonObject& data)
{
    const QJsonValue list = data.value(u"symbol_list"_s);
    if (!list.isArray()) {
        sendResponse(client, 400, kMsgDataInvalid, cmdId + 1, seqId, trace);
        return;
    }
    QStringList codes;
    QList<int> levels;
    QSet<QString> seen;
    for (const QJsonValue& entry : list.toArray()) {
        const QJsonObject object = entry.toObject();
        const QJsonValue code = object.value(u"code"_s);
        if (!entry.isObject() || !code.isString() || code.toString().isEmpty()) {
            sendResponse(client, 400, kMsgDataInvalid, cmdId + 1, seqId, trace);
            return;
        }
        int level = 1;
        if (cmdId == AllTick::SubscribeDepth) {
            const QJsonValue depth = object.value(u"depth_level"_s);
            if (!depth.isUndefined() && !depth.isNull()) {
                if (!isIntegral(depth, 0, 4294967295.0)) {
                    sendResponse(client, 400, kMsgDataInvalid, cmdId + 1, seqId, trace);
                    return;
                }
                level = int(std::clamp(depth.toDouble(), 1.0, 1000.0));
            }
        }
        if (seen.contains(code.toString()))
            continue;
        seen.insert(code.toString());
        codes.append(code.toString());
        levels.append(level);
    }
    // Plan limit: only the first N codes are processed, silently.
    if (m_config.maxCodesPerList > 0 && codes.size() > m_config.maxCodesPerList) {
        codes.resize(m_config.maxCodesPerList);
        levels.resize(m_config.maxCodesPerList);
    }

    QStringList invalid;
    QStringList tradeCodes;
    QList<QPair<QString, int>> depthCodes;
    for (qsizetype i = 0; i < codes.size(); ++i) {
        const QString& code = codes.at(i);
        if (!codeAllowed(code, client->stockFamily)) {
            invalid.append(code);
            continue;
        }
        if (cmdId == AllTick::SubscribeTrade)
            tradeCodes.append(code);
        else
            depthCodes.append({code, std::min(levels.at(i), SimMarket::maxDepthLevels(m_market.marketOf(code)))});
    }
    // Overwrite semantics: the new list replaces the previous list of the same type.
    if (cmdId == AllTick::SubscribeTrade) {
        client->tradeCodes = tradeCodes;
        client->tradeCursor = 0;
    } else {
        client->depthCodes = depthCodes;
        client->depthCursor = 0;
    }
    if (invalid.isEmpty())
        sendResponse(client, 200, kMsgOk, cmdId + 1, seqId, trace);
    else
        sendResponse(client, 600, kMsgCodeInvalid + u": "_s + invalid.join(u','), cmdId + 1, seqId, trace);
}

void SimServer::handleCancel(Client* client, qint64 seqId, const QString& trace, const QJsonObject& data)
{
    const QJsonValue type = data.value(u"cancel_type"_s);
    if (!isIntegral(type, 0, 3)) {
        sendResponse(client, 400, kMsgDataInvalid, AllTick::CancelAck, seqId, trace);
        return;
    }
    switch (type.toInt()) {
    case int(AllTick::CancelType::All):
        client->tradeCodes.clear();
        client->depthCodes.clear();
        break;
    case int(AllTick::CancelType::Depth):
        client->depthCodes.clear();
        break;
    case int(AllTick::CancelType::Trade):
        client->tradeCodes.clear();
        break;
    default: // 3: "exchange-rate subscription" (AT-GB only): nothing to cancel here
        break;
    }
    sendResponse(client, 200, kMsgOk, AllTick::CancelAck, seqId, trace);
}

// ---------------------------------------------------------------------------------------------------------------
// Timers: pushes and heartbeat timeouts.

void SimServer::onHousekeeping()
{
    if (m_frozen || m_config.heartbeatTimeoutMs <= 0)
        return;
    const qint64 now = m_clock.elapsed();
    const QList<Client*> clients = m_clients.values();
    for (Client* client : clients) {
        if (!client->closing && now - client->lastHeartbeatMs > m_config.heartbeatTimeoutMs)
            closeClient(client, QWebSocketProtocol::CloseCodeGoingAway, u"heartbeat timeout"_s);
    }
}

void SimServer::onPushTimer()
{
    const qint64 now = m_clock.elapsed();
    const qint64 elapsed = std::max<qint64>(0, now - m_lastPushMs);
    m_lastPushMs = now;
    if (m_frozen || !m_pushesEnabled)
        return;
    const qint64 wallMs = QDateTime::currentMSecsSinceEpoch();
    const QList<Client*> clients = m_clients.values();
    for (Client* client : clients) {
        if (client->closing || !m_clients.contains(client->socket))
            continue;
        const qsizetype trades = client->tradeCodes.size();
        const qsizetype depths = client->depthCodes.size();
        if (trades == 0 && depths == 0) {
            client->budget = 0;
            continue;
        }
        if (client->socket->bytesToWrite() > kMaxClientBacklog) {
            client->budget = 0; // a slow reader loses pushes instead of growing our memory
            continue;
        }
        const double rate = m_config.pushRate > 0 ? m_config.pushRate : std::min(2000.0, double(2 * trades + depths));
        client->budget = std::min(client->budget + rate * double(elapsed) / 1000.0, std::max(rate, 1.0));
        int count = int(client->budget);
        client->budget -= count;
        QWebSocket* socket = client->socket;
        while (count-- > 0 && m_clients.contains(socket)) { // a failed send may have dropped the client
            bool trade = depths == 0;
            if (trades > 0 && depths > 0)
                trade = (nextRandom(client->rng) % 4) != 0; // 75% trades, 25% books
            if (trade) {
                const QString code = client->tradeCodes.at(client->tradeCursor % trades);
                client->tradeCursor = int((client->tradeCursor + 1) % trades);
                pushTrade(client, code, wallMs);
            } else {
                const QPair<QString, int> entry = client->depthCodes.at(client->depthCursor % depths);
                client->depthCursor = int((client->depthCursor + 1) % depths);
                pushDepth(client, entry.first, entry.second, wallMs);
            }
        }
    }
}

void SimServer::pushTrade(Client* client, const QString& code, qint64 nowMs)
{
    const TradeTick tick = m_market.nextTrade(code, nowMs);
    if (tick.code.isEmpty())
        return;
    const int decimals = m_market.priceDecimals(code);
    const qint64 tickTime = m_config.tickTimeSeconds ? tick.timeMs / 1000 : tick.timeMs;
    const bool integers = m_config.integerNumbers;
    QByteArray frame;
    frame.reserve(200);
    frame.append("{\"cmd_id\":22998,\"data\":{\"code\":").append(JsonText::quoted(code));
    frame.append(integers ? ",\"seq\":" : ",\"seq\":\"").append(QByteArray::number(tick.seq));
    frame.append(integers ? ",\"tick_time\":" : "\",\"tick_time\":\"").append(QByteArray::number(tickTime));
    frame.append(integers ? ",\"price\":" : "\",\"price\":").append(decimalString(tick.price, decimals));
    frame.append(",\"volume\":").append(decimalString(tick.volume, 0));
    frame.append(",\"turnover\":").append(decimalString(tick.turnover, tick.turnover.isNull() ? 0 : 2));
    frame.append(",\"trade_direction\":").append(QByteArray::number(int(tick.side)));
    frame.append("}}");
    sendFrame(client, frame);
}

void SimServer::pushDepth(Client* client, const QString& code, int levels, qint64 nowMs)
{
    const BookSnapshot book = m_market.book(code, nowMs, levels);
    if (book.code.isEmpty())
        return;
    const int decimals = m_market.priceDecimals(code);
    const qint64 tickTime = m_config.tickTimeSeconds ? book.timeMs / 1000 : book.timeMs;
    const bool integers = m_config.integerNumbers;
    auto appendSide = [decimals](QByteArray& out, const QList<BookLevel>& side) {
        out.append('[');
        for (qsizetype i = 0; i < side.size(); ++i) {
            if (i > 0)
                out.append(',');
            out.append("{\"price\":").append(decimalString(side.at(i).price, decimals));
            if (!side.at(i).volume.isNull()) // FX/metal/energy levels are price only
                out.append(",\"volume\":").append(decimalString(side.at(i).volume, 0));
            out.append('}');
        }
        out.append(']');
    };
    QByteArray frame;
    frame.reserve(128 + 64 * (book.bids.size() + book.asks.size()));
    frame.append("{\"cmd_id\":22999,\"data\":{\"code\":").append(JsonText::quoted(code));
    frame.append(integers ? ",\"seq\":" : ",\"seq\":\"").append(QByteArray::number(book.seq));
    frame.append(integers ? ",\"tick_time\":" : "\",\"tick_time\":\"").append(QByteArray::number(tickTime));
    frame.append(integers ? ",\"bids\":" : "\",\"bids\":");
    appendSide(frame, book.bids);
    frame.append(",\"asks\":");
    appendSide(frame, book.asks);
    frame.append("}}");
    sendFrame(client, frame);
}
