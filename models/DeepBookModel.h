#pragma once

#include "QuoteTypes.h"

#include <QAbstractTableModel>
#include <QLocale>

// A deep order book (QMT Level-2 thousand-level book: up to 1,000 levels a side) as a table.
//
// Rows, top to bottom: asks from the deepest level down to ask 1, then bid 1 down to the deepest bid (asks above, bids
// below). Each side has levelsPerSide() rows: the deepest side seen since the code changed, so rows never jump while
// the book breathes; levels the latest book does not have are empty rows, never left-overs. Columns: level, price,
// size, cumulative size from the best level outwards.
// Fed whole books (setBook); a book of another code resets the model, a book of the same code updates it with one
// dataChanged (plus row inserts when it got deeper).
class DeepBookModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Level, Price, Size, Cumulative, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        RawValueRole = Qt::UserRole + 1, // Decimal for price, size and cumulative (invalid when empty); int level
        SideRole,                        // int: RowKind
        LevelRole,                       // int: 1 for the best level
        SizeFractionRole,                // double 0..1: size / largest size on either side; invalid when empty
        CumulativeFractionRole,          // double 0..1: cumulative / the larger side total; invalid when empty
    };

    enum RowKind { AskRow, BidRow };
    Q_ENUM(RowKind)

    static constexpr int MaxLevels = 1000;

    explicit DeepBookModel(QObject* parent = nullptr);

    void setBook(const BookSnapshot& book);
    void clear();
    const BookSnapshot& book() const { return m_book; }
    QString code() const { return m_book.code; }
    void setDisplayLocale(const QLocale& locale);
    QLocale displayLocale() const { return m_locale; }
    // The unit shown in the size headers ("lots" for QMT); empty for none.
    void setSizeUnit(const QString& unit);

    int levelsPerSide() const { return m_levels; }
    // Row of ask/bid `level` (1 = best); -1 outside 1..levelsPerSide().
    int askRow(int level) const { return level >= 1 && level <= m_levels ? m_levels - level : -1; }
    int bidRow(int level) const { return level >= 1 && level <= m_levels ? m_levels + level - 1 : -1; }
    // Totals of the sides (null when empty).
    Decimal askTotal() const { return m_askTotal; }
    Decimal bidTotal() const { return m_bidTotal; }
    // Ask 1 - bid 1; null when a side is empty.
    Decimal spread() const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // After every book (the model's own signals come first).
    void bookChanged();

private:
    void recompute();
    // Level entry for a row; null for an empty row.
    const BookLevel* levelAt(int row, RowKind* kind, int* level, const Decimal** cumulative) const;

    BookSnapshot m_book;
    QList<Decimal> m_askCumulative;
    QList<Decimal> m_bidCumulative;
    Decimal m_askTotal;
    Decimal m_bidTotal;
    double m_maxSize = 0;
    double m_maxTotal = 0;
    int m_levels = 0;
    int m_insertingBids = 0; // bid rows not inserted yet while the book grows (two-step insert)
    QLocale m_locale;
    QString m_unit;
};
