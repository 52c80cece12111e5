#include "QuoteDelegate.h"

#include "WatchlistModel.h"

#include <QDateTime>

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
