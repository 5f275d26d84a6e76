#pragma once

#include "core/model/tableinfo.h"

#include <string>
#include <string_view>
#include <vector>

namespace flowdeck {

class SqlTokens;

/// A table name as a DDL statement writes it; `database` is "" when the statement leaves it to
/// the session's current database.
struct DdlTableName
{
    std::string database;
    std::string table;
};

/// A column definition of CREATE TABLE / ALTER TABLE, with the type written as
/// information_schema.COLUMNS writes it ("int(11)", "int(10) unsigned", "varchar(40)",
/// "decimal(10,0)", "enum('a','b')", JSON as "longtext").
struct DdlColumn
{
    ColumnInfo info;          // charset "" for a character column without its own: the table's
    bool isCharacter = false; // CHAR/VARCHAR/TEXT/ENUM/SET: has a character set
    bool primaryKey = false;  // `PRIMARY KEY` (or `KEY`) in the column definition
    std::string defaultValue; // DEFAULT as SQL: a literal ('a', -1.5, NULL, CURRENT_TIMESTAMP);
                              // "" when none or an expression
};

/// One change of an ALTER TABLE statement that matters for decoding rows.
struct DdlAlteration
{
    enum class Kind : std::uint8_t {
        AddColumn, DropColumn, ModifyColumn, RenameColumn, AddPrimaryKey, DropPrimaryKey, RenameTable,
        ConvertCharset, DefaultCharset
    };
    Kind kind = Kind::AddColumn;
    std::string column;        // Drop/Modify (CHANGE: the old name)/RenameColumn: the column
    DdlColumn definition;      // Add/Modify: the new definition (RenameColumn: only the new name)
    bool first = false;        // FIRST
    std::string after;         // AFTER column
    bool ifExists = false;     // IF [NOT] EXISTS
    std::vector<std::string> keyColumns; // AddPrimaryKey
    DdlTableName newName;      // RenameTable
    std::string charset;       // ConvertCharset / DefaultCharset
};

/// What a DDL statement does to tables, parsed from its text (no server involved).
struct DdlStatement
{
    enum class Kind : std::uint8_t {
        Other,          // no table definition changes (CREATE VIEW, GRANT, CREATE INDEX on non-key...)
        CreateTable,    // tables[0] with columns, primaryKey, defaultCharset
        CreateTableLike,// tables[0] LIKE likeTable
        AlterTable,     // tables[0] with alterations
        DropTables,     // tables
        RenameTables,   // tables: from, to, from, to...
        Truncate,       // tables[0]
        CreateDatabase, // database, charset
        AlterDatabase,  // database, charset
        DropDatabase,   // database
        Unknown,        // a statement about tables that is not understood: `problem`
    };
    Kind kind = Kind::Other;
    std::vector<DdlTableName> tables;
    std::vector<DdlColumn> columns;
    std::vector<std::string> primaryKey;
    std::string defaultCharset; // CREATE TABLE ... DEFAULT CHARSET / COLLATE, "" when not said
    DdlTableName likeTable;
    std::vector<DdlAlteration> alterations;
    bool ifNotExists = false;
    bool orReplace = false;
    bool temporary = false;     // TEMPORARY tables are not in a row-format binlog
    std::string database;
    std::string charset;
    std::string problem;        // Unknown: what was not understood
};

/// Parses the DDL statements of a MySQL/MariaDB binlog (QUERY events) far enough to follow the
/// definition of tables: CREATE TABLE (columns, types, charsets, primary key; LIKE), ALTER TABLE
/// (ADD/DROP/MODIFY/CHANGE/RENAME COLUMN, ADD/DROP PRIMARY KEY, RENAME, CONVERT TO CHARACTER SET,
/// and the clauses that change nothing decoding needs: indexes, constraints, options,
/// partitions), DROP TABLE, RENAME TABLE, TRUNCATE, DROP INDEX `PRIMARY`, CREATE/ALTER/DROP
/// DATABASE. Anything else about a table (an ALTER clause it does not know) is Kind::Unknown with
/// the reason, never a guess.
namespace ddlparser {

DdlStatement parse(std::string_view sql);

/// The character set of a collation name ("utf8mb4_general_ci" -> "utf8mb4"); "utf8" is
/// "utf8mb3" as MariaDB names it.
std::string charsetOfCollation(std::string_view collation);
std::string normalCharset(std::string_view charset);

/// Parses one column definition (name, type, attributes) at the tokens. Exposed for tests.
/// Returns false (with `problem`) when the type is not a MySQL type.
bool parseColumn(SqlTokens &tokens, DdlColumn &column, std::string &problem);

} // namespace ddlparser
} // namespace flowdeck
