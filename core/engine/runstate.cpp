#include "core/engine/runstate.h"
#include "core/model/jsontext.h"

#include "core/model/atomicfile.h"
#include "core/model/errors.h"

#include <QCryptographicHash>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>

namespace flowdeck {

const char *runStatusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Running: return "running";
    case RunStatus::Completed: return "completed";
    case RunStatus::Failed: return "failed";
    case RunStatus::Stopped: return "stopped";
    }
    return "running";
}

RunStatus runStatusFromName(const std::string &name)
{
    if (name == "completed") return RunStatus::Completed;
    if (name == "failed") return RunStatus::Failed;
    if (name == "stopped") return RunStatus::Stopped;
    return RunStatus::Running;
}

nlohmann::json RunState::toJson() const
{
    nlohmann::json j = {{"runId", runId},
                        {"status", runStatusName(status)},
                        {"checkpoint", checkpoint},
                        {"deadLetterBytes", deadLetterBytes},
                        {"startedAt", startedAt},
                        {"updatedAt", updatedAt}};
    if (!watermark.is_null())
        j["watermark"] = watermark;
    if (consecutiveFailures)
        j["consecutiveFailures"] = consecutiveFailures;
    if (deactivated) {
        j["deactivated"] = true;
        j["deactivatedAt"] = deactivatedAt;
    }
    if (!lastError.empty())
        j["lastError"] = lastError;
    return j;
}

RunState RunState::fromJson(const nlohmann::json &j)
{
    RunState s;
    s.runId = j.value("runId", std::string());
    s.status = runStatusFromName(j.value("status", std::string("completed")));
    s.checkpoint = j.contains("checkpoint") ? j["checkpoint"] : nlohmann::json();
    s.deadLetterBytes = j.value("deadLetterBytes", std::uint64_t(0));
    s.startedAt = j.value("startedAt", std::string());
    s.updatedAt = j.value("updatedAt", std::string());
    s.watermark = j.contains("watermark") ? j["watermark"] : nlohmann::json();
    s.consecutiveFailures = j.value("consecutiveFailures", std::uint32_t(0));
    s.deactivated = j.value("deactivated", false);
    s.deactivatedAt = j.value("deactivatedAt", std::string());
    s.lastError = j.value("lastError", std::string());
    return s;
}

std::string StateStore::fileStem(const std::string &flowName)
{
    std::string stem;
    for (unsigned char c : flowName)
        stem += (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c >= 0x80) ? char(c) : '_';
    if (!stem.empty() && stem == flowName && stem != "." && stem != "..")
        return stem; // stored in state folders: names that need no change keep their files
    // Names that differ only in replaced characters ("a b", "a/b", "a_b") must not share files:
    // add a hash of the exact name, after a '~' (never part of an unchanged name).
    const QByteArray hash = QCryptographicHash::hash(QByteArray::fromStdString(flowName), QCryptographicHash::Sha256);
    return (stem.empty() ? std::string("flow") : stem) + '~' + hash.toHex().left(16).toStdString();
}

StateStore::StateStore(std::string stateDir, std::string flowName)
    : m_dir(std::move(stateDir))
{
    const std::string stem = m_dir + '/' + fileStem(flowName);
    m_statePath = stem + ".state.json";
    m_historyPath = stem + ".history.jsonl";
}

RunState StateStore::load() const
{
    std::ifstream in(m_statePath);
    if (!in) {
        RunState s;
        s.status = RunStatus::Completed;
        return s;
    }
    try {
        return RunState::fromJson(nlohmann::json::parse(in));
    } catch (const nlohmann::json::exception &e) {
        throw Error("cannot read run state " + m_statePath + ": " + e.what()
                    + " (delete the file to start the flow from the beginning)");
    }
}

void StateStore::save(const RunState &state) const
{
    makeDirectories(m_dir);
    writeFileAtomically(m_statePath, jsonText(state.toJson(), 2) + '\n');
}

void StateStore::reactivate() const
{
    RunState state = load();
    if (!state.deactivated && !state.consecutiveFailures)
        return;
    state.deactivated = false;
    state.deactivatedAt.clear();
    state.consecutiveFailures = 0;
    save(state);
}

void StateStore::appendHistory(const nlohmann::json &entry) const
{
    makeDirectories(m_dir);
    std::FILE *out = openForAppend(m_historyPath);
    const std::string line = jsonText(entry) + '\n';
    const bool written = std::fwrite(line.data(), 1, line.size(), out) == line.size();
    if (std::fclose(out) != 0 || !written)
        throw Error("cannot append to " + m_historyPath);
}

std::string StateStore::defaultDir()
{
    if (const char *x = std::getenv("XDG_STATE_HOME"); x && *x)
        return std::string(x) + "/flowdeck";
    const char *home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.local/state/flowdeck";
}

std::string utcNowIso()
{
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    char out[48];
    std::snprintf(out, sizeof out, "%s.%03dZ", buf, int(ms));
    return out;
}

} // namespace flowdeck
