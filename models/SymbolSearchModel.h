#pragma once

#include "SymbolSearch.h"

#include <QAbstractTableModel>

#include <functional>

// Results of a symbol search as a table: Code, Name (in the UI language), Market, Feed. Optionally a first row that
// offers a typed code that is not in the catalog but valid for a feed ("Add code XYZ.US (not in catalog)").
class SymbolSearchModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Code, Name, MarketColumn, Feed, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        CodeRole = Qt::UserRole + 1, // QString: the row's symbol code
        RankRole,                    // int: SymbolSearch::Rank, or -1 for the uncatalogued row
        UncataloguedRole,            // bool: the row offers a typed code that is not in the catalog
    };

    using FeedLabeler = std::function<QString(const QString& code)>;

    explicit SymbolSearchModel(QObject* parent = nullptr);

    // Replaces the rows. uncataloguedCode, when not empty, becomes the first row.
    void setResults(const QList<SymbolSearch::Match>& matches, const QString& uncataloguedCode = QString());
    void clear() { setResults({}); }
    // Chinese names when true (English when a symbol has no Chinese name), English otherwise.
    void setChineseNames(bool chinese);
    bool chineseNames() const { return m_chinese; }
    // Which feed serves a code; SymbolSearch::defaultFeedLabel when unset or set to an empty function.
    void setFeedLabeler(FeedLabeler labeler);

    QString codeAt(int row) const;
    bool isUncatalogued(int row) const { return !m_uncatalogued.isEmpty() && row == 0; }

    // Translated market name ("Hong Kong", "Shanghai", "Forex", ...).
    static QString marketName(Market market);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString feedLabel(const QString& code) const;
    QString nameOf(const SymbolInfo& info, bool chinese) const;

    QList<SymbolSearch::Match> m_matches;
    QString m_uncatalogued;
    bool m_chinese = false;
    FeedLabeler m_feedLabeler;
};
