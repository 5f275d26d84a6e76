#include "core/engine/metricshistory.h"

namespace flowdeck {

const TableMetrics *findTable(const std::vector<TableMetrics> &list, const std::string &name)
{
    for (const TableMetrics &t : list)
        if (t.name == name)
            return &t;
    return nullptr;
}

MetricsHistory::MetricsHistory(std::size_t capacity)
    : m_capacity(std::max<std::size_t>(2, capacity))
{
}

void MetricsHistory::add(MetricsSnapshot snapshot)
{
    snapshot.errors.clear();
    snapshot.errors.shrink_to_fit();
    m_snapshots.push_back(std::move(snapshot));
    while (m_snapshots.size() > m_capacity)
        m_snapshots.pop_front();
}

double MetricsHistory::rate(const std::function<std::uint64_t(const MetricsSnapshot &)> &value, std::int64_t windowMs) const
{
    if (m_snapshots.size() < 2)
        return 0;
    const MetricsSnapshot &last = m_snapshots.back();
    const MetricsSnapshot *first = nullptr;
    for (auto it = m_snapshots.rbegin() + 1; it != m_snapshots.rend(); ++it) {
        if (last.timeMs - it->timeMs > windowMs)
            break;
        first = &*it;
    }
    if (!first) // the previous snapshot is older than the window: use it anyway
        first = &m_snapshots[m_snapshots.size() - 2];
    const std::int64_t ms = last.timeMs - first->timeMs;
    if (ms <= 0)
        return 0;
    const std::uint64_t a = value(*first), b = value(last);
    return b < a ? 0 : double(b - a) * 1000.0 / double(ms);
}

double MetricsHistory::writtenRate(std::int64_t windowMs) const
{
    return rate([](const MetricsSnapshot &s) { return s.counts.written; }, windowMs);
}

double MetricsHistory::readRate(std::int64_t windowMs) const
{
    return rate([](const MetricsSnapshot &s) { return s.counts.read; }, windowMs);
}

double MetricsHistory::tableWrittenRate(const std::string &table, std::int64_t windowMs) const
{
    return rate(
        [&](const MetricsSnapshot &s) {
            const TableMetrics *t = findTable(s.tables, table);
            return t ? t->written : std::uint64_t(0);
        },
        windowMs);
}

double MetricsHistory::destinationRate(const std::string &destination, std::int64_t windowMs) const
{
    return rate(
        [&](const MetricsSnapshot &s) {
            const TableMetrics *t = findTable(s.destinations, destination);
            return t ? t->written : std::uint64_t(0);
        },
        windowMs);
}

std::optional<double> MetricsHistory::etaSeconds(std::int64_t windowMs) const
{
    if (m_snapshots.empty())
        return std::nullopt;
    const MetricsSnapshot &last = m_snapshots.back();
    if (last.progressTotal == 0 || last.progressDone >= last.progressTotal)
        return std::nullopt;
    const double perSecond = rate([](const MetricsSnapshot &s) { return s.progressDone; }, windowMs);
    if (perSecond <= 0)
        return std::nullopt;
    return double(last.progressTotal - last.progressDone) / perSecond;
}

std::int64_t MetricsHistory::stalledMs() const
{
    if (m_snapshots.empty())
        return 0;
    const MetricsSnapshot &last = m_snapshots.back();
    const bool running = last.phase == RunPhase::Snapshot || last.phase == RunPhase::Running || last.phase == RunPhase::Streaming;
    auto hasData = [](const MetricsSnapshot &s) { return !s.caughtUp || s.sourceRead > s.counts.read; };
    if (!running || !hasData(last))
        return 0;
    // Since when has nothing been committed while there was data to write?
    std::int64_t since = last.timeMs;
    for (auto it = m_snapshots.rbegin(); it != m_snapshots.rend(); ++it) {
        if (it->counts.read != last.counts.read || !hasData(*it))
            break;
        since = it->timeMs;
    }
    return last.timeMs - since;
}

} // namespace flowdeck
