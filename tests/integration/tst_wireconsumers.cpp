// Independent consumers read what Flowdeck writes: real MariaDB changes go through CDC flows to
// canal-json (plain and with TiCDC's extension) and debezium-json topics of a `flowdeck broker`
// process; tests/python/check_wire_formats.py (librdkafka's Python client) then applies Kafka
// Connect's JsonConverter, Flink's canal-json / debezium-json readers and TiCDC's kafka-consumer
// partition and watermark checks, and the golden field values of tests/data/wire/expected.json.
#include "tests/common/brokerprocess.h"
#include "tests/common/testsupport.h"

#include "core/engine/engine.h"
#include "core/flow/flow.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace flowdeck;
using namespace Qt::StringLiterals;

namespace {

constexpr int kPartitions = 4;

const char *kPython = "/usr/bin/python3";

/// A snapshot+cdc flow of the test database's tables to `topic` ({table} in it) with `extra`
/// destination settings.
Flow cdcFlow(const std::string &name, const nlohmann::json &connection, const std::string &db,
             const std::string &bootstrap, const std::string &protocol, const std::string &topic,
             const nlohmann::json &extra)
{
    nlohmann::json destination = {{"type", "kafka"}, {"brokers", bootstrap}, {"protocol", protocol},
                                  {"topic", topic}, {"partition", "index-value"}};
    destination.update(extra);
    const nlohmann::json doc = {{"flowdeck", 1},
                                {"name", name},
                                {"source", {{"type", "mysql"}, {"connection", connection},
                                            {"tables", {db + ".items", db + ".events"}}, {"read", "snapshot+cdc"}}},
                                {"destination", destination}};
    return flowFromJson(doc);
}

} // namespace

class TestWireConsumers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pythonConsumersReadFlowdeckTopics();
};

void TestWireConsumers::pythonConsumersReadFlowdeckTopics()
{
    if (!QFileInfo::exists(QString::fromLatin1(kPython)))
        QFAIL("/usr/bin/python3 is missing (./flowdeck.sh deps installs python3-confluent-kafka)");
    const std::string db = test::freshDatabase("wire_check");
    test::execSql("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(32), price DECIMAL(10,2), f FLOAT, "
                  "d DOUBLE, e ENUM('a','b','c'), s SET('x','y','z'), b VARBINARY(8), dt DATETIME(3), dte DATE, "
                  "bits BIT(10), u BIGINT UNSIGNED)", db);
    test::execSql("CREATE TABLE events (at DATETIME, note VARCHAR(20))", db);
    test::execSql("INSERT INTO items (id, name) VALUES (99, 'seed')", db); // a snapshot with a row completes

    const std::string server = db + "_srv";
    const std::vector<std::pair<std::string, std::string>> kinds = {
        {"canal", "canal-json"}, {"tidb", "canal-json"}, {"dbz", "debezium-json"}};
    std::vector<std::pair<std::string, int>> topics = {{server, 1}};
    for (const auto &[tag, protocol] : kinds)
        for (const char *table : {"items", "events"})
            topics.emplace_back(tag + "_" + db + "_" + table, kPartitions);
    test::BrokerProcess broker;
    const std::string bootstrap = broker.start(topics);

    const nlohmann::json connection = test::sandboxConnection(db);
    std::vector<Flow> flows;
    for (const auto &[tag, protocol] : kinds) {
        nlohmann::json extra = nlohmann::json::object();
        if (tag == "tidb")
            extra["tidbExtension"] = true;
        if (tag == "dbz")
            extra["debezium"] = {{"serverName", server}};
        flows.push_back(cdcFlow("wire-" + tag, connection, db, bootstrap, protocol, tag + "_{schema}_{table}", extra));
    }
    std::vector<std::unique_ptr<QTemporaryDir>> states;
    auto runAll = [&] {
        for (std::size_t i = 0; i < flows.size(); ++i) {
            EngineOptions options;
            options.stateDir = states[i]->path().toStdString();
            options.untilIdle = true;
            const RunResult result = Engine(flows[i], options).run();
            QVERIFY2(result.status == RunStatus::Completed, result.error.c_str());
        }
    };
    for (std::size_t i = 0; i < flows.size(); ++i)
        states.push_back(std::make_unique<QTemporaryDir>());
    runAll(); // the snapshot (one seed row); the binlog position is kept
    if (QTest::currentTestFailed())
        return;

    test::execSql("INSERT INTO items VALUES (1,'Ann',9.90,1.1,0.1,'b','x,z',X'00FF3C','2024-02-29 23:59:59.123',"
                  "'2024-02-29',b'1000000001',18446744073709551615),(2,'Bob',-1.00,NULL,1e23,'a','',NULL,NULL,NULL,"
                  "NULL,0),(3,'Cy',0,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL)", db);
    test::execSql("UPDATE items SET name='Ann B' WHERE id=1", db);
    test::execSql("UPDATE items SET id=20 WHERE id=2", db); // a key change: split by both upstreams
    test::execSql("DELETE FROM items WHERE id=3", db);
    test::execSql("INSERT INTO events VALUES ('2024-01-01 00:00:00','one'),('2024-01-01 00:00:01','two')", db);
    test::execSql("ALTER TABLE items ADD INDEX by_name (name)", db);
    const std::string user = "'" + db + "'@'localhost'";
    test::execSql("CREATE USER " + user + " IDENTIFIED BY 'not-a-ddl'", db); // not schema changes:
    test::execSql("GRANT SELECT ON " + db + ".* TO " + user, db);          // no message anywhere
    test::execSql("DROP USER " + user, db);
    runAll(); // the changes, from the binlog
    if (QTest::currentTestFailed())
        return;

    QStringList args{QString::fromStdString(test::sourcePath("tests/python/check_wire_formats.py")),
                     u"--bootstrap"_s, QString::fromStdString(bootstrap),
                     u"--partitions"_s, QString::number(kPartitions),
                     u"--database"_s, QString::fromStdString(db),
                     u"--server-name"_s, QString::fromStdString(server),
                     u"--expected"_s, QString::fromStdString(test::dataPath("wire/expected.json")),
                     u"--expect-ddl"_s, u"1"_s};
    for (const auto &[flag, tag] : {std::pair{"--canal", "canal"}, {"--canal-tidb", "tidb"}, {"--debezium", "dbz"}}) {
        args << QString::fromLatin1(flag);
        for (const char *table : {"items", "events"})
            args << QString::fromStdString(std::string(tag) + "_" + db + "_" + table);
    }
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    test::killWithParent(python);
    python.start(QString::fromLatin1(kPython), args);
    QVERIFY(python.waitForFinished(120000));
    const QByteArray output = python.readAll();
    qInfo().noquote() << output;
    QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0, output.constData());
    QVERIFY(output.contains("0 problems"));
}

QTEST_GUILESS_MAIN(TestWireConsumers)
#include "tst_wireconsumers.moc"
