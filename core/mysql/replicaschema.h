#pragma once

#include "core/model/record.h"

#include <optional>
#include <string>
#include <vector>

namespace flowdeck {

/// How the `replicate` mode makes and changes replica tables from change events: column types
/// for `createTable` / `addColumns`, and which DDL it cannot follow.
namespace replicaschema {

/// The MySQL column type of a replica column for an event column: the event's own type when it
/// carries one (canal-json's `mysqlType`, Debezium's schema), completed with sizes the event
/// leaves out from a sample value (DECIMAL's scale and DATETIME/TIME's fraction digits as the
/// text shows them); else inferred from the sample (BIGINT, DOUBLE, DECIMAL, DATETIME, TEXT...).
/// Key columns get VARCHAR(255) / VARBINARY(255) instead of TEXT / BLOB. TiCDC's ENUM index and
/// SET mask (canal-json without type parameters) become BIGINT UNSIGNED.
/// The event's type text never reaches SQL: it is parsed (parseMySqlColumnType()) and the result
/// rebuilt from the parsed parts. Returns "" and sets `reason` ("column `c`: 'varchar(10)) ;...'
/// is not a MySQL column type: ...") when the event's type is not a MySQL column type.
std::string columnType(const ColumnInfo &column, const Value *sample, bool key, std::string &reason);

/// The first non-null value of `field` among `records`, or null.
const Value *sample(const std::vector<const Record *> &records, int field);

/// What a DDL statement does that a replica cannot follow by adding tables and columns.
struct DdlEffect
{
    std::vector<std::string> droppedColumns;
    bool dropsTable = false;  // DROP TABLE
    bool truncates = false;   // TRUNCATE
    bool renames = false;     // RENAME TABLE / ALTER TABLE ... RENAME
    bool renamesColumn = false; // CHANGE / RENAME COLUMN
};

/// Reads the statement's words (no full SQL parser): ALTER TABLE ... DROP [COLUMN] c, DROP
/// TABLE, TRUNCATE, RENAME. Index and key drops are not column drops.
DdlEffect ddlEffect(const std::string &statement);

} // namespace replicaschema

} // namespace flowdeck
