#include "QmtFeed.h"

#include "PinyinInitials.h"
#include "UpdateBuffer.h"
#include "UrlRedaction.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {
const QString RealtimePath = u"/ws/realtime"_s;
const QString WholeQuotePath = u"/ws/whole_quote"_s;
} // namespace

QmtFeed::QmtFeed(const Config& config, UpdateBuffer* sink, QObject* parent)
    : QuoteFeed(sink, parent)
    , m_config(config)
    , m_restBase(restBase(config.url))
    , m_network(new QNetworkAccessManager(this))
    , m_applyTimer(this)
    , m_statsTimer(this)
    , m_noDataTimer(this)
{
    qRegisterMetaType<Qmt::Instrument>();
    qRegisterMetaType<QList<Qmt::Instrument>>();
    qRegisterMetaType<QmtFeed::SymbolStatus>();
    qRegisterMetaType<QList<SymbolInfo>>();

    QmtConnection::Config connection = m_config.connection;
    QUrl base = m_config.url;
    base.setQuery(QString());
    base.setFragment(QString());
    if (base.path().endsWith(u'/'))
        base.setPath(base.path().chopped(1));
    connection.baseUrl = base;
    m_stream = new QmtConnection(tr("QMT realtime"), connection, this);
    connect(m_stream, &QmtConnection::messageReceived, this, &QmtFeed::onMessage);
    connect(m_stream, &QmtConnection::streamOpened, this, &QmtFeed::onStreamOpened);
    connect(m_stream, &QmtConnection::errorOccurred, this, &QmtFeed::reportError);

    m_applyTimer.setSingleShot(true);
    m_applyTimer.setInterval(m_config.debounceMs);
    connect(&m_applyTimer, &QTimer::timeout, this, &QmtFeed::applyStreams);

    m_statsTimer.setInterval(m_config.statsIntervalMs);
    connect(&m_statsTimer, &QTimer::timeout, this, &QmtFeed::publishStats);
    m_statsTimer.start();

    m_noDataTimer.setInterval(qBound(20, m_config.noDataTimeoutMs / 4, 1000));
    connect(&m_noDataTimer, &QTimer::timeout, this, &QmtFeed::checkNoData);
}

qint64 QmtFeed::monotonicMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

bool QmtFeed::canServe(const QString& code) const
{
    // code.market: A-shares (SH, SZ, BJ) and the futures exchanges xtdata also serves (B.10).
    static const QStringList markets{u"SH"_s, u"SZ"_s, u"BJ"_s, u"IF"_s, u"SF"_s, u"DF"_s, u"ZF"_s, u"GF"_s, u"INE"_s};
    const qsizetype dot = code.lastIndexOf(u'.');
    return dot > 0 && markets.contains(code.mid(dot + 1));
}

QUrl QmtFeed::restBase(const QUrl& webSocketUrl)
{
    QUrl rest = webSocketUrl;
    rest.setQuery(QString());
    rest.setFragment(QString());
    if (rest.scheme() == u"wss")
        rest.setScheme(u"https"_s);
    else if (rest.scheme() == u"ws")
        rest.setScheme(u"http"_s);
    QString path = rest.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    rest.setPath(path);
    return rest;
}

bool QmtFeed::usesWholeQuote() const
{
    return m_stream->path() == WholeQuotePath;
}

QmtFeed::SymbolStatus QmtFeed::symbolStatus(const QString& code) const
{
    if (m_unknown.contains(code))
        return SymbolStatus::Unknown;
    const auto it = m_states.constFind(code);
    return it == m_states.constEnd() ? SymbolStatus::Pending : it->status;
}

void QmtFeed::setSymbols(const QStringList& codes)
{
    m_stopped = false;
    QStringList unique;
    QSet<QString> seen;
    for (const QString& code : codes) {
        if (!code.isEmpty() && !seen.contains(code)) {
            seen.insert(code);
            unique.append(code);
        }
    }
    m_symbols = unique;
    m_symbolSet = seen;
    for (const QString& code : std::as_const(m_symbols)) {
        if (!m_seeded.contains(code) && !m_seedInFlight.contains(code) && !m_seedQueue.contains(code))
            m_seedQueue.append(code);
    }
    pumpSeed();
    // Quick successive edits give one reconnect with the final set.
    m_applyTimer.start();
    publishStats();
}

void QmtFeed::stop()
{
    m_stopped = true;
    m_applyTimer.stop();
    m_noDataTimer.stop();
    m_seedQueue.clear();
    m_streamCodes.clear();
    m_stream->stop();
}

// ---------------------------------------------------------------------------------------------------------------
// REST seeding

QNetworkReply* QmtFeed::get(const QString& path, const QList<std::pair<QString, QString>>& query)
{
    QUrl url = m_restBase;
    url.setPath(m_restBase.path() + path);
    QUrlQuery q;
    for (const auto& [name, value] : query)
        q.addQueryItem(name, value);
    url.setQuery(q);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_config.restTimeoutMs);
    return m_network->get(request);
}

void QmtFeed::pumpSeed()
{
    if (m_stopped || !m_seedInFlight.isEmpty())
        return;
    QStringList batch;
    while (!m_seedQueue.isEmpty() && batch.size() < m_config.restBatchSize) {
        const QString code = m_seedQueue.takeFirst();
        if (m_symbolSet.contains(code) && !m_unknown.contains(code))
            batch.append(code);
    }
    if (batch.isEmpty())
        return;
    m_seedInFlight = QSet<QString>(batch.cbegin(), batch.cend());
    QNetworkReply* reply =
        get(u"/api/instrument/detail_list"_s, {{u"stocks"_s, batch.join(u',')}, {u"iscomplete"_s, u"false"_s}});
    connect(reply, &QNetworkReply::finished, this, [this, reply, batch] { onDetailReply(reply, batch); });
}

void QmtFeed::onDetailReply(QNetworkReply* reply, const QStringList& batch)
{
    reply->deleteLater();
    const QByteArray body = reply->readAll();
    QList<Qmt::Instrument> instruments;
    QString error;
    bool ok = false;
    if (reply->error() != QNetworkReply::NoError && body.isEmpty())
        error = reply->errorString();
    else
        ok = m_decoder.decodeInstrumentDetails(body, &instruments, &error);

    for (const QString& code : batch)
        m_seeded.insert(code); // answered or given up on: streaming need not wait any longer
    if (!ok) {
        reportError(
            tr("QMT Bridge: instrument details unavailable (previous close and limits stay empty): %1").arg(error));
        // Try the reference data again later; streaming goes ahead meanwhile.
        QTimer::singleShot(m_config.restRetryMs, this, [this, batch] {
            for (const QString& code : batch) {
                if (m_symbolSet.contains(code) && !m_instruments.contains(code) && !m_seedQueue.contains(code))
                    m_seedQueue.append(code);
            }
            pumpSeed();
        });
        finishSeedStep(batch);
        return;
    }

    QStringList known;
    QStringList unknown;
    for (const Qmt::Instrument& inst : std::as_const(instruments)) {
        if (!batch.contains(inst.code))
            continue;
        if (!inst.known) {
            unknown.append(inst.code);
            continue;
        }
        Qmt::Instrument stored = inst;
        const Qmt::Instrument previous = m_instruments.value(inst.code);
        if (stored.name.isEmpty())
            stored.name = previous.name;
        m_instruments.insert(inst.code, stored);
        known.append(inst.code);
        if (!inst.prevClose.isNull()) {
            ReferenceData ref;
            ref.code = inst.code;
            ref.prevClose = inst.prevClose;
            CodeState& state = m_states[inst.code];
            ref.open = state.tick.open;
            ref.high = state.tick.high;
            ref.low = state.tick.low;
            state.fedReference = ref;
            sink()->addReference(ref);
        }
    }
    QStringList newlyUnknown;
    for (const QString& code : std::as_const(unknown)) {
        m_unknown.insert(code);
        setStatus(code, SymbolStatus::Unknown);
        if (!m_unknownReported.contains(code)) {
            m_unknownReported.insert(code);
            newlyUnknown.append(code);
        }
    }
    if (!newlyUnknown.isEmpty()) {
        Q_EMIT errorOccurred(
            tr("QMT Bridge does not know %1; left out of the subscription.").arg(newlyUnknown.join(u", "_s)));
    }

    if (known.isEmpty()) {
        finishSeedStep(batch);
        return;
    }
    // Names and a first snapshot, in parallel; the stream waits for both so rows are complete before pushes.
    m_seedStepsPending = 2;
    const QString stocks = known.join(u',');
    QNetworkReply* names = get(u"/api/utility/batch_stock_name"_s, {{u"stocks"_s, stocks}});
    connect(names, &QNetworkReply::finished, this, [this, names, batch] {
        names->deleteLater();
        QHash<QString, QString> map;
        QString why;
        if (m_decoder.decodeStockNames(names->readAll(), &map, &why)) {
            for (auto it = map.cbegin(); it != map.cend(); ++it) {
                if (m_instruments.contains(it.key()))
                    m_instruments[it.key()].name = it.value();
            }
        } else {
            reportError(tr("QMT Bridge: names unavailable: %1").arg(why));
        }
        finishSeedStep(batch);
    });
    QNetworkReply* snapshot = get(u"/api/market/full_tick"_s, {{u"stocks"_s, stocks}});
    connect(snapshot, &QNetworkReply::finished, this, [this, snapshot, batch] {
        snapshot->deleteLater();
        QList<Qmt::Tick> ticks;
        QString why;
        if (m_decoder.decodeFullTick(snapshot->readAll(), &ticks, &why)) {
            for (const Qmt::Tick& tick : std::as_const(ticks))
                applyTick(tick, false);
        } else {
            reportError(tr("QMT Bridge: snapshot unavailable: %1").arg(why));
        }
        finishSeedStep(batch);
    });
}

void QmtFeed::finishSeedStep(const QStringList& batch)
{
    if (m_seedStepsPending > 0 && --m_seedStepsPending > 0)
        return;
    m_seedInFlight.clear();
    QList<Qmt::Instrument> resolved;
    for (const QString& code : batch) {
        const auto it = m_instruments.constFind(code);
        if (it != m_instruments.constEnd())
            resolved.append(*it);
    }
    if (!resolved.isEmpty())
        Q_EMIT instrumentsResolved(resolved);
    pumpSeed();
    if (m_seedInFlight.isEmpty() && !m_applyTimer.isActive())
        applyStreams();
}

// ---------------------------------------------------------------------------------------------------------------
// Streaming

void QmtFeed::applyStreams()
{
    if (m_stopped)
        return;
    QStringList codes;
    for (const QString& code : std::as_const(m_symbols)) {
        if (m_unknown.contains(code))
            continue;
        if (!m_seeded.contains(code))
            return; // seeding still running: finishSeedStep() comes back here
        codes.append(code);
    }
    if (codes.isEmpty()) {
        m_streamCodes.clear();
        m_noDataTimer.stop();
        m_stream->setStream(QString(), QString(), QByteArray(), 0);
        publishStats();
        return;
    }
    const bool whole = codes.size() > m_config.wholeQuoteThreshold;
    const QSet<QString> previous(m_streamCodes.cbegin(), m_streamCodes.cend());
    m_streamCodes = codes;
    for (const QString& code : std::as_const(codes)) {
        if (!previous.contains(code)) {
            CodeState& state = m_states[code];
            state.waitingSinceMs = 0; // restarts when the new socket opens
            if (state.status != SymbolStatus::Live)
                setStatus(code, SymbolStatus::Pending);
        }
    }
    if (whole)
        m_stream->setStream(tr("QMT whole quote"), WholeQuotePath, Qmt::encodeWholeQuoteRequest(codes),
                            int(codes.size()));
    else
        m_stream->setStream(tr("QMT realtime"), RealtimePath, Qmt::encodeRealtimeRequest(codes), int(codes.size()));
    if (!m_noDataTimer.isActive())
        m_noDataTimer.start();
    publishStats();
}

void QmtFeed::onStreamOpened()
{
    const qint64 now = monotonicMs();
    for (const QString& code : std::as_const(m_streamCodes)) {
        CodeState& state = m_states[code];
        if (state.waitingSinceMs == 0)
            state.waitingSinceMs = now;
    }
    if (m_config.fetchCatalog && !m_catalogDone && !m_catalogBusy)
        requestCatalog();
}

void QmtFeed::onMessage(const QString& text)
{
    const Qmt::Frame frame = m_decoder.decodeStream(text.toUtf8());
    if (frame.kind == Qmt::Frame::Kind::Malformed) {
        // Counted and dropped; the connection stays up.
        m_stream->countMalformed();
        return;
    }
    for (const Qmt::Tick& tick : frame.ticks)
        applyTick(tick, true);
    // Bar records are not requested by this feed (period "tick"); Qmt::BarSeries serves a bar stream.
}

void QmtFeed::applyTick(const Qmt::Tick& tick, bool streamed)
{
    if (!m_symbolSet.contains(tick.code) || m_unknown.contains(tick.code))
        return;
    CodeState& state = m_states[tick.code];
    if (streamed) {
        state.lastDataMs = monotonicMs();
        if (state.status != SymbolStatus::Live)
            setStatus(tick.code, SymbolStatus::Live);
    } else if (state.tick.timeMs > 0 && tick.timeMs > 0 && tick.timeMs < state.tick.timeMs) {
        return; // a snapshot older than what the stream already delivered
    }
    // The side of the volume traded since the previous tick, from the book it met: at or above the best ask is a
    // buy, at or below the best bid a sell.
    const Decimal previousBid = state.tick.bids.isEmpty() ? Decimal() : state.tick.bids.first().price;
    const Decimal previousAsk = state.tick.asks.isEmpty() ? Decimal() : state.tick.asks.first().price;
    state.tick.merge(tick);
    const Qmt::Tick& t = state.tick;

    // Previous close and session values: the instrument detail's PreClose wins over the tick's lastClose.
    ReferenceData ref;
    ref.code = t.code.isEmpty() ? tick.code : t.code;
    const auto inst = m_instruments.constFind(tick.code);
    ref.prevClose = inst != m_instruments.constEnd() && !inst->prevClose.isNull() ? inst->prevClose : t.prevClose;
    ref.open = t.open;
    ref.high = t.high;
    ref.low = t.low;
    const ReferenceData& fed = state.fedReference;
    if (ref.prevClose != fed.prevClose || ref.open != fed.open || ref.high != fed.high || ref.low != fed.low) {
        state.fedReference = ref;
        sink()->addReference(ref);
    }

    // Cumulative volume (lots) and turnover become increments, so the store's totals equal the bridge's.
    if (!t.last.isNull()) {
        const Decimal zero = Decimal::fromInt(0);
        const Decimal volumeDelta =
            t.volume.isNull() ? zero : t.volume - (state.fedVolume.isNull() ? zero : state.fedVolume);
        const Decimal amountDelta =
            t.amount.isNull() ? zero : t.amount - (state.fedAmount.isNull() ? zero : state.fedAmount);
        if (t.last != state.fedLast || !volumeDelta.isZero() || !amountDelta.isZero()) {
            TradeTick trade;
            trade.code = ref.code;
            trade.seq = t.transactionNum >= 0 ? t.transactionNum : 0;
            trade.timeMs = t.timeMs;
            trade.price = t.last;
            trade.volume = volumeDelta;
            trade.turnover = amountDelta; // never null: no price x lots stand-in
            // The first figures of a code are the day so far, not a trade of that size.
            trade.sessionSoFar = state.fedLast.isNull() || (state.fedVolume.isNull() && !t.volume.isNull());
            if (!previousAsk.isNull() && t.last >= previousAsk)
                trade.side = TradeSide::Buy;
            else if (!previousBid.isNull() && t.last <= previousBid)
                trade.side = TradeSide::Sell;
            sink()->addTrade(trade);
            state.fedLast = t.last;
            if (!t.volume.isNull())
                state.fedVolume = t.volume;
            if (!t.amount.isNull())
                state.fedAmount = t.amount;
        }
    }
    if (tick.hasBook) {
        BookSnapshot book;
        book.code = ref.code;
        book.seq = t.transactionNum >= 0 ? t.transactionNum : 0;
        book.timeMs = t.timeMs;
        book.bids = t.bids;
        book.asks = t.asks;
        sink()->addBook(book);
    }
}

void QmtFeed::setStatus(const QString& code, SymbolStatus status)
{
    SymbolStatus& current = m_states[code].status;
    if (current == status)
        return;
    current = status;
    Q_EMIT symbolStatusChanged(code, status);
}

void QmtFeed::checkNoData()
{
    const qint64 now = monotonicMs();
    QStringList silent;
    int noData = 0;
    for (const QString& code : std::as_const(m_streamCodes)) {
        CodeState& state = m_states[code];
        if (state.status == SymbolStatus::NoData) {
            ++noData;
            continue;
        }
        if (state.lastDataMs == 0 && state.waitingSinceMs > 0 &&
            now - state.waitingSinceMs >= m_config.noDataTimeoutMs) {
            setStatus(code, SymbolStatus::NoData);
            silent.append(code);
            ++noData;
        }
    }
    m_stream->setNote(noData > 0 ? tr("No data yet for %n symbol(s)", nullptr, noData) : QString());
    if (!silent.isEmpty())
        Q_EMIT noDataDetected(silent);
}

void QmtFeed::publishStats()
{
    QList<ConnectionStats> stats;
    const ConnectionStats s = m_stream->takeStats();
    if (s.symbols > 0 || s.state != ConnectionStats::State::Idle)
        stats.append(s);
    Q_EMIT statsChanged(stats);
}

// ---------------------------------------------------------------------------------------------------------------
// Catalog

void QmtFeed::requestCatalog()
{
    if (m_catalogBusy)
        return;
    m_catalogBusy = true;
    m_catalogMarkets = {Market::SH, Market::SZ, Market::BJ};
    m_catalogCodes.clear();
    m_catalogSymbols.clear();
    fetchCatalogStep();
}

void QmtFeed::fetchCatalogStep()
{
    if (m_stopped) {
        m_catalogBusy = false;
        return;
    }
    if (!m_catalogCodes.isEmpty()) {
        const QStringList chunk = m_catalogCodes.mid(0, m_config.catalogChunk);
        m_catalogCodes.remove(0, chunk.size());
        QNetworkReply* reply = get(u"/api/utility/batch_stock_name"_s, {{u"stocks"_s, chunk.join(u',')}});
        connect(reply, &QNetworkReply::finished, this, [this, reply, chunk] {
            reply->deleteLater();
            QHash<QString, QString> names;
            QString why;
            if (!m_decoder.decodeStockNames(reply->readAll(), &names, &why))
                reportError(tr("QMT Bridge: names unavailable: %1").arg(why));
            const PinyinInitials& pinyin = PinyinInitials::builtIn();
            for (const QString& code : chunk) {
                SymbolInfo info;
                info.code = code;
                info.nameZh = names.value(code);
                info.pinyin = pinyin.initials(info.nameZh);
                info.market = m_catalogMarket;
                m_catalogSymbols.append(info);
            }
            fetchCatalogStep();
        });
        return;
    }
    if (!m_catalogSymbols.isEmpty()) {
        Q_EMIT catalogReceived(m_catalogSymbols);
        m_catalogSymbols.clear();
    }
    if (m_catalogMarkets.isEmpty()) {
        m_catalogBusy = false;
        m_catalogDone = true;
        return;
    }
    m_catalogMarket = m_catalogMarkets.takeFirst();
    QNetworkReply* reply = get(u"/api/meta/stock_list"_s, {{u"category"_s, Qmt::stockListCategory(m_catalogMarket)}});
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        QStringList codes;
        QString why;
        if (!m_decoder.decodeStockList(reply->readAll(), nullptr, &codes, &why)) {
            reportError(tr("QMT Bridge: stock list unavailable: %1").arg(why));
            m_catalogBusy = false; // tried again after the next (re)connect
            return;
        }
        m_catalogCodes = codes;
        fetchCatalogStep();
    });
}

void QmtFeed::reportError(const QString& message)
{
    // During an outage the same error repeats on every attempt: show it at most once a minute.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto it = m_errorShownAt.constFind(message);
    if (it != m_errorShownAt.constEnd() && now - *it < 60000)
        return;
    m_errorShownAt.insert(message, now);
    Q_EMIT errorOccurred(Redaction::text(message, {m_config.apiKey}));
}
