// End to end: a TPC-C-like workload writes while a snapshot+cdc flow feeds canal-json topics
// `tidb_{schema}_{table}` on the embedded broker; an independent consumer counts the messages.
#include "tests/common/kafkatestsupport.h"
#include "tests/common/testsupport.h"

#include "core/kafka/embeddedbroker.h"
#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "core/mysql/mysqlconnection.h"
#include "core/devtools/workload.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <thread>

using namespace flowdeck;

class TestCdcToKafka : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tpccSnapshotThenStream();
};

void TestCdcToKafka::tpccSnapshotThenStream()
{
    constexpr int kPartitions = 12;
    const std::string db = test::freshDatabase("cdc_tpcc");
    const nlohmann::json connection = test::sandboxConnection(db);
    const MySqlConnectionConfig config = MySqlConnectionConfig::fromJson(connection);
    WorkloadOptions prepareOptions;
    Workload loader(config, prepareOptions);
    const WorkloadStats loaded = loader.prepare();
    QVERIFY(loaded.inserted() > 10000);

    QTemporaryDir state;
    // The embedded broker, or an external cluster (FLOWDECK_TEST_KAFKA_BROKERS) with topic names of
    // this run only, since its topics outlive the test.
    const QByteArray external = qgetenv("FLOWDECK_TEST_KAFKA_BROKERS");
    const std::string brokers = external.isEmpty() ? std::string("embedded") : external.toStdString();
    const std::string prefix =
        external.isEmpty() ? std::string("tidb_") : "tidb" + std::to_string(QDateTime::currentMSecsSinceEpoch()) + "_";
    const nlohmann::json doc = {{"flowdeck", 1},
                                {"name", "tpcc-to-kafka-test"},
                                {"source", {{"type", "mysql"}, {"connection", connection}, {"tables", {db + ".*"}}, {"read", "snapshot+cdc"}}},
                                {"destination", {{"type", "kafka"}, {"brokers", brokers}, {"protocol", "canal-json"},
                                                 {"topic", prefix + "{schema}_{table}"}, {"partition", "index-value"},
                                                 // The embedded broker keeps ~5 MiB per partition: spread order_line.
                                                 {"createTopics", {{"partitions", kPartitions}, {"replicationFactor", 1}}}}}};
    const Flow flow = flowFromJson(doc);
    EngineOptions options;
    options.stateDir = state.path().toStdString();
    options.untilIdle = true;

    // The flow snapshots the loaded tables while the workload changes them.
    RunResult first;
    Engine engine(flow, options);
    std::thread runner([&] { first = engine.run(); });
    // Changes committed before the consistent snapshot is taken are part of the snapshot rows,
    // not change events: start writing once the snapshot is being read.
    QTRY_VERIFY_WITH_TIMEOUT(engine.metrics().snapshot().read > 0, 30000);
    WorkloadOptions runOptions;
    runOptions.transactions = 300;
    runOptions.seed = 7;
    Workload writer(config, runOptions);
    const WorkloadStats changes = writer.run();
    runner.join();
    QVERIFY2(first.status == RunStatus::Completed, first.error.c_str());
    // A run that went idle before the workload ended is resumed: the next one streams the rest.
    Engine again(flow, options);
    const RunResult second = again.run();
    QVERIFY2(second.status == RunStatus::Completed, second.error.c_str());
    QVERIFY(second.resumed);

    const std::string bootstrap = external.isEmpty() ? EmbeddedBroker::shared().bootstraps() : brokers;
    for (const auto &[table, made] : loaded.tables) {
        const WorkloadTableChanges changed = changes.tables.count(table) ? changes.tables.at(table) : WorkloadTableChanges{};
        const std::vector<test::ConsumedMessage> messages =
            test::consumeAll(bootstrap, prefix + db + "_" + table, kPartitions);
        std::map<std::string, std::uint64_t> byType;
        std::map<std::string, std::int32_t> partitionOfKey;
        for (const auto &m : messages) {
            const nlohmann::json j = nlohmann::json::parse(m.value);
            QCOMPARE(j.at("database").get<std::string>(), db);
            QCOMPARE(j.at("table").get<std::string>(), table);
            if (j.at("isDdl").get<bool>())
                continue;
            ++byType[j.at("type").get<std::string>()];
            // index-value: one key, one partition, always.
            auto [it, fresh] = partitionOfKey.emplace(m.key, m.partition);
            QVERIFY2(fresh || it->second == m.partition, m.key.c_str());
        }
        const QByteArray what = QByteArray::fromStdString(table);
        // One message per snapshot row plus one per row change made since.
        QVERIFY2(byType["INSERT"] == made.inserted + changed.inserted, what.constData());
        QVERIFY2(byType["UPDATE"] == changed.updated, QByteArray(what + " updates seen " + QByteArray::number(qulonglong(byType["UPDATE"])) + " made " + QByteArray::number(qulonglong(changed.updated))).constData());
        QVERIFY2(byType["DELETE"] == changed.deleted, what.constData());
    }
    QCOMPARE(changes.committedTransactions() + changes.rolledBack, std::uint64_t(300)); // 1% of new-orders roll back by design
}

QTEST_GUILESS_MAIN(TestCdcToKafka)
#include "tst_cdctokafka.moc"
