#include "QmtL2Client.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

// Lives on the client's worker thread.
class QmtL2Decoder : public QObject
{
    Q_OBJECT
public:
    void decode(const QByteArray& frame, const QString& code, quint64 generation)
    {
        BookSnapshot book;
        QString error;
        const bool ok = QmtL2Client::decode(frame, code, &book, &error);
        Q_EMIT decoded(book, ok, error, generation);
    }

Q_SIGNALS:
    void decoded(const BookSnapshot& book, bool ok, const QString& error, quint64 generation);
};

namespace {

double toNumber(const QJsonValue& value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString())
        return value.toString().toDouble();
    return 0;
}

QList<BookLevel> levels(const QJsonObject& record, const QString& priceKey, const QString& altPriceKey,
                        const QString& volumeKey, const QString& altVolumeKey, int priceDecimals)
{
    const QJsonArray prices =
        record.contains(priceKey) ? record.value(priceKey).toArray() : record.value(altPriceKey).toArray();
    const QJsonArray volumes =
        record.contains(volumeKey) ? record.value(volumeKey).toArray() : record.value(altVolumeKey).toArray();
    QList<BookLevel> out;
    const qsizetype n = std::min<qsizetype>(prices.size(), QmtL2Client::MaxLevels);
    out.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        const double price = toNumber(prices.at(i));
        if (!(price > 0))
            continue; // missing levels are 0
        BookLevel level;
        level.price = Decimal::fromDouble(price, priceDecimals);
        if (i < volumes.size())
            level.volume = Decimal::fromDouble(toNumber(volumes.at(i)), 0);
        out.append(level);
    }
    return out;
}

} // namespace

QmtL2Client::QmtL2Client(QObject* parent)
    : QmtL2Client(QmtAuxSocket::Config(), parent)
{}

QmtL2Client::QmtL2Client(const QmtAuxSocket::Config& config, QObject* parent)
    : QObject(parent)
    , m_socket(new QmtAuxSocket(tr("QMT Level-2 book"), config, this))
    , m_decoder(new QmtL2Decoder)
{
    qRegisterMetaType<BookSnapshot>();
    m_thread.setObjectName(u"qmt-l2-decode"_s);
    m_decoder->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_decoder, &QObject::deleteLater);
    connect(this, &QmtL2Client::decodeRequested, m_decoder, &QmtL2Decoder::decode, Qt::QueuedConnection);
    connect(m_decoder, &QmtL2Decoder::decoded, this, &QmtL2Client::onDecoded, Qt::QueuedConnection);
    m_thread.start();

    connect(m_socket, &QmtAuxSocket::stateChanged, this, &QmtL2Client::onSocketState);
    connect(m_socket, &QmtAuxSocket::textReceived, this, &QmtL2Client::onText);
    connect(m_socket, &QmtAuxSocket::handshakeRefused, this,
            [this](int) { Q_EMIT notAvailable(notAvailableMessage()); });
    connect(m_socket, &QmtAuxSocket::errorOccurred, this, &QmtL2Client::errorOccurred);
    connect(m_socket, &QmtAuxSocket::connectionLost, this, [this](const QString& message, bool normal) {
        Q_EMIT errorOccurred(normal ? tr("QMT Level-2 book: the server closed the connection") : message);
    });
}

QmtL2Client::~QmtL2Client()
{
    m_thread.quit();
    m_thread.wait();
}

QString QmtL2Client::notAvailableMessage()
{
    return tr("Level-2 thousand-level book not available on this server");
}

void QmtL2Client::start(const QUrl& baseUrl, const QString& code)
{
    m_code = code;
    ++m_generation; // books of the previous code still in flight are dropped
    m_pending.clear();
    if (code.isEmpty() || baseUrl.isEmpty()) {
        stop();
        return;
    }
    QUrl url = baseUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/ws/l2_thousand"_s);
    QJsonObject first{{u"stocks"_s, QJsonArray{code}}};
    m_socket->open(url, QJsonDocument(first).toJson(QJsonDocument::Compact));
}

void QmtL2Client::stop()
{
    ++m_generation;
    m_pending.clear();
    m_socket->close();
}

void QmtL2Client::onSocketState(QmtAuxSocket::State state)
{
    const State mapped = QmtAuxSocket::mapState(state, State::NotAvailable);
    if (mapped == m_state)
        return;
    m_state = mapped;
    Q_EMIT stateChanged(m_state);
}

void QmtL2Client::onText(const QString& text)
{
    if (m_decoding) {
        m_pending = text.toUtf8(); // only the newest whole book matters
        return;
    }
    m_decoding = true;
    Q_EMIT decodeRequested(text.toUtf8(), m_code, m_generation);
}

void QmtL2Client::onDecoded(const BookSnapshot& book, bool ok, const QString& error, quint64 generation)
{
    m_decoding = false;
    if (!m_pending.isEmpty()) {
        m_decoding = true;
        Q_EMIT decodeRequested(std::exchange(m_pending, QByteArray()), m_code, m_generation);
    }
    if (generation != m_generation)
        return;
    if (ok)
        Q_EMIT bookReceived(book);
    else
        Q_EMIT malformedFrame(error);
}

bool QmtL2Client::decode(const QByteArray& frame, const QString& code, BookSnapshot* book, QString* error,
                         int priceDecimals)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error)
            *error = tr("not a JSON object");
        return false;
    }
    const QJsonValue entry = document.object().value(code);
    QJsonObject record;
    if (entry.isArray()) {
        const QJsonArray records = entry.toArray();
        if (!records.isEmpty())
            record = records.last().toObject();
    } else if (entry.isObject()) {
        record = entry.toObject();
    }
    if (record.isEmpty()) {
        if (error)
            *error = tr("no record for %1").arg(code);
        return false;
    }
    BookSnapshot out;
    out.code = code;
    const QJsonValue time = record.contains(u"timeTag"_s) ? record.value(u"timeTag"_s) : record.value(u"time"_s);
    const double t = toNumber(time);
    out.timeMs = t <= 0 ? 0 : (t < 1e12 ? qint64(t * 1000.0) : qint64(t));
    out.bids = levels(record, u"bidPrice"_s, u"bidPrices"_s, u"bidVolume"_s, u"bidVol"_s, priceDecimals);
    out.asks = levels(record, u"offPrice"_s, u"askPrice"_s, u"offVolume"_s, u"askVol"_s, priceDecimals);
    *book = out;
    return true;
}

#include "QmtL2Client.moc"
