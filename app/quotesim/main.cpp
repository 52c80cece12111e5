// quotesim: a local AllTick look-alike quote server (WebSocket + REST on one port) for demos and tests.

#include "sim/QmtSimServer.h"
#include "sim/SimServer.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <chrono>
#include <cstdlib>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {

[[noreturn]] void failUsage(const QString& message)
{
    QTextStream err(stderr);
    err << QCoreApplication::applicationName() << u": "_s << message << Qt::endl;
    err << QCoreApplication::translate("quotesim", "Try '%1 --help' for more information.")
               .arg(QCoreApplication::applicationName())
        << Qt::endl;
    std::exit(2);
}

qint64 integerOption(const QCommandLineParser& parser, const QCommandLineOption& option, qint64 min, qint64 max)
{
    bool ok = false;
    const QString text = parser.value(option);
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max)
        failUsage(
            QCoreApplication::translate("quotesim", "invalid value '%1' for --%2 (expected an integer from %3 to %4)")
                .arg(text, option.names().constFirst())
                .arg(min)
                .arg(max));
    return value;
}

#ifdef Q_OS_UNIX
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
}

// SIGINT/SIGTERM end the event loop cleanly (self-pipe: the handler only writes a byte).
void installSignalHandlers(QCoreApplication* app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, [notifier] {
        notifier->setEnabled(false);
        char byte = 0;
        [[maybe_unused]] const ssize_t read = ::read(g_signalPipe[0], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}
#endif

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"quotesim"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(QM_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "quotesim",
        "Simulated AllTick quote server: WebSocket streams and REST K-lines on one port, for QuoteMonitor demos "
        "and tests; with --qmt-port also a QMT Bridge look-alike. Runs until interrupted."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption hostOption(
        u"host"_s, QCoreApplication::translate("quotesim", "Address to listen on (default 127.0.0.1)."),
        QCoreApplication::translate("quotesim", "address"), u"127.0.0.1"_s);
    const QCommandLineOption portOption(
        u"port"_s, QCoreApplication::translate("quotesim", "Port to listen on; 0 picks a free port (default 8765)."),
        QCoreApplication::translate("quotesim", "port"), u"8765"_s);
    const QCommandLineOption seedOption(
        u"seed"_s, QCoreApplication::translate("quotesim", "Seed of the simulated market (default 1)."),
        QCoreApplication::translate("quotesim", "n"), u"1"_s);
    const QCommandLineOption tokenOption(
        u"token"_s,
        QCoreApplication::translate("quotesim",
                                    "Token clients must present (default: any non-empty token is accepted)."),
        QCoreApplication::translate("quotesim", "token"));
    const QCommandLineOption integerOption_(
        u"integer-numbers"_s,
        QCoreApplication::translate("quotesim", "Send seq and tick_time as JSON integers instead of strings."));
    const QCommandLineOption secondsOption(
        u"tick-time-seconds"_s, QCoreApplication::translate("quotesim", "Send tick_time in seconds instead of ms."));
    const QCommandLineOption rateOption(
        u"rate"_s,
        QCoreApplication::translate(
            "quotesim", "Pushes per second per connection (default: about 2 trades + 1 book per subscribed code)."),
        QCoreApplication::translate("quotesim", "n"));
    const QCommandLineOption symbolsOption(
        u"symbols"_s,
        QCoreApplication::translate(
            "quotesim", "Number of symbols the market offers; beyond the built-in catalog they are synthetic."),
        QCoreApplication::translate("quotesim", "n"));
    const QCommandLineOption spacingOption(
        u"request-spacing-ms"_s,
        QCoreApplication::translate("quotesim", "Minimum time between requests on a connection; 0 disables "
                                                "(default 1000)."),
        QCoreApplication::translate("quotesim", "ms"), u"1000"_s);
    const QCommandLineOption heartbeatOption(
        u"heartbeat-timeout-ms"_s,
        QCoreApplication::translate("quotesim", "Drop connections without a heartbeat for this long; 0 disables "
                                                "(default 30000)."),
        QCoreApplication::translate("quotesim", "ms"), u"30000"_s);
    const QCommandLineOption connectionsOption(
        u"max-connections"_s,
        QCoreApplication::translate("quotesim", "Connections per token and URL family; 0 = unlimited (default)."),
        QCoreApplication::translate("quotesim", "n"), u"0"_s);
    const QCommandLineOption codesOption(
        u"max-codes"_s,
        QCoreApplication::translate("quotesim",
                                    "Codes per subscription list, extra ones ignored; 0 = unlimited (default)."),
        QCoreApplication::translate("quotesim", "n"), u"0"_s);
    const QCommandLineOption badJsonOption(
        u"bad-json-ret"_s,
        QCoreApplication::translate("quotesim", "ret code for malformed requests (default 400; the docs' example "
                                                "shows 201)."),
        QCoreApplication::translate("quotesim", "n"), u"400"_s);
    const QCommandLineOption exitOption(u"exit-after"_s,
                                        QCoreApplication::translate("quotesim", "Exit after this many seconds."),
                                        QCoreApplication::translate("quotesim", "seconds"));
    const QCommandLineOption qmtPortOption(
        u"qmt-port"_s,
        QCoreApplication::translate("quotesim", "Also serve a QMT Bridge look-alike (WebSocket /ws/... and REST "
                                                "/api/...) on this port; 0 picks a free port."),
        QCoreApplication::translate("quotesim", "port"));
    const QCommandLineOption qmtQuirksOption(
        u"qmt-quirks"_s,
        QCoreApplication::translate("quotesim", "Reproduce a bridge version's quirks: v2.8.0 (l2_thousand refused, "
                                                "no trade events, no formula pushes). Default: as documented."),
        QCoreApplication::translate("quotesim", "version"));
    const QCommandLineOption qmtKeyOption(
        u"qmt-api-key"_s,
        QCoreApplication::translate("quotesim", "API key of the QMT simulator (default: QMT_BRIDGE_API_KEY; none = "
                                                "trading refused)."),
        QCoreApplication::translate("quotesim", "key"));
    const QCommandLineOption qmtTradingOption(
        u"qmt-trading"_s,
        QCoreApplication::translate("quotesim", "Mount the QMT trading endpoints (/ws/trade, /api/trading/...); "
                                                "without quirks an order lifecycle is pushed every 5 s."));
    const QCommandLineOption qmtSymbolsOption(
        u"qmt-symbols"_s,
        QCoreApplication::translate("quotesim", "A-share codes the QMT simulator offers; beyond the catalog they are "
                                                "synthetic (e.g. 5000 for a whole market)."),
        QCoreApplication::translate("quotesim", "n"));
    parser.addOptions({hostOption, portOption, seedOption, tokenOption, integerOption_, secondsOption, rateOption,
                       symbolsOption, spacingOption, heartbeatOption, connectionsOption, codesOption, badJsonOption,
                       exitOption, qmtPortOption, qmtQuirksOption, qmtKeyOption, qmtTradingOption, qmtSymbolsOption});

    if (!parser.parse(QCoreApplication::arguments()))
        failUsage(parser.errorText());
    if (parser.isSet(helpOption))
        parser.showHelp(0);
    if (parser.isSet(versionOption))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        failUsage(QCoreApplication::translate("quotesim", "unexpected argument '%1'")
                      .arg(parser.positionalArguments().constFirst()));

    const QString hostValue = parser.value(hostOption);
    const QHostAddress host =
        hostValue == u"localhost"_s ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(hostValue);
    if (host.isNull())
        failUsage(QCoreApplication::translate("quotesim", "invalid value '%1' for --host (expected an IP address)")
                      .arg(parser.value(hostOption)));

    SimServer::Config config;
    const auto port = quint16(integerOption(parser, portOption, 0, 65535));
    config.seed = quint32(integerOption(parser, seedOption, 0, 4294967295LL));
    config.token = parser.value(tokenOption);
    config.integerNumbers = parser.isSet(integerOption_);
    config.tickTimeSeconds = parser.isSet(secondsOption);
    if (parser.isSet(rateOption))
        config.pushRate = double(integerOption(parser, rateOption, 1, 1000000));
    if (parser.isSet(symbolsOption))
        config.symbolCount = int(integerOption(parser, symbolsOption, 1, 1000000));
    config.minRequestSpacingMs = int(integerOption(parser, spacingOption, 0, 3600000));
    config.heartbeatTimeoutMs = int(integerOption(parser, heartbeatOption, 0, 86400000));
    config.maxConnectionsPerToken = int(integerOption(parser, connectionsOption, 0, 100000));
    config.maxCodesPerList = int(integerOption(parser, codesOption, 0, 1000000));
    config.badJsonRet = int(integerOption(parser, badJsonOption, 0, 999));
    qint64 exitAfterSec = 0;
    if (parser.isSet(exitOption))
        exitAfterSec = integerOption(parser, exitOption, 1, 2000000);

    QmtSimServer::Config qmtConfig;
    qmtConfig.seed = config.seed;
    const bool qmtEnabled = parser.isSet(qmtPortOption);
    const auto qmtPort = qmtEnabled ? quint16(integerOption(parser, qmtPortOption, 0, 65535)) : quint16(0);
    if (parser.isSet(qmtQuirksOption)) {
        if (parser.value(qmtQuirksOption) != u"v2.8.0"_s)
            failUsage(QCoreApplication::translate("quotesim", "invalid value '%1' for --qmt-quirks (expected v2.8.0)")
                          .arg(parser.value(qmtQuirksOption)));
        qmtConfig.quirksV280 = true;
    }
    qmtConfig.apiKey =
        parser.isSet(qmtKeyOption) ? parser.value(qmtKeyOption) : qEnvironmentVariable("QMT_BRIDGE_API_KEY");
    qmtConfig.tradingEnabled = parser.isSet(qmtTradingOption);
    if (qmtConfig.tradingEnabled)
        qmtConfig.tradeEventIntervalMs = 5000;
    if (parser.isSet(qmtSymbolsOption))
        qmtConfig.wholeMarketSymbols = int(integerOption(parser, qmtSymbolsOption, 1, 100000));

    SimServer server(config);
    if (!server.listen(host, port)) {
        QTextStream(stderr) << QCoreApplication::applicationName() << u": "_s
                            << QCoreApplication::translate("quotesim", "cannot listen on %1:%2: %3")
                                   .arg(host.toString())
                                   .arg(port)
                                   .arg(server.errorString())
                            << Qt::endl;
        return 1;
    }

    QString hostText = host.toString();
    if (host.protocol() == QAbstractSocket::IPv6Protocol)
        hostText = u'[' + hostText + u']';
    const QString authority = hostText + u':' + QString::number(server.port());
    QTextStream out(stdout);
    out << QCoreApplication::translate(
               "quotesim", "quotesim listening on %1 (AllTick: ws://%1/quote-stock-b-ws-api, ws://%1/quote-b-ws-api)")
               .arg(authority)
        << Qt::endl;
    out.flush();

    QmtSimServer qmtServer(qmtConfig);
    if (qmtEnabled) {
        if (!qmtServer.listen(host, qmtPort)) {
            QTextStream(stderr) << QCoreApplication::applicationName() << u": "_s
                                << QCoreApplication::translate("quotesim", "cannot listen on %1:%2: %3")
                                       .arg(host.toString())
                                       .arg(qmtPort)
                                       .arg(qmtServer.errorString())
                                << Qt::endl;
            return 1;
        }
        const QString qmtAuthority = hostText + u':' + QString::number(qmtServer.port());
        out << QCoreApplication::translate("quotesim", "QMT Bridge simulator listening on %1 (ws://%1/ws/realtime, "
                                                       "REST http://%1/api/; %2)")
                   .arg(qmtAuthority, qmtConfig.quirksV280 ? QCoreApplication::translate("quotesim", "v2.8.0 quirks")
                                                           : QCoreApplication::translate("quotesim", "as documented"))
            << Qt::endl;
        if (qmtConfig.tradingEnabled)
            out << (qmtConfig.apiKey.isEmpty()
                        ? QCoreApplication::translate("quotesim", "QMT trading enabled, but no API key is set: "
                                                                  "/ws/trade will refuse every client")
                        : QCoreApplication::translate("quotesim", "QMT trading enabled: ws://%1/ws/trade?api_key=... "
                                                                  "(key not shown)")
                              .arg(qmtAuthority))
                << Qt::endl;
        out.flush();
    }

#ifdef Q_OS_UNIX
    installSignalHandlers(&app);
#endif
    if (exitAfterSec > 0)
        QTimer::singleShot(std::chrono::seconds(exitAfterSec), &app, &QCoreApplication::quit);
    return app.exec();
}
