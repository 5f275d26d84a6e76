#include "core/devtools/workload.h"

#include "core/devtools/workloadschema.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace flowdeck {

// ---- WorkloadStats ----------------------------------------------------------------------------

std::uint64_t WorkloadStats::committedTransactions() const
{
    std::uint64_t sum = 0;
    for (const auto &[kind, count] : transactions)
        sum += count;
    return sum;
}

static std::uint64_t sum(const std::map<std::string, WorkloadTableChanges> &tables,
                         std::uint64_t WorkloadTableChanges::*field)
{
    std::uint64_t total = 0;
    for (const auto &[name, changes] : tables)
        total += changes.*field;
    return total;
}

std::uint64_t WorkloadStats::inserted() const { return sum(tables, &WorkloadTableChanges::inserted); }
std::uint64_t WorkloadStats::updated() const { return sum(tables, &WorkloadTableChanges::updated); }
std::uint64_t WorkloadStats::deleted() const { return sum(tables, &WorkloadTableChanges::deleted); }

void WorkloadStats::merge(const WorkloadStats &other)
{
    for (const auto &[name, changes] : other.tables) {
        WorkloadTableChanges &mine = tables[name];
        mine.inserted += changes.inserted;
        mine.updated += changes.updated;
        mine.deleted += changes.deleted;
    }
    for (const auto &[kind, count] : other.transactions)
        transactions[kind] += count;
    rolledBack += other.rolledBack;
    retries += other.retries;
}

static std::string format(const char *pattern, auto... args)
{
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, pattern, args...);
    return buffer;
}

std::string WorkloadStats::summary() const
{
    const auto committed = committedTransactions();
    std::string s = format("transactions: %llu committed in %.1f s, %.1f tps\n", (unsigned long long)committed,
                           elapsedSeconds, elapsedSeconds > 0 ? double(committed) / elapsedSeconds : 0.0);
    for (const auto &[kind, count] : transactions)
        s += format("  %-12s %10llu\n", kind.c_str(), (unsigned long long)count);
    s += format("  %-12s %10llu  (new-orders with an unknown item, rolled back by design)\n", "rolled back",
                (unsigned long long)rolledBack);
    s += format("  %-12s %10llu  (after a deadlock or lock wait timeout)\n", "retried", (unsigned long long)retries);
    s += format("rows:        %10s %10s %10s\n", "inserted", "updated", "deleted");
    for (const std::string &name : WorkloadSchema::tableNames()) {
        const auto it = tables.find(name);
        const WorkloadTableChanges changes = it == tables.end() ? WorkloadTableChanges{} : it->second;
        s += format("  %-10s %10llu %10llu %10llu\n", name.c_str(), (unsigned long long)changes.inserted,
                    (unsigned long long)changes.updated, (unsigned long long)changes.deleted);
    }
    s += format("  %-10s %10llu %10llu %10llu\n", "total", (unsigned long long)inserted(),
                (unsigned long long)updated(), (unsigned long long)deleted());
    return s;
}

// ---- Workload ---------------------------------------------------------------------------------

Workload::Workload(MySqlConnectionConfig config, WorkloadOptions options)
    : m_config(std::move(config))
    , m_options(std::move(options))
{
    if (m_options.profile != "tpcc-lite")
        throw ConfigError("unknown workload profile \"" + m_options.profile + "\": the only one is tpcc-lite");
    if (m_options.warehouses < 1 || m_options.warehouses > 10000)
        throw ConfigError("warehouses must be from 1 to 10000, not " + std::to_string(m_options.warehouses));
    if (m_options.threads < 1 || m_options.threads > 256)
        throw ConfigError("threads must be from 1 to 256, not " + std::to_string(m_options.threads));
    if (m_options.seconds < 0 || m_options.rate < 0)
        throw ConfigError("seconds and rate must not be negative");
    if (m_config.database.empty())
        throw ConfigError("the workload needs a database (it is created when missing)");
    if (m_options.progressInterval <= 0)
        m_options.progressInterval = 1;
}

void Workload::setProgressHandler(std::function<void(const std::string &)> handler)
{
    m_progress = std::move(handler);
}

static std::string identifier(const std::string &name)
{
    std::string quoted = "`";
    for (char c : name)
        quoted += c == '`' ? std::string("``") : std::string(1, c);
    return quoted + '`';
}

WorkloadStats Workload::prepare()
{
    auto say = [this](const std::string &message) {
        if (m_progress)
            m_progress(message);
    };
    MySqlConnectionConfig serverOnly = m_config;
    serverOnly.database.clear();
    MySqlConnection connection(serverOnly);
    connection.connect();
    connection.execute("CREATE DATABASE IF NOT EXISTS " + identifier(m_config.database)
                       + " CHARACTER SET utf8mb4");
    connection.execute("USE " + identifier(m_config.database));
    for (const std::string &statement : WorkloadSchema::createStatements())
        connection.execute(statement);
    WorkloadStats stats;
    const auto present = connection.query("SELECT COUNT(*) FROM warehouse");
    const long long warehouses = std::stoll(present.at(0).at(0).value_or("0"));
    if (warehouses != 0) {
        if (warehouses != m_options.warehouses)
            throw ConfigError(m_config.database + " already holds " + std::to_string(warehouses)
                              + " warehouses, not " + std::to_string(m_options.warehouses)
                              + ": drop the database or ask for " + std::to_string(warehouses));
        say("tables of " + m_config.database + " already loaded (" + std::to_string(warehouses)
            + " warehouses): nothing to prepare");
        return stats;
    }
    say("loading " + std::to_string(m_options.warehouses) + (m_options.warehouses == 1 ? " warehouse" : " warehouses")
        + " into " + m_config.database);
    const auto start = std::chrono::steady_clock::now();
    for (const auto &[table, rows] : WorkloadSchema::load(connection, m_options.warehouses, m_options.seed, say))
        stats.tables[table].inserted = rows;
    stats.elapsedSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    say(format("loaded %llu rows in %.1f s", (unsigned long long)stats.inserted(), stats.elapsedSeconds));
    return stats;
}

namespace {

using Rows = std::vector<std::vector<std::optional<std::string>>>;
std::string n(std::int64_t v)
{
    return std::to_string(v);
}

/// A whole number from a query's result. Possible errors: Error when the row is missing.
long long number(const Rows &rows, std::size_t column = 0, std::size_t row = 0)
{
    if (row >= rows.size() || column >= rows[row].size())
        throw Error("the workload's tables lack a row it needs: were they changed by hand?");
    return std::stoll(rows[row][column].value_or("0"));
}

/// DECIMAL text ("12.34", "-0.50") as cents.
std::int64_t cents(const std::string &decimal)
{
    const auto dot = decimal.find('.');
    std::string digits = decimal.substr(0, dot);
    std::string fraction = dot == std::string::npos ? "00" : (decimal.substr(dot + 1) + "00").substr(0, 2);
    const bool negative = !digits.empty() && digits[0] == '-';
    const std::int64_t whole = std::stoll(negative ? digits.substr(1) : digits);
    const std::int64_t value = whole * 100 + std::stoll(fraction);
    return negative ? -value : value;
}

struct OrderLine
{
    std::int64_t item, supplyWarehouse, quantity;
};

/// One thread's transactions on its own connection.
class Terminal
{
public:
    Terminal(MySqlConnection &connection, WorkloadRandom random, std::int64_t warehouses)
        : m_connection(connection)
        , m_random(random)
        , m_warehouses(warehouses)
    {
    }

    /// Runs the transaction number `ticket` (which also sets its logical time) with retries on
    /// deadlocks; adds what it committed to `stats`.
    void runOne(std::uint64_t ticket, WorkloadStats &stats)
    {
        const std::int64_t roll = m_random.uniform(1, 100);
        const auto time = std::int64_t(ticket);
        if (roll <= 50)
            attempt(stats, [&, input = newOrderInput()](WorkloadStats &delta) { newOrder(input, time, delta); });
        else if (roll <= 95)
            attempt(stats, [&, input = paymentInput()](WorkloadStats &delta) { payment(input, time, delta); });
        else
            attempt(stats, [&, input = deliveryInput()](WorkloadStats &delta) { delivery(input, time, delta); });
    }

private:
    struct NewOrderInput
    {
        std::int64_t w, d, c;
        std::vector<OrderLine> lines;
    };
    struct PaymentInput
    {
        std::int64_t w, d, cw, cd, c, lastName, amount;
    };
    struct DeliveryInput
    {
        std::int64_t w, carrier;
    };

    template<typename Body>
    void attempt(WorkloadStats &stats, Body body)
    {
        for (int tries = 1;; ++tries) {
            WorkloadStats delta;
            try {
                m_connection.execute("BEGIN");
                body(delta);
                stats.merge(delta);
                return;
            } catch (const MySqlError &e) {
                rollback();
                // Deadlock, lock wait timeout, record changed (MariaDB 11 snapshot isolation),
                // TiDB's write conflict (optimistic transactions).
                const bool retry = e.code() == 1213 || e.code() == 1205 || e.code() == 1020 || e.code() == 9007;
                if (!retry || tries == 20)
                    throw;
                ++stats.retries;
            } catch (const Error &) {
                rollback();
                throw;
            }
        }
    }

    void rollback()
    {
        if (!m_connection.isConnected())
            return;
        try {
            m_connection.execute("ROLLBACK");
        } catch (const Error &) {
            m_connection.disconnect(); // the original error is the one to report
        }
    }

    std::int64_t otherWarehouse(std::int64_t w)
    {
        if (m_warehouses == 1)
            return w;
        const std::int64_t other = m_random.uniform(1, m_warehouses - 1);
        return other >= w ? other + 1 : other;
    }

    NewOrderInput newOrderInput()
    {
        NewOrderInput in{m_random.uniform(1, m_warehouses), m_random.uniform(1, WorkloadSchema::DistrictsPerWarehouse),
                         m_random.nurand(1023, 1, WorkloadSchema::CustomersPerDistrict), {}};
        const auto count = m_random.uniform(WorkloadSchema::MinOrderLines, WorkloadSchema::MaxOrderLines);
        while (std::int64_t(in.lines.size()) < count) {
            const std::int64_t item = m_random.nurand(8191, 1, WorkloadSchema::Items);
            if (std::any_of(in.lines.begin(), in.lines.end(), [&](const OrderLine &l) { return l.item == item; }))
                continue;
            const std::int64_t supply = m_random.uniform(1, 100) == 1 ? otherWarehouse(in.w) : in.w;
            in.lines.push_back({item, supply, m_random.uniform(1, 10)});
        }
        if (m_random.uniform(1, 100) == 1)
            in.lines.back().item = WorkloadSchema::Items + 1; // unknown: the transaction rolls back
        // Locks in key order: fewer deadlocks between terminals.
        std::sort(in.lines.begin(), in.lines.end(), [](const OrderLine &a, const OrderLine &b) {
            return std::pair(a.supplyWarehouse, a.item) < std::pair(b.supplyWarehouse, b.item);
        });
        return in;
    }

    void newOrder(const NewOrderInput &in, std::int64_t time, WorkloadStats &delta)
    {
        const std::string district = " WHERE d_w_id = " + n(in.w) + " AND d_id = " + n(in.d);
        m_connection.query("SELECT w_tax FROM warehouse WHERE w_id = " + n(in.w));
        const Rows d = m_connection.query("SELECT d_next_o_id FROM district" + district + " FOR UPDATE");
        const long long orderId = number(d);
        delta.tables["district"].updated +=
            m_connection.execute("UPDATE district SET d_next_o_id = d_next_o_id + 1" + district);
        m_connection.query("SELECT c_discount, c_last, c_credit FROM customer WHERE c_w_id = " + n(in.w)
                           + " AND c_d_id = " + n(in.d) + " AND c_id = " + n(in.c));
        bool allLocal = true;
        std::string itemIds;
        for (const OrderLine &line : in.lines) {
            allLocal = allLocal && line.supplyWarehouse == in.w;
            itemIds += (itemIds.empty() ? "" : ",") + n(line.item);
        }
        const std::string order = n(orderId) + ',' + n(in.d) + ',' + n(in.w);
        delta.tables["orders"].inserted += m_connection.execute(
            "INSERT INTO orders VALUES (" + order + ',' + n(in.c) + ',' + WorkloadSchema::timestamp(time) + ",NULL,"
            + n(std::int64_t(in.lines.size())) + ',' + (allLocal ? "1" : "0") + ')');
        delta.tables["new_order"].inserted += m_connection.execute("INSERT INTO new_order VALUES (" + order + ')');

        std::map<std::int64_t, std::int64_t> prices; // item -> cents
        for (const auto &row : m_connection.query("SELECT i_id, i_price FROM item WHERE i_id IN (" + itemIds + ")"))
            prices[std::stoll(row.at(0).value_or("0"))] = cents(row.at(1).value_or("0"));
        if (prices.size() != in.lines.size()) {
            m_connection.execute("ROLLBACK");
            delta = WorkloadStats{};
            delta.rolledBack = 1;
            return;
        }
        const std::string distColumn = std::string("s_dist_") + (in.d < 10 ? "0" : "") + n(in.d);
        std::map<std::pair<std::int64_t, std::int64_t>, std::pair<std::int64_t, std::string>> stock;
        for (std::size_t i = 0; i < in.lines.size();) {
            const std::int64_t supply = in.lines[i].supplyWarehouse;
            std::string ids;
            for (; i < in.lines.size() && in.lines[i].supplyWarehouse == supply; ++i)
                ids += (ids.empty() ? "" : ",") + n(in.lines[i].item);
            for (const auto &row : m_connection.query("SELECT s_i_id, s_quantity, " + distColumn
                                                      + " FROM stock WHERE s_w_id = " + n(supply)
                                                      + " AND s_i_id IN (" + ids + ") FOR UPDATE"))
                stock[{supply, std::stoll(row.at(0).value_or("0"))}] = {std::stoll(row.at(1).value_or("0")),
                                                                        row.at(2).value_or("")};
        }
        std::string updates, lines;
        int number = 0;
        for (const OrderLine &line : in.lines) {
            const auto &[quantity, distInfo] = stock.at({line.supplyWarehouse, line.item});
            const std::int64_t left = quantity >= line.quantity + 10 ? quantity - line.quantity
                                                                     : quantity - line.quantity + 91;
            updates += "UPDATE stock SET s_quantity = " + n(left) + ", s_ytd = s_ytd + " + n(line.quantity)
                       + ", s_order_cnt = s_order_cnt + 1, s_remote_cnt = s_remote_cnt + "
                       + (line.supplyWarehouse == in.w ? "0" : "1") + " WHERE s_w_id = " + n(line.supplyWarehouse)
                       + " AND s_i_id = " + n(line.item) + ';';
            lines += std::string(lines.empty() ? "" : ",") + '(' + order + ',' + n(++number) + ',' + n(line.item)
                     + ',' + n(line.supplyWarehouse) + ",NULL," + n(line.quantity) + ','
                     + WorkloadSchema::money(line.quantity * prices.at(line.item)) + ",'" + distInfo + "')";
        }
        std::vector<std::uint64_t> affected;
        m_connection.executeMulti(updates, affected);
        for (std::uint64_t rows : affected)
            delta.tables["stock"].updated += rows;
        delta.tables["order_line"].inserted += m_connection.execute("INSERT INTO order_line VALUES " + lines);
        m_connection.execute("COMMIT");
        delta.transactions["new_order"] = 1;
    }

    PaymentInput paymentInput()
    {
        PaymentInput in{};
        in.w = m_random.uniform(1, m_warehouses);
        in.d = m_random.uniform(1, WorkloadSchema::DistrictsPerWarehouse);
        const bool home = m_random.uniform(1, 100) <= 85;
        in.cw = home ? in.w : otherWarehouse(in.w);
        in.cd = home ? in.d : m_random.uniform(1, WorkloadSchema::DistrictsPerWarehouse);
        const bool byName = m_random.uniform(1, 100) <= 60;
        in.c = byName ? 0 : m_random.nurand(1023, 1, WorkloadSchema::CustomersPerDistrict);
        in.lastName = byName ? m_random.nurand(255, 0, std::min(999, WorkloadSchema::CustomersPerDistrict - 1)) : -1;
        in.amount = m_random.uniform(100, 500000);
        return in;
    }

    void payment(const PaymentInput &in, std::int64_t time, WorkloadStats &delta)
    {
        const std::string amount = WorkloadSchema::money(in.amount);
        delta.tables["warehouse"].updated +=
            m_connection.execute("UPDATE warehouse SET w_ytd = w_ytd + " + amount + " WHERE w_id = " + n(in.w));
        delta.tables["district"].updated += m_connection.execute("UPDATE district SET d_ytd = d_ytd + " + amount
                                                                 + " WHERE d_w_id = " + n(in.w) + " AND d_id = " + n(in.d));
        const std::string customers = " WHERE c_w_id = " + n(in.cw) + " AND c_d_id = " + n(in.cd);
        std::int64_t c = in.c;
        if (in.lastName >= 0) {
            const Rows ids = m_connection.query("SELECT c_id FROM customer" + customers + " AND c_last = '"
                                                + WorkloadSchema::lastName(int(in.lastName)) + "' ORDER BY c_first");
            c = ids.empty() ? 1 : number(ids, 0, (ids.size() - 1) / 2);
        }
        const std::string customer = customers + " AND c_id = " + n(c);
        const Rows credit = m_connection.query("SELECT c_credit FROM customer" + customer + " FOR UPDATE");
        std::string set = "c_balance = c_balance - " + amount + ", c_ytd_payment = c_ytd_payment + " + amount
                          + ", c_payment_cnt = c_payment_cnt + 1";
        if (!credit.empty() && credit[0].at(0).value_or("") == "BC")
            set += ", c_data = LEFT(CONCAT('" + n(c) + ' ' + n(in.cd) + ' ' + n(in.cw) + ' ' + n(in.d) + ' ' + n(in.w)
                   + ' ' + amount + " ', c_data), 500)";
        delta.tables["customer"].updated += m_connection.execute("UPDATE customer SET " + set + customer);
        delta.tables["history"].inserted += m_connection.execute(
            "INSERT INTO history (h_c_id, h_c_d_id, h_c_w_id, h_d_id, h_w_id, h_date, h_amount, h_data) VALUES ("
            + n(c) + ',' + n(in.cd) + ',' + n(in.cw) + ',' + n(in.d) + ',' + n(in.w) + ','
            + WorkloadSchema::timestamp(time) + ',' + amount + ",'payment " + n(in.w) + '/' + n(in.d) + "')");
        m_connection.execute("COMMIT");
        delta.transactions["payment"] = 1;
    }

    DeliveryInput deliveryInput() { return {m_random.uniform(1, m_warehouses), m_random.uniform(1, 10)}; }

    void delivery(const DeliveryInput &in, std::int64_t time, WorkloadStats &delta)
    {
        for (int d = 1; d <= WorkloadSchema::DistrictsPerWarehouse; ++d) {
            const std::string where = n(in.w) + " AND no_d_id = " + n(d);
            const Rows oldest = m_connection.query("SELECT no_o_id FROM new_order WHERE no_w_id = " + where
                                                   + " ORDER BY no_o_id LIMIT 1 FOR UPDATE");
            if (oldest.empty())
                continue; // nothing to deliver in this district
            const std::string o = n(number(oldest));
            const std::uint64_t deleted =
                m_connection.execute("DELETE FROM new_order WHERE no_w_id = " + where + " AND no_o_id = " + o);
            if (deleted == 0)
                continue;
            delta.tables["new_order"].deleted += deleted;
            const std::string order = " WHERE o_w_id = " + n(in.w) + " AND o_d_id = " + n(d) + " AND o_id = " + o;
            // A locking read: it sees the order even when it was committed after this
            // transaction's snapshot (a new-order that a delivery waited for).
            const Rows customer = m_connection.query("SELECT o_c_id FROM orders" + order + " FOR UPDATE");
            delta.tables["orders"].updated +=
                m_connection.execute("UPDATE orders SET o_carrier_id = " + n(in.carrier) + order);
            const std::string lines = " WHERE ol_w_id = " + n(in.w) + " AND ol_d_id = " + n(d) + " AND ol_o_id = " + o;
            delta.tables["order_line"].updated += m_connection.execute(
                "UPDATE order_line SET ol_delivery_d = " + WorkloadSchema::timestamp(time) + lines);
            delta.tables["customer"].updated += m_connection.execute(
                "UPDATE customer SET c_balance = c_balance + (SELECT COALESCE(SUM(ol_amount), 0) FROM order_line"
                + lines + "), c_delivery_cnt = c_delivery_cnt + 1 WHERE c_w_id = " + n(in.w) + " AND c_d_id = "
                + n(d) + " AND c_id = " + n(number(customer)));
        }
        m_connection.execute("COMMIT");
        delta.transactions["delivery"] = 1;
    }

    MySqlConnection &m_connection;
    WorkloadRandom m_random;
    std::int64_t m_warehouses;
};

} // namespace

WorkloadStats Workload::run(std::atomic<bool> *stop)
{
    using Clock = std::chrono::steady_clock;
    std::int64_t warehouses = 0;
    {
        MySqlConnection connection(m_config);
        connection.connect();
        try {
            warehouses = number(connection.query("SELECT COUNT(*) FROM warehouse"));
        } catch (const MySqlError &e) {
            if (e.code() != 1146) // no such table
                throw;
        }
        if (warehouses == 0)
            throw ConfigError("no warehouses in " + m_config.database + ": prepare the workload first");
    }

    const auto start = Clock::now();
    const auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(m_options.seconds));
    std::atomic<std::uint64_t> nextTicket{0};
    std::atomic<bool> halt{false};
    std::mutex mutex;
    std::condition_variable finished;
    int running = m_options.threads;
    WorkloadStats total;
    for (const char *kind : {"new_order", "payment", "delivery"})
        total.transactions[kind] = 0;
    std::exception_ptr firstError;

    auto stopping = [&] {
        return halt.load() || (stop && stop->load()) || (m_options.seconds > 0 && Clock::now() >= deadline);
    };
    auto terminal = [&](int index) {
        try {
            MySqlConnection connection(m_config);
            connection.connect();
            Terminal t(connection, WorkloadRandom(m_options.seed, std::uint64_t(index)), warehouses);
            while (!stopping()) {
                const std::uint64_t ticket = nextTicket++;
                if (m_options.transactions && ticket >= m_options.transactions)
                    break;
                if (m_options.rate > 0) {
                    const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                                 std::chrono::duration<double>(double(ticket) / m_options.rate));
                    while (Clock::now() < due && !stopping())
                        std::this_thread::sleep_for(std::min<Clock::duration>(due - Clock::now(), std::chrono::milliseconds(50)));
                    if (stopping())
                        break;
                }
                WorkloadStats delta;
                t.runOne(ticket, delta);
                std::lock_guard lock(mutex);
                total.merge(delta);
            }
        } catch (const Error &) {
            std::lock_guard lock(mutex);
            if (!firstError)
                firstError = std::current_exception();
            halt = true;
        } catch (const std::exception &e) {
            std::lock_guard lock(mutex);
            if (!firstError)
                firstError = std::make_exception_ptr(Error(std::string("internal error in the workload: ") + e.what()));
            halt = true;
        }
        std::lock_guard lock(mutex);
        --running;
        finished.notify_all();
    };

    std::vector<std::thread> threads;
    for (int i = 0; i < m_options.threads; ++i)
        threads.emplace_back(terminal, i);
    {
        std::unique_lock lock(mutex);
        const auto interval = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(m_options.progressInterval));
        auto nextReport = start + interval;
        while (running > 0) {
            if (finished.wait_until(lock, nextReport, [&] { return running == 0; }))
                break;
            nextReport += interval;
            if (m_progress && !halt) {
                const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
                const auto committed = total.committedTransactions();
                const std::string line = format(
                    "%6.1f s  %llu transactions, %.1f tps (new_order %llu, payment %llu, delivery %llu; %llu rolled back)",
                    elapsed, (unsigned long long)committed, double(committed) / elapsed,
                    (unsigned long long)total.transactions["new_order"], (unsigned long long)total.transactions["payment"],
                    (unsigned long long)total.transactions["delivery"], (unsigned long long)total.rolledBack);
                lock.unlock();
                try {
                    m_progress(line);
                } catch (...) { // the caller's handler failed: stop the threads, then report it
                    lock.lock();
                    if (!firstError)
                        firstError = std::current_exception();
                    halt = true;
                    continue;
                }
                lock.lock();
            }
        }
    }
    for (std::thread &thread : threads)
        thread.join();
    if (firstError)
        std::rethrow_exception(firstError);
    total.elapsedSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    return total;
}

} // namespace flowdeck
