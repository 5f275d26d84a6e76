#pragma once

#include <cstdint>
#include <string>

namespace flowdeck {

/// Where a record came from. Every record carries one; errors and dead letters name it, and the
/// checkpoint of a flow is the position of the newest durably written record.
///
/// File sources fill `source` (the file path), `line` (first line of the record, 1-based),
/// `offset` (byte offset of the record's first byte) and `endOffset`/`endLine` (where the next
/// record starts). Binlog sources use `source` = binlog file and `offset` = event position;
/// Kafka sources use `source` = topic, `partition` and `offset`.
struct Position
{
    std::string source;
    std::int32_t partition = -1;
    std::uint64_t line = 0;
    std::uint64_t column = 0; // 1-based column of an error inside the record, 0 when unknown
    std::uint64_t offset = 0;
    std::uint64_t endLine = 0;
    std::uint64_t endOffset = 0;
    std::string gtid;

    /// "accounts.csv:14", "accounts.csv:14:7", "orders[2]@1234" or "mysql-bin.000003:4567".
    std::string toString() const;
};

} // namespace flowdeck
