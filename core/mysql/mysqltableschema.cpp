#include "core/mysql/mysqltableschema.h"

#include "core/mysql/mysqlcolumntypes.h"
#include "core/mysql/mysqlconnection.h"
#include "core/mysql/mysqlstatementbuilder.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace flowdeck {

namespace {

std::string lower(std::string s)
{
    for (char &c : s)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return s;
}

std::uint64_t number(const std::optional<std::string> &text)
{
    if (!text || text->empty())
        return 0;
    return std::stoull(*text);
}

/// "int(11) unsigned" -> "int unsigned": the display width means nothing for the value's range
/// (MySQL 8 dropped it) but TINYINT(1) keeps it, it says "boolean".
std::string integerTypeText(const std::string &columnType)
{
    if (columnType.rfind("tinyint(1)", 0) == 0)
        return columnType;
    const auto open = columnType.find('(');
    const auto close = columnType.find(')');
    if (open == std::string::npos || close == std::string::npos || close < open)
        return columnType;
    return columnType.substr(0, open) + columnType.substr(close + 1);
}

/// The members of "enum('a','it''s','b\\c')" as the server spells them.
std::vector<std::string> parseMembers(const std::string &columnType)
{
    std::vector<std::string> members;
    std::size_t i = columnType.find('(');
    if (i == std::string::npos)
        return members;
    ++i;
    while (i < columnType.size() && columnType[i] == '\'') {
        std::string m;
        ++i;
        while (i < columnType.size()) {
            const char c = columnType[i];
            if (c == '\'' && i + 1 < columnType.size() && columnType[i + 1] == '\'') {
                m += '\'';
                i += 2;
            } else if (c == '\'') {
                ++i;
                break;
            } else if (c == '\\' && i + 1 < columnType.size()) {
                const char n = columnType[i + 1];
                m += n == 'n' ? '\n' : n == 'r' ? '\r' : n == 't' ? '\t' : n == '0' ? '\0' : n == 'Z' ? '\x1a' : n;
                i += 2;
            } else {
                m += c;
                ++i;
            }
        }
        members.push_back(std::move(m));
        if (i < columnType.size() && columnType[i] == ',')
            ++i;
    }
    return members;
}

MySqlCharset charsetOf(const std::string &name)
{
    if (name == "utf8mb4")
        return MySqlCharset::Utf8mb4;
    if (name == "utf8mb3" || name == "utf8")
        return MySqlCharset::Utf8mb3;
    if (name == "latin1")
        return MySqlCharset::Latin1;
    if (name == "ascii")
        return MySqlCharset::Ascii;
    return MySqlCharset::Other;
}

void setIntegerRange(MySqlColumn &c, const std::string &dataType)
{
    int bits = 32;
    if (dataType == "tinyint")
        bits = 8;
    else if (dataType == "smallint")
        bits = 16;
    else if (dataType == "mediumint")
        bits = 24;
    else if (dataType == "bigint")
        bits = 64;
    if (c.isUnsigned) {
        c.minInt = 0;
        c.maxInt = bits == 64 ? UINT64_MAX : (std::uint64_t(1) << bits) - 1;
    } else {
        c.minInt = bits == 64 ? INT64_MIN : -(std::int64_t(1) << (bits - 1));
        c.maxInt = bits == 64 ? std::uint64_t(INT64_MAX) : (std::uint64_t(1) << (bits - 1)) - 1;
    }
}

/// MariaDB 11.5 and later store TIMESTAMP as unsigned 32-bit seconds.
std::string timestampMaxFor(const MySqlConnection &connection)
{
    int major = 0, minor = 0;
    if (connection.isMariaDb() && std::sscanf(connection.serverVersion().c_str(), "%d.%d", &major, &minor) == 2
        && (major > 11 || (major == 11 && minor >= 5)))
        return "2106-02-07 06:28:15";
    return "2038-01-19 03:14:07";
}

bool isNumericLiteral(const std::string &text)
{
    if (text.empty())
        return false;
    std::size_t i = text[0] == '-' || text[0] == '+' ? 1 : 0;
    bool digits = false;
    for (; i < text.size(); ++i) {
        if (std::isdigit(static_cast<unsigned char>(text[i])))
            digits = true;
        else if (text[i] != '.' && text[i] != 'e' && text[i] != 'E' && text[i] != '-' && text[i] != '+')
            return false;
    }
    return digits;
}

/// COLUMN_DEFAULT as SQL. MariaDB (10.2.7+) gives it as SQL already: 'text', 0, NULL,
/// current_timestamp(). MySQL gives literals unquoted and flags expressions DEFAULT_GENERATED.
void setDefault(MySqlColumn &c, const std::optional<std::string> &columnDefault, const std::string &extraLower,
                bool mariaDb)
{
    if (!columnDefault)
        return;
    const std::string &d = *columnDefault;
    const std::string l = lower(d);
    if (l.rfind("current_timestamp", 0) == 0 || l == "now()") {
        c.defaultSql = "CURRENT_TIMESTAMP";
        c.defaultIsExpression = true;
    } else if (mariaDb) {
        c.defaultSql = d;
        c.defaultIsExpression = !(d == "NULL" || (!d.empty() && d.front() == '\'') || isNumericLiteral(d));
    } else if (extraLower.find("default_generated") != std::string::npos) {
        c.defaultSql = d;
        c.defaultIsExpression = true;
    } else if (isNumericLiteral(d) && c.kind != MySqlColumnKind::Char && c.kind != MySqlColumnKind::Text) {
        c.defaultSql = d;
    } else {
        std::string quoted = "'";
        for (char ch : d)
            quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
        c.defaultSql = quoted + '\'';
    }
}

MySqlColumn columnFromRow(const std::vector<std::optional<std::string>> &row, const std::string &timestampMax, bool mariaDb)
{
    MySqlColumn c;
    c.name = row[0].value_or("");
    const std::string dataType = lower(row[1].value_or(""));
    const std::string columnType = lower(row[2].value_or(""));
    c.typeText = columnType;
    c.isUnsigned = columnType.find(" unsigned") != std::string::npos;
    c.nullable = row[8].value_or("YES") == "YES";
    c.hasDefault = row[9].has_value();
    const std::string extra = row[10].value_or("");
    const std::string extraLower = lower(extra);
    c.autoIncrement = extraLower.find("auto_increment") != std::string::npos;
    // Not "DEFAULT_GENERATED" (MySQL 8: an expression default), which is writable.
    c.generated = extraLower.find("virtual generated") != std::string::npos
        || extraLower.find("stored generated") != std::string::npos
        || extraLower.find("persistent generated") != std::string::npos || extraLower == "virtual"
        || extraLower == "persistent" || extraLower == "stored";
    c.charsetName = row[11].value_or("");
    c.charset = charsetOf(c.charsetName);
    c.timestampMax = timestampMax;

    if (dataType == "tinyint" || dataType == "smallint" || dataType == "mediumint" || dataType == "int"
        || dataType == "integer" || dataType == "bigint") {
        c.kind = MySqlColumnKind::Integer;
        c.typeText = integerTypeText(columnType);
        c.boolean = columnType.rfind("tinyint(1)", 0) == 0;
        setIntegerRange(c, dataType);
    } else if (dataType == "bit") {
        c.kind = MySqlColumnKind::Bit;
        c.bits = unsigned(std::max<std::uint64_t>(1, number(row[5])));
    } else if (dataType == "decimal" || dataType == "numeric") {
        c.kind = MySqlColumnKind::Decimal;
        c.precision = unsigned(number(row[5]));
        c.scale = unsigned(number(row[6]));
    } else if (dataType == "float") {
        c.kind = MySqlColumnKind::Float;
    } else if (dataType == "double" || dataType == "real" || dataType == "double precision") {
        c.kind = MySqlColumnKind::Double;
    } else if (dataType == "char" || dataType == "varchar") {
        c.kind = MySqlColumnKind::Char;
        c.maxChars = number(row[3]);
    } else if (dataType == "tinytext" || dataType == "text" || dataType == "mediumtext" || dataType == "longtext") {
        c.kind = MySqlColumnKind::Text;
        c.maxBytes = number(row[4]);
    } else if (dataType == "binary" || dataType == "varbinary" || dataType == "tinyblob" || dataType == "blob"
               || dataType == "mediumblob" || dataType == "longblob") {
        c.kind = MySqlColumnKind::Binary;
        c.maxBytes = number(row[4]);
    } else if (dataType == "enum" || dataType == "set") {
        c.kind = dataType == "enum" ? MySqlColumnKind::Enum : MySqlColumnKind::Set;
        c.members = parseMembers(row[2].value_or(""));
    } else if (dataType == "date") {
        c.kind = MySqlColumnKind::Date;
    } else if (dataType == "datetime" || dataType == "timestamp" || dataType == "time") {
        c.kind = dataType == "datetime" ? MySqlColumnKind::DateTime
            : dataType == "timestamp"   ? MySqlColumnKind::Timestamp
                                        : MySqlColumnKind::Time;
        c.fractionalDigits = unsigned(std::min<std::uint64_t>(6, number(row[7])));
    } else if (dataType == "year") {
        c.kind = MySqlColumnKind::Year;
        c.typeText = integerTypeText(columnType); // MariaDB says "year(4)"
    } else if (isSpatialDataType(dataType)) {
        c.kind = MySqlColumnKind::Geometry;
    } else if (dataType == "json") {
        c.kind = MySqlColumnKind::Json;
        c.charset = MySqlCharset::Utf8mb4;
        c.charsetName = "utf8mb4";
    }
    setDefault(c, row[9], extraLower, mariaDb);
    return c;
}

} // namespace

std::optional<MySqlTableSchema> MySqlTableSchema::load(MySqlConnection &connection, const std::string &database,
                                                       const std::string &table)
{
    const std::string where = " WHERE TABLE_SCHEMA=" + connection.quote(database) + " AND TABLE_NAME="
        + connection.quote(table);
    const auto tables = connection.query(
        "SELECT t.TABLE_TYPE, t.ENGINE, e.TRANSACTIONS FROM information_schema.TABLES t"
        " LEFT JOIN information_schema.ENGINES e ON e.ENGINE=t.ENGINE WHERE t.TABLE_SCHEMA="
        + connection.quote(database) + " AND t.TABLE_NAME=" + connection.quote(table));
    if (tables.empty())
        return std::nullopt;

    MySqlTableSchema schema;
    schema.m_database = database;
    schema.m_table = table;
    schema.m_engine = tables[0][1].value_or("");
    // Views have no engine; their base table decides.
    schema.m_transactional = schema.m_engine.empty() || lower(tables[0][2].value_or("yes")) == "yes";

    const std::string timestampMax = timestampMaxFor(connection);
    for (const auto &row : connection.query(
             "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH, CHARACTER_OCTET_LENGTH,"
             " NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,"
             " CHARACTER_SET_NAME FROM information_schema.COLUMNS"
             + where + " ORDER BY ORDINAL_POSITION"))
        schema.m_columns.push_back(columnFromRow(row, timestampMax, connection.isMariaDb()));
    for (auto &c : schema.m_columns)
        c.zeroDates = connection.allowsZeroDates()
            && (c.kind == MySqlColumnKind::Date || c.kind == MySqlColumnKind::DateTime || c.kind == MySqlColumnKind::Timestamp);

    // MariaDB's JSON is LONGTEXT with CHECK (json_valid(`col`)): find those checks.
    if (connection.isMariaDb()) {
        for (const auto &row : connection.query(
                 "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA="
                 + connection.quote(database) + " AND TABLE_NAME=" + connection.quote(table))) {
            const std::string clause = row[0].value_or("");
            for (auto &c : schema.m_columns) {
                if (c.kind == MySqlColumnKind::Text && clause == "json_valid(" + quoteIdentifier(c.name) + ')') {
                    c.kind = MySqlColumnKind::Json;
                    c.typeText = "json";
                }
            }
        }
    }

    // Unique keys in the server's order, PRIMARY first; columns by SEQ_IN_INDEX.
    std::vector<std::string> keyNames;
    std::vector<std::vector<std::pair<unsigned, std::string>>> keyColumns;
    for (const auto &row : connection.query("SELECT INDEX_NAME, COLUMN_NAME, SEQ_IN_INDEX FROM information_schema.STATISTICS"
                                            + where + " AND NON_UNIQUE=0")) {
        const std::string name = row[0].value_or("");
        auto it = std::find(keyNames.begin(), keyNames.end(), name);
        std::size_t index = std::size_t(it - keyNames.begin());
        if (it == keyNames.end()) {
            keyNames.push_back(name);
            keyColumns.emplace_back();
        }
        keyColumns[index].emplace_back(unsigned(number(row[2])), row[1].value_or(""));
    }
    for (std::size_t i = 0; i < keyNames.size(); ++i) {
        auto &cols = keyColumns[i];
        std::sort(cols.begin(), cols.end());
        std::vector<std::string> names;
        for (auto &c : cols)
            names.push_back(c.second);
        if (keyNames[i] == "PRIMARY") {
            schema.m_uniqueKeys.insert(schema.m_uniqueKeys.begin(), std::move(names));
            schema.m_hasPrimaryKey = true;
        } else {
            schema.m_uniqueKeys.push_back(std::move(names));
        }
    }
    return schema;
}

std::string MySqlTableSchema::qualifiedName() const
{
    return quoteIdentifier(m_database) + '.' + quoteIdentifier(m_table);
}

const MySqlColumn *MySqlTableSchema::column(std::string_view name) const
{
    for (const auto &c : m_columns)
        if (c.name == name)
            return &c;
    const std::string wanted = lower(std::string(name));
    for (const auto &c : m_columns)
        if (lower(c.name) == wanted)
            return &c;
    return nullptr;
}

std::string MySqlTableSchema::columnList() const
{
    std::string list;
    for (const auto &c : m_columns) {
        if (!list.empty())
            list += ", ";
        list += c.name;
    }
    return list;
}

bool MySqlTableSchema::isUniqueKey(const std::vector<std::string> &columns) const
{
    std::vector<std::string> wanted;
    for (const auto &c : columns)
        wanted.push_back(lower(c));
    std::sort(wanted.begin(), wanted.end());
    for (const auto &key : m_uniqueKeys) {
        std::vector<std::string> have;
        for (const auto &c : key)
            have.push_back(lower(c));
        std::sort(have.begin(), have.end());
        if (have == wanted)
            return true;
    }
    return false;
}

} // namespace flowdeck
