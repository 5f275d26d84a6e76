// Crash safety of a snapshot+cdc flow into canal-json topics: `flowdeck run` is killed (SIGKILL)
// at random moments during the snapshot and during streaming while a writer keeps changing the
// tables; after a last run catches up, no change is missing from the topics: replaying each key's
// messages gives exactly the table, and every committed version of every row was published.
// The broker runs in its own process (`flowdeck broker`), so its data outlives the killed runs.
#include "tests/common/brokerprocess.h"
#include "tests/common/kafkatestsupport.h"
#include "tests/common/testsupport.h"

#include "core/mysql/mysqlconnection.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <atomic>
#include <fstream>
#include <map>
#include <set>
#include <thread>

using namespace flowdeck;

namespace {

constexpr int kPartitions = 48; // the embedded broker keeps ~5 MiB a partition: room for the replays
constexpr int kAccounts = 60000;
constexpr int kPairs = 20000;

/// Per key, every message in topic order.
struct KeyHistory
{
    std::vector<std::string> types;
    std::vector<long long> versions;
};

} // namespace

class TestCdcCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killDuringSnapshotAndStream();

private:
    void writeChanges(const std::atomic<bool> &stop);
    std::string phaseInState() const;
    std::map<std::string, KeyHistory> histories(const std::string &bootstrap, const std::string &table,
                                                std::size_t &messages);

    std::string m_db;
    QTemporaryDir m_tmp;
    std::string m_topicPrefix;
    std::atomic<long long> m_committed{0};
};

std::string TestCdcCrash::phaseInState() const
{
    QFile f(m_tmp.filePath(QStringLiteral("state/cdc-crash.state.json")));
    if (!f.open(QIODevice::ReadOnly))
        return "none";
    const nlohmann::json state = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
    const nlohmann::json checkpoint = state.is_object() ? state.value("checkpoint", nlohmann::json()) : nlohmann::json();
    const nlohmann::json source = checkpoint.is_object() ? checkpoint.value("source", nlohmann::json()) : nlohmann::json();
    return source.is_object() ? source.value("phase", std::string("none")) : std::string("none");
}

// Small transactions of +1 updates on hot keys, inserts of new keys and deletes, until stopped.
void TestCdcCrash::writeChanges(const std::atomic<bool> &stop)
{
    MySqlConnection session(MySqlConnectionConfig::fromJson(test::sandboxConnection(m_db)));
    session.connect();
    QRandomGenerator random(42);
    long long nextId = 100001;
    int deleted = 0;
    while (!stop.load()) {
        session.execute("START TRANSACTION");
        for (int i = 0; i < 4; ++i) {
            const int hot = int(random.bounded(1, 3001));
            switch (random.bounded(10)) {
            case 0:
                session.execute("INSERT INTO acct VALUES (" + std::to_string(nextId++) + ", 0, 'new')");
                break;
            case 1:
                if (deleted < 2000)
                    session.execute("DELETE FROM acct WHERE id = " + std::to_string(kAccounts - deleted++));
                break;
            case 2: case 3:
                session.execute("UPDATE pair SET v = v + 1 WHERE k1 = " + std::to_string(hot % (kPairs / 2)) +
                                " AND k2 = 'k" + std::to_string(hot % 2) + "'");
                break;
            default:
                session.execute("UPDATE acct SET v = v + 1 WHERE id = " + std::to_string(hot));
            }
        }
        session.execute("COMMIT");
        ++m_committed;
    }
}

std::map<std::string, KeyHistory> TestCdcCrash::histories(const std::string &bootstrap, const std::string &table,
                                                          std::size_t &messages)
{
    std::map<std::string, KeyHistory> byKey;
    const auto consumed = test::consumeAll(bootstrap, m_topicPrefix + m_db + "_" + table, kPartitions);
    messages = consumed.size();
    for (const auto &m : consumed) {
        const nlohmann::json j = nlohmann::json::parse(m.value);
        if (j.at("isDdl").get<bool>())
            continue;
        for (const auto &row : j.at("data")) {
            std::string key;
            for (const auto &k : j.at("pkNames"))
                key += row.at(k.get<std::string>()).get<std::string>() + "|";
            KeyHistory &h = byKey[key];
            h.types.push_back(j.at("type").get<std::string>());
            h.versions.push_back(std::stoll(row.at("v").get<std::string>()));
        }
    }
    return byKey;
}

void TestCdcCrash::killDuringSnapshotAndStream()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY2(!test::flowdeckBinary().isEmpty(), "FLOWDECK_BIN is not set");
    m_db = test::freshDatabase("cdc_crash");
    test::execSql("CREATE TABLE acct (id INT PRIMARY KEY, v INT NOT NULL, note VARCHAR(40))", m_db);
    test::execSql("CREATE TABLE pair (k1 INT, k2 VARCHAR(8), v INT NOT NULL, PRIMARY KEY (k1, k2))", m_db);
    test::execSql("INSERT INTO acct SELECT seq, 0, CONCAT('account ', seq) FROM seq_1_to_" + std::to_string(kAccounts), m_db);
    test::execSql("INSERT INTO pair SELECT seq DIV 2, CONCAT('k', seq % 2), 0 FROM seq_0_to_" + std::to_string(kPairs - 1), m_db);

    // A fresh topic name per run, so an external cluster (FLOWDECK_TEST_KAFKA_BROKERS) works too.
    m_topicPrefix = "crash" + std::to_string(QRandomGenerator::global()->bounded(1000000)) + "_";
    test::BrokerProcess broker;
    const std::string bootstrap = broker.start({{m_topicPrefix + m_db + "_acct", kPartitions},
                                                {m_topicPrefix + m_db + "_pair", kPartitions}});
    const nlohmann::json flow = {
        {"flowdeck", 1},
        {"name", "cdc-crash"},
        {"source", {{"type", "mysql"}, {"connection", test::sandboxConnection(m_db)}, {"tables", {m_db + ".*"}},
                    {"read", "snapshot+cdc"}, {"chunkSize", 200}}},
        {"destination", {{"type", "kafka"}, {"brokers", bootstrap}, {"protocol", "canal-json"},
                         {"topic", m_topicPrefix + "{schema}_{table}"}, {"partition", "index-value"},
                         {"createTopics", {{"partitions", kPartitions}, {"replicationFactor", 1}}}}},
        {"trigger", {{"type", "continuous"}}}};
    const QString flowFile = m_tmp.filePath(QStringLiteral("cdc-crash.flow.json"));
    std::ofstream(flowFile.toStdString()) << flow.dump(2);
    const QStringList runArgs{QStringLiteral("run"), flowFile, QStringLiteral("--state-dir"), m_tmp.filePath(QStringLiteral("state"))};

    std::atomic<bool> stopWriting{false};
    std::thread writer([&] {
        try {
            writeChanges(stopWriting);
        } catch (const std::exception &e) {
            qWarning("writer: %s", e.what());
        }
    });
    // Stops the writer however this function returns (a failed QVERIFY returns early).
    const auto joinWriter = qScopeGuard([&] {
        stopWriting = true;
        if (writer.joinable())
            writer.join();
    });

    // Kill moments: the first at random soon after the start, the second once a snapshot
    // checkpoint was saved, the others once streaming checkpoints are saved; each a random time
    // later. What the state file said after each kill is checked below.
    QRandomGenerator random(QRandomGenerator::global()->generate());
    struct Kill
    {
        const char *waitForPhase; // nullptr: right after the start
        int from, to;             // then a random delay in ms
    };
    // "any": once a checkpoint was saved (on a fast machine the snapshot may end before that).
    const std::vector<Kill> kills{{nullptr, 300, 900}, {"any", 0, 500}, {"cdc", 200, 1500}, {"cdc", 200, 1500},
                                  {"cdc", 500, 2500}};
    std::vector<std::string> phases;
    for (const Kill &kill : kills) {
        QProcess run;
        run.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        test::killWithParent(run);
        run.start(test::flowdeckBinary(), runArgs);
        QVERIFY(run.waitForStarted(10000));
        if (kill.waitForPhase && std::string(kill.waitForPhase) == "any")
            QTRY_VERIFY_WITH_TIMEOUT(phaseInState() != "none", 60000);
        else if (kill.waitForPhase)
            QTRY_VERIFY_WITH_TIMEOUT(phaseInState() == kill.waitForPhase, 60000);
        const int after = int(random.bounded(kill.from, kill.to + 1));
        QVERIFY2(!run.waitForFinished(after),
                 qPrintable(QStringLiteral("flowdeck run ended with code %1 before it was killed").arg(run.exitCode())));
        run.kill(); // SIGKILL
        run.waitForFinished(10000);
        phases.push_back(phaseInState());
        qInfo("killed %d ms after %s; the saved checkpoint was in phase %s", after,
              kill.waitForPhase ? kill.waitForPhase : "the start", phases.back().c_str());
    }
    QTest::qWait(500);
    stopWriting = true;
    writer.join();
    QVERIFY(m_committed.load() > 50);

    // The last run catches up and ends once idle.
    QProcess last;
    last.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    test::killWithParent(last);
    last.start(test::flowdeckBinary(), QStringList(runArgs) << QStringLiteral("--until-idle"));
    QVERIFY(last.waitForFinished(180000));
    QCOMPARE(last.exitCode(), 0);
    QVERIFY2(std::count(phases.begin(), phases.end(), "cdc") >= 1, "no kill happened while streaming");
    // "none": killed before the first checkpoint, within the first second of the snapshot.
    QVERIFY2(std::count_if(phases.begin(), phases.end(), [](const std::string &p) { return p != "cdc"; }) >= 1,
             "no kill happened during the snapshot");

    for (const std::string table : {"acct", "pair"}) {
        std::size_t messages = 0;
        const auto byKey = histories(bootstrap, table, messages);
        const std::string keyExpr = table == "acct" ? "CONCAT(id, '|')" : "CONCAT(k1, '|', k2, '|')";
        std::map<std::string, long long> rows;
        for (const std::string &line : test::querySql("SELECT CONCAT(" + keyExpr + ", ' ', v) FROM " + table, m_db)) {
            const auto space = line.rfind(' ');
            rows[line.substr(0, space)] = std::stoll(line.substr(space + 1));
        }
        std::size_t distinctChanges = 0;
        for (const auto &[key, h] : byKey) {
            const bool deletedLast = h.types.back() == "DELETE";
            const auto row = rows.find(key);
            QVERIFY2(deletedLast == (row == rows.end()), qPrintable(QString::fromStdString(table + " key " + key)));
            // The newest message carries the row as it is now.
            if (!deletedLast)
                QVERIFY2(h.versions.back() == row->second,
                         qPrintable(QString::fromStdString(table + " key " + key + ": last message has v=" +
                                                           std::to_string(h.versions.back()) + ", the table " +
                                                           std::to_string(row->second))));
            // Every version from the last snapshot row published for the key up to the newest is
            // there: no update lost. (Rows of a snapshot that was killed before its first
            // checkpoint are followed by a new snapshot, not by the changes in between.)
            std::size_t from = 0;
            for (std::size_t i = 0; i < h.types.size(); ++i)
                if (h.types[i] == "INSERT")
                    from = i;
            const std::set<long long> seen(h.versions.begin() + std::ptrdiff_t(from), h.versions.end());
            const long long first = h.versions[from];
            for (long long v = first; v <= *seen.rbegin(); ++v)
                QVERIFY2(seen.count(v), qPrintable(QString::fromStdString(table + " key " + key + ": version " +
                                                                         std::to_string(v) + " is missing")));
            std::set<std::pair<std::string, long long>> changes;
            for (std::size_t i = 0; i < h.types.size(); ++i)
                changes.emplace(h.types[i], h.versions[i]);
            distinctChanges += changes.size();
        }
        // Every row that exists was published.
        for (const auto &[key, v] : rows)
            QVERIFY2(byKey.count(key), qPrintable(QString::fromStdString(table + " key " + key + " never published")));
        qInfo("%s: %zu messages, %zu distinct changes, %zu replayed after the kills", table.c_str(), messages,
              distinctChanges, messages - distinctChanges);
    }
}

QTEST_GUILESS_MAIN(TestCdcCrash)
#include "tst_cdccrash.moc"
