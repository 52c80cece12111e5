#pragma once

#include "SimMarket.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QSet>
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

// A QMT Bridge (atompilot/qmt-bridge v2.8.0) look-alike server (../shared/protocols.md, Part B and the Part C
// checklist) on ONE TCP port, like uvicorn: WebSocket endpoints under /ws/ and the REST API under /api/. Every
// accepted socket gets TCP_NODELAY; the HTTP head is peeked, upgrades go to an internal QWebSocketServer, anything
// else is served as HTTP/1.1 (keep-alive). The market is SimMarket over the A-share part of the symbol catalog
// (.SH/.SZ/.BJ), optionally padded with synthetic A-shares for whole-market tests. All JSON is compact UTF-8 with
// Chinese unescaped; floats are written like Python's repr (shortest round trip, "2.5100000000000002" noise comes
// from price = cents * 0.01 as double, integral floats end in ".0"). There is no application heartbeat; pings are
// answered by QWebSocket. Like uvicorn's defaults the server pings every pingIntervalMs (20 s) and aborts a client
// whose pong has not arrived by the next ping (20 s).
//
// Message shapes (client -> server first message; server -> client frames):
// - /ws/realtime       {"stocks":[code...],"period":"tick"|"1m"|"5m"|"15m"|"30m"|"1h"|"1d"} (defaults [] / "tick").
//                      No ack. Frames {"<code>":[record]} (one code per frame, a one-element list).
//                      tick record: time (int ms), lastPrice, open, high, low, lastClose, amount (floats),
//                      volume (int, lots), pvolume (int, shares), stockStatus (13 while trading), openInt (13),
//                      transactionNum, lastSettlementPrice 0.0, settlementPrice 0.0, pe 0.0,
//                      askPrice/bidPrice float[5] and askVol/bidVol int[5] (lots), missing levels 0.
//                      bar record: time (int ms, bar START, Asia/Shanghai for 1d), open, high, low, close, volume
//                      (lots), amount, settelementPrice (sic) 0.0, openInterest 0, preClose, suspendFlag 0. The
//                      forming bar is re-pushed with the same time; a roll-over pushes a larger time.
//                      Later client messages are read and discarded. Unknown codes and unknown periods: silence.
// - /ws/whole_quote    {"codes":["SH","SZ","BJ" | "600000.SH" ...]}. First frame: {"<code>":record,...} for every
//                      selected code (full snapshot, tick record fields), then frames of changed codes only.
// - /ws/l2_thousand    quirksV280: handshake refused with HTTP 403. Otherwise {"stocks":[...]} then frames
//                      {"<code>":[{"timeTag":ms,"price":f,"bidPrice":[10],"bidVolume":[10],"offPrice":[10],
//                      "offVolume":[10]}]} (volumes in lots).
// - /ws/download_progress {"stocks":[...],"period":"1d","start_time":"","end_time":""}; per code, one at a time
//                      {"finished":i,"total":n,"stock":"<code>","status":"ok"|"timeout"|"error: <text>"}, then
//                      {"status":"done","results":{"<code>":"<status>",...}} and a normal close (1000).
// - /ws/formula        {"action":"subscribe","formula_name":..,"stock_code":..,"period":..,"count":..,
//                      "dividend_type":..,"params":{}} -> {"action":"subscribed","seq_id":n};
//                      {"action":"unsubscribe","seq_id":n} -> {"action":"unsubscribed","seq_id":n} or
//                      {"error":"unknown seq_id"}; bad JSON -> {"error":"invalid JSON"}; other action ->
//                      {"error":"unknown action: <action>"}. Pushes (not in quirksV280):
//                      {"type":"formula_update","formula_name":..,"stock_code":..,"data":{"timelist":[ms...],
//                      "outputs":{"MA<N>":[NaN,...,v],"RATIO":[Infinity,...]}}} with BARE NaN/Infinity tokens.
// - /ws/trade?api_key= only with tradingEnabled; HTTP 403 on a missing/wrong key or an empty server key. Nothing is
//                      sent on connect; events {"type":"order"|"trade"|"order_error"|"cancel_error"|"asset"|
//                      "position","data":{...}} with the fields of B.9 (never in quirksV280).
// - any other /ws/ path: HTTP 403 at the handshake (Starlette closes before accept).
// - REST (GET unless noted; bare JSON objects): /api/meta/health {"status":"ok"}, /api/meta/version
//   {"version":"2.8.0"}, /api/meta/connection_status {"connected":true}, /api/meta/stock_list?category=
//   {"category","count","stocks"}, /api/sector/list {"sectors"}, /api/sector/stocks?sector= {"sector","count",
//   "stocks"}, /api/instrument/detail_list?stocks=a,b {"data":{code:detail|null}}, /api/instrument_detail?stock=
//   {"stock","detail":detail|null}, /api/instrument/type?stock= {"stock","type":{...}|null},
//   /api/utility/batch_stock_name?stocks= {"data":{code:name}}, /api/utility/search?keyword=&category=&limit=
//   {"keyword","count","stocks"}, /api/market/full_tick?stocks= and /api/full_tick {"data":{code:tick+timetag}},
//   /api/market/indices {"indices":[...],"data":{...}}, /api/market/market_data_ex and /api/market/local_data
//   ?stocks=&period=&count= {"data":{code:[bar+"index"]}}, /api/calendar/trading_dates?market=&count=
//   {"market","dates":[ms]}, /api/calendar/prev_trading_date?market=&date= {"market","prev_trading_date":"YYYYMMDD"},
//   /api/market/full_kline?stock=&period= {"stock","data":{code:[today's bar or the session's bars]}},
//   /api/history?stock=&period=&count=&fields= {"stock","period","count","data":[{"date":..,field:..}]}, POST
//   /api/download/history_data2 {"status":"ok","stocks","period","result"}. Errors: 422
//   {"detail":[{"type":"missing","loc":["query",name],"msg":"Field required","input":null}]}, 404 {"detail":"Not
//   Found"}, 405 {"detail":"Method Not Allowed"}; trading routes (/api/trading/ etc.) exist only with tradingEnabled
//   and need X-API-Key: 503 {"detail":"API key not configured on server"}, 401
//   {"detail":"Invalid or missing API key"}.
//
// Choices where the spec is UNCONFIRMED or silent (so clients can be tested against something definite):
// - bad JSON as the first message of realtime/whole_quote/l2_thousand/download_progress: the TCP connection is
//   aborted with no close frame (the client sees 1006); a first message that is JSON but not an object, or with
//   non-array stocks/codes, subscribes nothing (silence);
// - no first frame is sent at subscription time (B.12 item 5): the first realtime frame comes with the next market
//   update of the code; whole_quote does send its snapshot at once (XT-DOC says so);
// - bar `time` is the bar's start (1m at 09:31:xx is stamped 09:31:00); periods other than tick/1m/5m/15m/30m/1h/1d
//   get no data; market_data_ex records carry the time string under "index" ("20240102" for 1d, "20240102093100"
//   for minutes); intraday bars before the simulator began streaming a code are back-filled (up to 500 bars,
//   deterministic per seed and code) from generated minutes that end at the first streamed price, reach back to the
//   session's open inside the day's high/low, and continue from the previous close before that; every intraday
//   period aggregates the same minutes;
// - download_progress: a known code is "ok" after downloadDelayMs; an unknown code shaped like an A-share
//   (six digits .SH/.SZ/.BJ) is "timeout" after downloadTimeoutMs; anything else is "error: invalid stock code: X";
//   the socket is closed with 1000 after "done"; a client close cancels the rest (cancelledDownloads());
// - formula: any formula_name is accepted; params {"N":n} sets the MA length (default 5); count <= 0 means 20 bars;
//   the result is computed on the bars of the requested period (1m, 5m, ... 1d: the same bars market_data_ex and
//   the realtime bar pushes give, the forming bar last); a period without bars (tick, unknown) is answered
//   {"error":"unsupported period: <period>"} and not subscribed;
//   missing formula_name/stock_code gets {"error":"missing formula_name or stock_code"}; unknown stock codes are
//   acked but never pushed; the data layout {"timelist","outputs"} is the spec's guess; the first RATIO value is
//   Infinity (no previous bar) and the first N-1 MA values are NaN. Bare NaN appears in documented mode only
//   (the Part C checklist ties bare NaN to quirk mode, but quirk mode never pushes, so nothing would carry it);
// - formula pushes come every formulaIntervalMs; trade events only on simulateOrder()/simulateOrderError()/
//   simulateCancelError() or every tradeEventIntervalMs (0 = never);
// - full_kline's "converted xtdata result" is {code:[bars]}; prev_trading_date is a "YYYYMMDD" string (weekends
//   skipped, no holidays); trading_dates are weekdays only, as ms at Asia/Shanghai midnight;
// - stockStatus is always 13 (continuous trading) and openInt 13: the simulator trades around the clock;
// - l2_thousand (unreachable in every real version) sends 10 levels a side, extended by whole ticks past the 5-level
//   book, pushed with the code's market updates;
// - batch_stock_name gives "" for unknown codes; full_tick omits unknown codes; instrument/type is null for them;
// - the 403 handshake reply has an empty body; the /api/trading/ routes simulated are GET asset and positions
//   (shapes {"data":{...}} and {"data":[...]} are the simulator's own; the spec lists none).
//
// The server never touches the GUI; all its objects are its children. The observation accessors are safe to call
// from any thread.
class QmtSimServer : public QObject
{
    Q_OBJECT

public:
    struct Config
    {
        quint32 seed = 1;
        bool quirksV280 = false;     // reproduce v2.8.0: l2_thousand 403, trade without events, formula without pushes
        bool tradingEnabled = false; // mount /ws/trade and /api/trading/*
        QString apiKey;              // server key; empty = "not configured" (trade 403, trading REST 503)
        int pushIntervalMs = 500;    // market tick cadence: realtime / whole_quote / l2 pushes
        double updateChance = 0.5;   // chance that a code gets a new trade on each market tick
        int wholeMarketSymbols = 0;  // A-share codes offered; more than the catalog adds synthetic ones; 0 = catalog
        int downloadDelayMs = 50;    // per-code time of /ws/download_progress and history_data2
        int downloadTimeoutMs = 300; // time before an unknown A-share code reports "timeout"
        int formulaIntervalMs = 1000;
        int tradeEventIntervalMs = 0; // automatic order lifecycle on /ws/trade; 0 = only on simulateOrder()
        int pingIntervalMs = 20000;   // uvicorn's protocol ping; a client without a pong by the next ping is dropped
    };

    struct RequestRecord
    {
        QString path;      // "/ws/realtime", "/api/market/full_tick", ...
        QByteArray method; // "GET", "POST", or "WS" for a WebSocket message
        QByteArray raw;    // WS message text, or the HTTP request target
        int status = 0;    // HTTP status answered (REST and refused handshakes), 0 for WS messages
        qint64 receivedMs = 0;
    };

    explicit QmtSimServer(QObject* parent = nullptr);
    explicit QmtSimServer(const Config& config, QObject* parent = nullptr);
    ~QmtSimServer() override;

    const Config& config() const { return m_config; }
    SimMarket& market() { return *m_market; }
    // Every code the market offers (catalog A-shares, then synthetic ones).
    QStringList codes() const { return m_market->codes(); }

    bool listen(const QHostAddress& address = QHostAddress::LocalHost, quint16 port = 0);
    bool isListening() const;
    QString errorString() const { return m_errorString; }
    quint16 port() const { return m_port.load(); }
    // ws://127.0.0.1:PORT<path>, e.g. wsUrl(u"/ws/realtime"_s); for /ws/trade pass the key (never logged).
    QUrl wsUrl(const QString& path = QStringLiteral("/ws/realtime"), const QString& apiKey = QString()) const;
    // http://127.0.0.1:PORT (the REST base; append /api/...).
    QUrl restUrl() const;

    // Open WebSocket connections per path ("/ws/realtime", ...); connectionCount() = all paths.
    int connectionCount(const QString& path) const;
    int connectionCount() const;
    // The last first message received on a path (empty before any).
    QByteArray lastFirstMessage(const QString& path) const;
    // Handshakes refused with 403 per path.
    int rejectedHandshakes(const QString& path) const;
    // Downloads abandoned because the client closed before "done".
    int cancelledDownloads() const { return m_cancelledDownloads.load(); }
    QList<RequestRecord> requests() const;
    bool isFrozen() const { return m_frozen; }
    // Simulated time = wall clock + offset (tests use it to roll bars over).
    qint64 nowMs() const;

public Q_SLOTS:
    void close();
    void dropAllConnections();
    // Frozen: nothing is sent, the market stands still and handshakes wait, while TCP stays open. Messages are kept
    // and processed on thaw.
    void setFrozen(bool frozen);
    void setClockOffsetMs(qint64 offsetMs);
    void clearRequests();
    // Trade events to every /ws/trade socket (ignored in quirksV280): order (reported), trade, order (filled),
    // asset and position.
    void simulateOrder(const QString& code, int orderType = 23, int volume = 100);
    void simulateOrderError(int orderId = 0, const QString& message = QStringLiteral("simulated rejection"));
    void simulateCancelError(int orderId = 0, const QString& message = QStringLiteral("simulated cancel failure"));
    // Sends a raw text frame to every open socket on `path`.
    void injectFrame(const QString& path, const QByteArray& frame);

Q_SIGNALS:
    void clientConnected(const QString& path);
    void clientDisconnected(const QString& path);
    void firstMessageReceived(const QString& path, const QByteArray& message);
    void handshakeRejected(const QString& path, int status);
    void restRequestReceived(const QString& path, int status);

private:
    struct Client;
    struct PendingSocket;
    struct CodeState;
    struct Bar;

    void onNewTcpConnection();
    void onRawReadyRead(QTcpSocket* socket);
    void onRawDisconnected(QTcpSocket* socket);
    void rejectHandshake(QTcpSocket* socket, const QString& path);
    void writeHttpResponse(QTcpSocket* socket, int status, const QByteArray& body, bool keepAlive,
                           const QByteArray& contentType = "application/json");
    void serveHttp(QTcpSocket* socket, const HttpRequest& request);
    int routeHttp(const HttpRequest& request, QByteArray* body);

    void onNewWebSocketConnection();
    void onTextMessage(Client* client, const QString& message);
    void processMessage(Client* client, const QByteArray& raw);
    void onClientDisconnected(QWebSocket* socket);
    void handleFirstMessage(Client* client, const QByteArray& message);
    void handleFormulaMessage(Client* client, const QByteArray& message);
    void startDownload(Client* client, const QJsonObject& request);
    void downloadStep(Client* client);
    void send(Client* client, const QByteArray& frame);
    void onMarketTick();
    void onFormulaTick();
    void onTradeTick();
    void onPingTick();
    void sendTradeEvent(const QByteArray& type, const QByteArray& dataJson);
    void recordRequest(const RequestRecord& record);
    void rebuildActiveCodes();

    CodeState& codeState(const QString& code);
    void applyTrade(CodeState& s, const QString& code, qint64 nowMs);
    QByteArray tickRecord(const QString& code, bool withTimetag);
    QByteArray barRecord(const CodeState& s, const Bar& bar, bool withIndex, qint64 periodMs) const;
    QByteArray detailJson(const QString& code);
    QList<Bar> barsOf(const QString& code, qint64 period, int count);
    void backfillMinutes(CodeState& s, int minutes);
    QByteArray formulaData(const QString& code, qint64 period, int n, int count);
    QString downloadStatus(const QString& code) const;

    Config m_config;
    SimMarket* m_market = nullptr;
    QTcpServer* m_tcpServer = nullptr;
    QWebSocketServer* m_wsServer = nullptr;
    QTimer* m_marketTimer = nullptr;
    QTimer* m_formulaTimer = nullptr;
    QTimer* m_tradeTimer = nullptr;
    QTimer* m_pingTimer = nullptr;
    QHash<QTcpSocket*, PendingSocket*> m_pending;
    QHash<QWebSocket*, Client*> m_clients;
    QHash<QString, CodeState*> m_states;
    QStringList m_activeCodes;
    bool m_activeDirty = true;
    QString m_errorString;
    bool m_frozen = false;
    quint64 m_rng = 0;
    int m_nextSeqId = 1;
    int m_nextOrderId = 1000;
    std::atomic<qint64> m_clockOffsetMs{0};
    std::atomic<quint16> m_port{0};
    std::atomic<int> m_cancelledDownloads{0};
    mutable QMutex m_observeMutex;
    QHash<QString, int> m_connectionCounts;
    QHash<QString, int> m_rejectedCounts;
    QHash<QString, QByteArray> m_firstMessages;
    QList<RequestRecord> m_requests;
};

Q_DECLARE_METATYPE(QmtSimServer::RequestRecord)
