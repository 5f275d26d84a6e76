#include "core/engine/engine.h"
#include "core/model/jsontext.h"

#include "core/engine/boundedqueue.h"
#include "core/engine/deadletterwriter.h"
#include "core/engine/enginemetrics.h"
#include "core/flow/endpoints.h"
#include "core/transform/filterset.h"
#include "core/transform/mapper.h"
#include "core/schedule/scheduledstate.h"

#include <chrono>
#include <optional>
#include <random>
#include <unordered_map>
#include <thread>

namespace flowdeck {

namespace {

constexpr std::size_t kKafkaBatchRows = 20000;

using Clock = std::chrono::steady_clock;

/// A record that goes to the dead-letter file (or stops the run), with the input it came from.
struct Letter
{
    std::uint32_t input = 0;
    Record record;
    std::string stage;
    std::string reason;
};

/// What the reader thread hands to the writer: the mapped records of one source batch and the
/// fate of every input record, so that counts and the checkpoint can be cut at any record.
struct WorkItem
{
    Batch records;
    std::vector<std::uint32_t> recordInput; // input ordinal of each record
    std::vector<Position> inputs;           // every input record consumed, in order
    std::vector<std::uint32_t> inputTable;  // metrics slot (source table) of each input
    std::vector<std::uint32_t> filtered;    // input ordinals
    std::vector<Letter> letters;            // read/mapping failures (skip mode)
    std::optional<Letter> stop;             // stop mode: the input (inputs.back()) that ends the run
    std::string fatal;                      // the source failed: ends the run
    bool end = false;
    bool stopped = false;                   // end because requestStop() was called
};

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

RunResult Engine::run()
{
    RunResult result;
    result.startedAt = utcNowIso();
    m_metrics.reset();
    m_metrics.setPhase(RunPhase::Starting);
    bool errorRecorded = false;
    const auto started = Clock::now();
    const bool stopMode = m_flow.stopOnError();
    const std::size_t batchRows = [&] {
        const auto &w = m_flow.destination.contains("write") ? m_flow.destination["write"] : nlohmann::json();
        if (w.is_object() && w.contains("batchRows")) {
            const auto &b = w["batchRows"];
            if (b.is_number_integer())
                return std::size_t(std::max<std::int64_t>(1, b.get<std::int64_t>()));
            if (b.is_string())
                return std::size_t(std::max(1, std::atoi(b.get<std::string>().c_str())));
        }
        // A Kafka batch waits for its acknowledgements before the checkpoint moves on: bigger
        // batches keep the producer busy (measured in bench_binlog_to_kafka).
        return std::size_t(m_flow.destination.value("type", std::string()) == "kafka" ? kKafkaBatchRows : 1000);
    }();

    StateStore store(m_options.stateDir, m_flow.name);
    RunState state;
    std::unique_ptr<Source> source;
    std::unique_ptr<Sink> sink;
    std::unique_ptr<DeadLetters> deadLetters;
    std::uint64_t committedDeadLetterBytes = 0;
    nlohmann::json lastSourceCheckpoint;
    const bool incremental = isIncremental(m_flow);
    result.trigger = m_options.trigger;

    auto finish = [&](RunStatus status) {
        result.status = status;
        result.endedAt = utcNowIso();
        result.elapsedSeconds = std::chrono::duration<double>(Clock::now() - started).count();
        result.counts = m_metrics.snapshot();
        if (sink)
            result.writtenPerTable = sink->writtenPerTable();
        if (sink)
            m_metrics.setDestinations(destinationMetrics(*sink));
        if (!result.error.empty() && !errorRecorded) {
            MetricsError e;
            e.timeMs = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
            e.position = result.errorPosition;
            e.stage = "run";
            e.reason = result.error;
            e.stoppedRun = true;
            m_metrics.addError(std::move(e));
        }
        if (m_flow.source.value("type", std::string()) == "file")
            result.readPerSource = {{m_flow.source.value("path", std::string()), result.counts.read}};
        if (source)
            result.bytesRead = source->bytesRead();
        if (status == RunStatus::Completed && sink) {
            // Before the state says "completed": a crash in between resumes and completes again.
            try {
                sink->complete();
            } catch (const std::exception &e) {
                result.error = std::string("finishing the destination: ") + e.what();
                result.status = status = RunStatus::Failed;
            }
        }
        if (!state.runId.empty()) {
            recordOutcome(state, result, source.get(), lastSourceCheckpoint, incremental, m_flow.trigger);
            // A continuous source is never finished: a run that ended caught up (--until-idle) is
            // resumed by the next one, like a stopped run, instead of starting over.
            state.status = status == RunStatus::Completed && source && source->continuous() ? RunStatus::Stopped : status;
            state.deadLetterBytes = committedDeadLetterBytes;
            state.updatedAt = result.endedAt;
            try {
                store.save(state);
                nlohmann::ordered_json entry = result.toJson(m_flow.name);
                entry.erase("tables");
                entry.erase("files");
                store.appendHistory(entry);
            } catch (const Error &e) {
                if (result.error.empty())
                    result.error = e.what();
                result.status = RunStatus::Failed;
            }
        }
        if (sink) {
            try {
                sink->close();
            } catch (const std::exception &e) {
                if (result.error.empty())
                    result.error = std::string("closing the destination: ") + e.what();
            }
        }
        m_metrics.setPhase(result.status == RunStatus::Completed ? RunPhase::Completed
                           : result.status == RunStatus::Stopped ? RunPhase::Stopped
                                                                 : RunPhase::Failed);
        return result;
    };

    // --- Set up: state, endpoints, resume point -----------------------------------------------
    FilterSet filters;
    Mapper mapper;
    try {
        filters = FilterSet::compile(m_flow.filters);
        mapper = Mapper::compile(m_flow.mapping);

        const RunState previous = store.load();
        const bool resume = !m_options.restart && !previous.runId.empty()
            && previous.status != RunStatus::Completed;
        state.runId = resume ? previous.runId : newRunId();
        state.startedAt = result.startedAt;
        state.status = RunStatus::Running;
        state.checkpoint = resume ? previous.checkpoint : nlohmann::json();
        state.watermark = m_options.restart ? nlohmann::json() : previous.watermark;
        state.consecutiveFailures = previous.consecutiveFailures;
        state.deactivated = previous.deactivated;
        state.deactivatedAt = previous.deactivatedAt;
        state.lastError = previous.lastError;
        // Incremental: a new run starts at the watermark the last completed run left, and a
        // crash before its first batch resumes there too.
        if (!resume && !state.watermark.is_null())
            state.checkpoint = {{"seq", 0}, {"source", state.watermark}};
        std::uint64_t deadLetterKeep = resume ? previous.deadLetterBytes : UINT64_MAX;
        result.runId = state.runId;

        sink = m_sinkFactory(m_flow);
        sink->setStopAtFirstRejection(stopMode);
        sink->setCheckpointKey(m_flow.name);
        sink->setRun(state.runId, resume);
        if (resume && sink->storesCheckpoints()) {
            // The sink's copy was committed with the rows: it is exact, the file may lag behind.
            const nlohmann::json stored = sink->storedCheckpoint();
            if (stored.is_object() && stored.value("runId", std::string()) == state.runId
                && jsonSeq(stored) >= jsonSeq(state.checkpoint)) {
                state.checkpoint = {{"seq", jsonSeq(stored)}, {"source", stored.value("source", nlohmann::json())}};
                deadLetterKeep = stored.value("deadLetterBytes", std::uint64_t(0));
            }
        }
        result.resumed = resume && state.checkpoint.is_object() && !state.checkpoint.value("source", nlohmann::json()).is_null();
        lastSourceCheckpoint = state.checkpoint.is_object() ? state.checkpoint.value("source", nlohmann::json()) : nlohmann::json();
        if (incremental)
            result.watermarkBefore = lastSourceCheckpoint;

        deadLetters = createDeadLetters(m_flow);
        if (deadLetters) {
            deadLetters->open(deadLetterKeep);
            result.deadLetterPath = deadLetters->describe();
        }
        committedDeadLetterBytes = deadLetters ? deadLetters->size() : 0;
        state.deadLetterBytes = committedDeadLetterBytes;

        source = m_sourceFactory(m_flow);
        const nlohmann::json sourceCheckpoint = state.checkpoint.is_object() ? state.checkpoint.value("source", nlohmann::json()) : nlohmann::json();
        source->setLastWatermark(state.watermark);
        source->open(sourceCheckpoint);
        if (sourceCheckpoint.is_null()) {
            const nlohmann::json initial = source->initialCheckpoint();
            if (!initial.is_null()) {
                state.checkpoint = {{"seq", jsonSeq(state.checkpoint)}, {"source", initial}};
                lastSourceCheckpoint = initial;
            }
        }
        for (const auto &[table, rows] : source->snapshotTables())
            m_metrics.setSnapshotRows(table, rows);
        if (result.resumed && sourceCheckpoint.is_object())
            result.resumedFrom = jsonText(sourceCheckpoint);

        const SchemaPtr inputSchema = source->schema();
        if (source->fixedSchema() && inputSchema) {
            std::string missing;
            for (const std::string &f : mapper.sourceFields())
                if (inputSchema->indexOf(f) < 0)
                    missing += (missing.empty() ? "'" : ", '") + f + "'";
            if (!missing.empty()) {
                std::string fields;
                for (const auto &n : inputSchema->names())
                    fields += (fields.empty() ? "" : ", ") + n;
                throw ConfigError("mapping: source field(s) " + missing + " not found in the source (its fields: " + fields + ")");
            }
        }
        sink->open(mapper.outputSchema(inputSchema));
        store.save(state);
    } catch (const std::exception &e) {
        result.error = e.what();
        return finish(RunStatus::Failed);
    }

    // --- Reader thread: source → filters → mapping ----------------------------------------------
    // Kafka batches are 4x bigger: queue 4x fewer of them, so memory stays the same.
    const bool kafkaSink = m_flow.destination.value("type", std::string()) == "kafka";
    BoundedQueue<WorkItem> queue(kafkaSink ? std::max<std::size_t>(2, m_options.queueBatches / 4) : m_options.queueBatches);
    std::optional<std::uint32_t> defaultTable; // registered when a record names no table
    // Set once the writer stopped taking batches (a bad record in stop mode, a failure): a
    // continuous source, whose read() keeps returning nothing, must not keep the reader alive.
    std::atomic<bool> writerDone{false};
    std::thread reader([&] {
        Batch in;
        in.reserve(batchRows);
        // Metrics slot per source table, kept alive here so a pointer is never reused meanwhile.
        std::unordered_map<const TableInfo *, std::pair<TableInfoPtr, std::uint32_t>> tableIds;
        auto tableOf = [&](const Record &r) -> std::uint32_t {
            if (!r.table) {
                if (!defaultTable)
                    defaultTable = m_metrics.tableId(sourceLabel(m_flow));
                return *defaultTable;
            }
            auto it = tableIds.find(r.table.get());
            if (it == tableIds.end())
                it = tableIds.emplace(r.table.get(), std::make_pair(r.table, m_metrics.tableId(r.table->database + "." + r.table->table))).first;
            return it->second.second;
        };
        std::optional<Clock::time_point> idleSince;
        for (;;) {
            WorkItem item;
            if (writerDone.load())
                return;
            if (m_stopRequested.load()) {
                item.end = true;
                item.stopped = true;
                queue.push(std::move(item));
                return;
            }
            in.clear();
            bool more = false;
            try {
                more = source->read(in, batchRows);
            } catch (const std::exception &e) {
                item.fatal = e.what();
                queue.push(std::move(item));
                return;
            }
            m_metrics.setProgress(source->progressDone(), source->progressTotal());
            m_metrics.addSourceRead(in.size());
            m_metrics.setSourceState(source->continuous(), source->caughtUp(), source->lag());
            m_metrics.setPhase(source->inSnapshot() ? RunPhase::Snapshot
                               : source->continuous() ? RunPhase::Streaming
                                                      : RunPhase::Running);
            if (in.empty() && !more) {
                item.end = true;
                queue.push(std::move(item));
                return;
            }
            if (in.empty()) {
                // A continuous source with nothing new: end after a second caught up if asked to.
                if (m_options.untilIdle && source->caughtUp()) {
                    if (!idleSince)
                        idleSince = Clock::now();
                    else if (Clock::now() - *idleSince >= std::chrono::seconds(1)) {
                        item.end = true;
                        queue.push(std::move(item));
                        return;
                    }
                } else {
                    idleSince.reset();
                }
                continue;
            }
            idleSince.reset();
            item.inputs.reserve(in.size());
            item.inputTable.reserve(in.size());
            item.records.reserve(in.size());
            item.recordInput.reserve(in.size());
            std::string error;
            for (std::size_t i = 0; i < in.size(); ++i) {
                Record &r = in[i];
                const auto ordinal = std::uint32_t(item.inputs.size());
                item.inputs.push_back(r.position);
                item.inputTable.push_back(tableOf(r));
                std::optional<Letter> bad;
                if (r.isError()) {
                    std::string reason = r.error;
                    bad = Letter{ordinal, std::move(r), "read", std::move(reason)};
                } else if (!filters.accepts(r)) {
                    item.filtered.push_back(ordinal);
                    continue;
                } else {
                    Record out;
                    if (mapper.applyMoving(r, out, error)) {
                        item.records.push_back(std::move(out));
                        item.recordInput.push_back(ordinal);
                        continue;
                    }
                    bad = Letter{ordinal, std::move(r), "mapping", error};
                }
                if (stopMode) {
                    item.stop = std::move(bad);
                    break;
                }
                item.letters.push_back(std::move(*bad));
            }
            const bool stopping = item.stop.has_value();
            if (!queue.push(std::move(item)) || stopping)
                return;
            if (!more) {
                WorkItem endItem;
                endItem.end = true;
                queue.push(std::move(endItem));
                return;
            }
        }
    });

    // --- Writer: this thread --------------------------------------------------------------------
    RunStatus status = RunStatus::Completed;
    std::uint64_t seq = jsonSeq(state.checkpoint);
    auto lastSave = Clock::now();
    BatchTableCounter tableCounter(m_metrics);
    try {
        while (auto item = queue.pop()) {
            if (item->end) {
                if (item->stopped)
                    status = RunStatus::Stopped;
                break;
            }
            if (!item->fatal.empty()) {
                result.error = item->fatal;
                status = RunStatus::Failed;
                break;
            }
            if (m_stopRequested.load()) {
                status = RunStatus::Stopped;
                break;
            }

            RunCounts delta;
            nlohmann::json pendingSource;
            std::uint64_t pendingSeq = 0;
            std::optional<std::pair<std::string, std::string>> stopError; // position, reason
            const std::uint64_t letterMark = deadLetters ? deadLetters->size() : 0;
            bool hookCalled = false;
            std::size_t metricsCut = 0;                 // as the last hook attempt cut the batch
            std::vector<RejectedRecord> metricsRejected;
            std::optional<std::uint32_t> failedInput;
            std::vector<MetricsError> pendingErrors;

            auto hook = [&](const std::vector<RejectedRecord> &rejected) -> nlohmann::json {
                hookCalled = true;
                delta = RunCounts{};
                stopError.reset();
                failedInput.reset();
                pendingErrors.clear();
                if (deadLetters)
                    deadLetters->truncateTo(letterMark); // a retried attempt writes its letters again
                std::size_t cut = item->inputs.size(); // inputs fully handled by this batch
                if (item->stop) {
                    cut = item->inputs.size() - 1;
                    stopError = {item->stop->record.position.toString(), item->stop->reason};
                    failedInput = item->stop->input;
                    pendingErrors.push_back(metricsError(item->stop->record, item->stop->stage, item->stop->reason, true));
                }
                if (stopMode && !rejected.empty()) {
                    const RejectedRecord &first = rejected.front();
                    const std::uint32_t input = item->recordInput[first.index];
                    if (input < cut) {
                        cut = input;
                        stopError = {item->records[first.index].position.toString(), first.reason};
                        failedInput = input;
                        pendingErrors.clear();
                        pendingErrors.push_back(metricsError(item->records[first.index], "write", first.reason, true));
                    }
                }
                // Dead letters in input order: read/mapping failures and sink rejections.
                std::size_t li = 0, ri = 0;
                while (deadLetters) {
                    const bool haveLetter = li < item->letters.size() && item->letters[li].input < cut;
                    const bool haveReject = !stopMode && ri < rejected.size();
                    if (!haveLetter && !haveReject)
                        break;
                    const std::uint32_t rejectInput = haveReject ? item->recordInput[rejected[ri].index] : UINT32_MAX;
                    if (haveLetter && item->letters[li].input <= rejectInput) {
                        const Letter &l = item->letters[li++];
                        deadLetters->write(l.record, l.stage, l.reason);
                        pendingErrors.push_back(metricsError(l.record, l.stage, l.reason, false));
                    } else {
                        deadLetters->write(item->records[rejected[ri].index], "write", rejected[ri].reason);
                        pendingErrors.push_back(metricsError(item->records[rejected[ri].index], "write", rejected[ri].reason, false));
                        ++ri;
                    }
                    ++delta.deadLettered;
                }
                std::uint64_t recordsBeforeCut = 0;
                for (std::uint32_t in : item->recordInput)
                    recordsBeforeCut += in < cut;
                for (std::uint32_t in : item->filtered)
                    delta.filtered += in < cut;
                delta.written = recordsBeforeCut - (stopMode ? 0 : rejected.size());
                delta.failed = stopError ? 1 : 0;
                delta.read = cut + delta.failed;
                if (deadLetters)
                    deadLetters->sync();
                metricsCut = cut;
                metricsRejected = stopMode ? std::vector<RejectedRecord>() : rejected;
                pendingSource = cut > 0 ? source->checkpointAfter(item->inputs[cut - 1]) : lastSourceCheckpoint;
                pendingSeq = seq + 1;
                return {{"runId", state.runId},
                        {"seq", pendingSeq},
                        {"source", pendingSource},
                        {"deadLetterBytes", deadLetters ? deadLetters->size() : 0}};
            };

            if (item->records.empty()) {
                hook({});
            } else {
                const std::uint64_t unmatchedBefore = sink->unmatchedUpdates();
                sink->setCommitHook(hook);
                std::vector<RejectedRecord> rejected = sink->write(item->records);
                if (!hookCalled)
                    hook(rejected);
                // An update that matched no row wrote nothing: counted apart, not as written.
                delta.unmatched = std::min<std::uint64_t>(sink->unmatchedUpdates() - unmatchedBefore, delta.written);
                delta.written -= delta.unmatched;
            }

            seq = pendingSeq;
            lastSourceCheckpoint = pendingSource;
            committedDeadLetterBytes = deadLetters ? deadLetters->size() : 0;
            m_metrics.add(delta);
            {
                std::vector<std::uint32_t> letterInputs;
                for (const Letter &l : item->letters)
                    letterInputs.push_back(l.input);
                tableCounter.add(item->inputTable, item->filtered, letterInputs, item->recordInput, metricsCut, metricsRejected,
                                 failedInput);
            }
            for (MetricsError &e : pendingErrors)
                m_metrics.addError(std::move(e));
            errorRecorded = errorRecorded || failedInput.has_value();
            m_metrics.markWritten();
            // Once per committed batch (a swap under a lock nobody holds for long), so the
            // counts are exact when the flow goes idle.
            m_metrics.setDestinations(destinationMetrics(*sink));
            state.checkpoint = {{"seq", seq}, {"source", lastSourceCheckpoint}};
            if (!pendingSource.is_null())
                source->checkpointCommitted(pendingSource);
            if (stopError) {
                result.errorPosition = stopError->first;
                result.error = stopError->first + ": " + stopError->second;
                status = RunStatus::Failed;
                break;
            }
            if (Clock::now() - lastSave > std::chrono::seconds(1)) {
                state.deadLetterBytes = committedDeadLetterBytes;
                state.updatedAt = utcNowIso();
                store.save(state);
                lastSave = Clock::now();
            }
        }
    } catch (const std::exception &e) {
        result.error = e.what();
        status = RunStatus::Failed;
    }
    writerDone.store(true);
    queue.close();
    reader.join();
    return finish(status);
}

} // namespace flowdeck
