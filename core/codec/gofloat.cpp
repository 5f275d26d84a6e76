#include "core/codec/gofloat.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace flowdeck {

namespace {

/// The shortest round-trip digits of `v` and its decimal exponent: v = 0.d1d2d3... * 10^exp10.
template <typename F>
void shortestDigits(F v, std::string &digits, int &exp10)
{
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    const std::string_view s(buf, std::size_t(res.ptr - buf));
    const std::size_t e = s.find('e');
    digits.clear();
    for (std::size_t i = 0; i < e; ++i)
        if (s[i] >= '0' && s[i] <= '9')
            digits.push_back(s[i]);
    exp10 = std::atoi(std::string(s.substr(e + 1)).c_str()) + 1;
    while (digits.size() > 1 && digits.back() == '0')
        digits.pop_back();
}

} // namespace

void appendGoFloat(std::string &out, double v, int bitSize)
{
    if (!std::isfinite(v) || (bitSize == 32 && !std::isfinite(static_cast<float>(v)))) {
        out.push_back('0');
        return;
    }
    if (std::signbit(v))
        out.push_back('-');
    v = std::fabs(v);
    std::string digits;
    int exp10 = 0;
    if (v == 0) {
        out.push_back('0');
        return;
    }
    if (bitSize == 32)
        shortestDigits(static_cast<float>(v), digits, exp10);
    else
        shortestDigits(v, digits, exp10);
    // Go's fmtF: integer part (digits before the point, zero-padded), then the fraction.
    if (exp10 <= 0) {
        out.push_back('0');
    } else {
        for (int i = 0; i < exp10; ++i)
            out.push_back(std::size_t(i) < digits.size() ? digits[std::size_t(i)] : '0');
    }
    const int fracDigits = int(digits.size()) - exp10;
    if (fracDigits > 0) {
        out.push_back('.');
        for (int i = 0; i < fracDigits; ++i) {
            const int at = exp10 + i;
            out.push_back(at < 0 ? '0' : digits[std::size_t(at)]);
        }
    }
}

} // namespace flowdeck
