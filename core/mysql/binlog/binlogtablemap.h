#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace flowdeck {

/// Column type codes of the binlog (enum_field_types of MySQL/MariaDB).
namespace binlogtype {
constexpr std::uint8_t Decimal = 0, Tiny = 1, Short = 2, Long = 3, Float = 4, Double = 5, Null = 6,
                       Timestamp = 7, LongLong = 8, Int24 = 9, Date = 10, Time = 11, DateTime = 12,
                       Year = 13, NewDate = 14, VarChar = 15, Bit = 16, Timestamp2 = 17,
                       DateTime2 = 18, Time2 = 19, Json = 245, NewDecimal = 246, Enum = 247,
                       Set = 248, TinyBlob = 249, MediumBlob = 250, LongBlob = 251, Blob = 252,
                       VarString = 253, String = 254, Geometry = 255;
} // namespace binlogtype

/// One column of a TABLE_MAP event: its binlog type and what the row decoder needs to read it.
struct BinlogColumn
{
    std::uint8_t type = 0;     // binlogtype::*, with STRING resolved to Enum/Set by its real type
    std::uint16_t meta = 0;    // type metadata: max length, precision<<8|scale, fsp, length bytes
    std::string name;          // from the optional metadata (binlog_row_metadata=FULL), else ""
    bool isUnsigned = false;
    bool nullable = true;
    int charsetId = -1;        // collation id of a text column (63: binary), -1 unknown/not text
    std::vector<std::string> labels; // ENUM/SET values, from the optional metadata

    bool isText() const;       // a character column (CHAR/VARCHAR/BLOB/TEXT), not ENUM/SET
    /// information_schema's DATA_TYPE for the column ("int", "varchar", "longtext"...), for
    /// when the table itself no longer matches the event.
    std::string dataType() const;
    /// The labels of information_schema's COLUMN_TYPE "enum('a','b''c')" / "set(...)".
    static std::vector<std::string> labelsOf(const std::string &columnType);
    bool isNumeric() const;    // has a signedness bit in the optional metadata (YEAR too)
};

/// A parsed TABLE_MAP event: which table a table id means and the layout of its rows.
struct BinlogTableMap
{
    std::uint64_t tableId = 0;
    std::string database;
    std::string table;
    std::vector<BinlogColumn> columns;
    std::vector<int> keyIndexes;  // primary key columns, from the optional metadata
    bool hasNames = false;        // column names came with the event (binlog_row_metadata=FULL)
    bool hasSignedness = false;   // signedness came with the event (MINIMAL or FULL)

    /// Parses the body of a TABLE_MAP event (after the 19-byte header, without the checksum).
    /// Understands the optional metadata of MariaDB >= 10.5 / MySQL >= 8.0: signedness, default
    /// and per-column charsets, column names, ENUM/SET labels, primary keys.
    /// Possible errors: Error "malformed TABLE_MAP event: ..." when the body is truncated.
    static BinlogTableMap parse(const std::uint8_t *body, std::size_t size);
};

/// Reads a little-endian binlog byte stream with bounds checks.
/// Possible errors: Error "malformed <what> event: truncated" when reading past the end.
class BinlogCursor
{
public:
    BinlogCursor(const std::uint8_t *data, std::size_t size, const char *what)
        : m_p(data), m_end(data + size), m_what(what) {}

    std::size_t remaining() const { return std::size_t(m_end - m_p); }
    const std::uint8_t *data() const { return m_p; }
    void need(std::size_t n) const;
    const std::uint8_t *take(std::size_t n) { need(n); const std::uint8_t *p = m_p; m_p += n; return p; }
    std::uint64_t uint(std::size_t bytes); // little-endian, 1..8 bytes
    std::uint64_t packed();                // length-encoded integer
    std::string string(std::size_t n) { const std::uint8_t *p = take(n); return {reinterpret_cast<const char *>(p), n}; }
    [[noreturn]] void fail(const std::string &why) const;

private:
    const std::uint8_t *m_p;
    const std::uint8_t *m_end;
    const char *m_what;
};

} // namespace flowdeck
