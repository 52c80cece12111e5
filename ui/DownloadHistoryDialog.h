#pragma once

#include "feed/QmtDownloadClient.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

// "Download history..." for a QMT Bridge: asks the bridge to download K-line history into its local cache
// (/ws/download_progress) and follows the progress. Symbols (an editable list, one code per line or separated by
// commas or spaces; prefilled with setSymbols()), period, date range, Start; then a progress bar, the current code, a
// status row per code and the final summary. Cancel stops a running download; Close closes the dialog (and cancels).
//
// Wiring: the dialog drives the client it is given (set its base URL first):
//   auto* client = new QmtDownloadClient(this); client->setBaseUrl(QUrl("ws://HOST:8000"));
//   DownloadHistoryDialog dialog(client, this); dialog.setSymbols(watchlistCodes); dialog.exec();
class DownloadHistoryDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DownloadHistoryDialog(QmtDownloadClient* client, QWidget* parent = nullptr);

    void setSymbols(const QStringList& codes);
    // The codes in the list, trimmed, upper-cased, without duplicates.
    QStringList symbols() const;
    void setPeriod(const QString& period);
    QString period() const;
    void setDateRange(const QDate& start, const QDate& end);
    QDate startDate() const;
    QDate endDate() const;

    // Starts the download with the dialog's choices (as the Start button does). False when there is nothing to do.
    bool start();
    void cancel();

    // For tests and screenshots.
    QProgressBar* progressBar() const { return m_progress; }
    QTableWidget* statusTable() const { return m_table; }
    QString summaryText() const;
    QString currentText() const;
    QPushButton* startButton() const { return m_startButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }

protected:
    void reject() override;

private:
    void onStateChanged(QmtDownloadClient::State state);
    void onProgress(const QmtDownloadClient::Progress& progress);
    void onFinished(const QmtDownloadClient::Summary& summary);
    void setRowStatus(const QmtDownloadClient::CodeResult& result);
    void updateButtons();

    QmtDownloadClient* m_client;
    QPlainTextEdit* m_symbolsEdit;
    QComboBox* m_periodBox;
    QDateEdit* m_startEdit;
    QDateEdit* m_endEdit;
    QPushButton* m_startButton;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QLabel* m_currentLabel;
    QTableWidget* m_table;
    QLabel* m_summaryLabel;
    QDialogButtonBox* m_buttons;
};
