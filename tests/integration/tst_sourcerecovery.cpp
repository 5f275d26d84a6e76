// A MariaDB restart under a running snapshot+cdc flow: the source reconnects and loses nothing.
// The test runs its own sandbox server (the shared one must stay up for the other tests).
#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "core/mysql/mysqlconnection.h"
#include "core/devtools/sandbox.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace flowdeck;

namespace {

/// What the flow wrote: per id, how often it came and its last value. Outlives the engine.
class Collected
{
public:
    struct Seen
    {
        int times = 0;
        std::string value;
    };
    void add(const Batch &batch)
    {
        std::lock_guard lock(m_mutex);
        for (const Record &r : batch) {
            if (r.op == RowOp::Ddl)
                continue;
            Seen &s = m_seen[std::stoll(r.values.at(0).toString())];
            ++s.times;
            s.value = r.values.at(1).toString();
        }
    }
    std::map<long long, Seen> seen() const
    {
        std::lock_guard lock(m_mutex);
        return m_seen;
    }
    std::size_t distinct() const
    {
        std::lock_guard lock(m_mutex);
        return m_seen.size();
    }

private:
    mutable std::mutex m_mutex;
    std::map<long long, Seen> m_seen;
};

/// Hands every batch to a Collected; slow on purpose when asked, so the snapshot is still being
/// read when the server goes down.
class CollectingSink : public Sink
{
public:
    CollectingSink(Collected &into, std::chrono::milliseconds delay) : m_into(into), m_delay(delay) {}
    void open(const SchemaPtr &) override {}
    std::vector<RejectedRecord> write(Batch &batch) override
    {
        std::this_thread::sleep_for(m_delay);
        m_into.add(batch);
        return {};
    }

private:
    Collected &m_into;
    std::chrono::milliseconds m_delay;
};

} // namespace

class TestSourceRecovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void restartDuringStream();
    void restartDuringSnapshot();

private:
    void restartServer();
    void exec(const std::string &sql);
    Flow flow(const std::string &table, const std::string &read) const;
    RunResult runWhile(const Flow &flow, std::unique_ptr<CollectingSink> sink,
                       const std::function<void(Engine &)> &during);

    QTemporaryDir m_tmp;
    QString m_dir;
    int m_port = 0;
    std::unique_ptr<MySqlConnection> m_session;
};

void TestSourceRecovery::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_dir = m_tmp.filePath(QStringLiteral("sandbox"));
    m_port = Sandbox::freePort();
    Sandbox::StartOptions options;
    options.port = m_port;
    options.fresh = true;
    Sandbox(m_dir).start(options);
    exec("CREATE DATABASE rec");
}

void TestSourceRecovery::cleanupTestCase()
{
    m_session.reset();
    if (!m_dir.isEmpty())
        Sandbox(m_dir).stop();
}

void TestSourceRecovery::exec(const std::string &sql)
{
    if (!m_session || !m_session->isConnected()) {
        MySqlConnectionConfig config;
        config.host = "127.0.0.1";
        config.port = m_port;
        config.user = "root";
        config.database = "test"; // seq_1_to_N tables need a current database
        m_session = std::make_unique<MySqlConnection>(config);
        m_session->connect();
    }
    m_session->execute(sql);
}

void TestSourceRecovery::restartServer()
{
    m_session.reset();
    Sandbox sandbox(m_dir);
    const Sandbox::StopResult stopped = sandbox.stop();
    QVERIFY(stopped.wasRunning);
    Sandbox::StartOptions options;
    options.port = m_port;
    const Sandbox::StartResult started = sandbox.start(options);
    QVERIFY(!started.alreadyRunning);
}

Flow TestSourceRecovery::flow(const std::string &table, const std::string &read) const
{
    const nlohmann::json connection = {{"host", "127.0.0.1"}, {"port", m_port}, {"user", "root"},
                                       {"password", ""}, {"database", "rec"}};
    return flowFromJson({{"flowdeck", 1},
                         {"name", "recovery-" + table},
                         {"source", {{"type", "mysql"}, {"connection", connection}, {"table", table},
                                     {"read", read}, {"chunkSize", 200}}},
                         // The test replaces the sink; batches of 200 rows keep the snapshot slow.
                         {"destination", {{"type", "mysql"}, {"connection", connection}, {"table", "unused"},
                                          {"write", {{"mode", "upsert"}, {"batchRows", 200}}}}}});
}

RunResult TestSourceRecovery::runWhile(const Flow &flow, std::unique_ptr<CollectingSink> sink,
                                       const std::function<void(Engine &)> &during)
{
    QTemporaryDir state;
    EngineOptions options;
    options.stateDir = state.path().toStdString();
    Engine engine(flow, options);
    engine.setSinkFactory([&](const Flow &) -> std::unique_ptr<Sink> { return std::move(sink); });
    RunResult result;
    std::thread runner([&] { result = engine.run(); });
    std::string failure;
    try {
        during(engine);
    } catch (const std::exception &e) {
        failure = e.what();
    }
    engine.requestStop();
    runner.join();
    if (!failure.empty())
        QTest::qFail(failure.c_str(), __FILE__, __LINE__);
    return result;
}

// Changes committed before and after a restart all arrive, each exactly once: the reader goes on
// after the last complete transaction it handed out.
void TestSourceRecovery::restartDuringStream()
{
    exec("CREATE TABLE rec.s (id INT PRIMARY KEY, v VARCHAR(20))");
    Collected collected;
    Collected *sink = &collected;
    auto owned = std::make_unique<CollectingSink>(collected, std::chrono::milliseconds(0));
    const RunResult result = runWhile(flow("s", "cdc"), std::move(owned), [&](Engine &) {
        // Let the binlog reader connect before the first change.
        QTest::qWait(1500);
        for (int i = 0; i < 50; ++i)
            exec("INSERT INTO rec.s SELECT seq, 'before' FROM seq_" + std::to_string(i * 10 + 1) + "_to_" +
                 std::to_string(i * 10 + 10));
        QTRY_COMPARE_WITH_TIMEOUT(sink->distinct(), std::size_t(500), 20000);
        restartServer();
        exec("UPDATE rec.s SET v = 'after' WHERE id <= 100");
        for (int i = 50; i < 100; ++i)
            exec("INSERT INTO rec.s SELECT seq, 'after' FROM seq_" + std::to_string(i * 10 + 1) + "_to_" +
                 std::to_string(i * 10 + 10));
        QTRY_COMPARE_WITH_TIMEOUT(sink->distinct(), std::size_t(1000), 90000);
        QTRY_COMPARE_WITH_TIMEOUT(sink->seen().at(1).times, 2, 30000);
    });
    QVERIFY2(result.status != RunStatus::Failed, result.error.c_str());
    QVERIFY(result.counts.addsUp());
    for (const auto &[id, seen] : sink->seen()) {
        // Inserted once; ids 1..100 also updated once after the restart.
        QCOMPARE(seen.times, id <= 100 ? 2 : 1);
        QCOMPARE(seen.value, std::string(id <= 100 || id > 500 ? "after" : "before"));
    }
}

// The server goes down while the snapshot is read: the rest of the snapshot comes from a new
// consistent snapshot, and the stream still starts at the first snapshot's coordinates.
void TestSourceRecovery::restartDuringSnapshot()
{
    exec("CREATE TABLE rec.t (id INT PRIMARY KEY, v VARCHAR(20))");
    exec("INSERT INTO rec.t SELECT seq, 'snap' FROM seq_1_to_20000");
    Collected collected;
    Collected *sink = &collected;
    auto owned = std::make_unique<CollectingSink>(collected, std::chrono::milliseconds(40));
    const RunResult result = runWhile(flow("t", "snapshot+cdc"), std::move(owned), [&](Engine &engine) {
            // 200 rows per 40 ms: the snapshot takes ~4 s; the reader is at most 8 batches ahead.
            QTRY_VERIFY_WITH_TIMEOUT(engine.metrics().snapshot().written >= 2000, 20000);
            QVERIFY2(engine.metrics().snapshot().written < 10000, "the snapshot went too fast to interrupt");
            restartServer();
            exec("UPDATE rec.t SET v = 'changed' WHERE id IN (1, 19999)");
            exec("INSERT INTO rec.t SELECT seq, 'new' FROM seq_20001_to_20100");
            QTRY_COMPARE_WITH_TIMEOUT(sink->distinct(), std::size_t(20100), 120000);
            QTRY_VERIFY_WITH_TIMEOUT(sink->seen().at(1).value == "changed" && sink->seen().at(19999).value == "changed",
                                     30000);
        });
    QVERIFY2(result.status != RunStatus::Failed, result.error.c_str());
    QVERIFY(result.counts.addsUp());
    const auto seen = sink->seen();
    QCOMPARE(seen.begin()->first, 1LL);
    QCOMPARE(seen.rbegin()->first, 20100LL);
    QCOMPARE(seen.at(20050).value, std::string("new"));
    QCOMPARE(seen.at(5000).value, std::string("snap"));
}

QTEST_GUILESS_MAIN(TestSourceRecovery)
#include "tst_sourcerecovery.moc"
