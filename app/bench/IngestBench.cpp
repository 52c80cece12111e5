#include "IngestBench.h"

#include "FloodServer.h"
#include "QuoteStore.h"
#include "UpdateBuffer.h"
#include "feed/AllTickConnection.h"
#include "protocol/AllTickCodec.h"

#include <QThread>
#include <QWebSocket>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// The baseline: a QWebSocket that only counts text frames.
class CountingClient : public QObject
{
public:
    explicit CountingClient(const QUrl& url)
        : m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
    {
        connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString&) { ++m_frames; });
        m_socket->open(url);
    }
    ~CountingClient() override { m_socket->abort(); }
    quint64 frames() const { return m_frames; }

private:
    QWebSocket* m_socket;
    quint64 m_frames = 0;
};

struct Sample
{
    quint64 frames = 0;
    qint64 ns = 0;
    qint64 threadCpu = 0;
};

struct Window
{
    double rate = 0;        // frames/s
    double clientCpuUs = 0; // receiving thread CPU per frame
    double guiCpuUs = 0;    // this thread's CPU per frame (the store's drains)
    double processCpuUs = 0;
};

Window measure(QObject* clientContext, const std::function<quint64()>& frames, int durationMs)
{
    const auto sample = [&] {
        Sample s;
        Bench::runIn(clientContext, [&] {
            s.frames = frames();
            s.ns = Bench::nowNs();
            s.threadCpu = Bench::threadCpuNs();
        });
        return s;
    };
    const qint64 gui0 = Bench::threadCpuNs();
    const qint64 proc0 = Bench::processCpuNs();
    const Sample s0 = sample();
    Bench::runFor(durationMs);
    const Sample s1 = sample();
    const qint64 gui1 = Bench::threadCpuNs();
    const qint64 proc1 = Bench::processCpuNs();
    Window w;
    const double n = double(s1.frames - s0.frames);
    if (n <= 0 || s1.ns <= s0.ns)
        return w;
    w.rate = n * 1e9 / double(s1.ns - s0.ns);
    w.clientCpuUs = double(s1.threadCpu - s0.threadCpu) / 1000.0 / n;
    w.guiCpuUs = double(gui1 - gui0) / 1000.0 / n;
    w.processCpuUs = double(proc1 - proc0) / 1000.0 / n;
    return w;
}

void progress(const QString& text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
    std::fflush(stderr);
}

// The decoder alone on this thread: CPU per message over the flooding server's pool, decoded `passes` times, with
// the one-pass push scanner and with every frame through simdjson.
struct DecodeCost
{
    double trade = 0, depth = 0, mixed = 0; // us per message
};

DecodeCost decodeCost(const QList<QByteArray>& payloads, bool fastPath, int passes)
{
    QList<QByteArray> kinds[2];
    for (const QByteArray& payload : payloads)
        kinds[payload.startsWith("{\"cmd_id\":22999") ? 1 : 0].append(payload); // the pool's exact form
    AllTick::Decoder decoder;
    decoder.setFastPathEnabled(fastPath);
    quint64 sink = 0;
    double perMessageNs[2] = {0, 0};
    for (int k = 0; k < 2; ++k) {
        const qint64 start = Bench::threadCpuNs();
        for (int pass = 0; pass < passes; ++pass) {
            for (const QByteArray& payload : std::as_const(kinds[k]))
                sink += quint64(decoder.decode(QByteArrayView(payload)).kind);
        }
        const qint64 n = qint64(passes) * kinds[k].size();
        perMessageNs[k] = n > 0 ? double(Bench::threadCpuNs() - start) / double(n) : 0;
    }
    if (sink == 42) // keeps the decoding from being optimised away
        std::fputs("", stderr);
    DecodeCost cost;
    cost.trade = perMessageNs[0] / 1000.0;
    cost.depth = perMessageNs[1] / 1000.0;
    const double total = double(kinds[0].size() + kinds[1].size());
    cost.mixed =
        total > 0 ? (perMessageNs[0] * kinds[0].size() + perMessageNs[1] * kinds[1].size()) / total / 1000.0 : 0;
    return cost;
}

} // namespace

Bench::Section runIngestBench(const IngestOptions& options)
{
    Bench::Section section(u"ingest"_s);

    FloodServer::Config floodConfig;
    floodConfig.symbols = options.symbols;
    auto* server = new FloodServer(floodConfig);
    QThread serverThread;
    serverThread.setObjectName(u"flood"_s);
    server->moveToThread(&serverThread);
    serverThread.start();
    bool listening = false;
    Bench::runIn(server, [&] { listening = server->listen(); });
    QThread clientThread;
    clientThread.setObjectName(u"client"_s);
    clientThread.start();
    auto* clientContextObject = new QObject;
    clientContextObject->moveToThread(&clientThread);
    QObject::connect(&clientThread, &QThread::finished, clientContextObject, &QObject::deleteLater);
    QObject& clientContext = *clientContextObject;

    const QStringList codes = server->codes();
    const QUrl url = server->url(u"/flood"_s);
    QList<double> rawRates, pipeRates, rawCpu, pipeCpu, guiCpu, procCpu, ratios;
    int symbolsWithQuotes = 0;

    for (int round = 0; listening && round < options.rounds; ++round) {
        // Raw: count frames only.
        CountingClient* counter = nullptr;
        Bench::runIn(&clientContext, [&] { counter = new CountingClient(url); });
        const auto rawFrames = [&counter] { return counter->frames(); };
        quint64 seen = 0;
        Bench::runUntil(
            [&] {
                Bench::runIn(&clientContext, [&] { seen = rawFrames(); });
                return seen > 0;
            },
            5000);
        Bench::runFor(options.warmupMs);
        const Window raw = measure(&clientContext, rawFrames, options.durationMs);
        Bench::runIn(&clientContext, [&] { delete counter; });
        Bench::runUntil([&] { return server->connectionCount() == 0; }, 5000);

        // Pipeline: the project's client, decoder, update buffer and quote store.
        UpdateBuffer buffer;
        QuoteStore store;
        store.attach(&buffer);
        AllTickConnection* connection = nullptr;
        Bench::runIn(&clientContext, [&] {
            AllTickConnection::Config config;
            config.url = url;
            connection = new AllTickConnection(u"bench"_s, config, &buffer);
            connection->setSymbols(codes);
        });
        const auto pipeFrames = [&connection] { return connection->takeStats().messages; };
        Bench::runUntil(
            [&] {
                Bench::runIn(&clientContext, [&] { seen = pipeFrames(); });
                return seen > 0;
            },
            5000);
        Bench::runFor(options.warmupMs);
        const Window pipe = measure(&clientContext, pipeFrames, options.durationMs);
        Bench::runIn(&clientContext, [&] {
            connection->stop();
            delete connection;
        });
        Bench::runUntil([&] { return server->connectionCount() == 0; }, 5000);
        store.drain();
        symbolsWithQuotes = 0;
        for (const QString& code : codes) {
            const QuoteState* q = store.quote(code);
            if (q && (!q->last.isNull() || !q->bid().isNull()))
                ++symbolsWithQuotes;
        }

        rawRates.append(raw.rate);
        pipeRates.append(pipe.rate);
        rawCpu.append(raw.clientCpuUs);
        pipeCpu.append(pipe.clientCpuUs);
        guiCpu.append(pipe.guiCpuUs);
        procCpu.append(pipe.processCpuUs);
        ratios.append(raw.rate > 0 ? pipe.rate / raw.rate : 0);
        progress(u"ingest round %1: raw %2 frames/s, pipeline %3 frames/s (%4%)"_s.arg(round + 1)
                     .arg(raw.rate, 0, 'f', 0)
                     .arg(pipe.rate, 0, 'f', 0)
                     .arg(raw.rate > 0 ? 100.0 * pipe.rate / raw.rate : 0, 0, 'f', 1));
    }

    Bench::runIn(server, [&] { server->close(); });
    QObject::connect(&serverThread, &QThread::finished, server, &QObject::deleteLater);
    serverThread.quit();
    serverThread.wait();
    clientThread.quit();
    clientThread.wait();

    const double rawRate = Bench::median(rawRates);
    const double pipeRate = Bench::median(pipeRates);
    const double ratio = rawRate > 0 ? pipeRate / rawRate : 0;
    section.add(u"symbols"_s, options.symbols, QString(), u"symbols (75% trades / 25% depth)"_s, 0);
    section.add(u"rounds"_s, options.rounds, QString(), u"rounds (median reported)"_s, 0);
    section.add(u"raw_frames_per_s"_s, rawRate, u"frames/s"_s, u"raw receive rate (counting QWebSocket)"_s, 0);
    section.add(u"pipeline_frames_per_s"_s, pipeRate, u"frames/s"_s,
                u"pipeline rate (AllTickConnection + decoder + UpdateBuffer + QuoteStore)"_s, 0);
    section.add(u"ratio"_s, ratio, QString(), u"pipeline / raw"_s, 3);
    section.add(u"ratio_min"_s, ratios.isEmpty() ? 0 : *std::min_element(ratios.cbegin(), ratios.cend()), QString(),
                u"pipeline / raw, worst round"_s, 3);
    section.add(u"raw_client_cpu_us_per_frame"_s, Bench::median(rawCpu), u"us"_s,
                u"raw: receiving thread CPU per frame"_s, 3);
    section.add(u"pipeline_feed_cpu_us_per_msg"_s, Bench::median(pipeCpu), u"us"_s,
                u"pipeline: feed thread CPU per message"_s, 3);
    section.add(u"pipeline_gui_cpu_us_per_msg"_s, Bench::median(guiCpu), u"us"_s,
                u"pipeline: GUI thread (store drains) CPU per message"_s, 3);
    section.add(u"pipeline_process_cpu_us_per_msg"_s, Bench::median(procCpu), u"us"_s,
                u"pipeline: whole process CPU per message (includes the flooding server)"_s, 3);
    const QList<QByteArray> payloads = FloodServer(floodConfig).payloads();
    const int passes = options.durationMs >= 1000 ? 5 : 1;
    const DecodeCost scanned = decodeCost(payloads, true, passes);
    const DecodeCost simd = decodeCost(payloads, false, passes);
    section.add(u"decode_us_per_msg"_s, scanned.mixed, u"us"_s, u"decoder alone, one thread: CPU per message"_s, 3);
    section.add(u"decode_trade_us"_s, scanned.trade, u"us"_s, u"decoder alone: trade push"_s, 3);
    section.add(u"decode_depth_us"_s, scanned.depth, u"us"_s, u"decoder alone: depth push"_s, 3);
    section.add(u"decode_simdjson_us_per_msg"_s, simd.mixed, u"us"_s,
                u"decoder alone, every frame through simdjson: CPU per message"_s, 3);
    section.add(u"symbols_with_quotes"_s, symbolsWithQuotes, QString(), u"symbols with a quote in the store"_s, 0);
    section.add(u"peak_rss_mib"_s, double(Bench::peakRssKiB()) / 1024.0, u"MiB"_s, u"peak RSS (VmHWM)"_s);
    section.addTarget(u"ingest_ratio"_s, ratio >= 0.5, u"pipeline rate >= 50% of raw frame rate"_s);
    if (!listening)
        section.fail(u"the flooding server could not listen on 127.0.0.1"_s);
    else if (rawRate <= 0 || pipeRate <= 0)
        section.fail(u"no frames were received"_s);
    return section;
}
