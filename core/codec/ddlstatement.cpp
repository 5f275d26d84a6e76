#include "core/codec/ddlstatement.h"

#include <cctype>
#include <string>
#include <vector>

namespace flowdeck {

namespace {

/// The statement's words up to the end, upper case; quoted names and parenthesised parts become
/// one placeholder word each; a top-level comma becomes the word ",".
std::vector<std::string> words(std::string_view s, std::size_t limit)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size() && out.size() < limit) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
        if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            const std::size_t end = s.find("*/", i + 2);
            i = end == std::string_view::npos ? s.size() : end + 2;
            continue;
        }
        if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
            const std::size_t end = s.find('\n', i);
            i = end == std::string_view::npos ? s.size() : end + 1;
            continue;
        }
        if (c == '#') {
            const std::size_t end = s.find('\n', i);
            i = end == std::string_view::npos ? s.size() : end + 1;
            continue;
        }
        if (c == '`' || c == '\'' || c == '"') {
            std::size_t j = i + 1;
            while (j < s.size() && !(s[j] == c && (j + 1 >= s.size() || s[j + 1] != c))) j += s[j] == c ? 2 : 1;
            out.emplace_back("`");
            i = j + 1;
            continue;
        }
        if (c == '(') {
            int depth = 0;
            std::size_t j = i;
            for (; j < s.size(); ++j) {
                if (s[j] == '(') ++depth;
                else if (s[j] == ')' && --depth == 0) break;
            }
            out.emplace_back("(");
            i = j + 1;
            continue;
        }
        if (c == ',' || c == ';' || c == '.' || c == '=') {
            out.emplace_back(1, c);
            ++i;
            continue;
        }
        std::string w;
        while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '$'
                                || static_cast<unsigned char>(s[i]) >= 0x80))
            w.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(s[i++]))));
        if (w.empty()) { ++i; continue; }
        out.push_back(std::move(w));
    }
    return out;
}

bool is(const std::vector<std::string> &w, std::size_t at, const char *word)
{
    return at < w.size() && w[at] == word;
}

/// Index of the first word after "ALTER [ONLINE|IGNORE] TABLE name", or 0 when not an ALTER TABLE.
std::size_t alterSpecs(const std::vector<std::string> &w)
{
    std::size_t i = 1;
    while (is(w, i, "ONLINE") || is(w, i, "IGNORE")) ++i;
    if (!is(w, i, "TABLE")) return 0;
    ++i;
    if (is(w, i, "IF") && is(w, i + 1, "EXISTS")) i += 2;
    ++i; // the table name (or schema)
    if (is(w, i, ".")) i += 2;
    return i;
}

DdlKind alterTable(const std::vector<std::string> &w)
{
    const std::size_t specs = alterSpecs(w);
    if (specs == 0) return DdlKind::Alter;
    for (std::size_t i = specs; i < w.size(); ++i)
        if (w[i] == ",") return DdlKind::Alter; // several changes: TiDB's multi-schema change
    std::size_t i = specs;
    if (is(w, i, "RENAME") && !is(w, i + 1, "INDEX") && !is(w, i + 1, "KEY") && !is(w, i + 1, "COLUMN"))
        return DdlKind::Rename;
    if (is(w, i, "ADD")) {
        ++i;
        if (is(w, i, "CONSTRAINT")) {
            ++i;
            if (!is(w, i, "UNIQUE") && !is(w, i, "PRIMARY") && !is(w, i, "FOREIGN") && !is(w, i, "CHECK"))
                ++i; // the constraint's name
        }
        if (is(w, i, "INDEX") || is(w, i, "KEY") || is(w, i, "UNIQUE") || is(w, i, "PRIMARY") || is(w, i, "FOREIGN")
            || is(w, i, "FULLTEXT") || is(w, i, "SPATIAL"))
            return DdlKind::CreateIndex;
        return DdlKind::Alter;
    }
    if (is(w, i, "DROP") && (is(w, i + 1, "INDEX") || is(w, i + 1, "KEY") || is(w, i + 1, "PRIMARY")
                             || is(w, i + 1, "FOREIGN")))
        return DdlKind::DropIndex;
    return DdlKind::Alter;
}

} // namespace

DdlKind classifyDdl(std::string_view statement)
{
    const std::vector<std::string> w = words(statement, 4096);
    if (w.empty()) return DdlKind::NotDdl;
    const std::string &verb = w[0];
    std::size_t i = 1;
    if (verb == "CREATE") {
        if (is(w, i, "OR") && is(w, i + 1, "REPLACE")) i += 2;
        while (is(w, i, "TEMPORARY") || is(w, i, "UNIQUE") || is(w, i, "FULLTEXT") || is(w, i, "SPATIAL")
               || is(w, i, "ONLINE") || is(w, i, "OFFLINE") || is(w, i, "ALGORITHM") || is(w, i, "=")
               || is(w, i, "UNDEFINED") || is(w, i, "MERGE") || is(w, i, "TEMPTABLE") || is(w, i, "SQL")
               || is(w, i, "SECURITY") || is(w, i, "DEFINER") || is(w, i, "INVOKER"))
            ++i;
        if (is(w, i, "TABLE")) return DdlKind::Create;
        if (is(w, i, "INDEX")) return DdlKind::CreateIndex;
        if (is(w, i, "DATABASE") || is(w, i, "SCHEMA") || is(w, i, "VIEW") || is(w, i, "SEQUENCE"))
            return DdlKind::Query;
        return DdlKind::NotDdl; // users, roles, triggers, procedures, functions, events, servers
    }
    if (verb == "DROP") {
        while (is(w, i, "TEMPORARY") || is(w, i, "ONLINE") || is(w, i, "OFFLINE")) ++i;
        if (is(w, i, "TABLE") || is(w, i, "TABLES")) return DdlKind::Erase;
        if (is(w, i, "INDEX")) return DdlKind::DropIndex;
        if (is(w, i, "DATABASE") || is(w, i, "SCHEMA") || is(w, i, "VIEW") || is(w, i, "SEQUENCE"))
            return DdlKind::Query;
        return DdlKind::NotDdl;
    }
    if (verb == "ALTER") {
        if (alterSpecs(w) != 0) return alterTable(w);
        std::size_t j = 1;
        while (is(w, j, "ONLINE") || is(w, j, "IGNORE") || is(w, j, "ALGORITHM") || is(w, j, "=")
               || is(w, j, "UNDEFINED") || is(w, j, "MERGE") || is(w, j, "TEMPTABLE") || is(w, j, "SQL")
               || is(w, j, "SECURITY") || is(w, j, "DEFINER") || is(w, j, "INVOKER"))
            ++j;
        if (is(w, j, "DATABASE") || is(w, j, "SCHEMA") || is(w, j, "VIEW") || is(w, j, "SEQUENCE"))
            return DdlKind::Query;
        return DdlKind::NotDdl;
    }
    if (verb == "TRUNCATE") return DdlKind::Truncate;
    if (verb == "RENAME" && (is(w, 1, "TABLE") || is(w, 1, "TABLES"))) return DdlKind::Rename;
    return DdlKind::NotDdl;
}

const char *canalDdlType(DdlKind kind)
{
    switch (kind) {
    case DdlKind::Create: return "CREATE";
    case DdlKind::Erase: return "ERASE";
    case DdlKind::Alter: return "ALTER";
    case DdlKind::Truncate: return "TRUNCATE";
    case DdlKind::Rename: return "RENAME";
    case DdlKind::CreateIndex: return "CINDEX";
    case DdlKind::DropIndex: return "DINDEX";
    case DdlKind::Query: return "QUERY";
    case DdlKind::NotDdl: break;
    }
    return "";
}

} // namespace flowdeck
