#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowdeck {

/// A MySQL column type, parsed: what replicate's `createTable` / `addColumns` may put into
/// CREATE TABLE and ALTER TABLE. Types come from messages (canal-json `mysqlType`, Debezium
/// schema parameters), so their text is never pasted into SQL: text() rebuilds it from the parts.
struct MySqlColumnType
{
    std::string name;                  // lower case, from the known list: "varchar", "int", "enum"...
    std::vector<std::uint64_t> sizes;  // (n) or (n,m); empty when the text gave none
    std::vector<std::string> members;  // ENUM / SET members, unescaped
    bool isUnsigned = false;
    bool zerofill = false;
    std::string charset;               // CHARACTER SET name (letters, digits, '_'), "" for none
    std::string collation;             // COLLATE name (letters, digits, '_'), "" for none

    bool hasSizes() const { return !sizes.empty(); }

    /// The type as SQL, from the parts: `varchar(10)`, `decimal(10,2) unsigned`,
    /// `enum('a','it''s')`, `varchar(20) character set latin1 collate latin1_bin`.
    std::string text() const;
};

/// Parses a MySQL column type as information_schema's COLUMN_TYPE or a message writes it, case
/// insensitive: a known type name (`double precision` for double), `(n)` / `(n,m)` within the
/// type's limits (varchar up to 65535, decimal up to (65,30), fractional seconds up to 6...),
/// `unsigned` / `signed` / `zerofill` for numbers, members of `enum(...)` / `set(...)` as SQL
/// string literals ('' for a quote; backslashes and control characters are refused), and
/// `character set X` / `charset X` / `collate X` for text types.
///
/// Possible errors: none thrown; returns std::nullopt and sets `reason` ("'varchar(10)) ; DROP
/// DATABASE victim; -- ' is not a MySQL column type: unexpected ')' at character 12").
std::optional<MySqlColumnType> parseMySqlColumnType(std::string_view text, std::string &reason);

} // namespace flowdeck
