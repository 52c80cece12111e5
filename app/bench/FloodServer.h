#pragma once

#include "Decimal.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <atomic>

class QTcpServer;
class QTcpSocket;
class QTimer;
class QWebSocket;
class QWebSocketServer;

// A loopback AllTick push flooder for quotebench. It pre-encodes a pool of 22998 trade / 22999 depth pushes (75% /
// 25% by default) over a universe of codes shaped like the real feed's (A-shares with 6-decimal padded prices and 5
// levels, HK with 10, US with 1, crypto with 5, forex price-only), with seq and tick_time as strings like live
// captures, and cycles through it.
//
// Every accepted socket gets TCP_NODELAY. WebSocket upgrades are handed to a QWebSocketServer, which does the
// handshake and reads what the client sends (subscriptions, heartbeats, pings); the pushes themselves are written as
// pre-framed RFC 6455 server frames straight to the TCP socket, whole frames per write, so the server costs a memcpy
// per frame and the client, not the server, is what a benchmark measures. Plain HTTP requests (the client's REST
// K-line calls) get an empty successful answer.
//
// The pool a connection gets depends on its path: /quote-stock-b-ws-api the stock family, /quote-b-ws-api the
// general family (forex, metals, crypto), anything else every code. At rate 0 the server writes as fast as the client
// reads (it keeps about highWaterBytes queued); otherwise it paces the total rate over all connections with a 1 ms
// timer, each connection getting its pool's share, and drops frames rather than queueing more than maxBacklogBytes.
//
// Lives on its own thread: construct, moveToThread, then call listen() in that thread.
class FloodServer : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        int symbols = 1000;
        int poolFrames = 16384; // pre-encoded pushes cycled through
        double tradeShare = 0.75;
        double rate = 0; // pushes per second over all connections; 0 = as fast as the client reads
        quint32 seed = 1;
        qint64 highWaterBytes = 256 * 1024;
        qint64 maxBacklogBytes = 4 * 1024 * 1024;
    };

    explicit FloodServer(const Config& config, QObject* parent = nullptr);
    ~FloodServer() override;

    // The universe of `count` codes: 45% A-shares, 20% HK, 25% US, 5% crypto, 5% forex (deterministic).
    static QStringList makeCodes(int count);
    QStringList codes() const { return m_codes; }
    // The previous close the generated prices move around, per code.
    QHash<QString, Decimal> previousCloses() const { return m_prevClose; }
    static QHash<QString, Decimal> previousCloses(const QStringList& codes, quint32 seed = 1);
    // Bytes and frames in the pre-encoded pools (all codes).
    qint64 poolBytes() const { return m_all.wire.size(); }
    int poolFrameCount() const { return int(m_all.offsets.size()) - 1; }
    // The pool's JSON payloads (all codes), unframed: for timing the decoder alone. Any thread.
    QList<QByteArray> payloads() const;

    // In the server's thread. 127.0.0.1, a free port.
    bool listen();
    quint16 port() const { return m_port.load(); }
    QUrl url(const QString& path, const QString& token = QStringLiteral("bench")) const;
    quint64 framesSent() const { return m_framesSent.load(std::memory_order_relaxed); }
    quint64 framesDropped() const { return m_framesDropped.load(std::memory_order_relaxed); }
    int connectionCount() const { return m_connectionCount.load(); }

public Q_SLOTS:
    void setRate(double framesPerSecond);
    void close();

private:
    struct Pool
    {
        QByteArray wire;          // every frame, framed for the wire, back to back
        QList<qsizetype> offsets; // start of each frame, plus the end
        double share = 1;         // of the total rate
    };
    struct Client
    {
        QPointer<QTcpSocket> socket;
        QPointer<QWebSocket> webSocket;
        const Pool* pool = nullptr;
        qsizetype next = 0; // next frame index
        double budget = 0;
    };

    void buildPools();
    void onNewTcpConnection();
    void onRawReadyRead(QTcpSocket* socket);
    void onNewWebSocket();
    void pump(Client* client);
    void writeFrames(Client* client, qsizetype count);
    void onPaceTimer();
    void dropClient(QWebSocket* webSocket);

    Config m_config;
    QStringList m_codes;
    QHash<QString, Decimal> m_prevClose;
    Pool m_all;
    Pool m_stock;
    Pool m_general;

    QTcpServer* m_tcpServer = nullptr;
    QWebSocketServer* m_wsServer = nullptr;
    QTimer* m_paceTimer = nullptr;
    qint64 m_lastPaceNs = 0;
    QHash<quint16, QPointer<QTcpSocket>> m_handedOver; // by peer port, until the handshake completes
    QList<Client*> m_clients;
    std::atomic<quint16> m_port{0};
    std::atomic<quint64> m_framesSent{0};
    std::atomic<quint64> m_framesDropped{0};
    std::atomic<int> m_connectionCount{0};
    double m_rate = 0;
};
