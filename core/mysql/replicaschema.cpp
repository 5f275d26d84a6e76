#include "core/mysql/replicaschema.h"

#include "core/mysql/mysqltypeparser.h"

#include <algorithm>
#include <cctype>

namespace flowdeck::replicaschema {

namespace {

std::string lower(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// Digits after the '.' of a decimal or temporal text.
int fractionDigits(const Value *v)
{
    if (!v || !v->isStringLike())
        return -1;
    const std::string &s = v->str();
    const std::size_t dot = s.find('.');
    if (dot == std::string::npos)
        return 0;
    int n = 0;
    for (std::size_t i = dot + 1; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i)
        ++n;
    return n;
}

int integerDigits(const Value *v)
{
    if (!v || !v->isStringLike())
        return 0;
    int n = 0;
    for (char c : v->str()) {
        if (c == '.')
            break;
        n += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
    }
    return n;
}

std::string fromSample(const Value *v, bool key)
{
    if (!v)
        return key ? "VARCHAR(255)" : "LONGTEXT";
    switch (v->type()) {
    case ValueType::Bool: return "TINYINT(1)";
    case ValueType::Int: return "BIGINT";
    case ValueType::UInt: return "BIGINT UNSIGNED";
    case ValueType::Double: return "DOUBLE";
    case ValueType::Decimal: {
        const int scale = std::max(0, fractionDigits(v));
        return "DECIMAL(" + std::to_string(std::min(65, std::max(18, integerDigits(v)) + scale)) + ',' + std::to_string(scale) + ')';
    }
    case ValueType::Date: return "DATE";
    case ValueType::DateTime: return "DATETIME(6)";
    case ValueType::Time: return "TIME(6)";
    case ValueType::Bytes: return key ? "VARBINARY(255)" : "LONGBLOB";
    default: return key ? "VARCHAR(255)" : "LONGTEXT";
    }
}

} // namespace

const Value *sample(const std::vector<const Record *> &records, int field)
{
    if (field < 0)
        return nullptr;
    for (const Record *r : records)
        if (std::size_t(field) < r->values.size() && !r->values[std::size_t(field)].isNull())
            return &r->values[std::size_t(field)];
    return nullptr;
}

namespace {

/// The replica type for a parsed event type; sizes and members come from the parsed parts only.
std::string replicaType(const MySqlColumnType &type, const Value *sample, bool key)
{
    const std::string &t = type.name;
    const bool sized = type.hasSizes();
    const std::string full = type.text();
    if (t == "char" || t == "varchar") {
        if (sized)
            return full;
        return key ? "VARCHAR(255)" : "LONGTEXT";
    }
    if (t == "tinytext" || t == "text" || t == "mediumtext" || t == "longtext")
        return key ? "VARCHAR(255)" : t;
    if (t == "binary" || t == "varbinary")
        return sized ? full : key ? "VARBINARY(255)" : "LONGBLOB";
    if (t == "tinyblob" || t == "blob" || t == "mediumblob" || t == "longblob")
        return key ? "VARBINARY(255)" : t;
    if (t == "tinyint" || t == "smallint" || t == "mediumint" || t == "int" || t == "integer" || t == "bigint")
        return full;
    if (t == "bool" || t == "boolean")
        return "TINYINT(1)";
    if (t == "year")
        return "YEAR";
    if (t == "float" || t == "double" || t == "real")
        return sized ? full : t == "float" ? "FLOAT" : "DOUBLE";
    if (t == "decimal" || t == "numeric" || t == "dec" || t == "fixed") {
        if (sized)
            return full;
        const int scale = std::max(0, fractionDigits(sample));
        return "DECIMAL(" + std::to_string(std::min(65, std::max(30, integerDigits(sample)) + scale)) + ',' + std::to_string(scale) + ')';
    }
    if (t == "date")
        return "DATE";
    if (t == "datetime" || t == "timestamp" || t == "time") {
        // TIMESTAMP becomes DATETIME: the events carry its UTC text, and a replica TIMESTAMP
        // would bring the server's automatic initialization and time zone conversion.
        const std::string base = t == "time" ? "TIME" : "DATETIME";
        if (sized)
            return base + '(' + std::to_string(type.sizes[0]) + ')';
        const int fsp = sample ? fractionDigits(sample) : 6;
        return fsp > 0 ? base + '(' + std::to_string(std::min(6, fsp)) + ')' : base;
    }
    if (t == "bit")
        return sized ? full : "BIT(64)";
    if (t == "enum" || t == "set")
        return type.members.empty() ? "BIGINT UNSIGNED" : full; // TiCDC's index / bit mask without the members
    if (t == "json")
        return "JSON";
    return fromSample(sample, key);
}

} // namespace

std::string columnType(const ColumnInfo &column, const Value *sample, bool key, std::string &reason)
{
    const std::string &given = column.columnType.empty() ? column.dataType : column.columnType;
    const std::string text = given.empty() ? fromSample(sample, key) : given;
    const std::optional<MySqlColumnType> parsed = parseMySqlColumnType(text, reason);
    if (!parsed) {
        reason = "column `" + column.name + "`: " + reason;
        return std::string();
    }
    if (given.empty())
        return parsed->text();
    // What goes into the statement is always rebuilt from parsed parts, never the event's text.
    const std::optional<MySqlColumnType> rebuilt = parseMySqlColumnType(replicaType(*parsed, sample, key), reason);
    if (!rebuilt) {
        reason = "column `" + column.name + "`: " + reason;
        return std::string();
    }
    return rebuilt->text();
}

DdlEffect ddlEffect(const std::string &statement)
{
    DdlEffect effect;
    // Words, with backquoted identifiers as one word (quotes removed).
    std::vector<std::string> words;
    std::vector<bool> quoted;
    for (std::size_t i = 0; i < statement.size();) {
        const char c = statement[i];
        if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == '(' || c == ')' || c == ';') {
            if (c == ',')
                words.emplace_back(","), quoted.push_back(false);
            ++i;
            continue;
        }
        if (c == '`') {
            std::string w;
            for (++i; i < statement.size(); ++i) {
                if (statement[i] == '`') {
                    if (i + 1 < statement.size() && statement[i + 1] == '`') {
                        w += '`';
                        ++i;
                        continue;
                    }
                    ++i;
                    break;
                }
                w += statement[i];
            }
            words.push_back(w);
            quoted.push_back(true);
            continue;
        }
        std::string w;
        while (i < statement.size() && !std::isspace(static_cast<unsigned char>(statement[i])) && statement[i] != ','
               && statement[i] != '(' && statement[i] != ')' && statement[i] != ';' && statement[i] != '`')
            w += statement[i++];
        words.push_back(w);
        quoted.push_back(false);
    }
    auto is = [&](std::size_t i, const char *word) { return i < words.size() && !quoted[i] && lower(words[i]) == word; };
    if (is(0, "truncate"))
        effect.truncates = true;
    if (is(0, "drop") && (is(1, "table") || (is(1, "temporary") && is(2, "table"))))
        effect.dropsTable = true;
    if (is(0, "rename") && is(1, "table"))
        effect.renames = true;
    if (!(is(0, "alter") && (is(1, "table") || (is(1, "online") && is(2, "table")) || (is(1, "ignore") && is(2, "table")))))
        return effect;
    for (std::size_t i = 2; i < words.size(); ++i) {
        if (is(i, "drop")) {
            std::size_t n = i + 1;
            if (is(n, "column"))
                ++n;
            else if (is(n, "index") || is(n, "key") || is(n, "primary") || is(n, "foreign") || is(n, "constraint")
                     || is(n, "partition") || is(n, "check") || is(n, "unique") || is(n, "default") || is(n, "system"))
                continue;
            if (is(n, "if") && is(n + 1, "exists"))
                n += 2;
            if (n < words.size() && words[n] != ",")
                effect.droppedColumns.push_back(words[n]);
        } else if (is(i, "rename")) {
            if (is(i + 1, "column"))
                effect.renamesColumn = true;
            else if (!is(i + 1, "index") && !is(i + 1, "key"))
                effect.renames = true;
        } else if (is(i, "change")) {
            std::size_t n = i + 1;
            if (is(n, "column"))
                ++n;
            if (n + 1 < words.size() && lower(words[n]) != lower(words[n + 1])) // CHANGE a a INT only changes the type
                effect.renamesColumn = true;
        }
    }
    return effect;
}

} // namespace flowdeck::replicaschema
