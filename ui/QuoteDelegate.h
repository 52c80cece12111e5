#pragma once

#include "CellPainter.h"

#include <QColor>

// Direction colours: red-up/green-down (mainland China, Taiwan, Japan) or green-up/red-down (Western, Hong Kong).
struct DirectionPalette
{
    enum class Convention : quint8 { RedUp, GreenUp };

    static DirectionPalette forConvention(Convention convention);
    QColor up;
    QColor down;
    QColor neutral;
    Convention convention = Convention::RedUp;

    QColor forDirection(int direction) const { return direction > 0 ? up : (direction < 0 ? down : neutral); }
};

// Paints watchlist cells: price and change columns in the direction colour, with a triangle so colour is never the
// only cue; a last price that just moved flashes in the colour of the move and fades; stale rows are greyed.
class QuoteDelegate : public DirectCellDelegate
{
    Q_OBJECT
public:
    explicit QuoteDelegate(QObject* parent = nullptr);

    void setPalette(const DirectionPalette& palette) { m_palette = palette; }
    const DirectionPalette& palette() const { return m_palette; }
    void setFlashEnabled(bool enabled) { m_flashEnabled = enabled; }
    bool flashEnabled() const { return m_flashEnabled; }
    static constexpr int FlashMs = 700;

    // Text cells are painted directly by a CellPainter instead of through the style's item painter: at whole-market
    // scale the repaint of the visible rows is most of the GUI thread's work. Cells of a WatchlistModel (directly or
    // through a proxy) take what they need from one WatchlistModel::cellPaint call instead of a dozen role lookups.
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    // The watchlist's own cells, from WatchlistModel::cellPaint. False for an index of another model.
    bool paintWatchlistCell(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const;

    bool m_flashEnabled = true;
    DirectionPalette m_palette = DirectionPalette::forConvention(DirectionPalette::Convention::RedUp);
};
