#pragma once

#include "core/model/position.h"
#include "core/model/tableinfo.h"
#include "core/model/value.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace flowdeck {

/// The field names of a stream of records, shared by all records of one source (or of one table
/// for change events). Lookups by name are O(1).
class Schema
{
public:
    Schema() = default;
    explicit Schema(std::vector<std::string> names);

    const std::vector<std::string> &names() const { return m_names; }
    std::size_t size() const { return m_names.size(); }
    /// Index of a field, or -1 when the schema has no such field.
    int indexOf(std::string_view name) const;

private:
    std::vector<std::string> m_names;
    std::unordered_map<std::string, int> m_index;
};

using SchemaPtr = std::shared_ptr<const Schema>;

/// What a record means for the destination. File rows are inserts; change events may be anything.
/// Ddl: a schema change (`statement` holds the SQL, `table` the table after it).
enum class RowOp : std::uint8_t { Insert, Update, Delete, Ddl };

/// One record: values in schema order plus the position it came from. A record the source could
/// not parse carries `error` (and `raw`, the offending input) instead of values; the engine stops
/// or dead-letters it as the flow's error handling says.
struct Record
{
    SchemaPtr schema;
    std::vector<Value> values;
    Position position;
    RowOp op = RowOp::Insert;
    std::string error; // non-empty: this input could not be read
    std::string raw;   // the raw input of a bad record (the CSV line, the JSON text)

    // Change events (binlog, topics) only:
    TableInfoPtr table;          // the source table; schema's names are its column names
    std::vector<Value> before;   // Update: the row before (values holds the row after).
                                 // Delete: empty, values holds the deleted row.
    std::int64_t commitTimeMs = 0; // commit time of the transaction, ms since the epoch
    std::string statement;       // Ddl: the statement

    bool isError() const { return !error.empty(); }
    /// The value of a field by name, or nullptr when the schema has no such field.
    const Value *field(std::string_view name) const;
};

/// Records moved together between threads and written in one transaction.
using Batch = std::vector<Record>;

} // namespace flowdeck
