#pragma once

#include "core/model/record.h"

#include <map>
#include <optional>
#include <string>

namespace flowdeck {

class MySqlConnection;

/// The one reader of a source table's definition from information_schema (COLUMNS, TABLES,
/// KEY_COLUMN_USAGE) into the TableInfo that records carry: column names, types, nullability,
/// character sets ("binary" for binary types), unsigned flags and the primary key. Sinks read
/// their destination tables with the richer MySqlTableSchema (value-fitting rules).
namespace tabledescription {

struct Described
{
    TableInfo info;        // columns in ORDINAL_POSITION order; keyIndexes and isKey set
    std::string collation; // the table's default collation
};

/// Whether views are described too (a query source may read one; the binlog never names one).
enum class Views { Skip, Include };

/// The tables whose information_schema rows `where` selects, a condition on TABLE_SCHEMA and
/// TABLE_NAME ("TABLE_SCHEMA IN ('a','b')"), keyed "database.table".
/// Possible errors: MySqlError, ConnectionError.
std::map<std::string, Described> describe(MySqlConnection &connection, const std::string &where,
                                          Views views = Views::Skip);

/// One table; nullopt when it does not exist (or is a view and views are skipped).
/// Possible errors: MySqlError, ConnectionError.
std::optional<Described> describeTable(MySqlConnection &connection, const std::string &database,
                                       const std::string &table, Views views = Views::Skip);

} // namespace tabledescription
} // namespace flowdeck
