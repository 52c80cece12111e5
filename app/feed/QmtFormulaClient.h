#pragma once

#include "QmtAuxSocket.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QVariantMap>

// Client of the QMT Bridge's /ws/formula (protocol spec B.8), the one endpoint with requests and replies on a socket:
//   {"action":"subscribe","formula_name":"MA","stock_code":..,"period":..,"count":..,"dividend_type":..,"params":{}}
//     -> {"action":"subscribed","seq_id":n}
//   {"action":"unsubscribe","seq_id":n} -> {"action":"unsubscribed","seq_id":n} or {"error":"unknown seq_id"}
//   pushes {"type":"formula_update","formula_name":..,"stock_code":..,"data":{"timelist":[..],"outputs":{name:[..]}}}
// Replies carry no request id, so they are matched to requests in order (the bridge handles one message at a time).
// Pushes carry no seq_id: they go to every subscription with the same formula name and code.
// The bridge may send bare NaN / Infinity / -Infinity, which QJsonDocument rejects: sanitizeJson() turns them into
// null (outside strings) first, and missing values become NaN in the series.
// Every {"error": ...} reaches serverError(); nothing is swallowed. After a reconnect every subscription is sent again
// (new seq_ids; the bridge forgets them when a socket closes).
class QmtFormulaClient : public QObject
{
    Q_OBJECT
public:
    enum class State : quint8 { Idle, Connecting, Connected, Waiting, Refused };
    Q_ENUM(State)

    struct Request
    {
        QString formulaName; // "MA"
        QString code;        // "000001.SZ"
        QString period = QStringLiteral("1d");
        int count = -1;
        QString dividendType = QStringLiteral("none");
        QVariantMap params; // {"N": 5}
    };

    // (time in ms since the epoch, value); NaN for a missing value.
    using Series = QList<QPair<qint64, double>>;

    struct Result
    {
        QString formulaName;
        QString code;
        QMap<QString, Series> outputs; // by output name ("MA5", ...)
    };

    // One decoded frame.
    struct Frame
    {
        enum class Kind : quint8 { Subscribed, Unsubscribed, Update, Error, Invalid };
        Kind kind = Kind::Invalid;
        int seqId = -1;
        QString error;
        Result result;
    };

    explicit QmtFormulaClient(QObject* parent = nullptr);
    QmtFormulaClient(const QmtAuxSocket::Config& config, QObject* parent = nullptr);

    void setBaseUrl(const QUrl& baseUrl) { m_baseUrl = baseUrl; }
    QUrl baseUrl() const { return m_baseUrl; }

    // Subscribes (opening the socket when needed); returns the local subscription id (> 0) used by every signal.
    int subscribe(const Request& request);
    // Unsubscribes with the server's seq_id (or as soon as it is known) and forgets the subscription's results.
    void unsubscribe(int id);
    // Closes the socket and drops every subscription.
    void stop();

    State state() const { return m_state; }
    QList<int> subscriptions() const { return m_subs.keys(); }
    Request request(int id) const { return m_subs.value(id).request; }
    // The server's seq_id, -1 until acknowledged.
    int seqId(int id) const { return m_subs.value(id).seqId; }
    Result result(int id) const { return m_subs.value(id).result; }
    Series series(int id, const QString& output) const { return m_subs.value(id).result.outputs.value(output); }

    static QByteArray subscribeMessage(const Request& request);
    static QByteArray unsubscribeMessage(int seqId);
    // Replaces bare NaN, Infinity and -Infinity tokens outside JSON strings with null. `replaced` counts them.
    static QByteArray sanitizeJson(const QByteArray& json, int* replaced = nullptr);
    static Frame decode(const QByteArray& frame);

Q_SIGNALS:
    void stateChanged(QmtFormulaClient::State state);
    void subscribed(int id, int seqId);
    void unsubscribed(int id);
    // New values for subscription `id` (the whole series the bridge sent, replacing the previous one).
    void resultReceived(int id, const QmtFormulaClient::Result& result);
    // An {"error": ...} from the bridge; `id` is the subscription whose request it answered, -1 when unknown.
    void serverError(const QString& message, int id);
    // Connection problems (translated).
    void errorOccurred(const QString& message);
    void malformedFrame(const QString& text);

private:
    struct Subscription
    {
        Request request;
        int seqId = -1;
        Result result;
    };
    struct Pending
    {
        bool subscribe = true;
        int id = -1;
        int seqId = -1;
    };

    void ensureOpen();
    void sendSubscribe(int id);
    void onOpened();
    void onSocketState(QmtAuxSocket::State state);
    void onText(const QString& text);

    QmtAuxSocket* m_socket;
    QUrl m_baseUrl;
    State m_state = State::Idle;
    QMap<int, Subscription> m_subs;
    QList<Pending> m_pending;
    int m_nextId = 1;
};

Q_DECLARE_METATYPE(QmtFormulaClient::Result)
