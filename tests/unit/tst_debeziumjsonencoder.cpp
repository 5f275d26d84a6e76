#include "core/codec/debeziumjsonencoder.h"
#include "core/model/errors.h"
#include "tests/common/encodertestdata.h"
#include "tests/common/testsupport.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

#include <map>

using namespace flowdeck;
using namespace Qt::StringLiterals;

using namespace flowdeck::test;

namespace {

constexpr std::int64_t kNowNs = kNowMs * 1000000 + 456789;

std::int64_t clockNs() { return kNowNs; }

/// The goldens without the schema wrapper, DECIMAL as text (easy to read).
DebeziumOptions plain()
{
    DebeziumOptions o;
    o.schemas = false;
    o.decimals = DebeziumOptions::Decimals::String;
    return o;
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
    void defaults();
    void decimals_data();
    void decimals();
    void rowPosition();
    void geometry();
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
    DebeziumJsonEncoder encoder(plain(), clockNs);
    Record r = changeEvent(RowOp(op));
    if (snapshot) {
        // As MySqlSource stamps snapshot rows: the table and key it resumes after, not a GTID.
        r.position.source = "snapshot";
        r.position.gtid = R"(["shop.customers","1"])";
    }
    std::vector<EncodedMessage> out;
    encoder.encode(r, out);
    QVERIFY(!out.empty());
    QCOMPARE(out[0].value, test::golden(file.toStdString(), out[0].value));
    QCOMPARE(out[0].key, std::string(R"({"id":1})"));
    QVERIFY(!out[0].tombstone);
    QVERIFY(nlohmann::json::accept(out[0].value));
}

void TestDebeziumJsonEncoder::tombstone()
{
    std::vector<EncodedMessage> out;
    DebeziumJsonEncoder(plain(), clockNs).encode(changeEvent(RowOp::Delete), out);
    QCOMPARE(out.size(), std::size_t(2));
    QVERIFY(out[1].tombstone);
    QCOMPARE(out[1].key, out[0].key);
    QVERIFY(out[1].value.empty());

    out.clear();
    DebeziumOptions noTombstones = plain();
    noTombstones.tombstones = false;
    DebeziumJsonEncoder(noTombstones, clockNs).encode(changeEvent(RowOp::Delete), out);
    QCOMPARE(out.size(), std::size_t(1));
}

void TestDebeziumJsonEncoder::ddl()
{
    std::vector<EncodedMessage> out;
    DebeziumJsonEncoder(plain(), clockNs).encode(changeEvent(RowOp::Ddl), out);
    QCOMPARE(out.size(), std::size_t(1));
    QVERIFY(out[0].ddl);
    QCOMPARE(out[0].topic, std::string("flowdeck")); // serverName: never the table's topic
    QCOMPARE(out[0].key, std::string(R"({"databaseName":"test"})"));
    QCOMPARE(out[0].value, test::golden("debezium/ddl.json", out[0].value));

    DebeziumOptions named = plain();
    named.serverName = "shop";
    named.schemaChangesTopic = "shop.schema-changes";
    Record grant = changeEvent(RowOp::Ddl);
    out.clear();
    DebeziumJsonEncoder(named, clockNs).encode(changeEvent(RowOp::Ddl), out);
    QCOMPARE(out.at(0).topic, std::string("shop.schema-changes"));
    grant.statement = "CREATE USER 'app'@'%' IDENTIFIED BY 'secret'";
    out.clear();
    DebeziumJsonEncoder(named, clockNs).encode(grant, out);
    QVERIFY(out.empty()); // not a schema change: no event
}

void TestDebeziumJsonEncoder::schemaWrapper()
{
    DebeziumOptions options = plain();
    options.schemas = true;
    std::vector<EncodedMessage> wrapped, unwrapped;
    DebeziumJsonEncoder(options, clockNs).encode(changeEvent(RowOp::Update), wrapped);
    DebeziumJsonEncoder(plain(), clockNs).encode(changeEvent(RowOp::Update), unwrapped);
    QCOMPARE(wrapped.size(), std::size_t(1));
    const nlohmann::json v = nlohmann::json::parse(wrapped[0].value);
    QVERIFY(v["payload"] == nlohmann::json::parse(unwrapped[0].value));
    const nlohmann::json &schema = v["schema"];
    QCOMPARE(schema["name"].get<std::string>(), std::string("flowdeck.test.all_types.Envelope"));
    // before, after, source, transaction, op, ts_ms, ts_us, ts_ns: the payload's order too
    QStringList fields, payloadKeys;
    for (const auto &f : schema["fields"]) fields << QString::fromStdString(f["field"].get<std::string>());
    QCOMPARE(fields, QStringList({u"before"_s, u"after"_s, u"source"_s, u"transaction"_s, u"op"_s, u"ts_ms"_s, u"ts_us"_s, u"ts_ns"_s}));
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
    // Debezium's RowDeserializers: a zero year, month or day is null (the epoch when NOT NULL).
    QTest::newRow("zero in date") << QStringLiteral("date") << QStringLiteral("date") << QStringLiteral("2024-00-15") << QStringLiteral("null");
    QTest::newRow("year 0 date") << QStringLiteral("date") << QStringLiteral("date") << QStringLiteral("0000-01-01") << QStringLiteral("null");
    QTest::newRow("zero datetime") << QStringLiteral("datetime") << QStringLiteral("datetime(6)") << QStringLiteral("0000-00-00 00:00:00.000000") << QStringLiteral("null");
    QTest::newRow("zero in datetime not null") << QStringLiteral("datetime!") << QStringLiteral("datetime") << QStringLiteral("2024-02-00 10:00:00") << QStringLiteral("0");
    // A zero TIMESTAMP is 0 seconds in the binlog: the epoch, nullable or not.
    QTest::newRow("zero timestamp") << QStringLiteral("timestamp") << QStringLiteral("timestamp") << QStringLiteral("0000-00-00 00:00:00") << QStringLiteral(R"("1970-01-01T00:00:00Z")");
    QTest::newRow("zero timestamp(3)") << QStringLiteral("timestamp") << QStringLiteral("timestamp(3)") << QStringLiteral("0000-00-00 00:00:00.000") << QStringLiteral(R"("1970-01-01T00:00:00.000Z")");
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
    DebeziumJsonEncoder(plain(), clockNs).encode(r, out);
    const nlohmann::json j = nlohmann::json::parse(out.at(0).value);
    QCOMPARE(QString::fromStdString(j["after"]["v"].dump()), expected);
}

// Spatial columns as Debezium's MySqlGeometry writes them: the WKB without the server's SRID
// prefix, the SRID (null for 0); a POINT also as x and y.
void TestDebeziumJsonEncoder::geometry()
{
    auto t = std::make_shared<TableInfo>();
    t->database = "d";
    t->table = "t";
    t->columns = {col("g", "geometry", "geometry"), col("p", "point", "point")};
    Record r;
    r.table = t;
    // POINT(1 2) with SRID 4326 (0x10E6), POINT(-1.5 0.25) with SRID 0.
    const std::string g = std::string("\xE6\x10\0\0\x01\x01\0\0\0", 9) + std::string("\0\0\0\0\0\0\xF0\x3F\0\0\0\0\0\0\0\x40", 16);
    const std::string p = std::string("\0\0\0\0\x01\x01\0\0\0", 9) + std::string("\0\0\0\0\0\0\xF8\xBF\0\0\0\0\0\0\xD0\x3F", 16);
    r.values = {Value::bytes(g), Value::bytes(p)};
    std::vector<EncodedMessage> out;
    DebeziumOptions o = plain();
    o.schemas = true;
    DebeziumJsonEncoder(o, clockNs).encode(r, out);
    const nlohmann::json j = nlohmann::json::parse(out.at(0).value);
    const nlohmann::json after = j["payload"]["after"];
    QCOMPARE(QString::fromStdString(after["g"].dump()), uR"({"srid":4326,"wkb":"AQEAAAAAAAAAAADwPwAAAAAAAABA"})"_s);
    QCOMPARE(QString::fromStdString(after["p"].dump()), uR"({"srid":null,"wkb":"AQEAAAAAAAAAAAD4vwAAAAAAANA/","x":-1.5,"y":0.25})"_s);
    const nlohmann::json fields = j["schema"]["fields"][1]["fields"];
    QCOMPARE(fields[0]["name"].get<std::string>(), std::string("io.debezium.data.geometry.Geometry"));
    QCOMPARE(fields[0]["type"].get<std::string>(), std::string("struct"));
    QCOMPARE(fields[1]["name"].get<std::string>(), std::string("io.debezium.data.geometry.Point"));
    QCOMPARE(fields[1]["fields"].size(), std::size_t(4));
}

// Debezium's own defaults: schema wrapper on (Kafka Connect's default JsonConverter reads it),
// decimal.handling.mode=precise, tombstones on.
void TestDebeziumJsonEncoder::defaults()
{
    std::vector<EncodedMessage> out;
    DebeziumJsonEncoder({}, clockNs).encode(changeEvent(RowOp::Insert), out);
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].value, test::golden("debezium/insert-default.json", out[0].value));
    QCOMPARE(out[0].key, test::golden("debezium/key-default.json", out[0].key));
}

void TestDebeziumJsonEncoder::decimals_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("columnType");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    using D = DebeziumOptions::Decimals;
    // precise: base64 of the unscaled value's big-endian two's complement (Kafka Connect Decimal)
    QTest::newRow("precise 9.90") << int(D::Precise) << u"decimal(10,2)"_s << u"9.90"_s << uR"("A94=")"_s; // 990 = 0x03DE
    QTest::newRow("precise -1.00") << int(D::Precise) << u"decimal(10,2)"_s << u"-1.00"_s << uR"("nA==")"_s; // -100 = 0x9C (BigInteger.toByteArray: minimal)
    QTest::newRow("precise 128") << int(D::Precise) << u"decimal(10,0)"_s << u"128"_s << uR"("AIA=")"_s; // 0x0080
    QTest::newRow("precise -128") << int(D::Precise) << u"decimal(10,0)"_s << u"-128"_s << uR"("gA==")"_s; // 0x80
    QTest::newRow("precise zero") << int(D::Precise) << u"decimal(5,2)"_s << u"0.00"_s << uR"("AA==")"_s;
    QTest::newRow("precise pads scale") << int(D::Precise) << u"decimal(5,2)"_s << u"1.5"_s << uR"("AJY=")"_s; // 150 = 0x0096
    QTest::newRow("string") << int(D::String) << u"decimal(20,4)"_s << u"-12345678901234.5678"_s << uR"("-12345678901234.5678")"_s;
    QTest::newRow("double") << int(D::Double) << u"decimal(10,2)"_s << u"9.90"_s << u"9.9"_s;
}

void TestDebeziumJsonEncoder::decimals()
{
    QFETCH(int, mode);
    QFETCH(QString, columnType);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    auto t = std::make_shared<TableInfo>();
    t->database = "d";
    t->table = "t";
    t->columns = {col("v", "decimal", columnType.toUtf8().constData())};
    Record r;
    r.table = t;
    r.values = {Value::decimal(text.toStdString())};
    DebeziumOptions o = plain();
    o.decimals = DebeziumOptions::Decimals(mode);
    std::vector<EncodedMessage> out;
    DebeziumJsonEncoder(o, clockNs).encode(r, out);
    const nlohmann::json j = nlohmann::json::parse(out.at(0).value);
    QCOMPARE(QString::fromStdString(j["after"]["v"].dump()), expected);
}

void TestDebeziumJsonEncoder::rowPosition()
{
    // source.pos is where the row's transaction starts and source.row the row's index in it
    // from 0 (BinlogReader::commit() gives the row from 1), not the transaction's end.
    Record r = changeEvent(RowOp::Insert);
    r.position.endOffset = 1234; // BinlogReader: the transaction's start
    r.position.endLine = 3;      // the third row of the transaction
    r.position.column = 5;       // of five
    std::vector<EncodedMessage> out;
    DebeziumJsonEncoder(plain(), clockNs).encode(r, out);
    const nlohmann::json j = nlohmann::json::parse(out.at(0).value);
    QCOMPARE(j["source"]["pos"].get<int>(), 1234);
    QCOMPARE(j["source"]["row"].get<int>(), 2);
    QCOMPARE(j["source"]["ts_us"].get<std::int64_t>(), kCommitMs * 1000);
    QCOMPARE(j["ts_ns"].get<std::int64_t>(), kNowNs);
    QCOMPARE(j["ts_us"].get<std::int64_t>(), kNowNs / 1000);
}

QTEST_GUILESS_MAIN(TestDebeziumJsonEncoder)
#include "tst_debeziumjsonencoder.moc"
