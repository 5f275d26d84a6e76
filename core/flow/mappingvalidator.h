#pragma once

#include "core/flow/flowchecker.h"

#include <string>
#include <string_view>
#include <vector>

namespace flowdeck {

/// Validates the `mapping` section of a flow: its entries, their transform chains and the
/// options of each transform or validation op.
class MappingValidator
{
public:
    /// The keys one op accepts (besides `op`), and whether it reads an input value (the entry's
    /// `source`, its own `source`, or the previous step's result).
    struct OpKeys
    {
        std::string_view op;
        std::vector<std::string_view> keys;
        bool needsInput;
    };
    /// One entry per op of vocabulary::kTransformOps and kValidationOps.
    static const std::vector<OpKeys> &opKeys();

    explicit MappingValidator(FlowChecker &checker);

    /// Checks `mapping`, the value of the document's "mapping" key.
    void validate(nlohmann::json &mapping, const std::string &path);

private:
    void entry(nlohmann::json &entry, const std::string &path, bool hasSource);
    /// Checks one step; returns whether it supplies its own input (so nothing before it has to).
    bool step(nlohmann::json &step, const std::string &path);

    FlowChecker &m_checker;
};

} // namespace flowdeck
