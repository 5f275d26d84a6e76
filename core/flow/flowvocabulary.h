#pragma once

// The words of the flow file format, in one place: the validator, the JSON Schema test, the
// filter/transform compilers and the wizard all use these lists.
// stored in flow files: do not rename

#include <array>
#include <string_view>

namespace flowdeck::vocabulary {

inline constexpr int kFlowVersion = 1;

inline constexpr std::array<std::string_view, 15> kFilterOps = {
    "eq", "neq", "lt", "lte", "gt", "gte", "between", "in", "notIn",
    "contains", "startsWith", "endsWith", "isNull", "isNotNull", "regex"};

/// Transform ops. Validations pass the value through unchanged, or fail the record.
inline constexpr std::array<std::string_view, 11> kTransformOps = {
    "rename", "concat", "mask", "truncate", "upper", "lower", "trim", "constant", "default", "cast",
    "replace"};
inline constexpr std::array<std::string_view, 4> kValidationOps = {"notNull", "notEmpty", "range", "regex"};

/// Target types of the "cast" transform.
inline constexpr std::array<std::string_view, 8> kCastTypes = {
    "text", "integer", "decimal", "double", "boolean", "date", "datetime", "time"};

inline constexpr std::array<std::string_view, 3> kEndpointTypes = {"file", "mysql", "kafka"};
inline constexpr std::array<std::string_view, 2> kFileFormats = {"csv", "jsonl"};
inline constexpr std::array<std::string_view, 3> kMysqlReadModes = {"snapshot", "cdc", "snapshot+cdc"};
inline constexpr std::array<std::string_view, 4> kWriteModes = {"insert", "update", "upsert", "replicate"};
inline constexpr std::array<std::string_view, 3> kKafkaProtocols = {"canal-json", "debezium-json", "json"};
inline constexpr std::array<std::string_view, 3> kKafkaStartFrom = {"earliest", "latest", "committed"};
inline constexpr std::array<std::string_view, 3> kTriggerTypes = {"onDemand", "schedule", "continuous"};
inline constexpr std::array<std::string_view, 2> kOnError = {"stop", "skip"};
inline constexpr std::array<std::string_view, 4> kTlsModes = {"disabled", "preferred", "required", "verify"};

template<std::size_t N>
constexpr bool contains(const std::array<std::string_view, N> &list, std::string_view word)
{
    for (auto w : list)
        if (w == word)
            return true;
    return false;
}

} // namespace flowdeck::vocabulary
