#pragma once

#include <cstdint>
#include <string>

namespace flowdeck {

/// Settings of the Debezium envelope that a binlog record does not carry: a Kafka destination's
/// `"debezium"` object (docs/flow-file.md). Defaults are Debezium's own, so that Kafka Connect's
/// default JsonConverter (schemas.enable=true) and Debezium consumers read the topics.
struct DebeziumOptions
{
    // stored in flow files: do not rename the keys these map to
    enum class Decimals { Precise, String, Double }; // decimal.handling.mode

    std::string serverName = "flowdeck"; // source.name: Debezium's topic.prefix
    std::string version = "flowdeck";    // source.version: Flowdeck does not claim a Debezium release
    std::int64_t serverId = 0;           // source.server_id
    bool tombstones = true;              // tombstones.on.delete: a null-value message after a delete
    /// value.converter.schemas.enable / key.converter.schemas.enable: wrap key and value as
    /// `{"schema":{…},"payload":{…}}` with the Kafka Connect schema Debezium declares.
    bool schemas = true;
    Decimals decimals = Decimals::Precise;
    /// Topic of schema-change events; "" means serverName (Debezium's default).
    std::string schemaChangesTopic;

    const std::string &schemaTopic() const { return schemaChangesTopic.empty() ? serverName : schemaChangesTopic; }
};

/// Protocol options of a Kafka destination, passed to RecordEncoder::create().
struct EncoderOptions
{
    DebeziumOptions debezium;  // protocol debezium-json
    bool tidbExtension = false; // protocol canal-json: TiCDC's enable-tidb-extension
};

} // namespace flowdeck
