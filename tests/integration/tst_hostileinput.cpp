// Hostile messages through `flowdeck run` (the binary) into a real replica: SQL smuggled into a
// column type, table names that leave the destination database or name Flowdeck's own table,
// invalid UTF-8, 100,000-deep nesting, wrong JSON types, truncated JSON, rows without columns.
// Skip mode applies exactly the good messages, dead-letters each hostile one with its position
// and reason, and a rerun resumes cleanly; stop mode stops at the attack naming it. Database
// `victim` survives every run.
#include "tests/common/brokerprocess.h"
#include "tests/common/testsupport.h"

#include "core/kafka/kafkaconfig.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <fstream>

using namespace flowdeck;

namespace {

const std::string kDb = "flowdeck_hostile";
const std::string kAttack = "varchar(10)) ; DROP DATABASE victim; -- ";

struct Message
{
    std::string key;
    std::string value;
};

void produce(const std::string &bootstrap, const std::string &topic, const std::vector<Message> &messages)
{
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    setKafkaProperty(conf.get(), "bootstrap.servers", bootstrap);
    char error[512] = {};
    RdKafkaPtr producer(rd_kafka_new(RD_KAFKA_PRODUCER, conf.release(), error, sizeof error));
    QVERIFY2(producer, error);
    for (const Message &m : messages) {
        while (rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(0),
                                 RD_KAFKA_V_KEY(const_cast<char *>(m.key.data()), m.key.size()),
                                 RD_KAFKA_V_VALUE(const_cast<char *>(m.value.data()), m.value.size()),
                                 RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END)
               == RD_KAFKA_RESP_ERR__QUEUE_FULL)
            rd_kafka_poll(producer.get(), 10);
    }
    QCOMPARE(rd_kafka_flush(producer.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
}

std::string replaceAll(std::string s, const std::string &from, const std::string &to)
{
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

/// A canal-json INSERT of one row; `NAME_BYTES` in the text is replaced by raw bytes afterwards.
std::string canal(const std::string &table, const nlohmann::json &types, const nlohmann::json &row, const std::string &database = "shop")
{
    return nlohmann::json{{"id", 0},          {"database", database}, {"table", table}, {"pkNames", {"id"}}, {"isDdl", false},
                          {"type", "INSERT"}, {"es", 1700000000000},  {"ts", 1700000000001}, {"sql", ""},     {"sqlType", nullptr},
                          {"mysqlType", types}, {"data", {row}},       {"old", nullptr}}
        .dump();
}

std::string item(int id, const std::string &name)
{
    return canal("items", {{"id", "int"}, {"name", "varchar(20)"}}, {{"id", std::to_string(id)}, {"name", name}});
}

std::string deep(const std::string &prefix, const std::string &suffix)
{
    return prefix + std::string(100000, '[') + std::string(100000, ']') + suffix;
}

struct Hostile
{
    std::string value;
    std::string reason; // part of the dead letter's reason
    std::string key;
};

/// The canal-json mixture: good messages at offsets 0, 1 and the last; hostile ones between.
std::vector<Hostile> canalHostile()
{
    const nlohmann::json idName = {{"id", "int"}, {"name", "varchar(20)"}};
    const nlohmann::json row = {{"id", "1"}, {"name", "x"}};
    return {
        {canal("attacked", {{"id", "int"}, {"name", kAttack}}, row), "is not a MySQL column type"},
        {canal("items", {{"id", "int"}, {"name", "varchar(20)"}, {"evil", kAttack}}, {{"id", "9"}, {"name", "x"}, {"evil", "e"}}),
         "is not a MySQL column type"},
        {replaceAll(canal("NAME_BYTES", idName, row), "NAME_BYTES", "bad\xff"), "not valid JSON: invalid UTF-8 at byte"},
        {canal("it`s", idName, row), "holds a backquote"},
        {canal("x.y", idName, row), "holds a backquote, dot"},
        {canal("..", idName, row), "holds a backquote, dot"},
        {canal("../../etc", idName, row), "holds a backquote, dot"},
        {canal(std::string("a\0b", 3), idName, row), "holds a NUL character"},
        {canal(std::string(65, 't'), idName, row), "is longer than 64 characters"},
        {canal("flowdeck_checkpoints", idName, row), "is Flowdeck's checkpoint table"},
        {canal("FlowDeck_Checkpoints", idName, row), "is Flowdeck's checkpoint table"},
        {canal("items", idName, row, "other"), "is not in destination.include"},
        {canal("longcolumn", {{"id", "int"}, {std::string(65, 'c'), "int"}}, {{"id", "1"}, {std::string(65, 'c'), "2"}}),
         "is longer than 64 characters"},
        {canal("nocolumns", nlohmann::json::object(), nlohmann::json::object()), "has no columns"},
        {deep(R"({"database":"shop","table":"items","type":"INSERT","data":)", "}"), "nested deeper than 128 levels"},
        {R"({"database":"shop","table":"items","type":"INSERT","data":"x","pkNames":["id"]})", "without rows in \"data\""},
        {R"({"database":"shop","table":"items","type":1,"data":[{"id":"1"}]})", "no \"type\""},
        {item(7, "seven").substr(0, 60), "not valid JSON"},
        {replaceAll(item(8, "NAME_BYTES"), "NAME_BYTES", "bad\xff\xfe"), "not valid JSON: invalid UTF-8 at byte"},
    };
}

/// The debezium-json mixture.
std::vector<Hostile> debeziumHostile()
{
    auto envelope = [](const nlohmann::json &op, const nlohmann::json &after, const nlohmann::json &source) {
        return nlohmann::json{{"before", nullptr}, {"after", after}, {"source", source}, {"op", op}, {"ts_ms", 1}}.dump();
    };
    const nlohmann::json source = {{"db", "shop"}, {"table", "people"}, {"ts_ms", 1}};
    const nlohmann::json after = {{"id", 5}, {"name", "x"}};
    const std::string key = R"({"id":5})";
    // Debezium's schema parameters carry the attack: the decimal precision.
    const nlohmann::json schema = {
        {"type", "struct"},
        {"fields",
         {{{"field", "after"},
           {"type", "struct"},
           {"fields",
            {{{"field", "id"}, {"type", "int32"}},
             {{"field", "price"},
              {"type", "bytes"},
              {"name", "org.apache.kafka.connect.data.Decimal"},
              {"parameters", {{"scale", "2"}, {"connect.decimal.precision", "10) ; DROP DATABASE victim; -- "}}}}}}}}}};
    const nlohmann::json payload = {{"before", nullptr}, {"after", {{"id", 6}, {"price", "AQ=="}}}, {"source", source}, {"op", "c"}};
    return {
        {envelope(1, after, source), "\"op\" is a JSON number"},
        {envelope("c", after, {{"db", 5}, {"table", "people"}}), "unexpected JSON type"},
        {envelope("c", "x", source), "without an object in \"after\""},
        {envelope("c", after, "x"), "no source.table"},
        {nlohmann::json{{"schema", schema}, {"payload", payload}}.dump(), "is not a MySQL column type", R"({"id":6})"},
        {deep(R"({"op":"c","source":{"db":"shop","table":"people"},"after":{"id":5,"name":)", "}}"), "nested deeper than 128 levels"},
        {envelope("c", after, source).substr(0, 50), "not valid JSON"},
        {replaceAll(envelope("c", {{"id", 5}, {"name", "NAME_BYTES"}}, source), "NAME_BYTES", "\xc3\x28"), "not valid JSON"},
        {envelope("c", after, {{"db", "shop"}, {"table", "flowdeck_checkpoints"}}), "is Flowdeck's checkpoint table"},
    };
}

std::string person(int id, const std::string &name)
{
    return nlohmann::json{{"before", nullptr},
                          {"after", {{"id", id}, {"name", name}}},
                          {"source", {{"db", "shop"}, {"table", "people"}, {"ts_ms", 1}}},
                          {"op", "c"},
                          {"ts_ms", 1}}
        .dump();
}

std::vector<nlohmann::json> jsonLines(const QString &path)
{
    QFile f(path);
    std::vector<nlohmann::json> lines;
    if (!f.open(QIODevice::ReadOnly))
        return lines;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.isEmpty())
            lines.push_back(nlohmann::json::parse(line.toStdString())); // throws on invalid JSON or UTF-8
    return lines;
}

} // namespace

class TestHostileInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void skipAppliesExactlyTheGoodOnes_data();
    void skipAppliesExactlyTheGoodOnes();
    void stopNamesTheAttack();

private:
    struct Run
    {
        int exitCode;
        QString out;
        QString err;
    };
    Run run(const QString &flow, const QString &stateDir, const QString &metrics);
    QString writeFlow(const std::string &name, const std::string &topic, const std::string &protocol, const std::string &onError);
    void checkVictim();

    QTemporaryDir m_dir;
    test::BrokerProcess m_broker;
};

void TestHostileInput::initTestCase()
{
    QVERIFY2(!test::flowdeckBinary().isEmpty(), "FLOWDECK_BIN is not set");
    test::freshDatabase(kDb);
    test::freshDatabase("victim");
    test::execSql("CREATE TABLE precious (id INT PRIMARY KEY)", "victim");
    test::execSql("INSERT INTO precious VALUES (1)", "victim");
    m_broker.start({{"hostile_canal", 1}, {"hostile_debezium", 1}, {"hostile_stop", 1}});

    std::vector<Message> canalMessages{{"", item(1, "one")}, {"", item(2, "two")}};
    for (const Hostile &h : canalHostile())
        canalMessages.push_back({h.key, h.value});
    canalMessages.push_back({"", item(3, "three")});
    produce(m_broker.bootstrap(), "hostile_canal", canalMessages);

    std::vector<Message> debeziumMessages{{R"({"id":1})", person(1, "one")}, {R"({"id":2})", person(2, "two")}};
    for (const Hostile &h : debeziumHostile())
        debeziumMessages.push_back({h.key.empty() ? R"({"id":5})" : h.key, h.value});
    debeziumMessages.push_back({R"({"id":3})", person(3, "three")});
    produce(m_broker.bootstrap(), "hostile_debezium", debeziumMessages);

    produce(m_broker.bootstrap(), "hostile_stop",
            {{"", item(1, "one")}, {"", canal("attacked", {{"id", "int"}, {"name", kAttack}}, {{"id", "1"}, {"name", "x"}})},
             {"", item(2, "two")}});
}

TestHostileInput::Run TestHostileInput::run(const QString &flow, const QString &stateDir, const QString &metrics)
{
    QProcess p;
    p.start(test::flowdeckBinary(), {QStringLiteral("run"), flow, QStringLiteral("--state-dir"), stateDir, QStringLiteral("--until-idle"),
                                     QStringLiteral("--metrics-json"), metrics});
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
    }
    // A signal (a crash, std::terminate) is never an acceptable ending: report it as -1.
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString TestHostileInput::writeFlow(const std::string &name, const std::string &topic, const std::string &protocol, const std::string &onError)
{
    nlohmann::json errorHandling = {{"onError", onError}};
    if (onError == "skip")
        errorHandling["deadLetter"] = name + ".rejected.jsonl";
    const nlohmann::json flow = {
        {"flowdeck", 1},
        {"name", name},
        {"source", {{"type", "kafka"}, {"brokers", m_broker.bootstrap()}, {"protocol", protocol}, {"topic", topic}, {"startFrom", "earliest"}}},
        {"destination",
         {{"type", "mysql"},
          {"connection", test::sandboxConnection(kDb)},
          {"table", "{table}"},
          {"include", {"shop.*"}},
          {"write", {{"mode", "replicate"}, {"createTable", true}, {"addColumns", true}}}}},
        {"trigger", {{"type", "continuous"}}},
        {"errorHandling", errorHandling}};
    const QString path = m_dir.filePath(QString::fromStdString(name + ".flow.json"));
    std::ofstream(path.toStdString()) << flow.dump(2);
    return path;
}

void TestHostileInput::checkVictim()
{
    QCOMPARE(test::querySql("SELECT id FROM precious", "victim"), std::vector<std::string>{"1"});
}

void TestHostileInput::skipAppliesExactlyTheGoodOnes_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QString>("table");
    QTest::newRow("canal-json") << "canal-json"
                                << "hostile_canal"
                                << "items";
    QTest::newRow("debezium-json") << "debezium-json"
                                   << "hostile_debezium"
                                   << "people";
}

void TestHostileInput::skipAppliesExactlyTheGoodOnes()
{
    QFETCH(QString, protocol);
    QFETCH(QString, topic);
    QFETCH(QString, table);
    const std::vector<Hostile> hostile = protocol == QLatin1String("canal-json") ? canalHostile() : debeziumHostile();
    const std::string name = "hostile-" + protocol.toStdString();
    const QString flow = writeFlow(name, topic.toStdString(), protocol.toStdString(), "skip");
    const QString state = m_dir.filePath(QStringLiteral("state"));
    const QString metrics = m_dir.filePath(QString::fromStdString(name + ".metrics.json"));
    const QString letters = m_dir.filePath(QString::fromStdString(name + ".rejected.jsonl"));

    const Run first = run(flow, state, metrics);
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    checkVictim();
    QCOMPARE(test::querySql("SELECT id, name FROM " + table.toStdString() + " ORDER BY id", kDb),
             (std::vector<std::string>{"1\tone", "2\ttwo", "3\tthree"}));
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + kDb + "' AND TABLE_NAME NOT IN ('items', 'people', 'flowdeck_checkpoints')"),
             std::vector<std::string>{"0"}); // no table made from a hostile message
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + kDb + "' AND TABLE_NAME = '"
                            + table.toStdString() + "'"),
             std::vector<std::string>{"2"}); // no column added from a hostile message

    const std::vector<nlohmann::json> lines = jsonLines(letters);
    QCOMPARE(lines.size(), hostile.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string position = topic.toStdString() + "[0]@" + std::to_string(i + 2);
        QCOMPARE(lines[i].value("position", std::string()), position);
        const std::string reason = lines[i].value("reason", std::string());
        QVERIFY2(!reason.empty(), position.c_str());
        QVERIFY2(reason.find(hostile[i].reason) != std::string::npos, (position + ": " + reason).c_str());
    }
    const nlohmann::json m = nlohmann::json::parse(std::ifstream(metrics.toStdString()));
    QCOMPARE(m.value("written", 0), 3);
    QCOMPARE(m.value("deadLettered", 0), int(hostile.size()));
    QCOMPARE(m.value("read", 0), m.value("written", 0) + m.value("filtered", 0) + m.value("deadLettered", 0) + m.value("failed", 0));

    // The state and history files are valid JSON (a strict parse: no invalid UTF-8).
    QFile stateFile(state + QString::fromStdString("/" + name + ".state.json"));
    QVERIFY(stateFile.open(QIODevice::ReadOnly));
    QVERIFY(nlohmann::json::accept(stateFile.readAll().toStdString()));
    QCOMPARE(jsonLines(state + QString::fromStdString("/" + name + ".history.jsonl")).size(), std::size_t(1));

    // A rerun resumes after the last message: nothing applied twice, nothing new dead-lettered.
    const qint64 letterBytes = QFileInfo(letters).size();
    const Run second = run(flow, state, metrics);
    QVERIFY2(second.exitCode == 0, qPrintable(second.err));
    const nlohmann::json m2 = nlohmann::json::parse(std::ifstream(metrics.toStdString()));
    QCOMPARE(m2.value("written", -1), 0);
    QCOMPARE(m2.value("deadLettered", -1), 0);
    QCOMPARE(QFileInfo(letters).size(), letterBytes);
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM " + table.toStdString(), kDb), std::vector<std::string>{"3"});
    checkVictim();
}

void TestHostileInput::stopNamesTheAttack()
{
    const QString flow = writeFlow("hostile-stop", "hostile_stop", "canal-json", "stop");
    const QString state = m_dir.filePath(QStringLiteral("stop-state"));
    const QString metrics = m_dir.filePath(QStringLiteral("stop.metrics.json"));
    test::execSql("DROP TABLE IF EXISTS items", kDb);
    for (int attempt = 0; attempt < 2; ++attempt) { // a rerun stops at the same message
        const Run r = run(flow, state, metrics);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("hostile_stop[0]@1")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("is not a MySQL column type")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("DROP DATABASE victim")), qPrintable(r.err)); // named, not run
        checkVictim();
        QCOMPARE(test::querySql("SELECT id FROM items", kDb), std::vector<std::string>{"1"});
    }
}

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
