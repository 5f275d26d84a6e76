#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowdeck {

class MySqlConnection;

/// What the value-fitting rules check a column as.
enum class MySqlColumnKind : std::uint8_t {
    Integer,   // TINYINT ... BIGINT, signed or unsigned
    Bit,       // BIT(M)
    Decimal,   // DECIMAL(p,s)
    Float,     // FLOAT
    Double,    // DOUBLE
    Char,      // CHAR, VARCHAR: length in characters
    Text,      // TINYTEXT ... LONGTEXT: length in bytes
    Binary,    // BINARY, VARBINARY, TINYBLOB ... LONGBLOB: length in bytes
    Enum,
    Set,
    Date,
    DateTime,
    Timestamp,
    Time,
    Year,
    Json,      // MySQL JSON, or MariaDB LONGTEXT with CHECK (json_valid(col))
    Geometry,  // GEOMETRY, POINT, ...: the server's internal form (4-byte SRID, then WKB), as bytes
    Other,     // INET6, UUID...: sent as text, the server checks
};

/// The character set of a text column, as far as the fitting rules care.
enum class MySqlCharset : std::uint8_t { Utf8mb4, Utf8mb3, Latin1, Ascii, Other };

/// One column of a table, from information_schema.COLUMNS.
struct MySqlColumn
{
    std::string name;
    std::string typeText; // for messages: "varchar(150)", "int", "tinyint unsigned", "decimal(10,2)"
    MySqlColumnKind kind = MySqlColumnKind::Other;
    MySqlCharset charset = MySqlCharset::Other;
    std::string charsetName; // "utf8mb4", as the server names it
    bool isUnsigned = false;
    bool nullable = true;
    bool hasDefault = false;   // NOT NULL columns: a NULL value is written as DEFAULT
    /// The DEFAULT as SQL, the same from MariaDB and MySQL: "NULL", a quoted literal ("''",
    /// "'pending'"), a number ("0"), or an expression ("CURRENT_TIMESTAMP", "uuid()"); empty
    /// when the column has no default (hasDefault false).
    std::string defaultSql;
    bool defaultIsExpression = false; // defaultSql is evaluated at insert time (CURRENT_TIMESTAMP)
    bool autoIncrement = false;
    bool generated = false;    // VIRTUAL/STORED: cannot be written
    bool boolean = false;      // TINYINT(1): also takes "true"/"false"
    std::int64_t minInt = 0;   // Integer, Year: range
    std::uint64_t maxInt = 0;
    std::uint64_t maxChars = 0; // Char: length in characters
    std::uint64_t maxBytes = 0; // Text, Binary: length in bytes
    unsigned precision = 0;     // Decimal
    unsigned scale = 0;         // Decimal
    unsigned fractionalDigits = 0; // DateTime, Timestamp, Time
    unsigned bits = 0;          // Bit
    std::vector<std::string> members; // Enum, Set
    std::string timestampMax = "2038-01-19 03:14:07"; // Timestamp: largest value, UTC
    bool zeroDates = false; // Date, DateTime, Timestamp: zero dates accepted (a replica's session)
};

/// A table's columns and unique keys, read from information_schema.
class MySqlTableSchema
{
public:
    /// Reads the table's metadata. Returns nullopt when the table does not exist.
    /// Possible errors: ConnectionError, MySqlError (e.g. no privilege on information_schema).
    static std::optional<MySqlTableSchema> load(MySqlConnection &connection, const std::string &database,
                                                const std::string &table);

    const std::string &database() const { return m_database; }
    const std::string &table() const { return m_table; }
    /// "`test`.`sf_account`", as messages and statements name the table.
    std::string qualifiedName() const;
    /// The storage engine ("InnoDB"); empty for views.
    const std::string &engine() const { return m_engine; }
    /// The engine has transactions (InnoDB, not MyISAM): a failed statement leaves nothing behind.
    bool transactional() const { return m_transactional; }

    const std::vector<MySqlColumn> &columns() const { return m_columns; }
    /// A column by name: exactly, else ignoring ASCII case as MySQL does. Null when missing.
    const MySqlColumn *column(std::string_view name) const;
    /// "id, name, amount": for "column `x` is not in table ..." messages.
    std::string columnList() const;

    /// The PRIMARY KEY first, then the UNIQUE keys in the server's order; each a list of
    /// column names.
    const std::vector<std::vector<std::string>> &uniqueKeys() const { return m_uniqueKeys; }
    bool hasPrimaryKey() const { return m_hasPrimaryKey; }
    /// True when `columns` (in any order) are exactly the columns of a unique key.
    bool isUniqueKey(const std::vector<std::string> &columns) const;

private:
    std::string m_database;
    std::string m_table;
    std::string m_engine;
    bool m_transactional = true;
    std::vector<MySqlColumn> m_columns;
    std::vector<std::vector<std::string>> m_uniqueKeys;
    bool m_hasPrimaryKey = false;
};

} // namespace flowdeck
