#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

// Turns URLs and free text into something safe to show or log: no tokens, API keys or passwords.
namespace Redaction {
// The URL as display text, with the values of the query items token, api_key, apikey, key and password
// (any case) replaced by "***" and any password of the userinfo removed. The fragment is treated the same way
// when it holds name=value pairs.
QString url(const QUrl& u);
// `s` with every occurrence of each non-empty secret (also in its percent-encoded form) replaced by "***".
QString text(QString s, const QStringList& secrets);
} // namespace Redaction
