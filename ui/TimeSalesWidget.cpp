#include "TimeSalesWidget.h"

#include "CellPainter.h"
#include "PanelTable.h"
#include "SymbolCatalog.h"
#include "TimeSalesModel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

// Price and side in the side's colour (buy = up colour, sell = down colour), the side with ▲ or ▼.
class TimeSalesDelegate : public DirectCellDelegate // the tape repaints every visible row when a trade arrives
{
public:
    using DirectCellDelegate::DirectCellDelegate;
    void setPalette(const DirectionPalette& palette) { m_palette = palette; }

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->state &= ~(QStyle::State_HasFocus | QStyle::State_MouseOver);
        const int column = index.column();
        if (column == TimeSalesModel::Time) {
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
            return;
        }
        if (column != TimeSalesModel::Price && column != TimeSalesModel::Side)
            return;
        const int side = index.data(TimeSalesModel::SideRole).toInt();
        const QColor colour = m_palette.forDirection(side);
        if (colour.isValid()) {
            option->palette.setColor(QPalette::Text, colour);
            option->palette.setColor(QPalette::HighlightedText, colour);
        }
        if (column == TimeSalesModel::Side && side != 0)
            option->text = (side > 0 ? u"▲ "_s : u"▼ "_s) + option->text;
    }

private:
    DirectionPalette m_palette = DirectionPalette::forConvention(DirectionPalette::Convention::RedUp);
};

namespace {
// Keeps the rows the user is reading in place when newer trades are inserted above them.
class TapeView : public QTableView
{
public:
    using QTableView::QTableView;

protected:
    void rowsInserted(const QModelIndex& parent, int start, int end) override
    {
        // At the top the new rows simply appear; scrolled down, the viewport moves with the rows it shows.
        if (start == 0 && verticalScrollBar()->value() > 0)
            m_pendingShift += (end - start + 1) * verticalHeader()->defaultSectionSize();
        QTableView::rowsInserted(parent, start, end);
    }
    void updateGeometries() override
    {
        QTableView::updateGeometries();
        if (m_pendingShift > 0) {
            const int shift = m_pendingShift;
            m_pendingShift = 0;
            verticalScrollBar()->setValue(verticalScrollBar()->value() + shift);
        }
    }
    void reset() override
    {
        m_pendingShift = 0;
        QTableView::reset();
    }

private:
    int m_pendingShift = 0;
};
} // namespace

TimeSalesWidget::TimeSalesWidget(QuoteStore* store, TradeTape* tape, QWidget* parent)
    : QWidget(parent)
    , m_model(new TimeSalesModel(store, tape, this))
    , m_view(new TapeView(this))
    , m_delegate(new TimeSalesDelegate(this))
    , m_codeLabel(new QLabel(this))
    , m_nameLabel(new QLabel(this))
{
    m_codeLabel->setObjectName(u"timeSalesCode"_s);
    m_nameLabel->setObjectName(u"timeSalesName"_s);
    QFont bold = m_codeLabel->font();
    bold.setBold(true);
    m_codeLabel->setFont(bold);
    m_nameLabel->setTextFormat(Qt::PlainText);
    m_nameLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto* title = new QHBoxLayout;
    title->setContentsMargins(6, 3, 6, 3);
    title->setSpacing(6);
    title->addWidget(m_codeLabel);
    title->addWidget(m_nameLabel, 1);

    m_view->setModel(m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    setUpPanelTable(m_view);
    m_view->setAlternatingRowColors(true);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->horizontalHeader()->setMinimumSectionSize(8);
    m_view->horizontalHeader()->setSectionResizeMode(TimeSalesModel::Side, QHeaderView::Stretch); // takes the rest

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(title);
    layout->addWidget(m_view, 1);

    applyMetrics();
    connect(m_model, &QAbstractItemModel::modelReset, this, &TimeSalesWidget::updateHeader);
    updateHeader();
}

QString TimeSalesWidget::symbol() const
{
    return m_model->symbol();
}

void TimeSalesWidget::setSymbol(const QString& code)
{
    m_model->setSymbol(code);
    m_view->scrollToTop();
}

void TimeSalesWidget::setDirectionPalette(const DirectionPalette& palette)
{
    m_palette = palette;
    m_delegate->setPalette(palette);
    m_view->viewport()->update();
}

void TimeSalesWidget::setChineseNames(bool chinese)
{
    m_chinese = chinese;
    updateHeader();
}

void TimeSalesWidget::setDisplayLocale(const QLocale& locale)
{
    m_model->setDisplayLocale(locale);
}

void TimeSalesWidget::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyMetrics();
    else if (event->type() == QEvent::LanguageChange)
        updateHeader();
}

void TimeSalesWidget::applyMetrics()
{
    const QFontMetrics fm(m_view->font());
    m_view->verticalHeader()->setMinimumSectionSize(1);
    m_view->verticalHeader()->setDefaultSectionSize(fm.height() + 3);
    m_view->horizontalHeader()->setFixedHeight(fm.height() + 6);
    // Fixed widths set once: never resized per trade.
    // The Side column takes the rest.
    m_view->setColumnWidth(TimeSalesModel::Time, fm.horizontalAdvance(u"00:00:00.000"_s) + 14);
    m_view->setColumnWidth(TimeSalesModel::Price, fm.horizontalAdvance(u"000,000.000"_s) + 12);
    const int sizeHeader =
        fm.horizontalAdvance(TimeSalesModel::tr("Size (%1)").arg(SizeUnits::label(SizeUnits::Unit::Shares, {})));
    m_view->setColumnWidth(TimeSalesModel::Size, std::max(fm.horizontalAdvance(u"00,000,000"_s), sizeHeader) + 16);
    // The stretching Side column must never be squeezed out: the view asks for room for its widest label.
    int side = fm.horizontalAdvance(TimeSalesModel::tr("Side"));
    for (TradeSide s : {TradeSide::Buy, TradeSide::Sell, TradeSide::Neutral})
        side = std::max(side, fm.horizontalAdvance(u"▼ "_s + TimeSalesModel::sideText(s))); // arrow + label
    const int columns = m_view->columnWidth(TimeSalesModel::Time) + m_view->columnWidth(TimeSalesModel::Price) +
                        m_view->columnWidth(TimeSalesModel::Size) + side + 14;
    m_view->setMinimumWidth(columns + 2 * m_view->frameWidth() +
                            m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_view));
}

void TimeSalesWidget::updateHeader()
{
    const QString code = m_model->symbol();
    if (code.isEmpty()) {
        m_codeLabel->setText(tr("Time & sales"));
        m_nameLabel->clear();
    } else {
        m_codeLabel->setText(code);
        m_nameLabel->setText(SymbolCatalog::builtIn().displayName(code, m_chinese));
    }
}
