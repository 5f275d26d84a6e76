#include "core/codec/jsonwriter.h"

#include <charconv>
#include <cmath>

namespace flowdeck {

namespace {

// 0: copy as is; 1: needs escaping (control, quote, backslash); 2: HTML-special (<, >, &);
// 3: first byte of a multi-byte sequence (or invalid byte) that needs UTF-8 checking.
constexpr unsigned char kClass[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
};

/// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not valid UTF-8
/// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8Length(std::string_view s, std::size_t i)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    const std::size_t left = s.size() - i;
    auto cont = [&](std::size_t k) { return k < left && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
    if (b0 >= 0xC2 && b0 <= 0xDF)
        return cont(1) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        const auto b1 = static_cast<unsigned char>(s[i + 1]);
        if (b0 == 0xE0 && b1 < 0xA0) return 0; // overlong
        if (b0 == 0xED && b1 > 0x9F) return 0; // surrogate
        return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        const auto b1 = static_cast<unsigned char>(s[i + 1]);
        if (b0 == 0xF0 && b1 < 0x90) return 0; // overlong
        if (b0 == 0xF4 && b1 > 0x8F) return 0; // above U+10FFFF
        return 4;
    }
    return 0;
}

} // namespace

void JsonWriter::escapeInto(std::string_view s)
{
    const bool html = m_style == JsonEscape::Html;
    const char *hex = html ? "0123456789abcdef" : "0123456789ABCDEF";
    std::size_t run = 0; // start of the pending run of bytes copied verbatim
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        const unsigned char cls = kClass[c];
        if (cls == 0 || (cls == 2 && !html)) {
            ++i;
            continue;
        }
        if (cls == 3) {
            const std::size_t len = utf8Length(s, i);
            if (len != 0) {
                // U+2028/U+2029 (E2 80 A8/A9) break JavaScript string literals; Go escapes them.
                if (html && len == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80
                    && (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xA8) {
                    m_out.append(s.data() + run, i - run);
                    m_out.append(s[i + 2] == '\xA8' ? "\\u2028" : "\\u2029");
                    i += 3;
                    run = i;
                    continue;
                }
                i += len;
                continue;
            }
            m_out.append(s.data() + run, i - run);
            m_out.append("\\ufffd");
            ++i;
            run = i;
            continue;
        }
        m_out.append(s.data() + run, i - run);
        switch (c) {
        case '"': m_out.append("\\\""); break;
        case '\\': m_out.append("\\\\"); break;
        case '\n': m_out.append("\\n"); break;
        case '\r': m_out.append("\\r"); break;
        case '\t': m_out.append("\\t"); break;
        case '\b':
            if (!html) { m_out.append("\\b"); break; }
            [[fallthrough]];
        case '\f':
            if (!html && c == '\f') { m_out.append("\\f"); break; }
            [[fallthrough]];
        default: {
            const char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
            m_out.append(esc, 6);
        }
        }
        ++i;
        run = i;
    }
    m_out.append(s.data() + run, n - run);
}

void JsonWriter::string(std::string_view utf8)
{
    m_out.push_back('"');
    escapeInto(utf8);
    m_out.push_back('"');
}

void JsonWriter::latin1String(std::string_view bytes)
{
    m_out.push_back('"');
    std::string utf8;
    utf8.reserve(bytes.size() * 2);
    for (char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        if (b < 0x80) {
            utf8.push_back(ch);
        } else {
            utf8.push_back(static_cast<char>(0xC0 | (b >> 6)));
            utf8.push_back(static_cast<char>(0x80 | (b & 0x3F)));
        }
    }
    escapeInto(utf8);
    m_out.push_back('"');
}

void JsonWriter::base64String(std::string_view bytes)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    m_out.push_back('"');
    std::size_t i = 0;
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
        const char quad[4] = {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], kAlphabet[v & 63]};
        m_out.append(quad, 4);
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const std::uint32_t v = at(i) << 16;
        const char quad[4] = {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], '=', '='};
        m_out.append(quad, 4);
    } else if (rest == 2) {
        const std::uint32_t v = (at(i) << 16) | (at(i + 1) << 8);
        const char quad[4] = {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], '='};
        m_out.append(quad, 4);
    }
    m_out.push_back('"');
}

void JsonWriter::appendInt(std::string &out, std::int64_t v)
{
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}

void JsonWriter::appendUInt(std::string &out, std::uint64_t v)
{
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}

void JsonWriter::number(std::int64_t v) { appendInt(m_out, v); }
void JsonWriter::number(std::uint64_t v) { appendUInt(m_out, v); }

void JsonWriter::number(double v)
{
    if (!std::isfinite(v)) {
        null();
        return;
    }
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    m_out.append(buf, res.ptr);
}

} // namespace flowdeck
