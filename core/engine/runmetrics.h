#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace flowdeck {

/// Counts of one run. They always add up: read = written + filtered + deadLettered + failed
/// (failed is the record that stopped the run, when one did).
struct RunCounts
{
    std::uint64_t read = 0;
    std::uint64_t filtered = 0;
    std::uint64_t written = 0;
    std::uint64_t deadLettered = 0;
    std::uint64_t failed = 0;
    std::uint64_t unmatched = 0; // update mode: rows whose key matched nothing (not in written)

    bool addsUp() const { return read == written + unmatched + filtered + deadLettered + failed; }
};

/// How far a source is behind what it reads: seconds (binlog: now minus the commit time of the
/// newest event read; 0 when caught up) and, for topics, messages not yet consumed. -1: unknown.
struct SourceLag
{
    double seconds = -1;
    std::int64_t messages = -1;

    bool known() const { return seconds >= 0 || messages >= 0; }
};

/// What a run is doing, for the monitor. Running splits into Snapshot (reading existing rows,
/// progress known) and Streaming (a continuous source past its snapshot).
enum class RunPhase : std::uint8_t { Idle, Starting, Snapshot, Running, Streaming, Completed, Failed, Stopped };
const char *runPhaseName(RunPhase phase);

/// A record that was dead-lettered or stopped the run: where it came from and why.
struct MetricsError
{
    std::int64_t timeMs = 0;     // ms since the epoch
    std::string position;        // "accounts.csv:14", "mysql-bin.000003:4567", "orders[2]@1234"
    std::string stage;           // read, mapping, write
    std::string reason;
    std::string record;          // the record as JSON text (or the raw input), shortened
    bool stoppedRun = false;
};

/// Counters of one source table (change events) or of the one source (files), or of one
/// destination (table or topic). They add up as RunCounts do, per table.
struct TableMetrics
{
    std::string name;
    std::uint64_t read = 0;
    std::uint64_t filtered = 0;
    std::uint64_t written = 0;
    std::uint64_t deadLettered = 0;
    std::uint64_t failed = 0;
    std::uint64_t bytes = 0; // destinations: bytes written (Kafka message bytes), 0 when unknown
    std::uint64_t snapshotRows = 0; // source tables: rows the snapshot reads (an estimate), 0 when none
};

/// A copy of a run's metrics at one moment, taken by RunMetrics::capture() a few times a second
/// by whoever displays them (rates and ETAs are computed from successive copies, see
/// MetricsHistory).
struct MetricsSnapshot
{
    std::int64_t timeMs = 0; // steady clock, ms
    RunPhase phase = RunPhase::Idle;
    RunCounts counts;
    std::uint64_t progressDone = 0;
    std::uint64_t progressTotal = 0;
    SourceLag lag;
    bool continuous = false;
    bool caughtUp = false;
    std::uint64_t sourceRead = 0;   // records the source handed over (counts.read: the committed ones)
    std::int64_t lastWriteMs = 0;   // steady clock of the newest committed batch, 0: none yet
    std::vector<TableMetrics> tables;       // by source table, in order of first sight
    std::vector<TableMetrics> destinations; // by destination table or topic (written, bytes)
    std::uint64_t errorCount = 0;            // errors ever recorded (errors keeps the newest)
    std::vector<MetricsError> errors;
    std::string lastError;
    std::string lastErrorPosition;
};

/// Live counters of a running flow, written by the engine's threads and read by anyone at any
/// time. The data path never waits for a reader: totals and per-table counters are relaxed
/// atomics (per-table slots are registered under a lock once per table, on first sight); the
/// destination list and the error list take a lock a few times a second or once per bad record.
class RunMetrics
{
public:
    static constexpr std::size_t kMaxTables = 512; // more tables share the last slot ("(other)")
    static constexpr std::size_t kMaxErrors = 200;

    void add(const RunCounts &delta)
    {
        m_read.fetch_add(delta.read, std::memory_order_relaxed);
        m_filtered.fetch_add(delta.filtered, std::memory_order_relaxed);
        m_written.fetch_add(delta.written, std::memory_order_relaxed);
        m_deadLettered.fetch_add(delta.deadLettered, std::memory_order_relaxed);
        m_failed.fetch_add(delta.failed, std::memory_order_relaxed);
        m_unmatched.fetch_add(delta.unmatched, std::memory_order_relaxed);
    }
    void setProgress(std::uint64_t done, std::uint64_t total)
    {
        m_progressDone.store(done, std::memory_order_relaxed);
        m_progressTotal.store(total, std::memory_order_relaxed);
    }

    RunCounts snapshot() const
    {
        RunCounts c;
        c.read = m_read.load(std::memory_order_relaxed);
        c.filtered = m_filtered.load(std::memory_order_relaxed);
        c.written = m_written.load(std::memory_order_relaxed);
        c.deadLettered = m_deadLettered.load(std::memory_order_relaxed);
        c.failed = m_failed.load(std::memory_order_relaxed);
        c.unmatched = m_unmatched.load(std::memory_order_relaxed);
        return c;
    }
    std::uint64_t progressDone() const { return m_progressDone.load(std::memory_order_relaxed); }
    std::uint64_t progressTotal() const { return m_progressTotal.load(std::memory_order_relaxed); }

    // --- Written by the engine ---------------------------------------------------------------
    /// The slot of a source table (or "" for the flow's one source); takes a lock the first time
    /// a name is seen, so callers cache the id.
    std::uint32_t tableId(const std::string &name);
    /// Registers a table with the rows its snapshot will read (an estimate).
    void setSnapshotRows(const std::string &name, std::uint64_t rows);
    /// Adds to a table's counters (relaxed atomics).
    void addTable(std::uint32_t id, const RunCounts &delta);
    void setPhase(RunPhase phase) { m_phase.store(std::uint8_t(phase), std::memory_order_relaxed); }
    RunPhase phase() const { return RunPhase(m_phase.load(std::memory_order_relaxed)); }
    void setSourceState(bool continuous, bool caughtUp, const SourceLag &lag);
    /// Records the source handed over to the engine (once per source batch).
    void addSourceRead(std::uint64_t n) { m_sourceRead.fetch_add(n, std::memory_order_relaxed); }
    /// Steady-clock time of the newest committed batch.
    void markWritten();
    /// Per-destination written counts and bytes (the sink's own totals), a few times a second.
    void setDestinations(std::vector<TableMetrics> destinations);
    /// Records a dead-lettered record, or the one that stopped the run.
    void addError(MetricsError error);
    /// Clears everything for a new run.
    void reset();

    /// A consistent-enough copy of everything (each counter read once; counters written
    /// meanwhile may be a batch apart). `withErrors`: copy the error list too.
    MetricsSnapshot capture(bool withErrors = true) const;

    /// Milliseconds of std::chrono::steady_clock, the time base of MetricsSnapshot.
    static std::int64_t steadyMs();

private:
    struct Slot
    {
        std::atomic<std::uint64_t> read{0}, filtered{0}, written{0}, deadLettered{0}, failed{0};
    };

    std::atomic<std::uint64_t> m_read{0}, m_filtered{0}, m_written{0}, m_deadLettered{0}, m_failed{0},
        m_unmatched{0}, m_progressDone{0}, m_progressTotal{0}, m_sourceRead{0};
    std::atomic<std::uint8_t> m_phase{0};
    std::atomic<bool> m_continuous{false}, m_caughtUp{false};
    std::atomic<std::int64_t> m_lagMs{-1}, m_lagMessages{-1}, m_lastWriteMs{0};

    std::array<Slot, kMaxTables> m_slots;
    std::atomic<std::uint32_t> m_slotCount{0};
    mutable std::mutex m_mutex; // names, destinations, errors
    std::vector<std::string> m_names;
    std::vector<std::uint64_t> m_snapshotRows; // by slot
    std::vector<TableMetrics> m_destinations;
    std::deque<MetricsError> m_errors;
    std::uint64_t m_errorCount = 0;
    std::string m_lastError, m_lastErrorPosition;
};

} // namespace flowdeck
