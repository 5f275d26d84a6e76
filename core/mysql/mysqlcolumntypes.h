#pragma once

#include "core/model/tableinfo.h"
#include "core/model/value.h"

#include <string>
#include <string_view>
#include <vector>

namespace flowdeck {

/// Spatial types (GEOMETRY, POINT, ...): values are the server's internal form (a 4-byte SRID and
/// the WKB) and travel as bytes, like BLOBs.
bool isSpatialDataType(std::string_view dataType);

/// Types whose values are bytes, not text: BINARY, VARBINARY, the BLOBs and the spatial types.
bool isBinaryDataType(std::string_view dataType);

/// MariaDB's INET6 and UUID hold 16 bytes in row images (the binlog) but print as text in
/// queries. Replaces the 16-byte values of such columns in `values` (indexed like
/// `info.columns`) by the text the server prints, so the stream matches the snapshot:
/// '2001:db8::1', '123e4567-e89b-12d3-a456-426655440000' (MariaDB stores time-based UUIDs with
/// their segments swapped; they come back in the usual order).
void textifyFixedBinaryTypes(const TableInfo &info, std::vector<Value> &values);

/// An ENUM or SET member as COLUMN_TYPE writes it: in single quotes, a quote doubled ('it''s').
std::string quoteMember(std::string_view member);

/// True when the table has an INET6 or UUID column (textifyFixedBinaryTypes() has work to do).
bool hasFixedBinaryTextTypes(const TableInfo &info);

} // namespace flowdeck
