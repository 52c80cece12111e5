#include "AllTickFeed.h"

#include "UpdateBuffer.h"
#include "UrlRedaction.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {
constexpr int DailyKline = 8;
constexpr int PrevCloseBars = 2;
constexpr int RestTimeoutMs = 10000;
} // namespace

AllTickFeed::AllTickFeed(const Config& config, UpdateBuffer* sink, QObject* parent)
    : QuoteFeed(sink, parent)
    , m_config(config)
    , m_network(new QNetworkAccessManager(this))
    , m_statsTimer(this)
    , m_restTimer(this)
{
    if (m_config.plan == Plan::Free) {
        // Free plan: at least 10 s between reconnects, 5 codes per batch K-line, 1 request per 10 s.
        m_config.connection.backoff.minMs = qMax(m_config.connection.backoff.minMs, 10000);
    }
    if (m_config.restSpacingMs < 0)
        m_config.restSpacingMs = m_config.plan == Plan::Free ? 10000 : 3000;
    if (m_config.restBatchSize <= 0)
        m_config.restBatchSize = m_config.plan == Plan::Free ? 5 : 100;
    if (m_config.stockRestBase.isEmpty())
        m_config.stockRestBase = deriveRestBase(m_config.stockUrl);
    if (m_config.generalRestBase.isEmpty())
        m_config.generalRestBase = deriveRestBase(m_config.generalUrl);

    AllTickConnection::Config stock = m_config.connection;
    stock.url = withToken(m_config.stockUrl, m_config.token);
    AllTickConnection::Config general = m_config.connection;
    general.url = withToken(m_config.generalUrl, m_config.token);
    m_stock = new AllTickConnection(tr("AllTick stocks"), stock, sink, this);
    m_general = new AllTickConnection(tr("AllTick forex/crypto"), general, sink, this);
    for (AllTickConnection* c : {m_stock, m_general})
        connect(c, &AllTickConnection::errorOccurred, this, &AllTickFeed::reportError);

    m_statsTimer.setInterval(m_config.statsIntervalMs);
    connect(&m_statsTimer, &QTimer::timeout, this, &AllTickFeed::publishStats);
    m_statsTimer.start();

    m_restTimer.setSingleShot(true);
    connect(&m_restTimer, &QTimer::timeout, this, &AllTickFeed::pumpReference);
}

bool AllTickFeed::canServe(const QString& code) const
{
    return !code.isEmpty();
}

QUrl AllTickFeed::deriveRestBase(const QUrl& webSocketUrl)
{
    QUrl rest = webSocketUrl;
    rest.setQuery(QString());
    rest.setFragment(QString());
    if (rest.scheme() == u"wss")
        rest.setScheme(u"https"_s);
    else if (rest.scheme() == u"ws")
        rest.setScheme(u"http"_s);
    QString path = rest.path();
    if (path.endsWith(u"-ws-api"))
        path = path.left(path.size() - 7) + u"-api"_s;
    rest.setPath(path);
    return rest;
}

QUrl AllTickFeed::withToken(const QUrl& url, const QString& token)
{
    QUrl out = url;
    QUrlQuery query(url);
    query.removeAllQueryItems(u"token"_s);
    if (!token.isEmpty())
        query.addQueryItem(u"token"_s, token);
    out.setQuery(query);
    return out;
}

AllTickConnection* AllTickFeed::connection(AllTick::Family family) const
{
    return family == AllTick::Family::Stock ? m_stock : m_general;
}

void AllTickFeed::setSymbols(const QStringList& codes)
{
    QStringList stock;
    QStringList general;
    for (const QString& code : codes) {
        (AllTick::familyOf(code) == AllTick::Family::Stock ? stock : general).append(code);
        if (!m_referenceKnown.contains(code)) {
            m_referenceKnown.insert(code);
            m_referencePending.append(code);
        }
    }
    m_stock->setSymbols(stock);
    m_general->setSymbols(general);
    pumpReference();
    publishStats();
}

void AllTickFeed::stop()
{
    m_stock->stop();
    m_general->stop();
    m_restTimer.stop();
    m_referencePending.clear();
}

void AllTickFeed::publishStats()
{
    QList<ConnectionStats> stats;
    for (AllTickConnection* c : {m_stock, m_general}) {
        ConnectionStats s = c->takeStats();
        if (s.symbols > 0 || s.state != ConnectionStats::State::Idle)
            stats.append(s);
    }
    Q_EMIT statsChanged(stats);
}

void AllTickFeed::pumpReference()
{
    if (m_restInFlight || m_restTimer.isActive() || m_referencePending.isEmpty())
        return;
    // One batch of one family per request, paced by the plan's batch K-line limit.
    const AllTick::Family family = AllTick::familyOf(m_referencePending.first());
    QStringList batch;
    for (auto it = m_referencePending.begin();
         it != m_referencePending.end() && batch.size() < m_config.restBatchSize;) {
        if (AllTick::familyOf(*it) == family) {
            batch.append(*it);
            it = m_referencePending.erase(it);
        } else {
            ++it;
        }
    }
    QUrl url = family == AllTick::Family::Stock ? m_config.stockRestBase : m_config.generalRestBase;
    url.setPath(url.path() + u"/batch-kline"_s);
    url = withToken(url, m_config.token);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setTransferTimeout(RestTimeoutMs);
    const QString trace = u"qm-kline-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
    QNetworkReply* reply =
        m_network->post(request, AllTick::encodeBatchKlineBody(trace, batch, DailyKline, PrevCloseBars));
    m_restInFlight = true;
    connect(reply, &QNetworkReply::finished, this, [this, reply, batch] { onReferenceReply(reply, batch); });
}

void AllTickFeed::onReferenceReply(QNetworkReply* reply, const QStringList& codes)
{
    reply->deleteLater();
    m_restInFlight = false;
    const QByteArray body = reply->readAll();
    QString error;
    QList<AllTick::KlineSeries> series;
    bool ok = false;
    if (reply->error() != QNetworkReply::NoError && body.isEmpty()) {
        error = Redaction::text(reply->errorString(), {m_config.token});
    } else {
        ok = AllTick::decodeBatchKlineResponse(body, &series, &error);
    }
    QSet<QString> answered;
    if (ok) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const AllTick::KlineSeries& s : std::as_const(series)) {
            ReferenceData ref = AllTick::referenceFromDailyBars(s, now);
            if (ref.code.isEmpty())
                ref.code = s.code;
            if (!ref.prevClose.isNull()) {
                answered.insert(s.code);
                sink()->addReference(ref);
            }
        }
    } else {
        reportError(tr("Previous close unavailable (change and change % stay empty): %1").arg(error));
    }
    // Codes without an answer are tried again later; their change cells stay empty meanwhile, never wrong.
    QStringList retry;
    for (const QString& code : codes) {
        if (!answered.contains(code))
            retry.append(code);
    }
    if (!retry.isEmpty()) {
        QTimer::singleShot(m_config.restRetryMs, this, [this, retry] {
            for (const QString& code : retry) {
                if (!m_referencePending.contains(code))
                    m_referencePending.append(code);
            }
            pumpReference();
        });
    }
    m_restTimer.start(m_config.restSpacingMs);
}

void AllTickFeed::reportError(const QString& message)
{
    // During an outage the same error repeats on every attempt: show it at most once a minute.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto it = m_errorShownAt.constFind(message);
    if (it != m_errorShownAt.constEnd() && now - *it < 60000)
        return;
    m_errorShownAt.insert(message, now);
    Q_EMIT errorOccurred(Redaction::text(message, {m_config.token}));
}
