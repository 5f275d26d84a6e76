#include "core/kafka/kafkasink.h"

#include "core/kafka/embeddedbroker.h"
#include "core/model/errors.h"

#include <QtGlobal>

#include <algorithm>
#include <chrono>

namespace flowdeck {

namespace {

constexpr int kMetadataTimeoutMs = 10000;
constexpr int kAdminTimeoutMs = 15000;

struct AdminOptionsDeleter
{
    void operator()(rd_kafka_AdminOptions_t *o) const { rd_kafka_AdminOptions_destroy(o); }
};
struct NewTopicDeleter
{
    void operator()(rd_kafka_NewTopic_t *t) const { rd_kafka_NewTopic_destroy(t); }
};
struct QueueDeleter
{
    void operator()(rd_kafka_queue_t *q) const { rd_kafka_queue_destroy(q); }
};
struct EventDeleter
{
    void operator()(rd_kafka_event_t *e) const { rd_kafka_event_destroy(e); }
};
struct MetadataDeleter
{
    void operator()(const rd_kafka_metadata_t *m) const { rd_kafka_metadata_destroy(m); }
};

/// Errors that belong to one message (its size or content), not to the cluster.
bool isRecordError(rd_kafka_resp_err_t err)
{
    return err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE || err == RD_KAFKA_RESP_ERR_INVALID_MSG_SIZE
           || err == RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE || err == RD_KAFKA_RESP_ERR_INVALID_RECORD
           || err == RD_KAFKA_RESP_ERR_INVALID_MSG;
}

bool isTransient(rd_kafka_resp_err_t err)
{
    return err == RD_KAFKA_RESP_ERR__MSG_TIMED_OUT || err == RD_KAFKA_RESP_ERR__TIMED_OUT
           || err == RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE
           || err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN
           || err == RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT || err == RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS
           || err == RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND
           || err == RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE;
}

std::string sizeReason(rd_kafka_resp_err_t err, std::size_t bytes)
{
    return "the Kafka message of " + std::to_string(bytes) + " bytes is too large for the topic ("
           + rd_kafka_err2str(err) + "; see message.max.bytes)";
}

} // namespace

KafkaSink::KafkaSink(KafkaConfig config, std::unique_ptr<RecordEncoder> encoder)
    : m_config(std::move(config))
    , m_encoder(std::move(encoder))
    , m_partitioner(m_config.partition)
{
    if (!m_encoder)
        throw ConfigError("destination.protocol: no encoder for '" + m_config.protocol + "'");
}

KafkaSink::~KafkaSink()
{
    m_topics.clear();
    m_producer.reset();
}

void KafkaSink::onDelivery(rd_kafka_t *, const rd_kafka_message_t *message, void *opaque)
{
    // Only hands the result back; write() does the rest on its own thread.
    auto *sink = static_cast<KafkaSink *>(opaque);
    const auto id = reinterpret_cast<std::uintptr_t>(message->_private);
    if (id >= sink->m_deliveries.size())
        return; // a late report from a previous batch (cannot happen: write() drains them)
    Delivery &d = sink->m_deliveries[id];
    d.err = message->err;
    d.partition = message->partition;
    d.done = true;
    --sink->m_pending;
}

void KafkaSink::open(const SchemaPtr &)
{
    if (m_producer)
        return;
    m_bootstrap = m_config.embedded() ? EmbeddedBroker::shared().bootstraps() : m_config.brokers;
    RdKafkaConfPtr conf = m_config.makeConf(m_bootstrap, {
        {"enable.idempotence", "true"},
        {"acks", "all"},
        {"linger.ms", "5"},
    });
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &KafkaSink::onDelivery);
    rd_kafka_conf_set_opaque(conf.get(), this);
    char error[512] = {};
    m_producer.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), error, sizeof error));
    if (!m_producer)
        throw ConfigError(std::string("destination: cannot create the Kafka producer: ") + error);
    conf.release(); // owned by the producer now

    const rd_kafka_metadata_t *raw = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(m_producer.get(), 0, nullptr, &raw, kMetadataTimeoutMs);
    std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter> metadata(raw);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        m_producer.reset();
        throw ConnectionError("Kafka brokers " + m_bootstrap + " did not answer: " + rd_kafka_err2str(err), true);
    }
    // A topic that cannot be created is reported now, not at the first record.
    if (!m_config.fixedTopic().empty())
        ensureTopicCreated(m_config.fixedTopic(), m_config.createPartitions);
}

rd_kafka_topic_t *KafkaSink::topicHandle(const std::string &topic, int createPartitions)
{
    auto it = m_topics.find(topic);
    if (it != m_topics.end())
        return it->second.get();
    ensureTopicCreated(topic, createPartitions > 0 ? createPartitions : m_config.createPartitions);
    RdKafkaTopicPtr handle(rd_kafka_topic_new(m_producer.get(), topic.c_str(), nullptr));
    if (!handle)
        throw Error("Kafka topic '" + topic + "': " + rd_kafka_err2str(rd_kafka_last_error()));
    return m_topics.emplace(topic, std::move(handle)).first->second.get();
}

void KafkaSink::ensureTopicCreated(const std::string &topic, int partitions)
{
    if (m_config.createPartitions < 1 || m_createdTopics.count(topic))
        return;
    if (m_config.embedded()) {
        EmbeddedBroker::shared().createTopic(topic, partitions, m_config.createReplicationFactor);
    } else {
        // A topic that already exists is left as it is: no Admin request (the embedded broker of
        // another process, `flowdeck broker --topic`, never answers one).
        const rd_kafka_metadata_t *raw = nullptr;
        bool exists = false;
        if (rd_kafka_metadata(m_producer.get(), 1, nullptr, &raw, kMetadataTimeoutMs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter> metadata(raw);
            for (int i = 0; i < metadata->topic_cnt && !exists; ++i)
                exists = metadata->topics[i].topic == topic && metadata->topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR;
        }
        if (!exists && isOtherProcessEmbeddedBroker())
            throw ConfigError("destination.createTopics: the brokers " + m_bootstrap + " are an embedded broker of another "
                              "process (flowdeck broker), which cannot create topics for other processes (librdkafka's "
                              "mock cluster has no CreateTopics): start it with --topic " + topic + ":"
                              + std::to_string(partitions) + ", or leave out createTopics (a topic is then "
                              "created on first use with " + std::to_string(EmbeddedBroker::kAutoCreatePartitions) + " partitions)");
        if (!exists)
            createTopicWithAdmin(topic, partitions);
    }
    m_createdTopics.insert(topic);
}

bool KafkaSink::isOtherProcessEmbeddedBroker()
{
    // librdkafka's mock cluster names itself "mockCluster..." in its metadata.
    char *id = rd_kafka_clusterid(m_producer.get(), kMetadataTimeoutMs);
    const bool mock = id && std::string_view(id).substr(0, 11) == "mockCluster";
    if (id)
        rd_kafka_mem_free(m_producer.get(), id);
    return mock;
}

void KafkaSink::createTopicWithAdmin(const std::string &topic, int partitions)
{
    char error[512] = {};
    std::unique_ptr<rd_kafka_NewTopic_t, NewTopicDeleter> newTopic(rd_kafka_NewTopic_new(
        topic.c_str(), partitions, m_config.createReplicationFactor, error, sizeof error));
    if (!newTopic)
        throw Error("cannot create Kafka topic '" + topic + "': " + error);
    std::unique_ptr<rd_kafka_AdminOptions_t, AdminOptionsDeleter> options(
        rd_kafka_AdminOptions_new(m_producer.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS));
    rd_kafka_AdminOptions_set_operation_timeout(options.get(), kAdminTimeoutMs, error, sizeof error);
    rd_kafka_AdminOptions_set_request_timeout(options.get(), kAdminTimeoutMs, error, sizeof error);
    std::unique_ptr<rd_kafka_queue_t, QueueDeleter> queue(rd_kafka_queue_new(m_producer.get()));
    rd_kafka_NewTopic_t *topics[] = {newTopic.get()};
    rd_kafka_CreateTopics(m_producer.get(), topics, 1, options.get(), queue.get());
    std::unique_ptr<rd_kafka_event_t, EventDeleter> event(rd_kafka_queue_poll(queue.get(), kAdminTimeoutMs + 5000));
    if (!event)
        throw ConnectionError("creating Kafka topic '" + topic + "' timed out", true);
    if (const rd_kafka_resp_err_t err = rd_kafka_event_error(event.get()); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        const std::string message = "cannot create Kafka topic '" + topic + "': " + rd_kafka_event_error_string(event.get());
        if (isTransient(err))
            throw ConnectionError(message, true);
        throw Error(message);
    }
    const rd_kafka_CreateTopics_result_t *result = rd_kafka_event_CreateTopics_result(event.get());
    std::size_t count = 0;
    const rd_kafka_topic_result_t **results = result ? rd_kafka_CreateTopics_result_topics(result, &count) : nullptr;
    for (std::size_t i = 0; i < count; ++i) {
        const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
            continue;
        const std::string message = "cannot create Kafka topic '" + topic + "': " + rd_kafka_topic_result_error_string(results[i]);
        if (isTransient(err))
            throw ConnectionError(message, true);
        throw Error(message);
    }
}

int KafkaSink::partitionCount(const std::string &topic)
{
    if (auto it = m_partitionCounts.find(topic); it != m_partitionCounts.end())
        return it->second;
    if (!m_producer)
        throw Error("KafkaSink::partitionCount() before open()");
    rd_kafka_topic_t *rkt = topicHandle(topic);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kMetadataTimeoutMs);
    std::string problem;
    do {
        const rd_kafka_metadata_t *raw = nullptr;
        const rd_kafka_resp_err_t err = rd_kafka_metadata(m_producer.get(), 0, rkt, &raw, kMetadataTimeoutMs);
        std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter> metadata(raw);
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            problem = rd_kafka_err2str(err);
        } else if (metadata->topic_cnt == 1 && metadata->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR
                   && metadata->topics[0].partition_cnt > 0) {
            return m_partitionCounts[topic] = metadata->topics[0].partition_cnt;
        } else if (metadata->topic_cnt == 1) {
            problem = rd_kafka_err2str(metadata->topics[0].err);
            if (metadata->topics[0].err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED)
                throw Error("Kafka topic '" + topic + "': " + problem);
        }
        rd_kafka_poll(m_producer.get(), 200); // a new topic's leaders take a moment
    } while (std::chrono::steady_clock::now() < deadline);
    throw ConnectionError("no metadata for Kafka topic '" + topic + "' within 10 s: " + problem, true);
}

bool KafkaSink::produce(rd_kafka_topic_t *topic, std::int32_t partition, const EncodedMessage &m, std::size_t record,
                        std::string &reason)
{
    const std::size_t id = m_deliveries.size();
    m_deliveries.push_back(Delivery{record, m.key.size() + m.value.size(), RD_KAFKA_RESP_ERR_NO_ERROR, partition, topic});
    for (;;) {
        const rd_kafka_resp_err_t err = rd_kafka_producev(
            m_producer.get(), RD_KAFKA_V_RKT(topic), RD_KAFKA_V_PARTITION(partition),
            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
            RD_KAFKA_V_KEY(m.key.empty() ? nullptr : const_cast<char *>(m.key.data()), m.key.size()),
            RD_KAFKA_V_VALUE(m.tombstone ? nullptr : const_cast<char *>(m.value.data()), m.tombstone ? 0 : m.value.size()),
            RD_KAFKA_V_OPAQUE(reinterpret_cast<void *>(id)), RD_KAFKA_V_END);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            ++m_pending;
            return true;
        }
        if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            rd_kafka_poll(m_producer.get(), 100); // serve delivery reports to make room
            continue;
        }
        m_deliveries.pop_back();
        if (isRecordError(err)) {
            reason = sizeReason(err, m.key.size() + m.value.size());
            return false;
        }
        if (err == RD_KAFKA_RESP_ERR__FATAL) {
            char fatal[512] = {};
            rd_kafka_fatal_error(m_producer.get(), fatal, sizeof fatal);
            throw Error(std::string("Kafka producer failed: ") + fatal);
        }
        throw Error("cannot produce to Kafka topic '" + std::string(rd_kafka_topic_name(topic)) + "' partition "
                    + std::to_string(partition) + ": " + rd_kafka_err2str(err));
    }
}

void KafkaSink::waitForDeliveries()
{
    // Every message ends with a report: delivered, failed, or timed out after
    // message.timeout.ms (default 300 s), so this loop ends. flush() sends what waits for
    // linger.ms at once and serves the delivery reports.
    while (m_pending > 0)
        rd_kafka_flush(m_producer.get(), 100);
}

namespace {

constexpr std::size_t kNoRecord = SIZE_MAX; // a delivery that belongs to no record (watermarks)

bool changesKey(const Record &record)
{
    if (record.op != RowOp::Update || !record.table || record.before.size() != record.values.size())
        return false;
    for (int k : record.table->keyIndexes) {
        const auto i = static_cast<std::size_t>(k);
        if (i < record.values.size() && !(record.values[i] == record.before[i]))
            return true;
    }
    return false;
}

} // namespace

void KafkaSink::encodeRecord(const Record &record)
{
    m_messages.clear();
    m_images.clear();
    auto encode = [&](const Record &image) {
        m_encoder->encode(image, m_messages);
        m_images.resize(m_messages.size(), &image);
    };
    if (!changesKey(record)) {
        encode(record);
        return;
    }
    // TiCDC (SplitUpdateEvent) and Debezium (emitUpdateAsPrimaryKeyChangeRecord) both turn a
    // key change into a delete of the old row and an insert of the new one, in that order.
    m_splitDelete = record;
    m_splitDelete.op = RowOp::Delete;
    m_splitDelete.values = record.before;
    m_splitDelete.before.clear();
    m_splitInsert = record;
    m_splitInsert.op = RowOp::Insert;
    m_splitInsert.before.clear();
    encode(m_splitDelete);
    encode(m_splitInsert);
}

void KafkaSink::partitionsFor(std::size_t index, const std::string &topic, std::vector<std::int32_t> &out)
{
    out.clear();
    const EncodedMessage &m = m_messages[index];
    if (!m.topic.empty()) {
        // The encoder's own topic (Debezium's schema changes): by key, as Kafka Connect's producer.
        const int n = partitionCount(topic);
        out.push_back(m.key.empty() ? 0 : kafkaToPositive(kafkaMurmur2(m.key)) % n);
    } else if (m.ddl && m_config.protocol == "canal-json") {
        out.push_back(0);
    } else if (m.ddl) {
        for (std::int32_t p = 0; p < partitionCount(topic); ++p)
            out.push_back(p);
    } else {
        out.push_back(m_partitioner.partition(*m_images[index], m.key, partitionCount(topic)));
    }
}

void KafkaSink::produceWatermarks()
{
    EncodedMessage watermark;
    if (m_watermarkMs < 0 || !m_encoder->encodeWatermark(m_watermarkMs, watermark))
        return;
    std::string reason;
    for (const std::string &topicName : m_tableTopics) {
        rd_kafka_topic_t *topic = topicHandle(topicName);
        for (std::int32_t p = 0; p < partitionCount(topicName); ++p)
            produce(topic, p, watermark, kNoRecord, reason);
    }
}

std::vector<RejectedRecord> KafkaSink::write(Batch &batch)
{
    if (!m_producer)
        throw Error("KafkaSink::write() before open()");
    m_deliveries.clear();
    m_pending = 0;
    std::vector<RejectedRecord> rejected;
    std::vector<std::int32_t> partitions;

    for (std::size_t i = 0; i < batch.size(); ++i) {
        const Record &record = batch[i];
        std::string reason;
        try {
            encodeRecord(record);
            std::string tableTopic;
            for (std::size_t j = 0; j < m_messages.size() && reason.empty(); ++j) {
                const EncodedMessage &m = m_messages[j];
                if (m.topic.empty() && tableTopic.empty())
                    tableTopic = m_config.topicFor(record);
                const std::string &topicName = m.topic.empty() ? tableTopic : m.topic;
                rd_kafka_topic_t *topic = topicHandle(topicName, m.topic.empty() ? 0 : 1);
                if (m.topic.empty() && !m.ddl)
                    m_tableTopics.insert(topicName);
                partitionsFor(j, topicName, partitions);
                for (std::int32_t p : partitions)
                    if (!produce(topic, p, m, i, reason))
                        break;
            }
            if (reason.empty() && !m_messages.empty())
                m_watermarkMs = std::max(m_watermarkMs, record.commitTimeMs);
        } catch (const InputError &e) {
            reason = e.reason();
        }
        if (!reason.empty()) {
            rejected.push_back({i, reason});
            if (m_stopAtFirstRejection)
                break;
        }
    }
    produceWatermarks();

    waitForDeliveries();

    std::map<std::string, std::uint64_t> delivered;
    std::size_t lastRecord = SIZE_MAX;
    for (const Delivery &d : m_deliveries) {
        if (d.err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            trackRetention(d);
            m_writtenBytes[rd_kafka_topic_name(d.topic)] += d.bytes;
            if (d.record != lastRecord && d.record != kNoRecord)
                ++delivered[rd_kafka_topic_name(d.topic)];
            lastRecord = d.record;
            continue;
        }
        if (isRecordError(d.err) && d.record == kNoRecord)
            continue; // a watermark the broker refused: the next batch sends a newer one
        if (isRecordError(d.err)) {
            const bool known = std::any_of(rejected.begin(), rejected.end(),
                                           [&](const RejectedRecord &r) { return r.index == d.record; });
            if (!known)
                rejected.push_back({d.record, sizeReason(d.err, d.bytes)});
            continue;
        }
        const std::string where = std::string("Kafka topic '") + rd_kafka_topic_name(d.topic) + "'";
        if (d.err == RD_KAFKA_RESP_ERR__FATAL) {
            char fatal[512] = {};
            rd_kafka_fatal_error(m_producer.get(), fatal, sizeof fatal);
            throw Error(where + ": the producer failed: " + fatal);
        }
        if (isTransient(d.err))
            throw ConnectionError(where + ": messages were not delivered: " + rd_kafka_err2str(d.err), true);
        throw Error(where + ": the broker refused a message: " + rd_kafka_err2str(d.err));
    }
    std::sort(rejected.begin(), rejected.end(),
              [](const RejectedRecord &a, const RejectedRecord &b) { return a.index < b.index; });
    // Stop mode: the run resumes at the first rejected record, so later ones (already sent or
    // rejected by the broker) are sent again then: at least once, never lost.
    if (m_stopAtFirstRejection && rejected.size() > 1)
        rejected.resize(1);
    for (const auto &[topic, n] : delivered)
        m_written[topic] += n;
    return rejected;
}

void KafkaSink::trackRetention(const Delivery &d)
{
    if (!m_config.embedded())
        return;
    const auto key = std::make_pair(std::string(rd_kafka_topic_name(d.topic)), d.partition);
    auto &[messages, bytes] = m_partitionUsage[key];
    ++messages;
    bytes += static_cast<long long>(d.bytes);
    if ((messages > m_warnMessages || bytes > m_warnBytes) && m_warnedPartitions.insert(key).second)
        warn("embedded Kafka partition " + key.first + "[" + std::to_string(key.second) + "] now holds "
             + std::to_string(messages) + " messages (" + std::to_string(bytes / 1024)
             + " KiB) from this run; the embedded broker keeps only about 100,000 messages or 5 MiB per "
               "partition and silently drops older ones. Use a real Kafka cluster for this volume.");
}

void KafkaSink::warn(const std::string &message)
{
    m_warnings.push_back(message);
    if (m_warningHandler)
        m_warningHandler(message);
    else
        qWarning("%s", message.c_str());
}

void KafkaSink::setRetentionWarningThresholds(long long messages, long long bytes)
{
    m_warnMessages = messages;
    m_warnBytes = bytes;
}

void KafkaSink::close()
{
    if (!m_producer)
        return;
    const rd_kafka_resp_err_t err = rd_kafka_flush(m_producer.get(), 10000);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        warn(std::string("Kafka: messages still in flight at close: ") + rd_kafka_err2str(err));
    m_topics.clear();
    m_producer.reset();
}

std::vector<std::pair<std::string, std::uint64_t>> KafkaSink::writtenPerTable() const
{
    return {m_written.begin(), m_written.end()};
}

std::vector<std::pair<std::string, std::uint64_t>> KafkaSink::writtenBytesPerTable() const
{
    return {m_writtenBytes.begin(), m_writtenBytes.end()};
}

} // namespace flowdeck
