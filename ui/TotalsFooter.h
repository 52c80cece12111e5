#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

// The totals row under a book: parts side by side in equal widths (the margins and spacing of the panels' title
// rows), the first left-aligned, the last right-aligned, any between centred; each a caption and a value in its
// colour ("Bids 8,900"). Painted here and opaque: the values change with every book update, and as rich-text labels
// each update laid out small HTML documents, repainted the dock behind them (labels are transparent) and asked the
// layouts above for a new pass.
class TotalsFooter : public QWidget
{
public:
    struct Part
    {
        QString caption;
        QString value;
        QColor colour; // of the value; invalid: the text colour
        bool operator==(const Part& other) const
        {
            return caption == other.caption && value == other.value && colour == other.colour;
        }
    };

    explicit TotalsFooter(int parts, QWidget* parent = nullptr);

    void setPart(int index, const Part& part);
    void clear();
    // As shown, caption and value: "Bids 8,900"; empty when the part is.
    QString text(int index) const;
    void setPartToolTip(int index, const QString& toolTip);

    QSize sizeHint() const override;
    // A fixed width, not the texts' (which change with every update and would move the dock's minimum with them):
    // room for a typical total in each part.
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    QRect partRect(int index) const;

    static constexpr int HorizontalMargin = 6;
    static constexpr int VerticalMargin = 3;
    static constexpr int Spacing = 6;
    QList<Part> m_parts;
    QStringList m_toolTips;
};
