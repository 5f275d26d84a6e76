#pragma once

#include <atomic>
#include <cstdint>

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
    std::uint64_t unmatched = 0; // update mode: written rows whose key matched nothing

    bool addsUp() const { return read == written + filtered + deadLettered + failed; }
};

/// Live counters of a running flow: written by the engine's writer thread with relaxed atomics
/// (no lock on the data path), read by anyone at any time through snapshot().
class RunMetrics
{
public:
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

private:
    std::atomic<std::uint64_t> m_read{0}, m_filtered{0}, m_written{0}, m_deadLettered{0}, m_failed{0},
        m_unmatched{0}, m_progressDone{0}, m_progressTotal{0};
};

} // namespace flowdeck
