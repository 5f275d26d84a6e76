// End to end, as a user runs it: the TPC-C workload writes to the sandbox while `tpcc-to-kafka`
// streams it into canal-json topics of a `flowdeck broker` process and `kafka-to-replica` (the
// shipped examples, as `flowdeck run` processes) applies the topics to a replica database; the
// replica flow is SIGKILLed at random moments and restarted. Once both are caught up, every
// replica table equals its source row by row. Then the version-column example replays the topics
// from the beginning into its tables, which stay as they were.
#include "tests/common/testsupport.h"

#include "core/mysql/mysqlconnection.h"
#include "core/devtools/workload.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace flowdeck;

namespace {

const QStringList kTables = {QStringLiteral("warehouse"), QStringLiteral("district"), QStringLiteral("customer"),
                             QStringLiteral("history"), QStringLiteral("new_order"), QStringLiteral("orders"),
                             QStringLiteral("order_line"), QStringLiteral("item"), QStringLiteral("stock")};

QString example(const char *relative)
{
    return QString::fromStdString(test::sourcePath(std::string("resources/examples/") + relative));
}

/// Values as the replica may spell them: DECIMAL/DATETIME fraction digits are taken from the
/// first events (1.50 vs 1.5, .123 vs .123000); trailing fraction zeros are dropped on both sides.
std::string normalized(const std::string &row)
{
    static const QRegularExpression zeros(QStringLiteral("(\\d)\\.(\\d*?)0+(?=\\t|$)"));
    static const QRegularExpression dot(QStringLiteral("(\\d)\\.(?=\\t|$)"));
    QString s = QString::fromStdString(row);
    s.replace(zeros, QStringLiteral("\\1.\\2"));
    s.replace(dot, QStringLiteral("\\1"));
    return s.toStdString();
}

/// The source's column list and primary key of `table`.
std::pair<std::string, std::string> columnsAndKey(const std::string &db, const QString &table)
{
    std::string columns, key;
    for (const auto &c : test::querySql("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA='" + db
                                        + "' AND TABLE_NAME='" + table.toStdString() + "' ORDER BY ORDINAL_POSITION", db))
        columns += (columns.empty() ? "`" : ",`") + c + '`';
    for (const auto &c : test::querySql("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA='" + db
                                        + "' AND TABLE_NAME='" + table.toStdString()
                                        + "' AND CONSTRAINT_NAME='PRIMARY' ORDER BY ORDINAL_POSITION", db))
        key += (key.empty() ? "`" : ",`") + c + '`';
    return {columns, key};
}

std::vector<std::string> dump(const std::string &db, const QString &table, const std::string &columns, const std::string &key)
{
    std::vector<std::string> rows = test::querySql("SELECT " + columns + " FROM `" + db + "`.`" + table.toStdString() + "` ORDER BY " + key, db);
    for (auto &r : rows)
        r = normalized(r);
    return rows;
}

/// Every table of `replica` equals its source `tpcc` table, ordered by the primary key.
void compareAll(const std::string &replica)
{
    for (const QString &table : kTables) {
        const auto [columns, key] = columnsAndKey("tpcc", table);
        const auto source = dump("tpcc", table, columns, key);
        const auto copy = dump(replica, table, columns, key);
        QVERIFY2(!source.empty(), qPrintable(table));
        if (source != copy) {
            std::size_t i = 0;
            while (i < source.size() && i < copy.size() && source[i] == copy[i])
                ++i;
            const std::string a = i < source.size() ? source[i] : "(none)";
            const std::string b = i < copy.size() ? copy[i] : "(none)";
            QFAIL(qPrintable(QStringLiteral("%1.%2: %3 rows vs %4; first difference at row %5:\n  source  %6\n  replica %7")
                                 .arg(QString::fromStdString(replica), table).arg(source.size()).arg(copy.size()).arg(i)
                                 .arg(QString::fromStdString(a), QString::fromStdString(b))));
        }
    }
}

} // namespace

class TestReplicate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void tpccThroughKafkaStaysEqual();

private:
    QProcess *startRun(const QString &flow, const QString &stateDir, const QString &database, bool untilIdle);
    int run(const QString &flow, const QString &stateDir, const QString &database);

    QProcess m_broker;
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    std::vector<std::unique_ptr<QProcess>> m_runs;
};

void TestReplicate::initTestCase()
{
    QStringList args{QStringLiteral("broker"), QStringLiteral("--bootstrap-file"), m_dir.filePath(QStringLiteral("bootstrap.txt"))};
    for (const QString &t : kTables)
        args << QStringLiteral("--topic") << QStringLiteral("tidb_tpcc_%1:12").arg(t);
    m_broker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_broker.start(test::flowdeckBinary(), args);
    QVERIFY(m_broker.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_dir.filePath(QStringLiteral("bootstrap.txt"))), 20000);
    QFile f(m_dir.filePath(QStringLiteral("bootstrap.txt")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString bootstrap = QString::fromUtf8(f.readAll()).trimmed();
    const nlohmann::json c = test::sandboxConnection("tpcc");
    m_env = QProcessEnvironment::systemEnvironment();
    m_env.insert(QStringLiteral("FLOWDECK_KAFKA_BROKERS"), bootstrap);
    m_env.insert(QStringLiteral("FLOWDECK_DEAD_LETTER_DIR"), m_dir.path()); // not into the source tree
    m_env.insert(QStringLiteral("FLOWDECK_MYSQL_HOST"), QString::fromStdString(c["host"].get<std::string>()));
    m_env.insert(QStringLiteral("FLOWDECK_MYSQL_PORT"), QString::fromStdString(c["port"].is_string() ? c["port"].get<std::string>() : c["port"].dump()));
    m_env.insert(QStringLiteral("FLOWDECK_MYSQL_USER"), QString::fromStdString(c["user"].get<std::string>()));
    m_env.insert(QStringLiteral("FLOWDECK_MYSQL_PASSWORD"), QString::fromStdString(c["password"].get<std::string>()));
}

void TestReplicate::cleanupTestCase()
{
    for (auto &p : m_runs)
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished();
        }
    if (m_broker.state() != QProcess::NotRunning) {
        m_broker.terminate();
        m_broker.waitForFinished(10000);
    }
}

QProcess *TestReplicate::startRun(const QString &flow, const QString &stateDir, const QString &database, bool untilIdle)
{
    auto p = std::make_unique<QProcess>();
    QProcessEnvironment env = m_env;
    if (!database.isEmpty())
        env.insert(QStringLiteral("FLOWDECK_REPLICA_DATABASE"), database);
    p->setProcessEnvironment(env);
    p->setWorkingDirectory(m_dir.path());
    p->setProcessChannelMode(QProcess::MergedChannels);
    QStringList args{QStringLiteral("run"), flow, QStringLiteral("--state-dir"), stateDir};
    if (untilIdle)
        args << QStringLiteral("--until-idle");
    p->start(test::flowdeckBinary(), args);
    p->waitForStarted();
    m_runs.push_back(std::move(p));
    return m_runs.back().get();
}

int TestReplicate::run(const QString &flow, const QString &stateDir, const QString &database)
{
    QProcess *p = startRun(flow, stateDir, database, true);
    if (!p->waitForFinished(300000))
        return -1;
    if (p->exitCode() != 0)
        qWarning("%s", p->readAll().constData());
    return p->exitCode();
}

void TestReplicate::tpccThroughKafkaStaysEqual()
{
    test::freshDatabase("tpcc");
    test::freshDatabase("tpcc_replica");
    test::freshDatabase("tpcc_versioned");
    const MySqlConnectionConfig config = MySqlConnectionConfig::fromJson(test::sandboxConnection("tpcc"));
    QVERIFY(Workload(config, WorkloadOptions()).prepare().inserted() > 40000);
    const QString feedFlow = example("tpcc-to-kafka/tpcc-to-kafka.flow.json");
    const QString replicaFlow = example("kafka-to-replica/kafka-to-replica.flow.json");
    const QString versionedFlow = example("kafka-to-replica/kafka-to-replica-versioned.flow.json");
    const QString feedState = m_dir.filePath(QStringLiteral("feed-state"));
    const QString replicaState = m_dir.filePath(QStringLiteral("replica-state"));

    // The feed snapshots and streams while the workload writes.
    QProcess *feed = startRun(feedFlow, feedState, QString(), true);
    WorkloadStats changes;
    std::thread writer([&] {
        WorkloadOptions options;
        options.transactions = 800;
        options.seed = 11;
        changes = Workload(config, options).run();
    });
    // Meanwhile the replica flow is killed (SIGKILL) at random moments and restarted: each run
    // resumes after the last batch it committed with its checkpoint.
    QRandomGenerator random(QRandomGenerator::global()->generate());
    for (int kill = 0; kill < 3; ++kill) {
        QProcess *replica = startRun(replicaFlow, replicaState, QStringLiteral("tpcc_replica"), false);
        QTest::qWait(3500 + int(random.bounded(4000)));
        QVERIFY2(replica->state() == QProcess::Running, replica->readAll().constData());
        replica->kill();
        QVERIFY(replica->waitForFinished(10000));
        const auto rows = test::querySql("SELECT COALESCE(SUM(TABLE_ROWS), 0) FROM information_schema.TABLES WHERE TABLE_SCHEMA='tpcc_replica'",
                                         "tpcc_replica");
        qInfo("replica run %d killed with about %s rows applied %s", kill, rows.at(0).c_str(), replica->readAll().constData());
    }
    writer.join();
    QVERIFY(changes.committedTransactions() > 700);
    QVERIFY2(feed->state() == QProcess::NotRunning || feed->waitForFinished(240000), feed->readAll().constData());
    QVERIFY2(feed->exitCode() == 0, feed->readAll().constData());
    QCOMPARE(run(feedFlow, feedState, QString()), 0); // the rest of the binlog, if the first went idle early
    QCOMPARE(run(replicaFlow, replicaState, QStringLiteral("tpcc_replica")), 0);
    compareAll("tpcc_replica");
    if (QTest::currentTestFailed())
        return;

    // The version-column variant: equal too, and a replay from the beginning changes nothing.
    QCOMPARE(run(versionedFlow, m_dir.filePath(QStringLiteral("versioned-1")), QStringLiteral("tpcc_versioned")), 0);
    compareAll("tpcc_versioned");
    std::map<QString, std::vector<std::string>> before;
    for (const QString &table : kTables) {
        const auto [columns, key] = columnsAndKey("tpcc", table);
        before[table] = dump("tpcc_versioned", table, "*", key);
        QVERIFY(!before[table].empty());
    }
    // A fresh state: the flow starts over at the earliest offsets and applies every event again.
    test::execSql("DELETE FROM flowdeck_checkpoints", "tpcc_versioned");
    QCOMPARE(run(versionedFlow, m_dir.filePath(QStringLiteral("versioned-2")), QStringLiteral("tpcc_versioned")), 0);
    for (const QString &table : kTables) {
        const auto [columns, key] = columnsAndKey("tpcc", table);
        QVERIFY2(dump("tpcc_versioned", table, "*", key) == before[table], qPrintable(table));
    }
}

int main(int argc, char **argv)
{
    // Several flow runs, group joins and restarts: more than QtTest's default 5 minutes.
    qputenv("QTEST_FUNCTION_TIMEOUT", "900000");
    QCoreApplication app(argc, argv);
    TestReplicate test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_replicate.moc"
