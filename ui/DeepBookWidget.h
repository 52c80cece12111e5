#pragma once

#include "QuoteDelegate.h"
#include "QuoteTypes.h"

#include <QWidget>

class DeepBookDelegate;
class DeepBookModel;
class QLabel;
class TotalsFooter;
class QStackedWidget;
class QTableView;
class QmtL2Client;

// The QMT Level-2 thousand-level book of one code: a scrollable ladder (asks above, bids below, ask 1 and bid 1 meeting
// in the middle) with level, price, size and cumulative size, size bars behind the sizes and depth bars behind the
// cumulative sizes; a title line with the code, spread and side totals. When the server has no Level-2 stream
// (v2.8.0 refuses /ws/l2_thousand) the table gives way to a clear "not available on this server" page.
//
// Wiring: either attachClient(client), or connect QmtL2Client::bookReceived -> setBook and
// QmtL2Client::notAvailable -> showNotAvailable yourself. setBook() with another code recentres the ladder.
class DeepBookWidget : public QWidget
{
    Q_OBJECT
public:
    explicit DeepBookWidget(QWidget* parent = nullptr);

    DeepBookModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }

    // Follows `client`: its books, its "not available" state and its connection state (status line).
    void attachClient(QmtL2Client* client);

    void setBook(const BookSnapshot& book);
    // Shows the "not available on this server" page with `message` (translated by the caller, e.g.
    // QmtL2Client::notAvailableMessage()). The next setBook() shows the book again.
    void showNotAvailable(const QString& message);
    bool isNotAvailableShown() const;
    // The footer's totals as shown: "Asks 1,234", "Bids 5,678".
    QString askTotalText() const;
    QString bidTotalText() const;
    // A short status under the title ("Connecting...", a connection error); empty hides it.
    void setStatusText(const QString& text);
    void clear();
    // Scrolls so that ask 1 / bid 1 are in the middle.
    void centreOnBest();

    void setDirectionPalette(const DirectionPalette& palette);
    void setDisplayLocale(const QLocale& locale);
    // Unit of the sizes for the headers (QMT Level-2 volumes are lots).
    void setSizeUnit(const QString& unit);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateTitle();
    void applyMetrics();

    DeepBookModel* m_model;
    QTableView* m_view;
    DeepBookDelegate* m_delegate;
    QStackedWidget* m_stack;
    QLabel* m_codeLabel;
    QLabel* m_spreadLabel;
    QLabel* m_levelsLabel;
    TotalsFooter* m_footer; // ask total, bid total
    QLabel* m_statusLabel;
    QLabel* m_notAvailableLabel;
    DirectionPalette m_palette = DirectionPalette::forConvention(DirectionPalette::Convention::RedUp);
};
