#pragma once

#include "core/mysql/mysqlstatementbuilder.h"
#include "core/model/record.h"

#include <string>
#include <vector>

namespace flowdeck {

/// Column types for a table created by a destination with `createTable: true`, inferred from
/// the first batch's values (null values say nothing): booleans TINYINT(1); integers BIGINT
/// (BIGINT UNSIGNED beyond INT64_MAX, DECIMAL(20,0) when both signs too); doubles DOUBLE;
/// decimals DECIMAL(max(18, integer digits) + scale, scale) with the batch's largest scale;
/// dates DATE; dates and times DATETIME, or DATETIME(6) when a value has fractional seconds;
/// times TIME or TIME(6); bytes BLOB (LONGBLOB past 64 KiB); text, mixed types or no values
/// TEXT (LONGTEXT past 64 KiB). Key columns (`key`) are NOT NULL, and VARCHAR(255) /
/// VARBINARY(255) instead of TEXT / BLOB so they can be a PRIMARY KEY; the others are NULL.
std::vector<MySqlNewColumn> inferMySqlColumns(const Schema &schema, const Batch &batch,
                                              const std::vector<std::string> &key);

} // namespace flowdeck
