#pragma once

#include "SymbolCatalog.h"

#include <QtGlobal>

// Regular trading sessions, so staleness never raises a false alarm over lunch, after the close or at weekends.
// Holidays are not known: on an exchange holiday a row may grey out during what would be session hours.
namespace MarketHours {
// True while `market` is in a regular session at `utcMs` (ms since the epoch):
// A-shares 09:30-11:30 and 13:00-15:00 Asia/Shanghai; HK 09:30-12:00 and 13:00-16:00 Asia/Hong_Kong;
// US 09:30-16:00 America/New_York; all Monday to Friday. Crypto always; forex, metals and energy from Sunday 17:00
// to Friday 17:00 New York time. Unknown markets count as open.
bool isOpen(Market market, qint64 utcMs);
} // namespace MarketHours
