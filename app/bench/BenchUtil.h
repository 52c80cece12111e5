#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

// Small measuring helpers shared by the quotebench modes.
namespace Bench {

// Monotonic wall clock, ns.
qint64 nowNs();
// CPU time of the calling thread, ns (CLOCK_THREAD_CPUTIME_ID).
qint64 threadCpuNs();
// CPU time of the whole process (user + system), ns (getrusage).
qint64 processCpuNs();
// From /proc/self/status: VmRSS and VmHWM (peak), in KiB.
qint64 rssKiB();
qint64 peakRssKiB();

// Runs the event loop of the calling thread for `ms` milliseconds (the benchmark's own top-level loop).
void runFor(int ms);
// Runs the event loop until `done()` is true or `timeoutMs` passed; returns done().
bool runUntil(const std::function<bool()>& done, int timeoutMs);
// Runs fn in `context`'s thread and waits for it (Qt::BlockingQueuedConnection unless it is this thread).
void runIn(QObject* context, const std::function<void()>& fn);

// Percentile (0..100) of samples by nearest rank; 0 for no samples.
double percentile(QList<double> samples, double p);
double median(QList<double> samples);

// "AMD EPYC (2 CPUs)" from /proc/cpuinfo and the number of online CPUs.
QString cpuModel();
int cpuCount();

// Collects the figures of one mode for text and JSON output.
class Section
{
public:
    explicit Section(const QString& name)
        : m_name(name)
    {}
    QString name() const { return m_name; }
    void add(const QString& key, double value, const QString& unit, const QString& label, int decimals = 1);
    void addText(const QString& key, const QString& value, const QString& label);
    // A target: `met` with the target's wording, e.g. "pipeline >= 50% of raw".
    void addTarget(const QString& key, bool met, const QString& wording);
    void note(const QString& text) { m_notes.append(text); }
    // The mode could not run (its figures are missing): noted, and quotebench exits with status 1.
    void fail(const QString& why)
    {
        m_failed = true;
        m_notes.append(QStringLiteral("FAILED: ") + why);
    }
    bool failed() const { return m_failed; }
    QJsonObject json() const;
    QString text() const;

private:
    struct Line
    {
        QString label;
        QString value;
    };
    QString m_name;
    QJsonObject m_values;
    QJsonObject m_targets;
    QList<Line> m_lines;
    QStringList m_notes;
    bool m_failed = false;
};

} // namespace Bench
