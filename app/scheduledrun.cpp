#include "scheduledrun.h"
#include "core/model/jsontext.h"

#include "core/model/atomicfile.h"
#include "core/schedule/scheduledstate.h"
#include "core/schedule/scheduler.h"

#include <QLocale>
#include <QTextStream>

#include <atomic>
#include <csignal>
#include <optional>
#include <thread>

namespace flowdeck::cli {

namespace {

std::atomic<int> g_stopSignal{0};

void onStopSignal(int sig)
{
    g_stopSignal.store(sig);
}

QString count(std::uint64_t n)
{
    return QLocale::c().toString(qulonglong(n));
}

} // namespace

QString watermarkText(const nlohmann::json &w)
{
    if (w.is_null())
        return QStringLiteral("(start)");
    if (w.is_object() && w.contains("value")) {
        QString s = QString::fromStdString(w["value"].get<std::string>());
        for (const auto &a : w.value("after", nlohmann::json::array()))
            s += QLatin1Char('/') + QString::fromStdString(a.is_string() ? a.get<std::string>() : a.dump());
        return s;
    }
    if (w.is_object() && w.value("phase", std::string()) == "watermark") {
        QString s = QStringLiteral("(start)");
        if (w.contains("from") && w["from"].is_array()) {
            s.clear();
            for (const auto &v : w["from"])
                s += (s.isEmpty() ? QString() : QStringLiteral("/")) + QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
        }
        if (w.contains("inner") && w["inner"].is_object())
            s += QStringLiteral(" + ") + watermarkText(w["inner"]);
        return s;
    }
    if (w.is_object() && w.contains("files") && w["files"].is_object())
        return QStringLiteral("%1 file(s) taken").arg(w["files"].size());
    return QString::fromStdString(w.dump());
}

QString runLine(const Flow &flow, const RunResult &r)
{
    QString line = QString::fromStdString(flow.name) + QStringLiteral(": run ") + QString::fromUtf8(runStatusName(r.status))
                   + QStringLiteral(" (") + QString::fromUtf8(triggerName(r.trigger)) + QStringLiteral(", started ")
                   + QString::fromStdString(r.startedAt) + QStringLiteral("): read %1, written %2, filtered %3, dead-lettered %4")
                         .arg(count(r.counts.read), count(r.counts.written), count(r.counts.filtered),
                              count(r.counts.deadLettered));
    if (r.bytesRead)
        line += QStringLiteral(", %1 bytes").arg(count(r.bytesRead));
    line += QStringLiteral(" in %1 s").arg(r.elapsedSeconds, 0, 'f', 2);
    if (!r.watermarkAfter.is_null() || !r.watermarkBefore.is_null())
        line += QStringLiteral("; watermark %1 -> %2").arg(watermarkText(r.watermarkBefore), watermarkText(r.watermarkAfter));
    if (!r.error.empty())
        line += QStringLiteral("; error: ") + QString::fromStdString(r.error);
    if (r.status == RunStatus::Failed && r.consecutiveFailures > 1)
        line += QStringLiteral(" (%1 failed runs in a row)").arg(r.consecutiveFailures);
    return line;
}

int runScheduled(const Flow &flow, const EngineOptions &baseOptions, const QString &metricsJson)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString name = QString::fromStdString(flow.name);
    std::optional<RunTrigger> pending;
    Scheduler scheduler(ScheduleClock::system(), [&](const std::string &, RunTrigger trigger) { pending = trigger; });
    RunState state;
    try {
        state = addScheduledFlow(scheduler, flow, baseOptions.stateDir);
    } catch (const Error &e) {
        err << name << ": " << e.what() << '\n';
        return 1;
    }
    if (state.deactivated) {
        err << name << ": the schedule is deactivated since " << QString::fromStdString(state.deactivatedAt) << " after "
            << state.consecutiveFailures << " failed runs in a row (last error: " << QString::fromStdString(state.lastError)
            << "); fix the cause, then run it with --reactivate\n";
        return 1;
    }
    const Schedule schedule = Schedule::fromTrigger(flow.trigger);

    g_stopSignal.store(0);
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    out << name << ": scheduled " << QString::fromStdString(schedule.describe()) << "; next run "
        << QString::fromStdString(formatLocal(*scheduler.nextRun(flow.name))) << "; Ctrl+C to stop\n";
    out.flush();

    int exitCode = 0;
    bool firstRun = true;
    while (!g_stopSignal.load()) {
        scheduler.tick();
        if (pending) {
            EngineOptions options = baseOptions;
            options.trigger = *pending;
            options.restart = baseOptions.restart && firstRun; // --restart: the first run only
            firstRun = false;
            pending.reset();
            Engine engine(flow, options);
            RunResult result;
            std::atomic<bool> done{false};
            std::thread worker([&] {
                result = engine.run();
                done.store(true);
            });
            bool stopAsked = false;
            while (!done.load()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                if (g_stopSignal.load() && !stopAsked) {
                    stopAsked = true;
                    engine.requestStop();
                    err << name << ": stopping after the current batch...\n";
                    err.flush();
                }
            }
            worker.join();
            (result.status == RunStatus::Completed ? out : err) << runLine(flow, result) << '\n';
            if (!metricsJson.isEmpty()) {
                try {
                    writeFileAtomically(metricsJson.toStdString(), jsonText(result.toJson(flow.name), 2) + '\n');
                } catch (const Error &e) {
                    err << e.what() << '\n';
                }
            }
            scheduler.finished(flow.name, result.deactivated);
            if (result.deactivated) {
                err << name << ": deactivated after " << result.consecutiveFailures
                    << " failed runs in a row (deactivateAfterFailures); no more runs start. Fix the cause, then run "
                       "it with --reactivate\n";
                exitCode = 1;
                break;
            }
            if (const auto next = scheduler.nextRun(flow.name); next && !g_stopSignal.load())
                out << name << ": next run " << QString::fromStdString(formatLocal(*next)) << '\n';
            out.flush();
            err.flush();
            continue;
        }
        const auto wake = scheduler.nextWakeUp();
        if (!wake)
            break;
        // Sleep in short steps so a signal is seen at once.
        while (!g_stopSignal.load() && std::chrono::system_clock::now() < *wake)
            std::this_thread::sleep_for(std::min<std::chrono::system_clock::duration>(
                std::chrono::milliseconds(200), *wake - std::chrono::system_clock::now()));
    }
    if (g_stopSignal.load())
        out << name << ": schedule stopped\n";
    return exitCode;
}

} // namespace flowdeck::cli
