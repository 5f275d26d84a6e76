// Scheduled, incremental flows against the suite's MariaDB: the Scheduler (driven by a test
// clock, no sleeping) starts Engine runs of a table flow that reads only rows past its watermark.
#include "tests/common/testsupport.h"

#include "core/engine/engine.h"
#include "core/mysql/mysqlsink.h"
#include "core/schedule/scheduledstate.h"
#include "core/schedule/scheduler.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

#include <csignal>

using namespace flowdeck;
using namespace std::chrono_literals;

namespace {

class FakeClock : public ScheduleClock
{
public:
    TimePoint now() const override { return m_now; }
    void set(TimePoint t) { m_now = t; }
    void advance(std::chrono::seconds d) { m_now += d; }

private:
    TimePoint m_now = std::chrono::system_clock::now();
};

/// A MySqlSink that fails (as a lost server would) on its Nth write, after N-1 committed batches.
class FailingSink : public Sink
{
public:
    FailingSink(std::unique_ptr<Sink> inner, int failOnWrite) : m_inner(std::move(inner)), m_failOn(failOnWrite) {}
    void open(const SchemaPtr &schema) override
    {
        m_inner->setCheckpointKey(m_checkpointKey);
        m_inner->setStopAtFirstRejection(m_stopAtFirstRejection);
        m_inner->open(schema);
    }
    std::vector<RejectedRecord> write(Batch &batch) override
    {
        if (++m_writes == m_failOn)
            throw ConnectionError("injected failure: the destination went away", false);
        return m_inner->write(batch);
    }
    void commit(const nlohmann::json &checkpoint) override { m_inner->commit(checkpoint); }
    void rollback() override { m_inner->rollback(); }
    void close() override { m_inner->close(); }
    bool storesCheckpoints() const override { return m_inner->storesCheckpoints(); }
    nlohmann::json storedCheckpoint() override
    {
        m_inner->setCheckpointKey(m_checkpointKey);
        return m_inner->storedCheckpoint();
    }

private:
    std::unique_ptr<Sink> m_inner;
    int m_failOn;
    int m_writes = 0;
};

/// Runs the flow whenever the scheduler says, synchronously, like `flowdeck run` does.
struct Harness
{
    FakeClock clock;
    Flow flow;
    EngineOptions options;
    std::vector<RunResult> runs;
    int failOnWrite = 0; // next run only
    Scheduler scheduler{clock, [this](const std::string &name, RunTrigger trigger) {
                            EngineOptions o = options;
                            o.trigger = trigger;
                            Engine engine(flow, o);
                            if (failOnWrite) {
                                const int n = std::exchange(failOnWrite, 0);
                                engine.setSinkFactory([n](const Flow &f) {
                                    return std::make_unique<FailingSink>(std::make_unique<MySqlSink>(f.destination), n);
                                });
                            }
                            runs.push_back(engine.run());
                            scheduler.finished(name, runs.back().deactivated);
                        }};

    void add() { addScheduledFlow(scheduler, flow, options.stateDir); }
    std::optional<TimePoint> lastStart() const
    {
        const RunState s = StateStore(options.stateDir, flow.name).load();
        return s.startedAt.empty() ? std::nullopt : parseUtcIso(s.startedAt);
    }
    /// Advances the clock and ticks; returns how many runs started.
    int advance(std::chrono::seconds d)
    {
        const std::size_t before = runs.size();
        clock.advance(d);
        scheduler.tick();
        return int(runs.size() - before);
    }
};

const char *const kTable = "CREATE TABLE %1 (id INT PRIMARY KEY, customer VARCHAR(40) NOT NULL, amount DECIMAL(10,2) NOT NULL, "
                           "updated_at DATETIME(3) NOT NULL, KEY (updated_at, id))";

std::string tableSql(const std::string &name)
{
    return QString::fromLatin1(kTable).arg(QString::fromStdString(name)).toStdString();
}

QStringList rows(const std::string &db, const std::string &table)
{
    QStringList l;
    for (const auto &r : test::querySql("SELECT id, customer, amount, updated_at FROM " + table + " ORDER BY id", db))
        l << QString::fromStdString(r);
    return l;
}

nlohmann::json orderFlow(const std::string &db, const std::string &name, nlohmann::json trigger)
{
    return {{"flowdeck", 1},
            {"name", name},
            {"source", {{"type", "mysql"}, {"connection", test::sandboxConnection(db)}, {"table", "orders"}, {"chunkSize", 2}}},
            {"destination", test::mysqlDestination(db, "orders_copy", "upsert", {{"key", {"id"}}, {"batchRows", 3}})},
            {"trigger", std::move(trigger)}};
}

} // namespace

Q_DECLARE_METATYPE(RunTrigger)

class TestScheduledFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void threeRunsCopyEveryChangeOnce();
    void failedRunLosesNothing();
    void deactivatedAfterFailures();
    void missedSlotRunsOnceAtStart();
    void watermarkColumnIsChecked_data();
    void watermarkColumnIsChecked();
    void historyPrintsRuns();
    void folderPicksUpOnlyNewFiles();
    void killedRunResumesWithoutLoss();
    void runFollowsTheScheduleUntilSignal();
    void integerWatermarkBeyondDoublePrecision();

private:
    QTemporaryDir m_tmp;
};

void TestScheduledFlow::threeRunsCopyEveryChangeOnce()
{
    const std::string db = test::freshDatabase("sched_three");
    test::execSql(tableSql("orders") + "; " + tableSql("orders_copy"), db);
    test::execSql("INSERT INTO orders VALUES (1,'ann',10,'2026-01-01 10:00:00'), (2,'bob',20,'2026-01-01 10:00:00'),"
                  "(3,'cy',30,'2026-01-01 10:00:00'), (4,'di',40,'2026-01-01 10:01:00'), (5,'ed',50,'2026-01-01 10:02:00'),"
                  "(99,'old',1,'2025-06-01 00:00:00')", db);
    QTemporaryDir state;
    Harness h;
    h.flow = flowFromJson(orderFlow(db, "orders-three", {{"type", "schedule"}, {"every", "15m"},
                                                          {"incremental", {{"field", "updated_at"}, {"tieBreaker", "id"},
                                                                           {"from", "2026-01-01T00:00:00Z"}}}}));
    h.options.stateDir = state.path().toStdString();
    h.add();

    // Run 1, at once (the flow never ran): everything from `from` on; row 99 is older.
    QCOMPARE(h.advance(0s), 1);
    QVERIFY2(h.runs[0].status == RunStatus::Completed, h.runs[0].error.c_str());
    QCOMPARE(h.runs[0].counts.read, std::uint64_t(5));
    QCOMPARE(h.runs[0].trigger, RunTrigger::Schedule);
    QCOMPARE(QString::fromStdString(h.runs[0].watermarkAfter.dump()),
             QStringLiteral(R"({"after":["5"],"field":"updated_at","phase":"incremental","value":"2026-01-01 10:02:00.000"})"));
    QCOMPARE(rows(db, "orders_copy"), rows(db, "orders").mid(0, 5));

    // Between runs: a row with the SAME updated_at as the watermark and a higher id, an update,
    // several rows sharing one new updated_at.
    test::execSql("INSERT INTO orders VALUES (6,'fay',60,'2026-01-01 10:02:00'), (7,'gus',70,'2026-01-01 10:03:00');"
                  "UPDATE orders SET amount = 21, updated_at = '2026-01-01 10:05:00' WHERE id = 2;"
                  "INSERT INTO orders VALUES (8,'hal',80,'2026-01-01 10:05:00'), (9,'ivy',90,'2026-01-01 10:05:00'),"
                  "(10,'jo',100,'2026-01-01 10:05:00')", db);
    QCOMPARE(h.advance(14min), 0); // not due yet
    QCOMPARE(h.advance(1min), 1);
    QVERIFY2(h.runs[1].status == RunStatus::Completed, h.runs[1].error.c_str());
    QCOMPARE(h.runs[1].counts.read, std::uint64_t(6)); // 6, 7, 2, 8, 9, 10: each change once
    QCOMPARE(h.runs[1].counts.written, std::uint64_t(6));

    test::execSql("UPDATE orders SET amount = 11, updated_at = '2026-01-01 10:10:00' WHERE id IN (1, 6);"
                  "INSERT INTO orders VALUES (11,'kim',110,'2026-01-01 10:10:00')", db);
    QCOMPARE(h.advance(15min), 1);
    QVERIFY2(h.runs[2].status == RunStatus::Completed, h.runs[2].error.c_str());
    QCOMPARE(h.runs[2].counts.read, std::uint64_t(3));

    // A run with nothing new reads nothing and keeps the watermark.
    QCOMPARE(h.advance(15min), 1);
    QCOMPARE(h.runs[3].counts.read, std::uint64_t(0));
    QVERIFY(h.runs[3].watermarkAfter == h.runs[2].watermarkAfter);

    QStringList expected = rows(db, "orders");
    expected.removeLast(); // row 99 is older than `from`
    QCOMPARE(rows(db, "orders_copy"), expected);

    // The history holds each run with its trigger and watermarks.
    std::ifstream in(StateStore(h.options.stateDir, h.flow.name).historyPath());
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        const auto j = nlohmann::json::parse(line);
        QCOMPARE(j.value("trigger", std::string()), std::string("schedule"));
        QVERIFY(j.contains("watermarkBefore") && j.contains("watermarkAfter"));
        ++n;
    }
    QCOMPARE(n, 4);
}

void TestScheduledFlow::failedRunLosesNothing()
{
    const std::string db = test::freshDatabase("sched_fail");
    test::execSql(tableSql("orders") + "; " + tableSql("orders_copy"), db);
    std::string values;
    for (int i = 1; i <= 20; ++i)
        values += (i > 1 ? "," : "") + QStringLiteral("(%1,'c%1',%1,'2026-02-01 00:00:%2')").arg(i).arg(i / 3, 2, 10, QLatin1Char('0')).toStdString();
    test::execSql("INSERT INTO orders VALUES " + values, db);
    QTemporaryDir state;
    Harness h;
    h.flow = flowFromJson(orderFlow(db, "orders-fail", {{"type", "schedule"}, {"every", "1h"},
                                                         {"incremental", {{"field", "updated_at"}}}})); // tie breaker: the primary key
    h.options.stateDir = state.path().toStdString();
    h.add();

    h.failOnWrite = 3; // two batches of 3 rows are committed, the third write fails
    QCOMPARE(h.advance(0s), 1);
    QCOMPARE(h.runs[0].status, RunStatus::Failed);
    QVERIFY2(QString::fromStdString(h.runs[0].error).contains(QStringLiteral("injected failure")), h.runs[0].error.c_str());
    QCOMPARE(h.runs[0].counts.written, std::uint64_t(6));
    QCOMPARE(int(test::querySql("SELECT COUNT(*) FROM orders_copy", db).size()), 1);
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM orders_copy", db)[0], std::string("6"));
    // The watermark did not move: the state keeps none yet, the checkpoint is after row 6.
    QVERIFY(StateStore(h.options.stateDir, h.flow.name).load().watermark.is_null());

    // New rows arrive, then the next scheduled run resumes the failed one: nothing lost, nothing twice.
    test::execSql("INSERT INTO orders VALUES (21,'late',21,'2026-02-01 00:00:06')", db);
    QCOMPARE(h.advance(1h), 1);
    QVERIFY2(h.runs[1].status == RunStatus::Completed, h.runs[1].error.c_str());
    QVERIFY(h.runs[1].resumed);
    QCOMPARE(h.runs[1].counts.read, std::uint64_t(15));
    QCOMPARE(rows(db, "orders_copy"), rows(db, "orders"));
    QCOMPARE(StateStore(h.options.stateDir, h.flow.name).load().watermark.value("value", std::string()),
             std::string("2026-02-01 00:00:06.000"));
}

void TestScheduledFlow::deactivatedAfterFailures()
{
    const std::string db = test::freshDatabase("sched_deact");
    // updated_at is text here: the watermark column must be a time or an integer.
    test::execSql("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40), amount DECIMAL(10,2), updated_at VARCHAR(30));" +
                  tableSql("orders_copy"), db);
    QTemporaryDir state;
    Harness h;
    const nlohmann::json doc = orderFlow(db, "orders-deact", {{"type", "schedule"}, {"every", "10m"},
                                                               {"incremental", {{"field", "updated_at"}}},
                                                               {"deactivateAfterFailures", 2}});
    h.flow = flowFromJson(doc);
    h.options.stateDir = state.path().toStdString();
    h.add();
    QCOMPARE(h.advance(0s), 1);
    QCOMPARE(h.runs[0].status, RunStatus::Failed);
    QVERIFY(!h.runs[0].deactivated);
    QCOMPARE(h.runs[0].consecutiveFailures, 1u);
    QCOMPARE(h.advance(10min), 1);
    QCOMPARE(h.runs[1].status, RunStatus::Failed);
    QVERIFY(h.runs[1].deactivated);
    QVERIFY(h.scheduler.deactivated(h.flow.name));
    QCOMPARE(h.advance(1h), 0);
    QCOMPARE(h.advance(24h), 0);
    const RunState saved = StateStore(h.options.stateDir, h.flow.name).load();
    QVERIFY(saved.deactivated);
    QCOMPARE(saved.consecutiveFailures, 2u);
    QVERIFY2(QString::fromStdString(saved.lastError).contains(QStringLiteral("trigger.incremental.field")), saved.lastError.c_str());

    // `flowdeck run` agrees: it refuses the deactivated schedule and says how to turn it back on.
    const QString flowPath = QString::fromStdString(state.path().toStdString() + "/orders-deact.flow.json");
    std::ofstream(flowPath.toStdString()) << doc.dump(2);
    QProcess p;
    p.start(test::flowdeckBinary(), {QStringLiteral("run"), flowPath, QStringLiteral("--once"), QStringLiteral("--state-dir"), state.path()});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 1);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("deactivated")) && err.contains(QStringLiteral("--reactivate")), qPrintable(err));

    // Fixed, reactivated: it runs again.
    test::execSql("ALTER TABLE orders MODIFY updated_at DATETIME(3) NOT NULL; INSERT INTO orders VALUES (1,'a',1,'2026-03-01 00:00:00')", db);
    p.start(test::flowdeckBinary(), {QStringLiteral("run"), flowPath, QStringLiteral("--once"), QStringLiteral("--reactivate"),
                                     QStringLiteral("--state-dir"), state.path()});
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(out.contains(QStringLiteral("run completed (manual")), qPrintable(out));
    QVERIFY(!StateStore(h.options.stateDir, h.flow.name).load().deactivated);
    QCOMPARE(rows(db, "orders_copy"), rows(db, "orders"));
}

void TestScheduledFlow::missedSlotRunsOnceAtStart()
{
    const std::string db = test::freshDatabase("sched_missed");
    test::execSql(tableSql("orders") + "; " + tableSql("orders_copy") +
                  "; INSERT INTO orders VALUES (1,'a',1,'2026-01-01 00:00:00')", db);
    QTemporaryDir state;
    const nlohmann::json trigger = {{"type", "schedule"}, {"every", "15m"}, {"incremental", {{"field", "updated_at"}}}};
    {
        Harness first;
        first.flow = flowFromJson(orderFlow(db, "orders-missed", trigger));
        first.options.stateDir = state.path().toStdString();
        first.add();
        QCOMPARE(first.advance(0s), 1);
        QVERIFY2(first.runs[0].status == RunStatus::Completed, first.runs[0].error.c_str());
    }
    // "The program was closed" for a day: 96 slots passed. At start, one catch-up run.
    test::execSql("INSERT INTO orders VALUES (2,'b',2,'2026-01-02 00:00:00')", db);
    Harness again;
    again.flow = flowFromJson(orderFlow(db, "orders-missed", trigger));
    again.options.stateDir = state.path().toStdString();
    again.clock.set(*again.lastStart() + 24h);
    again.add();
    QCOMPARE(again.advance(0s), 1);
    QCOMPARE(again.advance(1s), 0);
    QCOMPARE(again.runs[0].trigger, RunTrigger::CatchUp);
    QCOMPARE(again.runs[0].counts.read, std::uint64_t(1));
    QCOMPARE(again.advance(15min), 1);
    QCOMPARE(again.runs[1].trigger, RunTrigger::Schedule);
    QCOMPARE(rows(db, "orders_copy"), rows(db, "orders"));
}

void TestScheduledFlow::watermarkColumnIsChecked_data()
{
    QTest::addColumn<QString>("create");
    QTest::addColumn<QString>("incremental");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing column") << "CREATE TABLE orders (id INT PRIMARY KEY, changed DATETIME)" << R"({"field": "updated_at"})"
                                    << "trigger.incremental.field: column 'updated_at' not found in sched_check.orders (its columns: id, changed)";
    QTest::newRow("text column") << "CREATE TABLE orders (id INT PRIMARY KEY, updated_at VARCHAR(20))" << R"({"field": "updated_at"})"
                                 << "trigger.incremental.field: column 'updated_at' of sched_check.orders is varchar(20); the "
                                    "watermark column must be a date/time (date, datetime, timestamp) or integer column";
    QTest::newRow("no key, no tie breaker") << "CREATE TABLE orders (id INT, updated_at DATETIME)" << R"({"field": "updated_at"})"
                                            << "trigger.incremental.tieBreaker: sched_check.orders has no primary key: name a "
                                               "unique column as tieBreaker";
    QTest::newRow("missing tie breaker") << "CREATE TABLE orders (id INT, updated_at DATETIME)"
                                         << R"({"field": "updated_at", "tieBreaker": "uid"})"
                                         << "trigger.incremental.tieBreaker: column 'uid' not found in sched_check.orders";
    QTest::newRow("from on an integer") << "CREATE TABLE orders (id INT PRIMARY KEY, seq BIGINT)"
                                        << R"({"field": "seq", "from": "2026-01-01"})"
                                        << "trigger.incremental.from: column 'seq' of sched_check.orders is bigint";
}

void TestScheduledFlow::watermarkColumnIsChecked()
{
    QFETCH(QString, create);
    QFETCH(QString, incremental);
    QFETCH(QString, message);
    const std::string db = test::freshDatabase("sched_check");
    test::execSql(create.toStdString() + "; " + tableSql("orders_copy"), db);
    QTemporaryDir state;
    EngineOptions options;
    options.stateDir = state.path().toStdString();
    Engine engine(flowFromJson(orderFlow(db, "orders-check", {{"type", "schedule"}, {"every", "1h"},
                                                              {"incremental", nlohmann::json::parse(incremental.toStdString())}})),
                  options);
    const RunResult r = engine.run();
    QCOMPARE(r.status, RunStatus::Failed);
    QVERIFY2(QString::fromStdString(r.error).startsWith(message), r.error.c_str());
}

void TestScheduledFlow::historyPrintsRuns()
{
    const std::string db = test::freshDatabase("sched_hist");
    test::execSql(tableSql("orders") + "; " + tableSql("orders_copy") +
                  "; INSERT INTO orders VALUES (1,'a',1,'2026-01-01 00:00:00'), (2,'b',2,'2026-01-01 00:00:00')", db);
    QTemporaryDir state;
    const nlohmann::json doc = orderFlow(db, "orders-history", {{"type", "schedule"}, {"at", "02:30"},
                                                                 {"incremental", {{"field", "updated_at"}, {"tieBreaker", "id"}}}});
    const QString flowPath = state.filePath(QStringLiteral("orders-history.flow.json"));
    std::ofstream(flowPath.toStdString()) << doc.dump(2);
    QProcess p;
    p.start(test::flowdeckBinary(), {QStringLiteral("run"), flowPath, QStringLiteral("--once"), QStringLiteral("--state-dir"), state.path()});
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    p.start(test::flowdeckBinary(), {QStringLiteral("history"), flowPath, QStringLiteral("--state-dir"), state.path()});
    QVERIFY(p.waitForFinished(60000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(out.contains(QStringLiteral("manual")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("watermark (start) -> 2026-01-01 00:00:00.000/2")), qPrintable(out));
}

void TestScheduledFlow::folderPicksUpOnlyNewFiles()
{
    const std::string db = test::freshDatabase("sched_folder");
    test::execSql(tableSql("orders_copy"), db);
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(QStringLiteral("exports")));
    auto exportFile = [&](const char *name, const std::string &rowsText) {
        std::ofstream(dir.filePath(QStringLiteral("exports/") + QLatin1String(name)).toStdString())
            << "id,customer,amount,updated_at\n" << rowsText;
    };
    exportFile("orders-01.csv", "1,ann,10,2026-01-01 10:00:00\n2,bob,20,2026-01-01 10:00:00\n");
    Harness h;
    h.flow = flowFromJson({{"flowdeck", 1},
                           {"name", "orders-folder"},
                           {"source", {{"type", "file"}, {"path", dir.filePath(QStringLiteral("exports/*.csv")).toStdString()}}},
                           {"destination", test::mysqlDestination(db, "orders_copy", "upsert", {{"key", {"id"}}})},
                           {"trigger", {{"type", "schedule"}, {"every", "1h"}}}});
    h.options.stateDir = dir.filePath(QStringLiteral("state")).toStdString();
    h.add();
    QCOMPARE(h.advance(0s), 1);
    QVERIFY2(h.runs[0].status == RunStatus::Completed, h.runs[0].error.c_str());
    QCOMPARE(h.runs[0].counts.written, std::uint64_t(2));
    QVERIFY(h.runs[0].bytesRead > 0);

    // No new export: the run completes and reads nothing.
    QCOMPARE(h.advance(1h), 1);
    QVERIFY2(h.runs[1].status == RunStatus::Completed, h.runs[1].error.c_str());
    QCOMPARE(h.runs[1].counts.read, std::uint64_t(0));

    // The next hour's export lands: only it is read.
    exportFile("orders-02.csv", "2,bob,25,2026-01-01 11:00:00\n3,cy,30,2026-01-01 11:00:00\n");
    QCOMPARE(h.advance(1h), 1);
    QVERIFY2(h.runs[2].status == RunStatus::Completed, h.runs[2].error.c_str());
    QCOMPARE(h.runs[2].counts.read, std::uint64_t(2));
    QCOMPARE(rows(db, "orders_copy"), QStringList({QStringLiteral("1\tann\t10.00\t2026-01-01 10:00:00.000"),
                                                   QStringLiteral("2\tbob\t25.00\t2026-01-01 11:00:00.000"),
                                                   QStringLiteral("3\tcy\t30.00\t2026-01-01 11:00:00.000")}));
    QCOMPARE(QString::fromStdString(h.runs[2].watermarkAfter["files"].dump()).count(QStringLiteral("sha256")), 2);
}

void TestScheduledFlow::killedRunResumesWithoutLoss()
{
    constexpr int kRows = 100000;
    const std::string db = test::freshDatabase("sched_kill");
    // Seven rows share each updated_at: the watermark falls inside such groups.
    test::execSql(tableSql("orders") + "; " + tableSql("orders_copy"), db);
    test::execSql("INSERT INTO orders SELECT seq, CONCAT('c', seq), seq % 1000, TIMESTAMP('2026-01-01') + INTERVAL (seq DIV 7) SECOND "
                  "FROM seq_1_to_" + std::to_string(kRows), db);
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM orders", db).at(0), std::to_string(kRows));
    QTemporaryDir state;
    nlohmann::json doc = orderFlow(db, "orders-kill", {{"type", "schedule"}, {"every", "1h"},
                                                        {"incremental", {{"field", "updated_at"}, {"tieBreaker", "id"}}}});
    doc["source"]["chunkSize"] = 500;
    doc["destination"]["write"]["batchRows"] = 100;
    const QString flowPath = state.filePath(QStringLiteral("orders-kill.flow.json"));
    std::ofstream(flowPath.toStdString()) << doc.dump(2);
    const QStringList args = {QStringLiteral("run"), flowPath, QStringLiteral("--once"), QStringLiteral("--state-dir"), state.path(),
                              QStringLiteral("--metrics-json"), state.filePath(QStringLiteral("metrics.json"))};
    auto copied = [&] { return std::stoi(test::querySql("SELECT COUNT(*) FROM orders_copy", db).at(0)); };

    QProcess p;
    p.start(test::flowdeckBinary(), args);
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY2_WITH_TIMEOUT(copied() > 1000 || p.state() != QProcess::Running, p.readAllStandardError().constData(), 60000);
    QVERIFY2(p.state() == QProcess::Running, QByteArray(p.readAllStandardOutput() + p.readAllStandardError()).constData());
    ::kill(pid_t(p.processId()), SIGKILL);
    QVERIFY(p.waitForFinished(10000));
    const int before = copied();
    QVERIFY2(before < kRows, "the run ended before it was killed: nothing was tested");

    // Rows arrive meanwhile, one at the newest updated_at with a higher id.
    test::execSql("INSERT INTO orders SELECT id + 1000000, customer, amount, updated_at FROM orders WHERE id = " +
                  std::to_string(kRows) + "; INSERT INTO orders VALUES (2000000, 'new', 1, '2026-06-01 00:00:00')", db);
    p.start(test::flowdeckBinary(), args);
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    std::ifstream in(state.filePath(QStringLiteral("metrics.json")).toStdString());
    const nlohmann::json metrics = nlohmann::json::parse(in);
    QVERIFY(metrics.value("resumed", false));
    // The resumed run reads exactly the rows the killed one had not committed, plus the new ones.
    QCOMPARE(metrics.value("read", 0), kRows + 2 - before);
    const std::string checksum = "SELECT COUNT(*), SUM(CRC32(CONCAT_WS(',', id, customer, amount, updated_at))) FROM ";
    QCOMPARE(test::querySql(checksum + "orders_copy", db), test::querySql(checksum + "orders", db));
}

void TestScheduledFlow::runFollowsTheScheduleUntilSignal()
{
    const std::string db = test::freshDatabase("sched_loop");
    test::execSql(tableSql("orders") + "; " + tableSql("orders_copy"), db);
    test::execSql("INSERT INTO orders VALUES (1,'a',1,'2026-01-01 00:00:00'), (2,'b',2,'2026-01-01 00:00:01')", db);
    QTemporaryDir state;
    const nlohmann::json doc = orderFlow(db, "orders-loop", {{"type", "schedule"}, {"every", "1h"},
                                                              {"incremental", {{"field", "updated_at"}}}});
    const QString flowPath = state.filePath(QStringLiteral("orders-loop.flow.json"));
    std::ofstream(flowPath.toStdString()) << doc.dump(2);
    QProcess p;
    p.start(test::flowdeckBinary(), {QStringLiteral("run"), flowPath, QStringLiteral("--state-dir"), state.path()});
    QVERIFY(p.waitForStarted());
    // Never ran: the first run starts at once; then it waits an hour for the next one.
    QString out;
    QTRY_VERIFY2_WITH_TIMEOUT((out += QString::fromUtf8(p.readAllStandardOutput())).contains(QStringLiteral("orders-loop: next run")),
                              qPrintable(out), 60000);
    QVERIFY2(out.contains(QStringLiteral("orders-loop: scheduled every 1h")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("orders-loop: run completed (schedule, started ")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("read 2, written 2")), qPrintable(out));
    QCOMPARE(p.state(), QProcess::Running);
    ::kill(pid_t(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    out += QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(out.contains(QStringLiteral("orders-loop: schedule stopped")), qPrintable(out));
    QCOMPARE(rows(db, "orders_copy"), rows(db, "orders"));
}

void TestScheduledFlow::integerWatermarkBeyondDoublePrecision()
{
    // An integer watermark that is the primary key itself (no tie breaker), with values beyond a
    // double's precision (2^53 + 1): each row is read once, the next run only reads the new one.
    const std::string db = test::freshDatabase("sched_bigint");
    test::execSql("CREATE TABLE events (seq BIGINT UNSIGNED PRIMARY KEY, v INT); CREATE TABLE events_copy LIKE events", db);
    test::execSql("INSERT INTO events VALUES (9007199254740992, 1), (9007199254740993, 2)", db);
    QTemporaryDir state;
    Harness h;
    h.flow = flowFromJson({{"flowdeck", 1},
                           {"name", "events-bigint"},
                           {"source", {{"type", "mysql"}, {"connection", test::sandboxConnection(db)}, {"table", "events"}}},
                           {"destination", test::mysqlDestination(db, "events_copy", "upsert", {{"key", {"seq"}}})},
                           {"trigger", {{"type", "schedule"}, {"every", "1m"}, {"incremental", {{"field", "seq"}}}}}});
    h.options.stateDir = state.path().toStdString();
    h.add();
    QCOMPARE(h.advance(0s), 1);
    QCOMPARE(h.runs[0].counts.read, std::uint64_t(2));
    test::execSql("INSERT INTO events VALUES (9007199254740994, 3)", db);
    QCOMPARE(h.advance(1min), 1);
    QVERIFY2(h.runs[1].status == RunStatus::Completed, h.runs[1].error.c_str());
    QCOMPARE(h.runs[1].counts.read, std::uint64_t(1));
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM events_copy", db).at(0), std::string("3"));
}

QTEST_GUILESS_MAIN(TestScheduledFlow)
#include "tst_scheduledflow.moc"
