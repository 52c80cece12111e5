#pragma once

#include <QDialog>
#include <QSet>
#include <QStringList>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class SymbolSearch;
class SymbolSearchModel;

// Add-symbol dialog (键盘精灵): a search field over the symbol catalog and the results as a table (code, name,
// market, feed). Non-modal: open it with show() or open(). Results follow every keystroke; Up/Down/PageUp/PageDown in
// the field move in the results (with Shift they extend the selection; Ctrl/Shift+click select several rows); Enter
// or Add adds the selected rows, or a typed code that is not in the catalog when its format is valid for a feed.
// The dialog stays open after adding, clears the query and says what it added, so several searches can be made in a
// row; Esc closes it. Duplicates and invalid codes are refused with a message in the dialog, never a popup.
class AddSymbolDialog : public QDialog
{
    Q_OBJECT
public:
    // The search must outlive the dialog. chineseNames picks the name shown (Chinese or English).
    AddSymbolDialog(SymbolSearch* search, bool chineseNames, QWidget* parent);

    // Codes already in the target watchlist: adding one of them again is refused.
    void setExistingSymbols(const QStringList& codes);
    // Replaces the query, e.g. with the first characters typed in a watchlist (type-anywhere search); the cursor goes
    // to the end so typing continues.
    void setQuery(const QString& text);
    QString query() const;
    // Which feed serves a code (shown in the Feed column); SymbolSearch::defaultFeedLabel when not set.
    void setFeedLabeler(std::function<QString(const QString& code)> labeler);
    void setChineseNames(bool chinese);
    // Feeds the user can pick for the symbols being added, as (feed id, label) pairs. With fewer than two the choice
    // is hidden. The first entry offered is always "Automatic" (empty id): the session's routing decides.
    void setFeedChoices(const QList<QPair<QString, QString>>& feeds);
    // The feed picked for the symbols added next: empty for automatic routing.
    QString chosenFeed() const;
    void setChosenFeed(const QString& id);

    // The codes of the rows currently selected (the uncatalogued row gives its code).
    QStringList selectedCodes() const;
    // The inline message line (an error in red, or a status such as "Added 3 symbols").
    QString message() const;
    bool messageIsError() const { return m_messageIsError; }
    SymbolSearchModel* resultsModel() const { return m_model; }
    QTableView* resultsView() const { return m_table; }

public Q_SLOTS:
    // Adds the selected rows (or the typed code): emits symbolsChosen with the accepted codes.
    void addSelected();

Q_SIGNALS:
    void symbolsChosen(const QStringList& codes);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void refresh();
    void showMessage(const QString& text, bool error);
    void updateAddButton();

    SymbolSearch* m_search = nullptr;
    SymbolSearchModel* m_model = nullptr;
    QLineEdit* m_query = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_count = nullptr;
    QPushButton* m_addButton = nullptr;
    QLabel* m_feedLabel = nullptr;
    QComboBox* m_feed = nullptr;
    QSet<QString> m_existing;
    bool m_messageIsError = false;
};
