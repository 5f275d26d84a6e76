#pragma once

#include "core/model/tableinfo.h"
#include "core/model/value.h"
#include "core/mysql/mysqltableschema.h"

#include <string>

namespace flowdeck {

/// Reads a value that arrived in an untyped wire form (TableInfo::wireValues) the way the
/// destination column's type says, before fitMySqlValue():
///
/// - WireValues::DebeziumSchemaless (debezium-json without the schema wrapper, Debezium's
///   default encodings): an integer for a DATE column is days since 1970-01-01, for a DATETIME
///   column milliseconds (DATETIME(0..3)) or microseconds (DATETIME(4..6)) since the epoch, for
///   a TIME column microseconds; text that is not a decimal number for a DECIMAL column is
///   base64 of the unscaled two's-complement integer (decimal.handling.mode=precise) at the
///   column's scale; text for a BIT column is base64 of its bytes, least significant first;
///   text for a BINARY/VARBINARY/BLOB column is base64.
/// - WireValues::JsonUntyped (Flowdeck's json protocol): text for a binary column is base64.
///
/// Returns `value` itself when nothing needs reading, else `scratch` holding the converted
/// value; nullptr with `reason` for text that is not valid base64.
const Value *wireValueFor(const Value &value, WireValues wire, const MySqlColumn &column, Value &scratch,
                          std::string &reason);

} // namespace flowdeck
