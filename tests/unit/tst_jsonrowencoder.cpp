#include "core/model/errors.h"
#include "core/codec/jsonrowencoder.h"
#include "tests/common/encodertestdata.h"
#include "tests/common/testsupport.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace flowdeck;

using namespace flowdeck::test;

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
