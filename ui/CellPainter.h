#pragma once

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QStyleOptionViewItem>
#include <QStyledItemDelegate>

class QPainter;

// Paints a text cell of an item view directly, as the style's item painter would for a plain text cell: the
// selection, the given background or the alternate-row fill, then the text, laid out once and drawn as cached
// QStaticText. The style's painter lays each cell's text out several times and goes through a dozen style calls;
// the watchlist, the order book and time & sales repaint their visible cells on every update of their data.
class CellPainter
{
public:
    // `background` is drawn unless the cell is selected (Qt::NoBrush: the alternate-row fill when the option asks
    // for it); an invalid `textColour` means the palette's text colour (highlighted text when selected).
    void draw(QPainter* painter, const QStyleOptionViewItem& option, const QBrush& background, const QColor& textColour,
              const QString& text, Qt::Alignment alignment) const;
    // A cell as QStyledItemDelegate::initStyleOption() filled `option`: its background brush, text and alignment.
    void draw(QPainter* painter, const QStyleOptionViewItem& option) const
    {
        draw(painter, option, option.backgroundBrush, QColor(), option.text, option.displayAlignment);
    }
    // True when draw() paints `option` as the style would: a text cell without icon or check box.
    static bool canDraw(const QStyleOptionViewItem& option)
    {
        return !(option.features & (QStyleOptionViewItem::HasDecoration | QStyleOptionViewItem::HasCheckIndicator));
    }

private:
    // Most texts in view (codes, names, sizes, prices that did not move) are the same from one repaint to the next,
    // and drawText(rect) lays a text out again each time after horizontalAdvance() shaped it to decide on eliding.
    struct ShapedText
    {
        QStaticText text;
        qreal advance = 0;    // exact, for placing the text
        int width = 0;        // as QFontMetrics::horizontalAdvance, for the eliding test
        qreal lineHeight = 0; // ascent + descent
    };
    static constexpr qsizetype MaxShapedTexts = 8192; // then start again (texts change with every quote)
    const ShapedText& shapedText(const QString& text, const QFont& font) const;

    mutable QHash<QString, ShapedText> m_shaped;
    mutable QFont m_shapedFont;
    mutable qreal m_lineHeight = 0;
};

// A delegate whose text cells, as its initStyleOption() fills them, are painted by a CellPainter; cells with an icon
// or a check box go to the style.
class DirectCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

protected:
    const CellPainter& cells() const { return m_cells; }

private:
    CellPainter m_cells;
};
