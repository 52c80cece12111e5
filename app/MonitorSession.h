#pragma once

#include "feed/ConnectionStats.h"
#include "cli/CommandLine.h"
#include "SymbolCatalog.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>

class QThread;
class QuoteFeed;
class QuoteStore;
class Settings;
class SimServer;
class UpdateBuffer;

// Everything the monitor runs besides its widgets: the feed on its own thread, the in-process simulator when no
// feed is configured, the update buffer and quote store, and scheduled snapshots. Built from the command line and
// settings; the GUI and the headless smoke test use it alike.
class MonitorSession : public QObject
{
    Q_OBJECT
public:
    MonitorSession(const AppOptions& options, Settings* settings, QObject* parent = nullptr);
    ~MonitorSession() override;

    // Starts the simulator (when simulated) and the feed thread; symbols follow with setSymbols(). Returns false
    // with a translated message when something cannot start.
    bool start(QString* error);
    void shutdown();

    bool isSimulated() const { return m_simulated; }
    quint16 simulatorPort() const { return m_simPort; }
    QuoteStore* store() const { return m_store; }
    UpdateBuffer* buffer() const { return m_buffer; }

    // Id of the default feed: "alltick", or "simulator" when running on the built-in simulator.
    QString sourceId() const;
    // Feed ids that can serve symbols now (the default feed, plus "qmt" when a bridge is configured).
    QStringList feedIds() const { return m_feeds.keys(); }
    // The feed that serves `code`: the user's choice when that feed exists; .SH/.SZ/.BJ go to QMT when a bridge is
    // configured; everything else to the default feed.
    QString feedFor(const QString& code) const;
    void setFeedOverrides(const QHash<QString, QString>& overrides);
    // The QMT Bridge in use (empty URL: none) and its API key (for /ws/trade; never logged or shown).
    QUrl qmtUrl() const { return m_options.qmtUrl; }
    QString qmtApiKey() const { return m_options.qmtApiKey; }
    // Replaces the QMT side while running: the old QmtFeed is stopped and deleted on the feed thread, a new one is
    // created for `url` (none when empty), symbols are re-routed, and qmtBridgeChanged() is emitted.
    void setQmtBridge(const QUrl& url, const QString& apiKey);
    QHash<QString, QString> feedOverrides() const { return m_feedOverrides; }
    // Every symbol any watchlist shows: the feeds subscribe exactly these.
    QStringList symbols() const { return m_symbols; }
    void setSymbols(const QStringList& codes);
    // The symbols a snapshot writes, in order (the current watchlist as displayed).
    void setSnapshotSymbols(const QStringList& codes) { m_snapshotSymbols = codes; }
    QStringList snapshotSymbols() const { return m_snapshotSymbols; }

    // Names in the export follow the UI language.
    void setChineseNames(bool chinese) { m_chineseNames = chinese; }
    bool writeSnapshot(const QString& path, QString* error) const;
    // The default watchlist shown before the user has made one.
    static QStringList defaultSymbols();

Q_SIGNALS:
    void statsChanged(const QList<ConnectionStats>& stats);
    void errorOccurred(const QString& message);
    void snapshotWritten(const QString& path);
    void snapshotFailed(const QString& message);
    // Symbols a connected feed offers (the QMT Bridge's SH/SZ/BJ lists with names), for the add-symbol catalog.
    void catalogReceived(const QList<SymbolInfo>& symbols);
    // setQmtBridge() replaced the QMT side (clients of the bridge's other endpoints restart).
    void qmtBridgeChanged();

private:
    void writeScheduledSnapshot();

    AppOptions m_options;
    Settings* m_settings;
    bool m_simulated = false;
    bool m_chineseNames = false;
    quint16 m_simPort = 0;
    UpdateBuffer* m_buffer;
    QuoteStore* m_store;
    QThread* m_feedThread = nullptr;
    QThread* m_simThread = nullptr;
    void addFeed(QuoteFeed* feed);
    void addQmtFeed();
    void publishStats();

    QMap<QString, QPointer<QuoteFeed>> m_feeds;
    QMap<QString, QList<ConnectionStats>> m_stats;
    QHash<QString, QString> m_feedOverrides;
    QPointer<SimServer> m_sim;
    QStringList m_symbols;
    QStringList m_snapshotSymbols;
    QTimer m_snapshotTimer;
};
