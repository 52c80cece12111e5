#include "DownloadHistoryDialog.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

enum StatusColumn { CodeColumn, StatusColumnIndex };

QColor statusColour(QmtDownloadClient::Status status)
{
    switch (status) {
    case QmtDownloadClient::Status::Ok:
        return QColor(0x2e, 0x7d, 0x32);
    case QmtDownloadClient::Status::Timeout:
    case QmtDownloadClient::Status::Disconnected:
        return QColor(0xb3, 0x5c, 0x00);
    case QmtDownloadClient::Status::Error:
        break;
    }
    return QColor(0xc6, 0x28, 0x28);
}

} // namespace

DownloadHistoryDialog::DownloadHistoryDialog(QmtDownloadClient* client, QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_symbolsEdit(new QPlainTextEdit(this))
    , m_periodBox(new QComboBox(this))
    , m_startEdit(new QDateEdit(this))
    , m_endEdit(new QDateEdit(this))
    , m_startButton(new QPushButton(tr("&Start"), this))
    , m_cancelButton(new QPushButton(tr("&Cancel download"), this))
    , m_progress(new QProgressBar(this))
    , m_currentLabel(new QLabel(this))
    , m_table(new QTableWidget(0, 2, this))
    , m_summaryLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setWindowTitle(tr("Download history"));
    m_symbolsEdit->setObjectName(u"symbols"_s);
    m_symbolsEdit->setPlaceholderText(tr("One code per line, e.g. 600519.SH"));
    m_symbolsEdit->setTabChangesFocus(true);
    m_symbolsEdit->setMinimumHeight(QFontMetrics(font()).height() * 5);

    m_periodBox->setObjectName(u"period"_s);
    const QList<std::pair<QString, QString>> periods{
        {u"1m"_s, tr("1 minute")},    {u"5m"_s, tr("5 minutes")}, {u"15m"_s, tr("15 minutes")},
        {u"30m"_s, tr("30 minutes")}, {u"1h"_s, tr("1 hour")},    {u"1d"_s, tr("1 day")},
        {u"1w"_s, tr("1 week")},      {u"1mon"_s, tr("1 month")}, {u"tick"_s, tr("Ticks")}};
    for (const auto& p : periods)
        m_periodBox->addItem(tr("%1 (%2)").arg(p.second, p.first), p.first);
    setPeriod(u"1d"_s);

    const QDate today = QDate::currentDate();
    for (QDateEdit* edit : {m_startEdit, m_endEdit}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd"_s);
        edit->setMaximumDate(today.addYears(1));
    }
    m_startEdit->setObjectName(u"startDate"_s);
    m_endEdit->setObjectName(u"endDate"_s);
    setDateRange(today.addYears(-1), today);

    auto* dates = new QHBoxLayout;
    dates->addWidget(m_startEdit);
    dates->addWidget(new QLabel(tr("to"), this));
    dates->addWidget(m_endEdit);
    dates->addStretch(1);

    auto* form = new QFormLayout;
    form->addRow(tr("S&ymbols:"), m_symbolsEdit);
    form->addRow(tr("&Period:"), m_periodBox);
    form->addRow(tr("Date range:"), dates);

    m_startButton->setObjectName(u"start"_s);
    m_startButton->setDefault(true);
    m_cancelButton->setObjectName(u"cancelDownload"_s);
    auto* actions = new QHBoxLayout;
    actions->addStretch(1);
    actions->addWidget(m_startButton);
    actions->addWidget(m_cancelButton);

    m_progress->setObjectName(u"progress"_s);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m"));
    m_currentLabel->setObjectName(u"current"_s);
    m_currentLabel->setTextFormat(Qt::PlainText);

    m_table->setObjectName(u"statusTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Code"), tr("Status")});
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setShowGrid(false);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(CodeColumn, QFontMetrics(font()).horizontalAdvance(u"000000.SZ"_s) + 30);
    m_table->verticalHeader()->setDefaultSectionSize(QFontMetrics(font()).height() + 6);

    m_summaryLabel->setObjectName(u"summary"_s);
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextFormat(Qt::PlainText);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(actions);
    layout->addWidget(m_progress);
    layout->addWidget(m_currentLabel);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_buttons);
    resize(460, 560);

    connect(m_startButton, &QPushButton::clicked, this, [this] { start(); });
    connect(m_cancelButton, &QPushButton::clicked, this, &DownloadHistoryDialog::cancel);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &DownloadHistoryDialog::reject);
    connect(m_client, &QmtDownloadClient::stateChanged, this, &DownloadHistoryDialog::onStateChanged);
    connect(m_client, &QmtDownloadClient::progressed, this, &DownloadHistoryDialog::onProgress);
    connect(m_client, &QmtDownloadClient::finished, this, &DownloadHistoryDialog::onFinished);
    connect(m_client, &QmtDownloadClient::cancelled, this, [this] {
        m_summaryLabel->setText(tr("Cancelled after %1 of %2 codes.")
                                    .arg(m_client->lastProgress().finished)
                                    .arg(m_client->symbols().size()));
        m_currentLabel->clear();
    });
    connect(m_client, &QmtDownloadClient::failed, this, [this](const QString& message) {
        m_summaryLabel->setText(tr("Download failed: %1").arg(message));
        m_currentLabel->clear();
    });
    connect(m_symbolsEdit, &QPlainTextEdit::textChanged, this, &DownloadHistoryDialog::updateButtons);
    updateButtons();
}

void DownloadHistoryDialog::setSymbols(const QStringList& codes)
{
    m_symbolsEdit->setPlainText(codes.join(u'\n'));
}

QStringList DownloadHistoryDialog::symbols() const
{
    static const QRegularExpression separators(u"[\\s,;，；]+"_s);
    QStringList out;
    const QStringList parts = m_symbolsEdit->toPlainText().split(separators, Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        const QString code = part.trimmed().toUpper();
        if (!code.isEmpty() && !out.contains(code))
            out.append(code);
    }
    return out;
}

void DownloadHistoryDialog::setPeriod(const QString& period)
{
    const int i = m_periodBox->findData(period);
    if (i >= 0)
        m_periodBox->setCurrentIndex(i);
}

QString DownloadHistoryDialog::period() const
{
    return m_periodBox->currentData().toString();
}

void DownloadHistoryDialog::setDateRange(const QDate& start, const QDate& end)
{
    m_startEdit->setDate(start);
    m_endEdit->setDate(end);
}

QDate DownloadHistoryDialog::startDate() const
{
    return m_startEdit->date();
}

QDate DownloadHistoryDialog::endDate() const
{
    return m_endEdit->date();
}

bool DownloadHistoryDialog::start()
{
    const QStringList codes = symbols();
    if (codes.isEmpty() || m_client->isRunning())
        return false;
    QDate from = startDate();
    QDate to = endDate();
    if (from > to)
        std::swap(from, to);
    m_table->setRowCount(0);
    m_table->setRowCount(int(codes.size()));
    for (int row = 0; row < codes.size(); ++row) {
        m_table->setItem(row, CodeColumn, new QTableWidgetItem(codes.at(row)));
        auto* waiting = new QTableWidgetItem(tr("Waiting"));
        waiting->setForeground(palette().color(QPalette::PlaceholderText));
        m_table->setItem(row, StatusColumnIndex, waiting);
    }
    m_progress->setRange(0, int(codes.size()));
    m_progress->setValue(0);
    m_summaryLabel->clear();
    m_currentLabel->setText(tr("Connecting…"));
    m_client->start(codes, period(), from, to);
    updateButtons();
    return true;
}

void DownloadHistoryDialog::cancel()
{
    m_client->cancel();
    updateButtons();
}

void DownloadHistoryDialog::reject()
{
    if (m_client->isRunning())
        m_client->cancel();
    QDialog::reject();
}

QString DownloadHistoryDialog::summaryText() const
{
    return m_summaryLabel->text();
}

QString DownloadHistoryDialog::currentText() const
{
    return m_currentLabel->text();
}

void DownloadHistoryDialog::onStateChanged(QmtDownloadClient::State state)
{
    if (state == QmtDownloadClient::State::Running)
        m_currentLabel->setText(tr("Waiting for the first code…"));
    updateButtons();
}

void DownloadHistoryDialog::onProgress(const QmtDownloadClient::Progress& progress)
{
    if (progress.total > 0)
        m_progress->setRange(0, progress.total);
    m_progress->setValue(progress.finished);
    m_currentLabel->setText(tr("%1 of %2: %3 — %4")
                                .arg(progress.finished)
                                .arg(progress.total)
                                .arg(progress.current.code, QmtDownloadClient::statusText(progress.current)));
    setRowStatus(progress.current);
}

void DownloadHistoryDialog::onFinished(const QmtDownloadClient::Summary& summary)
{
    for (const auto& result : summary.results)
        setRowStatus(result);
    m_progress->setValue(m_progress->maximum());
    m_currentLabel->clear();
    if (summary.results.isEmpty())
        m_summaryLabel->setText(tr("Done."));
    else if (summary.failed == 0)
        m_summaryLabel->setText(tr("Done: all %n code(s) downloaded.", nullptr, summary.ok));
    else
        m_summaryLabel->setText(tr("Done: %1 downloaded, %2 failed.").arg(summary.ok).arg(summary.failed));
    updateButtons();
}

void DownloadHistoryDialog::setRowStatus(const QmtDownloadClient::CodeResult& result)
{
    int row = -1;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (m_table->item(r, CodeColumn) && m_table->item(r, CodeColumn)->text() == result.code) {
            row = r;
            break;
        }
    }
    if (row < 0) {
        row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, CodeColumn, new QTableWidgetItem(result.code));
    }
    auto* item = new QTableWidgetItem(QmtDownloadClient::statusText(result));
    item->setForeground(statusColour(result.status));
    item->setToolTip(result.text);
    m_table->setItem(row, StatusColumnIndex, item);
}

void DownloadHistoryDialog::updateButtons()
{
    const bool running = m_client->isRunning();
    m_startButton->setEnabled(!running && !symbols().isEmpty());
    m_cancelButton->setEnabled(running);
    m_symbolsEdit->setReadOnly(running);
    m_periodBox->setEnabled(!running);
    m_startEdit->setEnabled(!running);
    m_endEdit->setEnabled(!running);
}
