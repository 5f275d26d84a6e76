#pragma once

#include "core/mysql/mysqlvaluefit.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace flowdeck {

/// Appends `name` quoted with backticks, a backtick inside doubled: my `odd` table ->
/// `my ``odd`` table`.
void appendIdentifier(std::string &out, std::string_view name);
std::string quoteIdentifier(std::string_view name);

/// Appends `text` as a string literal, escaped as mysql_real_escape_string() does ('it\'s',
/// backslash, NUL, CR, LF, Ctrl-Z), or with only quotes doubled ('it''s') when the session has
/// NO_BACKSLASH_ESCAPES, where a backslash is a plain character.
void appendStringLiteral(std::string &out, std::string_view text, bool noBackslashEscapes);

/// Appends bytes as a hexadecimal literal: X'00ff'.
void appendHexLiteral(std::string &out, std::string_view bytes);

/// A column of a table to create: name and SQL type ("BIGINT", "VARCHAR(255)").
struct MySqlNewColumn
{
    std::string name;
    std::string type;
    bool notNull = false;
};

/// Builds the SQL of one destination table and one list of written columns: prepared-statement
/// templates for the bulk protocol, and multi-row text statements for servers without it
/// (MySQL, TiDB). Text statements are appended to a caller's buffer, reserved once and reused,
/// so building a batch allocates nothing.
class MySqlStatementBuilder
{
public:
    MySqlStatementBuilder() = default;
    /// `columns`: the written columns, in the order of a row's cells. `key`: indexes into
    /// `columns` of the key columns (WHERE of UPDATE and DELETE; not updated by upserts).
    MySqlStatementBuilder(std::string qualifiedTable, std::vector<const MySqlColumn *> columns,
                          std::vector<std::size_t> key);

    void setNoBackslashEscapes(bool on) { m_noBackslashEscapes = on; }
    /// Replicate's `versionColumn`: `column` (an index into the columns) holds each row's version.
    /// Upserts then only overwrite a row whose stored version is not newer (`c=IF(VALUES(v)>=v
    /// OR v IS NULL OR VALUES(v) IS NULL, VALUES(c), c)`, the version column assigned last), and
    /// deletes only delete a row whose version is not newer than the delete's.
    void setVersionColumn(std::size_t column);
    /// Cell indexes in the parameter order of deleteTemplate(): the key, then the version twice.
    const std::vector<std::size_t> &deleteOrder() const { return m_deleteOrder; }

    /// "INSERT INTO t (`a`,`b`) VALUES (?,?)" [+ " ON DUPLICATE KEY UPDATE `b`=VALUES(`b`)"].
    std::string insertTemplate(bool upsert) const;
    /// "UPDATE t SET `b`=? WHERE `a`=?": parameters in updateOrder().
    std::string updateTemplate() const;
    /// "DELETE FROM t WHERE `a`=?": parameters in key() order.
    std::string deleteTemplate() const;
    /// Cell indexes in the parameter order of updateTemplate(): non-key columns, then the key.
    const std::vector<std::size_t> &updateOrder() const { return m_updateOrder; }
    const std::vector<std::size_t> &key() const { return m_key; }
    std::size_t columnCount() const { return m_columns.size(); }

    /// "INSERT INTO t (`a`,`b`) VALUES "
    void appendInsertHead(std::string &out) const;
    /// "(1,'x',DEFAULT)": one row of cells.
    void appendRow(std::string &out, const MySqlCell *cells) const;
    /// " ON DUPLICATE KEY UPDATE `b`=VALUES(`b`)": non-key columns take the new values.
    void appendUpsertTail(std::string &out) const;
    /// "UPDATE t SET `b`='x' WHERE `a`=1"
    void appendUpdate(std::string &out, const MySqlCell *cells) const;
    /// "DELETE FROM t WHERE `a`=1"
    void appendDelete(std::string &out, const MySqlCell *cells) const;

    /// The multi-row UPDATE: "UPDATE t AS `flowdeck_t` JOIN (SELECT 1 AS `a`,'x' AS `b` UNION ALL
    /// SELECT 2,'y') AS `flowdeck_v` ON `flowdeck_t`.`a`=`flowdeck_v`.`a` SET `flowdeck_t`.`b`=
    /// `flowdeck_v`.`b`": one statement and one parse for many rows. A DEFAULT cell travels as
    /// NULL and becomes COALESCE(value, DEFAULT(column)) for NOT NULL columns with a default.
    /// Rows with the same key must not share a statement (which one wins is undefined).
    void appendUpdateJoinHead(std::string &out) const;
    void appendUpdateJoinRow(std::string &out, const MySqlCell *cells, bool first) const;
    void appendUpdateJoinTail(std::string &out) const;
    /// An upper bound of what appendRow() (or appendUpdate()) appends for `cells`.
    std::size_t rowSizeBound(const MySqlCell *cells) const;

    /// "CREATE TABLE IF NOT EXISTS t (...) DEFAULT CHARSET=utf8mb4" with PRIMARY KEY (`key`...)
    /// when `key` is not empty.
    static std::string createTable(const std::string &qualifiedTable, const std::vector<MySqlNewColumn> &columns,
                                   const std::vector<std::string> &key);

private:
    void appendCell(std::string &out, const MySqlCell &cell, std::size_t column) const;
    void appendKeyCondition(std::string &out, const MySqlCell *cells) const;

    std::string m_table;
    std::vector<const MySqlColumn *> m_columns;
    std::vector<std::string> m_quotedNames;
    std::vector<MySqlWireForm> m_forms;
    std::vector<std::size_t> m_key;
    std::vector<std::size_t> m_updateOrder;
    std::vector<std::size_t> m_deleteOrder;
    std::size_t m_version = SIZE_MAX;
    std::vector<bool> m_isKey;
    bool m_noBackslashEscapes = false;
};

} // namespace flowdeck
