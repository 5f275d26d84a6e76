#include "core/schedule/scheduler.h"

#include "core/model/errors.h"

namespace flowdeck {

namespace {

class SystemClock final : public ScheduleClock
{
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
};

} // namespace

const ScheduleClock &ScheduleClock::system()
{
    static const SystemClock clock;
    return clock;
}

const char *triggerName(RunTrigger trigger)
{
    switch (trigger) {
    case RunTrigger::Manual: return "manual";
    case RunTrigger::Schedule: return "schedule";
    case RunTrigger::CatchUp: return "catch-up";
    }
    return "manual";
}

Scheduler::Scheduler(const ScheduleClock &clock, StartRun start)
    : m_clock(clock)
    , m_start(std::move(start))
{
}

void Scheduler::add(const std::string &flow, const Schedule &schedule, std::optional<TimePoint> lastRunStart,
                    bool deactivated)
{
    const TimePoint now = m_clock.now();
    Entry e;
    e.schedule = schedule;
    e.deactivated = deactivated;
    if (schedule.kind == Schedule::Kind::Every) {
        e.due = lastRunStart ? *lastRunStart + schedule.interval : now;
        if (lastRunStart && e.due <= now) {
            e.due = now; // the next run is anchored on this one, not on the missed slots
            e.dueTrigger = RunTrigger::CatchUp;
        }
    } else {
        const auto slot = schedule.lastSlotAtOrBefore(now);
        if (lastRunStart && slot && *lastRunStart < *slot) {
            e.due = now;
            e.dueTrigger = RunTrigger::CatchUp;
        } else {
            e.due = schedule.nextSlotAfter(now);
        }
    }
    m_flows[flow] = e;
}

void Scheduler::remove(const std::string &flow)
{
    m_flows.erase(flow);
}

Scheduler::Entry *Scheduler::find(const std::string &flow)
{
    const auto it = m_flows.find(flow);
    if (it == m_flows.end())
        throw Error("the scheduler has no flow named '" + flow + "'");
    return &it->second;
}

void Scheduler::start(const std::string &flow, Entry &entry, RunTrigger trigger)
{
    entry.running = true;
    entry.runDue = entry.manualPending ? m_clock.now() : entry.due;
    entry.manualPending = false;
    m_start(flow, trigger); // may call finished(flow) before it returns
}

void Scheduler::tick()
{
    const TimePoint now = m_clock.now();
    std::vector<std::pair<std::string, RunTrigger>> due;
    for (const auto &[name, e] : m_flows) {
        if (!startable(e))
            continue;
        if (e.manualPending)
            due.emplace_back(name, RunTrigger::Manual);
        else if (e.due <= now)
            due.emplace_back(name, e.dueTrigger);
    }
    for (const auto &[name, trigger] : due) {
        const auto it = m_flows.find(name);
        if (it != m_flows.end() && startable(it->second))
            start(name, it->second, trigger);
    }
}

std::optional<TimePoint> Scheduler::nextWakeUp() const
{
    std::optional<TimePoint> next;
    for (const auto &[name, e] : m_flows) {
        if (!startable(e))
            continue;
        const TimePoint t = e.manualPending ? m_clock.now() : e.due;
        if (!next || t < *next)
            next = t;
    }
    return next;
}

void Scheduler::finished(const std::string &flow, bool deactivated)
{
    const auto it = m_flows.find(flow);
    if (it == m_flows.end())
        return; // removed while it ran
    Entry &e = it->second;
    if (!e.running)
        return;
    e.running = false;
    e.deactivated = deactivated;
    const TimePoint now = m_clock.now();
    // The next slot after the one this run was for; when it already passed (the run took longer
    // than the interval, or the slot came while it ran) one run starts at once.
    const TimePoint next = e.schedule.nextSlotAfter(e.runDue);
    if (next <= now) {
        e.due = now;
        e.dueTrigger = RunTrigger::CatchUp;
    } else {
        e.due = next;
        e.dueTrigger = RunTrigger::Schedule;
    }
}

void Scheduler::runNow(const std::string &flow)
{
    Entry *e = find(flow);
    e->manualPending = true;
    if (!e->running)
        start(flow, *e, RunTrigger::Manual);
}

void Scheduler::setPaused(const std::string &flow, bool paused)
{
    Entry *e = find(flow);
    if (e->paused == paused)
        return;
    e->paused = paused;
    if (!paused && !e->running && e->due < m_clock.now()) {
        // Slots missed while paused: one run at once.
        e->due = m_clock.now();
        e->dueTrigger = RunTrigger::CatchUp;
    }
}

void Scheduler::setDeactivated(const std::string &flow, bool deactivated)
{
    Entry *e = find(flow);
    e->deactivated = deactivated;
    if (!deactivated && !e->running && e->due < m_clock.now()) {
        // Back on: an interval flow runs at once, a daily one at its next slot.
        const TimePoint now = m_clock.now();
        e->due = e->schedule.kind == Schedule::Kind::Every ? now : e->schedule.nextSlotAfter(now);
        e->dueTrigger = RunTrigger::Schedule;
    }
}

bool Scheduler::running(const std::string &flow) const
{
    const auto it = m_flows.find(flow);
    return it != m_flows.end() && it->second.running;
}

bool Scheduler::paused(const std::string &flow) const
{
    const auto it = m_flows.find(flow);
    return it != m_flows.end() && it->second.paused;
}

bool Scheduler::deactivated(const std::string &flow) const
{
    const auto it = m_flows.find(flow);
    return it != m_flows.end() && it->second.deactivated;
}

std::optional<TimePoint> Scheduler::nextRun(const std::string &flow) const
{
    const auto it = m_flows.find(flow);
    if (it == m_flows.end() || it->second.paused || it->second.deactivated)
        return std::nullopt;
    const Entry &e = it->second;
    if (e.running)
        return e.manualPending ? m_clock.now() : e.schedule.nextSlotAfter(e.runDue);
    return e.due;
}

std::vector<std::string> Scheduler::flows() const
{
    std::vector<std::string> names;
    for (const auto &[name, e] : m_flows)
        names.push_back(name);
    return names;
}

} // namespace flowdeck
