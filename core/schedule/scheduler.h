#pragma once

#include "core/schedule/schedule.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace flowdeck {

/// The scheduler's source of "now". Tests drive time with their own clock instead of sleeping.
class ScheduleClock
{
public:
    virtual ~ScheduleClock() = default;
    virtual TimePoint now() const = 0;
    /// The process's system clock.
    static const ScheduleClock &system();
};

/// Why a scheduled run started. stored in history files: do not rename (see triggerName()).
enum class RunTrigger : std::uint8_t { Manual, Schedule, CatchUp };

/// "manual", "schedule" or "catch-up", as run history records it.
const char *triggerName(RunTrigger trigger);

/// Decides when scheduled flows run; starting and running them is the caller's (the GUI's flow
/// runner, `flowdeck run`). No threads, no timers: the owner calls tick() when nextWakeUp() comes
/// (a QTimer, a sleep loop, or a test advancing its clock) and finished() when a run it was asked
/// to start has ended. Used from one thread; the start callback may call finished() itself.
///
/// Rules, per flow:
/// - A run never overlaps the previous one of the same flow. Slots that pass while a run is going
///   (or while the program was closed) start ONE run as soon as possible, not one per slot.
/// - `every`: the next run is due one interval after the previous run was due (or, after a
///   program start, after the last run started); a flow that never ran is due at once.
/// - `at`: due at the next HH:MM local time; at program start, a flow whose last run started
///   before the newest passed slot runs once at once (RunTrigger::CatchUp). A flow that never
///   ran waits for its first slot.
/// - Paused and deactivated flows are not started; resuming a paused flow applies the catch-up
///   rule again (a slot missed while paused runs once).
class Scheduler
{
public:
    /// Called to start a run of `flow`; the run counts as going until finished(flow).
    using StartRun = std::function<void(const std::string &flow, RunTrigger trigger)>;

    Scheduler(const ScheduleClock &clock, StartRun start);

    /// Adds or replaces a flow. `lastRunStart`: when its newest run started (from its run state),
    /// for the catch-up rule. `deactivated`: a flow turned off by deactivateAfterFailures.
    void add(const std::string &flow, const Schedule &schedule, std::optional<TimePoint> lastRunStart,
             bool deactivated = false);
    void remove(const std::string &flow);
    bool contains(const std::string &flow) const { return m_flows.count(flow) > 0; }

    /// Starts every flow that is due, not running, not paused and not deactivated.
    void tick();
    /// The earliest time tick() has something to start; nullopt when nothing is scheduled.
    std::optional<TimePoint> nextWakeUp() const;

    /// A run started by the callback has ended. `deactivated`: the run's state now says the flow
    /// is deactivated (it failed deactivateAfterFailures times in a row): it is not started again.
    void finished(const std::string &flow, bool deactivated = false);
    /// Starts a run now (RunTrigger::Manual), or right after the one going. Also runs a paused or
    /// deactivated flow once.
    void runNow(const std::string &flow);
    void setPaused(const std::string &flow, bool paused);
    /// Turns a deactivated flow back on (after its run state was reset), or off.
    void setDeactivated(const std::string &flow, bool deactivated);

    bool running(const std::string &flow) const;
    bool paused(const std::string &flow) const;
    bool deactivated(const std::string &flow) const;
    /// When the flow's next run is due; nullopt while paused or deactivated. Past (or now) when it
    /// is due at once; while it runs, when the next one would start.
    std::optional<TimePoint> nextRun(const std::string &flow) const;
    std::vector<std::string> flows() const;

private:
    struct Entry
    {
        Schedule schedule;
        TimePoint due;
        RunTrigger dueTrigger = RunTrigger::Schedule;
        TimePoint runDue;          // the due time of the run going
        bool running = false;
        bool paused = false;
        bool deactivated = false;
        bool manualPending = false; // runNow() while running
    };
    void start(const std::string &flow, Entry &entry, RunTrigger trigger);
    bool startable(const Entry &e) const { return !e.running && ((!e.paused && !e.deactivated) || e.manualPending); }
    Entry *find(const std::string &flow);

    const ScheduleClock &m_clock;
    StartRun m_start;
    std::map<std::string, Entry> m_flows;
};

} // namespace flowdeck
