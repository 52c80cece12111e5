#include "BenchUtil.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Bench {

qint64 nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

qint64 processCpuNs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto ns = [](const timeval& tv) { return qint64(tv.tv_sec) * 1000000000LL + qint64(tv.tv_usec) * 1000; };
    return ns(usage.ru_utime) + ns(usage.ru_stime);
}

namespace {
qint64 statusKiB(const char* key)
{
    QFile file(u"/proc/self/status"_s);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray prefix(key);
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}
} // namespace

qint64 rssKiB()
{
    return statusKiB("VmRSS:");
}

qint64 peakRssKiB()
{
    return statusKiB("VmHWM:");
}

void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

bool runUntil(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs)
        runFor(5);
    return done();
}

void runIn(QObject* context, const std::function<void()>& fn)
{
    if (context->thread() == QThread::currentThread())
        fn();
    else
        QMetaObject::invokeMethod(context, fn, Qt::BlockingQueuedConnection);
}

double percentile(QList<double> samples, double p)
{
    if (samples.isEmpty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(samples.size())));
    return samples.at(qBound<qsizetype>(0, rank - 1, samples.size() - 1));
}

double median(QList<double> samples)
{
    return percentile(std::move(samples), 50);
}

QString cpuModel()
{
    QFile file(u"/proc/cpuinfo"_s);
    if (file.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (const QByteArray& line : lines) {
            if (line.startsWith("model name"))
                return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
        }
    }
    return u"unknown"_s;
}

int cpuCount()
{
    return QThread::idealThreadCount();
}

void Section::add(const QString& key, double value, const QString& unit, const QString& label, int decimals)
{
    m_values.insert(key, std::isfinite(value) ? value : 0.0);
    m_lines.append({label, QString::number(value, 'f', decimals) + (unit.isEmpty() ? QString() : u' ' + unit)});
}

void Section::addText(const QString& key, const QString& value, const QString& label)
{
    m_values.insert(key, value);
    m_lines.append({label, value});
}

void Section::addTarget(const QString& key, bool met, const QString& wording)
{
    m_targets.insert(key, QJsonObject{{u"met"_s, met}, {u"target"_s, wording}});
    m_lines.append({u"target: "_s + wording, met ? u"MET"_s : u"NOT MET"_s});
}

QJsonObject Section::json() const
{
    QJsonObject out = m_values;
    if (!m_targets.isEmpty())
        out.insert(u"targets"_s, m_targets);
    if (!m_notes.isEmpty())
        out.insert(u"notes"_s, QJsonArray::fromStringList(m_notes));
    if (m_failed)
        out.insert(u"failed"_s, true);
    return out;
}

QString Section::text() const
{
    int width = 0;
    for (const Line& line : m_lines)
        width = qMax(width, int(line.label.size()));
    QString out = u"== "_s + m_name + u" ==\n"_s;
    for (const Line& line : m_lines)
        out += u"  "_s + line.label.leftJustified(width + 2, u'.') + u' ' + line.value + u'\n';
    for (const QString& note : m_notes)
        out += u"  note: "_s + note + u'\n';
    return out;
}

} // namespace Bench
