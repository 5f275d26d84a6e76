#include "kafkatestsupport.h"

#include "core/model/errors.h"
#include "core/kafka/kafkaconfig.h"

#include <chrono>

namespace flowdeck::test {

std::vector<ConsumedMessage> consumeAll(const std::string &bootstrap, const std::string &topic, int partitions)
{
    char error[512] = {};
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    setKafkaProperty(conf.get(), "bootstrap.servers", bootstrap);
    setKafkaProperty(conf.get(), "enable.partition.eof", "true");
    RdKafkaPtr consumer(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), error, sizeof error));
    if (!consumer)
        throw Error(error);
    conf.release();
    RdKafkaTopicPtr rkt(rd_kafka_topic_new(consumer.get(), topic.c_str(), nullptr));
    std::vector<ConsumedMessage> out;
    // Legacy simple consumer: partitions assigned directly, no group and no rebalance delay.
    for (int p = 0; p < partitions; ++p)
        if (rd_kafka_consume_start(rkt.get(), p, RD_KAFKA_OFFSET_BEGINNING) != 0)
            throw Error("consume_start failed");
    for (int p = 0; p < partitions; ++p) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        for (;;) {
            rd_kafka_message_t *m = rd_kafka_consume(rkt.get(), p, 100);
            if (!m) {
                if (std::chrono::steady_clock::now() > deadline)
                    throw Error("timed out consuming " + topic);
                continue;
            }
            const rd_kafka_resp_err_t err = m->err;
            if (!err)
                out.push_back({p, m->key ? std::string(static_cast<const char *>(m->key), m->key_len) : std::string(),
                               m->payload ? std::string(static_cast<const char *>(m->payload), m->len) : std::string()});
            rd_kafka_message_destroy(m);
            if (err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
                break;
            if (err)
                throw Error(std::string("consume: ") + rd_kafka_err2str(err));
        }
    }
    for (int p = 0; p < partitions; ++p)
        rd_kafka_consume_stop(rkt.get(), p);
    return out;
}

} // namespace flowdeck::test
