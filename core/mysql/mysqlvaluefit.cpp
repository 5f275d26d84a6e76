#include "core/mysql/mysqlvaluefit.h"

#include "core/mysql/mysqlstatementbuilder.h"
#include "core/mysql/mysqlfitrules.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace flowdeck {

// ---- arena ----------------------------------------------------------------------------------

char *MySqlValueArena::allocate(std::size_t size)
{
    if (size > kChunkSize / 4) {
        m_large.push_back(std::make_unique<char[]>(size));
        return m_large.back().get();
    }
    if (m_chunks.empty())
        m_chunks.push_back(std::make_unique<char[]>(kChunkSize));
    if (m_used + size > kChunkSize) {
        ++m_chunk;
        if (m_chunk == m_chunks.size())
            m_chunks.push_back(std::make_unique<char[]>(kChunkSize));
        m_used = 0;
    }
    char *p = m_chunks[m_chunk].get() + m_used;
    m_used += size;
    return p;
}

std::string_view MySqlValueArena::store(std::string_view text)
{
    char *p = allocate(text.size());
    if (!text.empty())
        std::memcpy(p, text.data(), text.size());
    return {p, text.size()};
}

void MySqlValueArena::clear()
{
    m_large.clear();
    m_chunk = 0;
    m_used = 0;
}

MySqlWireForm wireForm(const MySqlColumn &column)
{
    switch (column.kind) {
    case MySqlColumnKind::Integer:
    case MySqlColumnKind::Decimal:
    case MySqlColumnKind::Float:
    case MySqlColumnKind::Double:
    case MySqlColumnKind::Year:
        return MySqlWireForm::Number;
    case MySqlColumnKind::Binary:
    case MySqlColumnKind::Bit:
    case MySqlColumnKind::Geometry:
        return MySqlWireForm::Bytes;
    default:
        return MySqlWireForm::Text;
    }
}

// ---- messages -------------------------------------------------------------------------------

std::string shownText(std::string_view text)
{
    constexpr std::size_t kMax = 60;
    if (text.size() <= kMax)
        return '"' + std::string(text) + '"';
    std::size_t cut = kMax - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut; // not inside a UTF-8 sequence
    return '"' + std::string(text.substr(0, cut)) + "...\"";
}

std::string shownValue(const Value &value)
{
    if (value.isStringLike())
        return shownText(value.str());
    return value.toString();
}

std::string columnReference(const MySqlColumn &column)
{
    return "column " + quoteIdentifier(column.name) + ' ' + column.typeText;
}

namespace {

using fit::refuse;
using fit::setValue;

std::string shown(std::string_view text) { return shownText(text); }
std::string shown(const Value &value) { return shownValue(value); }
std::string columnRef(const MySqlColumn &column) { return columnReference(column); }


/// The text of any non-null value: its own text for string-like values, else rendered into the
/// arena (integers in decimal, doubles shortest round-trip, booleans "true"/"false").
std::string_view textOf(const Value &value, MySqlValueArena &arena)
{
    char buf[64];
    switch (value.type()) {
    case ValueType::Int: {
        auto res = std::to_chars(buf, buf + sizeof buf, value.asInt());
        return arena.store({buf, std::size_t(res.ptr - buf)});
    }
    case ValueType::UInt: {
        auto res = std::to_chars(buf, buf + sizeof buf, value.asUInt());
        return arena.store({buf, std::size_t(res.ptr - buf)});
    }
    case ValueType::Double: {
        auto res = std::to_chars(buf, buf + sizeof buf, value.asDouble());
        return arena.store({buf, std::size_t(res.ptr - buf)});
    }
    case ValueType::Bool:
        return value.asBool() ? std::string_view("true") : std::string_view("false");
    default:
        return value.str();
    }
}

// ---- numbers --------------------------------------------------------------------------------

enum class IntText { Ok, NotInteger, Overflow };

/// "[+-]digits[.0*]" into sign and magnitude. `canonical`: already what the server should get.
IntText parseIntegerText(std::string_view s, bool &negative, std::uint64_t &magnitude, bool &canonical)
{
    const char *p = s.data();
    const char *e = p + s.size();
    negative = false;
    canonical = true;
    if (p < e && (*p == '+' || *p == '-')) {
        negative = *p == '-';
        canonical = negative;
        ++p;
    }
    const char *digits = p;
    std::uint64_t m = 0;
    bool overflow = false;
    while (p < e && *p >= '0' && *p <= '9') {
        const unsigned d = unsigned(*p - '0');
        if (m > (UINT64_MAX - d) / 10)
            overflow = true;
        else
            m = m * 10 + d;
        ++p;
    }
    if (p == digits)
        return IntText::NotInteger;
    if ((*digits == '0' && p - digits > 1) || (negative && m == 0))
        canonical = false;
    if (p < e && *p == '.') {
        canonical = false;
        for (++p; p < e && *p == '0'; ++p) {
        }
    }
    if (p != e)
        return IntText::NotInteger;
    magnitude = m;
    return overflow ? IntText::Overflow : IntText::Ok;
}

std::string rangeText(const MySqlColumn &column)
{
    return std::to_string(column.minInt) + " to " + std::to_string(column.maxInt);
}

bool inIntRange(bool negative, std::uint64_t magnitude, const MySqlColumn &column)
{
    if (negative && magnitude != 0)
        return column.minInt < 0 && magnitude - 1 <= std::uint64_t(-(column.minInt + 1));
    return magnitude <= column.maxInt;
}

void setInteger(MySqlCell &cell, bool negative, std::uint64_t magnitude, MySqlValueArena &arena)
{
    char buf[24];
    char *p = buf;
    if (negative && magnitude)
        *p++ = '-';
    auto res = std::to_chars(p, buf + sizeof buf, magnitude);
    setValue(cell, arena.store({buf, std::size_t(res.ptr - buf)}));
}

bool fitInteger(const Value &value, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
                std::string &reason)
{
    bool negative = false;
    std::uint64_t magnitude = 0;
    bool canonical = false;
    switch (value.type()) {
    case ValueType::Int:
        negative = value.asInt() < 0;
        magnitude = negative ? std::uint64_t(-(value.asInt() + 1)) + 1 : std::uint64_t(value.asInt());
        break;
    case ValueType::UInt:
        magnitude = value.asUInt();
        break;
    case ValueType::Bool:
        magnitude = value.asBool() ? 1 : 0;
        break;
    case ValueType::Double: {
        const double d = value.asDouble();
        if (!std::isfinite(d) || d != std::trunc(d))
            return refuse(reason, shown(value) + " is not an integer for " + columnRef(column));
        if (d >= 18446744073709551616.0 || d <= -9223372036854775809.0)
            return refuse(reason, shown(value) + " is out of range for " + columnRef(column) + " (" + rangeText(column) + ')');
        negative = d < 0;
        magnitude = negative ? std::uint64_t(-(d + 1)) + 1 : std::uint64_t(d);
        break;
    }
    default: {
        const std::string &s = value.str();
        if (column.boolean && (equalsIgnoringAsciiCase(s, "true") || equalsIgnoringAsciiCase(s, "false"))) {
            setValue(cell, s.size() == 4 ? std::string_view("1") : std::string_view("0"));
            return true;
        }
        const IntText parsed = parseIntegerText(s, negative, magnitude, canonical);
        if (parsed == IntText::NotInteger)
            return refuse(reason, shown(value) + " is not an integer for " + columnRef(column));
        if (parsed == IntText::Overflow)
            return refuse(reason, shown(value) + " is out of range for " + columnRef(column) + " (" + rangeText(column) + ')');
    }
    }
    if (!inIntRange(negative, magnitude, column))
        return refuse(reason, (value.isStringLike() ? shown(value) : (negative ? "-" : "") + std::to_string(magnitude))
                                  + " is out of range for " + columnRef(column) + " (" + rangeText(column) + ')');
    if (canonical)
        setValue(cell, value.str());
    else
        setInteger(cell, negative, magnitude, arena);
    return true;
}

bool fitDecimal(const Value &value, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
                std::string &reason)
{
    std::string_view text;
    char buf[400];
    switch (value.type()) {
    case ValueType::Double: {
        if (!std::isfinite(value.asDouble()))
            return refuse(reason, shown(value) + " is not a number for " + columnRef(column));
        auto res = std::to_chars(buf, buf + sizeof buf, value.asDouble(), std::chars_format::fixed);
        if (res.ec != std::errc())
            return refuse(reason, shown(value) + " is out of range for " + columnRef(column));
        text = {buf, std::size_t(res.ptr - buf)};
        break;
    }
    case ValueType::Bool:
        text = value.asBool() ? "1" : "0";
        break;
    case ValueType::Int:
    case ValueType::UInt:
        text = textOf(value, arena);
        break;
    default:
        text = value.str();
    }
    // [+-] digits [. digits]
    const char *p = text.data();
    const char *e = p + text.size();
    const bool negative = p < e && *p == '-';
    bool canonical = !(p < e && *p == '+');
    if (p < e && (*p == '+' || *p == '-'))
        ++p;
    const char *intBegin = p;
    while (p < e && *p >= '0' && *p <= '9')
        ++p;
    const char *intEnd = p;
    const char *fracBegin = p, *fracEnd = p;
    if (p < e && *p == '.') {
        fracBegin = ++p;
        while (p < e && *p >= '0' && *p <= '9')
            ++p;
        fracEnd = p;
    }
    if (p != e || (intBegin == intEnd && fracBegin == fracEnd))
        return refuse(reason, shown(value) + " is not a number for " + columnRef(column));
    const char *significant = intBegin;
    while (significant < intEnd && *significant == '0')
        ++significant;
    const char *fracSignificantEnd = fracEnd;
    while (fracSignificantEnd > fracBegin && fracSignificantEnd[-1] == '0')
        --fracSignificantEnd;
    if (std::size_t(intEnd - significant) > column.precision - column.scale)
        return refuse(reason, shown(value) + " is out of range for " + columnRef(column));
    if (std::size_t(fracSignificantEnd - fracBegin) > column.scale)
        return refuse(reason, shown(value) + " has more decimal places than " + columnRef(column) + " allows");
    if (intBegin == intEnd || std::size_t(fracEnd - fracBegin) > column.scale || (fracBegin == fracEnd && *(fracBegin - 1) == '.'))
        canonical = false;
    if (canonical && text.data() == value.str().data()) {
        setValue(cell, text);
        return true;
    }
    // Canonical form: sign, integer digits (at least "0"), the significant fractional digits.
    const std::size_t intDigits = std::size_t(intEnd - significant);
    const std::size_t fracDigits = std::size_t(fracSignificantEnd - fracBegin);
    char *out = arena.allocate(2 + intDigits + 1 + fracDigits);
    std::size_t n = 0;
    if (negative && (intDigits || fracDigits))
        out[n++] = '-';
    if (intDigits) {
        std::memcpy(out + n, significant, intDigits);
        n += intDigits;
    } else {
        out[n++] = '0';
    }
    if (fracDigits) {
        out[n++] = '.';
        std::memcpy(out + n, fracBegin, fracDigits);
        n += fracDigits;
    }
    setValue(cell, {out, n});
    return true;
}

bool fitFloating(const Value &value, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
                 std::string &reason)
{
    double d = 0;
    if (value.type() == ValueType::Bool)
        d = value.asBool() ? 1 : 0;
    else if (!value.toDouble(d) || value.type() == ValueType::Bytes)
        return refuse(reason, shown(value) + " is not a number for " + columnRef(column));
    if (!std::isfinite(d))
        return refuse(reason, shown(value) + " is not a finite number for " + columnRef(column));
    if (column.kind == MySqlColumnKind::Float && std::fabs(d) > FLT_MAX)
        return refuse(reason, shown(value) + " is out of range for " + columnRef(column));
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, d);
    setValue(cell, arena.store({buf, std::size_t(res.ptr - buf)}));
    return true;
}

bool fitBit(const Value &value, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
            std::string &reason)
{
    const unsigned bytes = (column.bits + 7) / 8;
    std::uint64_t v = 0;
    if (value.type() == ValueType::Bytes) {
        const std::string &s = value.str();
        if (s.size() > 8)
            return refuse(reason, "value of " + std::to_string(s.size()) + " bytes does not fit " + columnRef(column));
        for (unsigned char c : s)
            v = (v << 8) | c;
    } else if (value.type() == ValueType::Int && value.asInt() < 0) {
        return refuse(reason, shown(value) + " is out of range for " + columnRef(column));
    } else if (value.type() == ValueType::Int || value.type() == ValueType::UInt || value.type() == ValueType::Bool) {
        v = value.type() == ValueType::Bool ? (value.asBool() ? 1 : 0) : value.asUInt();
    } else if (value.isStringLike()) {
        bool negative = false, canonical = false;
        const IntText parsed = parseIntegerText(value.str(), negative, v, canonical);
        if (parsed == IntText::NotInteger || (negative && v))
            return refuse(reason, shown(value) + " is not a bit value for " + columnRef(column));
        if (parsed == IntText::Overflow)
            return refuse(reason, shown(value) + " is out of range for " + columnRef(column));
    } else {
        return refuse(reason, shown(value) + " is not a bit value for " + columnRef(column));
    }
    if (column.bits < 64 && (v >> column.bits) != 0)
        return refuse(reason, (value.type() == ValueType::Bytes ? std::string("value") : shown(value))
                                  + " is out of range for " + columnRef(column));
    char *out = arena.allocate(bytes);
    for (unsigned i = 0; i < bytes; ++i)
        out[i] = char((v >> (8 * (bytes - 1 - i))) & 0xFF);
    setValue(cell, {out, bytes});
    return true;
}

bool fitYear(const Value &value, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
             std::string &reason)
{
    std::int64_t year = -1;
    if (value.type() == ValueType::Int)
        year = value.asInt();
    else if (value.type() == ValueType::UInt)
        year = value.asUInt() > 10000 ? 10000 : std::int64_t(value.asUInt());
    else if (value.type() == ValueType::Text || value.type() == ValueType::Decimal) {
        const std::string &s = value.str();
        if (s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
            year = std::stoi(s);
        else if (s == "0")
            year = 0;
    }
    if (year < 0 && !(value.type() == ValueType::Int))
        return refuse(reason, shown(value) + " is not a year for " + columnRef(column));
    if (year != 0 && (year < 1901 || year > 2155))
        return refuse(reason, shown(value) + " is out of range for " + columnRef(column) + " (1901 to 2155)");
    if (year == 0) {
        // "0000": as a string the server reads "0" as 2000, "0000" as the year 0.
        setValue(cell, std::string_view("0000"));
        return true;
    }
    char buf[8];
    auto res = std::to_chars(buf, buf + sizeof buf, year);
    setValue(cell, arena.store({buf, std::size_t(res.ptr - buf)}));
    return true;
}

bool fitJson(const Value &value, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
             std::string &reason)
{
    const std::string_view text = textOf(value, arena);
    if (!nlohmann::json::accept(text.begin(), text.end()))
        return refuse(reason, shown(text) + " is not valid JSON for " + columnRef(column));
    return fitText(text, column, cell, reason);
}

} // namespace

// ---- entry point ----------------------------------------------------------------------------

bool fitMySqlValue(const Value &value, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
                   std::string &reason)
{
    if (value.isNull()) {
        if (column.nullable || column.autoIncrement) {
            cell.kind = MySqlCellKind::Null;
            return true;
        }
        if (column.hasDefault) {
            cell.kind = MySqlCellKind::Default;
            return true;
        }
        return refuse(reason, "column " + quoteIdentifier(column.name) + " is NOT NULL and has no default");
    }
    switch (column.kind) {
    case MySqlColumnKind::Integer:
        return fitInteger(value, column, cell, arena, reason);
    case MySqlColumnKind::Decimal:
        return fitDecimal(value, column, cell, arena, reason);
    case MySqlColumnKind::Float:
    case MySqlColumnKind::Double:
        return fitFloating(value, column, cell, arena, reason);
    case MySqlColumnKind::Bit:
        return fitBit(value, column, cell, arena, reason);
    case MySqlColumnKind::Char:
    case MySqlColumnKind::Text:
        return fitText(textOf(value, arena), column, cell, reason);
    case MySqlColumnKind::Binary: {
        const std::string_view bytes = textOf(value, arena);
        if (column.maxBytes && bytes.size() > column.maxBytes)
            return refuse(reason, "value of " + std::to_string(bytes.size()) + " bytes does not fit " + columnRef(column));
        setValue(cell, bytes);
        return true;
    }
    case MySqlColumnKind::Enum:
    case MySqlColumnKind::Set:
        // A number is the 1-based ENUM index or the SET bit mask, as MySQL reads a number for
        // these columns (and as TiCDC's canal-json carries them).
        if (value.type() == ValueType::Int || value.type() == ValueType::UInt)
            return fitEnumNumber(value, column, cell, arena, reason);
        if (column.kind == MySqlColumnKind::Enum)
            return fitEnum(textOf(value, arena), column, cell, reason);
        return fitSet(textOf(value, arena), column, cell, arena, reason);
    case MySqlColumnKind::Date:
    case MySqlColumnKind::DateTime:
    case MySqlColumnKind::Timestamp:
    case MySqlColumnKind::Time:
        return fitTemporal(value, column, cell, arena, reason);
    case MySqlColumnKind::Year:
        return fitYear(value, column, cell, arena, reason);
    case MySqlColumnKind::Json:
        return fitJson(value, column, cell, arena, reason);
    case MySqlColumnKind::Geometry: {
        // The server's internal form: a 4-byte SRID, then the WKB (byte order, 4-byte type, ...).
        const std::string_view bytes = value.isStringLike() ? std::string_view(value.str()) : std::string_view();
        if (bytes.size() < 9 || (bytes[4] != 0 && bytes[4] != 1))
            return refuse(reason, shown(value) + " is not a geometry (a 4-byte SRID and WKB) for " + columnRef(column));
        setValue(cell, bytes);
        return true;
    }
    case MySqlColumnKind::Other:
        setValue(cell, textOf(value, arena));
        return true;
    }
    return refuse(reason, "internal error: unknown column kind for " + columnRef(column));
}

} // namespace flowdeck
