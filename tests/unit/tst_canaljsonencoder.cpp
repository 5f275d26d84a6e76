#include "core/codec/canaljsonencoder.h"
#include "core/model/errors.h"
#include "core/codec/jsonwriter.h"
#include "tests/common/encodertestdata.h"
#include "tests/common/testsupport.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

#include <set>

using namespace flowdeck;

using namespace flowdeck::test;

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
