#include "core/engine/batchcommitter.h"

#include <algorithm>

namespace flowdeck {

BatchCommitter::BatchCommitter(Sink &sink, Source &source, DeadLetters *deadLetters, RunMetrics &metrics, bool stopMode,
                               std::string runId, std::uint64_t seq, nlohmann::json sourceCheckpoint)
    : m_sink(sink)
    , m_source(source)
    , m_deadLetters(deadLetters)
    , m_metrics(metrics)
    , m_tableCounter(metrics)
    , m_stopMode(stopMode)
    , m_runId(std::move(runId))
    , m_seq(seq)
    , m_sourceCheckpoint(std::move(sourceCheckpoint))
    , m_committedLetterBytes(deadLetters ? deadLetters->size() : 0)
{
}

Settlement BatchCommitter::commit(WorkItem &item)
{
    // A batch whose records were all filtered or dead-lettered reaches no sink; its checkpoint
    // still moves on (in the flow's state).
    const bool send = !item.records.empty();
    const std::uint64_t unmatchedBefore = send ? m_sink.unmatchedUpdates() : 0;
    std::vector<RejectedRecord> rejected;
    Settlement s;
    if (send) {
        rejected = m_sink.write(item.records);
        try {
            s = settle(item, rejected);
        } catch (...) {
            m_sink.rollback();
            throw;
        }
        m_sink.commit(s.checkpoint);
        // An update that matched no row wrote nothing: counted apart, not as written.
        s.delta.unmatched = std::min<std::uint64_t>(m_sink.unmatchedUpdates() - unmatchedBefore, s.delta.written);
        s.delta.written -= s.delta.unmatched;
    } else {
        s = settle(item, rejected);
    }
    account(item, s);
    return s;
}

Settlement BatchCommitter::settle(const WorkItem &item, const std::vector<RejectedRecord> &rejected)
{
    Settlement s;
    s.cut = item.inputs.size();
    cutAtBadRecord(item, rejected, s);
    writeLetters(item, rejected, s);
    count(item, rejected, s);
    if (m_deadLetters)
        m_deadLetters->sync();
    s.source = s.cut > 0 ? m_source.checkpointAfter(item.inputs[s.cut - 1]) : m_sourceCheckpoint;
    s.seq = m_seq + 1;
    s.checkpoint = {{"runId", m_runId},
                    {"seq", s.seq},
                    {"source", s.source},
                    {"deadLetterBytes", m_deadLetters ? m_deadLetters->size() : 0}};
    return s;
}

void BatchCommitter::cutAtBadRecord(const WorkItem &item, const std::vector<RejectedRecord> &rejected, Settlement &s) const
{
    if (item.stop) {
        s.cut = item.inputs.size() - 1;
        s.failedInput = item.stop->input;
        s.errorPosition = item.stop->record.position.toString();
        s.errorReason = item.stop->reason;
        s.errors.push_back(metricsError(item.stop->record, item.stop->stage, item.stop->reason, true));
    }
    if (!m_stopMode || rejected.empty())
        return;
    const RejectedRecord &first = rejected.front();
    const std::uint32_t input = item.recordInput[first.index];
    if (input >= s.cut)
        return;
    s.cut = input;
    s.failedInput = input;
    s.errorPosition = item.records[first.index].position.toString();
    s.errorReason = first.reason;
    s.errors.clear();
    s.errors.push_back(metricsError(item.records[first.index], "write", first.reason, true));
}

void BatchCommitter::writeLetters(const WorkItem &item, const std::vector<RejectedRecord> &rejected, Settlement &s)
{
    if (!m_deadLetters)
        return;
    // In input order: read/mapping failures and sink rejections (skip mode only: in stop mode
    // there are no letters and the first rejection cuts the batch).
    std::size_t li = 0, ri = 0;
    for (;;) {
        const bool haveLetter = li < item.letters.size() && item.letters[li].input < s.cut;
        const bool haveReject = !m_stopMode && ri < rejected.size();
        if (!haveLetter && !haveReject)
            break;
        const std::uint32_t rejectInput = haveReject ? item.recordInput[rejected[ri].index] : UINT32_MAX;
        if (haveLetter && item.letters[li].input <= rejectInput) {
            const Letter &l = item.letters[li++];
            m_deadLetters->write(l.record, l.stage, l.reason);
            s.errors.push_back(metricsError(l.record, l.stage, l.reason, false));
        } else {
            const Record &r = item.records[rejected[ri].index];
            m_deadLetters->write(r, "write", rejected[ri].reason);
            s.errors.push_back(metricsError(r, "write", rejected[ri].reason, false));
            ++ri;
        }
        ++s.delta.deadLettered;
    }
}

void BatchCommitter::count(const WorkItem &item, const std::vector<RejectedRecord> &rejected, Settlement &s) const
{
    std::uint64_t recordsBeforeCut = 0;
    for (std::uint32_t in : item.recordInput)
        recordsBeforeCut += in < s.cut;
    for (std::uint32_t in : item.filtered)
        s.delta.filtered += in < s.cut;
    s.delta.written = recordsBeforeCut - (m_stopMode ? 0 : rejected.size());
    s.delta.failed = s.failedInput ? 1 : 0;
    s.delta.read = s.cut + s.delta.failed;
    if (!m_stopMode)
        s.deadLettered = rejected;
}

void BatchCommitter::account(const WorkItem &item, Settlement &s)
{
    m_seq = s.seq;
    m_sourceCheckpoint = s.source;
    m_committedLetterBytes = m_deadLetters ? m_deadLetters->size() : 0;
    m_metrics.add(s.delta);
    std::vector<std::uint32_t> letterInputs;
    letterInputs.reserve(item.letters.size());
    for (const Letter &l : item.letters)
        letterInputs.push_back(l.input);
    m_tableCounter.add(item.inputTable, item.filtered, letterInputs, item.recordInput, s.cut, s.deadLettered, s.failedInput);
    for (MetricsError &e : s.errors)
        m_metrics.addError(std::move(e));
    s.errors.clear();
    m_metrics.markWritten();
    // Once per committed batch (a swap under a lock nobody holds for long), so the counts are
    // exact when the flow goes idle.
    m_metrics.setDestinations(destinationMetrics(m_sink));
    if (!s.source.is_null())
        m_source.checkpointCommitted(s.source);
}

} // namespace flowdeck
