#include "core/codec/canaljsondecoder.h"
#include "core/codec/canaljsonencoder.h"
#include "core/codec/debeziumjsondecoder.h"
#include "core/codec/debeziumjsonencoder.h"
#include "core/model/errors.h"
#include "core/codec/jsondecoder.h"
#include "tests/common/encodertestdata.h"

#include <QTest>

using namespace flowdeck;
using namespace flowdeck::test;

namespace {

KafkaMessage message(std::string_view value, std::string_view key = {}, const char *topic = "t")
{
    KafkaMessage m;
    m.topic = topic;
    m.partition = 3;
    m.offset = 42;
    m.timestampMs = 1700000009999;
    m.key = key;
    m.value = value;
    return m;
}

const Value &field(const Record &r, const char *name)
{
    const int i = r.schema->indexOf(name);
    if (i < 0)
        throw Error(std::string("no field ") + name);
    return r.values[std::size_t(i)];
}

} // namespace

class TestMessageDecoders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void canalRoundTrip_data();
    void canalRoundTrip();
    void canalCompatibleOld();
    void canalMultiRow();
    void canalDdl();
    void debeziumRoundTrip_data();
    void debeziumRoundTrip();
    void debeziumSchemaPayload();
    void debeziumPlainUpdate();
    void debeziumTombstone();
    void json();
    void badMessages_data();
    void badMessages();
};

void TestMessageDecoders::canalRoundTrip_data()
{
    QTest::addColumn<int>("op");
    QTest::newRow("insert") << int(RowOp::Insert);
    QTest::newRow("update") << int(RowOp::Update);
    QTest::newRow("delete") << int(RowOp::Delete);
}

void TestMessageDecoders::canalRoundTrip()
{
    QFETCH(int, op);
    const Record event = changeEvent(RowOp(op));
    CanalJsonEncoder encoder([] { return kNowMs; });
    std::vector<EncodedMessage> encoded;
    encoder.encode(event, encoded);
    CanalJsonDecoder decoder;
    Batch out;
    decoder.decode(message(encoded.at(0).value, encoded.at(0).key), out);
    QCOMPARE(out.size(), std::size_t(1));
    const Record &r = out[0];
    QVERIFY2(!r.isError(), r.error.c_str());
    QCOMPARE(int(r.op), op);
    QCOMPARE(r.table->database, std::string("test"));
    QCOMPARE(r.table->table, std::string("all_types"));
    QCOMPARE(r.table->keyIndexes, std::vector<int>{0});
    QCOMPARE(r.commitTimeMs, kCommitMs);
    QCOMPARE(r.position.toString(), std::string("t[3]@42"));
    QCOMPARE(r.schema->names().size(), event.values.size());
    // Exact values back for every column canal-json keeps exactly.
    const std::vector<Value> row = allTypesRow();
    for (const char *name : {"id", "c_tinyint", "c_tinyint_u", "c_bigint", "c_bigint_u", "c_decimal", "c_char",
                             "c_varchar", "c_binary", "c_blob", "c_date", "c_time", "c_datetime", "c_timestamp",
                             "c_year", "c_bit", "c_json", "c_null"}) {
        const Value &expected = event.values[std::size_t(event.schema->indexOf(name))];
        QVERIFY2(field(r, name) == expected, (std::string(name) + ": " + field(r, name).toString()).c_str());
    }
    QCOMPARE(field(r, "c_double").asDouble(), 0.1);
    QCOMPARE(field(r, "c_enum"), Value::unsignedInteger(2)); // TiCDC sends ENUM's index...
    QCOMPARE(field(r, "c_set"), Value::unsignedInteger(5));  // ...and SET's bit mask
    QCOMPARE(r.table->columns[2].isUnsigned, true);
    QCOMPARE(r.table->columns[15].charset, std::string("binary"));
    if (RowOp(op) == RowOp::Update) {
        QCOMPARE(r.before.size(), r.values.size());
        QCOMPARE(r.before[std::size_t(r.schema->indexOf("c_varchar"))], event.before[std::size_t(event.schema->indexOf("c_varchar"))]);
    }
}

void TestMessageDecoders::canalCompatibleOld()
{
    CanalJsonDecoder decoder;
    Batch out;
    decoder.decode(message(readGolden("canal/ticdc-canal-compatible-update.json")), out);
    QCOMPARE(out.size(), std::size_t(1));
    const Record &r = out[0];
    QVERIFY2(!r.isError(), r.error.c_str());
    QCOMPARE(r.op, RowOp::Update);
    QCOMPARE(r.table->keyIndexes, (std::vector<int>{2, 1, 0}));
    QCOMPARE(r.table->columns[4].columnType, std::string("decimal(12,2)"));
    QCOMPARE(r.table->columns[4].dataType, std::string("decimal"));
    QCOMPARE(field(r, "c_balance"), Value::decimal("-10.00"));
    QCOMPARE(field(r, "c_since"), Value::dateTime("2024-05-01 10:11:12"));
    // `old` holds only the changed columns: the others of the before image are the new row's.
    QCOMPARE(r.before[4], Value::decimal("0.00"));
    QCOMPARE(r.before[6], Value::text("old data"));
    QCOMPARE(r.before[3], Value::text("BARBARBAR"));
    QCOMPARE(r.before[0], Value::integer(7));
}

void TestMessageDecoders::canalMultiRow()
{
    CanalJsonDecoder decoder;
    Batch out;
    const std::string value = readGolden("canal/canal-multirow-insert.json");
    decoder.decode(message(value), out);
    decoder.decode(message(value), out);
    QCOMPARE(out.size(), std::size_t(4));
    QCOMPARE(field(out[0], "id"), Value::unsignedInteger(1)); // bigint(20) unsigned
    QCOMPARE(field(out[1], "name"), Value::null());
    QCOMPARE(field(out[1], "score").asDouble(), 2.0);
    QCOMPARE(out[0].table->columns[0].isUnsigned, true);
    // One table version: all records share TableInfo and Schema (sinks cache per schema).
    QCOMPARE(out[0].schema.get(), out[3].schema.get());
    QCOMPARE(out[0].table.get(), out[3].table.get());
}

void TestMessageDecoders::canalDdl()
{
    CanalJsonDecoder decoder;
    Batch out;
    decoder.decode(message(readGolden("canal/ticdc-ddl-drop-column.json")), out);
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].op, RowOp::Ddl);
    QCOMPARE(out[0].statement, std::string("ALTER TABLE `people` DROP COLUMN `score`"));
    QCOMPARE(out[0].table->table, std::string("people"));
}

void TestMessageDecoders::debeziumRoundTrip_data()
{
    QTest::addColumn<int>("op");
    QTest::addColumn<bool>("schemas");
    for (bool schemas : {false, true}) {
        const char *suffix = schemas ? " with schema" : "";
        QTest::newRow((std::string("insert") + suffix).c_str()) << int(RowOp::Insert) << schemas;
        QTest::newRow((std::string("update") + suffix).c_str()) << int(RowOp::Update) << schemas;
        QTest::newRow((std::string("delete") + suffix).c_str()) << int(RowOp::Delete) << schemas;
    }
}

void TestMessageDecoders::debeziumRoundTrip()
{
    QFETCH(int, op);
    QFETCH(bool, schemas);
    const Record event = changeEvent(RowOp(op));
    DebeziumOptions options;
    options.schemas = schemas;
    if (!schemas) // without a schema a reader cannot tell Decimal bytes from text
        options.decimals = DebeziumOptions::Decimals::String;
    DebeziumJsonEncoder encoder(options, [] { return kNowMs * 1000000; });
    std::vector<EncodedMessage> encoded;
    encoder.encode(event, encoded);
    QCOMPARE(encoded.size(), std::size_t(RowOp(op) == RowOp::Delete ? 2 : 1));
    DebeziumJsonDecoder decoder;
    Batch out;
    for (const EncodedMessage &m : encoded) {
        KafkaMessage km = message(m.value, m.key, "flowdeck.test.all_types");
        km.nullValue = m.tombstone;
        decoder.decode(km, out);
    }
    QCOMPARE(out.size(), std::size_t(1)); // the tombstone after a delete changes nothing
    for (const Record &r : out) {
        QVERIFY2(!r.isError(), r.error.c_str());
        QCOMPARE(r.table->table, std::string("all_types"));
        QCOMPARE(r.table->database, std::string("test"));
    }
    const Record &r = out[0];
    QCOMPARE(int(r.op), op);
    QCOMPARE(r.commitTimeMs, kCommitMs);
    QCOMPARE(r.table->keyIndexes, std::vector<int>{0});
    // c_bigint_u is not here: Debezium's bigint.unsigned.handling.mode=long wraps 2^64-1 to -1.
    for (const char *name : {"id", "c_tinyint", "c_bigint", "c_char", "c_varchar", "c_null"}) {
        const Value &expected = event.values[std::size_t(event.schema->indexOf(name))];
        QVERIFY2(field(r, name) == expected, (std::string(name) + ": " + field(r, name).toString()).c_str());
    }
    if (schemas) {
        // The schema gives the MySQL types back.
        for (const char *name : {"c_binary", "c_blob", "c_date", "c_datetime", "c_timestamp"}) {
            const Value &expected = event.values[std::size_t(event.schema->indexOf(name))];
            QVERIFY2(field(r, name) == expected, (std::string(name) + ": " + field(r, name).toString()).c_str());
        }
        QCOMPARE(field(r, "c_time"), Value::time("-12:34:56.789"));
        QCOMPARE(field(r, "c_bit"), Value::unsignedInteger(513));
        QCOMPARE(field(r, "c_enum"), Value::text("b"));
        QCOMPARE(field(r, "c_set"), Value::text("x,z"));
        QCOMPARE(r.table->columns[std::size_t(r.schema->indexOf("c_enum"))].columnType, std::string("enum('a','b','c')"));
    } else {
        QCOMPARE(field(r, "c_date"), Value::integer(19782)); // days: without the schema, numbers stay numbers
    }
}

void TestMessageDecoders::debeziumSchemaPayload()
{
    DebeziumJsonDecoder decoder;
    Batch out;
    decoder.decode(message(readGolden("debezium/schema-payload-insert.json"), R"({"id":1004})"), out);
    QCOMPARE(out.size(), std::size_t(1));
    const Record &r = out[0];
    QVERIFY2(!r.isError(), r.error.c_str());
    QCOMPARE(r.op, RowOp::Insert);
    QCOMPARE(r.table->database, std::string("shop"));
    QCOMPARE(r.commitTimeMs, std::int64_t(1709251200000));
    QCOMPARE(field(r, "born"), Value::date("2024-02-29"));
    QCOMPARE(field(r, "seen"), Value::dateTime("2024-02-29 23:59:59.123456"));
    QCOMPARE(field(r, "amount"), Value::decimal("-2.00"));
    QCOMPARE(field(r, "state"), Value::text("paid"));
    QCOMPARE(field(r, "updated"), Value::dateTime("2024-03-01 00:00:01.5"));
    QCOMPARE(field(r, "raw"), Value::bytes(std::string("\x00\x01\xFF", 3)));
    QCOMPARE(r.table->columns[3].columnType, std::string("decimal(10,2)"));
    QCOMPARE(r.table->columns[4].columnType, std::string("enum('new','paid')"));
}

void TestMessageDecoders::debeziumPlainUpdate()
{
    DebeziumJsonDecoder decoder;
    Batch out;
    decoder.decode(message(readGolden("debezium/plain-update.json"), R"({"id":1004})"), out);
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].op, RowOp::Update);
    QCOMPARE(field(out[0], "first_name"), Value::text("Anne Marie"));
    QCOMPARE(out[0].before[1], Value::text("Anne"));
}

void TestMessageDecoders::debeziumTombstone()
{
    // A tombstone with no event before it on the topic: the table comes from the topic name.
    DebeziumJsonDecoder decoder;
    Batch out;
    KafkaMessage m = message({}, R"({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"}]},"payload":{"id":7}})",
                             "dbserver1.inventory.customers");
    m.nullValue = true;
    decoder.decode(m, out);
    QCOMPARE(out.size(), std::size_t(1));
    QVERIFY2(!out[0].isError(), out[0].error.c_str());
    QCOMPARE(out[0].op, RowOp::Delete);
    QCOMPARE(out[0].table->database, std::string("inventory"));
    QCOMPARE(out[0].table->table, std::string("customers"));
    QCOMPARE(out[0].values, std::vector<Value>{Value::integer(7)});
}

void TestMessageDecoders::json()
{
    JsonDecoder decoder;
    Batch out;
    decoder.decode(message(R"({"id":5,"name":"x","price":1.25,"ok":true,"tags":[1,2]})", R"({"id":5})", "shop.items"), out);
    KafkaMessage del = message({}, R"({"id":5})", "shop.items");
    del.nullValue = true;
    decoder.decode(del, out);
    decoder.decode(message(R"({"id":6,"name":"y","price":2.5,"ok":false,"tags":[],"_op":"d"})", R"({"id":6})", "shop.items"), out);
    QCOMPARE(out.size(), std::size_t(3));
    QCOMPARE(out[2].op, RowOp::Delete); // Flowdeck's json encoder: the deleted row plus "_op":"d"
    QCOMPARE(out[2].schema.get(), out[0].schema.get());
    QCOMPARE(out[2].schema->indexOf("_op"), -1);
    QCOMPARE(out[0].op, RowOp::Insert);
    QCOMPARE(out[0].table->database, std::string("shop"));
    QCOMPARE(out[0].table->table, std::string("items"));
    QCOMPARE(out[0].table->keyIndexes, std::vector<int>{0});
    QCOMPARE(field(out[0], "price"), Value::decimal("1.25")); // exact digits, not a double
    QCOMPARE(field(out[0], "tags"), Value::text("[1,2]"));
    QCOMPARE(out[1].op, RowOp::Delete);
    QCOMPARE(out[1].table->table, std::string("items"));
    QCOMPARE(out[1].values, std::vector<Value>{Value::integer(5)});
}

void TestMessageDecoders::badMessages_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("tombstone");
    QTest::addColumn<QString>("reason");
    QTest::newRow("canal not json") << "canal-json" << "{\"type\":" << false << "not valid JSON (unexpected end of the text)";
    QTest::newRow("canal array") << "canal-json" << "[1]" << false << "not a JSON object";
    QTest::newRow("canal no data") << "canal-json" << R"({"database":"d","table":"t","type":"INSERT","data":null})" << false
                                   << "a INSERT without rows in \"data\"";
    QTest::newRow("canal bad int") << "canal-json"
                                   << R"({"database":"d","table":"t","type":"INSERT","mysqlType":{"id":"int"},"data":[{"id":"x1"}]})"
                                   << false << "column `id` (int): 'x1' is not an integer";
    QTest::newRow("canal unknown type") << "canal-json" << R"({"database":"d","table":"t","type":"MERGE","data":[{"id":"1"}]})"
                                        << false << "unknown type \"MERGE\"";
    QTest::newRow("canal null") << "canal-json" << "" << true << "canal-json message without a value";
    QTest::newRow("debezium no op") << "debezium-json" << R"({"after":{"id":1},"source":{"db":"d","table":"t"}})" << false
                                    << "no \"op\" (c, u, d or r)";
    QTest::newRow("debezium bad date") << "debezium-json"
                                       << R"({"schema":{"fields":[{"field":"after","fields":[{"field":"d","type":"int32","name":"io.debezium.time.Date"}]}]},"payload":{"op":"c","after":{"d":"x"},"source":{"db":"d","table":"t"}}})"
                                       << false << "column `d`: expected an integer for io.debezium.time.Date, got \"x\"";
    QTest::newRow("debezium tombstone without key") << "debezium-json" << "" << true
                                                    << "a tombstone (null value) whose key is not a JSON object of key columns";
    QTest::newRow("json text") << "json" << "hello" << false << "not valid JSON";
}

void TestMessageDecoders::badMessages()
{
    QFETCH(QString, protocol);
    QFETCH(QString, value);
    QFETCH(bool, tombstone);
    QFETCH(QString, reason);
    auto decoder = MessageDecoder::create(protocol.toStdString());
    Batch out;
    const std::string v = value.toStdString();
    KafkaMessage m = message(v, "", "orders");
    m.nullValue = tombstone;
    decoder->decode(m, out);
    QCOMPARE(out.size(), std::size_t(1));
    QVERIFY(out[0].isError());
    QCOMPARE(QString::fromStdString(out[0].error),
             QStringLiteral("cannot decode the message at topic orders partition 3 offset 42: ") + reason);
    QCOMPARE(out[0].position.toString(), std::string("orders[3]@42"));
    QCOMPARE(QString::fromStdString(out[0].raw), tombstone ? QStringLiteral("null") : value);
}

QTEST_GUILESS_MAIN(TestMessageDecoders)
#include "tst_messagedecoders.moc"
