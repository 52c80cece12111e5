// quotebench: proves with numbers that the pipeline keeps up with a firehose. See docs/PERFORMANCE.md.
#include "BenchUtil.h"
#include "ChartBench.h"
#include "GuiBench.h"
#include "IngestBench.h"
#include "StartupBench.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
void printOut(const QString& text)
{
    std::fputs(qUtf8Printable(text), stdout);
    std::fflush(stdout);
}
} // namespace

int main(int argc, char* argv[])
{
    // Measurements are taken on the offscreen platform unless the caller chose one.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"quotebench"_s);
    QLoggingCategory::setFilterRules(u"qt.qpa.*=false\nquotemonitor.feed.warning=false"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"QuoteMonitor benchmark. Modes (default --ingest): --ingest, --gui, --whole-market, --memory, --startup, "
        "--chart; "
        "--short runs every mode briefly (for CI); --all runs every mode at full length. All traffic stays on "
        "127.0.0.1; the GUI modes use the offscreen platform unless QT_QPA_PLATFORM is set."_s);
    parser.addHelpOption();
    const QCommandLineOption ingestOption(u"ingest"_s, u"Raw frame rate against the real pipeline, same run."_s);
    const QCommandLineOption guiOption(u"gui"_s, u"Main window under a paced flood: lateness, tick-to-paint, CPU."_s);
    const QCommandLineOption wholeOption(u"whole-market"_s, u"Full snapshots applied to a large sorted watchlist."_s);
    const QCommandLineOption memoryOption(u"memory"_s, u"RSS over time under a steady flood."_s);
    const QCommandLineOption startupOption(u"startup"_s, u"Launch quotemonitor to its first painted quote."_s);
    const QCommandLineOption chartOption(u"chart"_s, u"Tick chart: frame time with a full day of trades."_s);
    const QCommandLineOption ticksOption(u"ticks"_s, u"Trades of the day for --chart (100000)."_s, u"N"_s);
    parser.addOptions({chartOption, ticksOption});
    const QCommandLineOption shortOption(u"short"_s, u"Every mode with small durations (CI)."_s);
    const QCommandLineOption allOption(u"all"_s, u"Every mode at full length (memory: --minutes)."_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print the figures as JSON on stdout."_s);
    const QCommandLineOption symbolsOption(u"symbols"_s, u"Symbols (ingest/gui 1000, whole-market/memory 5000)."_s,
                                           u"N"_s);
    const QCommandLineOption rateOption(u"rate"_s, u"Ticks/s for --gui (100000) and --memory (20000)."_s, u"N"_s);
    const QCommandLineOption durationOption(u"duration"_s, u"Seconds measured per window (ingest 3, gui 10)."_s,
                                            u"SEC"_s);
    const QCommandLineOption roundsOption(u"rounds"_s, u"Ingest rounds, raw and pipeline alternating (3)."_s, u"N"_s);
    const QCommandLineOption minutesOption(u"minutes"_s, u"Length of --memory in minutes (10)."_s, u"M"_s);
    const QCommandLineOption snapshotsOption(u"snapshots"_s, u"Snapshots for --whole-market (20)."_s, u"N"_s);
    const QCommandLineOption launchesOption(u"launches"_s, u"Launches for --startup (3)."_s, u"N"_s);
    parser.addOptions({ingestOption, guiOption, wholeOption, memoryOption, startupOption, shortOption, allOption,
                       jsonOption, symbolsOption, rateOption, durationOption, roundsOption, minutesOption,
                       snapshotsOption, launchesOption});
    parser.process(app);

    const bool isShort = parser.isSet(shortOption);
    const bool all = isShort || parser.isSet(allOption);
    bool ingest = all || parser.isSet(ingestOption);
    const bool gui = all || parser.isSet(guiOption);
    const bool whole = all || parser.isSet(wholeOption);
    const bool memory = all || parser.isSet(memoryOption);
    const bool startup = all || parser.isSet(startupOption);
    const bool chart = all || parser.isSet(chartOption);
    if (!gui && !whole && !memory && !startup && !chart)
        ingest = true;
    const bool json = parser.isSet(jsonOption);
    const auto number = [&parser](const QCommandLineOption& option, double fallback) {
        bool ok = false;
        const double value = parser.value(option).toDouble(&ok);
        return parser.isSet(option) && ok && value > 0 ? value : fallback;
    };

    QList<Bench::Section> sections;
    const auto report = [&](const Bench::Section& section) {
        sections.append(section);
        if (!json)
            printOut(section.text());
    };

    if (!json)
        printOut(u"quotebench on %1 (%2 CPUs), Qt %3, %4 build\n"_s.arg(Bench::cpuModel())
                     .arg(Bench::cpuCount())
                     .arg(QString::fromLatin1(qVersion()), QStringLiteral(QM_BUILD_TYPE)));
    if (ingest) {
        IngestOptions o;
        o.symbols = int(number(symbolsOption, o.symbols));
        o.rounds = int(number(roundsOption, isShort ? 2 : o.rounds));
        o.durationMs = int(1000 * number(durationOption, isShort ? 1.0 : o.durationMs / 1000.0));
        o.warmupMs = isShort ? 200 : o.warmupMs;
        report(runIngestBench(o));
    }
    if (gui) {
        GuiOptions o;
        o.symbols = int(number(symbolsOption, o.symbols));
        o.rate = number(rateOption, o.rate);
        o.durationMs = int(1000 * number(durationOption, isShort ? 3.0 : o.durationMs / 1000.0));
        o.warmupMs = isShort ? 1000 : o.warmupMs;
        report(runGuiBench(o));
    }
    if (whole) {
        WholeMarketOptions o;
        o.symbols = int(number(symbolsOption, o.symbols));
        o.snapshots = int(number(snapshotsOption, isShort ? 5 : o.snapshots));
        report(runWholeMarketBench(o));
    }
    if (memory) {
        MemoryOptions o;
        o.symbols = int(number(symbolsOption, o.symbols));
        o.rate = number(rateOption, o.rate);
        o.minutes = number(minutesOption, isShort ? 0.1 : o.minutes);
        o.sampleMs = isShort ? 1000 : o.sampleMs;
        report(runMemoryBench(o));
    }
    if (startup) {
        StartupOptions o;
        o.launches = int(number(launchesOption, isShort ? 1 : o.launches));
        report(runStartupBench(o));
    }
    if (chart) {
        ChartOptions o;
        o.ticks = int(number(ticksOption, o.ticks));
        o.frames = isShort ? 30 : o.frames;
        o.undecimatedFrames = isShort ? 3 : o.undecimatedFrames;
        report(runChartBench(o));
    }

    bool failed = false;
    QJsonObject modes;
    for (const Bench::Section& section : std::as_const(sections)) {
        modes.insert(section.name(), section.json());
        failed = failed || section.failed();
    }
    if (json) {
        const QJsonObject machine{{u"cpu_model"_s, Bench::cpuModel()},
                                  {u"cpus"_s, Bench::cpuCount()},
                                  {u"qt"_s, QString::fromLatin1(qVersion())},
                                  {u"build_type"_s, QStringLiteral(QM_BUILD_TYPE)}};
        const QJsonObject root{{u"command"_s, QJsonArray::fromStringList(QCoreApplication::arguments())},
                               {u"machine"_s, machine},
                               {u"modes"_s, modes}};
        printOut(QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)));
    }
    return failed ? 1 : 0;
}
