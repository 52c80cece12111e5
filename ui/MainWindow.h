#pragma once

#include "Workspace.h"
#include "feed/ConnectionStats.h"

#include <QMainWindow>

#include <memory>

class AddSymbolDialog;
class FeedStatusBar;
class MonitorSession;
class OrderBookWidget;
class QDockWidget;
class TimeSalesWidget;
class TradeTape;
class QActionGroup;
class Settings;
class SymbolSearch;
class TickChartWidget;
class TickHistory;
class WatchlistTabs;

// Layout, actions and wiring only; every panel is its own class.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    ~MainWindow() override;
    // `store` null: nothing about the workspace is saved (a watchlist given on the command line is for one run).
    MainWindow(MonitorSession* session, Settings* settings, WorkspaceStore* store, const Workspace& workspace,
               const QString& uiLanguage, QWidget* parent = nullptr);

    WatchlistTabs* watchlists() const { return m_tabs; }
    OrderBookWidget* orderBook() const { return m_book; }
    TimeSalesWidget* timeAndSales() const { return m_sales; }
    TickChartWidget* tickChart() const { return m_chart; }
    TickHistory* tickHistory() const { return m_ticks; }
    FeedStatusBar* feedStatusBar() const { return m_status; }
    Workspace workspace() const;

    // Writes the current watchlist to `path` and reports the outcome. Returns success.
    bool exportSnapshotTo(const QString& path);
    // Opens the add-symbol dialog for the current watchlist, its search field set to `query`.
    void openAddSymbolDialog(const QString& query = QString());
    AddSymbolDialog* addSymbolDialog() const { return m_addDialog; }
    // A non-modal warning box.
    void showWarning(const QString& title, const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createDocks();
    void exportSnapshot();
    void importWatchlist();
    void exportWatchlist();
    void applyColorConvention();
    void onStatsChanged(const QList<ConnectionStats>& stats);
    void onSymbolsChanged();
    void onCurrentSymbolChanged(const QString& code);
    void showError(const QString& message);
    void showAbout();
    QString chooseFileDir() const;
    QString feedLabel(const QString& code) const;
    QString feedName(const QString& id) const;

    MonitorSession* m_session;
    Settings* m_settings;
    WorkspaceStore* m_store;
    QString m_uiLanguage;
    bool m_chinese;
    WatchlistTabs* m_tabs;
    FeedStatusBar* m_status;
    QDockWidget* addDock(QWidget* content, const QString& title, const QString& objectName, Qt::DockWidgetArea area);

    std::unique_ptr<SymbolSearch> m_search;
    AddSymbolDialog* m_addDialog = nullptr;
    TradeTape* m_tape;
    OrderBookWidget* m_book = nullptr;
    TimeSalesWidget* m_sales = nullptr;
    TickHistory* m_ticks = nullptr;
    TickChartWidget* m_chart = nullptr;
    QMenu* m_viewMenu = nullptr;
    QToolBar* m_toolBar = nullptr;
};
