#include "core/model/value.h"

#include <charconv>
#include <cstdlib>

namespace flowdeck {

const char *valueTypeName(ValueType type)
{
    switch (type) {
    case ValueType::Null: return "null";
    case ValueType::Bool: return "boolean";
    case ValueType::Int: return "integer";
    case ValueType::UInt: return "unsigned integer";
    case ValueType::Decimal: return "decimal";
    case ValueType::Double: return "floating";
    case ValueType::Text: return "text";
    case ValueType::Bytes: return "bytes";
    case ValueType::Date: return "date";
    case ValueType::Time: return "time";
    case ValueType::DateTime: return "datetime";
    }
    return "unknown";
}

Value Value::boolean(bool b) { Value v; v.m_type = ValueType::Bool; v.m_num.b = b; return v; }
Value Value::integer(std::int64_t i) { Value v; v.m_type = ValueType::Int; v.m_num.i = i; return v; }
Value Value::unsignedInteger(std::uint64_t u) { Value v; v.m_type = ValueType::UInt; v.m_num.u = u; return v; }
Value Value::floating(double d) { Value v; v.m_type = ValueType::Double; v.m_num.d = d; return v; }

Value Value::text(std::string s) { Value v; v.m_type = ValueType::Text; v.m_str = std::move(s); return v; }
Value Value::decimal(std::string s) { Value v; v.m_type = ValueType::Decimal; v.m_str = std::move(s); return v; }
Value Value::bytes(std::string s) { Value v; v.m_type = ValueType::Bytes; v.m_str = std::move(s); return v; }
Value Value::date(std::string s) { Value v; v.m_type = ValueType::Date; v.m_str = std::move(s); return v; }
Value Value::time(std::string s) { Value v; v.m_type = ValueType::Time; v.m_str = std::move(s); return v; }
Value Value::dateTime(std::string s) { Value v; v.m_type = ValueType::DateTime; v.m_str = std::move(s); return v; }

bool Value::isNumeric() const
{
    return m_type == ValueType::Int || m_type == ValueType::UInt || m_type == ValueType::Double
        || m_type == ValueType::Decimal;
}

bool Value::isStringLike() const
{
    switch (m_type) {
    case ValueType::Text:
    case ValueType::Bytes:
    case ValueType::Decimal:
    case ValueType::Date:
    case ValueType::Time:
    case ValueType::DateTime:
        return true;
    default:
        return false;
    }
}

std::string Value::toString() const
{
    switch (m_type) {
    case ValueType::Null: return {};
    case ValueType::Bool: return m_num.b ? "true" : "false";
    case ValueType::Int: return std::to_string(m_num.i);
    case ValueType::UInt: return std::to_string(m_num.u);
    case ValueType::Double: {
        char buf[64];
        auto res = std::to_chars(buf, buf + sizeof buf, m_num.d);
        return std::string(buf, res.ptr);
    }
    default: return m_str;
    }
}

bool Value::toDouble(double &out) const
{
    switch (m_type) {
    case ValueType::Bool: out = m_num.b ? 1 : 0; return true;
    case ValueType::Int: out = double(m_num.i); return true;
    case ValueType::UInt: out = double(m_num.u); return true;
    case ValueType::Double: out = m_num.d; return true;
    case ValueType::Decimal:
    case ValueType::Text: {
        const char *b = m_str.data();
        const char *e = b + m_str.size();
        while (b < e && (*b == ' ' || *b == '\t')) ++b;
        while (e > b && (e[-1] == ' ' || e[-1] == '\t')) --e;
        if (b == e) return false;
        if (*b == '+') ++b;
        auto res = std::from_chars(b, e, out);
        return res.ec == std::errc() && res.ptr == e;
    }
    default:
        return false;
    }
}

bool Value::operator==(const Value &other) const
{
    if (m_type != other.m_type) return false;
    switch (m_type) {
    case ValueType::Null: return true;
    case ValueType::Bool: return m_num.b == other.m_num.b;
    case ValueType::Int: return m_num.i == other.m_num.i;
    case ValueType::UInt: return m_num.u == other.m_num.u;
    case ValueType::Double: return m_num.d == other.m_num.d;
    default: return m_str == other.m_str;
    }
}

} // namespace flowdeck
