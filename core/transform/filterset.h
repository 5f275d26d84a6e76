#pragma once

#include "core/model/fieldindexcache.h"
#include "core/model/record.h"

#include <nlohmann/json.hpp>

#include <compare>
#include <memory>
#include <string>
#include <vector>

namespace flowdeck {

/// Compares two values the way filters and the `range` validation do: numerically when both are
/// numbers (numeric types, booleans, or text holding a finite number), else their text bytewise
/// (UTF-8 byte order is code point order). Integers and decimals compare exactly (no rounding
/// through double, so 9007199254740993 > 9007199254740992 and "0.10" == 0.1); only doubles and
/// numbers written with an exponent compare as doubles. A NaN double is unordered.
/// `numeric`, when given, says which of the two comparisons was made.
/// Possible errors: none.
std::partial_ordering compareValues(const Value &a, const Value &b, bool *numeric = nullptr);

/// The `filters` section of a flow, compiled once: a record is kept when every condition holds
/// (conditions are ANDed).
///
/// Operators (vocabulary::kFilterOps): eq, neq, lt, lte, gt, gte, between ([lo, hi], inclusive),
/// in / notIn (non-empty list), contains, startsWith, endsWith (on the text of the value),
/// isNull, isNotNull, regex (search semantics: matches anywhere unless anchored with ^...$;
/// compiled once). Comparisons follow compareValues().
///
/// NULL: a NULL field (or a field the record's schema lacks) matches isNull, neq and notIn (a
/// missing value is not equal to any value: "Industry neq Energy" keeps accounts without an
/// industry, unlike SQL's `<>`); every other operator is false for NULL.
///
/// Field indexes are resolved once per record schema and cached (the common one-schema case is a
/// pointer compare). Because of that cache, accepts() must not be called on one instance from
/// several threads at once: give each thread its own copy.
///
/// Possible errors: compile() throws ConfigError naming the path, e.g.
/// "filters[1].op: unknown operator 'foo'", "filters[0].value: between needs [low, high]".
class FilterSet
{
public:
    FilterSet();
    ~FilterSet();
    FilterSet(const FilterSet &other);
    FilterSet &operator=(const FilterSet &other);
    FilterSet(FilterSet &&other) noexcept;
    FilterSet &operator=(FilterSet &&other) noexcept;

    /// Compiles a `filters` array (null counts as no filters).
    /// Possible errors: ConfigError("filters[1].op: unknown operator 'foo'") and the like.
    static FilterSet compile(const nlohmann::json &filters);

    /// True when the record passes every condition (always true without conditions).
    bool accepts(const Record &record) const;
    bool empty() const;
    /// The field names the conditions read, each once, in order of first use.
    std::vector<std::string> fields() const;

private:
    struct Condition;
    const std::vector<int> &slotsFor(const SchemaPtr &schema) const;

    std::vector<Condition> m_conditions;
    mutable FieldIndexCache m_fieldIndexes;
};

} // namespace flowdeck
