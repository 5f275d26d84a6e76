#pragma once

#include "core/codec/jsonwriter.h"
#include "core/codec/recordencoder.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace flowdeck {

/// Settings of the Debezium envelope that a binlog record does not carry.
struct DebeziumOptions
{
    std::string serverName = "flowdeck"; // source.name: Debezium's topic.prefix
    std::string version = "flowdeck";    // source.version: Flowdeck does not claim a Debezium release
    std::int64_t serverId = 0;           // source.server_id when unknown
    bool tombstones = true;              // tombstones.on.delete: a null-value message after a delete
    /// value.converter.schemas.enable / key.converter.schemas.enable: wrap key and value as
    /// `{"schema":{…},"payload":{…}}` with the Kafka Connect schema Debezium declares.
    bool schemas = false;
};

/// debezium-json: the change-event envelope of Debezium's MySQL connector as Kafka Connect's
/// JSON converter writes it with `schemas.enable=false` (docs/wire-formats.md, "debezium-json"):
/// `{"before","after","source","op","ts_ms","transaction"}`, values typed as the connector's
/// defaults do (`time.precision.mode=adaptive_time_microseconds`, `binary.handling.mode=bytes`)
/// except `decimal.handling.mode=string` (exact text instead of base64 of the unscaled value).
///
/// `op` is "c", "u", "d", or "r" for a snapshot read (a record whose `position.source` is
/// "snapshot"). A delete is followed by a tombstone (unless disabled). A DDL record becomes a
/// message shaped like the connector's schema-change event (`{"source","ts_ms","databaseName",
/// "schemaName","ddl","tableChanges":[]}`, key `{"databaseName":…}`, EncodedMessage.ddl set),
/// written to the table's topic as TiCDC's Debezium protocol does. Key of rows: the primary-key
/// columns as an object (`{"id":1}`), empty without a key.
class DebeziumJsonEncoder : public RecordEncoder
{
public:
    /// Milliseconds since the epoch, for the envelope's `ts_ms` (when the event was processed).
    using Clock = std::function<std::int64_t()>;

    explicit DebeziumJsonEncoder(DebeziumOptions options = {}, Clock clock = {});

    void encode(const Record &record, std::vector<EncodedMessage> &out) override;

    /// How a column's value is typed; built once per TableInfo.
    struct Column
    {
        enum class Kind : std::uint8_t {
            Integer, Real, Float32, Decimal, String, Bytes, Bool, Bits, Enum, Set,
            Date, Time, DateTimeMillis, DateTimeMicros, ZonedTimestamp,
        };
        Kind kind = Kind::String;
        int fsp = 0;      // fractional digits of TIME/DATETIME/TIMESTAMP
        int bitWidth = 0; // BIT(n)
        bool nullable = true; // zero dates: null when nullable, else the epoch (as Debezium)
        std::vector<std::string> members;
    };

private:
    void prepare(const TableInfoPtr &table);
    void writeRow(JsonWriter &w, const std::vector<Value> &row) const;
    void writeValue(JsonWriter &w, const Column &col, const Value &v) const;
    void writeSource(JsonWriter &w, const Record &record, bool snapshot) const;
    void encodeDdl(const Record &record, std::vector<EncodedMessage> &out);
    void buildSchemas(const TableInfo &table);

    DebeziumOptions m_options;
    Clock m_clock;
    TableInfoPtr m_table;
    std::vector<Column> m_columns;
    std::string m_valueSchema; // `{"schema":…,"payload":` for the table (options.schemas only)
    std::string m_keySchema;
};

} // namespace flowdeck
