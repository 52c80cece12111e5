#include "FeedStatusBar.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>

using namespace Qt::StringLiterals;

FeedStatusBar::FeedStatusBar(QWidget* parent)
    : QWidget(parent)
    , m_simulatedBadge(new QLabel(this))
    , m_layout(new QHBoxLayout(this))
    , m_ageTimer(this)
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(12);
    m_simulatedBadge->setText(tr("Simulated data"));
    m_simulatedBadge->setToolTip(tr("Quotes come from the built-in simulator, not from a market data feed."));
    m_simulatedBadge->setStyleSheet(
        u"QLabel { background: #b35c00; color: white; font-weight: bold; padding: 1px 8px; border-radius: 3px; }"_s);
    m_simulatedBadge->setVisible(false);
    m_layout->addWidget(m_simulatedBadge);
    m_ageTimer.setInterval(1000);
    connect(&m_ageTimer, &QTimer::timeout, this, &FeedStatusBar::refresh);
    m_ageTimer.start();
}

void FeedStatusBar::setSimulated(bool simulated)
{
    m_simulatedBadge->setVisible(simulated);
}

void FeedStatusBar::setStats(const QList<ConnectionStats>& stats)
{
    m_stats = stats;
    while (m_labels.size() < m_stats.size()) {
        auto* label = new QLabel(this);
        label->setTextFormat(Qt::RichText);
        m_layout->addWidget(label);
        m_labels.append(label);
    }
    while (m_labels.size() > m_stats.size())
        delete m_labels.takeLast();
    refresh();
}

QString FeedStatusBar::stateText(ConnectionStats::State state)
{
    switch (state) {
    case ConnectionStats::State::Idle:
        return tr("idle");
    case ConnectionStats::State::Connecting:
        return tr("connecting");
    case ConnectionStats::State::Connected:
        return tr("connected");
    case ConnectionStats::State::Waiting:
        return tr("reconnecting");
    case ConnectionStats::State::Failed:
        return tr("failed");
    }
    return QString();
}

QString FeedStatusBar::describe(const ConnectionStats& s, qint64 nowMs)
{
    QString age = tr("no data yet");
    if (s.lastMessageMs > 0) {
        const double seconds = qMax<qint64>(0, nowMs - s.lastMessageMs) / 1000.0;
        age = tr("last %1 s ago").arg(seconds, 0, 'f', 1);
    }
    QString text = tr("%1: %2 · %3 msg/s · %4 · %n reconnect(s)", nullptr, s.reconnects)
                       .arg(s.name, stateText(s.state))
                       .arg(s.messagesPerSecond, 0, 'f', 0)
                       .arg(age);
    if (s.state == ConnectionStats::State::Waiting && s.nextRetryMs > nowMs)
        text += u" · "_s + tr("retry in %1 s").arg((s.nextRetryMs - nowMs + 999) / 1000);
    return text;
}

void FeedStatusBar::refresh()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < m_stats.size(); ++i) {
        const ConnectionStats& s = m_stats.at(i);
        const char* colour = s.state == ConnectionStats::State::Connected    ? "#1a9e4a"
                             : s.state == ConnectionStats::State::Connecting ? "#c89100"
                             : s.state == ConnectionStats::State::Idle       ? "#888888"
                                                                             : "#e03c31";
        m_labels[i]->setText(
            u"<span style=\"color:%1\">●</span> %2"_s.arg(QLatin1String(colour), describe(s, now).toHtmlEscaped()));
        QString tip = tr("Messages received: %1\nMalformed frames dropped: %2\nSymbols: %3")
                          .arg(s.messages)
                          .arg(s.malformed)
                          .arg(s.symbols);
        if (!s.lastError.isEmpty())
            tip += u'\n' + tr("Last error: %1").arg(s.lastError);
        m_labels[i]->setToolTip(tip);
    }
}
