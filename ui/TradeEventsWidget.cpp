#include "TradeEventsWidget.h"

#include "TradeEventsModel.h"
#include "feed/QmtTradeClient.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// Error rows (order and cancel errors) in red.
class TradeEventsDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(TradeEventsModel::IsErrorRole).toBool())
            option->palette.setColor(QPalette::Text, QColor(0xd0, 0x30, 0x30));
        else if (index.column() == TradeEventsModel::Time)
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    }
};

} // namespace

TradeEventsWidget::TradeEventsWidget(QWidget* parent)
    : QWidget(parent)
    , m_model(new TradeEventsModel(this))
    , m_view(new QTableView(this))
    , m_statusLabel(new QLabel(this))
{
    m_statusLabel->setObjectName(u"tradeEventsStatus"_s);
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setContentsMargins(6, 3, 6, 3);
    m_statusLabel->setTextFormat(Qt::PlainText);

    m_view->setModel(m_model);
    m_view->setItemDelegate(new TradeEventsDelegate(this));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setTextElideMode(Qt::ElideRight);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_view, 1);
    applyMetrics();
    setStatusText(tr("Not connected"));
}

void TradeEventsWidget::attachClient(QmtTradeClient* client)
{
    connect(client, &QmtTradeClient::eventReceived, this, &TradeEventsWidget::addEvent);
    connect(client, &QmtTradeClient::rejected, this, &TradeEventsWidget::showRejected);
    connect(client, &QmtTradeClient::errorOccurred, this, &TradeEventsWidget::setStatusText);
    connect(client, &QmtTradeClient::stateChanged, this, [this](QmtTradeClient::State state) {
        switch (state) {
        case QmtTradeClient::State::Idle:
            setStatusText(tr("Not connected"));
            break;
        case QmtTradeClient::State::Connecting:
            setStatusText(tr("Connecting…"));
            break;
        case QmtTradeClient::State::Connected:
            setStatusText(tr("Connected; waiting for trade events"));
            break;
        case QmtTradeClient::State::Waiting:
            break; // the error text stays until the retry
        case QmtTradeClient::State::Rejected:
            break; // showRejected()
        }
    });
}

void TradeEventsWidget::addEvent(const TradeEvent& event)
{
    m_model->addEvent(event);
}

void TradeEventsWidget::showRejected(const QString& message)
{
    m_statusLabel->setText(message);
    m_statusLabel->setForegroundRole(QPalette::WindowText);
    m_statusLabel->setStyleSheet(u"QLabel { background: #fde2e1; color: #8a1f17; font-weight: bold; }"_s);
    m_statusLabel->setVisible(true);
}

void TradeEventsWidget::setStatusText(const QString& text)
{
    m_statusLabel->setStyleSheet(QString());
    m_statusLabel->setForegroundRole(QPalette::PlaceholderText);
    m_statusLabel->setText(text);
    m_statusLabel->setVisible(!text.isEmpty());
}

QString TradeEventsWidget::statusText() const
{
    return m_statusLabel->text();
}

void TradeEventsWidget::clear()
{
    m_model->clear();
}

void TradeEventsWidget::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyMetrics();
}

void TradeEventsWidget::applyMetrics()
{
    const QFontMetrics fm(m_view->font());
    m_view->verticalHeader()->setDefaultSectionSize(fm.height() + 4);
    m_view->setColumnWidth(TradeEventsModel::Time, fm.horizontalAdvance(u"00:00:00"_s) + 14);
    m_view->setColumnWidth(TradeEventsModel::Type, fm.horizontalAdvance(tr("Cancel error")) + 16);
    m_view->setColumnWidth(TradeEventsModel::Code, fm.horizontalAdvance(u"000000.SZ"_s) + 14);
}
