#include "QuoteDelegate.h"

#include "WatchlistModel.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>
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

void QuoteDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (opt.features & (QStyleOptionViewItem::HasDecoration | QStyleOptionViewItem::HasCheckIndicator)) {
        QStyledItemDelegate::paint(painter, option, index); // not used by the watchlist; keep the style's look
        return;
    }
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (opt.state & QStyle::State_Active) ? QPalette::Normal
                                                                            : QPalette::Inactive;
    const bool selected = opt.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(opt.rect, opt.palette.brush(group, QPalette::Highlight));
    else if (opt.backgroundBrush.style() != Qt::NoBrush)
        painter->fillRect(opt.rect, opt.backgroundBrush);
    else if (opt.features & QStyleOptionViewItem::Alternate)
        painter->fillRect(opt.rect, opt.palette.brush(group, QPalette::AlternateBase));
    if (opt.text.isEmpty())
        return;
    // The same text margin the style uses, so the columns line up with the header.
    const QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, opt.widget) + 1;
    const QRect textRect = opt.rect.adjusted(margin, 0, -margin, 0);
    QString text = opt.text;
    if (opt.fontMetrics.horizontalAdvance(text) > textRect.width())
        text = opt.fontMetrics.elidedText(text, opt.textElideMode, textRect.width());
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(textRect, int(opt.displayAlignment) | Qt::TextSingleLine, text);
    painter->restore();
}
