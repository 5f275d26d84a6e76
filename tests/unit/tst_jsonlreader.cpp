#include "tests/common/testsupport.h"
#include "core/file/jsonlreader.h"

#include <QTest>

#include <set>

using namespace flowdeck;

namespace {

const std::size_t kBlockSizes[] = {1, 2, 5, BlockInput::kDefaultBlockSize};

// "a=1 b=null c=x" for a record (field=value in schema order), "3:5 ! reason" for an error.
std::string render(const Record &r)
{
    std::string s = std::to_string(r.position.line) + ':';
    if (r.isError())
        return s + std::to_string(r.position.column) + " ! " + r.error;
    const auto &names = r.schema->names();
    for (std::size_t i = 0; i < names.size(); ++i)
        s += ' ' + names[i] + '=' + (r.values.at(i).isNull() ? std::string("null") : r.values[i].toString());
    return s;
}

std::vector<Record> readAll(JsonlReader &reader)
{
    std::vector<Record> records;
    Record r;
    while (reader.next(r))
        records.push_back(r);
    return records;
}

QStringList renderAll(const std::vector<Record> &records)
{
    QStringList out;
    for (const Record &r : records)
        out << QString::fromStdString(render(r));
    return out;
}

std::vector<Record> readString(const QByteArray &input, std::size_t blockSize = BlockInput::kDefaultBlockSize)
{
    JsonlReader reader;
    reader.setBlockSize(blockSize);
    reader.openString(input.toStdString(), "t.jsonl");
    return readAll(reader);
}

} // namespace

class TestJsonlReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typing_data();
    void typing();
    void errors_data();
    void errors();
    void schemaGrows_data();
    void schemaGrows();
    void positions_data();
    void positions();
    void seekResumes_data();
    void seekResumes();
    void dataFile();
};

void TestJsonlReader::typing_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("expectedType");
    QTest::addColumn<QString>("expectedText");
    auto row = [](const char *name, const char *json, ValueType type, const char *text) {
        QTest::newRow(name) << QByteArray(json) << int(type) << QString::fromUtf8(text);
    };
    row("null", "null", ValueType::Null, "");
    row("true", "true", ValueType::Bool, "true");
    row("false", "false", ValueType::Bool, "false");
    row("int", "42", ValueType::Int, "42");
    row("zero", "0", ValueType::Int, "0");
    row("negative int", "-7", ValueType::Int, "-7");
    row("INT64_MAX", "9223372036854775807", ValueType::Int, "9223372036854775807");
    row("INT64_MIN", "-9223372036854775808", ValueType::Int, "-9223372036854775808");
    row("INT64_MAX + 1 is unsigned", "9223372036854775808", ValueType::UInt, "9223372036854775808");
    row("UINT64_MAX", "18446744073709551615", ValueType::UInt, "18446744073709551615");
    row("beyond 64 bits: exact decimal", "18446744073709551616", ValueType::Decimal, "18446744073709551616");
    row("below INT64_MIN: exact decimal", "-9223372036854775809", ValueType::Decimal, "-9223372036854775809");
    row("exact decimal", "12345678901234567890.0123456789", ValueType::Decimal, "12345678901234567890.0123456789");
    row("trailing zero kept", "1.50", ValueType::Decimal, "1.50");
    row("negative decimal", "-0.001", ValueType::Decimal, "-0.001");
    row("exponent", "1e3", ValueType::Double, "1000");
    row("negative exponent", "2.5E-3", ValueType::Double, "0.0025");
    row("fraction and exponent", "1.0e+2", ValueType::Double, "100");
    row("string", "\"text\"", ValueType::Text, "text");
    row("escaped string", "\"\\u00e9\\n\\\"\"", ValueType::Text, "é\n\"");
    row("empty string", "\"\"", ValueType::Text, "");
    row("object as compact JSON", "{ \"a\" : [ 1 , 2.50 , \"q\\\"\" ] , \"b\" : { } }", ValueType::Text,
        "{\"a\":[1,2.50,\"q\\\"\"],\"b\":{}}");
    row("empty array", "[ ]", ValueType::Text, "[]");
    row("nested arrays", "[[1],[true,null,{\"x\":-3,\"y\":1e5}]]", ValueType::Text,
        "[[1],[true,null,{\"x\":-3,\"y\":1e5}]]");
    row("control characters escaped in nested", "[\"a\\tb\\u0001\"]", ValueType::Text, "[\"a\\tb\\u0001\"]");
}

void TestJsonlReader::typing()
{
    QFETCH(QByteArray, json);
    QFETCH(int, expectedType);
    QFETCH(QString, expectedText);
    const std::vector<Record> records = readString("{\"k\":\"first\",\"v\":" + json + ",\"z\":1}\n");
    QCOMPARE(records.size(), std::size_t(1));
    const Record &r = records[0];
    QVERIFY2(!r.isError(), r.error.c_str());
    const Value *v = r.field("v");
    QVERIFY(v);
    QCOMPARE(valueTypeName(v->type()), valueTypeName(ValueType(expectedType)));
    QCOMPARE(QString::fromStdString(v->toString()), expectedText);
    // The fields around it are unaffected (nested values do not leak into the next key).
    QCOMPARE(r.field("k")->str(), std::string("first"));
    QCOMPARE(r.field("z")->asInt(), std::int64_t(1));
}

void TestJsonlReader::errors_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");
    auto row = [](const char *name, const QByteArray &line, const char *expected) {
        QTest::newRow(name) << line << QString::fromUtf8(expected);
    };
    row("trailing comma", "{\"a\":1,}",
        "2:8 ! invalid JSON: syntax error while parsing object key - unexpected '}'; expected string literal");
    row("column in characters", "{\"\xC3\xA9\xC3\xA9\":1,}",
        "2:9 ! invalid JSON: syntax error while parsing object key - unexpected '}'; expected string literal");
    row("invalid literal", "{\"a\":tru}", "2:9 ! invalid JSON: syntax error while parsing value - invalid literal");
    row("cut short", "{\"a\":",
        "2:6 ! invalid JSON: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal");
    row("garbage after the object", "{\"a\":1} x",
        "2:9 ! invalid JSON: syntax error while parsing value - invalid literal; expected end of input");
    row("array", "[1,2]", "2:1 ! expected a JSON object, found an array");
    row("number after spaces", "  42", "2:3 ! expected a JSON object, found a number");
    row("string", "\"x\"", "2:1 ! expected a JSON object, found a string");
    row("null", "null", "2:1 ! expected a JSON object, found null");
    row("invalid UTF-8", "{\"\xC3\xA9\":\"\xFF\"}", "2:7 ! invalid UTF-8 byte 0xFF");
    row("UTF-8 surrogate", "{\"a\":\"\xED\xA0\x80\"}", "2:7 ! invalid UTF-8 byte 0xED");
}

void TestJsonlReader::errors()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    for (std::size_t blockSize : kBlockSizes) {
        const std::vector<Record> records = readString("{\"ok\":1}\n" + line + "\r\n{\"ok\":2}\n", blockSize);
        QCOMPARE(renderAll(records),
                 (QStringList{QStringLiteral("1: ok=1"), expected, QStringLiteral("3: ok=2")}));
        QCOMPARE(QByteArray::fromStdString(records[1].raw), line);
        QVERIFY(records[1].values.empty());
    }
}

void TestJsonlReader::schemaGrows_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("expectedSchemas"); // distinct SchemaPtrs among the records
    QTest::addColumn<QString>("expectedFinal");
    QTest::newRow("new keys mid-file")
        << QByteArray("{\"a\":1,\"b\":2}\n{\"b\":3,\"a\":4}\n{\"a\":5,\"c\":6}\n{\"c\":7}\n")
        << QStringList{QStringLiteral("1: a=1 b=2"), QStringLiteral("2: a=4 b=3"),
                       QStringLiteral("3: a=5 b=null c=6"), QStringLiteral("4: a=null b=null c=7")}
        << 2 << QStringLiteral("a,b,c");
    QTest::newRow("a bad line's keys are not added")
        << QByteArray("{\"a\":1}\n{\"d\":1,\"e\":}\n{\"a\":2,\"f\":3}\n")
        << QStringList{QStringLiteral("1: a=1"),
                       QStringLiteral("2:12 ! invalid JSON: syntax error while parsing value - unexpected '}'; "
                                      "expected '[', '{', or a literal"),
                       QStringLiteral("3: a=2 f=3")}
        << 2 << QStringLiteral("a,f"); // the error record keeps the schema it was read with
    QTest::newRow("duplicate key: last wins")
        << QByteArray("{\"a\":1,\"a\":2}\n") << QStringList{QStringLiteral("1: a=2")} << 1 << QStringLiteral("a");
    QTest::newRow("empty object") << QByteArray("{}\n{\"x\":1}\n")
                                  << QStringList{QStringLiteral("1:"), QStringLiteral("2: x=1")} << 2
                                  << QStringLiteral("x");
}

void TestJsonlReader::schemaGrows()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    QFETCH(int, expectedSchemas);
    QFETCH(QString, expectedFinal);
    JsonlReader reader;
    reader.openString(input.toStdString(), "t.jsonl");
    const std::vector<Record> records = readAll(reader);
    QCOMPARE(renderAll(records), expected);
    std::set<const Schema *> schemas;
    for (const Record &r : records)
        schemas.insert(r.schema.get());
    QCOMPARE(int(schemas.size()), expectedSchemas);
    QString final;
    for (const std::string &n : reader.schema()->names())
        final += (final.isEmpty() ? QString() : QStringLiteral(",")) + QString::fromStdString(n);
    QCOMPARE(final, expectedFinal);
}

void TestJsonlReader::positions_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected"); // "line-endLine offset-endOffset"
    QTest::newRow("BOM, CRLF, blank lines, no final break")
        << QByteArray("\xEF\xBB\xBF{\"a\":1}\r\n\n  \r\n{\"a\":2}\n{\"a\":3}")
        << QStringList{QStringLiteral("1-2 3-12"), QStringLiteral("4-5 17-25"), QStringLiteral("5-5 25-32")};
    QTest::newRow("blank lines at the end") << QByteArray("{}\n\n\n") << QStringList{QStringLiteral("1-2 0-3")};
    QTest::newRow("only blank lines") << QByteArray("\n \n") << QStringList();
}

void TestJsonlReader::positions()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    for (std::size_t blockSize : kBlockSizes) {
        QStringList actual;
        for (const Record &r : readString(input, blockSize)) {
            QVERIFY2(!r.isError(), r.error.c_str());
            QCOMPARE(r.position.source, std::string("t.jsonl"));
            actual << QStringLiteral("%1-%2 %3-%4")
                          .arg(r.position.line)
                          .arg(r.position.endLine)
                          .arg(r.position.offset)
                          .arg(r.position.endOffset);
        }
        QCOMPARE(actual, expected);
    }
}

void TestJsonlReader::seekResumes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("mixed") << QByteArray("\xEF\xBB\xBF{\"a\":1}\n\n{\"b\":2}\r\n[3]\n{\"a\":4,\"c\":1.25}");
    QTest::newRow("one line") << QByteArray("{\"a\":1}\n");
}

// Seeking to the end of any record yields exactly the records after it, with their lines.
void TestJsonlReader::seekResumes()
{
    QFETCH(QByteArray, input);
    const std::vector<Record> records = readString(input);
    QVERIFY(!records.empty());
    for (std::size_t i = 0; i < records.size(); ++i) {
        JsonlReader resumed;
        resumed.setBlockSize(2);
        resumed.openString(input.toStdString(), "t.jsonl");
        resumed.seek(records[i].position.endOffset, records[i].position.endLine);
        QStringList expected;
        for (std::size_t j = i + 1; j < records.size(); ++j)
            expected << QString::number(records[j].position.line) + QLatin1Char(' ')
                            + QString::fromStdString(records[j].isError() ? records[j].error : records[j].values.back().toString());
        QStringList actual;
        for (const Record &r : readAll(resumed))
            actual << QString::number(r.position.line) + QLatin1Char(' ')
                          + QString::fromStdString(r.isError() ? r.error : r.values.back().toString());
        QCOMPARE(actual, expected);
    }
}

void TestJsonlReader::dataFile()
{
    JsonlReader reader;
    reader.openFile(test::dataPath("jsonl/events.jsonl"), "jsonl/events.jsonl");
    QCOMPARE(reader.schema()->names(), (std::vector<std::string>{"id", "kind", "amount"}));
    QCOMPARE(renderAll(readAll(reader)),
             (QStringList{
                 QStringLiteral("1: id=1 kind=signup amount=12.50"),
                 QStringLiteral("3: id=2 kind=order amount=12345678901234567890.0123456789 tags=[\"a\",\"b\"]"),
                 QString::fromUtf8("4: id=3 kind=refund amount=null tags=null score=150 "
                                   "meta={\"by\":\"éric\",\"n\":null}"),
                 QStringLiteral("5:22 ! invalid JSON: syntax error while parsing object key - unexpected '}'; "
                                "expected string literal"),
                 QStringLiteral("6: id=18446744073709551615 kind=null amount=null tags=null score=null "
                                "meta=null active=true"),
             }));
    QCOMPARE(reader.offset(), reader.totalSize());
}

QTEST_GUILESS_MAIN(TestJsonlReader)
#include "tst_jsonlreader.moc"
