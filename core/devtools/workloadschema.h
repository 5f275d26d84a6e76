#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace flowdeck {

class MySqlConnection;

/// TPC-C's random functions (clause 4.3), on a fixed generator so a seed gives the same numbers
/// on every platform (std::uniform_int_distribution is not portable between standard libraries).
/// Used by the schema's initial data and by the workload's transactions.
class WorkloadRandom
{
public:
    /// `stream` gives each thread its own numbers; NURand's C depends on `seed` alone, so all
    /// streams of a run share it, as TPC-C asks.
    explicit WorkloadRandom(std::uint64_t seed, std::uint64_t stream = 0);

    std::uint64_t next();
    /// A whole number from lo to hi, both included.
    std::int64_t uniform(std::int64_t lo, std::int64_t hi);
    /// TPC-C's non-uniform random NURand(A, x, y), with the run constant C derived from A.
    std::int64_t nurand(std::int64_t a, std::int64_t lo, std::int64_t hi);
    /// Random letters and digits, length from minLength to maxLength.
    std::string text(unsigned minLength, unsigned maxLength);
    /// Random digits, exactly `length` of them.
    std::string digits(unsigned length);

private:
    std::uint64_t m_state;
    std::int64_t m_cLast, m_cId, m_cItem; // NURand's C for A = 255, 1023, 8191
};

/// The TPC-C-like schema of `flowdeck workload` (go-tpc's table names) and its "lite" initial
/// data: see docs/workload.md for the tables, types and scale.
class WorkloadSchema
{
public:
    // Scale of the initial data ("lite": TPC-C has 100,000 items and 3,000 customers per district).
    static constexpr int Items = 1000;                    // item rows, and stock rows per warehouse
    static constexpr int DistrictsPerWarehouse = 10;
    static constexpr int CustomersPerDistrict = 300;      // also the initial orders per district
    static constexpr int NewOrdersPerDistrict = 90;       // the last 90 orders are undelivered
    static constexpr int MinOrderLines = 5;
    static constexpr int MaxOrderLines = 15;

    /// The nine tables, in creation order.
    static const std::vector<std::string> &tableNames();

    /// CREATE TABLE IF NOT EXISTS statements of the nine tables.
    static std::vector<std::string> createStatements();

    /// Fills empty tables with the initial data for `warehouses` warehouses in one transaction
    /// (all or nothing) and returns the rows inserted per table. `progress` gets a message per
    /// table. Possible errors: ConnectionError, MySqlError (the transaction is rolled back).
    static std::map<std::string, std::uint64_t> load(MySqlConnection &connection, int warehouses,
                                                     std::uint64_t seed,
                                                     const std::function<void(const std::string &)> &progress);

    /// TPC-C's customer last name for a number 0..999 ("BARBARBAR", "BARBAROUGHT"...).
    static std::string lastName(int number);

    /// The timestamp `offsetSeconds` after the workload's fixed epoch, 2026-01-01 00:00:00 UTC, as
    /// an SQL literal ('2026-01-01 00:00:00'): the data never depends on the wall clock, so a seed
    /// always gives the same rows.
    static std::string timestamp(std::int64_t offsetSeconds);

    /// Cents as a DECIMAL literal: 12345 -> "123.45".
    static std::string money(std::int64_t cents);
};

} // namespace flowdeck
