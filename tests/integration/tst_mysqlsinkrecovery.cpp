// MySqlSink when things go wrong, against the suite's MariaDB: a killed session, a server that
// refuses connections for a while or for too long, stop-at-first-rejection, the commit hook and
// the checkpoints committed with the rows.
#include "tests/common/testsupport.h"
#include "core/model/errors.h"
#include "core/mysql/mysqlsink.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTest>

#include <thread>


using namespace flowdeck;

namespace {

using test::addBulkColumn;
using test::reasons;
using test::row;
using test::schemaOf;

const std::string kDb = "flowdeck_mysqlsinkrecovery";

nlohmann::json destination(const std::string &table, const std::string &mode, nlohmann::json write = nlohmann::json::object())
{
    return test::mysqlDestination(kDb, table, mode, std::move(write));
}

std::vector<std::string> query(const std::string &sql)
{
    return test::querySql(sql, kDb);
}

void exec(const std::string &sql)
{
    test::execSql(sql, kDb);
}

} // namespace

class TestMySqlSinkRecovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void lostConnectionIsRetried_data() { addBulkColumn(); }
    void lostConnectionIsRetried();
    void reconnectWaitsForTheServer();
    void retriesGiveUp();
    void stopAtFirstRejection_data() { addBulkColumn(); }
    void stopAtFirstRejection();
    void writeThenCommit();
    void checkpointsCommitWithTheRows();
    void rollbackDropsTheBatch();
    void lostCommitIsReplayed();
};

void TestMySqlSinkRecovery::initTestCase()
{
    test::freshDatabase(kDb);
}

/// A user limited to one session: while the test holds it, the sink cannot reconnect
/// (error 1203, too many connections: worth retrying).
static MySqlConnectionConfig limitedUser()
{
    exec("DROP USER IF EXISTS 'flowdeck_one'@'%'; CREATE USER 'flowdeck_one'@'%' IDENTIFIED BY 'pw' "
         "WITH MAX_USER_CONNECTIONS 1; GRANT ALL ON `" + kDb + "`.* TO 'flowdeck_one'@'%'");
    nlohmann::json c = test::sandboxConnection(kDb);
    c["user"] = "flowdeck_one";
    c["password"] = "pw";
    return MySqlConnectionConfig::fromJson(c);
}

/// Kills session `id` and waits until the server has let it go.
static void killAndWait(std::uint64_t id)
{
    exec("KILL " + std::to_string(id));
    for (int i = 0; i < 100; ++i) {
        if (query("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID=" + std::to_string(id))[0] == "0")
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void TestMySqlSinkRecovery::lostConnectionIsRetried()
{
    QFETCH(bool, bulk);
    exec("CREATE OR REPLACE TABLE lost (id INT PRIMARY KEY, name VARCHAR(10))");
    const auto schema = schemaOf({"id", "name"});
    MySqlSink sink(destination("lost", "insert"));
    sink.setBulkEnabled(bulk);
    sink.setRetryPolicy({std::chrono::milliseconds(50), std::chrono::milliseconds(5000)});
    sink.open(schema);
    Batch first{row(schema, {Value::integer(1), Value::text("a")})};
    QVERIFY(test::writeCommitted(sink, first).empty());
    const std::uint64_t before = sink.connectionId();
    exec("KILL " + std::to_string(before)); // between batches, as a server restart would
    Batch second{row(schema, {Value::integer(2), Value::text("b")}), row(schema, {Value::integer(3), Value::text("c")})};
    const auto rejected = test::writeCommitted(sink, second);
    QVERIFY2(rejected.empty(), qPrintable(reasons(rejected)));
    QVERIFY(sink.connectionId() != before);
    QCOMPARE(query("SELECT id FROM lost ORDER BY id"), (std::vector<std::string>{"1", "2", "3"})); // landed once
}


void TestMySqlSinkRecovery::reconnectWaitsForTheServer()
{
    exec("CREATE OR REPLACE TABLE waits (id INT PRIMARY KEY)");
    const MySqlConnectionConfig config = limitedUser();
    nlohmann::json d = destination("waits", "insert");
    d["connection"]["user"] = config.user;
    d["connection"]["password"] = config.password;
    MySqlSink sink(d);
    sink.setRetryPolicy({std::chrono::milliseconds(100), std::chrono::milliseconds(10000)});
    const auto schema = schemaOf({"id"});
    sink.open(schema);
    killAndWait(sink.connectionId());
    MySqlConnection blocker(config);
    blocker.connect(); // takes the user's only session, like a server still starting up
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        blocker.disconnect();
    });
    auto joinRelease = qScopeGuard([&] { release.join(); });
    QElapsedTimer timer;
    timer.start();
    Batch batch{row(schema, {Value::integer(1)})};
    const auto rejected = test::writeCommitted(sink, batch);
    joinRelease.dismiss();
    release.join();
    QVERIFY2(rejected.empty(), qPrintable(reasons(rejected)));
    QVERIFY2(timer.elapsed() >= 350, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(query("SELECT id FROM waits"), std::vector<std::string>{"1"});
    sink.close();
    exec("DROP USER 'flowdeck_one'@'%'");
}


void TestMySqlSinkRecovery::retriesGiveUp()
{
    exec("CREATE OR REPLACE TABLE givesup (id INT PRIMARY KEY)");
    const MySqlConnectionConfig config = limitedUser();
    nlohmann::json d = destination("givesup", "insert");
    d["connection"]["user"] = config.user;
    d["connection"]["password"] = config.password;
    MySqlSink sink(d);
    sink.setRetryPolicy({std::chrono::milliseconds(50), std::chrono::milliseconds(400)});
    const auto schema = schemaOf({"id"});
    sink.open(schema);
    killAndWait(sink.connectionId());
    MySqlConnection blocker(config);
    blocker.connect();
    Batch batch{row(schema, {Value::integer(1)})};
    QElapsedTimer timer;
    timer.start();
    try {
        test::writeCommitted(sink, batch);
        QFAIL("wrote without a connection");
    } catch (const ConnectionError &e) {
        QVERIFY(e.transient());
        const std::string what = e.what();
        QVERIFY2(what.rfind("cannot write to `flowdeck_mysqlsinkrecovery`.`givesup` on ", 0) == 0, what.c_str());
        QVERIFY2(what.find("attempts over") != std::string::npos, what.c_str());
        QVERIFY2(what.find("flowdeck_one") != std::string::npos, what.c_str()); // the connect error
    }
    QVERIFY2(timer.elapsed() >= 300 && timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    blocker.disconnect();
    QCOMPARE(query("SELECT COUNT(*) FROM givesup"), std::vector<std::string>{"0"});
    exec("DROP USER 'flowdeck_one'@'%'");
}


void TestMySqlSinkRecovery::stopAtFirstRejection()
{
    QFETCH(bool, bulk);
    exec("CREATE OR REPLACE TABLE stops (id INT PRIMARY KEY, name VARCHAR(3)); INSERT INTO stops VALUES (3, 'old')");
    const auto schema = schemaOf({"id", "name"});
    MySqlSink sink(destination("stops", "insert"));
    sink.setBulkEnabled(bulk);
    sink.setStopAtFirstRejection(true);
    sink.open(schema);
    // The server refuses record 2 (duplicate) before the one the sink refuses (4, too long).
    Batch batch{row(schema, {Value::integer(1), Value::text("a")}), row(schema, {Value::integer(2), Value::text("b")}),
                row(schema, {Value::integer(3), Value::text("c")}), row(schema, {Value::integer(4), Value::text("d")}),
                row(schema, {Value::integer(5), Value::text("too long")}), row(schema, {Value::integer(6), Value::text("f")})};
    QCOMPARE(reasons(test::writeCommitted(sink, batch)), QStringLiteral("2: Duplicate entry '3' for key 'PRIMARY'"));
    QCOMPARE(query("SELECT id FROM stops ORDER BY id"), (std::vector<std::string>{"1", "2", "3"}));
    // The sink refuses record 1 first: record 0 is written, nothing after 1.
    Batch second{row(schema, {Value::integer(7), Value::text("g")}), row(schema, {Value::integer(8), Value::text("too long")}),
                 row(schema, {Value::integer(3), Value::text("dup")}), row(schema, {Value::integer(9), Value::text("i")})};
    QCOMPARE(reasons(test::writeCommitted(sink, second)), QStringLiteral("1: value of 8 characters does not fit column `name` varchar(3)"));
    QCOMPARE(query("SELECT id FROM stops ORDER BY id"), (std::vector<std::string>{"1", "2", "3", "7"}));
}


void TestMySqlSinkRecovery::writeThenCommit()
{
    exec("CREATE OR REPLACE TABLE hooked (id INT PRIMARY KEY, name VARCHAR(3)); INSERT INTO hooked VALUES (2, 'old')");
    const auto schema = schemaOf({"id", "name"});
    MySqlSink sink(destination("hooked", "insert"));
    sink.open(schema);
    Batch batch{row(schema, {Value::integer(1), Value::text("a")}), row(schema, {Value::integer(2), Value::text("b")}),
                row(schema, {Value::integer(3), Value::text("long")})};
    const auto rejected = sink.write(batch);
    QCOMPARE(reasons(rejected), QStringLiteral("1: Duplicate entry '2' for key 'PRIMARY'\n"
                                               "2: value of 4 characters does not fit column `name` varchar(3)"));
    // Sent, not committed: another session does not see the rows yet.
    QCOMPARE(query("SELECT COUNT(*) FROM hooked"), std::vector<std::string>{"1"});
    sink.commit(nullptr);
    QCOMPARE(query("SELECT id FROM hooked ORDER BY id"), (std::vector<std::string>{"1", "2"}));
    QCOMPARE(sink.writtenPerTable(), (std::vector<std::pair<std::string, std::uint64_t>>{{kDb + ".hooked", 1}}));
}


void TestMySqlSinkRecovery::checkpointsCommitWithTheRows()
{
    exec("CREATE OR REPLACE TABLE ckpt (id INT PRIMARY KEY); DROP TABLE IF EXISTS flowdeck_checkpoints");
    const auto schema = schemaOf({"id"});
    MySqlSink plain(destination("ckpt", "insert"));
    QVERIFY(!plain.storesCheckpoints());

    MySqlSink sink(destination("ckpt", "insert"));
    sink.setCheckpointKey("flow \"a\"");
    QVERIFY(sink.storesCheckpoints());
    QVERIFY(sink.storedCheckpoint().is_null()); // before open(), no table yet
    sink.open(schema);
    Batch first{row(schema, {Value::integer(1)})};
    QVERIFY(test::writeCommitted(sink, first, {{"seq", 1}}).empty());
    QVERIFY(sink.storedCheckpoint() == (nlohmann::json{{"seq", 1}}));
    // Every record refused: still a transaction that moves the checkpoint on.
    Batch refused{row(schema, {Value::text("x")})};
    QCOMPARE(test::writeCommitted(sink, refused, {{"seq", 2}}).size(), std::size_t(1));
    QVERIFY(sink.storedCheckpoint() == (nlohmann::json{{"seq", 2}}));
    // A batch the engine abandons (its dead letters could not be written): neither the rows nor
    // the checkpoint.
    Batch lost{row(schema, {Value::integer(2)})};
    QVERIFY(sink.write(lost).empty());
    sink.rollback();
    sink.commit({{"seq", 3}}); // nothing sent any more: nothing to commit
    sink.close();

    MySqlSink later(destination("ckpt", "insert")); // a resumed run reads it before open()
    later.setCheckpointKey("flow \"a\"");
    QVERIFY2(later.storedCheckpoint() == (nlohmann::json{{"seq", 2}}), later.storedCheckpoint().dump().c_str());
    QCOMPARE(query("SELECT id FROM ckpt"), std::vector<std::string>{"1"});
    QCOMPARE(query("SELECT flow FROM flowdeck_checkpoints"), std::vector<std::string>{"flow \"a\""});
}


void TestMySqlSinkRecovery::rollbackDropsTheBatch()
{
    exec("CREATE OR REPLACE TABLE hookfail (id INT PRIMARY KEY)");
    const auto schema = schemaOf({"id"});
    MySqlSink sink(destination("hookfail", "insert"));
    sink.open(schema);
    Batch batch{row(schema, {Value::integer(1)})};
    QVERIFY(sink.write(batch).empty());
    sink.rollback();
    QCOMPARE(query("SELECT COUNT(*) FROM hookfail"), std::vector<std::string>{"0"});
    QVERIFY(test::writeCommitted(sink, batch).empty()); // the session is still usable
    QCOMPARE(query("SELECT COUNT(*) FROM hookfail"), std::vector<std::string>{"1"});
}


void TestMySqlSinkRecovery::lostCommitIsReplayed()
{
    // The connection dies between write() and commit(): the batch is rolled back with it, so
    // commit() sends it again and commits it with the checkpoint.
    exec("CREATE OR REPLACE TABLE hookretry (id INT PRIMARY KEY)");
    const auto schema = schemaOf({"id"});
    MySqlSink sink(destination("hookretry", "insert"));
    sink.setRetryPolicy({std::chrono::milliseconds(50), std::chrono::milliseconds(5000)});
    sink.setCheckpointKey("replayed");
    sink.open(schema);
    Batch batch{row(schema, {Value::integer(1)}), row(schema, {Value::integer(2)})};
    QVERIFY(sink.write(batch).empty());
    killAndWait(sink.connectionId());
    sink.commit({{"seq", 7}});
    QCOMPARE(query("SELECT id FROM hookretry ORDER BY id"), (std::vector<std::string>{"1", "2"}));
    QVERIFY(sink.storedCheckpoint() == (nlohmann::json{{"seq", 7}}));
}


QTEST_GUILESS_MAIN(TestMySqlSinkRecovery)
#include "tst_mysqlsinkrecovery.moc"
