#include "DeepBookWidget.h"

#include "DeepBookModel.h"
#include "PanelTable.h"
#include "TotalsFooter.h"
#include "WatchlistModel.h"
#include "feed/QmtL2Client.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

// Size bars behind sizes (asks in the down colour, bids in the up colour), fainter depth bars behind the cumulative
// sizes, prices in their side's colour, and a line between ask 1 and bid 1.
class DeepBookDelegate : public QStyledItemDelegate
{
public:
    explicit DeepBookDelegate(QObject* parent)
        : QStyledItemDelegate(parent)
    {}
    void setPalette(const DirectionPalette& palette) { m_palette = palette; }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        const int kind = index.data(DeepBookModel::SideRole).toInt();
        const QRect r = option.rect;
        const bool cumulative = index.column() == DeepBookModel::Cumulative;
        if (index.column() == DeepBookModel::Size || cumulative) {
            const QVariant fraction =
                index.data(cumulative ? DeepBookModel::CumulativeFractionRole : DeepBookModel::SizeFractionRole);
            if (fraction.isValid() && fraction.toDouble() > 0) {
                QColor colour = kind == DeepBookModel::AskRow ? m_palette.down : m_palette.up;
                colour.setAlphaF(cumulative ? 0.12f : 0.25f);
                const int width = std::max(1, int(fraction.toDouble() * (r.width() - 2) + 0.5));
                const int inset = std::max(1, r.height() / 8);
                painter->fillRect(QRect(r.right() - width, r.top() + inset, width, r.height() - 2 * inset), colour);
            }
        }
        QStyledItemDelegate::paint(painter, option, index);
        if (kind == DeepBookModel::AskRow && index.data(DeepBookModel::LevelRole).toInt() == 1) {
            painter->save();
            painter->setPen(option.palette.color(QPalette::Mid));
            painter->drawLine(r.bottomLeft(), r.bottomRight());
            painter->restore();
        }
    }

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->state &= ~(QStyle::State_Selected | QStyle::State_HasFocus | QStyle::State_MouseOver);
        if (index.column() == DeepBookModel::Level) {
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        } else if (index.column() == DeepBookModel::Price) {
            const bool ask = index.data(DeepBookModel::SideRole).toInt() == DeepBookModel::AskRow;
            const QColor colour = ask ? m_palette.down : m_palette.up;
            if (colour.isValid())
                option->palette.setColor(QPalette::Text, colour);
        }
    }

private:
    DirectionPalette m_palette = DirectionPalette::forConvention(DirectionPalette::Convention::RedUp);
};

DeepBookWidget::DeepBookWidget(QWidget* parent)
    : QWidget(parent)
    , m_model(new DeepBookModel(this))
    , m_view(new QTableView(this))
    , m_delegate(new DeepBookDelegate(this))
    , m_stack(new QStackedWidget(this))
    , m_codeLabel(new QLabel(this))
    , m_spreadLabel(new QLabel(this))
    , m_levelsLabel(new QLabel(this))
    , m_footer(new TotalsFooter(2, this))
    , m_statusLabel(new QLabel(this))
    , m_notAvailableLabel(new QLabel(this))
{
    m_codeLabel->setObjectName(u"deepBookCode"_s);
    m_spreadLabel->setObjectName(u"deepBookSpread"_s);
    m_levelsLabel->setObjectName(u"deepBookLevels"_s);
    m_footer->setObjectName(u"deepBookFooter"_s);
    m_statusLabel->setObjectName(u"deepBookStatus"_s);
    m_notAvailableLabel->setObjectName(u"deepBookNotAvailable"_s);

    QFont bold = m_codeLabel->font();
    bold.setBold(true);
    m_codeLabel->setFont(bold);
    m_spreadLabel->setForegroundRole(QPalette::PlaceholderText);
    m_levelsLabel->setForegroundRole(QPalette::PlaceholderText);
    m_statusLabel->setForegroundRole(QPalette::PlaceholderText);
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setContentsMargins(6, 0, 6, 3);
    m_statusLabel->setVisible(false);
    m_notAvailableLabel->setAlignment(Qt::AlignCenter);
    m_notAvailableLabel->setWordWrap(true);
    m_notAvailableLabel->setTextFormat(Qt::RichText);
    m_notAvailableLabel->setContentsMargins(16, 16, 16, 16);
    m_notAvailableLabel->setAutoFillBackground(true);

    auto* title = new QHBoxLayout;
    title->setContentsMargins(6, 3, 6, 3);
    title->setSpacing(8);
    title->addWidget(m_codeLabel);
    title->addWidget(m_spreadLabel, 1);
    title->addWidget(m_levelsLabel);

    m_view->setModel(m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    setUpPanelTable(m_view);
    m_view->setFocusPolicy(Qt::NoFocus);
    m_view->horizontalHeader()->setSectionResizeMode(DeepBookModel::Cumulative, QHeaderView::Stretch);

    m_stack->addWidget(m_view);
    m_stack->addWidget(m_notAvailableLabel);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(title);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_footer);

    connect(m_model, &DeepBookModel::bookChanged, this, &DeepBookWidget::updateTitle);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DeepBookWidget::centreOnBest);
    m_model->setSizeUnit(tr("lots"));
    applyMetrics();
    updateTitle();
}

void DeepBookWidget::attachClient(QmtL2Client* client)
{
    connect(client, &QmtL2Client::bookReceived, this, &DeepBookWidget::setBook);
    connect(client, &QmtL2Client::notAvailable, this, &DeepBookWidget::showNotAvailable);
    connect(client, &QmtL2Client::errorOccurred, this, &DeepBookWidget::setStatusText);
    connect(client, &QmtL2Client::stateChanged, this, [this](QmtL2Client::State state) {
        switch (state) {
        case QmtL2Client::State::Connecting:
            setStatusText(tr("Connecting…"));
            break;
        case QmtL2Client::State::Waiting:
            setStatusText(tr("Disconnected; retrying…"));
            break;
        case QmtL2Client::State::Connected:
        case QmtL2Client::State::Idle:
            setStatusText(QString());
            break;
        case QmtL2Client::State::NotAvailable:
            break;
        }
    });
}

void DeepBookWidget::setBook(const BookSnapshot& book)
{
    m_stack->setCurrentWidget(m_view);
    m_model->setBook(book);
}

void DeepBookWidget::showNotAvailable(const QString& message)
{
    m_notAvailableLabel->setText(u"<p style=\"font-size:large\"><b>%1</b></p><p>%2</p>"_s.arg(
        message.toHtmlEscaped(), tr("This QMT Bridge does not serve the Level-2 thousand-level book. "
                                    "The five-level book in the order book panel still works.")
                                     .toHtmlEscaped()));
    m_stack->setCurrentWidget(m_notAvailableLabel);
    setStatusText(QString());
    updateTitle();
}

bool DeepBookWidget::isNotAvailableShown() const
{
    return m_stack->currentWidget() == m_notAvailableLabel;
}

void DeepBookWidget::setStatusText(const QString& text)
{
    m_statusLabel->setText(text);
    m_statusLabel->setVisible(!text.isEmpty());
}

void DeepBookWidget::clear()
{
    m_model->clear();
    m_stack->setCurrentWidget(m_view);
}

void DeepBookWidget::centreOnBest()
{
    if (m_model->levelsPerSide() == 0)
        return;
    m_view->doItemsLayout(); // after a reset the view lays out lazily: scroll ranges are not there yet
    m_view->scrollTo(m_model->index(m_model->askRow(1), 0), QAbstractItemView::PositionAtCenter);
}

void DeepBookWidget::setDirectionPalette(const DirectionPalette& palette)
{
    m_palette = palette;
    m_delegate->setPalette(palette);
    m_view->viewport()->update();
    updateTitle();
}

void DeepBookWidget::setDisplayLocale(const QLocale& locale)
{
    m_model->setDisplayLocale(locale);
    updateTitle();
}

void DeepBookWidget::setSizeUnit(const QString& unit)
{
    m_model->setSizeUnit(unit);
}

void DeepBookWidget::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyMetrics();
    else if (event->type() == QEvent::LanguageChange)
        updateTitle();
}

void DeepBookWidget::applyMetrics()
{
    const QFontMetrics fm(m_view->font());
    m_view->verticalHeader()->setMinimumSectionSize(1);
    m_view->verticalHeader()->setDefaultSectionSize(fm.height() + 4);
    m_view->horizontalHeader()->setFixedHeight(fm.height() + 6);
    // Fixed widths, set once: never resized per book.
    m_view->setColumnWidth(DeepBookModel::Level, fm.horizontalAdvance(tr("Ask %1").arg(1000)) + 14);
    m_view->setColumnWidth(DeepBookModel::Price, fm.horizontalAdvance(u"000,000.000"_s) + 12);
    m_view->setColumnWidth(DeepBookModel::Size, fm.horizontalAdvance(u"00,000,000"_s) + 12);
}

QString DeepBookWidget::askTotalText() const
{
    return m_footer->text(0);
}

QString DeepBookWidget::bidTotalText() const
{
    return m_footer->text(1);
}

void DeepBookWidget::updateTitle()
{
    const QString code = m_model->code();
    m_codeLabel->setText(code.isEmpty() ? tr("Level-2 book") : code);
    const QLocale locale = m_model->displayLocale();
    const Decimal spread = m_model->spread();
    m_spreadLabel->setText(spread.isNull() ? QString()
                                           : tr("Spread %1").arg(WatchlistModel::formatPrice(spread, code, locale)));
    if (code.isEmpty() || isNotAvailableShown()) {
        m_levelsLabel->clear();
        m_footer->clear();
        return;
    }
    const auto total = [&locale](const Decimal& value) -> QString {
        return value.isNull() ? tr("—", "no total") : WatchlistModel::formatQuantity(value, locale);
    };
    m_levelsLabel->setText(tr("%1 levels a side").arg(locale.toString(m_model->levelsPerSide())));
    m_footer->setPart(0, {tr("Asks"), total(m_model->askTotal()), m_palette.down});
    m_footer->setPart(1, {tr("Bids"), total(m_model->bidTotal()), m_palette.up});
}
