#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// A named watchlist: its symbols in the user's order and its column layout (QHeaderView::saveState()).
struct Watchlist
{
    QString name;
    QStringList symbols;
    QByteArray columnState;
};

// Everything the trader arranged: watchlists, the selected tab, window geometry and dock layout, the chart's period.
struct Workspace
{
    static constexpr int CurrentVersion = 1;

    QList<Watchlist> lists;
    int currentList = 0;
    QByteArray windowGeometry;             // QMainWindow::saveGeometry()
    QByteArray windowState;                // QMainWindow::saveState(): docks and toolbars
    QHash<QString, QString> feedOverrides; // code -> feed id chosen by the user ("alltick", "qmt")
    // The tick chart's chosen period: "tick", "1m", "5m" or "1d" (the chart shows ticks while the selected symbol
    // has no bars, and the chosen period again with the next symbol that has them).
    QString chartPeriod = QStringLiteral("tick");

    static bool isChartPeriod(const QString& period);

    static Workspace defaults(const QStringList& firstListSymbols, const QString& firstListName);
};

// Reads and writes the workspace as versioned JSON, atomically (QSaveFile with every write and the flush checked).
// A file that cannot be read or parsed is moved aside as "<name>.corrupt-<timestamp>" and reported; it is never
// overwritten or silently discarded.
class WorkspaceStore
{
    Q_DECLARE_TR_FUNCTIONS(WorkspaceStore)
public:
    // `path` empty: <AppConfigLocation>/workspace.json
    explicit WorkspaceStore(const QString& path = QString());

    QString path() const { return m_path; }

    // Corrupt: the file was moved aside. CorruptInPlace: it could not be moved, so it must not be saved over.
    enum class LoadResult { Loaded, Missing, Corrupt, CorruptInPlace };
    // Unless Loaded, `out` is left untouched; for the corrupt cases `message` says what happened and where the
    // backup is.
    LoadResult load(Workspace* out, QString* message) const;
    bool save(const Workspace& workspace, QString* error) const;

    static QByteArray toJson(const Workspace& workspace);
    static bool fromJson(const QByteArray& json, Workspace* out, QString* error);

    // A plain list of codes, one a line or comma/semicolon/whitespace separated ('#' starts a comment).
    // Syntactically invalid entries are returned in `invalid`; duplicates are dropped, order kept.
    static QStringList parseCodes(const QByteArray& text, QStringList* invalid);
    static QByteArray formatCodes(const QStringList& codes);
    static bool writeCodes(const QString& path, const QStringList& codes, QString* error);

private:
    static bool writeAtomically(const QString& path, const QByteArray& data, QString* error);

    QString m_path;
};
