#include "core/canaljsonencoder.h"
#include "core/errors.h"
#include "core/jsonwriter.h"
#include "tests/common/testsupport.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

#include <set>

using namespace flowdeck;

// The change events every encoder test encodes: one column of each common MySQL type.
namespace {

constexpr std::int64_t kCommitMs = 1700000000000;
constexpr std::int64_t kNowMs = 1700000000123;

ColumnInfo col(const char *name, const char *dataType, const char *columnType, const char *charset = "",
               bool isUnsigned = false)
{
    ColumnInfo c;
    c.name = name;
    c.dataType = dataType;
    c.columnType = columnType;
    c.charset = charset;
    c.isUnsigned = isUnsigned;
    return c;
}

TableInfoPtr allTypesTable()
{
    auto t = std::make_shared<TableInfo>();
    t->database = "test";
    t->table = "all_types";
    t->columns = {
        col("id", "int", "int(11)"),
        col("c_tinyint", "tinyint", "tinyint(4)"),
        col("c_tinyint_u", "tinyint", "tinyint(3) unsigned", "", true),
        col("c_smallint", "smallint", "smallint(6)"),
        col("c_smallint_u", "smallint", "smallint(5) unsigned", "", true),
        col("c_mediumint", "mediumint", "mediumint(9)"),
        col("c_int_u", "int", "int(10) unsigned", "", true),
        col("c_bigint", "bigint", "bigint(20)"),
        col("c_bigint_u", "bigint", "bigint(20) unsigned", "", true),
        col("c_decimal", "decimal", "decimal(20,4)"),
        col("c_float", "float", "float"),
        col("c_double", "double", "double"),
        col("c_char", "char", "char(8)", "utf8mb4"),
        col("c_varchar", "varchar", "varchar(64)", "utf8mb4"),
        col("c_text", "text", "text", "utf8mb4"),
        col("c_binary", "binary", "binary(4)", "binary"),
        col("c_blob", "blob", "blob", "binary"),
        col("c_date", "date", "date"),
        col("c_time", "time", "time(3)"),
        col("c_datetime", "datetime", "datetime(6)"),
        col("c_timestamp", "timestamp", "timestamp"),
        col("c_year", "year", "year(4)"),
        col("c_bit", "bit", "bit(10)"),
        col("c_enum", "enum", "enum('a','b','c')", "utf8mb4"),
        col("c_set", "set", "set('x','y','z')", "utf8mb4"),
        col("c_json", "json", "json"),
        col("c_null", "varchar", "varchar(8)", "utf8mb4"),
    };
    t->columns[0].isKey = true;
    t->columns[0].nullable = false;
    t->keyIndexes = {0};
    return t;
}

std::vector<Value> allTypesRow()
{
    return {
        Value::integer(1),
        Value::integer(-128),
        Value::unsignedInteger(255),
        Value::integer(-32768),
        Value::unsignedInteger(65535),
        Value::integer(8388607),
        Value::unsignedInteger(4294967295u),
        Value::integer(INT64_MIN),
        Value::unsignedInteger(UINT64_MAX),
        Value::decimal("-12345678901234.5678"),
        Value::floating(double(1.1f)),
        Value::floating(0.1),
        Value::text("abc"),
        Value::text("say \"hi\"\n<ok> & 'x' \\ tab\t\xF0\x9F\x98\x80 \xC3\xBC"),
        Value::text("line1\r\nline2\x01 bad\xFF end"),
        Value::bytes(std::string("\x00\x01\xFF\xFE", 4)),
        Value::bytes(std::string("\x00<&>\x7F\x80\xFF", 7)),
        Value::date("2024-02-29"),
        Value::time("-12:34:56.789"),
        Value::dateTime("2024-02-29 23:59:59.123456"),
        Value::dateTime("2024-03-01 00:00:01"),
        Value::integer(2024),
        Value::unsignedInteger(513),
        Value::text("b"),
        Value::text("x,z"),
        Value::text("{\"k\": [1, 2]}"),
        Value::null(),
    };
}

Record changeEvent(RowOp op)
{
    TableInfoPtr table = allTypesTable();
    std::vector<std::string> names;
    for (const ColumnInfo &c : table->columns) names.push_back(c.name);
    Record r;
    r.schema = std::make_shared<Schema>(names);
    r.table = table;
    r.op = op;
    r.commitTimeMs = kCommitMs;
    r.position.source = "mysql-bin.000003";
    r.position.offset = 4567;
    r.position.gtid = "3e11fa47-71ca-11e1-9e33-c80aa9429562:23";
    if (op == RowOp::Ddl) {
        r.statement = "ALTER TABLE all_types ADD COLUMN c_note varchar(8) DEFAULT '<none>'";
        return r;
    }
    r.values = allTypesRow();
    if (op == RowOp::Update) {
        r.before = r.values;
        r.values[6] = Value::unsignedInteger(7);
        r.values[13] = Value::text("after");
        r.values[26] = Value::text("now set");
    }
    return r;
}

std::string readGolden(const std::string &relative)
{
    QFile f(QString::fromStdString(flowdeck::test::dataPath(relative)));
    if (!f.open(QIODevice::ReadOnly)) return "<missing " + relative + ">";
    std::string s = f.readAll().toStdString();
    if (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
}

} // namespace

class TestCanalJsonEncoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void golden_data();
    void golden();
    void ticdcKeySet();
    void ddlType_data();
    void ddlType();
    void escaping_data();
    void escaping();
    void factory();
};

void TestCanalJsonEncoder::golden_data()
{
    QTest::addColumn<int>("op");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("key");
    QTest::newRow("insert") << int(RowOp::Insert) << QStringLiteral("canal/insert.json") << QStringLiteral(R"({"id":"1"})");
    QTest::newRow("update") << int(RowOp::Update) << QStringLiteral("canal/update.json") << QStringLiteral(R"({"id":"1"})");
    QTest::newRow("delete") << int(RowOp::Delete) << QStringLiteral("canal/delete.json") << QStringLiteral(R"({"id":"1"})");
    QTest::newRow("ddl") << int(RowOp::Ddl) << QStringLiteral("canal/ddl.json") << QStringLiteral("");
}

void TestCanalJsonEncoder::golden()
{
    QFETCH(int, op);
    QFETCH(QString, file);
    QFETCH(QString, key);
    CanalJsonEncoder encoder([] { return kNowMs; });
    std::vector<EncodedMessage> out;
    encoder.encode(changeEvent(RowOp(op)), out);
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].value, readGolden(file.toStdString()));
    QCOMPARE(out[0].key, key.toStdString());
    QCOMPARE(out[0].ddl, RowOp(op) == RowOp::Ddl);
    QVERIFY(!out[0].tombstone);
}

void TestCanalJsonEncoder::ticdcKeySet()
{
    // Every message parses and has exactly the fields TiCDC writes (enable-tidb-extension=false).
    const std::set<std::string> expected = {"id", "database", "table", "pkNames", "isDdl", "type", "es",
                                            "ts", "sql", "sqlType", "mysqlType", "data", "old"};
    CanalJsonEncoder encoder([] { return kNowMs; });
    for (RowOp op : {RowOp::Insert, RowOp::Update, RowOp::Delete, RowOp::Ddl}) {
        std::vector<EncodedMessage> out;
        encoder.encode(changeEvent(op), out);
        const nlohmann::json j = nlohmann::json::parse(out.at(0).value);
        std::set<std::string> keys;
        for (auto it = j.begin(); it != j.end(); ++it) keys.insert(it.key());
        QCOMPARE(keys, expected);
        if (op == RowOp::Ddl) continue;
        QCOMPARE(j["data"].size(), std::size_t(1));
        QCOMPARE(j["data"][0].size(), j["sqlType"].size());
        QCOMPARE(j["mysqlType"].size(), j["sqlType"].size());
        for (auto &[name, v] : j["data"][0].items())
            QVERIFY2(v.is_null() || v.is_string(), name.c_str()); // canal-json values are strings
        QCOMPARE(j["old"].is_null(), op != RowOp::Update);
    }
}

void TestCanalJsonEncoder::ddlType_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("type");
    QTest::newRow("create table") << QStringLiteral("create table t (id int)") << QStringLiteral("CREATE");
    QTest::newRow("drop table") << QStringLiteral("DROP TABLE t") << QStringLiteral("ERASE");
    QTest::newRow("alter") << QStringLiteral("  alter table t add c int") << QStringLiteral("ALTER");
    QTest::newRow("truncate") << QStringLiteral("TRUNCATE TABLE t") << QStringLiteral("TRUNCATE");
    QTest::newRow("rename") << QStringLiteral("RENAME TABLE a TO b") << QStringLiteral("RENAME");
    QTest::newRow("create index") << QStringLiteral("CREATE UNIQUE INDEX i ON t (c)") << QStringLiteral("CINDEX");
    QTest::newRow("drop index") << QStringLiteral("DROP INDEX i ON t") << QStringLiteral("DINDEX");
    QTest::newRow("database") << QStringLiteral("DROP DATABASE test") << QStringLiteral("QUERY");
    QTest::newRow("tables prefix") << QStringLiteral("CREATE TABLESPACE x") << QStringLiteral("QUERY");
}

void TestCanalJsonEncoder::ddlType()
{
    QFETCH(QString, sql);
    QFETCH(QString, type);
    QCOMPARE(QString::fromLatin1(CanalJsonEncoder::ddlType(sql.toStdString())), type);
}

void TestCanalJsonEncoder::escaping_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<QByteArray>("plain");
    QTest::newRow("plain ascii") << QByteArray("abc") << QByteArray(R"("abc")") << QByteArray(R"("abc")");
    QTest::newRow("quote backslash") << QByteArray("a\"b\\c") << QByteArray(R"("a\"b\\c")") << QByteArray(R"("a\"b\\c")");
    QTest::newRow("controls") << QByteArray("\b\f\x1f\x7f", 4) << QByteArray("\"\\u0008\\u000c\\u001f\x7f\"")
                              << QByteArray("\"\\b\\f\\u001F\x7f\"");
    QTest::newRow("nul") << QByteArray("a\0b", 3) << QByteArray(R"("a\u0000b")") << QByteArray(R"("a\u0000b")");
    QTest::newRow("html") << QByteArray("<a&b>") << QByteArray(R"("\u003ca\u0026b\u003e")") << QByteArray(R"("<a&b>")");
    QTest::newRow("emoji") << QByteArray("\xF0\x9F\x98\x80") << QByteArray("\"\xF0\x9F\x98\x80\"")
                           << QByteArray("\"\xF0\x9F\x98\x80\"");
    QTest::newRow("line separator") << QByteArray("\xE2\x80\xA8") << QByteArray(R"("\u2028")")
                                    << QByteArray("\"\xE2\x80\xA8\"");
    QTest::newRow("stray continuation") << QByteArray("a\x80z") << QByteArray(R"("a\ufffdz")") << QByteArray(R"("a\ufffdz")");
    QTest::newRow("truncated") << QByteArray("\xF0\x9F\x98") << QByteArray(R"("\ufffd\ufffd\ufffd")")
                               << QByteArray(R"("\ufffd\ufffd\ufffd")");
    QTest::newRow("overlong") << QByteArray("\xC0\xAF") << QByteArray(R"("\ufffd\ufffd")") << QByteArray(R"("\ufffd\ufffd")");
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << QByteArray(R"("\ufffd\ufffd\ufffd")")
                               << QByteArray(R"("\ufffd\ufffd\ufffd")");
}

void TestCanalJsonEncoder::escaping()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, html);
    QFETCH(QByteArray, plain);
    const std::string_view in(input.constData(), std::size_t(input.size()));
    std::string a, b;
    JsonWriter(a, JsonEscape::Html).string(in);
    JsonWriter(b, JsonEscape::Plain).string(in);
    QCOMPARE(QByteArray::fromStdString(a), html);
    QCOMPARE(QByteArray::fromStdString(b), plain);
    QVERIFY(nlohmann::json::accept(a));
    QVERIFY(nlohmann::json::accept(b));
}

void TestCanalJsonEncoder::factory()
{
    QVERIFY(dynamic_cast<CanalJsonEncoder *>(RecordEncoder::create("canal-json").get()));
    QVERIFY(RecordEncoder::create("debezium-json"));
    QVERIFY(RecordEncoder::create("json"));
    QVERIFY_THROWS_EXCEPTION(ConfigError, RecordEncoder::create("avro"));
    Record noTable = changeEvent(RowOp::Insert);
    noTable.table = nullptr;
    std::vector<EncodedMessage> out;
    CanalJsonEncoder encoder;
    QVERIFY_THROWS_EXCEPTION(InputError, encoder.encode(noTable, out));
}

QTEST_GUILESS_MAIN(TestCanalJsonEncoder)
#include "tst_canaljsonencoder.moc"
