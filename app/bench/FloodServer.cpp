#include "FloodServer.h"

#include "protocol/AllTickCodec.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype ChunkBytes = 64 * 1024;

quint64 splitmix(quint64& state)
{
    quint64 z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

QString letters(int n)
{
    QString s(3, u'A');
    s[0] = QChar(u'A' + (n / 676) % 26);
    s[1] = QChar(u'A' + (n / 26) % 26);
    s[2] = QChar(u'A' + n % 26);
    return s;
}

enum class Kind : quint8 { AShare, HK, US, Crypto, Forex };

Kind kindOf(const QString& code)
{
    if (code.endsWith(u".SH") || code.endsWith(u".SZ"))
        return Kind::AShare;
    if (code.endsWith(u".HK"))
        return Kind::HK;
    if (code.endsWith(u".US"))
        return Kind::US;
    if (code.endsWith(u"USDT"))
        return Kind::Crypto;
    return Kind::Forex;
}

// Per-code generator state: price in ticks of tickUnits at `scale`.
struct Instrument
{
    QByteArray code;
    Kind kind = Kind::US;
    int scale = 2;    // Decimal scale of the tick
    qint64 tick = 1;  // tick size in units of 10^-scale
    int decimals = 2; // decimals written on the wire (A-shares padded to 6 like captured AllTick data)
    int levels = 1;
    qint64 prevClose = 0; // in units
    qint64 price = 0;     // in units
    qint64 seq = 0;
    bool stockFamily = true;
};

QByteArray decimalText(qint64 units, int scale, int decimals)
{
    return Decimal::fromUnits(units, scale).toString(decimals).toLatin1();
}

void appendServerFrame(QByteArray& wire, const QByteArray& payload)
{
    // RFC 6455 server frame: FIN + text opcode, unmasked, 7/16/64-bit length.
    wire.append(char(0x81));
    const qsizetype n = payload.size();
    if (n < 126) {
        wire.append(char(n));
    } else if (n < 65536) {
        wire.append(char(126));
        wire.append(char((n >> 8) & 0xff));
        wire.append(char(n & 0xff));
    } else {
        wire.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            wire.append(char((quint64(n) >> shift) & 0xff));
    }
    wire.append(payload);
}

} // namespace

FloodServer::FloodServer(const Config& config, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_rate(config.rate)
{
    m_codes = makeCodes(qMax(1, m_config.symbols));
    buildPools();
}

FloodServer::~FloodServer()
{
    close();
}

QStringList FloodServer::makeCodes(int count)
{
    QStringList out;
    out.reserve(count);
    int a = 0, h = 0, u = 0, c = 0, f = 0;
    for (int i = 0; i < count; ++i) {
        const int slot = i % 20;
        if (slot < 9) {
            out.append(a % 2 == 0 ? QString::number(600000 + a / 2) + u".SH"_s
                                  : QString::number(1 + a / 2).rightJustified(6, u'0') + u".SZ"_s);
            ++a;
        } else if (slot < 13) {
            out.append(QString::number(100 + h++) + u".HK"_s);
        } else if (slot < 18) {
            out.append(letters(u++) + u".US"_s);
        } else if (slot == 18) {
            out.append(letters(c++) + u"USDT"_s);
        } else {
            out.append(letters(f++) + u"USD"_s);
        }
    }
    return out;
}

namespace {
// Everything about a code but its moving price; deterministic for (code, seed).
Instrument instrumentFor(const QString& code, quint32 seed)
{
    quint64 rng = qHash(code, seed) * 0x2545f4914f6cdd1dULL + seed;
    Instrument in;
    in.code = code.toLatin1();
    in.kind = kindOf(code);
    in.levels = AllTick::maxDepthLevels(code);
    in.stockFamily = AllTick::familyOf(code) == AllTick::Family::Stock;
    switch (in.kind) {
    case Kind::AShare:
        in.scale = 2, in.tick = 1, in.decimals = 6;
        in.prevClose = 500 + qint64(splitmix(rng) % 19500); // 5.00 .. 200.00
        break;
    case Kind::HK:
        in.scale = 3, in.tick = 10, in.decimals = 3;
        in.prevClose = 10 * (100 + qint64(splitmix(rng) % 49900)); // 1.000 .. 500.000
        break;
    case Kind::US:
        in.scale = 2, in.tick = 1, in.decimals = 2;
        in.prevClose = 500 + qint64(splitmix(rng) % 49500);
        break;
    case Kind::Crypto:
        in.scale = 2, in.tick = 1, in.decimals = 2;
        in.prevClose = 100 + qint64(splitmix(rng) % 6000000);
        break;
    case Kind::Forex:
        in.scale = 5, in.tick = 1, in.decimals = 5;
        in.prevClose = 50000 + qint64(splitmix(rng) % 150000); // 0.50000 .. 2.00000
        break;
    }
    in.price = in.prevClose;
    in.seq = qint64(splitmix(rng) % 1000000);
    return in;
}
} // namespace

QHash<QString, Decimal> FloodServer::previousCloses(const QStringList& codes, quint32 seed)
{
    QHash<QString, Decimal> out;
    out.reserve(codes.size());
    for (const QString& code : codes) {
        const Instrument in = instrumentFor(code, seed);
        out.insert(code, Decimal::fromUnits(in.prevClose, in.scale));
    }
    return out;
}

void FloodServer::buildPools()
{
    quint64 rng = m_config.seed * 0x2545f4914f6cdd1dULL + 1;
    QList<Instrument> instruments;
    instruments.reserve(m_codes.size());
    for (const QString& code : std::as_const(m_codes)) {
        instruments.append(instrumentFor(code, m_config.seed));
        m_prevClose.insert(code, Decimal::fromUnits(instruments.constLast().prevClose, instruments.constLast().scale));
    }

    const int frames = qMax(1, m_config.poolFrames);
    const qint64 baseMs = QDateTime::currentMSecsSinceEpoch();
    m_all.offsets.reserve(frames + 1);
    m_all.wire.reserve(qsizetype(frames) * 200);
    QByteArray payload;
    payload.reserve(1024);
    for (int i = 0; i < frames; ++i) {
        Instrument& in = instruments[qsizetype(splitmix(rng) % quint64(instruments.size()))];
        // Mean-reverting walk of 0..2 ticks, kept within about +-8% of the previous close.
        const qint64 band = qMax<qint64>(in.tick, in.prevClose * 8 / 100);
        const qint64 step = qint64(splitmix(rng) % 5) - 2;
        qint64 next = in.price + step * in.tick;
        if (next > in.prevClose + band || next < in.prevClose - band || next <= in.tick)
            next = in.price - step * in.tick;
        in.price = qMax(in.tick, next);
        ++in.seq;
        const qint64 tickTime = baseMs + i;
        const bool trade = double(splitmix(rng) % 10000) < m_config.tradeShare * 10000.0;
        payload.clear();
        payload.append(trade ? "{\"cmd_id\":22998,\"data\":{\"code\":\"" : "{\"cmd_id\":22999,\"data\":{\"code\":\"");
        payload.append(in.code);
        payload.append("\",\"seq\":\"").append(QByteArray::number(in.seq));
        payload.append("\",\"tick_time\":\"").append(QByteArray::number(tickTime)).append('"');
        if (trade) {
            qint64 volumeUnits = 0;
            int volumeScale = 0;
            switch (in.kind) {
            case Kind::AShare:
            case Kind::HK:
                volumeUnits = 100 * (1 + qint64(splitmix(rng) % 50));
                break;
            case Kind::US:
                volumeUnits = 1 + qint64(splitmix(rng) % 500);
                break;
            case Kind::Crypto:
                volumeUnits = 1 + qint64(splitmix(rng) % 20000), volumeScale = 4;
                break;
            case Kind::Forex:
                break;
            }
            const Decimal price = Decimal::fromUnits(in.price, in.scale);
            const Decimal volume = Decimal::fromUnits(volumeUnits, volumeScale);
            payload.append(",\"price\":\"").append(decimalText(in.price, in.scale, in.decimals));
            payload.append("\",\"volume\":\"").append(volume.toString().toLatin1()).append('"');
            if (in.kind != Kind::Forex) // forex, metals and energy send no turnover
                payload.append(",\"turnover\":\"")
                    .append((price * volume).rounded(2).toString(2).toLatin1())
                    .append('"');
            const int direction = in.kind == Kind::Forex ? 0 : int(splitmix(rng) % 3);
            payload.append(",\"trade_direction\":").append(QByteArray::number(direction));
        } else {
            const auto side = [&](const char* key, int sign) {
                payload.append(",\"").append(key).append("\":[");
                for (int level = 0; level < in.levels; ++level) {
                    if (level > 0)
                        payload.append(',');
                    const qint64 p = in.price + sign * (level + 1) * in.tick;
                    payload.append("{\"price\":\"").append(decimalText(qMax(in.tick, p), in.scale, in.decimals));
                    if (in.kind == Kind::Forex) { // price-only levels
                        payload.append("\"}");
                    } else {
                        const qint64 volume = in.kind == Kind::Crypto ? 1 + qint64(splitmix(rng) % 100000)
                                                                      : 100 * (1 + qint64(splitmix(rng) % 500));
                        payload.append("\",\"volume\":\"")
                            .append(in.kind == Kind::Crypto ? decimalText(volume, 4, 4) : QByteArray::number(volume))
                            .append("\"}");
                    }
                }
                payload.append(']');
            };
            side("bids", -1);
            side("asks", 1);
        }
        payload.append("}}");
        m_all.offsets.append(m_all.wire.size());
        appendServerFrame(m_all.wire, payload);
        Pool& family = in.stockFamily ? m_stock : m_general;
        family.offsets.append(family.wire.size());
        appendServerFrame(family.wire, payload);
    }
    for (Pool* pool : {&m_all, &m_stock, &m_general})
        pool->offsets.append(pool->wire.size());
    m_stock.share = double(m_stock.offsets.size() - 1) / frames;
    m_general.share = double(m_general.offsets.size() - 1) / frames;
}

QList<QByteArray> FloodServer::payloads() const
{
    QList<QByteArray> out;
    out.reserve(m_all.offsets.size());
    for (qsizetype i = 0; i + 1 < m_all.offsets.size(); ++i) {
        const char* frame = m_all.wire.constData() + m_all.offsets.at(i);
        const qsizetype frameSize = m_all.offsets.at(i + 1) - m_all.offsets.at(i);
        // Undo appendServerFrame's header: opcode byte, then a 7-bit length, or 126 + 16 bits, or 127 + 64 bits.
        const auto lengthByte = quint8(frame[1]);
        const qsizetype header = lengthByte < 126 ? 2 : lengthByte == 126 ? 4 : 10;
        out.append(QByteArray(frame + header, frameSize - header));
    }
    return out;
}

QUrl FloodServer::url(const QString& path, const QString& token) const
{
    QUrl u;
    u.setScheme(u"ws"_s);
    u.setHost(u"127.0.0.1"_s);
    u.setPort(port());
    u.setPath(path);
    if (!token.isEmpty())
        u.setQuery(u"token="_s + token);
    return u;
}

bool FloodServer::listen()
{
    m_tcpServer = new QTcpServer(this);
    m_wsServer = new QWebSocketServer(u"quotebench"_s, QWebSocketServer::NonSecureMode, this);
    m_paceTimer = new QTimer(this);
    m_paceTimer->setTimerType(Qt::PreciseTimer);
    m_paceTimer->setInterval(1);
    connect(m_paceTimer, &QTimer::timeout, this, &FloodServer::onPaceTimer);
    connect(m_tcpServer, &QTcpServer::newConnection, this, &FloodServer::onNewTcpConnection);
    connect(m_wsServer, &QWebSocketServer::newConnection, this, &FloodServer::onNewWebSocket);
    if (!m_tcpServer->listen(QHostAddress::LocalHost, 0))
        return false;
    m_port.store(m_tcpServer->serverPort());
    setRate(m_rate);
    return true;
}

void FloodServer::setRate(double framesPerSecond)
{
    m_rate = qMax(0.0, framesPerSecond);
    if (!m_paceTimer)
        return;
    if (m_rate > 0) {
        m_lastPaceNs = 0;
        for (Client* client : std::as_const(m_clients)) {
            client->budget = 0;
            if (client->socket)
                client->socket->disconnect(this);
        }
        m_paceTimer->start();
    } else {
        m_paceTimer->stop();
        for (Client* client : std::as_const(m_clients)) {
            if (client->socket) {
                connect(client->socket, &QTcpSocket::bytesWritten, this, [this, client] { pump(client); });
                pump(client);
            }
        }
    }
}

void FloodServer::close()
{
    if (m_paceTimer)
        m_paceTimer->stop();
    const QList<Client*> clients = m_clients;
    m_clients.clear();
    for (Client* client : clients) {
        if (client->socket)
            client->socket->disconnect(this);
        if (client->webSocket) {
            client->webSocket->disconnect(this);
            client->webSocket->abort();
            client->webSocket->deleteLater();
        }
        delete client;
    }
    m_connectionCount.store(0);
    if (m_tcpServer)
        m_tcpServer->close();
    if (m_wsServer)
        m_wsServer->close();
}

void FloodServer::onNewTcpConnection()
{
    while (QTcpSocket* socket = m_tcpServer->nextPendingConnection()) {
        socket->setParent(this);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // TCP_NODELAY: no Nagle delay on pushes
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRawReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (socket->bytesAvailable() > 0)
            onRawReadyRead(socket);
    }
}

void FloodServer::onRawReadyRead(QTcpSocket* socket)
{
    const QByteArray head = socket->peek(socket->bytesAvailable());
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() > 64 * 1024)
            socket->abort();
        return;
    }
    const QByteArray lower = head.left(end).toLower();
    if (lower.contains("upgrade: websocket")) {
        socket->disconnect(this);
        m_handedOver.insert(socket->peerPort(), socket);
        m_wsServer->handleConnection(socket);
        return;
    }
    // Plain HTTP (the client's REST K-line requests): read the body, answer an empty success, close.
    qsizetype length = 0;
    const qsizetype at = lower.indexOf("content-length:");
    if (at >= 0)
        length = lower.mid(at + 15, lower.indexOf('\n', at) - at - 15).trimmed().toLongLong();
    if (head.size() < end + 4 + length)
        return;
    socket->read(end + 4 + length);
    static const QByteArray body = "{\"ret\":200,\"msg\":\"ok\",\"trace\":\"\",\"data\":{\"kline_list\":[]}}";
    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->disconnectFromHost();
}

void FloodServer::onNewWebSocket()
{
    while (QWebSocket* ws = m_wsServer->nextPendingConnection()) {
        ws->setParent(this);
        const QPointer<QTcpSocket> socket = m_handedOver.take(ws->peerPort());
        if (!socket) {
            ws->abort();
            ws->deleteLater();
            continue;
        }
        auto* client = new Client;
        client->socket = socket;
        client->webSocket = ws;
        const QString path = ws->requestUrl().path();
        client->pool = path == u"/quote-stock-b-ws-api" ? &m_stock : path == u"/quote-b-ws-api" ? &m_general : &m_all;
        m_clients.append(client);
        m_connectionCount.fetch_add(1);
        connect(ws, &QWebSocket::disconnected, this, [this, ws] { dropClient(ws); });
        if (client->pool->offsets.size() < 2)
            continue; // nothing of this family
        if (m_rate <= 0) {
            connect(socket, &QTcpSocket::bytesWritten, this, [this, client] { pump(client); });
            pump(client);
        }
    }
}

void FloodServer::dropClient(QWebSocket* webSocket)
{
    for (qsizetype i = 0; i < m_clients.size(); ++i) {
        Client* client = m_clients.at(i);
        if (client->webSocket != webSocket)
            continue;
        if (client->socket)
            client->socket->disconnect(this);
        m_clients.removeAt(i);
        delete client;
        m_connectionCount.fetch_sub(1);
        break;
    }
    webSocket->deleteLater();
}

void FloodServer::writeFrames(Client* client, qsizetype count)
{
    const Pool& pool = *client->pool;
    const qsizetype poolFrames = pool.offsets.size() - 1;
    while (count > 0 && client->socket) {
        const qsizetype n = qMin(count, poolFrames - client->next);
        const qsizetype from = pool.offsets.at(client->next);
        const qsizetype to = pool.offsets.at(client->next + n);
        client->socket->write(pool.wire.constData() + from, to - from);
        client->next = (client->next + n) % poolFrames;
        count -= n;
        m_framesSent.fetch_add(quint64(n), std::memory_order_relaxed);
    }
}

void FloodServer::pump(Client* client)
{
    if (!client->socket || m_rate > 0)
        return;
    const Pool& pool = *client->pool;
    const qsizetype poolFrames = pool.offsets.size() - 1;
    while (client->socket && client->socket->bytesToWrite() < m_config.highWaterBytes) {
        // About ChunkBytes of whole frames, never past the end of the pool.
        const qsizetype start = pool.offsets.at(client->next);
        const auto limit =
            std::upper_bound(pool.offsets.cbegin() + client->next + 1, pool.offsets.cend(), start + ChunkBytes);
        qsizetype n = qsizetype(limit - pool.offsets.cbegin()) - 1 - client->next;
        n = qBound<qsizetype>(1, n, poolFrames - client->next);
        writeFrames(client, n);
    }
}

void FloodServer::onPaceTimer()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    const qint64 now = clock.nsecsElapsed();
    const double dt = m_lastPaceNs == 0 ? 0.001 : double(now - m_lastPaceNs) / 1e9;
    m_lastPaceNs = now;
    for (Client* client : std::as_const(m_clients)) {
        if (!client->socket || client->pool->offsets.size() < 2)
            continue;
        const double rate = m_rate * client->pool->share;
        client->budget = std::min(client->budget + rate * dt, rate * 0.05 + 1); // at most 50 ms of catch-up
        const auto n = qsizetype(std::floor(client->budget));
        if (n <= 0)
            continue;
        client->budget -= double(n);
        if (client->socket->bytesToWrite() > m_config.maxBacklogBytes) {
            m_framesDropped.fetch_add(quint64(n), std::memory_order_relaxed);
            continue;
        }
        writeFrames(client, n);
        client->socket->flush();
    }
}
