// The value-fitting rules of MySqlSink against the suite's MariaDB: every column type with values
// that fit and values that do not (with the exact reason), NULL and DEFAULT, values the server
// refuses, and values travelling through UPDATE ... JOIN. Each runs with MariaDB's bulk
// statements and with the text statements MySQL and TiDB get.
#include "tests/common/testsupport.h"
#include "core/model/errors.h"
#include "core/mysql/mysqlsink.h"

#include <QTest>


using namespace flowdeck;

namespace {

using test::addBulkColumn;
using test::reasons;
using test::row;
using test::schemaOf;

const std::string kDb = "flowdeck_mysqlsinkfitting";

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

} // namespace

class TestMySqlSinkFitting : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fitting_data();
    void fitting();
    void nullHandling_data() { addBulkColumn(); }
    void nullHandling();
    void nullToDefaultInUpdateAndUpsert_data() { addBulkColumn(); }
    void nullToDefaultInUpdateAndUpsert();
    void updateKeepsEveryType_data() { addBulkColumn(); }
    void updateKeepsEveryType();
    void serverRejectsOneRecord_data() { addBulkColumn(); }
    void serverRejectsOneRecord();
};

void TestMySqlSinkFitting::initTestCase()
{
    test::freshDatabase(kDb);
}

void TestMySqlSinkFitting::fitting_data()
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
        {"year zero", "YEAR", "int", "0", true, "0000"}, // as a string "0" would be 2000
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
        // spatial: the server's internal form (SRID 4326, then the WKB of POINT(1 2)), bound as binary
        {"geometry bytes", "GEOMETRY", "bytes",
         QByteArray("\xE6\x10\0\0\x01\x01\0\0\0\0\0\0\0\0\0\xF0\x3F\0\0\0\0\0\0\0\x40", 25), true,
         "4326 POINT(1 2)", "CONCAT(ST_SRID(v), ' ', ST_AsText(v))"},
        {"geometry text refused", "POINT", "text", "POINT(1 2)", false,
         "\"POINT(1 2)\" is not a geometry (a 4-byte SRID and WKB) for column `v` point"},
        // zero dates: only a replicate destination (its session) takes them
        {"zero date refused", "DATE", "text", "0000-00-00", false, "\"0000-00-00\" is not a valid date for column `v` date"},
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


void TestMySqlSinkFitting::fitting()
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
    const auto rejected = test::writeCommitted(sink, batch);
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


void TestMySqlSinkFitting::nullHandling()
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
    const auto rejected = test::writeCommitted(sink, batch);
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
    QVERIFY(test::writeCommitted(sink2, batch2).empty());
    QCOMPARE(query("SELECT id, name FROM autoinc ORDER BY id"), (std::vector<std::string>{"1\ta", "2\tb"}));
}


void TestMySqlSinkFitting::nullToDefaultInUpdateAndUpsert()
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
        const auto rejected = test::writeCommitted(sink, batch);
        QVERIFY2(rejected.empty(), qPrintable(reasons(rejected)));
    }
    QCOMPARE(query("SELECT id, name, n FROM dflt ORDER BY id"),
             (std::vector<std::string>{"1\tunnamed\t10", "2\tunnamed\t20", "3\tunnamed\tNULL"}));
}


void TestMySqlSinkFitting::updateKeepsEveryType()
{
    // UPDATE ... JOIN travels values through a derived table: check they land unchanged.
    QFETCH(bool, bulk);
    exec("CREATE OR REPLACE TABLE updtypes (id BIGINT UNSIGNED PRIMARY KEY, i INT, d DECIMAL(30,10), f DOUBLE, "
         "s VARCHAR(20), b VARBINARY(8), bits BIT(12), at DATETIME(3), j JSON, e ENUM('x','y'), n INT NULL); "
         "INSERT INTO updtypes (id) VALUES (1), (18446744073709551615)");
    const auto schema = schemaOf({"id", "i", "d", "f", "s", "b", "bits", "at", "j", "e", "n"});
    MySqlSink sink(destination("updtypes", "update"));
    sink.setBulkEnabled(bulk);
    sink.open(schema);
    Batch batch{row(schema, {Value::integer(1), Value::integer(-2147483648), Value::decimal("12345678901234567890.0123456789"),
                             Value::floating(0.1), Value::text("it's \\ \"q\""), Value::bytes(std::string("\0\xff'", 3)),
                             Value::integer(4095), Value::text("2026-01-31T12:00:00.123Z"), Value::text("[1, \"a\"]"),
                             Value::text("Y"), Value::null()}),
                row(schema, {Value::unsignedInteger(UINT64_MAX), Value::text("7"), Value::integer(-1), Value::text("1e300"),
                             Value::text(""), Value::bytes(""), Value::boolean(false), Value::date("2000-02-29"),
                             Value::text("{}"), Value::text("x"), Value::integer(5)})};
    const auto rejected = test::writeCommitted(sink, batch);
    QVERIFY2(rejected.empty(), qPrintable(reasons(rejected)));
    QCOMPARE(sink.unmatchedUpdates(), std::uint64_t(0));
    QCOMPARE(query("SELECT id, i, d, f, s, HEX(b), bits+0, at, j, e, n FROM updtypes ORDER BY id"),
             (std::vector<std::string>{
                 "1\t-2147483648\t12345678901234567890.0123456789\t0.1\tit's \\ \"q\"\t00FF27\t4095\t2026-01-31 12:00:00.123\t[1, \"a\"]\ty\tNULL",
                 "18446744073709551615\t7\t-1.0000000000\t1e300\t\t\t0\t2000-02-29 00:00:00.000\t{}\tx\t5"}));
}


void TestMySqlSinkFitting::serverRejectsOneRecord()
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
    const auto rejected = test::writeCommitted(sink, batch);
    QCOMPARE(rejected.size(), std::size_t(1));
    QCOMPARE(rejected[0].index, std::size_t(1));
    QVERIFY2(rejected[0].reason.find("nope") != std::string::npos, rejected[0].reason.c_str());
    QCOMPARE(query("SELECT id FROM ips ORDER BY id"), (std::vector<std::string>{"1", "3"}));
}


QTEST_GUILESS_MAIN(TestMySqlSinkFitting)
#include "tst_mysqlsinkfitting.moc"
