#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringView>

// Pinyin initials of Chinese text at run time, for names that arrive from feeds and are not in the catalog
// (catalog names carry initials generated offline in context). Reads resources/pinyin_initials.txt, written by
// resources/tools/gen-pinyin.mjs: one initial per character of U+4E00..U+9FFF (its most common reading) plus the
// phrases whose in-context initials differ (银行 -> yh). The longest phrase matching at a position wins.
class PinyinInitials
{
public:
    static constexpr char16_t First = 0x4E00;
    static constexpr char16_t Last = 0x9FFF;

    // The table compiled into the core library, loaded once.
    static const PinyinInitials& builtIn();
    // Parses the table format; returns false with a message on malformed input (the previous content is kept).
    bool load(const QByteArray& utf8, QString* error = nullptr);

    static bool isChinese(QChar c) { return c.unicode() >= First && c.unicode() <= Last; }
    // Lower-case initial of one character's most common reading; 0 when unknown or not Chinese.
    char initialOf(QChar c) const;
    // Initials of the Chinese characters of text, one letter each, others skipped ("平安银行-W" -> "payh").
    // A Chinese character without a reading in the table adds nothing.
    QString initials(QStringView text) const;

    int characterCount() const { return m_characters; }
    int phraseCount() const { return int(m_phrases.size()); }

private:
    QByteArray m_table; // indexed by code unit - First; 0 = unknown
    QHash<QString, QString> m_phrases;
    int m_maxPhrase = 0;
    int m_characters = 0;
};
