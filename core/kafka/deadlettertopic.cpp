#include "core/kafka/deadlettertopic.h"

#include "core/engine/deadletterwriter.h"
#include "core/engine/runstate.h"
#include "core/kafka/embeddedbroker.h"
#include "core/model/errors.h"

#include <chrono>

namespace flowdeck {

namespace {

constexpr int kSyncTimeoutMs = 30000;

struct MetadataDeleter
{
    void operator()(const rd_kafka_metadata_t *m) const { rd_kafka_metadata_destroy(m); }
};

void addHeader(rd_kafka_headers_t *headers, const char *name, const std::string &value)
{
    rd_kafka_header_add(headers, name, -1, value.data(), ssize_t(value.size()));
}

} // namespace

DeadLetterTopic::DeadLetterTopic(KafkaConfig config, std::string flowName)
    : m_config(std::move(config))
    , m_flowName(std::move(flowName))
{
}

DeadLetterTopic::~DeadLetterTopic()
{
    if (m_producer)
        rd_kafka_flush(m_producer.get(), 5000);
}

void DeadLetterTopic::onDelivery(rd_kafka_t *, const rd_kafka_message_t *message, void *opaque)
{
    auto *self = static_cast<DeadLetterTopic *>(opaque);
    --self->m_pending;
    if (message->err && self->m_firstError.empty())
        self->m_firstError = rd_kafka_err2str(message->err);
}

void DeadLetterTopic::open(std::uint64_t)
{
    const std::string bootstrap = m_config.embedded() ? EmbeddedBroker::shared().bootstraps() : m_config.brokers;
    RdKafkaConfPtr conf = m_config.makeConf(bootstrap, {{"enable.idempotence", "true"}, {"acks", "all"}, {"linger.ms", "5"}});
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &DeadLetterTopic::onDelivery);
    rd_kafka_conf_set_opaque(conf.get(), this);
    char error[512] = {};
    m_producer.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), error, sizeof error));
    if (!m_producer)
        throw ConfigError(std::string("errorHandling.deadLetter: cannot create the Kafka producer: ") + error);
    conf.release();
    const rd_kafka_metadata_t *raw = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(m_producer.get(), 0, nullptr, &raw, 10000);
    std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter> metadata(raw);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        throw ConnectionError("dead letters: Kafka brokers " + bootstrap + " did not answer: " + rd_kafka_err2str(err), true);
}

void DeadLetterTopic::write(const Record &record, const std::string &stage, const std::string &reason)
{
    const bool raw = record.isError();
    const std::string value = raw ? record.raw
                                  : recordToJson(record).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    rd_kafka_headers_t *headers = rd_kafka_headers_new(12);
    addHeader(headers, "flowdeck.position", record.position.toString());
    addHeader(headers, "flowdeck.stage", stage);
    addHeader(headers, "flowdeck.reason", reason);
    addHeader(headers, "flowdeck.flow", m_flowName);
    addHeader(headers, "flowdeck.time", utcNowIso());
    addHeader(headers, "flowdeck.value", raw ? "raw" : "record");
    addHeader(headers, "flowdeck.source.name", record.position.source);
    if (record.position.partition >= 0)
        addHeader(headers, "flowdeck.source.partition", std::to_string(record.position.partition));
    addHeader(headers, "flowdeck.source.offset", std::to_string(record.position.offset));
    if (record.position.line > 0)
        addHeader(headers, "flowdeck.source.line", std::to_string(record.position.line));
    for (;;) {
        const rd_kafka_resp_err_t err = rd_kafka_producev(
            m_producer.get(), RD_KAFKA_V_TOPIC(m_config.topicTemplate.c_str()),
            RD_KAFKA_V_VALUE(const_cast<char *>(value.data()), value.size()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
            RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END);
        if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            rd_kafka_poll(m_producer.get(), 100);
            continue;
        }
        if (err) {
            rd_kafka_headers_destroy(headers); // not taken over on failure
            throw Error("dead letters: cannot produce to Kafka topic '" + m_config.topicTemplate + "': " + rd_kafka_err2str(err));
        }
        break;
    }
    ++m_pending;
    ++m_sent;
}

void DeadLetterTopic::sync()
{
    if (!m_producer)
        return;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kSyncTimeoutMs);
    while (m_pending > 0 && std::chrono::steady_clock::now() < deadline)
        rd_kafka_poll(m_producer.get(), 100);
    if (!m_firstError.empty()) {
        const std::string e = m_firstError;
        m_firstError.clear();
        throw Error("dead letters: Kafka topic '" + m_config.topicTemplate + "' did not take a dead letter: " + e);
    }
    if (m_pending > 0)
        throw ConnectionError("dead letters: Kafka topic '" + m_config.topicTemplate + "' did not acknowledge "
                                  + std::to_string(m_pending) + " dead letter(s) within 30 s",
                              true);
}

} // namespace flowdeck
