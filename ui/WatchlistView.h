#pragma once

#include <QTableView>

class QuoteDelegate;
class WatchlistModel;
class WatchlistSortProxy;

// The watchlist table: numeric sorting through WatchlistSortProxy, direction colours through QuoteDelegate,
// re-sorting held while the user drags the scroll bar so rows do not jump under the pointer.
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

Q_SIGNALS:
    void currentSymbolChanged(const QString& code);

private:
    WatchlistModel* m_model;
    WatchlistSortProxy* m_proxy;
    QuoteDelegate* m_delegate;
};
