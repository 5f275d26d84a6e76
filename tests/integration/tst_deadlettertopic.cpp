// Dead letters to a Kafka topic, end to end on the embedded broker: a topic of canal-json with
// hostile messages is read into a file destination in skip mode; the bad messages arrive on the
// dead-letter topic byte for byte with their position and reason in headers, and the good rows
// in the file.
#include "tests/common/testsupport.h"

#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "core/kafka/embeddedbroker.h"
#include "core/kafka/kafkaconfig.h"
#include "core/kafka/topicreader.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

using namespace flowdeck;

namespace {

void produce(const std::string &topic, const std::vector<std::string> &values)
{
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    setKafkaProperty(conf.get(), "bootstrap.servers", EmbeddedBroker::shared().bootstraps());
    char error[512] = {};
    RdKafkaPtr producer(rd_kafka_new(RD_KAFKA_PRODUCER, conf.release(), error, sizeof error));
    QVERIFY2(producer, error);
    for (const std::string &v : values)
        while (rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(0),
                                 RD_KAFKA_V_VALUE(const_cast<char *>(v.data()), v.size()),
                                 RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END)
               == RD_KAFKA_RESP_ERR__QUEUE_FULL)
            rd_kafka_poll(producer.get(), 10);
    QCOMPARE(rd_kafka_flush(producer.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
}

std::string insert(int id, const std::string &name)
{
    return R"({"id":0,"database":"shop","table":"t","pkNames":["id"],"isDdl":false,"type":"INSERT","es":1700000000000,)"
           R"("ts":1700000000001,"sql":"","sqlType":{"id":4,"name":12},"mysqlType":{"id":"int","name":"varchar"},)"
           R"("data":[{"id":")" + std::to_string(id) + R"(","name":")" + name + R"("}],"old":null})";
}

std::vector<TopicMessage> readAll(const std::string &topic, std::size_t expected)
{
    TopicReaderOptions options;
    options.bootstrap = EmbeddedBroker::shared().bootstraps();
    options.topic = topic;
    options.start = TopicStart::Beginning;
    TopicReader reader(options);
    reader.open();
    std::vector<TopicMessage> out;
    while (out.size() < expected || !reader.atEnd())
        if (reader.poll(out, 100, 500) == 0 && reader.atEnd())
            break;
    return out;
}

std::string header(const TopicMessage &m, const std::string &name)
{
    for (const auto &[n, v] : m.headers)
        if (n == name)
            return v.value_or("<null>");
    return "<missing>";
}

std::string readFolder(const QString &dir)
{
    std::string all;
    for (const QString &f : QDir(dir).entryList(QDir::Files, QDir::Name)) {
        std::ifstream in(QString(dir + QLatin1Char('/') + f).toStdString());
        std::stringstream s;
        s << in.rdbuf();
        all += s.str();
    }
    return all;
}

} // namespace

class TestDeadLetterTopic : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hostileMessagesReachTheTopic_data();
    void hostileMessagesReachTheTopic();
};

void TestDeadLetterTopic::hostileMessagesReachTheTopic_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QByteArray>("hostile");
    QTest::newRow("canal-json, binary garbage") << QStringLiteral("canal-json") << QByteArray("\xff\x00\x01 not json", 13);
    QTest::newRow("canal-json, a debezium message") << QStringLiteral("canal-json")
                                                    << QByteArray(R"({"before":null,"after":{"id":9},"op":"c"})");
    QTest::newRow("json, an array") << QStringLiteral("json") << QByteArray("[1,2,3]");
}

void TestDeadLetterTopic::hostileMessagesReachTheTopic()
{
    QFETCH(QString, protocol);
    QFETCH(QByteArray, hostile);
    static int round = 0;
    const std::string suffix = std::to_string(++round);
    const std::string in = "dl-in-" + suffix, dead = "dl-dead-" + suffix;
    const std::string bad(hostile.constData(), std::size_t(hostile.size()));
    const bool canal = protocol == QLatin1String("canal-json");
    produce(in, {canal ? insert(1, "first") : R"({"id":1,"name":"first"})", bad,
                 canal ? insert(2, "second") : R"({"id":2,"name":"second"})"});

    QTemporaryDir dir;
    const Flow flow = flowFromJson(
        {{"flowdeck", 1},
         {"name", "dead-letter-topic-" + suffix},
         {"source", {{"type", "kafka"}, {"brokers", "embedded"}, {"protocol", protocol.toStdString()}, {"topic", in},
                     {"startFrom", "earliest"}}},
         {"destination", {{"type", "file"}, {"path", dir.filePath(QStringLiteral("out")).toStdString() + '/'}, {"format", "jsonl"}}},
         {"trigger", {{"type", "continuous"}}},
         {"errorHandling", {{"onError", "skip"}, {"deadLetter", {{"topic", dead}}}}}});
    EngineOptions options;
    options.stateDir = dir.filePath(QStringLiteral("state")).toStdString();
    options.untilIdle = true;
    const RunResult result = Engine(flow, options).run();
    QVERIFY2(result.status == RunStatus::Completed, result.error.c_str());
    QCOMPARE(result.counts.read, std::uint64_t(3));
    QCOMPARE(result.counts.written, std::uint64_t(2));
    QCOMPARE(result.counts.deadLettered, std::uint64_t(1));
    QCOMPARE(result.deadLetterPath, "kafka topic " + dead);

    const std::vector<TopicMessage> letters = readAll(dead, 1);
    QCOMPARE(letters.size(), std::size_t(1));
    const TopicMessage &m = letters[0];
    QVERIFY(m.value.has_value());
    QCOMPARE(QByteArray::fromStdString(*m.value), hostile); // byte for byte, whatever it is
    QVERIFY(!m.key.has_value());
    QCOMPARE(header(m, "flowdeck.position"), in + "[0]@1");
    QCOMPARE(header(m, "flowdeck.stage"), std::string("read"));
    QCOMPARE(header(m, "flowdeck.value"), std::string("raw"));
    QCOMPARE(header(m, "flowdeck.source.name"), in);
    QCOMPARE(header(m, "flowdeck.source.partition"), std::string("0"));
    QCOMPARE(header(m, "flowdeck.source.offset"), std::string("1"));
    QCOMPARE(header(m, "flowdeck.flow"), "dead-letter-topic-" + suffix);
    QVERIFY2(header(m, "flowdeck.reason").size() > 5, header(m, "flowdeck.reason").c_str());

    const std::string rows = readFolder(dir.filePath(QStringLiteral("out")));
    QVERIFY2(rows.find("\"first\"") != std::string::npos && rows.find("\"second\"") != std::string::npos, rows.c_str());
}

QTEST_GUILESS_MAIN(TestDeadLetterTopic)
#include "tst_deadlettertopic.moc"
