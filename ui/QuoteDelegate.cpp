#include "QuoteDelegate.h"

#include "WatchlistModel.h"

#include <QAbstractProxyModel>
#include <QApplication>
#include <QDateTime>
#include <QPainter>
#include <QStaticText>
#include <QStyle>

using namespace Qt::StringLiterals;

DirectionPalette DirectionPalette::forConvention(Convention convention)
{
    DirectionPalette p;
    p.convention = convention;
    const QColor red(0xe0, 0x3c, 0x31);
    const QColor green(0x1a, 0x9e, 0x4a);
    p.up = convention == Convention::RedUp ? red : green;
    p.down = convention == Convention::RedUp ? green : red;
    p.neutral = QColor();
    return p;
}

QuoteDelegate::QuoteDelegate(QObject* parent)
    : DirectCellDelegate(parent)
{}

void QuoteDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const int column = index.column();
    if (index.data(WatchlistModel::StaleRole).toBool()) {
        const QColor grey = option->palette.color(QPalette::Disabled, QPalette::Text);
        option->palette.setColor(QPalette::Text, grey);
        option->palette.setColor(QPalette::HighlightedText, grey);
        return;
    }
    if (column == WatchlistModel::Last && m_flashEnabled) {
        const qint64 age =
            QDateTime::currentMSecsSinceEpoch() - index.data(WatchlistModel::LastMoveMsRole).toLongLong();
        const int tick = index.data(WatchlistModel::TickDirectionRole).toInt();
        if (age >= 0 && age < FlashMs && tick != 0) {
            QColor flash = m_palette.forDirection(tick);
            flash.setAlpha(int(120 * (1.0 - double(age) / FlashMs)));
            option->backgroundBrush = flash;
        }
    }
    if (column != WatchlistModel::Last && column != WatchlistModel::Change && column != WatchlistModel::ChangePct)
        return;
    const int direction = index.data(WatchlistModel::DirectionRole).toInt();
    const QColor colour = m_palette.forDirection(direction);
    if (colour.isValid())
        option->palette.setColor(QPalette::Text, colour);
    if (column == WatchlistModel::ChangePct && direction != 0 && !option->text.isEmpty())
        option->text = (direction > 0 ? u"▲ "_s : u"▼ "_s) + option->text;
}

bool QuoteDelegate::paintWatchlistCell(QPainter* painter, const QStyleOptionViewItem& option,
                                       const QModelIndex& index) const
{
    QModelIndex source = index;
    if (const auto* proxy = qobject_cast<const QAbstractProxyModel*>(index.model()))
        source = proxy->mapToSource(index);
    const auto* model = qobject_cast<const WatchlistModel*>(source.model());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    WatchlistModel::CellPaint cell;
    if (!model || !model->cellPaint(source.row(), source.column(), now, &cell))
        return false;
    // What initStyleOption does through the roles, from the one answer.
    const int column = source.column();
    const bool selected = option.state & QStyle::State_Selected;
    QBrush background = option.backgroundBrush;
    QColor colour; // invalid: the palette's text colour
    QString text = cell.text;
    if (cell.stale) {
        colour = option.palette.color(QPalette::Disabled, QPalette::Text);
    } else {
        if (column == WatchlistModel::Last && m_flashEnabled) {
            const qint64 age = now - cell.lastMoveMs;
            if (age >= 0 && age < FlashMs && cell.tickDirection != 0) {
                QColor flash = m_palette.forDirection(cell.tickDirection);
                flash.setAlpha(int(120 * (1.0 - double(age) / FlashMs)));
                background = flash;
            }
        }
        if (column == WatchlistModel::Last || column == WatchlistModel::Change || column == WatchlistModel::ChangePct) {
            const QColor direction = m_palette.forDirection(cell.direction);
            // The direction colour replaces the palette's text colour, not the selected-text colour.
            if (direction.isValid() && !selected)
                colour = direction;
            if (column == WatchlistModel::ChangePct && cell.direction != 0 && !text.isEmpty())
                text = (cell.direction > 0 ? u"▲ "_s : u"▼ "_s) + text;
        }
    }
    cells().draw(painter, option, background, colour, text, cell.alignment);
    return true;
}

void QuoteDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    // Watchlist cells: everything from one model call (no role lookups through the proxy, no style option filled).
    if (!paintWatchlistCell(painter, option, index))
        DirectCellDelegate::paint(painter, option, index); // through the roles
}
