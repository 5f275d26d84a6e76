#pragma once

#include "core/kafka/kafkaconfig.h"
#include "core/kafka/partitioner.h"
#include "core/codec/recordencoder.h"
#include "core/engine/sink.h"

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace flowdeck {

/// Writes change events (or file rows) to Kafka topics, one or more messages per record as the
/// protocol's RecordEncoder makes them (see docs/embedded-broker.md and docs/flow-file.md).
///
/// - Idempotent producer (enable.idempotence=true, acks=all); every message gets an explicit
///   partition.
/// - Topic per record from the template ({schema}/{table} from Record.table), or the topic the
///   encoder names (Debezium's schema-change topic).
/// - Partition from the "partition" strategy (core/kafka/partitioner.h, TiCDC's dispatchers);
///   partition counts come from the cluster's metadata, cached per topic for the sink's life.
/// - An UPDATE that changes the key is split into a DELETE of the old row and an INSERT of the
///   new one, each encoded and partitioned on its own (TiCDC's split; Debezium's d, tombstone, c).
/// - DDL messages: canal-json sends them to partition 0 (as TiCDC's Canal-JSON does); a message
///   for the encoder's own topic (Debezium's schema changes) goes to the partition of its key
///   (murmur2, as Kafka Connect's producer); other DDL messages go to every partition.
/// - Encoders with watermarks (canal-json with tidbExtension): after each batch, a watermark of
///   the newest commit time so far to every partition of every table topic written so far.
/// - write() returns once every delivery report of the batch arrived (durable: acks=all);
///   commit() has nothing left to do. Kafka has no transaction here: a batch the engine cannot
///   settle (rollback()) cannot take back delivered messages, a retried batch may repeat them
///   (at least once).
///
/// Used from one thread (the engine's writer thread), which also runs librdkafka's callbacks
/// through rd_kafka_poll.
class KafkaSink : public Sink
{
public:
    /// `encoder` turns records into messages (RecordEncoder::create(config.protocol)).
    /// Possible errors: ConfigError for an invalid "partition" strategy.
    KafkaSink(KafkaConfig config, std::unique_ptr<RecordEncoder> encoder);
    ~KafkaSink() override;

    /// Creates the producer and checks that a broker answers ("embedded" starts the shared
    /// EmbeddedBroker). `schema` is not used: Kafka topics have no columns.
    /// Possible errors: ConfigError (a property librdkafka rejects), ConnectionError (no broker
    /// answered within 10 s, transient).
    void open(const SchemaPtr &schema) override;

    /// Produces the batch and waits for every delivery report. Per-record rejections: a record
    /// the encoder cannot express, a topic template the record cannot fill, a message larger
    /// than message.max.bytes (or the broker's limit). Stop mode: nothing after a record
    /// rejected before sending is produced; a broker-side rejection is only known after later
    /// records were sent, those stay written.
    /// Possible errors: ConnectionError (messages timed out, transient), Error (a permanent
    /// broker error such as authorization, a fatal idempotent-producer error, topic creation).
    std::vector<RejectedRecord> write(Batch &batch) override;

    /// Waits up to 10 s for messages still in flight and releases the producer.
    void close() override;

    /// Records delivered per topic, since open().
    std::vector<std::pair<std::string, std::uint64_t>> writtenPerTable() const override;
    /// Message bytes (key + value) delivered per topic, since open().
    std::vector<std::pair<std::string, std::uint64_t>> writtenBytesPerTable() const override;

    /// Warnings of this run (each given once), e.g. an embedded partition nearing its
    /// retention limit. Also passed to the warning handler (default: qWarning) when they occur.
    const std::vector<std::string> &warnings() const { return m_warnings; }
    void setWarningHandler(std::function<void(const std::string &)> handler) { m_warningHandler = std::move(handler); }

    /// The bootstrap list the producer uses (the embedded broker's after open()).
    const std::string &bootstrap() const { return m_bootstrap; }

    /// Partitions of `topic` (creating it first when createTopics is set), from the cached
    /// metadata. Possible errors: ConnectionError (no metadata within 10 s), Error.
    int partitionCount(const std::string &topic);

    /// Fires when an embedded partition holds more than this many messages or bytes written by
    /// this sink (the mock keeps ~100,000 / ~5 MiB per partition). For tests.
    void setRetentionWarningThresholds(long long messages, long long bytes);

private:
    struct Delivery
    {
        std::size_t record = 0;
        std::size_t bytes = 0;
        rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
        std::int32_t partition = -1;
        rd_kafka_topic_t *topic = nullptr;
        bool done = false;
    };
    static void onDelivery(rd_kafka_t *rk, const rd_kafka_message_t *message, void *opaque);

    rd_kafka_topic_t *topicHandle(const std::string &topic, int createPartitions = 0);
    void ensureTopicCreated(const std::string &topic, int partitions);
    void createTopicWithAdmin(const std::string &topic, int partitions);
    /// Encodes `record` into m_messages, m_images saying which row image each message is of
    /// (the record, or one half of a key-changing update).
    void encodeRecord(const Record &record);
    /// Partitions that message `index` of m_messages goes to.
    void partitionsFor(std::size_t index, const std::string &topic, std::vector<std::int32_t> &out);
    void produceWatermarks();
    /// True when the brokers are librdkafka's mock cluster run by another process.
    bool isOtherProcessEmbeddedBroker();
    /// Produces one message; false when the message is too large (reason set).
    bool produce(rd_kafka_topic_t *topic, std::int32_t partition, const EncodedMessage &m, std::size_t record,
                 std::string &reason);
    void waitForDeliveries();
    void trackRetention(const Delivery &d);
    void warn(const std::string &message);

    KafkaConfig m_config;
    std::unique_ptr<RecordEncoder> m_encoder;
    Partitioner m_partitioner;
    std::string m_bootstrap;
    std::vector<std::string> m_warnings;
    std::function<void(const std::string &)> m_warningHandler;
    std::map<std::string, std::uint64_t> m_written;
    std::map<std::string, std::uint64_t> m_writtenBytes;
    std::unordered_map<std::string, int> m_partitionCounts;
    std::set<std::string> m_createdTopics;
    std::map<std::pair<std::string, std::int32_t>, std::pair<long long, long long>> m_partitionUsage;
    std::set<std::pair<std::string, std::int32_t>> m_warnedPartitions;
    long long m_warnMessages = 80000;
    long long m_warnBytes = 4LL * 1024 * 1024;
    std::vector<Delivery> m_deliveries; // of the current batch, indexed by the message's opaque
    std::size_t m_pending = 0;
    std::vector<EncodedMessage> m_messages; // reused per record
    std::vector<const Record *> m_images;   // the row image each message of m_messages encodes
    Record m_splitDelete, m_splitInsert;    // halves of a key-changing update
    std::set<std::string> m_tableTopics;    // topics rows were written to (watermarks go there)
    std::int64_t m_watermarkMs = -1;        // newest commit time sent, for watermarks
    // Destroyed in reverse order: topic handles before the producer.
    RdKafkaPtr m_producer;
    std::unordered_map<std::string, RdKafkaTopicPtr> m_topics;
};

} // namespace flowdeck
