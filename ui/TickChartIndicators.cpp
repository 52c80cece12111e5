// TickChartWidget, part two: indicator overlays from QMT Bridge formula subscriptions (see the header). Split from
// TickChartWidget.cpp, which draws the price, average, previous-close and volume series.
#include "TickChartWidget.h"

#include "IndicatorDialog.h"
#include "feed/QmtFormulaClient.h"

#include <QChart>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QRegularExpression>
#include <QTimer>
#include <QToolButton>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
// Indicator lines: hues away from the up/down red and green, the no-reference blue, the amber average and the grey
// previous close.
const QColor OverlayColours[] = {QColor(0x8e, 0x44, 0xad), QColor(0x00, 0x97, 0xa7), QColor(0xd0, 0x1c, 0x8b),
                                 QColor(0x6d, 0x4c, 0x1f), QColor(0x26, 0x2b, 0x33), QColor(0x82, 0x8a, 0x00)};
} // namespace

// ----- indicators (QMT Bridge formulas)

QString TickChartWidget::Indicator::label() const
{
    QStringList values;
    for (const auto& p : params)
        values << p.second.toString();
    return values.isEmpty() ? formula : u"%1(%2)"_s.arg(formula, values.join(u','));
}

QStringList TickChartWidget::formulaNames()
{
    return {u"MA"_s, u"EMA"_s, u"MACD"_s, u"BOLL"_s, u"KDJ"_s, u"RSI"_s};
}

QString TickChartWidget::defaultParams(const QString& formula)
{
    const QString name = formula.trimmed().toUpper();
    if (name == u"MA"_s)
        return u"N=5"_s;
    if (name == u"EMA"_s)
        return u"N=12"_s;
    if (name == u"MACD"_s)
        return u"SHORT=12, LONG=26, M=9"_s;
    if (name == u"BOLL"_s)
        return u"N=20, P=2"_s;
    if (name == u"KDJ"_s)
        return u"N=9, M1=3, M2=3"_s;
    if (name == u"RSI"_s)
        return u"N1=6, N2=12, N3=24"_s;
    return QString();
}

int TickChartWidget::defaultCount(const QString& period)
{
    // Enough bars for the day on the chart and the formula's warm-up, without asking the bridge for all history.
    if (period == u"1m"_s)
        return 480; // two sessions of 240 minutes
    if (period == u"5m"_s)
        return 96;
    return 250; // a year of days
}

QList<std::pair<QString, QVariant>> TickChartWidget::parseParams(const QString& text, QString* error)
{
    QList<std::pair<QString, QVariant>> out;
    static const QRegularExpression separators(u"[,;\\s]+"_s);
    static const QRegularExpression name(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    // "N = 5" is one parameter: spaces around '=' are dropped before splitting.
    QString normalized = text;
    normalized.replace(QRegularExpression(u"\\s*=\\s*"_s), u"="_s);
    const QStringList parts = normalized.split(separators, Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        const qsizetype eq = part.indexOf(u'=');
        const QString key = eq > 0 ? part.left(eq) : QString();
        const QString value = eq > 0 ? part.mid(eq + 1) : QString();
        if (!name.match(key).hasMatch() || value.isEmpty() || value.contains(u'=')) {
            if (error)
                *error = tr("Write parameters as NAME=value, for example N=5 (not understood: \"%1\")").arg(part);
            return {};
        }
        bool ok = false;
        const int i = value.toInt(&ok);
        if (ok) {
            out.append({key, i});
            continue;
        }
        const double d = value.toDouble(&ok);
        if (ok && std::isfinite(d))
            out.append({key, d});
        else
            out.append({key, value});
    }
    if (error)
        error->clear();
    return out;
}

void TickChartWidget::setFormulaClient(QmtFormulaClient* client)
{
    if (client == m_formulaClient)
        return;
    if (m_formulaClient) {
        disconnect(m_formulaClient, nullptr, this, nullptr);
        for (auto it = m_indicators.cbegin(); it != m_indicators.cend(); ++it)
            m_formulaClient->unsubscribe(it.key());
    }
    const QList<int> ids = m_indicators.keys();
    for (int id : ids)
        dropIndicator(id);
    m_formulaClient = client;
    if (client) {
        connect(client, &QmtFormulaClient::subscribed, this, &TickChartWidget::onFormulaSubscribed);
        connect(client, &QmtFormulaClient::resultReceived, this,
                [this](int id, const QmtFormulaClient::Result&) { onFormulaResult(id); });
        connect(client, &QmtFormulaClient::serverError, this, &TickChartWidget::onFormulaServerError);
        connect(client, &QmtFormulaClient::errorOccurred, this, &TickChartWidget::onFormulaConnectionError);
        connect(client, &QObject::destroyed, this, [this] {
            const QList<int> gone = m_indicators.keys();
            for (int id : gone)
                dropIndicator(id);
            updateIndicatorButton();
            Q_EMIT indicatorsChanged();
        });
    }
    updateIndicatorButton();
    updateLegend();
    scheduleFrame();
    Q_EMIT indicatorsChanged();
}

int TickChartWidget::addIndicator(const QString& formula, const QString& params, const QString& period, int count)
{
    const QString name = formula.trimmed();
    QString error;
    if (!m_formulaClient) {
        error = tr("Indicators need a QMT Bridge.");
    } else if (m_symbol.isEmpty()) {
        error = tr("Select a symbol first.");
    } else if (name.isEmpty()) {
        error = tr("Enter a formula name, for example MA.");
    }
    QList<std::pair<QString, QVariant>> parsed;
    if (error.isEmpty())
        parsed = parseParams(params, &error);
    if (!error.isEmpty()) {
        showIndicatorError(error);
        return -1;
    }
    QmtFormulaClient::Request request;
    request.formulaName = name;
    request.code = m_symbol;
    request.period = period.isEmpty() ? u"1m"_s : period;
    request.count = count > 0 ? count : defaultCount(request.period);
    for (const auto& p : parsed)
        request.params.insert(p.first, p.second);
    const int id = m_formulaClient->subscribe(request);
    IndicatorEntry entry;
    entry.info.id = id;
    entry.info.code = m_symbol;
    entry.info.formula = name;
    entry.info.params = parsed;
    entry.info.period = request.period;
    entry.info.count = request.count;
    entry.info.seqId = m_formulaClient->seqId(id);
    m_indicators.insert(id, entry);
    Q_EMIT indicatorsChanged();
    return id;
}

bool TickChartWidget::removeIndicator(int id)
{
    if (!m_indicators.contains(id))
        return false;
    if (m_formulaClient)
        m_formulaClient->unsubscribe(id); // with the server's seq_id, or as soon as the bridge acknowledges
    dropIndicator(id);
    updateLegend();
    Q_EMIT indicatorsChanged();
    return true;
}

QList<TickChartWidget::Indicator> TickChartWidget::indicators(const QString& code) const
{
    QList<Indicator> out;
    for (const IndicatorEntry& entry : m_indicators) {
        if (code.isEmpty() || entry.info.code == code)
            out.append(entry.info);
    }
    return out;
}

QLineSeries* TickChartWidget::overlaySeries(int id, const QString& output) const
{
    const auto it = m_indicators.constFind(id);
    if (it == m_indicators.cend())
        return nullptr;
    for (const Overlay& overlay : it->overlays) {
        if (overlay.output == output)
            return overlay.series;
    }
    return nullptr;
}

QList<QLineSeries*> TickChartWidget::overlaySeries() const
{
    QList<QLineSeries*> out;
    for (const IndicatorEntry& entry : m_indicators) {
        for (const Overlay& overlay : entry.overlays)
            out.append(overlay.series);
    }
    return out;
}

bool TickChartWidget::isErrorShown() const
{
    return !m_errorLabel->isHidden();
}

QString TickChartWidget::headerErrorText() const
{
    return isErrorShown() ? m_errorLabel->text() : QString();
}

IndicatorDialog* TickChartWidget::openIndicatorDialog()
{
    if (!m_indicatorDialog)
        m_indicatorDialog = new IndicatorDialog(this, this);
    m_indicatorDialog->show();
    m_indicatorDialog->raise();
    m_indicatorDialog->activateWindow();
    return m_indicatorDialog;
}

void TickChartWidget::onFormulaSubscribed(int id, int seqId)
{
    const auto it = m_indicators.find(id);
    if (it == m_indicators.end())
        return;
    it->info.seqId = seqId; // also after a reconnect, which subscribes again with new seq_ids
    Q_EMIT indicatorsChanged();
}

void TickChartWidget::onFormulaResult(int id)
{
    const auto it = m_indicators.find(id);
    if (it == m_indicators.end() || !m_formulaClient)
        return;
    const QmtFormulaClient::Result result = m_formulaClient->result(id);
    const QStringList outputs = result.outputs.keys();
    bool changed = !it->info.hasResult || it->info.outputs != outputs;
    it->info.hasResult = true;
    it->info.outputs = outputs;
    for (const QString& output : outputs) {
        if (overlaySeries(id, output))
            continue;
        // A line per output, on the price axes; it gets its points in the next frame.
        auto* series = new QLineSeries;
        series->setName(it->info.label() + u' ' + output);
        series->setPen(QPen(nextOverlayColour(it->info.code), 1));
        m_priceChart->addSeries(series);
        series->attachAxis(m_priceTime);
        series->attachAxis(m_priceAxis);
        series->setVisible(it->info.code == m_symbol);
        it->overlays.append(Overlay{output, series, {}});
        changed = true;
    }
    if (it->info.code == m_symbol)
        scheduleFrame();
    if (changed)
        Q_EMIT indicatorsChanged();
}

void TickChartWidget::onFormulaServerError(const QString& message, int id)
{
    const auto it = m_indicators.find(id);
    if (it == m_indicators.end()) {
        // An error to no request of ours that is still listed (a late unsubscribe reply, or unmatched): still shown.
        showIndicatorError(tr("QMT Bridge: %1").arg(message));
        return;
    }
    const QString text = tr("%1 on %2: %3").arg(it->info.label(), it->info.code, message);
    if (m_formulaClient && !m_formulaClient->subscriptions().contains(id)) {
        // The bridge refused the subscription: the client dropped it, so does the list.
        dropIndicator(id);
        updateLegend();
        Q_EMIT indicatorsChanged();
    }
    showIndicatorError(text);
}

void TickChartWidget::onFormulaConnectionError(const QString& message)
{
    if (!m_indicators.isEmpty())
        showIndicatorError(message);
}

void TickChartWidget::dropIndicator(int id)
{
    const auto it = m_indicators.find(id);
    if (it == m_indicators.end())
        return;
    for (const Overlay& overlay : std::as_const(it->overlays)) {
        m_priceChart->removeSeries(overlay.series);
        delete overlay.series;
    }
    m_indicators.erase(it);
}

void TickChartWidget::showIndicatorError(const QString& message)
{
    m_lastError = message;
    m_errorLabel->setText(message);
    m_errorLabel->setToolTip(message);
    m_errorLabel->show();
    m_errorTimer.start(ErrorShowMs);
    Q_EMIT indicatorErrorShown(message);
}

void TickChartWidget::updateIndicatorButton()
{
    m_indicatorButton->setText(tr("Indicators…"));
    m_indicatorButton->setEnabled(m_formulaClient != nullptr);
    m_indicatorButton->setToolTip(m_formulaClient
                                      ? tr("Add formula indicators such as MA(5) to this chart (QMT Bridge)")
                                      : tr("Indicators need a QMT Bridge: start with --qmt ws://HOST:8000"));
}

void TickChartWidget::updateOverlayVisibility()
{
    for (const IndicatorEntry& entry : std::as_const(m_indicators)) {
        const bool shown = entry.info.code == m_symbol;
        for (const Overlay& overlay : entry.overlays) {
            if (overlay.series->isVisible() != shown)
                overlay.series->setVisible(shown);
        }
    }
    updateLegend();
}

QColor TickChartWidget::nextOverlayColour(const QString& code) const
{
    QList<QColor> used;
    int lines = 0;
    for (const IndicatorEntry& entry : m_indicators) {
        if (entry.info.code != code)
            continue;
        for (const Overlay& overlay : entry.overlays) {
            used.append(overlay.series->pen().color());
            ++lines;
        }
    }
    for (const QColor& colour : OverlayColours) {
        if (!used.contains(colour))
            return colour;
    }
    return OverlayColours[lines % int(std::size(OverlayColours))];
}

void TickChartWidget::prepareOverlays(double xLo, double xHi, double shift, double* lo, double* hi)
{
    const double band = std::max(*hi - *lo, std::abs(*hi) * 0.01);
    double extLo = *lo;
    double extHi = *hi;
    for (IndicatorEntry& entry : m_indicators) {
        if (entry.info.code != m_symbol)
            continue;
        for (Overlay& overlay : entry.overlays) {
            overlay.points.clear();
            if (!m_formulaClient)
                continue;
            const QmtFormulaClient::Series values = m_formulaClient->series(entry.info.id, overlay.output);
            // The points inside [xLo, xHi], with the last one before and the first one after, so the line runs to
            // the plot's edges (or across it between two bars that straddle it). NaN and infinities are dropped.
            QPointF before;
            bool hasBefore = false;
            double vLo = std::numeric_limits<double>::max();
            double vHi = std::numeric_limits<double>::lowest();
            for (const auto& [timeMs, value] : values) {
                if (timeMs <= 0 || !std::isfinite(value))
                    continue;
                const QPointF p(double(timeMs) + shift, value);
                if (p.x() < xLo) {
                    before = p;
                    hasBefore = true;
                    continue;
                }
                if (hasBefore) {
                    overlay.points.append(before);
                    hasBefore = false;
                }
                overlay.points.append(p);
                if (p.x() > xHi)
                    break;
                vLo = std::min(vLo, value);
                vHi = std::max(vHi, value);
            }
            // Price-like lines (within one price span of the prices) widen the scale; others are just clipped.
            if (vLo <= vHi && vLo >= *lo - band && vHi <= *hi + band) {
                extLo = std::min(extLo, vLo);
                extHi = std::max(extHi, vHi);
            }
        }
    }
    *lo = extLo;
    *hi = extHi;
}

void TickChartWidget::drawOverlays(double xLo, double xHi, int columns)
{
    for (IndicatorEntry& entry : m_indicators) {
        if (entry.info.code != m_symbol)
            continue;
        for (Overlay& overlay : entry.overlays) {
            const QList<QPointF> points = overlay.points.size() > 2 * qsizetype(columns) + 2
                                              ? TickHistory::decimate(overlay.points, xLo, xHi, columns)
                                              : overlay.points;
            if (overlay.series->points() != points)
                overlay.series->replace(points);
            overlay.points.clear();
        }
    }
}
