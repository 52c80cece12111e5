#include "QuoteDelegate.h"

#include "WatchlistModel.h"

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
    : QStyledItemDelegate(parent)
{
}

void QuoteDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const int column = index.column();
    if (column != WatchlistModel::Last && column != WatchlistModel::Change && column != WatchlistModel::ChangePct)
        return;
    const int direction = index.data(WatchlistModel::DirectionRole).toInt();
    const QColor colour = m_palette.forDirection(direction);
    if (colour.isValid())
        option->palette.setColor(QPalette::Text, colour);
    if (column == WatchlistModel::ChangePct && direction != 0 && !option->text.isEmpty())
        option->text = (direction > 0 ? u"▲ "_s : u"▼ "_s) + option->text;
}
