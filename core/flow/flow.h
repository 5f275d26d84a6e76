#pragma once

#include "core/model/errors.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace flowdeck {

/// One problem found in a flow file: a path into the document ("destination.write.mode",
/// "mapping[2].transform.op", "" for the document itself) and a message.
struct FlowProblem
{
    std::string path;
    std::string message;
    /// "path: message", or just the message when the path is empty.
    std::string toString() const;
};

/// A flow file could not be loaded: it is unreadable, not JSON, or invalid. problems() lists
/// every problem found, not just the first.
class FlowError : public Error
{
public:
    FlowError(std::string file, std::vector<FlowProblem> problems);
    const std::string &file() const { return m_file; }
    const std::vector<FlowProblem> &problems() const { return m_problems; }

private:
    std::string m_file;
    std::vector<FlowProblem> m_problems;
};

/// A flow (version 1 of the `*.flow.json` format, see docs/flow-file.md).
///
/// `raw` is the document as written, with `${NAME}` references intact: that is what save() writes
/// back, so secrets taken from the environment never land in the file. The other members are the
/// expanded sections the engine runs with.
struct Flow
{
    nlohmann::json raw;
    std::string name;
    std::string description;
    nlohmann::json source;                 // endpoint object, expanded
    nlohmann::json destination;            // endpoint object, expanded
    std::optional<nlohmann::json> mapping; // absent: map all fields directly
    nlohmann::json filters = nlohmann::json::array();
    nlohmann::json trigger = {{"type", "onDemand"}};
    nlohmann::json errorHandling = {{"onError", "stop"}};
    std::string filePath; // where it was loaded from; relative paths in it resolve against its folder

    /// Folder of filePath (or the current directory when empty), for resolving relative paths.
    std::string baseDir() const;
    /// Resolves a path from the flow (a file source, a dead-letter file) against baseDir().
    std::string resolvePath(const std::string &path) const;
    bool stopOnError() const;
};

/// Looks up an environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string &name)>;

/// The process environment.
EnvLookup processEnvironment();

/// `lookup`, except that an unset `FLOWDECK_SECRET_...` variable reads as "": for loading a flow
/// only to look at it (its history, an import), never to connect with it.
EnvLookup secretsNotNeeded(EnvLookup lookup);

/// Replaces `${NAME}` and `${NAME:-default}` in every string of `doc` (keys untouched). `$${`
/// escapes a literal `${`. An unset variable without a default becomes "" and, when `problems` is
/// given, is reported there (with the string's path) only if it is not allowed to be empty;
/// a malformed reference (`${` without `}`) is always a problem.
nlohmann::json expandEnvironment(const nlohmann::json &doc, const EnvLookup &lookup,
                                 std::vector<FlowProblem> *problems = nullptr);

/// Checks a flow document (already expanded) against format version 1. Returns every problem:
/// unknown keys, wrong types, missing fields, unknown operators/types/modes, a destination
/// column mapped twice, an empty mapping...
std::vector<FlowProblem> validateFlow(const nlohmann::json &doc);

/// Parses, expands and validates a flow document. Throws FlowError listing every problem.
Flow flowFromJson(const nlohmann::json &raw, const EnvLookup &lookup = processEnvironment(),
                  const std::string &filePath = {});

/// Reads a flow file. Throws FlowError (unreadable file, JSON syntax error with line and column,
/// or the validation problems).
Flow loadFlow(const std::string &path, const EnvLookup &lookup = processEnvironment());

/// The `name` written in a flow file, unexpanded, or "" when the file cannot be read or parsed:
/// what a secret lookup restricted to one flow's keychain entries needs before loadFlow().
std::string flowNameInFile(const std::string &path);

/// The text saveFlow() writes for `flow.raw`: pretty-printed, keys in the documented order.
/// Possible errors: Error when the document holds invalid UTF-8.
std::string flowDocumentText(const Flow &flow);

/// Writes flow.raw to `path` atomically (temporary file + rename), pretty-printed.
/// Possible errors: Error when the file cannot be written.
void saveFlow(const Flow &flow, const std::string &path);

} // namespace flowdeck
