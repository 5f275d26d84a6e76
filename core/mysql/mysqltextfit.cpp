#include "core/mysql/mysqlfitrules.h"

#include "core/mysql/mysqlstatementbuilder.h"

#include <cstdio>
#include <cstring>

// The fitting rules of text columns: CHAR/VARCHAR/TEXT, ENUM and SET (see fitMySqlValue()).

namespace flowdeck {

using fit::refuse;
using fit::setValue;

namespace {

/// MySQL's latin1 is Windows-1252 plus the five bytes 1252 leaves undefined.
bool inLatin1(char32_t cp)
{
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
        return true;
    switch (cp) {
    case 0x81: case 0x8D: case 0x8F: case 0x90: case 0x9D:
    case 0x20AC: case 0x201A: case 0x0192: case 0x201E: case 0x2026: case 0x2020: case 0x2021:
    case 0x02C6: case 0x2030: case 0x0160: case 0x2039: case 0x0152: case 0x017D: case 0x2018:
    case 0x2019: case 0x201C: case 0x201D: case 0x2022: case 0x2013: case 0x2014: case 0x02DC:
    case 0x2122: case 0x0161: case 0x203A: case 0x0153: case 0x017E: case 0x0178:
        return true;
    default:
        return false;
    }
}

enum class TextProblem { None, InvalidUtf8, NotInCharset };

/// Validates UTF-8, counts characters and checks every character exists in `charset`. On a
/// problem, `offset` and `length` locate the offending byte or character.
TextProblem scanText(std::string_view text, MySqlCharset charset, std::uint64_t &chars, std::size_t &offset,
                     std::size_t &length, char32_t &codePoint)
{
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    const auto *begin = p;
    const auto *end = p + text.size();
    std::uint64_t n = 0;
    while (p < end) {
        if (end - p >= 8) { // ASCII fast path, 8 bytes at a time
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            if ((word & 0x8080808080808080ull) == 0) {
                p += 8;
                n += 8;
                continue;
            }
        }
        const unsigned c = *p;
        if (c < 0x80) {
            ++p;
            ++n;
            continue;
        }
        int len = 0;
        char32_t cp = 0;
        unsigned lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
            if (c == 0xE0) lo = 0xA0; // overlong
            if (c == 0xED) hi = 0x9F; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        }
        bool ok = len > 0 && end - p >= len;
        for (int i = 1; ok && i < len; ++i) {
            const unsigned b = p[i];
            ok = i == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
            cp = (cp << 6) | (b & 0x3F);
        }
        if (!ok) {
            offset = std::size_t(p - begin);
            length = 1;
            return TextProblem::InvalidUtf8;
        }
        const bool representable = charset == MySqlCharset::Utf8mb4 || charset == MySqlCharset::Other
            || (charset == MySqlCharset::Utf8mb3 && len < 4)
            || (charset == MySqlCharset::Latin1 && inLatin1(cp));
        if (!representable) {
            offset = std::size_t(p - begin);
            length = std::size_t(len);
            codePoint = cp;
            return TextProblem::NotInCharset;
        }
        p += len;
        ++n;
    }
    chars = n;
    return TextProblem::None;
}

} // namespace

bool fitText(std::string_view text, const MySqlColumn &column, MySqlCell &cell, std::string &reason)
{
    std::uint64_t chars = 0;
    std::size_t offset = 0, length = 0;
    char32_t codePoint = 0;
    const MySqlCharset charset = column.charset == MySqlCharset::Ascii ? MySqlCharset::Latin1 : column.charset;
    switch (scanText(text, charset, chars, offset, length, codePoint)) {
    case TextProblem::None:
        break;
    case TextProblem::InvalidUtf8: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", unsigned(static_cast<unsigned char>(text[offset])));
        return refuse(reason, std::string("value is not valid UTF-8 (byte ") + hex + " at offset "
                                  + std::to_string(offset) + ") for " + columnReference(column));
    }
    case TextProblem::NotInCharset: {
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", unsigned(codePoint));
        return refuse(reason, "value contains \"" + std::string(text.substr(offset, length)) + "\" (" + code
                                  + "), which the character set of " + columnReference(column) + " ("
                                  + column.charsetName + ") cannot store");
    }
    }
    if (column.charset == MySqlCharset::Ascii && chars != text.size())
        return refuse(reason, "value has non-ASCII characters, which " + columnReference(column) + " (ascii) cannot store");
    if (column.kind == MySqlColumnKind::Char || column.kind == MySqlColumnKind::Enum) {
        if (column.maxChars && chars > column.maxChars)
            return refuse(reason, "value of " + std::to_string(chars) + " characters does not fit " + columnReference(column));
    } else if (column.maxBytes && column.charset != MySqlCharset::Other) {
        // TEXT limits are bytes in the column's character set (for other character sets than
        // these the UTF-8 length says nothing: the server checks).
        const std::uint64_t bytes = column.charset == MySqlCharset::Latin1 || column.charset == MySqlCharset::Ascii
            ? chars : text.size();
        if (bytes > column.maxBytes)
            return refuse(reason, "value of " + std::to_string(bytes) + " bytes does not fit " + columnReference(column)
                                      + " (" + std::to_string(column.maxBytes) + " bytes)");
    }
    setValue(cell, text);
    return true;
}

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

static const std::string *findMember(const MySqlColumn &column, std::string_view text)
{
    for (const auto &m : column.members)
        if (m == text)
            return &m;
    for (const auto &m : column.members)
        if (equalsIgnoringAsciiCase(m, text))
            return &m;
    return nullptr;
}

bool fitEnum(std::string_view text, const MySqlColumn &column, MySqlCell &cell, std::string &reason)
{
    const std::string *member = findMember(column, text);
    if (!member)
        return refuse(reason, shownText(text) + " is not one of the values of " + columnReference(column));
    setValue(cell, *member);
    return true;
}

bool fitSet(std::string_view text, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
            std::string &reason)
{
    if (text.empty()) {
        setValue(cell, text);
        return true;
    }
    std::size_t total = 0;
    std::size_t start = 0;
    bool same = true; // every element already spelled as its member
    for (;;) {
        const std::size_t comma = text.find(',', start);
        const std::string_view part = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        const std::string *member = findMember(column, part);
        if (!member)
            return refuse(reason, shownText(part) + " is not one of the values of " + columnReference(column));
        same = same && *member == part;
        total += member->size() + 1;
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    if (same) {
        setValue(cell, text);
        return true;
    }
    char *out = arena.allocate(total);
    std::size_t n = 0;
    start = 0;
    for (;;) {
        const std::size_t comma = text.find(',', start);
        const std::string *member = findMember(column, text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (n) out[n++] = ',';
        std::memcpy(out + n, member->data(), member->size());
        n += member->size();
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    setValue(cell, {out, n});
    return true;
}

bool fitEnumNumber(const Value &value, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
                   std::string &reason)
{
    const bool negative = value.type() == ValueType::Int && value.asInt() < 0;
    const std::uint64_t n = value.type() == ValueType::Int ? std::uint64_t(value.asInt()) : value.asUInt();
    if (column.kind == MySqlColumnKind::Enum) {
        if (negative || n < 1 || n > column.members.size())
            return refuse(reason, value.toString() + " is not an index (1 to " + std::to_string(column.members.size())
                                      + ") of the values of " + columnReference(column));
        setValue(cell, column.members[std::size_t(n - 1)]);
        return true;
    }
    const std::size_t count = column.members.size();
    if (negative || (count < 64 && n >> count))
        return refuse(reason, value.toString() + " is not a bit mask of the " + std::to_string(count) + " values of "
                                  + columnReference(column));
    std::string text;
    for (std::size_t i = 0; i < count && i < 64; ++i)
        if ((n >> i) & 1)
            text += (text.empty() ? "" : ",") + column.members[i];
    setValue(cell, arena.store(text));
    return true;
}

} // namespace flowdeck
