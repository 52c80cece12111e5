#pragma once

#include "AllTickConnection.h"
#include "QuoteFeed.h"

#include <QHash>
#include <QSet>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// The AllTick feed: one connection per endpoint family (stocks/indices vs forex/metals/crypto), each opened only
// while it has symbols, plus the REST daily K-line that gives the previous close for change and change %.
class AllTickFeed : public QuoteFeed
{
    Q_OBJECT
public:
    enum class Plan : quint8 { Paid, Free };

    struct Config
    {
        QUrl stockUrl;   // without token
        QUrl generalUrl; // without token
        QString token;
        QUrl stockRestBase;   // empty = derived from stockUrl
        QUrl generalRestBase; // empty = derived from generalUrl
        QString sourceId = QStringLiteral("alltick");
        Plan plan = Plan::Paid;
        AllTickConnection::Config connection; // timings shared by both connections (url is filled in per family)
        int restSpacingMs = -1;               // -1 = by plan: 3 s paid, 10 s free (batch K-line limits)
        int restBatchSize = -1;               // -1 = by plan: 100 paid, 5 free
        int restRetryMs = 60000;
        int statsIntervalMs = 1000;
    };

    AllTickFeed(const Config& config, UpdateBuffer* sink, QObject* parent = nullptr);

    QString sourceId() const override { return m_config.sourceId; }
    bool canServe(const QString& code) const override;

    // wss://host/quote-stock-b-ws-api -> https://host/quote-stock-b-api (query dropped).
    static QUrl deriveRestBase(const QUrl& webSocketUrl);
    static QUrl withToken(const QUrl& url, const QString& token);

    AllTickConnection* connection(AllTick::Family family) const;

public Q_SLOTS:
    void setSymbols(const QStringList& codes) override;
    void stop() override;

private:
    void publishStats();
    void pumpReference();
    void onReferenceReply(QNetworkReply* reply, const QStringList& codes);
    void reportError(const QString& message);

    Config m_config;
    AllTickConnection* m_stock;
    AllTickConnection* m_general;
    QNetworkAccessManager* m_network;
    QTimer m_statsTimer;
    QTimer m_restTimer;
    QStringList m_referencePending; // codes waiting for their previous close
    QSet<QString> m_referenceKnown; // codes fetched or in flight
    bool m_restInFlight = false;
    QHash<QString, qint64> m_errorShownAt; // de-duplicates error messages
};
