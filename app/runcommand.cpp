#include "runcommand.h"
#include "core/model/jsontext.h"

#include "secretlookup.h"

#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "core/model/atomicfile.h"
#include "scheduledrun.h"

#include <QCommandLineParser>
#include <QLocale>
#include <QTextStream>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include <unistd.h>

namespace flowdeck::cli {

namespace {

std::atomic<int> g_signal{0};

void onSignal(int sig)
{
    g_signal.store(sig);
}

QString formatCount(std::uint64_t n)
{
    return QLocale::c().toString(qulonglong(n));
}

QString countsLine(const RunCounts &c)
{
    QString s = QStringLiteral("read %1, written %2, filtered %3, dead-lettered %4")
                    .arg(formatCount(c.read), formatCount(c.written), formatCount(c.filtered),
                         formatCount(c.deadLettered));
    if (c.failed)
        s += QStringLiteral(", failed %1").arg(formatCount(c.failed));
    if (c.unmatched)
        s += QStringLiteral(" (%1 updates matched no row)").arg(formatCount(c.unmatched));
    return s;
}

} // namespace

int runCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Runs a flow file to the end of its source; a scheduled flow keeps running on its schedule."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FLOW"), QStringLiteral("the flow file (*.flow.json)"));
    const QCommandLineOption stateDir(QStringLiteral("state-dir"),
                                      QStringLiteral("folder for checkpoints and run history (default ~/.local/state/flowdeck)"),
                                      QStringLiteral("DIR"));
    const QCommandLineOption untilIdle(QStringLiteral("until-idle"),
                                       QStringLiteral("end a continuous flow once its source is caught up and idle"));
    const QCommandLineOption metricsJson(QStringLiteral("metrics-json"),
                                         QStringLiteral("write the final counters to FILE as JSON"), QStringLiteral("FILE"));
    const QCommandLineOption restart(QStringLiteral("restart"),
                                     QStringLiteral("ignore the checkpoint of an unfinished run and start from the beginning"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("no progress line"));
    const QCommandLineOption once(QStringLiteral("once"),
                                  QStringLiteral("scheduled flow: run once now and exit instead of following the schedule"));
    const QCommandLineOption reactivate(QStringLiteral("reactivate"),
                                        QStringLiteral("turn a schedule deactivated after failed runs back on"));
    parser.addOptions({stateDir, untilIdle, metricsJson, restart, quiet, once, reactivate});

    QTextStream err(stderr);
    QTextStream out(stdout);
    if (!parser.parse(QStringList{QStringLiteral("flowdeck run")} + args)) {
        err << parser.errorText() << "\nUsage: flowdeck run FLOW [--state-dir DIR] [--until-idle] [--metrics-json FILE] [--restart]\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        help.replace(0, help.indexOf(QLatin1Char('\n')), QStringLiteral("Usage: flowdeck run [options] FLOW"));
        out << help;
        return 0;
    }
    if (parser.positionalArguments().size() != 1) {
        err << "Usage: flowdeck run FLOW [--state-dir DIR] [--until-idle] [--metrics-json FILE] [--restart]\n";
        return 2;
    }

    const std::string path = parser.positionalArguments().first().toStdString();
    Flow flow;
    try {
        flow = loadFlow(path, secretLookup(flowNameInFile(path))); // the environment, then (window's build) this flow's keychain entries
    } catch (const FlowError &e) {
        for (const FlowProblem &p : e.problems())
            err << QString::fromStdString(path) << ": " << QString::fromStdString(p.toString()) << '\n';
        return 2;
    }

    EngineOptions options;
    options.stateDir = parser.value(stateDir).toStdString();
    options.restart = parser.isSet(restart);
    options.untilIdle = parser.isSet(untilIdle);
    const bool scheduled = flow.trigger.value("type", std::string()) == "schedule";
    if (scheduled) {
        const StateStore store(options.stateDir.empty() ? StateStore::defaultDir() : options.stateDir, flow.name);
        try {
            if (parser.isSet(reactivate))
                store.reactivate();
            const RunState saved = store.load();
            if (saved.deactivated && parser.isSet(once)) {
                err << QString::fromStdString(flow.name) << ": the schedule is deactivated since "
                    << QString::fromStdString(saved.deactivatedAt) << " after " << saved.consecutiveFailures
                    << " failed runs in a row (last error: " << QString::fromStdString(saved.lastError)
                    << "); fix the cause, then run it with --reactivate\n";
                return 1;
            }
        } catch (const Error &e) {
            err << e.what() << '\n';
            return 1;
        }
        if (!parser.isSet(once))
            return runScheduled(flow, options, parser.value(metricsJson));
    }
    Engine engine(flow, options);

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);

    RunResult result;
    std::atomic<bool> done{false};
    std::thread worker([&] {
        result = engine.run();
        done.store(true);
    });

    const bool progress = !parser.isSet(quiet) && ::isatty(STDERR_FILENO);
    bool stopAsked = false;
    while (!done.load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (g_signal.load() && !stopAsked) {
            stopAsked = true;
            engine.requestStop();
            err << "\nstopping after the current batch...\n";
        }
        static int tick = 0;
        if (progress && ++tick % 5 == 0) {
            const RunCounts c = engine.metrics().snapshot();
            const std::uint64_t total = engine.metrics().progressTotal();
            QString pct;
            if (total)
                pct = QStringLiteral(" %1%").arg(100.0 * double(engine.metrics().progressDone()) / double(total), 0, 'f', 0);
            err << '\r' << QString::fromStdString(flow.name) << pct << ": " << countsLine(c) << "\x1b[K";
            err.flush();
        }
    }
    worker.join();
    if (progress)
        err << "\r\x1b[K";

    const QString name = QString::fromStdString(flow.name);
    const QString elapsed = QString::number(result.elapsedSeconds, 'f', 2);
    switch (result.status) {
    case RunStatus::Completed:
        out << name << ": completed" << (result.resumed ? " (resumed)" : "") << ": " << countsLine(result.counts)
            << " in " << elapsed << " s\n";
        break;
    case RunStatus::Stopped:
        err << name << ": stopped: " << countsLine(result.counts) << "; the next run resumes where this one stopped\n";
        break;
    default:
        err << name << ": failed: " << QString::fromStdString(result.error) << '\n'
            << name << ": " << countsLine(result.counts)
            << (!result.errorPosition.empty() ? "; the next run resumes at the failed record (use --restart to start over)\n"
                : result.counts.read == 0     ? "; nothing was read: the next run starts where this one did\n"
                                              : "; the next run resumes after the last written record\n");
        break;
    }
    if (scheduled) {
        (result.status == RunStatus::Completed ? out : err) << runLine(flow, result) << '\n';
        if (result.deactivated)
            err << name << ": the schedule is deactivated after " << result.consecutiveFailures
                << " failed runs in a row; fix the cause, then run it with --reactivate\n";
    }
    if (!result.deadLetterPath.empty() && result.counts.deadLettered)
        out << name << ": " << formatCount(result.counts.deadLettered) << " record(s) written to "
            << QString::fromStdString(result.deadLetterPath) << '\n';

    if (parser.isSet(metricsJson)) {
        try {
            writeFileAtomically(parser.value(metricsJson).toStdString(), jsonText(result.toJson(flow.name), 2) + '\n');
        } catch (const Error &e) {
            err << e.what() << '\n';
            return 1;
        }
    }
    return result.status == RunStatus::Completed ? 0 : 1;
}

} // namespace flowdeck::cli
