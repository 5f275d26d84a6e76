#pragma once

#include "core/kafka/kafkaconfig.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace flowdeck {

/// One Kafka message as read back from a topic.
struct TopicMessage
{
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = 0;
    std::int64_t timestampMs = -1; // -1: none
    std::optional<std::string> key;
    std::vector<std::pair<std::string, std::optional<std::string>>> headers;
    std::optional<std::string> value; // nullopt: a tombstone

    /// `{"topic","partition","offset","timestamp","key","headers","value"}`: the value as JSON
    /// when it parses as JSON, else as a string; key and header values as strings (null when
    /// absent), headers as an object (a repeated name keeps its last value). The shape of
    /// `flowdeck tail` and of the topic browser's export.
    nlohmann::ordered_json toJson() const;
    /// toJson() as one line of text, except that a value that is valid JSON is written as it
    /// was sent (line breaks between tokens become spaces): numbers keep every digit
    /// (9.90 stays 9.90, a DECIMAL(40,20) is not rounded to a double).
    std::string toJsonLine() const;
};

/// Where a TopicReader starts in every partition.
enum class TopicStart { Beginning, End, Offset, Time };

struct TopicReaderOptions
{
    std::string bootstrap;      // "host:port,..." (resolve "embedded" before)
    std::string topic;
    TopicStart start = TopicStart::End;
    std::int64_t offset = 0;    // TopicStart::Offset: in every partition (clamped to what it holds)
    std::int64_t timeMs = 0;    // TopicStart::Time: first message at or after, ms since the epoch
    std::vector<std::pair<std::string, std::string>> properties; // librdkafka settings
};

/// Reads every partition of one topic without a consumer group (partitions assigned directly,
/// no offsets committed, nothing changed on the cluster): what `flowdeck tail` and the topic
/// browser use to look at a topic. Used from one thread.
class TopicReader
{
public:
    explicit TopicReader(TopicReaderOptions options);
    ~TopicReader();
    TopicReader(const TopicReader &) = delete;
    TopicReader &operator=(const TopicReader &) = delete;

    /// Connects, finds the topic's partitions and starts reading them.
    /// Possible errors: ConfigError (a bad property), ConnectionError (no broker answered within
    /// `timeoutMs`), Error ("topic 'x' does not exist").
    void open(int timeoutMs = 10000);

    int partitionCount() const { return int(m_partitions.size()); }

    /// Appends up to `max` messages, waiting up to `timeoutMs` for the first one. Returns how
    /// many it appended. Possible errors: Error for a consumer error (not end of partition).
    std::size_t poll(std::vector<TopicMessage> &out, std::size_t max, int timeoutMs);

    /// True once every partition was read to the end that it had when reached.
    bool atEnd() const;

    /// Topics of a cluster (internal ones, starting with "__", left out), sorted.
    /// Possible errors: ConnectionError, ConfigError.
    static std::vector<std::string> listTopics(const std::string &bootstrap, int timeoutMs = 5000);

private:
    TopicReaderOptions m_options;
    RdKafkaPtr m_consumer;
    RdKafkaTopicPtr m_topic;
    rd_kafka_queue_t *m_queue = nullptr;
    std::vector<std::int32_t> m_partitions;
    std::vector<bool> m_eof;
};

} // namespace flowdeck
