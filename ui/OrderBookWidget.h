#pragma once

#include "QuoteDelegate.h"

#include <QWidget>

class OrderBookDelegate;
class OrderBookModel;
class QLabel;
class QTableView;
class QuoteStore;
class TotalsFooter;

// Depth of market for one symbol: a title line (code, name, "L1" badge when the feed only ever sent the best level,
// "Price only" for markets without sizes), the book (asks above, a spread row, bids below, size bars behind the sizes;
// the unit of the sizes in the Size column's header) and per-side totals with the order imbalance.
// Follows whatever symbol it is given (the selected watchlist row); all numbers come from OrderBookModel.
class OrderBookWidget : public QWidget
{
    Q_OBJECT
public:
    explicit OrderBookWidget(QuoteStore* store, QWidget* parent = nullptr);

    OrderBookModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QString symbol() const;
    void setSymbol(const QString& code);

    // Direction colours: prices above/below the previous close, ask bars in the down colour, bid bars in the up one.
    void setDirectionPalette(const DirectionPalette& palette);
    using QWidget::setPalette;
    void setPalette(const DirectionPalette& palette) { setDirectionPalette(palette); }
    const DirectionPalette& directionPalette() const { return m_palette; }
    // Chinese symbol names in the title line.
    void setChineseNames(bool chinese);
    void setDisplayLocale(const QLocale& locale);

    // True when the "L1" badge is shown (for tests and screenshots).
    bool isLevelOneBadgeShown() const;
    // The footer's texts as shown, caption and value: "Bids 8,900", "Imb. ▲ +12.5%".
    enum class FooterPart { AskTotal, Imbalance, BidTotal };
    QString footerText(FooterPart part) const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateHeader();
    void updateFooter();
    void fitRows();
    void keepSpreadInView();
    void applyMetrics();

    OrderBookModel* m_model;
    QTableView* m_view;
    OrderBookDelegate* m_delegate;
    QLabel* m_codeLabel;
    QLabel* m_nameLabel;
    QLabel* m_badge;
    QLabel* m_priceOnlyLabel;
    TotalsFooter* m_footer;
    DirectionPalette m_palette = DirectionPalette::forConvention(DirectionPalette::Convention::RedUp);
    bool m_chinese = false;
};
