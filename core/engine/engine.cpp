#include "core/engine/engine.h"
#include "core/model/jsontext.h"

#include "core/engine/batchcommitter.h"
#include "core/engine/boundedqueue.h"
#include "core/engine/deadletterwriter.h"
#include "core/engine/enginemetrics.h"
#include "core/engine/readerloop.h"
#include "core/flow/endpoints.h"
#include "core/transform/filterset.h"
#include "core/transform/mapper.h"
#include "core/schedule/scheduledstate.h"

#include <chrono>
#include <random>
#include <thread>

namespace flowdeck {

namespace {

constexpr std::size_t kKafkaBatchRows = 20000;

using Clock = std::chrono::steady_clock;

std::string newRunId()
{
    std::random_device rd;
    char suffix[8];
    std::snprintf(suffix, sizeof suffix, "%06x", unsigned(rd()) & 0xffffff);
    std::string iso = utcNowIso();
    std::string compact;
    for (char c : iso.substr(0, 19))
        if (c != '-' && c != ':')
            compact += c;
    return compact + "Z-" + suffix;
}

std::uint64_t jsonSeq(const nlohmann::json &cp)
{
    return cp.is_object() && cp.contains("seq") && cp["seq"].is_number_unsigned() ? cp["seq"].get<std::uint64_t>() : 0;
}

/// The source's part of a checkpoint ({"seq", "source"}), or null.
nlohmann::json sourcePart(const nlohmann::json &checkpoint)
{
    return checkpoint.is_object() ? checkpoint.value("source", nlohmann::json()) : nlohmann::json();
}

bool kafkaDestination(const Flow &flow)
{
    return flow.destination.value("type", std::string()) == "kafka";
}

/// Records per batch: the destination's `write.batchRows`, else a default per destination.
std::size_t batchRowsFor(const Flow &flow)
{
    const auto &w = flow.destination.contains("write") ? flow.destination["write"] : nlohmann::json();
    if (w.is_object() && w.contains("batchRows")) {
        const auto &b = w["batchRows"];
        if (b.is_number_integer())
            return std::size_t(std::max<std::int64_t>(1, b.get<std::int64_t>()));
        if (b.is_string())
            return std::size_t(std::max(1, std::atoi(b.get<std::string>().c_str())));
    }
    // A Kafka batch waits for its acknowledgements before the checkpoint moves on: bigger
    // batches keep the producer busy (measured in bench_binlog_to_kafka).
    return kafkaDestination(flow) ? kKafkaBatchRows : 1000;
}

/// Fails when the mapping reads a field a fixed-schema source does not have.
void checkMappedFields(const Mapper &mapper, const SchemaPtr &inputSchema)
{
    std::string missing;
    for (const std::string &f : mapper.sourceFields())
        if (inputSchema->indexOf(f) < 0)
            missing += (missing.empty() ? "'" : ", '") + f + "'";
    if (missing.empty())
        return;
    std::string fields;
    for (const auto &n : inputSchema->names())
        fields += (fields.empty() ? "" : ", ") + n;
    throw ConfigError("mapping: source field(s) " + missing + " not found in the source (its fields: " + fields + ")");
}

} // namespace

nlohmann::ordered_json RunResult::toJson(const std::string &flowName) const
{
    nlohmann::ordered_json j;
    j["flow"] = flowName;
    j["runId"] = runId;
    j["status"] = runStatusName(status);
    j["resumed"] = resumed;
    j["read"] = counts.read;
    j["written"] = counts.written;
    j["filtered"] = counts.filtered;
    j["deadLettered"] = counts.deadLettered;
    j["failed"] = counts.failed;
    if (counts.unmatched)
        j["unmatched"] = counts.unmatched;
    j["elapsedSeconds"] = elapsedSeconds;
    j["startedAt"] = startedAt;
    j["endedAt"] = endedAt;
    nlohmann::ordered_json tables = nlohmann::ordered_json::object();
    for (const auto &[name, n] : writtenPerTable)
        tables[name] = {{"written", n}};
    j["tables"] = std::move(tables);
    nlohmann::ordered_json sources = nlohmann::ordered_json::object();
    for (const auto &[name, n] : readPerSource)
        sources[name] = {{"read", n}};
    j["files"] = std::move(sources);
    if (!deadLetterPath.empty())
        j["deadLetter"] = deadLetterPath;
    j["trigger"] = triggerName(trigger);
    if (bytesRead)
        j["bytes"] = bytesRead;
    if (!watermarkBefore.is_null() || !watermarkAfter.is_null()) {
        j["watermarkBefore"] = watermarkBefore;
        j["watermarkAfter"] = watermarkAfter;
    }
    if (consecutiveFailures)
        j["consecutiveFailures"] = consecutiveFailures;
    if (deactivated)
        j["deactivated"] = true;
    if (!error.empty())
        j["error"] = {{"message", error}, {"position", errorPosition}};
    return j;
}

Engine::Engine(Flow flow, EngineOptions options)
    : m_flow(std::move(flow))
    , m_options(std::move(options))
    , m_sourceFactory(createSource)
    , m_sinkFactory(createSink)
{
    if (m_options.stateDir.empty())
        m_options.stateDir = StateStore::defaultDir();
}

Engine::~Engine() = default;

/// One run of Engine::run(): set up (state, endpoints, resume point), transfer (the reader loop
/// on its own thread, the batch committer on this one), finish (the outcome into the state).
struct Engine::Impl
{
    explicit Impl(Engine &engine);

    void setUp();
    RunStatus transfer();
    RunResult finish(RunStatus status);

private:
    std::uint64_t restoreState(const RunState &previous, bool resume);
    void resumeFromSink(std::uint64_t &deadLetterKeep);
    void openSource();
    RunStatus commitAll(BoundedQueue<WorkItem> &queue);
    void saveState();
    void recordRunError();
    void completeSink(RunStatus &status);
    void saveOutcome(RunStatus status);
    void closeSink();

    Engine &m_engine;
    const Flow &m_flow;
    RunMetrics &m_metrics;
    const Clock::time_point m_started;
    const bool m_stopMode;
    const bool m_incremental;
    StateStore m_store;

public:
    RunResult result;

private:
    RunState m_state;
    FilterSet m_filters;
    Mapper m_mapper;
    std::unique_ptr<Source> m_source;
    std::unique_ptr<Sink> m_sink;
    std::unique_ptr<DeadLetters> m_deadLetters;
    std::uint64_t m_committedDeadLetterBytes = 0;
    nlohmann::json m_lastSourceCheckpoint;
    bool m_errorRecorded = false; // the error that ended the run is in the monitor's list
};

Engine::Impl::Impl(Engine &engine)
    : m_engine(engine)
    , m_flow(engine.m_flow)
    , m_metrics(engine.m_metrics)
    , m_started(Clock::now())
    , m_stopMode(engine.m_flow.stopOnError())
    , m_incremental(isIncremental(engine.m_flow))
    , m_store(engine.m_options.stateDir, engine.m_flow.name)
{
}

RunResult Engine::run()
{
    const std::string startedAt = utcNowIso();
    m_metrics.reset();
    m_metrics.setPhase(RunPhase::Starting);
    Impl run(*this);
    run.result.startedAt = startedAt;
    run.result.trigger = m_options.trigger;
    try {
        run.setUp();
    } catch (const std::exception &e) {
        run.result.error = e.what();
        return run.finish(RunStatus::Failed);
    }
    return run.finish(run.transfer());
}

// ---- set up: state, endpoints, resume point --------------------------------------------------

void Engine::Impl::setUp()
{
    m_filters = FilterSet::compile(m_flow.filters);
    m_mapper = Mapper::compile(m_flow.mapping);

    const RunState previous = m_store.load();
    const bool resume = !m_engine.m_options.restart && !previous.runId.empty() && previous.status != RunStatus::Completed;
    std::uint64_t deadLetterKeep = restoreState(previous, resume);

    m_sink = m_engine.m_sinkFactory(m_flow);
    m_sink->setStopAtFirstRejection(m_stopMode);
    m_sink->setCheckpointKey(m_flow.name);
    m_sink->setRun(m_state.runId, resume);
    if (resume && m_sink->storesCheckpoints())
        resumeFromSink(deadLetterKeep);
    result.resumed = resume && !sourcePart(m_state.checkpoint).is_null();
    m_lastSourceCheckpoint = sourcePart(m_state.checkpoint);
    if (m_incremental)
        result.watermarkBefore = m_lastSourceCheckpoint;

    m_deadLetters = createDeadLetters(m_flow);
    if (m_deadLetters) {
        m_deadLetters->open(deadLetterKeep);
        result.deadLetterPath = m_deadLetters->describe();
    }
    m_committedDeadLetterBytes = m_deadLetters ? m_deadLetters->size() : 0;
    m_state.deadLetterBytes = m_committedDeadLetterBytes;

    openSource();
    const SchemaPtr inputSchema = m_source->schema();
    if (m_source->fixedSchema() && inputSchema)
        checkMappedFields(m_mapper, inputSchema);
    m_sink->open(m_mapper.outputSchema(inputSchema));
    m_store.save(m_state);
}

/// The run's state from the last run's: a new run, or the same one resumed at its checkpoint.
/// Returns the dead letters' size to keep (what the checkpoint covers; all for a new run).
std::uint64_t Engine::Impl::restoreState(const RunState &previous, bool resume)
{
    m_state.runId = resume ? previous.runId : newRunId();
    m_state.startedAt = result.startedAt;
    m_state.status = RunStatus::Running;
    m_state.checkpoint = resume ? previous.checkpoint : nlohmann::json();
    m_state.watermark = m_engine.m_options.restart ? nlohmann::json() : previous.watermark;
    m_state.consecutiveFailures = previous.consecutiveFailures;
    m_state.deactivated = previous.deactivated;
    m_state.deactivatedAt = previous.deactivatedAt;
    m_state.lastError = previous.lastError;
    // Incremental: a new run starts at the watermark the last completed run left, and a
    // crash before its first batch resumes there too.
    if (!resume && !m_state.watermark.is_null())
        m_state.checkpoint = {{"seq", 0}, {"source", m_state.watermark}};
    result.runId = m_state.runId;
    return resume ? previous.deadLetterBytes : UINT64_MAX;
}

/// A sink that stores checkpoints committed its copy with the rows: it is exact, the state file
/// may lag behind.
void Engine::Impl::resumeFromSink(std::uint64_t &deadLetterKeep)
{
    const nlohmann::json stored = m_sink->storedCheckpoint();
    if (stored.is_object() && stored.value("runId", std::string()) == m_state.runId
        && jsonSeq(stored) >= jsonSeq(m_state.checkpoint)) {
        m_state.checkpoint = {{"seq", jsonSeq(stored)}, {"source", stored.value("source", nlohmann::json())}};
        deadLetterKeep = stored.value("deadLetterBytes", std::uint64_t(0));
    }
}

void Engine::Impl::openSource()
{
    m_source = m_engine.m_sourceFactory(m_flow);
    const nlohmann::json sourceCheckpoint = sourcePart(m_state.checkpoint);
    m_source->setLastWatermark(m_state.watermark);
    m_source->open(sourceCheckpoint);
    if (sourceCheckpoint.is_null()) {
        const nlohmann::json initial = m_source->initialCheckpoint();
        if (!initial.is_null()) {
            m_state.checkpoint = {{"seq", jsonSeq(m_state.checkpoint)}, {"source", initial}};
            m_lastSourceCheckpoint = initial;
        }
    }
    for (const auto &[table, rows] : m_source->snapshotTables())
        m_metrics.setSnapshotRows(table, rows);
    if (result.resumed && sourceCheckpoint.is_object())
        result.resumedFrom = jsonText(sourceCheckpoint);
}

// ---- transfer: the reader loop feeds the batch committer -------------------------------------

RunStatus Engine::Impl::transfer()
{
    const EngineOptions &options = m_engine.m_options;
    // Kafka batches are 4x bigger: queue 4x fewer of them, so memory stays the same.
    BoundedQueue<WorkItem> queue(kafkaDestination(m_flow) ? std::max<std::size_t>(2, options.queueBatches / 4) : options.queueBatches);
    std::atomic<bool> writerDone{false};
    ReaderLoop reader(*m_source, m_filters, m_mapper, m_metrics, queue,
                      {batchRowsFor(m_flow), m_stopMode, options.untilIdle, sourceLabel(m_flow)},
                      m_engine.m_stopRequested, writerDone);
    std::thread readerThread([&reader] { reader.run(); });
    RunStatus status = RunStatus::Failed;
    try {
        status = commitAll(queue);
    } catch (const std::exception &e) {
        result.error = e.what();
        status = RunStatus::Failed;
    }
    writerDone.store(true);
    queue.close();
    readerThread.join();
    return status;
}

/// This thread: commits the reader's batches in order until the end, a stop, a failure or a bad
/// record in stop mode; the state file follows at most a second behind.
RunStatus Engine::Impl::commitAll(BoundedQueue<WorkItem> &queue)
{
    BatchCommitter committer(*m_sink, *m_source, m_deadLetters.get(), m_metrics, m_stopMode, m_state.runId,
                             jsonSeq(m_state.checkpoint), m_lastSourceCheckpoint);
    auto lastSave = Clock::now();
    while (auto item = queue.pop()) {
        if (item->end)
            return item->stopped ? RunStatus::Stopped : RunStatus::Completed;
        if (!item->fatal.empty()) {
            result.error = item->fatal;
            return RunStatus::Failed;
        }
        if (m_engine.m_stopRequested.load())
            return RunStatus::Stopped;

        const Settlement settled = committer.commit(*item);
        m_lastSourceCheckpoint = committer.sourceCheckpoint();
        m_committedDeadLetterBytes = committer.committedLetterBytes();
        m_state.checkpoint = {{"seq", committer.seq()}, {"source", m_lastSourceCheckpoint}};
        if (settled.failedInput) {
            m_errorRecorded = true;
            result.errorPosition = settled.errorPosition;
            result.error = settled.errorPosition + ": " + settled.errorReason;
            return RunStatus::Failed;
        }
        if (Clock::now() - lastSave > std::chrono::seconds(1)) {
            saveState();
            lastSave = Clock::now();
        }
    }
    return RunStatus::Completed;
}

void Engine::Impl::saveState()
{
    m_state.deadLetterBytes = m_committedDeadLetterBytes;
    m_state.updatedAt = utcNowIso();
    m_store.save(m_state);
}

// ---- finish: the outcome into the result, the state and the history -------------------------

RunResult Engine::Impl::finish(RunStatus status)
{
    result.status = status;
    result.endedAt = utcNowIso();
    result.elapsedSeconds = std::chrono::duration<double>(Clock::now() - m_started).count();
    result.counts = m_metrics.snapshot();
    if (m_sink) {
        result.writtenPerTable = m_sink->writtenPerTable();
        m_metrics.setDestinations(destinationMetrics(*m_sink));
    }
    recordRunError();
    if (m_flow.source.value("type", std::string()) == "file")
        result.readPerSource = {{m_flow.source.value("path", std::string()), result.counts.read}};
    if (m_source)
        result.bytesRead = m_source->bytesRead();
    if (status == RunStatus::Completed && m_sink)
        completeSink(status);
    if (!m_state.runId.empty())
        saveOutcome(status);
    closeSink();
    m_metrics.setPhase(result.status == RunStatus::Completed ? RunPhase::Completed
                       : result.status == RunStatus::Stopped ? RunPhase::Stopped
                                                             : RunPhase::Failed);
    return result;
}

/// The error that ended the run, for the monitor's list, unless a bad record already put it there.
void Engine::Impl::recordRunError()
{
    if (result.error.empty() || m_errorRecorded)
        return;
    MetricsError e;
    e.timeMs = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    e.position = result.errorPosition;
    e.stage = "run";
    e.reason = result.error;
    e.stoppedRun = true;
    m_metrics.addError(std::move(e));
}

/// Before the state says "completed": a crash in between resumes and completes again.
void Engine::Impl::completeSink(RunStatus &status)
{
    try {
        m_sink->complete();
    } catch (const std::exception &e) {
        result.error = std::string("finishing the destination: ") + e.what();
        result.status = status = RunStatus::Failed;
    }
}

void Engine::Impl::saveOutcome(RunStatus status)
{
    recordOutcome(m_state, result, m_source.get(), m_lastSourceCheckpoint, m_incremental, m_flow.trigger);
    // A continuous source is never finished: a run that ended caught up (--until-idle) is
    // resumed by the next one, like a stopped run, instead of starting over.
    m_state.status = status == RunStatus::Completed && m_source && m_source->continuous() ? RunStatus::Stopped : status;
    m_state.deadLetterBytes = m_committedDeadLetterBytes;
    m_state.updatedAt = result.endedAt;
    try {
        m_store.save(m_state);
        nlohmann::ordered_json entry = result.toJson(m_flow.name);
        entry.erase("tables");
        entry.erase("files");
        m_store.appendHistory(entry);
    } catch (const Error &e) {
        if (result.error.empty())
            result.error = e.what();
        result.status = RunStatus::Failed;
    }
}

void Engine::Impl::closeSink()
{
    if (!m_sink)
        return;
    try {
        m_sink->close();
    } catch (const std::exception &e) {
        if (result.error.empty())
            result.error = std::string("closing the destination: ") + e.what();
    }
}

} // namespace flowdeck
