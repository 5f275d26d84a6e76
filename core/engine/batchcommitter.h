#pragma once

#include "core/engine/deadletters.h"
#include "core/engine/enginemetrics.h"
#include "core/engine/runmetrics.h"
#include "core/engine/sink.h"
#include "core/engine/source.h"
#include "core/engine/workitem.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace flowdeck {

/// How one work item ended once the sink said which records it refused: where the batch is cut,
/// its counts, the dead letters written and the checkpoint committed with it.
struct Settlement
{
    std::size_t cut = 0;                      // inputs fully handled by this batch
    RunCounts delta;
    nlohmann::json source;                    // the source's checkpoint after the cut
    std::uint64_t seq = 0;                    // the checkpoint's sequence number
    nlohmann::json checkpoint;                // what the sink commits with the rows
    std::optional<std::uint32_t> failedInput; // stop mode: the input that ends the run
    std::string errorPosition;                // ... its position and reason
    std::string errorReason;
    std::vector<RejectedRecord> deadLettered; // sink rejections dead-lettered (skip mode)
    std::vector<MetricsError> errors;         // for the monitor's error list
};

/// The engine's writer side for one batch: writes the work item's records to the sink, settles
/// what it refused (dead letters in skip mode, the cut in stop mode), hands the sink the
/// checkpoint that covers the batch to commit with the rows, then counts the batch and tells the
/// source it is committed. The checkpoint flows one way: engine → sink.
class BatchCommitter
{
public:
    /// `seq` and `sourceCheckpoint`: the checkpoint the run starts from. `deadLetters` may be null.
    BatchCommitter(Sink &sink, Source &source, DeadLetters *deadLetters, RunMetrics &metrics, bool stopMode,
                   std::string runId, std::uint64_t seq, nlohmann::json sourceCheckpoint);

    /// Writes, settles and commits one item (not an end or failure item). Returns its settlement;
    /// `failedInput` is set when the run stops at a bad record (the records before it committed).
    /// Possible errors: those of the sink and the dead letters; nothing is counted then.
    Settlement commit(WorkItem &item);

    /// The last committed checkpoint: its sequence number, the source's part, the dead letters' size.
    std::uint64_t seq() const { return m_seq; }
    const nlohmann::json &sourceCheckpoint() const { return m_sourceCheckpoint; }
    std::uint64_t committedLetterBytes() const { return m_committedLetterBytes; }

private:
    Settlement settle(const WorkItem &item, const std::vector<RejectedRecord> &rejected);
    void cutAtBadRecord(const WorkItem &item, const std::vector<RejectedRecord> &rejected, Settlement &s) const;
    void writeLetters(const WorkItem &item, const std::vector<RejectedRecord> &rejected, Settlement &s);
    void count(const WorkItem &item, const std::vector<RejectedRecord> &rejected, Settlement &s) const;
    void account(const WorkItem &item, Settlement &s);

    Sink &m_sink;
    Source &m_source;
    DeadLetters *m_deadLetters;
    RunMetrics &m_metrics;
    BatchTableCounter m_tableCounter;
    bool m_stopMode;
    std::string m_runId;
    std::uint64_t m_seq;
    nlohmann::json m_sourceCheckpoint;
    std::uint64_t m_committedLetterBytes;
};

} // namespace flowdeck
