#include "core/model/errors.h"
#include "core/kafka/partitioner.h"

#include "tests/common/testsupport.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <fstream>

using namespace flowdeck;
using namespace Qt::StringLiterals;

namespace {

TableInfoPtr makeTable(const std::string &db, const std::string &name, std::vector<int> keys)
{
    auto t = std::make_shared<TableInfo>();
    t->database = db;
    t->table = name;
    for (const char *c : {"id", "name", "region"})
        t->columns.push_back(ColumnInfo{c, "varchar", "varchar(10)", false, false, true, "utf8mb4"});
    for (int k : keys)
        t->columns[static_cast<std::size_t>(k)].isKey = true;
    t->keyIndexes = std::move(keys);
    return t;
}

Record makeRecord(const TableInfoPtr &table, std::vector<Value> values, std::int64_t ts = 0)
{
    Record r;
    r.schema = std::make_shared<Schema>(std::vector<std::string>{"id", "name", "region"});
    r.values = std::move(values);
    r.table = table;
    r.commitTimeMs = ts;
    return r;
}

} // namespace

class TestPartitioner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void murmur2_data();
    void murmur2();
    void parse_data();
    void parse();
    void ticdcVectors_data();
    void ticdcVectors();
    void crc32_data();
    void crc32();
    void otherStrategies_data();
    void otherStrategies();
    void sameKeySamePartition();
    void missingColumn();
};

// Kafka's clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java, testMurmur2.
void TestPartitioner::murmur2_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("hash");
    QTest::newRow("21") << QByteArray("21") << -973932308;
    QTest::newRow("foobar") << QByteArray("foobar") << -790332482;
    QTest::newRow("a-little-bit-long-string") << QByteArray("a-little-bit-long-string") << -985981536;
    QTest::newRow("a-little-bit-longer-string") << QByteArray("a-little-bit-longer-string") << -1486304829;
    QTest::newRow("long") << QByteArray("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") << -58897971;
    QTest::newRow("abc") << QByteArray("abc") << 479470107;
}

void TestPartitioner::murmur2()
{
    QFETCH(QByteArray, input);
    QFETCH(int, hash);
    QCOMPARE(kafkaMurmur2(std::string_view(input.constData(), static_cast<std::size_t>(input.size()))), hash);
    QVERIFY(kafkaToPositive(hash) >= 0);
}

void TestPartitioner::parse_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("strategy");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<bool>("valid");
    using S = Partitioner::Strategy;
    QTest::newRow("empty") << QString() << int(S::Default) << QStringList() << true;
    QTest::newRow("default") << QStringLiteral("default") << int(S::Default) << QStringList() << true;
    QTest::newRow("index-value") << QStringLiteral("index-value") << int(S::IndexValue) << QStringList() << true;
    QTest::newRow("table") << QStringLiteral("table") << int(S::Table) << QStringList() << true;
    QTest::newRow("ts") << QStringLiteral("ts") << int(S::Ts) << QStringList() << true;
    QTest::newRow("key") << QStringLiteral("key") << int(S::Key) << QStringList() << true;
    QTest::newRow("columns") << QStringLiteral("columns:a,b") << int(S::Columns)
                             << QStringList{QStringLiteral("a"), QStringLiteral("b")} << true;
    QTest::newRow("columns empty") << QStringLiteral("columns:") << 0 << QStringList() << false;
    QTest::newRow("columns trailing comma") << QStringLiteral("columns:a,") << 0 << QStringList() << false;
    QTest::newRow("unknown") << QStringLiteral("random") << 0 << QStringList() << false;
}

void TestPartitioner::parse()
{
    QFETCH(QString, spec);
    QFETCH(int, strategy);
    QFETCH(QStringList, columns);
    QFETCH(bool, valid);
    if (!valid) {
        QVERIFY_THROWS_EXCEPTION(ConfigError, Partitioner(spec.toStdString()));
        return;
    }
    const Partitioner p(spec.toStdString());
    QCOMPARE(int(p.strategy()), strategy);
    QStringList got;
    for (const std::string &c : p.columns())
        got << QString::fromStdString(c);
    QCOMPARE(got, columns);
}

// TiCDC's partitions, computed by tests/python/ticdc_partition_vectors.py from TiCDC's Go source
// (and checked there against the expectations of TiCDC's own dispatcher tests).
void TestPartitioner::ticdcVectors_data()
{
    QTest::addColumn<QByteArray>("caseJson");
    std::ifstream in(test::dataPath("partition/ticdc-vectors.json"));
    QVERIFY2(in, "cannot open tests/data/partition/ticdc-vectors.json");
    const nlohmann::json all = nlohmann::json::parse(in);
    QVERIFY(all.at("cases").size() >= 20);
    for (const auto &c : all.at("cases"))
        QTest::newRow(c.at("name").get<std::string>().c_str()) << QByteArray::fromStdString(c.dump());
}

void TestPartitioner::ticdcVectors()
{
    QFETCH(QByteArray, caseJson);
    const nlohmann::json c = nlohmann::json::parse(caseJson.toStdString());
    auto table = std::make_shared<TableInfo>();
    table->database = c.at("database").get<std::string>();
    table->table = c.at("table").get<std::string>();
    Record r;
    std::vector<std::string> names;
    for (const auto &col : c.at("columns")) {
        ColumnInfo info;
        info.name = col.at("name").get<std::string>();
        info.dataType = col.at("dataType").get<std::string>();
        info.columnType = col.at("columnType").get<std::string>();
        info.isUnsigned = info.columnType.find("unsigned") != std::string::npos;
        info.isKey = col.at("key").get<bool>();
        if (info.isKey)
            table->keyIndexes.push_back(int(table->columns.size()));
        names.push_back(info.name);
        table->columns.push_back(info);
        const auto &[kind, v] = *col.at("value").items().begin();
        if (kind == "null") r.values.push_back(Value::null());
        else if (kind == "int") r.values.push_back(Value::integer(v.get<std::int64_t>()));
        else if (kind == "uint") r.values.push_back(Value::unsignedInteger(std::stoull(v.get<std::string>())));
        else if (kind == "double") r.values.push_back(Value::floating(v.get<double>()));
        else if (kind == "decimal") r.values.push_back(Value::decimal(v.get<std::string>()));
        else if (kind == "datetime") r.values.push_back(Value::dateTime(v.get<std::string>()));
        else if (kind == "bytesHex") r.values.push_back(Value::bytes(QByteArray::fromHex(QByteArray::fromStdString(v.get<std::string>())).toStdString()));
        else r.values.push_back(Value::text(v.get<std::string>()));
    }
    r.schema = std::make_shared<Schema>(names);
    r.table = table;
    Partitioner p(c.at("strategy").get<std::string>());
    QCOMPARE(qulonglong(p.ticdcHash(r)), qulonglong(c.at("hash").get<std::uint32_t>()));
    QCOMPARE(p.partition(r, "{\"k\":1}", c.at("partitions").get<int>()), c.at("partition").get<int>());
}

void TestPartitioner::crc32_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<uint>("crc");
    QTest::newRow("check value") << QByteArray("123456789") << 0xCBF43926U; // the CRC-32/IEEE check value
    QTest::newRow("empty") << QByteArray() << 0U;
    QTest::newRow("testt1") << QByteArray("testt1") << 0x405C657FU; // zlib.crc32(b"testt1")
}

void TestPartitioner::crc32()
{
    QFETCH(QByteArray, input);
    QFETCH(uint, crc);
    QCOMPARE(uint(crc32Ieee(std::string_view(input.constData(), std::size_t(input.size())))), crc);
}

void TestPartitioner::otherStrategies_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("withKey");
    QTest::addColumn<QByteArray>("messageKey");
    QTest::addColumn<qint64>("ts");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("partition");
    // Row (id=42, name="ann", region=NULL) of shop.users.
    const int table5 = int(crc32Ieee("shopusers") % 5U);
    QTest::newRow("ts") << u"ts"_s << true << QByteArray() << qint64(1700000000123) << 7 << int(1700000000123LL % 7);
    QTest::newRow("key: murmur2 of the key bytes") << u"key"_s << true << QByteArray("{\"id\":42}") << qint64(0) << 5
                                                   << kafkaToPositive(kafkaMurmur2("{\"id\":42}")) % 5;
    QTest::newRow("key: no key as table") << u"key"_s << false << QByteArray() << qint64(0) << 5 << table5;
    QTest::newRow("one partition") << u"index-value"_s << true << QByteArray() << qint64(0) << 1 << 0;
    QTest::newRow("no metadata") << u"table"_s << true << QByteArray() << qint64(0) << 0 << -1;
}

void TestPartitioner::otherStrategies()
{
    QFETCH(QString, spec);
    QFETCH(bool, withKey);
    QFETCH(QByteArray, messageKey);
    QFETCH(qint64, ts);
    QFETCH(int, partitions);
    QFETCH(int, partition);
    const Record r = makeRecord(makeTable("shop", "users", withKey ? std::vector<int>{0} : std::vector<int>{}),
                                {Value::integer(42), Value::text("ann"), Value::null()}, ts);
    Partitioner p(spec.toStdString());
    QCOMPARE(p.partition(r, messageKey.toStdString(), partitions), partition);
}

void TestPartitioner::sameKeySamePartition()
{
    Partitioner p("index-value");
    const TableInfoPtr table = makeTable("shop", "users", {0, 2});
    QSet<int> used;
    for (int id = 0; id < 200; ++id) {
        const Record a = makeRecord(table, {Value::integer(id), Value::text("x"), Value::text("eu")});
        const Record b = makeRecord(table, {Value::integer(id), Value::text("changed"), Value::text("eu")});
        const int pa = p.partition(a, {}, 8);
        QCOMPARE(p.partition(b, {}, 8), pa); // non-key columns do not matter
        QVERIFY(pa >= 0 && pa < 8);
        used.insert(pa);
    }
    QCOMPARE(used.size(), 8); // keys spread over every partition
}

void TestPartitioner::missingColumn()
{
    Partitioner p("columns:nope");
    const Record r = makeRecord(makeTable("shop", "users", {0}), {Value::integer(1), Value::text("a"), Value::null()});
    QVERIFY_THROWS_EXCEPTION(InputError, p.partition(r, {}, 3));
}

QTEST_GUILESS_MAIN(TestPartitioner)
#include "tst_partitioner.moc"
