#pragma once

#include "TradeEvent.h"

#include <QWidget>

class QLabel;
class QTableView;
class QmtTradeClient;
class TradeEventsModel;

// The QMT trade events of this session for a dock: a status line (connection state, or the clear "rejected: invalid
// API key or trading not enabled" message after a 403) above a table of events, newest first (time, event, code,
// details); order and cancel errors in red.
//
// Wiring: attachClient(client), or connect QmtTradeClient::eventReceived -> addEvent and
// QmtTradeClient::rejected -> showRejected yourself.
class TradeEventsWidget : public QWidget
{
    Q_OBJECT
public:
    explicit TradeEventsWidget(QWidget* parent = nullptr);

    TradeEventsModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }

    // Follows `client`: its events, its state and its rejection.
    void attachClient(QmtTradeClient* client);

    void addEvent(const TradeEvent& event);
    // The bridge refused the trade stream (HTTP 403): shows `message` in the status line, highlighted.
    void showRejected(const QString& message);
    // A plain status ("Connected, waiting for events"); empty hides the line.
    void setStatusText(const QString& text);
    QString statusText() const;
    void clear();

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyMetrics();

    TradeEventsModel* m_model;
    QTableView* m_view;
    QLabel* m_statusLabel;
};
