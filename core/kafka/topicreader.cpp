#include "core/kafka/topicreader.h"

#include "core/model/errors.h"

#include <algorithm>
#include <chrono>

namespace flowdeck {

namespace {

RdKafkaPtr makeConsumer(const std::string &bootstrap, const std::vector<std::pair<std::string, std::string>> &properties)
{
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    setKafkaProperty(conf.get(), "bootstrap.servers", bootstrap);
    setKafkaProperty(conf.get(), "enable.partition.eof", "true");
    setKafkaProperty(conf.get(), "log_level", "3");
    for (const auto &[name, value] : properties)
        setKafkaProperty(conf.get(), name, value);
    char error[512] = {};
    RdKafkaPtr rk(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), error, sizeof error));
    if (!rk)
        throw ConfigError(std::string("cannot create a Kafka consumer: ") + error);
    conf.release(); // owned by the handle now
    return rk;
}

/// Partitions of `topic`, or an empty list when it does not exist. Asks for all topics: a
/// request naming the topic would make a broker that auto-creates topics (the embedded one)
/// create it.
std::vector<std::int32_t> partitionsOf(rd_kafka_t *rk, const std::string &name, int timeoutMs)
{
    const rd_kafka_metadata_t *md = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 1, nullptr, &md, timeoutMs);
    if (err)
        throw ConnectionError("no answer from the Kafka brokers for topic '" + name + "': " + rd_kafka_err2str(err), true);
    std::vector<std::int32_t> out;
    for (int t = 0; t < md->topic_cnt; ++t) {
        if (md->topics[t].err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || name != md->topics[t].topic)
            continue;
        for (int p = 0; p < md->topics[t].partition_cnt; ++p)
            out.push_back(md->topics[t].partitions[p].id);
    }
    rd_kafka_metadata_destroy(md);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

nlohmann::ordered_json TopicMessage::toJson() const
{
    nlohmann::ordered_json j;
    j["topic"] = topic;
    j["partition"] = partition;
    j["offset"] = offset;
    j["timestamp"] = timestampMs >= 0 ? nlohmann::ordered_json(timestampMs) : nlohmann::ordered_json();
    j["key"] = key ? nlohmann::ordered_json(*key) : nlohmann::ordered_json();
    nlohmann::ordered_json h = nlohmann::ordered_json::object();
    for (const auto &[name, v] : headers)
        h[name] = v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json();
    j["headers"] = std::move(h);
    if (!value) {
        j["value"] = nullptr;
    } else {
        nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(*value, nullptr, false);
        j["value"] = parsed.is_discarded() ? nlohmann::ordered_json(*value) : std::move(parsed);
    }
    return j;
}

std::string TopicMessage::toJsonLine() const
{
    nlohmann::ordered_json j = toJson();
    const bool exact = value && (j["value"].is_structured() || j["value"].is_number() || j["value"].is_boolean());
    if (!exact)
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    j["value"] = nullptr; // the last key: replaced by the text as sent
    std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    line.resize(line.size() - 5); // "null}"
    std::string text = *value;
    for (char &c : text)
        if (c == '\n' || c == '\r')
            c = ' '; // valid JSON has line breaks only between tokens
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return line + text + '}';
}

TopicReader::TopicReader(TopicReaderOptions options)
    : m_options(std::move(options))
{
}

TopicReader::~TopicReader()
{
    if (m_topic)
        for (std::int32_t p : m_partitions)
            rd_kafka_consume_stop(m_topic.get(), p);
    if (m_queue)
        rd_kafka_queue_destroy(m_queue);
}

void TopicReader::open(int timeoutMs)
{
    if (m_options.topic.empty())
        throw ConfigError("no topic given");
    m_consumer = makeConsumer(m_options.bootstrap, m_options.properties);
    m_partitions = partitionsOf(m_consumer.get(), m_options.topic, timeoutMs);
    if (m_partitions.empty())
        throw Error("topic '" + m_options.topic + "' does not exist on " + m_options.bootstrap);
    m_topic.reset(rd_kafka_topic_new(m_consumer.get(), m_options.topic.c_str(), nullptr));
    m_eof.assign(m_partitions.size(), false);

    std::vector<std::int64_t> starts(m_partitions.size(), RD_KAFKA_OFFSET_END);
    if (m_options.start == TopicStart::Beginning) {
        std::fill(starts.begin(), starts.end(), RD_KAFKA_OFFSET_BEGINNING);
    } else if (m_options.start == TopicStart::Offset) {
        for (std::size_t i = 0; i < m_partitions.size(); ++i) {
            std::int64_t low = 0, high = 0;
            rd_kafka_query_watermark_offsets(m_consumer.get(), m_options.topic.c_str(), m_partitions[i], &low, &high, timeoutMs);
            starts[i] = std::clamp<std::int64_t>(m_options.offset, low, high);
        }
    } else if (m_options.start == TopicStart::Time) {
        rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(int(m_partitions.size()));
        for (std::int32_t p : m_partitions)
            rd_kafka_topic_partition_list_add(list, m_options.topic.c_str(), p)->offset = m_options.timeMs;
        const rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(m_consumer.get(), list, timeoutMs);
        // -1: no message at or after the time, says Kafka. The embedded broker (librdkafka's
        // mock) says -1 for every time: such partitions are read from their start and the
        // messages older than the time skipped here (poll()), which is right for both.
        if (!err)
            for (int i = 0; i < list->cnt; ++i)
                starts[std::size_t(i)] = list->elems[i].offset < 0 ? RD_KAFKA_OFFSET_BEGINNING : list->elems[i].offset;
        rd_kafka_topic_partition_list_destroy(list);
        if (err)
            throw ConnectionError("cannot find offsets by time in '" + m_options.topic + "': " + rd_kafka_err2str(err), true);
    }
    m_queue = rd_kafka_queue_new(m_consumer.get());
    for (std::size_t i = 0; i < m_partitions.size(); ++i)
        if (rd_kafka_consume_start_queue(m_topic.get(), m_partitions[i], starts[i], m_queue) != 0)
            throw Error("cannot read partition " + std::to_string(m_partitions[i]) + " of '" + m_options.topic
                        + "': " + rd_kafka_err2str(rd_kafka_last_error()));
}

std::size_t TopicReader::poll(std::vector<TopicMessage> &out, std::size_t max, int timeoutMs)
{
    std::size_t added = 0;
    int wait = timeoutMs;
    while (added < max) {
        rd_kafka_message_t *m = rd_kafka_consume_queue(m_queue, wait);
        if (!m)
            break;
        wait = 0; // the first one waited; take what is there without waiting again
        const rd_kafka_resp_err_t err = m->err;
        if (err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            const auto it = std::find(m_partitions.begin(), m_partitions.end(), m->partition);
            if (it != m_partitions.end())
                m_eof[std::size_t(it - m_partitions.begin())] = true;
            rd_kafka_message_destroy(m);
            continue;
        }
        if (err) {
            const std::string reason = rd_kafka_message_errstr(m);
            rd_kafka_message_destroy(m);
            throw Error("reading '" + m_options.topic + "': " + reason);
        }
        TopicMessage msg;
        msg.topic = m_options.topic;
        msg.partition = m->partition;
        msg.offset = m->offset;
        rd_kafka_timestamp_type_t type;
        const std::int64_t ts = rd_kafka_message_timestamp(m, &type);
        msg.timestampMs = type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? -1 : ts;
        if (m->key)
            msg.key = std::string(static_cast<const char *>(m->key), m->key_len);
        if (m->payload)
            msg.value = std::string(static_cast<const char *>(m->payload), m->len);
        rd_kafka_headers_t *headers = nullptr;
        if (rd_kafka_message_headers(m, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR && headers) {
            const char *name = nullptr;
            const void *value = nullptr;
            std::size_t size = 0;
            for (std::size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
                msg.headers.emplace_back(name, value ? std::optional<std::string>(std::string(static_cast<const char *>(value), size))
                                                     : std::nullopt);
        }
        rd_kafka_message_destroy(m);
        if (m_options.start == TopicStart::Time && msg.timestampMs >= 0 && msg.timestampMs < m_options.timeMs)
            continue;
        out.push_back(std::move(msg));
        ++added;
    }
    return added;
}

bool TopicReader::atEnd() const
{
    return !m_eof.empty() && std::all_of(m_eof.begin(), m_eof.end(), [](bool b) { return b; });
}

std::vector<std::string> TopicReader::listTopics(const std::string &bootstrap, int timeoutMs)
{
    RdKafkaPtr rk = makeConsumer(bootstrap, {});
    const rd_kafka_metadata_t *md = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(rk.get(), 1, nullptr, &md, timeoutMs);
    if (err)
        throw ConnectionError("no answer from the Kafka brokers " + bootstrap + ": " + rd_kafka_err2str(err), true);
    std::vector<std::string> out;
    for (int t = 0; t < md->topic_cnt; ++t)
        if (std::string_view(md->topics[t].topic).substr(0, 2) != "__")
            out.emplace_back(md->topics[t].topic);
    rd_kafka_metadata_destroy(md);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace flowdeck
