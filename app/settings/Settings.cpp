#include "Settings.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <array>

using namespace Qt::StringLiterals;

namespace {

struct KeyInfo {
    Settings::Key key;
    QString name;
    QVariant defaultValue;
};

const std::array<KeyInfo, Settings::KeyCount>& keyTable() {
    using K = Settings::Key;
    static const std::array<KeyInfo, Settings::KeyCount> table{{
        {K::Language, u"ui/language"_s, QString()},
        {K::ColorConvention, u"ui/colorConvention"_s, u"auto"_s},
        {K::AllTickStockUrl, u"alltick/stockUrl"_s, u"wss://quote.alltick.co/quote-stock-b-ws-api"_s},
        {K::AllTickGeneralUrl, u"alltick/generalUrl"_s, u"wss://quote.alltick.co/quote-b-ws-api"_s},
        {K::AllTickRestBaseOverride, u"alltick/restBaseOverride"_s, QString()},
        {K::AllTickPlan, u"alltick/plan"_s, u"paid"_s},
        {K::ExportBom, u"export/utf8Bom"_s, true},
        {K::LastExportDir, u"export/lastDir"_s, QString()},
        {K::FlashOnChange, u"ui/flashOnChange"_s, true},
        {K::StaleAfterSec, u"ui/staleAfterSec"_s, 30},
        {K::QmtUrl, u"qmt/url"_s, QString()},
        {K::QmtApiKey, u"qmt/apiKey"_s, QString()},
    }};
    return table;
}

const KeyInfo& info(Settings::Key key) {
    const KeyInfo& entry = keyTable().at(std::size_t(key));
    Q_ASSERT(entry.key == key);
    return entry;
}

// Enum <-> stored text.
const std::array<std::pair<Settings::ColorConvention, QString>, 3> ColorNames{{
    {Settings::ColorConvention::Auto, u"auto"_s},
    {Settings::ColorConvention::RedUp, u"red-up"_s},
    {Settings::ColorConvention::GreenUp, u"green-up"_s},
}};
const std::array<std::pair<Settings::AllTickPlan, QString>, 2> PlanNames{{
    {Settings::AllTickPlan::Paid, u"paid"_s},
    {Settings::AllTickPlan::Free, u"free"_s},
}};

template <typename Enum, std::size_t N>
Enum enumFromText(const std::array<std::pair<Enum, QString>, N>& names, const QString& text, Enum fallback) {
    for (const auto& [value, name] : names) {
        if (text.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return fallback;
}

template <typename Enum, std::size_t N>
QString enumToText(const std::array<std::pair<Enum, QString>, N>& names, Enum value) {
    for (const auto& [v, name] : names) {
        if (v == value)
            return name;
    }
    return names.front().second;
}

bool isWebSocketUrl(const QUrl& url) {
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == u"ws" || scheme == u"wss") && !url.host().isEmpty();
}

bool isHttpUrl(const QUrl& url) {
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == u"http" || scheme == u"https") && !url.host().isEmpty();
}

QString backupPathFor(const QString& path) {
    const QString base = path + u".corrupt-"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    QString candidate = base;
    for (int n = 2; QFileInfo::exists(candidate) || QFileInfo(candidate).isSymLink(); ++n)
        candidate = base + u'-' + QString::number(n);
    return candidate;
}

// Owner read/write only (0600). QSettings rewrites the file through QSaveFile, which keeps the permissions of the
// file it replaces, so restricting them before the first write with a secret keeps the secret private.
void restrictFilePermissions(const QString& path) {
    QFile file(path);
    if (!file.exists()) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (!file.open(QIODevice::WriteOnly))
            return;
        file.close();
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

} // namespace

Settings::Settings(const QString& filePath)
    : m_path(filePath.isEmpty() ? defaultFilePath() : filePath) {
    const QFileInfo fileInfo(m_path);
    if (!fileInfo.exists() && !fileInfo.isSymLink()) {
        m_settings = std::make_unique<QSettings>(m_path, QSettings::IniFormat);
        return;
    }

    QSettings::Status status = QSettings::NoError;
    {
        // QSettings parses sections lazily: allKeys() makes it read everything, so the status is final.
        // The probe changes nothing, so destroying it writes nothing.
        const QSettings probe(m_path, QSettings::IniFormat);
        (void)probe.allKeys();
        status = probe.status();
        if (fileInfo.isDir())
            status = QSettings::AccessError;
    }
    if (status == QSettings::NoError) {
        m_settings = std::make_unique<QSettings>(m_path, QSettings::IniFormat);
        return;
    }

    // Qt would rewrite an unparsable file in place on the next sync and lose whatever is in it:
    // keep it aside for the user, and start from the defaults.
    const QString reason =
        status == QSettings::FormatError ? tr("it is not a valid settings file") : tr("it cannot be read");
    const QString backup = backupPathFor(m_path);
    if (QFile::rename(m_path, backup)) {
        m_loadWarning = tr("The settings file \"%1\" could not be used (%2). It was moved to \"%3\" and the default "
                           "settings are used.")
                            .arg(QDir::toNativeSeparators(m_path), reason, QDir::toNativeSeparators(backup));
        m_settings = std::make_unique<QSettings>(m_path, QSettings::IniFormat);
    } else {
        // Never overwrite it: run on defaults held in memory, and save nothing.
        m_loadWarning = tr("The settings file \"%1\" could not be used (%2) and could not be moved aside. The default "
                           "settings are used and changes will not be saved.")
                            .arg(QDir::toNativeSeparators(m_path), reason);
    }
}

Settings::~Settings() = default;

QString Settings::defaultFilePath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + u"/quotemonitor.ini"_s;
}

bool Settings::sync(QString* error) {
    if (!m_settings) {
        if (error)
            *error = tr("The settings cannot be saved to \"%1\" because the file there is damaged.")
                         .arg(QDir::toNativeSeparators(m_path));
        return false;
    }
    if (m_settings->contains(keyName(Key::QmtApiKey)))
        restrictFilePermissions(m_path);
    m_settings->sync();
    if (m_settings->contains(keyName(Key::QmtApiKey)))
        restrictFilePermissions(m_path); // in case the file was replaced rather than rewritten
    if (m_settings->status() != QSettings::NoError) {
        if (error)
            *error = tr("Could not save the settings to \"%1\".").arg(QDir::toNativeSeparators(m_path));
        return false;
    }
    if (error)
        error->clear();
    return true;
}

QString Settings::keyName(Key key) {
    return info(key).name;
}

QVariant Settings::defaultValue(Key key) {
    return info(key).defaultValue;
}

bool Settings::contains(Key key) const {
    return m_settings ? m_settings->contains(keyName(key)) : m_memory[int(key)].isValid();
}

void Settings::reset(Key key) {
    if (m_settings)
        m_settings->remove(keyName(key));
    else
        m_memory[int(key)] = QVariant();
}

QVariant Settings::value(Key key) const {
    if (m_settings)
        return m_settings->value(keyName(key), defaultValue(key));
    const QVariant& v = m_memory[int(key)];
    return v.isValid() ? v : defaultValue(key);
}

void Settings::setValue(Key key, const QVariant& value) {
    if (m_settings)
        m_settings->setValue(keyName(key), value);
    else
        m_memory[int(key)] = value;
}

QString Settings::language() const {
    return value(Key::Language).toString().trimmed();
}

void Settings::setLanguage(const QString& language) {
    setValue(Key::Language, language.trimmed());
}

Settings::ColorConvention Settings::colorConvention() const {
    return enumFromText(ColorNames, value(Key::ColorConvention).toString().trimmed(), ColorConvention::Auto);
}

void Settings::setColorConvention(ColorConvention convention) {
    setValue(Key::ColorConvention, enumToText(ColorNames, convention));
}

bool Settings::isRedUp(ColorConvention convention, const QString& uiLanguage) {
    switch (convention) {
    case ColorConvention::RedUp:
        return true;
    case ColorConvention::GreenUp:
        return false;
    case ColorConvention::Auto:
        break;
    }
    return uiLanguage.startsWith(u"zh"_s, Qt::CaseInsensitive);
}

QUrl Settings::allTickStockUrl() const {
    const QUrl url(value(Key::AllTickStockUrl).toString().trimmed(), QUrl::StrictMode);
    return isWebSocketUrl(url) ? url : QUrl(defaultValue(Key::AllTickStockUrl).toString());
}

void Settings::setAllTickStockUrl(const QUrl& url) {
    setValue(Key::AllTickStockUrl, url.toString(QUrl::FullyEncoded));
}

QUrl Settings::allTickGeneralUrl() const {
    const QUrl url(value(Key::AllTickGeneralUrl).toString().trimmed(), QUrl::StrictMode);
    return isWebSocketUrl(url) ? url : QUrl(defaultValue(Key::AllTickGeneralUrl).toString());
}

void Settings::setAllTickGeneralUrl(const QUrl& url) {
    setValue(Key::AllTickGeneralUrl, url.toString(QUrl::FullyEncoded));
}

QUrl Settings::allTickRestBaseOverride() const {
    const QString text = value(Key::AllTickRestBaseOverride).toString().trimmed();
    const QUrl url(text, QUrl::StrictMode);
    return isHttpUrl(url) ? url : QUrl();
}

void Settings::setAllTickRestBaseOverride(const QUrl& url) {
    setValue(Key::AllTickRestBaseOverride, url.isEmpty() ? QString() : url.toString(QUrl::FullyEncoded));
}

Settings::AllTickPlan Settings::allTickPlan() const {
    return enumFromText(PlanNames, value(Key::AllTickPlan).toString().trimmed(), AllTickPlan::Paid);
}

void Settings::setAllTickPlan(AllTickPlan plan) {
    setValue(Key::AllTickPlan, enumToText(PlanNames, plan));
}

bool Settings::exportBom() const {
    return value(Key::ExportBom).toBool();
}

void Settings::setExportBom(bool bom) {
    setValue(Key::ExportBom, bom);
}

QString Settings::lastExportDir() const {
    return value(Key::LastExportDir).toString();
}

void Settings::setLastExportDir(const QString& dir) {
    setValue(Key::LastExportDir, dir);
}

bool Settings::flashOnChange() const {
    return value(Key::FlashOnChange).toBool();
}

void Settings::setFlashOnChange(bool flash) {
    setValue(Key::FlashOnChange, flash);
}

int Settings::staleAfterSec() const {
    bool ok = false;
    const int seconds = value(Key::StaleAfterSec).toInt(&ok);
    return ok && seconds > 0 ? seconds : defaultValue(Key::StaleAfterSec).toInt();
}

void Settings::setStaleAfterSec(int seconds) {
    setValue(Key::StaleAfterSec, qMax(1, seconds));
}

bool Settings::isValidQmtUrl(const QUrl& url) {
    return isWebSocketUrl(url) && url.port() > 0 && (url.path().isEmpty() || url.path() == u"/") && !url.hasQuery() &&
           !url.hasFragment() && url.userInfo().isEmpty();
}

QUrl Settings::qmtUrl() const {
    const QUrl url(value(Key::QmtUrl).toString().trimmed(), QUrl::StrictMode);
    return isValidQmtUrl(url) ? url : QUrl();
}

void Settings::setQmtUrl(const QUrl& url) {
    if (url.isEmpty())
        reset(Key::QmtUrl);
    else
        setValue(Key::QmtUrl, url.toString(QUrl::FullyEncoded));
}

QString Settings::qmtApiKey() const {
    return value(Key::QmtApiKey).toString();
}

void Settings::setQmtApiKey(const QString& key) {
    if (key.isEmpty()) {
        reset(Key::QmtApiKey);
        return;
    }
    if (m_settings)
        restrictFilePermissions(m_path);
    setValue(Key::QmtApiKey, key);
}
