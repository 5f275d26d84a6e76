#pragma once

#include "core/model/fieldindexcache.h"
#include "core/model/record.h"
#include "core/transform/transform.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowdeck {

/// The `mapping` section of a flow, compiled once: turns each source record into a record of
/// the destination's columns.
///
/// Without a mapping (std::nullopt) every source field is mapped to the column of the same name
/// and records pass through unchanged (AppFlow's "map all fields directly").
///
/// Each entry has a `destination` and either a `source` (a plain rename) or a `transform`: one
/// step object or an array of steps applied in order (see Transform for the ops). A step that
/// names its own `source` (or concat's `sources`) reads those fields of the source record; any
/// other step takes the previous step's result, and the first one the entry's `source`.
/// `constant` needs no input. A source field the record's schema lacks reads as NULL (the
/// column then gets its default downstream).
///
/// Change events keep their source table: Record::table describes the mapped columns (a plain
/// rename keeps the source column's type, a transformed column's type is unknown, the key
/// survives when all its columns are renamed as they are), and an update's before image is
/// mapped like its row.
///
/// Records of different schemas may pass through one Mapper (JSON Lines files add keys
/// mid-stream): field indexes are resolved once per schema and cached, and the common
/// one-schema case costs a pointer compare per record. Because of that cache, apply() must not
/// be called on one instance from several threads at once: give each thread its own copy.
///
/// Possible errors: compile() throws ConfigError naming the path ("mapping: must not be empty",
/// "mapping[2].destination: column 'id' is already mapped by mapping[0]",
/// "mapping[1].transform[0].op: unknown operator 'foo'"). apply() reports a failed cast or
/// validation through its `error` argument, e.g. `validation notEmpty failed for "name": value is empty`.
class Mapper
{
public:
    /// Compiles the `mapping` value of a flow; nullopt maps all fields directly.
    /// Possible errors: ConfigError with the path of the first problem.
    static Mapper compile(const std::optional<nlohmann::json> &mapping);

    /// True without a mapping: every source field maps to itself.
    bool mapsAll() const { return m_mapsAll; }

    /// The columns of records mapped from records of schema `input`: the destinations in
    /// mapping order (one shared schema whatever the input), or `input` itself when mapping all.
    SchemaPtr outputSchema(const SchemaPtr &input) const;

    /// Maps `in` into `out`: schema, values, position and op (reusing out's storage, so a
    /// record kept across calls costs no allocations for short values). Returns false and sets
    /// `error` when a cast or validation fails, or when `in` is a record the source could not
    /// read (its error is passed on); `out` is then incomplete.
    bool apply(const Record &in, Record &out, std::string &error) const;

    /// Like apply(), but moves values out of `in` where that saves a copy (plain renames whose
    /// field no other rename reads; everything when mapping all). When it returns false, `in` is
    /// untouched: transforms and validations, the only steps that fail, run before any move.
    bool applyMoving(Record &in, Record &out, std::string &error) const;

    /// The source field names the mapping reads, each once, in order of first use (empty when
    /// mapping all), for "field not in the source" checks.
    std::vector<std::string> sourceFields() const { return m_sourceNames; }

private:
    struct Step
    {
        Transform transform;
        std::vector<int> inputs; // indexes into m_sourceNames of its own source(s); empty: previous result
    };
    struct Entry
    {
        std::string destination;
        int source = -1; // index into m_sourceNames, -1 when the entry has none
        std::vector<Step> steps;
    };

    int sourceSlot(const std::string &name);
    bool map(Record &in, Record &out, std::string &error, bool moveValues) const;
    const std::vector<int> &slotsFor(const SchemaPtr &schema) const;
    bool mapRow(std::vector<Value> &in, const std::vector<int> &index, std::vector<Value> &out, std::string &error,
                bool moveValues) const;
    TableInfoPtr mappedTable(const TableInfoPtr &source, const SchemaPtr &schema) const;

    bool m_mapsAll = true;
    std::vector<Entry> m_entries;
    std::vector<bool> m_movable; // per entry: a plain rename whose source no other rename reads
    std::vector<std::string> m_sourceNames;
    SchemaPtr m_output;
    mutable FieldIndexCache m_fieldIndexes;
    struct TableCache
    {
        TableInfoPtr source;
        SchemaPtr schema;
        TableInfoPtr mapped;
    };
    mutable TableCache m_tableCache; // the mapped description of the last source table
};

} // namespace flowdeck
