// CSV → MariaDB: Flowdeck's insert and upsert modes against the server's own fastest paths, on the
// same generated file and the same server, in one run.
//
//   insert into an empty table   vs  LOAD DATA LOCAL INFILE            (target ≥ 0.7×)
//   upsert over existing keys    vs  INSERT ... ON DUPLICATE KEY UPDATE, 1000 rows a statement
//                                                                       (target ≥ 0.8×)
//
// Usage: bench_csv_to_mysql --host H --port P [--user U] [--password W] [--rows N] [--dir TMP]
#include "core/engine/engine.h"
#include "core/flow/flow.h"

#include <mariadb/mysql.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace flowdeck;
using Clock = std::chrono::steady_clock;

namespace {

struct Options
{
    std::string host = "127.0.0.1";
    int port = 4000;
    std::string user = "root";
    std::string password;
    std::string database = "flowdeck_bench";
    long rows = 1'000'000;
    std::string dir = std::filesystem::temp_directory_path().string() + "/flowdeck-bench";
};

struct MysqlDeleter { void operator()(MYSQL *m) const { mysql_close(m); } };
using MysqlPtr = std::unique_ptr<MYSQL, MysqlDeleter>;

MysqlPtr connect(const Options &o, bool withDb)
{
    MysqlPtr m(mysql_init(nullptr));
    unsigned int localInfile = 1;
    mysql_optionsv(m.get(), MYSQL_OPT_LOCAL_INFILE, &localInfile);
    if (!mysql_real_connect(m.get(), o.host.c_str(), o.user.c_str(), o.password.c_str(),
                            withDb ? o.database.c_str() : nullptr, unsigned(o.port), nullptr, 0)) {
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

long countRows(MYSQL *m, const std::string &table)
{
    exec(m, "SELECT 1"); // flush
    const std::string q = "SELECT COUNT(*) FROM `" + table + "`";
    mysql_real_query(m, q.data(), q.size());
    MYSQL_RES *r = mysql_store_result(m);
    MYSQL_ROW row = mysql_fetch_row(r);
    long n = std::atol(row[0]);
    mysql_free_result(r);
    return n;
}

const char kTable[] = "(`id` BIGINT NOT NULL PRIMARY KEY, `name` VARCHAR(64) NOT NULL, `city` VARCHAR(32) NOT NULL DEFAULT '', "
                      "`qty` INT NOT NULL, `price` DECIMAL(10,2) NOT NULL, `updated_at` DATETIME NOT NULL)";

/// Writes N rows: id,name,city,qty,price,updated_at. `variant` changes the non-key values.
void generateCsv(const std::string &path, long rows, int variant)
{
    static const char *cities[] = {"Tokyo", "Osaka", "Shanghai", "Beijing", "Seattle", "Austin", "Berlin", "Paris"};
    std::mt19937_64 rng(42 + variant);
    std::string buf;
    buf.reserve(1 << 20);
    std::ofstream out(path, std::ios::binary);
    buf += "id,name,city,qty,price,updated_at\n";
    char line[160];
    for (long i = 1; i <= rows; ++i) {
        const unsigned long r = rng();
        const int n = std::snprintf(line, sizeof line, "%ld,customer %08lx %d,%s,%lu,%lu.%02lu,2026-%02lu-%02lu %02lu:%02lu:%02lu\n", i,
                                    r & 0xffffffff, variant, cities[(r >> 32) % 8], (r >> 35) % 1000,
                                    (r >> 40) % 10000, (r >> 20) % 100, 1 + (r >> 8) % 12, 1 + (r >> 12) % 28,
                                    (r >> 16) % 24, (r >> 24) % 60, (r >> 30) % 60);
        buf.append(line, std::size_t(n));
        if (buf.size() > (1 << 20) - 200) {
            out.write(buf.data(), std::streamsize(buf.size()));
            buf.clear();
        }
    }
    out.write(buf.data(), std::streamsize(buf.size()));
}

double runFlow(const Options &o, const std::string &csv, const std::string &table, const std::string &mode, long expectRows)
{
    nlohmann::json doc = {
        {"flowdeck", 1},
        {"name", "bench-" + mode},
        {"source", {{"type", "file"}, {"path", csv}, {"format", "csv"}}},
        {"destination",
         {{"type", "mysql"},
          {"connection", {{"host", o.host}, {"port", o.port}, {"user", o.user}, {"password", o.password}, {"database", o.database}}},
          {"table", table},
          {"write", {{"mode", mode}, {"batchRows", 1000}}}}},
        {"errorHandling", {{"onError", "stop"}}}};
    if (mode != "insert")
        doc["destination"]["write"]["key"] = {"id"};
    Flow flow = flowFromJson(doc);
    EngineOptions eo;
    eo.stateDir = o.dir + "/state";
    eo.restart = true;
    Engine engine(flow, eo);
    const auto t0 = Clock::now();
    RunResult r = engine.run();
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    if (r.status != RunStatus::Completed || long(r.counts.written) != expectRows) {
        std::fprintf(stderr, "flowdeck %s run did not complete: %s (written %llu)\n", mode.c_str(), r.error.c_str(),
                     (unsigned long long)r.counts.written);
        std::exit(1);
    }
    return s;
}

/// Pre-built INSERT ... ON DUPLICATE KEY UPDATE statements of 1000 rows from a CSV file.
std::vector<std::string> buildUpsertStatements(const std::string &csv, const std::string &table)
{
    std::ifstream in(csv);
    std::string line;
    std::getline(in, line); // header
    std::vector<std::string> statements;
    std::string sql;
    int n = 0;
    const std::string head = "INSERT INTO `" + table + "` (`id`,`name`,`city`,`qty`,`price`,`updated_at`) VALUES ";
    const std::string tail = " ON DUPLICATE KEY UPDATE `name`=VALUES(`name`),`city`=VALUES(`city`),`qty`=VALUES(`qty`),"
                             "`price`=VALUES(`price`),`updated_at`=VALUES(`updated_at`)";
    while (std::getline(in, line)) {
        if (n == 0)
            sql = head;
        else
            sql += ',';
        // id,name,city,qty,price,updated_at — no quotes or commas inside fields in this file.
        std::size_t p[5];
        std::size_t from = 0;
        for (int k = 0; k < 5; ++k) {
            p[k] = line.find(',', from);
            from = p[k] + 1;
        }
        sql += '(' + line.substr(0, p[0]) + ",'" + line.substr(p[0] + 1, p[1] - p[0] - 1) + "','"
            + line.substr(p[1] + 1, p[2] - p[1] - 1) + "'," + line.substr(p[2] + 1, p[3] - p[2] - 1) + ','
            + line.substr(p[3] + 1, p[4] - p[3] - 1) + ",'" + line.substr(p[4] + 1) + "')";
        if (++n == 1000) {
            statements.push_back(sql + tail);
            n = 0;
        }
    }
    if (n)
        statements.push_back(sql + tail);
    return statements;
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const std::string v = argv[i + 1];
        if (a == "--host") o.host = v;
        else if (a == "--port") o.port = std::atoi(v.c_str());
        else if (a == "--user") o.user = v;
        else if (a == "--password") o.password = v;
        else if (a == "--rows") o.rows = std::atol(v.c_str());
        else if (a == "--dir") o.dir = v;
        else { std::fprintf(stderr, "unknown option %s\n", a.c_str()); return 2; }
    }
    std::filesystem::create_directories(o.dir);
    const std::string csv1 = o.dir + "/rows.csv";
    const std::string csv2 = o.dir + "/rows-changed.csv";
    std::printf("CSV → MariaDB benchmark: %ld rows, 6 columns, server %s:%d\n", o.rows, o.host.c_str(), o.port);
    generateCsv(csv1, o.rows, 1);
    generateCsv(csv2, o.rows, 2);
    std::printf("  file: %s (%.1f MB)\n", csv1.c_str(), double(std::filesystem::file_size(csv1)) / 1e6);

    MysqlPtr admin = connect(o, false);
    exec(admin.get(), "DROP DATABASE IF EXISTS `" + o.database + "`");
    exec(admin.get(), "CREATE DATABASE `" + o.database + "`");
    MysqlPtr db = connect(o, true);
    for (const char *t : {"load_data", "fd_insert", "odku", "fd_upsert"})
        exec(db.get(), std::string("CREATE TABLE `") + t + "` " + kTable);

    // 1. Baseline: LOAD DATA LOCAL INFILE into an empty table.
    auto t0 = Clock::now();
    exec(db.get(), "LOAD DATA LOCAL INFILE '" + csv1 + "' INTO TABLE `load_data` FIELDS TERMINATED BY ',' "
                   "LINES TERMINATED BY '\\n' IGNORE 1 LINES");
    const double loadSec = std::chrono::duration<double>(Clock::now() - t0).count();
    if (countRows(db.get(), "load_data") != o.rows) { std::fprintf(stderr, "LOAD DATA loaded a wrong row count\n"); return 1; }

    // 2. Flowdeck insert mode into an empty table.
    const double insertSec = runFlow(o, csv1, "fd_insert", "insert", o.rows);
    if (countRows(db.get(), "fd_insert") != o.rows) { std::fprintf(stderr, "flowdeck insert wrote a wrong row count\n"); return 1; }

    // 3. Baseline: batched INSERT ... ON DUPLICATE KEY UPDATE (1000 rows a statement) over existing keys.
    exec(db.get(), "INSERT INTO `odku` SELECT * FROM `load_data`");
    exec(db.get(), "INSERT INTO `fd_upsert` SELECT * FROM `load_data`");
    const std::vector<std::string> statements = buildUpsertStatements(csv2, "odku");
    t0 = Clock::now();
    for (const std::string &s : statements) {
        exec(db.get(), "BEGIN");
        exec(db.get(), s);
        exec(db.get(), "COMMIT");
    }
    const double odkuSec = std::chrono::duration<double>(Clock::now() - t0).count();

    // 4. Flowdeck upsert mode over the same existing keys.
    const double upsertSec = runFlow(o, csv2, "fd_upsert", "upsert", o.rows);

    // Both upserts must have produced the same table.
    exec(db.get(), "SELECT 1");
    const std::string cmp = "SELECT COUNT(*) FROM `odku` o JOIN `fd_upsert` f USING (`id`) WHERE o.`name`=f.`name` AND "
                            "o.`price`=f.`price` AND o.`updated_at`=f.`updated_at`";
    mysql_real_query(db.get(), cmp.data(), cmp.size());
    MYSQL_RES *res = mysql_store_result(db.get());
    const long same = std::atol(mysql_fetch_row(res)[0]);
    mysql_free_result(res);

    const double rows = double(o.rows);
    const double insertRatio = loadSec / insertSec;
    const double upsertRatio = odkuSec / upsertSec;
    std::printf("\n%-52s %12s %10s\n", "", "rows/s", "seconds");
    std::printf("%-52s %12.0f %10.2f\n", "LOAD DATA LOCAL INFILE (baseline)", rows / loadSec, loadSec);
    std::printf("%-52s %12.0f %10.2f\n", "flowdeck insert, empty table", rows / insertSec, insertSec);
    std::printf("%-52s %12.0f %10.2f\n", "INSERT..ON DUPLICATE KEY UPDATE x1000 (baseline)", rows / odkuSec, odkuSec);
    std::printf("%-52s %12.0f %10.2f\n", "flowdeck upsert, existing keys", rows / upsertSec, upsertSec);
    std::printf("\ninsert vs LOAD DATA: %.2fx (target >= 0.70x) %s\n", insertRatio, insertRatio >= 0.7 ? "OK" : "BELOW TARGET");
    std::printf("upsert vs ODKU x1000: %.2fx (target >= 0.80x) %s\n", upsertRatio, upsertRatio >= 0.8 ? "OK" : "BELOW TARGET");
    std::printf("upserted tables equal: %s (%ld of %ld rows)\n", same == o.rows ? "yes" : "NO", same, o.rows);
    exec(admin.get(), "DROP DATABASE `" + o.database + "`");
    return same == o.rows ? 0 : 1;
}
