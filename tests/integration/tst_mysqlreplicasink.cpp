// MySqlReplicaSink against the suite's MariaDB, fed with canal-json / Debezium messages decoded
// the way the Kafka source decodes them: table templates, createTable from the events' types,
// addColumns, versionColumn (from a column and from the commit time), DDL and bad input.
#include "tests/common/testsupport.h"

#include "core/codec/canaljsondecoder.h"
#include "core/codec/debeziumjsondecoder.h"
#include "core/model/errors.h"
#include "core/mysql/mysqlreplicasink.h"

#include <QTest>

using namespace flowdeck;

namespace {

const std::string kDb = "flowdeck_replica";

std::vector<std::string> query(const std::string &sql)
{
    return test::querySql(sql, kDb);
}

void exec(const std::string &sql)
{
    test::execSql(sql, kDb);
}

/// A canal-json message as TiCDC writes it for table shop.`table` (id int key, name varchar,
/// price decimal, seen datetime).
using Rows = std::vector<nlohmann::ordered_json>;

std::string canal(const std::string &table, const std::string &type, const Rows &rowList,
                  std::int64_t es = 1700000000000, const Rows &oldList = {}, bool withKey = true)
{
    const nlohmann::ordered_json rows(rowList);
    const nlohmann::ordered_json old = oldList.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(oldList);
    const nlohmann::ordered_json pk = withKey ? nlohmann::ordered_json::array({"id"}) : nlohmann::ordered_json();
    nlohmann::ordered_json m;
    m["id"] = 0;
    m["database"] = "shop";
    m["table"] = table;
    m["pkNames"] = pk;
    m["isDdl"] = false;
    m["type"] = type;
    m["es"] = es;
    m["ts"] = es + 5;
    m["sql"] = "";
    nlohmann::ordered_json types;
    for (auto it = rows[0].begin(); it != rows[0].end(); ++it)
        types[it.key()] = it.key() == "id" || it.key() == "version" ? "int" : it.key() == "price" ? "decimal" : it.key() == "seen" ? "datetime" : "varchar";
    m["mysqlType"] = types;
    m["data"] = rows;
    m["old"] = old;
    return m.dump();
}

class Feed
{
public:
    void canalMessage(const std::string &value)
    {
        KafkaMessage m;
        m.topic = "tidb_shop";
        m.partition = 0;
        m.offset = m_offset++;
        m.value = value;
        m_decoder.decode(m, m_batch);
    }
    Batch take() { return std::move(m_batch); }

private:
    CanalJsonDecoder m_decoder;
    Batch m_batch;
    std::int64_t m_offset = 0;
};

nlohmann::json destination(const std::string &table, nlohmann::json write)
{
    write["mode"] = "replicate";
    return test::mysqlDestination(kDb, table, "replicate", write);
}

nlohmann::ordered_json row(int id, const char *name, const char *price = "1.50", const char *seen = "2024-01-02 03:04:05")
{
    return {{"id", std::to_string(id)}, {"name", name}, {"price", price}, {"seen", seen}};
}

} // namespace

class TestMySqlReplicaSink : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void templateCreatesAndApplies_data() { test::addBulkColumn(); }
    void templateCreatesAndApplies();
    void addColumns();
    void versionFromColumn_data() { test::addBulkColumn(); }
    void versionFromColumn();
    void versionFromCommitTimeReplay();
    void badInput();
    void stopModeWritesNothingAfterTheBadRecord();
    void debeziumTombstone();
};

void TestMySqlReplicaSink::initTestCase()
{
    test::freshDatabase(kDb);
}

void TestMySqlReplicaSink::templateCreatesAndApplies()
{
    QFETCH(bool, bulk);
    const std::string prefix = bulk ? "b_" : "t_";
    exec("DROP TABLE IF EXISTS " + prefix + "shop_orders, " + prefix + "shop_items");
    MySqlReplicaSink sink(destination(prefix + "{schema}_{table}", {{"createTable", true}}));
    sink.setBulkEnabled(bulk);
    sink.open(nullptr);
    Feed feed;
    feed.canalMessage(canal("orders", "INSERT", {row(1, "a"), row(2, "b")}));
    feed.canalMessage(canal("items", "INSERT", {row(10, "x", "12.345")}));
    feed.canalMessage(canal("orders", "UPDATE", {row(1, "a2", "2.00")}, 1700000000001, Rows{{{"name", "a"}, {"price", "1.50"}}}));
    feed.canalMessage(canal("orders", "DELETE", {row(2, "b")}));
    feed.canalMessage(canal("orders", "INSERT", {row(3, "c")}));
    Batch batch = feed.take();
    QCOMPARE(batch.size(), std::size_t(6));
    const auto rejected = test::writeCommitted(sink, batch);
    QVERIFY2(rejected.empty(), qPrintable(test::reasons(rejected)));
    QCOMPARE(query("SELECT id, name, price, seen FROM " + prefix + "shop_orders ORDER BY id"),
             (std::vector<std::string>{"1\ta2\t2.00\t2024-01-02 03:04:05", "3\tc\t1.50\t2024-01-02 03:04:05"}));
    QCOMPARE(query("SELECT id, price FROM " + prefix + "shop_items"), std::vector<std::string>{"10\t12.345"});
    // Types from mysqlType, sized from the values; the event's key is the PRIMARY KEY.
    QCOMPARE(query("SELECT COLUMN_NAME, COLUMN_TYPE, COLUMN_KEY FROM information_schema.COLUMNS WHERE TABLE_SCHEMA='" + kDb
                   + "' AND TABLE_NAME='" + prefix + "shop_orders' ORDER BY ORDINAL_POSITION"),
             (std::vector<std::string>{"id\tint(11)\tPRI", "name\tlongtext\t", "price\tdecimal(32,2)\t", "seen\tdatetime\t"}));
    // Replaying the same batch changes nothing.
    Batch again = [&] {
        Feed f;
        f.canalMessage(canal("orders", "INSERT", {row(1, "a"), row(2, "b")}));
        f.canalMessage(canal("orders", "UPDATE", {row(1, "a2", "2.00")}, 1700000000001, Rows{{{"name", "a"}}}));
        f.canalMessage(canal("orders", "DELETE", {row(2, "b")}));
        return f.take();
    }();
    QVERIFY(test::writeCommitted(sink, again).empty());
    QCOMPARE(query("SELECT id, name FROM " + prefix + "shop_orders ORDER BY id"), (std::vector<std::string>{"1\ta2", "3\tc"}));
    const auto perTable = sink.writtenPerTable();
    QCOMPARE(perTable.size(), std::size_t(2));
}

void TestMySqlReplicaSink::addColumns()
{
    exec("DROP TABLE IF EXISTS people");
    exec("CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(20))");
    {
        // Without addColumns a value for a missing column rejects the record, naming it.
        MySqlReplicaSink sink(destination("people", {{"createTable", true}}));
        sink.open(nullptr);
        Feed feed;
        feed.canalMessage(R"J({"database":"shop","table":"people","pkNames":["id"],"isDdl":false,"type":"INSERT","es":1,"mysqlType":{"id":"int","name":"varchar","city":"varchar"},"data":[{"id":"1","name":"n","city":"Kyoto"}],"old":null})J");
        Batch b = feed.take();
        const auto rejected = test::writeCommitted(sink, b);
        QCOMPARE(rejected.size(), std::size_t(1));
        QVERIFY2(rejected[0].reason.find("`city`") != std::string::npos, rejected[0].reason.c_str());
        QCOMPARE(query("SELECT COUNT(*) FROM people"), std::vector<std::string>{"0"});
    }
    MySqlReplicaSink sink(destination("people", {{"addColumns", true}}));
    sink.open(nullptr);
    Feed feed;
    feed.canalMessage(R"J({"database":"shop","table":"people","pkNames":["id"],"isDdl":false,"type":"INSERT","es":1,"mysqlType":{"id":"int","name":"varchar","city":"varchar(40)","born":"date"},"data":[{"id":"1","name":"n","city":"Kyoto","born":"1990-05-06"}],"old":null})J");
    Batch b = feed.take();
    const auto rejected = test::writeCommitted(sink, b);
    QVERIFY2(rejected.empty(), qPrintable(test::reasons(rejected)));
    QCOMPARE(query("SELECT id, name, city, born FROM people"), std::vector<std::string>{"1\tn\tKyoto\t1990-05-06"});
    QCOMPARE(query("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA='" + kDb
                   + "' AND TABLE_NAME='people' AND COLUMN_NAME='city'"),
             std::vector<std::string>{"varchar(40)"});
}

void TestMySqlReplicaSink::versionFromColumn()
{
    QFETCH(bool, bulk);
    exec("DROP TABLE IF EXISTS versioned");
    exec("CREATE TABLE versioned (id INT PRIMARY KEY, name VARCHAR(20), version INT)");
    MySqlReplicaSink sink(destination("versioned", {{"versionColumn", "version"}}));
    sink.setBulkEnabled(bulk);
    sink.open(nullptr);
    auto v = [](int id, const char *name, int version) {
        return nlohmann::ordered_json{{"id", std::to_string(id)}, {"name", name}, {"version", std::to_string(version)}};
    };
    Feed feed;
    feed.canalMessage(canal("versioned", "INSERT", {v(1, "v5", 5), v(2, "v5", 5), v(3, "v5", 5)}));
    feed.canalMessage(canal("versioned", "UPDATE", {v(1, "v3-older", 3)}));   // older: ignored
    feed.canalMessage(canal("versioned", "UPDATE", {v(2, "v7-newer", 7)}));   // newer: applied
    feed.canalMessage(canal("versioned", "DELETE", {v(3, "v4", 4)}));         // older delete: ignored
    feed.canalMessage(canal("versioned", "INSERT", {v(4, "v1", 1)}));
    feed.canalMessage(canal("versioned", "DELETE", {v(4, "v2", 2)}));         // newer delete: deletes
    Batch b = feed.take();
    const auto rejected = test::writeCommitted(sink, b);
    QVERIFY2(rejected.empty(), qPrintable(test::reasons(rejected)));
    QCOMPARE(query("SELECT id, name, version FROM versioned ORDER BY id"),
             (std::vector<std::string>{"1\tv5\t5", "2\tv7-newer\t7", "3\tv5\t5"}));
}

void TestMySqlReplicaSink::versionFromCommitTimeReplay()
{
    exec("DROP TABLE IF EXISTS by_time");
    MySqlReplicaSink sink(destination("by_time", {{"createTable", true}, {"versionColumn", {{"name", "version"}, {"from", "commitTime"}}}}));
    sink.open(nullptr);
    std::vector<std::string> stream = {
        canal("by_time", "INSERT", {row(1, "first")}, 1000),
        canal("by_time", "INSERT", {row(2, "first")}, 1001),
        canal("by_time", "UPDATE", {row(1, "second")}, 2000),
        canal("by_time", "DELETE", {row(2, "first")}, 2001),
        canal("by_time", "UPDATE", {row(1, "third")}, 3000),
    };
    Feed feed;
    for (const auto &m : stream)
        feed.canalMessage(m);
    Batch b = feed.take();
    QVERIFY(test::writeCommitted(sink, b).empty());
    const std::vector<std::string> expected{"1\tthird\t3000"};
    QCOMPARE(query("SELECT id, name, version FROM by_time"), expected);
    // Replaying the stream from the beginning, message by message, never regresses the row.
    for (const auto &m : stream) {
        Feed one;
        one.canalMessage(m);
        Batch b1 = one.take();
        QVERIFY(test::writeCommitted(sink, b1).empty());
        QCOMPARE(query("SELECT id, name, version FROM by_time WHERE id=1"), expected);
    }
    QCOMPARE(query("SELECT id, name, version FROM by_time"), expected);
}

void TestMySqlReplicaSink::badInput()
{
    exec("DROP TABLE IF EXISTS narrow, shop_nokey, shop_dropped");
    exec("CREATE TABLE narrow (id INT PRIMARY KEY, name VARCHAR(3), price DECIMAL(5,2), seen DATETIME)");
    exec("CREATE TABLE shop_dropped (id INT PRIMARY KEY, name VARCHAR(20), score INT)");
    MySqlReplicaSink sink(destination("{table}", {{"createTable", true}}));
    sink.open(nullptr);
    Feed feed;
    feed.canalMessage(canal("narrow", "INSERT", {row(1, "ok")}));
    feed.canalMessage(canal("narrow", "INSERT", {row(2, "too long")}));                       // 1: does not fit
    feed.canalMessage(canal("nokey", "INSERT", {row(1, "x")}, 1, {}, false));           // 2: no key
    feed.canalMessage(R"J({"database":"shop","table":"shop_dropped","pkNames":null,"isDdl":true,"type":"ALTER","es":1,"sql":"ALTER TABLE shop_dropped DROP COLUMN score","data":null,"old":null})J"); // 3
    feed.canalMessage(R"J({"database":"shop","table":"shop_dropped","pkNames":null,"isDdl":true,"type":"ALTER","es":1,"sql":"ALTER TABLE shop_dropped ADD INDEX (name)","data":null,"old":null})J");  // 4: fine
    feed.canalMessage(canal("narrow", "INSERT", {row(3, "yes")}));
    Batch b = feed.take();
    QCOMPARE(b.size(), std::size_t(6));
    const auto rejected = test::writeCommitted(sink, b);
    QCOMPARE(rejected.size(), std::size_t(3));
    QCOMPARE(rejected[0].index, std::size_t(1));
    QVERIFY2(rejected[0].reason.find("name") != std::string::npos, rejected[0].reason.c_str());
    QCOMPARE(rejected[1].index, std::size_t(2));
    QVERIFY2(rejected[1].reason.find("name no key columns") != std::string::npos, rejected[1].reason.c_str());
    QCOMPARE(rejected[2].index, std::size_t(3));
    QVERIFY2(rejected[2].reason.find("drops column `score`") != std::string::npos, rejected[2].reason.c_str());
    QCOMPARE(query("SELECT id, name FROM narrow ORDER BY id"), (std::vector<std::string>{"1\tok", "3\tyes"}));
    QCOMPARE(query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA='" + kDb + "' AND TABLE_NAME='nokey'"),
             std::vector<std::string>{"0"});
}

void TestMySqlReplicaSink::stopModeWritesNothingAfterTheBadRecord()
{
    exec("DROP TABLE IF EXISTS s_a, s_b");
    exec("CREATE TABLE s_a (id INT PRIMARY KEY, name VARCHAR(3))");
    exec("CREATE TABLE s_b (id INT PRIMARY KEY, name VARCHAR(30))");
    exec("ALTER TABLE s_a ADD COLUMN price DECIMAL(5,2), ADD COLUMN seen DATETIME");
    exec("ALTER TABLE s_b ADD COLUMN price DECIMAL(5,2), ADD COLUMN seen DATETIME");
    MySqlReplicaSink sink2(destination("s_{table}", nlohmann::json::object()));
    sink2.setStopAtFirstRejection(true);
    sink2.open(nullptr);
    Feed feed2;
    feed2.canalMessage(canal("a", "INSERT", {row(1, "ok")}));
    feed2.canalMessage(canal("b", "INSERT", {row(1, "before")}));
    feed2.canalMessage(canal("a", "INSERT", {row(2, "too long")})); // 2: stops here
    feed2.canalMessage(canal("b", "INSERT", {row(2, "after")}));
    feed2.canalMessage(canal("a", "INSERT", {row(3, "no")}));
    Batch b2 = feed2.take();
    const auto rejected2 = test::writeCommitted(sink2, b2);
    QCOMPARE(rejected2.size(), std::size_t(1));
    QCOMPARE(rejected2[0].index, std::size_t(2));
    QCOMPARE(query("SELECT id FROM s_a"), std::vector<std::string>{"1"});
    QCOMPARE(query("SELECT id FROM s_b"), std::vector<std::string>{"1"});
}

void TestMySqlReplicaSink::debeziumTombstone()
{
    exec("DROP TABLE IF EXISTS inventory_customers");
    exec("CREATE TABLE inventory_customers (id INT PRIMARY KEY, first_name VARCHAR(30), email VARCHAR(60))");
    exec("INSERT INTO inventory_customers VALUES (1004, 'Anne', 'a@x'), (1005, 'Bob', 'b@x')");
    MySqlReplicaSink sink(destination("{schema}_{table}", {{"createTable", true}}));
    sink.open(nullptr);
    DebeziumJsonDecoder decoder;
    Batch b;
    KafkaMessage m;
    m.topic = "dbserver1.inventory.customers";
    m.partition = 0;
    m.offset = 1;
    const std::string key = R"({"id":1005})";
    m.key = key;
    m.nullValue = true;
    decoder.decode(m, b);
    QCOMPARE(b.size(), std::size_t(1));
    QVERIFY(test::writeCommitted(sink, b).empty());
    QCOMPARE(query("SELECT id FROM inventory_customers"), std::vector<std::string>{"1004"});
}

QTEST_GUILESS_MAIN(TestMySqlReplicaSink)
#include "tst_mysqlreplicasink.moc"
