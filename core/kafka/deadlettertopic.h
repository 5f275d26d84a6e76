#pragma once

#include "core/engine/deadletters.h"
#include "core/kafka/kafkaconfig.h"

#include <string>

namespace flowdeck {

/// Dead letters to a Kafka topic (`"deadLetter": {"topic": ..., "brokers": ...}`).
///
/// One message per rejected record. Value: the raw input bytes as the source read them (a Kafka
/// message of any protocol, a CSV line, a JSON Lines line) when the record could not be read;
/// otherwise the record as one JSON object (bytes under {"$base64": ...}, as in a dead-letter
/// file). Headers, like Kafka Connect's `errors.deadletterqueue.context.headers.enable`:
/// `flowdeck.position`, `flowdeck.stage` (read, mapping, write), `flowdeck.reason`,
/// `flowdeck.flow`, `flowdeck.time`, `flowdeck.value` (`raw` or `record`), and
/// `flowdeck.source.name`/`.partition`/`.offset`/`.line` naming the input. No key.
///
/// sync() waits for every delivery. Kafka cannot take a message back: a batch retried or
/// replayed after a crash may repeat its dead letters (at least once).
class DeadLetterTopic : public DeadLetters
{
public:
    /// `config.brokers` may be "embedded"; `config.topicTemplate` is the topic (no placeholders).
    DeadLetterTopic(KafkaConfig config, std::string flowName);
    ~DeadLetterTopic() override;

    std::string describe() const override { return "kafka topic " + m_config.topicTemplate; }
    /// Creates the producer and checks that a broker answers. Possible errors: ConfigError,
    /// ConnectionError.
    void open(std::uint64_t keepBytes) override;
    void truncateTo(std::uint64_t) override {}
    void write(const Record &record, const std::string &stage, const std::string &reason) override;
    /// Possible errors: ConnectionError (no acknowledgement within 30 s), Error (rejected).
    void sync() override;
    std::uint64_t size() const override { return m_sent; }

private:
    static void onDelivery(rd_kafka_t *rk, const rd_kafka_message_t *message, void *opaque);

    KafkaConfig m_config;
    std::string m_flowName;
    RdKafkaPtr m_producer;
    std::uint64_t m_sent = 0;
    std::uint64_t m_pending = 0;
    std::string m_firstError;
};

} // namespace flowdeck
