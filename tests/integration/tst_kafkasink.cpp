#include "tests/common/kafkatestsupport.h"

#include "core/kafka/embeddedbroker.h"
#include "core/model/errors.h"
#include "core/kafka/kafkaconfig.h"
#include "core/kafka/kafkasink.h"
#include "core/kafka/partitioner.h"

#include <QTest>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

using namespace flowdeck;
using namespace Qt::StringLiterals;
using test::ConsumedMessage;
using test::consumeAll;

namespace {

/// Stands in for the real encoders: key = the key columns' text joined by '|', value =
/// "op:name", DDL = the statement with ddl set.
class TestEncoder : public RecordEncoder
{
public:
    void encode(const Record &record, std::vector<EncodedMessage> &out) override
    {
        EncodedMessage m;
        if (record.op == RowOp::Ddl) {
            m.value = record.statement;
            m.ddl = true;
            out.push_back(std::move(m));
            return;
        }
        if (record.table)
            for (int k : record.table->keyIndexes) {
                if (!m.key.empty())
                    m.key += '|';
                m.key += record.values[static_cast<std::size_t>(k)].toString();
            }
        if (record.values.size() > 1 && record.values[1].type() == ValueType::Text && record.values[1].str() == "bad")
            throw InputError(record.position, "the test encoder refuses 'bad'");
        m.value = std::string(record.op == RowOp::Delete ? "d:" : "u:") + record.values.at(1).toString();
        out.push_back(std::move(m));
    }
};

TableInfoPtr makeTable(const std::string &db, const std::string &name)
{
    auto t = std::make_shared<TableInfo>();
    t->database = db;
    t->table = name;
    t->columns = {ColumnInfo{"id", "int", "int(11)", true, false, false, ""},
                  ColumnInfo{"name", "varchar", "varchar(100)", false, false, true, "utf8mb4"}};
    t->keyIndexes = {0};
    return t;
}

Record makeRecord(const TableInfoPtr &table, std::int64_t id, std::string name, RowOp op = RowOp::Update)
{
    Record r;
    r.schema = std::make_shared<Schema>(std::vector<std::string>{"id", "name"});
    r.values = {Value::integer(id), Value::text(std::move(name))};
    r.table = table;
    r.op = op;
    r.commitTimeMs = 1700000000000 + id;
    return r;
}

Record makeDdl(const TableInfoPtr &table)
{
    Record r;
    r.schema = std::make_shared<Schema>(std::vector<std::string>{"id", "name"});
    r.table = table;
    r.op = RowOp::Ddl;
    r.statement = "ALTER TABLE " + table->table + " ADD COLUMN x INT";
    return r;
}

} // namespace

class TestKafkaSink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void config();
    void embeddedBroker();
    void keyChangingUpdate_data();
    void keyChangingUpdate();
    void tidbWatermarks();
    void indexValueRoundTrip();
    void tooLargeIsRejected();
    void stopAtFirstRejection();
    void ddlPlacement_data();
    void ddlPlacement();
    void topicTemplateNeedsTable();
    void embeddedRetentionWarning();
    void brokerErrors();
    void realEncoders_data();
    void realEncoders();

private:
    std::unique_ptr<KafkaSink> makeSink(nlohmann::json extra);
    std::string m_brokers; // "embedded" or FLOWDECK_TEST_KAFKA_BROKERS
    std::string m_prefix;  // unique per run, so an external cluster's old topics do not interfere
    bool embedded() const { return m_brokers == "embedded"; }
};

void TestKafkaSink::initTestCase()
{
    const QByteArray external = qgetenv("FLOWDECK_TEST_KAFKA_BROKERS");
    m_brokers = external.isEmpty() ? "embedded" : external.toStdString();
    m_prefix = "t" + std::to_string(QDateTime::currentMSecsSinceEpoch() % 100000000) + "_";
    qInfo("brokers: %s", m_brokers.c_str());
}

std::unique_ptr<KafkaSink> TestKafkaSink::makeSink(nlohmann::json extra)
{
    nlohmann::json d = {{"type", "kafka"},
                        {"brokers", m_brokers},
                        {"protocol", "json"},
                        {"topic", m_prefix + "tidb_{schema}_{table}"},
                        {"partition", "index-value"},
                        {"createTopics", {{"partitions", 3}, {"replicationFactor", 1}}}};
    if (extra.is_object())
        d.update(extra);
    auto sink = std::make_unique<KafkaSink>(KafkaConfig::fromJson(d), std::make_unique<TestEncoder>());
    sink->open(nullptr);
    return sink;
}

void TestKafkaSink::config()
{
    const nlohmann::json d = nlohmann::json::parse(R"({"type":"kafka","brokers":"a:9092,b","protocol":"canal-json",
        "topic":"cdc.{schema}.{table}","partition":"columns:a,b",
        "createTopics":{"partitions":6,"replicationFactor":"2"},
        "properties":{"linger.ms":20,"enable.sasl.oauthbearer.unsecure.jwt":true,"compression.type":"lz4"}})");
    const KafkaConfig c = KafkaConfig::fromJson(d);
    QCOMPARE(c.brokers, std::string("a:9092,b"));
    QCOMPARE(c.createPartitions, 6);
    QCOMPARE(c.createReplicationFactor, 2);
    QCOMPARE(c.properties.size(), std::size_t(3));
    QVERIFY((std::find(c.properties.begin(), c.properties.end(),
                       std::pair<std::string, std::string>{"enable.sasl.oauthbearer.unsecure.jwt", "true"}) != c.properties.end()));
    QVERIFY((std::find(c.properties.begin(), c.properties.end(),
                       std::pair<std::string, std::string>{"linger.ms", "20"}) != c.properties.end()));
    Record r = makeRecord(makeTable("tpcc", "orders"), 1, "x");
    QCOMPARE(c.topicFor(r), std::string("cdc.tpcc.orders"));
    QCOMPARE(c.fixedTopic(), std::string());
    QVERIFY(c.makeConf("a:9092", {{"acks", "all"}}));
    KafkaConfig bad = c;
    bad.properties = {{"no.such.property", "1"}};
    QVERIFY_THROWS_EXCEPTION(ConfigError, bad.makeConf("a:9092", {}));
    QVERIFY_THROWS_EXCEPTION(ConfigError, KafkaConfig::fromJson({{"type", "kafka"}, {"topic", "t"}}));
    QVERIFY_THROWS_EXCEPTION(ConfigError, KafkaConfig::fromJson(nlohmann::json::parse(
        R"({"brokers":"embedded","topic":"t","createTopics":{"partitions":"three"}})")));
}

void TestKafkaSink::embeddedBroker()
{
    if (!embedded())
        QSKIP("FLOWDECK_TEST_KAFKA_BROKERS is set: the embedded broker is not used");
    EmbeddedBroker broker(3);
    const QString bootstraps = QString::fromStdString(broker.bootstraps());
    QCOMPARE(bootstraps.split(u',').size(), 3);
    QVERIFY(bootstraps.startsWith(QStringLiteral("127.0.0.1:")));
    QVERIFY(broker.createTopic("made", 5, 2));
    QVERIFY(!broker.createTopic("made", 5, 2));
    QVERIFY_THROWS_EXCEPTION(Error, broker.createTopic("zero", 0));
    QCOMPARE(&EmbeddedBroker::shared(), &EmbeddedBroker::shared());

    // Without createTopics, the mock creates a topic on first use with its default count.
    auto sink = makeSink({{"createTopics", nullptr}});
    QCOMPARE(sink->partitionCount(m_prefix + "auto"), EmbeddedBroker::kAutoCreatePartitions);
}

void TestKafkaSink::indexValueRoundTrip()
{
    auto sink = makeSink({});
    const TableInfoPtr users = makeTable("shop", "users");
    const TableInfoPtr orders = makeTable("shop", "orders");
    Batch batch;
    for (int version = 0; version < 3; ++version)
        for (int id = 0; id < 20; ++id)
            batch.push_back(makeRecord(users, id, "v" + std::to_string(version)));
    for (int id = 0; id < 5; ++id)
        batch.push_back(makeRecord(orders, id, "o", RowOp::Insert));
    const std::vector<RejectedRecord> rejected = sink->write(batch);
    QVERIFY(rejected.empty());

    const std::string usersTopic = m_prefix + "tidb_shop_users";
    QCOMPARE(sink->partitionCount(usersTopic), 3);
    const auto messages = consumeAll(sink->bootstrap(), usersTopic, 3);
    QCOMPARE(messages.size(), std::size_t(60)); // one message per record
    Partitioner partitioner("index-value");
    std::map<std::string, std::vector<std::string>> versions;
    std::map<std::string, std::int32_t> partitionOfKey;
    for (const ConsumedMessage &m : messages) {
        const auto [it, inserted] = partitionOfKey.emplace(m.key, m.partition);
        QCOMPARE(it->second, m.partition); // same key, same partition
        const Record probe = makeRecord(users, std::stoll(m.key), "");
        QCOMPARE(m.partition, partitioner.partition(probe, m.key, 3));
        versions[m.key].push_back(m.value);
    }
    QCOMPARE(versions.size(), std::size_t(20)); // keys are the primary keys 0..19
    for (const auto &[key, values] : versions)
        QCOMPARE(values, (std::vector<std::string>{"u:v0", "u:v1", "u:v2"})); // per-key order
    QCOMPARE(consumeAll(sink->bootstrap(), m_prefix + "tidb_shop_orders", 3).size(), std::size_t(5));

    const auto written = sink->writtenPerTable();
    QCOMPARE(written.size(), std::size_t(2));
    sink->close();
}

void TestKafkaSink::tooLargeIsRejected()
{
    auto sink = makeSink({{"topic", m_prefix + "large"}, {"properties", {{"message.max.bytes", 10000}}}});
    const TableInfoPtr t = makeTable("shop", "large");
    Batch batch{makeRecord(t, 1, "small"), makeRecord(t, 2, std::string(20000, 'x')), makeRecord(t, 3, "small")};
    const auto rejected = sink->write(batch);
    QCOMPARE(rejected.size(), std::size_t(1));
    QCOMPARE(rejected[0].index, std::size_t(1));
    QVERIFY2(rejected[0].reason.find("too large") != std::string::npos, rejected[0].reason.c_str());
    QCOMPARE(consumeAll(sink->bootstrap(), m_prefix + "large", 3).size(), std::size_t(2));
}

void TestKafkaSink::stopAtFirstRejection()
{
    auto sink = makeSink({{"topic", m_prefix + "stop"}});
    sink->setStopAtFirstRejection(true);
    const TableInfoPtr t = makeTable("shop", "stop");
    Batch batch{makeRecord(t, 1, "a"), makeRecord(t, 2, "bad"), makeRecord(t, 3, "c")};
    const auto rejected = sink->write(batch);
    QCOMPARE(rejected.size(), std::size_t(1));
    QCOMPARE(rejected[0].index, std::size_t(1));
    QCOMPARE(QString::fromStdString(rejected[0].reason), QStringLiteral("the test encoder refuses 'bad'"));
    QCOMPARE(consumeAll(sink->bootstrap(), m_prefix + "stop", 3).size(), std::size_t(1));
}

void TestKafkaSink::ddlPlacement_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QList<int>>("partitions");
    QTest::newRow("canal-json: partition 0") << QStringLiteral("canal-json") << QList<int>{0};
    QTest::newRow("debezium-json: every partition") << QStringLiteral("debezium-json") << QList<int>{0, 1, 2};
}

void TestKafkaSink::ddlPlacement()
{
    QFETCH(QString, protocol);
    QFETCH(QList<int>, partitions);
    const std::string topic = m_prefix + "ddl_" + std::string(QTest::currentDataTag()).substr(0, 5);
    auto sink = makeSink({{"topic", topic}, {"protocol", protocol.toStdString()}});
    const TableInfoPtr t = makeTable("shop", "ddl");
    Batch batch{makeRecord(t, 1, "a"), makeDdl(t), makeRecord(t, 2, "b")};
    QVERIFY(sink->write(batch).empty());
    QList<int> ddlPartitions;
    for (const ConsumedMessage &m : consumeAll(sink->bootstrap(), topic, 3))
        if (m.value.rfind("ALTER TABLE", 0) == 0)
            ddlPartitions << m.partition;
    QCOMPARE(ddlPartitions, partitions);
}

void TestKafkaSink::topicTemplateNeedsTable()
{
    auto sink = makeSink({{"topic", m_prefix + "rows_{table}"}, {"partition", "default"}});
    Record fileRow = makeRecord(nullptr, 1, "a", RowOp::Insert);
    Batch batch{fileRow};
    const auto rejected = sink->write(batch);
    QCOMPARE(rejected.size(), std::size_t(1));
    QVERIFY2(rejected[0].reason.find("{schema}/{table}") != std::string::npos, rejected[0].reason.c_str());
}

void TestKafkaSink::embeddedRetentionWarning()
{
    if (!embedded())
        QSKIP("the retention warning concerns the embedded broker only");
    auto sink = makeSink({{"topic", m_prefix + "retention"}, {"partition", "ts"}});
    sink->setRetentionWarningThresholds(5, 1LL << 40);
    std::vector<std::string> handled;
    sink->setWarningHandler([&](const std::string &w) { handled.push_back(w); });
    const TableInfoPtr t = makeTable("shop", "retention");
    Batch batch;
    for (int i = 0; i < 10; ++i)
        batch.push_back(makeRecord(t, 3 * i, "same partition")); // ts = ...000 + 3i: 3 partitions, all in one
    QVERIFY(sink->write(batch).empty());
    QVERIFY(sink->write(batch).empty());
    QCOMPARE(handled.size(), std::size_t(1)); // once, not per batch
    QVERIFY2(handled[0].find("100,000 messages or 5 MiB") != std::string::npos, handled[0].c_str());
    QCOMPARE(sink->warnings(), handled);
}

// Errors the broker reports in delivery reports (the mock does not enforce sizes itself).
void TestKafkaSink::brokerErrors()
{
    if (!embedded())
        QSKIP("needs the embedded broker's error injection");
    auto sink = makeSink({{"topic", m_prefix + "errors"}});
    const TableInfoPtr t = makeTable("shop", "errors");
    Batch ok{makeRecord(t, 1, "a")};
    QVERIFY(sink->write(ok).empty()); // producer id and leaders known

    rd_kafka_mock_push_request_errors(EmbeddedBroker::shared().mockCluster(), 0 /* Produce */, 1,
                                      RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
    Batch large{makeRecord(t, 2, "refused by the broker")};
    const auto rejected = sink->write(large);
    QCOMPARE(rejected.size(), std::size_t(1));
    QVERIFY2(rejected[0].reason.find("too large") != std::string::npos, rejected[0].reason.c_str());

    rd_kafka_mock_push_request_errors(EmbeddedBroker::shared().mockCluster(), 0, 1,
                                      RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED);
    Batch denied{makeRecord(t, 3, "c")};
    bool threw = false;
    try {
        sink->write(denied);
    } catch (const ConnectionError &e) {
        QFAIL(e.what());
    } catch (const Error &e) {
        threw = true;
        QVERIFY2(std::string(e.what()).find("errors") != std::string::npos, e.what());
    }
    QVERIFY(threw);
}

void TestKafkaSink::realEncoders_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<int>("rowMessages"); // insert, update, delete (+ Debezium's tombstone)
    QTest::addColumn<int>("ddlCopies");
    QTest::newRow("canal-json") << QStringLiteral("canal-json") << 3 << 1;
    QTest::newRow("debezium-json: DDL in the schema-change topic") << QStringLiteral("debezium-json") << 4 << 0;
    QTest::newRow("json: no DDL messages") << QStringLiteral("json") << 3 << 0;
}

// The production encoders (RecordEncoder::create) through the sink.
void TestKafkaSink::realEncoders()
{
    QFETCH(QString, protocol);
    QFETCH(int, rowMessages);
    QFETCH(int, ddlCopies);
    nlohmann::json d = {{"type", "kafka"},          {"brokers", m_brokers},
                        {"protocol", protocol.toStdString()}, {"topic", m_prefix + "real_{table}"},
                        {"partition", "index-value"}, {"createTopics", {{"partitions", 3}}}};
    const std::string serverName = m_prefix + "srv_" + protocol.toStdString().substr(0, 3);
    if (protocol == QLatin1String("debezium-json"))
        d["debezium"] = {{"serverName", serverName}};
    const KafkaConfig config = KafkaConfig::fromJson(d);
    KafkaSink sink(config, RecordEncoder::create(config.protocol, config.encoder));
    sink.open(nullptr);
    const TableInfoPtr t = makeTable("shop", "e_" + protocol.toStdString().substr(0, 3));
    Record update = makeRecord(t, 7, "after");
    update.before = {Value::integer(7), Value::text("before")};
    Batch batch{makeRecord(t, 7, "first", RowOp::Insert), update, makeRecord(t, 7, "after", RowOp::Delete), makeDdl(t)};
    const auto rejected = sink.write(batch);
    QVERIFY2(rejected.empty(), rejected.empty() ? "" : rejected.front().reason.c_str());
    int rows = 0;
    int ddls = 0;
    std::set<std::int32_t> rowPartitions;
    for (const ConsumedMessage &m : consumeAll(sink.bootstrap(), m_prefix + "real_" + t->table, 3)) {
        if (m.value.find("ADD COLUMN x INT") != std::string::npos) {
            ++ddls;
            continue;
        }
        ++rows;
        QVERIFY(!m.key.empty());
        rowPartitions.insert(m.partition);
    }
    QCOMPARE(rows, rowMessages);
    QCOMPARE(ddls, ddlCopies);
    QCOMPARE(rowPartitions.size(), std::size_t(1)); // one key, one partition
    if (protocol == QLatin1String("debezium-json")) {
        // Debezium's schema-change topic is <serverName>, one partition, keyed by database.
        const auto changes = consumeAll(sink.bootstrap(), serverName, 1);
        QCOMPARE(changes.size(), std::size_t(1));
        QVERIFY(changes[0].value.find("ADD COLUMN x INT") != std::string::npos);
        QVERIFY(changes[0].key.find(R"("payload":{"databaseName":"shop"})") != std::string::npos);
    }
}

void TestKafkaSink::keyChangingUpdate_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QStringList>("expected"); // per message: "<type or op>@<key>"
    QTest::newRow("canal-json: DELETE, INSERT") << u"canal-json"_s << QStringList{u"DELETE@7"_s, u"INSERT@8"_s};
    QTest::newRow("debezium-json: d, tombstone, c")
        << u"debezium-json"_s << QStringList{u"d@7"_s, u"tombstone@7"_s, u"c@8"_s};
}

// TiCDC (SplitUpdateEvent) and Debezium (emitUpdateAsPrimaryKeyChangeRecord) turn an UPDATE
// of the key into a delete of the old key and an insert of the new one, each on its key's
// partition; an UPDATE that keeps the key stays one message.
void TestKafkaSink::keyChangingUpdate()
{
    QFETCH(QString, protocol);
    QFETCH(QStringList, expected);
    const std::string tag = protocol.toStdString().substr(0, 3);
    const std::string topic = m_prefix + "pkchange_" + tag;
    nlohmann::json d = {{"type", "kafka"}, {"brokers", m_brokers}, {"protocol", protocol.toStdString()},
                        {"topic", topic}, {"partition", "index-value"}, {"createTopics", {{"partitions", 4}}},
                        {"debezium", {{"serverName", m_prefix + "pk_" + tag}, {"schemas", false}}}};
    if (protocol != QLatin1String("debezium-json"))
        d.erase("debezium");
    const KafkaConfig config = KafkaConfig::fromJson(d);
    KafkaSink sink(config, RecordEncoder::create(config.protocol, config.encoder));
    sink.open(nullptr);
    const TableInfoPtr t = makeTable("shop", "pk_" + tag);
    Record update = makeRecord(t, 8, "moved");
    update.before = {Value::integer(7), Value::text("old")};
    Record same = makeRecord(t, 8, "renamed");
    same.before = {Value::integer(8), Value::text("moved")};
    Batch batch{update, same};
    QVERIFY(sink.write(batch).empty());

    Partitioner partitioner("index-value");
    const auto partitionOf = [&](std::int64_t id) { return partitioner.partition(makeRecord(t, id, ""), {}, 4); };
    QStringList got;
    int sameKeyMessages = 0;
    for (const ConsumedMessage &m : consumeAll(sink.bootstrap(), topic, 4)) {
        const bool tombstone = m.value.empty();
        const nlohmann::json key = nlohmann::json::parse(m.key);
        const std::string id = key.at("id").is_string() ? key.at("id").get<std::string>() : key.at("id").dump();
        QCOMPARE(m.partition, partitionOf(std::stoll(id)));
        if (tombstone) {
            got << QString::fromStdString("tombstone@" + id);
            continue;
        }
        const nlohmann::json v = nlohmann::json::parse(m.value);
        const std::string what = v.contains("type") ? v.at("type").get<std::string>() : v.at("op").get<std::string>();
        if (what == "UPDATE" || what == "u") {
            ++sameKeyMessages;
            continue;
        }
        got << QString::fromStdString(what + "@" + id);
    }
    // Messages of one partition come back in order; the split's halves may sit on two partitions,
    // so compare per key: the old key's messages, then the new key's.
    QCOMPARE(got.size(), expected.size());
    QStringList oldKey, newKey, wantOld, wantNew;
    for (const QString &g : got) (g.endsWith(u"@7"_s) ? oldKey : newKey) << g;
    for (const QString &e : expected) (e.endsWith(u"@7"_s) ? wantOld : wantNew) << e;
    QCOMPARE(oldKey, wantOld);
    QCOMPARE(newKey, wantNew);
    QCOMPARE(sameKeyMessages, 1);
}

// canal-json with tidbExtension: after each batch every partition of the table topics gets a
// TIDB_WATERMARK with the newest commit TSO, as TiCDC's checkpoint events.
void TestKafkaSink::tidbWatermarks()
{
    const std::string topic = m_prefix + "watermark";
    const nlohmann::json d = {{"type", "kafka"}, {"brokers", m_brokers}, {"protocol", "canal-json"},
                              {"topic", topic}, {"partition", "index-value"}, {"tidbExtension", true},
                              {"createTopics", {{"partitions", 3}}}};
    const KafkaConfig config = KafkaConfig::fromJson(d);
    KafkaSink sink(config, RecordEncoder::create(config.protocol, config.encoder));
    sink.open(nullptr);
    const TableInfoPtr t = makeTable("shop", "wm");
    Batch batch;
    for (int id = 1; id <= 6; ++id)
        batch.push_back(makeRecord(t, id, "x", RowOp::Insert));
    QVERIFY(sink.write(batch).empty());
    std::map<std::int32_t, std::string> last;
    std::uint64_t maxCommitTs = 0;
    for (const ConsumedMessage &m : consumeAll(sink.bootstrap(), topic, 3)) {
        last[m.partition] = m.value;
        const nlohmann::json v = nlohmann::json::parse(m.value);
        if (v.at("type") != "TIDB_WATERMARK")
            maxCommitTs = std::max(maxCommitTs, v.at("_tidb").at("commitTs").get<std::uint64_t>());
    }
    QCOMPARE(last.size(), std::size_t(3));
    QCOMPARE(maxCommitTs, std::uint64_t(1700000000006) << 18);
    for (const auto &[partition, value] : last) {
        const nlohmann::json v = nlohmann::json::parse(value);
        QCOMPARE(v.at("type").get<std::string>(), std::string("TIDB_WATERMARK"));
        QCOMPARE(v.at("_tidb").at("watermarkTs").get<std::uint64_t>(), maxCommitTs);
    }
    QCOMPARE(sink.writtenPerTable().at(0).second, std::uint64_t(6)); // watermarks are not records
}

QTEST_GUILESS_MAIN(TestKafkaSink)
#include "tst_kafkasink.moc"
