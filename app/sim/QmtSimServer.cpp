#include "QmtSimServer.h"

#include "QmtSimServer_p.h"

using namespace Qt::StringLiterals;
using namespace QmtSimDetail;

QmtSimServer::QmtSimServer(QObject* parent)
    : QmtSimServer(Config(), parent)
{}

QmtSimServer::QmtSimServer(const Config& config, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_tcpServer(new QTcpServer(this))
    , m_wsServer(new QWebSocketServer(u"quotesim-qmt"_s, QWebSocketServer::NonSecureMode, this))
    , m_marketTimer(new QTimer(this))
    , m_formulaTimer(new QTimer(this))
    , m_tradeTimer(new QTimer(this))
    , m_pingTimer(new QTimer(this))
{
    m_market = new SimMarket(config.seed, 0, aShareCatalog(config.wholeMarketSymbols));
    m_rng = 0xC0FFEEULL ^ config.seed;
    m_config.pushIntervalMs = std::max(1, m_config.pushIntervalMs);
    m_config.formulaIntervalMs = std::max(1, m_config.formulaIntervalMs);
    m_marketTimer->setInterval(m_config.pushIntervalMs);
    m_formulaTimer->setInterval(m_config.formulaIntervalMs);
    m_tradeTimer->setInterval(std::max(1, m_config.tradeEventIntervalMs));
    m_wsServer->setMaxPendingConnections(1000);

    connect(m_tcpServer, &QTcpServer::newConnection, this, &QmtSimServer::onNewTcpConnection);
    connect(m_wsServer, &QWebSocketServer::newConnection, this, &QmtSimServer::onNewWebSocketConnection);
    connect(m_marketTimer, &QTimer::timeout, this, &QmtSimServer::onMarketTick);
    connect(m_formulaTimer, &QTimer::timeout, this, &QmtSimServer::onFormulaTick);
    connect(m_tradeTimer, &QTimer::timeout, this, &QmtSimServer::onTradeTick);
    m_pingTimer->setInterval(std::max(1, m_config.pingIntervalMs));
    connect(m_pingTimer, &QTimer::timeout, this, &QmtSimServer::onPingTick);
}

QmtSimServer::~QmtSimServer()
{
    for (QWebSocket* socket : m_clients.keys())
        socket->disconnect(this);
    for (QTcpSocket* socket : m_pending.keys())
        socket->disconnect(this);
    qDeleteAll(m_clients);
    qDeleteAll(m_pending);
    qDeleteAll(m_states);
    delete m_market;
}

bool QmtSimServer::listen(const QHostAddress& address, quint16 port)
{
    if (m_tcpServer->isListening())
        m_tcpServer->close();
    if (!m_tcpServer->listen(address, port)) {
        m_errorString = m_tcpServer->errorString();
        return false;
    }
    m_errorString.clear();
    m_port.store(m_tcpServer->serverPort());
    m_marketTimer->start();
    m_formulaTimer->start();
    if (m_config.tradeEventIntervalMs > 0)
        m_tradeTimer->start();
    if (m_config.pingIntervalMs > 0)
        m_pingTimer->start();
    return true;
}

bool QmtSimServer::isListening() const
{
    return m_tcpServer->isListening();
}

QUrl QmtSimServer::wsUrl(const QString& path, const QString& apiKey) const
{
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    url.setPath(path);
    if (!apiKey.isEmpty()) {
        QUrlQuery query;
        query.addQueryItem(u"api_key"_s, QString::fromLatin1(QUrl::toPercentEncoding(apiKey)));
        url.setQuery(query);
    }
    return url;
}

QUrl QmtSimServer::restUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    return url;
}

int QmtSimServer::connectionCount(const QString& path) const
{
    QMutexLocker locker(&m_observeMutex);
    return m_connectionCounts.value(path);
}

int QmtSimServer::connectionCount() const
{
    QMutexLocker locker(&m_observeMutex);
    int total = 0;
    for (int count : m_connectionCounts)
        total += count;
    return total;
}

QByteArray QmtSimServer::lastFirstMessage(const QString& path) const
{
    QMutexLocker locker(&m_observeMutex);
    return m_firstMessages.value(path);
}

int QmtSimServer::rejectedHandshakes(const QString& path) const
{
    QMutexLocker locker(&m_observeMutex);
    return m_rejectedCounts.value(path);
}

QList<QmtSimServer::RequestRecord> QmtSimServer::requests() const
{
    QMutexLocker locker(&m_observeMutex);
    return m_requests;
}

void QmtSimServer::clearRequests()
{
    QMutexLocker locker(&m_observeMutex);
    m_requests.clear();
}

void QmtSimServer::recordRequest(const RequestRecord& record)
{
    QMutexLocker locker(&m_observeMutex);
    m_requests.append(record);
}

qint64 QmtSimServer::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch() + m_clockOffsetMs.load();
}

void QmtSimServer::setClockOffsetMs(qint64 offsetMs)
{
    m_clockOffsetMs.store(offsetMs);
}

void QmtSimServer::close()
{
    m_tcpServer->close();
    m_marketTimer->stop();
    m_formulaTimer->stop();
    m_tradeTimer->stop();
    m_pingTimer->stop();
    dropAllConnections();
}

void QmtSimServer::dropAllConnections()
{
    const QList<QTcpSocket*> pending = m_pending.keys();
    for (QTcpSocket* socket : pending)
        socket->abort();
    const QList<QWebSocket*> sockets = m_clients.keys();
    for (QWebSocket* socket : sockets)
        socket->abort();
}

void QmtSimServer::setFrozen(bool frozen)
{
    if (m_frozen == frozen)
        return;
    m_frozen = frozen;
    if (frozen)
        return;
    const QList<QWebSocket*> sockets = m_clients.keys();
    for (QWebSocket* socket : sockets) {
        Client* client = m_clients.value(socket);
        if (!client)
            continue;
        const QList<QByteArray> deferred = std::exchange(client->deferred, {});
        for (const QByteArray& message : deferred) {
            if (!m_clients.contains(socket))
                break;
            processMessage(client, message);
        }
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

void QmtSimServer::injectFrame(const QString& path, const QByteArray& frame)
{
    const QString text = QString::fromUtf8(frame);
    for (Client* client : std::as_const(m_clients)) {
        if (client->path == path && !client->closing)
            client->socket->sendTextMessage(text);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Raw TCP: peek the head, hand upgrades to the WebSocket server, serve everything else as HTTP.

void QmtSimServer::onNewTcpConnection()
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

void QmtSimServer::onRawDisconnected(QTcpSocket* socket)
{
    delete m_pending.take(socket);
    socket->disconnect(this);
    socket->deleteLater();
}

void QmtSimServer::rejectHandshake(QTcpSocket* socket, const QString& path)
{
    {
        QMutexLocker locker(&m_observeMutex);
        ++m_rejectedCounts[path];
        m_requests.append(RequestRecord{path, "GET", QByteArray(), 403, QDateTime::currentMSecsSinceEpoch()});
    }
    writeHttpResponse(socket, 403, QByteArray(), false, "text/plain; charset=utf-8");
    Q_EMIT handshakeRejected(path, 403);
}

void QmtSimServer::onRawReadyRead(QTcpSocket* socket)
{
    if (m_frozen)
        return;
    PendingSocket* pending = m_pending.value(socket);
    if (!pending)
        return;

    if (!pending->http) {
        HttpRequest head;
        head.feed(socket->peek(socket->bytesAvailable()));
        if (head.status() == HttpRequest::Status::Bad) {
            writeHttpResponse(socket, 400, "{\"detail\":\"Bad Request\"}", false);
            return;
        }
        if (!head.headersComplete())
            return;
        if (head.isWebSocketUpgrade()) {
            const QString path = head.path();
            bool accept = path == kRealtime || path == kWholeQuote || path == kDownload || path == kFormula ||
                          (path == kL2Thousand && !m_config.quirksV280);
            if (path == kTrade && m_config.tradingEnabled) {
                const QString key = head.query().queryItemValue(u"api_key"_s, QUrl::FullyDecoded);
                accept = !m_config.apiKey.isEmpty() && key == m_config.apiKey;
            }
            if (!accept) {
                rejectHandshake(socket, path);
                return;
            }
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
        pending = m_pending.value(socket);
        if (!pending || !keepAlive)
            return;
        const QByteArray rest = pending->request.takeRemainder();
        pending->request.reset();
        pending->request.feed(rest);
    }
    if (pending && pending->request.status() == HttpRequest::Status::Bad)
        writeHttpResponse(socket, 400, "{\"detail\":\"Bad Request\"}", false);
}

void QmtSimServer::writeHttpResponse(QTcpSocket* socket, int status, const QByteArray& body, bool keepAlive,
                                     const QByteArray& contentType)
{
    QByteArray response;
    response.reserve(body.size() + 200);
    response.append("HTTP/1.1 ").append(QByteArray::number(status)).append(' ').append(httpReason(status));
    response.append("\r\nserver: uvicorn\r\ncontent-type: ").append(contentType);
    response.append("\r\ncontent-length: ").append(QByteArray::number(body.size()));
    response.append(keepAlive ? "\r\nconnection: keep-alive\r\n\r\n" : "\r\nconnection: close\r\n\r\n");
    response.append(body);
    socket->write(response);
    if (!keepAlive) {
        if (PendingSocket* pending = m_pending.value(socket))
            pending->http = true;
        socket->disconnectFromHost();
    }
}

void QmtSimServer::serveHttp(QTcpSocket* socket, const HttpRequest& request)
{
    QByteArray body;
    const int status = routeHttp(request, &body);
    const QString path = request.path();
    recordRequest(RequestRecord{path, request.method(), request.target(), status, QDateTime::currentMSecsSinceEpoch()});
    writeHttpResponse(socket, status, body, request.keepAlive());
    Q_EMIT restRequestReceived(path, status);
}

// ---------------------------------------------------------------------------------------------------------------
// Market state

QmtSimServer::CodeState& QmtSimServer::codeState(const QString& code)
{
    if (CodeState* s = m_states.value(code))
        return *s;
    auto* s = new CodeState;
    const SymbolInfo* info = m_market->info(code);
    s->scale = info ? std::max(2, info->tickSize.scale()) : 2;
    s->lastClose = toUnits(m_market->prevClose(code), s->scale);
    s->open = toUnits(m_market->openPrice(code), s->scale);
    s->last = toUnits(m_market->lastPrice(code), s->scale);
    const qint64 now = nowMs();
    quint64 seed = qHash(code) ^ m_config.seed;
    // The session so far ranged a little beyond its open and last price (within the limits): the minutes back-filled
    // before streaming began (backfillMinutes) stay inside this range.
    s->limitUp = toUnits(m_market->limitUp(code), s->scale);
    s->limitDown = toUnits(m_market->limitDown(code), s->scale);
    const qint64 wiggle = std::max<qint64>(1, qint64(double(s->lastClose) * 0.004));
    s->high = std::max(s->open, s->last) + qint64(nextRandom(seed) % quint64(wiggle + 1));
    s->low = std::max<qint64>(1, std::min(s->open, s->last) - qint64(nextRandom(seed) % quint64(wiggle + 1)));
    if (s->limitUp > 0)
        s->high = std::min(s->high, std::max(s->limitUp, std::max(s->open, s->last)));
    if (s->limitDown > 0)
        s->low = std::max(s->low, std::min(s->limitDown, std::min(s->open, s->last)));
    // A plausible morning so far: some lots traded at around the open.
    s->pvolume = qint64(1000 + nextRandom(seed) % 200000) * 100;
    s->amount = double(s->pvolume) * double(s->open + s->last) / 2.0 / pow10(s->scale);
    s->transactions = s->pvolume / 1500;
    s->timeMs = now;
    s->createdMs = now;
    s->open0 = s->open;
    s->high0 = s->high;
    s->low0 = s->low;
    s->last0 = s->last;
    s->pvolume0 = s->pvolume;
    s->backfillRng = seed ^ 0x5DEECE66DULL;
    s->book = m_market->book(code, now, kBookLevels);
    for (qint64 period : kBarPeriods) {
        Bar bar;
        bar.start = barStart(now, period);
        bar.open = period == kDayMs ? s->open : s->last;
        bar.high = period == kDayMs ? s->high : s->last;
        bar.low = period == kDayMs ? s->low : s->last;
        bar.close = s->last;
        bar.preClose = period == kDayMs ? s->lastClose : s->last;
        bar.volumeShares = period == kDayMs ? s->pvolume : 0;
        bar.amount = period == kDayMs ? s->amount : 0;
        s->forming.insert(period, bar);
    }
    m_states.insert(code, s);
    return *s;
}

void QmtSimServer::applyTrade(CodeState& s, const QString& code, qint64 nowMs)
{
    const TradeTick trade = m_market->nextTrade(code, nowMs);
    if (trade.code.isEmpty())
        return;
    const qint64 price = toUnits(trade.price, s.scale);
    const qint64 shares = trade.volume.isNull() ? 0 : qint64(std::llround(trade.volume.toDouble()));
    const double turnover =
        trade.turnover.isNull() ? double(shares) * double(price) / pow10(s.scale) : trade.turnover.toDouble();
    s.last = price;
    s.high = std::max(s.high, price);
    s.low = std::min(s.low, price);
    s.pvolume += shares;
    s.amount += turnover;
    ++s.transactions;
    s.timeMs = nowMs;
    s.book = m_market->book(code, nowMs, kBookLevels);
    for (qint64 period : kBarPeriods) {
        Bar& bar = s.forming[period];
        const qint64 start = barStart(nowMs, period);
        if (bar.start != start) {
            QList<Bar>& history = s.history[period];
            history.append(bar);
            if (history.size() > kMaxHistoryBars)
                history.removeFirst();
            const qint64 preClose = bar.close;
            bar = Bar();
            bar.start = start;
            bar.open = bar.high = bar.low = bar.close = price;
            bar.preClose = preClose;
        }
        bar.high = std::max(bar.high, price);
        bar.low = std::min(bar.low, price);
        bar.close = price;
        bar.volumeShares += shares;
        bar.amount += turnover;
    }
}

QByteArray QmtSimServer::tickRecord(const QString& code, bool withTimetag)
{
    const CodeState& s = codeState(code);
    QByteArray out;
    out.reserve(520);
    out.append("{\"time\":").append(QByteArray::number(s.timeMs));
    if (withTimetag)
        out.append(",\"timetag\":").append(JsonText::quoted(shanghaiTime(s.timeMs, u"yyyyMMdd HH:mm:ss"_s)));
    out.append(",\"lastPrice\":").append(priceJson(s.last, s.scale));
    out.append(",\"open\":").append(priceJson(s.open, s.scale));
    out.append(",\"high\":").append(priceJson(s.high, s.scale));
    out.append(",\"low\":").append(priceJson(s.low, s.scale));
    out.append(",\"lastClose\":").append(priceJson(s.lastClose, s.scale));
    out.append(",\"amount\":").append(pyFloat(std::round(s.amount)));
    out.append(",\"volume\":").append(QByteArray::number(s.pvolume / 100));
    out.append(",\"pvolume\":").append(QByteArray::number(s.pvolume));
    out.append(",\"stockStatus\":13,\"openInt\":13");
    out.append(",\"transactionNum\":").append(QByteArray::number(s.transactions));
    out.append(",\"lastSettlementPrice\":0.0,\"settlementPrice\":0.0,\"pe\":0.0");
    auto prices = [&](const QList<BookLevel>& levels) -> QByteArray {
        QByteArray a = "[";
        for (int i = 0; i < kBookLevels; ++i) {
            if (i > 0)
                a.append(',');
            a.append(i < levels.size() ? priceJson(toUnits(levels.at(i).price, s.scale), s.scale) : QByteArray("0.0"));
        }
        a.append(']');
        return a;
    };
    auto volumes = [&](const QList<BookLevel>& levels) -> QByteArray {
        QByteArray a = "[";
        for (int i = 0; i < kBookLevels; ++i) {
            if (i > 0)
                a.append(',');
            const qint64 shares = i < levels.size() && !levels.at(i).volume.isNull()
                                      ? qint64(std::llround(levels.at(i).volume.toDouble()))
                                      : 0;
            a.append(QByteArray::number(shares / 100));
        }
        a.append(']');
        return a;
    };
    out.append(",\"askPrice\":").append(prices(s.book.asks));
    out.append(",\"bidPrice\":").append(prices(s.book.bids));
    out.append(",\"askVol\":").append(volumes(s.book.asks));
    out.append(",\"bidVol\":").append(volumes(s.book.bids));
    out.append('}');
    return out;
}

QByteArray QmtSimServer::barRecord(const CodeState& s, const Bar& bar, bool withIndex, qint64 period) const
{
    QByteArray out;
    out.reserve(260);
    out.append('{');
    if (withIndex) {
        const QString format = period == kDayMs ? u"yyyyMMdd"_s : u"yyyyMMddHHmmss"_s;
        out.append("\"index\":").append(JsonText::quoted(shanghaiTime(bar.start, format))).append(',');
    }
    out.append("\"time\":").append(QByteArray::number(bar.start));
    out.append(",\"open\":").append(priceJson(bar.open, s.scale));
    out.append(",\"high\":").append(priceJson(bar.high, s.scale));
    out.append(",\"low\":").append(priceJson(bar.low, s.scale));
    out.append(",\"close\":").append(priceJson(bar.close, s.scale));
    out.append(",\"volume\":").append(QByteArray::number(bar.volumeShares / 100));
    out.append(",\"amount\":").append(pyFloat(std::round(bar.amount)));
    out.append(",\"settelementPrice\":0.0,\"openInterest\":0");
    out.append(",\"preClose\":").append(priceJson(bar.preClose, s.scale));
    out.append(",\"suspendFlag\":0}");
    return out;
}

void QmtSimServer::rebuildActiveCodes()
{
    QSet<QString> seen;
    m_activeCodes.clear();
    for (const Client* client : std::as_const(m_clients)) {
        if (client->kind != Client::Kind::Realtime && client->kind != Client::Kind::WholeQuote &&
            client->kind != Client::Kind::L2)
            continue;
        if (client->periodMs < 0)
            continue;
        for (const QString& code : client->codes) {
            if (!seen.contains(code)) {
                seen.insert(code);
                m_activeCodes.append(code);
            }
        }
    }
    m_activeDirty = false;
}

void QmtSimServer::onMarketTick()
{
    if (m_frozen)
        return;
    if (m_activeDirty)
        rebuildActiveCodes();
    if (m_activeCodes.isEmpty())
        return;
    const qint64 now = nowMs();
    QSet<QString> changed;
    for (const QString& code : std::as_const(m_activeCodes)) {
        if (randomUnit(m_rng) >= m_config.updateChance)
            continue;
        applyTrade(codeState(code), code, now);
        changed.insert(code);
    }
    if (changed.isEmpty())
        return;

    const QList<Client*> clients = m_clients.values();
    for (Client* client : clients) {
        if (!client->started || client->closing || client->periodMs < 0)
            continue;
        const bool backlogged = client->socket->bytesToWrite() > kMaxClientBacklog;
        switch (client->kind) {
        case Client::Kind::Realtime:
            if (backlogged)
                break;
            for (const QString& code : std::as_const(client->codes)) {
                if (!changed.contains(code))
                    continue;
                const CodeState& s = codeState(code);
                const QByteArray record = client->periodMs == 0
                                              ? tickRecord(code, false)
                                              : barRecord(s, s.forming.value(client->periodMs), false, 0);
                send(client, '{' + JsonText::quoted(code) + ":[" + record + "]}");
            }
            break;
        case Client::Kind::L2:
            if (backlogged)
                break;
            for (const QString& code : std::as_const(client->codes)) {
                if (!changed.contains(code))
                    continue;
                const CodeState& s = codeState(code);
                const BookSnapshot book = m_market->book(code, now, kBookLevels);
                const qint64 tick = toUnits(m_market->info(code)->tickSize, s.scale);
                QByteArray bidPrice = "[", bidVolume = "[", offPrice = "[", offVolume = "[";
                for (int i = 0; i < kL2Levels; ++i) {
                    const char* sep = i > 0 ? "," : "";
                    auto level = [&](const QList<BookLevel>& side, qint64 direction, QByteArray& prices,
                                     QByteArray& volumes) {
                        qint64 price = 0;
                        qint64 lots = 0;
                        if (!side.isEmpty()) {
                            const BookLevel& edge = side.at(std::min<qsizetype>(i, side.size() - 1));
                            price =
                                toUnits(edge.price, s.scale) + direction * tick * std::max(0, i - int(side.size()) + 1);
                            lots = i < side.size() ? qint64(std::llround(edge.volume.toDouble())) / 100
                                                   : qint64(1 + nextRandom(m_rng) % 500);
                        }
                        prices.append(sep).append(price > 0 ? priceJson(price, s.scale) : QByteArray("0.0"));
                        volumes.append(sep).append(QByteArray::number(price > 0 ? lots : 0));
                    };
                    level(book.bids, -1, bidPrice, bidVolume);
                    level(book.asks, 1, offPrice, offVolume);
                }
                QByteArray record = "{\"timeTag\":" + QByteArray::number(now);
                record.append(",\"price\":").append(priceJson(s.last, s.scale));
                record.append(",\"bidPrice\":").append(bidPrice).append("],\"bidVolume\":").append(bidVolume);
                record.append("],\"offPrice\":").append(offPrice).append("],\"offVolume\":").append(offVolume);
                record.append("]}");
                send(client, '{' + JsonText::quoted(code) + ":[" + record + "]}");
            }
            break;
        case Client::Kind::WholeQuote: {
            for (const QString& code : std::as_const(changed)) {
                if (client->codeSet.contains(code))
                    client->pendingChanged.insert(code);
            }
            if (backlogged || client->pendingChanged.isEmpty())
                break;
            QByteArray frame = "{";
            bool first = true;
            for (const QString& code : std::as_const(client->codes)) {
                if (!client->pendingChanged.contains(code))
                    continue;
                if (!first)
                    frame.append(',');
                first = false;
                frame.append(JsonText::quoted(code)).append(':').append(tickRecord(code, false));
            }
            frame.append('}');
            client->pendingChanged.clear();
            send(client, frame);
            break;
        }
        default:
            break;
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// WebSocket endpoints

void QmtSimServer::onNewWebSocketConnection()
{
    while (QWebSocket* socket = m_wsServer->nextPendingConnection()) {
        auto* client = new Client;
        client->socket = socket;
        client->path = socket->requestUrl().path();
        if (client->path == kWholeQuote)
            client->kind = Client::Kind::WholeQuote;
        else if (client->path == kL2Thousand)
            client->kind = Client::Kind::L2;
        else if (client->path == kDownload)
            client->kind = Client::Kind::Download;
        else if (client->path == kFormula)
            client->kind = Client::Kind::Formula;
        else if (client->path == kTrade)
            client->kind = Client::Kind::Trade;
        client->started = client->kind == Client::Kind::Formula || client->kind == Client::Kind::Trade;
        m_clients.insert(socket, client);
        {
            QMutexLocker locker(&m_observeMutex);
            ++m_connectionCounts[client->path];
        }
        connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString& message) {
            if (Client* c = m_clients.value(socket))
                onTextMessage(c, message);
        });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] { onClientDisconnected(socket); });
        connect(socket, &QWebSocket::pong, this, [this, socket] {
            if (Client* c = m_clients.value(socket))
                c->awaitingPong = false;
        });
        Q_EMIT clientConnected(client->path);
    }
}

void QmtSimServer::onClientDisconnected(QWebSocket* socket)
{
    Client* client = m_clients.take(socket);
    socket->disconnect(this);
    socket->deleteLater();
    if (!client)
        return;
    if (client->kind == Client::Kind::Download && client->started && !client->downloadDone)
        ++m_cancelledDownloads;
    if (client->downloadTimer) {
        client->downloadTimer->stop();
        client->downloadTimer->deleteLater(); // we may be inside its timeout (downloadStep -> close)
    }
    {
        QMutexLocker locker(&m_observeMutex);
        --m_connectionCounts[client->path];
    }
    m_activeDirty = true;
    const QString path = client->path;
    delete client;
    Q_EMIT clientDisconnected(path);
}

void QmtSimServer::send(Client* client, const QByteArray& frame)
{
    if (!client->closing && !m_frozen)
        client->socket->sendTextMessage(QString::fromUtf8(frame));
}

void QmtSimServer::onTextMessage(Client* client, const QString& message)
{
    const QByteArray raw = message.toUtf8();
    recordRequest(RequestRecord{client->path, "WS", raw, 0, QDateTime::currentMSecsSinceEpoch()});
    if (m_frozen) {
        client->deferred.append(raw);
        return;
    }
    processMessage(client, raw);
}

void QmtSimServer::processMessage(Client* client, const QByteArray& raw)
{
    QWebSocket* socket = client->socket;
    if (!client->firstSeen) {
        client->firstSeen = true;
        {
            QMutexLocker locker(&m_observeMutex);
            m_firstMessages.insert(client->path, raw);
        }
        Q_EMIT firstMessageReceived(client->path, raw);
        if (m_clients.value(socket) != client)
            return; // a slot closed it
    }
    if (client->kind == Client::Kind::Formula) {
        handleFormulaMessage(client, raw);
        return;
    }
    if (client->started || client->kind == Client::Kind::Trade)
        return; // read and discarded
    handleFirstMessage(client, raw);
}

void QmtSimServer::handleFirstMessage(Client* client, const QByteArray& message)
{
    client->started = true;

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(message, &error);
    if (error.error != QJsonParseError::NoError) {
        // json.loads raised inside the handler: the connection dies without a close frame.
        client->closing = true;
        client->socket->abort();
        return;
    }
    const QJsonObject request = document.object();
    if (client->kind == Client::Kind::Download) {
        startDownload(client, request);
        return;
    }

    const QStringList asked =
        stringsOf(request.value(client->kind == Client::Kind::WholeQuote ? u"codes"_s : u"stocks"_s));
    if (client->kind == Client::Kind::Realtime)
        client->periodMs = periodMs(request.value(u"period"_s).toString(u"tick"_s));
    if (client->kind == Client::Kind::WholeQuote) {
        QSet<QString> markets;
        QSet<QString> explicitCodes;
        for (const QString& code : asked) {
            if (code == u"SH"_s || code == u"SZ"_s || code == u"BJ"_s)
                markets.insert(code);
            else
                explicitCodes.insert(code);
        }
        for (const SymbolInfo& info : m_market->symbols()) {
            const QString market = info.code.mid(info.code.lastIndexOf(u'.') + 1);
            if (markets.contains(market) || explicitCodes.contains(info.code))
                client->codes.append(info.code);
        }
    } else {
        for (const QString& code : asked) {
            if (m_market->contains(code) && !client->codeSet.contains(code)) {
                client->codes.append(code);
                client->codeSet.insert(code);
            }
        }
    }
    client->codeSet = QSet<QString>(client->codes.cbegin(), client->codes.cend());
    m_activeDirty = true;

    if (client->kind == Client::Kind::WholeQuote && !client->codes.isEmpty()) {
        QByteArray frame;
        frame.reserve(client->codes.size() * 560);
        frame.append('{');
        for (qsizetype i = 0; i < client->codes.size(); ++i) {
            if (i > 0)
                frame.append(',');
            const QString& code = client->codes.at(i);
            frame.append(JsonText::quoted(code)).append(':').append(tickRecord(code, false));
        }
        frame.append('}');
        send(client, frame);
    }
}

void QmtSimServer::onPingTick()
{
    if (m_frozen)
        return;
    const QList<Client*> clients = m_clients.values();
    for (Client* client : clients) {
        if (client->closing)
            continue;
        if (client->awaitingPong) {
            client->closing = true;
            client->socket->abort();
            continue;
        }
        client->awaitingPong = true;
        client->socket->ping();
    }
}

// ----- download_progress

QString QmtSimServer::downloadStatus(const QString& code) const
{
    if (m_market->contains(code))
        return u"ok"_s;
    static const QRegularExpression shape(u"^\\d{6}\\.(SH|SZ|BJ)$"_s);
    if (shape.match(code).hasMatch())
        return u"timeout"_s;
    return u"error: invalid stock code: "_s + code;
}

void QmtSimServer::startDownload(Client* client, const QJsonObject& request)
{
    client->downloadCodes = stringsOf(request.value(u"stocks"_s));
    client->downloadTimer = new QTimer(this);
    client->downloadTimer->setSingleShot(true);
    QWebSocket* socket = client->socket;
    connect(client->downloadTimer, &QTimer::timeout, this, [this, socket] {
        if (Client* c = m_clients.value(socket))
            downloadStep(c);
    });
    if (client->downloadCodes.isEmpty()) {
        downloadStep(client);
        return;
    }
    const bool timeout = downloadStatus(client->downloadCodes.constFirst()) == u"timeout"_s;
    client->downloadTimer->start(timeout ? m_config.downloadTimeoutMs : m_config.downloadDelayMs);
}

void QmtSimServer::downloadStep(Client* client)
{
    if (client->closing)
        return;
    if (m_frozen) {
        client->downloadTimer->start(m_config.pushIntervalMs);
        return;
    }
    const qsizetype total = client->downloadCodes.size();
    if (client->downloadIndex < total) {
        const QString code = client->downloadCodes.at(client->downloadIndex++);
        const QString status = downloadStatus(code);
        client->results.append({code, status});
        send(client, "{\"finished\":" + QByteArray::number(client->downloadIndex) +
                         ",\"total\":" + QByteArray::number(total) + ",\"stock\":" + JsonText::quoted(code) +
                         ",\"status\":" + JsonText::quoted(status) + '}');
    }
    if (client->downloadIndex < total) {
        const bool timeout = downloadStatus(client->downloadCodes.at(client->downloadIndex)) == u"timeout"_s;
        client->downloadTimer->start(timeout ? m_config.downloadTimeoutMs : m_config.downloadDelayMs);
        return;
    }
    QByteArray done = "{\"status\":\"done\",\"results\":{";
    for (qsizetype i = 0; i < client->results.size(); ++i) {
        if (i > 0)
            done.append(',');
        done.append(JsonText::quoted(client->results.at(i).first))
            .append(':')
            .append(JsonText::quoted(client->results.at(i).second));
    }
    done.append("}}");
    send(client, done);
    client->downloadDone = true;
    client->closing = true;
    client->socket->close(QWebSocketProtocol::CloseCodeNormal);
}

// ----- formula

void QmtSimServer::handleFormulaMessage(Client* client, const QByteArray& message)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(message, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        send(client, "{\"error\":\"invalid JSON\"}");
        return;
    }
    const QJsonObject request = document.object();
    const QString action = request.value(u"action"_s).toString();
    if (action == u"subscribe"_s) {
        Client::Formula formula;
        formula.name = request.value(u"formula_name"_s).toString();
        formula.code = request.value(u"stock_code"_s).toString();
        if (formula.name.isEmpty() || formula.code.isEmpty()) {
            send(client, "{\"error\":\"missing formula_name or stock_code\"}");
            return;
        }
        const int count = request.value(u"count"_s).toInt(-1);
        formula.count = count <= 0 ? 20 : std::min(count, kMaxHistoryBars);
        const QString period = request.value(u"period"_s).toString(u"1d"_s);
        formula.periodMs = periodMs(period);
        if (formula.periodMs <= 0) {
            send(client, "{\"error\":" + JsonText::quoted(QString(u"unsupported period: "_s + period)) + '}');
            return;
        }
        formula.n = std::clamp(request.value(u"params"_s).toObject().value(u"N"_s).toInt(5), 1, 250);
        const int seqId = m_nextSeqId++;
        client->formulas.insert(seqId, formula);
        send(client, "{\"action\":\"subscribed\",\"seq_id\":" + QByteArray::number(seqId) + '}');
        return;
    }
    if (action == u"unsubscribe"_s) {
        const int seqId = request.value(u"seq_id"_s).toInt(-1);
        if (!client->formulas.remove(seqId)) {
            send(client, "{\"error\":\"unknown seq_id\"}");
            return;
        }
        send(client, "{\"action\":\"unsubscribed\",\"seq_id\":" + QByteArray::number(seqId) + '}');
        return;
    }
    const QString shown = request.value(u"action"_s).isString() ? action : u"None"_s;
    send(client, "{\"error\":" + JsonText::quoted(QString(u"unknown action: "_s + shown)) + '}');
}

QByteArray QmtSimServer::formulaData(const QString& code, qint64 period, int n, int count)
{
    // The same bars as market_data_ex and the realtime bar pushes of that period: history, then the forming bar.
    const QList<Bar> bars = barsOf(code, period, count);
    const double unit = 1.0 / pow10(codeState(code).scale);
    QByteArray times = "[";
    QByteArray ma = "[";
    QByteArray ratio = "[";
    double sum = 0;
    for (qsizetype i = 0; i < bars.size(); ++i) {
        const char* sep = i > 0 ? "," : "";
        const double close = double(bars.at(i).close) * unit;
        sum += close;
        if (i >= n)
            sum -= double(bars.at(i - n).close) * unit;
        times.append(sep).append(QByteArray::number(bars.at(i).start));
        ma.append(sep).append(pyFloat(i + 1 >= n ? sum / n : std::numeric_limits<double>::quiet_NaN(), true));
        const double previous = i > 0 ? double(bars.at(i - 1).close) * unit : 0.0;
        ratio.append(sep).append(
            pyFloat(previous == 0 ? std::numeric_limits<double>::infinity() : close / previous, true));
    }
    return "{\"timelist\":" + times + "],\"outputs\":{\"MA" + QByteArray::number(n) + "\":" + ma +
           "],\"RATIO\":" + ratio + "]}}";
}

void QmtSimServer::onFormulaTick()
{
    if (m_frozen || m_config.quirksV280)
        return;
    const QList<Client*> clients = m_clients.values();
    for (Client* client : clients) {
        if (client->kind != Client::Kind::Formula || client->closing)
            continue;
        for (auto it = client->formulas.cbegin(); it != client->formulas.cend(); ++it) {
            const Client::Formula& formula = it.value();
            if (!m_market->contains(formula.code))
                continue;
            send(client, "{\"type\":\"formula_update\",\"formula_name\":" + JsonText::quoted(formula.name) +
                             ",\"stock_code\":" + JsonText::quoted(formula.code) + ",\"data\":" +
                             formulaData(formula.code, formula.periodMs, formula.n, formula.count) + '}');
        }
    }
}

// ----- trade

void QmtSimServer::sendTradeEvent(const QByteArray& type, const QByteArray& dataJson)
{
    if (m_config.quirksV280)
        return;
    const QByteArray frame = "{\"type\":\"" + type + "\",\"data\":" + dataJson + '}';
    const QList<Client*> clients = m_clients.values();
    for (Client* client : clients) {
        if (client->kind == Client::Kind::Trade)
            send(client, frame);
    }
}

void QmtSimServer::onTradeTick()
{
    const QStringList all = m_market->codes();
    if (all.isEmpty())
        return;
    simulateOrder(all.at(qsizetype(nextRandom(m_rng) % quint64(all.size()))), nextRandom(m_rng) % 2 ? 23 : 24,
                  int(1 + nextRandom(m_rng) % 10) * 100);
}

void QmtSimServer::simulateOrder(const QString& code, int orderType, int volume)
{
    if (!m_market->contains(code))
        return;
    const CodeState& s = codeState(code);
    const QByteArray price = priceJson(s.last, s.scale);
    const int orderId = m_nextOrderId++;
    const qint64 nowSec = nowMs() / 1000;
    const QByteArray common = "\"account_id\":\"" + kAccountId + "\",\"stock_code\":" + JsonText::quoted(code) +
                              ",\"order_id\":" + QByteArray::number(orderId) + ",\"order_sysid\":\"" +
                              QByteArray::number(orderId + 500000) + '"';
    auto order = [&](int status, int traded) -> QByteArray {
        return '{' + common + ",\"order_time\":" + QByteArray::number(nowSec) +
               ",\"order_type\":" + QByteArray::number(orderType) + ",\"order_volume\":" + QByteArray::number(volume) +
               ",\"price_type\":11,\"price\":" + price + ",\"traded_volume\":" + QByteArray::number(traded) +
               ",\"traded_price\":" + (traded > 0 ? price : QByteArray("0.0")) +
               ",\"order_status\":" + QByteArray::number(status) +
               ",\"status_msg\":\"\",\"strategy_name\":\"quotesim\",\"order_remark\":\"\"}";
    };
    sendTradeEvent("order", order(50, 0));
    sendTradeEvent("trade", '{' + common + ",\"traded_id\":\"" + QByteArray::number(orderId + 900000) +
                                "\",\"traded_time\":" + QByteArray::number(nowSec) +
                                ",\"traded_volume\":" + QByteArray::number(volume) + ",\"traded_price\":" + price +
                                ",\"order_type\":" + QByteArray::number(orderType) +
                                ",\"strategy_name\":\"quotesim\",\"order_remark\":\"\"}");
    sendTradeEvent("order", order(56, volume));
    const double value = double(volume) * double(s.last) / pow10(s.scale);
    const double cash = 1000000.0 - (orderType == 23 ? value : -value);
    sendTradeEvent("asset", "{\"account_id\":\"" + kAccountId + "\",\"cash\":" + pyFloat(cash) +
                                ",\"frozen_cash\":0.0,\"market_value\":" + pyFloat(value) +
                                ",\"total_asset\":" + pyFloat(cash + value) + '}');
    sendTradeEvent("position", "{\"account_id\":\"" + kAccountId + "\",\"stock_code\":" + JsonText::quoted(code) +
                                   ",\"volume\":" + QByteArray::number(volume) + ",\"can_use_volume\":0" +
                                   ",\"frozen_volume\":0,\"open_price\":" + price +
                                   ",\"market_value\":" + pyFloat(value) + '}');
}

void QmtSimServer::simulateOrderError(int orderId, const QString& message)
{
    sendTradeEvent("order_error", "{\"account_id\":\"" + kAccountId + "\",\"order_id\":" + QByteArray::number(orderId) +
                                      ",\"error_id\":-61,\"error_msg\":" + JsonText::quoted(message) + '}');
}

void QmtSimServer::simulateCancelError(int orderId, const QString& message)
{
    sendTradeEvent("cancel_error", "{\"account_id\":\"" + kAccountId +
                                       "\",\"order_id\":" + QByteArray::number(orderId) +
                                       ",\"error_id\":-62,\"error_msg\":" + JsonText::quoted(message) + '}');
}
