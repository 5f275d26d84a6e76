#pragma once

#include "core/codec/decodedtables.h"
#include "core/codec/messagedecoder.h"

#include <nlohmann/json.hpp>

#include <unordered_map>

namespace flowdeck {

/// Debezium change events as Kafka Connect's JSON converter writes them, with
/// (`schemas.enable=true`: `{"schema":…,"payload":…}`) or without the schema wrapper
/// (docs/wire-formats.md, "debezium-json").
///
/// What the caller must know:
/// - `op` c and r (snapshot read) are inserts, u updates (before image from `before`), d
///   deletes (the row from `before`). The tombstone Debezium sends right after a delete (same
///   partition, same key) is a no-op; any other tombstone (null value) deletes by the message
///   key; its table is the one of the topic's last event, else the topic's last two
///   dot-separated parts.
/// - Schema-change events (a `ddl` field) become Ddl records.
/// - The table is `source.db`/`source.table`, the commit time `source.ts_ms`, the key columns
///   the fields of the message key.
/// - With the schema, values get their MySQL types back from the Kafka Connect types and
///   Debezium's logical names (io.debezium.time.Date days, Timestamp/MicroTimestamp/NanoTimestamp,
///   ZonedTimestamp, MicroTime, Bits, Enum/EnumSet, Kafka Connect's Decimal as base64 unscaled
///   bytes of any length, bytes as base64; with `time.precision.mode=connect`, Kafka Connect's
///   Date, Time and Timestamp). Without it values are typed from JSON (integers, doubles,
///   booleans, text) and the table says WireValues::DebeziumSchemaless: a MySQL destination
///   reads dates, times, DECIMAL, BIT and binary values back by its columns' types.
class DebeziumJsonDecoder : public MessageDecoder
{
public:
    /// How one field is typed, from the Kafka Connect schema ("" when there is none).
    struct FieldType
    {
        std::string type;    // int32, int64, string, bytes...
        std::string logical; // io.debezium.time.Date...
        int scale = 0;       // Decimal
        std::string mysqlType; // the column type this gives back: "date", "datetime(6)", "decimal(10,2)"
    };

    /// Types one Debezium value. Returns false with `reason` for a value its schema rejects.
    static bool typedValue(const nlohmann::ordered_json &value, const FieldType &type, Value &out, std::string &reason);
    /// The FieldType of one entry of a Kafka Connect struct's `fields`.
    static FieldType fieldType(const nlohmann::ordered_json &field);

protected:
    void decodeMessage(const KafkaMessage &message, Batch &out) override;

private:
    void decodeTombstone(const KafkaMessage &message, Batch &out);
    void decodeValue(const KafkaMessage &message, Batch &out);

    DecodedTables m_tables;
    std::unordered_map<std::string, std::pair<std::string, std::string>> m_topicTables; // topic -> db, table
    std::vector<std::string> m_key;
    std::vector<FieldType> m_types;
    std::unordered_map<std::string, std::string> m_lastDeleteKey; // "topic\0partition" -> key of its last message, a delete
};

} // namespace flowdeck
