// Incremental table reads: the keyset query Flowdeck pages with against the server's own
// fastest paths, on the same table and server, in one run.
//
//   full incremental read (MySqlIncrementalSource, 1000-row chunks)  vs  one SELECT streamed (mysql_use_result)
//   the last 1000-row chunk of the table by keyset                   vs  the same chunk by LIMIT ... OFFSET
//   a run after 1000 of N rows changed                               vs  re-reading the whole table
//
// Usage: bench_incremental --host H --port P [--user U] [--password W] [--rows N]
#include "core/mysql/mysqlincrementalsource.h"

#include <mariadb/mysql.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

using namespace flowdeck;
using Clock = std::chrono::steady_clock;

namespace {

struct Options
{
    std::string host = "127.0.0.1";
    int port = 4000;
    std::string user = "root";
    std::string password;
    std::string database = "flowdeck_bench_inc";
    long rows = 1'000'000;
};

struct MysqlDeleter { void operator()(MYSQL *m) const { mysql_close(m); } };
using MysqlPtr = std::unique_ptr<MYSQL, MysqlDeleter>;

MysqlPtr connect(const Options &o)
{
    MysqlPtr m(mysql_init(nullptr));
    if (!mysql_real_connect(m.get(), o.host.c_str(), o.user.c_str(), o.password.c_str(), nullptr, unsigned(o.port), nullptr, 0)) {
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

/// Runs a query and streams its rows; returns the row count.
long streamRows(MYSQL *m, const std::string &sql)
{
    exec(m, sql);
    MYSQL_RES *res = mysql_use_result(m);
    long n = 0;
    while (mysql_fetch_row(res))
        ++n;
    mysql_free_result(res);
    return n;
}

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

/// Reads the table incrementally from `start` to its end; returns rows and the final checkpoint.
long incrementalRead(const Options &o, const nlohmann::json &start, nlohmann::json &end)
{
    nlohmann::json endpoint = {{"type", "mysql"},
                               {"connection", {{"host", o.host}, {"port", o.port}, {"user", o.user}, {"password", o.password},
                                               {"database", o.database}}},
                               {"table", "orders"},
                               {"chunkSize", 1000}};
    MySqlIncrementalSource source(endpoint, {{"field", "updated_at"}, {"tieBreaker", "id"}});
    source.open(start);
    Batch batch;
    long n = 0;
    while (true) {
        batch.clear();
        if (!source.read(batch, 1000))
            break;
        n += long(batch.size());
        end = source.checkpointAfter(batch.back().position);
    }
    return n;
}

void line(const char *what, long rows, double secs)
{
    std::printf("%-58s %9.0f %10.4f\n", what, double(rows) / secs, secs);
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--host") o.host = v;
        else if (k == "--port") o.port = std::stoi(v);
        else if (k == "--user") o.user = v;
        else if (k == "--password") o.password = v;
        else if (k == "--rows") o.rows = std::stol(v);
        else if (k != "--dir") { std::fprintf(stderr, "unknown option %s\n", k.c_str()); return 2; }
    }
    MysqlPtr m = connect(o);
    exec(m.get(), "DROP DATABASE IF EXISTS " + o.database);
    exec(m.get(), "CREATE DATABASE " + o.database);
    exec(m.get(), "USE " + o.database);
    exec(m.get(), "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(40) NOT NULL, amount DECIMAL(10,2) NOT NULL, "
                  "updated_at DATETIME(3) NOT NULL, KEY by_change (updated_at, id))");
    exec(m.get(), "INSERT INTO orders SELECT seq, CONCAT('customer-', seq), seq % 1000, TIMESTAMP('2026-01-01') + "
                  "INTERVAL (seq DIV 7) SECOND FROM seq_1_to_" + std::to_string(o.rows));
    std::printf("%ld rows, 7 per updated_at, index (updated_at, id)\n\n", o.rows);
    std::printf("%-58s %9s %10s\n", "", "rows/s", "seconds");

    auto t = Clock::now();
    const long scanned = streamRows(m.get(), "SELECT id, customer, amount, updated_at FROM orders ORDER BY updated_at, id");
    const double scanSecs = seconds(t);
    line("one SELECT ... ORDER BY updated_at, id streamed (baseline)", scanned, scanSecs);
    nlohmann::json watermark;
    t = Clock::now();
    const long read = incrementalRead(o, nullptr, watermark);
    const double readSecs = seconds(t);
    line("flowdeck incremental read, 1000-row keyset chunks", read, readSecs);
    std::printf("  ratio %.2fx of the baseline%s\n\n", scanSecs / readSecs, read == scanned ? "" : "  ROW COUNTS DIFFER");

    // The deepest chunk: keyset from the row before it vs OFFSET.
    const long skip = o.rows - 1000;
    t = Clock::now();
    const long offsetRows = streamRows(m.get(), "SELECT id, customer, amount, updated_at FROM orders ORDER BY updated_at, id "
                                                "LIMIT 1000 OFFSET " + std::to_string(skip));
    const double offsetSecs = seconds(t);
    exec(m.get(), "SELECT updated_at, id FROM orders ORDER BY updated_at, id LIMIT 1 OFFSET " + std::to_string(skip - 1));
    MYSQL_RES *res = mysql_store_result(m.get());
    MYSQL_ROW r = mysql_fetch_row(res);
    const std::string v = r[0], id = r[1];
    mysql_free_result(res);
    t = Clock::now();
    const long keysetRows = streamRows(m.get(), "SELECT id, customer, amount, updated_at FROM orders WHERE updated_at >= '" + v +
                                                    "' AND (updated_at > '" + v + "' OR id > " + id +
                                                    ") ORDER BY updated_at, id LIMIT 1000");
    const double keysetSecs = seconds(t);
    line("last chunk by LIMIT 1000 OFFSET n-1000 (baseline)", offsetRows, offsetSecs);
    line("last chunk by keyset (updated_at, id) > (v, id)", keysetRows, keysetSecs);
    std::printf("  ratio %.1fx faster\n\n", offsetSecs / keysetSecs);

    // 1000 rows change; the next run reads only them.
    exec(m.get(), "UPDATE orders SET amount = amount + 1, updated_at = '2027-01-01' + INTERVAL id SECOND WHERE id % " +
                      std::to_string(std::max(1L, o.rows / 1000)) + " = 0");
    nlohmann::json after;
    t = Clock::now();
    const long changed = incrementalRead(o, watermark, after);
    const double changedSecs = seconds(t);
    t = Clock::now();
    const long all = streamRows(m.get(), "SELECT id, customer, amount, updated_at FROM orders");
    const double allSecs = seconds(t);
    line("re-reading the whole table (baseline)", all, allSecs);
    line("flowdeck incremental run after 1000 rows changed", changed, changedSecs);
    std::printf("  %ld rows read instead of %ld; %.0fx less time\n", changed, all, allSecs / changedSecs);
    exec(m.get(), "DROP DATABASE " + o.database);
    return 0;
}
