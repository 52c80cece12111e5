#include "Backoff.h"

#include <QtMath>

Backoff::Backoff()
    : Backoff(Params())
{}

Backoff::Backoff(const Params& params, quint32 seed)
    : m_random(seed ? seed : QRandomGenerator::global()->generate())
{
    setParams(params);
}

void Backoff::setParams(const Params& params)
{
    m_params = params;
    m_params.minMs = qMax(0, m_params.minMs);
    m_params.maxMs = qMax(m_params.minMs, m_params.maxMs);
    // Number of doublings from min to max.
    m_maxStep = 0;
    qint64 step = qMax(1, m_params.minMs);
    while (step < m_params.maxMs && m_maxStep < 30) {
        step *= 2;
        ++m_maxStep;
    }
}

int Backoff::nextDelayMs()
{
    const qint64 base = qMin<qint64>(qint64(m_params.minMs) << qMin(m_attempt, 30), m_params.maxMs);
    if (m_attempt < m_maxStep)
        ++m_attempt;
    // Spread of +-jitter/2 around the step, clamped so it never undercuts the minimum nor exceeds the cap.
    const double spread = base * m_params.jitter * (m_random.generateDouble() - 0.5);
    return int(qBound<qint64>(qint64(m_params.minMs), base + qint64(spread), qint64(m_params.maxMs)));
}
