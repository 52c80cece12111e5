#pragma once

#include "feed/ConnectionStats.h"

#include <QList>
#include <QTimer>
#include <QWidget>

class QHBoxLayout;
class QLabel;

// Status bar entries: a "Simulated data" badge when running on the simulator, then one entry per feed connection
// with its state, messages per second, age of the last message and reconnect count.
class FeedStatusBar : public QWidget
{
    Q_OBJECT
public:
    explicit FeedStatusBar(QWidget* parent = nullptr);

    void setSimulated(bool simulated);
    void setStats(const QList<ConnectionStats>& stats);
    static QString stateText(ConnectionStats::State state);
    static QString describe(const ConnectionStats& stats, qint64 nowMs);

private:
    void refresh();

    QLabel* m_simulatedBadge;
    QHBoxLayout* m_layout;
    QList<QLabel*> m_labels;
    QList<ConnectionStats> m_stats;
    QTimer m_ageTimer;
};
