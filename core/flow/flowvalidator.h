#pragma once

#include "core/flow/flowchecker.h"

#include <string>

namespace flowdeck {

/// Validates a whole flow document (format version 1, already `${}`-expanded) section by
/// section, so a problem in one section never hides those of another. The endpoints and the
/// mapping have their own validators; the small sections (filters, trigger, errorHandling) are
/// checked here.
///
/// Works on the document in place and normalises it for the engine: integer strings become
/// numbers, and defaults the engine relies on are filled in (a file's format, errorHandling's
/// onError).
class FlowValidator
{
public:
    /// The top-level keys of a flow file, in the order Flowdeck writes them.
    static constexpr std::array<std::string_view, 9> kTopLevelKeys = {
        "flowdeck", "name", "description", "source", "destination", "mapping", "filters", "trigger",
        "errorHandling"};
    static constexpr std::size_t kMaxNameLength = 128;

    /// Checks and normalises `doc`. Returns every problem found.
    std::vector<FlowProblem> validate(nlohmann::json &doc);

private:
    /// False when the rest of the document should not be judged (a newer format version).
    bool version(nlohmann::json &doc);
    void name(const nlohmann::json &doc);
    void filters(nlohmann::json &filters, const std::string &path);
    void filterValue(nlohmann::json &filter, const std::string &path, const std::string &op);
    void trigger(nlohmann::json &trigger, const std::string &path);
    void incremental(nlohmann::json &incremental, const std::string &path);
    void errorHandling(nlohmann::json &errorHandling, const std::string &path);

    FlowChecker m_checker;
};

} // namespace flowdeck
