#pragma once

#include "AllTickFrameWorker.h"
#include "Backoff.h"
#include "ConnectionStats.h"
#include "protocol/AllTickCodec.h"

#include <QElapsedTimer>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <memory>

class QWebSocket;
class UpdateBuffer;

// One AllTick WebSocket connection (one endpoint family), exactly as Part A of the protocol spec:
// - opened only while it has symbols; the token travels in the URL's query and is never shown;
// - requests are queued at least `requestSpacingMs` apart; a subscription request is built from the current
//   list when it is sent, and list changes are debounced, so ten quick adds give one merged request;
// - each subscription carries the full list (the server overwrites); an emptied list sends 22006;
// - heartbeat 22000 every 10 s; no frame for 30 s means a dead link; connect/handshake time out after 10 s;
// - reconnects with exponential backoff and jitter (never sooner than the plan's minimum), reset after a minute of
//   health, then resubscribes everything; ret 606 and 401 back off to the cap.
// Lives on the feed thread, which only receives: frames are decoded on the connection's own AllTickFrameWorker
// thread, which writes quotes into the UpdateBuffer and hands responses back to this thread.
class AllTickConnection : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        QUrl url; // endpoint with ?token=
        int heartbeatMs = 10000;
        int deadAfterMs = 30000;
        int requestSpacingMs = 1100; // AllTick wants >= 1 s between requests; 100 ms margin for network jitter
        int debounceMs = 150;
        int connectTimeoutMs = 10000;
        int healthyResetMs = 60000;
        int maxCodesPerList = 0; // plan limit; 0 = unlimited (extra codes would be silently ignored by the server)
        Backoff::Params backoff{3000, 30000, 0.25};
    };

    AllTickConnection(const QString& name, const Config& config, UpdateBuffer* sink, QObject* parent = nullptr);
    ~AllTickConnection() override;

    void setSymbols(const QStringList& codes);
    QStringList symbols() const { return m_symbols; }
    bool isConnected() const { return m_state == ConnectionStats::State::Connected; }
    ConnectionStats::State state() const { return m_state; }
    // Snapshot for the status bar; the message rate is measured since the previous call.
    ConnectionStats takeStats();
    // The URL for display: token redacted.
    QString displayUrl() const;
    void stop();

Q_SIGNALS:
    void stateChanged(ConnectionStats::State state);
    void errorOccurred(const QString& message);
    // A request response (22001/22003/22005/22007, or cmd_id 0 on a header error).
    void responseReceived(int cmdId, int ret, const QString& msg);

private:
    enum class Request : quint8 { Heartbeat, Depth, Trade, Cancel };

    void open();
    void closeSocket();
    void onConnected();
    void onSocketGone();
    void onTextMessage(const QString& text);
    void deliverResponses();
    void onResponse(const AllTick::Message& message);
    void scheduleReconnect();
    void enqueue(Request request);
    void pumpQueue();
    void send(Request request);
    void checkAlive();
    void noteActivity();
    void setState(ConnectionStats::State state);
    void fail(const QString& message);
    QString nextTrace();
    static qint64 monotonicMs();

    QString m_name;
    Config m_config;
    Backoff m_backoff;

    QPointer<QWebSocket> m_socket;
    ConnectionStats::State m_state = ConnectionStats::State::Idle;
    bool m_stopped = false;

    QStringList m_symbols;
    bool m_subscribedDepth = false;
    bool m_subscribedTrade = false;
    bool m_closeAfterCancel = false;

    QList<Request> m_queue;
    qint64 m_lastSendMs = -1000000;
    qint64 m_lastChangeMs = 0;
    qint64 m_lastFrameMs = 0;
    quint32 m_seqId = 0;

    QTimer m_sendTimer;
    QTimer m_heartbeatTimer;
    QTimer m_watchdogTimer;
    QTimer m_connectTimer;
    QTimer m_healthyTimer;
    QTimer m_reconnectTimer;

    // Statistics. Frames are counted as they arrive; their time is noted by the watchdog and takeStats(), not per
    // frame, so "last message" and the dead-link check are as coarse as the watchdog interval.
    quint64 m_messages = 0;
    quint64 m_messagesNoted = 0;
    quint64 m_binaryFrames = 0;
    bool m_flushQueued = false; // a flush of the staged frames is queued on this thread
    quint64 m_messagesAtLastStats = 0;
    qint64 m_lastStatsMs = 0;
    qint64 m_lastMessageWallMs = 0;
    qint64 m_nextRetryWallMs = 0;
    int m_reconnects = 0;
    QString m_lastError;

    // Responses decoded on the worker thread, waiting for deliverResponses() on this object's thread.
    QMutex m_responseMutex;
    QList<AllTick::Message> m_responses;
    // Last: destroyed (stopped and joined) first, before anything its response handler touches.
    std::unique_ptr<AllTickFrameWorker> m_worker;
};
