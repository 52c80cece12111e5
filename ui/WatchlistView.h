#pragma once

#include <QTableView>
#include <QTimer>

class QuoteDelegate;
class WatchlistModel;
class WatchlistSortProxy;

// One watchlist table: numeric sorting through WatchlistSortProxy (held while the user drags the scroll bar so rows
// do not jump), direction colours, flashes and stale rows through QuoteDelegate. Rows are reordered by drag and
// drop or Ctrl+Up/Down (which switches to the manual order), removed with Del or the context menu; columns are
// shown, hidden and moved from the header's context menu. Typing a letter or digit asks for the symbol search.
class WatchlistView : public QTableView
{
    Q_OBJECT
public:
    explicit WatchlistView(WatchlistModel* model, QWidget* parent = nullptr);

    WatchlistModel* watchlistModel() const { return m_model; }
    WatchlistSortProxy* sortProxy() const { return m_proxy; }
    QuoteDelegate* quoteDelegate() const { return m_delegate; }
    // Symbol of the current row, or empty.
    QString currentSymbol() const;
    QStringList selectedSymbols() const;

    void removeSelected();
    // Moves the current row by `delta` rows in the manual order.
    void moveCurrent(int delta);
    void clearSorting();
    void selectSymbol(const QString& code);

Q_SIGNALS:
    void currentSymbolChanged(const QString& code);
    // The user started typing: open the symbol search with this text.
    void searchRequested(const QString& text);
    void addSymbolRequested();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void showHeaderMenu(const QPoint& pos);
    void refreshLiveCells();

    WatchlistModel* m_model;
    WatchlistSortProxy* m_proxy;
    QuoteDelegate* m_delegate;
    QTimer m_flashTimer; // repaints the last-price column while flashes fade
    QTimer m_staleTimer; // repaints rows once a second so staleness shows
};
