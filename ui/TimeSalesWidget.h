#pragma once

#include "QuoteDelegate.h"

#include <QWidget>

class QLabel;
class QTableView;
class QuoteStore;
class TimeSalesDelegate;
class TimeSalesModel;
class TradeTape;

// Time & sales (逐笔) of one symbol: newest trade on top, time with milliseconds in the exchange's zone, price, size
// and side, coloured by side with ▲/▼ so colour is never the only cue. When the user has scrolled down, new trades
// arrive above without moving the rows being read.
class TimeSalesWidget : public QWidget
{
    Q_OBJECT
public:
    // `tape` (may be null) gives a newly selected symbol its recent trades at once.
    TimeSalesWidget(QuoteStore* store, TradeTape* tape, QWidget* parent = nullptr);

    TimeSalesModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QString symbol() const;
    void setSymbol(const QString& code);

    void setDirectionPalette(const DirectionPalette& palette);
    using QWidget::setPalette;
    void setPalette(const DirectionPalette& palette) { setDirectionPalette(palette); }
    const DirectionPalette& directionPalette() const { return m_palette; }
    void setChineseNames(bool chinese);
    void setDisplayLocale(const QLocale& locale);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateHeader();
    void applyMetrics();

    TimeSalesModel* m_model;
    QTableView* m_view;
    TimeSalesDelegate* m_delegate;
    QLabel* m_codeLabel;
    QLabel* m_nameLabel;
    DirectionPalette m_palette = DirectionPalette::forConvention(DirectionPalette::Convention::RedUp);
    bool m_chinese = false;
};
