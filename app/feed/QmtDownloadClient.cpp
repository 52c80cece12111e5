#include "QmtDownloadClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

QmtAuxSocket::Config downloadConfig(QmtAuxSocket::Config config)
{
    config.reconnect = false;
    return config;
}

QmtDownloadClient::CodeResult result(const QString& code, const QJsonValue& status)
{
    QmtDownloadClient::CodeResult r;
    r.code = code;
    r.text =
        status.isString()
            ? status.toString()
            : QString::fromUtf8(QJsonDocument(QJsonArray{status}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    r.status = QmtDownloadClient::statusOf(r.text);
    return r;
}

} // namespace

QmtDownloadClient::QmtDownloadClient(QObject* parent)
    : QmtDownloadClient(QmtAuxSocket::Config(), parent)
{}

QmtDownloadClient::QmtDownloadClient(const QmtAuxSocket::Config& config, QObject* parent)
    : QObject(parent)
    , m_socket(new QmtAuxSocket(tr("QMT history download"), downloadConfig(config), this))
{
    qRegisterMetaType<Progress>();
    qRegisterMetaType<Summary>();
    connect(m_socket, &QmtAuxSocket::opened, this, [this] {
        setState(State::Running);
        Q_EMIT started(int(m_symbols.size()));
    });
    connect(m_socket, &QmtAuxSocket::textReceived, this, &QmtDownloadClient::onText);
    connect(m_socket, &QmtAuxSocket::handshakeRefused, this, [this](int status) {
        setState(State::Failed);
        Q_EMIT failed(tr("History download refused by the server (HTTP %1)").arg(status));
    });
    connect(m_socket, &QmtAuxSocket::errorOccurred, this, [this](const QString& message) {
        if (!isRunning())
            return;
        m_socket->close();
        setState(State::Failed);
        Q_EMIT failed(message);
    });
    connect(m_socket, &QmtAuxSocket::connectionLost, this, [this](const QString& message, bool) {
        if (m_state != State::Running)
            return; // after "done" the server closes: expected
        setState(State::Failed);
        Q_EMIT failed(tr("Connection lost after %1 of %2 codes: %3")
                          .arg(m_progress.finished)
                          .arg(m_symbols.size())
                          .arg(message.isEmpty() ? tr("closed by the server") : message));
    });
}

void QmtDownloadClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

QByteArray QmtDownloadClient::requestMessage(const QStringList& symbols, const QString& period, const QDate& startDate,
                                             const QDate& endDate)
{
    const auto day = [](const QDate& d) { return d.isValid() ? d.toString(u"yyyyMMdd"_s) : QString(); };
    const QJsonObject request{{u"stocks"_s, QJsonArray::fromStringList(symbols)},
                              {u"period"_s, period.isEmpty() ? u"1d"_s : period},
                              {u"start_time"_s, day(startDate)},
                              {u"end_time"_s, day(endDate)}};
    return QJsonDocument(request).toJson(QJsonDocument::Compact);
}

void QmtDownloadClient::start(const QStringList& symbols, const QString& period, const QDate& startDate,
                              const QDate& endDate)
{
    if (isRunning())
        cancel();
    m_symbols = symbols;
    m_progress = Progress();
    m_progress.total = int(symbols.size());
    m_summary = Summary();
    QUrl url = m_baseUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/ws/download_progress"_s);
    setState(State::Connecting);
    m_socket->open(url, requestMessage(symbols, period, startDate, endDate));
}

void QmtDownloadClient::cancel()
{
    const bool running = isRunning();
    m_socket->close();
    if (running) {
        setState(State::Cancelled);
        Q_EMIT cancelled();
    }
}

QmtDownloadClient::Status QmtDownloadClient::statusOf(const QString& wireStatus)
{
    if (wireStatus == u"ok"_s)
        return Status::Ok;
    if (wireStatus == u"timeout"_s)
        return Status::Timeout;
    if (wireStatus == u"disconnected"_s)
        return Status::Disconnected;
    return Status::Error;
}

QString QmtDownloadClient::statusText(const CodeResult& result)
{
    switch (result.status) {
    case Status::Ok:
        return tr("OK");
    case Status::Timeout:
        return tr("Timed out");
    case Status::Disconnected:
        return tr("Disconnected");
    case Status::Error:
        break;
    }
    QString detail = result.text;
    if (detail.startsWith(u"error:"_s))
        detail = detail.mid(6).trimmed();
    return detail.isEmpty() ? tr("Error") : tr("Error: %1").arg(detail);
}

QmtDownloadClient::Frame QmtDownloadClient::decode(const QByteArray& frame)
{
    Frame out;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return out;
    const QJsonObject object = document.object();
    if (object.value(u"status"_s).toString() == u"done"_s && !object.contains(u"stock"_s)) {
        out.kind = Frame::Kind::Done;
        const QJsonObject results = object.value(u"results"_s).toObject();
        // QJsonObject sorts its keys; the wire order is the download order, so rank the codes by where they appear.
        const qsizetype at = std::max<qsizetype>(0, frame.indexOf("\"results\""));
        QList<std::pair<qsizetype, QString>> ranked;
        for (auto it = results.constBegin(); it != results.constEnd(); ++it) {
            const QByteArray quoted =
                QJsonDocument(QJsonArray{it.key()}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
            const qsizetype p = frame.indexOf(quoted, at);
            ranked.append({p < 0 ? std::numeric_limits<qsizetype>::max() : p, it.key()});
        }
        std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        QStringList order;
        for (const auto& r : std::as_const(ranked))
            order.append(r.second);
        for (const QString& code : std::as_const(order)) {
            const CodeResult r = result(code, results.value(code));
            out.summary.results.append(r);
            if (r.status == Status::Ok)
                ++out.summary.ok;
            else
                ++out.summary.failed;
        }
        return out;
    }
    if (object.contains(u"finished"_s) && object.contains(u"total"_s)) {
        out.kind = Frame::Kind::Progress;
        out.progress.finished = object.value(u"finished"_s).toInt();
        out.progress.total = object.value(u"total"_s).toInt();
        // v1.1.0 named the code "stockcode" and the status "message".
        const QString code =
            object.contains(u"stock"_s) ? object.value(u"stock"_s).toString() : object.value(u"stockcode"_s).toString();
        out.progress.current =
            result(code, object.contains(u"status"_s) ? object.value(u"status"_s) : object.value(u"message"_s));
    }
    return out;
}

void QmtDownloadClient::onText(const QString& text)
{
    if (m_state != State::Running)
        return;
    const Frame frame = decode(text.toUtf8());
    switch (frame.kind) {
    case Frame::Kind::Progress:
        m_progress = frame.progress;
        Q_EMIT progressed(m_progress);
        break;
    case Frame::Kind::Done:
        m_summary = frame.summary;
        setState(State::Done);
        m_socket->close();
        Q_EMIT finished(m_summary);
        break;
    case Frame::Kind::Invalid:
        Q_EMIT malformedFrame(text.left(200));
        break;
    }
}
