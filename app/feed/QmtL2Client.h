#pragma once

#include "QmtAuxSocket.h"
#include "QuoteTypes.h"

#include <QObject>
#include <QString>
#include <QThread>
#include <QUrl>

class QmtL2Decoder;

// Client of the QMT Bridge's /ws/l2_thousand (protocol spec B.6) for one A-share code: first message
// {"stocks":[code]}, frames {"<code>":[{"timeTag","price","bidPrice[]","bidVolume[]","offPrice[]","offVolume[]"}]}
// with up to 1,000 levels a side (volumes in lots).
// - v2.8.0 does not register the route: the handshake gets HTTP 403. That gives state NotAvailable, ONE
//   notAvailable() signal with a translated message, and no retry. Other failures reconnect with backoff.
// - Each frame is a whole book, so decoding runs on a worker thread and only the newest undecoded frame is kept:
//   a slow consumer sees fewer, never stale, books. bookReceived() arrives on the thread that owns the client.
class QmtL2Client : public QObject
{
    Q_OBJECT
public:
    enum class State : quint8 { Idle, Connecting, Connected, Waiting, NotAvailable };
    Q_ENUM(State)

    static constexpr int MaxLevels = 1000;

    explicit QmtL2Client(QObject* parent = nullptr);
    QmtL2Client(const QmtAuxSocket::Config& config, QObject* parent = nullptr);
    ~QmtL2Client() override;

    // Streams `code` from `baseUrl` (ws://HOST:PORT). A new code reopens the socket (the bridge reads one message).
    void start(const QUrl& baseUrl, const QString& code);
    void stop();
    QString code() const { return m_code; }
    State state() const { return m_state; }
    QString lastError() const { return m_socket->lastError(); }

    static QString notAvailableMessage();
    // Decodes one frame for `code` (other codes in the frame are ignored): the last record of the code, levels with
    // a zero or missing price dropped, at most MaxLevels a side, prices rounded to `priceDecimals` places (float
    // noise). False when the frame is not JSON or has no record for `code` (`error` says which).
    static bool decode(const QByteArray& frame, const QString& code, BookSnapshot* book, QString* error = nullptr,
                       int priceDecimals = 3);

Q_SIGNALS:
    void stateChanged(QmtL2Client::State state);
    void bookReceived(const BookSnapshot& book);
    // The server has no /ws/l2_thousand (HTTP 403). Emitted once per start().
    void notAvailable(const QString& message);
    void errorOccurred(const QString& message);
    void malformedFrame(const QString& reason);
    // Internal: hands a frame to the decoder thread.
    void decodeRequested(const QByteArray& frame, const QString& code, quint64 generation);

private:
    void onSocketState(QmtAuxSocket::State state);
    void onText(const QString& text);
    void onDecoded(const BookSnapshot& book, bool ok, const QString& error, quint64 generation);

    QmtAuxSocket* m_socket;
    QThread m_thread;
    QmtL2Decoder* m_decoder;
    State m_state = State::Idle;
    QString m_code;
    quint64 m_generation = 0;
    bool m_decoding = false;
    QByteArray m_pending;
};
