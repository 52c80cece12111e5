#pragma once

#include "QuoteTypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

// Pure codec for the AllTick WebSocket protocol (../shared/protocols.md, Part A): bytes in, value types out.
// No sockets, no QObject, safe to use from any thread (one AllTickDecoder per thread).
namespace AllTick {

namespace detail {
struct Payload;
}

enum CmdId : int {
    Heartbeat = 22000,
    HeartbeatAck = 22001,
    SubscribeDepth = 22002,
    SubscribeDepthAck = 22003,
    SubscribeTrade = 22004,
    SubscribeTradeAck = 22005,
    Cancel = 22006,
    CancelAck = 22007,
    PushTrade = 22998,
    PushDepth = 22999,
};

enum class CancelType : int { All = 0, Depth = 1, Trade = 2 };

// Endpoint family: stocks and indices (.US .HK .SH .SZ .BJ) vs forex/metals/energy/crypto.
enum class Family : quint8 { Stock = 0, General = 1 };
Family familyOf(const QString& code);
// Most depth levels AllTick offers for the code's asset class: FX/metals/energy 1, crypto 5, HK 10, A-shares 5, US 1.
int maxDepthLevels(const QString& code);

struct SymbolRequest
{
    QString code;
    int depthLevel = 0; // used by SubscribeDepth only
};

// Requests (client -> server). Compact JSON, one object.
QByteArray encodeHeartbeat(quint32 seqId, const QString& trace);
QByteArray encodeSubscribeTrade(quint32 seqId, const QString& trace, const QList<QString>& codes);
QByteArray encodeSubscribeDepth(quint32 seqId, const QString& trace, const QList<SymbolRequest>& symbols);
QByteArray encodeCancel(quint32 seqId, const QString& trace, CancelType type);

// A decoded server frame.
struct Message
{
    enum class Kind : quint8 { Malformed, Response, Trade, Depth, Unknown };
    Kind kind = Kind::Malformed;
    int cmdId = 0;
    // Response fields (kind == Response: any frame carrying "ret"; cmd_id 0 on header errors).
    int ret = 0;
    QString msg;
    qint64 seqId = 0;
    QString trace;
    // Push payloads.
    TradeTick trade;   // kind == Trade
    BookSnapshot book; // kind == Depth
    QString error;     // kind == Malformed: why
};

// Tolerant decoding: seq/tick_time as strings or integers; tick_time < 10^12 is seconds, else ms;
// decimal strings ("37.700000") or JSON numbers for prices and sizes; depth levels without volume;
// empty sides; trade_direction as integer or string; unknown fields ignored. Never throws, never crashes
// on garbage: returns Kind::Malformed with a reason instead. Plain pushes go through a one-pass scanner, everything
// else through simdjson (AllTickCodec_p.h); keep one decoder per thread.
class Decoder
{
public:
    Decoder();
    ~Decoder();
    Decoder(const Decoder&) = delete;
    Decoder& operator=(const Decoder&) = delete;

    Message decode(QByteArrayView frame);
    // The same for a text frame as QWebSocket delivers it, without an intermediate QByteArray.
    Message decode(QStringView text);

    // Pushes are read by a one-pass scanner when they are plain (see AllTickCodec_p.h), everything else by simdjson.
    // Disabling the scanner sends every frame through simdjson: for tests that compare the two paths.
    void setFastPathEnabled(bool enabled);

private:
    Message decodeLoaded(size_t length);
    Message pushMessage(int cmdId, detail::Payload& payload);
    struct Private;
    Private* d;
};

// Normalises a tick_time value: below 10^12 it is seconds, otherwise milliseconds.
constexpr qint64 normalizeTickTime(qint64 value)
{
    return value < 1000000000000LL ? value * 1000 : value;
}

// REST: /kline and /batch-kline (A.10). The daily bars give the previous close.
struct KlineBar
{
    qint64 timestampSec = 0;
    Decimal open, close, high, low, volume, turnover;
};
struct KlineSeries
{
    QString code;
    int klineType = 0;
    QList<KlineBar> bars; // oldest first
};
// Query JSON for GET /kline (to be URL-encoded into ?query=).
QByteArray encodeKlineQuery(const QString& trace, const QString& code, int klineType, int count);
// Body for POST /batch-kline.
QByteArray encodeBatchKlineBody(const QString& trace, const QList<QString>& codes, int klineType, int count);
// Parses a /kline response ({ret,msg,trace,data:{code,kline_type,kline_list:[...]}}).
// On ret != 200 returns false with *error = "<ret> <msg>".
bool decodeKlineResponse(QByteArrayView body, KlineSeries* out, QString* error);
// Parses a /batch-kline response ({ret,msg,trace,data:{kline_list:[{code,kline_type,kline_data:[...]}]}}).
bool decodeBatchKlineResponse(QByteArrayView body, QList<KlineSeries>* out, QString* error);

// Previous close and today's session values from daily bars (kline_type 8, newest last), for a market whose
// local date is given by `today` in the exchange time zone: when the newest bar is today's, prevClose is the bar
// before it and open/high/low come from today's bar; otherwise prevClose is the newest bar's close.
ReferenceData referenceFromDailyBars(const KlineSeries& series, qint64 nowMs);

} // namespace AllTick
