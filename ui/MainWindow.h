#pragma once

#include "Workspace.h"
#include "feed/ConnectionStats.h"

#include <QMainWindow>
#include <QMap>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <memory>

class AddSymbolDialog;
class DeepBookWidget;
class DownloadHistoryDialog;
class QmtBarClient;
class QmtFormulaClient;
class QmtL2Client;
class QmtSettingsDialog;
class QmtTradeClient;
class TradeEventsWidget;
struct SymbolInfo;
enum class Market : quint8;
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
    DeepBookWidget* deepBook() const { return m_deepBook; }
    TradeEventsWidget* tradeEvents() const { return m_tradeEvents; }
    QmtL2Client* l2Client() const { return m_l2; }
    QmtTradeClient* tradeClient() const { return m_trade; }
    QmtFormulaClient* formulaClient() const { return m_formula; }
    QAction* downloadHistoryAction() const { return m_downloadAction; }
    QAction* wholeMarketAction() const { return m_wholeMarketAction; }
    Workspace workspace() const;

    // Writes the current watchlist to `path` and reports the outcome. Returns success.
    bool exportSnapshotTo(const QString& path);
    // Opens the add-symbol dialog for the current watchlist, its search field set to `query`.
    void openAddSymbolDialog(const QString& query = QString());
    AddSymbolDialog* addSymbolDialog() const { return m_addDialog; }
    // Tools > Download history...: opens the dialog (nullptr without a bridge) prefilled with the current
    // watchlist's A-share codes.
    DownloadHistoryDialog* openDownloadHistory();
    // Tools > QMT Bridge settings...: opens the dialog; OK applies it through applyQmtSettings().
    QmtSettingsDialog* openQmtSettings();
    // Saves the bridge address (empty: none) and, when `rememberKey`, the key; restarts the QMT side when they
    // changed. A key not remembered is used for this session only (and a previously remembered one is forgotten).
    void applyQmtSettings(const QUrl& url, const QString& apiKey, bool rememberKey);
    // The A-share codes the bridge's stock lists gave for `market` (SH, SZ, BJ), in the order received.
    QStringList catalogCodes(Market market) const;
    // Watchlist > New whole-market list...: a new watchlist with every catalog code of `markets`. Returns the
    // number of codes (0: nothing created).
    int createWholeMarketList(const QList<Market>& markets);
    void openWholeMarketDialog();
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
    void onCatalogReceived(const QList<SymbolInfo>& symbols);
    void onQmtBridgeChanged();
    void restartDeepBook();
    // Bar periods of the chart: from the QMT Bridge for the symbols it quotes, else unavailable (with the reason).
    void updateChartBars();
    void restartTradeEvents();
    void updateQmtActions();
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

    // QMT Bridge side panels and clients (GUI thread). The L2 client runs while the deep book dock is visible and
    // the current symbol is quoted by the bridge; after a 403 it is not tried again until the bridge changes.
    DeepBookWidget* m_deepBook = nullptr;
    QDockWidget* m_deepBookDock = nullptr;
    QmtL2Client* m_l2 = nullptr;
    bool m_l2Refused = false;
    TradeEventsWidget* m_tradeEvents = nullptr;
    QmtTradeClient* m_trade = nullptr;
    QmtFormulaClient* m_formula = nullptr;
    QmtBarClient* m_bars = nullptr;
    QString m_currentCode;
    QAction* m_downloadAction = nullptr;
    QAction* m_wholeMarketAction = nullptr;
    QPointer<DownloadHistoryDialog> m_downloadDialog;
    QPointer<QmtSettingsDialog> m_qmtSettingsDialog;
    QMap<int, QStringList> m_catalogCodes; // by Market, the latest stock list of each market
};
