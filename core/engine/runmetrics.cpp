#include "core/engine/runmetrics.h"

#include <algorithm>
#include <chrono>

namespace flowdeck {

const char *runPhaseName(RunPhase phase)
{
    switch (phase) {
    case RunPhase::Idle: return "idle";
    case RunPhase::Starting: return "starting";
    case RunPhase::Snapshot: return "snapshot";
    case RunPhase::Running: return "running";
    case RunPhase::Streaming: return "streaming";
    case RunPhase::Completed: return "completed";
    case RunPhase::Failed: return "failed";
    case RunPhase::Stopped: return "stopped";
    }
    return "idle";
}

std::int64_t RunMetrics::steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::uint32_t RunMetrics::tableId(const std::string &name)
{
    std::lock_guard lock(m_mutex);
    for (std::size_t i = 0; i < m_names.size(); ++i)
        if (m_names[i] == name)
            return std::uint32_t(i);
    if (m_names.size() == kMaxTables - 1) {
        m_names.push_back("(other)");
        m_slotCount.store(std::uint32_t(m_names.size()), std::memory_order_release);
    }
    if (m_names.size() >= kMaxTables)
        return std::uint32_t(kMaxTables - 1);
    m_names.push_back(name);
    m_slotCount.store(std::uint32_t(m_names.size()), std::memory_order_release);
    return std::uint32_t(m_names.size() - 1);
}

void RunMetrics::setSnapshotRows(const std::string &name, std::uint64_t rows)
{
    const std::uint32_t id = tableId(name);
    std::lock_guard lock(m_mutex);
    if (m_snapshotRows.size() <= id)
        m_snapshotRows.resize(id + 1, 0);
    m_snapshotRows[id] = rows;
}

void RunMetrics::addTable(std::uint32_t id, const RunCounts &delta)
{
    Slot &s = m_slots[std::min<std::size_t>(id, kMaxTables - 1)];
    if (delta.read)
        s.read.fetch_add(delta.read, std::memory_order_relaxed);
    if (delta.filtered)
        s.filtered.fetch_add(delta.filtered, std::memory_order_relaxed);
    if (delta.written)
        s.written.fetch_add(delta.written, std::memory_order_relaxed);
    if (delta.deadLettered)
        s.deadLettered.fetch_add(delta.deadLettered, std::memory_order_relaxed);
    if (delta.failed)
        s.failed.fetch_add(delta.failed, std::memory_order_relaxed);
}

void RunMetrics::setSourceState(bool continuous, bool caughtUp, const SourceLag &lag)
{
    m_continuous.store(continuous, std::memory_order_relaxed);
    m_caughtUp.store(caughtUp, std::memory_order_relaxed);
    m_lagMs.store(lag.seconds < 0 ? -1 : std::int64_t(lag.seconds * 1000), std::memory_order_relaxed);
    m_lagMessages.store(lag.messages, std::memory_order_relaxed);
}

void RunMetrics::markWritten()
{
    m_lastWriteMs.store(steadyMs(), std::memory_order_relaxed);
}

void RunMetrics::setDestinations(std::vector<TableMetrics> destinations)
{
    {
        std::lock_guard lock(m_mutex);
        m_destinations.swap(destinations);
    }
    // the old list is freed outside the lock
}

void RunMetrics::addError(MetricsError error)
{
    constexpr std::size_t kRecordText = 2000;
    if (error.record.size() > kRecordText)
        error.record = error.record.substr(0, kRecordText) + "…";
    std::lock_guard lock(m_mutex);
    ++m_errorCount;
    m_lastError = error.reason;
    m_lastErrorPosition = error.position;
    m_errors.push_back(std::move(error));
    if (m_errors.size() > kMaxErrors)
        m_errors.pop_front();
}

void RunMetrics::reset()
{
    for (auto *a : {&m_read, &m_filtered, &m_written, &m_deadLettered, &m_failed, &m_unmatched, &m_progressDone, &m_progressTotal, &m_sourceRead})
        a->store(0, std::memory_order_relaxed);
    for (Slot &s : m_slots)
        for (auto *a : {&s.read, &s.filtered, &s.written, &s.deadLettered, &s.failed})
            a->store(0, std::memory_order_relaxed);
    m_lagMs = -1;
    m_lagMessages = -1;
    m_lastWriteMs = 0;
    m_caughtUp = false;
    std::lock_guard lock(m_mutex);
    m_names.clear();
    m_snapshotRows.clear();
    m_slotCount = 0;
    m_destinations.clear();
    m_errors.clear();
    m_errorCount = 0;
    m_lastError.clear();
    m_lastErrorPosition.clear();
}

MetricsSnapshot RunMetrics::capture(bool withErrors) const
{
    MetricsSnapshot s;
    s.timeMs = steadyMs();
    s.phase = phase();
    s.counts = snapshot();
    s.progressDone = progressDone();
    s.progressTotal = std::max(progressTotal(), s.progressDone); // totals may be estimates
    const std::int64_t lagMs = m_lagMs.load(std::memory_order_relaxed);
    s.lag.seconds = lagMs < 0 ? -1 : double(lagMs) / 1000.0;
    s.lag.messages = m_lagMessages.load(std::memory_order_relaxed);
    s.continuous = m_continuous.load(std::memory_order_relaxed);
    s.caughtUp = m_caughtUp.load(std::memory_order_relaxed);
    s.sourceRead = m_sourceRead.load(std::memory_order_relaxed);
    s.lastWriteMs = m_lastWriteMs.load(std::memory_order_relaxed);
    std::lock_guard lock(m_mutex);
    s.tables.reserve(m_names.size());
    for (std::size_t i = 0; i < m_names.size(); ++i) {
        const Slot &slot = m_slots[i];
        TableMetrics t;
        t.name = m_names[i];
        t.read = slot.read.load(std::memory_order_relaxed);
        t.filtered = slot.filtered.load(std::memory_order_relaxed);
        t.written = slot.written.load(std::memory_order_relaxed);
        t.deadLettered = slot.deadLettered.load(std::memory_order_relaxed);
        t.failed = slot.failed.load(std::memory_order_relaxed);
        t.snapshotRows = i < m_snapshotRows.size() ? m_snapshotRows[i] : 0;
        s.tables.push_back(std::move(t));
    }
    s.destinations = m_destinations;
    s.errorCount = m_errorCount;
    if (withErrors)
        s.errors.assign(m_errors.begin(), m_errors.end());
    s.lastError = m_lastError;
    s.lastErrorPosition = m_lastErrorPosition;
    return s;
}

} // namespace flowdeck
