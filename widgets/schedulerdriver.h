#pragma once

#include "core/schedule/scheduler.h"

#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>

class QTimer;

namespace flowdeck {

struct Flow;
struct RunResult;

/// Runs the scheduled flows of the main window on time: owns a core Scheduler, arms a single-shot
/// QTimer for its nextWakeUp() (again after every tick and change), and asks its start handler
/// (the window's run path, so a scheduled run looks like a manual one) to start a due run. The
/// window reports the end of every run with runFinished(). Flows are keyed by their file path.
/// The clock is injectable (setClock()) so tests drive time without sleeping.
class SchedulerDriver : public QObject
{
    Q_OBJECT
public:
    /// Starts a run of the flow file `path`; returns false when it could not start.
    using StartHandler = std::function<bool(const QString &path, RunTrigger trigger)>;

    explicit SchedulerDriver(QObject *parent = nullptr);
    ~SchedulerDriver() override;

    void setStartHandler(StartHandler handler) { m_startHandler = std::move(handler); }
    /// Replaces the clock (the system clock by default). `clock` must outlive the driver.
    void setClock(const ScheduleClock &clock);
    const ScheduleClock &clock() const;

    /// Adds the flow of `path` when its trigger is a schedule (reading its saved state for the
    /// catch-up and deactivation rules), replaces it when its trigger changed, removes it when
    /// it is no longer scheduled. A run going and a pause are kept. Returns the error text when
    /// its schedule or state cannot be read.
    QString setFlow(const QString &path, const Flow &flow, const QString &stateDir);
    /// Drops every flow whose path is not in `paths`.
    void keepOnly(const QStringList &paths);

    bool isScheduled(const QString &path) const { return m_names.count(path) > 0; }
    bool isPaused(const QString &path) const;
    bool isDeactivated(const QString &path) const;
    /// "2026-11-21 14:30" (local time), "paused", "deactivated", or "" for a flow not scheduled.
    QString nextRunText(const QString &path) const;

    /// "Schedule: every 15m. Next run: … " with the failures in a row and the deactivation from
    /// the flow's saved state, for the window's details; "" for a flow not scheduled.
    QString details(const QString &path, const QString &stateDir) const;

    /// A run of `path` has ended (scheduled or manual): lets the scheduler start the next one.
    void runFinished(const QString &path, const RunResult &result);
    /// Runs the flow now (or right after the run going), paused or deactivated too.
    void runNow(const QString &path);
    void setPaused(const QString &path, bool paused);
    /// Turns a flow deactivated after its failures back on (its saved failure count is reset).
    /// Returns the error text when its state cannot be written.
    QString reactivate(const QString &path, const QString &stateDir);

    /// Starts what is due and re-arms the timer (what the timer calls; tests call it after moving
    /// their clock).
    void tick();
    /// Milliseconds until the timer fires; -1 when it is not armed.
    int remainingMs() const;

Q_SIGNALS:
    /// The next run, pause or deactivation of `path` changed.
    void scheduleChanged(const QString &path);

private:
    class ForwardingClock;
    void start(const std::string &name, RunTrigger trigger);
    void rearm();
    std::string nameOf(const QString &path) const;

    std::unique_ptr<ForwardingClock> m_clock;
    std::unique_ptr<Scheduler> m_scheduler;
    QTimer *m_timer = nullptr;
    StartHandler m_startHandler;
    std::map<QString, std::string> m_names;   // flow file path -> flow name
    std::map<std::string, QString> m_paths;   // flow name -> flow file path
    std::map<QString, std::string> m_triggers; // the trigger a flow was added with
    std::map<QString, Schedule> m_schedules;
    bool m_ticking = false;
};

} // namespace flowdeck
