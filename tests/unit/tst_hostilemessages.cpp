// Decoders never throw past decode(): every hostile message becomes exactly one error record
// naming its position and the reason, and the next message decodes as usual.
#include "core/codec/messagedecoder.h"

#include <QTest>

using namespace flowdeck;

namespace {

std::string nested(int depth)
{
    return std::string(std::size_t(depth), '[') + std::string(std::size_t(depth), ']');
}

const char *const kGoodCanal = R"({"database":"shop","table":"t","pkNames":["id"],"isDdl":false,"type":"INSERT","es":1,"ts":1,)"
                               R"("mysqlType":{"id":"int"},"data":[{"id":"1"}],"old":null})";
const char *const kGoodDebezium = R"({"before":null,"after":{"id":1},"source":{"db":"shop","table":"t","ts_ms":1},"op":"c"})";
const char *const kGoodJson = R"({"id":1})";

} // namespace

class TestHostileMessages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hostile_data();
    void hostile();
};

void TestHostileMessages::hostile_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("reason"); // part of the error
    const QByteArray deepValue = QByteArray::fromStdString(R"({"after":{"id":)" + nested(100000) + "}}");
    for (const char *protocol : {"canal-json", "debezium-json", "json"}) {
        const QString p = QString::fromLatin1(protocol);
        auto row = [&](const char *name, const QByteArray &value, const char *reason) {
            QTest::addRow("%s: %s", protocol, name) << p << value << QByteArray(reason);
        };
        row("100,000-deep nesting", deepValue, "nested deeper than 128 levels");
        row("129 levels", QByteArray::fromStdString("{\"a\":" + nested(128) + "}"), "nested deeper than 128 levels");
        row("truncated", QByteArray(kGoodDebezium).left(30), "not valid JSON");
        row("invalid UTF-8", QByteArray("{\"id\":\"\xff\xfe\"}"), "not valid JSON: invalid UTF-8 at byte 8");
        row("not an object", QByteArray("[1,2]"), "not a JSON object");
        row("empty", QByteArray(""), "");
    }
    auto debezium = [](const char *name, const char *value, const char *reason) {
        QTest::addRow("debezium-json: %s", name) << QStringLiteral("debezium-json") << QByteArray(value) << QByteArray(reason);
    };
    debezium("op a number", R"({"after":{"id":1},"source":{"db":"s","table":"t"},"op":1})", "\"op\" is a JSON number, not a string");
    debezium("op an object", R"({"after":{"id":1},"source":{"db":"s","table":"t"},"op":{}})", "\"op\" is a JSON object");
    debezium("db a number", R"({"after":{"id":1},"source":{"db":5,"table":"t"},"op":"c"})", "unexpected JSON type");
    debezium("after a string", R"({"after":"x","source":{"db":"s","table":"t"},"op":"c"})", "without an object in \"after\"");
    debezium("source an array", R"({"after":{"id":1},"source":[1],"op":"c"})", "no source.table");
    debezium("schema field not an object",
             R"({"schema":{"fields":[{"field":"after","fields":["x"]}]},"payload":{"after":{"id":1},"source":{"db":"s","table":"t"},"op":"c"}})",
             "unexpected JSON type");
    auto canal = [](const char *name, const char *value, const char *reason) {
        QTest::addRow("canal-json: %s", name) << QStringLiteral("canal-json") << QByteArray(value) << QByteArray(reason);
    };
    canal("data a string", R"({"database":"s","table":"t","type":"INSERT","data":"x"})", "without rows in \"data\"");
    canal("type a number", R"({"database":"s","table":"t","type":1,"data":[{"id":"1"}]})", "no \"type\"");
    canal("rows of other columns", R"({"database":"s","table":"t","type":"INSERT","data":[{"id":"1"},{"x":"1"}]})",
          "row 1 of \"data\" has no column `id`");
}

void TestHostileMessages::hostile()
{
    QFETCH(QString, protocol);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, reason);
    const auto decoder = MessageDecoder::create(protocol.toStdString());
    Batch out;
    KafkaMessage m;
    m.topic = "t";
    m.partition = 0;
    m.offset = 7;
    m.value = std::string_view(value.constData(), std::size_t(value.size()));
    decoder->decode(m, out);
    QCOMPARE(out.size(), std::size_t(1));
    QVERIFY(out[0].isError());
    QCOMPARE(out[0].position.toString(), std::string("t[0]@7"));
    QVERIFY2(out[0].error.find(reason.toStdString()) != std::string::npos, out[0].error.c_str());

    // The decoder is still usable: the next (good) message decodes.
    const std::string good = protocol == QLatin1String("canal-json") ? kGoodCanal
        : protocol == QLatin1String("debezium-json")                 ? kGoodDebezium
                                                                     : kGoodJson;
    m.offset = 8;
    m.value = good;
    out.clear();
    decoder->decode(m, out);
    QCOMPARE(out.size(), std::size_t(1));
    QVERIFY2(!out[0].isError(), out[0].error.c_str());
}

QTEST_GUILESS_MAIN(TestHostileMessages)
#include "tst_hostilemessages.moc"
