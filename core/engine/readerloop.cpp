#include "core/engine/readerloop.h"

namespace flowdeck {

ReaderLoop::ReaderLoop(Source &source, const FilterSet &filters, const Mapper &mapper, RunMetrics &metrics,
                       BoundedQueue<WorkItem> &queue, Settings settings, const std::atomic<bool> &stopRequested,
                       const std::atomic<bool> &writerDone)
    : m_source(source)
    , m_filters(filters)
    , m_mapper(mapper)
    , m_metrics(metrics)
    , m_queue(queue)
    , m_settings(std::move(settings))
    , m_stopRequested(stopRequested)
    , m_writerDone(writerDone)
{
    m_in.reserve(m_settings.batchRows);
}

void ReaderLoop::run()
{
    for (;;) {
        // Set once the writer stopped taking batches (a bad record in stop mode, a failure): a
        // continuous source, whose read() keeps returning nothing, must not keep the reader alive.
        if (m_writerDone.load())
            return;
        if (m_stopRequested.load()) {
            pushEnd(true);
            return;
        }
        bool more = false;
        if (!readBatch(more))
            return;
        if (m_in.empty()) {
            if (idleLongEnough()) {
                pushEnd(false);
                return;
            }
            continue;
        }
        m_idleSince.reset();
        WorkItem item = process();
        const bool stopping = item.stop.has_value();
        if (!m_queue.push(std::move(item)) || stopping)
            return;
        if (!more) {
            pushEnd(false);
            return;
        }
    }
}

bool ReaderLoop::readBatch(bool &more)
{
    m_in.clear();
    try {
        more = m_source.read(m_in, m_settings.batchRows);
    } catch (const std::exception &e) {
        WorkItem failure;
        failure.fatal = e.what();
        m_queue.push(std::move(failure));
        return false;
    }
    reportSource();
    if (m_in.empty() && !more) {
        pushEnd(false);
        return false;
    }
    return true;
}

void ReaderLoop::reportSource()
{
    m_metrics.setProgress(m_source.progressDone(), m_source.progressTotal());
    m_metrics.addSourceRead(m_in.size());
    m_metrics.setSourceState(m_source.continuous(), m_source.caughtUp(), m_source.lag());
    m_metrics.setPhase(m_source.inSnapshot() ? RunPhase::Snapshot
                       : m_source.continuous() ? RunPhase::Streaming
                                               : RunPhase::Running);
}

bool ReaderLoop::idleLongEnough()
{
    if (!m_settings.untilIdle || !m_source.caughtUp()) {
        m_idleSince.reset();
        return false;
    }
    if (!m_idleSince) {
        m_idleSince = Clock::now();
        return false;
    }
    return Clock::now() - *m_idleSince >= std::chrono::seconds(1);
}

WorkItem ReaderLoop::process()
{
    WorkItem item;
    item.inputs.reserve(m_in.size());
    item.inputTable.reserve(m_in.size());
    item.records.reserve(m_in.size());
    item.recordInput.reserve(m_in.size());
    std::string error;
    for (Record &r : m_in) {
        const auto ordinal = std::uint32_t(item.inputs.size());
        item.inputs.push_back(r.position);
        item.inputTable.push_back(tableOf(r));
        std::optional<Letter> bad;
        if (r.isError()) {
            std::string reason = r.error;
            bad = Letter{ordinal, std::move(r), "read", std::move(reason)};
        } else if (!m_filters.accepts(r)) {
            item.filtered.push_back(ordinal);
            continue;
        } else {
            Record out;
            if (m_mapper.applyMoving(r, out, error)) {
                item.records.push_back(std::move(out));
                item.recordInput.push_back(ordinal);
                continue;
            }
            bad = Letter{ordinal, std::move(r), "mapping", error};
        }
        if (m_settings.stopMode) {
            item.stop = std::move(bad);
            break;
        }
        item.letters.push_back(std::move(*bad));
    }
    return item;
}

std::uint32_t ReaderLoop::tableOf(const Record &r)
{
    if (!r.table) {
        if (!m_defaultTable)
            m_defaultTable = m_metrics.tableId(m_settings.defaultTableLabel);
        return *m_defaultTable;
    }
    auto it = m_tableIds.find(r.table.get());
    if (it == m_tableIds.end())
        it = m_tableIds.emplace(r.table.get(), std::make_pair(r.table, m_metrics.tableId(r.table->database + "." + r.table->table))).first;
    return it->second.second;
}

bool ReaderLoop::pushEnd(bool stopped)
{
    WorkItem end;
    end.end = true;
    end.stopped = stopped;
    return m_queue.push(std::move(end));
}

} // namespace flowdeck
