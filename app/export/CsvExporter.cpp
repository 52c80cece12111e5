#include "CsvExporter.h"

#include "QuoteStore.h"
#include "SizeUnits.h"
#include "SymbolCatalog.h"

#include <QDateTime>
#include <QDir>
#include <QIODevice>
#include <QLocale>
#include <QSaveFile>
#include <QtNumeric>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Utf8Bom = QByteArrayLiteral("\xEF\xBB\xBF");
const QByteArray LineEnd = QByteArrayLiteral("\r\n");

// 10^n for 0 <= n <= 18.
qint64 pow10(int n)
{
    qint64 r = 1;
    while (n-- > 0)
        r *= 10;
    return r;
}

// 100 * change / prevClose. When both sides fit exactly in a double (|x| < 2^53) this is one correctly rounded
// division of exact integers, so the text does not depend on how the decimals convert to double.
double changePercent(const Decimal& change, const Decimal& prevClose)
{
    constexpr qint64 Exact = qint64(1) << 53;
    const int shift = prevClose.scale() - change.scale();
    qint64 num = 0;
    qint64 den = 0;
    const bool overflow = qMulOverflow(change.units(), qint64(100), &num) ||
                          (shift > 0 && qMulOverflow(num, pow10(shift), &num)) ||
                          qMulOverflow(prevClose.units(), shift < 0 ? pow10(-shift) : qint64(1), &den);
    if (!overflow && num > -Exact && num < Exact && den > -Exact && den < Exact)
        return double(num) / double(den);
    return 100.0 * change.toDouble() / prevClose.toDouble();
}

QString changePercentText(const QuoteState& q)
{
    const Decimal change = q.change();
    if (change.isNull() || q.prevClose.isNull() || q.prevClose.isZero())
        return QString();
    const double pct = changePercent(change, q.prevClose);
    // Shortest text that reads back as the same double, in fixed notation (never "1e-05"); -0 prints as 0.
    return QString::number(pct == 0.0 ? 0.0 : pct, 'f', QLocale::FloatingPointShortest);
}

QByteArray encodeLine(const QStringList& cells)
{
    QString line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            line += u',';
        line += CsvExporter::quoted(cells.at(i));
    }
    return line.toUtf8() + LineEnd;
}

// Writes `bytes` completely or returns false with the device's reason.
bool writeAll(QIODevice* device, const QByteArray& bytes, QString* reason)
{
    const qint64 written = device->write(bytes);
    if (written == bytes.size())
        return true;
    if (written < 0)
        *reason = device->errorString();
    else
        *reason = CsvExporter::tr("only %1 of %2 bytes could be written").arg(written).arg(bytes.size());
    return false;
}

bool writeRows(QIODevice* device, const QList<CsvRow>& rows, const CsvExporter::Options& options, QString* reason)
{
    if (!device || !device->isOpen() || !device->isWritable()) {
        *reason = CsvExporter::tr("the output is not open for writing");
        return false;
    }
    QByteArray head = encodeLine(CsvExporter::header().split(u','));
    if (options.utf8Bom)
        head.prepend(Utf8Bom);
    if (!writeAll(device, head, reason))
        return false;
    for (const CsvRow& row : rows) {
        if (!writeAll(device, encodeLine(CsvExporter::cells(row)), reason))
            return false;
    }
    return true;
}

} // namespace

QString CsvExporter::header()
{
    return u"symbol,name,source,last,change,change_pct,bid,bid_size,ask,ask_size,volume,turnover,open,high,low,"
           u"prev_close,time"_s;
}

QStringList CsvExporter::cells(const CsvRow& row)
{
    const QuoteState* q = row.quote;
    const QString code = row.code.isEmpty() && q ? q->code : row.code;
    if (!q) {
        QStringList empty(17);
        empty[0] = code;
        empty[1] = row.name;
        return empty;
    }
    const QTimeZone zone = Markets::timeZone(SymbolCatalog::builtIn().marketOf(code));
    // Sizes in the file are in shares (or the base asset, for crypto) whatever the feed: QMT's lots are converted.
    static const SizeUnits units = SizeUnits::forKnownFeeds();
    const bool lots = units.unitFor(code, q->source) == SizeUnits::Unit::Lots;
    const auto size = [lots](const Decimal& value) {
        return (lots ? value * Decimal::fromInt(SizeUnits::SharesPerLot) : value).toString();
    };
    return {
        code,
        row.name,
        q->source,
        q->last.toString(),
        q->change().toString(),
        changePercentText(*q),
        q->bid().toString(),
        size(q->bidSize()),
        q->ask().toString(),
        size(q->askSize()),
        size(q->volume),
        q->turnover.toString(),
        q->open.toString(),
        q->high.toString(),
        q->low.toString(),
        q->prevClose.toString(),
        formatTime(q->timeMs, zone),
    };
}

QString CsvExporter::quoted(const QString& field)
{
    const bool needsQuotes =
        field.contains(u',') || field.contains(u'"') || field.contains(u'\r') || field.contains(u'\n');
    if (!needsQuotes)
        return field;
    QString inner = field;
    inner.replace(u"\""_s, u"\"\""_s);
    return u'"' + inner + u'"';
}

QString CsvExporter::formatTime(qint64 ms, const QTimeZone& zone)
{
    if (ms == 0)
        return QString();
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    const QDateTime local = zone.isValid() ? utc.toTimeZone(zone) : utc;
    const int offset = local.offsetFromUtc();
    const int absOffset = std::abs(offset);
    const QDate d = local.date();
    const QTime t = local.time();
    // Built by hand: QDateTime::toString(Qt::ISODateWithMs) writes "Z" for UTC and would drop the offset for
    // local time; the digits must not depend on the locale either.
    return QString::asprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03d%c%02d:%02d", d.year(), d.month(), d.day(), t.hour(),
                             t.minute(), t.second(), t.msec(), offset < 0 ? '-' : '+', absOffset / 3600,
                             (absOffset % 3600) / 60);
}

bool CsvExporter::write(QIODevice* device, const QList<CsvRow>& rows, const Options& options, QString* error)
{
    QString reason;
    if (writeRows(device, rows, options, &reason))
        return true;
    if (error)
        *error = tr("Could not write the CSV data: %1").arg(reason);
    return false;
}

bool CsvExporter::writeFile(const QString& path, const QList<CsvRow>& rows, const Options& options, QString* error)
{
    QSaveFile file(path);
    const auto fail = [&](const QString& reason) {
        // Discards the temporary file; the previous file at `path` is not touched.
        file.cancelWriting();
        if (error)
            *error = tr("Could not export to \"%1\": %2").arg(QDir::toNativeSeparators(path), reason);
        return false;
    };
    if (path.isEmpty())
        return fail(tr("no file name given"));
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    QString reason;
    if (!writeRows(&file, rows, options, &reason))
        return fail(reason);
    // QSaveFile::commit() in Qt 6.4 does not notice a failing final flush (a full disk) and would rename a
    // truncated file over the old one, so flush and check first.
    if (!file.flush())
        return fail(file.errorString());
    if (!file.commit())
        return fail(file.errorString());
    return true;
}
