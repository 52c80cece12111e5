#include "MarketHours.h"

#include <QDateTime>

namespace {
bool within(const QTime& t, int fromH, int fromM, int toH, int toM)
{
    return t >= QTime(fromH, fromM) && t < QTime(toH, toM);
}
} // namespace

bool MarketHours::isOpen(Market market, qint64 utcMs)
{
    if (market == Market::Crypto || market == Market::Unknown)
        return true;
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(utcMs, Markets::timeZone(market));
    const int day = local.date().dayOfWeek(); // 1 = Monday
    const QTime t = local.time();
    switch (market) {
    case Market::SH:
    case Market::SZ:
    case Market::BJ:
    case Market::Index:
        return day <= 5 && (within(t, 9, 30, 11, 30) || within(t, 13, 0, 15, 0));
    case Market::HK:
        return day <= 5 && (within(t, 9, 30, 12, 0) || within(t, 13, 0, 16, 0));
    case Market::US:
        return day <= 5 && within(t, 9, 30, 16, 0);
    case Market::Forex:
    case Market::Metal:
    case Market::Energy: {
        const QDateTime ny = QDateTime::fromMSecsSinceEpoch(utcMs, Markets::timeZone(Market::US));
        const int d = ny.date().dayOfWeek();
        const bool afterOpen = ny.time() >= QTime(17, 0);
        if (d == 6)
            return false;
        if (d == 7)
            return afterOpen;
        if (d == 5)
            return !afterOpen;
        return true;
    }
    case Market::Crypto:
    case Market::Unknown:
        return true;
    }
    return true;
}
