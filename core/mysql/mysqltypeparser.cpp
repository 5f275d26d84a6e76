#include "core/mysql/mysqltypeparser.h"

#include "core/mysql/mysqlcolumntypes.h"

#include "core/file/blockinput.h"

#include <array>
#include <cctype>
#include <cstdio>

namespace flowdeck {

namespace {

enum class Attr : std::uint8_t { None, Number, Text };

/// What a type name accepts: how many sizes and their limits, and which attributes.
struct TypeSpec
{
    std::string_view name;
    std::uint8_t minSizes;
    std::uint8_t maxSizes;
    std::uint64_t firstMin;
    std::uint64_t firstMax;
    std::uint64_t secondMax; // for (n,m)
    Attr attr;
};

constexpr std::uint64_t k4G = 4294967295ULL;

constexpr std::array kTypes{
    TypeSpec{"tinyint", 0, 1, 0, 255, 0, Attr::Number},     TypeSpec{"smallint", 0, 1, 0, 255, 0, Attr::Number},
    TypeSpec{"mediumint", 0, 1, 0, 255, 0, Attr::Number},   TypeSpec{"int", 0, 1, 0, 255, 0, Attr::Number},
    TypeSpec{"integer", 0, 1, 0, 255, 0, Attr::Number},     TypeSpec{"bigint", 0, 1, 0, 255, 0, Attr::Number},
    TypeSpec{"bool", 0, 0, 0, 0, 0, Attr::None},            TypeSpec{"boolean", 0, 0, 0, 0, 0, Attr::None},
    TypeSpec{"bit", 0, 1, 1, 64, 0, Attr::None},            TypeSpec{"decimal", 0, 2, 1, 65, 30, Attr::Number},
    TypeSpec{"numeric", 0, 2, 1, 65, 30, Attr::Number},     TypeSpec{"dec", 0, 2, 1, 65, 30, Attr::Number},
    TypeSpec{"fixed", 0, 2, 1, 65, 30, Attr::Number},       TypeSpec{"float", 0, 2, 0, 255, 30, Attr::Number},
    TypeSpec{"double", 0, 2, 1, 255, 30, Attr::Number},     TypeSpec{"real", 0, 2, 1, 255, 30, Attr::Number},
    TypeSpec{"date", 0, 0, 0, 0, 0, Attr::None},            TypeSpec{"datetime", 0, 1, 0, 6, 0, Attr::None},
    TypeSpec{"timestamp", 0, 1, 0, 6, 0, Attr::None},       TypeSpec{"time", 0, 1, 0, 6, 0, Attr::None},
    TypeSpec{"year", 0, 1, 2, 4, 0, Attr::None},            TypeSpec{"char", 0, 1, 0, 255, 0, Attr::Text},
    TypeSpec{"varchar", 0, 1, 0, 65535, 0, Attr::Text},     TypeSpec{"binary", 0, 1, 0, 255, 0, Attr::None},
    TypeSpec{"varbinary", 0, 1, 0, 65535, 0, Attr::None},   TypeSpec{"tinytext", 0, 0, 0, 0, 0, Attr::Text},
    TypeSpec{"text", 0, 1, 0, k4G, 0, Attr::Text},          TypeSpec{"mediumtext", 0, 0, 0, 0, 0, Attr::Text},
    TypeSpec{"longtext", 0, 0, 0, 0, 0, Attr::Text},        TypeSpec{"tinyblob", 0, 0, 0, 0, 0, Attr::None},
    TypeSpec{"blob", 0, 1, 0, k4G, 0, Attr::None},          TypeSpec{"mediumblob", 0, 0, 0, 0, 0, Attr::None},
    TypeSpec{"longblob", 0, 0, 0, 0, 0, Attr::None},        TypeSpec{"enum", 0, 0, 0, 0, 0, Attr::Text},
    TypeSpec{"set", 0, 0, 0, 0, 0, Attr::Text},             TypeSpec{"json", 0, 0, 0, 0, 0, Attr::None},
    TypeSpec{"geometry", 0, 0, 0, 0, 0, Attr::None},        TypeSpec{"point", 0, 0, 0, 0, 0, Attr::None},
    TypeSpec{"linestring", 0, 0, 0, 0, 0, Attr::None},      TypeSpec{"polygon", 0, 0, 0, 0, 0, Attr::None},
    TypeSpec{"multipoint", 0, 0, 0, 0, 0, Attr::None},      TypeSpec{"multilinestring", 0, 0, 0, 0, 0, Attr::None},
    TypeSpec{"multipolygon", 0, 0, 0, 0, 0, Attr::None},    TypeSpec{"geometrycollection", 0, 0, 0, 0, 0, Attr::None},
    TypeSpec{"inet4", 0, 0, 0, 0, 0, Attr::None},           TypeSpec{"inet6", 0, 0, 0, 0, 0, Attr::None},
    TypeSpec{"uuid", 0, 0, 0, 0, 0, Attr::None},            TypeSpec{"vector", 1, 1, 1, 16383, 0, Attr::None},
};

const TypeSpec *findType(std::string_view name)
{
    for (const TypeSpec &t : kTypes)
        if (t.name == name)
            return &t;
    return nullptr;
}

std::string shown(std::string_view text)
{
    std::string s(text.substr(0, 100));
    if (text.size() > 100)
        s += "...";
    return '\'' + s + '\'';
}

/// A cursor over the type text; words are returned in lower case.
class Scanner
{
public:
    explicit Scanner(std::string_view text) : m_text(text) {}

    void skipSpace()
    {
        while (m_at < m_text.size() && (m_text[m_at] == ' ' || m_text[m_at] == '\t' || m_text[m_at] == '\n' || m_text[m_at] == '\r'))
            ++m_at;
    }
    bool atEnd()
    {
        skipSpace();
        return m_at >= m_text.size();
    }
    char peek()
    {
        skipSpace();
        return m_at < m_text.size() ? m_text[m_at] : '\0';
    }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++m_at;
        return true;
    }
    std::string word()
    {
        skipSpace();
        std::string w;
        while (m_at < m_text.size() && (std::isalnum(static_cast<unsigned char>(m_text[m_at])) || m_text[m_at] == '_'))
            w += char(std::tolower(static_cast<unsigned char>(m_text[m_at++])));
        return w;
    }
    bool number(std::uint64_t &out)
    {
        skipSpace();
        const std::size_t start = m_at;
        out = 0;
        while (m_at < m_text.size() && m_at - start < 12 && m_text[m_at] >= '0' && m_text[m_at] <= '9')
            out = out * 10 + std::uint64_t(m_text[m_at++] - '0');
        return m_at > start && !(m_at < m_text.size() && m_text[m_at] >= '0' && m_text[m_at] <= '9');
    }
    /// A '...' literal with '' for a quote; false with `problem` set otherwise.
    bool literal(std::string &out, std::string &problem)
    {
        out.clear();
        if (!take('\'')) {
            problem = "an enum or set member must be a quoted string";
            return false;
        }
        for (;;) {
            if (m_at >= m_text.size()) {
                problem = "an enum or set member is not closed";
                return false;
            }
            const char c = m_text[m_at++];
            if (c == '\'') {
                if (m_at < m_text.size() && m_text[m_at] == '\'') {
                    out += '\'';
                    ++m_at;
                    continue;
                }
                break;
            }
            if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                problem = "an enum or set member holds a backslash or a control character";
                return false;
            }
            out += c;
        }
        if (validUtf8Prefix(out) != out.size()) {
            problem = "an enum or set member is not valid UTF-8";
            return false;
        }
        if (out.size() > 1020) {
            problem = "an enum or set member is longer than 255 characters";
            return false;
        }
        return true;
    }
    std::string unexpected()
    {
        skipSpace();
        if (m_at >= m_text.size())
            return "it ends too early";
        const auto c = static_cast<unsigned char>(m_text[m_at]);
        char shown[8];
        std::snprintf(shown, sizeof shown, c < 0x20 || c >= 0x7f ? "\\x%02X" : "%c", c);
        return "unexpected '" + std::string(shown) + "' at character " + std::to_string(m_at + 1);
    }

private:
    std::string_view m_text;
    std::size_t m_at = 0;
};

bool identifier(const std::string &w)
{
    return !w.empty() && w.size() <= 64;
}

bool parseSizes(Scanner &s, const TypeSpec &spec, MySqlColumnType &type, std::string &problem)
{
    if (!s.take('('))
        return true;
    if (spec.maxSizes == 0) {
        problem = std::string(spec.name) + " takes no size";
        return false;
    }
    do {
        std::uint64_t n = 0;
        if (!s.number(n)) {
            problem = "a size must be a number: " + s.unexpected();
            return false;
        }
        type.sizes.push_back(n);
    } while (s.take(','));
    if (!s.take(')')) {
        problem = s.unexpected();
        return false;
    }
    const std::string name(spec.name);
    if (type.sizes.size() > spec.maxSizes) {
        problem = name + " takes at most " + std::to_string(spec.maxSizes) + " size(s), not " + std::to_string(type.sizes.size());
        return false;
    }
    if (type.sizes[0] < spec.firstMin || type.sizes[0] > spec.firstMax) {
        problem = "size " + std::to_string(type.sizes[0]) + " of " + name + " is not from " + std::to_string(spec.firstMin) + " to "
            + std::to_string(spec.firstMax);
        return false;
    }
    if (type.sizes.size() == 2 && (type.sizes[1] > spec.secondMax || type.sizes[1] > type.sizes[0])) {
        problem = name + '(' + std::to_string(type.sizes[0]) + ',' + std::to_string(type.sizes[1])
            + "): the digits after the point must be at most " + std::to_string(spec.secondMax) + " and at most the precision";
        return false;
    }
    if (name == "double" || name == "real") {
        if (type.sizes.size() != 2) {
            problem = name + " takes (digits,decimals) or no size";
            return false;
        }
    }
    if (name == "float" && type.sizes.size() == 1 && type.sizes[0] > 53) {
        problem = "float(" + std::to_string(type.sizes[0]) + "): the precision is at most 53";
        return false;
    }
    return true;
}

bool parseMembers(Scanner &s, MySqlColumnType &type, std::string &problem)
{
    if (!s.take('('))
        return true; // TiCDC's canal-json writes ENUM and SET without their members
    std::string member;
    do {
        if (!s.literal(member, problem))
            return false;
        type.members.push_back(member);
    } while (s.take(','));
    if (!s.take(')')) {
        problem = s.unexpected();
        return false;
    }
    const std::size_t limit = type.name == "enum" ? 65535 : 64;
    if (type.members.size() > limit) {
        problem = type.name + " has more than " + std::to_string(limit) + " members";
        return false;
    }
    return true;
}

bool parseAttributes(Scanner &s, const TypeSpec &spec, MySqlColumnType &type, std::string &problem)
{
    while (!s.atEnd()) {
        const std::string w = s.word();
        if (w == "unsigned" || w == "signed" || w == "zerofill") {
            if (spec.attr != Attr::Number) {
                problem = w + " applies to numbers, not to " + type.name;
                return false;
            }
            type.isUnsigned = type.isUnsigned || w == "unsigned" || w == "zerofill";
            type.zerofill = type.zerofill || w == "zerofill";
        } else if (w == "character" || w == "charset" || w == "collate") {
            if (spec.attr != Attr::Text) {
                problem = w + " applies to text types, not to " + type.name;
                return false;
            }
            if (w == "character" && s.word() != "set") {
                problem = "expected 'character set'";
                return false;
            }
            const std::string name = s.word();
            if (!identifier(name)) {
                problem = "a character set or collation must be a name: " + s.unexpected();
                return false;
            }
            (w == "collate" ? type.collation : type.charset) = name;
        } else {
            problem = w.empty() ? s.unexpected() : "unknown attribute '" + w + "'";
            return false;
        }
    }
    return true;
}

} // namespace

std::string MySqlColumnType::text() const
{
    std::string out = name;
    if (!members.empty()) {
        out += '(';
        for (std::size_t i = 0; i < members.size(); ++i)
            out += (i ? "," : "") + quoteMember(members[i]);
        out += ')';
    } else if (!sizes.empty()) {
        out += '(';
        for (std::size_t i = 0; i < sizes.size(); ++i)
            out += (i ? "," : "") + std::to_string(sizes[i]);
        out += ')';
    }
    if (isUnsigned)
        out += " unsigned";
    if (zerofill)
        out += " zerofill";
    if (!charset.empty())
        out += " character set " + charset;
    if (!collation.empty())
        out += " collate " + collation;
    return out;
}

std::optional<MySqlColumnType> parseMySqlColumnType(std::string_view text, std::string &reason)
{
    Scanner s(text);
    MySqlColumnType type;
    std::string problem;
    type.name = s.word();
    if (type.name == "double") {
        Scanner probe = s;
        if (probe.word() == "precision")
            s = probe;
    }
    const TypeSpec *spec = findType(type.name);
    bool ok = spec != nullptr;
    if (!spec)
        problem = type.name.empty() ? s.unexpected() : "unknown type name '" + type.name + "'";
    if (ok)
        ok = type.name == "enum" || type.name == "set" ? parseMembers(s, type, problem) : parseSizes(s, *spec, type, problem);
    if (ok && type.sizes.size() < spec->minSizes) {
        problem = type.name + " needs a size";
        ok = false;
    }
    if (ok)
        ok = parseAttributes(s, *spec, type, problem);
    if (!ok) {
        reason = shown(text) + " is not a MySQL column type: " + problem;
        return std::nullopt;
    }
    return type;
}

} // namespace flowdeck
