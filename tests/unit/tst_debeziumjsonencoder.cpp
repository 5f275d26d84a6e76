#include "core/codec/debeziumjsonencoder.h"
#include "core/model/errors.h"
#include "tests/common/encodertestdata.h"
#include "tests/common/testsupport.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

#include <map>

using namespace flowdeck;

using namespace flowdeck::test;

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
    if (snapshot) {
        // As MySqlSource stamps snapshot rows: the table and key it resumes after, not a GTID.
        r.position.source = "snapshot";
        r.position.gtid = R"(["shop.customers","1"])";
    }
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
