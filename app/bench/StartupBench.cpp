#include "StartupBench.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

Bench::Section runStartupBench(const StartupOptions& options)
{
    Bench::Section section(u"startup"_s);
    const QString program = QDir(QCoreApplication::applicationDirPath()).filePath(u"quotemonitor"_s);
    if (!QFileInfo(program).isExecutable()) {
        section.fail(u"quotemonitor not found next to quotebench: "_s + program);
        return section;
    }

    QList<double> external, internal;
    int failures = 0;
    for (int i = 0; i < options.launches; ++i) {
        // A fresh home: no saved settings or workspace, the default watchlist on the built-in simulator.
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"QT_LOGGING_RULES"_s, u"qt.qpa.*=false"_s);
        env.insert(u"QM_REPORT_FIRST_PAINT"_s, u"1"_s);
        env.insert(u"HOME"_s, home.path());
        env.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
        env.insert(u"XDG_CACHE_HOME"_s, home.filePath(u"cache"_s));
        env.remove(u"ALLTICK_TOKEN"_s);
        QProcess process;
        process.setProcessEnvironment(env);
        process.setProgram(program);
        process.setArguments(
            {u"--demo"_s, u"--lang"_s, u"en"_s, u"--exit-after"_s, QString::number(options.timeoutMs / 1000 + 5)});
        QByteArray err;
        qint64 foundNs = 0;
        double reportedMs = -1;
        QObject::connect(&process, &QProcess::readyReadStandardError, [&] {
            err += process.readAllStandardError();
            const qsizetype at = err.indexOf("first-quote-painted ");
            const qsizetype end = at < 0 ? -1 : err.indexOf('\n', at);
            if (foundNs == 0 && end > at) {
                foundNs = Bench::nowNs();
                reportedMs = err.mid(at + 20, end - at - 20).trimmed().toDouble();
            }
        });
        const qint64 startNs = Bench::nowNs();
        process.start();
        Bench::runUntil([&] { return foundNs != 0 || process.state() == QProcess::NotRunning; }, options.timeoutMs);
        process.kill();
        Bench::runUntil([&] { return process.state() == QProcess::NotRunning; }, 5000);
        if (foundNs == 0) {
            ++failures;
            section.note(u"launch %1: no first-quote-painted report; stderr: %2"_s.arg(i + 1).arg(
                QString::fromUtf8(err.right(300))));
            continue;
        }
        external.append(double(foundNs - startNs) / 1e6);
        internal.append(reportedMs);
    }
    if (external.isEmpty()) {
        section.fail(u"quotemonitor never reported a painted quote"_s);
        return section;
    }
    const double p50 = Bench::median(external);
    const double worst = Bench::percentile(external, 100);
    section.add(u"launches"_s, double(external.size()), QString(), u"launches measured"_s, 0);
    section.add(u"first_quote_painted_ms"_s, p50, u"ms"_s, u"launch to first painted simulated quote, median"_s, 0);
    section.add(u"first_quote_painted_max_ms"_s, worst, u"ms"_s, u"launch to first painted simulated quote, worst"_s,
                0);
    section.add(u"in_process_ms"_s, Bench::median(internal), u"ms"_s, u"  as the app counts it (from main())"_s, 0);
    section.addTarget(u"startup"_s, failures == 0 && worst <= 1000.0, u"launch to first painted quote <= 1 s"_s);
    return section;
}
