#pragma once

#include "core/model/value.h"
#include "core/transform/valuecast.h"

#include <nlohmann/json.hpp>

#include <QRegularExpression>
#include <QString>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace flowdeck {

/// One compiled step of a mapping entry's `transform` chain: a transform that changes the value,
/// or a validation that passes it through unchanged or fails the record. Compiled once from the
/// flow file, applied per record; the parameters are checked at compile time.
///
/// Transforms (vocabulary::kTransformOps):
/// - rename {source}: the value as it is.
/// - concat {sources, separator=""}: the text of the parts joined; NULL parts are skipped, and
///   when every part is NULL the result is NULL (so a following `default` applies).
/// - mask {char="*", keepFirst=0, keepLast=4}: replaces the middle characters; a value of no
///   more than keepFirst+keepLast characters is left as it is.
/// - truncate {length}: the first `length` characters.
/// - upper, lower: case mapping, Unicode-aware (ASCII takes a fast path).
/// - trim: strips leading and trailing whitespace, Unicode-aware.
/// - constant {value}: the JSON value as a typed Value (string: text, integer, float: double,
///   boolean, null), whatever the input.
/// - default {value}: the JSON value when the input is NULL.
/// - cast {to}: converts to text, integer, decimal, double, boolean, date, datetime or time; a
///   value that does not convert fails the record with the reason (see castValue()).
/// - replace {pattern, with=""}: replaces every match of a regular expression; `with` may use
///   \1..\9 for captured groups.
/// Validations (vocabulary::kValidationOps):
/// - notNull: fails on NULL. notEmpty: fails on NULL, "" and whitespace-only text.
/// - range {min, max}: numeric, each bound optional and inclusive, compared like filters
///   (exactly for integers and decimals); fails for a value that is not a number.
/// - regex {pattern}: search semantics like the `regex` filter (anchor with ^...$ to match the
///   whole value).
///
/// "Characters" are Unicode code points of the UTF-8 text. The text operations turn their input
/// into Text; every operation but constant, default and notNull/notEmpty passes NULL through
/// unchanged (range and regex accept NULL, as SQL CHECK constraints do).
///
/// Possible errors: compile() throws ConfigError naming the path ("mapping[2].transform[1].op:
/// unknown operator 'foo'", "...length: must be a non-negative integer"). apply() returns false
/// with a reason naming the column, the operation and the value, e.g.
/// `validation notEmpty failed for "name": value is empty`, `cannot cast "abc" to integer for "qty"`.
class Transform
{
public:
    /// In the order of vocabulary::kTransformOps followed by vocabulary::kValidationOps.
    enum class Op : std::uint8_t {
        Rename, Concat, Mask, Truncate, Upper, Lower, Trim, Constant, Default, Cast, Replace,
        NotNull, NotEmpty, Range, Regex
    };
    /// Compiles one step object; `path` ("mapping[2].transform[0]") prefixes error messages.
    /// Possible errors: ConfigError for an unknown operator, an unknown key, a missing or
    /// malformed parameter, an invalid regular expression.
    static Transform compile(const nlohmann::json &step, const std::string &path);

    Op op() const { return m_op; }
    std::string_view opName() const;
    bool isValidation() const { return m_op >= Op::NotNull; }
    /// The source fields this step names itself (`source`, or `sources` for concat); empty when
    /// it takes the entry's source or the previous step's output.
    const std::vector<std::string> &sources() const { return m_sources; }
    /// False for constant, which ignores its input.
    bool needsInput() const { return m_op != Op::Constant; }

    /// Applies the step to `value` in place. Returns false and sets `error` when a cast or a
    /// validation fails; `column` (the destination) names the value in that message.
    bool apply(Value &value, std::string_view column, std::string &error) const;

    /// concat as the first step of a chain: joins the text of the non-NULL parts into `out`.
    void concat(std::span<const Value *const> parts, Value &out) const;

private:
    Op m_op = Op::Rename;
    std::vector<std::string> m_sources;
    std::string m_text;       // concat: separator; mask: the mask character (UTF-8)
    std::size_t m_first = 0;  // mask: keepFirst; truncate: length
    std::size_t m_last = 4;   // mask: keepLast
    Value m_value;            // constant, default: the value; range: min
    Value m_max;              // range: max
    bool m_hasMin = false;
    bool m_hasMax = false;
    CastType m_castTo = CastType::Text;
    QRegularExpression m_regex; // replace, regex
    QString m_with;             // replace
};

} // namespace flowdeck
