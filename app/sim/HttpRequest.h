#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

// A minimal incremental HTTP/1.1 request parser for the simulator: request line, headers and a Content-Length body
// (chunked bodies are refused). Feed bytes as they arrive; status() tells whether the request is complete.
// Pipelined bytes beyond the request are kept and can be taken with takeRemainder().
class HttpRequest
{
public:
    enum class Status { Incomplete, Complete, Bad };

    static constexpr qsizetype MaxHeaderBytes = 16 * 1024;
    static constexpr qsizetype MaxBodyBytes = 4 * 1024 * 1024;

    // Appends bytes and parses as far as possible.
    Status feed(QByteArrayView data);
    Status status() const { return m_status; }
    bool headersComplete() const { return m_headersComplete; }
    // Why the request is Bad; empty otherwise.
    QString errorString() const { return m_error; }
    // Forgets everything, including any remainder.
    void reset();
    // Bytes received after the end of a complete request (the start of the next one).
    QByteArray takeRemainder();

    QByteArray method() const { return m_method; }
    QByteArray target() const { return m_target; } // raw request target, e.g. "/kline?token=a&query=%7B..."
    QByteArray version() const { return m_version; }
    QString path() const;    // percent-decoded path of the target
    QUrlQuery query() const; // query of the target
    // First value of a header, matched case-insensitively; empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    const QList<QPair<QByteArray, QByteArray>>& headers() const { return m_headers; }
    QByteArray body() const { return m_body; }

    // "Upgrade: websocket" with a "Connection" header listing "upgrade" on a GET.
    bool isWebSocketUpgrade() const;
    // HTTP/1.1 without "Connection: close", or HTTP/1.0 with "Connection: keep-alive".
    bool keepAlive() const;

private:
    Status fail(const QString& error);
    bool parseHead(QByteArrayView head);

    Status m_status = Status::Incomplete;
    bool m_headersComplete = false;
    QByteArray m_buffer;
    QString m_error;
    QByteArray m_method;
    QByteArray m_target;
    QByteArray m_version;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    qsizetype m_contentLength = 0;
    QByteArray m_body;
};
