#include "WatchlistView.h"

#include "QuoteDelegate.h"
#include "WatchlistModel.h"
#include "WatchlistSortProxy.h"

#include <QHeaderView>
#include <QScrollBar>

WatchlistView::WatchlistView(WatchlistModel* model, QWidget* parent)
    : QTableView(parent)
    , m_model(model)
    , m_proxy(new WatchlistSortProxy(this))
    , m_delegate(new QuoteDelegate(this))
{
    m_proxy->setSourceModel(m_model);
    setModel(m_proxy);
    setItemDelegate(m_delegate);
    setSortingEnabled(true);
    sortByColumn(-1, Qt::AscendingOrder);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setShowGrid(false);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    verticalHeader()->setVisible(false);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(false);
    // Fixed widths set once: never resize columns per tick.
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const int widths[WatchlistModel::ColumnCount] = {11, 14, 11, 10, 10, 11, 10, 11, 10, 13, 16, 11, 11, 9, 9};
    for (int c = 0; c < WatchlistModel::ColumnCount; ++c)
        setColumnWidth(c, widths[c] * digit + 12);

    // Hold re-sorting while the user drags the scroll bar.
    connect(verticalScrollBar(), &QScrollBar::sliderPressed, this, [this] { m_proxy->setResortHeld(true); });
    connect(verticalScrollBar(), &QScrollBar::sliderReleased, this, [this] { m_proxy->setResortHeld(false); });
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { Q_EMIT currentSymbolChanged(currentSymbol()); });
}

QString WatchlistView::currentSymbol() const
{
    const QModelIndex current = currentIndex();
    return current.isValid() ? current.data(WatchlistModel::CodeRole).toString() : QString();
}
