#pragma once

#include "core/codec/encoderoptions.h"
#include "core/kafka/kafkapropertypolicy.h"
#include "core/model/record.h"

#include <nlohmann/json.hpp>

#include <librdkafka/rdkafka.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace flowdeck {

struct RdKafkaConfDeleter
{
    void operator()(rd_kafka_conf_t *conf) const { rd_kafka_conf_destroy(conf); }
};
struct RdKafkaDeleter
{
    void operator()(rd_kafka_t *rk) const { rd_kafka_destroy(rk); }
};
struct RdKafkaTopicDeleter
{
    void operator()(rd_kafka_topic_t *topic) const { rd_kafka_topic_destroy(topic); }
};
using RdKafkaConfPtr = std::unique_ptr<rd_kafka_conf_t, RdKafkaConfDeleter>;
using RdKafkaPtr = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;
using RdKafkaTopicPtr = std::unique_ptr<rd_kafka_topic_t, RdKafkaTopicDeleter>;

/// A Kafka destination as the flow file describes it (docs/flow-file.md, "kafka" destination):
///
///   {"type":"kafka", "brokers":"h1:9092,h2:9092" | "embedded", "protocol":"canal-json",
///    "topic":"tidb_{schema}_{table}", "partition":"index-value",
///    "createTopics":{"partitions":3,"replicationFactor":1}, "properties":{"linger.ms":20},
///    "debezium":{"schemas":true, "serverName":"shop", ...}, "tidbExtension":false}
struct KafkaConfig
{
    std::string brokers;            // bootstrap list, or "embedded"
    std::string protocol = "json";
    std::string topicTemplate;      // "{schema}" and "{table}" are replaced per record
    std::string partition = "default";
    int createPartitions = 0;       // 0: do not create topics
    int createReplicationFactor = 1;
    std::vector<std::pair<std::string, std::string>> properties; // librdkafka settings, as text
    bool allowUnsafeProperties = false; // properties may run commands or load code (KafkaPropertyPolicy)
    EncoderOptions encoder; // "debezium" (protocol debezium-json), "tidbExtension" (canal-json)

    bool embedded() const { return brokers == "embedded"; }

    /// Reads a destination object. Numbers and booleans in "properties" become their text.
    /// Possible errors: ConfigError (missing brokers or topic, a non-integer partition count, a
    /// property KafkaPropertyPolicy refuses for a producer, a "debezium" option of the wrong type
    /// or an unknown decimalHandling).
    static KafkaConfig fromJson(const nlohmann::json &destination);

    /// The topic for `record`: the template with {schema}/{table} replaced from record.table.
    /// Possible errors: InputError when the template has placeholders and the record no table.
    std::string topicFor(const Record &record) const;
    /// The topic when the template has no placeholders, else "".
    std::string fixedTopic() const;

    /// A librdkafka configuration with `bootstrap` as bootstrap.servers, then `defaults`, then
    /// the flow's properties (which win; KafkaPropertyPolicy keeps Flowdeck's own settings).
    /// Possible errors: ConfigError naming a property librdkafka or the policy rejects.
    RdKafkaConfPtr makeConf(const std::string &bootstrap,
                            const std::vector<std::pair<std::string, std::string>> &defaults) const;
};

/// Sets one librdkafka property. Possible errors: ConfigError with librdkafka's reason (never
/// the value: it may be a password).
void setKafkaProperty(rd_kafka_conf_t *conf, const std::string &name, const std::string &value,
                      const std::string &where = "destination.properties.");

/// Checks a flow's properties against KafkaPropertyPolicy for `role`.
/// Possible errors: ConfigError "<where><name>: <refusal>" for the first refused property.
void checkKafkaProperties(const std::vector<std::pair<std::string, std::string>> &properties,
                          KafkaClientRole role, bool allowUnsafe, const std::string &where);

} // namespace flowdeck
