// QmtSimServer, REST side: the /api endpoints of B.11 with FastAPI's shapes and errors (see QmtSimServer.h).
#include "QmtSimServer_p.h"

using namespace Qt::StringLiterals;
using namespace QmtSimDetail;

// ---------------------------------------------------------------------------------------------------------------
// REST

QList<QmtSimServer::Bar> QmtSimServer::barsOf(const QString& code, qint64 period, int count)
{
    CodeState& s = codeState(code);
    QList<Bar> out;
    if (period == kDayMs) {
        const QList<AllTick::KlineBar> bars =
            m_market->dailyBars(code, count <= 0 ? 250 : std::min(count, 500), nowMs());
        qint64 preClose = 0;
        for (qsizetype i = 0; i < bars.size(); ++i) {
            const AllTick::KlineBar& k = bars.at(i);
            Bar bar;
            bar.start = barStart(k.timestampSec * 1000, kDayMs);
            bar.open = toUnits(k.open, s.scale);
            bar.high = toUnits(k.high, s.scale);
            bar.low = toUnits(k.low, s.scale);
            bar.close = toUnits(k.close, s.scale);
            bar.volumeShares = qint64(std::llround(k.volume.toDouble()));
            bar.amount = k.turnover.toDouble();
            bar.preClose = i == 0 ? bar.open : preClose;
            if (i == bars.size() - 1 && s.forming.value(kDayMs).start == bar.start) {
                const qint64 previous = bar.preClose;
                bar = s.forming.value(kDayMs); // today's bar agrees with the streams
                if (i > 0)
                    bar.preClose = previous;
            }
            preClose = bar.close;
            out.append(bar);
        }
        return out;
    }
    out = s.history.value(period);
    out.append(s.forming.value(period));
    const int wanted = count <= 0 ? kMaxHistoryBars : std::min(count, kMaxHistoryBars);
    if (out.size() < wanted) {
        // Bars from before streaming began, aggregated from the back-filled minutes: the minutes before the first
        // streamed bar of this period, in whole bars of it (the streamed bar itself started with the stream).
        const qint64 firstMinute = barStart(s.createdMs, 60'000);
        const qint64 firstBar = out.constFirst().start;
        const int missing = wanted - int(out.size());
        const int minutes = int((firstMinute - firstBar) / 60'000 + qint64(missing) * (period / 60'000));
        backfillMinutes(s, minutes);
        QList<Bar> earlier;
        qint64 bucket = -1;
        qint64 preClose = 0;
        for (qsizetype j = (firstMinute - firstBar) / 60'000; j < s.backfill.size(); ++j) {
            const CodeState::Minute& m = s.backfill.at(j);
            const qint64 start = firstMinute - (j + 1) * 60'000;
            const qint64 barAt = barStart(start, period);
            if (barAt != bucket) {
                if (earlier.size() == missing)
                    break;
                bucket = barAt;
                Bar bar;
                bar.start = barAt;
                bar.open = m.open;
                bar.high = m.high;
                bar.low = m.low;
                bar.close = m.close;
                earlier.append(bar);
            }
            Bar& bar = earlier.last(); // walking back in time: this minute opens the bar so far
            bar.open = m.open;
            bar.high = std::max(bar.high, m.high);
            bar.low = std::min(bar.low, m.low);
            bar.volumeShares += m.shares;
            bar.amount += m.amount;
        }
        std::reverse(earlier.begin(), earlier.end());
        for (Bar& bar : earlier) {
            bar.preClose = preClose > 0 ? preClose : bar.open;
            preClose = bar.close;
        }
        if (!earlier.isEmpty())
            out.first().preClose = earlier.constLast().close;
        out = earlier + out;
    }
    if (count > 0 && out.size() > count)
        out = out.mid(out.size() - count);
    return out;
}

void QmtSimServer::backfillMinutes(CodeState& s, int minutes)
{
    // Walks back in time from the open of the first streamed minute. Today's minutes (since Shanghai midnight) run
    // to the session's open (a bridge) inside the day's range at the start of streaming; they share out the volume
    // traded before it. Earlier minutes continue from the previous close as a random walk.
    minutes = std::min(minutes, kMaxHistoryBars * 240);
    const qint64 firstMinute = barStart(s.createdMs, 60'000);
    const qint64 today = (firstMinute - barStart(s.createdMs, kDayMs)) / 60'000; // minutes of today before it
    // Today's steps are scaled to the day's range, so the walk wanders across it rather than sitting at its edges.
    const double sigma = std::max(1.0, double(s.lastClose) * 0.0006);
    const double todaySigma = std::max(1.0, double(s.high0 - s.low0) / 14.0);
    const auto reflect = [](double x, double lo, double hi) {
        for (int i = 0; i < 4 && (x < lo || x > hi); ++i)
            x = x < lo ? 2 * lo - x : 2 * hi - x;
        return std::clamp(x, lo, hi);
    };
    const qint64 floor = std::max<qint64>(1, s.limitDown > 0 ? s.limitDown : 1);
    const qint64 ceiling = s.limitUp > 0 ? s.limitUp : std::numeric_limits<qint64>::max();
    const auto normal = [&s] {
        const double u1 = std::max(1e-12, randomUnit(s.backfillRng));
        const double u2 = randomUnit(s.backfillRng);
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    };
    qint64 todayShares = today > 0 ? s.pvolume0 / 100 / today : 0; // lots per minute
    while (s.backfill.size() < minutes) {
        const qsizetype k = s.backfill.size(); // 0 = the minute just before streaming
        CodeState::Minute m;
        // The close of this minute is the open of the next one (already generated, or the stream's first price).
        m.close = k == 0 ? s.last0 : s.backfill.at(k - 1).open;
        const bool inToday = k < today;
        if (inToday) {
            if (k == today - 1) {
                m.open = s.open0; // the session's first minute opens at the open
            } else {
                const double remaining = double(today - k);
                const double drift = (double(s.open0) - double(m.close)) / remaining;
                m.open = std::llround(
                    reflect(double(m.close) + drift + normal() * todaySigma, double(s.low0), double(s.high0)));
            }
            m.open = std::clamp(m.open, s.low0, s.high0);
        } else {
            if (k == today)
                m.close = s.lastClose; // yesterday's last minute closes at the previous close
            m.open = std::clamp<qint64>(std::llround(double(m.close) + normal() * sigma), 1,
                                        std::numeric_limits<qint64>::max());
        }
        const double step = inToday ? todaySigma : sigma;
        m.high = std::max(m.open, m.close) + qint64(std::abs(normal()) * step * 0.5);
        m.low = std::min(m.open, m.close) - qint64(std::abs(normal()) * step * 0.5);
        if (inToday) {
            m.high = std::min(m.high, s.high0);
            m.low = std::max(m.low, s.low0);
        } else {
            m.high = std::min(m.high, ceiling);
            m.low = std::max(m.low, floor);
            m.low = std::max<qint64>(1, m.low);
        }
        m.high = std::max({m.high, m.open, m.close});
        m.low = std::min({m.low, m.open, m.close});
        const double factor = 0.4 + randomUnit(s.backfillRng) * 1.2;
        const qint64 typical = std::max<qint64>(todayShares, 50); // lots
        m.shares = std::max<qint64>(1, std::llround(double(typical) * factor)) * 100;
        m.amount = double(m.shares) * double(m.open + m.close) / 2.0 / pow10(s.scale);
        s.backfill.append(m);
    }
}

QByteArray QmtSimServer::detailJson(const QString& code)
{
    const SymbolInfo* info = m_market->info(code);
    if (!info)
        return "null";
    const CodeState& s = codeState(code);
    const int dot = int(code.lastIndexOf(u'.'));
    const QString id = code.left(dot);
    const QString exchange = code.mid(dot + 1);
    const Kind kind = kindOf(code);
    const bool isIndex = kind == Kind::Index;
    const qint64 up = toUnits(m_market->limitUp(code), s.scale);
    const qint64 down = toUnits(m_market->limitDown(code), s.scale);
    quint64 seed = qHash(code);
    const double totalVolume = double(100000000 + nextRandom(seed) % 9900000000ULL);
    QByteArray out;
    out.append("{\"ExchangeID\":").append(JsonText::quoted(exchange));
    out.append(",\"InstrumentID\":").append(JsonText::quoted(id));
    out.append(",\"InstrumentName\":").append(JsonText::quoted(info->nameZh.isEmpty() ? info->nameEn : info->nameZh));
    out.append(",\"ProductID\":\"\",\"ProductName\":\"\",\"ProductType\":").append(isIndex ? "1" : "0");
    out.append(",\"ExchangeCode\":").append(JsonText::quoted(id));
    out.append(",\"UniCode\":").append(JsonText::quoted(id));
    out.append(",\"CreateDate\":\"0\",\"OpenDate\":\"20100104\",\"ExpireDate\":99999999");
    out.append(",\"PreClose\":").append(priceJson(s.lastClose, s.scale));
    out.append(",\"SettlementPrice\":").append(priceJson(s.lastClose, s.scale));
    out.append(",\"UpStopPrice\":").append(isIndex ? QByteArray("0.0") : priceJson(up, s.scale));
    out.append(",\"DownStopPrice\":").append(isIndex ? QByteArray("0.0") : priceJson(down, s.scale));
    out.append(",\"FloatVolume\":").append(pyFloat(isIndex ? 0.0 : std::floor(totalVolume * 0.8)));
    out.append(",\"TotalVolume\":").append(pyFloat(isIndex ? 0.0 : totalVolume));
    out.append(",\"LongMarginRatio\":0.0,\"ShortMarginRatio\":0.0");
    out.append(",\"PriceTick\":").append(pyFloat(info->tickSize.toDouble()));
    out.append(",\"VolumeMultiple\":1,\"MainContract\":0,\"LastVolume\":0,\"InstrumentStatus\":0");
    out.append(",\"IsTrading\":true,\"IsRecent\":false}");
    return out;
}

int QmtSimServer::routeHttp(const HttpRequest& request, QByteArray* body)
{
    const QString path = request.path();
    const QUrlQuery query = request.query();
    auto param = [&](const QString& name) { return query.queryItemValue(name, QUrl::FullyDecoded); };
    auto hasParam = [&](const QString& name) { return query.hasQueryItem(name); };
    auto missing = [&](const QString& name) {
        *body = missingParam(name);
        return 422;
    };
    const bool get = request.method() == "GET";

    // Trading routers: mounted only with tradingEnabled, every route behind X-API-Key.
    const bool tradingPath = path.startsWith(u"/api/trading/"_s) || path.startsWith(u"/api/credit/"_s) ||
                             path.startsWith(u"/api/fund/"_s) || path.startsWith(u"/api/smt/"_s) ||
                             path.startsWith(u"/api/bank/"_s);
    if (tradingPath) {
        const bool known = path == u"/api/trading/asset"_s || path == u"/api/trading/positions"_s;
        if (!m_config.tradingEnabled || !known) {
            *body = "{\"detail\":\"Not Found\"}";
            return 404;
        }
        if (!get) {
            *body = "{\"detail\":\"Method Not Allowed\"}";
            return 405;
        }
        if (m_config.apiKey.isEmpty()) {
            *body = "{\"detail\":\"API key not configured on server\"}";
            return 503;
        }
        if (QString::fromUtf8(request.header("x-api-key")) != m_config.apiKey) {
            *body = "{\"detail\":\"Invalid or missing API key\"}";
            return 401;
        }
        if (path == u"/api/trading/asset"_s) {
            *body = "{\"data\":{\"account_id\":\"" + kAccountId +
                    "\",\"cash\":1000000.0,\"frozen_cash\":0.0,\"market_value\":0.0,\"total_asset\":1000000.0}}";
        } else {
            *body = "{\"data\":[]}";
        }
        return 200;
    }

    const bool post = path == u"/api/download/history_data2"_s;
    static const QStringList getPaths = {u"/api/meta/health"_s,
                                         u"/api/meta/version"_s,
                                         u"/api/meta/connection_status"_s,
                                         u"/api/meta/stock_list"_s,
                                         u"/api/sector/list"_s,
                                         u"/api/sector/stocks"_s,
                                         u"/api/instrument/detail_list"_s,
                                         u"/api/instrument_detail"_s,
                                         u"/api/instrument/type"_s,
                                         u"/api/utility/batch_stock_name"_s,
                                         u"/api/utility/search"_s,
                                         u"/api/market/full_tick"_s,
                                         u"/api/full_tick"_s,
                                         u"/api/market/indices"_s,
                                         u"/api/market/market_data_ex"_s,
                                         u"/api/market/local_data"_s,
                                         u"/api/market/full_kline"_s,
                                         u"/api/history"_s,
                                         u"/api/calendar/prev_trading_date"_s,
                                         u"/api/calendar/trading_dates"_s};
    if (!post && !getPaths.contains(path)) {
        *body = "{\"detail\":\"Not Found\"}";
        return 404;
    }
    if ((post && request.method() != "POST") || (!post && !get)) {
        *body = "{\"detail\":\"Method Not Allowed\"}";
        return 405;
    }

    if (path == u"/api/meta/health"_s) {
        *body = "{\"status\":\"ok\"}";
    } else if (path == u"/api/meta/version"_s) {
        *body = "{\"version\":\"2.8.0\"}";
    } else if (path == u"/api/meta/connection_status"_s) {
        *body = "{\"connected\":true}";
    } else if (path == u"/api/meta/stock_list"_s || path == u"/api/sector/stocks"_s) {
        const bool sector = path == u"/api/sector/stocks"_s;
        const QString name = sector ? u"sector"_s : u"category"_s;
        if (!hasParam(name))
            return missing(name);
        const QString category = param(name);
        QStringList list;
        for (const SymbolInfo& info : m_market->symbols()) {
            if (inCategory(info.code, category))
                list.append(info.code);
        }
        *body = "{\"" + name.toLatin1() + "\":" + JsonText::quoted(category) +
                ",\"count\":" + QByteArray::number(list.size()) + ",\"stocks\":" + stringArray(list) + '}';
    } else if (path == u"/api/sector/list"_s) {
        *body = "{\"sectors\":" + stringArray(kCategories) + '}';
    } else if (path == u"/api/instrument/detail_list"_s || path == u"/api/utility/batch_stock_name"_s ||
               path == u"/api/market/full_tick"_s || path == u"/api/full_tick"_s) {
        if (!hasParam(u"stocks"_s))
            return missing(u"stocks"_s);
        const QStringList codes = splitCodes(param(u"stocks"_s));
        QByteArray data = "{";
        bool first = true;
        for (const QString& code : codes) {
            QByteArray value;
            if (path == u"/api/instrument/detail_list"_s) {
                value = detailJson(code);
            } else if (path == u"/api/utility/batch_stock_name"_s) {
                const SymbolInfo* info = m_market->info(code);
                value = JsonText::quoted(!info ? QString() : info->nameZh.isEmpty() ? info->nameEn : info->nameZh);
            } else {
                if (!m_market->contains(code))
                    continue;
                value = tickRecord(code, true);
            }
            if (!first)
                data.append(',');
            first = false;
            data.append(JsonText::quoted(code)).append(':').append(value);
        }
        *body = "{\"data\":" + data + "}}";
    } else if (path == u"/api/instrument_detail"_s || path == u"/api/instrument/type"_s) {
        if (!hasParam(u"stock"_s))
            return missing(u"stock"_s);
        const QString code = param(u"stock"_s);
        if (path == u"/api/instrument_detail"_s) {
            *body = "{\"stock\":" + JsonText::quoted(code) + ",\"detail\":" + detailJson(code) + '}';
        } else {
            QByteArray type = "null";
            if (m_market->contains(code)) {
                const Kind kind = kindOf(code);
                auto flag = [](bool b) { return b ? QByteArray("true") : QByteArray("false"); };
                type = "{\"index\":" + flag(kind == Kind::Index) + ",\"stock\":" + flag(kind == Kind::Stock) +
                       ",\"fund\":" + flag(kind == Kind::Etf) + ",\"etf\":" + flag(kind == Kind::Etf) + '}';
            }
            *body = "{\"stock\":" + JsonText::quoted(code) + ",\"type\":" + type + '}';
        }
    } else if (path == u"/api/utility/search"_s) {
        if (!hasParam(u"keyword"_s))
            return missing(u"keyword"_s);
        const QString keyword = param(u"keyword"_s);
        const QString category = hasParam(u"category"_s) ? param(u"category"_s) : u"沪深A股"_s;
        const int limit = hasParam(u"limit"_s) ? param(u"limit"_s).toInt() : 20;
        QStringList list;
        for (const SymbolInfo& info : m_market->symbols()) {
            if (list.size() >= limit)
                break;
            if (inCategory(info.code, category) && info.code.contains(keyword, Qt::CaseInsensitive))
                list.append(info.code);
        }
        *body = "{\"keyword\":" + JsonText::quoted(keyword) + ",\"count\":" + QByteArray::number(list.size()) +
                ",\"stocks\":" + stringArray(list) + '}';
    } else if (path == u"/api/market/indices"_s) {
        QByteArray data = "{";
        bool first = true;
        for (const QString& code : kIndices) {
            if (!m_market->contains(code))
                continue;
            if (!first)
                data.append(',');
            first = false;
            data.append(JsonText::quoted(code)).append(':').append(tickRecord(code, true));
        }
        *body = "{\"indices\":" + stringArray(kIndices) + ",\"data\":" + data + "}}";
    } else if (path == u"/api/market/market_data_ex"_s || path == u"/api/market/local_data"_s) {
        if (!hasParam(u"stocks"_s))
            return missing(u"stocks"_s);
        const QString periodText = hasParam(u"period"_s) ? param(u"period"_s) : u"1d"_s;
        const qint64 period = periodMs(periodText);
        const int countParam = hasParam(u"count"_s) ? param(u"count"_s).toInt() : -1;
        QByteArray data = "{";
        bool first = true;
        for (const QString& code : splitCodes(param(u"stocks"_s))) {
            if (!m_market->contains(code))
                continue;
            QByteArray list = "[";
            if (period > 0) {
                const CodeState& s = codeState(code);
                const QList<Bar> bars = barsOf(code, period, countParam);
                for (qsizetype i = 0; i < bars.size(); ++i) {
                    if (i > 0)
                        list.append(',');
                    list.append(barRecord(s, bars.at(i), true, period));
                }
            }
            list.append(']');
            if (!first)
                data.append(',');
            first = false;
            data.append(JsonText::quoted(code)).append(':').append(list);
        }
        *body = "{\"data\":" + data + "}}";
    } else if (path == u"/api/market/full_kline"_s || path == u"/api/history"_s) {
        if (!hasParam(u"stock"_s))
            return missing(u"stock"_s);
        const QString code = param(u"stock"_s);
        const QString periodText = hasParam(u"period"_s) ? param(u"period"_s) : u"1d"_s;
        const qint64 period = periodMs(periodText);
        const bool legacy = path == u"/api/history"_s;
        const int count = hasParam(u"count"_s) ? param(u"count"_s).toInt() : (legacy ? 100 : -1);
        QList<Bar> bars;
        if (period > 0 && m_market->contains(code))
            bars = barsOf(code, period, legacy ? count : (period == kDayMs ? 1 : count));
        if (!legacy && period > 0 && period < kDayMs) {
            // full_kline is the latest day's bars only.
            const qint64 today = barStart(nowMs(), kDayMs);
            bars.erase(std::remove_if(bars.begin(), bars.end(), [today](const Bar& bar) { return bar.start < today; }),
                       bars.end());
        }
        const CodeState* s = m_market->contains(code) ? &codeState(code) : nullptr;
        QByteArray list = "[";
        if (legacy) {
            const QStringList fields =
                splitCodes(hasParam(u"fields"_s) ? param(u"fields"_s) : u"open,high,low,close,volume"_s);
            for (qsizetype i = 0; i < bars.size(); ++i) {
                const Bar& bar = bars.at(i);
                if (i > 0)
                    list.append(',');
                const QString format = period == kDayMs ? u"yyyyMMdd"_s : u"yyyyMMddHHmmss"_s;
                list.append("{\"date\":").append(JsonText::quoted(shanghaiTime(bar.start, format)));
                for (const QString& field : fields) {
                    QByteArray value;
                    if (field == u"open"_s)
                        value = priceJson(bar.open, s->scale);
                    else if (field == u"high"_s)
                        value = priceJson(bar.high, s->scale);
                    else if (field == u"low"_s)
                        value = priceJson(bar.low, s->scale);
                    else if (field == u"close"_s)
                        value = priceJson(bar.close, s->scale);
                    else if (field == u"volume"_s)
                        value = QByteArray::number(bar.volumeShares / 100);
                    else if (field == u"amount"_s)
                        value = pyFloat(std::round(bar.amount));
                    else if (field == u"preClose"_s)
                        value = priceJson(bar.preClose, s->scale);
                    else
                        continue;
                    list.append(',').append(JsonText::quoted(field)).append(':').append(value);
                }
                list.append('}');
            }
            list.append(']');
            *body = "{\"stock\":" + JsonText::quoted(code) + ",\"period\":" + JsonText::quoted(periodText) +
                    ",\"count\":" + QByteArray::number(bars.size()) + ",\"data\":" + list + '}';
        } else {
            for (qsizetype i = 0; i < bars.size(); ++i) {
                if (i > 0)
                    list.append(',');
                list.append(barRecord(*s, bars.at(i), false, period));
            }
            list.append(']');
            *body = "{\"stock\":" + JsonText::quoted(code) + ",\"data\":{" + JsonText::quoted(code) + ':' + list + "}}";
        }
    } else if (path == u"/api/calendar/prev_trading_date"_s) {
        if (!hasParam(u"market"_s))
            return missing(u"market"_s);
        QDate day = QDate::fromString(param(u"date"_s), u"yyyyMMdd"_s);
        if (!day.isValid())
            day = QDateTime::fromMSecsSinceEpoch(nowMs(), QTimeZone(8 * 3600)).date();
        do
            day = day.addDays(-1);
        while (day.dayOfWeek() > 5);
        *body = "{\"market\":" + JsonText::quoted(param(u"market"_s)) +
                ",\"prev_trading_date\":" + JsonText::quoted(day.toString(u"yyyyMMdd"_s)) + '}';
    } else if (path == u"/api/calendar/trading_dates"_s) {
        if (!hasParam(u"market"_s))
            return missing(u"market"_s);
        const int count = hasParam(u"count"_s) ? param(u"count"_s).toInt() : -1;
        const int wanted = count <= 0 ? 250 : std::min(count, 2000);
        QList<qint64> dates;
        QDate day = QDateTime::fromMSecsSinceEpoch(nowMs(), QTimeZone(8 * 3600)).date();
        while (dates.size() < wanted) {
            if (day.dayOfWeek() <= 5)
                dates.prepend(QDateTime(day, QTime(0, 0), QTimeZone(8 * 3600)).toMSecsSinceEpoch());
            day = day.addDays(-1);
        }
        QByteArray list = "[";
        for (qsizetype i = 0; i < dates.size(); ++i) {
            if (i > 0)
                list.append(',');
            list.append(QByteArray::number(dates.at(i)));
        }
        *body = "{\"market\":" + JsonText::quoted(param(u"market"_s)) + ",\"dates\":" + list + "]}";
    } else if (post) {
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(request.body(), &error).object();
        if (error.error != QJsonParseError::NoError) {
            *body = "{\"detail\":[{\"type\":\"json_invalid\",\"loc\":[\"body\",0],\"msg\":\"JSON decode error\","
                    "\"input\":{}}]}";
            return 422;
        }
        QStringList codes = stringsOf(object.value(u"stocks"_s));
        if (codes.isEmpty())
            codes = stringsOf(object.value(u"stock_list"_s));
        const QString period = object.value(u"period"_s).toString(u"1d"_s);
        QByteArray result = "{";
        for (qsizetype i = 0; i < codes.size(); ++i) {
            if (i > 0)
                result.append(',');
            result.append(JsonText::quoted(codes.at(i)))
                .append(':')
                .append(JsonText::quoted(downloadStatus(codes.at(i))));
        }
        *body = "{\"status\":\"ok\",\"stocks\":" + stringArray(codes) + ",\"period\":" + JsonText::quoted(period) +
                ",\"result\":" + result + "}}";
    }
    return 200;
}
