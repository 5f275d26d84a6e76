#pragma once

#include "core/flow/flow.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace flowdeck {

/// The shared toolkit of the flow validators: collects problems and checks single values
/// (types, integers, enums, keys) with consistent wording, so every section of a flow reports
/// problems the same way ("destination.write.mode: unknown mode 'upsrt' (expected one of ...)").
///
/// Checks work on the expanded document in place: integer fields given as strings ("4000", from
/// `${PORT}`) are rewritten to numbers, so the engine never has to parse them again.
class FlowChecker
{
public:
    using Json = nlohmann::json;
    /// Returns a specific hint for an unknown key ("'write' is only allowed in a destination"),
    /// or "" to fall back to "did you mean" or the list of allowed keys.
    using KeyHint = std::function<std::string(const std::string &key)>;

    void problem(const std::string &path, const std::string &message);
    const std::vector<FlowProblem> &problems() const { return m_problems; }

    /// "destination" + "write" -> "destination.write"; "" + "name" -> "name".
    static std::string child(const std::string &path, std::string_view key);
    /// "mapping" + 2 -> "mapping[2]".
    static std::string index(const std::string &path, std::size_t i);

    /// "a string", "an array", "12.5", "'abc'": what a value is, for "expected X, got Y".
    static std::string describe(const Json &value);
    /// "insert, update, upsert, replicate".
    static std::string joined(std::span<const std::string_view> words);
    /// The allowed word closest to `word` (edit distance at most 2, case-insensitive), or "".
    static std::string closest(const std::string &word, std::span<const std::string_view> allowed);

    /// Reports every key of `obj` that is not in `allowed`, with the best hint available.
    void checkKeys(const Json &obj, const std::string &path, std::span<const std::string_view> allowed,
                   const KeyHint &hint = {});

    /// The member `key` of the object `obj`, or nullptr.
    static Json *find(Json &obj, std::string_view key);
    /// The member `key`, or nullptr after reporting "path.key: required" (with `detail` in
    /// parentheses when given).
    Json *require(Json &obj, const std::string &path, std::string_view key, const std::string &detail = {});

    /// Type checks: report "expected X, got Y" and return false when the value has another type.
    bool isObject(const Json &value, const std::string &path);
    bool isArray(const Json &value, const std::string &path);
    bool isBoolean(const Json &value, const std::string &path);
    /// A string; unless `mayBeEmpty`, an empty one is reported too.
    const std::string *string(const Json &value, const std::string &path, bool mayBeEmpty = false);
    /// A string, number or boolean (not null, array or object).
    bool isScalar(const Json &value, const std::string &path);

    /// An integer, or a string that parses as one (from `${...}`), within [min, max]. Rewrites a
    /// string to the number. nullopt after reporting a problem.
    std::optional<std::int64_t> integer(Json &value, const std::string &path, std::int64_t min,
                                        std::int64_t max = INT64_MAX);
    /// A number, or a string that parses as one. Rewrites a string to the number.
    std::optional<double> number(Json &value, const std::string &path);

    /// One of `words`; otherwise "unknown <noun> 'x' (expected one of ...)". Returns the word or
    /// nullptr.
    const std::string *word(const Json &value, const std::string &path, std::string_view noun,
                            std::span<const std::string_view> words);

    /// A regular expression (Perl syntax, as QRegularExpression reads it) that compiles.
    bool regex(const Json &value, const std::string &path);

    /// A string with `{name}` placeholders, each one of `names`, braces balanced.
    bool placeholders(const std::string &text, const std::string &path,
                      std::span<const std::string_view> names);

private:
    std::vector<FlowProblem> m_problems;
};

/// Concatenation of several word lists, for checks that accept any of them (transform ops and
/// validation ops share the `op` key).
template<std::size_t A, std::size_t B>
constexpr std::array<std::string_view, A + B> concat(const std::array<std::string_view, A> &a,
                                                     const std::array<std::string_view, B> &b)
{
    std::array<std::string_view, A + B> all{};
    for (std::size_t i = 0; i < A; ++i)
        all[i] = a[i];
    for (std::size_t i = 0; i < B; ++i)
        all[A + i] = b[i];
    return all;
}

} // namespace flowdeck
