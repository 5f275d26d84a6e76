#pragma once

#include "core/codec/jsonwriter.h"
#include "core/codec/recordencoder.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace flowdeck {

/// debezium-json: the change-event envelope of Debezium's MySQL connector (2.6+) as Kafka
/// Connect's JsonConverter writes it (docs/wire-formats.md, "debezium-json"):
/// `{"before","after","source","transaction","op","ts_ms","ts_us","ts_ns"}`, with the
/// `{"schema","payload"}` wrapper unless options.schemas is false; values typed as the
/// connector's defaults do (`time.precision.mode=adaptive_time_microseconds`,
/// `binary.handling.mode=bytes`, `decimal.handling.mode` from the options).
///
/// `op` is "c", "u", "d", or "r" for a snapshot read (a record whose `position.source` is
/// "snapshot"). A delete is followed by a tombstone (unless disabled). A DDL record becomes the
/// connector's schema-change event (`{"source","ts_ms","databaseName","schemaName","ddl",
/// "tableChanges":[]}`, key `{"databaseName":…}`) addressed to options.schemaTopic(), never to
/// a table topic; statements that are not schema changes (GRANT...) give no message. Key of
/// rows: the primary-key columns as an object (`{"id":1}`), empty without a key.
class DebeziumJsonEncoder : public RecordEncoder
{
public:
    /// Nanoseconds since the epoch, for the envelope's `ts_ms`/`ts_us`/`ts_ns` (when the event
    /// was processed).
    using Clock = std::function<std::int64_t()>;

    explicit DebeziumJsonEncoder(DebeziumOptions options = {}, Clock clock = {});

    void encode(const Record &record, std::vector<EncodedMessage> &out) override;

    /// How a column's value is typed; built once per TableInfo.
    struct Column
    {
        enum class Kind : std::uint8_t {
            Integer, Real, Float32, Decimal, String, Bytes, Bool, Bits, Enum, Set,
            Date, Time, DateTimeMillis, DateTimeMicros, ZonedTimestamp,
            Geometry, Point, // io.debezium.data.geometry.Geometry / Point structs
        };
        Kind kind = Kind::String;
        int fsp = 0;      // fractional digits of TIME/DATETIME/TIMESTAMP
        int bitWidth = 0; // BIT(n)
        int precision = 0, scale = 0; // DECIMAL(p,s)
        bool nullable = true; // zero dates: null when nullable, else the epoch (as Debezium)
        std::vector<std::string> members;
    };

private:
    void prepare(const TableInfoPtr &table);
    void writeRow(JsonWriter &w, const std::vector<Value> &row) const;
    void writeValue(JsonWriter &w, const Column &col, const Value &v) const;
    void writeGeometry(JsonWriter &w, const Column &col, std::string_view internal) const;
    void writeSource(JsonWriter &w, const Record &record, bool snapshot) const;
    void writeTimes(JsonWriter &w) const;
    void writeDecimal(JsonWriter &w, const Column &col, const std::string &text) const;
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
