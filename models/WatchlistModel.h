#pragma once

#include "QuoteStore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QLocale>
#include <QSet>
#include <QStringList>

#include <vector>

// One watchlist: an ordered list of symbols shown as rows, values read from the shared QuoteStore.
// Keyed by code; emits dataChanged only for the cells whose value changed, once per store drain.
class WatchlistModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Symbol,
        Name,
        Last,
        Change,
        ChangePct,
        Bid,
        BidSize,
        Ask,
        AskSize,
        Volume,
        Turnover,
        High,
        Low,
        Time,
        Source,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        RawValueRole = Qt::UserRole + 1, // sortable value: double for numbers, qint64 for time, QString for text;
                                         // an invalid QVariant when unknown (sorted last by WatchlistSortProxy)
        DirectionRole,                   // int: sign of the change against the previous close (-1, 0, +1)
        TickDirectionRole,               // int: direction of the latest price move (-1, 0, +1)
        CodeRole,                        // QString: the row's symbol
        UpdatedMsRole,                   // qint64: local wall-clock time of the row's latest update
        LastMoveMsRole,                  // qint64: local wall-clock time of the latest price move (for flashing)
        StaleRole,                       // bool: no update for staleAfterMs while its feed is connected and
                                         //       its market is in session
    };

    explicit WatchlistModel(QuoteStore* store, QObject* parent = nullptr);

    QStringList symbols() const { return m_codes; }
    void setSymbols(const QStringList& codes);
    bool addSymbol(const QString& code);
    bool removeSymbol(const QString& code);
    int rowOf(const QString& code) const { return m_rows.value(code, -1); }
    // Moves one symbol to `to` (its row index after the move). Returns false when out of range.
    bool moveSymbol(int from, int to);
    // Rows with no update for this long while their feed is connected and their market open are stale.
    void setStaleAfterMs(int ms) { m_staleAfterMs = ms; }
    int staleAfterMs() const { return m_staleAfterMs; }
    // Sources whose feed is connected now ("alltick", "simulator", ...); the simulator trades around the clock.
    void setConnectedSources(const QSet<QString>& sources) { m_connectedSources = sources; }
    bool isStale(const QuoteState& q, qint64 nowMs) const;
    void setChineseNames(bool chinese);
    // Locale for display text (numbers, times). Defaults to the system locale.
    void setDisplayLocale(const QLocale& locale);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool moveRows(const QModelIndex& sourceParent, int sourceRow, int count, const QModelIndex& destinationParent,
                  int destinationChild) override;

    // What the watchlist delegate needs to paint one cell, in one call instead of a dozen role lookups through the
    // proxy (at whole-market scale the repaint of the visible rows is most of the GUI thread's work). Same values as
    // the roles: DisplayRole, TextAlignmentRole, DirectionRole, TickDirectionRole, LastMoveMsRole, StaleRole.
    struct CellPaint
    {
        QString text;
        Qt::Alignment alignment;
        int direction = 0;
        int tickDirection = 0;
        qint64 lastMoveMs = 0;
        bool stale = false;
    };
    // False when the row or column is out of range or the symbol has no quote entry.
    bool cellPaint(int row, int column, qint64 nowMs, CellPaint* out) const;
    // The numeric sort key of a cell: what RawValueRole holds as a number (times as ms), NaN when unknown. Cached per
    // row and recomputed only after the quote changed, so a re-sort does not recompute change % from exact decimals
    // in every comparison. Only for numeric columns (see hasNumericSortKey).
    double sortKey(int row, int column) const;
    static bool hasNumericSortKey(int column) { return column >= Last && column <= Time; }

    // Display formatting shared with other views.
    static QString formatPrice(const Decimal& price, const QString& code, const QLocale& locale);
    static QString formatQuantity(const Decimal& value, const QLocale& locale);
    static QString formatSigned(const Decimal& value, const QString& code, const QLocale& locale);
    static QString formatPercent(double value, const QLocale& locale);

private:
    void onQuotesChanged(const QList<QuoteChange>& changes);
    void rebuildIndex();
    QString displayValue(const QuoteState& q, int column) const;
    QVariant rawValue(const QuoteState& q, int column) const;
    static Qt::Alignment alignmentOf(int column);

    // Values derived from a row's quote, kept until the quote changes: the display text of each column (recomputed
    // lazily, on the next paint, for the columns whose dirty bit is set) and the direction. What a store drain writes
    // (dirty bits, the latest move) is kept in 16 bytes a row, apart from the texts, so marking 5,000 rows touches
    // 80 KB instead of a cache line in each row's texts.
    struct RowCache
    {
        static constexpr quint32 AllColumns = (1u << ColumnCount) - 1;
        quint32 textDirty = AllColumns;
        bool directionDirty = true;
        qint8 direction = 0;     // sign of the change against the previous close
        qint8 tickDirection = 0; // direction of the latest price move
        qint64 lastMoveMs = 0;   // wall-clock time of the latest price move
    };
    struct RowTexts
    {
        QString text[ColumnCount];
    };
    const QString& cachedText(int row, const QuoteState& q, int column) const;
    int cachedDirection(RowCache& cache, const QuoteState& q) const;
    void invalidateText(quint32 columns);
    void resetSortKeys();

    QuoteStore* m_store;
    QStringList m_codes;
    QHash<QString, int> m_rows;
    mutable std::vector<RowCache> m_cache; // one per row, in row order
    mutable std::vector<RowTexts> m_texts; // one per row, in row order
    // Sort keys apart from the rest, column after column, so a sort walks two small arrays (40 KB a column at 5,000
    // rows) instead of the row caches: a bit per column and row says which keys to recompute. Reset when rows move.
    mutable std::vector<quint32> m_keyDirty;
    mutable std::vector<double> m_keys;    // m_keys[column * rowCount + row]
    std::vector<quint32> m_changedColumns; // scratch for onQuotesChanged: changed columns per row, zero otherwise
    QSet<QString> m_connectedSources;
    int m_staleAfterMs = 30000;
    bool m_chinese = false;
    QLocale m_locale;
};
