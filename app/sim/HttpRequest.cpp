#include "HttpRequest.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

bool containsToken(QByteArrayView list, QByteArrayView token)
{
    for (QByteArrayView part : QByteArray(list.data(), list.size()).split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isTokenChar(char c)
{
    const unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f)
        return false;
    return QByteArrayView("()<>@,;:\\\"/[]?={}").indexOf(c) < 0;
}

} // namespace

HttpRequest::Status HttpRequest::feed(QByteArrayView data)
{
    if (m_status != Status::Incomplete) {
        // Keep whatever follows a complete request for the next one.
        if (m_status == Status::Complete)
            m_buffer.append(data);
        return m_status;
    }
    m_buffer.append(data);

    if (!m_headersComplete) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_buffer.size() > MaxHeaderBytes)
                return fail(u"header too large"_s);
            return m_status;
        }
        if (end > MaxHeaderBytes)
            return fail(u"header too large"_s);
        if (!parseHead(QByteArrayView(m_buffer).first(end)))
            return m_status;
        m_buffer.remove(0, end + 4);
        m_headersComplete = true;
    }

    if (m_buffer.size() < m_contentLength)
        return m_status;
    m_body = m_buffer.left(m_contentLength);
    m_buffer.remove(0, m_contentLength);
    m_status = Status::Complete;
    return m_status;
}

bool HttpRequest::parseHead(QByteArrayView head)
{
    const QList<QByteArray> lines = QByteArray(head.data(), head.size()).split('\n');
    if (lines.isEmpty()) {
        fail(u"empty request"_s);
        return false;
    }
    QByteArray requestLine = lines.first();
    if (requestLine.endsWith('\r'))
        requestLine.chop(1);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || parts.at(0).isEmpty() || parts.at(1).isEmpty()) {
        fail(u"malformed request line"_s);
        return false;
    }
    for (char c : parts.at(0)) {
        if (!isTokenChar(c)) {
            fail(u"malformed method"_s);
            return false;
        }
    }
    if (!parts.at(2).startsWith("HTTP/1.")) {
        fail(u"unsupported HTTP version"_s);
        return false;
    }
    m_method = parts.at(0);
    m_target = parts.at(1);
    m_version = parts.at(2);

    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            fail(u"malformed header line"_s);
            return false;
        }
        const QByteArray name = line.left(colon);
        for (char c : name) {
            if (!isTokenChar(c)) {
                fail(u"malformed header name"_s);
                return false;
            }
        }
        m_headers.append({name, line.mid(colon + 1).trimmed()});
    }

    if (hasHeader("transfer-encoding")) {
        fail(u"chunked bodies are not supported"_s);
        return false;
    }
    if (hasHeader("content-length")) {
        bool ok = false;
        const QByteArray value = header("content-length");
        const qlonglong length = value.toLongLong(&ok);
        if (!ok || length < 0 || value.startsWith('+')) {
            fail(u"invalid Content-Length"_s);
            return false;
        }
        if (length > MaxBodyBytes) {
            fail(u"body too large"_s);
            return false;
        }
        m_contentLength = qsizetype(length);
    }
    return true;
}

HttpRequest::Status HttpRequest::fail(const QString& error)
{
    m_error = error;
    m_status = Status::Bad;
    return m_status;
}

void HttpRequest::reset()
{
    *this = HttpRequest();
}

QByteArray HttpRequest::takeRemainder()
{
    if (m_status != Status::Complete)
        return {};
    QByteArray rest;
    rest.swap(m_buffer);
    return rest;
}

QString HttpRequest::path() const
{
    const qsizetype q = m_target.indexOf('?');
    const QByteArray raw = q < 0 ? m_target : m_target.left(q);
    return QUrl::fromPercentEncoding(raw);
}

QUrlQuery HttpRequest::query() const
{
    const qsizetype q = m_target.indexOf('?');
    if (q < 0)
        return {};
    // QUrlQuery keeps '+' as is; in a query string from a form it means a space.
    QByteArray raw = m_target.mid(q + 1);
    raw.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(raw));
}

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto& entry : m_headers) {
        if (QByteArrayView(entry.first).compare(name, Qt::CaseInsensitive) == 0)
            return entry.second;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const auto& entry : m_headers) {
        if (QByteArrayView(entry.first).compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool HttpRequest::isWebSocketUpgrade() const
{
    return m_method == "GET" && containsToken(header("upgrade"), "websocket") &&
           containsToken(header("connection"), "upgrade");
}

bool HttpRequest::keepAlive() const
{
    const QByteArray connection = header("connection");
    if (m_version == "HTTP/1.0")
        return containsToken(connection, "keep-alive");
    return !containsToken(connection, "close");
}
