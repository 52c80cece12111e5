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

namespace {
QPalette::ColorGroup colorGroupOf(const QStyleOptionViewItem& opt)
{
    return !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
           : (opt.state & QStyle::State_Active) ? QPalette::Normal
                                                : QPalette::Inactive;
}

// The same text margin the style uses, so the columns line up with the header.
int textMargin(const QStyleOptionViewItem& opt)
{
    const QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    return style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, opt.widget) + 1;
}
} // namespace

void QuoteDelegate::drawCell(QPainter* painter, const QStyleOptionViewItem& opt, const QBrush& background,
                             const QColor& textColour, const QString& text, Qt::Alignment alignment) const
{
    const QPalette::ColorGroup group = colorGroupOf(opt);
    const bool selected = opt.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(opt.rect, opt.palette.brush(group, QPalette::Highlight));
    else if (background.style() != Qt::NoBrush)
        painter->fillRect(opt.rect, background);
    else if (opt.features & QStyleOptionViewItem::Alternate)
        painter->fillRect(opt.rect, opt.palette.brush(group, QPalette::AlternateBase));
    if (text.isEmpty())
        return;
    const int margin = textMargin(opt);
    const QRect textRect = opt.rect.adjusted(margin, 0, -margin, 0);
    const QColor pen = textColour.isValid()
                           ? textColour
                           : opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(pen);
    const ShapedText& shaped = shapedText(text, opt.font);
    if (shaped.width <= textRect.width() && (alignment & Qt::AlignVCenter)) {
        // Where drawText(rect, alignment) puts one line: the line box (ascent + descent) centred vertically, the
        // text's advance against the left or right edge or centred.
        qreal x = textRect.x();
        if (alignment & Qt::AlignRight)
            x += textRect.width() - shaped.advance;
        else if (alignment & Qt::AlignHCenter)
            x += (textRect.width() - shaped.advance) / 2;
        const qreal y = textRect.y() + (textRect.height() - shaped.lineHeight) / 2;
        painter->drawStaticText(QPointF(x, y), shaped.text);
    } else {
        const QString shown = shaped.width > textRect.width()
                                  ? opt.fontMetrics.elidedText(text, opt.textElideMode, textRect.width())
                                  : text;
        painter->drawText(textRect, int(alignment) | Qt::TextSingleLine, shown);
    }
    painter->restore();
}

const QuoteDelegate::ShapedText& QuoteDelegate::shapedText(const QString& text, const QFont& font) const
{
    if (m_lineHeight <= 0 || font != m_shapedFont || m_shaped.size() >= MaxShapedTexts) {
        m_shaped.clear();
        m_shapedFont = font;
        const QFontMetricsF metrics(font);
        m_lineHeight = metrics.ascent() + metrics.descent();
    }
    auto it = m_shaped.find(text);
    if (it == m_shaped.end()) {
        ShapedText shaped;
        shaped.text.setTextFormat(Qt::PlainText);
        shaped.text.setText(text);
        shaped.text.prepare(QTransform(), font);
        shaped.advance = shaped.text.size().width();
        shaped.width = qRound(shaped.advance); // as QFontMetrics::horizontalAdvance
        shaped.lineHeight = m_lineHeight;
        it = m_shaped.insert(text, shaped);
    }
    return *it;
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
    drawCell(painter, option, background, colour, text, cell.alignment);
    return true;
}

void QuoteDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    // Watchlist cells: everything from one model call (no role lookups through the proxy, no style option filled).
    if (paintWatchlistCell(painter, option, index))
        return;
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (opt.features & (QStyleOptionViewItem::HasDecoration | QStyleOptionViewItem::HasCheckIndicator)) {
        QStyledItemDelegate::paint(painter, option, index); // not used by the watchlist; keep the style's look
        return;
    }
    drawCell(painter, opt, opt.backgroundBrush, QColor(), opt.text, opt.displayAlignment);
}
