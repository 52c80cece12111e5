#pragma once

#include <QMainWindow>

class FeedStatusBar;
class MonitorSession;
class QActionGroup;
class Settings;
class WatchlistModel;
class WatchlistView;

// Layout, actions and wiring only; every panel is its own class.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(MonitorSession* session, Settings* settings, const QString& uiLanguage, QWidget* parent = nullptr);

    WatchlistView* watchlistView() const { return m_view; }
    WatchlistModel* watchlistModel() const { return m_model; }
    FeedStatusBar* feedStatusBar() const { return m_status; }

    // Writes the current watchlist to `path` and reports the outcome in the status bar. Returns success.
    bool exportSnapshotTo(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void exportSnapshot();
    void applyColorConvention();
    void showError(const QString& message);
    void showAbout();

    MonitorSession* m_session;
    Settings* m_settings;
    QString m_uiLanguage;
    WatchlistModel* m_model;
    WatchlistView* m_view;
    FeedStatusBar* m_status;
    QActionGroup* m_colorGroup = nullptr;
};
