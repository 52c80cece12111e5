#include "QmtFormulaClient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

bool isWordChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// `token` at `i` as a whole word.
bool tokenAt(const QByteArray& json, qsizetype i, QByteArrayView token)
{
    if (json.size() - i < token.size() || QByteArrayView(json).sliced(i, token.size()) != token)
        return false;
    const qsizetype end = i + token.size();
    return end >= json.size() || !isWordChar(json.at(end));
}

// A time of the bridge's formula output as ms since the epoch: ms or s numbers, "YYYYMMDD" or "YYYYMMDDhhmmss"
// (Asia/Shanghai). 0 when unreadable.
qint64 timeMs(const QJsonValue& value)
{
    static const QTimeZone shanghai("Asia/Shanghai");
    QString text;
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (!std::isfinite(d) || d <= 0)
            return 0;
        if (d >= 1e11)
            return qint64(d);
        if (d >= 19000101 && d <= 29991231 && std::floor(d) == d)
            text = QString::number(qint64(d));
        else
            return qint64(d * 1000.0);
    } else if (value.isString()) {
        text = value.toString().trimmed();
    } else {
        return 0;
    }
    bool ok = false;
    const qint64 number = text.toLongLong(&ok);
    if (ok && text.size() != 8 && text.size() != 14)
        return number >= 100000000000LL ? number : number * 1000;
    QDateTime dt;
    if (text.size() == 8)
        dt = QDateTime(QDate::fromString(text, u"yyyyMMdd"_s), QTime(0, 0), shanghai);
    else if (text.size() == 14)
        dt = QDateTime::fromString(text, u"yyyyMMddHHmmss"_s);
    if (!dt.isValid())
        return 0;
    if (text.size() == 14)
        dt = QDateTime(dt.date(), dt.time(), shanghai);
    return dt.toMSecsSinceEpoch();
}

double numberOf(const QJsonValue& value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double d = value.toString().toDouble(&ok);
        if (ok)
            return d;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

QmtFormulaClient::Series seriesOf(const QList<qint64>& times, const QJsonArray& values)
{
    QmtFormulaClient::Series series;
    series.reserve(values.size());
    for (qsizetype i = 0; i < values.size(); ++i)
        series.append({i < times.size() ? times.at(i) : 0, numberOf(values.at(i))});
    return series;
}

// Reads the formula result: {"timelist":[..],"outputs":{name:[..]}} (the likely layout), or the outputs directly in
// the data object next to "timelist"/"time", or a list of records {"time":..,name:value}.
void readData(const QJsonValue& data, QmtFormulaClient::Result* result)
{
    if (data.isArray()) {
        const QJsonArray records = data.toArray();
        for (const QJsonValue& recordValue : records) {
            const QJsonObject record = recordValue.toObject();
            const qint64 t = timeMs(record.contains(u"time"_s) ? record.value(u"time"_s) : record.value(u"timetag"_s));
            for (auto it = record.constBegin(); it != record.constEnd(); ++it) {
                if (it.key() == u"time"_s || it.key() == u"timetag"_s)
                    continue;
                result->outputs[it.key()].append({t, numberOf(it.value())});
            }
        }
        return;
    }
    const QJsonObject object = data.toObject();
    QList<qint64> times;
    const QJsonArray timeList =
        object.contains(u"timelist"_s) ? object.value(u"timelist"_s).toArray() : object.value(u"time"_s).toArray();
    times.reserve(timeList.size());
    for (const QJsonValue& t : timeList)
        times.append(timeMs(t));
    const QJsonObject outputs = object.contains(u"outputs"_s) ? object.value(u"outputs"_s).toObject() : object;
    for (auto it = outputs.constBegin(); it != outputs.constEnd(); ++it) {
        if (it.key() == u"timelist"_s || it.key() == u"time"_s || !it.value().isArray())
            continue;
        result->outputs.insert(it.key(), seriesOf(times, it.value().toArray()));
    }
}

} // namespace

QmtFormulaClient::QmtFormulaClient(QObject* parent)
    : QmtFormulaClient(QmtAuxSocket::Config(), parent)
{}

QmtFormulaClient::QmtFormulaClient(const QmtAuxSocket::Config& config, QObject* parent)
    : QObject(parent)
    , m_socket(new QmtAuxSocket(tr("QMT formulas"), config, this))
{
    qRegisterMetaType<Result>();
    connect(m_socket, &QmtAuxSocket::opened, this, &QmtFormulaClient::onOpened);
    connect(m_socket, &QmtAuxSocket::stateChanged, this, &QmtFormulaClient::onSocketState);
    connect(m_socket, &QmtAuxSocket::textReceived, this, &QmtFormulaClient::onText);
    connect(m_socket, &QmtAuxSocket::handshakeRefused, this,
            [this](int status) { Q_EMIT errorOccurred(tr("Formulas refused by the server (HTTP %1)").arg(status)); });
    connect(m_socket, &QmtAuxSocket::errorOccurred, this, &QmtFormulaClient::errorOccurred);
    connect(m_socket, &QmtAuxSocket::connectionLost, this, [this](const QString& message, bool normal) {
        Q_EMIT errorOccurred(normal ? tr("QMT formulas: the server closed the connection") : message);
    });
}

QByteArray QmtFormulaClient::subscribeMessage(const Request& request)
{
    const QJsonObject message{{u"action"_s, u"subscribe"_s},
                              {u"formula_name"_s, request.formulaName},
                              {u"stock_code"_s, request.code},
                              {u"period"_s, request.period},
                              {u"count"_s, request.count},
                              {u"dividend_type"_s, request.dividendType},
                              {u"params"_s, QJsonObject::fromVariantMap(request.params)}};
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

QByteArray QmtFormulaClient::unsubscribeMessage(int seqId)
{
    return QJsonDocument(QJsonObject{{u"action"_s, u"unsubscribe"_s}, {u"seq_id"_s, seqId}})
        .toJson(QJsonDocument::Compact);
}

QByteArray QmtFormulaClient::sanitizeJson(const QByteArray& json, int* replaced)
{
    int count = 0;
    QByteArray out;
    out.reserve(json.size());
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            out.append(c);
            if (c == '\\' && i + 1 < json.size()) {
                out.append(json.at(++i)); // the escaped character, whatever it is (\" does not end the string)
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        if (c == '"') {
            inString = true;
            out.append(c);
            continue;
        }
        // A token starts here only after a delimiter; inside a word (a number such as 1e5) nothing is replaced.
        const bool boundary = i == 0 || !isWordChar(json.at(i - 1));
        if (boundary) {
            qsizetype length = 0;
            if (tokenAt(json, i, "NaN"))
                length = 3;
            else if (tokenAt(json, i, "Infinity"))
                length = 8;
            else if ((c == '-' || c == '+') && tokenAt(json, i + 1, "Infinity"))
                length = 9;
            if (length > 0) {
                out.append("null");
                i += length - 1;
                ++count;
                continue;
            }
        }
        out.append(c);
    }
    if (replaced)
        *replaced = count;
    return count > 0 ? out : json;
}

QmtFormulaClient::Frame QmtFormulaClient::decode(const QByteArray& frame)
{
    Frame out;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(sanitizeJson(frame), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return out;
    const QJsonObject object = document.object();
    if (object.contains(u"error"_s)) {
        out.kind = Frame::Kind::Error;
        const QJsonValue e = object.value(u"error"_s);
        out.error = e.isString() ? e.toString()
                                 : QString::fromUtf8(QJsonDocument(QJsonArray{e}).toJson(QJsonDocument::Compact));
        out.seqId = object.value(u"seq_id"_s).toInt(-1);
        return out;
    }
    const QString action = object.value(u"action"_s).toString();
    if (action == u"subscribed"_s || action == u"unsubscribed"_s) {
        out.kind = action == u"subscribed"_s ? Frame::Kind::Subscribed : Frame::Kind::Unsubscribed;
        out.seqId = object.value(u"seq_id"_s).toInt(-1);
        return out;
    }
    if (object.value(u"type"_s).toString() == u"formula_update"_s) {
        out.kind = Frame::Kind::Update;
        out.seqId = object.value(u"seq_id"_s).toInt(-1);
        out.result.formulaName = object.value(u"formula_name"_s).toString();
        out.result.code = object.value(u"stock_code"_s).toString();
        readData(object.value(u"data"_s), &out.result);
    }
    return out;
}

int QmtFormulaClient::subscribe(const Request& request)
{
    const int id = m_nextId++;
    m_subs.insert(id, Subscription{request, -1, Result{request.formulaName, request.code, {}}});
    if (m_socket->isConnected())
        sendSubscribe(id);
    else
        ensureOpen();
    return id;
}

void QmtFormulaClient::unsubscribe(int id)
{
    const auto it = m_subs.find(id);
    if (it == m_subs.end())
        return;
    const int seqId = it->seqId;
    m_subs.erase(it);
    if (seqId >= 0 && m_socket->sendText(unsubscribeMessage(seqId))) {
        m_pending.append(Pending{false, id, seqId});
        return;
    }
    // Not acknowledged yet: the ack will find no subscription and unsubscribe its seq_id then. Not connected: the
    // bridge forgot it anyway.
    Q_EMIT unsubscribed(id);
}

void QmtFormulaClient::stop()
{
    m_subs.clear();
    m_pending.clear();
    m_socket->close();
}

void QmtFormulaClient::ensureOpen()
{
    if (m_socket->state() == QmtAuxSocket::State::Idle || m_socket->state() == QmtAuxSocket::State::Refused) {
        QUrl url = m_baseUrl;
        QString path = url.path();
        while (path.endsWith(u'/'))
            path.chop(1);
        url.setPath(path + u"/ws/formula"_s);
        m_socket->open(url);
    }
}

void QmtFormulaClient::sendSubscribe(int id)
{
    if (m_socket->sendText(subscribeMessage(m_subs.value(id).request)))
        m_pending.append(Pending{true, id, -1});
}

void QmtFormulaClient::onOpened()
{
    // A new socket: the bridge knows none of our seq_ids.
    m_pending.clear();
    for (auto it = m_subs.begin(); it != m_subs.end(); ++it)
        it->seqId = -1;
    const QList<int> ids = m_subs.keys();
    for (int id : ids)
        sendSubscribe(id);
}

void QmtFormulaClient::onSocketState(QmtAuxSocket::State state)
{
    const State mapped = QmtAuxSocket::mapState(state, State::Refused);
    if (mapped == m_state)
        return;
    m_state = mapped;
    Q_EMIT stateChanged(m_state);
}

void QmtFormulaClient::onText(const QString& text)
{
    const Frame frame = decode(text.toUtf8());
    switch (frame.kind) {
    case Frame::Kind::Subscribed: {
        const Pending pending = m_pending.isEmpty() ? Pending{true, -1, -1} : m_pending.takeFirst();
        const auto it = m_subs.find(pending.id);
        if (!pending.subscribe || it == m_subs.end()) {
            // Unsubscribed while the request was in flight.
            if (frame.seqId >= 0 && m_socket->sendText(unsubscribeMessage(frame.seqId)))
                m_pending.append(Pending{false, -1, frame.seqId});
            return;
        }
        it->seqId = frame.seqId;
        Q_EMIT subscribed(pending.id, frame.seqId);
        return;
    }
    case Frame::Kind::Unsubscribed: {
        const Pending pending = m_pending.isEmpty() ? Pending{false, -1, -1} : m_pending.takeFirst();
        if (pending.id >= 0)
            Q_EMIT unsubscribed(pending.id);
        return;
    }
    case Frame::Kind::Error: {
        const Pending pending = m_pending.isEmpty() ? Pending{true, -1, -1} : m_pending.takeFirst();
        if (pending.subscribe && pending.id >= 0)
            m_subs.remove(pending.id); // the bridge did not subscribe it
        Q_EMIT serverError(frame.error, pending.id);
        return;
    }
    case Frame::Kind::Update: {
        for (auto it = m_subs.begin(); it != m_subs.end(); ++it) {
            const bool match = frame.seqId >= 0 ? it->seqId == frame.seqId
                                                : (it->request.formulaName == frame.result.formulaName &&
                                                   it->request.code == frame.result.code);
            if (!match)
                continue;
            it->result = frame.result;
            Q_EMIT resultReceived(it.key(), frame.result);
        }
        return;
    }
    case Frame::Kind::Invalid:
        Q_EMIT malformedFrame(text.left(200));
        return;
    }
}
