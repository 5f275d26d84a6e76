#pragma once

#include "core/engine/engine.h"
#include "core/schedule/scheduler.h"

namespace flowdeck {

/// Carries the scheduled-flow parts of a flow's state to the end of a run (Engine::run calls it
/// before saving the state): the watermark the next run starts from, taken from
/// Source::nextRunStart() only when the run completed (so a failed or killed run is re-read,
/// never skipped); the count of failed runs in a row and deactivation after
/// `trigger.deactivateAfterFailures` of them; and the run's watermark/failure fields in `result`.
void recordOutcome(RunState &state, RunResult &result, const Source *source, const nlohmann::json &lastCheckpoint,
                   bool incremental, const nlohmann::json &trigger);

/// Adds a scheduled flow to `scheduler` as its saved state says: when its last run started (for
/// the catch-up rule) and whether deactivateAfterFailures turned it off. What the window and
/// `flowdeck run` both call, so they agree. Returns the loaded state.
/// Possible errors: ConfigError (the flow is not scheduled, bad every/at), Error (unreadable state).
RunState addScheduledFlow(Scheduler &scheduler, const Flow &flow, const std::string &stateDir);

} // namespace flowdeck
