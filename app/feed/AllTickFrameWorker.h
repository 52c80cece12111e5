#pragma once

#include "protocol/AllTickCodec.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QWaitCondition>

#include <atomic>
#include <functional>

class QThread;
class UpdateBuffer;

// Decodes one AllTick connection's text frames on a thread of its own, so the socket thread only receives.
// post() encodes a frame to UTF-8 into a staging buffer that only the producer touches (no lock; the QString is
// released at once on the thread that allocated it); flush() hands the staged frames to the queue under one lock and
// wakes the worker only when the queue was empty. The producer flushes once per burst of frames (the connection does
// it when its event loop comes back from reading the socket) and post() itself every StageLimit frames, so a worker
// that keeps up is woken once per burst, not once per frame (a futex wake per frame cost the socket thread half as
// much again as Qt's own frame handling). The worker takes the whole queue at once, decodes it in arrival order, keeps
// the pushes of the current symbols and merges them into the UpdateBuffer under one lock per batch. Responses go to the
// handler, called on the worker thread (the connection forwards them to its own thread). The queue is bounded: when the
// decoder falls behind, post() waits, so the socket stops reading and TCP slows the server down instead of memory
// growing. The destructor stops and joins the thread promptly; frames not yet decoded are dropped.
class AllTickFrameWorker
{
public:
    using ResponseHandler = std::function<void(const AllTick::Message&)>;

    AllTickFrameWorker(UpdateBuffer* sink, ResponseHandler onResponse, int maxPending = 8192);
    ~AllTickFrameWorker();
    AllTickFrameWorker(const AllTickFrameWorker&) = delete;
    AllTickFrameWorker& operator=(const AllTickFrameWorker&) = delete;

    static constexpr qsizetype StageLimit = 256;

    // Producer side (the socket thread).
    void post(const QString& frame);
    // Hands the frames posted so far to the decoding thread.
    void flush();
    bool hasStaged() const { return !m_stagedEnds.isEmpty(); }
    // Pushes for other codes are dropped. Applies to frames decoded after the call.
    void setSymbols(const QSet<QString>& codes);
    // Flushes, then blocks until every frame posted so far is decoded and merged, and its responses handed to the
    // handler. Producer side.
    void waitUntilIdle();

    // Any thread.
    quint64 decoded() const { return m_decoded.load(std::memory_order_relaxed); }
    quint64 malformed() const { return m_malformed.load(std::memory_order_relaxed); }

private:
    void run();
    void decodeBatch(const QByteArray& bytes, const QList<qsizetype>& ends, qint64 receivedNs);

    UpdateBuffer* m_sink;
    ResponseHandler m_onResponse;
    const qsizetype m_maxPending;

    // Producer only.
    QByteArray m_staged;
    QList<qsizetype> m_stagedEnds;
    qint64 m_stagedSinceNs = 0;

    // Shared with the producer, under m_mutex.
    QMutex m_mutex;
    QWaitCondition m_framesQueued;
    QWaitCondition m_spaceFreed;
    QWaitCondition m_idle;
    QByteArray m_pending;           // UTF-8 frames back to back
    QList<qsizetype> m_pendingEnds; // where each frame in m_pending ends
    qint64 m_pendingSinceNs = 0;    // when the oldest queued frame arrived
    QSet<QString> m_newSymbols;
    bool m_symbolsChanged = false;
    bool m_producerWaiting = false;
    bool m_busy = false; // decoding a batch taken from m_pending
    bool m_stopping = false;

    // Worker thread only.
    AllTick::Decoder m_decoder;
    QSet<QString> m_symbols;
    QList<TradeTick> m_trades;
    QList<BookSnapshot> m_books;

    std::atomic<bool> m_abort{false}; // set by the destructor: the batch in hand is dropped too
    std::atomic<quint64> m_decoded{0};
    std::atomic<quint64> m_malformed{0};
    QThread* m_thread;
};
