#include "core/model/errors.h"
#include "core/kafka/partitioner.h"

#include <QTest>

using namespace flowdeck;

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

std::int32_t expected(std::string_view input, std::int32_t partitions)
{
    return kafkaToPositive(kafkaMurmur2(input)) % partitions;
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
    void dispatch_data();
    void dispatch();
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

void TestPartitioner::dispatch_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("withKey");
    QTest::addColumn<qint64>("ts");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<QByteArray>("hashInput");
    QTest::addColumn<int>("partition");

    const auto h = [](const char *s, std::size_t n, int parts) { return expected(std::string_view(s, n), parts); };
    // Row (id=42, name="ann", region=NULL) of shop.users.
    QTest::newRow("default") << QStringLiteral("default") << true << qint64(0) << 6 << QByteArray() << -1;
    QTest::newRow("index-value pk id") << QStringLiteral("index-value") << true << qint64(0) << 6
                                       << QByteArray("42\0", 3) << h("42\0", 3, 6);
    QTest::newRow("index-value no pk: all values") << QStringLiteral("index-value") << false << qint64(0) << 6
                                                   << QByteArray("42\0ann\0\0", 8) << h("42\0ann\0\0", 8, 6);
    QTest::newRow("table") << QStringLiteral("table") << true << qint64(0) << 5 << QByteArray("shop.users")
                           << h("shop.users", 10, 5);
    QTest::newRow("ts") << QStringLiteral("ts") << true << qint64(1700000000123) << 7 << QByteArray()
                        << int(1700000000123LL % 7);
    QTest::newRow("columns name,region") << QStringLiteral("columns:name,region") << true << qint64(0) << 3
                                         << QByteArray("ann\0\0", 5) << h("ann\0\0", 5, 3);
    QTest::newRow("one partition") << QStringLiteral("index-value") << true << qint64(0) << 1
                                   << QByteArray("42\0", 3) << 0;
    QTest::newRow("no metadata") << QStringLiteral("table") << true << qint64(0) << 0 << QByteArray("shop.users") << -1;
}

void TestPartitioner::dispatch()
{
    QFETCH(QString, spec);
    QFETCH(bool, withKey);
    QFETCH(qint64, ts);
    QFETCH(int, partitions);
    QFETCH(QByteArray, hashInput);
    QFETCH(int, partition);
    const Record r = makeRecord(makeTable("shop", "users", withKey ? std::vector<int>{0} : std::vector<int>{}),
                                {Value::integer(42), Value::text("ann"), Value::null()}, ts);
    const Partitioner p(spec.toStdString());
    const std::string input = p.hashInput(r);
    QCOMPARE(QByteArray(input.data(), qsizetype(input.size())), hashInput);
    QCOMPARE(p.partition(r, partitions), partition);
}

void TestPartitioner::sameKeySamePartition()
{
    const Partitioner p("index-value");
    const TableInfoPtr table = makeTable("shop", "users", {0, 2});
    QSet<int> used;
    for (int id = 0; id < 200; ++id) {
        const Record a = makeRecord(table, {Value::integer(id), Value::text("x"), Value::text("eu")});
        const Record b = makeRecord(table, {Value::integer(id), Value::text("changed"), Value::text("eu")});
        const int pa = p.partition(a, 8);
        QCOMPARE(p.partition(b, 8), pa); // non-key columns do not matter
        QVERIFY(pa >= 0 && pa < 8);
        used.insert(pa);
    }
    QCOMPARE(used.size(), 8); // keys spread over every partition
}

void TestPartitioner::missingColumn()
{
    const Partitioner p("columns:nope");
    const Record r = makeRecord(makeTable("shop", "users", {0}), {Value::integer(1), Value::text("a"), Value::null()});
    QVERIFY_THROWS_EXCEPTION(InputError, p.partition(r, 3));
}

QTEST_GUILESS_MAIN(TestPartitioner)
#include "tst_partitioner.moc"
