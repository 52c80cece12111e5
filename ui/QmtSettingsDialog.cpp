#include "QmtSettingsDialog.h"

#include "settings/Settings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

QmtSettingsDialog::QmtSettingsDialog(QWidget* parent)
    : QDialog(parent)
    , m_urlEdit(new QLineEdit(this))
    , m_urlError(new QLabel(this))
    , m_keyEdit(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("&Remember the key on this computer"), this))
    , m_note(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"QmtSettingsDialog"_s);
    setWindowTitle(tr("QMT Bridge settings"));
    m_urlEdit->setObjectName(u"qmtUrl"_s);
    m_urlEdit->setPlaceholderText(u"ws://192.168.1.10:8000"_s);
    m_urlEdit->setClearButtonEnabled(true);
    m_urlError->setObjectName(u"qmtUrlError"_s);
    m_urlError->setStyleSheet(u"color: #c62828;"_s);
    m_urlError->hide();
    m_keyEdit->setObjectName(u"qmtApiKey"_s);
    m_keyEdit->setEchoMode(QLineEdit::Password);
    m_keyEdit->setPlaceholderText(tr("Needed only for trade events"));
    m_remember->setObjectName(u"qmtRememberKey"_s);
    m_remember->setToolTip(tr("Stores the key in the settings file, readable only by you. Otherwise it is kept "
                              "until QuoteMonitor quits."));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("Bridge &address:"), m_urlEdit);
    form->addRow(QString(), m_urlError);
    form->addRow(tr("API &key:"), m_keyEdit);
    form->addRow(QString(), m_remember);
    auto* hint = new QLabel(tr("The address of the QMT Bridge, ws://HOST:PORT (REST is served on the same port). "
                               "Leave it empty to use no bridge. A-share codes (.SH, .SZ, .BJ) are then quoted by "
                               "the bridge."),
                            this);
    hint->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_buttons);
    layout->setSizeConstraint(QLayout::SetMinimumSize); // grows with the error line
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_urlEdit, &QLineEdit::textChanged, this, &QmtSettingsDialog::validate);
    setMinimumWidth(44 * fontMetrics().horizontalAdvance(u'0'));
    validate();
}

QUrl QmtSettingsDialog::parseUrl(const QString& text, QString* error)
{
    const QString trimmed = text.trimmed();
    if (error)
        error->clear();
    if (trimmed.isEmpty())
        return QUrl();
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!Settings::isValidQmtUrl(url)) {
        if (error)
            *error = tr("Expected ws://HOST:PORT, e.g. ws://192.168.1.10:8000");
        return QUrl();
    }
    QUrl normalised;
    normalised.setScheme(url.scheme().toLower());
    normalised.setHost(url.host());
    normalised.setPort(url.port());
    return normalised;
}

void QmtSettingsDialog::validate()
{
    QString error;
    parseUrl(m_urlEdit->text(), &error);
    m_urlError->setText(error);
    m_urlError->setVisible(!error.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

void QmtSettingsDialog::setUrl(const QUrl& url)
{
    m_urlEdit->setText(url.toString());
}

QUrl QmtSettingsDialog::url() const
{
    return parseUrl(m_urlEdit->text());
}

bool QmtSettingsDialog::isUrlValid() const
{
    QString error;
    parseUrl(m_urlEdit->text(), &error);
    return error.isEmpty();
}

void QmtSettingsDialog::setApiKey(const QString& key)
{
    m_keyEdit->setText(key);
}

QString QmtSettingsDialog::apiKey() const
{
    return m_keyEdit->text().trimmed();
}

void QmtSettingsDialog::setRememberKey(bool remember)
{
    m_remember->setChecked(remember);
}

bool QmtSettingsDialog::rememberKey() const
{
    return m_remember->isChecked();
}

void QmtSettingsDialog::setNote(const QString& note)
{
    // Non-breaking hyphens: "--qmt-api-key" must not be wrapped at its hyphens.
    m_note->setText(QString(note).replace(u'-', QChar(0x2011)));
    m_note->setVisible(!note.isEmpty());
}
