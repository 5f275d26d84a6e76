// The fidelity matrix: seeded tables holding every MySQL/MariaDB column type at its edges
// (tests/common/fidelitytables.cpp) go through every path — a snapshot, then binlog INSERT,
// UPDATE, DELETE and key-changing UPDATE — into canal-json, debezium-json (with and without
// the schema wrapper) and json topics, and from there (and straight from the binlog) into
// `replicate` replicas, with and without a versionColumn. Every replica table must equal its
// source by an ordered full dump (HEX() for bytes, DOUBLE for FLOAT, UNIX_TIMESTAMP for
// TIMESTAMP), except what Debezium itself loses (zero dates, docs/type-mapping.md), which the
// debezium-json replicas must hold exactly as Debezium writes it. The keyless table follows
// the documented rule: replicate refuses its events
// (dead letters naming the table) and the replica table stays empty.
//
// FLOWDECK_FIDELITY_SEED picks another seed; FLOWDECK_FIDELITY_ROWS more rows per table.
#include "tests/common/fidelitytables.h"
#include "tests/common/testsupport.h"

#include "core/codec/debeziumjsonencoder.h"
#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "core/kafka/embeddedbroker.h"
#include "core/kafka/kafkaconfig.h"
#include "core/kafka/kafkasink.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace flowdeck;

namespace {

const std::string kSource = "fm_src";

struct Path
{
    std::string tag;      // topic prefix and replica database suffix
    std::string protocol; // "" for binlog -> replica directly
    bool schemas = false; // debezium-json with the schema wrapper
};

std::vector<Path> paths()
{
    return {{"direct", "", false},
            {"canal", "canal-json", false},
            {"dbz", "debezium-json", false},
            {"dbzs", "debezium-json", true},
            {"json", "json", false}};
}

int envInt(const char *name, int fallback)
{
    const QByteArray v = qgetenv(name);
    return v.isEmpty() ? fallback : v.toInt();
}

nlohmann::json sourceEndpoint()
{
    return {{"type", "mysql"}, {"connection", test::sandboxConnection(kSource)}, {"tables", {kSource + ".*"}}, {"read", "snapshot+cdc"}};
}

nlohmann::json replicaEndpoint(const std::string &database, bool versioned)
{
    nlohmann::json write = {{"mode", "replicate"}};
    if (versioned)
        write["versionColumn"] = {{"name", "_v"}, {"from", "commitTime"}};
    return {{"type", "mysql"}, {"connection", test::sandboxConnection(database)}, {"table", "{table}"}, {"write", write}};
}

} // namespace

class TestFidelityMatrix : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void replicasEqualSources_data();
    void replicasEqualSources();

private:
    RunResult run(const nlohmann::json &doc, bool debeziumSchemas = false);
    void feed(const std::string &phase);

    QTemporaryDir m_dir;
    std::vector<test::FidelityTable> m_tables;
    quint32 m_seed = 0;
};

RunResult TestFidelityMatrix::run(const nlohmann::json &doc, bool debeziumSchemas)
{
    EngineOptions options;
    options.stateDir = m_dir.filePath(QStringLiteral("state")).toStdString();
    options.untilIdle = true;
    Engine engine(flowFromJson(doc), options);
    if (debeziumSchemas)
        engine.setSinkFactory([](const Flow &flow) -> std::unique_ptr<Sink> {
            DebeziumOptions o;
            o.schemas = true;
            return std::make_unique<KafkaSink>(KafkaConfig::fromJson(flow.destination), std::make_unique<DebeziumJsonEncoder>(o));
        });
    return engine.run();
}

/// Runs every feed: the binlog into each topic family and into the direct replicas.
void TestFidelityMatrix::feed(const std::string &phase)
{
    for (const Path &p : paths()) {
        for (bool versioned : {false, true}) {
            if (!p.protocol.empty() && versioned)
                continue;
            nlohmann::json doc = {{"flowdeck", 1}, {"name", "fm-feed-" + p.tag + (versioned ? "-v" : "")}, {"source", sourceEndpoint()},
                                  {"trigger", {{"type", "continuous"}}}};
            if (p.protocol.empty()) {
                doc["destination"] = replicaEndpoint("fm_" + p.tag + (versioned ? "_v" : ""), versioned);
                doc["errorHandling"] = {{"onError", "skip"}, {"deadLetter", m_dir.filePath(QString::fromStdString("dl-" + p.tag + (versioned ? "-v" : "") + ".jsonl")).toStdString()}};
            } else {
                doc["destination"] = {{"type", "kafka"}, {"brokers", "embedded"}, {"protocol", p.protocol}, {"topic", "fm" + p.tag + ".{table}"}};
            }
            const RunResult r = run(doc, p.schemas);
            QVERIFY2(r.status == RunStatus::Completed, (phase + " " + p.tag + ": " + r.error).c_str());
        }
    }
}

void TestFidelityMatrix::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_seed = quint32(envInt("FLOWDECK_FIDELITY_SEED", 12));
    const int rows = envInt("FLOWDECK_FIDELITY_ROWS", 12);
    QRandomGenerator random(m_seed);
    m_tables = test::fidelityTables();
    test::freshDatabase(kSource);
    std::vector<std::string> replicas;
    for (const Path &p : paths()) {
        replicas.push_back("fm_" + p.tag);
        replicas.push_back("fm_" + p.tag + "_v");
    }
    for (const std::string &db : replicas)
        test::freshDatabase(db);
    for (const auto &t : m_tables) {
        test::execSql(test::createStatement(t, kSource), kSource);
        for (const std::string &db : replicas) {
            test::execSql(test::createStatement(t, db), db);
            if (db.ends_with("_v"))
                test::execSql("ALTER TABLE `" + db + "`.`" + t.name + "` ADD COLUMN `_v` BIGINT NULL", db);
        }
        test::insertFidelityRows(t, kSource, 1, rows, random);
    }
    for (const Path &p : paths())
        if (!p.protocol.empty())
            for (const auto &t : m_tables)
                EmbeddedBroker::shared().createTopic("fm" + p.tag + "." + t.name, 2);

    feed("snapshot");
    for (const auto &t : m_tables)
        test::changeFidelityRows(t, kSource, rows, random);
    feed("binlog");
}

void TestFidelityMatrix::replicasEqualSources_data()
{
    QTest::addColumn<QString>("tag");
    QTest::addColumn<bool>("versioned");
    for (const Path &p : paths())
        for (bool versioned : {false, true})
            QTest::newRow((p.tag + (versioned ? " versioned" : "")).c_str()) << QString::fromStdString(p.tag) << versioned;
}

void TestFidelityMatrix::replicasEqualSources()
{
    QFETCH(QString, tag);
    QFETCH(bool, versioned);
    const std::string replica = "fm_" + tag.toStdString() + (versioned ? "_v" : "");
    const QString deadLetters = m_dir.filePath(QString::fromStdString("dl-" + tag.toStdString() + (versioned ? "-v" : "") + ".jsonl"));
    const std::vector<Path> all = paths(); // `path` points into it
    const Path *path = nullptr;
    for (const Path &p : all)
        if (p.tag == tag.toStdString())
            path = &p;
    QVERIFY(path);
    if (!path->protocol.empty()) {
        const nlohmann::json doc = {{"flowdeck", 1},
                                    {"name", "fm-replica-" + replica},
                                    {"source", {{"type", "kafka"}, {"brokers", "embedded"}, {"protocol", path->protocol},
                                                {"topic", "^fm" + path->tag + "\\..*"}, {"startFrom", "earliest"}}},
                                    {"destination", replicaEndpoint(replica, versioned)},
                                    {"trigger", {{"type", "continuous"}}},
                                    {"errorHandling", {{"onError", "skip"}, {"deadLetter", deadLetters.toStdString()}}}};
        const RunResult r = run(doc);
        QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    }
    // The first difference, if any: a dead letter that is not the keyless table's, a keyless
    // row that reached the replica, a table whose dump differs.
    std::string mismatch;
    QFile f(deadLetters);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(deadLetters));
    int letters = 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.isEmpty() || !mismatch.empty())
            continue;
        ++letters;
        const std::string reason = nlohmann::json::parse(line.toStdString()).value("reason", std::string());
        if (reason.find("fm_nokey") == std::string::npos || reason.find("no PRIMARY KEY") == std::string::npos)
            mismatch = "dead letter: " + reason;
    }
    if (mismatch.empty() && letters == 0)
        mismatch = "the keyless table's events were not refused";
    if (mismatch.empty() && test::querySql("SELECT COUNT(*) FROM fm_nokey", replica) != std::vector<std::string>{"0"})
        mismatch = "rows reached the keyless replica table";
    for (const auto &t : m_tables) {
        if (t.key.empty() || !mismatch.empty())
            continue;
        // Debezium's own losses (zero dates: null, or the epoch in a NOT NULL column) are the
        // expectation of its replicas, written as SQL over the source (FidelityColumn::debeziumLoss).
        const bool debezium = path->protocol == "debezium-json";
        const std::vector<std::string> source = test::querySql(test::dumpQuery(t, kSource, debezium), kSource);
        const std::vector<std::string> copy = test::querySql(test::dumpQuery(t, replica), replica);
        QVERIFY2(source.size() > 10, t.name.c_str());
        std::size_t i = 0;
        while (i < source.size() && i < copy.size() && source[i] == copy[i])
            ++i;
        if (i < source.size() || i < copy.size())
            mismatch = "seed " + std::to_string(m_seed) + ", " + replica + "." + t.name + ": " + std::to_string(source.size()) + " rows vs "
                + std::to_string(copy.size()) + "; first difference at row " + std::to_string(i) + ":\n  source  "
                + (i < source.size() ? source[i] : "(none)") + "\n  replica " + (i < copy.size() ? copy[i] : "(none)");
    }
    QVERIFY2(mismatch.empty(), mismatch.c_str());
}

QTEST_GUILESS_MAIN(TestFidelityMatrix)
#include "tst_fidelitymatrix.moc"
