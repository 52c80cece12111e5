#pragma once

#include "BenchUtil.h"

// Raw frame receive rate (a QWebSocket client that only counts) against the real pipeline (AllTickConnection on its
// own thread decoding with simdjson into the UpdateBuffer, QuoteStore draining it on this thread every 16 ms), fed
// by the same flooding server in the same run, in alternating rounds.
struct IngestOptions
{
    int symbols = 1000;
    int rounds = 3;
    int durationMs = 3000; // measured window per client per round
    int warmupMs = 500;
};

Bench::Section runIngestBench(const IngestOptions& options);
