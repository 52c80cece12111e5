#pragma once

#include "QmtAuxSocket.h"

#include <QDate>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

// Client of the QMT Bridge's /ws/download_progress (protocol spec B.7): one history download per socket.
// start() opens the socket and sends {"stocks":[...],"period":"1d","start_time":"YYYYMMDD","end_time":"YYYYMMDD"};
// the server answers {"finished":i,"total":n,"stock":code,"status":..} after each code, then
// {"status":"done","results":{code:status}} and closes. cancel() closes the socket (the bridge stops) and reports
// cancelled(). A connection lost before "done" is reported by failed(); nothing is retried (a retry would start the
// download again).
class QmtDownloadClient : public QObject
{
    Q_OBJECT
public:
    enum class State : quint8 { Idle, Connecting, Running, Done, Cancelled, Failed };
    Q_ENUM(State)

    enum class Status : quint8 { Ok, Timeout, Disconnected, Error };
    Q_ENUM(Status)

    struct CodeResult
    {
        QString code;
        Status status = Status::Error;
        QString text; // the wire status ("ok", "timeout", "error: invalid stock code: X")
    };

    struct Progress
    {
        int finished = 0;
        int total = 0;
        CodeResult current;
    };

    struct Summary
    {
        QList<CodeResult> results; // in the order the server listed them
        int ok = 0;
        int failed = 0; // timeout, disconnected, error
    };

    // One decoded frame.
    struct Frame
    {
        enum class Kind : quint8 { Progress, Done, Invalid };
        Kind kind = Kind::Invalid;
        Progress progress;
        Summary summary;
    };

    explicit QmtDownloadClient(QObject* parent = nullptr);
    QmtDownloadClient(const QmtAuxSocket::Config& config, QObject* parent = nullptr);

    // ws://HOST:PORT of the bridge.
    void setBaseUrl(const QUrl& baseUrl) { m_baseUrl = baseUrl; }
    QUrl baseUrl() const { return m_baseUrl; }

    // Starts a download (a running one is cancelled first). Invalid dates send "" (the bridge's default range).
    void start(const QStringList& symbols, const QString& period, const QDate& startDate, const QDate& endDate);
    // Closes the socket; emits cancelled() when a download was running.
    void cancel();

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Connecting || m_state == State::Running; }
    QStringList symbols() const { return m_symbols; }
    // The latest progress and, after done, the summary.
    Progress lastProgress() const { return m_progress; }
    Summary summary() const { return m_summary; }

    // The first message start() sends.
    static QByteArray requestMessage(const QStringList& symbols, const QString& period, const QDate& startDate,
                                     const QDate& endDate);
    static Frame decode(const QByteArray& frame);
    static Status statusOf(const QString& wireStatus);
    // Translated, e.g. "OK", "Timed out", "Error: invalid stock code".
    static QString statusText(const CodeResult& result);

Q_SIGNALS:
    void stateChanged(QmtDownloadClient::State state);
    void started(int total);
    void progressed(const QmtDownloadClient::Progress& progress);
    void finished(const QmtDownloadClient::Summary& summary);
    void cancelled();
    // Connection failure or loss before "done" (translated).
    void failed(const QString& message);
    void malformedFrame(const QString& text);

private:
    void setState(State state);
    void onText(const QString& text);

    QmtAuxSocket* m_socket;
    QUrl m_baseUrl;
    State m_state = State::Idle;
    QStringList m_symbols;
    Progress m_progress;
    Summary m_summary;
};

Q_DECLARE_METATYPE(QmtDownloadClient::Progress)
Q_DECLARE_METATYPE(QmtDownloadClient::Summary)
