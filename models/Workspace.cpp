#include "Workspace.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

bool Workspace::isChartPeriod(const QString& period)
{
    return period == u"tick"_s || period == u"1m"_s || period == u"5m"_s || period == u"1d"_s;
}

Workspace Workspace::defaults(const QStringList& firstListSymbols, const QString& firstListName)
{
    Workspace w;
    w.lists.append(Watchlist{firstListName, firstListSymbols, QByteArray()});
    return w;
}

WorkspaceStore::WorkspaceStore(const QString& path)
    : m_path(path)
{
    if (m_path.isEmpty())
        m_path = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + u"/workspace.json"_s;
}

QByteArray WorkspaceStore::toJson(const Workspace& workspace)
{
    QJsonArray lists;
    for (const Watchlist& list : workspace.lists) {
        QJsonObject o;
        o.insert(u"name"_s, list.name);
        o.insert(u"symbols"_s, QJsonArray::fromStringList(list.symbols));
        if (!list.columnState.isEmpty())
            o.insert(u"columns"_s, QString::fromLatin1(list.columnState.toBase64()));
        lists.append(o);
    }
    QJsonObject root;
    root.insert(u"version"_s, Workspace::CurrentVersion);
    root.insert(u"watchlists"_s, lists);
    root.insert(u"currentWatchlist"_s, workspace.currentList);
    if (!workspace.windowGeometry.isEmpty())
        root.insert(u"windowGeometry"_s, QString::fromLatin1(workspace.windowGeometry.toBase64()));
    if (!workspace.windowState.isEmpty())
        root.insert(u"windowState"_s, QString::fromLatin1(workspace.windowState.toBase64()));
    if (!workspace.feedOverrides.isEmpty()) {
        QJsonObject feeds;
        for (auto it = workspace.feedOverrides.cbegin(); it != workspace.feedOverrides.cend(); ++it)
            feeds.insert(it.key(), it.value());
        root.insert(u"feeds"_s, feeds);
    }
    if (Workspace::isChartPeriod(workspace.chartPeriod))
        root.insert(u"chartPeriod"_s, workspace.chartPeriod);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool WorkspaceStore::fromJson(const QByteArray& json, Workspace* out, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("not valid JSON (%1 at offset %2)").arg(parseError.errorString()).arg(parseError.offset);
        return false;
    }
    if (!doc.isObject()) {
        *error = tr("the top level is not an object");
        return false;
    }
    const QJsonObject root = doc.object();
    const int version = root.value(u"version"_s).toInt(0);
    if (version < 1 || version > Workspace::CurrentVersion) {
        *error = tr("unsupported version %1").arg(root.value(u"version"_s).toVariant().toString());
        return false;
    }
    const QJsonValue listsValue = root.value(u"watchlists"_s);
    if (!listsValue.isArray()) {
        *error = tr("\"watchlists\" is missing or not a list");
        return false;
    }
    Workspace w;
    for (const QJsonValue& v : listsValue.toArray()) {
        const QJsonObject o = v.toObject();
        if (!v.isObject() || !o.value(u"name"_s).isString() || !o.value(u"symbols"_s).isArray()) {
            *error = tr("a watchlist entry has no name or no symbol list");
            return false;
        }
        Watchlist list;
        list.name = o.value(u"name"_s).toString();
        for (const QJsonValue& s : o.value(u"symbols"_s).toArray()) {
            if (!s.isString()) {
                *error = tr("watchlist \"%1\" holds a symbol that is not text").arg(list.name);
                return false;
            }
            if (!s.toString().isEmpty() && !list.symbols.contains(s.toString()))
                list.symbols.append(s.toString());
        }
        list.columnState = QByteArray::fromBase64(o.value(u"columns"_s).toString().toLatin1());
        w.lists.append(list);
    }
    w.currentList = qBound(0, root.value(u"currentWatchlist"_s).toInt(0), qMax(0, int(w.lists.size()) - 1));
    w.windowGeometry = QByteArray::fromBase64(root.value(u"windowGeometry"_s).toString().toLatin1());
    w.windowState = QByteArray::fromBase64(root.value(u"windowState"_s).toString().toLatin1());
    const QJsonObject feeds = root.value(u"feeds"_s).toObject();
    for (auto it = feeds.constBegin(); it != feeds.constEnd(); ++it) {
        if (it.value().isString())
            w.feedOverrides.insert(it.key(), it.value().toString());
    }
    // Optional (files written before it existed have none); an unknown period falls back to ticks.
    const QString period = root.value(u"chartPeriod"_s).toString();
    if (Workspace::isChartPeriod(period))
        w.chartPeriod = period;
    *out = w;
    return true;
}

WorkspaceStore::LoadResult WorkspaceStore::load(Workspace* out, QString* message) const
{
    QFile file(m_path);
    if (!file.exists())
        return LoadResult::Missing;
    QString reason;
    Workspace loaded;
    if (!file.open(QIODevice::ReadOnly)) {
        reason = file.errorString();
    } else {
        const QByteArray data = file.readAll();
        file.close();
        if (fromJson(data, &loaded, &reason)) {
            *out = loaded;
            return LoadResult::Loaded;
        }
    }
    // Keep the unreadable file aside; the caller starts from defaults and the next save writes a fresh file.
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    QString backup = m_path + u".corrupt-"_s + stamp;
    for (int n = 2; QFile::exists(backup); ++n)
        backup = m_path + u".corrupt-"_s + stamp + u'-' + QString::number(n);
    if (QFile::rename(m_path, backup)) {
        *message = tr("Your saved watchlists in %1 could not be read (%2). The file was kept as %3 and default "
                      "watchlists are shown.")
                       .arg(QDir::toNativeSeparators(m_path), reason, QDir::toNativeSeparators(backup));
    } else {
        *message = tr("Your saved watchlists in %1 could not be read (%2) and could not be moved aside; they will "
                      "not be overwritten in this session.")
                       .arg(QDir::toNativeSeparators(m_path), reason);
        return LoadResult::CorruptInPlace;
    }
    return LoadResult::Corrupt;
}

bool WorkspaceStore::save(const Workspace& workspace, QString* error) const
{
    return writeAtomically(m_path, toJson(workspace), error);
}

QStringList WorkspaceStore::parseCodes(const QByteArray& text, QStringList* invalid)
{
    static const QRegularExpression separators(u"[,;\\s]+"_s);
    static const QRegularExpression valid(u"^[A-Za-z0-9][A-Za-z0-9._-]*$"_s);
    QStringList codes;
    QString content = QString::fromUtf8(text);
    if (content.startsWith(QChar(0xFEFF)))
        content.remove(0, 1);
    const QStringList lines = content.split(u'\n');
    for (QString line : lines) {
        const qsizetype hash = line.indexOf(u'#');
        if (hash >= 0)
            line.truncate(hash);
        for (const QString& token : line.split(separators, Qt::SkipEmptyParts)) {
            if (!valid.match(token).hasMatch()) {
                if (invalid)
                    invalid->append(token);
            } else if (!codes.contains(token)) {
                codes.append(token);
            }
        }
    }
    return codes;
}

QByteArray WorkspaceStore::formatCodes(const QStringList& codes)
{
    QByteArray out;
    for (const QString& code : codes)
        out += code.toUtf8() + '\n';
    return out;
}

bool WorkspaceStore::writeCodes(const QString& path, const QStringList& codes, QString* error)
{
    return writeAtomically(path, formatCodes(codes), error);
}

bool WorkspaceStore::writeAtomically(const QString& path, const QByteArray& data, QString* error)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        *error = tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(info.absolutePath()));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    // Qt 6.4's QSaveFile commits a truncated file when a write fails silently: check every step.
    if (file.write(data) != data.size() || !file.flush()) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}
