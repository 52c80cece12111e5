#pragma once

#include "BenchUtil.h"

// Tick chart mode of quotebench: the real TickChartWidget (on the current platform, offscreen for measurements)
// holding a full trading day of one symbol, a few new trades before every frame, each frame rebuilt and painted.
struct ChartOptions
{
    int ticks = 100000;         // trades of the day held for the charted symbol
    int frames = 200;           // measured frames, decimated
    int undecimatedFrames = 20; // measured frames with every trade a point, for comparison
    int tradesPerFrame = 10;    // new trades appended before each frame
    int width = 1200;           // widget size, px
    int height = 480;
};
// Per frame: series rebuild (decimation + one replace() per series), paint of the whole widget (render() into one
// reused pixmap), and the sum; the same with every trade a point for comparison.
Bench::Section runChartBench(const ChartOptions& options);
