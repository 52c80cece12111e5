#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QUrl>
#include <QVariant>

#include <memory>

class QSettings;

// The one typed facade over the persisted settings (an INI file); no other code constructs QSettings.
// The AllTick token is deliberately not stored here: it comes from --alltick-token or $ALLTICK_TOKEN. The QMT Bridge
// API key is stored only when the user asks for it ("Remember"); the file is then made readable by its owner only.
class Settings {
    Q_DECLARE_TR_FUNCTIONS(Settings)
public:
    enum class Key {
        Language,
        ColorConvention,
        AllTickStockUrl,
        AllTickGeneralUrl,
        AllTickRestBaseOverride,
        AllTickPlan,
        ExportBom,
        LastExportDir,
        FlashOnChange,
        StaleAfterSec,
        QmtUrl,
        QmtApiKey,
    };
    static constexpr int KeyCount = int(Key::QmtApiKey) + 1;

    enum class ColorConvention { Auto, RedUp, GreenUp };
    enum class AllTickPlan { Paid, Free };

    // `filePath` empty: <AppConfigLocation>/quotemonitor.ini (…/QuoteMonitor/quotemonitor.ini). A file that exists
    // but cannot be read or parsed is renamed to "<file>.corrupt-<yyyyMMdd-HHmmss>" and the defaults are used.
    explicit Settings(const QString& filePath = QString());
    ~Settings();
    Settings(const Settings&) = delete;
    Settings& operator=(const Settings&) = delete;

    static QString defaultFilePath();
    QString fileName() const { return m_path; }
    // Empty, or a translated message saying that the settings file was unusable and where it was moved.
    QString loadWarning() const { return m_loadWarning; }
    // Writes pending changes. Returns false with a translated message on failure.
    bool sync(QString* error = nullptr);

    // The raw table: INI key name and default of every key.
    static QString keyName(Key key);
    static QVariant defaultValue(Key key);
    bool contains(Key key) const;
    void reset(Key key); // back to the default

    QString language() const; // "" = system language, "en", "zh_CN"
    void setLanguage(const QString& language);
    ColorConvention colorConvention() const;
    void setColorConvention(ColorConvention convention);
    // Resolves Auto: red for rising prices in a Chinese UI ("zh", "zh_CN", ...), green elsewhere.
    static bool isRedUp(ColorConvention convention, const QString& uiLanguage);
    QUrl allTickStockUrl() const; // a ws:// or wss:// URL; the default when the stored one is unusable
    void setAllTickStockUrl(const QUrl& url);
    QUrl allTickGeneralUrl() const;
    void setAllTickGeneralUrl(const QUrl& url);
    QUrl allTickRestBaseOverride() const; // empty = derive from the WebSocket URLs
    void setAllTickRestBaseOverride(const QUrl& url);
    AllTickPlan allTickPlan() const;
    void setAllTickPlan(AllTickPlan plan);
    bool exportBom() const;
    void setExportBom(bool bom);
    QString lastExportDir() const;
    void setLastExportDir(const QString& dir);
    bool flashOnChange() const; // a changed price cell flashes in its direction colour
    void setFlashOnChange(bool flash);
    int staleAfterSec() const; // rows grey out after this long without an update while their feed is connected
    void setStaleAfterSec(int seconds);
    QUrl qmtUrl() const; // the QMT Bridge (ws://HOST:PORT); empty when none or the stored one is unusable
    void setQmtUrl(const QUrl& url); // empty removes it
    QString qmtApiKey() const;       // empty when not remembered
    void setQmtApiKey(const QString& key); // empty removes it
    // True when `url` is a usable bridge address: ws:// or wss://, a host, no path beyond "/", no query.
    static bool isValidQmtUrl(const QUrl& url);

private:
    QVariant value(Key key) const;
    void setValue(Key key, const QVariant& value);

    QString m_path;
    QString m_loadWarning;
    std::unique_ptr<QSettings> m_settings; // null when the corrupt file could not be moved aside
    QVariant m_memory[KeyCount];           // the values while m_settings is null
};
