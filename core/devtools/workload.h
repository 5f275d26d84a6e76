#pragma once

#include "core/mysql/mysqlconnection.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace flowdeck {

/// Settings of a Workload run (`flowdeck workload`'s options).
struct WorkloadOptions
{
    std::string profile = "tpcc-lite"; // the only profile so far
    int warehouses = 1;                // prepare(): warehouses to load; run() uses those in the tables
    double seconds = 0;                // run for this long (0: no time limit)
    std::uint64_t transactions = 0;    // run this many transactions in all threads (0: no limit)
    int threads = 1;                   // connections running transactions at once
    std::uint64_t seed = 1;            // same seed, one thread, same transaction count: same data
    double rate = 0;                   // transactions per second in all threads (0: as fast as possible)
    double progressInterval = 1;       // seconds between progress messages while running
};

/// Rows one table gained, changed and lost.
struct WorkloadTableChanges
{
    std::uint64_t inserted = 0;
    std::uint64_t updated = 0;
    std::uint64_t deleted = 0;

    std::uint64_t total() const { return inserted + updated + deleted; }
    bool operator==(const WorkloadTableChanges &) const = default;
};

/// What a run (or prepare()) did. Only committed transactions count: the row numbers are the
/// affected rows of their statements, and every UPDATE the workload issues changes each row it
/// matches, so they equal the row events a binlog/CDC consumer sees.
struct WorkloadStats
{
    std::map<std::string, WorkloadTableChanges> tables; // by table name
    std::map<std::string, std::uint64_t> transactions;  // committed: "new_order", "payment", "delivery"
    std::uint64_t rolledBack = 0; // new-orders with an unknown item, rolled back by design (1%)
    std::uint64_t retries = 0;    // transactions retried after a deadlock or lock wait timeout
    double elapsedSeconds = 0;

    std::uint64_t committedTransactions() const;
    std::uint64_t inserted() const;
    std::uint64_t updated() const;
    std::uint64_t deleted() const;
    /// Adds `other`'s counts (not its elapsed time).
    void merge(const WorkloadStats &other);
    /// A readable multi-line summary: transactions per kind, rows per table, tps.
    std::string summary() const;
};

/// go-tpc's TPC-C, in-process and scaled down ("tpcc-lite"): prepare() creates the nine tables
/// and loads the initial data, run() runs a mix of new-order, payment and delivery transactions
/// on `threads` connections. See docs/workload.md.
///
/// Deterministic: with one thread and a transaction count, the same seed gives byte-identical
/// tables (all timestamps come from a logical clock, never the wall clock).
class Workload
{
public:
    /// Possible errors: ConfigError for invalid options (profile, warehouses, threads...).
    Workload(MySqlConnectionConfig config, WorkloadOptions options);

    /// Receives progress messages: prepare()'s steps, and one line per progressInterval while
    /// running. Called from the thread that called prepare() or run().
    void setProgressHandler(std::function<void(const std::string &)> handler);

    /// Creates the database and the tables if missing and loads the initial data when the tables
    /// are empty (one transaction). Returns the rows inserted (none when the data was there).
    /// Possible errors: ConnectionError (wrong password, unreachable), MySqlError, ConfigError
    /// when the tables hold a different number of warehouses than asked for.
    WorkloadStats prepare();

    /// Runs transactions until `seconds` passed, `transactions` ran or `*stop` turns true, and
    /// returns what was committed. With neither limit nor `stop` it runs forever.
    /// Possible errors: ConnectionError, MySqlError (the first error of any thread; the other
    /// threads stop), ConfigError when the tables are missing or empty (prepare() first).
    WorkloadStats run(std::atomic<bool> *stop = nullptr);

private:
    MySqlConnectionConfig m_config;
    WorkloadOptions m_options;
    std::function<void(const std::string &)> m_progress;
};

} // namespace flowdeck
