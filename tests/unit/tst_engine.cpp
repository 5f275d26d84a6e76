// The engine with in-memory endpoints: what it commits, with which checkpoint, what it
// dead-letters, where it stops, how it resumes and when --until-idle ends a run. No servers, no
// timing assertions: every outcome is read from the sink, the state file or the run's result.
#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "tests/common/testsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <memory>

using namespace flowdeck;

namespace {

/// Records 1..n with fields id and name; the source's checkpoint is {"next": index of the next
/// record}. A name "unreadable" makes an error record (a line the reader could not parse).
class MemorySource : public Source
{
public:
    struct Log
    {
        nlohmann::json openedAt = "not opened";
    };

    MemorySource(std::vector<std::string> names, Log &log, bool continuous = false)
        : m_names(std::move(names)), m_log(log), m_continuous(continuous), m_schema(test::schemaOf({"id", "name"}))
    {
    }

    void open(const nlohmann::json &resume) override
    {
        m_log.openedAt = resume;
        m_next = resume.is_object() ? resume.value("next", std::size_t(0)) : 0;
    }
    SchemaPtr schema() const override { return m_schema; }
    bool read(Batch &out, std::size_t maxRecords) override
    {
        while (out.size() < maxRecords && m_next < m_names.size()) {
            const std::size_t i = m_next++;
            Record r;
            r.position.source = "memory";
            r.position.line = i + 1;
            if (m_names[i] == "unreadable") {
                r.error = "cannot parse line " + std::to_string(i + 1);
                r.raw = "garbage";
            } else {
                r = test::row(m_schema, {Value::integer(std::int64_t(i + 1)), Value::text(m_names[i])});
                r.position.source = "memory";
                r.position.line = i + 1;
            }
            out.push_back(std::move(r));
        }
        return !out.empty() || m_continuous;
    }
    nlohmann::json checkpointAfter(const Position &position) const override { return {{"next", position.line}}; }
    bool continuous() const override { return m_continuous; }
    bool caughtUp() const override { return m_next >= m_names.size(); }

private:
    std::vector<std::string> m_names;
    Log &m_log;
    bool m_continuous;
    SchemaPtr m_schema;
    std::size_t m_next = 0;
};

/// Keeps the names it commits and the checkpoints it is handed. Refuses a record named "reject";
/// throws on write number `failOnWrite` (1-based; 0: never); may ask the engine to stop after
/// its first commit.
class MemorySink : public Sink
{
public:
    struct Log
    {
        std::vector<std::string> committed;       // names, in commit order
        std::vector<nlohmann::json> checkpoints;  // one per commit()
        int writes = 0;
        int rollbacks = 0;
    };

    MemorySink(Log &log, int failOnWrite = 0, Engine *stopAfterFirstCommit = nullptr)
        : m_log(log), m_failOn(failOnWrite), m_stopEngine(stopAfterFirstCommit)
    {
    }
    void open(const SchemaPtr &) override {}
    std::vector<RejectedRecord> write(Batch &batch) override
    {
        if (++m_log.writes == m_failOn)
            throw ConnectionError("injected: the destination went away", false);
        std::vector<RejectedRecord> rejected;
        m_sent.clear();
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const std::string name = batch[i].field("name")->toString();
            if (name == "reject") {
                rejected.push_back({i, "name 'reject' is refused"});
                if (stopAtFirstRejection())
                    break;
                continue;
            }
            m_sent.push_back(name);
        }
        return rejected;
    }
    void commit(const nlohmann::json &checkpoint) override
    {
        m_log.committed.insert(m_log.committed.end(), m_sent.begin(), m_sent.end());
        m_sent.clear();
        m_log.checkpoints.push_back(checkpoint);
        if (m_stopEngine)
            m_stopEngine->requestStop();
    }
    void rollback() override
    {
        m_sent.clear();
        ++m_log.rollbacks;
    }

private:
    Log &m_log;
    int m_failOn;
    Engine *m_stopEngine;
    std::vector<std::string> m_sent;
};

using Names = std::vector<std::string>;

/// JSON compared as its text, so a failure shows both sides.
QString text(const nlohmann::json &j)
{
    return QString::fromStdString(j.dump());
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchesCommitWithTheirCheckpoint();
    void sinkFailureKeepsTheCheckpoint();
    void resumesFromTheCheckpoint();
    void skipModeDeadLettersBadRecords();
    void stopModeStopsAtRejectedRecord();
    void stopModeStopsAtUnreadableRecord();
    void stopRequestEndsAfterTheBatch();
    void untilIdleEndsCaughtUp();

private:
    /// A flow whose endpoints the tests replace (the file source and MySQL destination are never
    /// opened): batches of `batchRows`, error handling `onError`.
    Flow flow(const std::string &onError = "skip", int batchRows = 2) const;
    EngineOptions options() const;
    RunState savedState() const;

    QTemporaryDir m_dir;
    int m_flowNumber = 0;
};

Flow TestEngine::flow(const std::string &onError, int batchRows) const
{
    nlohmann::json doc = {{"flowdeck", 1},
                          {"name", "engine-test-" + std::to_string(m_flowNumber)},
                          {"source", {{"type", "file"}, {"path", "memory.csv"}, {"format", "csv"}}},
                          {"destination",
                           {{"type", "mysql"},
                            {"connection", {{"host", "127.0.0.1"}, {"user", "u"}, {"database", "x"}}},
                            {"table", "t"},
                            {"write", {{"mode", "insert"}, {"batchRows", batchRows}}}}},
                          {"errorHandling", {{"onError", onError}}}};
    if (onError == "skip")
        doc["errorHandling"]["deadLetter"] = m_dir.filePath(QStringLiteral("dead-%1.jsonl").arg(m_flowNumber)).toStdString();
    return flowFromJson(doc);
}

EngineOptions TestEngine::options() const
{
    EngineOptions o;
    o.stateDir = m_dir.filePath(QStringLiteral("state")).toStdString();
    return o;
}

RunState TestEngine::savedState() const
{
    return StateStore(options().stateDir, "engine-test-" + std::to_string(m_flowNumber)).load();
}

void TestEngine::batchesCommitWithTheirCheckpoint()
{
    ++m_flowNumber;
    MemorySource::Log sourceLog;
    MemorySink::Log sinkLog;
    Engine engine(flow(), options());
    engine.setSourceFactory([&](const Flow &) { return std::make_unique<MemorySource>(Names{"a", "b", "c", "d", "e"}, sourceLog); });
    engine.setSinkFactory([&](const Flow &) { return std::make_unique<MemorySink>(sinkLog); });
    const RunResult result = engine.run();

    QCOMPARE(int(result.status), int(RunStatus::Completed));
    QVERIFY(sourceLog.openedAt.is_null()); // a fresh run
    QCOMPARE(sinkLog.committed, (Names{"a", "b", "c", "d", "e"}));
    // Each batch of two is handed with the checkpoint after its last record.
    QCOMPARE(sinkLog.checkpoints.size(), std::size_t(3));
    for (std::size_t k = 0; k < 3; ++k) {
        const nlohmann::json &cp = sinkLog.checkpoints[k];
        QCOMPARE(cp.value("runId", std::string()), result.runId);
        QCOMPARE(cp.value("seq", 0), int(k + 1));
        QCOMPARE(text(cp["source"]), text(nlohmann::json{{"next", std::min<std::size_t>(5, 2 * (k + 1))}}));
    }
    const RunState state = savedState();
    QCOMPARE(int(state.status), int(RunStatus::Completed));
    QCOMPARE(text(state.checkpoint), text(nlohmann::json{{"seq", 3}, {"source", {{"next", 5}}}}));
    QCOMPARE(result.counts.read, std::uint64_t(5));
    QCOMPARE(result.counts.written, std::uint64_t(5));
    QVERIFY(result.counts.addsUp());
}

void TestEngine::sinkFailureKeepsTheCheckpoint()
{
    ++m_flowNumber;
    MemorySource::Log sourceLog;
    MemorySink::Log sinkLog;
    Engine engine(flow(), options());
    engine.setSourceFactory([&](const Flow &) { return std::make_unique<MemorySource>(Names{"a", "b", "c", "d", "e"}, sourceLog); });
    engine.setSinkFactory([&](const Flow &) { return std::make_unique<MemorySink>(sinkLog, 2); });
    const RunResult result = engine.run();

    QCOMPARE(int(result.status), int(RunStatus::Failed));
    QCOMPARE(result.error, std::string("injected: the destination went away"));
    QCOMPARE(sinkLog.committed, (Names{"a", "b"}));
    QCOMPARE(sinkLog.checkpoints.size(), std::size_t(1));
    // The failed batch did not move the checkpoint: the next run reads "c" again.
    const RunState state = savedState();
    QCOMPARE(int(state.status), int(RunStatus::Failed));
    QCOMPARE(text(state.checkpoint), text(nlohmann::json{{"seq", 1}, {"source", {{"next", 2}}}}));
    QCOMPARE(result.counts.written, std::uint64_t(2));
}

void TestEngine::resumesFromTheCheckpoint()
{
    ++m_flowNumber;
    const Names names{"a", "b", "c", "d", "e"};
    MemorySink::Log first;
    {
        MemorySource::Log sourceLog;
        Engine engine(flow(), options());
        engine.setSourceFactory([&](const Flow &) { return std::make_unique<MemorySource>(names, sourceLog); });
        engine.setSinkFactory([&](const Flow &) { return std::make_unique<MemorySink>(first, 2); });
        QCOMPARE(int(engine.run().status), int(RunStatus::Failed));
    }
    MemorySource::Log sourceLog;
    MemorySink::Log second;
    Engine engine(flow(), options());
    engine.setSourceFactory([&](const Flow &) { return std::make_unique<MemorySource>(names, sourceLog); });
    engine.setSinkFactory([&](const Flow &) { return std::make_unique<MemorySink>(second); });
    const RunResult result = engine.run();

    QCOMPARE(int(result.status), int(RunStatus::Completed));
    QVERIFY(result.resumed);
    QCOMPARE(text(sourceLog.openedAt), text(nlohmann::json{{"next", 2}}));
    QCOMPARE(second.committed, (Names{"c", "d", "e"})); // neither lost nor repeated
    // The same run goes on: its id and the checkpoint's sequence continue.
    QCOMPARE(second.checkpoints.front().value("runId", std::string()), first.checkpoints.front().value("runId", std::string()));
    QCOMPARE(second.checkpoints.front().value("seq", 0), 2);
    QCOMPARE(text(savedState().checkpoint), text(nlohmann::json{{"seq", 3}, {"source", {{"next", 5}}}}));
}

void TestEngine::skipModeDeadLettersBadRecords()
{
    ++m_flowNumber;
    MemorySource::Log sourceLog;
    MemorySink::Log sinkLog;
    Engine engine(flow("skip", 10), options());
    engine.setSourceFactory([&](const Flow &) {
        return std::make_unique<MemorySource>(Names{"a", "reject", "unreadable", "d"}, sourceLog);
    });
    engine.setSinkFactory([&](const Flow &) { return std::make_unique<MemorySink>(sinkLog); });
    const RunResult result = engine.run();

    QCOMPARE(int(result.status), int(RunStatus::Completed));
    QCOMPARE(sinkLog.committed, (Names{"a", "d"}));
    QCOMPARE(result.counts.written, std::uint64_t(2));
    QCOMPARE(result.counts.deadLettered, std::uint64_t(2));
    QVERIFY(result.counts.addsUp());
    // The whole batch is covered, and the checkpoint counts the letters written before it.
    QCOMPARE(sinkLog.checkpoints.size(), std::size_t(1));
    QCOMPARE(text(sinkLog.checkpoints[0]["source"]), text(nlohmann::json{{"next", 4}}));
    std::ifstream in(result.deadLetterPath);
    std::vector<nlohmann::json> letters;
    for (std::string line; std::getline(in, line);)
        letters.push_back(nlohmann::json::parse(line));
    QCOMPARE(sinkLog.checkpoints[0].value("deadLetterBytes", std::uint64_t(0)),
             std::uint64_t(std::ifstream(result.deadLetterPath, std::ios::ate).tellg()));
    // In input order: the refused record (line 2), then the unreadable one (line 3).
    QCOMPARE(letters.size(), std::size_t(2));
    QVERIFY2(letters[0].dump().find("name 'reject' is refused") != std::string::npos, letters[0].dump().c_str());
    QVERIFY2(letters[0].dump().find("memory:2") != std::string::npos, letters[0].dump().c_str());
    QVERIFY2(letters[1].dump().find("cannot parse line 3") != std::string::npos, letters[1].dump().c_str());
}

void TestEngine::stopModeStopsAtRejectedRecord()
{
    ++m_flowNumber;
    MemorySource::Log sourceLog;
    MemorySink::Log sinkLog;
    Engine engine(flow("stop", 10), options());
    engine.setSourceFactory([&](const Flow &) { return std::make_unique<MemorySource>(Names{"a", "b", "reject", "d"}, sourceLog); });
    engine.setSinkFactory([&](const Flow &) { return std::make_unique<MemorySink>(sinkLog); });
    const RunResult result = engine.run();

    QCOMPARE(int(result.status), int(RunStatus::Failed));
    QCOMPARE(result.errorPosition, std::string("memory:3"));
    QCOMPARE(result.error, std::string("memory:3: name 'reject' is refused"));
    QCOMPARE(sinkLog.committed, (Names{"a", "b"}));
    // Committed up to the record before the bad one: a fixed input resumes at it.
    QCOMPARE(sinkLog.checkpoints.size(), std::size_t(1));
    QCOMPARE(text(sinkLog.checkpoints[0]["source"]), text(nlohmann::json{{"next", 2}}));
    QCOMPARE(text(savedState().checkpoint), text(nlohmann::json{{"seq", 1}, {"source", {{"next", 2}}}}));
    QCOMPARE(result.counts.written, std::uint64_t(2));
    QCOMPARE(result.counts.failed, std::uint64_t(1));
    QCOMPARE(result.counts.read, std::uint64_t(3));
    const MetricsSnapshot s = engine.metrics().capture();
    QCOMPARE(s.errors.size(), std::size_t(1)); // the bad record, not a second "run" error
    QVERIFY(s.errors.front().stoppedRun);
}

void TestEngine::stopModeStopsAtUnreadableRecord()
{
    ++m_flowNumber;
    MemorySource::Log sourceLog;
    MemorySink::Log sinkLog;
    Engine engine(flow("stop", 10), options());
    engine.setSourceFactory([&](const Flow &) { return std::make_unique<MemorySource>(Names{"a", "unreadable", "c"}, sourceLog); });
    engine.setSinkFactory([&](const Flow &) { return std::make_unique<MemorySink>(sinkLog); });
    const RunResult result = engine.run();

    QCOMPARE(int(result.status), int(RunStatus::Failed));
    QCOMPARE(result.errorPosition, std::string("memory:2"));
    QCOMPARE(sinkLog.committed, (Names{"a"}));
    QCOMPARE(sinkLog.checkpoints.size(), std::size_t(1));
    QCOMPARE(text(sinkLog.checkpoints[0]["source"]), text(nlohmann::json{{"next", 1}}));
    QCOMPARE(result.counts.read, std::uint64_t(2));
    QCOMPARE(result.counts.failed, std::uint64_t(1));
}

void TestEngine::stopRequestEndsAfterTheBatch()
{
    ++m_flowNumber;
    MemorySource::Log sourceLog;
    MemorySink::Log sinkLog;
    Engine engine(flow(), options());
    engine.setSourceFactory([&](const Flow &) { return std::make_unique<MemorySource>(Names{"a", "b", "c", "d", "e"}, sourceLog); });
    engine.setSinkFactory([&](const Flow &) { return std::make_unique<MemorySink>(sinkLog, 0, &engine); });
    const RunResult result = engine.run();

    QCOMPARE(int(result.status), int(RunStatus::Stopped));
    QCOMPARE(sinkLog.committed, (Names{"a", "b"}));
    const RunState state = savedState();
    QCOMPARE(int(state.status), int(RunStatus::Stopped));
    QCOMPARE(text(state.checkpoint), text(nlohmann::json{{"seq", 1}, {"source", {{"next", 2}}}}));
}

void TestEngine::untilIdleEndsCaughtUp()
{
    ++m_flowNumber;
    MemorySource::Log sourceLog;
    MemorySink::Log sinkLog;
    EngineOptions o = options();
    o.untilIdle = true;
    Engine engine(flow(), o);
    engine.setSourceFactory([&](const Flow &) { return std::make_unique<MemorySource>(Names{"a", "b", "c"}, sourceLog, true); });
    engine.setSinkFactory([&](const Flow &) { return std::make_unique<MemorySink>(sinkLog); });
    const RunResult result = engine.run(); // never returns if --until-idle does not end it

    QCOMPARE(int(result.status), int(RunStatus::Completed));
    QCOMPARE(sinkLog.committed, (Names{"a", "b", "c"}));
    // A continuous source is never finished: the next run resumes instead of starting over.
    const RunState state = savedState();
    QCOMPARE(int(state.status), int(RunStatus::Stopped));
    QCOMPARE(text(state.checkpoint), text(nlohmann::json{{"seq", 2}, {"source", {{"next", 3}}}}));
}

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
