// Bad input on the way from a topic to replica tables, through the engine: undecodable
// messages, an event for a table with no key, a value that does not fit, a DDL that drops a
// replicated column, and an offset that expired upstream. Each follows errorHandling (dead
// letter and go on, or stop naming the record) or stops the run with a clear message; the
// counts always add up.
#include "tests/common/testsupport.h"

#include "core/kafka/embeddedbroker.h"
#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "core/kafka/kafkaconfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace flowdeck;

namespace {

const std::string kDb = "flowdeck_replica_bad";

void produce(const std::string &topic, const std::vector<std::string> &values)
{
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    setKafkaProperty(conf.get(), "bootstrap.servers", EmbeddedBroker::shared().bootstraps());
    char error[512] = {};
    RdKafkaPtr producer(rd_kafka_new(RD_KAFKA_PRODUCER, conf.release(), error, sizeof error));
    QVERIFY2(producer, error);
    for (const std::string &v : values) {
        while (rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(0),
                                 RD_KAFKA_V_VALUE(const_cast<char *>(v.data()), v.size()),
                                 RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END)
               == RD_KAFKA_RESP_ERR__QUEUE_FULL)
            rd_kafka_poll(producer.get(), 10);
    }
    QCOMPARE(rd_kafka_flush(producer.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
}

std::string insert(const std::string &table, int id, const std::string &name, bool withKey = true)
{
    return R"({"id":0,"database":"shop","table":")" + table + R"(","pkNames":)" + (withKey ? R"(["id"])" : "null")
        + R"(,"isDdl":false,"type":"INSERT","es":1700000000000,"ts":1700000000001,"sql":"","sqlType":{"id":4,"name":12},)"
          R"("mysqlType":{"id":"int","name":"varchar"},"data":[{"id":")" + std::to_string(id) + R"(","name":")" + name
        + R"("}],"old":null})";
}

Flow replicaFlow(const std::string &name, const std::string &topic, const std::string &onError, const std::string &deadLetter)
{
    nlohmann::json errorHandling = {{"onError", onError}};
    if (!deadLetter.empty())
        errorHandling["deadLetter"] = deadLetter;
    return flowFromJson({{"flowdeck", 1},
                         {"name", name},
                         {"source", {{"type", "kafka"}, {"brokers", "embedded"}, {"protocol", "canal-json"}, {"topic", topic},
                                     {"startFrom", "earliest"}}},
                         {"destination", {{"type", "mysql"}, {"connection", test::sandboxConnection(kDb)}, {"table", "{table}"},
                                          {"write", {{"mode", "replicate"}, {"createTable", true}, {"addColumns", true}}}}},
                         {"trigger", {{"type", "continuous"}}},
                         {"errorHandling", errorHandling}});
}

RunResult runFlow(const Flow &flow, const QString &stateDir)
{
    EngineOptions options;
    options.stateDir = stateDir.toStdString();
    options.untilIdle = true;
    return Engine(flow, options).run();
}

} // namespace

class TestReplicateBadInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void skipDeadLettersAndCountsAddUp();
    void stopNamesTheMessage();
    void expiredOffsetStopsTheRun();

private:
    QTemporaryDir m_dir;
    std::vector<std::string> m_messages;
};

void TestReplicateBadInput::initTestCase()
{
    test::freshDatabase(kDb);
    test::execSql("CREATE TABLE narrow (id INT PRIMARY KEY, name VARCHAR(3))", kDb);
    test::execSql("CREATE TABLE dropped (id INT PRIMARY KEY, name VARCHAR(20), score INT)", kDb);
    m_messages = {
        insert("good", 1, "one"),
        "{\"type\": \"INSERT\", not json",                                               // undecodable
        insert("nokey", 1, "x", false),                                                  // no key: cannot create
        insert("narrow", 1, "too long"),                                                 // does not fit VARCHAR(3)
        R"({"id":0,"database":"shop","table":"dropped","pkNames":null,"isDdl":true,"type":"ALTER","es":1,"ts":2,)"
        R"("sql":"ALTER TABLE `dropped` DROP COLUMN `score`","sqlType":null,"mysqlType":null,"data":null,"old":null})",
        insert("good", 2, "two"),
        insert("narrow", 2, "ok"),
    };
    EmbeddedBroker::shared().createTopic("replica_bad_input", 1);
    produce("replica_bad_input", m_messages);
}

void TestReplicateBadInput::skipDeadLettersAndCountsAddUp()
{
    const QString letters = m_dir.filePath(QStringLiteral("skip.jsonl"));
    const RunResult r = runFlow(replicaFlow("bad-input-skip", "replica_bad_input", "skip", letters.toStdString()),
                                m_dir.filePath(QStringLiteral("skip-state")));
    QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    QCOMPARE(r.counts.read, std::uint64_t(m_messages.size()));
    QCOMPARE(r.counts.written, std::uint64_t(3));
    QCOMPARE(r.counts.deadLettered, std::uint64_t(4));
    QCOMPARE(r.counts.read, r.counts.written + r.counts.deadLettered + r.counts.filtered);
    QCOMPARE(test::querySql("SELECT id, name FROM good ORDER BY id", kDb), (std::vector<std::string>{"1\tone", "2\ttwo"}));
    QCOMPARE(test::querySql("SELECT id, name FROM narrow", kDb), std::vector<std::string>{"2\tok"});
    QFile f(letters);
    QVERIFY(f.open(QIODevice::ReadOnly));
    std::vector<nlohmann::json> lines;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.isEmpty())
            lines.push_back(nlohmann::json::parse(line.toStdString()));
    QCOMPARE(lines.size(), std::size_t(4));
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"replica_bad_input[0]@1", "cannot decode the message at topic replica_bad_input partition 0 offset 1: not valid JSON"},
        {"replica_bad_input[0]@2", "name no key columns"},
        {"replica_bad_input[0]@3", "name"},
        {"replica_bad_input[0]@4", "drops column `score`"},
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        QCOMPARE(lines[i].value("position", std::string()), expected[i].first);
        const std::string reason = lines[i].value("reason", std::string());
        QVERIFY2(reason.find(expected[i].second) != std::string::npos, reason.c_str());
    }
}

void TestReplicateBadInput::stopNamesTheMessage()
{
    test::execSql("DROP TABLE IF EXISTS good", kDb);
    const RunResult r = runFlow(replicaFlow("bad-input-stop", "replica_bad_input", "stop", ""), m_dir.filePath(QStringLiteral("stop-state")));
    QCOMPARE(r.status, RunStatus::Failed);
    QCOMPARE(r.errorPosition, std::string("replica_bad_input[0]@1"));
    QVERIFY2(r.error.find("not valid JSON") != std::string::npos, r.error.c_str());
    QCOMPARE(r.counts.written, std::uint64_t(1));
    QCOMPARE(r.counts.failed, std::uint64_t(1));
    QCOMPARE(r.counts.read, std::uint64_t(2));
    QCOMPARE(test::querySql("SELECT id FROM good", kDb), std::vector<std::string>{"1"});
}

void TestReplicateBadInput::expiredOffsetStopsTheRun()
{
    const std::string topic = "replica_expiring";
    EmbeddedBroker::shared().createTopic(topic, 1);
    std::vector<std::string> first;
    for (int i = 0; i < 10; ++i)
        first.push_back(insert("expiring", i, "r"));
    produce(topic, first);
    const Flow flow = replicaFlow("expiring", topic, "stop", "");
    const QString state = m_dir.filePath(QStringLiteral("expiring-state"));
    const RunResult r1 = runFlow(flow, state);
    QVERIFY2(r1.status == RunStatus::Completed, r1.error.c_str());
    QCOMPARE(r1.counts.written, std::uint64_t(10));
    // While the flow is down the broker drops the oldest messages (the embedded one keeps ~5 MiB
    // per partition): the next message the flow needs, offset 10, is gone.
    std::vector<std::string> flood(70000, insert("expiring", 99, std::string(60, 'p')));
    produce(topic, flood);
    const RunResult r2 = runFlow(flow, state);
    QCOMPARE(r2.status, RunStatus::Failed);
    QVERIFY2(r2.error.starts_with("data lost upstream: topic replica_expiring partition 0 offset 10 is no longer on the broker (oldest is "),
             r2.error.c_str());
    QCOMPARE(r2.counts.written, std::uint64_t(0));
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM expiring", kDb), std::vector<std::string>{"10"});
}

QTEST_GUILESS_MAIN(TestReplicateBadInput)
#include "tst_replicatebadinput.moc"
