#pragma once

#include "BenchUtil.h"

// GUI modes of quotebench. Each builds the real application objects (MonitorSession with its AllTick feed on the
// feed thread, MainWindow with a watchlist sorted by change %), shown on the current platform (offscreen for
// measurements), and feeds it from a FloodServer on its own thread over 127.0.0.1.

struct GuiOptions
{
    int symbols = 1000;
    double rate = 100000; // ticks/s over all symbols
    int durationMs = 10000;
    int warmupMs = 2000;
};
// Event-loop lateness (1 ms probe timer), tick-to-paint (receive stamp to the end of the paint that shows the row),
// GUI-thread CPU.
Bench::Section runGuiBench(const GuiOptions& options);

struct WholeMarketOptions
{
    int symbols = 5000;
    int snapshots = 20;
};
// GUI-thread time to apply full snapshots of every symbol to a sorted watchlist of that many rows, the repaint and
// the re-sort; and whether rows hold still while the scroll bar is held.
Bench::Section runWholeMarketBench(const WholeMarketOptions& options);

struct MemoryOptions
{
    int symbols = 5000;
    double rate = 20000;
    double minutes = 10;
    int sampleMs = 10000;
    int chartBuffers = 10;
};
// RSS over time under a steady flood; growth over the last half of the run.
Bench::Section runMemoryBench(const MemoryOptions& options);
