// Paths that broke a replica although each part worked alone: canal-json's ENUM index and SET
// mask into a replica, a topic into one fixed table without a mapping, a resumed snapshot+cdc
// flow after a quiet snapshot, a mapping on a binlog -> canal-json flow, and a keyless table
// in replicate (refused at start, with the reason).
#include "tests/common/kafkatestsupport.h"
#include "tests/common/testsupport.h"

#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "core/kafka/embeddedbroker.h"

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
