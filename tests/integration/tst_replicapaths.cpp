// Paths that broke a replica although each part worked alone: canal-json's ENUM index and SET
// mask into a replica, a topic into one fixed table without a mapping, a resumed snapshot+cdc
// flow after a quiet snapshot, a mapping on a binlog -> canal-json flow, and a keyless table
// in replicate (refused at start, with the reason), and messages written the way Debezium and
// Canal write them (not by Flowdeck) with zero dates, spatial values, YEAR 0 and the wrapped
// BIGINT UNSIGNED into a replica.
#include "tests/common/kafkatestsupport.h"
#include "tests/common/testsupport.h"

#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "core/kafka/embeddedbroker.h"
#include "core/kafka/kafkaconfig.h"

#include <QTemporaryDir>
#include <QTest>

using namespace flowdeck;

namespace {

const std::string kDb = "fd_paths";

RunResult runFlow(const nlohmann::json &doc, const QString &stateDir)
{
    EngineOptions options;
    options.stateDir = stateDir.toStdString();
    options.untilIdle = true;
    return Engine(flowFromJson(doc), options).run();
}

nlohmann::json binlogSource(const std::string &table)
{
    return {{"type", "mysql"}, {"connection", test::sandboxConnection(kDb)}, {"tables", {kDb + "." + table}}, {"read", "snapshot+cdc"}};
}

nlohmann::json kafkaDestination(const std::string &topic, const std::string &protocol = "canal-json")
{
    return {{"type", "kafka"}, {"brokers", "embedded"}, {"protocol", protocol}, {"topic", topic}};
}

nlohmann::json kafkaSource(const std::string &topic, const std::string &protocol = "canal-json")
{
    return {{"type", "kafka"}, {"brokers", "embedded"}, {"protocol", protocol}, {"topic", topic}, {"startFrom", "earliest"}};
}

nlohmann::json replica(const std::string &table, const std::string &database = kDb)
{
    return {{"type", "mysql"}, {"connection", test::sandboxConnection(database)}, {"table", table}, {"write", {{"mode", "replicate"}}}};
}

nlohmann::json flow(const std::string &name, nlohmann::json source, nlohmann::json destination)
{
    return {{"flowdeck", 1}, {"name", name}, {"source", std::move(source)}, {"destination", std::move(destination)},
            {"trigger", {{"type", "continuous"}}}};
}

/// Produces (key, value) messages to partition 0 of `topic`.
void produce(const std::string &topic, const std::vector<std::pair<std::string, std::string>> &messages)
{
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    setKafkaProperty(conf.get(), "bootstrap.servers", EmbeddedBroker::shared().bootstraps());
    char error[512] = {};
    RdKafkaPtr producer(rd_kafka_new(RD_KAFKA_PRODUCER, conf.release(), error, sizeof error));
    QVERIFY2(producer, error);
    for (const auto &[k, v] : messages)
        while (rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(0),
                                 RD_KAFKA_V_KEY(const_cast<char *>(k.data()), k.size()),
                                 RD_KAFKA_V_VALUE(const_cast<char *>(v.data()), v.size()),
                                 RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END)
               == RD_KAFKA_RESP_ERR__QUEUE_FULL)
            rd_kafka_poll(producer.get(), 10);
    QCOMPARE(rd_kafka_flush(producer.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
}

} // namespace

class TestReplicaPaths : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void enumAndSetThroughCanalJson();
    void topicIntoOneFixedTable_data();
    void topicIntoOneFixedTable();
    void quietSnapshotIsNotReadAgain();
    void mappedBinlogToCanalJsonKeepsTheTable();
    void keylessTableIsRefusedAtStart();
    void upstreamMessagesKeepEdgeValues();

private:
    QTemporaryDir m_dir;
};

void TestReplicaPaths::initTestCase()
{
    test::freshDatabase(kDb);
    test::freshDatabase(kDb + "_r");
}

void TestReplicaPaths::enumAndSetThroughCanalJson()
{
    test::execSql("CREATE TABLE es (id INT PRIMARY KEY, e ENUM('a','b','c') NOT NULL, s SET('x','y','z'))", kDb);
    test::execSql("CREATE TABLE es (id INT PRIMARY KEY, e ENUM('a','b','c') NOT NULL, s SET('x','y','z'))", kDb + "_r");
    test::execSql("INSERT INTO es VALUES (1,'b','x,z'),(2,'c',''),(3,'a',NULL)", kDb);
    EmbeddedBroker::shared().createTopic("paths_es", 1);
    RunResult r = runFlow(flow("paths-es-feed", binlogSource("es"), kafkaDestination("paths_es")), m_dir.filePath(QStringLiteral("es")));
    QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    r = runFlow(flow("paths-es-replica", kafkaSource("paths_es"), replica("{table}", kDb + "_r")), m_dir.filePath(QStringLiteral("es")));
    QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    QCOMPARE(test::querySql("SELECT id, e, s FROM es ORDER BY id", kDb + "_r"),
             (std::vector<std::string>{"1\tb\tx,z", "2\tc\t", "3\ta\tNULL"}));
}

void TestReplicaPaths::topicIntoOneFixedTable_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::newRow("canal-json") << QStringLiteral("canal-json");
    QTest::newRow("debezium-json") << QStringLiteral("debezium-json");
    QTest::newRow("json") << QStringLiteral("json");
}

// No mapping, one fixed table: the events of the topic are applied to it (the run used to
// fail before reading: "nothing is mapped to table ...").
void TestReplicaPaths::topicIntoOneFixedTable()
{
    QFETCH(QString, protocol);
    const std::string p = protocol.toStdString();
    const std::string tag = p.substr(0, p.find('-'));
    const std::string source = "fixed_" + tag;
    test::execSql("CREATE TABLE " + source + " (id INT PRIMARY KEY, name VARCHAR(20))", kDb);
    test::execSql("CREATE TABLE copy_" + tag + " (id INT PRIMARY KEY, name VARCHAR(20))", kDb + "_r");
    test::execSql("INSERT INTO " + source + " VALUES (1,'one'),(2,'two'),(3,'three')", kDb);
    const std::string topic = kDb + "." + source;
    EmbeddedBroker::shared().createTopic(topic, 1);
    const QString state = m_dir.filePath(QStringLiteral("fixed-") + protocol);
    RunResult r = runFlow(flow("paths-fixed-feed-" + tag, binlogSource(source), kafkaDestination(topic, p)), state);
    QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    test::execSql("UPDATE " + source + " SET name='deux' WHERE id=2; DELETE FROM " + source + " WHERE id=3", kDb);
    r = runFlow(flow("paths-fixed-feed-" + tag, binlogSource(source), kafkaDestination(topic, p)), state);
    QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    r = runFlow(flow("paths-fixed-replica-" + tag, kafkaSource(topic, p), replica("copy_" + tag, kDb + "_r")), state);
    QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    QCOMPARE(test::querySql("SELECT id, name FROM copy_" + tag + " ORDER BY id", kDb + "_r"),
             (std::vector<std::string>{"1\tone", "2\tdeux"}));
}

// A snapshot+cdc run that ends (--until-idle) after its snapshot, before any change: the next
// run streams from the snapshot's coordinates and does not send the table again.
void TestReplicaPaths::quietSnapshotIsNotReadAgain()
{
    test::execSql("CREATE TABLE quiet (id INT PRIMARY KEY, v INT); CREATE TABLE quiet_nokey (v INT)", kDb);
    test::execSql("INSERT INTO quiet VALUES (1,1),(2,2),(3,3); INSERT INTO quiet_nokey VALUES (7),(8)", kDb);
    EmbeddedBroker::shared().createTopic("paths_quiet", 1);
    nlohmann::json source = binlogSource("quiet");
    source["tables"] = {kDb + ".quiet", kDb + ".quiet_nokey"};
    const nlohmann::json doc = flow("paths-quiet", source, kafkaDestination("paths_quiet"));
    const QString state = m_dir.filePath(QStringLiteral("quiet"));
    RunResult r = runFlow(doc, state);
    QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    QCOMPARE(r.counts.written, std::uint64_t(5));
    r = runFlow(doc, state); // quiet: nothing new
    QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    QVERIFY(r.resumed);
    QCOMPARE(r.counts.read, std::uint64_t(0));
    test::execSql("INSERT INTO quiet VALUES (4,4)", kDb);
    r = runFlow(doc, state);
    QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    QCOMPARE(r.counts.read, std::uint64_t(1));
    QCOMPARE(test::consumeAll(EmbeddedBroker::shared().bootstraps(), "paths_quiet", 1).size(), std::size_t(6));
}

// A mapping renames and transforms columns of change events; canal-json still needs (and gets)
// the record's source table, and the replica applies the mapped rows.
void TestReplicaPaths::mappedBinlogToCanalJsonKeepsTheTable()
{
    test::execSql("CREATE TABLE mapped (id INT PRIMARY KEY, name VARCHAR(20), secret VARCHAR(20))", kDb);
    test::execSql("INSERT INTO mapped VALUES (1,'ann','x'),(2,'bob','y')", kDb);
    EmbeddedBroker::shared().createTopic("paths_mapped", 1);
    nlohmann::json doc = flow("paths-mapped", binlogSource("mapped"), kafkaDestination("paths_mapped"));
    doc["mapping"] = {{{"source", "id"}, {"destination", "id"}},
                      {{"source", "name"}, {"destination", "who"}, {"transform", {{"op", "upper"}}}}};
    const QString state = m_dir.filePath(QStringLiteral("mapped"));
    RunResult r = runFlow(doc, state);
    QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    test::execSql("UPDATE mapped SET name='cy' WHERE id=2", kDb);
    r = runFlow(doc, state);
    QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    QCOMPARE(r.counts.written, std::uint64_t(1));
    const auto messages = test::consumeAll(EmbeddedBroker::shared().bootstraps(), "paths_mapped", 1);
    QCOMPARE(messages.size(), std::size_t(3));
    const nlohmann::json update = nlohmann::json::parse(messages.back().value);
    QCOMPARE(update["table"].get<std::string>(), std::string("mapped"));
    QCOMPARE(update["type"].get<std::string>(), std::string("UPDATE"));
    QVERIFY2(update["pkNames"] == nlohmann::json::array({"id"}), messages.back().value.c_str());
    QVERIFY2(update["data"][0] == (nlohmann::json{{"id", "2"}, {"who", "CY"}}), messages.back().value.c_str());
    QVERIFY2(update["old"][0] == (nlohmann::json{{"id", "2"}, {"who", "BOB"}}), messages.back().value.c_str());
}

// Replicate never guesses a row by its values: a fixed table without a PRIMARY KEY or UNIQUE
// key refuses to start, naming the table; nothing is written.
// Debezium 2.x with the JsonConverter's schema (GEOMETRY and POINT structs, YEAR 0, a zero
// TIMESTAMP as the epoch, BIGINT UNSIGNED max as -1, a zero date as null), and canal-json as
// Canal/TiCDC write it (zero dates as MySQL prints them, geometry as ISO-8859-1 bytes).
void TestReplicaPaths::upstreamMessagesKeepEdgeValues()
{
    const std::string columns = "(id INT PRIMARY KEY, g GEOMETRY, p POINT, y YEAR, ts TIMESTAMP NULL, u BIGINT UNSIGNED, d DATE, dt DATETIME)";
    test::execSql("CREATE TABLE up_dbz " + columns, kDb + "_r");
    test::execSql("CREATE TABLE up_canal " + columns, kDb + "_r");
    const std::string after = R"({"id":1,"g":{"wkb":"AQEAAAAAAAAAAADwPwAAAAAAAABA","srid":4326},)"
                              R"("p":{"x":-1.5,"y":0.25,"wkb":"AQEAAAAAAAAAAAD4vwAAAAAAANA/","srid":null},)"
                              R"("y":0,"ts":"1970-01-01T00:00:00Z","u":-1,"d":null,"dt":null})";
    const std::string schema =
        R"({"type":"struct","fields":[{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},)"
        R"({"type":"struct","fields":[{"type":"bytes","optional":false,"field":"wkb"},{"type":"int32","optional":true,"field":"srid"}],)"
        R"("optional":true,"name":"io.debezium.data.geometry.Geometry","version":1,"doc":"Geometry","field":"g"},)"
        R"({"type":"struct","fields":[{"type":"double","optional":false,"field":"x"},{"type":"double","optional":false,"field":"y"},)"
        R"({"type":"bytes","optional":true,"field":"wkb"},{"type":"int32","optional":true,"field":"srid"}],)"
        R"("optional":true,"name":"io.debezium.data.geometry.Point","version":1,"doc":"Geometry, POINT","field":"p"},)"
        R"({"type":"int32","optional":true,"name":"io.debezium.time.Year","version":1,"field":"y"},)"
        R"({"type":"string","optional":true,"name":"io.debezium.time.ZonedTimestamp","version":1,"field":"ts"},)"
        R"({"type":"int64","optional":true,"field":"u"},)"
        R"({"type":"int32","optional":true,"name":"io.debezium.time.Date","version":1,"field":"d"},)"
        R"({"type":"int64","optional":true,"name":"io.debezium.time.Timestamp","version":1,"field":"dt"}],)"
        R"("optional":true,"name":"srv.shop.up_dbz.Value","field":"after"}],"optional":false,"name":"srv.shop.up_dbz.Envelope"})";
    const std::string dbz = R"({"schema":)" + schema + R"(,"payload":{"before":null,"after":)" + after
        + R"(,"source":{"version":"2.7.3.Final","connector":"mysql","name":"srv","ts_ms":1700000000000,"snapshot":"false",)"
          R"("db":"shop","table":"up_dbz","server_id":1,"file":"binlog.000003","pos":1234,"row":0},"op":"c","ts_ms":1700000000100}})";
    EmbeddedBroker::shared().createTopic("paths_up_dbz", 1);
    produce("paths_up_dbz", {{R"({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"}],"optional":false,"name":"srv.shop.up_dbz.Key"},"payload":{"id":1}})", dbz}});
    RunResult r = runFlow(flow("paths-up-dbz", kafkaSource("paths_up_dbz", "debezium-json"), replica("{table}", kDb + "_r")),
                          m_dir.filePath(QStringLiteral("up-dbz")));
    QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    QCOMPARE(test::querySql("SELECT id, ST_SRID(g), ST_AsText(g), ST_SRID(p), ST_AsText(p), y, UNIX_TIMESTAMP(ts), u, d, dt FROM up_dbz",
                            kDb + "_r"),
             (std::vector<std::string>{"1\t4326\tPOINT(1 2)\t0\tPOINT(-1.5 0.25)\t0000\t0\t18446744073709551615\tNULL\tNULL"}));

    // canal-json: the internal SRID+WKB bytes as ISO-8859-1 characters (JSON escapes here).
    const std::string canal =
        R"({"id":0,"database":"shop","table":"up_canal","pkNames":["id"],"isDdl":false,"type":"INSERT","es":1700000000000,)"
        R"("ts":1700000000001,"sql":"","sqlType":{"id":4,"g":2004,"p":2004,"y":12,"ts":93,"u":-5,"d":91,"dt":93},)"
        R"("mysqlType":{"id":"int","g":"geometry","p":"point","y":"year","ts":"timestamp","u":"bigint unsigned","d":"date","dt":"datetime"},)"
        R"("data":[{"id":"1","g":"\u00e6\u0010\u0000\u0000\u0001\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u00f0?\u0000\u0000\u0000\u0000\u0000\u0000\u0000@",)"
        R"("p":null,"y":"0","ts":"0000-00-00 00:00:00","u":"18446744073709551615","d":"2024-00-15","dt":"0000-00-00 00:00:00"}],"old":null})";
    EmbeddedBroker::shared().createTopic("paths_up_canal", 1);
    produce("paths_up_canal", {{"", canal}});
    r = runFlow(flow("paths-up-canal", kafkaSource("paths_up_canal"), replica("{table}", kDb + "_r")),
                m_dir.filePath(QStringLiteral("up-canal")));
    QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    QCOMPARE(test::querySql("SELECT id, ST_SRID(g), ST_AsText(g), p, y, UNIX_TIMESTAMP(ts), u, d, dt FROM up_canal", kDb + "_r"),
             (std::vector<std::string>{"1\t4326\tPOINT(1 2)\tNULL\t0000\t0\t18446744073709551615\t2024-00-15\t0000-00-00 00:00:00"}));
}

void TestReplicaPaths::keylessTableIsRefusedAtStart()
{
    test::execSql("CREATE TABLE nokey (id INT, v INT)", kDb);
    test::execSql("CREATE TABLE nokey (id INT, v INT)", kDb + "_r");
    test::execSql("INSERT INTO nokey VALUES (1,1)", kDb);
    const RunResult r = runFlow(flow("paths-nokey", binlogSource("nokey"), replica("nokey", kDb + "_r")), m_dir.filePath(QStringLiteral("nokey")));
    QCOMPARE(r.status, RunStatus::Failed);
    QVERIFY2(r.error.find("`nokey` has no PRIMARY KEY or UNIQUE key") != std::string::npos, r.error.c_str());
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM nokey", kDb + "_r"), std::vector<std::string>{"0"});
    // From a topic, too.
    EmbeddedBroker::shared().createTopic("paths_nokey", 1);
    const RunResult k = runFlow(flow("paths-nokey-topic", kafkaSource("paths_nokey"), replica("nokey", kDb + "_r")),
                                m_dir.filePath(QStringLiteral("nokey")));
    QCOMPARE(k.status, RunStatus::Failed);
    QVERIFY2(k.error.find("has no PRIMARY KEY or UNIQUE key") != std::string::npos, k.error.c_str());
}

QTEST_GUILESS_MAIN(TestReplicaPaths)
#include "tst_replicapaths.moc"
