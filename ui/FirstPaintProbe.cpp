#include "FirstPaintProbe.h"

#include "QuoteStore.h"
#include "WatchlistModel.h"
#include "WatchlistView.h"

#include <QEvent>
#include <QTimer>

#include <cstdio>

FirstPaintProbe::FirstPaintProbe(WatchlistView* view, const QuoteStore* store, QElapsedTimer sinceStart,
                                 QObject* parent)
    : QObject(parent)
    , m_view(view)
    , m_store(store)
    , m_sinceStart(sinceStart)
{
    view->viewport()->installEventFilter(this);
}

bool FirstPaintProbe::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::Paint || m_done)
        return false;
    const QStringList codes = m_view->watchlistModel()->symbols();
    for (const QString& code : codes) {
        const QuoteState* q = m_store->quote(code);
        if (q && !q->last.isNull()) {
            m_done = true;
            watched->removeEventFilter(this);
            // Reported once control returns to the event loop, i.e. after this paint has completed.
            QTimer::singleShot(0, this, [this] {
                std::fprintf(stderr, "first-quote-painted %lld\n", static_cast<long long>(m_sinceStart.elapsed()));
                std::fflush(stderr);
            });
            break;
        }
    }
    return false;
}
