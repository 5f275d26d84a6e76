#include "core/transform/valuecast.h"

#include "core/flow/flowvocabulary.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace flowdeck {

namespace {

static_assert(vocabulary::kCastTypes.size() == std::size_t(CastType::Time) + 1);

void makeText(Value &v)
{
    if (v.type() != ValueType::Text)
        v = Value::text(v.isStringLike() ? std::move(v.mutableStr()) : v.toString());
}

// Plain decimal text: [blanks][+-]digits[.digits][blanks], at least one digit.
struct DecimalText
{
    bool negative = false;
    std::string_view intPart; // without leading zeros
    std::string_view fracPart;
};

bool parseDecimalText(std::string_view s, DecimalText &d)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        d.negative = s.front() == '-';
        s.remove_prefix(1);
    }
    const std::size_t dot = s.find('.');
    d.intPart = s.substr(0, dot);
    d.fracPart = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
    if (d.intPart.empty() && d.fracPart.empty()) return false;
    for (std::string_view part : {d.intPart, d.fracPart})
        for (char c : part)
            if (c < '0' || c > '9') return false;
    while (!d.intPart.empty() && d.intPart.front() == '0') d.intPart.remove_prefix(1);
    return true;
}

bool allZeros(std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; }

bool digitsAt(std::string_view s, std::size_t pos, std::size_t count, int &out)
{
    if (pos + count > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// "YYYY-MM-DD", a real calendar day.
bool parseDate(std::string_view s, std::string &reason)
{
    int y = 0, m = 0, d = 0;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digitsAt(s, 0, 4, y) || !digitsAt(s, 5, 2, m)
        || !digitsAt(s, 8, 2, d))
        return false;
    if (m < 1 || m > 12) {
        reason = "no such month";
        return false;
    }
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d < 1 || d > kDays[m - 1] + (m == 2 && leap)) {
        reason = "no such day";
        return false;
    }
    return true;
}

// "[-]H:MM[:SS[.ffffff]]" into the canonical "[-]HH:MM:SS[.ffffff]". A time of day has exactly
// two hour digits and no sign; a TIME value (MySQL's range) up to three and may be negative.
bool parseClock(std::string_view s, bool timeOfDay, std::string &out, std::string &reason)
{
    const bool negative = !timeOfDay && !s.empty() && s.front() == '-';
    if (negative) s.remove_prefix(1);
    const std::size_t colon = s.find(':');
    int h = 0, m = 0, sec = 0;
    if (colon == std::string_view::npos || colon < 1 || colon > (timeOfDay ? 2u : 3u) || (timeOfDay && colon != 2)
        || !digitsAt(s, 0, colon, h) || !digitsAt(s, colon + 1, 2, m))
        return false;
    std::size_t pos = colon + 3;
    if (pos < s.size() && s[pos] == ':') {
        if (!digitsAt(s, pos + 1, 2, sec)) return false;
        pos += 3;
    }
    std::string_view fraction;
    if (pos < s.size() && s[pos] == '.') {
        fraction = s.substr(pos + 1);
        if (fraction.empty() || fraction.find_first_not_of("0123456789") != std::string_view::npos) return false;
        pos = s.size();
    }
    if (pos != s.size()) return false;
    if (h > (timeOfDay ? 23 : 838) || m > 59 || sec > 59) {
        reason = h > (timeOfDay ? 23 : 838) ? "hour out of range" : m > 59 ? "minute out of range" : "second out of range";
        return false;
    }
    if (fraction.size() > 6) {
        reason = "more than 6 fractional second digits";
        return false;
    }
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%s%02d:%02d:%02d", negative ? "-" : "", h, m, sec);
    out.assign(buf, std::size_t(n));
    if (!fraction.empty()) out.append(".").append(fraction);
    return true;
}

// "YYYY-MM-DD[ T]HH:MM[:SS[.ffffff]][Z]" into "YYYY-MM-DD HH:MM:SS[.ffffff]". Only UTC is accepted
// as a zone: converting other offsets would silently change the value stored.
bool parseDateTime(std::string_view s, std::string &out, std::string &reason)
{
    if (s.size() < 16 || (s[10] != ' ' && s[10] != 'T') || !parseDate(s.substr(0, 10), reason)) return false;
    std::string_view clock = s.substr(11);
    if (clock.ends_with('Z') || clock.ends_with('z')) clock.remove_suffix(1);
    else if (clock.ends_with("+00:00") || clock.ends_with("-00:00")) clock.remove_suffix(6);
    else if (clock.find_first_of("+-") != std::string_view::npos) {
        reason = "has a time zone offset; only UTC (Z) is supported";
        return false;
    }
    std::string time;
    if (!parseClock(clock, true, time, reason)) return false;
    out.assign(s.substr(0, 10)).append(" ").append(time);
    return true;
}

std::string fixedText(double d)
{
    char buf[400];
    auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
    return std::string(buf, res.ptr);
}

std::string_view trimBlanks(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

} // namespace

std::optional<CastType> castTypeFromName(std::string_view name)
{
    for (std::size_t i = 0; i < vocabulary::kCastTypes.size(); ++i)
        if (vocabulary::kCastTypes[i] == name) return CastType(i);
    return std::nullopt;
}

std::string_view castTypeName(CastType type)
{
    return vocabulary::kCastTypes[std::size_t(type)];
}

bool castValue(Value &v, CastType type, std::string &reason)
{
    if (v.isNull()) return true;
    const ValueType from = v.type();
    const bool textual = from == ValueType::Text || from == ValueType::Decimal;
    switch (type) {
    case CastType::Text:
        makeText(v);
        return true;
    case CastType::Integer: {
        if (from == ValueType::Int || from == ValueType::UInt) return true;
        if (from == ValueType::Bool) { v = Value::integer(v.asBool()); return true; }
        if (from == ValueType::Double) {
            const double d = v.asDouble();
            if (!std::isfinite(d)) return false;
            if (d != std::trunc(d)) { reason = "has a fractional part"; return false; }
            if (d < -9223372036854775808.0 || d >= 9223372036854775808.0) { reason = "out of range"; return false; }
            v = Value::integer(std::int64_t(d));
            return true;
        }
        DecimalText p;
        if (!textual || !parseDecimalText(v.str(), p)) return false;
        if (!allZeros(p.fracPart)) { reason = "has a fractional part"; return false; }
        std::uint64_t magnitude = 0;
        const auto res = std::from_chars(p.intPart.data(), p.intPart.data() + p.intPart.size(), magnitude);
        if (res.ec == std::errc::result_out_of_range || (p.negative && magnitude > (std::uint64_t(1) << 63))) {
            reason = "out of range";
            return false;
        }
        if (p.negative) v = Value::integer(std::int64_t(std::uint64_t(0) - magnitude));
        else if (magnitude <= std::uint64_t(INT64_MAX)) v = Value::integer(std::int64_t(magnitude));
        else v = Value::unsignedInteger(magnitude);
        return true;
    }
    case CastType::Decimal: {
        if (from == ValueType::Decimal) return true;
        if (from == ValueType::Int || from == ValueType::UInt) { v = Value::decimal(v.toString()); return true; }
        if (from == ValueType::Bool) { v = Value::decimal(v.asBool() ? "1" : "0"); return true; }
        double d = 0;
        DecimalText p;
        if (from == ValueType::Text && parseDecimalText(v.str(), p)) {
            const bool zero = p.intPart.empty() && allZeros(p.fracPart);
            std::string canonical = p.negative && !zero ? "-" : "";
            canonical += p.intPart.empty() ? std::string_view("0") : p.intPart;
            if (!p.fracPart.empty()) canonical.append(".").append(p.fracPart);
            v = Value::decimal(std::move(canonical));
            return true;
        }
        // Doubles and exponent notation ("1.5E+3" from spreadsheets) go through a double.
        if ((from == ValueType::Double || from == ValueType::Text) && v.toDouble(d) && std::isfinite(d)) {
            v = Value::decimal(fixedText(d));
            return true;
        }
        return false;
    }
    case CastType::Double: {
        double d = 0;
        if (from == ValueType::Double) return true;
        if (!v.toDouble(d) || !std::isfinite(d)) return false;
        v = Value::floating(d);
        return true;
    }
    case CastType::Boolean: {
        if (from == ValueType::Bool) return true;
        if (v.isNumeric() && !textual) {
            double d = 0;
            v.toDouble(d);
            if (d != 0 && d != 1) { reason = "only 0 and 1 are booleans"; return false; }
            v = Value::boolean(d == 1);
            return true;
        }
        if (!textual) return false;
        std::string word(trimBlanks(v.str()));
        for (char &c : word) c = char(c >= 'A' && c <= 'Z' ? c + 32 : c);
        static constexpr std::string_view kTrue[] = {"true", "t", "yes", "y", "on", "1"};
        static constexpr std::string_view kFalse[] = {"false", "f", "no", "n", "off", "0"};
        for (std::string_view w : kTrue) if (word == w) { v = Value::boolean(true); return true; }
        for (std::string_view w : kFalse) if (word == w) { v = Value::boolean(false); return true; }
        return false;
    }
    case CastType::Date:
    case CastType::DateTime: {
        const bool toDate = type == CastType::Date;
        if (from == (toDate ? ValueType::Date : ValueType::DateTime)) return true;
        if (from == ValueType::DateTime) { v = Value::date(v.str().substr(0, 10)); return true; }
        if (from == ValueType::Date) { v = Value::dateTime(v.str() + " 00:00:00"); return true; }
        if (from != ValueType::Text) return false;
        const std::string_view s = trimBlanks(v.str());
        std::string canonical;
        if (s.size() == 10) {
            if (!parseDate(s, reason)) return false;
            canonical.assign(s);
            if (!toDate) canonical += " 00:00:00";
        } else {
            if (!parseDateTime(s, canonical, reason)) return false;
            if (toDate) canonical.resize(10);
        }
        v = toDate ? Value::date(std::move(canonical)) : Value::dateTime(std::move(canonical));
        return true;
    }
    case CastType::Time: {
        if (from == ValueType::Time) return true;
        if (from == ValueType::DateTime && v.str().size() > 11) { v = Value::time(v.str().substr(11)); return true; }
        if (from != ValueType::Text) return false;
        std::string canonical;
        if (!parseClock(trimBlanks(v.str()), false, canonical, reason)) return false;
        v = Value::time(std::move(canonical));
        return true;
    }
    }
    return false;
}

} // namespace flowdeck
