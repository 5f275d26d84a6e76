#pragma once

#include "core/mysql/mysqltableschema.h"
#include "core/model/value.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace flowdeck {

/// What a cell sends: a value, SQL NULL, or the column's DEFAULT.
enum class MySqlCellKind : std::uint8_t { Value, Null, Default };

/// One value made ready for a column: its bytes (pointing into the Value's own text when it
/// needed no conversion, else into a MySqlValueArena), or NULL/DEFAULT.
struct MySqlCell
{
    const char *data = nullptr;
    std::uint32_t size = 0;
    MySqlCellKind kind = MySqlCellKind::Null;
};

/// How a column's values travel in SQL text: bare numeric literals, X'..' bytes, or quoted text.
enum class MySqlWireForm : std::uint8_t { Number, Bytes, Text };
MySqlWireForm wireForm(const MySqlColumn &column);

/// Storage for the converted values of one batch. Chunks never move, so cells may point into
/// them until clear(). Allocation-free once warmed up.
class MySqlValueArena
{
public:
    char *allocate(std::size_t size);
    /// Copies `text` into the arena and returns the copy.
    std::string_view store(std::string_view text);
    /// Forgets all values; keeps the memory for the next batch.
    void clear();

private:
    static constexpr std::size_t kChunkSize = 256 * 1024;
    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::vector<std::unique_ptr<char[]>> m_large; // values bigger than a chunk
    std::size_t m_chunk = 0; // current chunk index
    std::size_t m_used = 0;  // bytes used in the current chunk
};

/// How messages show a value: numbers bare, text in double quotes, cut after 60 bytes.
std::string shownValue(const Value &value);
std::string shownText(std::string_view text);
/// "column `name` varchar(150)": how messages name a column.
std::string columnReference(const MySqlColumn &column);

/// Checks that `value` fits `column` exactly and makes the cell to send. Nothing is truncated,
/// rounded or clamped: a value that does not fit is refused with a reason such as
/// "value of 200 characters does not fit column `name` varchar(150)" or
/// "\"abc\" is not an integer for column `qty` int".
///
/// Rules: text length in characters (CHAR/VARCHAR) or bytes (TEXT), valid UTF-8 representable
/// in the column's character set; integers range-checked for every width and signedness ("12"
/// and "12.0" accepted, "12.5" and "abc" refused); DECIMAL(p,s) integer digits <= p-s and
/// fractional digits <= s (extra trailing zeros are dropped, other digits refuse the value);
/// FLOAT/DOUBLE finite and in range; DATE/DATETIME/TIMESTAMP/TIME/YEAR valid, ISO 8601 with
/// 'T' and a zone ("2026-01-31T12:00:00Z", "+02:00") converted to UTC "2026-01-31 12:00:00",
/// fractional seconds beyond the column's precision refused unless zero, TIMESTAMP range
/// checked; ENUM/SET members (ASCII case-insensitive, sent as the member's own spelling);
/// BINARY/BLOB length in bytes; BIT values below 2^M (sent as big-endian bytes); JSON valid;
/// booleans as 1/0 for numbers ("true"/"false" text too for TINYINT(1)) and "true"/"false" for
/// text. NULL: NULL for a nullable column, DEFAULT for a NOT NULL column with a default,
/// NULL (a new number) for AUTO_INCREMENT, else "column `id` is NOT NULL and has no default".
/// Spatial columns take bytes in the server's internal form (a 4-byte little-endian SRID, then
/// the WKB), sent as binary. DATE/DATETIME/TIMESTAMP columns marked zeroDates (a replica's
/// session) also take zero dates as MySQL prints them ('0000-00-00', '2024-00-15',
/// '0000-00-00 00:00:00'); a TIMESTAMP only the all-zero value, and its epoch
/// '1970-01-01 00:00:00' UTC (the same stored value) is written as that zero value. Other
/// types (INET6, UUID...) are sent as text and left to the server.
///
/// Plain C++, no allocation except into `arena` (and `reason` on refusal).
bool fitMySqlValue(const Value &value, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
                   std::string &reason);

} // namespace flowdeck
