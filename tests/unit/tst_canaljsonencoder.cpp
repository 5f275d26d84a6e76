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
    void nonDdlHasNoMessage();
    void pkNames_data();
    void pkNames();
    void floats_data();
    void floats();
    void tidbExtension();
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
    QCOMPARE(out[0].value, test::golden(file.toStdString(), out[0].value));
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
    QTest::newRow("tables prefix") << QStringLiteral("CREATE TABLESPACE x") << QString();
    QTest::newRow("alter add index") << QStringLiteral("ALTER TABLE t ADD INDEX i (c)") << QStringLiteral("CINDEX");
    QTest::newRow("alter add unique") << QStringLiteral("alter table `s`.`t` add unique key u (c)") << QStringLiteral("CINDEX");
    QTest::newRow("alter add constraint pk") << QStringLiteral("ALTER TABLE t ADD CONSTRAINT pk PRIMARY KEY (id)") << QStringLiteral("CINDEX");
    QTest::newRow("alter add foreign key") << QStringLiteral("ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES p (id)") << QStringLiteral("CINDEX");
    QTest::newRow("alter drop index") << QStringLiteral("ALTER TABLE t DROP INDEX i") << QStringLiteral("DINDEX");
    QTest::newRow("alter drop primary key") << QStringLiteral("ALTER TABLE t DROP PRIMARY KEY") << QStringLiteral("DINDEX");
    QTest::newRow("alter rename to") << QStringLiteral("ALTER TABLE a RENAME TO b") << QStringLiteral("RENAME");
    QTest::newRow("alter rename as") << QStringLiteral("ALTER TABLE a RENAME AS b") << QStringLiteral("RENAME");
    QTest::newRow("alter rename column") << QStringLiteral("ALTER TABLE a RENAME COLUMN x TO y") << QStringLiteral("ALTER");
    QTest::newRow("alter rename index") << QStringLiteral("ALTER TABLE a RENAME INDEX x TO y") << QStringLiteral("ALTER");
    QTest::newRow("alter two changes") << QStringLiteral("ALTER TABLE t ADD INDEX i (a, b), ADD c INT") << QStringLiteral("ALTER");
    QTest::newRow("alter column then comma in parens") << QStringLiteral("ALTER TABLE t ADD INDEX i (a, b)") << QStringLiteral("CINDEX");
    QTest::newRow("comment first") << QStringLiteral("/* gh-ost */ DROP TABLE t") << QStringLiteral("ERASE");
    QTest::newRow("create view") << QStringLiteral("CREATE OR REPLACE ALGORITHM=MERGE VIEW v AS SELECT 1") << QStringLiteral("QUERY");
    QTest::newRow("create database") << QStringLiteral("CREATE DATABASE d") << QStringLiteral("QUERY");
    QTest::newRow("grant") << QStringLiteral("GRANT SELECT ON *.* TO 'u'@'%'") << QString();
    QTest::newRow("create user") << QStringLiteral("CREATE USER 'u'@'%' IDENTIFIED BY 'x'") << QString();
    QTest::newRow("drop user") << QStringLiteral("DROP USER 'u'@'%'") << QString();
    QTest::newRow("alter user") << QStringLiteral("ALTER USER 'u'@'%' IDENTIFIED BY 'y'") << QString();
    QTest::newRow("flush") << QStringLiteral("FLUSH PRIVILEGES") << QString();
    QTest::newRow("trigger") << QStringLiteral("CREATE DEFINER=`root`@`%` TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET @x=1") << QString();
    QTest::newRow("procedure") << QStringLiteral("DROP PROCEDURE IF EXISTS p") << QString();
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

void TestCanalJsonEncoder::nonDdlHasNoMessage()
{
    Record grant = changeEvent(RowOp::Ddl);
    grant.statement = "GRANT ALL ON test.* TO 'app'@'%'";
    std::vector<EncodedMessage> out;
    CanalJsonEncoder([] { return kNowMs; }).encode(grant, out);
    QVERIFY(out.empty());
}

void TestCanalJsonEncoder::pkNames_data()
{
    QTest::addColumn<QList<int>>("keys");
    QTest::addColumn<QString>("pkNames");
    QTest::newRow("no key") << QList<int>{} << QStringLiteral("[]");
    QTest::newRow("one") << QList<int>{1} << QStringLiteral(R"(["b"])");
    // Key defined as (c, a): TiCDC lists key columns in column order.
    QTest::newRow("column order") << QList<int>{2, 0} << QStringLiteral(R"(["a","c"])");
}

void TestCanalJsonEncoder::pkNames()
{
    QFETCH(QList<int>, keys);
    QFETCH(QString, pkNames);
    auto t = std::make_shared<TableInfo>();
    t->database = "d";
    t->table = "t";
    t->columns = {col("a", "int", "int(11)"), col("b", "int", "int(11)"), col("c", "int", "int(11)")};
    for (int k : keys) {
        t->columns[std::size_t(k)].isKey = true;
        t->keyIndexes.push_back(k);
    }
    Record r;
    r.table = t;
    r.values = {Value::integer(1), Value::integer(2), Value::integer(3)};
    std::vector<EncodedMessage> out;
    CanalJsonEncoder([] { return kNowMs; }).encode(r, out);
    const nlohmann::json j = nlohmann::json::parse(out.at(0).value);
    QCOMPARE(QString::fromStdString(j["pkNames"].dump()), pkNames);
    QCOMPARE(out[0].key.empty(), keys.isEmpty());
}

// Go's strconv.FormatFloat(v, 'f', -1, 32|64), as TiCDC writes FLOAT and DOUBLE.
void TestCanalJsonEncoder::floats_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("float 1.1") << QStringLiteral("float") << double(1.1f) << QStringLiteral("1.1");
    QTest::newRow("float 123456789") << QStringLiteral("float") << double(123456789.0f) << QStringLiteral("123456790");
    QTest::newRow("float 1e-10") << QStringLiteral("float") << double(1e-10f) << QStringLiteral("0.0000000001");
    QTest::newRow("double 0.1") << QStringLiteral("double") << 0.1 << QStringLiteral("0.1");
    QTest::newRow("double 1e23") << QStringLiteral("double") << 1e23 << QStringLiteral("100000000000000000000000");
    QTest::newRow("double 1e21") << QStringLiteral("double") << 1e21 << QStringLiteral("1000000000000000000000");
    QTest::newRow("double -2.5e-7") << QStringLiteral("double") << -2.5e-7 << QStringLiteral("-0.00000025");
    QTest::newRow("double 5e-324") << QStringLiteral("double") << 5e-324
        << QStringLiteral("0.") + QString(323, QLatin1Char('0')) + QStringLiteral("5");
    QTest::newRow("double max") << QStringLiteral("double") << 1.7976931348623157e308
        << QStringLiteral("17976931348623157") + QString(292, QLatin1Char('0'));
    QTest::newRow("negative zero") << QStringLiteral("double") << -0.0 << QStringLiteral("-0");
    QTest::newRow("integral") << QStringLiteral("double") << 42.0 << QStringLiteral("42");
}

void TestCanalJsonEncoder::floats()
{
    QFETCH(QString, type);
    QFETCH(double, value);
    QFETCH(QString, text);
    auto t = std::make_shared<TableInfo>();
    t->database = "d";
    t->table = "t";
    t->columns = {col("v", type.toUtf8().constData(), type.toUtf8().constData())};
    Record r;
    r.table = t;
    r.values = {Value::floating(value)};
    std::vector<EncodedMessage> out;
    CanalJsonEncoder([] { return kNowMs; }).encode(r, out);
    const nlohmann::json j = nlohmann::json::parse(out.at(0).value);
    QCOMPARE(QString::fromStdString(j["data"][0]["v"].get<std::string>()), text);
}

void TestCanalJsonEncoder::tidbExtension()
{
    CanalJsonEncoder encoder([] { return kNowMs; }, true);
    std::vector<EncodedMessage> out;
    encoder.encode(changeEvent(RowOp::Insert), out);
    encoder.encode(changeEvent(RowOp::Ddl), out);
    QCOMPARE(out.size(), std::size_t(2));
    const std::string tidb = R"(,"_tidb":{"commitTs":445644800000000000}})"; // 1700000000000 << 18
    QCOMPARE(out[0].value, readGolden("canal/insert.json").substr(0, readGolden("canal/insert.json").size() - 1) + tidb);
    QCOMPARE(out[1].value, readGolden("canal/ddl.json").substr(0, readGolden("canal/ddl.json").size() - 1) + tidb);
    EncodedMessage watermark;
    QVERIFY(encoder.encodeWatermark(kCommitMs, watermark));
    QCOMPARE(watermark.value, readGolden("canal/tidb-watermark.json"));
    QVERIFY(watermark.key.empty());
    QVERIFY(!CanalJsonEncoder([] { return kNowMs; }).encodeWatermark(kCommitMs, watermark));
}

QTEST_GUILESS_MAIN(TestCanalJsonEncoder)
#include "tst_canaljsonencoder.moc"
