#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace flowdeck {

/// The type of a Value. Decimals, dates and times keep their exact text form so nothing is lost
/// between a source and a sink (a DECIMAL(30,10) never passes through a double).
enum class ValueType : std::uint8_t {
    Null,
    Bool,
    Int,      // signed 64-bit
    UInt,     // unsigned 64-bit (BIGINT UNSIGNED beyond INT64_MAX)
    Decimal,  // exact, canonical text: "-12.3400"
    Double,
    Text,     // UTF-8
    Bytes,    // arbitrary octets
    Date,     // "YYYY-MM-DD"
    Time,     // "[-]HHH:MM:SS[.ffffff]"
    DateTime, // "YYYY-MM-DD HH:MM:SS[.ffffff]"
};

/// Name of a type as shown in error messages ("text", "decimal", ...).
const char *valueTypeName(ValueType type);

/// One typed field value. A plain value type: cheap to move, no Qt, safe to use on hot paths.
class Value
{
public:
    Value() = default;

    static Value null() { return {}; }
    static Value boolean(bool b);
    static Value integer(std::int64_t i);
    static Value unsignedInteger(std::uint64_t u);
    static Value floating(double d);
    static Value decimal(std::string canonical);
    static Value text(std::string s);
    static Value bytes(std::string s);
    static Value date(std::string iso);
    static Value time(std::string iso);
    static Value dateTime(std::string iso);

    ValueType type() const { return m_type; }
    bool isNull() const { return m_type == ValueType::Null; }
    bool isNumeric() const;
    bool isStringLike() const; // Text, Bytes, Decimal, Date, Time, DateTime: carry their text in str()

    bool asBool() const { return m_num.b; }
    std::int64_t asInt() const { return m_num.i; }
    std::uint64_t asUInt() const { return m_num.u; }
    double asDouble() const { return m_num.d; }
    /// The text of a string-like value (Text, Bytes, Decimal, Date, Time, DateTime).
    const std::string &str() const { return m_str; }
    std::string &mutableStr() { return m_str; }

    /// Renders any value as text: integers in decimal, doubles shortest round-trip, booleans
    /// "true"/"false", null as the empty string. Used by filters, transforms and error messages.
    std::string toString() const;

    /// Parses a numeric value of any type, or text holding a number, into a double.
    /// Returns false for null, non-numeric text and bytes.
    bool toDouble(double &out) const;

    bool operator==(const Value &other) const;

private:
    ValueType m_type = ValueType::Null;
    union {
        bool b;
        std::int64_t i;
        std::uint64_t u;
        double d;
    } m_num{};
    std::string m_str;
};

} // namespace flowdeck
