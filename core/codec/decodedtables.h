#pragma once

#include "core/model/record.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace flowdeck {

/// The tables a decoder has met, so that all messages of one table version share one TableInfo
/// and one Schema (sinks cache their statements per schema). A message whose columns differ from
/// the table's last version (a DDL happened) makes a new version.
class DecodedTables
{
public:
    struct Entry
    {
        TableInfoPtr table;
        SchemaPtr schema;
    };

    /// The columns being decoded for one message; call begin(), add() per column, then finish().
    void begin(std::string_view database, std::string_view table);
    /// Adds a column; `type` is the MySQL type as the message names it ("int unsigned",
    /// "varchar(255)", "decimal"), or "" when unknown.
    void add(std::string_view name, std::string_view type);
    /// Marks the key columns (by name; unknown names are ignored).
    void setKey(const std::vector<std::string> &names);
    /// The entry for the columns added since begin(): the previous one when nothing changed.
    const Entry &finish();

    /// How the tables' values carry the types their messages leave out (TableInfo::wireValues):
    /// set per message, before finish(); a change makes a new table version.
    void setWireValues(WireValues wireValues) { m_wireValues = wireValues; }

    /// The entry last finished for `database`.`table`, or null.
    const Entry *find(std::string_view database, std::string_view table) const;

    /// Splits a MySQL type as messages write it into data type and flags:
    /// "int(11) unsigned zerofill" -> dataType "int", unsigned.
    static ColumnInfo columnFromType(std::string_view name, std::string_view type);

private:
    bool matches(const Entry &entry) const;

    std::unordered_map<std::string, Entry> m_tables; // "db\0table"
    const Entry *m_last = nullptr; // most messages are of the table of the one before
    std::string m_lookup;
    std::string m_database;
    std::string m_table;
    std::vector<std::pair<std::string, std::string>> m_columns; // name, type (reused)
    std::size_t m_count = 0;
    std::vector<std::string> m_key;
    WireValues m_wireValues = WireValues::Typed;
};

} // namespace flowdeck
