#include "core/mysql/mysqlwirevalue.h"

#include "core/model/base64.h"
#include "core/mysql/mysqlvaluefit.h"

#include <array>
#include <cstdio>
#include <vector>

namespace flowdeck {

namespace {

bool isDecimalText(const std::string &s)
{
    std::size_t i = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
    bool digits = false, dot = false;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9')
            digits = true;
        else if (s[i] == '.' && !dot)
            dot = true;
        else
            return false;
    }
    return digits;
}

/// Days since 1970-01-01 to "YYYY-MM-DD" (H. Hinnant's civil_from_days).
std::string dateText(std::int64_t z)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const long long y = static_cast<long long>(yoe) + era * 400 + (m <= 2);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", y, m, d);
    return buf;
}

/// "[-]HH:MM:SS.ffffff" of a signed number of microseconds.
std::string clockText(std::int64_t micros)
{
    const bool negative = micros < 0;
    const std::uint64_t u = negative ? std::uint64_t(-micros) : std::uint64_t(micros);
    const std::uint64_t s = u / 1000000;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%02llu:%02llu:%02llu.%06llu", negative ? "-" : "", (unsigned long long)(s / 3600),
                  (unsigned long long)(s / 60 % 60), (unsigned long long)(s % 60), (unsigned long long)(u % 1000000));
    return buf;
}

/// Big-endian two's-complement bytes at `scale` as decimal text.
std::string unscaledText(const std::string &bytes, unsigned scale)
{
    std::vector<unsigned char> magnitude(bytes.begin(), bytes.end());
    const bool negative = !magnitude.empty() && (magnitude[0] & 0x80);
    if (negative) {
        for (auto &b : magnitude)
            b = static_cast<unsigned char>(~b);
        for (std::size_t i = magnitude.size(); i-- > 0;)
            if (++magnitude[i] != 0)
                break;
    }
    std::vector<std::uint32_t> limbs; // base 10^9, least significant first
    for (unsigned char b : magnitude) {
        std::uint64_t carry = b;
        for (auto &limb : limbs) {
            const std::uint64_t v = std::uint64_t(limb) * 256 + carry;
            limb = std::uint32_t(v % 1000000000);
            carry = v / 1000000000;
        }
        for (; carry; carry /= 1000000000)
            limbs.push_back(std::uint32_t(carry % 1000000000));
    }
    std::string digits = limbs.empty() ? std::string("0") : std::to_string(limbs.back());
    for (std::size_t i = limbs.empty() ? 0 : limbs.size() - 1; i-- > 0;) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%09u", limbs[i]);
        digits += buf;
    }
    if (scale > 0) {
        while (digits.size() <= scale)
            digits.insert(digits.begin(), '0');
        digits.insert(digits.end() - scale, '.');
    }
    return negative ? '-' + digits : digits;
}

} // namespace

const Value *wireValueFor(const Value &value, WireValues wire, const MySqlColumn &column, Value &scratch,
                          std::string &reason)
{
    if (wire == WireValues::Typed || value.isNull())
        return &value;
    const bool text = value.type() == ValueType::Text;
    const bool integer = value.type() == ValueType::Int;
    auto decodedBytes = [&](std::string &bytes) {
        if (base64Decode(value.str(), bytes))
            return true;
        reason = shownValue(value) + " is not base64 for " + columnReference(column)
            + (wire == WireValues::JsonUntyped ? " (json messages carry binary values as base64)"
                                               : " (debezium-json carries binary values as base64)");
        return false;
    };
    // Debezium's bigint.unsigned.handling.mode=long (its default) writes a BIGINT UNSIGNED
    // above 2^63-1 as the int64 of the same bits: a negative number for an unsigned BIGINT can
    // only be that.
    if ((wire == WireValues::DebeziumSchemaless || wire == WireValues::DebeziumTyped) && integer && value.asInt() < 0
        && column.kind == MySqlColumnKind::Integer && column.isUnsigned && column.maxInt == UINT64_MAX) {
        scratch = Value::unsignedInteger(std::uint64_t(value.asInt()));
        return &scratch;
    }
    if (wire == WireValues::DebeziumTyped)
        return &value;
    if ((column.kind == MySqlColumnKind::Binary || column.kind == MySqlColumnKind::Geometry) && text) {
        std::string bytes;
        if (!decodedBytes(bytes))
            return nullptr;
        scratch = Value::bytes(std::move(bytes));
        return &scratch;
    }
    if (wire != WireValues::DebeziumSchemaless)
        return &value;
    switch (column.kind) {
    case MySqlColumnKind::Date:
        if (!integer)
            return &value;
        scratch = Value::date(dateText(value.asInt()));
        return &scratch;
    case MySqlColumnKind::DateTime: {
        if (!integer)
            return &value;
        const std::int64_t micros = column.fractionalDigits <= 3 ? value.asInt() * 1000 : value.asInt();
        std::int64_t days = micros / 86400000000LL, rest = micros % 86400000000LL;
        if (rest < 0) {
            rest += 86400000000LL;
            --days;
        }
        scratch = Value::dateTime(dateText(days) + ' ' + clockText(rest));
        return &scratch;
    }
    case MySqlColumnKind::Time:
        if (!integer)
            return &value;
        scratch = Value::time(clockText(value.asInt()));
        return &scratch;
    case MySqlColumnKind::Decimal: {
        if (!text || isDecimalText(value.str()))
            return &value;
        std::string bytes;
        if (!decodedBytes(bytes))
            return nullptr;
        scratch = Value::decimal(unscaledText(bytes, column.scale));
        return &scratch;
    }
    case MySqlColumnKind::Bit: {
        if (!text)
            return &value;
        std::string bytes;
        if (!decodedBytes(bytes))
            return nullptr;
        std::string bigEndian(bytes.rbegin(), bytes.rend()); // Debezium's Bits: least significant byte first
        scratch = Value::bytes(std::move(bigEndian));
        return &scratch;
    }
    default:
        return &value;
    }
}

} // namespace flowdeck
