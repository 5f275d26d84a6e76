// The monitor window on real runs: a mysql → mysql replica (counts beside the destination's own
// row count, a rejected record in the error list with its binlog position, a stall while the
// destination table is locked, lag back to zero, the run history) and the TPC-C example into
// canal-json topics with the workload generator writing (per-table and per-topic charts, topic
// counts equal to the messages on the broker).
#include "tests/common/kafkatestsupport.h"
#include "tests/common/testsupport.h"

#include "core/kafka/embeddedbroker.h"
#include "core/flow/flow.h"
#include "core/mysql/mysqlconnection.h"
#include "core/devtools/workload.h"
#include "widgets/dashboard/errorlistmodel.h"
#include "widgets/dashboard/monitorwindow.h"
#include "widgets/dashboard/ratechart.h"
#include "widgets/dashboard/tablemetricsmodel.h"
#include "widgets/flowrunner.h"
#include "widgets/runhistorymodel.h"
#include "widgets/runhistoryview.h"
#include "widgets/topicbrowser/topicbrowser.h"
#include "widgets/topicbrowser/topicmessagemodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <set>
#include <thread>

using namespace flowdeck;

namespace {

std::string insertRows(const std::string &table, int from, int to)
{
    std::string sql = "INSERT INTO " + table + " (id, name, qty) VALUES ";
    for (int i = from; i <= to; ++i)
        sql += (i == from ? "" : ",") + ("(" + std::to_string(i) + ",'item" + std::to_string(i) + "'," + std::to_string(i % 97) + ")");
    return sql;
}

qulonglong modelNumber(const TableMetricsModel *m, const QString &name, int column)
{
    const int row = m->rowOf(name);
    return row < 0 ? 0 : m->index(row, column).data(Qt::UserRole).toULongLong();
}

} // namespace

class TestMonitorWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mysqlReplica();
    void tpccToKafka();
};

void TestMonitorWindow::mysqlReplica()
{
    test::freshDatabase("mon_src");
    test::freshDatabase("mon_dst");
    test::execSql("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), qty INT)", "mon_src");
    test::execSql("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(12), qty INT)", "mon_dst");
    test::execSql(insertRows("items", 1, 3000), "mon_src");

    QTemporaryDir dir;
    const nlohmann::json doc = {
        {"flowdeck", 1},
        {"name", "monitor-replica"},
        {"source", {{"type", "mysql"}, {"connection", test::sandboxConnection("mon_src")}, {"tables", {"mon_src.items"}}, {"read", "snapshot+cdc"}}},
        {"destination", test::mysqlDestination("mon_dst", "items", "replicate", {{"key", {"id"}}, {"batchRows", 500}})},
        {"trigger", {{"type", "continuous"}}},
        {"errorHandling", {{"onError", "skip"}, {"deadLetter", dir.filePath(QStringLiteral("dead.jsonl")).toStdString()}}}};
    EngineOptions options;
    options.stateDir = dir.filePath(QStringLiteral("state")).toStdString();
    MonitorWindow w(flowFromJson(doc), options);
    QAbstractItemModelTester tablesTester(w.tablesModel());
    QAbstractItemModelTester destinationsTester(w.destinationsModel());
    QAbstractItemModelTester errorsTester(w.errorsModel());
    w.setStallSeconds(2);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.start();
    const QString source = QStringLiteral("mon_src.items"), destination = QStringLiteral("mon_dst.items");

    // The snapshot: 3000 rows written, and the destination's own count says the same.
    QTRY_COMPARE_WITH_TIMEOUT(modelNumber(w.tablesModel(), source, TableMetricsModel::Written), 3000ULL, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(modelNumber(w.destinationsModel(), destination, TableMetricsModel::InDestination), 3000ULL, 15000);
    // The table's snapshot progress bar ends at 100% (its total was information_schema's estimate).
    QTRY_COMPARE_WITH_TIMEOUT(modelNumber(w.tablesModel(), source, TableMetricsModel::Snapshot), 100ULL, 15000);

    // Changes, with one row whose name does not fit the destination's VARCHAR(12).
    test::execSql(insertRows("items", 3001, 3500), "mon_src");
    test::execSql("INSERT INTO items VALUES (9999, 'a name much too long for the replica', 1)", "mon_src");
    QTRY_COMPARE_WITH_TIMEOUT(w.errorsModel()->rowCount(), 1, 30000);
    const QString position = w.errorsModel()->index(0, ErrorListModel::Position).data().toString();
    QVERIFY2(position.contains(QLatin1String("-bin.")) && position.contains(QLatin1Char(':')), qPrintable(position));
    QVERIFY(w.errorsModel()->index(0, ErrorListModel::Reason).data().toString().contains(QLatin1String("name")));
    QVERIFY(w.errorsModel()->index(0, ErrorListModel::RecordText).data().toString().contains(QLatin1String("9999")));
    QTRY_COMPARE_WITH_TIMEOUT(modelNumber(w.tablesModel(), source, TableMetricsModel::Written), 3500ULL, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(modelNumber(w.destinationsModel(), destination, TableMetricsModel::InDestination), 3500ULL, 15000);
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM items", "mon_dst").front(), std::string("3500"));
    QVERIFY(w.countersText().contains(QLatin1String("3,501")) || w.countersText().contains(QLatin1String("3501")));
    QVERIFY(w.runner()->metrics().capture().counts.addsUp());

    // Caught up: the lag goes back to ~0, and the rows/s chart has points.
    QTRY_VERIFY_WITH_TIMEOUT(w.runner()->metrics().capture().lag.seconds >= 0 && w.runner()->metrics().capture().lag.seconds <= 1.0, 15000);
    QVERIFY(w.tableChart()->pointCount(source) > 2);
    QVERIFY(w.lagChart()->pointCount(QStringLiteral("seconds behind")) > 0);
    QVERIFY(!w.stallWarningShown());

    // The destination table locked: the source has data, nothing gets written → stall warning.
    MySqlConnection locker(MySqlConnectionConfig::fromJson(test::sandboxConnection("mon_dst")));
    locker.connect();
    locker.execute("LOCK TABLES items WRITE");
    test::execSql(insertRows("items", 4001, 4010), "mon_src");
    QTRY_VERIFY_WITH_TIMEOUT(w.stallWarningShown(), 20000);
    locker.execute("UNLOCK TABLES");
    QTRY_VERIFY_WITH_TIMEOUT(!w.stallWarningShown(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(modelNumber(w.tablesModel(), source, TableMetricsModel::Written), 3510ULL, 30000);
    w.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-monitor-replica.png"));

    // Stop: the run shows up in the history view.
    w.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!w.runner()->isRunning(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(w.historyView()->model()->rowCount(), 1, 5000);
    QCOMPARE(w.historyView()->model()->index(0, RunHistoryModel::Written).data().toString().remove(QLatin1Char(',')),
             QStringLiteral("3510"));
    QCOMPARE(w.historyView()->model()->index(0, RunHistoryModel::Result).data().toString(), QStringLiteral("Stopped"));
}

void TestMonitorWindow::tpccToKafka()
{
    const std::string db = test::freshDatabase("tpcc");
    const nlohmann::json connection = test::sandboxConnection(db);
    qputenv("FLOWDECK_MYSQL_PORT", QByteArray::number(connection["port"].get<int>()));
    qputenv("FLOWDECK_MYSQL_USER", QByteArray::fromStdString(connection["user"].get<std::string>()));
    qputenv("FLOWDECK_MYSQL_PASSWORD", QByteArray::fromStdString(connection["password"].get<std::string>()));
    qunsetenv("FLOWDECK_KAFKA_BROKERS");
    const MySqlConnectionConfig config = MySqlConnectionConfig::fromJson(connection);
    Workload loader(config, WorkloadOptions());
    const WorkloadStats loaded = loader.prepare();

    QTemporaryDir dir;
    EngineOptions options;
    options.stateDir = dir.path().toStdString();
    const Flow flow = loadFlow(test::sourcePath("resources/examples/tpcc-to-kafka/tpcc-to-kafka.flow.json"));
    MonitorWindow w(flow, options);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.start();
    QTRY_VERIFY_WITH_TIMEOUT(w.runner()->metrics().capture().counts.read > 0, 30000);

    // The workload writes while the monitor watches.
    WorkloadOptions runOptions;
    runOptions.transactions = 200;
    runOptions.seed = 11;
    WorkloadStats changes;
    std::atomic<bool> done{false};
    std::thread writer([&] {
        changes = Workload(config, runOptions).run();
        done = true;
    });
    while (!done)
        QTest::qWait(100); // the monitor samples and replots meanwhile
    writer.join();
    QCOMPARE(changes.committedTransactions() + changes.rolledBack, std::uint64_t(200));

    // Caught up: lag back to ~0; every source table has rows/s points; topic counts equal the
    // messages on the broker.
    QTRY_VERIFY_WITH_TIMEOUT(w.runner()->metrics().capture().caughtUp
                                 && w.runner()->metrics().capture().lag.seconds >= 0
                                 && w.runner()->metrics().capture().lag.seconds <= 1.0
                                 && w.runner()->metrics().capture().sourceRead == w.runner()->metrics().capture().counts.read,
                             60000);
    QTest::qWait(600); // one more sample and replot
    const MetricsSnapshot s = w.runner()->metrics().capture();
    QVERIFY(s.counts.addsUp());
    QCOMPARE(s.tables.size(), loaded.tables.size());
    const std::string bootstrap = EmbeddedBroker::shared().bootstraps();
    for (const auto &[table, made] : loaded.tables) {
        const QString name = QString::fromStdString(db + "." + table);
        QVERIFY2(w.tableChart()->pointCount(name) > 0, qPrintable(name));
        const std::string topic = "tidb_" + db + "_" + table;
        const auto messages = test::consumeAll(bootstrap, topic, 12);
        QCOMPARE(modelNumber(w.destinationsModel(), QString::fromStdString(topic), TableMetricsModel::Written), qulonglong(messages.size()));
        QCOMPARE(modelNumber(w.tablesModel(), name, TableMetricsModel::Written), qulonglong(messages.size()));
        QVERIFY(w.topicChart()->pointCount(QString::fromStdString(topic)) > 0);
    }
    w.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-monitor-tpcc.png"));
    w.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!w.runner()->isRunning(), 30000);

    // The topic browser shows the flow's canal-json messages with their key, partition, offset.
    const std::string topic = "tidb_" + db + "_district";
    const auto messages = test::consumeAll(bootstrap, topic, 12);
    TopicBrowser browser;
    browser.setBrokers(QStringLiteral("embedded"));
    browser.openTopic(QString::fromStdString(topic), TopicStart::Beginning);
    QTRY_COMPARE_WITH_TIMEOUT(browser.model()->rowCount(), int(messages.size()), 15000);
    std::multiset<std::tuple<int, std::string, std::string>> want, got;
    for (const auto &m : messages)
        want.insert({m.partition, m.key, m.value});
    for (int r = 0; r < browser.model()->rowCount(); ++r) {
        const QString key = browser.model()->index(r, TopicMessageModel::Key).data().toString();
        QVERIFY2(key.startsWith(QLatin1String("{\"d_w_id\"")) || key.startsWith(QLatin1String("{\"d_id\"")), qPrintable(key));
        got.insert({browser.model()->index(r, TopicMessageModel::Partition).data().toInt(), key.toStdString(),
                    browser.model()->message(r).value.value_or("")});
    }
    QVERIFY(want == got);
    browser.selectRow(0);
    QVERIFY2(browser.detailText().contains(QString::fromStdString(db + ".district (canal-json)")), qPrintable(browser.detailText()));
}

QTEST_MAIN(TestMonitorWindow)
#include "tst_monitorwindow.moc"
