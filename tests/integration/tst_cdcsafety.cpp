// No silent loss in CDC: a server whose binlog does not carry full row images is refused before
// anything is read, naming the variable and the fix; a stop-mode run that fails inside a
// transaction resumes at the failed row, not after the transaction.
#include "tests/common/testsupport.h"

#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "core/mysql/mysqlsource.h"

#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace flowdeck;

namespace {

const std::string kDb = "flowdeck_cdcsafety";

nlohmann::json endpoint(const std::string &table, const std::string &read)
{
    return {{"type", "mysql"}, {"connection", test::sandboxConnection(kDb)}, {"table", table}, {"read", read}};
}

RunResult runFlow(const Flow &flow, const QString &stateDir)
{
    EngineOptions options;
    options.stateDir = stateDir.toStdString();
    options.untilIdle = true;
    return Engine(flow, options).run();
}

} // namespace

class TestCdcSafety : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void binlogSettingsRefused_data();
    void binlogSettingsRefused();
    void stopResumesAtTheFailedRow();
};

void TestCdcSafety::initTestCase()
{
    if (test::sandboxConnection(kDb).empty())
        QFAIL("no sandbox server (run through ctest: fixture mariadb)");
    test::freshDatabase(kDb);
    test::execSql("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))", kDb);
}

void TestCdcSafety::binlogSettingsRefused_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("read");
    QTest::addColumn<QString>("fix");
    QTest::newRow("STATEMENT, cdc") << "binlog_format" << "STATEMENT" << "cdc" << "SET GLOBAL binlog_format='ROW'";
    QTest::newRow("MIXED, snapshot+cdc") << "binlog_format" << "MIXED" << "snapshot+cdc" << "SET GLOBAL binlog_format='ROW'";
    QTest::newRow("MINIMAL, cdc") << "binlog_row_image" << "MINIMAL" << "cdc" << "SET GLOBAL binlog_row_image='FULL'";
    QTest::newRow("NOBLOB, snapshot+cdc") << "binlog_row_image" << "NOBLOB" << "snapshot+cdc" << "SET GLOBAL binlog_row_image='FULL'";
}

void TestCdcSafety::binlogSettingsRefused()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, read);
    QFETCH(QString, fix);
    const std::string var = variable.toStdString();
    const std::string before = test::querySql("SELECT @@global." + var).at(0);
    test::execSql("SET GLOBAL " + var + " = '" + value.toStdString() + "'");
    const auto restore = qScopeGuard([&] { test::execSql("SET GLOBAL " + var + " = '" + before + "'"); });

    MySqlSource source(endpoint("t", read.toStdString()));
    try {
        source.open(nullptr);
        QFAIL("the source opened");
    } catch (const Error &e) {
        const std::string what = e.what();
        QVERIFY2(what.find(var + "=" + value.toStdString()) != std::string::npos, what.c_str());
        QVERIFY2(what.find(fix.toStdString()) != std::string::npos, what.c_str());
    }
    // A snapshot alone needs no binlog: it still runs.
    MySqlSource snapshot(endpoint("t", "snapshot"));
    snapshot.open(nullptr);
}

// One statement inserts three rows in one transaction; the destination refuses the second. The
// stopped run wrote the first; once the destination is fixed the next run writes the second and
// third (in insert mode, so a row written twice would fail the run), then the next transaction.
void TestCdcSafety::stopResumesAtTheFailedRow()
{
    test::execSql("CREATE TABLE src (id INT PRIMARY KEY, name VARCHAR(20))", kDb);
    test::execSql("CREATE TABLE dst (id INT PRIMARY KEY, name VARCHAR(3))", kDb);
    QTemporaryDir state;
    const Flow flow = flowFromJson({{"flowdeck", 1},
                                    {"name", "mid-transaction"},
                                    {"source", endpoint("src", "snapshot+cdc")},
                                    {"destination", test::mysqlDestination(kDb, "dst", "insert")},
                                    {"trigger", {{"type", "continuous"}}},
                                    {"errorHandling", {{"onError", "stop"}}}});
    // The changes come once the run streams (after its snapshot of the empty table).
    EngineOptions options;
    options.stateDir = state.path().toStdString();
    options.untilIdle = true;
    Engine engine(flow, options);
    RunResult failed;
    std::thread runner([&] { failed = engine.run(); });
    const auto joinRunner = qScopeGuard([&] {
        if (runner.joinable()) {
            engine.requestStop();
            runner.join();
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(engine.metrics().phase() == RunPhase::Streaming || engine.metrics().phase() == RunPhase::Failed, 60000);
    test::execSql("INSERT INTO src VALUES (1, 'a'), (2, 'toolong'), (3, 'c')", kDb);
    test::execSql("INSERT INTO src VALUES (4, 'd')", kDb);
    runner.join();
    QCOMPARE(failed.status, RunStatus::Failed);
    QVERIFY2(failed.errorPosition.ends_with(" row 2 of 3"), failed.errorPosition.c_str());
    QVERIFY2(failed.error.find("`name`") != std::string::npos, failed.error.c_str());
    QCOMPARE(failed.counts.written, std::uint64_t(1));
    QCOMPARE(test::querySql("SELECT id FROM dst ORDER BY id", kDb), std::vector<std::string>{"1"});

    test::execSql("ALTER TABLE dst MODIFY name VARCHAR(20)", kDb);
    const RunResult resumed = runFlow(flow, state.path());
    QVERIFY2(resumed.status == RunStatus::Completed, resumed.error.c_str());
    QCOMPARE(resumed.counts.written, std::uint64_t(3));
    QCOMPARE(test::querySql("SELECT id, name FROM dst ORDER BY id", kDb),
             (std::vector<std::string>{"1\ta", "2\ttoolong", "3\tc", "4\td"}));
}

QTEST_GUILESS_MAIN(TestCdcSafety)
#include "tst_cdcsafety.moc"
