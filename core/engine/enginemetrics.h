#pragma once

#include "core/flow/flow.h"
#include "core/model/record.h"
#include "core/engine/runmetrics.h"
#include "core/engine/sink.h"

#include <optional>
#include <string>
#include <vector>

namespace flowdeck {

/// The error list's view of a bad record: its position, stage, reason and the record as JSON
/// text (or its raw input when it could not be read).
MetricsError metricsError(const Record &record, const std::string &stage, const std::string &reason, bool stopped);

/// What the metrics call the flow's one source when records name no table (the file path...).
std::string sourceLabel(const Flow &flow);

/// A sink's own per-destination totals (written, bytes) as TableMetrics.
std::vector<TableMetrics> destinationMetrics(const Sink &sink);

/// Adds one committed batch to the per-table counters, cut exactly as the engine cut the totals:
/// inputs before `cut` are read; filtered / dead-lettered / written by their fate; `failed` is
/// the input that stopped the run. Used by the engine's writer thread only.
class BatchTableCounter
{
public:
    explicit BatchTableCounter(RunMetrics &metrics) : m_metrics(metrics) {}

    /// `inputTable`: metrics slot of each input; `filtered`, `letters`: input ordinals;
    /// `recordInput`: input ordinal of each mapped record; `rejected`: records the sink refused
    /// (skip mode, dead-lettered), in record order.
    void add(const std::vector<std::uint32_t> &inputTable, const std::vector<std::uint32_t> &filtered,
             const std::vector<std::uint32_t> &letters, const std::vector<std::uint32_t> &recordInput, std::size_t cut,
             const std::vector<RejectedRecord> &rejected, std::optional<std::uint32_t> failed);

private:
    RunMetrics &m_metrics;
    std::vector<RunCounts> m_perTable; // scratch, by slot
};

} // namespace flowdeck
