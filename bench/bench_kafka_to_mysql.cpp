// Topic → MariaDB: Flowdeck's replicate mode (`flowdeck run` of a Kafka source with canal-json
// change events into replica tables) against a plain batched INSERT ... ON DUPLICATE KEY UPDATE
// of the same rows, 1000 a statement, on the same server, in one run.
//
//   replicate, N canal-json UPDATE events over existing keys  vs  ODKU x1000  (target ≥ 0.8×)
//   peak RSS of the `flowdeck run` process                                      (target < 200 MB)
//
// The topic lives in an embedded broker inside this process; the flow runs as its own process
// (`flowdeck run --until-idle`), so its peak RSS is Flowdeck's alone. Its rate is measured
// between the first and the last committed batch, from the server's timestamps of the flow's
// checkpoint row (the consumer group's first assignment, ~3 s on the embedded broker, and the
// idle second --until-idle waits are not replication work); the wall time is printed too.
//
// Usage: bench_kafka_to_mysql --flowdeck BIN --host H --port P [--user U] [--password W] [--rows N] [--dir TMP]
#include "core/codec/canaljsonencoder.h"
#include "core/kafka/embeddedbroker.h"
#include "core/kafka/kafkaconfig.h"

#include <mariadb/mysql.h>
#include <nlohmann/json.hpp>

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

extern char **environ;

using namespace flowdeck;
using Clock = std::chrono::steady_clock;

namespace {

struct Options
{
    std::string flowdeck = "flowdeck";
    std::string host = "127.0.0.1";
    int port = 4000;
    std::string user = "root";
    std::string password;
    std::string database = "flowdeck_bench_kafka";
    long rows = 1'000'000;
    int partitions = 48;
    std::string dir = std::filesystem::temp_directory_path().string() + "/flowdeck-bench-kafka";
};

struct MysqlDeleter { void operator()(MYSQL *m) const { mysql_close(m); } };
using MysqlPtr = std::unique_ptr<MYSQL, MysqlDeleter>;

MysqlPtr connect(const Options &o, bool withDb)
{
    MysqlPtr m(mysql_init(nullptr));
    if (!mysql_real_connect(m.get(), o.host.c_str(), o.user.c_str(), o.password.c_str(), withDb ? o.database.c_str() : nullptr,
                            unsigned(o.port), nullptr, 0)) {
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
    if (MYSQL_RES *r = mysql_store_result(m))
        mysql_free_result(r);
}

std::vector<std::string> queryRow(MYSQL *m, const std::string &sql)
{
    exec(m, "SELECT 1");
    std::vector<std::string> out;
    if (mysql_real_query(m, sql.data(), sql.size()) != 0)
        return out;
    MYSQL_RES *r = mysql_store_result(m);
    if (!r)
        return out;
    if (MYSQL_ROW row = mysql_fetch_row(r))
        for (unsigned i = 0; i < mysql_num_fields(r); ++i)
            out.emplace_back(row[i] ? row[i] : "NULL");
    mysql_free_result(r);
    return out;
}

const char kTable[] = "(`id` BIGINT NOT NULL PRIMARY KEY, `name` VARCHAR(64) NOT NULL, `city` VARCHAR(32) NOT NULL DEFAULT '', "
                      "`qty` INT NOT NULL, `price` DECIMAL(10,2) NOT NULL, `updated_at` DATETIME NOT NULL)";

struct Row
{
    long id;
    std::string name, city, qty, price, updated;
};

Row makeRow(long i, std::mt19937_64 &rng, int variant)
{
    static const char *cities[] = {"Tokyo", "Osaka", "Shanghai", "Beijing", "Seattle", "Austin", "Berlin", "Paris"};
    const unsigned long r = rng();
    char name[48], price[24], updated[32];
    std::snprintf(name, sizeof name, "customer %08lx %d", r & 0xffffffff, variant);
    std::snprintf(price, sizeof price, "%lu.%02lu", (r >> 40) % 10000, (r >> 20) % 100);
    std::snprintf(updated, sizeof updated, "2026-%02lu-%02lu %02lu:%02lu:%02lu", 1 + (r >> 8) % 12, 1 + (r >> 12) % 28,
                  (r >> 16) % 24, (r >> 24) % 60, (r >> 30) % 60);
    return {i, name, cities[(r >> 32) % 8], std::to_string((r >> 35) % 1000), price, updated};
}

TableInfoPtr benchTable()
{
    auto t = std::make_shared<TableInfo>();
    t->database = "shop";
    t->table = "fd_replica";
    auto col = [](const char *name, const char *type, const char *full) {
        ColumnInfo c;
        c.name = name;
        c.dataType = type;
        c.columnType = full;
        return c;
    };
    t->columns = {col("id", "bigint", "bigint(20)"), col("name", "varchar", "varchar(64)"), col("city", "varchar", "varchar(32)"),
                  col("qty", "int", "int(11)"), col("price", "decimal", "decimal(10,2)"), col("updated_at", "datetime", "datetime")};
    t->columns[0].isKey = true;
    t->keyIndexes = {0};
    return t;
}

/// Produces one canal-json UPDATE per row (old: the row before) to `topic`, keyed by id.
void produceChanges(const std::string &bootstrap, const std::string &topic, const std::vector<Row> &before,
                    const std::vector<Row> &after, int partitions)
{
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    setKafkaProperty(conf.get(), "bootstrap.servers", bootstrap);
    setKafkaProperty(conf.get(), "linger.ms", "20");
    setKafkaProperty(conf.get(), "compression.codec", "lz4");
    setKafkaProperty(conf.get(), "batch.num.messages", "10000");
    char error[512] = {};
    RdKafkaPtr producer(rd_kafka_new(RD_KAFKA_PRODUCER, conf.release(), error, sizeof error));
    if (!producer) {
        std::fprintf(stderr, "producer: %s\n", error);
        std::exit(1);
    }
    CanalJsonEncoder encoder;
    const TableInfoPtr table = benchTable();
    const auto schema = std::make_shared<Schema>(std::vector<std::string>{"id", "name", "city", "qty", "price", "updated_at"});
    auto values = [](const Row &r) {
        return std::vector<Value>{Value::integer(r.id), Value::text(r.name), Value::text(r.city), Value::integer(std::stoll(r.qty)),
                                  Value::decimal(r.price), Value::dateTime(r.updated)};
    };
    std::vector<EncodedMessage> out;
    for (std::size_t i = 0; i < after.size(); ++i) {
        Record rec;
        rec.schema = schema;
        rec.table = table;
        rec.op = RowOp::Update;
        rec.values = values(after[i]);
        rec.before = values(before[i]);
        rec.commitTimeMs = 1700000000000 + std::int64_t(i);
        out.clear();
        encoder.encode(rec, out);
        const EncodedMessage &m = out.front();
        while (rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(int32_t(after[i].id % partitions)),
                                 RD_KAFKA_V_KEY(m.key.data(), m.key.size()),
                                 RD_KAFKA_V_VALUE(const_cast<char *>(m.value.data()), m.value.size()),
                                 RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END)
               == RD_KAFKA_RESP_ERR__QUEUE_FULL)
            rd_kafka_poll(producer.get(), 10);
    }
    if (rd_kafka_flush(producer.get(), 120000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        std::fprintf(stderr, "producing the changes did not finish\n");
        std::exit(1);
    }
    // The embedded broker drops a partition's oldest messages past ~100k / 5 MiB: check none went.
    for (int p = 0; p < partitions; ++p) {
        std::int64_t low = 0, high = 0;
        rd_kafka_query_watermark_offsets(producer.get(), topic.c_str(), p, &low, &high, 10000);
        if (low != 0) {
            std::fprintf(stderr, "the embedded broker dropped messages of partition %d (oldest %lld): use more partitions\n", p,
                         (long long)low);
            std::exit(1);
        }
    }
}

std::vector<std::string> upsertStatements(const std::vector<Row> &rows, const std::string &table)
{
    std::vector<std::string> statements;
    std::string sql;
    const std::string head = "INSERT INTO `" + table + "` (`id`,`name`,`city`,`qty`,`price`,`updated_at`) VALUES ";
    const std::string tail = " ON DUPLICATE KEY UPDATE `name`=VALUES(`name`),`city`=VALUES(`city`),`qty`=VALUES(`qty`),"
                             "`price`=VALUES(`price`),`updated_at`=VALUES(`updated_at`)";
    int n = 0;
    for (const Row &r : rows) {
        sql += n == 0 ? head : std::string(",");
        sql += '(' + std::to_string(r.id) + ",'" + r.name + "','" + r.city + "'," + r.qty + ',' + r.price + ",'" + r.updated + "')";
        if (++n == 1000) {
            statements.push_back(sql + tail);
            sql.clear();
            n = 0;
        }
    }
    if (n)
        statements.push_back(sql + tail);
    return statements;
}

/// VmHWM (peak resident set) of a running process, in kB; 0 when it is gone. ru_maxrss of a
/// spawned child is no use here: it keeps the spawning process's own peak from before exec.
long peakRssKb(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::atol(line.c_str() + 6);
    return 0;
}

double seconds(const std::string &timestamp)
{
    // "YYYY-MM-DD HH:MM:SS.ffffff" of the same day: seconds since midnight are enough.
    return std::stod(timestamp.substr(11, 2)) * 3600 + std::stod(timestamp.substr(14, 2)) * 60 + std::stod(timestamp.substr(17));
}

long consumed(const std::string &checkpoint)
{
    const nlohmann::json j = nlohmann::json::parse(checkpoint, nullptr, false);
    long n = 0;
    if (j.is_object() && j.contains("source") && j["source"].contains("offsets"))
        for (const auto &[topic, partitions] : j["source"]["offsets"].items())
            for (const auto &[p, offset] : partitions.items())
                n += offset.get<long>();
    return n;
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const std::string v = argv[i + 1];
        if (a == "--flowdeck") o.flowdeck = v;
        else if (a == "--host") o.host = v;
        else if (a == "--port") o.port = std::atoi(v.c_str());
        else if (a == "--user") o.user = v;
        else if (a == "--password") o.password = v;
        else if (a == "--rows") o.rows = std::atol(v.c_str());
        else if (a == "--dir") o.dir = v;
        else { std::fprintf(stderr, "unknown option %s\n", a.c_str()); return 2; }
    }
    o.partitions = std::max(12, int(o.rows / 20000));
    std::filesystem::remove_all(o.dir);
    std::filesystem::create_directories(o.dir);
    std::printf("Kafka → MariaDB replicate benchmark: %ld canal-json UPDATE events (6 columns) on %d partitions, server %s:%d\n",
                o.rows, o.partitions, o.host.c_str(), o.port);

    std::vector<Row> initial, changed;
    std::mt19937_64 rng1(42), rng2(43);
    for (long i = 1; i <= o.rows; ++i) {
        initial.push_back(makeRow(i, rng1, 1));
        changed.push_back(makeRow(i, rng2, 2));
    }
    MysqlPtr admin = connect(o, false);
    exec(admin.get(), "DROP DATABASE IF EXISTS `" + o.database + "`");
    exec(admin.get(), "CREATE DATABASE `" + o.database + "`");
    MysqlPtr db = connect(o, true);
    for (const char *t : {"odku", "fd_replica"})
        exec(db.get(), std::string("CREATE TABLE `") + t + "` " + kTable);
    for (const std::string &s : upsertStatements(initial, "odku"))
        exec(db.get(), s);
    exec(db.get(), "INSERT INTO `fd_replica` SELECT * FROM `odku`");

    EmbeddedBroker broker(1);
    const std::string topic = "tidb_shop_fd_replica";
    broker.createTopic(topic, o.partitions);
    auto t0 = Clock::now();
    produceChanges(broker.bootstraps(), topic, initial, changed, o.partitions);
    std::printf("  produced in %.1f s\n", std::chrono::duration<double>(Clock::now() - t0).count());

    // 1. Baseline: the same rows as batched INSERT ... ON DUPLICATE KEY UPDATE, 1000 a statement.
    const std::vector<std::string> statements = upsertStatements(changed, "odku");
    t0 = Clock::now();
    for (const std::string &s : statements) {
        exec(db.get(), "BEGIN");
        exec(db.get(), s);
        exec(db.get(), "COMMIT");
    }
    const double odkuSec = std::chrono::duration<double>(Clock::now() - t0).count();

    // 2. flowdeck run: topic → replica table, replicate mode, as a separate process.
    const nlohmann::json flow = {
        {"flowdeck", 1},
        {"name", "bench-kafka-replicate"},
        {"source", {{"type", "kafka"}, {"brokers", broker.bootstraps()}, {"protocol", "canal-json"}, {"topic", topic},
                    {"group", "bench"}, {"startFrom", "earliest"}, {"properties", nlohmann::json::parse(std::getenv("BENCH_PROPS") ? std::getenv("BENCH_PROPS") : "{}")}}},
        {"destination",
         {{"type", "mysql"},
          {"connection", {{"host", o.host}, {"port", o.port}, {"user", o.user}, {"password", o.password}, {"database", o.database}}},
          {"table", "{table}"},
          {"write", {{"mode", "replicate"}, {"batchRows", 1000}}}}},
        {"trigger", {{"type", "continuous"}}},
        {"errorHandling", {{"onError", "stop"}}}};
    const std::string flowPath = o.dir + "/bench.flow.json";
    std::ofstream(flowPath) << flow.dump(2);
    const std::string stateDir = o.dir + "/state", metrics = o.dir + "/metrics.json";
    std::vector<std::string> args = {o.flowdeck, "run", flowPath, "--state-dir", stateDir, "--until-idle", "--metrics-json", metrics};
    std::vector<char *> argvs;
    for (auto &a : args)
        argvs.push_back(a.data());
    argvs.push_back(nullptr);
    pid_t pid = 0;
    const auto wall0 = Clock::now();
    if (posix_spawn(&pid, o.flowdeck.c_str(), nullptr, nullptr, argvs.data(), environ) != 0) {
        std::fprintf(stderr, "cannot start %s\n", o.flowdeck.c_str());
        return 1;
    }
    // Watch the checkpoint row: the first committed batch starts the clock.
    std::string firstAt;
    long firstConsumed = 0;
    long polls = 0;
    int status = 0;
    struct rusage usage {};
    long peakKb = 0;
    for (;;) {
        peakKb = std::max(peakKb, peakRssKb(pid));
        const pid_t done = wait4(pid, &status, WNOHANG, &usage);
        if (done == pid)
            break;
        if (firstAt.empty() && ++polls % 5 == 0) {
            const auto row = queryRow(db.get(), "SELECT `checkpoint`, `updated_at` FROM `flowdeck_checkpoints`");
            if (row.size() == 2) {
                firstAt = row[1];
                firstConsumed = consumed(row[0]);
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const double wallSec = std::chrono::duration<double>(Clock::now() - wall0).count();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "flowdeck run failed (status %d)\n", status);
        return 1;
    }
    const auto last = queryRow(db.get(), "SELECT `checkpoint`, `updated_at` FROM `flowdeck_checkpoints`");
    const long lastConsumed = consumed(last.at(0));
    const double replicateSec = seconds(last.at(1)) - seconds(firstAt);
    const double rate = double(lastConsumed - firstConsumed) / replicateSec;
    const double peakMb = double(peakKb) / 1024.0;

    const auto same = queryRow(db.get(), "SELECT COUNT(*) FROM `odku` o JOIN `fd_replica` f USING (`id`) WHERE o.`name`=f.`name` AND "
                                         "o.`city`=f.`city` AND o.`qty`=f.`qty` AND o.`price`=f.`price` AND o.`updated_at`=f.`updated_at`");
    const long equal = std::atol(same.at(0).c_str());

    const double odkuRate = double(o.rows) / odkuSec;
    const double ratio = rate / odkuRate;
    std::printf("\n%-56s %12s %10s\n", "", "rows/s", "seconds");
    std::printf("%-56s %12.0f %10.2f\n", "INSERT..ON DUPLICATE KEY UPDATE x1000 (baseline)", odkuRate, odkuSec);
    std::printf("%-56s %12.0f %10.2f\n", "flowdeck replicate, first to last batch", rate, replicateSec);
    std::printf("%-56s %12.0f %10.2f\n", "flowdeck run wall time (group join, idle second incl.)", double(o.rows) / wallSec, wallSec);
    std::printf("\nreplicate vs ODKU x1000: %.2fx (target >= 0.80x) %s\n", ratio, ratio >= 0.8 ? "OK" : "BELOW TARGET");
    std::printf("flowdeck run peak RSS: %.0f MB (target < 200 MB) %s\n", peakMb, peakMb < 200 ? "OK" : "ABOVE TARGET");
    std::printf("flowdeck run CPU: %.2f s user, %.2f s system\n", double(usage.ru_utime.tv_sec) + usage.ru_utime.tv_usec / 1e6,
                double(usage.ru_stime.tv_sec) + usage.ru_stime.tv_usec / 1e6);
    const nlohmann::json lastCheckpoint = nlohmann::json::parse(last.at(0));
    std::printf("batches committed: %llu (%.0f rows a batch)\n", (unsigned long long)lastCheckpoint.value("seq", 0ULL),
                double(lastConsumed) / double(std::max<std::uint64_t>(1, lastCheckpoint.value("seq", 0ULL))));
    std::printf("replica equals the baseline table: %s (%ld of %ld rows), events consumed %ld\n", equal == o.rows ? "yes" : "NO", equal,
                o.rows, lastConsumed);
    exec(admin.get(), "DROP DATABASE `" + o.database + "`");
    return equal == o.rows ? 0 : 1;
}
