#pragma once

#include "QmtConnection.h"
#include "QuoteFeed.h"
#include "SymbolCatalog.h"
#include "protocol/QmtCodec.h"

#include <QHash>
#include <QSet>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// The QMT Bridge feed (Part B of the protocol spec), source id "qmt":
// - every new symbol is seeded over REST before it is streamed: instrument detail (previous close, limit prices,
//   PriceTick for rounding; an unknown code answers null and is reported once and left out), names
//   (batch_stock_name) and a first snapshot (full_tick), so the row is complete before the first push;
// - one stream socket for the whole set: /ws/realtime {"stocks":[...],"period":"tick"} up to
//   `wholeQuoteThreshold` symbols, /ws/whole_quote {"codes":[...]} above it (the vendor advises against more than
//   about 50 per-code subscriptions). The set is fixed by the first message, so list changes are debounced and then
//   reconnect with the new set;
// - cumulative day volume (lots) and turnover from the ticks become increments in the UpdateBuffer, so the store's
//   totals equal the bridge's; the book sizes are lots too;
// - symbols without any streamed data `noDataTimeoutMs` after subscribing are reported (symbolStatusChanged and the
//   connection status);
// - the bridge's A-share lists (/api/meta/stock_list, SH/SZ/BJ, with names) are published once connected, for the
//   add-symbol catalog.
// The API key is only for /ws/trade, which this feed does not open; it is kept out of every message.
class QmtFeed : public QuoteFeed
{
    Q_OBJECT
public:
    enum class SymbolStatus : quint8 { Pending, Live, NoData, Unknown };
    Q_ENUM(SymbolStatus)

    struct Config
    {
        QUrl url; // ws://HOST:PORT; REST goes to http://HOST:PORT
        QString apiKey;
        QString sourceId = QStringLiteral("qmt");
        QmtConnection::Config connection; // baseUrl filled in from url
        int debounceMs = 300;
        int wholeQuoteThreshold = 50; // more symbols than this: /ws/whole_quote
        int noDataTimeoutMs = 15000;
        int statsIntervalMs = 1000;
        int restTimeoutMs = 10000;
        int restBatchSize = 100;
        int restRetryMs = 30000;
        int catalogChunk = 300; // codes per batch_stock_name request for the catalog (URL length)
        bool fetchCatalog = true;
    };

    QmtFeed(const Config& config, UpdateBuffer* sink, QObject* parent = nullptr);

    QString sourceId() const override { return m_config.sourceId; }
    bool canServe(const QString& code) const override;
    // ws://host:port -> http://host:port (wss -> https); path and query dropped.
    static QUrl restBase(const QUrl& webSocketUrl);

    QmtConnection* connection() const { return m_stream; }
    QStringList streamCodes() const { return m_streamCodes; }
    bool usesWholeQuote() const;
    SymbolStatus symbolStatus(const QString& code) const;
    Qmt::Instrument instrument(const QString& code) const { return m_instruments.value(code); }

public Q_SLOTS:
    void setSymbols(const QStringList& codes) override;
    void stop() override;
    // Fetches the bridge's SH, SZ and BJ lists with names again (done once automatically after connecting).
    void requestCatalog();

Q_SIGNALS:
    // Reference data and names of watchlist symbols (limit up/down, PriceTick, name), after REST seeding.
    void instrumentsResolved(const QList<Qmt::Instrument>& instruments);
    void symbolStatusChanged(const QString& code, QmtFeed::SymbolStatus status);
    // Symbols that got no data within noDataTimeoutMs of being subscribed.
    void noDataDetected(const QStringList& codes);
    // One A-share list of the bridge (SH, SZ or BJ) with names, for the add-symbol catalog.
    void catalogReceived(const QList<SymbolInfo>& symbols);

private:
    struct CodeState
    {
        Qmt::Tick tick;    // merged latest values
        Decimal fedVolume; // cumulative volume already written to the buffer
        Decimal fedAmount;
        Decimal fedLast;
        ReferenceData fedReference;
        qint64 lastDataMs = 0;     // monotonic; 0 = nothing streamed yet
        qint64 waitingSinceMs = 0; // monotonic time the stream first carried it
        SymbolStatus status = SymbolStatus::Pending;
    };

    QNetworkReply* get(const QString& path, const QList<std::pair<QString, QString>>& query);
    void pumpSeed();
    void onDetailReply(QNetworkReply* reply, const QStringList& batch);
    void finishSeedStep(const QStringList& batch);
    void applyStreams();
    void onStreamOpened();
    void onMessage(const QString& text);
    void applyTick(const Qmt::Tick& tick, bool streamed);
    void setStatus(const QString& code, SymbolStatus status);
    void checkNoData();
    void publishStats();
    void fetchCatalogStep();
    void reportError(const QString& message);
    static qint64 monotonicMs();

    Config m_config;
    QUrl m_restBase;
    Qmt::Decoder m_decoder;
    QmtConnection* m_stream;
    QNetworkAccessManager* m_network;
    QTimer m_applyTimer;
    QTimer m_statsTimer;
    QTimer m_noDataTimer;

    QStringList m_symbols;
    QSet<QString> m_symbolSet;
    QStringList m_streamCodes;
    QSet<QString> m_seeded;  // detail answered or given up on
    QStringList m_seedQueue; // waiting for REST seeding
    QSet<QString> m_seedInFlight;
    int m_seedStepsPending = 0; // names + full_tick replies outstanding for the in-flight batch
    QHash<QString, Qmt::Instrument> m_instruments;
    QSet<QString> m_unknown;
    QSet<QString> m_unknownReported;
    QHash<QString, CodeState> m_states;
    QHash<QString, qint64> m_errorShownAt;
    bool m_stopped = false;

    // Catalog fetch: categories left, the codes of the current one waiting for names.
    bool m_catalogDone = false;
    bool m_catalogBusy = false;
    QList<Market> m_catalogMarkets;
    QStringList m_catalogCodes;
    QList<SymbolInfo> m_catalogSymbols;
    Market m_catalogMarket = Market::Unknown;
};

Q_DECLARE_METATYPE(QmtFeed::SymbolStatus)
