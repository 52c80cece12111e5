#include "WatchlistView.h"

#include "QuoteDelegate.h"
#include "WatchlistModel.h"
#include "WatchlistSortProxy.h"

#include <QContextMenuEvent>
#include <QDateTime>
#include <QDropEvent>
#include <QHeaderView>
#include <QMenu>
#include <QScrollBar>

WatchlistView::WatchlistView(WatchlistModel* model, QWidget* parent)
    : QTableView(parent)
    , m_model(model)
    , m_proxy(new WatchlistSortProxy(this))
    , m_delegate(new QuoteDelegate(this))
    , m_flashTimer(this)
    , m_staleTimer(this)
{
    m_proxy->setSourceModel(m_model);
    setModel(m_proxy);
    setItemDelegate(m_delegate);
    setSortingEnabled(true);
    m_proxy->sort(-1);
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setShowGrid(false);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::InternalMove);
    setDefaultDropAction(Qt::MoveAction);
    setDragDropOverwriteMode(false);
    verticalHeader()->setVisible(false);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(horizontalHeader(), &QHeaderView::customContextMenuRequested, this, &WatchlistView::showHeaderMenu);
    // Fixed widths set once: never resize columns per tick.
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const int widths[WatchlistModel::ColumnCount] = {10, 14, 10, 9, 10, 10, 9, 10, 9, 11, 14, 10, 10, 8, 9};
    for (int c = 0; c < WatchlistModel::ColumnCount; ++c)
        setColumnWidth(c, widths[c] * digit + 12);

    // Hold re-sorting while the user drags the scroll bar.
    connect(verticalScrollBar(), &QScrollBar::sliderPressed, this, [this] { m_proxy->setResortHeld(true); });
    connect(verticalScrollBar(), &QScrollBar::sliderReleased, this, [this] { m_proxy->setResortHeld(false); });
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { Q_EMIT currentSymbolChanged(currentSymbol()); });

    // Flashes fade at 25 frames/s, repainting only the last-price column, and only while a flash is live.
    m_flashTimer.setInterval(40);
    connect(&m_flashTimer, &QTimer::timeout, this, &WatchlistView::refreshLiveCells);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& tl, const QModelIndex& br) {
        if (m_delegate->flashEnabled() && tl.column() <= WatchlistModel::Last && br.column() >= WatchlistModel::Last &&
            !m_flashTimer.isActive())
            m_flashTimer.start();
    });
    m_staleTimer.setInterval(1000);
    connect(&m_staleTimer, &QTimer::timeout, viewport(), qOverload<>(&QWidget::update));
    m_staleTimer.start();
}

void WatchlistView::refreshLiveCells()
{
    const int x = columnViewportPosition(WatchlistModel::Last);
    if (x >= 0 || columnWidth(WatchlistModel::Last) > 0)
        viewport()->update(QRect(x, 0, columnWidth(WatchlistModel::Last), viewport()->height()));
    // Stop once every visible flash has faded.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const int first = qMax(0, rowAt(0));
    int last = rowAt(viewport()->height() - 1);
    if (last < 0)
        last = m_proxy->rowCount() - 1;
    for (int row = first; row <= last; ++row) {
        const qint64 moved =
            m_proxy->index(row, WatchlistModel::Last).data(WatchlistModel::LastMoveMsRole).toLongLong();
        if (now - moved < QuoteDelegate::FlashMs)
            return;
    }
    m_flashTimer.stop();
}

QString WatchlistView::currentSymbol() const
{
    const QModelIndex current = currentIndex();
    return current.isValid() ? current.data(WatchlistModel::CodeRole).toString() : QString();
}

QStringList WatchlistView::selectedSymbols() const
{
    QStringList codes;
    const QModelIndexList rows = selectionModel()->selectedRows();
    for (const QModelIndex& index : rows)
        codes.append(index.data(WatchlistModel::CodeRole).toString());
    return codes;
}

void WatchlistView::selectSymbol(const QString& code)
{
    const int sourceRow = m_model->rowOf(code);
    if (sourceRow < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    setCurrentIndex(index);
    scrollTo(index);
}

void WatchlistView::removeSelected()
{
    const QStringList codes = selectedSymbols();
    if (codes.isEmpty())
        return;
    const int row = currentIndex().row();
    for (const QString& code : codes)
        m_model->removeSymbol(code);
    if (m_proxy->rowCount() > 0)
        setCurrentIndex(m_proxy->index(qMin(row, m_proxy->rowCount() - 1), 0));
}

void WatchlistView::clearSorting()
{
    m_proxy->sort(-1);
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
}

void WatchlistView::moveCurrent(int delta)
{
    const QString code = currentSymbol();
    if (code.isEmpty())
        return;
    // Moving rows defines a manual order: show it.
    if (m_proxy->sortColumn() >= 0)
        clearSorting();
    const int from = m_model->rowOf(code);
    const int to = qBound(0, from + delta, m_model->rowCount() - 1);
    if (m_model->moveSymbol(from, to))
        selectSymbol(code);
}

void WatchlistView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace) {
        removeSelected();
        return;
    }
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->key() == Qt::Key_Up) {
            moveCurrent(-1);
            return;
        }
        if (event->key() == Qt::Key_Down) {
            moveCurrent(1);
            return;
        }
    }
    // Type-anywhere search: a letter or digit without modifiers opens the symbol search.
    const QString text = event->text();
    if (!(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) && text.size() == 1 &&
        text.at(0).isLetterOrNumber()) {
        Q_EMIT searchRequested(text);
        return;
    }
    QTableView::keyPressEvent(event);
}

void WatchlistView::contextMenuEvent(QContextMenuEvent* event)
{
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const bool hasRow = currentIndex().isValid();
    menu->addAction(tr("Add symbol..."), this, &WatchlistView::addSymbolRequested);
    QAction* remove = menu->addAction(tr("Remove"), this, &WatchlistView::removeSelected);
    remove->setShortcut(QKeySequence::Delete);
    remove->setEnabled(hasRow);
    menu->addSeparator();
    QAction* up = menu->addAction(tr("Move up"), this, [this] { moveCurrent(-1); });
    up->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Up));
    up->setEnabled(hasRow);
    QAction* down = menu->addAction(tr("Move down"), this, [this] { moveCurrent(1); });
    down->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Down));
    down->setEnabled(hasRow);
    QAction* manual = menu->addAction(tr("Manual order (clear sorting)"), this, &WatchlistView::clearSorting);
    manual->setEnabled(m_proxy->sortColumn() >= 0);
    menu->popup(event->globalPos());
}

void WatchlistView::dropEvent(QDropEvent* event)
{
    if (event->source() != this) {
        event->ignore();
        return;
    }
    const QString code = currentSymbol();
    if (code.isEmpty()) {
        event->ignore();
        return;
    }
    if (m_proxy->sortColumn() >= 0)
        clearSorting();
    const QModelIndex target = indexAt(event->position().toPoint());
    const int from = m_model->rowOf(code);
    int to = target.isValid() ? m_proxy->mapToSource(target).row() : m_model->rowCount() - 1;
    if (target.isValid() && dropIndicatorPosition() == QAbstractItemView::BelowItem && to < from)
        ++to;
    m_model->moveSymbol(from, to);
    selectSymbol(code);
    // The move is done here: tell the drag not to remove the source rows afterwards.
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void WatchlistView::showHeaderMenu(const QPoint& pos)
{
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QHeaderView* header = horizontalHeader();
    for (int c = 0; c < WatchlistModel::ColumnCount; ++c) {
        QAction* action = menu->addAction(m_model->headerData(c, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(c));
        // The symbol column always stays.
        action->setEnabled(c != WatchlistModel::Symbol);
        connect(action, &QAction::toggled, this, [header, c](bool shown) { header->setSectionHidden(c, !shown); });
    }
    menu->addSeparator();
    menu->addAction(tr("Show all columns in their original order"), this, [header] {
        for (int c = 0; c < WatchlistModel::ColumnCount; ++c) {
            header->setSectionHidden(c, false);
            header->moveSection(header->visualIndex(c), c);
        }
    });
    menu->popup(header->mapToGlobal(pos));
}
