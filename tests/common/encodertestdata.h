#pragma once

// The change events every encoder test encodes: one column of each common MySQL type.

#include "core/model/record.h"

#include <cstdint>
#include <string>

namespace flowdeck::test {

inline constexpr std::int64_t kCommitMs = 1700000000000;
inline constexpr std::int64_t kNowMs = 1700000000123;

/// A column description.
ColumnInfo col(const char *name, const char *dataType, const char *columnType, const char *charset = "",
               bool isUnsigned = false);
/// A table with one column of each common MySQL type.
TableInfoPtr allTypesTable();
/// A row of allTypesTable() with edge values.
std::vector<Value> allTypesRow();
/// An INSERT/UPDATE/DELETE/DDL event of allTypesTable().
Record changeEvent(RowOp op);
/// A golden file under tests/data, without its final newline.
std::string readGolden(const std::string &relative);
/// readGolden(relative); with FLOWDECK_WRITE_GOLDENS=1 in the environment it first writes
/// `actual` there (to regenerate goldens after a deliberate format change; review the diff).
std::string golden(const std::string &relative, const std::string &actual);

} // namespace flowdeck::test
