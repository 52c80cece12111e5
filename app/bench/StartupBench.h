#pragma once

#include "BenchUtil.h"

// Launches the real quotemonitor binary (next to quotebench) on the offscreen platform with the built-in simulator
// and a fresh configuration directory, and measures from process start to its "first-quote-painted" report
// (QM_REPORT_FIRST_PAINT=1 makes it print that line once, when the watchlist first paints a simulated quote).
struct StartupOptions
{
    int launches = 3;
    int timeoutMs = 15000;
};

Bench::Section runStartupBench(const StartupOptions& options);
