#pragma once

#include "QuoteTypes.h"
#include "SizeUnits.h"
#include "SymbolCatalog.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

// Pure codec for the QMT Bridge (atompilot/qmt-bridge v2.8.0, ../shared/protocols.md Part B): bytes in, value types
// out. No sockets, no QObject; one Decoder per thread (it reuses a simdjson parser).
//
// Tolerance: realtime frames {code:[records]} and whole-quote frames {code:record} are both accepted, per code;
// bare NaN, Infinity and -Infinity tokens (strict JSON parsers, simdjson included, reject them) become null;
// numbers may also arrive as strings; null, missing and unknown fields are ignored; prices carry float noise
// (10.129999999) and are rounded to the instrument's PriceTick into an exact Decimal (10.13 for tick 0.01).
namespace Qmt {

// Volume units. xtdata sends A-share `volume` (tick and bar) and the book sizes in lots (手, 100 shares) and `pvolume`
// in shares. The monitor shows and exports `volume` as sent, in lots; SizeUnits labels QMT sizes accordingly.
enum class VolumeUnit : quint8 { Lots, Shares };
constexpr VolumeUnit DisplayedVolumeUnit = VolumeUnit::Lots;
constexpr SizeUnits::Unit DisplayedSizeUnit = SizeUnits::Unit::Lots;
constexpr int SharesPerLot = 100;

// Prices without a known PriceTick are rounded to this many places (strips float noise, keeps 0.001 fund ticks).
constexpr int DefaultPriceScale = 4;
// Turnover (CNY) is rounded to fen.
constexpr int AmountScale = 2;
// Volumes are rounded to this many places (futures and funds may carry fractions).
constexpr int VolumeScale = 4;

// One tick record (period "tick"): a cumulative day snapshot. Missing fields are null; zero prices (xtdata's filler
// for "none yet" and for missing book levels) are null too.
struct Tick
{
    QString code;
    qint64 timeMs = 0; // exchange time, ms since the epoch (UTC); from `time`, else `timetag` (Asia/Shanghai)
    Decimal last;
    Decimal open;
    Decimal high;
    Decimal low;
    Decimal prevClose;          // lastClose
    Decimal amount;             // cumulative turnover, CNY
    Decimal volume;             // cumulative volume in lots (DisplayedVolumeUnit)
    Decimal pvolume;            // cumulative volume in shares
    int stockStatus = -1;       // B.10 enum; -1 = not sent
    qint64 transactionNum = -1; // -1 = not sent
    bool hasBook = false;       // askPrice/bidPrice arrived (levels may still be empty: index, limit up/down)
    QList<BookLevel> bids;      // best first, sizes in lots; zero-price levels dropped
    QList<BookLevel> asks;

    // Applies the fields present in `newer` (a partial record keeps the older values).
    void merge(const Tick& newer);
};

// One K-line record (periods 1m, 5m, 1d, ...). xtdata re-pushes the still-forming bar with the same time.
struct Bar
{
    QString code;
    qint64 timeMs = 0;
    Decimal open;
    Decimal high;
    Decimal low;
    Decimal close;
    Decimal volume; // lots
    Decimal amount;
    Decimal preClose;
    int suspendFlag = 0; // 0 normal, 1 suspended, -1 resumes today
};

// A bar series following the bridge's rule: a bar with the last bar's time replaces it (the forming bar), a later
// time appends, an earlier time is ignored. Bounded: the oldest bars are dropped beyond the capacity.
class BarSeries
{
public:
    enum class Change : quint8 { Appended, Replaced, Ignored };

    explicit BarSeries(int capacity = 2000)
        : m_capacity(qMax(1, capacity))
    {}
    Change apply(const Bar& bar);
    const QList<Bar>& bars() const { return m_bars; }
    bool isEmpty() const { return m_bars.isEmpty(); }
    qsizetype size() const { return m_bars.size(); }
    void clear() { m_bars.clear(); }

private:
    QList<Bar> m_bars;
    int m_capacity;
};

// A decoded /ws/realtime or /ws/whole_quote frame.
struct Frame
{
    enum class Kind : quint8 { Malformed, Data };
    Kind kind = Kind::Malformed;
    QList<Tick> ticks; // frame order
    QList<Bar> bars;
    int skippedRecords = 0; // entries that were neither a tick nor a bar (wrong type, no usable field)
    QString error;          // kind == Malformed: why (not translated; for logs and tests)
};

// Instrument detail (get_instrument_detail), the reference data a row needs.
struct Instrument
{
    QString code;
    bool known = false; // false: the bridge answered null for this code
    QString name;       // InstrumentName
    QString exchangeId;
    Decimal prevClose; // PreClose
    Decimal upStop;    // UpStopPrice (limit up)
    Decimal downStop;  // DownStopPrice (limit down)
    Decimal priceTick; // PriceTick
};

// /api/meta/stock_list categories for the three A-share markets.
QString stockListCategory(Market market); // SH 上证A股, SZ 深证A股, BJ 北证A股; empty otherwise

// Copies `json` with every bare NaN, Infinity and -Infinity token outside strings replaced by null (padded with
// spaces where the token is longer). Returns `json` unchanged when it has none.
QByteArray replaceNonFiniteTokens(QByteArrayView json);

// First messages (client -> server).
QByteArray encodeRealtimeRequest(const QStringList& codes, const QString& period = QStringLiteral("tick"));
QByteArray encodeWholeQuoteRequest(const QStringList& codes);

class Decoder
{
public:
    Decoder();
    ~Decoder();
    Decoder(const Decoder&) = delete;
    Decoder& operator=(const Decoder&) = delete;

    // Tick sizes used to round the prices of each code (set from instrument detail; decodeInstrumentDetails records
    // them itself). Codes without one use DefaultPriceScale.
    void setPriceTick(const QString& code, const Decimal& tick);
    Decimal priceTick(const QString& code) const { return m_ticks.value(code); }

    // /ws/realtime ({code:[records]}) and /ws/whole_quote ({code:record}) frames; lists and dicts are accepted per
    // code. Tick records have lastPrice or a book, bar records have close.
    Frame decodeStream(QByteArrayView frame);

    // REST replies. Each returns false with a reason (not translated) on a body that is not the expected JSON.
    // /api/instrument/detail_list ({"data":{code:detail|null}}) or the legacy /api/instrument_detail
    // ({"stock":code,"detail":detail|null}); unknown codes come back with known == false.
    bool decodeInstrumentDetails(QByteArrayView body, QList<Instrument>* out, QString* error = nullptr);
    // /api/utility/batch_stock_name: {"data":{code:name}}.
    bool decodeStockNames(QByteArrayView body, QHash<QString, QString>* out, QString* error = nullptr);
    // /api/market/full_tick: {"data":{code:tick}}.
    bool decodeFullTick(QByteArrayView body, QList<Tick>* out, QString* error = nullptr);
    // /api/market/market_data_ex and /api/market/local_data: {"data":{code:[bar records]}}, oldest first per code
    // (sorted, one bar per time). The time comes from `time` (ms, or a time text) or, failing that, from the
    // DataFrame's former index column (`index`, `date`: "20240102", "20240102093100", Asia/Shanghai; B.11 leaves its
    // name UNCONFIRMED); rows without any time are dropped.
    bool decodeMarketData(QByteArrayView body, QHash<QString, QList<Bar>>* out, QString* error = nullptr);
    // /api/meta/stock_list: {"category":..., "count":N, "stocks":[codes]}.
    bool decodeStockList(QByteArrayView body, QString* category, QStringList* codes, QString* error = nullptr);

private:
    struct Private;
    Private* d;
    QHash<QString, Decimal> m_ticks;
};

} // namespace Qmt

Q_DECLARE_METATYPE(Qmt::Instrument)
Q_DECLARE_METATYPE(QList<Qmt::Instrument>)
