#pragma once

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

// Everything the quotemonitor command line (and the ALLTICK_TOKEN environment variable) can set.
struct AppOptions {
    bool demo = false;           // --demo: use the built-in simulator even if a token is configured
    QString allTickToken;        // --alltick-token, else $ALLTICK_TOKEN; empty when neither is set
    QUrl allTickStockUrl;        // --alltick-stock-url; empty = the configured default
    QUrl allTickGeneralUrl;      // --alltick-url; empty = the configured default
    QUrl qmtUrl;                 // --qmt ws://HOST:PORT; empty = no QMT Bridge
    QString qmtApiKey;           // --qmt-api-key, else $QMT_BRIDGE_API_KEY
    QStringList symbols;         // --symbols, trimmed, validated, without duplicates, in the given order
    bool symbolsGiven = false;   // true when --symbols was on the command line
    QString snapshotPath;        // --snapshot FILE
    int snapshotIntervalSec = 0; // --snapshot-interval SEC; 0 = write once
    double exitAfterSec = 0;     // --exit-after SEC; 0 = never
    QString lang;                // --lang: "", "en" or "zh_CN"
    bool showHelp = false;
    bool showVersion = false;
};

// Parses the quotemonitor command line without needing a GUI.
class CommandLine {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)

public:
    // `arguments` starts with the program name, as QCoreApplication::arguments() does (Qt's own options such as
    // -platform are already stripped by QApplication; anything unknown is an error). Returns false with a
    // translated message in `error` on bad input; the message never contains the token.
    static bool parse(const QStringList& arguments, const QProcessEnvironment& env, AppOptions* out, QString* error);
    static QString helpText();
    // True when `code` is a syntactically valid symbol code: non-empty, only [A-Za-z0-9._-].
    static bool isValidSymbolCode(const QString& code);
};
