#include "AllTickCodec.h"
#include "AllTickJson_p.h"
#include "sim/JsonText.h"

#include <QHash>
#include <QStringEncoder>

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <memory>
#include <string_view>

using namespace Qt::StringLiterals;

namespace AllTick {

namespace detail {

bool parseInt64(std::string_view s, qint64* out)
{
    if (s.empty())
        return false;
    std::string_view digits = s;
    if (digits.front() == '+')
        digits.remove_prefix(1);
    if (!digits.empty() && digits.front() != '+') {
        qint64 value = 0;
        const auto res = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (res.ec == std::errc() && res.ptr == digits.data() + digits.size()) {
            *out = value;
            return true;
        }
    }
    bool ok = false;
    const Decimal d = Decimal::parse(QByteArrayView(s.data(), qsizetype(s.size())), &ok);
    if (!ok || d.scale() != 0)
        return false;
    *out = d.units();
    return true;
}

} // namespace detail

namespace {

using namespace detail;

constexpr qsizetype MaxFrameBytes = 16 * 1024 * 1024;
constexpr qsizetype MaxInternedCodes = 100000;

// ---------------------------------------------------------------------------------------------------------------
// Push payload

error_code readLevels(od::value& v, QList<BookLevel>* out)
{
    return forEachObject(v, [out](od::object& level) -> error_code {
        BookLevel entry;
        Presence pricePresence = Presence::Missing;
        Presence ignored = Presence::Missing;
        const error_code err = forEachField(level, [&](od::raw_json_string key, od::value& value) -> error_code {
            if (keyIs(key, "price"))
                return readDecimal(value, &entry.price, &pricePresence);
            if (keyIs(key, "volume"))
                return readDecimal(value, &entry.volume, &ignored);
            return simdjson::SUCCESS;
        });
        if (err)
            return err;
        if (pricePresence == Presence::Present) {
            if (out->isEmpty())
                out->reserve(10);
            out->append(entry);
        }
        return simdjson::SUCCESS;
    });
}

error_code readPayload(od::value& v, Payload* p)
{
    error_code err = simdjson::SUCCESS;
    od::object object;
    if (!asObject(v, &object, &err))
        return err;
    p->isObject = true;
    return forEachField(object, [p](od::raw_json_string key, od::value& value) -> error_code {
        Presence ignored = Presence::Missing;
        if (keyIs(key, "code"))
            return readString(value, &p->code, &p->codePresence);
        if (keyIs(key, "price"))
            return readDecimal(value, &p->price, &p->pricePresence);
        if (keyIs(key, "volume"))
            return readDecimal(value, &p->volume, &ignored);
        if (keyIs(key, "turnover"))
            return readDecimal(value, &p->turnover, &ignored);
        if (keyIs(key, "seq")) {
            const error_code e = readInt(value, &p->seq, &ignored);
            if (ignored != Presence::Present)
                p->seq = 0;
            return e;
        }
        if (keyIs(key, "tick_time")) {
            const error_code e = readInt(value, &p->tickTime, &ignored);
            if (ignored != Presence::Present)
                p->tickTime = 0;
            return e;
        }
        if (keyIs(key, "trade_direction")) {
            const error_code e = readInt(value, &p->direction, &ignored);
            if (ignored != Presence::Present)
                p->direction = 0;
            return e;
        }
        if (keyIs(key, "bids"))
            return readLevels(value, &p->bids);
        if (keyIs(key, "asks"))
            return readLevels(value, &p->asks);
        return simdjson::SUCCESS;
    });
}

TradeSide sideFrom(qint64 direction)
{
    switch (direction) {
    case 1:
        return TradeSide::Buy;
    case 2:
        return TradeSide::Sell;
    default:
        return TradeSide::Neutral;
    }
}

Message malformed(const QString& why)
{
    Message m;
    m.kind = Message::Kind::Malformed;
    m.error = why;
    return m;
}

Message malformed(error_code err)
{
    return malformed(u"invalid JSON: "_s + QString::fromLatin1(simdjson::error_message(err)));
}

// ---------------------------------------------------------------------------------------------------------------
// JSON writing

// {"cmd_id":N,"seq_id":N,"trace":"...","data":   (the caller appends the data object and the closing brace)
QByteArray requestHead(int cmdId, quint32 seqId, const QString& trace)
{
    QByteArray out;
    out.reserve(96 + trace.size());
    out.append("{\"cmd_id\":");
    out.append(QByteArray::number(cmdId));
    out.append(",\"seq_id\":");
    out.append(QByteArray::number(seqId));
    out.append(",\"trace\":");
    out.append(JsonText::quoted(trace));
    out.append(",\"data\":");
    return out;
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------

Family familyOf(const QString& code)
{
    return isAShare(code) || hasSuffix(code, ".US"_L1) || hasSuffix(code, ".HK"_L1) ? Family::Stock : Family::General;
}

int maxDepthLevels(const QString& code)
{
    if (hasSuffix(code, ".HK"_L1))
        return 10;
    if (isAShare(code))
        return 5;
    if (hasSuffix(code, ".US"_L1))
        return 1;
    if (hasSuffix(code, "USDT"_L1) || hasSuffix(code, "USDC"_L1))
        return 5;
    return 1;
}

QByteArray encodeHeartbeat(quint32 seqId, const QString& trace)
{
    QByteArray out = requestHead(Heartbeat, seqId, trace);
    out.append("{}}");
    return out;
}

QByteArray encodeSubscribeTrade(quint32 seqId, const QString& trace, const QList<QString>& codes)
{
    QByteArray out = requestHead(SubscribeTrade, seqId, trace);
    out.append("{\"symbol_list\":[");
    for (qsizetype i = 0; i < codes.size(); ++i) {
        if (i > 0)
            out.append(',');
        out.append("{\"code\":");
        out.append(JsonText::quoted(codes.at(i)));
        out.append('}');
    }
    out.append("]}}");
    return out;
}

QByteArray encodeSubscribeDepth(quint32 seqId, const QString& trace, const QList<SymbolRequest>& symbols)
{
    QByteArray out = requestHead(SubscribeDepth, seqId, trace);
    out.append("{\"symbol_list\":[");
    for (qsizetype i = 0; i < symbols.size(); ++i) {
        const SymbolRequest& s = symbols.at(i);
        if (i > 0)
            out.append(',');
        out.append("{\"code\":");
        out.append(JsonText::quoted(s.code));
        out.append(",\"depth_level\":");
        // Always send the field (A.4); 0 or less asks for the most the asset class offers.
        out.append(QByteArray::number(s.depthLevel > 0 ? s.depthLevel : maxDepthLevels(s.code)));
        out.append('}');
    }
    out.append("]}}");
    return out;
}

QByteArray encodeCancel(quint32 seqId, const QString& trace, CancelType type)
{
    QByteArray out = requestHead(Cancel, seqId, trace);
    out.append("{\"cancel_type\":");
    out.append(QByteArray::number(static_cast<int>(type)));
    out.append("}}");
    return out;
}

// ---------------------------------------------------------------------------------------------------------------

struct Decoder::Private
{
    od::parser parser;
    std::unique_ptr<char[]> buffer;
    size_t capacity = 0;
    // Symbol codes seen so far: every push of a symbol shares one QString instead of allocating its own.
    QHash<QByteArray, QString> codes;
    bool fastPath = true;

    QString code(std::string_view text)
    {
        const auto it = codes.constFind(QByteArray::fromRawData(text.data(), qsizetype(text.size())));
        if (it != codes.constEnd())
            return *it;
        if (codes.size() >= MaxInternedCodes)
            codes.clear(); // a stream of ever-new codes: bounded, never wrong
        const QString code = toQString(text);
        codes.insert(QByteArray(text.data(), qsizetype(text.size())), code);
        return code;
    }

    // Copies the frame into the reusable buffer with simdjson's zeroed padding behind it.
    void load(QByteArrayView frame)
    {
        const size_t needed = size_t(frame.size()) + simdjson::SIMDJSON_PADDING;
        if (needed > capacity) {
            capacity = std::max<size_t>(needed, 4096);
            buffer.reset(new char[capacity]);
        }
        std::memcpy(buffer.get(), frame.data(), size_t(frame.size()));
        std::memset(buffer.get() + frame.size(), 0, simdjson::SIMDJSON_PADDING);
    }
};

Decoder::Decoder()
    : d(new Private)
{}

Decoder::~Decoder()
{
    delete d;
}

void Decoder::setFastPathEnabled(bool enabled)
{
    d->fastPath = enabled;
}

Message Decoder::decode(QByteArrayView frame)
{
    if (frame.size() > MaxFrameBytes)
        return malformed(u"frame too large"_s);
    if (d->fastPath) {
        int cmdId = 0;
        Payload payload;
        if (scanPush(std::string_view(frame.data(), size_t(frame.size())), &cmdId, &payload))
            return pushMessage(cmdId, payload);
    }
    d->load(frame);
    return decodeLoaded(size_t(frame.size()));
}

Message Decoder::decode(QStringView text)
{
    // QWebSocket hands text frames over as UTF-16; encode straight into the padded parse buffer (ASCII, the usual
    // case, is a vectorised narrowing in QStringEncoder) instead of allocating a QByteArray per frame.
    if (text.size() > MaxFrameBytes)
        return malformed(u"frame too large"_s);
    QStringEncoder encoder(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless);
    const size_t needed = size_t(encoder.requiredSpace(text.size())) + simdjson::SIMDJSON_PADDING;
    if (needed > d->capacity) {
        d->capacity = std::max<size_t>(needed, 4096);
        d->buffer.reset(new char[d->capacity]);
    }
    char* end = encoder.appendToBuffer(d->buffer.get(), text);
    const size_t length = size_t(end - d->buffer.get());
    if (length > size_t(MaxFrameBytes))
        return malformed(u"frame too large"_s);
    std::memset(end, 0, simdjson::SIMDJSON_PADDING);
    if (d->fastPath) {
        int cmdId = 0;
        Payload payload;
        if (scanPush(std::string_view(d->buffer.get(), length), &cmdId, &payload))
            return pushMessage(cmdId, payload);
    }
    return decodeLoaded(length);
}

Message Decoder::decodeLoaded(size_t length)
{
    if (trimmed(std::string_view(d->buffer.get(), length)).empty())
        return malformed(u"empty frame"_s);

    od::document doc;
    if (const error_code err = d->parser.iterate(d->buffer.get(), length, d->capacity).get(doc))
        return malformed(err);
    od::object root;
    if (const error_code err = doc.get_object().get(root))
        return err == simdjson::INCORRECT_TYPE ? malformed(u"not a JSON object"_s) : malformed(err);

    qint64 cmdId = 0, ret = 0, seqId = 0;
    Presence cmdIdPresence = Presence::Missing, retPresence = Presence::Missing;
    std::string_view msg, trace;
    Payload payload;
    const error_code err = forEachField(root, [&](od::raw_json_string key, od::value& value) -> error_code {
        Presence ignored = Presence::Missing;
        if (keyIs(key, "cmd_id"))
            return readInt(value, &cmdId, &cmdIdPresence);
        if (keyIs(key, "data"))
            return readPayload(value, &payload);
        if (keyIs(key, "ret"))
            return readInt(value, &ret, &retPresence);
        if (keyIs(key, "msg"))
            return readString(value, &msg, &ignored);
        if (keyIs(key, "seq_id")) {
            const error_code e = readInt(value, &seqId, &ignored);
            if (ignored != Presence::Present)
                seqId = 0;
            return e;
        }
        if (keyIs(key, "trace"))
            return readString(value, &trace, &ignored);
        return simdjson::SUCCESS;
    });
    if (err)
        return malformed(err);
    if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS)
        return malformed(u"invalid JSON: trailing content"_s);

    if (cmdIdPresence == Presence::Present && !fitsInt(cmdId))
        cmdIdPresence = Presence::Invalid;
    if (retPresence == Presence::Invalid || (retPresence == Presence::Present && !fitsInt(ret)))
        return malformed(u"invalid ret"_s);

    Message m;
    if (retPresence == Presence::Present) {
        m.kind = Message::Kind::Response;
        m.cmdId = cmdIdPresence == Presence::Present ? int(cmdId) : 0;
        m.ret = int(ret);
        m.msg = toQString(msg);
        m.seqId = seqId;
        m.trace = toQString(trace);
        return m;
    }
    if (cmdIdPresence == Presence::Missing)
        return malformed(u"missing cmd_id"_s);
    if (cmdIdPresence == Presence::Invalid)
        return malformed(u"invalid cmd_id"_s);
    return pushMessage(int(cmdId), payload);
}

Message Decoder::pushMessage(int cmdId, Payload& payload)
{
    Message m;
    m.cmdId = cmdId;
    if (m.cmdId == PushTrade) {
        if (!payload.isObject)
            return malformed(u"trade push without data"_s);
        if (payload.codePresence != Presence::Present || payload.code.empty())
            return malformed(u"trade push without code"_s);
        if (payload.pricePresence != Presence::Present)
            return malformed(payload.pricePresence == Presence::Missing ? u"trade push without price"_s
                                                                        : u"trade push with invalid price"_s);
        m.kind = Message::Kind::Trade;
        TradeTick& t = m.trade;
        t.code = d->code(payload.code);
        t.seq = payload.seq;
        t.timeMs = normalizeTickTime(payload.tickTime);
        t.price = payload.price;
        t.volume = payload.volume;
        t.turnover = payload.turnover;
        t.side = sideFrom(payload.direction);
        return m;
    }
    if (m.cmdId == PushDepth) {
        if (!payload.isObject)
            return malformed(u"depth push without data"_s);
        if (payload.codePresence != Presence::Present || payload.code.empty())
            return malformed(u"depth push without code"_s);
        m.kind = Message::Kind::Depth;
        BookSnapshot& b = m.book;
        b.code = d->code(payload.code);
        b.seq = payload.seq;
        b.timeMs = normalizeTickTime(payload.tickTime);
        b.bids = std::move(payload.bids);
        b.asks = std::move(payload.asks);
        return m;
    }
    m.kind = Message::Kind::Unknown;
    return m;
}

} // namespace AllTick
