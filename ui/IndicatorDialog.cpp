#include "IndicatorDialog.h"

#include "TickChartWidget.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
enum Column { IndicatorColumn, PeriodColumn, StatusColumn, RemoveColumn, ColumnCount };
const QColor ErrorColour(0xc6, 0x28, 0x28);
} // namespace

IndicatorDialog::IndicatorDialog(TickChartWidget* chart, QWidget* parent)
    : QDialog(parent)
    , m_chart(chart)
    , m_titleLabel(new QLabel(this))
    , m_formulaLabel(new QLabel(this))
    , m_paramsLabel(new QLabel(this))
    , m_periodLabel(new QLabel(this))
    , m_formulaBox(new QComboBox(this))
    , m_paramsEdit(new QLineEdit(this))
    , m_periodBox(new QComboBox(this))
    , m_addButton(new QPushButton(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_errorLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(u"indicatorDialog"_s);
    m_titleLabel->setObjectName(u"title"_s);
    QFont bold = m_titleLabel->font();
    bold.setBold(true);
    m_titleLabel->setFont(bold);

    m_formulaBox->setObjectName(u"formula"_s);
    m_formulaBox->setEditable(true);
    m_formulaBox->setInsertPolicy(QComboBox::NoInsert);
    m_formulaBox->setMinimumContentsLength(8);
    m_formulaBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_formulaBox->addItems(TickChartWidget::formulaNames());
    m_paramsEdit->setObjectName(u"params"_s);
    m_paramsEdit->setClearButtonEnabled(true);
    m_periodBox->setObjectName(u"period"_s);
    m_addButton->setObjectName(u"add"_s);
    m_addButton->setDefault(true);
    m_formulaLabel->setBuddy(m_formulaBox);
    m_paramsLabel->setBuddy(m_paramsEdit);
    m_periodLabel->setBuddy(m_periodBox);

    m_table->setObjectName(u"indicators"_s);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(IndicatorColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(PeriodColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(RemoveColumn, QHeaderView::ResizeToContents);
    m_table->setMinimumHeight(QFontMetrics(font()).height() * 7);

    m_errorLabel->setObjectName(u"error"_s);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, ErrorColour);
    m_errorLabel->setPalette(errorPalette);
    m_errorLabel->hide();

    auto* form = new QGridLayout;
    form->addWidget(m_formulaLabel, 0, 0);
    form->addWidget(m_formulaBox, 0, 1);
    form->addWidget(m_paramsLabel, 0, 2);
    form->addWidget(m_paramsEdit, 0, 3);
    form->addWidget(m_periodLabel, 0, 4);
    form->addWidget(m_periodBox, 0, 5);
    form->addWidget(m_addButton, 0, 6);
    form->setColumnStretch(3, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_titleLabel);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_buttons);

    retranslate();
    m_formulaBox->setCurrentIndex(0);
    m_lastFormula = m_formulaBox->currentText();
    m_paramsEdit->setText(TickChartWidget::defaultParams(m_lastFormula));

    connect(m_formulaBox, &QComboBox::currentTextChanged, this, &IndicatorDialog::onFormulaChanged);
    connect(m_addButton, &QPushButton::clicked, this, &IndicatorDialog::add);
    connect(m_paramsEdit, &QLineEdit::returnPressed, this, &IndicatorDialog::add);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_chart, &TickChartWidget::indicatorsChanged, this, &IndicatorDialog::refresh);
    connect(m_chart, &TickChartWidget::indicatorErrorShown, this, &IndicatorDialog::showError);
    refresh();
    resize(640, 320);
}

int IndicatorDialog::add()
{
    m_errorLabel->hide();
    m_errorLabel->clear();
    const int id =
        m_chart->addIndicator(m_formulaBox->currentText(), m_paramsEdit->text(), m_periodBox->currentData().toString());
    if (id < 0 && m_errorLabel->isHidden())
        showError(m_chart->lastError());
    return id;
}

QToolButton* IndicatorDialog::removeButton(int row) const
{
    return qobject_cast<QToolButton*>(m_table->cellWidget(row, RemoveColumn));
}

QString IndicatorDialog::errorText() const
{
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}

void IndicatorDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        refresh();
    }
}

void IndicatorDialog::retranslate()
{
    setWindowTitle(tr("Indicators"));
    m_formulaLabel->setText(tr("&Formula:"));
    m_paramsLabel->setText(tr("P&arameters:"));
    m_periodLabel->setText(tr("&Period:"));
    m_addButton->setText(tr("&Add"));
    m_paramsEdit->setPlaceholderText(tr("N=5"));
    m_paramsEdit->setToolTip(tr("NAME=value pairs separated by commas, for example N=5 or SHORT=12, LONG=26, M=9"));
    m_formulaBox->setToolTip(tr("A QMT formula name; any name the bridge knows can be typed"));
    const QString period = m_periodBox->currentData().toString();
    m_periodBox->clear();
    m_periodBox->addItem(tr("1 minute (1m)"), u"1m"_s);
    m_periodBox->addItem(tr("5 minutes (5m)"), u"5m"_s);
    m_periodBox->addItem(tr("1 day (1d)"), u"1d"_s);
    m_periodBox->setCurrentIndex(std::max(0, m_periodBox->findData(period.isEmpty() ? u"1m"_s : period)));
    m_table->setHorizontalHeaderLabels({tr("Indicator"), tr("Period"), tr("Status"), QString()});
}

void IndicatorDialog::onFormulaChanged(const QString& formula)
{
    // Presets follow the formula unless the parameters were edited.
    const QString text = m_paramsEdit->text().trimmed();
    if (text.isEmpty() || text == TickChartWidget::defaultParams(m_lastFormula))
        m_paramsEdit->setText(TickChartWidget::defaultParams(formula));
    m_lastFormula = formula;
}

void IndicatorDialog::showError(const QString& message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
}

void IndicatorDialog::refresh()
{
    const QString code = m_chart->symbol();
    const bool bridge = m_chart->formulaClient() != nullptr;
    if (!bridge)
        m_titleLabel->setText(tr("Indicators need a QMT Bridge."));
    else if (code.isEmpty())
        m_titleLabel->setText(tr("Select a symbol to add indicators to it."));
    else
        m_titleLabel->setText(tr("Indicators on %1").arg(code));
    m_addButton->setEnabled(bridge && !code.isEmpty());

    const QList<TickChartWidget::Indicator> list =
        code.isEmpty() ? QList<TickChartWidget::Indicator>() : m_chart->indicators(code);
    m_table->setRowCount(int(list.size()));
    for (int row = 0; row < list.size(); ++row) {
        const TickChartWidget::Indicator& indicator = list.at(row);
        QString status;
        if (indicator.seqId < 0)
            status = tr("Waiting for the bridge…");
        else if (!indicator.hasResult)
            status = tr("Subscribed (seq_id %1), no results yet").arg(indicator.seqId);
        else
            status = tr("Subscribed (seq_id %1): %2").arg(indicator.seqId).arg(indicator.outputs.join(u", "_s));
        const QStringList texts{indicator.label(), indicator.period, status};
        for (int column = 0; column < texts.size(); ++column) {
            QTableWidgetItem* item = m_table->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(row, column, item);
            }
            item->setText(texts.at(column));
            item->setData(Qt::UserRole, indicator.id);
        }
        auto* remove = qobject_cast<QToolButton*>(m_table->cellWidget(row, RemoveColumn));
        if (!remove) {
            remove = new QToolButton(m_table);
            remove->setAutoRaise(true);
            m_table->setCellWidget(row, RemoveColumn, remove);
        }
        remove->setObjectName(u"remove%1"_s.arg(row));
        remove->setText(tr("Remove"));
        remove->setToolTip(tr("Remove %1 (unsubscribes it from the bridge)").arg(indicator.label()));
        remove->disconnect(this);
        const int id = indicator.id;
        connect(remove, &QToolButton::clicked, this, [this, id] { m_chart->removeIndicator(id); });
    }
}
