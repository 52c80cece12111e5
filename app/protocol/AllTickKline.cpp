// AllTick REST: the /kline and /batch-kline requests and replies (protocols.md A.10), and the previous close and
// session values taken from daily bars.
#include "AllTickCodec.h"
#include "AllTickJson_p.h"
#include "sim/JsonText.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <cstring>

namespace AllTick {

using namespace detail;

namespace {

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
// K-line requests and replies

void appendKlineRequest(QByteArray& out, const QString& code, int klineType, int count)
{
    out.append("{\"code\":");
    out.append(JsonText::quoted(code));
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

QByteArray encodeKlineQuery(const QString& trace, const QString& code, int klineType, int count)
{
    QByteArray out;
    out.reserve(160 + trace.size());
    out.append("{\"trace\":");
    out.append(JsonText::quoted(trace));
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
    out.append(JsonText::quoted(trace));
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
        od::object object;
        if (!asObject(data, &object, &err))
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
        od::object object;
        if (!asObject(data, &object, &err))
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
