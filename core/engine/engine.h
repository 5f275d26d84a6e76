#pragma once

#include "core/flow/flow.h"
#include "core/engine/runmetrics.h"
#include "core/engine/runstate.h"
#include "core/schedule/scheduler.h"
#include "core/engine/sink.h"
#include "core/engine/source.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace flowdeck {

/// How one run ended, with its counts. `error` and `errorPosition` name the record and the
/// reason when the run failed at a bad record.
struct RunResult
{
    RunStatus status = RunStatus::Completed;
    std::string runId;
    bool resumed = false;
    std::string resumedFrom;   // human-readable position the run resumed after
    RunCounts counts;
    std::string error;
    std::string errorPosition;
    double elapsedSeconds = 0;
    std::string startedAt;
    std::string endedAt;
    std::string deadLetterPath;
    std::vector<std::pair<std::string, std::uint64_t>> writtenPerTable;
    std::vector<std::pair<std::string, std::uint64_t>> readPerSource;
    RunTrigger trigger = RunTrigger::Manual;
    std::uint64_t bytesRead = 0;       // from the source, when it counts bytes (files)
    nlohmann::json watermarkBefore;    // incremental flows: where the run started reading
    nlohmann::json watermarkAfter;     // and where the next run starts (null: not incremental)
    std::uint32_t consecutiveFailures = 0;
    bool deactivated = false;          // the flow is deactivated (now or before this run)

    /// The `--metrics-json` document (keys in a readable order).
    nlohmann::ordered_json toJson(const std::string &flowName) const;
};

/// True when the flow reads only what is new since its last completed run: a schedule trigger
/// with `incremental`, or a file source whose path is a glob (a folder of exports).
bool isIncremental(const Flow &flow);

struct EngineOptions
{
    std::string stateDir;        // empty: StateStore::defaultDir()
    bool restart = false;        // ignore the saved checkpoint and start from the beginning
    bool untilIdle = false;      // continuous sources: end once caught up and idle for a second
    std::size_t queueBatches = 8; // bounded queue between the reader and the writer thread
    RunTrigger trigger = RunTrigger::Manual; // recorded in the run history
};

/// Runs one flow: a reader thread (source → filters → mapping) feeds a bounded queue; the
/// calling thread writes batches to the sink, dead-letters what the flow says to skip, and
/// persists the checkpoint. A run that did not complete is resumed by the next one.
///
/// run() blocks; requestStop() and metrics() may be called from any thread meanwhile.
class Engine
{
public:
    using SourceFactory = std::function<std::unique_ptr<Source>(const Flow &)>;
    using SinkFactory = std::function<std::unique_ptr<Sink>(const Flow &)>;

    Engine(Flow flow, EngineOptions options);
    ~Engine();

    /// For tests: replace how the endpoints are made.
    void setSourceFactory(SourceFactory f) { m_sourceFactory = std::move(f); }
    void setSinkFactory(SinkFactory f) { m_sinkFactory = std::move(f); }

    /// Runs to the end of the source, to a failure, or to requestStop().
    /// Never throws: every problem ends up in RunResult (status Failed, error).
    RunResult run();

    /// Asks a running run() to stop after the batch being written; thread-safe.
    void requestStop() { m_stopRequested.store(true); }

    const RunMetrics &metrics() const { return m_metrics; }
    const Flow &flow() const { return m_flow; }
    const EngineOptions &options() const { return m_options; }

private:
    struct Impl;
    Flow m_flow;
    EngineOptions m_options;
    SourceFactory m_sourceFactory;
    SinkFactory m_sinkFactory;
    RunMetrics m_metrics;
    std::atomic<bool> m_stopRequested{false};
};

} // namespace flowdeck
