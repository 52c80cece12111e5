#pragma once

#include <QRandomGenerator>

// Reconnect delays: exponential from a minimum (AllTick: 3 s paid, 10 s free) doubling to a cap, with jitter
// clamped so the vendor's minimum spacing is never undercut and the cap never exceeded.
class Backoff
{
public:
    struct Params
    {
        int minMs = 3000;
        int maxMs = 30000;
        double jitter = 0.25; // spread of +-12.5% around each step
    };

    Backoff();
    explicit Backoff(const Params& params, quint32 seed = 0);

    // Delay before the next attempt; each call doubles the base until it reaches the cap.
    int nextDelayMs();
    // Jump straight to the cap (after 606 "connection will be closed" or a 401).
    void penalize() { m_attempt = m_maxStep; }
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }
    const Params& params() const { return m_params; }
    void setParams(const Params& params);

private:
    Params m_params;
    QRandomGenerator m_random;
    int m_attempt = 0;
    int m_maxStep = 0;
};
