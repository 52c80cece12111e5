#pragma once

#include "QuoteStore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QLocale>
#include <QSet>
#include <QStringList>

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

    // Display formatting shared with other views.
    static QString formatPrice(const Decimal& price, const QString& code, const QLocale& locale);
    static QString formatQuantity(const Decimal& value, const QLocale& locale);
    static QString formatSigned(const Decimal& value, const QString& code, const QLocale& locale);
    static QString formatPercent(double value, const QLocale& locale);

private:
    void onQuotesChanged(const QList<QuoteChange>& changes);
    void rebuildIndex();
    QVariant displayValue(const QuoteState& q, int column) const;
    QVariant rawValue(const QuoteState& q, int column) const;

    QuoteStore* m_store;
    QStringList m_codes;
    QHash<QString, int> m_rows;
    QHash<QString, int> m_tickDirection;
    QHash<QString, qint64> m_lastMoveMs;
    QSet<QString> m_connectedSources;
    int m_staleAfterMs = 30000;
    bool m_chinese = false;
    QLocale m_locale;
};
