#pragma once

#include "core/mysql/binlog/binlogtablemap.h"
#include "core/model/tableinfo.h"

#include <string>

namespace flowdeck {

/// Joins a TABLE_MAP event with the table's definition from the schema history: what the row
/// decoder needs and the event may lack (signedness, charsets, ENUM/SET members without
/// binlog_row_metadata) goes into `map`; the returned TableInfo names the columns and the key.
/// When the event carries names (binlog_row_metadata=FULL) they must be the history's, and every
/// column's binlog type must fit the history's type: a history that does not match the binlog is
/// reported in `problem` (and null returned), never decoded into wrong columns.
TableInfoPtr binlogDefinition(BinlogTableMap &map, const TableInfo &definition, std::string &problem);

/// The collation id the row decoder needs for a charset name (63 binary, 8 latin1, else utf8mb4).
int binlogCharsetId(const std::string &charset);

} // namespace flowdeck
