#include "QmtBarClient.h"

#include "QmtFeed.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <utility>

using namespace Qt::StringLiterals;

namespace {
constexpr int MaxHeldBars = 4096; // pushes kept while the history is on its way
}

QmtBarClient::QmtBarClient(QObject* parent)
    : QmtBarClient(Config(), parent)
{}

QmtBarClient::QmtBarClient(const Config& config, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_socket(new QmtAuxSocket(tr("QMT bars"), config.socket, this))
    , m_network(new QNetworkAccessManager(this))
    , m_series(config.capacity)
{
    qRegisterMetaType<Qmt::BarSeries::Change>();
    connect(m_socket, &QmtAuxSocket::opened, this, &QmtBarClient::onOpened);
    connect(m_socket, &QmtAuxSocket::textReceived, this, &QmtBarClient::onText);
    connect(m_socket, &QmtAuxSocket::handshakeRefused, this,
            [this](int status) { setError(tr("Bars refused by the QMT Bridge (HTTP %1)").arg(status)); });
    connect(m_socket, &QmtAuxSocket::errorOccurred, this, &QmtBarClient::setError);
    connect(m_socket, &QmtAuxSocket::connectionLost, this, [this](const QString& message, bool normal) {
        setError(normal ? tr("QMT bars: the server closed the connection") : message);
    });
}

QmtBarClient::~QmtBarClient()
{
    if (m_reply)
        m_reply->abort();
}

bool QmtBarClient::isBarPeriod(const QString& period)
{
    static const QStringList periods{u"1m"_s, u"5m"_s,   u"15m"_s, u"30m"_s, u"1h"_s, u"1d"_s,
                                     u"1w"_s, u"1mon"_s, u"1q"_s,  u"1hy"_s, u"1y"_s};
    return periods.contains(period);
}

void QmtBarClient::setBaseUrl(const QUrl& baseUrl)
{
    if (baseUrl == m_baseUrl)
        return;
    m_baseUrl = baseUrl;
    if (isActive()) {
        const QString code = m_code;
        const QString period = m_period;
        stop();
        start(code, period);
    }
}

void QmtBarClient::start(const QString& code, const QString& period)
{
    if (code.isEmpty() || !isBarPeriod(period) || m_baseUrl.isEmpty()) {
        stop();
        return;
    }
    if (code == m_code && period == m_period)
        return;
    stop();
    m_code = code;
    m_period = period;
    requestHistory();
    QUrl url = m_baseUrl;
    url.setPath(u"/ws/realtime"_s);
    m_socket->open(url, Qmt::encodeRealtimeRequest({code}, period));
}

void QmtBarClient::stop()
{
    ++m_generation; // replies and frames of the old request are dropped
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        reply->abort();
    }
    m_socket->close();
    const bool had = !m_series.isEmpty();
    m_series.clear();
    m_held.clear();
    m_code.clear();
    m_period.clear();
    m_historyLoaded = false;
    m_holding = false;
    m_openedOnce = false;
    m_lastError.clear();
    if (had)
        Q_EMIT barsChanged();
}

void QmtBarClient::requestHistory()
{
    if (m_reply) {
        QNetworkReply* old = m_reply;
        m_reply = nullptr;
        old->abort();
    }
    QUrl url = QmtFeed::restBase(m_baseUrl);
    url.setPath(u"/api/market/market_data_ex"_s);
    QUrlQuery query;
    query.addQueryItem(u"stocks"_s, m_code);
    query.addQueryItem(u"period"_s, m_period);
    query.addQueryItem(u"start_time"_s, QString());
    query.addQueryItem(u"end_time"_s, QString());
    query.addQueryItem(u"count"_s, QString::number(m_config.historyCount));
    query.addQueryItem(u"dividend_type"_s, u"none"_s);
    query.addQueryItem(u"fill_data"_s, u"true"_s);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_config.restTimeoutMs);
    QNetworkReply* reply = m_network->get(request);
    m_reply = reply;
    const quint64 generation = m_generation;
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation] { onHistoryReply(reply, generation); });
}

void QmtBarClient::onHistoryReply(QNetworkReply* reply, quint64 generation)
{
    reply->deleteLater();
    if (reply == m_reply)
        m_reply = nullptr;
    if (generation != m_generation || reply->error() == QNetworkReply::OperationCanceledError)
        return;
    const QByteArray body = reply->readAll();
    QHash<QString, QList<Qmt::Bar>> bars;
    QString why;
    const bool httpOk = reply->error() == QNetworkReply::NoError;
    if (!httpOk || !m_decoder.decodeMarketData(body, &bars, &why)) {
        if (why.isEmpty() || !httpOk)
            why = reply->errorString();
        setError(tr("Bar history of %1 (%2) could not be loaded: %3").arg(m_code, m_period, why));
    }
    const QList<Qmt::Bar> history = bars.value(m_code);
    for (const Qmt::Bar& bar : history)
        m_series.apply(bar);
    const bool first = !m_historyLoaded;
    m_historyLoaded = true;
    m_holding = false;
    // Pushes that came while the history was on its way: newer than it, or the forming bar again.
    const QList<Qmt::Bar> held = std::exchange(m_held, {});
    for (const Qmt::Bar& bar : held)
        m_series.apply(bar);
    if (first || !history.isEmpty() || !held.isEmpty())
        Q_EMIT barsChanged();
    Q_EMIT historyLoaded(int(history.size()));
}

void QmtBarClient::onOpened()
{
    // After a reconnect the bars missed meanwhile come with the history again (merged by time).
    if (m_openedOnce && m_historyLoaded && !m_reply) {
        m_holding = true; // pushes wait for it: a newer bar applied first would make the missed ones "older"
        requestHistory();
    }
    m_openedOnce = true;
    m_lastError.clear();
}

void QmtBarClient::onText(const QString& text)
{
    if (!isActive())
        return;
    const Qmt::Frame frame = m_decoder.decodeStream(text.toUtf8());
    if (frame.kind != Qmt::Frame::Kind::Data)
        return;
    QList<Qmt::Bar> bars;
    for (const Qmt::Bar& bar : frame.bars) {
        if (bar.code == m_code && bar.timeMs > 0)
            bars.append(bar);
    }
    if (!bars.isEmpty())
        applyPushed(bars);
}

void QmtBarClient::applyPushed(const QList<Qmt::Bar>& bars)
{
    if (!m_historyLoaded || m_holding) {
        // Held until the history is in, so that the series grows in time order.
        m_held.append(bars);
        if (m_held.size() > MaxHeldBars)
            m_held.remove(0, m_held.size() - MaxHeldBars);
        return;
    }
    bool changed = false;
    for (const Qmt::Bar& bar : bars) {
        const Qmt::BarSeries::Change change = m_series.apply(bar);
        changed = changed || change != Qmt::BarSeries::Change::Ignored;
        Q_EMIT barPushed(change);
    }
    if (changed)
        Q_EMIT barsChanged();
}

void QmtBarClient::setError(const QString& message)
{
    if (message.isEmpty())
        return;
    m_lastError = message;
    Q_EMIT errorOccurred(message);
}
