#pragma once

#include "core/engine/engine.h"

#include <QString>

namespace flowdeck {

/// Words for where a run resumes: "line 7 of accounts.csv", "mysql-bin.000003:4567", from a
/// source checkpoint (a flow state's "source" object, or RunResult::resumedFrom parsed).
QString resumePositionText(const nlohmann::json &sourceCheckpoint);

/// What the next run of `flow` does with the state it left in `stateDir`: "" for a fresh run
/// (no state, the last run completed, or a checkpoint at the start), else the position it resumes
/// at. Reads the state file; an unreadable one counts as a fresh run (the run reports it).
QString pendingResume(const Flow &flow, const QString &stateDir);

/// The status bar message at the end of a run: "accounts: completed in 1.2 s — read 13, …",
/// with the error of a failed run (translated, enginemessages.h).
QString runEndMessage(const QString &flowName, const RunResult &result);

} // namespace flowdeck
