#include "core/kafka/embeddedbroker.h"
#include "core/model/errors.h"
#include "core/kafka/kafkaconfig.h"
#include "core/kafka/kafkasource.h"

#include <QTest>

#include <chrono>
#include <set>
#include <thread>

using namespace flowdeck;

namespace {

/// Produces `count` json-protocol rows {"id":first+i} to `topic` (partition i % partitions).
void produce(const std::string &bootstrap, const std::string &topic, int partitions, int first, int count,
             std::size_t padding = 0)
{
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    setKafkaProperty(conf.get(), "bootstrap.servers", bootstrap);
    setKafkaProperty(conf.get(), "linger.ms", "5");
    char error[512] = {};
    RdKafkaPtr producer(rd_kafka_new(RD_KAFKA_PRODUCER, conf.release(), error, sizeof error));
    QVERIFY2(producer, error);
    const std::string pad(padding, 'x');
    for (int i = first; i < first + count; ++i) {
        const std::string key = "{\"id\":" + std::to_string(i) + "}";
        const std::string value = "{\"id\":" + std::to_string(i) + ",\"pad\":\"" + pad + "\"}";
        for (;;) {
            const rd_kafka_resp_err_t err = rd_kafka_producev(
                producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(i % partitions),
                RD_KAFKA_V_KEY(key.data(), key.size()), RD_KAFKA_V_VALUE(const_cast<char *>(value.data()), value.size()),
                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
            if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                QCOMPARE(err, RD_KAFKA_RESP_ERR_NO_ERROR);
                break;
            }
            rd_kafka_poll(producer.get(), 10);
        }
    }
    QCOMPARE(rd_kafka_flush(producer.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
}

/// Reads until caught up (and at least `atLeast` records), at most 30 s.
Batch readAll(KafkaSource &source, std::size_t atLeast)
{
    Batch all;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        Batch batch;
        source.read(batch, 500);
        for (auto &r : batch)
            all.push_back(std::move(r));
        if (batch.empty() && all.size() >= atLeast && source.caughtUp())
            break;
    }
    return all;
}

nlohmann::json endpoint(const std::string &bootstrap, const std::string &topic, const std::string &group)
{
    return {{"type", "kafka"}, {"brokers", bootstrap}, {"protocol", "json"}, {"topic", topic}, {"group", group},
            {"startFrom", "earliest"}};
}

} // namespace

class TestKafkaSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsResumesAndCommits();
    void regexAndList();
    void expiredOffsetStops();
    void badMessageIsErrorRecord();
    void lagCountsUnreadMessages();

private:
    EmbeddedBroker m_broker{1};
};

void TestKafkaSource::readsResumesAndCommits()
{
    const std::string topic = "resume_topic";
    m_broker.createTopic(topic, 3);
    produce(m_broker.bootstraps(), topic, 3, 0, 30);
    nlohmann::json checkpoint;
    {
        KafkaSource source(endpoint(m_broker.bootstraps(), topic, "g1"), "unused");
        source.open(nullptr);
        QVERIFY(source.continuous());
        const Batch records = readAll(source, 30);
        QCOMPARE(records.size(), std::size_t(30));
        std::set<std::int64_t> ids;
        for (const Record &r : records) {
            QVERIFY2(!r.isError(), r.error.c_str());
            QCOMPARE(r.position.source, topic);
            QCOMPARE(r.values[0].asInt() % 3, std::int64_t(r.position.partition));
            ids.insert(r.values[0].asInt());
        }
        QCOMPARE(ids.size(), std::size_t(30));
        // The checkpoint after the 20th record names all three partitions.
        const nlohmann::json middle = source.checkpointAfter(records[19].position);
        QCOMPARE(middle["offsets"][topic].size(), std::size_t(3));
        checkpoint = source.checkpointAfter(records.back().position);
        QCOMPARE(checkpoint["offsets"][topic]["0"].get<int>(), 10);
        QCOMPARE(checkpoint["offsets"][topic]["1"].get<int>(), 10);
        QCOMPARE(checkpoint["offsets"][topic]["2"].get<int>(), 10);
        source.checkpointCommitted(middle);
        source.checkpointCommitted(checkpoint);
        std::this_thread::sleep_for(std::chrono::milliseconds(500)); // the async commit
    }
    // The group's committed offsets (what kafka-consumer-groups shows) are the checkpoint's.
    {
        RdKafkaConfPtr conf(rd_kafka_conf_new());
        setKafkaProperty(conf.get(), "bootstrap.servers", m_broker.bootstraps());
        setKafkaProperty(conf.get(), "group.id", "g1");
        char error[512] = {};
        RdKafkaPtr consumer(rd_kafka_new(RD_KAFKA_CONSUMER, conf.release(), error, sizeof error));
        rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(3);
        for (int p = 0; p < 3; ++p)
            rd_kafka_topic_partition_list_add(list, topic.c_str(), p);
        QCOMPARE(rd_kafka_committed(consumer.get(), list, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
        for (int p = 0; p < 3; ++p)
            QCOMPARE(list->elems[p].offset, std::int64_t(10));
        rd_kafka_topic_partition_list_destroy(list);
    }
    // Resumed: only what came after the checkpoint.
    produce(m_broker.bootstraps(), topic, 3, 100, 6);
    KafkaSource source(endpoint(m_broker.bootstraps(), topic, "g1"), "unused");
    source.open(checkpoint);
    const Batch records = readAll(source, 6);
    QCOMPARE(records.size(), std::size_t(6));
    for (const Record &r : records)
        QVERIFY(r.values[0].asInt() >= 100);
}

void TestKafkaSource::regexAndList()
{
    m_broker.createTopic("rx_a", 1);
    m_broker.createTopic("rx_b", 2);
    m_broker.createTopic("other_c", 1);
    produce(m_broker.bootstraps(), "rx_a", 1, 0, 3);
    produce(m_broker.bootstraps(), "rx_b", 2, 10, 4);
    produce(m_broker.bootstraps(), "other_c", 1, 20, 5);
    {
        KafkaSource source(endpoint(m_broker.bootstraps(), "^rx_.*", "g2"), "unused");
        source.open(nullptr);
        const Batch records = readAll(source, 7);
        QCOMPARE(records.size(), std::size_t(7));
        QCOMPARE(records.front().table->table, records.front().position.source); // json: the table is the topic
    }
    nlohmann::json list = endpoint(m_broker.bootstraps(), "", "g3");
    list["topic"] = {"rx_a", "other_c"};
    KafkaSource source(list, "unused");
    source.open(nullptr);
    QCOMPARE(readAll(source, 8).size(), std::size_t(8));
}

void TestKafkaSource::expiredOffsetStops()
{
    // The embedded broker keeps ~100k messages / 5 MiB per partition: offsets before that expire.
    const std::string topic = "expiring";
    m_broker.createTopic(topic, 1);
    produce(m_broker.bootstraps(), topic, 1, 0, 70000, 100);
    std::int64_t low = 0, high = 0;
    {
        RdKafkaConfPtr conf(rd_kafka_conf_new());
        setKafkaProperty(conf.get(), "bootstrap.servers", m_broker.bootstraps());
        char error[512] = {};
        RdKafkaPtr consumer(rd_kafka_new(RD_KAFKA_CONSUMER, conf.release(), error, sizeof error));
        QCOMPARE(rd_kafka_query_watermark_offsets(consumer.get(), topic.c_str(), 0, &low, &high, 10000),
                 RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    QVERIFY2(low > 5, ("the broker kept everything: low watermark " + std::to_string(low)).c_str());
    KafkaSource source(endpoint(m_broker.bootstraps(), topic, "g4"), "unused");
    source.open(nlohmann::json{{"offsets", {{topic, {{"0", 5}}}}}});
    try {
        readAll(source, 1);
        QFAIL("an expired offset was skipped silently");
    } catch (const Error &e) {
        const std::string expected = "data lost upstream: topic expiring partition 0 offset 5 is no longer on the broker (oldest is "
            + std::to_string(low) + ")";
        QVERIFY2(std::string(e.what()).starts_with(expected), e.what());
    }
}

void TestKafkaSource::badMessageIsErrorRecord()
{
    const std::string topic = "bad_messages";
    m_broker.createTopic(topic, 1);
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    setKafkaProperty(conf.get(), "bootstrap.servers", m_broker.bootstraps());
    char error[512] = {};
    RdKafkaPtr producer(rd_kafka_new(RD_KAFKA_PRODUCER, conf.release(), error, sizeof error));
    for (const char *value : {"{\"id\":1}", "not json", "{\"id\":2}"})
        rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(0),
                          RD_KAFKA_V_VALUE(const_cast<char *>(value), std::strlen(value)), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                          RD_KAFKA_V_END);
    rd_kafka_flush(producer.get(), 10000);
    KafkaSource source(endpoint(m_broker.bootstraps(), topic, "g5"), "unused");
    source.open(nullptr);
    const Batch records = readAll(source, 3);
    QCOMPARE(records.size(), std::size_t(3));
    QVERIFY(!records[0].isError());
    QVERIFY(records[1].isError());
    QCOMPARE(records[1].error, std::string("cannot decode the message at topic bad_messages partition 0 offset 1: not valid JSON"));
    QCOMPARE(records[1].raw, std::string("not json"));
    QVERIFY(!records[2].isError());
}

// Consumer lag: messages between what was read and each partition's end, 0 once read to the end.
void TestKafkaSource::lagCountsUnreadMessages()
{
    const std::string topic = "lag_topic";
    m_broker.createTopic(topic, 3);
    produce(m_broker.bootstraps(), topic, 3, 0, 12);
    KafkaSource source(endpoint(m_broker.bootstraps(), topic, "lag"), "unused");
    source.open(nullptr);
    QCOMPARE(readAll(source, 12).size(), std::size_t(12));
    QCOMPARE(source.lag().messages, std::int64_t(0));
    QCOMPARE(source.lag().seconds, 0.0);
    produce(m_broker.bootstraps(), topic, 3, 100, 9);
    // The consumer's own threads fetch the new messages (and high watermarks) without read().
    QTRY_COMPARE_WITH_TIMEOUT(source.lag().messages, std::int64_t(9), 10000);
    QVERIFY(source.lag().seconds >= 0.0);
    QCOMPARE(readAll(source, 9).size(), std::size_t(9));
    QCOMPARE(source.lag().messages, std::int64_t(0));
}

QTEST_GUILESS_MAIN(TestKafkaSource)
#include "tst_kafkasource.moc"
