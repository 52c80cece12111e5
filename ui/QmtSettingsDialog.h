#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

// Tools > QMT Bridge settings...: the bridge address (ws://HOST:PORT, validated as it is typed) and its API key
// (for the trade events stream; shown as dots). The key is kept for this session only unless "Remember" is ticked.
// An empty address turns the bridge off. The dialog only collects the values; the main window applies them.
class QmtSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit QmtSettingsDialog(QWidget* parent = nullptr);

    void setUrl(const QUrl& url);
    // The address typed, normalised; empty when the field is empty. Only meaningful when isUrlValid().
    QUrl url() const;
    bool isUrlValid() const;
    void setApiKey(const QString& key);
    QString apiKey() const;
    void setRememberKey(bool remember);
    bool rememberKey() const;
    // A note under the fields (for instance that the command line overrides the saved address for this run).
    void setNote(const QString& note);

    QLineEdit* urlEdit() const { return m_urlEdit; }
    QLineEdit* keyEdit() const { return m_keyEdit; }
    QCheckBox* rememberBox() const { return m_remember; }
    QDialogButtonBox* buttons() const { return m_buttons; }

    // Parses "ws://HOST:PORT" (a trailing "/" allowed). Returns an empty URL and sets `error` (translated) when the
    // text is not such an address; an empty text is valid (no bridge).
    static QUrl parseUrl(const QString& text, QString* error = nullptr);

private:
    void validate();

    QLineEdit* m_urlEdit;
    QLabel* m_urlError;
    QLineEdit* m_keyEdit;
    QCheckBox* m_remember;
    QLabel* m_note;
    QDialogButtonBox* m_buttons;
};
