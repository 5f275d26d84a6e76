#pragma once

#include "core/mysql/binlog/schemahistory.h"

#include <string>
#include <vector>

namespace flowdeck {

class MySqlConnection;

/// Reads table definitions from information_schema into a SchemaHistory: what the tables are
/// *now*, so only right at a position the caller knows nothing changed after (see MySqlSource).
namespace schemacapture {

/// The captured tables (`patterns`, "db.table" globs) and the default character sets of the
/// databases the patterns name.
/// Possible errors: MySqlError, ConnectionError.
SchemaHistory describeCaptured(MySqlConnection &connection, const std::vector<std::string> &patterns);

/// Reads one table into `history` (removes it when the table does not exist).
/// Possible errors: MySqlError, ConnectionError.
void describeTable(MySqlConnection &connection, SchemaHistory &history, const std::string &database,
                   const std::string &table);

} // namespace schemacapture
} // namespace flowdeck
