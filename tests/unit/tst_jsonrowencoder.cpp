#include "core/errors.h"
#include "core/jsonrowencoder.h"
#include "tests/common/testsupport.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

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


} // namespace

class TestJsonRowEncoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rows_data();
    void rows();
    void exactNumbers();
    void plainRecord();
};

void TestJsonRowEncoder::rows_data()
{
    QTest::addColumn<int>("op");
    QTest::addColumn<QString>("changed"); // the fields that differ from the inserted row
    QTest::newRow("insert") << int(RowOp::Insert) << QStringLiteral("{}");
    QTest::newRow("update") << int(RowOp::Update) << QStringLiteral(R"({"c_int_u":7,"c_varchar":"after","c_null":"now set"})");
    QTest::newRow("delete") << int(RowOp::Delete) << QStringLiteral(R"({"_op":"d"})");
}

void TestJsonRowEncoder::rows()
{
    // Written from the conventions in docs/wire-formats.md ("json"), not from the encoder's output.
    static const std::string inserted = R"({"id":1,"c_tinyint":-128,"c_tinyint_u":255,"c_smallint":-32768,)"
        R"("c_smallint_u":65535,"c_mediumint":8388607,"c_int_u":4294967295,"c_bigint":-9223372036854775808,)"
        R"("c_bigint_u":18446744073709551615,"c_decimal":-12345678901234.5678,"c_float":1.1,"c_double":0.1,)"
        R"("c_char":"abc","c_varchar":"say \"hi\"\n<ok> & 'x' \\ tab\t)" "\xF0\x9F\x98\x80 \xC3\xBC" R"(",)"
        R"("c_text":"line1\r\nline2\u0001 bad\ufffd end","c_binary":"AAH//g==","c_blob":"ADwmPn+A/w==",)"
        R"("c_date":"2024-02-29","c_time":"-12:34:56.789","c_datetime":"2024-02-29 23:59:59.123456",)"
        R"("c_timestamp":"2024-03-01 00:00:01","c_year":2024,"c_bit":513,"c_enum":"b","c_set":"x,z",)"
        R"("c_json":"{\"k\": [1, 2]}","c_null":null})";
    QFETCH(int, op);
    QFETCH(QString, changed);
    JsonRowEncoder encoder;
    std::vector<EncodedMessage> out;
    encoder.encode(changeEvent(RowOp(op)), out);
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].key, std::string(R"({"id":1})"));
    if (RowOp(op) == RowOp::Insert)
        QCOMPARE(out[0].value, inserted);
    nlohmann::ordered_json expected = nlohmann::ordered_json::parse(inserted);
    const nlohmann::ordered_json changes = nlohmann::ordered_json::parse(changed.toStdString());
    for (auto &[name, v] : changes.items()) expected[name] = v;
    QCOMPARE(nlohmann::ordered_json::parse(out[0].value).dump(), expected.dump());

    out.clear();
    encoder.encode(changeEvent(RowOp::Ddl), out);
    QVERIFY(out.empty());
}

void TestJsonRowEncoder::exactNumbers()
{
    auto t = std::make_shared<TableInfo>();
    t->columns = {col("d", "decimal", "decimal(40,20)"), col("u", "bigint", "bigint unsigned", "", true),
                  col("f", "double", "double")};
    Record r;
    r.table = t;
    r.values = {Value::decimal("-12345678901234567890.12345678901234567890"), Value::unsignedInteger(UINT64_MAX),
                Value::floating(1e300)};
    std::vector<EncodedMessage> out;
    JsonRowEncoder().encode(r, out);
    QCOMPARE(out.at(0).value,
             std::string(R"({"d":-12345678901234567890.12345678901234567890,"u":18446744073709551615,"f":1e+300})"));
    QVERIFY(out[0].key.empty()); // no primary key: no key
}

void TestJsonRowEncoder::plainRecord()
{
    // A record without TableInfo (a file source) is written with its schema's names.
    Record r = flowdeck::test::row(flowdeck::test::schemaOf({"a", "b"}), {Value::text("x"), Value::floating(NAN)});
    std::vector<EncodedMessage> out;
    JsonRowEncoder().encode(r, out);
    QCOMPARE(out.at(0).value, std::string(R"({"a":"x","b":null})"));
}

QTEST_GUILESS_MAIN(TestJsonRowEncoder)
#include "tst_jsonrowencoder.moc"
