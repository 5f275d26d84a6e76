#include "core/devtools/workloadschema.h"

#include "core/model/errors.h"
#include "core/mysql/mysqlconnection.h"

#include <ctime>

namespace flowdeck {

// ---- WorkloadRandom ---------------------------------------------------------------------------

static std::uint64_t splitMix(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

WorkloadRandom::WorkloadRandom(std::uint64_t seed, std::uint64_t stream)
    : m_state(seed + stream * 0x9e3779b97f4a7c15ULL)
{
    std::uint64_t cState = seed ^ 0x5bd1e995ULL;
    m_cLast = std::int64_t(splitMix(cState) % 256);
    m_cId = std::int64_t(splitMix(cState) % 1024);
    m_cItem = std::int64_t(splitMix(cState) % 8192);
}

std::uint64_t WorkloadRandom::next()
{
    return splitMix(m_state);
}

std::int64_t WorkloadRandom::uniform(std::int64_t lo, std::int64_t hi)
{
    return lo + std::int64_t(next() % std::uint64_t(hi - lo + 1));
}

std::int64_t WorkloadRandom::nurand(std::int64_t a, std::int64_t lo, std::int64_t hi)
{
    const std::int64_t c = a == 255 ? m_cLast : a == 1023 ? m_cId : m_cItem;
    return (((uniform(0, a) | uniform(lo, hi)) + c) % (hi - lo + 1)) + lo;
}

std::string WorkloadRandom::text(unsigned minLength, unsigned maxLength)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    const auto length = unsigned(uniform(minLength, maxLength));
    std::string s(length, ' ');
    for (char &c : s)
        c = alphabet[next() % (sizeof alphabet - 1)];
    return s;
}

std::string WorkloadRandom::digits(unsigned length)
{
    std::string s(length, '0');
    for (char &c : s)
        c = char('0' + next() % 10);
    return s;
}

// ---- WorkloadSchema ---------------------------------------------------------------------------

const std::vector<std::string> &WorkloadSchema::tableNames()
{
    static const std::vector<std::string> names = {"warehouse", "district", "customer",   "history", "new_order",
                                                   "orders",    "order_line", "item",     "stock"};
    return names;
}

std::vector<std::string> WorkloadSchema::createStatements()
{
    const std::string address = "_street_1 VARCHAR(20) NOT NULL, {p}_street_2 VARCHAR(20) NOT NULL, "
                                "{p}_city VARCHAR(20) NOT NULL, {p}_state CHAR(2) NOT NULL, {p}_zip CHAR(9) NOT NULL";
    auto addressOf = [&](const std::string &prefix) {
        std::string s = prefix + address;
        for (std::size_t at; (at = s.find("{p}")) != std::string::npos;)
            s.replace(at, 3, prefix);
        return s;
    };
    const std::string engine = ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    return {
        "CREATE TABLE IF NOT EXISTS warehouse (w_id INT NOT NULL, w_name VARCHAR(10) NOT NULL, " + addressOf("w")
            + ", w_tax DECIMAL(4,4) NOT NULL, w_ytd DECIMAL(16,2) NOT NULL, PRIMARY KEY (w_id)" + engine,
        "CREATE TABLE IF NOT EXISTS district (d_id TINYINT NOT NULL, d_w_id INT NOT NULL, d_name VARCHAR(10) NOT NULL, "
            + addressOf("d")
            + ", d_tax DECIMAL(4,4) NOT NULL, d_ytd DECIMAL(16,2) NOT NULL, d_next_o_id INT NOT NULL, "
              "PRIMARY KEY (d_w_id, d_id)"
            + engine,
        "CREATE TABLE IF NOT EXISTS customer (c_id INT NOT NULL, c_d_id TINYINT NOT NULL, c_w_id INT NOT NULL, "
        "c_first VARCHAR(16) NOT NULL, c_middle CHAR(2) NOT NULL, c_last VARCHAR(16) NOT NULL, "
            + addressOf("c")
            + ", c_phone CHAR(16) NOT NULL, c_since DATETIME NOT NULL, c_credit CHAR(2) NOT NULL, "
              "c_credit_lim DECIMAL(12,2) NOT NULL, c_discount DECIMAL(4,4) NOT NULL, c_balance DECIMAL(12,2) NOT NULL, "
              "c_ytd_payment DECIMAL(12,2) NOT NULL, c_payment_cnt INT NOT NULL, c_delivery_cnt INT NOT NULL, "
              "c_data VARCHAR(500) NOT NULL, PRIMARY KEY (c_w_id, c_d_id, c_id), "
              "KEY idx_customer (c_w_id, c_d_id, c_last, c_first)"
            + engine,
        // TPC-C's history has no primary key; h_id gives CDC consumers a key.
        "CREATE TABLE IF NOT EXISTS history (h_id BIGINT NOT NULL AUTO_INCREMENT, h_c_id INT NOT NULL, "
        "h_c_d_id TINYINT NOT NULL, h_c_w_id INT NOT NULL, h_d_id TINYINT NOT NULL, h_w_id INT NOT NULL, "
        "h_date TIMESTAMP NULL DEFAULT NULL, h_amount DECIMAL(6,2) NOT NULL, h_data VARCHAR(24) NOT NULL, "
        "PRIMARY KEY (h_id), KEY idx_h_w_id (h_w_id), KEY idx_h_c_w_id (h_c_w_id)"
            + engine,
        "CREATE TABLE IF NOT EXISTS new_order (no_o_id INT NOT NULL, no_d_id TINYINT NOT NULL, no_w_id INT NOT NULL, "
        "PRIMARY KEY (no_w_id, no_d_id, no_o_id)"
            + engine,
        "CREATE TABLE IF NOT EXISTS orders (o_id INT NOT NULL, o_d_id TINYINT NOT NULL, o_w_id INT NOT NULL, "
        "o_c_id INT NOT NULL, o_entry_d DATETIME NOT NULL, o_carrier_id TINYINT NULL, o_ol_cnt TINYINT NOT NULL, "
        "o_all_local BOOLEAN NOT NULL, PRIMARY KEY (o_w_id, o_d_id, o_id), KEY idx_order (o_w_id, o_d_id, o_c_id, o_id)"
            + engine,
        "CREATE TABLE IF NOT EXISTS order_line (ol_o_id INT NOT NULL, ol_d_id TINYINT NOT NULL, ol_w_id INT NOT NULL, "
        "ol_number TINYINT NOT NULL, ol_i_id INT NOT NULL, ol_supply_w_id INT NOT NULL, "
        "ol_delivery_d TIMESTAMP(3) NULL DEFAULT NULL, ol_quantity SMALLINT NOT NULL, ol_amount DECIMAL(6,2) NOT NULL, "
        "ol_dist_info CHAR(24) NOT NULL, PRIMARY KEY (ol_w_id, ol_d_id, ol_o_id, ol_number)"
            + engine,
        "CREATE TABLE IF NOT EXISTS item (i_id INT NOT NULL, i_im_id INT NOT NULL, i_name VARCHAR(24) NOT NULL, "
        "i_price DECIMAL(5,2) NOT NULL, i_data VARCHAR(50) NOT NULL, PRIMARY KEY (i_id)"
            + engine,
        "CREATE TABLE IF NOT EXISTS stock (s_i_id INT NOT NULL, s_w_id INT NOT NULL, s_quantity SMALLINT NOT NULL, "
        "s_dist_01 CHAR(24) NOT NULL, s_dist_02 CHAR(24) NOT NULL, s_dist_03 CHAR(24) NOT NULL, "
        "s_dist_04 CHAR(24) NOT NULL, s_dist_05 CHAR(24) NOT NULL, s_dist_06 CHAR(24) NOT NULL, "
        "s_dist_07 CHAR(24) NOT NULL, s_dist_08 CHAR(24) NOT NULL, s_dist_09 CHAR(24) NOT NULL, "
        "s_dist_10 CHAR(24) NOT NULL, s_ytd BIGINT NOT NULL, s_order_cnt INT NOT NULL, s_remote_cnt INT NOT NULL, "
        "s_data VARCHAR(50) NOT NULL, PRIMARY KEY (s_w_id, s_i_id)"
            + engine,
    };
}

std::string WorkloadSchema::lastName(int number)
{
    static const char *const syllables[] = {"BAR", "OUGHT", "ABLE", "PRI", "PRES",
                                            "ESE", "ANTI",  "CALLY", "ATION", "EING"};
    return std::string(syllables[number / 100 % 10]) + syllables[number / 10 % 10] + syllables[number % 10];
}

std::string WorkloadSchema::timestamp(std::int64_t offsetSeconds)
{
    const std::time_t t = std::time_t(1767225600 + offsetSeconds); // 2026-01-01 00:00:00 UTC
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "'%Y-%m-%d %H:%M:%S'", &tm);
    return buffer;
}

std::string WorkloadSchema::money(std::int64_t cents)
{
    const bool negative = cents < 0;
    const std::uint64_t abs = negative ? std::uint64_t(-cents) : std::uint64_t(cents);
    const std::string fraction = std::to_string(abs % 100);
    return (negative ? "-" : "") + std::to_string(abs / 100) + '.' + (fraction.size() == 1 ? "0" : "") + fraction;
}

namespace {

/// Multi-row INSERTs of up to 500 rows, counting the affected rows.
class BatchInsert
{
public:
    BatchInsert(MySqlConnection &connection, std::string head)
        : m_connection(connection)
        , m_head(std::move(head))
    {
    }
    void add(const std::string &tuple)
    {
        m_sql += m_rows == 0 ? m_head + " VALUES (" : ",(";
        m_sql += tuple;
        m_sql += ')';
        if (++m_rows == 500)
            flush();
    }
    std::uint64_t finish()
    {
        flush();
        return m_affected;
    }

private:
    void flush()
    {
        if (m_rows == 0)
            return;
        m_affected += m_connection.execute(m_sql);
        m_sql.clear();
        m_rows = 0;
    }
    MySqlConnection &m_connection;
    std::string m_head;
    std::string m_sql;
    unsigned m_rows = 0;
    std::uint64_t m_affected = 0;
};

std::string q(const std::string &s)
{
    return '\'' + s + '\''; // generated text is letters and digits only
}

std::string n(std::int64_t v)
{
    return std::to_string(v);
}

std::string address(WorkloadRandom &random)
{
    return q(random.text(10, 20)) + ',' + q(random.text(10, 20)) + ',' + q(random.text(10, 20)) + ','
           + q(random.text(2, 2)) + ',' + q(random.digits(4) + "11111");
}

/// TPC-C's data fields: 10% contain "ORIGINAL".
std::string originalData(WorkloadRandom &random)
{
    std::string data = random.text(26, 50);
    if (random.uniform(1, 10) == 1)
        data.replace(std::size_t(random.uniform(0, std::int64_t(data.size()) - 8)), 8, "ORIGINAL");
    return q(data);
}

} // namespace

std::map<std::string, std::uint64_t> WorkloadSchema::load(MySqlConnection &connection, int warehouses,
                                                          std::uint64_t seed,
                                                          const std::function<void(const std::string &)> &progress)
{
    WorkloadRandom random(seed);
    std::map<std::string, std::uint64_t> rows;
    auto say = [&](const std::string &message) {
        if (progress)
            progress(message);
    };
    const std::int64_t loadTime = -3600; // an hour before the transactions' clock starts
    connection.execute("BEGIN");
    try {
        say("loading item (" + n(Items) + " rows)");
        BatchInsert item(connection, "INSERT INTO item (i_id, i_im_id, i_name, i_price, i_data)");
        for (int i = 1; i <= Items; ++i)
            item.add(n(i) + ',' + n(random.uniform(1, 10000)) + ',' + q(random.text(14, 24)) + ','
                     + money(random.uniform(100, 10000)) + ',' + originalData(random));
        rows["item"] = item.finish();

        BatchInsert stock(connection, "INSERT INTO stock");
        BatchInsert district(connection, "INSERT INTO district");
        BatchInsert customer(connection, "INSERT INTO customer");
        BatchInsert history(connection, "INSERT INTO history (h_c_id, h_c_d_id, h_c_w_id, h_d_id, h_w_id, h_date, "
                                        "h_amount, h_data)");
        BatchInsert orders(connection, "INSERT INTO orders");
        BatchInsert newOrder(connection, "INSERT INTO new_order");
        BatchInsert orderLine(connection, "INSERT INTO order_line");
        for (int w = 1; w <= warehouses; ++w) {
            say("loading warehouse " + n(w) + " of " + n(warehouses));
            BatchInsert oneWarehouse(connection, "INSERT INTO warehouse");
            oneWarehouse.add(n(w) + ',' + q(random.text(6, 10)) + ',' + address(random) + ','
                             + "0." + n(random.uniform(1000, 2000)) + ",300000.00");
            rows["warehouse"] += oneWarehouse.finish();
            for (int i = 1; i <= Items; ++i) {
                std::string tuple = n(i) + ',' + n(w) + ',' + n(random.uniform(10, 100));
                for (int d = 0; d < 10; ++d)
                    tuple += ',' + q(random.text(24, 24));
                stock.add(tuple + ",0,0,0," + originalData(random));
            }
            for (int d = 1; d <= DistrictsPerWarehouse; ++d) {
                district.add(n(d) + ',' + n(w) + ',' + q(random.text(6, 10)) + ',' + address(random) + ",0."
                             + n(random.uniform(1000, 2000)) + ",30000.00," + n(CustomersPerDistrict + 1));
                for (int c = 1; c <= CustomersPerDistrict; ++c) {
                    const bool badCredit = random.uniform(1, 10) == 1;
                    customer.add(n(c) + ',' + n(d) + ',' + n(w) + ',' + q(random.text(8, 16)) + ",'OE',"
                                 + q(lastName(c <= 1000 ? c - 1 : int(random.nurand(255, 0, 999)))) + ','
                                 + address(random) + ',' + q(random.digits(16)) + ',' + timestamp(loadTime) + ','
                                 + (badCredit ? "'BC'" : "'GC'") + ",50000.00,0." + n(random.uniform(1000, 5000))
                                 + ",-10.00,10.00,1,0," + q(random.text(300, 500)));
                    history.add(n(c) + ',' + n(d) + ',' + n(w) + ',' + n(d) + ',' + n(w) + ',' + timestamp(loadTime)
                                + ",10.00," + q(random.text(12, 24)));
                }
                // One order per customer, in a random permutation of the customers.
                std::vector<int> customers(CustomersPerDistrict);
                for (int c = 0; c < CustomersPerDistrict; ++c)
                    customers[std::size_t(c)] = c + 1;
                for (int c = CustomersPerDistrict - 1; c > 0; --c)
                    std::swap(customers[std::size_t(c)], customers[std::size_t(random.uniform(0, c))]);
                const int firstUndelivered = CustomersPerDistrict - NewOrdersPerDistrict + 1;
                for (int o = 1; o <= CustomersPerDistrict; ++o) {
                    const bool delivered = o < firstUndelivered;
                    const auto lines = int(random.uniform(MinOrderLines, MaxOrderLines));
                    orders.add(n(o) + ',' + n(d) + ',' + n(w) + ',' + n(customers[std::size_t(o - 1)]) + ','
                               + timestamp(loadTime) + ',' + (delivered ? n(random.uniform(1, 10)) : "NULL") + ','
                               + n(lines) + ",1");
                    if (!delivered)
                        newOrder.add(n(o) + ',' + n(d) + ',' + n(w));
                    for (int l = 1; l <= lines; ++l)
                        orderLine.add(n(o) + ',' + n(d) + ',' + n(w) + ',' + n(l) + ',' + n(random.uniform(1, Items))
                                      + ',' + n(w) + ',' + (delivered ? timestamp(loadTime) : "NULL") + ",5,"
                                      + (delivered ? "0.00" : money(random.uniform(1, 999999))) + ','
                                      + q(random.text(24, 24)));
                }
            }
        }
        rows["stock"] = stock.finish();
        rows["district"] = district.finish();
        rows["customer"] = customer.finish();
        rows["history"] = history.finish();
        rows["orders"] = orders.finish();
        rows["new_order"] = newOrder.finish();
        rows["order_line"] = orderLine.finish();
        say("committing the initial data");
        connection.execute("COMMIT");
    } catch (const Error &) {
        if (connection.isConnected()) {
            try {
                connection.execute("ROLLBACK");
            } catch (const Error &rollbackError) {
                say(std::string("rollback after a failed load failed too: ") + rollbackError.what());
            }
        }
        throw;
    }
    return rows;
}

} // namespace flowdeck
