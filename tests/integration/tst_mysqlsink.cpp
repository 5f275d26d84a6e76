// MySqlSink against the suite's MariaDB: every write mode, the value-fitting rules, NULL and
// DEFAULT, server-side rejections, odd identifiers, configuration errors and a lost connection.
// Most tests run twice: with MariaDB's bulk statements and with the text statements MySQL and
// TiDB get.
#include "tests/common/testsupport.h"
#include "core/errors.h"
#include "core/mysqlsink.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTest>

#include <thread>

using namespace flowdeck;

namespace {

const std::string kDb = "flowdeck_mysqlsink";

SchemaPtr schemaOf(std::vector<std::string> names)
{
    return std::make_shared<const Schema>(std::move(names));
}

Record row(const SchemaPtr &schema, std::vector<Value> values, RowOp op = RowOp::Insert)
{
    Record r;
    r.schema = schema;
    r.values = std::move(values);
    r.op = op;
    return r;
}

nlohmann::json destination(const std::string &table, const std::string &mode, nlohmann::json write = nlohmann::json::object())
{
    write["mode"] = mode;
    return {{"type", "mysql"}, {"connection", test::sandboxConnection(kDb)}, {"table", table}, {"write", write}};
}

std::vector<std::string> query(const std::string &sql)
{
    return test::querySql(sql, kDb);
}

void exec(const std::string &sql)
{
    test::execSql(sql, kDb);
}

QString reasons(const std::vector<RejectedRecord> &rejected)
{
    QStringList out;
    for (const auto &r : rejected)
        out << QStringLiteral("%1: %2").arg(r.index).arg(QString::fromStdString(r.reason));
    return out.join(QLatin1Char('\n'));
}

/// A Value of the kind named in a test table.
Value makeValue(const QString &kind, const QByteArray &text)
{
    const std::string s(text.constData(), std::size_t(text.size()));
    if (kind == u"null") return Value::null();
    if (kind == u"int") return Value::integer(std::stoll(s));
    if (kind == u"uint") return Value::unsignedInteger(std::stoull(s));
    if (kind == u"double") return Value::floating(std::stod(s));
    if (kind == u"bool") return Value::boolean(s == "true");
    if (kind == u"decimal") return Value::decimal(s);
    if (kind == u"bytes") return Value::bytes(s);
    if (kind == u"date") return Value::date(s);
    if (kind == u"datetime") return Value::dateTime(s);
    if (kind == u"time") return Value::time(s);
    return Value::text(s);
}

void addBulkColumn()
{
    QTest::addColumn<bool>("bulk");
    QTest::newRow("bulk") << true;
    QTest::newRow("text") << false;
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
    void fitting_data();
    void fitting();
    void nullHandling_data() { addBulkColumn(); }
    void nullHandling();
    void nullToDefaultInUpdateAndUpsert_data() { addBulkColumn(); }
    void nullToDefaultInUpdateAndUpsert();
    void recordsOfAnotherSchema();
    void duplicateKeyInInsertMode_data() { addBulkColumn(); }
    void duplicateKeyInInsertMode();
    void serverRejectsOneRecord_data() { addBulkColumn(); }
    void serverRejectsOneRecord();
    void oddIdentifiers_data() { addBulkColumn(); }
    void oddIdentifiers();
    void largeBatchSplitsByPacket_data() { addBulkColumn(); }
    void largeBatchSplitsByPacket();
    void configErrors_data();
    void configErrors();
    void connectErrors();
    void lostConnectionIsRetried_data() { addBulkColumn(); }
    void lostConnectionIsRetried();
    void reconnectWaitsForTheServer();
    void retriesGiveUp();
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
    const auto rejected = sink.write(batch);
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
        const auto rejected = sink.write(batch);
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
    Batch batch{row(schema, {Value::integer(1), Value::integer(100)}), row(schema, {Value::integer(3), Value::integer(300)}),
                row(schema, {Value::integer(2), Value::integer(2)}), // matched, nothing changes: still a match
                row(schema, {Value::null(), Value::integer(5)})};
    const auto rejected = sink.write(batch);
    QCOMPARE(reasons(rejected), QStringLiteral("3: key column `id` is NULL: no row can match"));
    QCOMPARE(sink.unmatchedUpdates(), std::uint64_t(1));
    QCOMPARE(query("SELECT id, name, n FROM upd ORDER BY id"), (std::vector<std::string>{"1\ta\t100", "2\tb\t2"}));
    Batch again{row(schema, {Value::integer(7), Value::integer(7)})};
    QVERIFY(sink.write(again).empty());
    QCOMPARE(sink.unmatchedUpdates(), std::uint64_t(2));
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
    const auto rejected = sink.write(batch);
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
    const auto rejected = sink.write(batch);
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

void TestMySqlSink::fitting_data()
{
    QTest::addColumn<bool>("bulk");
    QTest::addColumn<QString>("columnType");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("expected"); // the stored value (as `select`), or the reason
    QTest::addColumn<QString>("select");

    struct Case
    {
        const char *name, *type, *kind;
        QByteArray value;
        bool accepted;
        const char *expected;
        const char *select = "v";
    };
    const QByteArray longText(200, 'x');
    const std::vector<Case> cases = {
        // text: length in characters, valid UTF-8, the column's character set
        {"varchar fits", "VARCHAR(5)", "text", "h\xc3\xa9llo", true, "h\xc3\xa9llo"},
        {"varchar too long", "VARCHAR(150)", "text", longText, false,
         "value of 200 characters does not fit column `v` varchar(150)"},
        {"varchar invalid utf8", "VARCHAR(5)", "bytes", "ab\xff", false,
         "value is not valid UTF-8 (byte 0xFF at offset 2) for column `v` varchar(5)"},
        {"varchar from int", "VARCHAR(5)", "int", "12345", true, "12345"},
        {"varchar from bool", "VARCHAR(5)", "bool", "true", true, "true"},
        {"utf8mb3 emoji", "VARCHAR(10) CHARACTER SET utf8mb3", "text", "a\xf0\x9f\x98\x80", false,
         "value contains \"\xf0\x9f\x98\x80\" (U+1F600), which the character set of column `v` varchar(10) (utf8mb3) cannot store"},
        {"latin1 euro", "VARCHAR(10) CHARACTER SET latin1", "text", "5 \xe2\x82\xac", true, "5 \xe2\x82\xac"},
        {"latin1 omega", "VARCHAR(10) CHARACTER SET latin1", "text", "\xce\xa9", false,
         "value contains \"Ω\" (U+03A9), which the character set of column `v` varchar(10) (latin1) cannot store"},
        {"tinytext bytes", "TINYTEXT", "text", QByteArray(256, 'y'), false,
         "value of 256 bytes does not fit column `v` tinytext (255 bytes)"},
        // integers: every width and signedness
        {"tinyint text", "TINYINT", "text", "12", true, "12"},
        {"tinyint fraction", "TINYINT", "text", "12.5", false, "\"12.5\" is not an integer for column `v` tinyint"},
        {"tinyint zero fraction", "TINYINT", "text", "12.0", true, "12"},
        {"tinyint word", "TINYINT", "text", "abc", false, "\"abc\" is not an integer for column `v` tinyint"},
        {"tinyint over", "TINYINT", "int", "200", false, "200 is out of range for column `v` tinyint (-128 to 127)"},
        {"tinyint under", "TINYINT", "int", "-129", false, "-129 is out of range for column `v` tinyint (-128 to 127)"},
        {"tinyint unsigned negative", "TINYINT UNSIGNED", "int", "-1", false,
         "-1 is out of range for column `v` tinyint unsigned (0 to 255)"},
        {"tinyint unsigned max", "TINYINT UNSIGNED", "text", "255", true, "255"},
        {"smallint over", "SMALLINT", "text", "32768", false,
         "\"32768\" is out of range for column `v` smallint (-32768 to 32767)"},
        {"mediumint max", "MEDIUMINT", "int", "8388607", true, "8388607"},
        {"mediumint over", "MEDIUMINT", "int", "8388608", false,
         "8388608 is out of range for column `v` mediumint (-8388608 to 8388607)"},
        {"int over", "INT", "text", "2147483648", false,
         "\"2147483648\" is out of range for column `v` int (-2147483648 to 2147483647)"},
        {"int unsigned max", "INT UNSIGNED", "uint", "4294967295", true, "4294967295"},
        {"int from double", "INT", "double", "3", true, "3"},
        {"int from fractional double", "INT", "double", "3.5", false, "3.5 is not an integer for column `v` int"},
        {"bigint min", "BIGINT", "int", "-9223372036854775808", true, "-9223372036854775808"},
        {"bigint over", "BIGINT", "text", "9223372036854775808", false,
         "\"9223372036854775808\" is out of range for column `v` bigint (-9223372036854775808 to 9223372036854775807)"},
        {"bigint unsigned max", "BIGINT UNSIGNED", "uint", "18446744073709551615", true, "18446744073709551615"},
        {"bigint unsigned overflow", "BIGINT UNSIGNED", "text", "18446744073709551616", false,
         "\"18446744073709551616\" is out of range for column `v` bigint unsigned (0 to 18446744073709551615)"},
        {"boolean true", "BOOLEAN", "bool", "true", true, "1"},
        {"boolean text", "BOOLEAN", "text", "FALSE", true, "0"},
        // decimals: precision and scale exact
        {"decimal fits", "DECIMAL(10,2)", "decimal", "12.34", true, "12.34"},
        {"decimal scale", "DECIMAL(10,2)", "text", "12.345", false,
         "\"12.345\" has more decimal places than column `v` decimal(10,2) allows"},
        {"decimal trailing zero", "DECIMAL(10,2)", "text", "1.230", true, "1.23"},
        {"decimal precision", "DECIMAL(10,2)", "text", "123456789", false,
         "\"123456789\" is out of range for column `v` decimal(10,2)"},
        {"decimal biggest", "DECIMAL(10,2)", "text", "-12345678.9", true, "-12345678.90"},
        {"decimal from int", "DECIMAL(10,2)", "int", "42", true, "42.00"},
        {"decimal from double", "DECIMAL(10,2)", "double", "0.1", true, "0.10"},
        {"decimal word", "DECIMAL(10,2)", "text", "abc", false, "\"abc\" is not a number for column `v` decimal(10,2)"},
        {"decimal exponent", "DECIMAL(10,2)", "text", "1e3", false, "\"1e3\" is not a number for column `v` decimal(10,2)"},
        // floating point
        {"float text", "FLOAT", "text", "1.5", true, "1.5"},
        {"float word", "FLOAT", "text", "abc", false, "\"abc\" is not a number for column `v` float"},
        {"float range", "FLOAT", "double", "1e39", false, "1e+39 is out of range for column `v` float"},
        {"double exponent", "DOUBLE", "text", "1e300", true, "1e300"},
        // dates and times
        {"date", "DATE", "text", "2026-01-31", true, "2026-01-31"},
        {"date value", "DATE", "date", "2024-02-29", true, "2024-02-29"},
        {"date invalid", "DATE", "text", "2026-02-30", false, "\"2026-02-30\" is not a valid date for column `v` date"},
        {"date with time", "DATE", "text", "2026-01-31 12:00:00", false,
         "\"2026-01-31 12:00:00\" has a time of day, which column `v` date cannot store"},
        {"date iso midnight", "DATE", "text", "2026-01-31T00:00:00Z", true, "2026-01-31"},
        {"datetime", "DATETIME", "text", "2026-01-31 12:00:00", true, "2026-01-31 12:00:00"},
        {"datetime iso z", "DATETIME", "text", "2026-01-31T12:00:00Z", true, "2026-01-31 12:00:00"},
        {"datetime iso offset", "DATETIME", "text", "2026-01-31T12:00:00+02:00", true, "2026-01-31 10:00:00"},
        {"datetime offset crosses year", "DATETIME", "text", "2026-01-01T01:00:00+0200", true, "2025-12-31 23:00:00"},
        {"datetime date only", "DATETIME", "date", "2026-01-31", true, "2026-01-31 00:00:00"},
        {"datetime fraction", "DATETIME", "text", "2026-01-31 12:00:00.5", false,
         "\"2026-01-31 12:00:00.5\" has more fractional-second digits than column `v` datetime can store"},
        {"datetime zero fraction", "DATETIME", "datetime", "2026-01-31 12:00:00.000", true, "2026-01-31 12:00:00"},
        {"datetime(6)", "DATETIME(6)", "text", "2026-01-31 12:00:00.123456", true, "2026-01-31 12:00:00.123456"},
        {"datetime garbage", "DATETIME", "text", "31/01/2026", false,
         "\"31/01/2026\" is not a valid date and time for column `v` datetime"},
        {"datetime from int", "DATETIME", "int", "20260131", false,
         "20260131 is not a date and time for column `v` datetime"},
        {"timestamp utc", "TIMESTAMP NULL", "text", "2026-01-31T12:00:00Z", true, "1769860800", "UNIX_TIMESTAMP(v)"},
        {"timestamp range", "TIMESTAMP NULL", "text", "2040-01-01 00:00:00", false,
         "\"2040-01-01 00:00:00\" is out of range for column `v` timestamp (1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC)"},
        {"time", "TIME", "text", "12:34:56", true, "12:34:56"},
        {"time negative max", "TIME", "time", "-838:59:59", true, "-838:59:59"},
        {"time range", "TIME", "text", "839:00:00", false,
         "\"839:00:00\" is out of range for column `v` time (-838:59:59 to 838:59:59)"},
        {"time invalid", "TIME", "text", "12:60:00", false, "\"12:60:00\" is not a valid time for column `v` time"},
        {"year", "YEAR", "int", "2026", true, "2026"},
        {"year range", "YEAR", "text", "1900", false, "\"1900\" is out of range for column `v` year (1901 to 2155)"},
        // enum, set
        {"enum", "ENUM('red','green')", "text", "red", true, "red"},
        {"enum case", "ENUM('red','green')", "text", "GREEN", true, "green"},
        {"enum unknown", "ENUM('red','green')", "text", "purple", false,
         "\"purple\" is not one of the values of column `v` enum('red','green')"},
        {"set", "SET('a','b','c')", "text", "a,c", true, "a,c"},
        {"set case", "SET('a','b','c')", "text", "B,a", true, "a,b"},
        {"set unknown", "SET('a','b','c')", "text", "a,x", false,
         "\"x\" is not one of the values of column `v` set('a','b','c')"},
        // bytes, bits, JSON
        {"binary", "BINARY(4)", "bytes", QByteArray("\x00\x01\xff'", 4), true, "0001FF27", "HEX(v)"},
        {"binary too long", "BINARY(4)", "bytes", "12345", false, "value of 5 bytes does not fit column `v` binary(4)"},
        {"varbinary escapes", "VARBINARY(8)", "bytes", QByteArray("\\\x00'\"\x1a", 5), true, "5C0027221A", "HEX(v)"},
        {"blob", "BLOB", "bytes", QByteArray("\xde\xad\xbe\xef", 4), true, "DEADBEEF", "HEX(v)"},
        {"bit", "BIT(8)", "int", "5", true, "5", "v+0"},
        {"bit range", "BIT(8)", "int", "256", false, "256 is out of range for column `v` bit(8)"},
        {"bit boolean", "BIT(1)", "bool", "true", true, "1", "v+0"},
        {"json", "JSON", "text", "{\"a\": [1, 2]}", true, "{\"a\": [1, 2]}"},
        {"json invalid", "JSON", "text", "{bad", false, "\"{bad\" is not valid JSON for column `v` json"},
        {"json number", "JSON", "int", "42", true, "42"},
    };
    for (bool bulk : {true, false}) {
        for (const Case &c : cases)
            QTest::addRow("%s %s", bulk ? "bulk" : "text", c.name)
                << bulk << QString::fromLatin1(c.type) << QString::fromLatin1(c.kind) << c.value << c.accepted
                << QString::fromUtf8(c.expected) << QString::fromLatin1(c.select);
    }
}

void TestMySqlSink::fitting()
{
    QFETCH(bool, bulk);
    QFETCH(QString, columnType);
    QFETCH(QString, kind);
    QFETCH(QByteArray, value);
    QFETCH(bool, accepted);
    QFETCH(QString, expected);
    QFETCH(QString, select);
    exec("CREATE OR REPLACE TABLE fit (id INT PRIMARY KEY, v " + columnType.toStdString() + ")");
    const auto schema = schemaOf({"id", "v"});
    MySqlSink sink(destination("fit", "insert"));
    sink.setBulkEnabled(bulk);
    sink.open(schema);
    Batch batch{row(schema, {Value::integer(1), makeValue(kind, value)})};
    const auto rejected = sink.write(batch);
    if (accepted) {
        QVERIFY2(rejected.empty(), qPrintable(reasons(rejected)));
        const auto rows = query("SELECT " + select.toStdString() + " FROM fit");
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(rows[0]), expected);
    } else {
        QCOMPARE(rejected.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(rejected[0].reason), expected);
        QCOMPARE(query("SELECT COUNT(*) FROM fit"), std::vector<std::string>{"0"});
    }
}

void TestMySqlSink::nullHandling()
{
    QFETCH(bool, bulk);
    // The Salesforce example's table: missing values land as the column's default ''.
    exec("CREATE OR REPLACE TABLE sf_account (id VARCHAR(255) NOT NULL, name VARCHAR(150) NOT NULL DEFAULT '', "
         "industry VARCHAR(255) NOT NULL DEFAULT 'none', note VARCHAR(10) NULL, n INT NOT NULL, PRIMARY KEY (id))");
    const auto schema = schemaOf({"id", "name", "industry", "note", "n"});
    MySqlSink sink(destination("sf_account", "insert"));
    sink.setBulkEnabled(bulk);
    sink.open(schema);
    Batch batch{row(schema, {Value::text("001"), Value::null(), Value::null(), Value::null(), Value::integer(1)}),
                row(schema, {Value::text("002"), Value::text("B"), Value::text("Energy"), Value::text("x"), Value::null()}),
                row(schema, {Value::null(), Value::text("C"), Value::null(), Value::null(), Value::integer(3)})};
    const auto rejected = sink.write(batch);
    QCOMPARE(reasons(rejected), QStringLiteral("1: column `n` is NOT NULL and has no default\n"
                                               "2: column `id` is NOT NULL and has no default"));
    QCOMPARE(query("SELECT id, name, industry, note, n FROM sf_account"), std::vector<std::string>{"001\t\tnone\tNULL\t1"});

    // AUTO_INCREMENT: NULL asks for the next number.
    exec("CREATE OR REPLACE TABLE autoinc (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(10))");
    const auto schema2 = schemaOf({"id", "name"});
    MySqlSink sink2(destination("autoinc", "insert"));
    sink2.setBulkEnabled(bulk);
    sink2.open(schema2);
    Batch batch2{row(schema2, {Value::null(), Value::text("a")}), row(schema2, {Value::null(), Value::text("b")})};
    QVERIFY(sink2.write(batch2).empty());
    QCOMPARE(query("SELECT id, name FROM autoinc ORDER BY id"), (std::vector<std::string>{"1\ta", "2\tb"}));
}

void TestMySqlSink::nullToDefaultInUpdateAndUpsert()
{
    QFETCH(bool, bulk);
    exec("CREATE OR REPLACE TABLE dflt (id INT PRIMARY KEY, name VARCHAR(10) NOT NULL DEFAULT 'unnamed', n INT); "
         "INSERT INTO dflt VALUES (1, 'one', 1), (2, 'two', 2)");
    const auto schema = schemaOf({"id", "name", "n"});
    for (const char *mode : {"update", "upsert"}) {
        MySqlSink sink(destination("dflt", mode));
        sink.setBulkEnabled(bulk);
        sink.open(schema);
        const int id = std::string(mode) == "update" ? 1 : 2;
        Batch batch{row(schema, {Value::integer(id), Value::null(), Value::integer(10 * id)}),
                    row(schema, {Value::integer(3), Value::null(), Value::null()})}; // update: no match
        const auto rejected = sink.write(batch);
        QVERIFY2(rejected.empty(), qPrintable(reasons(rejected)));
    }
    QCOMPARE(query("SELECT id, name, n FROM dflt ORDER BY id"),
             (std::vector<std::string>{"1\tunnamed\t10", "2\tunnamed\t20", "3\tunnamed\tNULL"}));
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
                row(reordered, {Value::text("b"), Value::integer(99), Value::integer(2)}),
                row(reordered, {Value::text("c")})}; // a short record: the missing id is NULL
    QCOMPARE(reasons(sink.write(batch)), QStringLiteral("2: column `id` is NOT NULL and has no default"));
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
    const auto rejected = sink.write(batch);
    QCOMPARE(reasons(rejected), QStringLiteral("2: Duplicate entry '001' for key 'PRIMARY'\n"
                                               "5: Duplicate entry '011' for key 'PRIMARY'"));
    QCOMPARE(query("SELECT id, name FROM dup ORDER BY id"),
             (std::vector<std::string>{"001\told", "010\tnew", "011\tnew", "012\tnew", "013\tnew", "014\tnew", "015\tnew",
                                       "016\tnew"}));
}

void TestMySqlSink::serverRejectsOneRecord()
{
    QFETCH(bool, bulk);
    // INET6 is not checked by the sink: the server refuses the value (strict mode), and only
    // that record is rejected.
    exec("CREATE OR REPLACE TABLE ips (id INT PRIMARY KEY, ip INET6)");
    const auto schema = schemaOf({"id", "ip"});
    MySqlSink sink(destination("ips", "insert"));
    sink.setBulkEnabled(bulk);
    sink.open(schema);
    Batch batch{row(schema, {Value::integer(1), Value::text("::1")}), row(schema, {Value::integer(2), Value::text("nope")}),
                row(schema, {Value::integer(3), Value::text("fe80::1")})};
    const auto rejected = sink.write(batch);
    QCOMPARE(rejected.size(), std::size_t(1));
    QCOMPARE(rejected[0].index, std::size_t(1));
    QVERIFY2(rejected[0].reason.find("nope") != std::string::npos, rejected[0].reason.c_str());
    QCOMPARE(query("SELECT id FROM ips ORDER BY id"), (std::vector<std::string>{"1", "3"}));
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
        const auto rejected = sink.write(batch);
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
    const auto rejected = sink.write(batch);
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

void TestMySqlSink::lostConnectionIsRetried()
{
    QFETCH(bool, bulk);
    exec("CREATE OR REPLACE TABLE lost (id INT PRIMARY KEY, name VARCHAR(10))");
    const auto schema = schemaOf({"id", "name"});
    MySqlSink sink(destination("lost", "insert"));
    sink.setBulkEnabled(bulk);
    sink.setRetryPolicy({std::chrono::milliseconds(50), std::chrono::milliseconds(5000)});
    sink.open(schema);
    Batch first{row(schema, {Value::integer(1), Value::text("a")})};
    QVERIFY(sink.write(first).empty());
    const std::uint64_t before = sink.connectionId();
    exec("KILL " + std::to_string(before)); // between batches, as a server restart would
    Batch second{row(schema, {Value::integer(2), Value::text("b")}), row(schema, {Value::integer(3), Value::text("c")})};
    const auto rejected = sink.write(second);
    QVERIFY2(rejected.empty(), qPrintable(reasons(rejected)));
    QVERIFY(sink.connectionId() != before);
    QCOMPARE(query("SELECT id FROM lost ORDER BY id"), (std::vector<std::string>{"1", "2", "3"})); // landed once
}

/// A user limited to one session: while the test holds it, the sink cannot reconnect
/// (error 1203, too many connections: worth retrying).
static MySqlConnectionConfig limitedUser()
{
    exec("DROP USER IF EXISTS 'flowdeck_one'@'%'; CREATE USER 'flowdeck_one'@'%' IDENTIFIED BY 'pw' "
         "WITH MAX_USER_CONNECTIONS 1; GRANT ALL ON `" + kDb + "`.* TO 'flowdeck_one'@'%'");
    nlohmann::json c = test::sandboxConnection(kDb);
    c["user"] = "flowdeck_one";
    c["password"] = "pw";
    return MySqlConnectionConfig::fromJson(c);
}

/// Kills session `id` and waits until the server has let it go.
static void killAndWait(std::uint64_t id)
{
    exec("KILL " + std::to_string(id));
    for (int i = 0; i < 100; ++i) {
        if (query("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID=" + std::to_string(id))[0] == "0")
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void TestMySqlSink::reconnectWaitsForTheServer()
{
    exec("CREATE OR REPLACE TABLE waits (id INT PRIMARY KEY)");
    const MySqlConnectionConfig config = limitedUser();
    nlohmann::json d = destination("waits", "insert");
    d["connection"]["user"] = config.user;
    d["connection"]["password"] = config.password;
    MySqlSink sink(d);
    sink.setRetryPolicy({std::chrono::milliseconds(100), std::chrono::milliseconds(10000)});
    const auto schema = schemaOf({"id"});
    sink.open(schema);
    killAndWait(sink.connectionId());
    MySqlConnection blocker(config);
    blocker.connect(); // takes the user's only session, like a server still starting up
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        blocker.disconnect();
    });
    auto joinRelease = qScopeGuard([&] { release.join(); });
    QElapsedTimer timer;
    timer.start();
    Batch batch{row(schema, {Value::integer(1)})};
    const auto rejected = sink.write(batch);
    joinRelease.dismiss();
    release.join();
    QVERIFY2(rejected.empty(), qPrintable(reasons(rejected)));
    QVERIFY2(timer.elapsed() >= 350, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(query("SELECT id FROM waits"), std::vector<std::string>{"1"});
    sink.close();
    exec("DROP USER 'flowdeck_one'@'%'");
}

void TestMySqlSink::retriesGiveUp()
{
    exec("CREATE OR REPLACE TABLE givesup (id INT PRIMARY KEY)");
    const MySqlConnectionConfig config = limitedUser();
    nlohmann::json d = destination("givesup", "insert");
    d["connection"]["user"] = config.user;
    d["connection"]["password"] = config.password;
    MySqlSink sink(d);
    sink.setRetryPolicy({std::chrono::milliseconds(50), std::chrono::milliseconds(400)});
    const auto schema = schemaOf({"id"});
    sink.open(schema);
    killAndWait(sink.connectionId());
    MySqlConnection blocker(config);
    blocker.connect();
    Batch batch{row(schema, {Value::integer(1)})};
    QElapsedTimer timer;
    timer.start();
    try {
        sink.write(batch);
        QFAIL("wrote without a connection");
    } catch (const ConnectionError &e) {
        QVERIFY(e.transient());
        const std::string what = e.what();
        QVERIFY2(what.rfind("cannot write to `flowdeck_mysqlsink`.`givesup` on ", 0) == 0, what.c_str());
        QVERIFY2(what.find("attempts over") != std::string::npos, what.c_str());
        QVERIFY2(what.find("flowdeck_one") != std::string::npos, what.c_str()); // the connect error
    }
    QVERIFY2(timer.elapsed() >= 300 && timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    blocker.disconnect();
    QCOMPARE(query("SELECT COUNT(*) FROM givesup"), std::vector<std::string>{"0"});
    exec("DROP USER 'flowdeck_one'@'%'");
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
    QCOMPARE(reasons(sink.write(batch)), QStringLiteral("1: unterminated quote"));
    QCOMPARE(query("SELECT id FROM errs"), std::vector<std::string>{"1"});
}

QTEST_GUILESS_MAIN(TestMySqlSink)
#include "tst_mysqlsink.moc"
