#include "QmtTradeClient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

QmtAuxSocket::Config tradeConfig()
{
    QmtAuxSocket::Config config;
    config.backoff = Backoff::Params{2000, 120000, 0.25};
    return config;
}

struct KindName
{
    const char* type;
    TradeEvent::Kind kind;
};

constexpr KindName Kinds[] = {
    {"order", TradeEvent::Kind::Order},
    {"trade", TradeEvent::Kind::Trade},
    {"order_error", TradeEvent::Kind::OrderError},
    {"cancel_error", TradeEvent::Kind::CancelError},
    {"async_response", TradeEvent::Kind::AsyncResponse},
    {"async_cancel_response", TradeEvent::Kind::AsyncCancelResponse},
    {"account_status", TradeEvent::Kind::AccountStatus},
    {"asset", TradeEvent::Kind::Asset},
    {"position", TradeEvent::Kind::Position},
    {"smt_appointment_response", TradeEvent::Kind::SmtAppointmentResponse},
    {"connected", TradeEvent::Kind::Connected},
    {"disconnected", TradeEvent::Kind::Disconnected},
};

// Epoch seconds or milliseconds (xtquant sends seconds) as ms; 0 when absent or not a number.
qint64 epochMs(const QVariant& value)
{
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok || number <= 0)
        return 0;
    return number < 1e12 ? qint64(number * 1000.0) : qint64(number);
}

QString number(const QVariantMap& fields, const QString& key)
{
    const QVariant value = fields.value(key);
    if (!value.isValid() || value.isNull())
        return u"—"_s;
    bool ok = false;
    const double d = value.toDouble(&ok);
    if (!ok)
        return value.toString();
    // Prices with float noise (12.300000000000001) are shown at three decimals at most.
    QString text = QString::number(d, 'f', 3);
    while (text.contains(u'.') && (text.endsWith(u'0') || text.endsWith(u'.')))
        text.chop(1);
    return text;
}

} // namespace

QmtTradeClient::QmtTradeClient(QObject* parent)
    : QmtTradeClient(tradeConfig(), parent)
{}

QmtTradeClient::QmtTradeClient(const QmtAuxSocket::Config& config, QObject* parent)
    : QObject(parent)
    , m_socket(new QmtAuxSocket(tr("QMT trade events"), config, this))
{
    qRegisterMetaType<TradeEvent>(); // for queued connections when the client lives on the feed thread
    connect(m_socket, &QmtAuxSocket::stateChanged, this, &QmtTradeClient::onSocketState);
    connect(m_socket, &QmtAuxSocket::textReceived, this, &QmtTradeClient::onText);
    connect(m_socket, &QmtAuxSocket::handshakeRefused, this, [this](int) { Q_EMIT rejected(rejectedMessage()); });
    connect(m_socket, &QmtAuxSocket::errorOccurred, this, &QmtTradeClient::errorOccurred);
    connect(m_socket, &QmtAuxSocket::connectionLost, this, [this](const QString& message, bool normal) {
        Q_EMIT errorOccurred(normal ? tr("QMT trade events: the server closed the connection") : message);
    });
}

QString QmtTradeClient::rejectedMessage()
{
    return tr("Trading events rejected: invalid API key or trading not enabled on the bridge");
}

void QmtTradeClient::start(const QUrl& baseUrl, const QString& apiKey)
{
    QUrl url = baseUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/ws/trade"_s);
    QUrlQuery query;
    query.addQueryItem(u"api_key"_s, QString::fromLatin1(QUrl::toPercentEncoding(apiKey)));
    url.setQuery(query);
    m_socket->open(url, QByteArray(), {apiKey});
}

void QmtTradeClient::stop()
{
    m_socket->close();
}

void QmtTradeClient::onSocketState(QmtAuxSocket::State state)
{
    const State mapped = QmtAuxSocket::mapState(state, State::Rejected);
    if (mapped == m_state)
        return;
    m_state = mapped;
    Q_EMIT stateChanged(m_state);
}

void QmtTradeClient::onText(const QString& text)
{
    TradeEvent event;
    QString error;
    if (!decode(text.toUtf8(), &event, QDateTime::currentMSecsSinceEpoch(), &error)) {
        Q_EMIT malformedFrame(error);
        return;
    }
    Q_EMIT eventReceived(event);
}

bool QmtTradeClient::decode(const QByteArray& frame, TradeEvent* event, qint64 receivedMs, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error)
            *error = tr("not a JSON object");
        return false;
    }
    const QJsonObject object = document.object();
    const QJsonValue type = object.value(u"type"_s);
    if (!type.isString() || type.toString().isEmpty()) {
        if (error)
            *error = tr("no event type");
        return false;
    }
    TradeEvent e;
    e.type = type.toString();
    e.kind = TradeEvent::Kind::Other;
    for (const KindName& k : Kinds) {
        if (e.type == QLatin1String(k.type)) {
            e.kind = k.kind;
            break;
        }
    }
    e.fields = object.value(u"data"_s).toObject().toVariantMap();
    e.receivedMs = receivedMs;
    e.code = e.fields.value(u"stock_code"_s).toString();
    e.accountId = e.fields.value(u"account_id"_s).toString();
    e.timeMs =
        epochMs(e.kind == TradeEvent::Kind::Trade ? e.fields.value(u"traded_time"_s) : e.fields.value(u"order_time"_s));
    if (e.timeMs == 0)
        e.timeMs = receivedMs;
    e.summary = summarize(e);
    *event = e;
    return true;
}

QString QmtTradeClient::orderTypeName(int orderType)
{
    switch (orderType) {
    case 23:
        return tr("Buy");
    case 24:
        return tr("Sell");
    default:
        return tr("Type %1").arg(orderType);
    }
}

QString QmtTradeClient::orderStatusName(int status)
{
    switch (status) {
    case 48:
        return tr("unreported");
    case 49:
        return tr("waiting to report");
    case 50:
        return tr("reported");
    case 51:
        return tr("reported, cancel pending");
    case 52:
        return tr("partly filled, cancel pending");
    case 53:
        return tr("partly cancelled");
    case 54:
        return tr("cancelled");
    case 55:
        return tr("partly filled");
    case 56:
        return tr("filled");
    case 57:
        return tr("rejected");
    default:
        return tr("status %1").arg(status);
    }
}

QString QmtTradeClient::summarize(const TradeEvent& event)
{
    const QVariantMap& f = event.fields;
    const auto integer = [&f](const QString& key) { return f.value(key).toLongLong(); };
    switch (event.kind) {
    case TradeEvent::Kind::Order: {
        QString text = tr("Order %1: %2 %3 %4 @ %5, %6")
                           .arg(f.value(u"order_id"_s).toString(), orderTypeName(int(integer(u"order_type"_s))),
                                event.code, number(f, u"order_volume"_s), number(f, u"price"_s),
                                orderStatusName(int(integer(u"order_status"_s))));
        if (integer(u"traded_volume"_s) > 0)
            text += tr(" (traded %1 @ %2)").arg(number(f, u"traded_volume"_s), number(f, u"traded_price"_s));
        const QString message = f.value(u"status_msg"_s).toString();
        if (!message.isEmpty())
            text += u" — "_s + message;
        return text;
    }
    case TradeEvent::Kind::Trade:
        return tr("Trade %1: %2 %3 %4 @ %5 (order %6)")
            .arg(f.value(u"traded_id"_s).toString(), orderTypeName(int(integer(u"order_type"_s))), event.code,
                 number(f, u"traded_volume"_s), number(f, u"traded_price"_s), f.value(u"order_id"_s).toString());
    case TradeEvent::Kind::OrderError:
        return tr("Order %1 failed (%2): %3")
            .arg(f.value(u"order_id"_s).toString(), f.value(u"error_id"_s).toString(),
                 f.value(u"error_msg"_s).toString());
    case TradeEvent::Kind::CancelError:
        return tr("Cancel of order %1 failed (%2): %3")
            .arg(f.value(u"order_id"_s).toString(), f.value(u"error_id"_s).toString(),
                 f.value(u"error_msg"_s).toString());
    case TradeEvent::Kind::AsyncResponse:
        return tr("Order %1 accepted").arg(f.value(u"order_id"_s).toString());
    case TradeEvent::Kind::AsyncCancelResponse:
        return tr("Cancel of order %1: result %2")
            .arg(f.value(u"order_id"_s).toString(), f.value(u"cancel_result"_s).toString());
    case TradeEvent::Kind::AccountStatus:
        return tr("Account status: %1").arg(f.value(u"status"_s).toString());
    case TradeEvent::Kind::Asset:
        return tr("Asset: total %1, cash %2, frozen %3, market value %4")
            .arg(number(f, u"total_asset"_s), number(f, u"cash"_s), number(f, u"frozen_cash"_s),
                 number(f, u"market_value"_s));
    case TradeEvent::Kind::Position:
        return tr("Position %1: %2 (available %3, frozen %4), cost %5, value %6")
            .arg(event.code, number(f, u"volume"_s), number(f, u"can_use_volume"_s), number(f, u"frozen_volume"_s),
                 number(f, u"open_price"_s), number(f, u"market_value"_s));
    case TradeEvent::Kind::SmtAppointmentResponse:
        return tr("Appointment %1 (%2): %3")
            .arg(f.value(u"order_id"_s).toString(), f.value(u"error_id"_s).toString(),
                 f.value(u"error_msg"_s).toString());
    case TradeEvent::Kind::Connected:
        return tr("Trading connection up");
    case TradeEvent::Kind::Disconnected:
        return tr("Trading connection down");
    case TradeEvent::Kind::Other:
        break;
    }
    QStringList parts;
    for (auto it = f.cbegin(); it != f.cend(); ++it)
        parts.append(it.key() + u'=' + it.value().toString());
    return tr("%1: %2").arg(event.type, parts.join(u", "_s));
}
