#pragma once

#include "core/mysql/binlog/binlogtablemap.h"
#include "core/model/value.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace flowdeck {

/// One row of a rows event: `after` for WRITE and UPDATE, `before` for UPDATE and DELETE.
struct BinlogRowChange
{
    std::vector<Value> before;
    std::vector<Value> after;
};

/// Decodes the row images of WRITE/UPDATE/DELETE_ROWS events (v1 and v2) into Values, from the
/// raw event bytes and the columns of the TABLE_MAP event before them. libmariadb's own
/// extraction is not used: 3.3 gets negative integers and TIME wrong and fails on CHAR/ENUM/SET.
///
/// Types: integers → Int, or UInt when unsigned (also when the value fits Int, so a column has one
/// type); YEAR → Int (0 or 1901..2155); NEWDECIMAL → Decimal text with the column's scale
/// ("-12.3400"); FLOAT/DOUBLE → Double; DATE → Date; TIME2 → Time ("-838:59:59.000000", fraction
/// with the column's digits); DATETIME2 → DateTime; TIMESTAMP2 → DateTime in UTC; BIT → UInt;
/// ENUM → Text of the label; SET → Text of the labels joined by ","; CHAR/VARCHAR/TEXT (and
/// MariaDB's JSON, a LONGTEXT) → Text, converted from latin1 when that is the charset, other
/// charsets passed through as they are (utf8mb3/utf8mb4/ascii are UTF-8 already); BINARY,
/// VARBINARY and BLOB (charset 63) → Bytes. A column that is absent from an image (the server's
/// binlog_row_image=MINIMAL or NOBLOB) is left NULL. Zero dates come out as "0000-00-00".
class BinlogRowDecoder
{
public:
    /// `eventType`: 23/30 write, 24/31 update, 25/32 delete. `body` is the event after the
    /// 19-byte header, without the checksum. Appends one change per row to `out`.
    /// Possible errors: Error "malformed ROWS event: ..." when the body does not match the
    /// table map (truncated, wrong column count).
    static void decode(const BinlogTableMap &table, std::uint8_t eventType, const std::uint8_t *body,
                       std::size_t size, std::vector<BinlogRowChange> &out);

    /// Decodes one value of `column` at the cursor. Exposed for tests.
    /// Possible errors: Error when the bytes are truncated.
    static Value decodeValue(const BinlogColumn &column, BinlogCursor &cursor);
};

} // namespace flowdeck
