#pragma once

#include "QuoteStore.h"
#include "SizeUnits.h"

#include <QAbstractTableModel>
#include <QLocale>

#include <algorithm>
#include <optional>

// The order book (depth of market) of one symbol, read from the shared QuoteStore.
//
// Rows, top to bottom: asks from the deepest shown level down to ask 1, one spread row, then bid 1 down to the
// deepest. Each side has levelsPerSide() rows: at least five, more when the feed has sent deeper books for this symbol
// (up to ten, Hong Kong). The count never shrinks while the symbol stays selected, so the layout does not jump; levels
// the latest book does not have are empty rows, never levels left over from a previous update.
// Refreshes only when the book of its symbol changed (and for the previous close, which colours the prices).
class OrderBookModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Level, Price, Size, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        RawValueRole = Qt::UserRole + 1, // Decimal for prices and sizes (invalid QVariant when empty); on the spread
                                         // row a Decimal spread in Price and a double (basis points) in Size
        PriceDirectionRole,              // int: level price against the previous close (+1 above, -1 below, 0 equal
                                         // or unknown)
        SizeFractionRole,                // double 0..1: size / largest visible size on either side; invalid when the
                                         // level has no size
        SideRole,                        // int: RowKind
        LevelRole,                       // int: 1 for the best level, 0 on the spread row
    };

    enum RowKind { AskRow, SpreadRow, BidRow };
    Q_ENUM(RowKind)

    static constexpr int MinLevels = 5;
    static constexpr int MaxLevels = 10;

    explicit OrderBookModel(QuoteStore* store, QObject* parent = nullptr);

    QString symbol() const { return m_code; }
    // Follows `code` (one model reset); an empty code shows an empty book.
    void setSymbol(const QString& code);
    // Locale for numbers. Defaults to the system locale.
    void setDisplayLocale(const QLocale& locale);
    QLocale displayLocale() const { return m_locale; }
    // Units per source (QMT lots, ...). Defaults: shares for stocks, the base coin for crypto, none for forex.
    void setSizeUnits(const SizeUnits& units);
    const SizeUnits& sizeUnits() const { return m_units; }

    // Level rows on each side: max(MinLevels, deepest side seen for this symbol), at most MaxLevels.
    int levelsPerSide() const { return m_askLevels; }
    int spreadRow() const { return m_askLevels; }
    // Row of ask/bid `level` (1 = best), -1 when outside 1..levelsPerSide().
    int askRow(int level) const;
    int bidRow(int level) const;

    // Deepest side the feed has sent for this symbol since setSymbol() (0 before any book).
    int maxLevelsSeen() const { return m_maxLevelsSeen; }
    // The feed has only ever sent the best level: the widget shows an "L1" badge.
    bool isLevelOneOnly() const { return m_maxLevelsSeen == 1; }
    // True when the shown book has levels but none of them has a size (forex, metals).
    bool isPriceOnly() const;

    // Sum of the visible sizes of a side; null when the side is empty or has no sizes.
    Decimal askTotal() const { return m_askTotal; }
    Decimal bidTotal() const { return m_bidTotal; }
    // (bid total - ask total) / (bid total + ask total) * 100 (委比); empty without sizes on both sides.
    std::optional<double> imbalancePercent() const;
    // Ask 1 - bid 1; null when either side is empty.
    Decimal spread() const;
    // spread / mid * 10000; empty when either side is empty or the mid is not positive.
    std::optional<double> spreadBps() const;
    // Translated unit of the sizes ("shares", "lots", "BTC"); empty for price-only markets.
    QString sizeUnitLabel() const;

    const QList<BookLevel>& asks() const { return m_asks; }
    const QList<BookLevel>& bids() const { return m_bids; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Translated level label: "Ask 5" / "Bid 1" (卖五 / 买一).
    static QString levelLabel(RowKind side, int level);

Q_SIGNALS:
    // The shown book, totals, badge state or unit changed (after the model's own change signals).
    void bookChanged();

private:
    void onQuotesChanged(const QList<QuoteChange>& changes);
    // Reads the book of the symbol from the store; emits row and data changes.
    void refresh();
    // Copies the symbol's book and previous close from the store; no signals.
    void readStore();
    // Totals and the largest visible size, from the visible levels.
    void recomputeAggregates();
    const BookLevel* levelAtRow(int row, RowKind* kind, int* level) const;
    QVariant spreadData(int column, int role) const;

    QuoteStore* m_store;
    QString m_code;
    QString m_source;
    QList<BookLevel> m_asks;
    QList<BookLevel> m_bids;
    Decimal m_prevClose;
    Decimal m_askTotal;
    Decimal m_bidTotal;
    double m_maxSize = 0;
    // Rows per side; equal except for a moment while both sides grow.
    int m_askLevels = MinLevels;
    int m_bidLevels = MinLevels;
    int m_maxLevelsSeen = 0;
    QLocale m_locale;
    SizeUnits m_units;
};
