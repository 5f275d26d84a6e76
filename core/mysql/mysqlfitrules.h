#pragma once

// The value-fitting rules (fitMySqlValue() in mysqlvaluefit.h) are split by column family to
// keep files small: numbers in mysqlvaluefit.cpp, text in mysqltextfit.cpp, dates and times in
// mysqltemporal.cpp. This header is what they share; nothing else should include it.

#include "core/mysql/mysqlvaluefit.h"

namespace flowdeck {

namespace fit {

/// Sets `reason` and returns false: `return refuse(reason, ...)` in the fitting rules.
inline bool refuse(std::string &reason, std::string text)
{
    reason = std::move(text);
    return false;
}

inline void setValue(MySqlCell &cell, std::string_view bytes)
{
    cell.kind = MySqlCellKind::Value;
    cell.data = bytes.data();
    cell.size = std::uint32_t(bytes.size());
}

} // namespace fit

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b);

/// fitMySqlValue() for CHAR/VARCHAR/TEXT (length, UTF-8, character set), ENUM and SET.
bool fitText(std::string_view text, const MySqlColumn &column, MySqlCell &cell, std::string &reason);
bool fitEnum(std::string_view text, const MySqlColumn &column, MySqlCell &cell, std::string &reason);
bool fitSet(std::string_view text, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
            std::string &reason);
/// An integer for an ENUM (1-based index) or SET (bit mask) column: sent as the member text.
bool fitEnumNumber(const Value &value, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
                   std::string &reason);

/// fitMySqlValue() for DATE, DATETIME, TIMESTAMP and TIME columns. Accepts "2026-01-31",
/// "2026-01-31 12:00[:00[.ffffff]]", ISO 8601 "2026-01-31T12:00:00[.fff][Z|+02:00|+0200]"
/// (a zone is converted to UTC, the session's time zone) and "[-]HHH:MM[:SS[.ffffff]]" for TIME.
bool fitTemporal(const Value &value, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
                 std::string &reason);

} // namespace flowdeck
