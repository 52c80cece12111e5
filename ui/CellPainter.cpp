#include "CellPainter.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QStyle>

#include <cmath>

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

void CellPainter::draw(QPainter* painter, const QStyleOptionViewItem& opt, const QBrush& background,
                       const QColor& textColour, const QString& text, Qt::Alignment alignment) const
{
    const QPalette::ColorGroup group = colorGroupOf(opt);
    const bool selected = opt.state & QStyle::State_Selected;
    // As the style's item panel in a table (showDecorationSelected): the whole cell. The alternate-row fill is the
    // view's (PE_PanelItemViewRow, drawn before the delegate).
    if (selected)
        painter->fillRect(opt.rect, opt.palette.brush(group, QPalette::Highlight));
    else if (background.style() != Qt::NoBrush)
        painter->fillRect(opt.rect, background);
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
            x += std::round((textRect.width() - shaped.advance) / 2 * 64) / 64; // in 1/64 px, as the layout
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

const CellPainter::ShapedText& CellPainter::shapedText(const QString& text, const QFont& font) const
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
        shaped.lineHeight = std::max(m_lineHeight, shaped.text.size().height());
        it = m_shaped.insert(text, shaped);
    }
    return *it;
}

void DirectCellDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (CellPainter::canDraw(opt))
        m_cells.draw(painter, opt);
    else
        QStyledItemDelegate::paint(painter, option, index);
}
