#include "IndicatorDialog.h"
#include "QuoteStore.h"
#include "TickChartWidget.h"
#include "TickHistory.h"
#include "feed/QmtFormulaClient.h"
#include "sim/QmtSimServer.h"

#include <QApplication>
#include <QChart>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>
#include <QValueAxis>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
const QString Moutai = u"600519.SH"_s;
const QTimeZone Shanghai(QByteArrayLiteral("Asia/Shanghai"));

TradeTick tick(const QString& code, qint64 timeMs, double price, qint64 seq)
{
    TradeTick t;
    t.code = code;
    t.seq = seq;
    t.timeMs = timeMs;
    t.price = Decimal::fromUnits(std::llround(price * 100), 2);
    t.volume = Decimal::fromInt(100 * (1 + seq % 7));
    t.turnover = t.price * t.volume;
    t.side = TradeSide(seq % 3);
    return t;
}

// A trading day of `n` trades on 2026-11-24, 09:30-11:30 and 13:00-15:00 Shanghai time, a random walk in 0.01 steps.
QList<TradeTick> tradingDay(const QString& code, int n, qint64 baseCents, quint64 seed = 7)
{
    QList<TradeTick> out;
    const qint64 morning = QDateTime(QDate(2026, 11, 24), QTime(9, 30), Shanghai).toMSecsSinceEpoch();
    const qint64 afternoon = QDateTime(QDate(2026, 11, 24), QTime(13, 0), Shanghai).toMSecsSinceEpoch();
    const qint64 session = 2 * 3600 * 1000;
    qint64 cents = baseCents;
    quint64 rng = seed;
    for (int i = 0; i < n; ++i) {
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        cents = std::max<qint64>(1, cents + qint64((rng >> 33) % 7) - 3);
        const int half = n / 2;
        const qint64 t =
            i < half ? morning + qint64(i) * session / half : afternoon + qint64(i - half) * session / (n - half);
        out.append(tick(code, t, double(cents) / 100.0, i));
    }
    return out;
}

bool allFinite(const QList<QPointF>& points)
{
    return std::all_of(points.cbegin(), points.cend(),
                       [](const QPointF& p) { return std::isfinite(p.x()) && std::isfinite(p.y()); });
}

QString legendText(const TickChartWidget* chart)
{
    return chart->findChild<QLabel*>(u"tickChartLegend"_s)->text() +
           chart->findChild<QLabel*>(u"tickChartOverlayLegend"_s)->text();
}
} // namespace

class TestIndicatorOverlay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<QmtFormulaClient::Result>(); }
    void init();
    void cleanup();
    void noClientDisablesTheButton();
    void parseParams();
    void maOverlayFromTheSimulator();
    void overlayUpdatesRideTheFrameTimer();
    void nonFiniteValuesAndPriceScale();
    void removeUnsubscribesWithTheSeqId();
    void otherSymbolsOverlaysAreHidden();
    void serverErrorsAreShown();
    void refusedSubscriptionIsDropped();
    void badParametersAreShown();
    void quirkModeSubscribesWithoutPoints();
    void screenshots();

private:
    void startServer(bool quirks = false);
    // Subscribes MA(5) (20 daily bars from the simulator) and waits for the first push.
    // `*id` stays -1 on failure.
    void addMovingAverage(int* id);
    // Ticks 30 s into each of `series`' 1m bars, so the chart's time axis spans the results.
    void ticksAlong(const QmtFormulaClient::Series& series);

    std::unique_ptr<QmtSimServer> m_server;
    QmtFormulaClient* m_client = nullptr;
    QuoteStore* m_store = nullptr;
    TickHistory* m_history = nullptr;
    TickChartWidget* m_chart = nullptr;
};

void TestIndicatorOverlay::init()
{
    m_store = new QuoteStore;
    m_history = new TickHistory(m_store);
    m_chart = new TickChartWidget(m_store, m_history);
    m_chart->resize(900, 520);
    m_chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_chart));
}

void TestIndicatorOverlay::cleanup()
{
    delete m_chart;
    delete m_client;
    m_client = nullptr;
    m_server.reset();
    delete m_history;
    delete m_store;
}

void TestIndicatorOverlay::startServer(bool quirks)
{
    QmtSimServer::Config config;
    config.formulaIntervalMs = 30;
    config.quirksV280 = quirks;
    m_server = std::make_unique<QmtSimServer>(config);
    QVERIFY(m_server->listen());
    m_client = new QmtFormulaClient;
    m_client->setBaseUrl(QUrl(u"ws://127.0.0.1:%1"_s.arg(m_server->port())));
    m_chart->setFormulaClient(m_client);
}

void TestIndicatorOverlay::addMovingAverage(int* id)
{
    *id = -1;
    const int added = m_chart->addIndicator(u"MA"_s, u"N=5"_s, u"1m"_s, 20);
    QVERIFY(added > 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_chart->indicators(Moutai).value(0).seqId >= 0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_client->series(added, u"MA5"_s).size(), 20, 5000);
    *id = added;
}

void TestIndicatorOverlay::ticksAlong(const QmtFormulaClient::Series& series)
{
    double price = 0;
    for (const auto& [t, v] : series) {
        if (std::isfinite(v)) {
            price = v;
            break;
        }
    }
    QList<TradeTick> ticks;
    for (const auto& [t, v] : series)
        ticks.append(tick(Moutai, t + 30 * 1000, std::isfinite(v) ? v : price, ticks.size()));
    m_history->append(ticks);
}

void TestIndicatorOverlay::noClientDisablesTheButton()
{
    QToolButton* button = m_chart->indicatorButton();
    QVERIFY(button);
    QVERIFY(!button->isEnabled());
    QVERIFY2(button->toolTip().contains(u"QMT Bridge"_s), qPrintable(button->toolTip()));
    m_chart->setSymbol(Moutai);
    QCOMPARE(m_chart->addIndicator(u"MA"_s, u"N=5"_s), -1);
    QVERIFY(m_chart->lastError().contains(u"QMT Bridge"_s));
    startServer();
    QVERIFY(button->isEnabled());
    QVERIFY(!button->toolTip().contains(u"need"_s));
    m_chart->setFormulaClient(nullptr);
    QVERIFY(!button->isEnabled());
}

void TestIndicatorOverlay::parseParams()
{
    QString error;
    auto params = TickChartWidget::parseParams(u"N=5"_s, &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(params.size(), 1);
    QCOMPARE(params.at(0).first, u"N"_s);
    QCOMPARE(params.at(0).second.toInt(), 5);
    params = TickChartWidget::parseParams(u" SHORT = 12, LONG=26;M=9 P=2.5"_s, &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(params.size(), 4);
    QCOMPARE(params.at(1).first, u"LONG"_s); // the order given, for the label "MACD(12,26,9)"
    QCOMPARE(params.at(3).second.toDouble(), 2.5);
    QVERIFY(TickChartWidget::parseParams(QString(), &error).isEmpty());
    QVERIFY(error.isEmpty());
    QVERIFY(TickChartWidget::parseParams(u"N="_s, &error).isEmpty());
    QVERIFY(!error.isEmpty());
    QVERIFY(TickChartWidget::parseParams(u"5"_s, &error).isEmpty());
    QVERIFY(!error.isEmpty());
}

void TestIndicatorOverlay::maOverlayFromTheSimulator()
{
    startServer();
    m_chart->setSymbol(Moutai);
    int id = -1;
    addMovingAverage(&id);
    QVERIFY(id > 0);
    const QmtFormulaClient::Series ma = m_client->series(id, u"MA5"_s);
    QVERIFY(std::isnan(ma.at(0).second)); // the simulator's bare NaN tokens for the first N-1 values
    const int finite =
        int(std::count_if(ma.cbegin(), ma.cend(), [](const auto& p) { return std::isfinite(p.second); }));
    QCOMPARE(finite, 16);
    ticksAlong(ma);
    QTRY_VERIFY(!m_chart->isEmptyStateShown());
    const int minimumWidth = m_chart->minimumSizeHint().width();

    QTRY_VERIFY(m_chart->overlaySeries(id, u"MA5"_s));
    QLineSeries* series = m_chart->overlaySeries(id, u"MA5"_s);
    QTRY_COMPARE(series->count(), finite);
    QVERIFY(allFinite(series->points()));
    QVERIFY(series->isVisible());
    QCOMPARE(series->name(), u"MA(5) MA5"_s);
    QVERIFY(series->attachedAxes().contains(m_chart->priceAxis()));
    QVERIFY(m_chart->priceChart()->series().contains(series));
    // At the bars' times on the exchange-time axis, with their values.
    const QPointF last = series->points().last();
    QCOMPARE(qint64(last.x()) - m_chart->axisShiftMs(), ma.last().first);
    QCOMPARE(last.y(), ma.last().second);
    // Its own colour, none of the chart's own lines' colours.
    const QColor colour = series->pen().color();
    for (QLineSeries* own : {m_chart->priceSeries(), m_chart->averageSeries(), m_chart->prevCloseSeries()})
        QVERIFY(own->pen().color() != colour);
    QTRY_VERIFY2(legendText(m_chart).contains(u"MA(5) MA5"_s), qPrintable(legendText(m_chart)));
    QCOMPARE(m_chart->minimumSizeHint().width(), minimumWidth); // the longer legend never widens the dock
    // The crosshair at the last trade (10:00 of the last bar's day) shows the last bar's value.
    m_chart->redrawNow();
    const QRectF plot = m_chart->priceChart()->plotArea();
    m_chart->showCrosshairAt(QPoint(int(plot.right()) - 1, int(plot.center().y())));
    const QString expected = u"MA(5) MA5 "_s + QLocale().toString(ma.last().second, 'f', 2);
    QVERIFY2(m_chart->crosshairText().contains(expected), qPrintable(m_chart->crosshairText() + u" / "_s + expected));

    // RATIO: its Infinity dropped, on a scale of its own (about 1.0), so it does not squash the prices.
    QLineSeries* ratio = m_chart->overlaySeries(id, u"RATIO"_s);
    QVERIFY(ratio);
    QTRY_COMPARE(ratio->count(), 19);
    QVERIFY(allFinite(ratio->points()));
    QVERIFY(ratio->pen().color() != colour);
    QVERIFY(m_chart->priceAxis()->min() > 10.0);
    // The overlays never move the time axis: it still spans the trades.
    QVERIFY(m_chart->timeAxis()->min().toMSecsSinceEpoch() - m_chart->axisShiftMs() <= ma.first().first + 30000);
    QVERIFY(m_chart->timeAxis()->max().toMSecsSinceEpoch() - m_chart->axisShiftMs() >= ma.last().first + 30000);
}

void TestIndicatorOverlay::overlayUpdatesRideTheFrameTimer()
{
    startServer();
    m_chart->setSymbol(Moutai);
    int id = -1;
    addMovingAverage(&id);
    QVERIFY(id > 0);
    ticksAlong(m_client->series(id, u"MA5"_s));
    QTRY_VERIFY(m_chart->overlaySeries(id, u"MA5"_s) && m_chart->overlaySeries(id, u"MA5"_s)->count() > 0);
    QSignalSpy replaced(m_chart->overlaySeries(id, u"MA5"_s), &QXYSeries::pointsReplaced);
    QSignalSpy frames(m_chart, &TickChartWidget::frameRendered);
    QSignalSpy pushes(m_client, &QmtFormulaClient::resultReceived);
    // Pushes every 30 ms and trades every few ms: never more than one replace per frame.
    QTimer feeder;
    qint64 seq = 1000;
    const qint64 lastMs = m_history->ticks(Moutai).back().timeMs;
    connect(&feeder, &QTimer::timeout, this, [&] {
        m_history->append({tick(Moutai, lastMs + seq, 1800.0 + double(seq % 5), seq)});
        ++seq;
    });
    feeder.start(3);
    QTRY_VERIFY_WITH_TIMEOUT(pushes.count() >= 8 && frames.count() >= 8, 5000);
    feeder.stop();
    QVERIFY2(replaced.count() <= frames.count(),
             qPrintable(u"%1 replaces in %2 frames"_s.arg(replaced.count()).arg(frames.count())));
}

// Pushes with bare NaN and Infinity in the middle, a line on the price scale and one far off it.
void TestIndicatorOverlay::nonFiniteValuesAndPriceScale()
{
    startServer(true); // no pushes of the simulator's own
    const qint64 t0 = QDateTime(QDate(2026, 11, 24), QTime(10, 0), Shanghai).toMSecsSinceEpoch();
    QList<TradeTick> ticks;
    for (int i = 0; i < 60; ++i)
        ticks.append(tick(Moutai, t0 + i * 60000LL, 1800.0 + (i % 3), i));
    m_history->append(ticks);
    m_chart->setSymbol(Moutai);
    const int id = m_chart->addIndicator(u"BOLL"_s, u"N=20, P=2"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_client->seqId(id) >= 0, 5000);
    QByteArray times, upper, oscillator;
    for (int i = 0; i < 60; ++i) {
        const char* sep = i ? "," : "";
        times += sep + QByteArray::number(t0 + i * 60000LL);
        upper += sep + (i == 10 ? QByteArray("NaN") : i == 20 ? QByteArray("Infinity") : QByteArray("1810.5"));
        oscillator += sep + (i == 30 ? QByteArray("-Infinity") : QByteArray::number(40 + i % 20));
    }
    m_server->injectFrame(u"/ws/formula"_s,
                          R"({"type":"formula_update","formula_name":"BOLL","stock_code":"600519.SH","data":)"
                          R"({"timelist":[)" +
                              times + R"(],"outputs":{"UPPER":[)" + upper + R"(],"OSC":[)" + oscillator + "]}}}");
    QTRY_VERIFY(m_chart->overlaySeries(id, u"UPPER"_s) && m_chart->overlaySeries(id, u"UPPER"_s)->count() > 0);
    QLineSeries* band = m_chart->overlaySeries(id, u"UPPER"_s);
    QCOMPARE(band->count(), 58); // NaN and Infinity dropped
    QVERIFY(allFinite(band->points()));
    QCOMPARE(band->name(), u"BOLL(20,2) UPPER"_s);
    QLineSeries* osc = m_chart->overlaySeries(id, u"OSC"_s);
    QTRY_COMPARE(osc->count(), 59);
    QVERIFY(osc->pen().color() != band->pen().color());
    // The band is within a price span of the trades: the scale shows it. The oscillator is not: it is clipped.
    QVERIFY2(m_chart->priceAxis()->max() >= 1810.5, qPrintable(QString::number(m_chart->priceAxis()->max())));
    QVERIFY2(m_chart->priceAxis()->min() > 1700, qPrintable(QString::number(m_chart->priceAxis()->min())));

    // Twenty pushes at once, each with other values: drawn in the next frame or two, not once per push.
    QSignalSpy replaced(band, &QXYSeries::pointsReplaced);
    QSignalSpy frames(m_chart, &TickChartWidget::frameRendered);
    for (int k = 1; k <= 20; ++k) {
        QByteArray values = upper;
        values.replace("1810.5", QByteArray::number(1811.0 + k * 0.1, 'f', 1));
        m_server->injectFrame(u"/ws/formula"_s,
                              R"({"type":"formula_update","formula_name":"BOLL","stock_code":"600519.SH","data":)"
                              R"({"timelist":[)" +
                                  times + R"(],"outputs":{"UPPER":[)" + values + R"(],"OSC":[)" + oscillator + "]}}}");
    }
    QTRY_COMPARE(band->points().last().y(), 1813.0);
    QVERIFY(frames.count() >= 1);
    QVERIFY2(replaced.count() <= frames.count() && replaced.count() < 20,
             qPrintable(u"%1 replaces in %2 frames"_s.arg(replaced.count()).arg(frames.count())));
}

void TestIndicatorOverlay::removeUnsubscribesWithTheSeqId()
{
    startServer();
    m_chart->setSymbol(Moutai);
    int id = -1;
    addMovingAverage(&id);
    QVERIFY(id > 0);
    ticksAlong(m_client->series(id, u"MA5"_s));
    QTRY_VERIFY(m_chart->overlaySeries(id, u"MA5"_s) && m_chart->overlaySeries(id, u"MA5"_s)->count() > 0);
    const int seqId = m_chart->indicators(Moutai).value(0).seqId;
    QCOMPARE(seqId, m_client->seqId(id));

    // Through the dialog: its list shows the indicator with the server's seq_id and a Remove button.
    IndicatorDialog* dialog = m_chart->openIndicatorDialog();
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->table()->rowCount(), 1);
    QCOMPARE(dialog->table()->item(0, 0)->text(), u"MA(5)"_s);
    QCOMPARE(dialog->table()->item(0, 1)->text(), u"1m"_s);
    QVERIFY2(dialog->table()->item(0, 2)->text().contains(QString::number(seqId)),
             qPrintable(dialog->table()->item(0, 2)->text()));
    QSignalSpy unsubscribed(m_client, &QmtFormulaClient::unsubscribed);
    QSignalSpy serverErrors(m_client, &QmtFormulaClient::serverError);
    const int chartSeries = int(m_chart->priceChart()->series().size());
    QVERIFY(dialog->removeButton(0));
    dialog->removeButton(0)->click();

    QVERIFY(!m_chart->overlaySeries(id, u"MA5"_s));
    QVERIFY(m_chart->overlaySeries().isEmpty());
    QCOMPARE(int(m_chart->priceChart()->series().size()), chartSeries - 2); // MA5 and RATIO
    QVERIFY(m_chart->indicators().isEmpty());
    QCOMPARE(dialog->table()->rowCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(unsubscribed.count(), 1, 5000);
    QCOMPARE(serverErrors.count(), 0);
    bool sawUnsubscribe = false;
    for (const QmtSimServer::RequestRecord& r : m_server->requests()) {
        if (r.path != u"/ws/formula"_s || r.method != "WS")
            continue;
        const QJsonObject message = QJsonDocument::fromJson(r.raw).object();
        if (message.value(u"action"_s).toString() == u"unsubscribe"_s) {
            QCOMPARE(message.value(u"seq_id"_s).toInt(), seqId);
            sawUnsubscribe = true;
        }
    }
    QVERIFY(sawUnsubscribe);
    QTRY_VERIFY(!legendText(m_chart).contains(u"MA5"_s));
}

void TestIndicatorOverlay::otherSymbolsOverlaysAreHidden()
{
    startServer();
    m_chart->setSymbol(Moutai);
    int id = -1;
    addMovingAverage(&id);
    QVERIFY(id > 0);
    ticksAlong(m_client->series(id, u"MA5"_s));
    QTRY_VERIFY(m_chart->overlaySeries(id, u"MA5"_s) && m_chart->overlaySeries(id, u"MA5"_s)->count() > 0);
    QLineSeries* series = m_chart->overlaySeries(id, u"MA5"_s);
    IndicatorDialog* dialog = m_chart->openIndicatorDialog();
    QCOMPARE(dialog->table()->rowCount(), 1);

    m_chart->setSymbol(u"600000.SH"_s);
    QVERIFY(!series->isVisible());
    QCOMPARE(dialog->table()->rowCount(), 0); // the dialog lists the shown symbol's indicators
    QVERIFY(!legendText(m_chart).contains(u"MA5"_s));
    QCOMPARE(m_client->subscriptions(), QList<int>{id}); // still subscribed, for coming back
    QCOMPARE(m_chart->indicators().size(), 1);

    m_chart->setSymbol(Moutai);
    QVERIFY(series->isVisible());
    QCOMPARE(dialog->table()->rowCount(), 1);
    QTRY_VERIFY(legendText(m_chart).contains(u"MA(5) MA5"_s));
}

void TestIndicatorOverlay::serverErrorsAreShown()
{
    startServer();
    m_chart->setSymbol(Moutai);
    int id = -1;
    addMovingAverage(&id);
    QVERIFY(id > 0);
    IndicatorDialog* dialog = m_chart->openIndicatorDialog();
    QSignalSpy shown(m_chart, &TickChartWidget::indicatorErrorShown);
    // An error the bridge sends to no request of ours (its formula engine failing, say).
    m_server->injectFrame(u"/ws/formula"_s, R"({"error":"unknown formula: FOO"})");
    QTRY_COMPARE(shown.count(), 1);
    QVERIFY(m_chart->isErrorShown());
    QVERIFY2(m_chart->headerErrorText().contains(u"unknown formula: FOO"_s), qPrintable(m_chart->headerErrorText()));
    QVERIFY2(dialog->errorText().contains(u"unknown formula: FOO"_s), qPrintable(dialog->errorText()));
    const QLabel* label = m_chart->findChild<QLabel*>(u"tickChartError"_s);
    QVERIFY(label->isVisible());
    QVERIFY(label->palette().color(QPalette::WindowText).red() > 150);
    QVERIFY(label->palette().color(QPalette::WindowText).green() < 80);
    // The header shows it for a few seconds; the dialog and lastError() keep it.
    QTRY_VERIFY_WITH_TIMEOUT(!m_chart->isErrorShown(), TickChartWidget::ErrorShowMs + 3000);
    QVERIFY(m_chart->lastError().contains(u"unknown formula: FOO"_s));
    QVERIFY(dialog->errorText().contains(u"unknown formula: FOO"_s));
}

void TestIndicatorOverlay::refusedSubscriptionIsDropped()
{
    startServer();
    m_chart->setSymbol(Moutai);
    int first = -1;
    addMovingAverage(&first);
    QVERIFY(first > 0);
    // The next subscribe is answered with an error (written before the simulator reads the request, so the client
    // matches it to that request, as it would a real refusal).
    const int second = m_chart->addIndicator(u"FOO"_s, u"N=10"_s);
    QVERIFY(second > 0);
    QCOMPARE(m_chart->indicators(Moutai).size(), 2);
    m_server->injectFrame(u"/ws/formula"_s, R"({"error":"formula FOO not found"})");
    QTRY_COMPARE(m_chart->indicators(Moutai).size(), 1);
    QCOMPARE(m_chart->indicators(Moutai).at(0).id, first);
    QVERIFY(m_chart->isErrorShown());
    QVERIFY2(m_chart->headerErrorText().contains(u"FOO(10) on 600519.SH: formula FOO not found"_s),
             qPrintable(m_chart->headerErrorText()));
    QVERIFY(!m_chart->overlaySeries(second, u"MA10"_s));
}

void TestIndicatorOverlay::badParametersAreShown()
{
    startServer();
    m_chart->setSymbol(Moutai);
    IndicatorDialog* dialog = m_chart->openIndicatorDialog();
    QVERIFY(dialog->addButton()->isEnabled());
    QCOMPARE(dialog->formulaBox()->currentText(), u"MA"_s);
    QCOMPARE(dialog->paramsEdit()->text(), u"N=5"_s);
    QCOMPARE(dialog->periodBox()->currentData().toString(), u"1m"_s);
    dialog->formulaBox()->setCurrentText(u"MACD"_s); // presets follow the formula
    QCOMPARE(dialog->paramsEdit()->text(), u"SHORT=12, LONG=26, M=9"_s);
    dialog->paramsEdit()->setText(u"N=five=5"_s);
    dialog->addButton()->click();
    QVERIFY(m_chart->indicators().isEmpty());
    QVERIFY2(dialog->errorText().contains(u"NAME=value"_s), qPrintable(dialog->errorText()));
    QVERIFY(m_chart->isErrorShown());
    dialog->formulaBox()->setCurrentText(QString());
    QCOMPARE(dialog->add(), -1);
    QVERIFY(!dialog->errorText().isEmpty());
    // And a good one goes through.
    dialog->formulaBox()->setCurrentText(u"MA"_s);
    dialog->paramsEdit()->setText(u"N=10"_s);
    dialog->addButton()->click();
    QCOMPARE(m_chart->indicators(Moutai).size(), 1);
    QVERIFY(dialog->errorText().isEmpty());
    QCOMPARE(m_client->request(m_chart->indicators().at(0).id).params.value(u"N"_s).toInt(), 10);
    QCOMPARE(m_client->request(m_chart->indicators().at(0).id).period, u"1m"_s);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->table()->item(0, 2)->text().contains(u"seq_id"_s), 5000);
}

void TestIndicatorOverlay::quirkModeSubscribesWithoutPoints()
{
    startServer(true);
    m_history->append(tradingDay(Moutai, 2000, 180000));
    m_chart->setSymbol(Moutai);
    const int id = m_chart->addIndicator(u"MA"_s, u"N=5"_s);
    QVERIFY(id > 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_chart->indicators(Moutai).value(0).seqId >= 0, 5000);
    IndicatorDialog* dialog = m_chart->openIndicatorDialog();
    QVERIFY2(dialog->table()->item(0, 2)->text().contains(u"no results"_s),
             qPrintable(dialog->table()->item(0, 2)->text()));
    // Frames go on without overlays.
    QSignalSpy frames(m_chart, &TickChartWidget::frameRendered);
    m_history->append(tradingDay(Moutai, 10, 180000, 9));
    QTRY_VERIFY(frames.count() >= 1);
    QVERIFY(m_chart->overlaySeries().isEmpty());
    QVERIFY(m_chart->priceSeries()->count() > 0);
    QVERIFY(!m_chart->isErrorShown());
    QVERIFY(m_chart->removeIndicator(id));
}

// With $QM_SCREENSHOT_DIR: the chart with MA(5) and MA(20) of 1-minute bars of the day (injected pushes with bare
// NaN, the simulator's own bars being daily), and the dialog.
void TestIndicatorOverlay::screenshots()
{
    const QString dir = qEnvironmentVariable("QM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set QM_SCREENSHOT_DIR to write screenshots");
    startServer(true); // quirk mode: acks without pushes, so only the injected bars are drawn
    UpdateBuffer buffer;
    ReferenceData ref;
    ref.code = Moutai;
    ref.prevClose = Decimal::parse(QByteArrayView("1795.00"));
    buffer.addReference(ref);
    m_store->applyBatch(buffer.take());
    const QList<TradeTick> day = tradingDay(Moutai, 100000, 180000);
    m_history->append(day);
    m_chart->resize(1100, 560);
    m_chart->setSymbol(Moutai);
    const int ma5 = m_chart->addIndicator(u"MA"_s, u"N=5"_s);
    const int ma20 = m_chart->addIndicator(u"MA"_s, u"N=20"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_client->seqId(ma5) >= 0 && m_client->seqId(ma20) >= 0, 5000);

    // 1-minute closes (bar start times), then the moving averages with NaN before each has N bars.
    QList<qint64> times;
    QList<double> closes;
    for (const TradeTick& t : day) {
        const qint64 minute = t.timeMs / 60000 * 60000;
        if (times.isEmpty() || times.last() != minute) {
            times.append(minute);
            closes.append(0);
        }
        closes.last() = t.price.toDouble();
    }
    const auto push = [&](int id, int n) {
        QByteArray timeList, values;
        for (qsizetype i = 0; i < times.size(); ++i) {
            const char* sep = i ? "," : "";
            timeList += sep + QByteArray::number(times.at(i));
            if (i + 1 < n) {
                values += sep + QByteArray("NaN");
                continue;
            }
            double sum = 0;
            for (qsizetype k = i + 1 - n; k <= i; ++k)
                sum += closes.at(k);
            values += sep + QByteArray::number(sum / n, 'f', 4);
        }
        m_server->injectFrame(u"/ws/formula"_s,
                              R"({"type":"formula_update","formula_name":"MA","stock_code":"600519.SH","seq_id":)" +
                                  QByteArray::number(m_client->seqId(id)) + R"(,"data":{"timelist":[)" + timeList +
                                  R"(],"outputs":{"MA)" + QByteArray::number(n) + R"(":[)" + values + "]}}}");
    };
    push(ma5, 5);
    push(ma20, 20);
    QTRY_VERIFY(m_chart->overlaySeries(ma5, u"MA5"_s) && m_chart->overlaySeries(ma20, u"MA20"_s));
    m_chart->redrawNow();
    QVERIFY(m_chart->overlaySeries(ma5, u"MA5"_s)->count() > 100);
    // The header row lays out for the longer legend in the event loop.
    const QLabel* legend = m_chart->findChild<QLabel*>(u"tickChartOverlayLegend"_s);
    QVERIFY(legend->text().contains(u"MA(20) MA20"_s));
    QTRY_VERIFY(legend->width() >= legend->sizeHint().width());
    const QRectF plot = m_chart->priceChart()->plotArea();
    m_chart->showCrosshairAt(QPoint(int(plot.left() + plot.width() * 0.62), int(plot.top() + plot.height() * 0.3)));
    QVERIFY(m_chart->crosshairText().contains(u"MA(20) MA20"_s));
    QVERIFY(m_chart->grab().save(dir + u"/tickchart-indicators-600519_SH.png"_s));
    m_chart->hideCrosshair();
    IndicatorDialog* dialog = m_chart->openIndicatorDialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(dialog->grab().save(dir + u"/indicator-dialog.png"_s));
    m_server->injectFrame(u"/ws/formula"_s, R"({"error":"unknown formula: FOO"})");
    QTRY_VERIFY(m_chart->isErrorShown());
    QVERIFY(m_chart->grab().save(dir + u"/tickchart-indicators-error.png"_s));
    m_chart->resize(560, 420); // a narrow dock: the error and the indicators' legend share the header row
    QTRY_VERIFY(m_chart->findChild<QLabel*>(u"tickChartError"_s)->width() < 300);
    m_chart->redrawNow();
    QVERIFY(m_chart->grab().save(dir + u"/tickchart-indicators-narrow.png"_s));
}

int main(int argc, char* argv[])
{
    // A local zone unlike the exchange's, so overlay times go through the same exchange-time shift as the trades.
    qputenv("TZ", "America/New_York");
    QApplication app(argc, argv);
    TestIndicatorOverlay test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_indicatoroverlay.moc"
