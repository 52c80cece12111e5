#include "QuoteFeed.h"

QuoteFeed::QuoteFeed(UpdateBuffer* sink, QObject* parent)
    : QObject(parent)
    , m_sink(sink)
{
    qRegisterMetaType<ConnectionStats>();
    qRegisterMetaType<QList<ConnectionStats>>();
}
