#pragma once

#include "engine.h"

namespace flowdeck {

/// Carries the scheduled-flow parts of a flow's state to the end of a run (Engine::run calls it
/// before saving the state): the watermark the next run starts from, taken from
/// Source::nextRunStart() only when the run completed (so a failed or killed run is re-read,
/// never skipped); the count of failed runs in a row and deactivation after
/// `trigger.deactivateAfterFailures` of them; and the run's watermark/failure fields in `result`.
void recordOutcome(RunState &state, RunResult &result, const Source *source, const nlohmann::json &lastCheckpoint,
                   bool incremental, const nlohmann::json &trigger);

} // namespace flowdeck
