#pragma once

#include "core/kafka/kafkaconfig.h"
#include "core/codec/messagedecoder.h"
#include "core/engine/source.h"

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace flowdeck {

/// A Kafka source (docs/flow-file.md, "kafka" source): a consumer in a group reading a topic, a
/// list of topics or the topics matching a `^regex`, decoding each message with the protocol's
/// MessageDecoder into change events.
///
///   {"type":"kafka", "brokers":"h1:9092" | "embedded", "protocol":"canal-json",
///    "topic":"tidb_tpcc_orders" | ["a","b"] | "^tidb_tpcc_.*", "group":"replica",
///    "startFrom":"earliest" | "latest" | "committed", "properties":{...}}
///
/// What the caller must know:
/// - Offsets are the flow's: the checkpoint holds the next offset of every assigned partition
///   (`{"offsets":{"topic":{"0":123,...}}}`), committed with the destination's rows; a resumed
///   run seeks there. After the destination committed a batch, the offsets are also committed
///   to the consumer group (checkpointCommitted()), so `kafka-consumer-groups` shows the lag;
///   the group's offsets are only read with `"startFrom": "committed"` for partitions the
///   checkpoint does not know. Partitions neither knows start at the earliest (default) or
///   latest offset.
/// - An offset that is no longer on the broker (retention, or the embedded broker's 100k
///   messages per partition) stops the run: "data lost upstream: topic X partition P offset O is
///   no longer on the broker (oldest is N)". It never skips silently.
/// - continuous(); caughtUp() once every assigned partition is read to its end.
/// - A message that cannot be decoded is an error record (see MessageDecoder).
class KafkaSource : public Source
{
public:
    /// `defaultGroup` is used when the endpoint has no "group".
    /// Possible errors: ConfigError (no brokers or topic, unknown protocol or startFrom).
    KafkaSource(const nlohmann::json &source, const std::string &defaultGroup);
    ~KafkaSource() override;

    /// Creates the consumer and subscribes; partitions are assigned during read().
    /// Possible errors: ConfigError (a property librdkafka rejects), ConnectionError.
    void open(const nlohmann::json &resume) override;
    SchemaPtr schema() const override { return m_schema; }
    /// Possible errors: Error for "data lost upstream", a topic that does not exist, or a fatal
    /// consumer error.
    bool read(Batch &out, std::size_t maxRecords) override;
    nlohmann::json checkpointAfter(const Position &position) const override;
    void checkpointCommitted(const nlohmann::json &checkpoint) override;
    bool fixedSchema() const override { return false; }
    bool continuous() const override { return true; }
    bool caughtUp() const override;
    /// Consumer lag: messages between what was read and each assigned partition's end (from
    /// librdkafka's cached high watermarks, no broker round trip), and seconds since the newest
    /// message read was produced while any are behind.
    SourceLag lag() const override;

    /// The bootstrap list used (the embedded broker's when "embedded").
    const std::string &bootstrap() const { return m_bootstrap; }

private:
    struct Entry
    {
        std::uint64_t seq;
        int partition; // index into m_partitions
        std::int64_t next;
    };
    struct PartitionState
    {
        std::string topic;
        std::int32_t partition;
        bool assigned = false;
        bool atEnd = false;
        std::int64_t next = -1; // offset after the last message read; -1: none yet
    };

    static void onRebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *partitions, void *opaque);
    void assign(rd_kafka_topic_partition_list_t *partitions);
    int partitionIndex(const std::string &topic, std::int32_t partition);
    std::string dataLost(const std::string &topic, std::int32_t partition, std::int64_t offset);
    static nlohmann::json offsetsJson(const std::map<std::pair<std::string, std::int32_t>, std::int64_t> &offsets);

    // Configuration
    std::string m_brokers;
    std::string m_bootstrap;
    std::string m_protocol = "json";
    std::vector<std::string> m_topics;
    std::string m_group;
    std::string m_startFrom = "earliest";
    std::vector<std::pair<std::string, std::string>> m_properties;

    // Reader thread
    RdKafkaPtr m_consumer;
    std::unique_ptr<MessageDecoder> m_decoder;
    SchemaPtr m_schema;
    std::vector<PartitionState> m_partitions;
    std::map<std::pair<std::string, std::int32_t>, int> m_partitionIndex;
    std::map<std::pair<std::string, std::int32_t>, std::int64_t> m_resume; // from the checkpoint
    std::string m_fatal;
    std::uint64_t m_seq = 0;
    std::int64_t m_lastTimestampMs = 0; // of the newest message read

    // Shared with the writer thread (checkpointAfter, checkpointCommitted)
    mutable std::mutex m_mutex;
    mutable std::deque<Entry> m_entries;
    mutable std::map<std::pair<std::string, std::int32_t>, std::int64_t> m_base; // next offsets of handed-out records
    mutable std::vector<std::pair<std::string, std::int32_t>> m_names; // per partition index, for the writer
};

} // namespace flowdeck
