#include "OrderBookWidget.h"

#include "CellPainter.h"
#include "OrderBookModel.h"
#include "PanelTable.h"
#include "SymbolCatalog.h"
#include "TotalsFooter.h"
#include "WatchlistModel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

// Paints the book: prices in the direction colour against the previous close, a translucent size bar behind each size
// (asks in the down colour, bids in the up colour), the spread row on its own background.
class OrderBookDelegate : public DirectCellDelegate // the book repaints every cell on each update
{
public:
    using DirectCellDelegate::DirectCellDelegate;
    void setPalette(const DirectionPalette& palette) { m_palette = palette; }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        const int kind = index.data(OrderBookModel::SideRole).toInt();
        const QRect r = option.rect;
        if (kind == OrderBookModel::SpreadRow) {
            painter->fillRect(r, spreadBackground(option.palette));
            painter->setPen(option.palette.color(QPalette::Mid));
            painter->drawLine(r.topLeft(), r.topRight());
            painter->drawLine(r.bottomLeft(), r.bottomRight());
        } else if (index.column() == OrderBookModel::Size) {
            const QVariant fraction = index.data(OrderBookModel::SizeFractionRole);
            if (fraction.isValid() && fraction.toDouble() > 0) {
                QColor colour = kind == OrderBookModel::AskRow ? m_palette.down : m_palette.up;
                colour.setAlphaF(0.22f);
                const int width = std::max(1, int(fraction.toDouble() * (r.width() - 2) + 0.5));
                const int inset = std::max(1, r.height() / 8);
                painter->fillRect(QRect(r.right() - width, r.top() + inset, width, r.height() - 2 * inset), colour);
            }
        }
        DirectCellDelegate::paint(painter, option, index);
    }

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->state &= ~(QStyle::State_Selected | QStyle::State_HasFocus | QStyle::State_MouseOver);
        const int kind = index.data(OrderBookModel::SideRole).toInt();
        const QColor muted = option->palette.color(QPalette::PlaceholderText);
        if (kind == OrderBookModel::SpreadRow) {
            option->palette.setColor(QPalette::Text, muted);
            return;
        }
        switch (index.column()) {
        case OrderBookModel::Level:
            option->palette.setColor(QPalette::Text, muted);
            break;
        case OrderBookModel::Price: {
            const QColor colour = m_palette.forDirection(index.data(OrderBookModel::PriceDirectionRole).toInt());
            if (colour.isValid())
                option->palette.setColor(QPalette::Text, colour);
            break;
        }
        default:
            break;
        }
    }

private:
    static QColor spreadBackground(const QPalette& palette)
    {
        const QColor base = palette.color(QPalette::Base);
        const QColor window = palette.color(QPalette::Window);
        return QColor((base.red() + window.red() * 3) / 4, (base.green() + window.green() * 3) / 4,
                      (base.blue() + window.blue() * 3) / 4);
    }

    DirectionPalette m_palette = DirectionPalette::forConvention(DirectionPalette::Convention::RedUp);
};

OrderBookWidget::OrderBookWidget(QuoteStore* store, QWidget* parent)
    : QWidget(parent)
    , m_model(new OrderBookModel(store, this))
    , m_view(new QTableView(this))
    , m_delegate(new OrderBookDelegate(this))
    , m_codeLabel(new QLabel(this))
    , m_nameLabel(new QLabel(this))
    , m_badge(new QLabel(tr("L1"), this))
    , m_priceOnlyLabel(new QLabel(tr("Price only"), this))
    , m_footer(new TotalsFooter(3, this))
{
    m_codeLabel->setObjectName(u"orderBookCode"_s);
    m_nameLabel->setObjectName(u"orderBookName"_s);
    m_badge->setObjectName(u"levelOneBadge"_s);
    m_priceOnlyLabel->setObjectName(u"priceOnly"_s);

    QFont bold = m_codeLabel->font();
    bold.setBold(true);
    m_codeLabel->setFont(bold);
    m_nameLabel->setTextFormat(Qt::PlainText);
    m_nameLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_badge->setToolTip(tr("Level 1 only: the feed sends just the best bid and ask, no deeper levels."));
    m_badge->setStyleSheet(u"QLabel { background: #b35c00; color: white; font-weight: bold; font-size: 8pt;"
                           " padding: 0px 4px; border-radius: 3px; }"_s);
    m_badge->setVisible(false);
    m_priceOnlyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_priceOnlyLabel->setToolTip(tr("The feed sends prices without sizes for this market."));
    m_priceOnlyLabel->setVisible(false);
    m_footer->setObjectName(u"bookFooter"_s);
    m_footer->setPartToolTip(int(FooterPart::Imbalance),
                             tr("Order imbalance: (bid total - ask total) / (bid total + ask total)"));

    auto* title = new QHBoxLayout;
    title->setContentsMargins(6, 3, 6, 3);
    title->setSpacing(6);
    title->addWidget(m_codeLabel);
    title->addWidget(m_nameLabel, 1);
    title->addWidget(m_badge);
    title->addWidget(m_priceOnlyLabel);

    m_view->setModel(m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    setUpPanelTable(m_view);
    m_view->setFocusPolicy(Qt::NoFocus);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->horizontalHeader()->setMinimumSectionSize(8);
    m_view->horizontalHeader()->setSectionResizeMode(OrderBookModel::Size, QHeaderView::Stretch); // takes the rest

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(title);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_footer);

    applyMetrics();
    connect(m_model, &OrderBookModel::bookChanged, this, [this] {
        updateHeader();
        updateFooter();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &OrderBookWidget::fitRows);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OrderBookWidget::fitRows);
    m_view->viewport()->installEventFilter(this);
    updateHeader();
    updateFooter();
}

QString OrderBookWidget::symbol() const
{
    return m_model->symbol();
}

void OrderBookWidget::setSymbol(const QString& code)
{
    m_model->setSymbol(code);
}

void OrderBookWidget::setDirectionPalette(const DirectionPalette& palette)
{
    m_palette = palette;
    m_delegate->setPalette(palette);
    m_view->viewport()->update();
    updateFooter();
}

void OrderBookWidget::setChineseNames(bool chinese)
{
    m_chinese = chinese;
    updateHeader();
}

void OrderBookWidget::setDisplayLocale(const QLocale& locale)
{
    m_model->setDisplayLocale(locale);
    updateFooter();
}

bool OrderBookWidget::isLevelOneBadgeShown() const
{
    return m_badge->isVisibleTo(this);
}

bool OrderBookWidget::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitRows();
    return QWidget::eventFilter(watched, event);
}

void OrderBookWidget::fitRows()
{
    // Rows share the height when there is room, up to a comfortable maximum; tight (text height) when there is not.
    const int text = m_view->fontMetrics().height();
    const int rows = std::max(1, m_model->rowCount());
    const int height = std::clamp(m_view->viewport()->height() / rows, text + 1, text + 10);
    if (m_view->verticalHeader()->defaultSectionSize() != height)
        m_view->verticalHeader()->setDefaultSectionSize(height);
    keepSpreadInView();
}

void OrderBookWidget::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyMetrics();
    else if (event->type() == QEvent::LanguageChange)
        updateHeader();
}

void OrderBookWidget::applyMetrics()
{
    const QFontMetrics fm(m_view->font());
    m_view->verticalHeader()->setMinimumSectionSize(1);
    m_view->horizontalHeader()->setFixedHeight(fm.height() + 6);
    fitRows();
    // Fixed widths set once: never resized per update.
    int levelWidth = 0;
    for (int level = 1; level <= OrderBookModel::MaxLevels; ++level) {
        levelWidth =
            std::max({levelWidth, fm.horizontalAdvance(OrderBookModel::levelLabel(OrderBookModel::AskRow, level)),
                      fm.horizontalAdvance(OrderBookModel::levelLabel(OrderBookModel::BidRow, level))});
    }
    levelWidth = std::max(levelWidth, fm.horizontalAdvance(m_model->headerData(0, Qt::Horizontal).toString()));
    m_view->setColumnWidth(OrderBookModel::Level, levelWidth + 14);
    m_view->setColumnWidth(OrderBookModel::Price, fm.horizontalAdvance(u"000,000.000"_s) + 12);
}

void OrderBookWidget::keepSpreadInView()
{
    // When the rows do not all fit (ten levels in a short dock), centre the spread: the best levels matter most.
    const int spread = m_model->spreadRow();
    if (m_view->verticalScrollBar()->maximum() > 0 || m_view->rowViewportPosition(spread) < 0)
        m_view->scrollTo(m_model->index(spread, 0), QAbstractItemView::PositionAtCenter);
}

void OrderBookWidget::updateHeader()
{
    const QString code = m_model->symbol();
    if (code.isEmpty()) {
        m_codeLabel->setText(tr("Order book"));
        m_nameLabel->clear();
    } else {
        m_codeLabel->setText(code);
        m_nameLabel->setText(SymbolCatalog::builtIn().displayName(code, m_chinese));
    }
    m_badge->setVisible(m_model->isLevelOneOnly());
    m_priceOnlyLabel->setText(tr("Price only"));
    // The unit of the sizes is in the Size column's header; price-only feeds say so here.
    const bool priceOnly =
        m_model->isPriceOnly() || (!code.isEmpty() && SizeUnits::defaultFor(SymbolCatalog::builtIn().marketOf(code)) ==
                                                          SizeUnits::Unit::PriceOnly);
    m_priceOnlyLabel->setVisible(priceOnly);
}

QString OrderBookWidget::footerText(FooterPart part) const
{
    return m_footer->text(int(part));
}

void OrderBookWidget::updateFooter()
{
    const QLocale locale = m_model->displayLocale();
    const auto total = [&locale](const Decimal& value) -> QString {
        return value.isNull() ? tr("—", "no total") : WatchlistModel::formatQuantity(value, locale);
    };
    if (m_model->isPriceOnly()) {
        m_footer->setPart(int(FooterPart::AskTotal), {tr("Asks —"), {}, {}});
        m_footer->setPart(int(FooterPart::BidTotal), {tr("Bids —"), {}, {}});
        m_footer->setPart(int(FooterPart::Imbalance), {tr("no sizes"), {}, {}});
        return;
    }
    m_footer->setPart(int(FooterPart::AskTotal), {tr("Asks"), total(m_model->askTotal()), m_palette.down});
    m_footer->setPart(int(FooterPart::BidTotal), {tr("Bids"), total(m_model->bidTotal()), m_palette.up});
    const auto imbalance = m_model->imbalancePercent();
    if (!imbalance) {
        m_footer->setPart(int(FooterPart::Imbalance), {});
        return;
    }
    const int direction = *imbalance > 0.05 ? 1 : (*imbalance < -0.05 ? -1 : 0);
    QString value = locale.toString(*imbalance, 'f', 1) + locale.percent();
    if (direction > 0)
        value = u"▲ "_s + locale.positiveSign() + value;
    else if (direction < 0)
        value = u"▼ "_s + value;
    m_footer->setPart(int(FooterPart::Imbalance), {tr("Imb."), value, m_palette.forDirection(direction)});
}
