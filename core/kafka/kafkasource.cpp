#include "core/kafka/kafkasource.h"

#include <chrono>

#include "core/kafka/embeddedbroker.h"
#include "core/model/errors.h"

#include <cstdlib>

namespace flowdeck {

namespace {

constexpr int kWatermarkTimeoutMs = 5000;

std::string scalarText(const nlohmann::json &value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_boolean())
        return value.get<bool>() ? "true" : "false";
    return value.dump();
}

struct PartitionListDeleter
{
    void operator()(rd_kafka_topic_partition_list_t *list) const { rd_kafka_topic_partition_list_destroy(list); }
};
using PartitionListPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

} // namespace

KafkaSource::KafkaSource(const nlohmann::json &source, const std::string &defaultGroup)
{
    if (!source.is_object())
        throw ConfigError("source: expected a kafka endpoint object");
    m_brokers = source.value("brokers", std::string());
    if (m_brokers.empty())
        throw ConfigError("source.brokers: required (\"host:port,...\" or \"embedded\")");
    const nlohmann::json topic = source.value("topic", nlohmann::json());
    if (topic.is_string() && !topic.get<std::string>().empty())
        m_topics.push_back(topic.get<std::string>());
    else if (topic.is_array())
        for (const auto &t : topic)
            if (t.is_string() && !t.get<std::string>().empty())
                m_topics.push_back(t.get<std::string>());
    if (m_topics.empty())
        throw ConfigError("source.topic: required (a topic, a list of topics, or a \"^regex\")");
    if (source.contains("protocol") && source["protocol"].is_string())
        m_protocol = source["protocol"].get<std::string>();
    m_group = source.value("group", std::string());
    if (m_group.empty())
        m_group = defaultGroup;
    m_startFrom = source.value("startFrom", std::string("committed"));
    if (m_startFrom != "earliest" && m_startFrom != "latest" && m_startFrom != "committed")
        throw ConfigError("source.startFrom: expected earliest, latest or committed, not '" + m_startFrom + "'");
    if (auto it = source.find("properties"); it != source.end() && it->is_object())
        for (auto p = it->begin(); p != it->end(); ++p)
            m_properties.emplace_back(p.key(), scalarText(p.value()));
    const auto unsafe = source.find("allowUnsafeProperties");
    const bool allowUnsafe = unsafe != source.end() && unsafe->is_boolean() && unsafe->get<bool>();
    checkKafkaProperties(m_properties, KafkaClientRole::Consumer, allowUnsafe, "source.properties.");
    m_decoder = MessageDecoder::create(m_protocol);
    m_schema = std::make_shared<Schema>();
}

KafkaSource::~KafkaSource()
{
    if (m_consumer)
        rd_kafka_consumer_close(m_consumer.get()); // leaves the group at once instead of after a timeout
}

void KafkaSource::open(const nlohmann::json &resume)
{
    m_resume.clear();
    if (resume.is_object() && resume.contains("offsets") && resume["offsets"].is_object()) {
        for (const auto &[topic, partitions] : resume["offsets"].items()) {
            if (!partitions.is_object())
                continue;
            for (const auto &[partition, offset] : partitions.items())
                if (offset.is_number_integer())
                    m_resume[{topic, std::atoi(partition.c_str())}] = offset.get<std::int64_t>();
        }
    }
    {
        std::lock_guard lock(m_mutex);
        m_base = m_resume;
    }
    m_bootstrap = m_brokers == "embedded" ? EmbeddedBroker::shared().bootstraps() : m_brokers;
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    auto set = [&](const std::string &name, const std::string &value) {
        setKafkaProperty(conf.get(), name, value, "source.properties.");
    };
    set("bootstrap.servers", m_bootstrap);
    set("group.id", m_group);
    set("enable.auto.commit", "false");       // offsets are committed after the destination's commit
    set("enable.auto.offset.store", "false");
    set("auto.offset.reset", "error");        // an expired offset must stop the run, not skip data
    set("enable.partition.eof", "true");      // caughtUp()
    set("session.timeout.ms", "6000");        // the embedded (mock) broker needs >= 6000
    set("heartbeat.interval.ms", "1000");
    // Prefetch: big fetches keep the writer fed (small ones measured 2-4x slower in
    // bench_kafka_to_mysql); the local queue of the high-level consumer is bounded in bytes
    // whatever the number of partitions, which keeps memory flat.
    set("queued.min.messages", "100000");
    set("queued.max.messages.kbytes", "24576");
    set("max.partition.fetch.bytes", "8388608");
    set("fetch.max.bytes", "12582912");
    for (const auto &[name, value] : m_properties)
        set(name, value);
    rd_kafka_conf_set_rebalance_cb(conf.get(), &KafkaSource::onRebalance);
    rd_kafka_conf_set_opaque(conf.get(), this);
    char error[512] = {};
    m_consumer.reset(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), error, sizeof error));
    if (!m_consumer)
        throw ConfigError(std::string("source: cannot create the Kafka consumer: ") + error);
    conf.release();
    rd_kafka_poll_set_consumer(m_consumer.get());

    PartitionListPtr topics(rd_kafka_topic_partition_list_new(int(m_topics.size())));
    for (const std::string &t : m_topics)
        rd_kafka_topic_partition_list_add(topics.get(), t.c_str(), RD_KAFKA_PARTITION_UA);
    const rd_kafka_resp_err_t err = rd_kafka_subscribe(m_consumer.get(), topics.get());
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        throw ConfigError("source.topic: cannot subscribe: " + std::string(rd_kafka_err2str(err)));
}

void KafkaSource::onRebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *partitions, void *opaque)
{
    auto *self = static_cast<KafkaSource *>(opaque);
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        self->assign(partitions);
        return;
    }
    for (auto &p : self->m_partitions) {
        p.assigned = false;
        p.atEnd = false;
    }
    rd_kafka_assign(rk, nullptr);
}

int KafkaSource::partitionIndex(const std::string &topic, std::int32_t partition)
{
    const auto key = std::make_pair(topic, partition);
    auto it = m_partitionIndex.find(key);
    if (it != m_partitionIndex.end())
        return it->second;
    const int index = int(m_partitions.size());
    m_partitions.push_back(PartitionState{topic, partition});
    m_partitionIndex.emplace(key, index);
    std::lock_guard lock(m_mutex);
    m_names.push_back(key);
    return index;
}

std::string KafkaSource::dataLost(const std::string &topic, std::int32_t partition, std::int64_t offset)
{
    std::int64_t low = -1, high = -1;
    rd_kafka_query_watermark_offsets(m_consumer.get(), topic.c_str(), partition, &low, &high, kWatermarkTimeoutMs);
    return "data lost upstream: topic " + topic + " partition " + std::to_string(partition) + " offset "
        + std::to_string(offset) + " is no longer on the broker (oldest is " + std::to_string(low)
        + "); the messages before it were deleted (retention, or the embedded broker's limit of "
        + std::to_string(EmbeddedBroker::kPartitionMessageLimit)
        + " messages per partition) before this flow read them. Resync the destination (run with a fresh "
          "state and \"startFrom\": \"earliest\") or restore the data";
}

void KafkaSource::assign(rd_kafka_topic_partition_list_t *partitions)
{
    // The group's committed offsets, for "committed" and partitions the checkpoint lacks.
    PartitionListPtr committed;
    if (m_startFrom == "committed") {
        committed.reset(rd_kafka_topic_partition_list_copy(partitions));
        if (rd_kafka_committed(m_consumer.get(), committed.get(), kWatermarkTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR)
            committed.reset();
    }
    for (int i = 0; i < partitions->cnt; ++i) {
        rd_kafka_topic_partition_t &tp = partitions->elems[i];
        const std::string topic = tp.topic;
        const int index = partitionIndex(topic, tp.partition);
        m_partitions[std::size_t(index)].assigned = true;
        m_partitions[std::size_t(index)].atEnd = false;
        m_partitions[std::size_t(index)].next = -1;
        std::int64_t low = 0, high = 0;
        const rd_kafka_resp_err_t werr = rd_kafka_query_watermark_offsets(m_consumer.get(), tp.topic, tp.partition, &low, &high,
                                                                          kWatermarkTimeoutMs);
        std::int64_t offset = -1;
        std::lock_guard lock(m_mutex);
        auto known = m_base.find({topic, tp.partition}); // the checkpoint's, or what this run handed out
        if (known != m_base.end()) {
            offset = known->second;
        } else if (committed && committed->elems[i].offset >= 0) {
            offset = committed->elems[i].offset;
        } else if (werr == RD_KAFKA_RESP_ERR_NO_ERROR) {
            offset = m_startFrom == "latest" ? high : low;
        }
        if (offset < 0) {
            tp.offset = m_startFrom == "latest" ? RD_KAFKA_OFFSET_END : RD_KAFKA_OFFSET_BEGINNING;
            continue;
        }
        if (werr == RD_KAFKA_RESP_ERR_NO_ERROR && offset < low && m_fatal.empty()) {
            m_fatal = "data lost upstream: topic " + topic + " partition " + std::to_string(tp.partition) + " offset "
                + std::to_string(offset) + " is no longer on the broker (oldest is " + std::to_string(low) + ")";
        }
        tp.offset = offset;
        m_base[{topic, tp.partition}] = offset; // the checkpoint names every assigned partition
    }
    rd_kafka_assign(m_consumer.get(), partitions);
}

bool KafkaSource::read(Batch &out, std::size_t maxRecords)
{
    if (!m_consumer)
        throw Error("internal error: KafkaSource::read() before open()");
    int timeoutMs = 100;
    while (out.size() < maxRecords) {
        if (!m_fatal.empty())
            throw Error(m_fatal);
        rd_kafka_message_t *raw = rd_kafka_consumer_poll(m_consumer.get(), timeoutMs);
        if (!raw)
            break;
        std::unique_ptr<rd_kafka_message_t, void (*)(rd_kafka_message_t *)> message(raw, rd_kafka_message_destroy);
        const std::string topic = message->rkt ? rd_kafka_topic_name(message->rkt) : std::string();
        if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            m_partitions[std::size_t(partitionIndex(topic, message->partition))].atEnd = true;
            continue;
        }
        if (message->err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET || message->err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE) {
            std::int64_t offset = message->offset;
            std::lock_guard lock(m_mutex);
            if (auto it = m_base.find({topic, message->partition}); it != m_base.end())
                offset = it->second;
            m_fatal = dataLost(topic, message->partition, offset);
            continue;
        }
        if (message->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || message->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC) {
            throw Error("source.topic: topic '" + topic + "' does not exist on " + m_bootstrap + " ("
                        + rd_kafka_message_errstr(message.get()) + ")");
        }
        if (message->err) {
            char reason[512] = {};
            if (rd_kafka_fatal_error(m_consumer.get(), reason, sizeof reason))
                throw Error("Kafka consumer of " + m_bootstrap + " failed: " + reason);
            if (message->err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
                throw ConnectionError("Kafka brokers " + m_bootstrap + " are all down", true);
            continue; // transient (a broker reconnect): librdkafka retries on its own
        }
        timeoutMs = 0;
        const int index = partitionIndex(topic, message->partition);
        m_partitions[std::size_t(index)].atEnd = false;
        m_partitions[std::size_t(index)].next = message->offset + 1;
        KafkaMessage m;
        m.topic = topic;
        m.partition = message->partition;
        m.offset = message->offset;
        rd_kafka_timestamp_type_t tsType;
        m.timestampMs = rd_kafka_message_timestamp(message.get(), &tsType);
        if (m.timestampMs > 0)
            m_lastTimestampMs = m.timestampMs;
        if (message->key)
            m.key = std::string_view(static_cast<const char *>(message->key), message->key_len);
        if (message->payload)
            m.value = std::string_view(static_cast<const char *>(message->payload), message->len);
        m.nullValue = message->payload == nullptr;
        const std::size_t first = out.size();
        m_decoder->decode(m, out);
        std::lock_guard lock(m_mutex);
        for (std::size_t i = first; i < out.size(); ++i) {
            out[i].position.line = ++m_seq; // identifies the record for checkpointAfter()
            // Rows of one message but the last resume at the message itself.
            m_entries.push_back(Entry{m_seq, index, i + 1 == out.size() ? message->offset + 1 : message->offset});
        }
    }
    return true;
}

nlohmann::json KafkaSource::offsetsJson(const std::map<std::pair<std::string, std::int32_t>, std::int64_t> &offsets)
{
    nlohmann::json topics = nlohmann::json::object();
    for (const auto &[tp, offset] : offsets)
        topics[tp.first][std::to_string(tp.second)] = offset;
    return {{"offsets", std::move(topics)}};
}

nlohmann::json KafkaSource::checkpointAfter(const Position &position) const
{
    std::lock_guard lock(m_mutex);
    while (!m_entries.empty() && m_entries.front().seq <= position.line) {
        const Entry &e = m_entries.front();
        m_base[m_names[std::size_t(e.partition)]] = e.next;
        m_entries.pop_front();
    }
    return offsetsJson(m_base);
}

void KafkaSource::checkpointCommitted(const nlohmann::json &checkpoint)
{
    if (!m_consumer || !checkpoint.is_object() || !checkpoint.contains("offsets"))
        return;
    PartitionListPtr list(rd_kafka_topic_partition_list_new(8));
    for (const auto &[topic, partitions] : checkpoint["offsets"].items())
        for (const auto &[partition, offset] : partitions.items())
            if (offset.is_number_integer())
                rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), std::atoi(partition.c_str()))->offset =
                    offset.get<std::int64_t>();
    if (list->cnt > 0)
        rd_kafka_commit(m_consumer.get(), list.get(), 1 /* async: the checkpoint is the truth, this is for lag tools */);
}

SourceLag KafkaSource::lag() const
{
    SourceLag lag;
    if (!m_consumer)
        return lag;
    std::int64_t behind = 0;
    bool known = false;
    for (const auto &p : m_partitions) {
        if (!p.assigned)
            continue;
        std::int64_t low = -1, high = -1;
        if (rd_kafka_get_watermark_offsets(m_consumer.get(), p.topic.c_str(), p.partition, &low, &high)
                != RD_KAFKA_RESP_ERR_NO_ERROR
            || high < 0)
            continue;
        known = true;
        behind += std::max<std::int64_t>(0, high - (p.next >= 0 ? p.next : std::max<std::int64_t>(low, 0)));
    }
    if (!known)
        return lag;
    lag.messages = behind;
    const auto nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count();
    lag.seconds = behind == 0 || m_lastTimestampMs <= 0 ? 0.0 : std::max(0.0, double(nowMs - m_lastTimestampMs) / 1000.0);
    return lag;
}

bool KafkaSource::caughtUp() const
{
    bool any = false;
    for (const auto &p : m_partitions) {
        if (!p.assigned)
            continue;
        any = true;
        if (!p.atEnd)
            return false;
    }
    return any;
}

} // namespace flowdeck
