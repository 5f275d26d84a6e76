#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace flowdeck {

/// How a run ended (or that it is still going / was killed while going).
/// stored in state files: do not rename
enum class RunStatus { Running, Completed, Failed, Stopped };

const char *runStatusName(RunStatus status);
RunStatus runStatusFromName(const std::string &name);

/// The persisted state of a flow between runs: which run is current, how it ended, and the
/// checkpoint it reached. A run that did not complete (killed, failed, stopped) is resumed from
/// its checkpoint by the next run; a completed on-demand run is followed by a fresh one.
struct RunState
{
    std::string runId;
    RunStatus status = RunStatus::Running;
    nlohmann::json checkpoint;          // the source's resume token; null = from the beginning
    std::uint64_t deadLetterBytes = 0;  // dead-letter file size that goes with the checkpoint
    std::string startedAt;              // ISO 8601 UTC
    std::string updatedAt;
    // Scheduled flows (stored in state files: do not rename):
    nlohmann::json watermark;           // incremental sources: where the next fresh run starts
    std::uint32_t consecutiveFailures = 0; // failed runs in a row (reset by a completed one)
    bool deactivated = false;           // deactivateAfterFailures reached: the scheduler skips it
    std::string deactivatedAt;
    std::string lastError;              // of the newest failed run

    nlohmann::json toJson() const;
    static RunState fromJson(const nlohmann::json &j);
};

/// The state folder of one flow (`--state-dir`): `<name>.state.json`, replaced atomically, and
/// `<name>.history.jsonl`, one line per finished run.
class StateStore
{
public:
    StateStore(std::string stateDir, std::string flowName);

    const std::string &statePath() const { return m_statePath; }
    const std::string &historyPath() const { return m_historyPath; }

    /// The saved state, or a default (status Completed, no checkpoint) when there is none.
    /// Possible errors: Error when the file exists but cannot be read or parsed.
    RunState load() const;
    /// Possible errors: Error (disk full, permissions).
    void save(const RunState &state) const;
    /// Turns a flow deactivated by deactivateAfterFailures back on (failure count reset).
    /// Possible errors: Error.
    void reactivate() const;
    /// Appends one run's summary to the history file. Possible errors: Error.
    void appendHistory(const nlohmann::json &entry) const;

    /// The default state folder: $XDG_STATE_HOME/flowdeck (or ~/.local/state/flowdeck).
    static std::string defaultDir();
    /// A file-name-safe form of a flow name.
    static std::string fileStem(const std::string &flowName);

private:
    std::string m_dir;
    std::string m_statePath;
    std::string m_historyPath;
};

/// Current UTC time as ISO 8601 with milliseconds ("2026-11-21T09:30:00.123Z").
std::string utcNowIso();

} // namespace flowdeck
