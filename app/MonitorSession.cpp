#include "MonitorSession.h"

#include "QuoteStore.h"
#include "SymbolCatalog.h"
#include "UpdateBuffer.h"
#include "export/CsvExporter.h"
#include "feed/AllTickFeed.h"
#include "feed/QmtFeed.h"
#include "settings/Settings.h"
#include "sim/SimServer.h"

#include <QLoggingCategory>
#include <QThread>

Q_LOGGING_CATEGORY(lcFeed, "quotemonitor.feed", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace {
constexpr auto SimulatorToken = "simulator";
}

MonitorSession::MonitorSession(const AppOptions& options, Settings* settings, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_settings(settings)
    , m_buffer(new UpdateBuffer(this))
    , m_store(new QuoteStore(this))
    , m_snapshotTimer(this)
{
    m_simulated = m_options.demo || m_options.allTickToken.isEmpty();
    m_store->attach(m_buffer);
    connect(&m_snapshotTimer, &QTimer::timeout, this, &MonitorSession::writeScheduledSnapshot);
}

MonitorSession::~MonitorSession()
{
    shutdown();
}

QStringList MonitorSession::defaultSymbols()
{
    return {u"600519.SH"_s, u"300750.SZ"_s, u"601318.SH"_s, u"000001.SZ"_s, u"700.HK"_s, u"9988.HK"_s, u"3690.HK"_s,
            u"AAPL.US"_s,   u"NVDA.US"_s,   u"TSLA.US"_s,   u"MSFT.US"_s,   u"EURUSD"_s, u"USDJPY"_s,  u"USDCNH"_s,
            u"GOLD"_s,      u"Silver"_s,    u"USOIL"_s,     u"BTCUSDT"_s,   u"ETHUSDT"_s};
}

bool MonitorSession::start(QString* error)
{
    AllTickFeed::Config config;
    if (m_simulated) {
        SimServer::Config simConfig;
        simConfig.seed = 1;
        auto* sim = new SimServer(simConfig);
        if (!sim->listen()) {
            delete sim;
            *error = tr("The built-in simulator could not listen on the loopback interface.");
            return false;
        }
        m_simPort = sim->port();
        m_simThread = new QThread(this);
        m_simThread->setObjectName(u"simulator"_s);
        sim->moveToThread(m_simThread);
        connect(m_simThread, &QThread::finished, sim, &QObject::deleteLater);
        m_simThread->start();
        m_sim = sim;
        config.stockUrl = sim->stockUrl(QString());
        config.generalUrl = sim->generalUrl(QString());
        config.token = QString::fromLatin1(SimulatorToken);
        config.sourceId = sourceId();
    } else {
        config.stockUrl =
            m_options.allTickStockUrl.isEmpty() ? m_settings->allTickStockUrl() : m_options.allTickStockUrl;
        config.generalUrl =
            m_options.allTickGeneralUrl.isEmpty() ? m_settings->allTickGeneralUrl() : m_options.allTickGeneralUrl;
        config.token = m_options.allTickToken;
        if (!m_settings->allTickRestBaseOverride().isEmpty()) {
            const QUrl base = m_settings->allTickRestBaseOverride();
            config.stockRestBase = base.resolved(QUrl(u"quote-stock-b-api"_s));
            config.generalRestBase = base.resolved(QUrl(u"quote-b-api"_s));
        }
        config.plan = m_settings->allTickPlan() == Settings::AllTickPlan::Free ? AllTickFeed::Plan::Free
                                                                               : AllTickFeed::Plan::Paid;
        config.sourceId = sourceId();
    }

    m_feedThread = new QThread(this);
    m_feedThread->setObjectName(u"feed"_s);
    m_feedThread->start();
    addFeed(new AllTickFeed(config, m_buffer));
    addQmtFeed();
    setSymbols(m_symbols);

    if (!m_options.snapshotPath.isEmpty() && m_options.snapshotIntervalSec > 0)
        m_snapshotTimer.start(m_options.snapshotIntervalSec * 1000);
    return true;
}

void MonitorSession::addQmtFeed()
{
    if (m_options.qmtUrl.isEmpty())
        return;
    // QMT Bridge: feedFor() sends .SH/.SZ/.BJ here. The API key is only for /ws/trade, never logged.
    QmtFeed::Config qmt;
    qmt.url = m_options.qmtUrl;
    qmt.apiKey = m_options.qmtApiKey;
    auto* feed = new QmtFeed(qmt, m_buffer);
    connect(feed, &QmtFeed::catalogReceived, this, &MonitorSession::catalogReceived);
    // The bridge reports nothing for codes it does not stream: the feed's verdicts reach the rows (queued, GUI thread).
    connect(feed, &QmtFeed::symbolStatusChanged, m_store,
            [store = m_store](const QString& code, QmtFeed::SymbolStatus status) {
                switch (status) {
                case QmtFeed::SymbolStatus::NoData:
                    store->setAvailability(code, QuoteAvailability::NoData);
                    break;
                case QmtFeed::SymbolStatus::Unknown:
                    store->setAvailability(code, QuoteAvailability::UnknownCode);
                    break;
                case QmtFeed::SymbolStatus::Pending:
                case QmtFeed::SymbolStatus::Live:
                    store->setAvailability(code, QuoteAvailability::Live);
                    break;
                }
            });
    addFeed(feed);
}

void MonitorSession::setQmtBridge(const QUrl& url, const QString& apiKey)
{
    const QString id = u"qmt"_s;
    if (QPointer<QuoteFeed> old = m_feeds.take(id)) {
        // Stop and delete it on its own thread; queued after anything already sent to it.
        disconnect(old, nullptr, this, nullptr);
        QMetaObject::invokeMethod(
            old,
            [old] {
                if (old) {
                    old->stop();
                    old->deleteLater();
                }
            },
            Qt::QueuedConnection);
    }
    m_stats.remove(id);
    m_options.qmtUrl = url;
    m_options.qmtApiKey = apiKey;
    if (m_feedThread)
        addQmtFeed();
    setSymbols(m_symbols); // re-routes .SH/.SZ/.BJ and subscribes them on the new feed
    publishStats();
    Q_EMIT qmtBridgeChanged();
}

void MonitorSession::addFeed(QuoteFeed* feed)
{
    // Feeds live on the feed thread: their sockets, timers and decoding never touch the GUI thread.
    feed->moveToThread(m_feedThread);
    connect(m_feedThread, &QThread::finished, feed, &QObject::deleteLater);
    const QString id = feed->sourceId();
    connect(feed, &QuoteFeed::statsChanged, this, [this, id](const QList<ConnectionStats>& stats) {
        m_stats.insert(id, stats);
        publishStats();
    });
    connect(feed, &QuoteFeed::errorOccurred, this, &MonitorSession::errorOccurred);
    // Feed messages are already redacted: they never carry a token or key.
    connect(feed, &QuoteFeed::errorOccurred, this,
            [](const QString& message) { qCWarning(lcFeed).noquote() << message; });
    m_feeds.insert(id, feed);
}

void MonitorSession::publishStats()
{
    QList<ConnectionStats> all;
    for (const QList<ConnectionStats>& stats : std::as_const(m_stats))
        all += stats;
    Q_EMIT statsChanged(all);
}

QString MonitorSession::feedFor(const QString& code) const
{
    const QString chosen = m_feedOverrides.value(code);
    if (!chosen.isEmpty() && m_feeds.contains(chosen))
        return chosen;
    const Market market = Markets::guessFromCode(code);
    if (m_feeds.contains(u"qmt"_s) && (market == Market::SH || market == Market::SZ || market == Market::BJ))
        return u"qmt"_s;
    return sourceId();
}

void MonitorSession::setFeedOverrides(const QHash<QString, QString>& overrides)
{
    m_feedOverrides = overrides;
    setSymbols(m_symbols);
}

void MonitorSession::shutdown()
{
    m_snapshotTimer.stop();
    if (m_feedThread) {
        for (const QPointer<QuoteFeed>& feed : std::as_const(m_feeds)) {
            if (feed)
                QMetaObject::invokeMethod(feed, &QuoteFeed::stop, Qt::QueuedConnection);
        }
        m_feedThread->quit();
        m_feedThread->wait();
        m_feedThread = nullptr;
    }
    if (m_simThread) {
        m_simThread->quit();
        m_simThread->wait();
        m_simThread = nullptr;
    }
}

QString MonitorSession::sourceId() const
{
    return m_simulated ? u"simulator"_s : u"alltick"_s;
}

void MonitorSession::setSymbols(const QStringList& codes)
{
    m_symbols = codes;
    QMap<QString, QStringList> perFeed;
    for (const QString& id : m_feeds.keys())
        perFeed.insert(id, QStringList());
    for (const QString& code : codes) {
        const QString feed = feedFor(code);
        perFeed[feed].append(code);
        m_store->setSource(code, feed);
    }
    // Every feed gets its complete new set, possibly empty (it then unsubscribes and closes).
    for (auto it = perFeed.cbegin(); it != perFeed.cend(); ++it) {
        QPointer<QuoteFeed> feed = m_feeds.value(it.key());
        if (feed)
            QMetaObject::invokeMethod(
                feed,
                [feed, list = it.value()] {
                    if (feed)
                        feed->setSymbols(list);
                },
                Qt::QueuedConnection);
    }
}

bool MonitorSession::writeSnapshot(const QString& path, QString* error) const
{
    QList<CsvRow> rows;
    rows.reserve(m_snapshotSymbols.size());
    const SymbolCatalog& catalog = SymbolCatalog::builtIn();
    for (const QString& code : m_snapshotSymbols)
        rows.append(CsvRow{code, catalog.displayName(code, m_chineseNames), m_store->quote(code)});
    CsvExporter::Options options;
    options.utf8Bom = m_settings->exportBom();
    return CsvExporter::writeFile(path, rows, options, error);
}

void MonitorSession::writeScheduledSnapshot()
{
    QString error;
    if (writeSnapshot(m_options.snapshotPath, &error))
        Q_EMIT snapshotWritten(m_options.snapshotPath);
    else
        Q_EMIT snapshotFailed(error);
}
