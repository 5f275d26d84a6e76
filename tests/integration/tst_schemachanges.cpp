// Schema changes in the stream, as a user meets them: `flowdeck run` processes stream a database
// into a canal-json topic (of a `flowdeck broker` process) and into a replica (replicate with
// createTable + addColumns) while tables are altered between stops and resumes, while the flows
// run and get SIGKILLed, and with or without column names in the binlog (binlog_row_metadata).
// After every scenario the topic, replayed statement by statement (its DDL messages too) into an
// empty database, and the replica equal the source table by table.
#include "tests/common/brokerprocess.h"
#include "tests/common/kafkatestsupport.h"
#include "tests/common/testsupport.h"

#include "core/model/errors.h"
#include "core/mysql/mysqlconnection.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

using namespace flowdeck;

namespace {

constexpr int kTopics = 14;

std::vector<std::string> tablesOf(const std::string &db)
{
    return test::querySql("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA='" + db +
                              "' AND TABLE_NAME <> 'flowdeck_checkpoints' ORDER BY TABLE_NAME",
                          db);
}

std::string columnList(const std::string &db, const std::string &table)
{
    std::string columns;
    for (const auto &c : test::querySql("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA='" + db +
                                        "' AND TABLE_NAME='" + table + "' ORDER BY ORDINAL_POSITION", db))
        columns += (columns.empty() ? "`" : ",`") + c + '`';
    return columns;
}

/// Every table of `source` is in `copy` with the same rows (the source's columns, by name).
void compareDatabases(const std::string &source, const std::string &copy, const char *what)
{
    const auto tables = tablesOf(source);
    QVERIFY(!tables.empty());
    for (const std::string &table : tables) {
        const std::string columns = columnList(source, table);
        const std::string order = " ORDER BY 1";
        const auto a = test::querySql("SELECT " + columns + " FROM `" + source + "`.`" + table + "`" + order, source);
        std::vector<std::string> b;
        try {
            b = test::querySql("SELECT " + columns + " FROM `" + copy + "`.`" + table + "`" + order, copy);
        } catch (const Error &e) {
            QFAIL(qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromUtf8(e.what()))));
        }
        if (a != b) {
            std::string diff;
            for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i)
                diff += "\n  source " + (i < a.size() ? a[i] : "(none)") + "\n  " + what + " " + (i < b.size() ? b[i] : "(none)");
            QFAIL(qPrintable(QString::fromStdString(std::string(what) + ": table " + table + " differs:" + diff)));
        }
    }
}

/// Applies canal-json messages to `db` as a consumer does: DDL messages run their `sql`, rows are
/// upserted / deleted by `pkNames`. Replays (at least once) of DDL are tolerated.
void replayCanal(const std::vector<test::ConsumedMessage> &messages, const std::string &db)
{
    MySqlConnection c(MySqlConnectionConfig::fromJson(test::sandboxConnection(db)));
    c.connect();
    for (const auto &m : messages) {
        const nlohmann::json j = nlohmann::json::parse(m.value);
        if (j.at("isDdl").get<bool>()) {
            try {
                c.execute(j.at("sql").get<std::string>());
            } catch (const MySqlError &e) {
                // A DDL replayed after a kill: already applied.
                static const std::set<unsigned> replayed = {1050, 1060, 1091, 1146, 1054, 1051};
                QVERIFY2(replayed.count(e.code()), e.what());
                qInfo("replayed DDL not applied again: %s", e.what());
            }
            continue;
        }
        const std::string table = "`" + j.at("table").get<std::string>() + "`";
        QVERIFY2(j.at("pkNames").is_array() && !j.at("pkNames").empty(), m.value.c_str());
        QVERIFY2(j.at("mysqlType").size() == j.at("data").at(0).size(), m.value.c_str());
        const std::string type = j.at("type").get<std::string>();
        auto literal = [&](const nlohmann::json &v) { return v.is_null() ? std::string("NULL") : c.quote(v.get<std::string>()); };
        for (std::size_t i = 0; i < j.at("data").size(); ++i) {
            const nlohmann::json &row = j.at("data")[i];
            std::string where;
            for (const auto &k : j.at("pkNames")) {
                const std::string name = k.get<std::string>();
                nlohmann::json value = row.at(name);
                if (type == "UPDATE" && j.at("old").is_array() && j.at("old")[i].contains(name))
                    value = j.at("old")[i].at(name);
                where += (where.empty() ? "`" : " AND `") + name + "` <=> " + literal(value);
            }
            if (type == "DELETE" || type == "UPDATE")
                c.execute("DELETE FROM " + table + " WHERE " + where);
            if (type == "DELETE")
                continue;
            std::string names, values;
            for (const auto &[name, value] : row.items()) {
                names += (names.empty() ? "`" : ",`") + name + "`";
                values += (values.empty() ? "" : ",") + literal(value);
            }
            c.execute("REPLACE INTO " + table + " (" + names + ") VALUES (" + values + ")");
        }
    }
}

void replay(const std::vector<test::ConsumedMessage> &messages, const std::string &db)
{
    try {
        replayCanal(messages, db);
    } catch (const Error &e) {
        std::string ddl;
        for (const auto &m : messages)
            ddl += "\n  " + m.value.substr(0, 300);
        QFAIL(qPrintable(QStringLiteral("canal-json replay of %1 messages: %2; the messages:%3")
                             .arg(messages.size()).arg(QString::fromUtf8(e.what()), QString::fromStdString(ddl))));
    }
}

} // namespace

class TestSchemaChanges : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void stopAlterResume_data();
    void stopAlterResume();
    void killedAroundDdl();
    void alterDuringSnapshot_data();
    void alterDuringSnapshot();
    void olderCheckpointWithoutHistory();

private:
    void writeFlows(const std::string &db, int topic);
    int run(const QString &flow, const QString &state, QString *output = nullptr, const QStringList &extra = {});
    QProcess *start(const QString &flow, const QString &state);
    void compareCanal(const std::string &db, const std::string &schema, int topic);

    test::BrokerProcess m_broker;
    QTemporaryDir m_dir;
    QString m_canalFlow, m_replicaFlow;
    std::vector<std::unique_ptr<QProcess>> m_runs;
};

void TestSchemaChanges::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(!test::flowdeckBinary().isEmpty(), "FLOWDECK_BIN is not set");
    std::vector<std::pair<std::string, int>> topics;
    for (int i = 0; i < kTopics; ++i)
        topics.emplace_back("schemachanges_" + std::to_string(i), 1); // one partition: one order
    m_broker.start(topics);
}

void TestSchemaChanges::cleanup()
{
    for (auto &p : m_runs)
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished();
        }
    m_runs.clear();
    test::execSql("SET GLOBAL binlog_row_metadata = FULL", std::string());
}

void TestSchemaChanges::writeFlows(const std::string &db, int topic)
{
    const nlohmann::json source = {{"type", "mysql"}, {"connection", test::sandboxConnection(db)},
                                   {"tables", {db + ".*"}}, {"read", "snapshot+cdc"}, {"chunkSize", 3}};
    const nlohmann::json canal = {
        {"flowdeck", 1}, {"name", db + "-canal"}, {"source", source},
        {"destination", {{"type", "kafka"}, {"brokers", m_broker.bootstrap()}, {"protocol", "canal-json"},
                         {"topic", "schemachanges_" + std::to_string(topic)}, {"partition", "table"}}},
        {"trigger", {{"type", "continuous"}}}};
    const nlohmann::json replica = {
        {"flowdeck", 1}, {"name", db + "-replica"}, {"source", source},
        {"destination", {{"type", "mysql"}, {"connection", test::sandboxConnection(db + "_replica")}, {"table", "{table}"},
                         {"write", {{"mode", "replicate"}, {"createTable", true}, {"addColumns", true}}}}},
        {"trigger", {{"type", "continuous"}}}};
    m_canalFlow = m_dir.filePath(QString::fromStdString(db + "-canal.flow.json"));
    m_replicaFlow = m_dir.filePath(QString::fromStdString(db + "-replica.flow.json"));
    std::ofstream(m_canalFlow.toStdString()) << canal.dump(2);
    std::ofstream(m_replicaFlow.toStdString()) << replica.dump(2);
}

QProcess *TestSchemaChanges::start(const QString &flow, const QString &state)
{
    auto p = std::make_unique<QProcess>();
    p->setProcessChannelMode(QProcess::MergedChannels);
    test::killWithParent(*p);
    p->start(test::flowdeckBinary(), {QStringLiteral("run"), flow, QStringLiteral("--state-dir"), state});
    p->waitForStarted();
    m_runs.push_back(std::move(p));
    return m_runs.back().get();
}

int TestSchemaChanges::run(const QString &flow, const QString &state, QString *output, const QStringList &extra)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    test::killWithParent(p);
    p.start(test::flowdeckBinary(),
            QStringList{QStringLiteral("run"), flow, QStringLiteral("--state-dir"), state, QStringLiteral("--until-idle")} + extra);
    if (!p.waitForFinished(180000))
        return -1;
    const QString out = QString::fromUtf8(p.readAll());
    if (output)
        *output = out;
    else if (p.exitCode() != 0)
        qWarning("%s", qPrintable(out));
    return p.exitCode();
}

void TestSchemaChanges::compareCanal(const std::string &db, const std::string &schema, int topic)
{
    const std::string target = test::freshDatabase(db + "_canal");
    test::execSql(schema, target);
    replay(test::consumeAll(m_broker.bootstrap(), "schemachanges_" + std::to_string(topic), 1), target);
    if (QTest::currentTestFailed())
        return;
    compareDatabases(db, target, "canal-json replay");
}

namespace {

const char *const kSchema =
    "CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(20), e ENUM('x','y') DEFAULT 'x', l VARCHAR(10) CHARACTER SET latin1)";
const char *const kRows =
    "INSERT INTO t VALUES (1,'one','x','\xc3\xa9'),(2,'two','y','\xc3\xbc'),(3,'three','x',NULL),(4,'four','y','a'),"
    "(5,'five','x','b')";

QStringList sql(std::initializer_list<const char *> blocks)
{
    QStringList list;
    for (const char *b : blocks)
        list << QString::fromUtf8(b);
    return list;
}

} // namespace

void TestSchemaChanges::stopAlterResume_data()
{
    QTest::addColumn<QStringList>("changes");   // SQL blocks; both flows run to the end after each
    QTest::addColumn<QString>("metadata");      // binlog_row_metadata while they are written
    QTest::addColumn<QString>("replicaError");  // "": the replica ends equal; else its run fails so
    const QStringList addColumn = sql({
        "INSERT INTO t VALUES (6,'six','y','c'); ALTER TABLE t ADD COLUMN b INT NOT NULL DEFAULT 7; "
        "INSERT INTO t VALUES (7,'seven','x','d',8); UPDATE t SET a='ONE', b=9 WHERE id=1; UPDATE t SET a='TWO' WHERE id=2",
        "ALTER TABLE t ADD COLUMN c DATETIME(3) NULL AFTER a, ADD COLUMN d DECIMAL(8,2) DEFAULT '1.50' FIRST; "
        "UPDATE t SET c='2024-05-06 07:08:09.123' WHERE id=3; DELETE FROM t WHERE id=4"});
    QTest::newRow("add columns, names from the binlog") << addColumn << QStringLiteral("FULL") << QString();
    QTest::newRow("add columns, names from the history") << addColumn << QStringLiteral("NO_LOG") << QString();
    const QStringList columnChanges = sql({
        "UPDATE t SET a='x1' WHERE id=1; ALTER TABLE t MODIFY a VARCHAR(50) NOT NULL; "
        "ALTER TABLE t CHANGE a name VARCHAR(50); UPDATE t SET name='y2' WHERE id=2; "
        "ALTER TABLE t RENAME COLUMN e TO kind; INSERT INTO t VALUES (6,'six','y','z')",
        "ALTER TABLE t DROP COLUMN name; UPDATE t SET kind='y' WHERE id=1; DELETE FROM t WHERE id=3; "
        "ALTER TABLE t ADD COLUMN n INT FIRST; INSERT INTO t VALUES (4, 7, 'x', 'w') ON DUPLICATE KEY UPDATE n=4"});
    QTest::newRow("modify, change, rename, drop columns") << columnChanges << QStringLiteral("NO_LOG") << QStringLiteral("changes the type of column `a` to varchar(50)");
    QTest::newRow("modify, change, rename, drop columns (full metadata)") << columnChanges << QStringLiteral("FULL") << QStringLiteral("changes the type of column `a` to varchar(50)");
    QTest::newRow("enum members and charsets")
        << sql({"ALTER TABLE t MODIFY e ENUM('x','y','z') DEFAULT 'z'; INSERT INTO t VALUES (6,'six','z','\xc3\xa0'); "
                       "UPDATE t SET e='z' WHERE id=1; ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4; "
                       "INSERT INTO t VALUES (7,'seven','y','\xe2\x82\xac'); UPDATE t SET l='\xc3\xb8' WHERE id=2",
                       "ALTER TABLE t ADD COLUMN s SET('r','g','b') DEFAULT 'r,b'; UPDATE t SET s='g' WHERE id=3"})
        << QStringLiteral("NO_LOG") << QStringLiteral("enum('x','y')");
    QTest::newRow("new tables and key changes mid-stream")
        << sql({"CREATE TABLE u (k VARCHAR(10) PRIMARY KEY, v INT) DEFAULT CHARSET=latin1; "
                       "INSERT INTO u VALUES ('k1', 1), ('k\xc3\xa9', 2); ALTER TABLE u ADD COLUMN w INT DEFAULT 3; "
                       "INSERT INTO u VALUES ('k3', 3, 33); UPDATE u SET v=10 WHERE k='k1'",
                       "ALTER TABLE t ADD COLUMN k INT NOT NULL DEFAULT 0, DROP PRIMARY KEY, ADD PRIMARY KEY (id, k); "
                       "UPDATE t SET k=1, a='key changed' WHERE id=2; CREATE TABLE v2 LIKE u; "
                       "INSERT INTO v2 SELECT * FROM u"})
        << QStringLiteral("NO_LOG") << QString();
    QTest::newRow("rename tables, create and drop")
        << sql({"RENAME TABLE t TO t_old; CREATE TABLE t (id INT PRIMARY KEY, x DATETIME, y DECIMAL(6,2)); "
                       "INSERT INTO t VALUES (1,'2024-01-02 03:04:05', 1.5); UPDATE t_old SET a='z' WHERE id=1; "
                       "CREATE TABLE tmp_new LIKE t_old; ALTER TABLE tmp_new ADD COLUMN q INT; "
                       "INSERT INTO tmp_new VALUES (1,'a','x','b',2); RENAME TABLE t_old TO t_gone, tmp_new TO t_old; "
                       "DROP TABLE t_gone; INSERT INTO t_old VALUES (2,'b','y','c',3)"})
        << QStringLiteral("FULL") << QStringLiteral("renames a table");
    QTest::newRow("drop table") << sql({"CREATE TABLE w (id INT PRIMARY KEY, v INT); INSERT INTO w VALUES (1, 1); "
                                               "UPDATE t SET a='before drop' WHERE id=1",
                                               "DROP TABLE w; INSERT INTO t VALUES (6,'six','y','c')"})
                                << QStringLiteral("FULL") << QStringLiteral("drops a table");
    QTest::newRow("truncate") << sql({"INSERT INTO t VALUES (6,'six','y','c'); TRUNCATE TABLE t; "
                                             "INSERT INTO t VALUES (1,'again','y','d')"})
                              << QStringLiteral("NO_LOG") << QStringLiteral("truncates a table");
}

void TestSchemaChanges::stopAlterResume()
{
    QFETCH(QStringList, changes);
    QFETCH(QString, metadata);
    QFETCH(QString, replicaError);
    static int scenario = 0;
    const int topic = scenario++;
    const std::string db = test::freshDatabase("schema_" + std::to_string(topic));
    test::freshDatabase(db + "_replica");
    test::execSql(kSchema, db);
    test::execSql(kRows, db);
    writeFlows(db, topic);
    const QString canalState = m_dir.filePath(QStringLiteral("canal-%1").arg(topic));
    const QString replicaState = m_dir.filePath(QStringLiteral("replica-%1").arg(topic));

    QCOMPARE(run(m_canalFlow, canalState), 0);
    QCOMPARE(run(m_replicaFlow, replicaState), 0);
    bool replicaFailed = false;
    for (const QString &sql : changes) {
        test::execSql("SET GLOBAL binlog_row_metadata = " + metadata.toStdString(), std::string());
        test::execSql(sql.toStdString(), db);
        test::execSql("SET GLOBAL binlog_row_metadata = FULL", std::string());
        QCOMPARE(run(m_canalFlow, canalState), 0);
        if (replicaFailed)
            continue;
        QString output;
        const int code = run(m_replicaFlow, replicaState, &output);
        if (replicaError.isEmpty()) {
            QVERIFY2(code == 0, qPrintable(output));
        } else if (code != 0) {
            // Refused with the DDL and its binlog position, never written wrong.
            QCOMPARE(code, 1);
            QVERIFY2(output.contains(replicaError) && output.contains(QLatin1String("mysql-bin.")), qPrintable(output));
            replicaFailed = true;
        }
    }
    compareCanal(db, kSchema, topic);
    if (replicaError.isEmpty())
        compareDatabases(db, db + "_replica", "replica");
    else
        QVERIFY2(replicaFailed, "the replicate flow followed a DDL it cannot follow");
}

// Flows SIGKILLed at random moments while tables are altered and changed: whatever was
// checkpointed with which schema history, the last runs leave the topic and the replica equal.
void TestSchemaChanges::killedAroundDdl()
{
    const int topic = kTopics - 2;
    const std::string db = test::freshDatabase("schema_kill");
    test::freshDatabase(db + "_replica");
    test::execSql(kSchema, db);
    test::execSql(kRows, db);
    writeFlows(db, topic);
    const QString canalState = m_dir.filePath(QStringLiteral("kill-canal"));
    const QString replicaState = m_dir.filePath(QStringLiteral("kill-replica"));
    QCOMPARE(run(m_canalFlow, canalState), 0);
    QCOMPARE(run(m_replicaFlow, replicaState), 0);
    test::execSql("SET GLOBAL binlog_row_metadata = NO_LOG", std::string());
    QRandomGenerator random(QRandomGenerator::global()->generate());
    int id = 100;
    for (int round = 0; round < 5; ++round) {
        QProcess *canal = start(m_canalFlow, canalState);
        QProcess *replica = start(m_replicaFlow, replicaState);
        const std::string c = "c" + std::to_string(round);
        std::string sql = "INSERT INTO t (id, a) VALUES (" + std::to_string(id++) + ", 'before " + c + "'); "
                          "ALTER TABLE t ADD COLUMN " + c + " INT DEFAULT " + std::to_string(round) + "; ";
        for (int i = 0; i < 20; ++i)
            sql += "INSERT INTO t (id, a, " + c + ") VALUES (" + std::to_string(id++) + ", 'after', " +
                   std::to_string(i) + "); UPDATE t SET a = CONCAT(a, '+') WHERE id = " + std::to_string(1 + i % 5) + "; ";
        test::execSql(sql, db);
        QTest::qWait(int(random.bounded(100, 1500)));
        canal->kill(); // SIGKILL
        replica->kill();
        canal->waitForFinished(10000);
        replica->waitForFinished(10000);
        QVERIFY2(canal->exitStatus() == QProcess::CrashExit, canal->readAll().constData());
        QVERIFY2(replica->exitStatus() == QProcess::CrashExit, replica->readAll().constData());
    }
    test::execSql("SET GLOBAL binlog_row_metadata = FULL", std::string());
    QCOMPARE(run(m_canalFlow, canalState), 0);
    QCOMPARE(run(m_replicaFlow, replicaState), 0);
    compareCanal(db, kSchema, topic);
    compareDatabases(db, db + "_replica", "replica");
}

void TestSchemaChanges::alterDuringSnapshot_data()
{
    QTest::addColumn<bool>("killed"); // the runs are killed after the ALTER and resumed
    QTest::newRow("altered while the snapshot reads another table") << false;
    QTest::newRow("altered, killed mid-snapshot, resumed") << true;
}

// A table is altered (and changed) while the flows' snapshot is reading another one, before it
// reads the altered table; with `killed` the runs are then SIGKILLed and resumed, so the rest
// of the snapshot is read with the new definition and the binlog replayed from the first
// snapshot's position, DDL included.
void TestSchemaChanges::alterDuringSnapshot()
{
    QFETCH(bool, killed);
    const int topic = killed ? kTopics - 4 : kTopics - 3;
    const std::string db = test::freshDatabase(killed ? "schema_snapkill" : "schema_snap");
    test::freshDatabase(db + "_replica");
    test::execSql(kSchema, db);
    test::execSql(kRows, db);
    // Read first (tables in name order), slowly: chunks of 3 rows.
    test::execSql("CREATE TABLE big (id INT PRIMARY KEY, v VARCHAR(20))", db);
    test::execSql("INSERT INTO big SELECT seq, CONCAT('v', seq) FROM seq_1_to_6000", db);
    writeFlows(db, topic);
    const QString canalState = m_dir.filePath(QStringLiteral("snap-canal-%1").arg(topic));
    const QString replicaState = m_dir.filePath(QStringLiteral("snap-replica-%1").arg(topic));
    QProcess *canal = start(m_canalFlow, canalState);
    QProcess *replica = start(m_replicaFlow, replicaState);
    // Both snapshots have begun (the replica has rows of big) and the canal flow saved its state.
    const QString canalStateFile = canalState + QStringLiteral("/") + QString::fromStdString(db) + QStringLiteral("-canal.state.json");
    auto replicaRows = [&](const char *table) {
        try {
            return std::stoi(test::querySql("SELECT COUNT(*) FROM `" + db + "_replica`." + table, db).at(0));
        } catch (const Error &) {
            return 0; // not created yet
        }
    };
    QDeadlineTimer deadline(120000);
    while (!deadline.hasExpired() && (!QFile::exists(canalStateFile) || replicaRows("big") == 0))
        QTest::qWait(5);
    const bool stillInSnapshot = replicaRows("big") < 6000;
    test::execSql("INSERT INTO t VALUES (6,'six','y','c'); ALTER TABLE t ADD COLUMN b INT NOT NULL DEFAULT 7; "
                  "INSERT INTO t VALUES (7,'seven','x','d',8); UPDATE t SET a='ONE', b=9 WHERE id=1; "
                  "UPDATE big SET v='changed' WHERE id IN (1, 5999)", db);
    if (killed) {
        canal->kill();
        replica->kill();
        canal->waitForFinished(10000);
        replica->waitForFinished(10000);
    } else {
        // Let them read on (what they read is checked below); then stopped by a kill, resumed.
        QDeadlineTimer done(120000);
        auto streaming = [&] {
            std::ifstream in(canalStateFile.toStdString());
            const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
            return j.is_object() && j["checkpoint"]["source"].value("phase", std::string()) == "cdc";
        };
        while (!done.hasExpired() && (replicaRows("t") == 0 || !streaming()))
            QTest::qWait(20);
        canal->kill();
        replica->kill();
        canal->waitForFinished(10000);
        replica->waitForFinished(10000);
    }
    if (!stillInSnapshot)
        qWarning("the snapshot of big ended before the ALTER: this run did not alter during a snapshot");
    QString output;
    QVERIFY2(run(m_canalFlow, canalState, &output) == 0, qPrintable(output));
    QVERIFY2(run(m_replicaFlow, replicaState, &output) == 0, qPrintable(output));
    compareCanal(db, std::string(kSchema) + "; CREATE TABLE big (id INT PRIMARY KEY, v VARCHAR(20))", topic);
    compareDatabases(db, db + "_replica", "replica");
}

// A state written before schema histories existed: resumed when no DDL changed a captured table
// since its checkpoint, refused with the fix otherwise.
void TestSchemaChanges::olderCheckpointWithoutHistory()
{
    const int topic = kTopics - 1;
    const std::string db = test::freshDatabase("schema_legacy");
    test::execSql(kSchema, db);
    test::execSql(kRows, db);
    writeFlows(db, topic);
    const QString state = m_dir.filePath(QStringLiteral("legacy"));
    const QString stateFile = state + QStringLiteral("/") + QString::fromStdString(db) + QStringLiteral("-canal.state.json");
    QCOMPARE(run(m_canalFlow, state), 0);
    auto stripHistory = [&] {
        nlohmann::json j;
        std::ifstream(stateFile.toStdString()) >> j;
        QVERIFY2(j["checkpoint"]["source"].contains("schema"), j.dump().c_str());
        j["checkpoint"]["source"].erase("schema");
        std::ofstream(stateFile.toStdString()) << j.dump(2);
    };
    stripHistory();
    test::execSql("INSERT INTO t VALUES (6,'six','y','c'); CREATE DATABASE IF NOT EXISTS schema_legacy_other", db);
    QCOMPARE(run(m_canalFlow, state), 0); // no DDL of a captured table (t): resumed
    stripHistory();
    test::execSql("ALTER TABLE t ADD COLUMN z INT DEFAULT 5; INSERT INTO t VALUES (7,'seven','x','d',6)", db);
    QString output;
    QCOMPARE(run(m_canalFlow, state, &output), 1);
    QVERIFY2(output.contains(QLatin1String("no schema history")) && output.contains(QLatin1String("--restart"))
                 && output.contains(QLatin1String("ADD COLUMN z")),
             qPrintable(output));
    QCOMPARE(run(m_canalFlow, state, &output, {QStringLiteral("--restart")}), 0);
    // The new snapshot has the new column under its name.
    const auto messages = test::consumeAll(m_broker.bootstrap(), "schemachanges_" + std::to_string(topic), 1);
    const nlohmann::json last = nlohmann::json::parse(messages.back().value);
    QVERIFY2(last.at("data").at(0).contains("z") && last.at("pkNames") == nlohmann::json::array({"id"}),
             messages.back().value.c_str());
}

QTEST_GUILESS_MAIN(TestSchemaChanges)
#include "tst_schemachanges.moc"
