#include "core/codec/debeziumvalues.h"

#include <cctype>
#include <charconv>
#include <vector>

namespace flowdeck::debeziumvalues {

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t len, int &out)
{
    if (pos + len > s.size()) return false;
    auto res = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return res.ec == std::errc() && res.ptr == s.data() + pos + len;
}

/// Microseconds of a ".ffffff" fraction starting at `pos` (0 when absent).
std::int64_t fractionMicros(std::string_view s, std::size_t pos)
{
    if (pos >= s.size() || s[pos] != '.') return 0;
    std::int64_t us = 0;
    int n = 0;
    for (std::size_t i = pos + 1; i < s.size() && n < 6 && std::isdigit(static_cast<unsigned char>(s[i])); ++i, ++n)
        us = us * 10 + (s[i] - '0');
    for (; n < 6; ++n) us *= 10;
    return us;
}

} // namespace

// H. Hinnant's days_from_civil.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// "YYYY-MM-DD[ HH:MM:SS[.ffffff]]" as microseconds since the epoch; false for dates with a zero
/// year, month or day (Debezium's RowDeserializers make them null) and
/// text that is not a date.
bool parseDateTime(std::string_view s, std::int64_t &days, std::int64_t &micros)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-'
        || !digits(s, 8, 2, d) || y == 0 || mo < 1 || mo > 12 || d < 1 || d > 31)
        return false;
    days = daysFromCivil(y, unsigned(mo), unsigned(d));
    micros = 0;
    if (s.size() >= 19 && (s[10] == ' ' || s[10] == 'T') && digits(s, 11, 2, h) && digits(s, 14, 2, mi)
        && digits(s, 17, 2, se))
        micros = ((h * 60LL + mi) * 60 + se) * 1000000 + fractionMicros(s, 19);
    return true;
}

/// "[-]HHH:MM:SS[.ffffff]" as signed microseconds.
bool parseTime(std::string_view s, std::int64_t &micros)
{
    bool neg = !s.empty() && s[0] == '-';
    std::size_t p = neg ? 1 : 0;
    std::int64_t h = 0;
    auto res = std::from_chars(s.data() + p, s.data() + s.size(), h);
    if (res.ec != std::errc()) return false;
    p = std::size_t(res.ptr - s.data());
    int mi = 0, se = 0;
    if (p >= s.size() || s[p] != ':' || !digits(s, p + 1, 2, mi) || p + 3 >= s.size() || s[p + 3] != ':'
        || !digits(s, p + 4, 2, se))
        return false;
    micros = ((h * 60 + mi) * 60 + se) * 1000000 + fractionMicros(s, p + 6);
    if (neg) micros = -micros;
    return true;
}

int typeLength(const std::string &columnType)
{
    const std::size_t open = columnType.find('(');
    if (open == std::string::npos) return 0;
    int n = 0;
    std::from_chars(columnType.data() + open + 1, columnType.data() + columnType.size(), n);
    return n;
}

std::string unscaledBytes(const std::string &text, int scale)
{
    const bool negative = !text.empty() && text[0] == '-';
    std::string digits;
    int fraction = -1;
    for (char c : text) {
        if (c == '.') { fraction = 0; continue; }
        if (c < '0' || c > '9') continue;
        if (fraction >= 0) { if (fraction == scale) continue; ++fraction; }
        digits.push_back(c);
    }
    for (int f = fraction < 0 ? 0 : fraction; f < scale; ++f) digits.push_back('0');
    std::vector<std::uint8_t> mag{0}; // little-endian magnitude
    for (char c : digits) {
        unsigned carry = unsigned(c - '0');
        for (std::uint8_t &b : mag) {
            const unsigned v = unsigned(b) * 10 + carry;
            b = std::uint8_t(v & 0xFF);
            carry = v >> 8;
        }
        while (carry) { mag.push_back(std::uint8_t(carry & 0xFF)); carry >>= 8; }
    }
    while (mag.size() > 1 && mag.back() == 0) mag.pop_back();
    if (mag.back() & 0x80) mag.push_back(0); // room for the sign bit
    if (negative) {
        bool zero = true;
        for (std::uint8_t b : mag) zero = zero && b == 0;
        if (!zero) {
            unsigned carry = 1;
            for (std::uint8_t &b : mag) {
                const unsigned v = unsigned(std::uint8_t(~b)) + carry;
                b = std::uint8_t(v & 0xFF);
                carry = v >> 8;
            }
            // Minimal form: drop redundant 0xFF bytes whose next byte keeps the sign.
            while (mag.size() > 1 && mag.back() == 0xFF && (mag[mag.size() - 2] & 0x80)) mag.pop_back();
        }
    }
    return std::string(mag.rbegin(), mag.rend());
}


} // namespace flowdeck::debeziumvalues
