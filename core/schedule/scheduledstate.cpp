#include "core/schedule/scheduledstate.h"

#include <algorithm>
#include <cstdlib>

namespace flowdeck {

namespace {

std::uint32_t failureLimit(const nlohmann::json &trigger)
{
    if (!trigger.is_object() || !trigger.contains("deactivateAfterFailures"))
        return 0;
    const auto &n = trigger["deactivateAfterFailures"];
    if (n.is_number_integer())
        return std::uint32_t(std::max<std::int64_t>(0, n.get<std::int64_t>()));
    if (n.is_string())
        return std::uint32_t(std::max(0, std::atoi(n.get<std::string>().c_str())));
    return 0;
}

} // namespace

void recordOutcome(RunState &state, RunResult &result, const Source *source, const nlohmann::json &lastCheckpoint,
                   bool incremental, const nlohmann::json &trigger)
{
    if (result.status == RunStatus::Completed) {
        state.consecutiveFailures = 0;
        state.lastError.clear();
        if (source) {
            const nlohmann::json next = source->nextRunStart(lastCheckpoint);
            if (!next.is_null())
                state.watermark = next;
        }
        if (incremental)
            result.watermarkAfter = state.watermark;
    } else if (result.status == RunStatus::Failed) {
        ++state.consecutiveFailures;
        state.lastError = result.error;
        const std::uint32_t limit = failureLimit(trigger);
        if (limit && state.consecutiveFailures >= limit && !state.deactivated) {
            state.deactivated = true;
            state.deactivatedAt = utcNowIso();
        }
    }
    if (result.status != RunStatus::Completed && incremental) {
        // The next run resumes from the newest durably written record.
        result.watermarkAfter = lastCheckpoint;
    }
    result.consecutiveFailures = state.consecutiveFailures;
    result.deactivated = state.deactivated;
}

bool isIncremental(const Flow &flow)
{
    if (flow.trigger.is_object() && flow.trigger.contains("incremental"))
        return true;
    const std::string path = flow.source.value("path", std::string());
    return flow.source.value("type", std::string()) == "file" && path.find_first_of("*?[") != std::string::npos;
}

RunState addScheduledFlow(Scheduler &scheduler, const Flow &flow, const std::string &stateDir)
{
    const Schedule schedule = Schedule::fromTrigger(flow.trigger);
    const RunState state = StateStore(stateDir.empty() ? StateStore::defaultDir() : stateDir, flow.name).load();
    const std::optional<TimePoint> last = state.startedAt.empty() ? std::nullopt : parseUtcIso(state.startedAt);
    scheduler.add(flow.name, schedule, last, state.deactivated);
    return state;
}

} // namespace flowdeck
