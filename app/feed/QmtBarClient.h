#pragma once

#include "QmtAuxSocket.h"
#include "protocol/QmtCodec.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// K-line bars of ONE symbol at ONE period from the QMT Bridge, for the chart (protocol spec B.4 and B.11):
// - start(code, period) loads history over REST, GET /api/market/market_data_ex?stocks=CODE&period=P&count=N
//   (the bridge's recommended pattern), and at the same time opens its own /ws/realtime socket with
//   {"stocks":[CODE],"period":P}. Pushes that arrive before the history are held back and applied after it;
// - every bar goes through Qmt::BarSeries: the same time as the last bar replaces it (xtdata re-pushes the forming
//   bar), a later time appends, an earlier one is ignored; the series is bounded (Config::capacity bars);
// - the subscription set of a /ws/realtime socket is fixed by its first message, so a new code or period closes the
//   socket and opens a new one (one socket per period); replies and frames of a superseded request are dropped;
// - after a reconnect (QmtAuxSocket retries with backoff) the history is fetched again and merged through the same
//   rule, so bars missed while the socket was down are filled in.
// Lives in the GUI thread (the chart reads bars() when it draws a frame).
class QmtBarClient : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        QmtAuxSocket::Config socket;
        int historyCount = 500; // bars asked for over REST
        int capacity = 1000;    // bars kept
        int restTimeoutMs = 10000;
    };

    explicit QmtBarClient(QObject* parent = nullptr);
    QmtBarClient(const Config& config, QObject* parent = nullptr);
    ~QmtBarClient() override;

    // ws://HOST:PORT of the bridge (REST goes to http://HOST:PORT).
    void setBaseUrl(const QUrl& baseUrl);
    QUrl baseUrl() const { return m_baseUrl; }
    // Streams `code` at `period` ("1m", "5m", "1d", ...). The same code and period again does nothing; an empty code
    // or the "tick" period stops.
    void start(const QString& code, const QString& period);
    // Closes the socket, cancels the history request and clears the bars.
    void stop();
    // PriceTick of a code, for rounding its prices (otherwise Qmt::DefaultPriceScale places).
    void setPriceTick(const QString& code, const Decimal& tick) { m_decoder.setPriceTick(code, tick); }

    QString code() const { return m_code; }
    QString period() const { return m_period; }
    bool isActive() const { return !m_code.isEmpty(); }
    bool isHistoryLoaded() const { return m_historyLoaded; }
    const QList<Qmt::Bar>& bars() const { return m_series.bars(); }
    QmtAuxSocket::State socketState() const { return m_socket->state(); }
    // Translated text of the last failure (history or socket); empty while healthy.
    QString lastError() const { return m_lastError; }
    // Bars of 1m, 5m, 1d, ...: true for every xtdata bar period this client can stream.
    static bool isBarPeriod(const QString& period);

Q_SIGNALS:
    // The bars changed: history merged, or a push replaced or appended a bar.
    void barsChanged();
    // The REST history arrived (`count` bars, possibly 0) and was merged.
    void historyLoaded(int count);
    // A pushed bar was applied.
    void barPushed(Qmt::BarSeries::Change change);
    // History or socket failure (translated; the socket keeps retrying).
    void errorOccurred(const QString& message);

private:
    void requestHistory();
    void onHistoryReply(QNetworkReply* reply, quint64 generation);
    void onText(const QString& text);
    void onOpened();
    void applyPushed(const QList<Qmt::Bar>& bars);
    void setError(const QString& message);

    Config m_config;
    QUrl m_baseUrl;
    QmtAuxSocket* m_socket;
    QNetworkAccessManager* m_network;
    QPointer<QNetworkReply> m_reply;
    Qmt::Decoder m_decoder;
    Qmt::BarSeries m_series;
    QList<Qmt::Bar> m_held; // pushed before the history arrived
    QString m_code;
    QString m_period;
    quint64 m_generation = 0;
    bool m_historyLoaded = false;
    bool m_holding = false; // a reconnect's history is on its way
    bool m_openedOnce = false;
    QString m_lastError;
};

Q_DECLARE_METATYPE(Qmt::BarSeries::Change)
