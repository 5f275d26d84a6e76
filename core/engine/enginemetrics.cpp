#include "core/engine/enginemetrics.h"
#include "core/model/jsontext.h"

#include "core/engine/deadletterwriter.h"

#include <algorithm>
#include <chrono>

namespace flowdeck {

MetricsError metricsError(const Record &record, const std::string &stage, const std::string &reason, bool stopped)
{
    MetricsError e;
    e.timeMs = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    e.position = record.position.toString();
    e.stage = stage;
    e.reason = reason;
    e.record = record.isError() || !record.schema ? record.raw : jsonText(recordToJson(record));
    e.stoppedRun = stopped;
    return e;
}

std::string sourceLabel(const Flow &flow)
{
    const nlohmann::json &s = flow.source;
    for (const char *key : {"path", "table", "topic"})
        if (s.contains(key) && s[key].is_string())
            return s[key].get<std::string>();
    return s.value("type", std::string("source"));
}

std::vector<TableMetrics> destinationMetrics(const Sink &sink)
{
    std::vector<TableMetrics> out;
    for (const auto &[name, n] : sink.writtenPerTable()) {
        TableMetrics t;
        t.name = name;
        t.written = n;
        out.push_back(std::move(t));
    }
    for (const auto &[name, bytes] : sink.writtenBytesPerTable())
        for (TableMetrics &t : out)
            if (t.name == name)
                t.bytes = bytes;
    return out;
}

void BatchTableCounter::add(const std::vector<std::uint32_t> &inputTable, const std::vector<std::uint32_t> &filtered,
                            const std::vector<std::uint32_t> &letters, const std::vector<std::uint32_t> &recordInput,
                            std::size_t cut, const std::vector<RejectedRecord> &rejected, std::optional<std::uint32_t> failed)
{
    m_perTable.assign(RunMetrics::kMaxTables, RunCounts{}); // cheap: zeroing a few KiB per batch
    std::uint32_t maxId = 0;
    auto at = [&](std::uint32_t input) -> RunCounts & {
        const std::uint32_t id = std::min<std::uint32_t>(inputTable[input], RunMetrics::kMaxTables - 1);
        maxId = std::max(maxId, id);
        return m_perTable[id];
    };
    for (std::uint32_t i = 0; i < cut; ++i)
        ++at(i).read;
    for (std::uint32_t in : filtered)
        if (in < cut)
            ++at(in).filtered;
    for (std::uint32_t in : letters)
        if (in < cut)
            ++at(in).deadLettered;
    std::size_t ri = 0;
    for (std::size_t r = 0; r < recordInput.size(); ++r) {
        const std::uint32_t in = recordInput[r];
        if (in >= cut)
            continue;
        while (ri < rejected.size() && rejected[ri].index < r)
            ++ri;
        if (ri < rejected.size() && rejected[ri].index == r)
            ++at(in).deadLettered;
        else
            ++at(in).written;
    }
    if (failed) {
        ++at(*failed).read;
        ++at(*failed).failed;
    }
    for (std::uint32_t id = 0; id <= maxId; ++id)
        m_metrics.addTable(id, m_perTable[id]);
}

} // namespace flowdeck
