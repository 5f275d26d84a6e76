#include "core/debeziumjsonencoder.h"
#include "core/errors.h"
#include "tests/common/testsupport.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

#include <map>

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

class TestDebeziumJsonEncoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void golden_data();
    void golden();
    void tombstone();
    void ddl();
    void schemaWrapper();
    void temporal_data();
    void temporal();
};

void TestDebeziumJsonEncoder::golden_data()
{
    QTest::addColumn<int>("op");
    QTest::addColumn<bool>("snapshot");
    QTest::addColumn<QString>("file");
    QTest::newRow("insert") << int(RowOp::Insert) << false << QStringLiteral("debezium/insert.json");
    QTest::newRow("update") << int(RowOp::Update) << false << QStringLiteral("debezium/update.json");
    QTest::newRow("delete") << int(RowOp::Delete) << false << QStringLiteral("debezium/delete.json");
    QTest::newRow("snapshot read") << int(RowOp::Insert) << true << QStringLiteral("debezium/snapshot.json");
}

void TestDebeziumJsonEncoder::golden()
{
    QFETCH(int, op);
    QFETCH(bool, snapshot);
    QFETCH(QString, file);
    DebeziumJsonEncoder encoder({}, [] { return kNowMs; });
    Record r = changeEvent(RowOp(op));
    if (snapshot) r.position.source = "snapshot";
    std::vector<EncodedMessage> out;
    encoder.encode(r, out);
    QVERIFY(!out.empty());
    QCOMPARE(out[0].value, readGolden(file.toStdString()));
    QCOMPARE(out[0].key, std::string(R"({"id":1})"));
    QVERIFY(!out[0].tombstone);
    QVERIFY(nlohmann::json::accept(out[0].value));
}

void TestDebeziumJsonEncoder::tombstone()
{
    std::vector<EncodedMessage> out;
    DebeziumJsonEncoder({}, [] { return kNowMs; }).encode(changeEvent(RowOp::Delete), out);
    QCOMPARE(out.size(), std::size_t(2));
    QVERIFY(out[1].tombstone);
    QCOMPARE(out[1].key, out[0].key);
    QVERIFY(out[1].value.empty());

    out.clear();
    DebeziumOptions noTombstones;
    noTombstones.tombstones = false;
    DebeziumJsonEncoder(noTombstones, [] { return kNowMs; }).encode(changeEvent(RowOp::Delete), out);
    QCOMPARE(out.size(), std::size_t(1));
}

void TestDebeziumJsonEncoder::ddl()
{
    std::vector<EncodedMessage> out;
    DebeziumJsonEncoder({}, [] { return kNowMs; }).encode(changeEvent(RowOp::Ddl), out);
    QCOMPARE(out.size(), std::size_t(1));
    QVERIFY(out[0].ddl);
    QCOMPARE(out[0].key, std::string(R"({"databaseName":"test"})"));
    QCOMPARE(out[0].value, readGolden("debezium/ddl.json"));
}

void TestDebeziumJsonEncoder::schemaWrapper()
{
    DebeziumOptions options;
    options.schemas = true;
    std::vector<EncodedMessage> wrapped, plain;
    DebeziumJsonEncoder(options, [] { return kNowMs; }).encode(changeEvent(RowOp::Update), wrapped);
    DebeziumJsonEncoder({}, [] { return kNowMs; }).encode(changeEvent(RowOp::Update), plain);
    QCOMPARE(wrapped.size(), std::size_t(1));
    const nlohmann::json v = nlohmann::json::parse(wrapped[0].value);
    QVERIFY(v["payload"] == nlohmann::json::parse(plain[0].value));
    const nlohmann::json &schema = v["schema"];
    QCOMPARE(schema["name"].get<std::string>(), std::string("flowdeck.test.all_types.Envelope"));
    QCOMPARE(schema["fields"].size(), std::size_t(6)); // before, after, source, op, ts_ms, transaction
    std::map<std::string, nlohmann::json> after;
    for (const auto &f : schema["fields"][1]["fields"]) after[f["field"].get<std::string>()] = f;
    QCOMPARE(after.size(), allTypesTable()->columns.size());
    QCOMPARE(after["id"]["type"].get<std::string>(), std::string("int32"));
    QCOMPARE(after["c_int_u"]["type"].get<std::string>(), std::string("int64"));
    QCOMPARE(after["c_float"]["type"].get<std::string>(), std::string("float"));
    QCOMPARE(after["c_datetime"]["name"].get<std::string>(), std::string("io.debezium.time.MicroTimestamp"));
    QCOMPARE(after["c_enum"]["parameters"]["allowed"].get<std::string>(), std::string("a,b,c"));
    QCOMPARE(after["c_bit"]["parameters"]["length"].get<std::string>(), std::string("10"));
    const nlohmann::json k = nlohmann::json::parse(wrapped[0].key);
    QVERIFY(k["payload"] == nlohmann::json::parse(R"({"id":1})"));
    QCOMPARE(k["schema"]["name"].get<std::string>(), std::string("flowdeck.test.all_types.Key"));
}

void TestDebeziumJsonEncoder::temporal_data()
{
    QTest::addColumn<QString>("dataType");
    QTest::addColumn<QString>("columnType");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("date before epoch") << QStringLiteral("date") << QStringLiteral("date") << QStringLiteral("1969-12-31") << QStringLiteral("-1");
    QTest::newRow("zero date") << QStringLiteral("date") << QStringLiteral("date") << QStringLiteral("0000-00-00") << QStringLiteral("null");
    QTest::newRow("zero date not null") << QStringLiteral("date!") << QStringLiteral("date") << QStringLiteral("0000-00-00") << QStringLiteral("0");
    QTest::newRow("time max") << QStringLiteral("time") << QStringLiteral("time") << QStringLiteral("838:59:59") << QStringLiteral("3020399000000");
    QTest::newRow("time fraction") << QStringLiteral("time") << QStringLiteral("time(6)") << QStringLiteral("00:00:00.000001") << QStringLiteral("1");
    QTest::newRow("datetime millis") << QStringLiteral("datetime") << QStringLiteral("datetime(3)") << QStringLiteral("1970-01-01 00:00:01.5") << QStringLiteral("1500");
    QTest::newRow("datetime before epoch") << QStringLiteral("datetime") << QStringLiteral("datetime") << QStringLiteral("1969-12-31 23:59:59") << QStringLiteral("-1000");
    QTest::newRow("datetime micros") << QStringLiteral("datetime") << QStringLiteral("datetime(6)") << QStringLiteral("1970-01-01 00:00:00.000007") << QStringLiteral("7");
    QTest::newRow("timestamp fsp") << QStringLiteral("timestamp") << QStringLiteral("timestamp(3)") << QStringLiteral("2024-01-02 03:04:05.120") << QStringLiteral(R"("2024-01-02T03:04:05.120Z")");
}

void TestDebeziumJsonEncoder::temporal()
{
    QFETCH(QString, dataType);
    QFETCH(QString, columnType);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    auto t = std::make_shared<TableInfo>();
    t->database = "d";
    t->table = "t";
    const bool notNull = dataType.endsWith(QLatin1Char('!'));
    if (notNull) dataType.chop(1);
    t->columns = {col("v", dataType.toUtf8().constData(), columnType.toUtf8().constData())};
    t->columns[0].nullable = !notNull;
    Record r;
    r.table = t;
    const std::string s = text.toStdString();
    r.values = {dataType == QLatin1String("date") ? Value::date(s) : dataType == QLatin1String("time") ? Value::time(s) : Value::dateTime(s)};
    std::vector<EncodedMessage> out;
    DebeziumJsonEncoder({}, [] { return kNowMs; }).encode(r, out);
    const nlohmann::json j = nlohmann::json::parse(out.at(0).value);
    QCOMPARE(QString::fromStdString(j["after"]["v"].dump()), expected);
}

QTEST_GUILESS_MAIN(TestDebeziumJsonEncoder)
#include "tst_debeziumjsonencoder.moc"
