#pragma once
// Internals shared by QmtSimServer.cpp (transport, market, WebSocket streams) and QmtSimRest.cpp (the REST
// endpoints): wire-format helpers and the server's private structs. Not part of the core library's interface.

#include "QmtSimServer.h"

#include "HttpRequest.h"
#include "JsonText.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QMutexLocker>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimeZone>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace QmtSimDetail {
using namespace Qt::StringLiterals;

inline const QString kRealtime = u"/ws/realtime"_s;
inline const QString kWholeQuote = u"/ws/whole_quote"_s;
inline const QString kL2Thousand = u"/ws/l2_thousand"_s;
inline const QString kDownload = u"/ws/download_progress"_s;
inline const QString kFormula = u"/ws/formula"_s;
inline const QString kTrade = u"/ws/trade"_s;

inline constexpr qint64 kMaxClientBacklog = 8 * 1024 * 1024;
inline constexpr qint64 kShanghaiOffsetMs = 8 * 3600 * 1000;
inline constexpr qint64 kDayMs = 86400 * 1000;
inline constexpr int kBookLevels = 5;
inline constexpr int kL2Levels = 10;
inline constexpr int kMaxHistoryBars = 500;
inline const QByteArray kAccountId = "SIM0001";

inline const QStringList kCategories = {u"沪深A股"_s,   u"上证A股"_s, u"深证A股"_s, u"北证A股"_s,
                                        u"沪深京A股"_s, u"沪深ETF"_s, u"沪深指数"_s};
inline const QStringList kIndices = {u"000001.SH"_s, u"399001.SZ"_s, u"399006.SZ"_s, u"000300.SH"_s,
                                     u"000016.SH"_s, u"000905.SH"_s, u"000852.SH"_s};

// A float the way Python's json module writes it: shortest round trip, integral values with ".0". Non-finite values
// are null (the bridge converts them) unless `bare` is set (formula pushes: NaN, Infinity, -Infinity).
inline QByteArray pyFloat(double value, bool bare = false)
{
    if (std::isnan(value))
        return bare ? QByteArray("NaN") : QByteArray("null");
    if (std::isinf(value))
        return bare ? (value > 0 ? QByteArray("Infinity") : QByteArray("-Infinity")) : QByteArray("null");
    const double magnitude = std::fabs(value);
    const bool scientific = magnitude >= 1e16 || (magnitude != 0 && magnitude < 1e-4);
    QByteArray text = QByteArray::number(value, scientific ? 'e' : 'f', QLocale::FloatingPointShortest);
    if (!text.contains('.') && !text.contains('e'))
        text.append(".0");
    return text;
}

inline double pow10(int scale)
{
    double d = 1;
    for (int i = 0; i < scale; ++i)
        d *= 10;
    return d;
}

// units * tick as double, as xtquant's arithmetic produces it (251 * 0.01 = 2.5100000000000002).
inline QByteArray priceJson(qint64 units, int scale)
{
    return pyFloat(double(units) * (1.0 / pow10(scale)));
}

inline qint64 toUnits(const Decimal& value, int scale)
{
    return value.isNull() ? 0 : qint64(std::llround(value.toDouble() * pow10(scale)));
}

inline quint64 nextRandom(quint64& state)
{
    quint64 z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

inline double randomUnit(quint64& state)
{
    return double(nextRandom(state) >> 11) * (1.0 / 9007199254740992.0);
}

// Bar length of an xtdata period; 0 = tick, -1 = not simulated.
inline qint64 periodMs(const QString& period)
{
    if (period == u"tick"_s)
        return 0;
    if (period == u"1m"_s)
        return 60'000;
    if (period == u"5m"_s)
        return 300'000;
    if (period == u"15m"_s)
        return 900'000;
    if (period == u"30m"_s)
        return 1'800'000;
    if (period == u"1h"_s)
        return 3'600'000;
    if (period == u"1d"_s)
        return kDayMs;
    return -1;
}

inline const QList<qint64> kBarPeriods = {60'000, 300'000, 900'000, 1'800'000, 3'600'000, kDayMs};

// Start of the bar holding `ms` (Asia/Shanghai boundaries; the offset is whole hours, so minutes align anyway).
inline qint64 barStart(qint64 ms, qint64 period)
{
    const qint64 local = ms + kShanghaiOffsetMs;
    return local - (local % period) - kShanghaiOffsetMs;
}

inline QString shanghaiTime(qint64 ms, const QString& format)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(8 * 3600)).toString(format);
}

enum class Kind { Stock, Etf, Index, Other };

inline Kind kindOf(const QString& code)
{
    const QString digits = code.left(6);
    if (code.endsWith(u".SH"_s)) {
        if (digits.startsWith(u"60"_s) || digits.startsWith(u"68"_s))
            return Kind::Stock;
        if (digits.startsWith(u"000"_s))
            return Kind::Index;
        if (digits.startsWith(u"51"_s) || digits.startsWith(u"56"_s) || digits.startsWith(u"58"_s))
            return Kind::Etf;
    } else if (code.endsWith(u".SZ"_s)) {
        if (digits.startsWith(u"00"_s) || digits.startsWith(u"30"_s))
            return Kind::Stock;
        if (digits.startsWith(u"399"_s))
            return Kind::Index;
        if (digits.startsWith(u"159"_s))
            return Kind::Etf;
    } else if (code.endsWith(u".BJ"_s)) {
        if (digits.startsWith(u"899"_s))
            return Kind::Index;
        if (digits.startsWith(u'8') || digits.startsWith(u'4') || digits.startsWith(u"92"_s))
            return Kind::Stock;
    }
    return Kind::Other;
}

inline bool inCategory(const QString& code, const QString& category)
{
    const Kind kind = kindOf(code);
    const bool sh = code.endsWith(u".SH"_s);
    const bool sz = code.endsWith(u".SZ"_s);
    const bool bj = code.endsWith(u".BJ"_s);
    if (category == u"沪深A股"_s)
        return kind == Kind::Stock && (sh || sz);
    if (category == u"上证A股"_s)
        return kind == Kind::Stock && sh;
    if (category == u"深证A股"_s)
        return kind == Kind::Stock && sz;
    if (category == u"北证A股"_s)
        return kind == Kind::Stock && bj;
    if (category == u"沪深京A股"_s)
        return kind == Kind::Stock;
    if (category == u"沪深ETF"_s)
        return kind == Kind::Etf && (sh || sz);
    if (category == u"沪深指数"_s)
        return kind == Kind::Index && (sh || sz);
    return false;
}

// The A-share part of the built-in catalog, plus synthetic A-shares up to `count` codes.
inline SymbolCatalog aShareCatalog(int count)
{
    QJsonArray entries;
    QSet<QString> seen;
    auto add = [&](const SymbolInfo& info, const QString& marketId) {
        QJsonObject object;
        object.insert(u"code"_s, info.code);
        object.insert(u"name_en"_s, info.nameEn);
        object.insert(u"name_zh"_s, info.nameZh);
        object.insert(u"pinyin"_s, info.pinyin);
        object.insert(u"market"_s, marketId);
        object.insert(u"tick"_s, info.tickSize.toString());
        object.insert(u"price"_s, info.refPrice.toString());
        entries.append(object);
        seen.insert(info.code);
    };
    for (const SymbolInfo& info : SymbolCatalog::builtIn().symbols()) {
        if (info.market == Market::SH || info.market == Market::SZ || info.market == Market::BJ)
            add(info, Markets::id(info.market));
    }
    quint64 rng = 0x51A7E5EEDULL;
    for (int k = 0; entries.size() < count && k < 400000; ++k) {
        const bool sh = k % 2 == 0;
        const int number = (sh ? 600000 : 1) + k / 2;
        SymbolInfo info;
        info.code = QString::number(number).rightJustified(6, u'0') + (sh ? u".SH"_s : u".SZ"_s);
        if (seen.contains(info.code))
            continue;
        info.nameEn = u"Simulated "_s + info.code.left(6);
        info.nameZh = u"模拟"_s + info.code.left(6);
        info.pinyin = u"mn"_s;
        info.tickSize = Decimal::fromUnits(1, 2);
        info.refPrice = Decimal::fromUnits(300 + qint64(nextRandom(rng) % 9700), 2); // 3.00 .. 99.99
        add(info, sh ? u"sh"_s : u"sz"_s);
    }
    QJsonObject root;
    root.insert(u"version"_s, 1);
    root.insert(u"symbols"_s, entries);
    SymbolCatalog catalog;
    catalog.loadJson(QJsonDocument(root).toJson(QJsonDocument::Compact));
    return catalog;
}

inline QByteArray httpReason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 422:
        return "Unprocessable Entity";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

inline QByteArray missingParam(const QString& name)
{
    return "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"query\"," + JsonText::quoted(name) +
           "],\"msg\":\"Field required\",\"input\":null}]}";
}

inline QByteArray stringArray(const QStringList& list)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            out.append(',');
        out.append(JsonText::quoted(list.at(i)));
    }
    out.append(']');
    return out;
}

inline QStringList splitCodes(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString code = part.trimmed();
        if (!code.isEmpty())
            out.append(code);
    }
    return out;
}

inline QStringList stringsOf(const QJsonValue& value)
{
    QStringList out;
    if (!value.isArray())
        return out;
    for (const QJsonValue& entry : value.toArray()) {
        if (entry.isString())
            out.append(entry.toString());
    }
    return out;
}
} // namespace QmtSimDetail

struct QmtSimServer::Bar
{
    qint64 start = 0;
    qint64 open = 0, high = 0, low = 0, close = 0, preClose = 0; // price units
    qint64 volumeShares = 0;
    double amount = 0;
};

struct QmtSimServer::CodeState
{
    int scale = 2;
    qint64 lastClose = 0, open = 0, high = 0, low = 0, last = 0; // price units (10^-scale)
    qint64 pvolume = 0;                                          // shares
    double amount = 0;
    qint64 transactions = 0;
    qint64 timeMs = 0;
    BookSnapshot book;
    QHash<qint64, Bar> forming;        // period ms -> forming bar
    QHash<qint64, QList<Bar>> history; // period ms -> closed bars since start, oldest first
    // Minutes before the simulator started streaming the code (see backfillMinutes()): index 0 is the minute just
    // before the first streamed 1m bar, going back in time. Generated on demand, always extended the same way.
    struct Minute
    {
        qint64 open = 0, high = 0, low = 0, close = 0;
        qint64 shares = 0;
        double amount = 0;
    };
    QList<Minute> backfill;
    quint64 backfillRng = 0;
    qint64 createdMs = 0;
    qint64 open0 = 0, high0 = 0, low0 = 0, last0 = 0, pvolume0 = 0; // the session when streaming began
    qint64 limitUp = 0, limitDown = 0;                              // 0 = none
};

struct QmtSimServer::Client
{
    enum class Kind { Realtime, WholeQuote, L2, Download, Formula, Trade };
    struct Formula
    {
        QString name;
        QString code;
        int n = 5;
        int count = 20;
        qint64 periodMs = QmtSimDetail::kDayMs;
    };

    QWebSocket* socket = nullptr;
    QString path;
    Kind kind = Kind::Realtime;
    bool started = false; // first message received (always true for formula and trade)
    bool closing = false;
    bool awaitingPong = false;
    bool firstSeen = false; // any message received yet (for lastFirstMessage)
    QStringList codes;      // known codes, in request order
    QSet<QString> codeSet;
    qint64 periodMs = 0;
    QSet<QString> pendingChanged; // whole_quote: changed since the last frame
    QList<QByteArray> deferred;   // received while frozen
    // download
    QStringList downloadCodes;
    QList<QPair<QString, QString>> results;
    qsizetype downloadIndex = 0;
    bool downloadDone = false;
    QTimer* downloadTimer = nullptr;
    // formula
    QHash<int, Formula> formulas;
};

struct QmtSimServer::PendingSocket
{
    HttpRequest request;
    bool http = false;
};
