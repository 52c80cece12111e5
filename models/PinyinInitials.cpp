#include "PinyinInitials.h"

#include <QCoreApplication>
#include <QFile>

using namespace Qt::StringLiterals;

// The resource lives in the static core library: register it before opening it (idempotent).
static void initPinyinResources()
{
    Q_INIT_RESOURCE(quotecore_data);
}

const PinyinInitials& PinyinInitials::builtIn()
{
    static const PinyinInitials table = [] {
        initPinyinResources();
        PinyinInitials result;
        QFile file(u":/data/pinyin_initials.txt"_s);
        QString error;
        if (!file.open(QIODevice::ReadOnly))
            qWarning("PinyinInitials: the built-in table resource is missing");
        else if (!result.load(file.readAll(), &error))
            qWarning("PinyinInitials: the built-in table is invalid: %s", qPrintable(error));
        return result;
    }();
    return table;
}

bool PinyinInitials::load(const QByteArray& utf8, QString* error)
{
    auto fail = [error](int lineNumber, const QString& what) {
        if (error)
            *error = QCoreApplication::translate("PinyinInitials", "Line %1: %2").arg(lineNumber).arg(what);
        return false;
    };
    QByteArray table(int(Last - First) + 1, '\0');
    QHash<QString, QString> phrases;
    int maxPhrase = 0;
    int characters = 0;

    const QString text = QString::fromUtf8(utf8);
    const QStringList lines = text.split(u'\n');
    for (int n = 0; n < lines.size(); ++n) {
        const QString line = lines.at(n).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList parts = line.split(u' ', Qt::SkipEmptyParts);
        if (parts.at(0) == u"=") {
            if (parts.size() != 3)
                return fail(n + 1, QCoreApplication::translate("PinyinInitials", "a phrase needs a word and initials"));
            const QString& word = parts.at(1);
            const QString& initials = parts.at(2);
            bool ok = word.size() >= 2 && word.size() == initials.size();
            for (QChar c : word)
                ok = ok && isChinese(c);
            for (QChar c : initials)
                ok = ok && c >= u'a' && c <= u'z';
            if (!ok)
                return fail(n + 1, QCoreApplication::translate("PinyinInitials", "malformed phrase \"%1\"").arg(line));
            phrases.insert(word, initials);
            maxPhrase = std::max(maxPhrase, int(word.size()));
            continue;
        }
        const QString& letter = parts.at(0);
        if (parts.size() != 2 || letter.size() != 1 || letter.at(0) < u'a' || letter.at(0) > u'z')
            return fail(n + 1, QCoreApplication::translate("PinyinInitials", "expected \"<letter> <characters>\""));
        const char initial = char(letter.at(0).unicode());
        for (QChar c : parts.at(1)) {
            if (!isChinese(c))
                return fail(n + 1, QCoreApplication::translate("PinyinInitials", "U+%1 is not a Chinese character")
                                       .arg(int(c.unicode()), 4, 16, QChar(u'0')));
            char& slot = table[int(c.unicode() - First)];
            if (slot != '\0')
                return fail(n + 1, QCoreApplication::translate("PinyinInitials", "%1 is listed twice").arg(QString(c)));
            slot = initial;
            ++characters;
        }
    }
    m_table = std::move(table);
    m_phrases = std::move(phrases);
    m_maxPhrase = maxPhrase;
    m_characters = characters;
    if (error)
        error->clear();
    return true;
}

char PinyinInitials::initialOf(QChar c) const
{
    if (!isChinese(c) || m_table.isEmpty())
        return '\0';
    return m_table.at(int(c.unicode() - First));
}

QString PinyinInitials::initials(QStringView text) const
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size();) {
        const QChar c = text.at(i);
        if (!isChinese(c)) {
            ++i;
            continue;
        }
        qsizetype matched = 0;
        if (m_maxPhrase >= 2) {
            for (qsizetype len = std::min<qsizetype>(m_maxPhrase, text.size() - i); len >= 2 && matched == 0; --len) {
                const auto it = m_phrases.constFind(text.mid(i, len).toString());
                if (it != m_phrases.constEnd()) {
                    out += it.value();
                    matched = len;
                }
            }
        }
        if (matched > 0) {
            i += matched;
            continue;
        }
        if (const char initial = initialOf(c))
            out += QLatin1Char(initial);
        ++i;
    }
    return out;
}
