#include "CommandLine.h"

#include "feed/UrlRedaction.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {


QString dashed(const QString& name) {
    return u"--"_s + name;
}

// Option names, in one place.
const QString OptDemo = u"demo"_s;
const QString OptToken = u"alltick-token"_s;
const QString OptStockUrl = u"alltick-stock-url"_s;
const QString OptGeneralUrl = u"alltick-url"_s;
const QString OptSymbols = u"symbols"_s;
const QString OptSnapshot = u"snapshot"_s;
const QString OptSnapshotInterval = u"snapshot-interval"_s;
const QString OptExitAfter = u"exit-after"_s;
const QString OptLang = u"lang"_s;
const QString OptHelp = u"help"_s;
const QString OptVersion = u"version"_s;
const QString OptQmt = u"qmt"_s;
const QString OptQmtApiKey = u"qmt-api-key"_s;
const QString EnvToken = u"ALLTICK_TOKEN"_s;
const QString EnvQmtApiKey = u"QMT_BRIDGE_API_KEY"_s;

void setUp(QCommandLineParser& parser) {
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser.setApplicationDescription(CommandLine::tr("QuoteMonitor: real-time quote monitor."));
    parser.addOptions({
        {OptDemo, CommandLine::tr("Use the built-in market simulator, even if an AllTick token is configured.")},
        {OptToken, CommandLine::tr("AllTick API token (default: the ALLTICK_TOKEN environment variable)."), CommandLine::tr("TOKEN")},
        {OptStockUrl, CommandLine::tr("AllTick WebSocket URL for stocks and indices (ws:// or wss://)."), CommandLine::tr("URL")},
        {OptGeneralUrl, CommandLine::tr("AllTick WebSocket URL for forex, metals, energy and crypto (ws:// or wss://)."), CommandLine::tr("URL")},
        {OptQmt, CommandLine::tr("QMT Bridge to use for .SH/.SZ/.BJ codes, e.g. ws://192.168.1.20:8000 (REST on http:// of the same host and port)."), CommandLine::tr("URL")},
        {OptQmtApiKey, CommandLine::tr("QMT Bridge API key for trade events (default: the QMT_BRIDGE_API_KEY environment variable)."), CommandLine::tr("KEY")},
        {OptSymbols, CommandLine::tr("Comma-separated symbol codes to watch, e.g. 700.HK,AAPL.US,EURUSD."), CommandLine::tr("CODES")},
        {OptSnapshot, CommandLine::tr("Write a CSV snapshot of the watchlist to FILE."), CommandLine::tr("FILE")},
        {OptSnapshotInterval, CommandLine::tr("Rewrite the snapshot every SEC seconds (requires --snapshot)."), CommandLine::tr("SEC")},
        {OptExitAfter, CommandLine::tr("Quit after SEC seconds."), CommandLine::tr("SEC")},
        {OptLang, CommandLine::tr("User interface language: en or zh_CN (default: the system language)."), CommandLine::tr("LANG")},
        {{u"h"_s, OptHelp}, CommandLine::tr("Show this help and exit.")},
        {{u"v"_s, OptVersion}, CommandLine::tr("Show the version and exit.")},
    });
}

// "-x" or "--name" as it appears in `args` (without any "=value"), for error messages.
QString optionAsTyped(const QStringList& args, const QString& name) {
    for (const QString& arg : args) {
        const QString bare = arg.section(u'=', 0, 0);
        if (bare == u'-' + name || bare == dashed(name))
            return bare;
    }
    return dashed(name);
}

bool parseWebSocketUrl(const QCommandLineParser& parser, const QString& option, QUrl* out, QString* error) {
    if (!parser.isSet(option))
        return true;
    const QString text = parser.value(option).trimmed();
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative()) {
        // The text may carry a token and cannot be parsed, so it is not echoed at all.
        *error = CommandLine::tr("%1: not a valid URL; expected ws://HOST/... or wss://HOST/...").arg(dashed(option));
        return false;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != u"ws" && scheme != u"wss") {
        *error =
            CommandLine::tr("%1: \"%2\" is not a WebSocket URL; expected ws:// or wss://").arg(dashed(option), Redaction::url(url));
        return false;
    }
    if (url.host().isEmpty()) {
        *error = CommandLine::tr("%1: \"%2\" has no host name").arg(dashed(option), Redaction::url(url));
        return false;
    }
    *out = url;
    return true;
}

bool parseSymbols(const QCommandLineParser& parser, AppOptions* out, QString* error) {
    if (!parser.isSet(OptSymbols))
        return true;
    QStringList symbols;
    const QStringList values = parser.values(OptSymbols);
    for (const QString& value : values) {
        const QStringList parts = value.split(u',');
        for (const QString& part : parts) {
            const QString code = part.trimmed();
            if (code.isEmpty())
                continue;
            if (!CommandLine::isValidSymbolCode(code)) {
                *error =
                    CommandLine::tr("--symbols: \"%1\" is not a valid symbol code; use letters, digits, '.', '_' and '-'").arg(code);
                return false;
            }
            if (!symbols.contains(code))
                symbols.append(code);
        }
    }
    if (symbols.isEmpty()) {
        *error = CommandLine::tr("--symbols: no symbol codes given");
        return false;
    }
    out->symbols = symbols;
    out->symbolsGiven = true;
    return true;
}

bool parseOptions(const QCommandLineParser& parser, const QProcessEnvironment& env, AppOptions* out, QString* error) {
    out->showHelp = parser.isSet(OptHelp);
    out->showVersion = parser.isSet(OptVersion);
    if (out->showHelp || out->showVersion)
        return true; // nothing else matters; the caller prints and exits
    out->demo = parser.isSet(OptDemo);

    if (parser.isSet(OptToken)) {
        out->allTickToken = parser.value(OptToken).trimmed();
        if (out->allTickToken.isEmpty()) {
            *error = CommandLine::tr("--alltick-token: the token is empty");
            return false;
        }
    } else {
        out->allTickToken = env.value(EnvToken).trimmed();
    }

    if (!parseWebSocketUrl(parser, OptStockUrl, &out->allTickStockUrl, error) ||
        !parseWebSocketUrl(parser, OptGeneralUrl, &out->allTickGeneralUrl, error) ||
        !parseWebSocketUrl(parser, OptQmt, &out->qmtUrl, error))
        return false;
    if (parser.isSet(OptQmtApiKey)) {
        out->qmtApiKey = parser.value(OptQmtApiKey).trimmed();
        if (out->qmtApiKey.isEmpty()) {
            *error = CommandLine::tr("--qmt-api-key: the key is empty");
            return false;
        }
    } else {
        out->qmtApiKey = env.value(EnvQmtApiKey).trimmed();
    }

    if (!parseSymbols(parser, out, error))
        return false;

    if (parser.isSet(OptSnapshot)) {
        out->snapshotPath = parser.value(OptSnapshot).trimmed();
        if (out->snapshotPath.isEmpty()) {
            *error = CommandLine::tr("--snapshot: the file name is empty");
            return false;
        }
    }
    if (parser.isSet(OptSnapshotInterval)) {
        bool ok = false;
        const int seconds = parser.value(OptSnapshotInterval).trimmed().toInt(&ok);
        if (!ok || seconds <= 0) {
            *error = CommandLine::tr("--snapshot-interval: \"%1\" is not a positive whole number of seconds")
                         .arg(parser.value(OptSnapshotInterval));
            return false;
        }
        if (out->snapshotPath.isEmpty()) {
            *error = CommandLine::tr("--snapshot-interval requires --snapshot FILE");
            return false;
        }
        out->snapshotIntervalSec = seconds;
    }

    if (parser.isSet(OptExitAfter)) {
        bool ok = false;
        const double seconds = parser.value(OptExitAfter).trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(seconds) || seconds <= 0) {
            *error = CommandLine::tr("--exit-after: \"%1\" is not a positive number of seconds").arg(parser.value(OptExitAfter));
            return false;
        }
        out->exitAfterSec = seconds;
    }

    if (parser.isSet(OptLang)) {
        const QString lang = parser.value(OptLang).trimmed();
        if (lang != u"en" && lang != u"zh_CN") {
            *error = CommandLine::tr("--lang: \"%1\" is not supported; use en or zh_CN").arg(lang);
            return false;
        }
        out->lang = lang;
    }
    return true;
}

} // namespace

bool CommandLine::isValidSymbolCode(const QString& code) {
    if (code.isEmpty())
        return false;
    for (const QChar c : code) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'.' ||
                        u == u'_' || u == u'-';
        if (!ok)
            return false;
    }
    return true;
}

bool CommandLine::parse(const QStringList& arguments, const QProcessEnvironment& env, AppOptions* out, QString* error) {
    Q_ASSERT(out);
    QString message;
    AppOptions options;
    QCommandLineParser parser;
    setUp(parser);

    QStringList args = arguments;
    if (args.isEmpty())
        args.append(u"quotemonitor"_s);

    bool ok = parser.parse(args);
    if (!ok) {
        const QStringList unknown = parser.unknownOptionNames();
        if (!unknown.isEmpty())
            message = CommandLine::tr("Unknown option: %1").arg(optionAsTyped(args, unknown.first()));
        else
            message = parser.errorText();
    } else if (!parser.positionalArguments().isEmpty()) {
        ok = false;
        message = CommandLine::tr("Unexpected argument: \"%1\"").arg(parser.positionalArguments().first());
    } else {
        ok = parseOptions(parser, env, &options, &message);
    }

    if (!ok) {
        // Whatever went wrong, the message must not reveal a token, wherever it came from.
        QStringList secrets{env.value(EnvToken).trimmed(), env.value(EnvQmtApiKey).trimmed()};
        for (const QString& option : {OptToken, OptQmtApiKey}) {
            if (parser.isSet(option)) {
                const QStringList values = parser.values(option);
                for (const QString& value : values)
                    secrets << value << value.trimmed();
            }
        }
        if (error)
            *error = Redaction::text(message, secrets);
        return false;
    }
    *out = options;
    if (error)
        error->clear();
    return true;
}

QString CommandLine::helpText() {
    QCommandLineParser parser;
    setUp(parser);
    return parser.helpText();
}
