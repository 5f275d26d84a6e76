#pragma once

#include "core/engine/runmetrics.h"

#include <deque>
#include <functional>
#include <optional>
#include <string>

namespace flowdeck {

/// The last few minutes of a run's metrics, as successive MetricsSnapshot copies, and what is
/// derived from them: rates over the last seconds, the snapshot's ETA, how long writing has
/// stalled. Kept by the reader of the metrics (the monitor window, `flowdeck run`), so the data
/// path never computes a rate. Not thread-safe: one owner.
class MetricsHistory
{
public:
    /// `capacity`: snapshots kept (at 4 per second, 600 = two and a half minutes).
    explicit MetricsHistory(std::size_t capacity = 600);

    /// Adds a snapshot (its error list is not kept). Snapshots must come in time order.
    void add(MetricsSnapshot snapshot);
    void clear() { m_snapshots.clear(); }
    bool empty() const { return m_snapshots.empty(); }
    std::size_t size() const { return m_snapshots.size(); }
    const MetricsSnapshot &latest() const { return m_snapshots.back(); }
    const std::deque<MetricsSnapshot> &snapshots() const { return m_snapshots; }

    /// Per second over the last `windowMs`, of a value picked from each snapshot (0 with fewer
    /// than two snapshots in the window).
    double rate(const std::function<std::uint64_t(const MetricsSnapshot &)> &value, std::int64_t windowMs = 5000) const;
    double writtenRate(std::int64_t windowMs = 5000) const;
    double readRate(std::int64_t windowMs = 5000) const;
    /// Written per second of one source table / one destination (topic), by name.
    double tableWrittenRate(const std::string &table, std::int64_t windowMs = 5000) const;
    double destinationRate(const std::string &destination, std::int64_t windowMs = 5000) const;

    /// Seconds until the snapshot (progressDone → progressTotal) is done at the recent pace;
    /// nullopt when the total is unknown, the snapshot is done or nothing moved lately.
    std::optional<double> etaSeconds(std::int64_t windowMs = 10000) const;

    /// Milliseconds for which the flow had data to write (records read from the source but not
    /// yet committed, or a source that is not caught up) while no record was committed, up to
    /// the latest snapshot; 0 when not stalled.
    std::int64_t stalledMs() const;

private:
    std::size_t m_capacity;
    std::deque<MetricsSnapshot> m_snapshots;
};

/// The counters of `name` in `list`, or null.
const TableMetrics *findTable(const std::vector<TableMetrics> &list, const std::string &name);

} // namespace flowdeck
