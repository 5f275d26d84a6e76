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
class CanalJsonEncoder : public RecordEncoder
{
public:
    /// Milliseconds since the epoch, for the `ts` field ("when the message was built").
    using Clock = std::function<std::int64_t()>;

    /// `clock` empty: the system clock.
    explicit CanalJsonEncoder(Clock clock = {});

    void encode(const Record &record, std::vector<EncodedMessage> &out) override;

    /// Canal's DDL event type for a statement, as TiCDC maps TiDB's DDL actions: CREATE (create
    /// table), ERASE (drop table), ALTER, TRUNCATE, RENAME, CINDEX (create index), DINDEX (drop
    /// index), QUERY (everything else: databases, views...). Decided on the statement's words.
    static const char *ddlType(const std::string &statement);

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

private:
    void prepare(const TableInfoPtr &table);
    void writeRow(JsonWriter &w, const std::vector<Value> &row) const;
    void writeValue(JsonWriter &w, const Column &col, const Value &v) const;
    static int sqlTypeOf(const Column &col, const Value &v);
    void encodeDdl(const Record &record, std::vector<EncodedMessage> &out);

    Clock m_clock;
    TableInfoPtr m_table; // the table m_columns was built for
    std::vector<Column> m_columns;
    // Pre-rendered per table: the parts of a message that do not depend on the row.
    std::vector<std::string> m_keys;  // `"name":` of each column, escaped
    std::string m_head;               // `{"id":0,"database":…,"pkNames":…,"isDdl":false,"type":`
    std::string m_mysqlTypes;         // `,"mysqlType":{…}`
    std::string m_fixedSqlTypes;      // `,"sqlType":{…}` when no column's code depends on the value

};

} // namespace flowdeck
