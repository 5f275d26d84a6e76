#include "schedulerdriver.h"

#include "core/engine/engine.h"
#include "core/model/errors.h"
#include "core/flow/flow.h"
#include "core/engine/runstate.h"
#include "core/schedule/scheduledstate.h"

#include <QDateTime>
#include <QLocale>
#include <QTimer>

#include <algorithm>

namespace flowdeck {

// The Scheduler keeps a reference to its clock; this one lets setClock() swap what it reads.
class SchedulerDriver::ForwardingClock : public ScheduleClock
{
public:
    TimePoint now() const override { return target->now(); }
    const ScheduleClock *target = &ScheduleClock::system();
};

namespace {
// Re-checks at least once a minute: a suspended machine or a clock change is noticed soon.
constexpr qint64 kMaxTimerMs = 60 * 1000;
} // namespace

SchedulerDriver::SchedulerDriver(QObject *parent)
    : QObject(parent)
    , m_clock(std::make_unique<ForwardingClock>())
    , m_timer(new QTimer(this))
{
    m_scheduler = std::make_unique<Scheduler>(*m_clock, [this](const std::string &name, RunTrigger trigger) {
        start(name, trigger);
    });
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &SchedulerDriver::tick);
}

SchedulerDriver::~SchedulerDriver() = default;

void SchedulerDriver::setClock(const ScheduleClock &clock)
{
    m_clock->target = &clock;
    rearm();
}

const ScheduleClock &SchedulerDriver::clock() const
{
    return *m_clock->target;
}

std::string SchedulerDriver::nameOf(const QString &path) const
{
    const auto it = m_names.find(path);
    return it == m_names.end() ? std::string() : it->second;
}

QString SchedulerDriver::setFlow(const QString &path, const Flow &flow, const QString &stateDir)
{
    const bool scheduled = flow.trigger.is_object() && flow.trigger.value("type", std::string()) == "schedule";
    const std::string old = nameOf(path);
    const std::string trigger = flow.trigger.dump();
    if (!old.empty() && (!scheduled || old != flow.name || m_triggers[path] != trigger)) {
        if (m_scheduler->running(old))
            return {}; // changed while it runs: picked up at the next reload
        m_scheduler->remove(old);
        m_paths.erase(old);
        m_names.erase(path);
        m_triggers.erase(path);
        m_schedules.erase(path);
        Q_EMIT scheduleChanged(path);
    }
    if (!scheduled || m_names.count(path)) {
        rearm();
        return {};
    }
    QString error;
    try {
        addScheduledFlow(*m_scheduler, flow, stateDir.toStdString());
        m_names[path] = flow.name;
        m_paths[flow.name] = path;
        m_triggers[path] = trigger;
        m_schedules[path] = Schedule::fromTrigger(flow.trigger);
        Q_EMIT scheduleChanged(path);
    } catch (const Error &e) {
        error = QString::fromUtf8(e.what());
    }
    rearm();
    return error;
}

void SchedulerDriver::keepOnly(const QStringList &paths)
{
    std::vector<QString> gone;
    for (const auto &[path, name] : m_names)
        if (!paths.contains(path))
            gone.push_back(path);
    for (const QString &path : gone) {
        m_scheduler->remove(m_names[path]);
        m_paths.erase(m_names[path]);
        m_names.erase(path);
        m_triggers.erase(path);
        m_schedules.erase(path);
    }
    rearm();
}

bool SchedulerDriver::isPaused(const QString &path) const
{
    const std::string name = nameOf(path);
    return !name.empty() && m_scheduler->paused(name);
}

bool SchedulerDriver::isDeactivated(const QString &path) const
{
    const std::string name = nameOf(path);
    return !name.empty() && m_scheduler->deactivated(name);
}

QString SchedulerDriver::nextRunText(const QString &path) const
{
    const std::string name = nameOf(path);
    if (name.empty())
        return {};
    if (m_scheduler->deactivated(name))
        return tr("deactivated");
    if (m_scheduler->paused(name))
        return tr("paused");
    const auto next = m_scheduler->nextRun(name);
    if (!next)
        return {};
    const qint64 ms = std::chrono::duration_cast<std::chrono::milliseconds>(next->time_since_epoch()).count();
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    if (*next <= m_clock->now())
        return tr("now");
    return QLocale().toString(local, QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString SchedulerDriver::details(const QString &path, const QString &stateDir) const
{
    const std::string name = nameOf(path);
    if (name.empty())
        return {};
    const auto schedule = m_schedules.find(path);
    if (schedule == m_schedules.end())
        return {};
    QString text = tr("Schedule: %1.").arg(QString::fromStdString(schedule->second.describe()));
    text += QLatin1Char(' ') + tr("Next run: %1.").arg(nextRunText(path));
    try {
        const RunState state = StateStore(stateDir.toStdString(), name).load();
        if (state.deactivated)
            text += QLatin1Char('\n')
                    + tr("Deactivated on %1 after %2 failed runs in a row (last error: %3). Fix the cause, then "
                         "reactivate it (Flow → Reactivate Schedule).")
                          .arg(QString::fromStdString(state.deactivatedAt))
                          .arg(state.consecutiveFailures)
                          .arg(QString::fromStdString(state.lastError));
        else if (state.consecutiveFailures > 0)
            text += QLatin1Char('\n') + tr("%n failed run(s) in a row.", nullptr, int(state.consecutiveFailures));
    } catch (const Error &e) {
        text += QLatin1Char('\n') + QString::fromUtf8(e.what());
    }
    return text;
}

void SchedulerDriver::start(const std::string &name, RunTrigger trigger)
{
    const auto it = m_paths.find(name);
    const bool started = it != m_paths.end() && m_startHandler && m_startHandler(it->second, trigger);
    if (!started)
        m_scheduler->finished(name); // could not start: wait for the next slot
    if (it != m_paths.end())
        Q_EMIT scheduleChanged(it->second);
}

void SchedulerDriver::runFinished(const QString &path, const RunResult &result)
{
    const std::string name = nameOf(path);
    if (name.empty())
        return;
    m_scheduler->finished(name, result.deactivated);
    Q_EMIT scheduleChanged(path);
    // A run pending behind this one (Run now while it ran) starts on the next event-loop turn,
    // once the window has recorded this one's end.
    QTimer::singleShot(0, this, &SchedulerDriver::tick);
}

void SchedulerDriver::runNow(const QString &path)
{
    const std::string name = nameOf(path);
    if (name.empty())
        return;
    m_scheduler->runNow(name);
    Q_EMIT scheduleChanged(path);
    rearm();
}

void SchedulerDriver::setPaused(const QString &path, bool paused)
{
    const std::string name = nameOf(path);
    if (name.empty())
        return;
    m_scheduler->setPaused(name, paused);
    Q_EMIT scheduleChanged(path);
    rearm();
}

QString SchedulerDriver::reactivate(const QString &path, const QString &stateDir)
{
    const std::string name = nameOf(path);
    if (name.empty())
        return {};
    try {
        StateStore(stateDir.toStdString(), name).reactivate();
    } catch (const Error &e) {
        return QString::fromUtf8(e.what());
    }
    m_scheduler->setDeactivated(name, false);
    Q_EMIT scheduleChanged(path);
    rearm();
    return {};
}

void SchedulerDriver::tick()
{
    if (m_ticking)
        return;
    m_ticking = true;
    m_scheduler->tick();
    m_ticking = false;
    rearm();
}

void SchedulerDriver::rearm()
{
    const auto wake = m_scheduler->nextWakeUp();
    if (!wake) {
        m_timer->stop();
        return;
    }
    const qint64 ms = std::chrono::duration_cast<std::chrono::milliseconds>(*wake - m_clock->now()).count();
    m_timer->start(int(std::clamp<qint64>(ms, 0, kMaxTimerMs)));
}

int SchedulerDriver::remainingMs() const
{
    return m_timer->isActive() ? m_timer->remainingTime() : -1;
}

} // namespace flowdeck
