#pragma once

#include "ConnectionStats.h"

#include <QObject>
#include <QStringList>

class UpdateBuffer;

// A source of quotes. One implementation per protocol; each lives on the feed thread and writes what it decodes
// straight into the shared UpdateBuffer, so the GUI thread never parses JSON.
class QuoteFeed : public QObject
{
    Q_OBJECT
public:
    explicit QuoteFeed(UpdateBuffer* sink, QObject* parent = nullptr);

    // Stable id shown in the "source" column and CSV: "alltick", "simulator", "qmt".
    virtual QString sourceId() const = 0;
    virtual bool canServe(const QString& code) const = 0;

public Q_SLOTS:
    // The complete set of symbols this feed should serve now; subscribing, unsubscribing and connecting follow.
    virtual void setSymbols(const QStringList& codes) = 0;
    virtual void stop() = 0;

Q_SIGNALS:
    void statsChanged(const QList<ConnectionStats>& stats);
    // A translated message for the user (no secrets).
    void errorOccurred(const QString& message);

protected:
    UpdateBuffer* sink() const { return m_sink; }

private:
    UpdateBuffer* m_sink;
};
