#include "UrlRedaction.h"

#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QString Mask = u"***"_s;

bool isSecretName(const QString& name)
{
    static const QStringList names{u"token"_s, u"api_key"_s, u"apikey"_s, u"key"_s, u"password"_s};
    return names.contains(name, Qt::CaseInsensitive);
}

// Masks the secret values of a "name=value&name=value" string given in QUrl::FullyEncoded form.
// Returns false when nothing needed masking.
bool maskPairs(const QString& encoded, QString* out)
{
    QUrlQuery query(encoded);
    const auto items = query.queryItems(QUrl::FullyEncoded);
    bool changed = false;
    QList<std::pair<QString, QString>> masked;
    masked.reserve(items.size());
    for (const auto& item : items) {
        const QString name = QUrl::fromPercentEncoding(item.first.toUtf8());
        if (isSecretName(name)) {
            masked.append({item.first, Mask});
            changed = true;
        } else {
            masked.append(item);
        }
    }
    if (!changed)
        return false;
    query.setQueryItems(masked);
    *out = query.query(QUrl::FullyEncoded);
    return true;
}

} // namespace

namespace Redaction {

QString url(const QUrl& u)
{
    if (u.isEmpty())
        return QString();
    QUrl copy = u;
    copy.setPassword(QString());
    QString masked;
    if (copy.hasQuery() && maskPairs(copy.query(QUrl::FullyEncoded), &masked))
        copy.setQuery(masked, QUrl::StrictMode);
    if (copy.hasFragment() && copy.fragment(QUrl::FullyEncoded).contains(u'=') &&
        maskPairs(copy.fragment(QUrl::FullyEncoded), &masked))
        copy.setFragment(masked, QUrl::StrictMode);
    return copy.toDisplayString();
}

QString text(QString s, const QStringList& secrets)
{
    QStringList all;
    for (const QString& secret : secrets) {
        if (secret.isEmpty())
            continue;
        all.append(secret);
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
        if (encoded != secret)
            all.append(encoded);
    }
    // Longest first, so a secret that contains another one is masked whole.
    std::sort(all.begin(), all.end(), [](const QString& a, const QString& b) { return a.size() > b.size(); });
    for (const QString& secret : std::as_const(all))
        s.replace(secret, Mask);
    return s;
}

} // namespace Redaction
