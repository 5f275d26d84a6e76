#pragma once

#include "core/engine/boundedqueue.h"
#include "core/engine/runmetrics.h"
#include "core/engine/source.h"
#include "core/engine/workitem.h"
#include "core/transform/filterset.h"
#include "core/transform/mapper.h"

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <unordered_map>

namespace flowdeck {

/// The engine's reader thread: source → filters → mapping, one WorkItem per source batch into
/// the bounded queue. Read and mapping failures become letters (skip mode) or end the reading
/// at the bad record (stop mode). The last item pushed is the end (`end`, maybe `stopped`), a
/// source failure (`fatal`), or the one that stops at a bad record.
class ReaderLoop
{
public:
    struct Settings
    {
        std::size_t batchRows = 1000;
        bool stopMode = false;          // errorHandling "stop"
        bool untilIdle = false;         // continuous sources: end once caught up for a second
        std::string defaultTableLabel;  // metrics name of records that name no table
    };

    /// `stopRequested`: Engine::requestStop(); `writerDone`: the committer stopped taking items.
    ReaderLoop(Source &source, const FilterSet &filters, const Mapper &mapper, RunMetrics &metrics,
               BoundedQueue<WorkItem> &queue, Settings settings, const std::atomic<bool> &stopRequested,
               const std::atomic<bool> &writerDone);

    /// Reads until the source ends, a stop, a failure or a bad record in stop mode.
    void run();

private:
    using Clock = std::chrono::steady_clock;

    /// Reads one source batch into m_in; false when the loop is over (the last item pushed).
    bool readBatch(bool &more);
    /// A continuous source with nothing new: true when --until-idle ends the run now.
    bool idleLongEnough();
    /// Filters and maps m_in into one item.
    WorkItem process();
    void reportSource();
    std::uint32_t tableOf(const Record &r);
    bool pushEnd(bool stopped);

    Source &m_source;
    const FilterSet &m_filters;
    const Mapper &m_mapper;
    RunMetrics &m_metrics;
    BoundedQueue<WorkItem> &m_queue;
    Settings m_settings;
    const std::atomic<bool> &m_stopRequested;
    const std::atomic<bool> &m_writerDone;

    Batch m_in;
    std::optional<Clock::time_point> m_idleSince;
    std::optional<std::uint32_t> m_defaultTable; // registered when a record names no table
    // Metrics slot per source table, kept alive here so a pointer is never reused meanwhile.
    std::unordered_map<const TableInfo *, std::pair<TableInfoPtr, std::uint32_t>> m_tableIds;
};

} // namespace flowdeck
