// MySqlSink against the suite's MariaDB: every write mode, createTable, duplicate keys, odd
// identifiers, large batches and configuration errors. The value-fitting rules are in
// tst_mysqlsinkfitting.cpp; lost connections, stop mode, the commit hook and checkpoints in
// tst_mysqlsinkrecovery.cpp. Most tests run twice: with MariaDB's bulk statements and with the
// text statements MySQL and TiDB get.
#include "tests/common/testsupport.h"
#include "core/model/errors.h"
#include "core/mysql/mysqlsink.h"

#include <QScopeGuard>
#include <QTest>


using namespace flowdeck;

namespace {

using test::addBulkColumn;
using test::reasons;
using test::row;
using test::schemaOf;

const std::string kDb = "flowdeck_mysqlsink";

nlohmann::json destination(const std::string &table, const std::string &mode, nlohmann::json write = nlohmann::json::object())
{
    return test::mysqlDestination(kDb, table, mode, std::move(write));
}

std::vector<std::string> query(const std::string &sql)
{
    return test::querySql(sql, kDb);
}

void exec(const std::string &sql)
{
    test::execSql(sql, kDb);
}

} // namespace

class TestMySqlSink : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void insertMode_data() { addBulkColumn(); }
    void insertMode();
    void upsertTwice_data() { addBulkColumn(); }
    void upsertTwice();
    void updateCountsUnmatched_data() { addBulkColumn(); }
    void updateCountsUnmatched();
    void replicate_data() { addBulkColumn(); }
    void replicate();
    void createTable();
    void createTableOnClose();
    void recordsOfAnotherSchema();
    void duplicateKeyInInsertMode_data() { addBulkColumn(); }
    void duplicateKeyInInsertMode();
    void oddIdentifiers_data() { addBulkColumn(); }
    void oddIdentifiers();
    void largeBatchSplitsByPacket_data() { addBulkColumn(); }
    void largeBatchSplitsByPacket();
    void configErrors_data();
    void configErrors();
    void connectErrors();
    void errorRecordsAreRejected();
};

void TestMySqlSink::initTestCase()
{
    test::freshDatabase(kDb);
}

void TestMySqlSink::insertMode()
{
    QFETCH(bool, bulk);
    exec("CREATE OR REPLACE TABLE ins (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, amount DECIMAL(10,2))");
    MySqlSink sink(destination("ins", "insert"));
    sink.setBulkEnabled(bulk);
    const auto schema = schemaOf({"id", "name", "amount"});
    sink.open(schema);
    Batch batch{row(schema, {Value::integer(1), Value::text("Ada"), Value::decimal("10.50")}),
                row(schema, {Value::integer(2), Value::text("O'Brien \\ \"x\""), Value::null()}),
                row(schema, {Value::text("3"), Value::text("Zoë"), Value::floating(0.25)})};
    const auto rejected = test::writeCommitted(sink, batch);
    QVERIFY2(rejected.empty(), qPrintable(reasons(rejected)));
    QCOMPARE(sink.rowsWritten(), std::uint64_t(3));
    sink.close();
    QCOMPARE(query("SELECT id, name, amount FROM ins ORDER BY id"),
             (std::vector<std::string>{"1\tAda\t10.50", "2\tO'Brien \\ \"x\"\tNULL", "3\tZoë\t0.25"}));
}

void TestMySqlSink::upsertTwice()
{
    QFETCH(bool, bulk);
    exec("CREATE OR REPLACE TABLE ups (id VARCHAR(20) PRIMARY KEY, name VARCHAR(50), n INT)");
    const auto schema = schemaOf({"id", "name", "n"});
    for (int run = 0; run < 2; ++run) {
        MySqlSink sink(destination("ups", "upsert"));
        sink.setBulkEnabled(bulk);
        sink.open(schema);
        QCOMPARE(sink.key(), std::vector<std::string>{"id"}); // the PRIMARY KEY by default
        Batch batch;
        for (int i = 0; i < 5; ++i)
            batch.push_back(row(schema, {Value::text("k" + std::to_string(i)), Value::text("run" + std::to_string(run)),
                                         Value::integer(i * 10 + run)}));
        const auto rejected = test::writeCommitted(sink, batch);
        QVERIFY2(rejected.empty(), qPrintable(reasons(rejected)));
        sink.close();
    }
    QCOMPARE(query("SELECT COUNT(*), MIN(name), MAX(name), SUM(n) FROM ups"),
             std::vector<std::string>{"5\trun1\trun1\t105"});
}

void TestMySqlSink::updateCountsUnmatched()
{
    QFETCH(bool, bulk);
    exec("CREATE OR REPLACE TABLE upd (id INT PRIMARY KEY, name VARCHAR(50), n INT); "
         "INSERT INTO upd VALUES (1, 'a', 1), (2, 'b', 2)");
    const auto schema = schemaOf({"id", "n"});
    MySqlSink sink(destination("upd", "update"));
    sink.setBulkEnabled(bulk);
    sink.open(schema);
    // Distinct keys: one UPDATE ... JOIN.
    Batch batch{row(schema, {Value::integer(1), Value::integer(100)}), row(schema, {Value::integer(3), Value::integer(300)}),
                row(schema, {Value::integer(2), Value::integer(2)}), // matched, nothing changes: still a match
                row(schema, {Value::null(), Value::integer(5)})};
    const auto rejected = test::writeCommitted(sink, batch);
    QCOMPARE(reasons(rejected), QStringLiteral("3: key column `id` is NULL: no row can match"));
    QCOMPARE(sink.unmatchedUpdates(), std::uint64_t(1));
    QCOMPARE(query("SELECT id, name, n FROM upd ORDER BY id"), (std::vector<std::string>{"1\ta\t100", "2\tb\t2"}));
    // A key twice in one batch: row by row, the later record wins.
    Batch twice{row(schema, {Value::integer(2), Value::integer(20)}), row(schema, {Value::integer(7), Value::integer(7)}),
                row(schema, {Value::integer(2), Value::integer(21)})};
    QVERIFY(test::writeCommitted(sink, twice).empty());
    QCOMPARE(sink.unmatchedUpdates(), std::uint64_t(2));
    QCOMPARE(query("SELECT id, n FROM upd ORDER BY id"), (std::vector<std::string>{"1\t100", "2\t21"}));
    QCOMPARE(query("SELECT COUNT(*) FROM upd"), std::vector<std::string>{"2"}); // update never inserts
}

void TestMySqlSink::replicate()
{
    QFETCH(bool, bulk);
    exec("CREATE OR REPLACE TABLE rep (id INT PRIMARY KEY, name VARCHAR(50)); INSERT INTO rep VALUES (1, 'a'), (2, 'b')");
    const auto schema = schemaOf({"id", "name"});
    MySqlSink sink(destination("rep", "replicate"));
    sink.setBulkEnabled(bulk);
    sink.open(schema);
    Batch batch{row(schema, {Value::integer(3), Value::text("c")}, RowOp::Insert),
                row(schema, {Value::integer(1), Value::text("A")}, RowOp::Update),
                row(schema, {Value::integer(2), Value::null()}, RowOp::Delete),
                row(schema, {Value::integer(4), Value::text("d")}, RowOp::Insert),
                row(schema, {Value::integer(4), Value::null()}, RowOp::Delete), // order is kept
                row(schema, {Value::integer(2), Value::text("b again")}, RowOp::Insert)};
    const auto rejected = test::writeCommitted(sink, batch);
    QVERIFY2(rejected.empty(), qPrintable(reasons(rejected)));
    QCOMPARE(query("SELECT id, name FROM rep ORDER BY id"), (std::vector<std::string>{"1\tA", "2\tb again", "3\tc"}));
}

void TestMySqlSink::createTable()
{
    exec("DROP TABLE IF EXISTS created");
    const auto schema = schemaOf({"id", "name", "amount", "ratio", "active", "born", "seen", "note"});
    MySqlSink sink(destination("created", "upsert", {{"createTable", true}, {"key", {"id"}}}));
    sink.open(schema);
    Batch batch{row(schema, {Value::text("001"), Value::text("Ada"), Value::decimal("12.345"), Value::floating(0.5),
                             Value::boolean(true), Value::date("1815-12-10"), Value::dateTime("2026-01-31 12:00:00.5"),
                             Value::null()}),
                row(schema, {Value::text("002"), Value::text("Bob"), Value::integer(7), Value::integer(1),
                             Value::boolean(false), Value::null(), Value::null(), Value::null()})};
    const auto rejected = test::writeCommitted(sink, batch);
    QVERIFY2(rejected.empty(), qPrintable(reasons(rejected)));
    sink.close();
    QCOMPARE(query("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY FROM information_schema.COLUMNS WHERE "
                   "TABLE_SCHEMA='" + kDb + "' AND TABLE_NAME='created' ORDER BY ORDINAL_POSITION"),
             (std::vector<std::string>{"id\tvarchar(255)\tNO\tPRI", "name\ttext\tYES\t", "amount\tdecimal(21,3)\tYES\t",
                                       "ratio\tdouble\tYES\t", "active\ttinyint(1)\tYES\t", "born\tdate\tYES\t",
                                       "seen\tdatetime(6)\tYES\t", "note\ttext\tYES\t"}));
    QCOMPARE(query("SELECT id, name, amount, ratio, active, born, seen FROM created ORDER BY id"),
             (std::vector<std::string>{"001\tAda\t12.345\t0.5\t1\t1815-12-10\t2026-01-31 12:00:00.500000",
                                       "002\tBob\t7.000\t1\t0\tNULL\tNULL"}));
}

void TestMySqlSink::createTableOnClose()
{
    exec("DROP TABLE IF EXISTS created_empty");
    const auto schema = schemaOf({"id", "name"});
    MySqlSink sink(destination("created_empty", "insert", {{"createTable", true}}));
    sink.open(schema);
    sink.close();
    QCOMPARE(query("SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA='" + kDb
                   + "' AND TABLE_NAME='created_empty' ORDER BY ORDINAL_POSITION"),
             (std::vector<std::string>{"id\ttext", "name\ttext"}));
}

void TestMySqlSink::recordsOfAnotherSchema()
{
    // The opened schema says (id, name); records may carry their own schema: matched by name.
    exec("CREATE OR REPLACE TABLE other (id INT PRIMARY KEY, name VARCHAR(10))");
    const auto opened = schemaOf({"id", "name"});
    const auto reordered = schemaOf({"name", "extra", "id"});
    MySqlSink sink(destination("other", "insert"));
    sink.open(opened);
    Batch batch{row(opened, {Value::integer(1), Value::text("a")}),
                row(reordered, {Value::text("b"), Value::null(), Value::integer(2)}),
                row(reordered, {Value::text("c")}), // a short record: the missing id is NULL
                row(reordered, {Value::text("d"), Value::integer(99), Value::integer(4)})}; // `extra` has no column
    QCOMPARE(reasons(test::writeCommitted(sink, batch)),
             QStringLiteral("2: column `id` is NOT NULL and has no default\n"
                            "3: field(s) `extra` have no column in `flowdeck_mysqlsink`.`other` (add the column, or map the "
                            "fields the flow should write)"));
    QCOMPARE(query("SELECT id, name FROM other ORDER BY id"), (std::vector<std::string>{"1\ta", "2\tb"}));
}

void TestMySqlSink::duplicateKeyInInsertMode()
{
    QFETCH(bool, bulk);
    exec("CREATE OR REPLACE TABLE dup (id VARCHAR(10) PRIMARY KEY, name VARCHAR(10)); INSERT INTO dup VALUES ('001', 'old')");
    const auto schema = schemaOf({"id", "name"});
    MySqlSink sink(destination("dup", "insert", {{"batchRows", 4}}));
    sink.setBulkEnabled(bulk);
    sink.open(schema);
    Batch batch;
    for (const char *id : {"010", "011", "001", "012", "013", "011", "014", "015", "016"})
        batch.push_back(row(schema, {Value::text(id), Value::text("new")}));
    const auto rejected = test::writeCommitted(sink, batch);
    QCOMPARE(reasons(rejected), QStringLiteral("2: Duplicate entry '001' for key 'PRIMARY'\n"
                                               "5: Duplicate entry '011' for key 'PRIMARY'"));
    QCOMPARE(query("SELECT id, name FROM dup ORDER BY id"),
             (std::vector<std::string>{"001\told", "010\tnew", "011\tnew", "012\tnew", "013\tnew", "014\tnew", "015\tnew",
                                       "016\tnew"}));
}

void TestMySqlSink::oddIdentifiers()
{
    QFETCH(bool, bulk);
    exec("CREATE OR REPLACE TABLE `my ``odd`` table` (`Account Name` VARCHAR(50) PRIMARY KEY, `we``ird` INT)");
    const auto schema = schemaOf({"Account Name", "we`ird"});
    for (const char *mode : {"insert", "upsert", "update"}) {
        MySqlSink sink(destination("my `odd` table", mode));
        sink.setBulkEnabled(bulk);
        sink.open(schema);
        Batch batch{row(schema, {Value::text("it's `here` \\"), Value::integer(std::string(mode) == "update" ? 3 : 1)})};
        const auto rejected = test::writeCommitted(sink, batch);
        QVERIFY2(rejected.empty(), qPrintable(reasons(rejected)));
        if (std::string(mode) == "insert")
            exec("DELETE FROM `my ``odd`` table`");
    }
    QCOMPARE(query("SELECT `Account Name`, `we``ird` FROM `my ``odd`` table`"),
             std::vector<std::string>{"it's `here` \\\t3"});
}

void TestMySqlSink::largeBatchSplitsByPacket()
{
    QFETCH(bool, bulk);
    exec("CREATE OR REPLACE TABLE big (id INT PRIMARY KEY, body LONGTEXT)");
    // A small packet keeps the test light; sessions read the global value when they start.
    const std::string saved = query("SELECT @@GLOBAL.max_allowed_packet")[0];
    exec("SET GLOBAL max_allowed_packet = 4194304");
    const auto restore = qScopeGuard([&] { exec("SET GLOBAL max_allowed_packet = " + saved); });
    const std::uint64_t packet = 4194304;
    const std::size_t size = std::size_t(packet / 6); // six rows make more than one packet
    const auto schema = schemaOf({"id", "body"});
    MySqlSink sink(destination("big", "insert"));
    sink.setBulkEnabled(bulk);
    sink.open(schema);
    Batch batch;
    for (int i = 0; i < 12; ++i)
        batch.push_back(row(schema, {Value::integer(i), Value::text(std::string(size, char('a' + i)))}));
    batch.push_back(row(schema, {Value::integer(99), Value::text(std::string(std::size_t(packet) + 10, 'z'))}));
    const auto rejected = test::writeCommitted(sink, batch);
    QCOMPARE(rejected.size(), std::size_t(1));
    QCOMPARE(rejected[0].index, std::size_t(12));
    QVERIFY2(rejected[0].reason.find("max_allowed_packet") != std::string::npos, rejected[0].reason.c_str());
    QCOMPARE(query("SELECT COUNT(*), SUM(LENGTH(body)) FROM big"),
             std::vector<std::string>{"12\t" + std::to_string(12 * size)});
}

void TestMySqlSink::configErrors_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("write");
    QTest::addColumn<QString>("fields"); // comma-separated
    QTest::addColumn<QString>("error");
    const QString t = QStringLiteral("CREATE OR REPLACE TABLE cfg (id INT PRIMARY KEY, name VARCHAR(10), n INT)");
    const QString idName = QStringLiteral("id,name");
    QTest::newRow("missing table") << QString() << "nope" << "insert" << "{}" << idName
                                   << "table `flowdeck_mysqlsink`.`nope` does not exist (set \"createTable\": true to create it)";
    QTest::newRow("unknown column") << t << "cfg" << "insert" << "{}" << "id,foo"
                                    << "column `foo` is not in table `cfg` (columns: id, name, n)";
    QTest::newRow("no key") << "CREATE OR REPLACE TABLE cfg (id INT, name VARCHAR(10))" << "cfg" << "upsert" << "{}"
                            << idName
                            << "table `cfg` has no PRIMARY KEY or UNIQUE key: set write.key to the columns that identify a row";
    QTest::newRow("key not unique") << t << "cfg" << "upsert" << R"({"key":["name"]})" << idName
                                    << "write.key of table `cfg` is not its PRIMARY KEY or a UNIQUE key, which upsert needs to find rows";
    QTest::newRow("key not mapped") << t << "cfg" << "update" << "{}" << "name,n"
                                    << "key column `id` of table `cfg` is not among the mapped columns";
    QTest::newRow("update only key") << t << "cfg" << "update" << "{}" << "id"
                                     << "update mode needs a mapped column besides the key of table `cfg`";
    QTest::newRow("not null unmapped") << "CREATE OR REPLACE TABLE cfg (id INT PRIMARY KEY, must INT NOT NULL)" << "cfg"
                                       << "insert" << "{}" << "id"
                                       << "column `must` of table `cfg` is NOT NULL without a default and nothing is mapped to it";
    QTest::newRow("generated") << "CREATE OR REPLACE TABLE cfg (id INT PRIMARY KEY, g INT AS (id * 2) VIRTUAL)" << "cfg"
                               << "insert" << "{}" << "id,g"
                               << "column `g` of table `cfg` is a generated column and cannot be written";
    QTest::newRow("myisam") << "CREATE OR REPLACE TABLE cfg (id INT PRIMARY KEY) ENGINE=MyISAM" << "cfg" << "insert"
                            << "{}" << "id"
                            << "table `flowdeck_mysqlsink`.`cfg` uses the MyISAM engine, which has no transactions: "
                               "a failed batch could be half written (convert it to InnoDB)";
    QTest::newRow("bad mode") << t << "cfg" << "merge" << "{}" << idName
                              << "write.mode must be insert, update, upsert or replicate, not \"merge\"";
    QTest::newRow("bad batchRows") << t << "cfg" << "insert" << R"({"batchRows":0})" << idName
                                   << "write.batchRows must be a number from 1 to 1000000, not 0";
}

void TestMySqlSink::configErrors()
{
    QFETCH(QString, setup);
    QFETCH(QString, table);
    QFETCH(QString, mode);
    QFETCH(QString, write);
    QFETCH(QString, fields);
    QFETCH(QString, error);
    if (!setup.isEmpty())
        exec(setup.toStdString());
    std::vector<std::string> names;
    for (const QString &f : fields.split(QLatin1Char(',')))
        names.push_back(f.toStdString());
    try {
        MySqlSink sink(destination(table.toStdString(), mode.toStdString(), nlohmann::json::parse(write.toStdString())));
        sink.open(schemaOf(names));
        QFAIL("opened");
    } catch (const ConfigError &e) {
        QCOMPARE(QString::fromStdString(e.what()), error);
    }
}

void TestMySqlSink::connectErrors()
{
    nlohmann::json d = destination("ins", "insert");
    d["connection"]["password"] = "certainly-wrong";
    try {
        MySqlSink(d).open(schemaOf({"id"}));
        QFAIL("connected with a wrong password");
    } catch (const ConnectionError &e) {
        const std::string expected = "cannot connect to " + d["connection"]["host"].get<std::string>() + ':'
            + std::to_string(d["connection"]["port"].get<int>()) + " as " + d["connection"]["user"].get<std::string>()
            + ": Access denied for user '";
        QVERIFY2(std::string(e.what()).rfind(expected, 0) == 0, e.what());
        QVERIFY(!e.transient());
    }
}

void TestMySqlSink::errorRecordsAreRejected()
{
    exec("CREATE OR REPLACE TABLE errs (id INT PRIMARY KEY)");
    const auto schema = schemaOf({"id"});
    MySqlSink sink(destination("errs", "insert"));
    sink.open(schema);
    Record bad;
    bad.schema = schema;
    bad.error = "unterminated quote";
    Batch batch{row(schema, {Value::integer(1)}), bad};
    QCOMPARE(reasons(test::writeCommitted(sink, batch)), QStringLiteral("1: unterminated quote"));
    QCOMPARE(query("SELECT id FROM errs"), std::vector<std::string>{"1"});
}

QTEST_GUILESS_MAIN(TestMySqlSink)
#include "tst_mysqlsink.moc"
