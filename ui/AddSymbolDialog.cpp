#include "AddSymbolDialog.h"

#include "SymbolSearch.h"
#include "SymbolSearchModel.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxResults = 50;

// The row that offers an uncatalogued code is set in italics, in the link colour, so it reads as an action.
class ResultDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(SymbolSearchModel::UncataloguedRole).toBool()) {
            option->font.setItalic(true);
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Link));
        }
        if (index.column() == SymbolSearchModel::Code)
            option->font.setBold(true);
    }
};

} // namespace

AddSymbolDialog::AddSymbolDialog(SymbolSearch* search, bool chineseNames, QWidget* parent)
    : QDialog(parent)
    , m_search(search)
    , m_model(new SymbolSearchModel(this))
    , m_query(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_message(new QLabel(this))
    , m_count(new QLabel(this))
    , m_addButton(new QPushButton(tr("Add"), this))
{
    setWindowTitle(tr("Add symbols"));
    setModal(false);
    setSizeGripEnabled(true);
    m_model->setChineseNames(chineseNames);

    m_query->setPlaceholderText(tr("Code, name or pinyin initials, e.g. 600519, tencent, gzmt"));
    m_query->setClearButtonEnabled(true);
    m_query->installEventFilter(this);
    QFont queryFont = m_query->font();
    queryFont.setPointSizeF(queryFont.pointSizeF() * 1.15);
    m_query->setFont(queryFont);

    m_table->setModel(m_model);
    m_table->setItemDelegate(new ResultDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setCornerButtonEnabled(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(SymbolSearchModel::Name, QHeaderView::Stretch);
    m_table->installEventFilter(this);

    m_count->setForegroundRole(QPalette::PlaceholderText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto* closeButton = new QPushButton(tr("Close"), this);
    m_addButton->setAutoDefault(false);
    closeButton->setAutoDefault(false);
    m_addButton->setToolTip(tr("Add the selected symbols to the watchlist (Enter)"));
    closeButton->setToolTip(tr("Close (Esc)"));

    m_feedLabel = new QLabel(tr("&Feed:"), this);
    m_feed = new QComboBox(this);
    m_feedLabel->setBuddy(m_feed);
    m_feed->setToolTip(tr("Which feed serves the symbols you add; Automatic lets the monitor choose by market"));
    m_feedLabel->hide();
    m_feed->hide();

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_count, 1);
    buttons->addWidget(m_feedLabel);
    buttons->addWidget(m_feed);
    buttons->addWidget(m_addButton);
    buttons->addWidget(closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_query);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    connect(m_query, &QLineEdit::textChanged, this, [this] {
        showMessage(QString(), false);
        refresh();
    });
    connect(m_addButton, &QPushButton::clicked, this, &AddSymbolDialog::addSelected);
    connect(closeButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_table, &QTableView::doubleClicked, this, &AddSymbolDialog::addSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AddSymbolDialog::updateAddButton);

    resize(680, 440);
    refresh();
}

void AddSymbolDialog::setExistingSymbols(const QStringList& codes)
{
    m_existing = QSet<QString>(codes.begin(), codes.end());
}

void AddSymbolDialog::setQuery(const QString& text)
{
    m_query->setText(text);
    m_query->setCursorPosition(int(text.size()));
    m_query->setFocus(Qt::OtherFocusReason);
}

QString AddSymbolDialog::query() const
{
    return m_query->text();
}

void AddSymbolDialog::setFeedLabeler(std::function<QString(const QString&)> labeler)
{
    m_model->setFeedLabeler(std::move(labeler));
}

void AddSymbolDialog::setFeedChoices(const QList<QPair<QString, QString>>& feeds)
{
    const QString previous = chosenFeed();
    m_feed->clear();
    m_feed->addItem(tr("Automatic"), QString());
    for (const auto& [id, label] : feeds)
        m_feed->addItem(label, id);
    setChosenFeed(previous);
    const bool choice = feeds.size() > 1;
    m_feedLabel->setVisible(choice);
    m_feed->setVisible(choice);
}

QString AddSymbolDialog::chosenFeed() const
{
    return m_feed->currentData().toString();
}

void AddSymbolDialog::setChosenFeed(const QString& id)
{
    const int index = m_feed->findData(id);
    m_feed->setCurrentIndex(index < 0 ? 0 : index);
}

void AddSymbolDialog::setChineseNames(bool chinese)
{
    m_model->setChineseNames(chinese);
}

QStringList AddSymbolDialog::selectedCodes() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QStringList codes;
    for (int row : std::as_const(rows))
        codes.append(m_model->codeAt(row));
    return codes;
}

QString AddSymbolDialog::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void AddSymbolDialog::refresh()
{
    const QString text = m_query->text().trimmed();
    QList<SymbolSearch::Match> matches;
    QString uncatalogued;
    if (!text.isEmpty() && m_search) {
        matches = m_search->search(text, kMaxResults);
        const QString code = m_search->canonicalCode(text);
        if (!m_search->find(code) && SymbolSearch::isValidCode(code))
            uncatalogued = code;
    }
    m_model->setResults(matches, uncatalogued);
    if (m_model->rowCount() > 0) {
        const QModelIndex first = m_model->index(0, 0);
        m_table->selectionModel()->setCurrentIndex(first,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollToTop();
    }
    if (text.isEmpty())
        m_count->setText(tr("Search by code, Chinese or English name, or pinyin initials."));
    else if (matches.isEmpty() && uncatalogued.isEmpty())
        m_count->setText(tr("No matches"));
    else if (matches.size() >= kMaxResults)
        m_count->setText(tr("First %n matches", nullptr, int(matches.size())));
    else
        m_count->setText(tr("%n match(es)", nullptr, int(matches.size())));
    updateAddButton();
}

void AddSymbolDialog::updateAddButton()
{
    m_addButton->setEnabled(m_table->selectionModel()->hasSelection() || !m_query->text().trimmed().isEmpty());
}

void AddSymbolDialog::showMessage(const QString& text, bool error)
{
    m_messageIsError = error && !text.isEmpty();
    m_message->setText(text);
    m_message->setStyleSheet(error ? u"QLabel { color: #d32f2f; font-weight: bold; }"_s
                                   : u"QLabel { color: palette(text); }"_s);
    m_message->setVisible(!text.isEmpty());
}

void AddSymbolDialog::addSelected()
{
    const QString text = m_query->text().trimmed();
    QStringList candidates = selectedCodes();
    if (candidates.isEmpty()) {
        if (text.isEmpty()) {
            showMessage(tr("Type a code, a name or pinyin initials to find a symbol."), true);
            return;
        }
        if (m_model->rowCount() > 0) {
            showMessage(tr("Select one or more symbols to add."), true);
            return;
        }
        QString hint;
        const QString code = m_search ? m_search->canonicalCode(text) : text;
        if (!SymbolSearch::isValidCode(code, &hint)) {
            showMessage(tr("No symbol matches \"%1\" and it is not a valid code for any feed. %2").arg(text, hint),
                        true);
            return;
        }
        candidates.append(code);
    }

    QStringList accepted;
    QStringList duplicates;
    for (const QString& code : std::as_const(candidates)) {
        if (m_existing.contains(code) || accepted.contains(code))
            duplicates.append(code);
        else
            accepted.append(code);
    }
    const QString duplicateText = duplicates.size() == 1
                                      ? tr("%1 is already in this watchlist").arg(duplicates.first())
                                      : tr("%1 are already in this watchlist").arg(duplicates.join(u", "_s));
    if (accepted.isEmpty()) {
        showMessage(duplicateText, true);
        m_query->setFocus(Qt::OtherFocusReason);
        return;
    }

    for (const QString& code : std::as_const(accepted))
        m_existing.insert(code);
    Q_EMIT symbolsChosen(accepted);

    m_query->clear(); // also clears the message and the results
    QString status = accepted.size() == 1
                         ? tr("Added %1").arg(accepted.first())
                         : tr("Added %n symbols: %1", nullptr, int(accepted.size())).arg(accepted.join(u", "_s));
    if (!duplicates.isEmpty())
        status += u" · "_s + duplicateText;
    showMessage(status, false);
    m_query->setFocus(Qt::OtherFocusReason);
}

bool AddSymbolDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress)
        return QDialog::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
        addSelected();
        return true;
    }
    if (watched == m_query) {
        switch (key->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown: {
            // Keep typing in the field while moving in the results; Shift extends the selection.
            QKeyEvent copy(key->type(), key->key(), key->modifiers(), key->text(), key->isAutoRepeat(),
                           ushort(key->count()));
            QCoreApplication::sendEvent(m_table, &copy);
            return true;
        }
        default:
            break;
        }
    } else if (watched == m_table && !key->text().isEmpty() && key->text().at(0).isPrint() &&
               !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))) {
        // Typing while the results have focus goes on with the query.
        m_query->setFocus(Qt::OtherFocusReason);
        m_query->insert(key->text());
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

void AddSymbolDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    m_query->setFocus(Qt::OtherFocusReason);
}
