// quotemonitor: wires the command line, settings, translations, the monitor session and the main window together.
#include "FirstPaintProbe.h"
#include "MainWindow.h"
#include "MonitorSession.h"
#include "WatchlistTabs.h"
#include "Workspace.h"
#include "cli/CommandLine.h"
#include "settings/Settings.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QLocale>
#include <QProcessEnvironment>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
void printLine(FILE* stream, const QString& text)
{
    std::fputs(qUtf8Printable(text + u'\n'), stream);
    std::fflush(stream);
}

QString resolveLanguage(const AppOptions& options, const Settings& settings)
{
    if (!options.lang.isEmpty())
        return options.lang;
    if (!settings.language().isEmpty())
        return settings.language();
    return QLocale::system().language() == QLocale::Chinese ? u"zh_CN"_s : u"en"_s;
}
} // namespace

int main(int argc, char* argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"QuoteMonitor"_s);
    QApplication::setApplicationVersion(QStringLiteral(QM_VERSION));

    AppOptions options;
    QString error;
    if (!CommandLine::parse(QApplication::arguments(), QProcessEnvironment::systemEnvironment(), &options, &error)) {
        printLine(stderr, error);
        return 2;
    }
    if (options.showHelp) {
        printLine(stdout, CommandLine::helpText());
        return 0;
    }
    if (options.showVersion) {
        printLine(stdout, u"quotemonitor "_s + QApplication::applicationVersion());
        return 0;
    }

    Settings settings;
    const QString language = resolveLanguage(options, settings);
    const bool chinese = language.startsWith(u"zh");
    QTranslator qtTranslator;
    QTranslator appTranslator;
    if (chinese) {
        if (qtTranslator.load(u"qtbase_zh_CN"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QApplication::installTranslator(&qtTranslator);
        if (appTranslator.load(u":/i18n/quotemonitor_zh_CN.qm"_s))
            QApplication::installTranslator(&appTranslator);
    }

    // A bridge saved in Tools > QMT Bridge settings is used when --qmt is not given (and not with --demo, which runs
    // on the simulator); --qmt and --qmt-api-key (or $QMT_BRIDGE_API_KEY) win for this run. A remembered key only
    // goes to the bridge it was saved with.
    if (options.qmtUrl.isEmpty() && !options.demo)
        options.qmtUrl = settings.qmtUrl();
    if (options.qmtApiKey.isEmpty() && !options.qmtUrl.isEmpty() && options.qmtUrl == settings.qmtUrl())
        options.qmtApiKey = settings.qmtApiKey();

    MonitorSession session(options, &settings);
    session.setChineseNames(chinese);
    if (!session.start(&error)) {
        printLine(stderr, error);
        return 1;
    }
    QObject::connect(&session, &MonitorSession::snapshotFailed, &app,
                     [](const QString& message) { printLine(stderr, message); });

    // The saved workspace, or for a --symbols run a one-off list (saved watchlists stay untouched).
    WorkspaceStore workspaceStore;
    Workspace workspace =
        Workspace::defaults(MonitorSession::defaultSymbols(), QCoreApplication::translate("main", "Watchlist"));
    QString workspaceMessage;
    const WorkspaceStore::LoadResult loaded = workspaceStore.load(&workspace, &workspaceMessage);
    const bool persistWorkspace = !options.symbolsGiven && loaded != WorkspaceStore::LoadResult::CorruptInPlace;
    if (options.symbolsGiven) {
        workspace.lists = {Watchlist{QCoreApplication::translate("main", "Command line"), options.symbols, {}}};
        workspace.currentList = 0;
    }
    if (!workspaceMessage.isEmpty())
        printLine(stderr, workspaceMessage);
    session.setFeedOverrides(workspace.feedOverrides);

    MainWindow window(&session, &settings, persistWorkspace ? &workspaceStore : nullptr, workspace, language);
    window.show();
    if (qEnvironmentVariableIntValue("QM_REPORT_FIRST_PAINT") == 1 && window.watchlists()->currentView())
        new FirstPaintProbe(window.watchlists()->currentView(), session.store(), sinceStart, &window);
    if (!workspaceMessage.isEmpty())
        window.showWarning(QCoreApplication::translate("main", "Watchlists"), workspaceMessage);

    int exitCode = 0;
    if (!options.snapshotPath.isEmpty()) {
        QObject::connect(&app, &QCoreApplication::aboutToQuit, &session, [&] {
            QString snapshotError;
            if (!session.writeSnapshot(options.snapshotPath, &snapshotError)) {
                printLine(stderr, snapshotError);
                exitCode = 1;
            }
        });
    }
    if (options.exitAfterSec > 0)
        QTimer::singleShot(qRound(options.exitAfterSec * 1000), &window, &QWidget::close);

    const int rc = QApplication::exec();
    session.shutdown();
    return rc != 0 ? rc : exitCode;
}
