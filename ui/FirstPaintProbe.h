#pragma once

#include <QElapsedTimer>
#include <QObject>

class QuoteStore;
class WatchlistView;

// Startup probe (quotebench --startup, enabled by QM_REPORT_FIRST_PAINT=1): prints
// "first-quote-painted <ms since start>" to stderr once, right after the watchlist first paints while one of its
// symbols has a price. Removes itself from the view after that paint.
class FirstPaintProbe : public QObject
{
public:
    FirstPaintProbe(WatchlistView* view, const QuoteStore* store, QElapsedTimer sinceStart, QObject* parent);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    WatchlistView* m_view;
    const QuoteStore* m_store;
    QElapsedTimer m_sinceStart;
    bool m_done = false;
};
