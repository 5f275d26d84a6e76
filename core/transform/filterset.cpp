#include "core/transform/filterset.h"

#include "core/model/errors.h"
#include "core/flow/flowvocabulary.h"

#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace flowdeck {

namespace {

// Same order as vocabulary::kFilterOps: compile() maps a word to its index.
enum class FilterOp : std::uint8_t {
    Eq, Neq, Lt, Lte, Gt, Gte, Between, In, NotIn, Contains, StartsWith, EndsWith, IsNull, IsNotNull,
    Regex
};
static_assert(vocabulary::kFilterOps.size() == std::size_t(FilterOp::Regex) + 1);

// A value read as a number for comparison. Exact numbers (integers, decimals, plain-notation text)
// keep their digits so that nothing is rounded: no leading zeros in intDigits, no trailing zeros in
// fracDigits, zero has no digits and is never negative. Not copyable because the views may point
// into buf.
struct Number
{
    enum Kind : std::uint8_t { None, Exact, Float };
    Kind kind = None;
    bool negative = false;
    std::string_view intDigits;
    std::string_view fracDigits;
    char buf[24];

    Number() = default;
    Number(const Number &) = delete;
    Number &operator=(const Number &) = delete;
};

bool isBlank(char c) { return c == ' ' || c == '\t'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Plain decimal notation: [blanks][+-]digits[.digits][blanks], at least one digit. The blanks
// mirror Value::toDouble so both agree on what is a number.
bool parseExact(std::string_view s, Number &n)
{
    std::size_t b = 0, e = s.size();
    while (b < e && isBlank(s[b])) ++b;
    while (e > b && isBlank(s[e - 1])) --e;
    bool negative = false;
    if (b < e && (s[b] == '+' || s[b] == '-'))
        negative = s[b++] == '-';
    const std::size_t intBegin = b;
    while (b < e && isDigit(s[b])) ++b;
    std::string_view intPart = s.substr(intBegin, b - intBegin);
    std::string_view fracPart;
    if (b < e && s[b] == '.') {
        const std::size_t fracBegin = ++b;
        while (b < e && isDigit(s[b])) ++b;
        fracPart = s.substr(fracBegin, b - fracBegin);
    }
    if (b != e || (intPart.empty() && fracPart.empty()))
        return false;
    while (!intPart.empty() && intPart.front() == '0') intPart.remove_prefix(1);
    while (!fracPart.empty() && fracPart.back() == '0') fracPart.remove_suffix(1);
    n.kind = Number::Exact;
    n.intDigits = intPart;
    n.fracDigits = fracPart;
    n.negative = negative && !(intPart.empty() && fracPart.empty());
    return true;
}

void setMagnitude(Number &n, std::uint64_t magnitude, bool negative)
{
    n.kind = Number::Exact;
    n.negative = negative && magnitude != 0;
    if (magnitude == 0) {
        n.intDigits = {};
    } else {
        auto res = std::to_chars(n.buf, n.buf + sizeof n.buf, magnitude);
        n.intDigits = std::string_view(n.buf, std::size_t(res.ptr - n.buf));
    }
    n.fracDigits = {};
}

void parseNumber(const Value &v, Number &n)
{
    switch (v.type()) {
    case ValueType::Int: {
        const std::int64_t i = v.asInt();
        setMagnitude(n, i < 0 ? std::uint64_t(0) - std::uint64_t(i) : std::uint64_t(i), i < 0);
        return;
    }
    case ValueType::UInt: setMagnitude(n, v.asUInt(), false); return;
    case ValueType::Bool: setMagnitude(n, v.asBool() ? 1 : 0, false); return;
    case ValueType::Double: n.kind = Number::Float; return;
    case ValueType::Decimal:
    case ValueType::Text: {
        if (parseExact(v.str(), n))
            return;
        // Exponent notation is still a number, compared as a double; "nan" and "inf" are words.
        double d = 0;
        n.kind = v.toDouble(d) && std::isfinite(d) ? Number::Float : Number::None;
        return;
    }
    default: n.kind = Number::None; return;
    }
}

std::strong_ordering compareExact(const Number &a, const Number &b)
{
    if (a.negative != b.negative)
        return a.negative ? std::strong_ordering::less : std::strong_ordering::greater;
    auto magnitude = a.intDigits.size() <=> b.intDigits.size();
    if (magnitude == 0)
        magnitude = a.intDigits.compare(b.intDigits) <=> 0;
    if (magnitude == 0) // no trailing zeros, so plain lexicographic order is numeric order
        magnitude = a.fracDigits.compare(b.fracDigits) <=> 0;
    if (a.negative)
        return 0 <=> magnitude;
    return magnitude;
}

std::partial_ordering compareNumbers(const Value &a, const Number &na, const Value &b, const Number &nb)
{
    if (na.kind == Number::Exact && nb.kind == Number::Exact)
        return compareExact(na, nb);
    double da = 0, db = 0;
    a.toDouble(da);
    b.toDouble(db);
    return da <=> db;
}

// The text of a value without copying it when it already is text.
std::string_view textOf(const Value &v, std::string &scratch)
{
    if (v.isStringLike())
        return v.str();
    scratch = v.toString();
    return scratch;
}

std::partial_ordering compareText(std::string_view a, std::string_view b)
{
    // char_traits<char> compares as unsigned char: UTF-8 byte order.
    return a.compare(b) <=> 0;
}

struct Operand
{
    Value value;
    std::string text; // value as text, for text comparisons and the text operators
    bool numeric = false;
};

Value operandFromJson(const nlohmann::json &j, const std::string &path)
{
    switch (j.type()) {
    case nlohmann::json::value_t::string: return Value::text(j.get<std::string>());
    case nlohmann::json::value_t::boolean: return Value::boolean(j.get<bool>());
    case nlohmann::json::value_t::number_integer: return Value::integer(j.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
        const auto u = j.get<std::uint64_t>();
        return u <= std::uint64_t(INT64_MAX) ? Value::integer(std::int64_t(u)) : Value::unsignedInteger(u);
    }
    case nlohmann::json::value_t::number_float: {
        // The shortest text that reads back as the same double: 0.1 stays "0.1", so it compares
        // exactly with a DECIMAL field holding 0.10.
        const double d = j.get<double>();
        char buf[64];
        auto res = std::to_chars(buf, buf + sizeof buf, d);
        std::string s(buf, res.ptr);
        if (s.find_first_of("eEni") != std::string::npos)
            return Value::floating(d);
        return Value::decimal(std::move(s));
    }
    default:
        throw ConfigError(path + ": must be a string, number or boolean");
    }
}

Operand makeOperand(const nlohmann::json &j, const std::string &path)
{
    Operand o;
    o.value = operandFromJson(j, path);
    o.text = o.value.toString();
    Number n;
    parseNumber(o.value, n);
    o.numeric = n.kind != Number::None;
    return o;
}

} // namespace

std::partial_ordering compareValues(const Value &a, const Value &b, bool *numeric)
{
    Number na, nb;
    parseNumber(a, na);
    if (na.kind != Number::None)
        parseNumber(b, nb);
    const bool bothNumeric = na.kind != Number::None && nb.kind != Number::None;
    if (numeric)
        *numeric = bothNumeric;
    if (bothNumeric)
        return compareNumbers(a, na, b, nb);
    std::string sa, sb;
    return compareText(textOf(a, sa), textOf(b, sb));
}

struct FilterSet::Condition
{
    std::string field;
    FilterOp op = FilterOp::Eq;
    std::vector<Operand> operands;
    QRegularExpression regex;

    bool matches(const Value *v) const;
};

bool FilterSet::Condition::matches(const Value *v) const
{
    // A missing value is "not equal" to any value (AppFlow users filter "Industry != Energy"
    // and expect accounts without an industry to stay); every other comparison is false.
    if (!v || v->isNull())
        return op == FilterOp::IsNull || op == FilterOp::Neq || op == FilterOp::NotIn;

    // Compare against operand i: numerically when both sides are numbers, else as text. The
    // field is parsed at most once per condition, and only when some operand is a number.
    Number fieldNumber;
    bool parsed = false;
    std::string scratch;
    std::string_view text;
    bool haveText = false;
    auto fieldText = [&]() {
        if (!haveText) {
            text = textOf(*v, scratch);
            haveText = true;
        }
        return text;
    };
    auto compare = [&](const Operand &o) -> std::partial_ordering {
        if (!o.numeric && v->isStringLike()) // the common case: text against text
            return compareText(v->str(), o.text);
        if (o.numeric) {
            if (!parsed) {
                parseNumber(*v, fieldNumber);
                parsed = true;
            }
            if (fieldNumber.kind != Number::None) {
                Number n;
                parseNumber(o.value, n);
                return compareNumbers(*v, fieldNumber, o.value, n);
            }
        }
        return compareText(fieldText(), o.text);
    };

    switch (op) {
    case FilterOp::IsNull: return false;
    case FilterOp::IsNotNull: return true;
    case FilterOp::Eq: return compare(operands[0]) == 0;
    case FilterOp::Neq: {
        const auto c = compare(operands[0]);
        return c != 0 && c != std::partial_ordering::unordered;
    }
    case FilterOp::Lt: return compare(operands[0]) < 0;
    case FilterOp::Lte: return compare(operands[0]) <= 0;
    case FilterOp::Gt: return compare(operands[0]) > 0;
    case FilterOp::Gte: return compare(operands[0]) >= 0;
    case FilterOp::Between: return compare(operands[0]) >= 0 && compare(operands[1]) <= 0;
    case FilterOp::In:
    case FilterOp::NotIn: {
        bool found = false;
        for (const Operand &o : operands) {
            if (compare(o) == 0) {
                found = true;
                break;
            }
        }
        return found == (op == FilterOp::In);
    }
    case FilterOp::Contains: return fieldText().find(operands[0].text) != std::string_view::npos;
    case FilterOp::StartsWith: return fieldText().starts_with(operands[0].text);
    case FilterOp::EndsWith: return fieldText().ends_with(operands[0].text);
    case FilterOp::Regex: {
        const std::string_view t = fieldText();
        return regex.match(QString::fromUtf8(t.data(), qsizetype(t.size()))).hasMatch();
    }
    }
    return false;
}

FilterSet::FilterSet() = default;
FilterSet::~FilterSet() = default;
FilterSet::FilterSet(const FilterSet &other) = default;
FilterSet &FilterSet::operator=(const FilterSet &other) = default;
FilterSet::FilterSet(FilterSet &&other) noexcept = default;
FilterSet &FilterSet::operator=(FilterSet &&other) noexcept = default;

FilterSet FilterSet::compile(const nlohmann::json &filters)
{
    FilterSet set;
    if (filters.is_null())
        return set;
    if (!filters.is_array())
        throw ConfigError("filters: must be an array");
    for (std::size_t i = 0; i < filters.size(); ++i) {
        const std::string path = "filters[" + std::to_string(i) + "]";
        const nlohmann::json &f = filters[i];
        if (!f.is_object())
            throw ConfigError(path + ": must be an object");
        for (const auto &[key, unused] : f.items()) {
            if (key != "field" && key != "op" && key != "value")
                throw ConfigError(path + "." + key + ": unknown key");
        }
        Condition c;
        auto field = f.find("field");
        if (field == f.end())
            throw ConfigError(path + ".field: missing");
        if (!field->is_string() || field->get_ref<const std::string &>().empty())
            throw ConfigError(path + ".field: must be a non-empty string");
        c.field = field->get<std::string>();

        auto op = f.find("op");
        if (op == f.end())
            throw ConfigError(path + ".op: missing");
        if (!op->is_string())
            throw ConfigError(path + ".op: must be a string");
        const std::string &opName = op->get_ref<const std::string &>();
        std::size_t opIndex = 0;
        while (opIndex < vocabulary::kFilterOps.size() && vocabulary::kFilterOps[opIndex] != opName)
            ++opIndex;
        if (opIndex == vocabulary::kFilterOps.size())
            throw ConfigError(path + ".op: unknown operator '" + opName + "'");
        c.op = FilterOp(opIndex);

        const std::string valuePath = path + ".value";
        auto value = f.find("value");
        const bool hasValue = value != f.end() && !value->is_null();
        switch (c.op) {
        case FilterOp::IsNull:
        case FilterOp::IsNotNull:
            if (hasValue)
                throw ConfigError(valuePath + ": " + opName + " takes no value");
            break;
        case FilterOp::Between:
            if (!hasValue || !value->is_array() || value->size() != 2)
                throw ConfigError(valuePath + ": between needs [low, high]");
            c.operands.push_back(makeOperand((*value)[0], valuePath + "[0]"));
            c.operands.push_back(makeOperand((*value)[1], valuePath + "[1]"));
            break;
        case FilterOp::In:
        case FilterOp::NotIn:
            if (!hasValue || !value->is_array() || value->empty())
                throw ConfigError(valuePath + ": " + opName + " needs a non-empty list of values");
            for (std::size_t k = 0; k < value->size(); ++k)
                c.operands.push_back(makeOperand((*value)[k], valuePath + "[" + std::to_string(k) + "]"));
            break;
        case FilterOp::Regex: {
            if (!hasValue || !value->is_string())
                throw ConfigError(valuePath + ": regex needs a pattern string");
            c.regex.setPattern(QString::fromStdString(value->get<std::string>()));
            if (!c.regex.isValid())
                throw ConfigError(valuePath + ": invalid regular expression: "
                                  + c.regex.errorString().toStdString() + " at offset "
                                  + std::to_string(c.regex.patternErrorOffset()));
            c.regex.optimize(); // JIT-compile now rather than on the first record
            break;
        }
        default:
            if (!hasValue)
                throw ConfigError(valuePath + ": missing");
            c.operands.push_back(makeOperand(*value, valuePath));
            break;
        }
        set.m_conditions.push_back(std::move(c));
    }
    return set;
}

const std::vector<int> &FilterSet::slotsFor(const SchemaPtr &schema) const
{
    return m_fieldIndexes.indexesFor(schema, m_conditions.size(), [this](std::size_t i) -> const std::string & { return m_conditions[i].field; });
}

bool FilterSet::accepts(const Record &record) const
{
    if (m_conditions.empty())
        return true;
    const std::vector<int> &index = slotsFor(record.schema);
    for (std::size_t i = 0; i < m_conditions.size(); ++i) {
        const int k = index[i];
        const Value *v = k >= 0 && std::size_t(k) < record.values.size() ? &record.values[std::size_t(k)] : nullptr;
        if (!m_conditions[i].matches(v))
            return false;
    }
    return true;
}

bool FilterSet::empty() const
{
    return m_conditions.empty();
}

std::vector<std::string> FilterSet::fields() const
{
    std::vector<std::string> names;
    for (const Condition &c : m_conditions) {
        if (std::find(names.begin(), names.end(), c.field) == names.end())
            names.push_back(c.field);
    }
    return names;
}

} // namespace flowdeck
