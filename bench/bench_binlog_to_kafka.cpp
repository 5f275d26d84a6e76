// Binlog → Kafka canal-json catch-up: a CDC flow reads a pre-written binlog of row changes and
// publishes one canal-json message per change, against the server's own decoder reading the same
// binlog over the replication protocol, in one run on the same server.
//
//   flowdeck: binlog → decode → canal-json → Kafka (acknowledged)   vs
//   mariadb-binlog --read-from-remote-server --verbose > /dev/null  (decode and print only)
//                                                                    (target ≥ 0.25×)
// and the peak RSS of this process, which holds the engine and the producer; the broker runs
// in a `flowdeck broker` process of its own, as a real cluster would (target < 200 MB).
//
// Usage: bench_binlog_to_kafka --port P --flowdeck BIN [--host H] [--user U] [--password W]
//                              [--rows N] [--updates N]
#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "core/engine/runstate.h"

#include <mariadb/mysql.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>

using namespace flowdeck;
using Clock = std::chrono::steady_clock;

namespace {

struct Options
{
    std::string host = "127.0.0.1";
    int port = 4000;
    std::string user = "root";
    std::string password;
    std::string database = "flowdeck_bench_cdc";
    long rows = 1'000'000;
    long updates = 300'000;
    std::string flowdeck;
    int partitions = 12; // --partitions: the main topic's partitions on the benchmark's broker
    nlohmann::json properties = nlohmann::json::object(); // --property k=v: librdkafka settings
};

struct MysqlDeleter { void operator()(MYSQL *m) const { mysql_close(m); } };
using MysqlPtr = std::unique_ptr<MYSQL, MysqlDeleter>;

MysqlPtr connect(const Options &o)
{
    MysqlPtr m(mysql_init(nullptr));
    if (!mysql_real_connect(m.get(), o.host.c_str(), o.user.c_str(), o.password.c_str(), "test", unsigned(o.port),
                            nullptr, 0)) {
        std::fprintf(stderr, "cannot connect to %s:%d: %s\n", o.host.c_str(), o.port, mysql_error(m.get()));
        std::exit(1);
    }
    return m;
}

void exec(MYSQL *m, const std::string &sql)
{
    if (mysql_real_query(m, sql.data(), sql.size()) != 0) {
        std::fprintf(stderr, "SQL failed: %s\n  in: %.200s\n", mysql_error(m), sql.c_str());
        std::exit(1);
    }
}

std::pair<std::string, unsigned long long> masterStatus(MYSQL *m)
{
    exec(m, "SHOW MASTER STATUS");
    MYSQL_RES *res = mysql_store_result(m);
    MYSQL_ROW row = res ? mysql_fetch_row(res) : nullptr;
    if (!row) {
        std::fprintf(stderr, "the server has no binary log\n");
        std::exit(1);
    }
    std::pair<std::string, unsigned long long> at{row[0], std::stoull(row[1])};
    mysql_free_result(res);
    return at;
}

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

/// Counts what it is given and acknowledges at once.
class CountingSink : public Sink
{
public:
    void open(const SchemaPtr &) override {}
    std::vector<RejectedRecord> write(Batch &) override
    {
        return {};
    }
};

long peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--host") o.host = v;
        else if (k == "--port") o.port = std::stoi(v);
        else if (k == "--user") o.user = v;
        else if (k == "--password") o.password = v;
        else if (k == "--rows") o.rows = std::stol(v);
        else if (k == "--updates") o.updates = std::stol(v);
        else if (k == "--flowdeck") o.flowdeck = v;
        else if (k == "--partitions") o.partitions = std::stoi(v);
        else if (k == "--property" && v.find('=') != std::string::npos)
            o.properties[v.substr(0, v.find('='))] = v.substr(v.find('=') + 1);
        else { std::fprintf(stderr, "unknown option %s\n", k.c_str()); return 2; }
    }
    if (o.flowdeck.empty()) {
        std::fprintf(stderr, "usage: bench_binlog_to_kafka --port P --flowdeck BIN [--rows N] [--updates N]\n");
        return 2;
    }
    const long changes = o.rows + o.updates;

    // 1. A binlog of `rows` inserts and `updates` updates, in transactions of 10,000 rows.
    MysqlPtr m = connect(o);
    exec(m.get(), "DROP DATABASE IF EXISTS " + o.database);
    exec(m.get(), "CREATE DATABASE " + o.database);
    exec(m.get(), "CREATE TABLE " + o.database + ".orders (id BIGINT PRIMARY KEY, customer INT NOT NULL, "
                  "status VARCHAR(16) NOT NULL, amount DECIMAL(12,2) NOT NULL, note VARCHAR(64), "
                  "created DATETIME(3) NOT NULL)");
    const auto start = masterStatus(m.get());
    auto t = Clock::now();
    for (long from = 1; from <= o.rows; from += 10000) {
        const long to = std::min(o.rows, from + 9999);
        exec(m.get(), "INSERT INTO " + o.database + ".orders SELECT seq, seq % 3000, ELT(1 + seq % 3, 'new', 'paid', "
                      "'shipped'), (seq % 100000) / 100, IF(seq % 5 = 0, NULL, CONCAT('order ', seq)), "
                      "'2026-01-01 00:00:00.000' + INTERVAL seq SECOND FROM seq_" + std::to_string(from) + "_to_" +
                      std::to_string(to));
    }
    for (long from = 1; from <= o.updates; from += 10000)
        exec(m.get(), "UPDATE " + o.database + ".orders SET status = 'done', amount = amount + 1 WHERE id BETWEEN " +
                      std::to_string(from) + " AND " + std::to_string(std::min(o.updates, from + 9999)));
    std::printf("binlog written: %ld row changes (%ld inserts, %ld updates) in %.1f s, from %s:%llu\n", changes,
                o.rows, o.updates, seconds(t), start.first.c_str(), start.second);

    // 2. Baseline: the server's own client decodes the same binlog remotely and prints it.
    t = Clock::now();
    QProcess baseline;
    baseline.setStandardOutputFile(QProcess::nullDevice());
    baseline.start(QStringLiteral("mariadb-binlog"),
                   {QStringLiteral("--read-from-remote-server"), QStringLiteral("--host=") + QString::fromStdString(o.host),
                    QStringLiteral("--port=") + QString::number(o.port), QStringLiteral("--user=") + QString::fromStdString(o.user),
                    QStringLiteral("--password=") + QString::fromStdString(o.password), QStringLiteral("--verbose"),
                    QStringLiteral("--to-last-log"), QStringLiteral("--start-position=") + QString::number(start.second),
                    QString::fromStdString(start.first)});
    if (!baseline.waitForFinished(-1) || baseline.exitCode() != 0) {
        std::fprintf(stderr, "mariadb-binlog failed: %s\n", baseline.readAllStandardError().constData());
        return 1;
    }
    const double baselineSeconds = seconds(t);
    const double baselineRate = changes / baselineSeconds;
    std::printf("mariadb-binlog --read-from-remote-server --verbose > /dev/null: %.2f s, %.0f rows/s\n",
                baselineSeconds, baselineRate);

    // 3. Flowdeck: a CDC flow from the same coordinates into canal-json topics on a broker in
    //    its own process: a topic of `partitions` partitions (12 by default, as the examples) and,
    //    for comparison, one of a single partition. The embedded broker answers each partition's
    //    produce request separately (~5 in flight a connection), so every batch's wait for its
    //    acknowledgements grows with the partitions; a real cluster answers much faster.
    QTemporaryDir dir;
    const QString bootstrapFile = dir.filePath(QStringLiteral("bootstrap.txt"));
    QProcess broker;
    broker.start(QString::fromStdString(o.flowdeck),
                 {QStringLiteral("broker"), QStringLiteral("--bootstrap-file"), bootstrapFile, QStringLiteral("--topic"),
                  QStringLiteral("tidb_%1_orders:%2").arg(QString::fromStdString(o.database)).arg(o.partitions),
                  QStringLiteral("--topic"), QStringLiteral("one_%1_orders:1").arg(QString::fromStdString(o.database))});
    std::string bootstrap;
    for (int i = 0; i < 300 && bootstrap.empty(); ++i) {
        QThread::msleep(50);
        QFile f(bootstrapFile);
        if (f.open(QIODevice::ReadOnly))
            bootstrap = f.readAll().trimmed().toStdString();
    }
    if (bootstrap.empty()) {
        std::fprintf(stderr, "flowdeck broker did not start\n");
        return 1;
    }
    const nlohmann::json connection = {{"host", o.host}, {"port", o.port}, {"user", o.user},
                                       {"password", o.password}, {"database", o.database}};
    const auto makeFlow = [&](const std::string &topic) { return flowFromJson(
        {{"flowdeck", 1},
         {"name", "bench-binlog-to-kafka"},
         {"source", {{"type", "mysql"}, {"connection", connection}, {"tables", {o.database + ".*"}}, {"read", "cdc"}}},
         {"destination", {{"type", "kafka"}, {"brokers", std::getenv("BENCH_EMBEDDED") ? std::string("embedded") : bootstrap}, {"protocol", "canal-json"},
                          {"topic", topic}, {"partition", "index-value"},
                          {"properties", o.properties}}}}); };
    Flow flow = makeFlow("tidb_{schema}_{table}");
    // Start the stream at the coordinates before the writes, as a resumed flow would.
    const std::string stateDir = dir.filePath(QStringLiteral("state")).toStdString();
    QDir().mkpath(QString::fromStdString(stateDir));
    RunState resume; // saved before each run below
    resume.runId = "bench";
    resume.status = RunStatus::Stopped;
    resume.checkpoint = {{"seq", 1}, {"source", {{"phase", "cdc"}, {"file", start.first}, {"position", start.second}, {"gtid", ""}}}};

    // The same read with a sink that only counts: what the source and the engine cost alone.
    const auto runFlow = [&](bool toKafka, double &elapsed) {
        StateStore(stateDir, flow.name).save(resume);
        EngineOptions options;
        options.stateDir = stateDir;
        Engine engine(flow, options);
        if (!toKafka)
            engine.setSinkFactory([](const Flow &) -> std::unique_ptr<Sink> { return std::make_unique<CountingSink>(); });
        const auto started = Clock::now();
        RunResult result;
        std::atomic<bool> ended{false};
        std::thread runner([&] {
            result = engine.run();
            ended = true;
        });
        for (;;) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            const RunCounts c = engine.metrics().snapshot();
            if (c.written + c.deadLettered + c.filtered >= std::uint64_t(changes) || ended || seconds(started) > 1800)
                break;
        }
        elapsed = seconds(started);
        engine.requestStop();
        runner.join();
        if (result.status == RunStatus::Failed) {
            std::fprintf(stderr, "the flow failed: %s\n", result.error.c_str());
            std::exit(1);
        }
        return engine.metrics().snapshot();
    };
    double sourceSeconds = 0;
    const RunCounts read = runFlow(false, sourceSeconds);
    std::printf("flowdeck binlog -> records, no sink (source and engine alone): %.2f s, %.0f rows/s\n", sourceSeconds,
                double(read.written) / sourceSeconds);
    double flowdeckSeconds = 0;
    const RunCounts c = runFlow(true, flowdeckSeconds);
    flow = makeFlow("one_{schema}_{table}");
    double onePartitionSeconds = 0;
    const RunCounts one = runFlow(true, onePartitionSeconds);
    broker.terminate();
    broker.waitForFinished(10000);
    const double flowdeckRate = double(c.written) / flowdeckSeconds;
    std::printf("flowdeck binlog -> canal-json -> Kafka (acknowledged), %d partitions: %llu messages in %.2f s, %.0f rows/s\n",
                o.partitions, static_cast<unsigned long long>(c.written), flowdeckSeconds, flowdeckRate);
    std::printf("flowdeck binlog -> canal-json -> Kafka (acknowledged), 1 partition: %llu messages in %.2f s, %.0f rows/s "
                "(%.2fx of mariadb-binlog)\n",
                static_cast<unsigned long long>(one.written), onePartitionSeconds, double(one.written) / onePartitionSeconds,
                double(one.written) / onePartitionSeconds / baselineRate);
    std::printf("ratio flowdeck / mariadb-binlog: %.2fx (target >= 0.25x)\n", flowdeckRate / baselineRate);
    std::printf("peak RSS of the flow process: %ld MiB (target < 200 MiB)\n", peakRssMiB());

    exec(m.get(), "DROP DATABASE " + o.database);
    exec(m.get(), "PURGE BINARY LOGS BEFORE NOW()");
    return c.written >= std::uint64_t(changes) ? 0 : 1;
}
