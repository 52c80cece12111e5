#include "AllTickCodec.h"
#include "AllTickCodec_p.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QStringEncoder>
#include <QTimeZone>

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

namespace od = simdjson::ondemand;
using simdjson::error_code;
using namespace detail;

constexpr qsizetype MaxFrameBytes = 16 * 1024 * 1024;
constexpr qsizetype MaxInternedCodes = 100000;

// ---------------------------------------------------------------------------------------------------------------
// Code classification

bool hasSuffix(const QString& code, QLatin1String suffix)
{
    return code.endsWith(suffix, Qt::CaseInsensitive);
}

bool isAShare(const QString& code)
{
    return hasSuffix(code, ".SH"_L1) || hasSuffix(code, ".SZ"_L1) || hasSuffix(code, ".BJ"_L1);
}

QTimeZone makeZone(const char* ianaId, int fallbackOffsetSecs)
{
    QTimeZone zone(QByteArray::fromRawData(ianaId, qsizetype(std::strlen(ianaId))));
    return zone.isValid() ? zone : QTimeZone(fallbackOffsetSecs);
}

// Exchange time zone of a code (kept local so the codec does not depend on the symbol catalog).
QTimeZone exchangeZone(const QString& code)
{
    if (isAShare(code)) {
        static const QTimeZone shanghai = makeZone("Asia/Shanghai", 8 * 3600);
        return shanghai;
    }
    if (hasSuffix(code, ".HK"_L1)) {
        static const QTimeZone hongKong = makeZone("Asia/Hong_Kong", 8 * 3600);
        return hongKong;
    }
    if (hasSuffix(code, ".US"_L1)) {
        static const QTimeZone newYork = makeZone("America/New_York", -5 * 3600);
        return newYork;
    }
    return QTimeZone::utc();
}

// ---------------------------------------------------------------------------------------------------------------
// Scalar helpers

QByteArrayView view(std::string_view s)
{
    return QByteArrayView(s.data(), qsizetype(s.size()));
}

QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// The content of a string value. Without escapes (the usual case: codes, decimals) it is a view of the input, which
// skips simdjson's unescaping copy; otherwise the unescaped copy.
error_code readStringContent(od::value& v, std::string_view* out)
{
    std::string_view token = v.raw_json_token(); // does not consume the value
    while (!token.empty() && isJsonSpace(token.back()))
        token.remove_suffix(1);
    if (token.size() >= 2 && token.front() == '"' && token.back() == '"') {
        const std::string_view inner = token.substr(1, token.size() - 2);
        if (inner.find('\\') == std::string_view::npos) {
            *out = inner;
            return simdjson::SUCCESS;
        }
    }
    return v.get_string().get(*out);
}

// A scalar that may be a JSON string or a JSON number, as text: the unescaped string, or the number's raw token.
// Null is Missing; booleans, objects and arrays are Invalid (and skipped by the caller's iteration).
error_code readScalarText(od::value& v, std::string_view* text, Presence* presence, bool* isNumber = nullptr)
{
    od::json_type type;
    if (const error_code err = v.type().get(type))
        return err;
    switch (type) {
    case od::json_type::string: {
        std::string_view s;
        if (const error_code err = readStringContent(v, &s))
            return err;
        *text = trimmed(s);
        *presence = Presence::Present;
        break;
    }
    case od::json_type::number: {
        *text = trimmed(v.raw_json_token());
        *presence = Presence::Present;
        if (isNumber)
            *isNumber = true;
        break;
    }
    case od::json_type::null: {
        bool isNull = false;
        if (const error_code err = v.is_null().get(isNull))
            return err;
        *presence = isNull ? Presence::Missing : Presence::Invalid;
        break;
    }
    default:
        *presence = Presence::Invalid;
        break;
    }
    return simdjson::SUCCESS;
}

error_code readDecimal(od::value& v, Decimal* out, Presence* presence)
{
    std::string_view text;
    bool isNumber = false;
    if (const error_code err = readScalarText(v, &text, presence, &isNumber))
        return err;
    if (*presence != Presence::Present)
        return simdjson::SUCCESS;
    bool ok = false;
    *out = Decimal::parse(view(text), &ok);
    if (!ok && isNumber) {
        // Last resort for JSON numbers with an exponent ("1.5e-3"): through a double.
        double value = 0;
        const auto res = std::from_chars(text.data(), text.data() + text.size(), value);
        if (res.ec == std::errc() && res.ptr == text.data() + text.size())
            *out = Decimal::fromDouble(value, Decimal::MaxScale);
        ok = !out->isNull();
    }
    if (!ok) {
        *out = Decimal();
        *presence = Presence::Invalid;
    }
    return simdjson::SUCCESS;
}

error_code readInt(od::value& v, qint64* out, Presence* presence)
{
    std::string_view text;
    if (const error_code err = readScalarText(v, &text, presence))
        return err;
    if (*presence == Presence::Present && !parseInt64(text, out))
        *presence = Presence::Invalid;
    return simdjson::SUCCESS;
}

error_code readString(od::value& v, std::string_view* out, Presence* presence)
{
    od::json_type type;
    if (const error_code err = v.type().get(type))
        return err;
    if (type == od::json_type::string) {
        if (const error_code err = readStringContent(v, out))
            return err;
        *presence = Presence::Present;
    } else if (type == od::json_type::null) {
        *presence = Presence::Missing;
    } else {
        *presence = Presence::Invalid;
    }
    return simdjson::SUCCESS;
}

bool isType(od::value& v, od::json_type wanted, error_code* err)
{
    od::json_type type;
    *err = v.type().get(type);
    return !*err && type == wanted;
}

// Iterates the fields of an object value, calling fn(key, value) for each; fn returns an error_code.
template <typename Fn>
error_code forEachField(od::object& object, Fn&& fn)
{
    for (auto fieldResult : object) {
        od::field field;
        if (const error_code err = std::move(fieldResult).get(field))
            return err;
        if (const error_code err = fn(field.key(), field.value()))
            return err;
    }
    return simdjson::SUCCESS;
}

// Iterates the elements of an array value that are objects, calling fn(object) for each.
template <typename Fn>
error_code forEachObject(od::value& v, Fn&& fn)
{
    error_code err = simdjson::SUCCESS;
    if (!isType(v, od::json_type::array, &err))
        return err; // null, missing or not an array: nothing
    od::array array;
    if ((err = v.get_array().get(array)))
        return err;
    for (auto elementResult : array) {
        od::value element;
        if ((err = std::move(elementResult).get(element)))
            return err;
        if (!isType(element, od::json_type::object, &err)) {
            if (err)
                return err;
            continue;
        }
        od::object object;
        if ((err = element.get_object().get(object)))
            return err;
        if ((err = fn(object)))
            return err;
    }
    return simdjson::SUCCESS;
}

bool keyIs(const od::raw_json_string& key, std::string_view name)
{
    // Keys are compared raw (escaped keys never match); the padded buffer makes the over-read harmless.
    return key.unsafe_is_equal(name);
}

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
    if (!isType(v, od::json_type::object, &err))
        return err;
    od::object object;
    if ((err = v.get_object().get(object)))
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

bool fitsInt(qint64 v)
{
    return v >= std::numeric_limits<int>::min() && v <= std::numeric_limits<int>::max();
}

// ---------------------------------------------------------------------------------------------------------------
// JSON writing

void appendJsonString(QByteArray& out, const QString& text)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out.append('"');
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\b':
            out.append("\\b", 2);
            break;
        case '\f':
            out.append("\\f", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                const char escaped[] = {'\\', 'u', '0', '0', hex[(c >> 4) & 0xf], hex[c & 0xf]};
                out.append(escaped, sizeof(escaped));
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
}

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
    appendJsonString(out, trace);
    out.append(",\"data\":");
    return out;
}

void appendKlineRequest(QByteArray& out, const QString& code, int klineType, int count)
{
    out.append("{\"code\":");
    appendJsonString(out, code);
    out.append(",\"kline_type\":");
    out.append(QByteArray::number(klineType));
    out.append(",\"kline_timestamp_end\":0,\"query_kline_num\":");
    out.append(QByteArray::number(count));
    out.append(",\"adjust_type\":0}");
}

// ---------------------------------------------------------------------------------------------------------------
// REST decoding

error_code readBar(od::object& object, KlineBar* bar, bool* valid)
{
    Presence tsPresence = Presence::Missing;
    Presence ignored = Presence::Missing;
    qint64 ts = 0;
    const error_code err = forEachField(object, [&](od::raw_json_string key, od::value& value) -> error_code {
        if (keyIs(key, "timestamp"))
            return readInt(value, &ts, &tsPresence);
        if (keyIs(key, "open_price"))
            return readDecimal(value, &bar->open, &ignored);
        if (keyIs(key, "close_price"))
            return readDecimal(value, &bar->close, &ignored);
        if (keyIs(key, "high_price"))
            return readDecimal(value, &bar->high, &ignored);
        if (keyIs(key, "low_price"))
            return readDecimal(value, &bar->low, &ignored);
        if (keyIs(key, "volume"))
            return readDecimal(value, &bar->volume, &ignored);
        if (keyIs(key, "turnover"))
            return readDecimal(value, &bar->turnover, &ignored);
        return simdjson::SUCCESS;
    });
    // Timestamps are seconds; tolerate milliseconds.
    bar->timestampSec = ts >= 1000000000000LL ? ts / 1000 : ts;
    *valid = tsPresence == Presence::Present;
    return err;
}

error_code readBars(od::value& v, QList<KlineBar>* bars)
{
    const error_code err = forEachObject(v, [bars](od::object& object) -> error_code {
        KlineBar bar;
        bool valid = false;
        if (const error_code e = readBar(object, &bar, &valid))
            return e;
        if (valid)
            bars->append(bar);
        return simdjson::SUCCESS;
    });
    std::stable_sort(bars->begin(), bars->end(),
                     [](const KlineBar& a, const KlineBar& b) { return a.timestampSec < b.timestampSec; });
    return err;
}

// Reads {code, kline_type, <barsKey>:[...]} into a series.
error_code readSeries(od::object& object, std::string_view barsKey, KlineSeries* series)
{
    return forEachField(object, [&](od::raw_json_string key, od::value& value) -> error_code {
        Presence presence = Presence::Missing;
        if (keyIs(key, "code")) {
            std::string_view code;
            const error_code e = readString(value, &code, &presence);
            if (!e && presence == Presence::Present)
                series->code = toQString(code);
            return e;
        }
        if (keyIs(key, "kline_type")) {
            qint64 type = 0;
            const error_code e = readInt(value, &type, &presence);
            if (!e && presence == Presence::Present && fitsInt(type))
                series->klineType = int(type);
            return e;
        }
        if (keyIs(key, barsKey))
            return readBars(value, &series->bars);
        return simdjson::SUCCESS;
    });
}

// Parses a REST envelope {ret, msg, trace, data}; dataFn(value) reads `data`. True when ret is 200.
template <typename DataFn>
bool decodeRest(QByteArrayView body, QString* error, DataFn&& dataFn)
{
    const auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (trimmed(std::string_view(body.data(), size_t(body.size()))).empty())
        return fail(u"empty body"_s);
    const simdjson::padded_string padded(body.data(), size_t(body.size()));
    od::parser parser;
    od::document doc;
    od::object root;
    error_code err = parser.iterate(padded).get(doc);
    if (!err)
        err = doc.get_object().get(root);
    if (err == simdjson::INCORRECT_TYPE)
        return fail(u"not a JSON object"_s);
    qint64 ret = 0;
    Presence retPresence = Presence::Missing;
    std::string_view msg;
    if (!err) {
        err = forEachField(root, [&](od::raw_json_string key, od::value& value) -> error_code {
            Presence ignored = Presence::Missing;
            if (keyIs(key, "ret"))
                return readInt(value, &ret, &retPresence);
            if (keyIs(key, "msg"))
                return readString(value, &msg, &ignored);
            if (keyIs(key, "data"))
                return dataFn(value);
            return simdjson::SUCCESS;
        });
    }
    if (!err && doc.current_location().error() != simdjson::OUT_OF_BOUNDS)
        return fail(u"invalid JSON: trailing content"_s);
    if (err)
        return fail(u"invalid JSON: "_s + QString::fromLatin1(simdjson::error_message(err)));
    if (retPresence != Presence::Present)
        return fail(u"response without ret"_s);
    if (ret != 200)
        return fail(msg.empty() ? QString::number(ret) : QString::number(ret) + u' ' + toQString(msg));
    return true;
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
        appendJsonString(out, codes.at(i));
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
        appendJsonString(out, s.code);
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

// ---------------------------------------------------------------------------------------------------------------

QByteArray encodeKlineQuery(const QString& trace, const QString& code, int klineType, int count)
{
    QByteArray out;
    out.reserve(160 + trace.size());
    out.append("{\"trace\":");
    appendJsonString(out, trace);
    out.append(",\"data\":");
    appendKlineRequest(out, code, klineType, count);
    out.append('}');
    return out;
}

QByteArray encodeBatchKlineBody(const QString& trace, const QList<QString>& codes, int klineType, int count)
{
    QByteArray out;
    out.reserve(64 + trace.size() + codes.size() * 112);
    out.append("{\"trace\":");
    appendJsonString(out, trace);
    out.append(",\"data\":{\"data_list\":[");
    for (qsizetype i = 0; i < codes.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendKlineRequest(out, codes.at(i), klineType, count);
    }
    out.append("]}}");
    return out;
}

bool decodeKlineResponse(QByteArrayView body, KlineSeries* out, QString* error)
{
    KlineSeries series;
    const bool ok = decodeRest(body, error, [&series](od::value& data) -> error_code {
        error_code err = simdjson::SUCCESS;
        if (!isType(data, od::json_type::object, &err))
            return err;
        od::object object;
        if ((err = data.get_object().get(object)))
            return err;
        return readSeries(object, "kline_list", &series);
    });
    if (ok && out)
        *out = std::move(series);
    return ok;
}

bool decodeBatchKlineResponse(QByteArrayView body, QList<KlineSeries>* out, QString* error)
{
    QList<KlineSeries> list;
    const bool ok = decodeRest(body, error, [&list](od::value& data) -> error_code {
        error_code err = simdjson::SUCCESS;
        if (!isType(data, od::json_type::object, &err))
            return err;
        od::object object;
        if ((err = data.get_object().get(object)))
            return err;
        return forEachField(object, [&list](od::raw_json_string key, od::value& value) -> error_code {
            if (!keyIs(key, "kline_list"))
                return simdjson::SUCCESS;
            return forEachObject(value, [&list](od::object& entry) -> error_code {
                KlineSeries series;
                if (const error_code e = readSeries(entry, "kline_data", &series))
                    return e;
                list.append(std::move(series));
                return simdjson::SUCCESS;
            });
        });
    });
    if (ok && out)
        *out = std::move(list);
    return ok;
}

// ---------------------------------------------------------------------------------------------------------------

namespace {

// Trading date of a daily bar in the exchange's zone. A bar stamped exactly at 00:00 UTC is a vendor's UTC date label
// and keeps its UTC date (otherwise US bars would land on the previous evening in New York).
QDate barDate(qint64 timestampSec, const QTimeZone& zone)
{
    if (timestampSec % 86400 == 0)
        return QDateTime::fromSecsSinceEpoch(timestampSec, QTimeZone::utc()).date();
    return QDateTime::fromSecsSinceEpoch(timestampSec, zone).date();
}

} // namespace

ReferenceData referenceFromDailyBars(const KlineSeries& series, qint64 nowMs)
{
    ReferenceData ref;
    ref.code = series.code;
    if (series.bars.isEmpty())
        return ref;
    const KlineBar& newest = series.bars.constLast();
    ref.barTimeMs = newest.timestampSec * 1000;
    const QTimeZone zone = exchangeZone(series.code);
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, zone).date();
    // ">=": a bar dated after "today" (a client clock slightly behind) is still the current session.
    if (barDate(newest.timestampSec, zone) >= today) {
        if (series.bars.size() >= 2)
            ref.prevClose = series.bars.at(series.bars.size() - 2).close;
        ref.open = newest.open;
        ref.high = newest.high;
        ref.low = newest.low;
    } else {
        ref.prevClose = newest.close;
    }
    return ref;
}

} // namespace AllTick
