#include "GuiBench.h"

#include "FloodServer.h"
#include "MainWindow.h"
#include "MonitorSession.h"
#include "QuoteStore.h"
#include "TickHistory.h"
#include "UpdateBuffer.h"
#include "WatchlistModel.h"
#include "WatchlistSortProxy.h"
#include "WatchlistTabs.h"
#include "WatchlistView.h"
#include "Workspace.h"
#include "settings/Settings.h"

#include <QApplication>
#include <QDateTime>
#include <QHeaderView>
#include <QPaintEvent>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

void progress(const QString& text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
    std::fflush(stderr);
}

// A FloodServer on its own thread.
class FloodRunner
{
public:
    explicit FloodRunner(const FloodServer::Config& config)
        : m_server(new FloodServer(config))
    {
        m_thread.setObjectName(u"flood"_s);
        m_server->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
        m_thread.start();
        Bench::runIn(m_server, [this] { m_listening = m_server->listen(); });
    }
    ~FloodRunner()
    {
        Bench::runIn(m_server, [this] { m_server->close(); });
        m_thread.quit();
        m_thread.wait();
    }
    FloodServer* server() const { return m_server; }
    bool isListening() const { return m_listening; }
    void setRate(double rate)
    {
        QMetaObject::invokeMethod(
            m_server, [this, rate] { m_server->setRate(rate); }, Qt::QueuedConnection);
    }

private:
    QThread m_thread;
    FloodServer* m_server;
    bool m_listening = false;
};

// The application as quotemonitor builds it, on the AllTick feed pointed at the flooding server.
class AppHarness
{
public:
    AppHarness(const QStringList& codes, const QHash<QString, Decimal>& prevClose, const QUrl& stockUrl,
               const QUrl& generalUrl)
    {
        m_settings = std::make_unique<Settings>(m_dir.filePath(u"quotemonitor.ini"_s));
        AppOptions options;
        options.allTickToken = u"bench"_s;
        options.allTickStockUrl = stockUrl;
        options.allTickGeneralUrl = generalUrl;
        options.lang = u"en"_s;
        m_session = std::make_unique<MonitorSession>(options, m_settings.get());
        // Previous closes as the REST K-line would give them, so change and change % are live in every row.
        for (const QString& code : codes) {
            ReferenceData ref;
            ref.code = code;
            ref.prevClose = prevClose.value(code);
            m_session->buffer()->addReference(ref);
        }
        Workspace workspace;
        workspace.lists = {Watchlist{u"Bench"_s, codes, {}}};
        m_window = std::make_unique<MainWindow>(m_session.get(), m_settings.get(), nullptr, workspace, u"en"_s);
        m_window->resize(1360, 780);
        m_view = m_window->watchlists()->currentView();
        m_window->show();
        // Sorting stays on, as a trader would have it: by change %, largest first.
        m_view->sortByColumn(WatchlistModel::ChangePct, Qt::DescendingOrder);
        m_session->store()->drain();
    }
    ~AppHarness()
    {
        m_window.reset();
        m_session->shutdown();
    }
    bool start()
    {
        QString error;
        return m_session->start(&error);
    }
    MonitorSession* session() const { return m_session.get(); }
    QuoteStore* store() const { return m_session->store(); }
    MainWindow* window() const { return m_window.get(); }
    WatchlistView* view() const { return m_view; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MonitorSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    WatchlistView* m_view = nullptr;
};

// Lateness of a 1 ms single-shot timer re-armed on every shot: how long the GUI event loop keeps events waiting.
class LatenessProbe
{
public:
    LatenessProbe()
    {
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = Bench::nowNs();
            if (m_recording)
                m_samples.append(double(now - m_armedNs - 1000000) / 1e6);
            m_armedNs = now;
            m_timer.start();
        });
    }
    void start()
    {
        m_armedNs = Bench::nowNs();
        m_timer.start();
    }
    void setRecording(bool on) { m_recording = on; }
    const QList<double>& samples() const { return m_samples; }

private:
    QTimer m_timer;
    qint64 m_armedNs = 0;
    bool m_recording = false;
    QList<double> m_samples;
};

// Tick-to-paint: when the watchlist viewport paints a row whose quote carries a receive stamp not painted before,
// the sample is taken at the end of the window's update (paint and flush), or at the paint itself when the paint
// does not come from an update request.
class PaintProbe : public QObject
{
public:
    PaintProbe(QWidget* window, WatchlistView* view, QuoteStore* store)
        : m_window(window)
        , m_view(view)
        , m_store(store)
    {
        m_view->viewport()->installEventFilter(this);
        m_window->installEventFilter(this);
    }
    void setRecording(bool on) { m_recording = on; }
    const QList<double>& samples() const { return m_samples; }
    qint64 probeCpuNs() const { return m_cpuNs; }
    int updateRequests() const { return m_updates; }
    int paints() const { return m_paints; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == m_view->viewport() && event->type() == QEvent::Paint) {
            const qint64 cpu0 = Bench::threadCpuNs();
            ++m_paints;
            collect(static_cast<QPaintEvent*>(event)->region());
            if (!m_inUpdate)
                finish(UpdateBuffer::monotonicNowNs());
            m_cpuNs += Bench::threadCpuNs() - cpu0;
            return false;
        }
        if (watched == m_window && event->type() == QEvent::UpdateRequest && !m_inUpdate) {
            ++m_updates;
            m_inUpdate = true;
            static_cast<QObject*>(m_window)->event(event); // paint and flush now, then stamp
            m_inUpdate = false;
            const qint64 cpu0 = Bench::threadCpuNs();
            finish(UpdateBuffer::monotonicNowNs());
            m_cpuNs += Bench::threadCpuNs() - cpu0;
            return true;
        }
        return false;
    }

private:
    void collect(const QRegion& region)
    {
        if (!m_recording)
            return;
        const QAbstractItemModel* proxy = m_view->model();
        const QStringList codes = m_view->watchlistModel()->symbols();
        for (const QRect& rect : region) {
            const int first = m_view->rowAt(rect.top());
            if (first < 0)
                continue;
            int last = m_view->rowAt(rect.bottom());
            if (last < 0)
                last = proxy->rowCount() - 1;
            for (int row = first; row <= last; ++row) {
                const int source = m_view->sortProxy()->mapToSource(proxy->index(row, 0)).row();
                if (source < 0 || source >= codes.size())
                    continue;
                const QuoteState* q = m_store->quote(codes.at(source));
                if (q && q->receivedNs > m_painted.value(q->code, 0))
                    m_pending.append({q->code, q->receivedNs});
            }
        }
    }
    void finish(qint64 nowNs)
    {
        for (const auto& [code, receivedNs] : std::as_const(m_pending)) {
            qint64& painted = m_painted[code];
            if (receivedNs > painted) {
                painted = receivedNs;
                m_samples.append(double(nowNs - receivedNs) / 1e6);
            }
        }
        m_pending.clear();
    }

    QWidget* m_window;
    WatchlistView* m_view;
    QuoteStore* m_store;
    bool m_recording = false;
    bool m_inUpdate = false;
    int m_updates = 0;
    int m_paints = 0;
    qint64 m_cpuNs = 0;
    QList<QPair<QString, qint64>> m_pending;
    QHash<QString, qint64> m_painted;
    QList<double> m_samples;
};

quint64 messagesOf(const QList<ConnectionStats>& stats)
{
    quint64 n = 0;
    for (const ConnectionStats& s : stats)
        n += s.messages;
    return n;
}

} // namespace

Bench::Section runGuiBench(const GuiOptions& options)
{
    Bench::Section section(u"gui"_s);
    FloodServer::Config floodConfig;
    floodConfig.symbols = options.symbols;
    floodConfig.rate = options.rate;
    FloodRunner flood(floodConfig);
    if (!flood.isListening()) {
        section.fail(u"the flooding server could not listen on 127.0.0.1"_s);
        return section;
    }
    FloodServer* server = flood.server();
    AppHarness app(server->codes(), server->previousCloses(), server->url(u"/quote-stock-b-ws-api"_s, QString()),
                   server->url(u"/quote-b-ws-api"_s, QString()));
    quint64 messages = 0;
    QObject::connect(app.session(), &MonitorSession::statsChanged,
                     [&messages](const QList<ConnectionStats>& stats) { messages = messagesOf(stats); });
    quint64 changes = 0, drains = 0;
    QObject::connect(app.store(), &QuoteStore::quotesChanged, [&](const QList<QuoteChange>& list) {
        changes += quint64(list.size());
        ++drains;
    });
    LatenessProbe lateness;
    PaintProbe paint(app.window(), app.view(), app.store());
    lateness.start();
    if (!app.start()) {
        section.fail(u"the monitor session did not start"_s);
        return section;
    }
    Bench::runUntil([&] { return server->framesSent() > 0 && messages > 0; }, 10000);
    Bench::runFor(options.warmupMs);

    const quint64 sent0 = server->framesSent();
    const quint64 dropped0 = server->framesDropped();
    const quint64 messages0 = messages;
    const quint64 changes0 = changes, drains0 = drains;
    const qint64 t0 = Bench::nowNs();
    const qint64 cpu0 = Bench::threadCpuNs();
    const qint64 probeCpu0 = paint.probeCpuNs();
    lateness.setRecording(true);
    paint.setRecording(true);
    Bench::runFor(options.durationMs);
    lateness.setRecording(false);
    paint.setRecording(false);
    const qint64 t1 = Bench::nowNs();
    const qint64 cpu1 = Bench::threadCpuNs();
    const double seconds = double(t1 - t0) / 1e9;
    const quint64 sent = server->framesSent() - sent0;
    const quint64 dropped = server->framesDropped() - dropped0;
    // The stats arrive once a second: wait for the next one to count what arrived in the window.
    const quint64 messagesBefore = messages;
    Bench::runUntil([&] { return messages != messagesBefore; }, 2000);
    const double received = double(messages - messages0);
    const double guiCpu = double(cpu1 - cpu0) / double(t1 - t0) * 100.0;
    const double probeCpu = double(paint.probeCpuNs() - probeCpu0) / double(t1 - t0) * 100.0;

    section.add(u"symbols"_s, options.symbols, QString(), u"symbols in the watchlist (sorted by change %)"_s, 0);
    section.add(u"target_rate"_s, options.rate, u"ticks/s"_s, u"flood rate asked"_s, 0);
    section.add(u"sent_rate"_s, double(sent) / seconds, u"ticks/s"_s, u"ticks sent by the server"_s, 0);
    section.add(u"received_rate"_s, received / (seconds + 1.0), u"ticks/s"_s,
                u"ticks received by the feed (stats, about +-1 s)"_s, 0);
    section.add(u"dropped"_s, double(dropped), QString(), u"ticks the server dropped (client backlog)"_s, 0);
    section.add(u"drains_per_s"_s, double(drains - drains0) / seconds, QString(), u"store drains per second"_s, 1);
    section.add(u"changes_per_drain"_s, drains > drains0 ? double(changes - changes0) / double(drains - drains0) : 0,
                QString(), u"changed symbols per drain"_s, 0);
    const double lateP50 = Bench::percentile(lateness.samples(), 50);
    const double lateP99 = Bench::percentile(lateness.samples(), 99);
    const double lateMax = Bench::percentile(lateness.samples(), 100);
    section.add(u"lateness_p50_ms"_s, lateP50, u"ms"_s, u"event-loop lateness p50 (1 ms probe)"_s, 2);
    section.add(u"lateness_p99_ms"_s, lateP99, u"ms"_s, u"event-loop lateness p99"_s, 2);
    section.add(u"lateness_max_ms"_s, lateMax, u"ms"_s, u"event-loop lateness max"_s, 2);
    section.add(u"lateness_samples"_s, double(lateness.samples().size()), QString(), u"lateness samples"_s, 0);
    const double paintP50 = Bench::percentile(paint.samples(), 50);
    const double paintP99 = Bench::percentile(paint.samples(), 99);
    section.add(u"tick_to_paint_p50_ms"_s, paintP50, u"ms"_s, u"tick-to-paint p50 (receive to painted row)"_s, 2);
    section.add(u"tick_to_paint_p99_ms"_s, paintP99, u"ms"_s, u"tick-to-paint p99"_s, 2);
    section.add(u"tick_to_paint_samples"_s, double(paint.samples().size()), QString(), u"tick-to-paint samples"_s, 0);
    section.add(u"gui_cpu_percent"_s, guiCpu, u"% of a core"_s, u"GUI thread CPU"_s, 1);
    section.add(u"probe_cpu_percent"_s, probeCpu, u"% of a core"_s, u"  of which the paint probe itself"_s, 2);
    section.add(u"peak_rss_mib"_s, double(Bench::peakRssKiB()) / 1024.0, u"MiB"_s, u"peak RSS (VmHWM)"_s);
    section.addTarget(u"lateness"_s, lateP99 <= 16.0, u"event-loop lateness p99 <= 16 ms"_s);
    section.addTarget(u"tick_to_paint"_s, paint.samples().size() > 0 && paintP99 <= 50.0,
                      u"tick-to-paint p99 <= 50 ms"_s);
    section.addTarget(u"gui_cpu"_s, guiCpu <= 30.0, u"GUI thread <= 30% of a core"_s);
    if (paint.updateRequests() == 0)
        section.note(u"no window update requests seen: tick-to-paint stamped at paint start"_s);
    return section;
}

namespace {

// A full snapshot of every symbol: one trade and one 5-level book each, prices a few ticks from the last.
void fillSnapshot(UpdateBuffer* buffer, const QStringList& codes, const QHash<QString, Decimal>& prevClose,
                  quint64* rng, qint64 seq)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QString& code : codes) {
        *rng = *rng * 6364136223846793005ULL + 1442695040888963407ULL;
        const Decimal base = prevClose.value(code);
        const qint64 step = qint64((*rng >> 33) % 201) - 100; // -1% .. +1% in 0.01% steps
        const Decimal price = (base + base * Decimal::fromUnits(step, 4)).rounded(qMax(2, base.scale()));
        const Decimal tick = Decimal::fromUnits(1, qMax(2, base.scale()));
        TradeTick trade;
        trade.code = code;
        trade.seq = seq;
        trade.timeMs = now;
        trade.price = price;
        trade.volume = Decimal::fromInt(100 * qint64(1 + (*rng >> 40) % 50));
        trade.side = TradeSide((*rng >> 50) % 3);
        buffer->addTrade(trade);
        BookSnapshot book;
        book.code = code;
        book.seq = seq;
        book.timeMs = now;
        for (int level = 1; level <= 5; ++level) {
            book.bids.append(
                {price - tick * Decimal::fromInt(level), Decimal::fromInt(100 * (level + qint64(seq % 7)))});
            book.asks.append(
                {price + tick * Decimal::fromInt(level), Decimal::fromInt(100 * (level + qint64(seq % 5)))});
        }
        buffer->addBook(book);
    }
}

QStringList visibleOrder(WatchlistView* view)
{
    QStringList out;
    const int first = qMax(0, view->rowAt(0));
    int last = view->rowAt(view->viewport()->height() - 1);
    if (last < 0)
        last = view->model()->rowCount() - 1;
    for (int row = first; row <= last; ++row)
        out.append(view->model()->index(row, 0).data(WatchlistModel::CodeRole).toString());
    return out;
}

// Runs the posted events (dataChanged-driven updates, then the window's update request that paints).
void processPending()
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents(QEventLoop::AllEvents);
}

// Everything a change causes, to the last repaint: one pass paints what was marked dirty, but some work comes a pass
// later. After a re-sort the view lays its rows out again on a zero timer and only then marks the viewport, header
// and scroll bars dirty; a label whose text changed asks for a layout pass that repaints around it. With one pass
// that work was counted in the next snapshot's repaint.
void settle()
{
    processPending();
    processPending();
}

} // namespace

Bench::Section runWholeMarketBench(const WholeMarketOptions& options)
{
    Bench::Section section(u"whole_market"_s);
    const QStringList codes = FloodServer::makeCodes(options.symbols);
    const QHash<QString, Decimal> prevClose = FloodServer::previousCloses(codes);
    // The session is not started: this mode feeds its update buffer directly, as the feed thread would.
    AppHarness app(codes, prevClose, QUrl(u"ws://127.0.0.1:9/quote-stock-b-ws-api"_s),
                   QUrl(u"ws://127.0.0.1:9/quote-b-ws-api"_s));
    WatchlistView* view = app.view();
    WatchlistSortProxy* proxy = view->sortProxy();
    UpdateBuffer* buffer = app.session()->buffer();
    QuoteStore* store = app.store();
    quint64 rng = 12345;
    Bench::runFor(200);

    QList<double> applyCpu, applyWall, paintCpu, resortCpu, resortPaintCpu;
    for (int i = 0; i < options.snapshots + 2; ++i) {
        fillSnapshot(buffer, codes, prevClose, &rng, i + 1);
        const qint64 c0 = Bench::threadCpuNs();
        const qint64 w0 = Bench::nowNs();
        store->drain();
        const qint64 c1 = Bench::threadCpuNs();
        const qint64 w1 = Bench::nowNs();
        settle();
        const qint64 c2 = Bench::threadCpuNs();
        proxy->resortNow();
        const qint64 c3 = Bench::threadCpuNs();
        settle();
        const qint64 c4 = Bench::threadCpuNs();
        if (i < 2)
            continue; // the first snapshots fill empty rows and caches
        applyCpu.append(double(c1 - c0) / 1e6);
        applyWall.append(double(w1 - w0) / 1e6);
        paintCpu.append(double(c2 - c1) / 1e6);
        resortCpu.append(double(c3 - c2) / 1e6);
        resortPaintCpu.append(double(c4 - c3) / 1e6);
    }

    // Rows hold still while the scroll bar is held, and re-sort once it is released.
    QScrollBar* bar = view->verticalScrollBar();
    bar->setValue(bar->maximum() / 2);
    processPending();
    bar->setSliderDown(true);
    const QStringList before = visibleOrder(view);
    fillSnapshot(buffer, codes, prevClose, &rng, 1000);
    store->drain();
    Bench::runFor(600); // beyond the 250 ms re-sort interval
    const bool heldStill = visibleOrder(view) == before;
    bar->setSliderDown(false);
    Bench::runFor(600);
    const bool resortedAfter = visibleOrder(view) != before && !proxy->isResortPending();

    const double apply = Bench::median(applyCpu);
    const double paint = Bench::median(paintCpu);
    const double applyMax = Bench::percentile(applyCpu, 100);
    section.add(u"symbols"_s, options.symbols, QString(), u"rows (sorted by change %, window 1360x780)"_s, 0);
    section.add(u"snapshots"_s, options.snapshots, QString(), u"full snapshots (1 trade + 5-level book each)"_s, 0);
    section.add(u"apply_cpu_ms"_s, apply, u"ms"_s, u"apply: store drain + model/proxy/view notifications, median"_s, 2);
    section.add(u"apply_cpu_max_ms"_s, applyMax, u"ms"_s, u"apply, worst"_s, 2);
    section.add(u"apply_wall_ms"_s, Bench::median(applyWall), u"ms"_s, u"apply, wall clock, median"_s, 2);
    section.add(u"paint_cpu_ms"_s, paint, u"ms"_s, u"repaint it causes (visible rows, current symbol panels), median"_s,
                2);
    section.add(u"snapshot_cpu_ms"_s, apply + paint, u"ms"_s, u"snapshot total (apply + repaint), median"_s, 2);
    section.add(u"resort_cpu_ms"_s, Bench::median(resortCpu), u"ms"_s, u"re-sort (runs at most every 250 ms), median"_s,
                2);
    section.add(u"resort_paint_cpu_ms"_s, Bench::median(resortPaintCpu), u"ms"_s,
                u"repaint after the re-sort, median"_s, 2);
    section.add(u"snapshot_resort_cpu_ms"_s, apply + paint + Bench::median(resortCpu) + Bench::median(resortPaintCpu),
                u"ms"_s, u"snapshot with a re-sort right after it (re-sorts run at most every 250 ms)"_s, 2);
    section.addText(u"rows_still_while_scrolling"_s, heldStill ? u"yes"_s : u"no"_s,
                    u"rows hold still while the scroll bar is held"_s);
    section.addText(u"resorted_after_release"_s, resortedAfter ? u"yes"_s : u"no"_s,
                    u"rows re-sorted after the scroll bar is released"_s);
    section.add(u"peak_rss_mib"_s, double(Bench::peakRssKiB()) / 1024.0, u"MiB"_s, u"peak RSS (VmHWM)"_s);
    section.addTarget(u"snapshot"_s, apply + paint <= 5.0,
                      u"full 5,000-symbol snapshot <= 5 ms of GUI-thread time (apply + repaint)"_s);
    section.addTarget(u"rows_still"_s, heldStill, u"sorting on, rows do not jump while scrolling"_s);
    return section;
}

Bench::Section runMemoryBench(const MemoryOptions& options)
{
    Bench::Section section(u"memory"_s);
    FloodServer::Config floodConfig;
    floodConfig.symbols = options.symbols;
    floodConfig.rate = options.rate;
    floodConfig.poolFrames = 4 * options.symbols;
    FloodRunner flood(floodConfig);
    if (!flood.isListening()) {
        section.fail(u"the flooding server could not listen on 127.0.0.1"_s);
        return section;
    }
    FloodServer* server = flood.server();
    AppHarness app(server->codes(), server->previousCloses(), server->url(u"/quote-stock-b-ws-api"_s, QString()),
                   server->url(u"/quote-b-ws-api"_s, QString()));
    // Chart buffers: a full day (100,000 trades) for the first chartBuffers symbols, as if each had been charted.
    TickHistory* ticks = app.window()->tickHistory();
    const QStringList charted = server->codes().mid(0, options.chartBuffers);
    for (const QString& code : charted) {
        const qint64 day0 = QDateTime::currentMSecsSinceEpoch() - 4 * 3600 * 1000;
        const Decimal base = server->previousCloses().value(code, Decimal::fromInt(100));
        for (int done = 0; done < TickHistory::DefaultTicksPerSymbol; done += 10000) {
            QList<TradeTick> batch;
            batch.reserve(10000);
            for (int i = done; i < done + 10000; ++i) {
                TradeTick trade;
                trade.code = code;
                trade.seq = i;
                trade.timeMs = day0 + qint64(i) * 144;
                trade.price = base + Decimal::fromUnits(i % 200 - 100, 2);
                trade.volume = Decimal::fromInt(100 * (1 + i % 50));
                trade.turnover = trade.price * trade.volume;
                trade.side = TradeSide(i % 3);
                batch.append(trade);
            }
            ticks->append(batch);
        }
    }
    const qint64 ticksAtStart = ticks->totalCount();
    if (!app.start()) {
        section.fail(u"the monitor session did not start"_s);
        return section;
    }
    const qint64 durationMs = qint64(options.minutes * 60000.0);
    const int sampleMs = int(qBound(qint64(1000), qint64(options.sampleMs), qMax(qint64(1000), durationMs / 4)));
    const qint64 start = Bench::nowNs();
    QList<QPair<double, double>> samples; // (seconds, MiB)
    const quint64 sent0 = server->framesSent();
    while (true) {
        const double t = double(Bench::nowNs() - start) / 1e9;
        const double rss = double(Bench::rssKiB()) / 1024.0;
        samples.append({t, rss});
        progress(u"memory: %1 s RSS %2 MiB"_s.arg(t, 0, 'f', 0).arg(rss, 0, 'f', 1));
        if (t * 1000.0 >= double(durationMs))
            break;
        Bench::runFor(int(qMin<qint64>(sampleMs, durationMs - qint64(t * 1000.0) + 1)));
    }
    const double seconds = double(Bench::nowNs() - start) / 1e9;
    const double sentRate = double(server->framesSent() - sent0) / seconds;
    // Growth over the last half: the first sample at or after half time against the last.
    double half = samples.constFirst().second;
    for (const auto& [t, rss] : std::as_const(samples)) {
        if (t >= seconds / 2) {
            half = rss;
            break;
        }
    }
    const double last = samples.constLast().second;
    double peak = 0;
    for (const auto& sample : std::as_const(samples))
        peak = qMax(peak, sample.second);
    const double growth = half > 0 ? (last - half) / half * 100.0 : 0;
    section.add(u"symbols"_s, options.symbols, QString(), u"symbols in the watchlist"_s, 0);
    section.add(u"rate"_s, sentRate, u"ticks/s"_s, u"ticks sent"_s, 0);
    section.add(u"minutes"_s, seconds / 60.0, u"min"_s, u"duration"_s, 2);
    section.add(u"rss_start_mib"_s, samples.constFirst().second, u"MiB"_s, u"RSS at start"_s);
    section.add(u"rss_half_mib"_s, half, u"MiB"_s, u"RSS at half time"_s);
    section.add(u"rss_end_mib"_s, last, u"MiB"_s, u"RSS at the end"_s);
    section.add(u"rss_max_mib"_s, peak, u"MiB"_s, u"RSS max of the samples"_s);
    section.add(u"growth_last_half_percent"_s, growth, u"%"_s, u"growth over the last half"_s, 2);
    section.add(u"flood_pool_mib"_s, double(server->poolBytes()) / 1048576.0 * 2, u"MiB"_s,
                u"of which the flooding server's pre-encoded frames (about)"_s);
    section.add(u"peak_rss_mib"_s, double(Bench::peakRssKiB()) / 1024.0, u"MiB"_s, u"peak RSS (VmHWM)"_s);
    section.addTarget(u"rss"_s, peak <= 200.0, u"RSS <= 200 MB"_s);
    section.addTarget(u"flat"_s, growth < 2.0, u"RSS growth < 2% over the last half"_s);
    section.add(u"chart_ticks_start"_s, double(ticksAtStart), QString(),
                u"trades in the chart buffers at start (%1 symbols with a full day)"_s.arg(charted.size()), 0);
    section.add(
        u"chart_ticks_end"_s, double(ticks->totalCount()), QString(),
        u"trades in the chart buffers at the end (%1 symbols; cap %2, %3 bytes each)"_s.arg(ticks->symbolCount())
            .arg(ticks->totalCapacity())
            .arg(sizeof(TickSample)),
        0);
    return section;
}
