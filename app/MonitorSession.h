#pragma once

#include "feed/ConnectionStats.h"
#include "cli/CommandLine.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

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

    // Feed id of the symbols this session serves ("alltick" or "simulator").
    QString sourceId() const;
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
    QPointer<QuoteFeed> m_feed;
    QPointer<SimServer> m_sim;
    QStringList m_symbols;
    QStringList m_snapshotSymbols;
    QTimer m_snapshotTimer;
};
