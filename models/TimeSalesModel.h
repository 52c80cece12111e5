#pragma once

#include "QuoteStore.h"
#include "SizeUnits.h"

#include <QAbstractTableModel>
#include <QLocale>
#include <QPointer>
#include <QTimeZone>

class TradeTape;

// Time & sales (逐笔成交) of one symbol: newest trade first, bounded to maxRows() rows.
//
// Fed by QuoteStore::tradesAppended, filtered to its symbol: each batch of N new trades is one insertion of rows
// 0..N-1, and when the model is full the oldest rows are removed from the bottom first (never a reset per batch).
// setSymbol() clears the model (one reset) and, when a TradeTape is given, starts from the tape's recent trades of the
// new symbol; without a tape the new symbol starts empty.
class TimeSalesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Price, Size, Side, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        RawValueRole = Qt::UserRole + 1, // qint64 ms since the epoch for Time, Decimal for Price and Size (invalid
                                         // when unknown), int side for Side
        SideRole,                        // int: +1 buy, -1 sell, 0 neutral
    };

    static constexpr int DefaultMaxRows = 500;

    // `tape` may be null.
    explicit TimeSalesModel(QuoteStore* store, TradeTape* tape = nullptr, QObject* parent = nullptr);

    QString symbol() const { return m_code; }
    void setSymbol(const QString& code);
    int maxRows() const { return m_maxRows; }
    // At least 1; lowering it drops the oldest rows at once.
    void setMaxRows(int rows);
    void setDisplayLocale(const QLocale& locale);
    void setSizeUnits(const SizeUnits& units);
    // Translated unit of the sizes ("shares", "BTC"); empty for price-only markets.
    QString sizeUnitLabel() const;

    // The trade shown on `row` (0 = newest).
    const TradeTick& tradeAt(int row) const { return m_trades.at(m_trades.size() - 1 - row); }
    // Translated side text: "Buy", "Sell", "—".
    static QString sideText(TradeSide side);
    static int sideSign(TradeSide side) { return side == TradeSide::Buy ? 1 : (side == TradeSide::Sell ? -1 : 0); }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    // Adds the trades of this symbol from a batch (oldest first); others are ignored.
    void appendTrades(const QList<TradeTick>& trades);

private:
    // Adds trades (oldest first, all of this symbol): removes overflow at the bottom, then inserts at the top.
    void prepend(QList<TradeTick> trades);
    void onQuotesChanged(const QList<QuoteChange>& changes);
    void readSymbolFacts();

    QuoteStore* m_store;
    QPointer<TradeTape> m_tape;
    QString m_code;
    QString m_source;
    QTimeZone m_zone;
    bool m_priceOnly = false;
    QList<TradeTick> m_trades; // oldest first; row r shows m_trades[size - 1 - r]
    int m_maxRows = DefaultMaxRows;
    QLocale m_locale;
    SizeUnits m_units;
};
