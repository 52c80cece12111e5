#include "AllTickFrameWorker.h"

#include "UpdateBuffer.h"

#include <QMutexLocker>
#include <QStringEncoder>
#include <QThread>

using namespace Qt::StringLiterals;

namespace {
constexpr qsizetype MaxMergeSize = 1024;
constexpr qsizetype MaxPendingBytes = 64 * 1024 * 1024;
} // namespace

AllTickFrameWorker::AllTickFrameWorker(UpdateBuffer* sink, ResponseHandler onResponse, int maxPending)
    : m_sink(sink)
    , m_onResponse(std::move(onResponse))
    , m_maxPending(qMax(1, maxPending))
    , m_thread(QThread::create([this] { run(); }))
{
    m_thread->setObjectName(u"alltick-decode"_s);
    m_thread->start();
}

AllTickFrameWorker::~AllTickFrameWorker()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_pending.clear();
        m_pendingEnds.clear();
    }
    m_abort.store(true, std::memory_order_relaxed);
    m_framesQueued.wakeAll();
    m_spaceFreed.wakeAll();
    m_idle.wakeAll();
    m_thread->wait();
    delete m_thread;
}

void AllTickFrameWorker::post(const QString& frame)
{
    if (m_stagedEnds.isEmpty())
        m_stagedSinceNs = UpdateBuffer::monotonicNowNs();
    // Straight into the staging buffer: ASCII, the usual case, is a vectorised narrowing.
    QStringEncoder encoder(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless);
    const qsizetype begin = m_staged.size();
    m_staged.resize(begin + encoder.requiredSpace(frame.size()));
    char* end = encoder.appendToBuffer(m_staged.data() + begin, frame);
    m_staged.resize(end - m_staged.constData());
    m_stagedEnds.append(m_staged.size());
    if (m_stagedEnds.size() >= StageLimit)
        flush();
}

void AllTickFrameWorker::flush()
{
    if (m_stagedEnds.isEmpty())
        return;
    bool wasEmpty = false;
    {
        QMutexLocker lock(&m_mutex);
        while ((m_pendingEnds.size() >= m_maxPending || m_pending.size() >= MaxPendingBytes) && !m_stopping) {
            m_producerWaiting = true;
            m_spaceFreed.wait(&m_mutex);
        }
        wasEmpty = m_pendingEnds.isEmpty();
        if (wasEmpty) {
            // The emptied queue buffers come back to the producer, capacity kept.
            m_pendingSinceNs = m_stagedSinceNs;
            m_pending.swap(m_staged);
            m_pendingEnds.swap(m_stagedEnds);
        } else {
            const qsizetype base = m_pending.size();
            m_pending.append(m_staged);
            for (const qsizetype end : std::as_const(m_stagedEnds))
                m_pendingEnds.append(base + end);
        }
    }
    m_staged.resize(0);
    m_stagedEnds.resize(0);
    if (wasEmpty)
        m_framesQueued.wakeOne();
}

void AllTickFrameWorker::setSymbols(const QSet<QString>& codes)
{
    QMutexLocker lock(&m_mutex);
    m_newSymbols = codes;
    m_symbolsChanged = true;
}

void AllTickFrameWorker::waitUntilIdle()
{
    flush();
    QMutexLocker lock(&m_mutex);
    while ((m_busy || !m_pendingEnds.isEmpty()) && !m_stopping)
        m_idle.wait(&m_mutex);
}

void AllTickFrameWorker::run()
{
    QByteArray bytes;
    QList<qsizetype> ends;
    for (;;) {
        qint64 receivedNs = 0;
        {
            QMutexLocker lock(&m_mutex);
            while (m_pendingEnds.isEmpty() && !m_stopping)
                m_framesQueued.wait(&m_mutex);
            if (m_stopping)
                return;
            // The emptied buffers go back to the producer, capacity kept.
            bytes.swap(m_pending);
            ends.swap(m_pendingEnds);
            m_busy = true;
            receivedNs = m_pendingSinceNs;
            if (m_symbolsChanged) {
                m_symbols.swap(m_newSymbols);
                m_newSymbols.clear();
                m_symbolsChanged = false;
            }
            if (m_producerWaiting) {
                m_producerWaiting = false;
                m_spaceFreed.wakeAll();
            }
        }
        decodeBatch(bytes, ends, receivedNs);
        bytes.resize(0);
        ends.resize(0);
        QMutexLocker lock(&m_mutex);
        m_busy = false;
        if (m_pendingEnds.isEmpty())
            m_idle.wakeAll();
    }
}

void AllTickFrameWorker::decodeBatch(const QByteArray& bytes, const QList<qsizetype>& ends, qint64 receivedNs)
{
    quint64 malformed = 0;
    const auto flush = [&] {
        m_sink->addBatch(m_trades, m_books, receivedNs);
        m_trades.clear();
        m_books.clear();
    };
    qsizetype begin = 0;
    for (const qsizetype end : ends) {
        if (m_abort.load(std::memory_order_relaxed))
            return;
        AllTick::Message message = m_decoder.decode(QByteArrayView(bytes.constData() + begin, end - begin));
        begin = end;
        switch (message.kind) {
        case AllTick::Message::Kind::Trade:
            if (m_symbols.contains(message.trade.code))
                m_trades.append(std::move(message.trade));
            break;
        case AllTick::Message::Kind::Depth:
            if (m_symbols.contains(message.book.code))
                m_books.append(std::move(message.book));
            break;
        case AllTick::Message::Kind::Response:
            m_onResponse(message);
            break;
        case AllTick::Message::Kind::Unknown:
            break;
        case AllTick::Message::Kind::Malformed:
            // Counted and dropped; the connection stays up.
            ++malformed;
            break;
        }
        // Bounded merges keep the buffer's lock short for the consumer.
        if (m_trades.size() + m_books.size() >= MaxMergeSize)
            flush();
    }
    flush();
    if (malformed > 0)
        m_malformed.fetch_add(malformed, std::memory_order_relaxed);
    m_decoded.fetch_add(quint64(ends.size()), std::memory_order_relaxed);
}
