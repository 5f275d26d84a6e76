#pragma once

#include <string_view>

namespace flowdeck {

/// What a statement from the binlog's QUERY events is, for the wire formats. TiCDC only ever
/// sends schema changes (TiDB DDL jobs); GRANT, CREATE USER, FLUSH, SET, stored programs and
/// the like are not one and are sent by neither TiCDC nor Debezium as a DDL message.
enum class DdlKind {
    NotDdl,      // GRANT, REVOKE, users and roles, SET, FLUSH, triggers/procedures/functions/events...
    Create,      // CREATE TABLE
    Erase,       // DROP TABLE
    Alter,       // ALTER TABLE (columns, options, several changes at once, RENAME INDEX/COLUMN)
    Truncate,    // TRUNCATE [TABLE]
    Rename,      // RENAME TABLE, ALTER TABLE … RENAME [TO|AS] …
    CreateIndex, // CREATE INDEX, ALTER TABLE … ADD INDEX/KEY/UNIQUE/PRIMARY KEY/FOREIGN KEY
    DropIndex,   // DROP INDEX, ALTER TABLE … DROP INDEX/KEY/PRIMARY KEY/FOREIGN KEY
    Query,       // databases, views, sequences
};

/// Classifies a statement by its leading words, the way TiCDC maps TiDB's DDL actions to Canal's
/// event types (pkg/sink/codec/canal/canal_entry.go, convertDdlEventType): an ALTER TABLE with
/// one index change is CINDEX/DINDEX, with a rename only RENAME, with several changes ALTER.
/// Leading comments and whitespace are skipped.
DdlKind classifyDdl(std::string_view statement);

/// Canal's event type name of a kind: CREATE, ERASE, ALTER, TRUNCATE, RENAME, CINDEX, DINDEX,
/// QUERY ("" for NotDdl).
const char *canalDdlType(DdlKind kind);

} // namespace flowdeck
