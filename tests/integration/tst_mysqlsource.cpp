// MySqlSource against the suite's MariaDB: chunked snapshot in key order, typed values equal to
// the binlog reader's, resume mid-snapshot, snapshot→CDC handoff, table filter and errors.
#include "tests/common/testsupport.h"
#include "core/model/errors.h"
#include "core/mysql/mysqlsource.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>

using namespace flowdeck;

namespace {

const std::string kDb = "flowdeck_mysqlsource";

/// Runs "; "-separated statements one call each: test::execSql() returns once the second
/// statement of a multi-statement text is done (getMoreResults() stops at an update count), so
/// later ones could still be running when the test goes on.
void exec(const std::string &sql)
{
    std::size_t from = 0;
    while (from < sql.size()) {
        std::size_t end = sql.find("; ", from);
        if (end == std::string::npos)
            end = sql.size();
        test::execSql("SET time_zone = '+00:00'; " + sql.substr(from, end - from), kDb);
        from = end + 2;
    }
}

nlohmann::json endpoint(nlohmann::json tables, const std::string &read, int chunk = 100)
{
    return {{"type", "mysql"}, {"connection", test::sandboxConnection(kDb)}, {"tables", std::move(tables)},
            {"read", read}, {"chunkSize", chunk}};
}

/// "int:-128", "uint:255", "decimal:-12.3400", "bytes:00ff", "null"...
QByteArray show(const Value &v)
{
    switch (v.type()) {
    case ValueType::Null: return "null";
    case ValueType::Int: return "int:" + QByteArray::number(qlonglong(v.asInt()));
    case ValueType::UInt: return "uint:" + QByteArray::number(qulonglong(v.asUInt()));
    case ValueType::Double: return "double:" + QByteArray::fromStdString(v.toString());
    case ValueType::Bytes: return "bytes:" + QByteArray::fromStdString(v.str()).toHex();
    default: return QByteArray(valueTypeName(v.type())) + ":" + QByteArray::fromStdString(v.str());
    }
}

/// Reads a snapshot-only source to its end.
Batch readAll(MySqlSource &source, std::size_t max = 333)
{
    Batch out;
    while (source.read(out, max)) {
    }
    return out;
}

/// Reads a continuous source until it is caught up after the snapshot.
Batch readUntilCaughtUp(MySqlSource &source, Batch out = {})
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        source.read(out, 500);
        if (source.caughtUp())
            return out;
    }
    throw Error("timed out waiting for the source to catch up");
}

const char *const kAllTypes =
    "CREATE TABLE alltypes (id INT PRIMARY KEY, ti TINYINT, tu TINYINT UNSIGNED, bi BIGINT, "
    "bu BIGINT UNSIGNED, d1 DECIMAL(10,4), d2 DECIMAL(30,10), f FLOAT, db DOUBLE, "
    "vc VARCHAR(100), ch CHAR(10), tx TEXT, vb VARBINARY(20), bn BINARY(4), bl BLOB, "
    "dt DATE, tm TIME, tm6 TIME(6), dtm DATETIME(6), dt0 DATETIME, ts TIMESTAMP(3) NULL, yr YEAR, "
    "b1 BIT(1), b64 BIT(64), en ENUM('a','b','c'), st SET('x','y','z'), js JSON, l1 VARCHAR(10) CHARACTER SET latin1)";
const char *const kRowValues[] = {
    "127, 255, 9223372036854775807, 18446744073709551615, 999999.9999, 12345678901234567890.0123456789, 1.5, "
    "2.25, 'é日本', 'abc', 'long text', X'00FF10', X'01000200', X'000102', '9999-12-31', '838:59:59', "
    "'-00:00:01.500000', '2024-02-29 23:59:59.123456', '2000-01-01 00:00:00', '2038-01-19 03:14:07.999', 2155, "
    "b'1', b'1111111111111111111111111111111111111111111111111111111111111111', 'c', 'x,z', '{\"a\": [1, \"é\"]}', 'café'",
    "-128, 0, -9223372036854775808, 0, -12.3400, -0.0000000001, -1.5, -1e300, '', '', '', X'', X'00', X'', "
    "'1000-01-01', '-838:59:59', '00:00:00.000000', '1000-01-01 00:00:00.000001', '1000-01-01 00:00:00', "
    "'1970-01-01 00:00:01.000', 1901, b'0', b'0', 'a', '', '[]', ''",
    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"};

} // namespace

class TestMySqlSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void snapshotInKeyOrder();
    void resumeMidSnapshot();
    void snapshotValuesEqualBinlogValues();
    void snapshotThenCdc();
    void resumeSnapshotThenCdc();
    void cdcFiltersTables();
    void tableWithoutPrimaryKey();
    void globMatch();
    void missingTable();
    void wrongPassword();
    void endToEndIntoReplica();
};

void TestMySqlSource::initTestCase()
{
    if (test::sandboxConnection(kDb).empty())
        QFAIL("no sandbox server (run through ctest: fixture mariadb)");
    test::freshDatabase(kDb);
    exec("CREATE TABLE a (id INT PRIMARY KEY, name VARCHAR(20), amount DECIMAL(10,2), d DATETIME(3), n INT NULL)");
    exec("CREATE TABLE b (k1 INT, k2 VARCHAR(10), v DOUBLE, PRIMARY KEY (k1, k2))");
    exec("CREATE TABLE other (id INT PRIMARY KEY)");
    exec("INSERT INTO a SELECT seq, CONCAT('n', seq), seq / 4, '2024-01-01 00:00:00.125' + INTERVAL seq SECOND, "
         "IF(seq % 7 = 0, NULL, seq) FROM seq_1_to_2500");
    exec("INSERT INTO b SELECT seq DIV 2, CONCAT('k', seq % 2), seq / 8 FROM seq_0_to_2499");
    exec("ANALYZE TABLE a, b");
}

void TestMySqlSource::snapshotInKeyOrder()
{
    MySqlSource source(endpoint({kDb + ".a", kDb + ".b"}, "snapshot"));
    source.open(nullptr);
    QVERIFY(!source.continuous());
    const Batch rows = readAll(source);
    QCOMPARE(rows.size(), std::size_t(5000));
    QCOMPARE(source.progressDone(), std::uint64_t(5000));
    QVERIFY(source.progressTotal() > 0);
    for (std::size_t i = 0; i < 2500; ++i) {
        const Record &r = rows[i];
        QCOMPARE(r.table->table, std::string("a"));
        QCOMPARE(r.op, RowOp::Insert);
        QCOMPARE(r.position.source, std::string("snapshot"));
        QCOMPARE(show(r.values[0]), "int:" + QByteArray::number(qlonglong(i + 1)));
    }
    const Record &r7 = rows[6];
    QCOMPARE(show(r7.values[1]), QByteArray("text:n7"));
    QCOMPARE(show(r7.values[2]), QByteArray("decimal:1.75"));
    QCOMPARE(show(r7.values[3]), QByteArray("datetime:2024-01-01 00:00:07.125"));
    QCOMPARE(show(r7.values[4]), QByteArray("null"));
    QCOMPARE(show(rows[7].values[4]), QByteArray("int:8"));
    QCOMPARE(r7.schema->names(), (std::vector<std::string>{"id", "name", "amount", "d", "n"}));
    QCOMPARE(r7.table->keyIndexes, std::vector<int>{0});
    for (std::size_t i = 2500; i < 5000; ++i) {
        const Record &r = rows[i];
        QCOMPARE(r.table->table, std::string("b"));
        const std::size_t seq = i - 2500;
        QCOMPARE(show(r.values[0]), "int:" + QByteArray::number(qulonglong(seq / 2)));
        QCOMPARE(show(r.values[1]), "text:k" + QByteArray::number(qulonglong(seq % 2)));
        QCOMPARE(show(r.values[2]), "double:" + QByteArray::fromStdString(Value::floating(seq / 8.0).toString()));
    }
    QCOMPARE(rows[2500].table->keyIndexes, (std::vector<int>{0, 1}));
}

void TestMySqlSource::resumeMidSnapshot()
{
    nlohmann::json checkpoint;
    std::set<std::string> seen;
    {
        MySqlSource source(endpoint({kDb + ".a", kDb + ".b"}, "snapshot"));
        source.open(nullptr);
        Batch rows;
        while (rows.size() < 3017 && source.read(rows, std::min<std::size_t>(17, 3017 - rows.size()))) {
        }
        QCOMPARE(rows.size(), std::size_t(3017));
        for (const Record &r : rows)
            seen.insert(r.table->table + ":" + r.values[0].toString() + ":" + r.values[1].toString());
        checkpoint = source.checkpointAfter(rows.back().position);
    }
    QVERIFY2(checkpoint["phase"] == "snapshot", checkpoint.dump().c_str());
    QVERIFY2(checkpoint["table"] == kDb + ".b", checkpoint.dump().c_str());
    QVERIFY2(checkpoint["done"] == nlohmann::json::array({kDb + ".a"}), checkpoint.dump().c_str());
    QCOMPARE(checkpoint["after"].size(), std::size_t(2));
    MySqlSource resumed(endpoint({kDb + ".a", kDb + ".b"}, "snapshot"));
    resumed.open(nlohmann::json::parse(checkpoint.dump()));
    const Batch rest = readAll(resumed);
    QCOMPARE(rest.size(), std::size_t(5000 - 3017));
    for (const Record &r : rest) {
        QCOMPARE(r.table->table, std::string("b"));
        QVERIFY(seen.insert(r.table->table + ":" + r.values[0].toString() + ":" + r.values[1].toString()).second);
    }
    QCOMPARE(seen.size(), std::size_t(5000));
}

void TestMySqlSource::snapshotValuesEqualBinlogValues()
{
    exec(kAllTypes);
    for (int i = 0; i < 3; ++i)
        exec("INSERT INTO alltypes VALUES (" + std::to_string(i + 1) + ", " + kRowValues[i] + ")");
    MySqlSource source(endpoint({kDb + ".alltypes"}, "snapshot+cdc"));
    source.open(nullptr);
    Batch rows;
    while (rows.size() < 3)
        source.read(rows, 100);
    for (int i = 0; i < 3; ++i)
        exec("INSERT INTO alltypes VALUES (" + std::to_string(i + 101) + ", " + kRowValues[i] + ")");
    rows = readUntilCaughtUp(source, std::move(rows));
    QCOMPARE(rows.size(), std::size_t(6));
    for (int i = 0; i < 3; ++i) {
        const Record &snap = rows[std::size_t(i)], &cdc = rows[std::size_t(i + 3)];
        QCOMPARE(snap.position.source, std::string("snapshot"));
        QVERIFY(cdc.position.source != "snapshot");
        QCOMPARE(show(cdc.values[0]), "int:" + QByteArray::number(i + 101));
        QCOMPARE(snap.values.size(), cdc.values.size());
        for (std::size_t c = 1; c < snap.values.size(); ++c)
            QCOMPARE(show(snap.values[c]), show(cdc.values[c]));
    }
}

void TestMySqlSource::snapshotThenCdc()
{
    exec("CREATE TABLE live (id INT PRIMARY KEY, v VARCHAR(10)); "
         "INSERT INTO live SELECT seq, 'old' FROM seq_1_to_1000");
    MySqlSource source(endpoint({kDb + ".live"}, "snapshot+cdc"));
    source.open(nullptr); // the consistent snapshot starts here
    QVERIFY(source.continuous());
    Batch rows;
    source.read(rows, 100);
    QVERIFY2(rows.size() == 100, (std::to_string(rows.size()) + " " + rows.front().position.toString() + " " +
                                  std::to_string(int(rows.front().op))).c_str());
    // While the snapshot is in progress: an insert, an update of a row already read and of one not
    // read yet, a delete.
    exec("INSERT INTO live VALUES (5000, 'new'); UPDATE live SET v = 'upd' WHERE id IN (1, 900); "
         "DELETE FROM live WHERE id = 2");
    rows = readUntilCaughtUp(source, std::move(rows));
    std::size_t snapshotRows = 0, inserts5000 = 0, updates = 0, deletes = 0, otherStream = 0;
    for (const Record &r : rows) {
        if (r.position.source == "snapshot") {
            ++snapshotRows;
            QCOMPARE(show(r.values[1]), QByteArray("text:old")); // the snapshot is consistent
            QVERIFY(r.values[0].asInt() != 5000);
            continue;
        }
        if (r.op == RowOp::Insert && r.values[0].asInt() == 5000)
            ++inserts5000;
        else if (r.op == RowOp::Update)
            ++updates;
        else if (r.op == RowOp::Delete && r.values[0].asInt() == 2)
            ++deletes;
        else
            ++otherStream;
    }
    QCOMPARE(snapshotRows, std::size_t(1000));
    QCOMPARE(inserts5000, std::size_t(1));
    QCOMPARE(updates, std::size_t(2));
    QCOMPARE(deletes, std::size_t(1));
    QCOMPARE(otherStream, std::size_t(0));
    const nlohmann::json checkpoint = source.checkpointAfter(rows.back().position);
    QVERIFY2(checkpoint["phase"] == "cdc", checkpoint.dump().c_str());
    // Resuming from the CDC checkpoint sees only what comes after it.
    MySqlSource resumed(endpoint({kDb + ".live"}, "snapshot+cdc"));
    resumed.open(checkpoint);
    exec("INSERT INTO live VALUES (5001, 'later')");
    Batch more;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (more.empty() && std::chrono::steady_clock::now() < deadline)
        resumed.read(more, 100);
    QCOMPARE(more.size(), std::size_t(1));
    QCOMPARE(show(more[0].values[0]), QByteArray("int:5001"));
}

void TestMySqlSource::resumeSnapshotThenCdc()
{
    // A run stopped mid-snapshot resumes with a new snapshot of the rest and then streams from the
    // first snapshot's binlog coordinates: a change made in between arrives (replayed).
    exec("CREATE TABLE live2 (id INT PRIMARY KEY, v VARCHAR(10)); "
         "INSERT INTO live2 SELECT seq, 'old' FROM seq_1_to_500");
    nlohmann::json checkpoint;
    {
        MySqlSource source(endpoint({kDb + ".live2"}, "snapshot+cdc"));
        source.open(nullptr);
        Batch rows;
        source.read(rows, 150);
        QCOMPARE(rows.size(), std::size_t(150));
        checkpoint = source.checkpointAfter(rows.back().position);
    }
    QVERIFY2(checkpoint["after"] == nlohmann::json::array({"150"}), checkpoint.dump().c_str());
    exec("UPDATE live2 SET v = 'upd' WHERE id = 10; UPDATE live2 SET v = 'upd' WHERE id = 400");
    MySqlSource resumed(endpoint({kDb + ".live2"}, "snapshot+cdc"));
    resumed.open(checkpoint);
    const Batch rows = readUntilCaughtUp(resumed);
    std::size_t snapshotRows = 0, updates = 0;
    for (const Record &r : rows) {
        if (r.position.source == "snapshot") {
            ++snapshotRows;
            QVERIFY(r.values[0].asInt() > 150);
        } else if (r.op == RowOp::Update) {
            ++updates;
        }
    }
    QCOMPARE(snapshotRows, std::size_t(350));
    QCOMPARE(updates, std::size_t(2)); // 400's update is in the new snapshot too: replayed idempotently
}

void TestMySqlSource::cdcFiltersTables()
{
    MySqlSource source(endpoint({kDb + ".a"}, "cdc"));
    source.open(nullptr);
    exec("INSERT INTO other VALUES (1); INSERT INTO a (id, name) VALUES (9001, 'cdc'); "
         "ALTER TABLE other ADD COLUMN x INT; INSERT INTO other VALUES (2, 2)");
    const Batch rows = readUntilCaughtUp(source);
    QCOMPARE(rows.size(), std::size_t(1));
    QCOMPARE(rows[0].table->table, std::string("a"));
    QCOMPARE(show(rows[0].values[0]), QByteArray("int:9001"));
}

void TestMySqlSource::tableWithoutPrimaryKey()
{
    // One full scan, handed out in pieces of the read size.
    exec("CREATE TABLE nopk (x INT, y VARCHAR(5)); INSERT INTO nopk SELECT seq % 10, 'r' FROM seq_1_to_250");
    MySqlSource source(endpoint({kDb + ".nopk"}, "snapshot"));
    source.open(nullptr);
    const Batch rows = readAll(source, 40);
    QCOMPARE(rows.size(), std::size_t(250));
    QVERIFY(rows[0].table->keyIndexes.empty());
    const nlohmann::json checkpoint = source.checkpointAfter(rows[100].position);
    QVERIFY2(checkpoint["after"].empty() && checkpoint["table"] == kDb + ".nopk", checkpoint.dump().c_str());
}

void TestMySqlSource::globMatch()
{
    QVERIFY(MySqlSource::globMatch("tpcc.*", "tpcc.orders"));
    QVERIFY(MySqlSource::globMatch("*.orders", "shop.orders"));
    QVERIFY(!MySqlSource::globMatch("*.orders", "shop.orders2"));
    QVERIFY(MySqlSource::globMatch("db.t?", "db.t1"));
    QVERIFY(!MySqlSource::globMatch("db.t?", "db.t12"));
}

void TestMySqlSource::missingTable()
{
    MySqlSource source(endpoint({kDb + ".a", kDb + ".nosuch*"}, "snapshot"));
    try {
        source.open(nullptr);
        QFAIL("expected a ConfigError");
    } catch (const ConfigError &e) {
        QVERIFY2(std::string(e.what()).find(kDb + ".nosuch*") != std::string::npos, e.what());
    }
}

void TestMySqlSource::wrongPassword()
{
    nlohmann::json ep = endpoint({kDb + ".a"}, "snapshot");
    ep["connection"]["password"] = "definitely-wrong";
    MySqlSource source(ep);
    try {
        source.open(nullptr);
        QFAIL("expected a ConnectionError");
    } catch (const ConnectionError &e) {
        QVERIFY2(std::string(e.what()).find("cannot connect") != std::string::npos, e.what());
    }
}

void TestMySqlSource::endToEndIntoReplica()
{
    // `flowdeck run --until-idle` of a snapshot+cdc flow into a replica table, with changes made
    // while it runs: afterwards both tables hold the same rows.
    const std::string dst = test::freshDatabase(kDb + "_dst");
    exec("CREATE TABLE e2e (id INT PRIMARY KEY, v VARCHAR(20), amt DECIMAL(8,2)); "
         "INSERT INTO e2e SELECT seq, CONCAT('v', seq), seq / 3 FROM seq_1_to_3000");
    test::execSql("CREATE TABLE e2e (id INT PRIMARY KEY, v VARCHAR(20), amt DECIMAL(8,2))", dst);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const nlohmann::json flow = {
        {"flowdeck", 1},
        {"name", "mysql-e2e"},
        {"source", {{"type", "mysql"}, {"connection", test::sandboxConnection(kDb)}, {"table", "e2e"},
                    {"read", "snapshot+cdc"}}},
        {"destination", test::mysqlDestination(dst, "e2e", "replicate")}};
    const QString flowPath = tmp.filePath(QStringLiteral("e2e.flow.json"));
    std::ofstream(flowPath.toStdString()) << flow.dump(2);
    QProcess p;
    p.start(test::flowdeckBinary(), {QStringLiteral("run"), flowPath, QStringLiteral("--until-idle"),
                                     QStringLiteral("--state-dir"), tmp.filePath(QStringLiteral("state"))});
    QVERIFY(p.waitForStarted());
    exec("INSERT INTO e2e VALUES (5000, 'new', 1.5); UPDATE e2e SET v = 'upd' WHERE id IN (1, 2999); "
         "DELETE FROM e2e WHERE id = 3");
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const auto source = test::querySql("SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', id, v, amt))) FROM e2e", kDb);
    const auto replica = test::querySql("SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', id, v, amt))) FROM e2e", dst);
    QCOMPARE(replica, source);
    QCOMPARE(test::querySql("SELECT v FROM e2e WHERE id IN (1, 3, 5000) ORDER BY id", dst),
             (std::vector<std::string>{"upd", "new"}));
}

QTEST_GUILESS_MAIN(TestMySqlSource)
#include "tst_mysqlsource.moc"
