#pragma once

#include "SimMarket.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <atomic>

class HttpRequest;
class QTcpServer;
class QTcpSocket;
class QTimer;
class QWebSocket;
class QWebSocketServer;

// An AllTick look-alike server (../shared/protocols.md, Part A and the Part C checklist) on ONE TCP port, like the
// real host: WebSocket quote streams on /quote-stock-b-ws-api and /quote-b-ws-api, REST /kline and /batch-kline
// under /quote-stock-b-api and /quote-b-api. Every accepted socket gets TCP_NODELAY and keep-alive; the HTTP head is
// peeked, and WebSocket upgrades are handed to an internal QWebSocketServer, anything else is served as HTTP.
//
// Choices where the real service is UNCONFIRMED (documented here so clients can be tested against them):
// - a missing or wrong token refuses the WebSocket handshake with HTTP 401 and a JSON body
//   {"msg":"token is required","ret":401} / {"msg":"token invalid","ret":401}; REST answers the same;
// - codes that are unknown to the market or belong to the other URL family: the response carries ret 600 and
//   msg "code invalid: A,B", but the valid codes of the same request are still subscribed;
// - codes beyond maxCodesPerList are dropped silently (ret 200), before validation;
// - a missing depth_level means 1 level; larger requests are capped per asset class;
// - every request (heartbeats included) counts for minRequestSpacingMs; a violation gets ret 606 and a close
//   (close code 1008); the extra connection beyond maxConnectionsPerToken (per URL family) gets the same frame
//   with cmd_id 0 and is closed; a heartbeat timeout closes with code 1001;
// - header errors (bad JSON, missing/ill-typed cmd_id, seq_id, trace (> 64 chars), data, unknown cmd_id) get
//   {"ret":badJsonRet,"msg":"request header param invalid","cmd_id":0,"seq_id":0,"trace":"","data":{}};
//   bad contents of data get ret 400 "request data param invalid" with the request's cmd_id + 1;
//   the connection stays open in both cases;
// - only kline_type 8 (day) is simulated over REST; other types get ret 402 "query invalid".
//
// The server never touches the GUI; all its objects are its children, so it can be moved to a worker thread
// (call listen() in that thread, e.g. with QMetaObject::invokeMethod). The observation accessors (port, URLs,
// connectionCount, requests) are safe to call from any thread.
class SimServer : public QObject
{
    Q_OBJECT

public:
    struct Config
    {
        quint32 seed = 1;
        QString token;                  // required token; empty = any non-empty token is accepted
        int minRequestSpacingMs = 1000; // 0 disables the per-connection request spacing rule
        int heartbeatTimeoutMs = 30000; // drop a connection that sent no 22000 for that long; 0 disables
        int maxConnectionsPerToken = 0; // per URL family; 0 = unlimited
        int maxCodesPerList = 0;        // 0 = unlimited; extra codes are dropped silently
        bool integerNumbers = false;    // seq / tick_time as JSON integers instead of strings
        bool tickTimeSeconds = false;   // tick_time in seconds instead of milliseconds
        int badJsonRet = 400;           // ret for header errors (the docs' example shows 201)
        double pushRate = 0;            // pushes per second per connection; 0 = about 2 trades + 1 book per code
        int pushIntervalMs = 50;        // push timer cadence
        int symbolCount = 0;            // symbols the market offers (see SimMarket); 0 = the catalog
    };

    struct RequestRecord
    {
        QString path;  // "/quote-stock-b-ws-api" or "/quote-b-ws-api"
        int cmdId = 0; // 0 when the header could not be parsed
        qint64 seqId = 0;
        QString trace;
        QStringList codes;     // codes listed in a 22002/22004 request, as sent
        int cancelType = -1;   // 22006 only
        qint64 receivedMs = 0; // QDateTime::currentMSecsSinceEpoch()
        QByteArray raw;        // the frame as received
    };

    explicit SimServer(QObject* parent = nullptr);
    explicit SimServer(const Config& config, QObject* parent = nullptr);
    ~SimServer() override;

    const Config& config() const { return m_config; }
    // The market engine behind the pushes and the REST bars (e.g. for SimMarket::forceLimit in tests).
    SimMarket& market() { return m_market; }

    // Starts listening; false with errorString() on failure. Port 0 picks a free port.
    bool listen(const QHostAddress& address = QHostAddress::LocalHost, quint16 port = 0);
    bool isListening() const;
    QString errorString() const { return m_errorString; }
    // The port listened on (kept after close(), so a test can listen again on the same port); 0 before listen().
    quint16 port() const { return m_port.load(); }
    // ws://127.0.0.1:PORT/quote-stock-b-ws-api?token=T and ws://127.0.0.1:PORT/quote-b-ws-api?token=T
    // (an empty token leaves the query out).
    QUrl stockUrl(const QString& token) const;
    QUrl generalUrl(const QString& token) const;
    // http://127.0.0.1:PORT/quote-stock-b-api and http://127.0.0.1:PORT/quote-b-api
    QUrl stockRestUrl() const;
    QUrl generalRestUrl() const;

    // Open WebSocket connections that passed the handshake and the connection limit.
    int connectionCount() const { return m_connectionCount.load(); }
    // Every WebSocket request received (including malformed ones), oldest first.
    QList<RequestRecord> requests() const;
    bool isFrozen() const { return m_frozen; }
    bool pushesEnabled() const { return m_pushesEnabled; }

public Q_SLOTS:
    // Stops listening and aborts every connection.
    void close();
    // Aborts every connection abruptly (no close frame), like a network failure.
    void dropAllConnections();
    // Frozen: nothing at all is sent (no acks, pushes, 606s or closes; new connections wait in the handshake)
    // while TCP stays open, like a dead link. Requests are still recorded. Unfreezing resumes everything.
    void setFrozen(bool frozen);
    // Sends a raw text frame to every connection (even while frozen), e.g. malformed JSON for client tests.
    void injectFrame(const QByteArray& frame);
    // Off: acks keep flowing but no 22998/22999 pushes are sent.
    void setPushesEnabled(bool enabled);
    void clearRequests();

Q_SIGNALS:
    void requestReceived(const SimServer::RequestRecord& record);
    void clientConnected(const QString& path);
    void clientDisconnected(const QString& path);
    void restRequestReceived(const QString& path);

private:
    struct Client;
    struct PendingSocket;

    void onNewTcpConnection();
    void onRawReadyRead(QTcpSocket* socket);
    void onRawDisconnected(QTcpSocket* socket);
    void serveHttp(QTcpSocket* socket, const HttpRequest& request);
    void writeHttpResponse(QTcpSocket* socket, int status, const QByteArray& body, bool keepAlive);
    QByteArray handleKline(const HttpRequest& request, bool stockFamily);
    QByteArray handleBatchKline(const HttpRequest& request, bool stockFamily);

    void onNewWebSocketConnection();
    void onTextMessage(Client* client, const QString& message);
    void onClientDisconnected(QWebSocket* socket);
    void handleSubscribe(Client* client, int cmdId, qint64 seqId, const QString& trace, const QJsonObject& data);
    void handleCancel(Client* client, qint64 seqId, const QString& trace, const QJsonObject& data);
    void sendResponse(Client* client, int ret, const QString& msg, int cmdId, qint64 seqId, const QString& trace);
    void sendFrame(Client* client, const QByteArray& frame);
    void closeClient(Client* client, int closeCode, const QString& reason);
    void onPushTimer();
    void onHousekeeping();
    void pushTrade(Client* client, const QString& code, qint64 nowMs);
    void pushDepth(Client* client, const QString& code, int levels, qint64 nowMs);
    bool codeAllowed(const QString& code, bool stockFamily) const;
    void recordRequest(const RequestRecord& record);
    QUrl wsUrl(const QString& path, const QString& token) const;
    QUrl httpUrl(const QString& path) const;

    Config m_config;
    SimMarket m_market;
    QTcpServer* m_tcpServer = nullptr;
    QWebSocketServer* m_wsServer = nullptr;
    QTimer* m_pushTimer = nullptr;
    QTimer* m_housekeepingTimer = nullptr;
    QElapsedTimer m_clock;
    qint64 m_lastPushMs = 0;
    QHash<QTcpSocket*, PendingSocket*> m_pending;
    QHash<QWebSocket*, Client*> m_clients;
    QList<QWebSocket*> m_rejected; // over the connection limit, closing
    QString m_errorString;
    bool m_frozen = false;
    bool m_pushesEnabled = true;
    quint64 m_connectionSerial = 0;
    std::atomic<quint16> m_port{0};
    std::atomic<int> m_connectionCount{0};
    mutable QMutex m_requestsMutex;
    QList<RequestRecord> m_requests;
};

Q_DECLARE_METATYPE(SimServer::RequestRecord)
