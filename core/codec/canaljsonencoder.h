#pragma once

#include "core/codec/jsonwriter.h"
#include "core/codec/recordencoder.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace flowdeck {

/// canal-json as TiCDC writes it (docs/wire-formats.md, "canal-json"): one message per row
/// change, field order and value conventions of TiCDC's encoder, `enable-tidb-extension=false`,
/// `content-compatible=false` (mysqlType without type parameters, `old` with all columns).
///
/// Values are strings (NULL is null); BINARY/VARBINARY/BLOB bytes as ISO-8859-1 text; ENUM as
/// its 1-based index and SET as its bit mask (both as digits, like TiCDC); BIT as the unsigned
/// number; FLOAT/DOUBLE in Go's `FormatFloat(v, 'f', -1, 32|64)` form. String escaping is
/// TiCDC's (JsonEscape::Html).
///
/// Key: TiCDC sends no key; Flowdeck sends the primary key as an object of canal-style string
/// values (`{"id":"1"}`), empty for DDL and tables without a key.
///
/// DDL: statements that are not schema changes (GRANT, CREATE USER...) give no message.
/// `tidbExtension` (TiCDC's `enable-tidb-extension=true`): every message ends with
/// `"_tidb":{"commitTs":TSO}` and encodeWatermark() writes TiCDC's TIDB_WATERMARK messages; the
/// TSO is commitTimeMs << 18 (MySQL has no TSO: the physical part only).
class CanalJsonEncoder : public RecordEncoder
{
public:
    /// Milliseconds since the epoch, for the `ts` field ("when the message was built").
    using Clock = std::function<std::int64_t()>;

    /// `clock` empty: the system clock.
    explicit CanalJsonEncoder(Clock clock = {}, bool tidbExtension = false);

    void encode(const Record &record, std::vector<EncodedMessage> &out) override;
    bool encodeWatermark(std::int64_t commitTimeMs, EncodedMessage &out) override;

    /// Canal's DDL event type for a statement, as TiCDC maps TiDB's DDL actions (classifyDdl()):
    /// CREATE, ERASE, ALTER, TRUNCATE, RENAME, CINDEX, DINDEX, QUERY; "" for a statement that
    /// is not a schema change.
    static const char *ddlType(const std::string &statement);

    /// The TSO Flowdeck writes for a commit time: milliseconds in TiDB's physical bits.
    static std::uint64_t commitTso(std::int64_t commitTimeMs)
    {
        return static_cast<std::uint64_t>(commitTimeMs < 0 ? 0 : commitTimeMs) << 18;
    }

    /// The members of an ENUM or SET column type ("enum('a','it''s')" gives a, it's).
    static std::vector<std::string> enumMembers(const std::string &columnType);

    /// How a column is written; built once per TableInfo.
    struct Column
    {
        enum class Kind : std::uint8_t { Int, UInt, Float, Double, Bit, Enum, Set, Binary, Text };
        Kind kind = Kind::Text;
        int sqlType = 12;         // JDBC code for values within the signed range
        int wideSqlType = 12;     // JDBC code for unsigned values above the signed range
        std::uint64_t signedMax = 0; // unsigned columns: the largest value that keeps sqlType
        std::string mysqlType;    // "int", "int unsigned", "varchar", "blob"...
        std::vector<std::string> members; // ENUM/SET members in definition order
    };

    /// How TiCDC types a column's values (sqlType, value text); built once per table.
    static Column describe(const ColumnInfo &info);
    /// Appends a non-null value's text as TiCDC writes it (and hashes it: `ColumnValueString`):
    /// digits, Go's shortest FLOAT/DOUBLE, ENUM index, SET mask, BIT number, the raw bytes.
    static void appendValueText(std::string &out, const Column &col, const Value &v);

private:
    void prepare(const TableInfoPtr &table);
    void appendTidb(JsonWriter &w, std::int64_t commitTimeMs) const;
    void writeRow(JsonWriter &w, const std::vector<Value> &row) const;
    void writeValue(JsonWriter &w, const Column &col, const Value &v) const;
    static int sqlTypeOf(const Column &col, const Value &v);
    void encodeDdl(const Record &record, std::vector<EncodedMessage> &out);

    Clock m_clock;
    bool m_tidbExtension = false;
    mutable std::string m_text; // scratch for one value's text
    TableInfoPtr m_table; // the table m_columns was built for
    std::vector<Column> m_columns;
    // Pre-rendered per table: the parts of a message that do not depend on the row.
    std::vector<std::string> m_keys;  // `"name":` of each column, escaped
    std::string m_head;               // `{"id":0,"database":…,"pkNames":…,"isDdl":false,"type":`
    std::string m_mysqlTypes;         // `,"mysqlType":{…}`
    std::string m_fixedSqlTypes;      // `,"sqlType":{…}` when no column's code depends on the value

};

} // namespace flowdeck
