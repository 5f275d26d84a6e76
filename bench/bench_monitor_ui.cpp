// The monitor window must not slow a flow down nor freeze the GUI. A CSV file → embedded Kafka
// flow runs flat out in the GUI process, alternately without and with a MonitorWindow open
// (offscreen, sampling every 250 ms, replotting on its coalescing timer), and we print:
//
//   - the longest GUI event-loop stall during each run (a 5 ms timer's largest lateness)
//                                                              (target with monitor < 50 ms)
//   - the flow's throughput with the monitor open vs closed    (target ≥ 0.95×)
//
// Usage: QT_QPA_PLATFORM=offscreen bench_monitor_ui [--rows N] [--rounds R] [--dir TMP]
#include "core/kafka/embeddedbroker.h"
#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "widgets/dashboard/monitorwindow.h"
#include "widgets/flowrunner.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace flowdeck;

namespace {

/// Times every top-level event dispatch of the GUI thread, to tell our own slow handlers from
/// time the thread simply did not get the CPU.
class TimingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth++ > 0) {
            const bool r = QApplication::notify(receiver, event);
            --m_depth;
            return r;
        }
        QElapsedTimer t;
        t.start();
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = double(t.nsecsElapsed()) / 1e6;
        if (ms > longestMs) {
            longestMs = ms;
            longestWhat = std::string(receiver->metaObject()->className()) + " event " + std::to_string(int(event->type()));
        }
        return r;
    }
    double longestMs = 0;
    std::string longestWhat;

private:
    int m_depth = 0;
};

struct Figures
{
    double rowsPerSecond = 0;
    double longestStallMs = 0;
    double longestEventMs = 0;
    std::string longestEvent;
    int replots = 0;
};

std::string makeCsv(const std::string &dir, long rows)
{
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/monitor-bench.csv";
    std::ofstream out(path);
    out << "id,name,city,amount,note\n";
    std::mt19937 rng(42);
    static const char *cities[] = {"Osaka", "Lyon", "Austin", "Porto", "Taipei", "Leeds"};
    for (long i = 1; i <= rows; ++i)
        out << i << ",customer " << i << ',' << cities[rng() % 6] << ',' << (rng() % 100000) / 100.0 << ",n" << (rng() % 1000) << '\n';
    return path;
}

Figures runOnce(const std::string &csv, const std::string &dir, int round, bool withMonitor)
{
    const std::string topic = "monitor-bench-" + std::to_string(round) + (withMonitor ? "-open" : "-closed");
    EmbeddedBroker::shared().createTopic(topic, 24); // the mock keeps ~100k messages per partition
    const nlohmann::json doc = {{"flowdeck", 1},
                                {"name", topic},
                                {"source", {{"type", "file"}, {"path", csv}, {"format", "csv"}}},
                                {"destination", {{"type", "kafka"}, {"brokers", "embedded"}, {"protocol", "json"}, {"topic", topic},
                                                 {"partition", "columns:id"}, {"properties", {{"linger.ms", "5"}}}}}};
    EngineOptions options;
    options.stateDir = dir + "/state";
    options.restart = true;
    const Flow flow = flowFromJson(doc);

    std::unique_ptr<MonitorWindow> monitor;
    std::unique_ptr<FlowRunner> runner;
    FlowRunner *r = nullptr;
    if (withMonitor) {
        monitor = std::make_unique<MonitorWindow>(flow, options);
        monitor->show();
        r = monitor->runner();
    } else {
        runner = std::make_unique<FlowRunner>(flow, options);
        r = runner.get();
    }

    // The GUI thread's lateness: a 5 ms timer that should fire every 5 ms.
    QElapsedTimer tick;
    double longest = 0;
    QTimer probe;
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        longest = std::max(longest, double(tick.nsecsElapsed()) / 1e6 - 5.0);
        tick.restart();
    });

    QEventLoop loop;
    RunResult result;
    QObject::connect(r, &FlowRunner::finished, &loop, [&](const RunResult &res) {
        result = res;
        loop.quit();
    });
    auto *timing = static_cast<TimingApplication *>(qApp);
    timing->longestMs = 0;
    timing->longestWhat.clear();
    tick.start();
    probe.start();
    r->start();
    loop.exec();
    probe.stop();
    if (result.status != RunStatus::Completed) {
        std::fprintf(stderr, "run failed: %s\n", result.error.c_str());
        std::exit(1);
    }
    Figures f;
    f.rowsPerSecond = double(result.counts.written) / result.elapsedSeconds;
    f.longestStallMs = std::max(0.0, longest);
    f.replots = monitor ? monitor->replotCount() : 0;
    f.longestEventMs = timing->longestMs;
    f.longestEvent = timing->longestWhat;
    return f;
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    long rows = 300000;
    int rounds = 3;
    std::string dir = std::filesystem::temp_directory_path().string() + "/flowdeck-bench-monitor";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--rows"))
            rows = std::atol(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--rounds"))
            rounds = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--dir"))
            dir = argv[i + 1];
    }
    const std::string csv = makeCsv(dir, rows);
    std::printf("monitor UI bench: CSV → embedded Kafka (json), %ld rows, %d rounds alternating closed/open\n", rows, rounds);
    std::vector<double> closed, open, stallClosed, stallOpen;
    for (int round = 0; round < rounds; ++round) {
        for (bool withMonitor : {false, true}) {
            const Figures f = runOnce(csv, dir, round, withMonitor);
            std::printf("  round %d, monitor %-6s %10.0f rows/s   longest GUI stall %6.1f ms   longest event handled %5.1f ms (%s)%s\n",
                        round + 1, withMonitor ? "open" : "closed", f.rowsPerSecond, f.longestStallMs, f.longestEventMs,
                        f.longestEvent.c_str(), withMonitor ? (", " + std::to_string(f.replots) + " replots").c_str() : "");
            (withMonitor ? open : closed).push_back(f.rowsPerSecond);
            (withMonitor ? stallOpen : stallClosed).push_back(f.longestStallMs);
        }
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    const double ratio = median(open) / median(closed);
    const double worstStall = *std::max_element(stallOpen.begin(), stallOpen.end());
    std::printf("throughput, median: closed %.0f rows/s, open %.0f rows/s, ratio %.3f (target >= 0.95) %s\n", median(closed),
                median(open), ratio, ratio >= 0.95 ? "OK" : "BELOW TARGET");
    std::printf("longest GUI stall with the monitor open: %.1f ms (target < 50 ms) %s; closed: %.1f ms\n", worstStall,
                worstStall < 50 ? "OK" : "ABOVE TARGET", *std::max_element(stallClosed.begin(), stallClosed.end()));
    return 0;
}
