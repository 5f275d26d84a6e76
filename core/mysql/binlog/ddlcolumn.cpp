// ddlparser: one column definition, its type written as information_schema.COLUMNS writes it.
#include "core/mysql/binlog/ddlparser.h"

#include "core/mysql/binlog/sqltokens.h"
#include "core/mysql/mysqlcolumntypes.h"
#include "core/mysql/mysqlstatementbuilder.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace flowdeck::ddlparser {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The type arguments "(10,2)" / "('a','b')" as written, one text per argument.
std::vector<SqlToken> typeArguments(SqlTokens &t)
{
    std::vector<SqlToken> args;
    if (!t.acceptSymbol('('))
        return args;
    while (!t.atEnd() && !t.isSymbol(')')) {
        if (t.acceptSymbol(','))
            continue;
        args.push_back(t.take());
    }
    t.acceptSymbol(')');
    return args;
}

struct IntegerType
{
    const char *name;
    int signedWidth;
    int unsignedWidth;
};

const std::map<std::string, IntegerType> &integerTypes()
{
    static const std::map<std::string, IntegerType> types = {
        {"tinyint", {"tinyint", 4, 3}},     {"int1", {"tinyint", 4, 3}},     {"smallint", {"smallint", 6, 5}},
        {"int2", {"smallint", 6, 5}},       {"mediumint", {"mediumint", 9, 8}}, {"middleint", {"mediumint", 9, 8}},
        {"int3", {"mediumint", 9, 8}},      {"int", {"int", 11, 10}},        {"integer", {"int", 11, 10}},
        {"int4", {"int", 11, 10}},          {"bigint", {"bigint", 20, 20}},  {"int8", {"bigint", 20, 20}},
    };
    return types;
}

const std::map<std::string, std::string> &plainTypes()
{
    // Types without size arguments that information_schema writes as a fixed text.
    static const std::map<std::string, std::string> types = {
        {"date", "date"}, {"tinytext", "tinytext"}, {"text", "text"}, {"mediumtext", "mediumtext"},
        {"longtext", "longtext"}, {"tinyblob", "tinyblob"}, {"blob", "blob"}, {"mediumblob", "mediumblob"},
        {"longblob", "longblob"}, {"json", "longtext"}, {"geometry", "geometry"}, {"point", "point"},
        {"linestring", "linestring"}, {"polygon", "polygon"}, {"multipoint", "multipoint"},
        {"multilinestring", "multilinestring"}, {"multipolygon", "multipolygon"},
        {"geometrycollection", "geometrycollection"}, {"uuid", "uuid"}, {"inet6", "inet6"}, {"inet4", "inet4"},
    };
    return types;
}

// The type name and its arguments into dataType / columnType. False for an unknown type.
bool readType(SqlTokens &t, DdlColumn &column)
{
    ColumnInfo &c = column.info;
    std::string type = lower(t.take().text);
    if (type == "national" || type == "nchar" || type == "nvarchar") {
        // NATIONAL CHAR/VARCHAR, NCHAR, NVARCHAR: utf8mb3.
        if (type == "national")
            type = lower(t.take().text);
        else
            type = type == "nchar" ? "char" : "varchar";
        if (type == "character")
            type = "char";
        if (t.accept("VARYING"))
            type = "varchar";
        c.charset = "utf8mb3";
    }
    if (type == "character" || type == "char") {
        type = t.accept("VARYING") ? "varchar" : "char";
    } else if (type == "double") {
        t.accept("PRECISION");
    } else if (type == "long") {
        type = t.accept("VARBINARY") ? "mediumblob" : (t.accept("VARCHAR"), "mediumtext");
    }
    const std::vector<SqlToken> args = typeArguments(t);
    auto arg = [&](std::size_t i) { return i < args.size() ? args[i].text : std::string(); };
    const std::string list = args.empty() ? std::string() : "(" + arg(0) + (args.size() > 1 ? "," + arg(1) : "") + ")";

    if (const auto it = integerTypes().find(type); it != integerTypes().end()) {
        c.dataType = it->second.name;
        c.columnType = c.dataType; // the width is added with the flags (it depends on UNSIGNED)
        if (!args.empty())
            c.columnType += "(" + arg(0) + ")";
        return true;
    }
    if (type == "bool" || type == "boolean") {
        c.dataType = "tinyint";
        c.columnType = "tinyint(1)";
        return true;
    }
    if (type == "serial") { // BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE
        c.dataType = "bigint";
        c.columnType = "bigint(20) unsigned";
        c.isUnsigned = true;
        c.nullable = false;
        return true;
    }
    if (type == "decimal" || type == "dec" || type == "numeric" || type == "fixed") {
        c.dataType = "decimal";
        c.columnType = "decimal(" + (args.empty() ? std::string("10") : arg(0)) + "," + (args.size() > 1 ? arg(1) : "0") + ")";
        return true;
    }
    if (type == "float" && args.size() == 1) { // FLOAT(p): FLOAT up to 24 bits, DOUBLE above
        const bool isDouble = std::atoi(arg(0).c_str()) > 24;
        c.dataType = c.columnType = isDouble ? "double" : "float";
        return true;
    }
    if (type == "float" || type == "double" || type == "real") {
        c.dataType = type == "float" ? "float" : "double";
        c.columnType = c.dataType + list;
        return true;
    }
    if (type == "bit") {
        c.dataType = "bit";
        c.columnType = "bit(" + (args.empty() ? std::string("1") : arg(0)) + ")";
        return true;
    }
    if (type == "year") {
        c.dataType = "year";
        c.columnType = "year(4)";
        return true;
    }
    if (type == "time" || type == "datetime" || type == "timestamp") {
        c.dataType = type;
        c.columnType = type + (args.empty() || arg(0) == "0" ? std::string() : "(" + arg(0) + ")");
        return true;
    }
    if (type == "char" || type == "binary") {
        c.dataType = type;
        c.columnType = type + "(" + (args.empty() ? std::string("1") : arg(0)) + ")";
        column.isCharacter = type == "char";
        return true;
    }
    if (type == "varchar" || type == "varbinary") {
        if (args.empty())
            return false;
        c.dataType = type;
        c.columnType = type + "(" + arg(0) + ")";
        column.isCharacter = type == "varchar";
        return true;
    }
    if (type == "enum" || type == "set") {
        c.dataType = type;
        c.columnType = type + "(";
        for (std::size_t i = 0; i < args.size(); ++i)
            c.columnType += (i ? "," : "") + quoteMember(args[i].text);
        c.columnType += ")";
        column.isCharacter = true;
        return true;
    }
    if (const auto it = plainTypes().find(type); it != plainTypes().end()) {
        std::string name = it->second;
        if ((type == "text" || type == "blob") && !args.empty()) { // TEXT(n): the smallest that holds n
            const long n = std::atol(arg(0).c_str());
            const char *prefix = n < 256 ? "tiny" : n < 65536 ? "" : n < 16777216 ? "medium" : "long";
            name = std::string(prefix) + type;
        }
        c.dataType = c.columnType = name;
        column.isCharacter = name.ends_with("text");
        if (type == "json")
            c.charset = "utf8mb4";
        return true;
    }
    return false;
}

// What the column becomes when its character set is binary: CHAR -> BINARY, TEXT -> BLOB.
void makeBinary(ColumnInfo &c)
{
    static const std::map<std::string, std::string> binary = {
        {"char", "binary"}, {"varchar", "varbinary"}, {"tinytext", "tinyblob"}, {"text", "blob"},
        {"mediumtext", "mediumblob"}, {"longtext", "longblob"}};
    const auto it = binary.find(c.dataType);
    if (it == binary.end())
        return;
    c.columnType = it->second + c.columnType.substr(c.dataType.size());
    c.dataType = it->second;
}

std::string quoteString(const std::string &text)
{
    std::string out;
    appendStringLiteral(out, text, false); // Flowdeck's sessions never have NO_BACKSLASH_ESCAPES
    return out;
}

// The default after DEFAULT as SQL text, "" for an expression (consumed either way).
std::string defaultLiteral(SqlTokens &t)
{
    if (t.isSymbol('(')) {
        t.skipParenthesised();
        return std::string();
    }
    std::string sign;
    if (t.isSymbol('-') || t.isSymbol('+'))
        sign = t.take().text;
    const SqlToken value = t.take();
    std::string literal;
    if (value.kind == SqlToken::Kind::String)
        literal = quoteString(value.text);
    else if (value.kind == SqlToken::Kind::Number)
        literal = sign + value.text;
    else if (value.kind == SqlToken::Kind::Word && t.peek().kind == SqlToken::Kind::String)
        literal = value.text + quoteString(t.take().text); // b'101', x'ff', _latin1'a'
    else if (value.kind == SqlToken::Kind::Word)
        literal = value.text; // NULL, TRUE, CURRENT_TIMESTAMP
    if (t.isSymbol('(')) {    // CURRENT_TIMESTAMP(6), a function call
        t.skipParenthesised();
        literal.clear();
    }
    return literal;
}

} // namespace

std::string normalCharset(std::string_view charset)
{
    std::string s = lower(charset);
    return s == "utf8" ? std::string("utf8mb3") : s;
}

std::string charsetOfCollation(std::string_view collation)
{
    const std::string s = lower(collation);
    if (s == "binary")
        return s;
    return normalCharset(s.substr(0, s.find('_')));
}

bool parseColumn(SqlTokens &t, DdlColumn &column, std::string &problem)
{
    column = DdlColumn();
    ColumnInfo &c = column.info;
    c.name = t.identifier();
    if (c.name.empty()) {
        problem = "a column definition without a name";
        return false;
    }
    const std::string typeName = t.peek().text;
    if (t.peek().kind != SqlToken::Kind::Word || !readType(t, column)) {
        problem = "column `" + c.name + "` has a type this parser does not know: " + typeName;
        return false;
    }
    bool zerofill = false;
    // Attributes, up to the next `,` or `)` of the definition list.
    while (!t.atEnd() && !t.isSymbol(',') && !t.isSymbol(')') && !t.isWord("FIRST") && !t.isWord("AFTER")) {
        if (t.accept("UNSIGNED")) {
            c.isUnsigned = true;
        } else if (t.accept("SIGNED")) {
        } else if (t.accept("ZEROFILL")) {
            zerofill = c.isUnsigned = true;
        } else if (t.isWord("CHARACTER") || t.isWord("CHARSET")) {
            if (t.accept("CHARACTER"))
                t.accept("SET");
            else
                t.take();
            c.charset = normalCharset(t.take().text);
        } else if (t.accept("COLLATE")) {
            const std::string collation = t.take().text;
            if (c.charset.empty())
                c.charset = charsetOfCollation(collation);
        } else if (t.accept("NOT")) {
            if (t.accept("NULL"))
                c.nullable = false;
        } else if (t.accept("NULL")) {
            c.nullable = true;
        } else if (t.accept("PRIMARY") || (t.isWord("KEY") && t.take().kind == SqlToken::Kind::Word)) {
            t.accept("KEY");
            column.primaryKey = true;
            c.nullable = false;
        } else if (t.accept("UNIQUE")) {
            t.accept("KEY");
        } else if (t.accept("DEFAULT")) {
            column.defaultValue = defaultLiteral(t);
        } else if (t.accept("REFERENCES")) {
            t.skipClause(); // ... ON DELETE SET NULL
        } else if (t.isSymbol('(')) {
            t.skipParenthesised();
        } else {
            t.take(); // DEFAULT x, COMMENT 'x', AUTO_INCREMENT, GENERATED ALWAYS AS (...), BINARY...
        }
    }
    if (c.dataType == "year" || c.dataType == "bit")
        c.isUnsigned = false;
    if (const auto it = integerTypes().find(c.dataType); it != integerTypes().end() && c.columnType == c.dataType)
        c.columnType += "(" + std::to_string(c.isUnsigned && c.dataType != "bigint" ? it->second.unsignedWidth
                                                                                  : it->second.signedWidth) + ")";
    if (c.isUnsigned)
        c.columnType += " unsigned";
    if (zerofill)
        c.columnType += " zerofill";
    if (column.isCharacter && c.charset == "binary") {
        makeBinary(c);
        column.isCharacter = c.dataType == "enum" || c.dataType == "set";
    }
    if (!column.isCharacter)
        c.charset = isBinaryDataType(c.dataType) ? "binary" : ""; // as MySqlSource::describe() says
    return true;
}

} // namespace flowdeck::ddlparser
