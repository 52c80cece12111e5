#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

class QIODevice;
struct QuoteState;

// One line of the export: a watchlist symbol, its display name in the UI language and its quote (nullptr when
// nothing has arrived yet: the line then has the symbol and name and empty cells).
struct CsvRow
{
    QString code; // symbol code; when empty, quote->code is used
    QString name;
    const QuoteState* quote = nullptr;
};

// Writes the watchlist as CSV (RFC 4180, CRLF line ends, UTF-8 with an optional BOM). Numbers are exact decimals
// without separators or rounding, unknown values are empty cells, `time` is the exchange time of the latest update
// in ISO 8601 with milliseconds and the UTC offset of the symbol's exchange. Sizes (bid_size, ask_size, volume) are in
// shares, or in the base asset for crypto, whatever the feed: QMT Bridge rows, which the UI shows in lots (手), are
// converted at 100 shares a lot, so a script never has to know which feed served a row.
class CsvExporter
{
    Q_DECLARE_TR_FUNCTIONS(CsvExporter)
public:
    struct Options
    {
        bool utf8Bom = true;
    };

    // Writes to an open, writable device, checking every write. Returns false with a translated reason on failure.
    static bool write(QIODevice* device, const QList<CsvRow>& rows, const Options& options, QString* error);
    // Writes `path` atomically (QSaveFile): on any failure the previous file is left untouched and `error` gets a
    // translated message naming the file and the reason.
    static bool writeFile(const QString& path, const QList<CsvRow>& rows, const Options& options, QString* error);

    // The header line, without the line end.
    static QString header();
    // The unquoted cells of one row, in header order.
    static QStringList cells(const CsvRow& row);
    // RFC 4180 quoting: the field in double quotes, with quotes doubled, when it holds a comma, quote, CR or LF.
    static QString quoted(const QString& field);
    // "2026-11-24T09:30:01.123+08:00" (UTC is "+00:00", never "Z"); empty when ms == 0. An invalid zone means UTC.
    static QString formatTime(qint64 ms, const QTimeZone& zone);
};
