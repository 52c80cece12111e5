#include "QmtCodec.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTime>
#include <QTimeZone>

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <string_view>

using namespace Qt::StringLiterals;

namespace Qmt {

namespace {

namespace dom = simdjson::dom;

constexpr qsizetype MaxFrameBytes = 64 * 1024 * 1024; // whole-market snapshots hold thousands of codes

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && isJsonSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isJsonSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

bool hasNonFiniteCandidate(QByteArrayView json)
{
    return json.contains(QByteArrayView("NaN")) || json.contains(QByteArrayView("Infinity"));
}

// A number as an exact decimal with up to MaxScale places: JSON numbers, numeric strings; null otherwise.
Decimal rawDecimal(dom::element e)
{
    switch (e.type()) {
    case dom::element_type::INT64:
        return Decimal::fromInt(int64_t(e.get_int64().value_unsafe()));
    case dom::element_type::UINT64:
        return Decimal::fromDouble(double(e.get_uint64().value_unsafe()), 0);
    case dom::element_type::DOUBLE:
        return Decimal::fromDouble(e.get_double().value_unsafe(), Decimal::MaxScale);
    case dom::element_type::STRING: {
        const std::string_view s = trimmed(e.get_string().value_unsafe());
        bool ok = false;
        Decimal d = Decimal::parse(QByteArrayView(s.data(), qsizetype(s.size())), &ok);
        if (ok)
            return d;
        double value = 0;
        const auto res = std::from_chars(s.data(), s.data() + s.size(), value);
        if (res.ec == std::errc() && res.ptr == s.data() + s.size())
            return Decimal::fromDouble(value, Decimal::MaxScale); // NaN/inf give null
        return Decimal();
    }
    default:
        return Decimal();
    }
}

bool readInt(dom::element e, qint64* out)
{
    switch (e.type()) {
    case dom::element_type::INT64:
        *out = e.get_int64().value_unsafe();
        return true;
    case dom::element_type::DOUBLE: {
        const double v = e.get_double().value_unsafe();
        if (!std::isfinite(v) || std::fabs(v) > 9.0e18)
            return false;
        *out = qint64(std::llround(v));
        return true;
    }
    case dom::element_type::STRING: {
        const Decimal d = rawDecimal(e);
        if (d.isNull())
            return false;
        const Decimal r = d.rounded(0);
        *out = r.units();
        return true;
    }
    default:
        return false;
    }
}

QString readString(dom::element e)
{
    if (e.type() != dom::element_type::STRING)
        return QString();
    return toQString(e.get_string().value_unsafe());
}

Decimal roundPrice(const Decimal& raw, const Decimal& tick)
{
    if (raw.isNull())
        return raw;
    if (!tick.isNull() && tick.units() > 0)
        return raw.roundedToTick(tick);
    return raw.rounded(DefaultPriceScale);
}

// Price field: zero means "none" in xtdata records (no trade yet, empty book level, no limit).
Decimal readPrice(dom::element e, const Decimal& tick)
{
    const Decimal d = roundPrice(rawDecimal(e), tick);
    return d.isNull() || d.isZero() ? Decimal() : d;
}

Decimal readScaled(dom::element e, int places)
{
    return rawDecimal(e).rounded(places);
}

QList<Decimal> readPriceArray(dom::element e, const Decimal& tick)
{
    QList<Decimal> out;
    dom::array array;
    if (e.get_array().get(array))
        return out;
    for (dom::element item : array)
        out.append(readPrice(item, tick));
    return out;
}

QList<Decimal> readVolumeArray(dom::element e)
{
    QList<Decimal> out;
    dom::array array;
    if (e.get_array().get(array))
        return out;
    for (dom::element item : array)
        out.append(readScaled(item, VolumeScale));
    return out;
}

QList<BookLevel> zipLevels(const QList<Decimal>& prices, const QList<Decimal>& volumes)
{
    QList<BookLevel> out;
    for (qsizetype i = 0; i < prices.size(); ++i) {
        if (prices.at(i).isNull())
            continue; // xtdata pads missing levels with 0
        out.append(BookLevel{prices.at(i), i < volumes.size() ? volumes.at(i) : Decimal()});
    }
    return out;
}

QTimeZone shanghai()
{
    static const QTimeZone zone = [] {
        QTimeZone z(QByteArrayLiteral("Asia/Shanghai"));
        return z.isValid() ? z : QTimeZone(8 * 3600);
    }();
    return zone;
}

// "20240913 14:59:59" (optionally ".mmm"), local time in Shanghai.
qint64 parseTimetag(const QString& tag)
{
    const QString s = tag.trimmed();
    if (s.size() < 17 || s.at(8) != u' ')
        return 0;
    const QDate date = QDate::fromString(s.left(8), u"yyyyMMdd");
    QTime time = QTime::fromString(s.mid(9, 8), u"HH:mm:ss");
    if (!date.isValid() || !time.isValid())
        return 0;
    if (s.size() >= 21 && s.at(17) == u'.') {
        bool ok = false;
        const int ms = s.mid(18, 3).toInt(&ok);
        if (ok)
            time = time.addMSecs(ms);
    }
    return QDateTime(date, time, shanghai()).toMSecsSinceEpoch();
}

qint64 normalizeTime(qint64 value)
{
    return value > 0 && value < 100000000000LL ? value * 1000 : value; // seconds tolerated
}

// A bar's time written as text, Asia/Shanghai local: "20240102" (a day), "20240102093100" (YYYYMMDDHHmmss),
// "2024-01-02", "2024-01-02 09:31:00" or a timetag "20240102 09:31:00"; 0 when it is none of these.
qint64 parseTimeText(const QString& text)
{
    QString s = text.trimmed();
    if (s.size() >= 17 && s.at(8) == u' ')
        return parseTimetag(s);
    s.remove(u'-').remove(u':').remove(u' ').remove(u'T');
    if (s.size() != 8 && s.size() != 12 && s.size() != 14)
        return 0;
    for (const QChar c : std::as_const(s)) {
        if (!c.isDigit())
            return 0;
    }
    const QDate date = QDate::fromString(s.left(8), u"yyyyMMdd");
    if (!date.isValid())
        return 0;
    QTime time(0, 0);
    if (s.size() > 8) {
        time = QTime::fromString(s.mid(8).leftJustified(6, u'0'), u"HHmmss");
        if (!time.isValid())
            return 0;
    }
    return QDateTime(date, time, shanghai()).toMSecsSinceEpoch();
}

// A time field: epoch ms (or seconds) as a number or a numeric string, or one of the texts of parseTimeText.
qint64 readTime(dom::element e)
{
    if (e.type() == dom::element_type::STRING) {
        const qint64 fromText = parseTimeText(readString(e));
        if (fromText > 0)
            return fromText;
    }
    qint64 value = 0;
    return readInt(e, &value) ? normalizeTime(value) : 0;
}

// Reads one record of `code` into a tick or a bar; false when it is neither.
bool readRecord(dom::element e, const QString& code, const Decimal& tick, Frame* frame)
{
    dom::object object;
    if (e.get_object().get(object))
        return false;
    Tick t;
    Bar b;
    bool isTick = false;
    bool isBar = false;
    qint64 timeValue = 0;
    qint64 indexTime = 0;
    QString timetag;
    QList<Decimal> askPrices, bidPrices, askVols, bidVols;
    for (dom::key_value_pair field : object) {
        const std::string_view key = field.key;
        const dom::element value = field.value;
        if (key == "time") {
            timeValue = readTime(value);
        } else if (key == "index" || key == "date" || key == "stime") {
            indexTime = readTime(value); // market_data_ex: the DataFrame's former index (B.11, UNCONFIRMED)
        } else if (key == "lastPrice") {
            t.last = readPrice(value, tick);
            isTick = true;
        } else if (key == "open") {
            t.open = b.open = readPrice(value, tick);
        } else if (key == "high") {
            t.high = b.high = readPrice(value, tick);
        } else if (key == "low") {
            t.low = b.low = readPrice(value, tick);
        } else if (key == "close") {
            b.close = readPrice(value, tick);
            isBar = true;
        } else if (key == "lastClose") {
            t.prevClose = readPrice(value, tick);
            isTick = true;
        } else if (key == "preClose") {
            b.preClose = readPrice(value, tick);
        } else if (key == "amount") {
            t.amount = b.amount = readScaled(value, AmountScale);
        } else if (key == "volume") {
            t.volume = b.volume = readScaled(value, VolumeScale);
        } else if (key == "pvolume") {
            t.pvolume = readScaled(value, VolumeScale);
            isTick = true;
        } else if (key == "stockStatus") {
            qint64 status = 0;
            if (readInt(value, &status) && status >= INT_MIN && status <= INT_MAX)
                t.stockStatus = int(status);
        } else if (key == "transactionNum") {
            qint64 n = 0;
            if (readInt(value, &n))
                t.transactionNum = n;
        } else if (key == "suspendFlag") {
            qint64 flag = 0;
            if (readInt(value, &flag) && flag >= -1 && flag <= 1)
                b.suspendFlag = int(flag);
        } else if (key == "askPrice") {
            askPrices = readPriceArray(value, tick);
            t.hasBook = isTick = true;
        } else if (key == "bidPrice") {
            bidPrices = readPriceArray(value, tick);
            t.hasBook = isTick = true;
        } else if (key == "askVol") {
            askVols = readVolumeArray(value);
        } else if (key == "bidVol") {
            bidVols = readVolumeArray(value);
        } else if (key == "timetag") {
            timetag = readString(value);
        }
    }
    qint64 timeMs = timeValue;
    if (timeMs <= 0 && !timetag.isEmpty())
        timeMs = parseTimetag(timetag);
    if (timeMs <= 0)
        timeMs = indexTime;
    if (isTick) {
        t.code = code;
        t.timeMs = timeMs;
        if (t.hasBook) {
            t.asks = zipLevels(askPrices, askVols);
            t.bids = zipLevels(bidPrices, bidVols);
        }
        frame->ticks.append(std::move(t));
        return true;
    }
    if (isBar) {
        b.code = code;
        b.timeMs = timeMs;
        frame->bars.append(std::move(b));
        return true;
    }
    return false;
}

// Records of one code: a list (realtime) or a single dict (whole quote).
void readCodeEntry(dom::element value, const QString& code, const Decimal& tick, Frame* frame)
{
    if (value.type() == dom::element_type::ARRAY) {
        dom::array array;
        if (value.get_array().get(array))
            return;
        for (dom::element item : array) {
            if (!readRecord(item, code, tick, frame))
                ++frame->skippedRecords;
        }
    } else if (value.type() == dom::element_type::OBJECT) {
        if (!readRecord(value, code, tick, frame))
            ++frame->skippedRecords;
    } else if (value.type() != dom::element_type::NULL_VALUE) {
        ++frame->skippedRecords;
    }
}

void appendCodes(QJsonObject* object, const QString& key, const QStringList& codes)
{
    QJsonArray array;
    for (const QString& code : codes)
        array.append(code);
    object->insert(key, array);
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------

void Tick::merge(const Tick& newer)
{
    const auto take = [](Decimal& mine, const Decimal& theirs) {
        if (!theirs.isNull())
            mine = theirs;
    };
    if (code.isEmpty())
        code = newer.code;
    if (newer.timeMs > 0)
        timeMs = newer.timeMs;
    take(last, newer.last);
    take(open, newer.open);
    take(high, newer.high);
    take(low, newer.low);
    take(prevClose, newer.prevClose);
    take(amount, newer.amount);
    take(volume, newer.volume);
    take(pvolume, newer.pvolume);
    if (newer.stockStatus >= 0)
        stockStatus = newer.stockStatus;
    if (newer.transactionNum >= 0)
        transactionNum = newer.transactionNum;
    if (newer.hasBook) {
        hasBook = true;
        bids = newer.bids;
        asks = newer.asks;
    }
}

BarSeries::Change BarSeries::apply(const Bar& bar)
{
    if (!m_bars.isEmpty()) {
        const qint64 lastTime = m_bars.constLast().timeMs;
        if (bar.timeMs == lastTime) {
            m_bars.last() = bar;
            return Change::Replaced;
        }
        if (bar.timeMs < lastTime)
            return Change::Ignored;
    }
    m_bars.append(bar);
    if (m_bars.size() > m_capacity)
        m_bars.remove(0, m_bars.size() - m_capacity);
    return Change::Appended;
}

QString stockListCategory(Market market)
{
    switch (market) {
    case Market::SH:
        return u"上证A股"_s;
    case Market::SZ:
        return u"深证A股"_s;
    case Market::BJ:
        return u"北证A股"_s;
    default:
        return QString();
    }
}

QByteArray replaceNonFiniteTokens(QByteArrayView json)
{
    if (!hasNonFiniteCandidate(json))
        return json.toByteArray();
    QByteArray out;
    out.reserve(json.size() + 16);
    bool inString = false;
    const char* p = json.data();
    const char* const end = p + json.size();
    const auto startsWith = [&end](const char* at, std::string_view token) {
        return size_t(end - at) >= token.size() && std::string_view(at, token.size()) == token;
    };
    while (p < end) {
        const char c = *p;
        if (inString) {
            out.append(c);
            if (c == '\\' && p + 1 < end) {
                out.append(p[1]);
                p += 2;
                continue;
            }
            if (c == '"')
                inString = false;
            ++p;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == 'N' && startsWith(p, "NaN")) {
            out.append("null");
            p += 3;
            continue;
        } else if (c == 'I' && startsWith(p, "Infinity")) {
            out.append("null    ");
            p += 8;
            continue;
        } else if (c == '-' && startsWith(p, "-Infinity")) {
            out.append("null     ");
            p += 9;
            continue;
        }
        out.append(c);
        ++p;
    }
    return out;
}

QByteArray encodeRealtimeRequest(const QStringList& codes, const QString& period)
{
    QJsonObject object;
    appendCodes(&object, u"stocks"_s, codes);
    object.insert(u"period"_s, period);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray encodeWholeQuoteRequest(const QStringList& codes)
{
    QJsonObject object;
    appendCodes(&object, u"codes"_s, codes);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// ---------------------------------------------------------------------------------------------------------------

struct Decoder::Private
{
    dom::parser parser;
    QByteArray cleaned;

    // Parses `json` (after replacing non-finite tokens when it has any candidates); *error set on failure.
    bool parse(QByteArrayView json, dom::element* root, QString* error)
    {
        if (trimmed(std::string_view(json.data(), size_t(json.size()))).empty()) {
            *error = u"empty frame"_s;
            return false;
        }
        if (json.size() > MaxFrameBytes) {
            *error = u"frame too large"_s;
            return false;
        }
        QByteArrayView text = json;
        if (hasNonFiniteCandidate(json)) {
            cleaned = replaceNonFiniteTokens(json);
            text = cleaned;
        }
        const simdjson::error_code err = parser.parse(text.data(), size_t(text.size()), true).get(*root);
        if (err) {
            *error = u"invalid JSON: "_s + QString::fromLatin1(simdjson::error_message(err));
            return false;
        }
        return true;
    }
};

Decoder::Decoder()
    : d(new Private)
{}

Decoder::~Decoder()
{
    delete d;
}

void Decoder::setPriceTick(const QString& code, const Decimal& tick)
{
    if (tick.isNull() || tick.units() <= 0)
        m_ticks.remove(code);
    else
        m_ticks.insert(code, tick);
}

Frame Decoder::decodeStream(QByteArrayView bytes)
{
    Frame frame;
    dom::element root;
    if (!d->parse(bytes, &root, &frame.error))
        return frame;
    dom::object object;
    if (root.get_object().get(object)) {
        frame.error = u"not a JSON object"_s;
        return frame;
    }
    for (dom::key_value_pair field : object) {
        const QString code = toQString(field.key);
        readCodeEntry(field.value, code, m_ticks.value(code), &frame);
    }
    frame.kind = Frame::Kind::Data;
    return frame;
}

namespace {

bool fail(QString* error, const QString& why)
{
    if (error)
        *error = why;
    return false;
}

// A FastAPI error body ({"detail": ...}) as text, or the generic reason.
QString restError(dom::object root, const QString& fallback)
{
    dom::element detail;
    if (root.at_key("detail").get(detail))
        return fallback;
    if (detail.type() == dom::element_type::STRING)
        return u"server error: "_s + readString(detail);
    return u"server error: "_s + QString::fromStdString(simdjson::to_string(detail));
}

// The object under "data" of a REST reply keyed by code ({"data": {"600000.SH": ...}}); false with *why otherwise.
bool dataByCode(dom::element root, dom::object* map, QString* why)
{
    dom::object object;
    if (root.get_object().get(object)) {
        *why = u"not a JSON object"_s;
        return false;
    }
    if (object.at_key("data").get_object().get(*map)) {
        *why = restError(object, u"reply without data"_s);
        return false;
    }
    return true;
}

Instrument readInstrument(dom::element e, const QString& code)
{
    Instrument inst;
    inst.code = code;
    dom::object object;
    if (e.get_object().get(object))
        return inst; // null: unknown code
    inst.known = true;
    dom::element value;
    if (!object.at_key("PriceTick").get(value)) {
        const Decimal tick = rawDecimal(value);
        if (!tick.isNull() && tick.units() > 0)
            inst.priceTick = tick;
    }
    if (!object.at_key("InstrumentName").get(value))
        inst.name = readString(value).trimmed();
    if (!object.at_key("ExchangeID").get(value))
        inst.exchangeId = readString(value);
    if (!object.at_key("PreClose").get(value))
        inst.prevClose = readPrice(value, inst.priceTick);
    if (!object.at_key("UpStopPrice").get(value))
        inst.upStop = readPrice(value, inst.priceTick);
    if (!object.at_key("DownStopPrice").get(value))
        inst.downStop = readPrice(value, inst.priceTick);
    return inst;
}

} // namespace

bool Decoder::decodeInstrumentDetails(QByteArrayView body, QList<Instrument>* out, QString* error)
{
    QString why;
    dom::element root;
    if (!d->parse(body, &root, &why))
        return fail(error, why);
    dom::object object;
    if (root.get_object().get(object))
        return fail(error, u"not a JSON object"_s);
    QList<Instrument> list;
    dom::element data;
    dom::element detail;
    if (!object.at_key("data").get(data)) {
        dom::object map;
        if (data.get_object().get(map))
            return fail(error, u"data is not an object"_s);
        for (dom::key_value_pair field : map)
            list.append(readInstrument(field.value, toQString(field.key)));
    } else if (!object.at_key("detail").get(detail)) {
        dom::element stock;
        QString code;
        if (!object.at_key("stock").get(stock))
            code = readString(stock);
        if (code.isEmpty() && detail.type() == dom::element_type::OBJECT) {
            dom::element id;
            if (!detail.at_key("InstrumentID").get(id))
                code = readString(id);
            if (!detail.at_key("ExchangeID").get(id) && !code.isEmpty())
                code += u'.' + readString(id);
        }
        if (code.isEmpty() || detail.type() == dom::element_type::STRING)
            return fail(error, restError(object, u"instrument detail without a code"_s));
        list.append(readInstrument(detail, code));
    } else {
        return fail(error, restError(object, u"reply without data"_s));
    }
    for (const Instrument& inst : std::as_const(list)) {
        if (!inst.priceTick.isNull())
            setPriceTick(inst.code, inst.priceTick);
    }
    if (out)
        *out = std::move(list);
    return true;
}

bool Decoder::decodeStockNames(QByteArrayView body, QHash<QString, QString>* out, QString* error)
{
    QString why;
    dom::element root;
    dom::object map;
    if (!d->parse(body, &root, &why) || !dataByCode(root, &map, &why))
        return fail(error, why);
    QHash<QString, QString> names;
    for (dom::key_value_pair field : map) {
        const QString name = readString(field.value).trimmed();
        if (!name.isEmpty())
            names.insert(toQString(field.key), name);
    }
    if (out)
        *out = std::move(names);
    return true;
}

bool Decoder::decodeFullTick(QByteArrayView body, QList<Tick>* out, QString* error)
{
    QString why;
    dom::element root;
    dom::object map;
    if (!d->parse(body, &root, &why) || !dataByCode(root, &map, &why))
        return fail(error, why);
    Frame frame;
    for (dom::key_value_pair field : map) {
        const QString code = toQString(field.key);
        readCodeEntry(field.value, code, m_ticks.value(code), &frame);
    }
    if (out)
        *out = std::move(frame.ticks);
    return true;
}

bool Decoder::decodeMarketData(QByteArrayView body, QHash<QString, QList<Bar>>* out, QString* error)
{
    QString why;
    dom::element root;
    dom::object map;
    if (!d->parse(body, &root, &why) || !dataByCode(root, &map, &why))
        return fail(error, why);
    QHash<QString, QList<Bar>> result;
    for (dom::key_value_pair field : map) {
        const QString code = toQString(field.key);
        Frame frame;
        readCodeEntry(field.value, code, m_ticks.value(code), &frame);
        QList<Bar> bars;
        bars.reserve(frame.bars.size());
        for (Bar& bar : frame.bars) {
            if (bar.timeMs > 0)
                bars.append(std::move(bar));
        }
        // Oldest first, one bar per time (a later duplicate wins), whatever order the rows came in.
        std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) { return a.timeMs < b.timeMs; });
        QList<Bar> unique;
        unique.reserve(bars.size());
        for (Bar& bar : bars) {
            if (!unique.isEmpty() && unique.constLast().timeMs == bar.timeMs)
                unique.last() = std::move(bar);
            else
                unique.append(std::move(bar));
        }
        result.insert(code, std::move(unique));
    }
    if (out)
        *out = std::move(result);
    return true;
}

bool Decoder::decodeStockList(QByteArrayView body, QString* category, QStringList* codes, QString* error)
{
    QString why;
    dom::element root;
    if (!d->parse(body, &root, &why))
        return fail(error, why);
    dom::object object;
    if (root.get_object().get(object))
        return fail(error, u"not a JSON object"_s);
    dom::array stocks;
    if (object.at_key("stocks").get_array().get(stocks))
        return fail(error, restError(object, u"reply without stocks"_s));
    QStringList list;
    for (dom::element e : stocks) {
        const QString code = readString(e).trimmed();
        if (!code.isEmpty())
            list.append(code);
    }
    if (category) {
        dom::element value;
        *category = object.at_key("category").get(value) ? QString() : readString(value);
    }
    if (codes)
        *codes = std::move(list);
    return true;
}

} // namespace Qmt
