#pragma once

#include <string>
#include <string_view>

namespace flowdeck {

/// MySQL 5.7/8.0's binary JSON (the form a JSON column has in MySQL's binlog, column type 245)
/// as JSON text, written from the format MySQL documents in sql-common/json_binary.h: objects
/// and arrays in their small (16-bit) and large (32-bit) forms, literals, [u]int16/32/64,
/// doubles, utf8mb4 strings, and opaque values (DECIMAL as a number, DATE/TIME/DATETIME/
/// TIMESTAMP as quoted strings as MySQL prints them, anything else as MySQL's
/// "base64:typeN:..." string). The text is spaced as MySQL prints JSON (`{"a": 1, "b": [1, 2]}`);
/// doubles are written with the shortest digits that read back the same (`.0` added to whole
/// numbers, as MySQL does). An empty value (length 0) is JSON null, as MySQL reads it.
///
/// MariaDB stores JSON as LONGTEXT and never logs this form. Partial JSON updates
/// (binlog_row_value_options=PARTIAL_JSON) are not decoded.
///
/// Possible errors: none thrown; returns false with `error` for truncated or malformed input
/// (an offset or length beyond the value, an unknown type byte, nesting deeper than 100).
bool mysqlBinaryJsonToText(std::string_view binary, std::string &out, std::string &error);

} // namespace flowdeck
