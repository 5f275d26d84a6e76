// Decoding messages as TiCDC and Debezium write them, where a value or a message would reach a
// replica wrong: ENUM/SET members, TiCDC's watermark and large-message forms, Debezium's
// DECIMAL beyond 16 bytes, time.precision.mode=connect, the tombstone after a delete, and the
// untyped (schemaless) form a MySQL destination reads by its column types.
#include "core/codec/canaljsondecoder.h"
#include "core/codec/debeziumjsondecoder.h"
#include "core/codec/jsondecoder.h"
#include "core/mysql/mysqlvaluefit.h"
#include "core/mysql/mysqlwirevalue.h"

#include <QTest>

using namespace flowdeck;

Q_DECLARE_METATYPE(flowdeck::Value)

namespace {

KafkaMessage message(std::string_view value, std::string_view key = {}, const char *topic = "t", std::int32_t partition = 0)
{
    KafkaMessage m;
    m.topic = topic;
    m.partition = partition;
    m.offset = 7;
    m.key = key;
    m.value = value;
    m.nullValue = value.empty();
    return m;
}

std::string canalRow(const std::string &type, const std::string &value)
{
    return R"({"id":0,"database":"d","table":"t","pkNames":["id"],"isDdl":false,"type":"INSERT","es":1,"ts":2,"sql":"",)"
           R"("sqlType":{"id":4,"c":4},"mysqlType":{"id":"int","c":")" + type + R"("},"old":null,"data":[{"id":"1","c":)" + value + "}]}";
}

MySqlColumn column(MySqlColumnKind kind, unsigned fsp = 0, unsigned scale = 0)
{
    MySqlColumn c;
    c.name = "c";
    c.typeText = "x";
    c.kind = kind;
    c.fractionalDigits = fsp;
    c.scale = scale;
    return c;
}

} // namespace

class TestFidelityDecoders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void canalEnumSet_data();
    void canalEnumSet();
    void canalWatermarkIsSkipped();
    void canalHandleKeyOnlyIsRefused();
    void debeziumDecimal_data();
    void debeziumDecimal();
    void debeziumConnectTypes();
    void debeziumTombstoneAfterDelete();
    void debeziumGeometry();
    void debeziumUnsignedBigint();
    void zeroDatesFit_data();
    void zeroDatesFit();
    void yearZeroFit();
    void schemalessMarksTheTable();
    void wireValues_data();
    void wireValues();
};

void TestFidelityDecoders::canalEnumSet_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("valueType");
    QTest::addColumn<QString>("text");
    // TiCDC (content-compatible=false): the bare type, the number stays for the destination.
    QTest::newRow("enum index, bare type") << "enum" << "\"2\"" << int(ValueType::UInt) << "2";
    // With the member list (Canal, content-compatible=true): the member text.
    QTest::newRow("enum index, members") << "enum('a','b','c')" << "\"2\"" << int(ValueType::Text) << "b";
    QTest::newRow("set mask, members") << "set('x','y','z')" << "\"5\"" << int(ValueType::Text) << "x,z";
    QTest::newRow("set empty mask") << "set('x','y')" << "\"0\"" << int(ValueType::Text) << "";
    QTest::newRow("enum member text") << "enum('a','b')" << "\"b\"" << int(ValueType::Text) << "b";
    QTest::newRow("enum quote in member") << "enum('it''s','b')" << "\"1\"" << int(ValueType::Text) << "it's";
}

void TestFidelityDecoders::canalEnumSet()
{
    QFETCH(QString, type);
    QFETCH(QString, value);
    QFETCH(int, valueType);
    QFETCH(QString, text);
    CanalJsonDecoder decoder;
    Batch out;
    const std::string v = canalRow(type.toStdString(), value.toStdString());
    decoder.decode(message(v), out);
    QCOMPARE(out.size(), std::size_t(1));
    QVERIFY2(!out[0].isError(), out[0].error.c_str());
    QCOMPARE(int(out[0].values[1].type()), valueType);
    QCOMPARE(QString::fromStdString(out[0].values[1].toString()), text);
}

void TestFidelityDecoders::canalWatermarkIsSkipped()
{
    CanalJsonDecoder decoder;
    Batch out;
    decoder.decode(message(R"({"id":0,"database":"","table":"","pkNames":null,"isDdl":false,"type":"TIDB_WATERMARK","es":1,"ts":2,)"
                           R"("sql":"","sqlType":null,"mysqlType":null,"data":null,"old":null,"_tidb":{"watermarkTs":429918007904436226}})"),
                   out);
    QCOMPARE(out.size(), std::size_t(0));
}

void TestFidelityDecoders::canalHandleKeyOnlyIsRefused()
{
    CanalJsonDecoder decoder;
    Batch out;
    decoder.decode(message(R"({"id":0,"database":"d","table":"t","pkNames":["id"],"isDdl":false,"type":"INSERT","es":1,"ts":2,"sql":"",)"
                           R"("sqlType":{"id":4},"mysqlType":{"id":"int"},"old":null,"data":[{"id":"1"}],)"
                           R"("_tidb":{"commitTs":429918007904436226,"onlyHandleKey":true}})"),
                   out);
    QCOMPARE(out.size(), std::size_t(1));
    QVERIFY(out[0].isError());
    QVERIFY2(out[0].error.find("only the handle key") != std::string::npos, out[0].error.c_str());
}

void TestFidelityDecoders::debeziumDecimal_data()
{
    QTest::addColumn<QString>("base64");
    QTest::addColumn<int>("scale");
    QTest::addColumn<QString>("decimal");
    QTest::newRow("small") << "BNI=" << 2 << "12.34";           // 0x04D2 = 1234
    QTest::newRow("negative") << "+y4=" << 2 << "-12.34";       // 0xFB2E = -1234
    QTest::newRow("zero scale 0") << "AA==" << 0 << "0";
    QTest::newRow("leading zeros") << "AQ==" << 5 << "0.00001";
    // DECIMAL(65,30) maximum: 65 nines, 28 bytes (beyond the 16 of a 128-bit integer).
    QTest::newRow("decimal(65,30) max") << "APMWJxx/w5CKi+9GTjlF73olNgn//////////w==" << 30
                                        << "99999999999999999999999999999999999.999999999999999999999999999999";
    QTest::newRow("decimal(65,30) min") << "/wzp2OOAPG91dBC5sca6EIXayfYAAAAAAAAAAQ==" << 30
                                        << "-99999999999999999999999999999999999.999999999999999999999999999999";
}

void TestFidelityDecoders::debeziumDecimal()
{
    QFETCH(QString, base64);
    QFETCH(int, scale);
    QFETCH(QString, decimal);
    const nlohmann::ordered_json field = {{"type", "bytes"}, {"name", "org.apache.kafka.connect.data.Decimal"},
                                          {"parameters", {{"scale", std::to_string(scale)}}}};
    const DebeziumJsonDecoder::FieldType type = DebeziumJsonDecoder::fieldType(field);
    Value v;
    std::string reason;
    QVERIFY2(DebeziumJsonDecoder::typedValue(nlohmann::ordered_json(base64.toStdString()), type, v, reason), reason.c_str());
    QCOMPARE(v.type(), ValueType::Decimal);
    QCOMPARE(QString::fromStdString(v.str()), decimal);
}

void TestFidelityDecoders::debeziumConnectTypes()
{
    auto typed = [](const char *name, long long n) {
        const DebeziumJsonDecoder::FieldType type = DebeziumJsonDecoder::fieldType({{"type", "int64"}, {"name", name}});
        Value v;
        std::string reason;
        DebeziumJsonDecoder::typedValue(nlohmann::ordered_json(n), type, v, reason);
        return std::make_pair(type.mysqlType, v);
    };
    QCOMPARE(typed("org.apache.kafka.connect.data.Date", 19782), std::make_pair(std::string("date"), Value::date("2024-02-29")));
    QCOMPARE(typed("org.apache.kafka.connect.data.Time", 45296789),
             std::make_pair(std::string("time(3)"), Value::time("12:34:56.789")));
    QCOMPARE(typed("org.apache.kafka.connect.data.Timestamp", 1709251199123),
             std::make_pair(std::string("datetime(3)"), Value::dateTime("2024-02-29 23:59:59.123")));
    QCOMPARE(typed("io.debezium.time.NanoTime", 3723000001000LL).second, Value::time("01:02:03.000001"));
}

// Debezium sends a tombstone after each delete: the row is gone already, the tombstone does
// nothing. A tombstone that follows anything else is a delete by its key (log compaction).
void TestFidelityDecoders::debeziumTombstoneAfterDelete()
{
    DebeziumJsonDecoder decoder;
    Batch out;
    const char *key = R"({"id":1})";
    decoder.decode(message(R"({"before":{"id":1,"v":"a"},"after":null,"source":{"db":"d","table":"t"},"op":"d"})", key, "s.d.t"), out);
    decoder.decode(message({}, key, "s.d.t"), out);
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].op, RowOp::Delete);
    // Another partition's tombstone of the same key, and a second tombstone: deletes.
    decoder.decode(message({}, key, "s.d.t", 1), out);
    decoder.decode(message({}, key, "s.d.t"), out);
    QCOMPARE(out.size(), std::size_t(3));
    QCOMPARE(out[1].op, RowOp::Delete);
    QCOMPARE(out[2].op, RowOp::Delete);
    // A tombstone of another key after a delete: a delete of that key.
    decoder.decode(message(R"({"before":{"id":1,"v":"a"},"after":null,"source":{"db":"d","table":"t"},"op":"d"})", key, "s.d.t"), out);
    decoder.decode(message({}, R"({"id":2})", "s.d.t"), out);
    QCOMPARE(out.size(), std::size_t(5));
    QCOMPARE(out[4].values, std::vector<Value>{Value::integer(2)});
}

void TestFidelityDecoders::schemalessMarksTheTable()
{
    Batch out;
    DebeziumJsonDecoder debezium;
    debezium.decode(message(R"({"before":null,"after":{"id":1,"d":19782},"source":{"db":"d","table":"t"},"op":"c"})", R"({"id":1})"), out);
    debezium.decode(message(R"({"schema":{"type":"struct","fields":[{"field":"after","type":"struct","fields":[{"field":"id","type":"int32"},)"
                            R"({"field":"d","type":"int32","name":"io.debezium.time.Date"}]}]},"payload":{"before":null,"after":{"id":1,"d":19782},)"
                            R"("source":{"db":"d","table":"t"},"op":"c"}})",
                            R"({"id":1})"),
                    out);
    JsonDecoder json;
    json.decode(message(R"({"id":1,"b":"AP8="})", R"({"id":1})", "d.t"), out);
    QCOMPARE(out.size(), std::size_t(3));
    QCOMPARE(out[0].table->wireValues, WireValues::DebeziumSchemaless);
    QCOMPARE(out[1].table->wireValues, WireValues::DebeziumTyped);
    QCOMPARE(out[1].values[1], Value::date("2024-02-29"));
    QCOMPARE(out[2].table->wireValues, WireValues::JsonUntyped);
}

void TestFidelityDecoders::wireValues_data()
{
    QTest::addColumn<int>("wire");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("fsp");
    QTest::addColumn<int>("scale");
    QTest::addColumn<Value>("in");
    QTest::addColumn<Value>("out");
    const int dbz = int(WireValues::DebeziumSchemaless), json = int(WireValues::JsonUntyped), typed = int(WireValues::Typed);
    using K = MySqlColumnKind;
    QTest::newRow("date days") << dbz << int(K::Date) << 0 << 0 << Value::integer(19782) << Value::date("2024-02-29");
    QTest::newRow("date before 1970") << dbz << int(K::Date) << 0 << 0 << Value::integer(-719162) << Value::date("0001-01-01");
    QTest::newRow("datetime(3) ms") << dbz << int(K::DateTime) << 3 << 0 << Value::integer(1709251199123)
                                    << Value::dateTime("2024-02-29 23:59:59.123000");
    QTest::newRow("datetime(6) us") << dbz << int(K::DateTime) << 6 << 0 << Value::integer(-1)
                                    << Value::dateTime("1969-12-31 23:59:59.999999");
    QTest::newRow("time us negative >24h") << dbz << int(K::Time) << 6 << 0 << Value::integer(-3020399000000LL)
                                           << Value::time("-838:59:59.000000");
    QTest::newRow("decimal base64") << dbz << int(K::Decimal) << 0 << 2 << Value::text("+y4=") << Value::decimal("-12.34");
    QTest::newRow("decimal string stays") << dbz << int(K::Decimal) << 0 << 2 << Value::text("12.34") << Value::text("12.34");
    QTest::newRow("bit base64 little-endian") << dbz << int(K::Bit) << 0 << 0 << Value::text("AQI=") << Value::bytes("\x02\x01");
    QTest::newRow("binary base64") << dbz << int(K::Binary) << 0 << 0 << Value::text("AP8=") << Value::bytes(std::string("\0\xff", 2));
    QTest::newRow("json binary base64") << json << int(K::Binary) << 0 << 0 << Value::text("AP8=") << Value::bytes(std::string("\0\xff", 2));
    QTest::newRow("json date stays text") << json << int(K::Date) << 0 << 0 << Value::text("2024-02-29") << Value::text("2024-02-29");
    QTest::newRow("typed binary stays") << typed << int(K::Binary) << 0 << 0 << Value::text("AP8=") << Value::text("AP8=");
    QTest::newRow("json geometry base64") << json << int(K::Geometry) << 0 << 0 << Value::text("AAAAAAEBAAAA")
                                          << Value::bytes(std::string("\0\0\0\0\x01\x01\0\0\0", 9));
}

void TestFidelityDecoders::wireValues()
{
    QFETCH(int, wire);
    QFETCH(int, kind);
    QFETCH(int, fsp);
    QFETCH(int, scale);
    QFETCH(Value, in);
    QFETCH(Value, out);
    Value scratch;
    std::string reason;
    const Value *read = wireValueFor(in, WireValues(wire), column(MySqlColumnKind(kind), unsigned(fsp), unsigned(scale)), scratch, reason);
    QVERIFY2(read, reason.c_str());
    QCOMPARE(*read, out);
}

// io.debezium.data.geometry.Geometry / Point back to the server's internal form (SRID, WKB),
// with the schema and without.
void TestFidelityDecoders::debeziumGeometry()
{
    const std::string wkb = "AQEAAAAAAAAAAADwPwAAAAAAAABA"; // POINT(1 2)
    const std::string point = std::string("\x01\x01\0\0\0", 5) + std::string("\0\0\0\0\0\0\xF0\x3F\0\0\0\0\0\0\0\x40", 16);
    Batch out;
    DebeziumJsonDecoder debezium;
    debezium.decode(message(R"({"before":null,"after":{"id":1,"g":{"wkb":")" + wkb + R"(","srid":4326},"p":{"x":1.0,"y":2.0,"wkb":")" + wkb
                                + R"(","srid":null}},"source":{"db":"d","table":"t"},"op":"c"})",
                            R"({"id":1})"),
                    out);
    debezium.decode(message(R"({"schema":{"type":"struct","fields":[{"field":"after","type":"struct","fields":[{"field":"id","type":"int32"},)"
                            R"({"field":"g","type":"struct","name":"io.debezium.data.geometry.Geometry","fields":[]}]}]},)"
                            R"("payload":{"before":null,"after":{"id":1,"g":{"wkb":")" + wkb + R"(","srid":0}},"source":{"db":"d","table":"u"},"op":"c"}})",
                            R"({"id":1})"),
                    out);
    debezium.decode(message(R"({"before":null,"after":{"id":1,"g":{"wkb":"!!","srid":1}},"source":{"db":"d","table":"t"},"op":"c"})", R"({"id":1})"), out);
    // An older Debezium's Point: x and y, no WKB.
    debezium.decode(message(R"({"before":null,"after":{"id":1,"g":{"x":1.0,"y":2,"wkb":null,"srid":null}},"source":{"db":"d","table":"v"},"op":"c"})",
                            R"({"id":1})"),
                    out);
    QCOMPARE(out.size(), std::size_t(4));
    QVERIFY2(!out[3].isError(), out[3].error.c_str());
    QCOMPARE(out[3].values[1], Value::bytes(std::string(4, '\0') + point));
    QVERIFY2(!out[0].isError(), out[0].error.c_str());
    QCOMPARE(out[0].values[1], Value::bytes(std::string("\xE6\x10\0\0", 4) + point));
    QCOMPARE(out[0].values[2], Value::bytes(std::string(4, '\0') + point));
    QVERIFY2(!out[1].isError(), out[1].error.c_str());
    QCOMPARE(out[1].table->columns[1].dataType, std::string("geometry"));
    QCOMPARE(out[1].values[1], Value::bytes(std::string(4, '\0') + point));
    QVERIFY(out[2].isError()); // not base64: refused, never written as text
}

// bigint.unsigned.handling.mode=long: a negative number for a BIGINT UNSIGNED column is the
// wrapped value, with the schema or without; a signed column keeps it.
void TestFidelityDecoders::debeziumUnsignedBigint()
{
    MySqlColumn c = column(MySqlColumnKind::Integer);
    c.isUnsigned = true;
    c.maxInt = UINT64_MAX;
    for (WireValues wire : {WireValues::DebeziumSchemaless, WireValues::DebeziumTyped}) {
        Value scratch;
        std::string reason;
        const Value *read = wireValueFor(Value::integer(-1), wire, c, scratch, reason);
        QVERIFY(read);
        QCOMPARE(*read, Value::unsignedInteger(UINT64_MAX));
    }
    Value scratch;
    std::string reason;
    QCOMPARE(*wireValueFor(Value::integer(-1), WireValues::JsonUntyped, c, scratch, reason), Value::integer(-1));
    c.isUnsigned = false;
    c.maxInt = INT64_MAX;
    QCOMPARE(*wireValueFor(Value::integer(-1), WireValues::DebeziumTyped, c, scratch, reason), Value::integer(-1));
}

void TestFidelityDecoders::zeroDatesFit_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("replica"); // what a replica's column sends; "" = refused
    using K = MySqlColumnKind;
    QTest::newRow("zero date") << int(K::Date) << "0000-00-00" << "0000-00-00";
    QTest::newRow("zero in date") << int(K::Date) << "2024-00-15" << "2024-00-15";
    QTest::newRow("zero day") << int(K::Date) << "2024-03-00" << "2024-03-00";
    QTest::newRow("invalid day stays refused") << int(K::Date) << "2024-02-30" << "";
    QTest::newRow("zero datetime") << int(K::DateTime) << "0000-00-00 00:00:00" << "0000-00-00 00:00:00";
    QTest::newRow("zero in datetime") << int(K::DateTime) << "2024-00-00 10:11:12" << "2024-00-00 10:11:12";
    QTest::newRow("zero datetime with a zone") << int(K::DateTime) << "2024-00-00T10:11:12+02:00" << "";
    QTest::newRow("zero timestamp") << int(K::Timestamp) << "0000-00-00 00:00:00" << "0000-00-00 00:00:00";
    QTest::newRow("timestamp epoch is zero") << int(K::Timestamp) << "1970-01-01 00:00:00" << "0000-00-00 00:00:00";
    QTest::newRow("zero in timestamp refused") << int(K::Timestamp) << "2024-00-15 00:00:00" << "";
}

// A replica's columns (zeroDates) take zero dates as MySQL prints them; other columns refuse them.
void TestFidelityDecoders::zeroDatesFit()
{
    QFETCH(int, kind);
    QFETCH(QString, in);
    QFETCH(QString, replica);
    MySqlColumn c = column(MySqlColumnKind(kind));
    const Value value = Value::text(in.toStdString());
    MySqlValueArena arena;
    MySqlCell cell;
    std::string reason;
    QVERIFY(!fitMySqlValue(value, c, cell, arena, reason)); // without zeroDates: refused
    c.zeroDates = true;
    reason.clear();
    const bool ok = fitMySqlValue(value, c, cell, arena, reason);
    QCOMPARE(ok, !replica.isEmpty());
    if (ok)
        QCOMPARE(QString::fromUtf8(cell.data, qsizetype(cell.size)), replica);
}

// YEAR 0 goes as "0000": the server reads the string "0" as 2000.
void TestFidelityDecoders::yearZeroFit()
{
    MySqlColumn c = column(MySqlColumnKind::Year);
    MySqlValueArena arena;
    MySqlCell cell;
    std::string reason;
    QVERIFY(fitMySqlValue(Value::integer(0), c, cell, arena, reason));
    QCOMPARE(std::string(cell.data, cell.size), std::string("0000"));
    QVERIFY(fitMySqlValue(Value::text("0"), c, cell, arena, reason));
    QCOMPARE(std::string(cell.data, cell.size), std::string("0000"));
    QVERIFY(fitMySqlValue(Value::integer(2155), c, cell, arena, reason));
    QCOMPARE(std::string(cell.data, cell.size), std::string("2155"));
}

QTEST_GUILESS_MAIN(TestFidelityDecoders)
#include "tst_fidelitydecoders.moc"
