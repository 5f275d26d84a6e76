// Bad and unusual input for a CDC flow: column types outside the common set (MariaDB's INET6 and
// UUID, spatial types), a binlog purged under a stopped flow, a wrong password — each gives the
// behaviour docs/running-flows.md documents.
#include "tests/common/testsupport.h"

#include "core/codec/canaljsonencoder.h"
#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "core/mysql/mysqlsource.h"
#include "core/engine/runstate.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace flowdeck;

namespace {

const std::string kDb = "flowdeck_cdcbadinput";

nlohmann::json endpoint(const std::string &table, const std::string &read)
{
    return {{"type", "mysql"}, {"connection", test::sandboxConnection(kDb)}, {"table", table}, {"read", read}};
}

/// Reads until `count` records came (or 10 s passed).
Batch readRecords(MySqlSource &source, std::size_t count)
{
    Batch out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (out.size() < count && std::chrono::steady_clock::now() < deadline)
        source.read(out, 100);
    return out;
}

nlohmann::json canalData(const Record &record)
{
    CanalJsonEncoder encoder;
    std::vector<EncodedMessage> messages;
    encoder.encode(record, messages);
    return nlohmann::json::parse(messages.at(0).value);
}

} // namespace

class TestCdcBadInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void unusualColumnTypes();
    void purgedBinlogStopsTheRun();
    void wrongPasswordStopsTheRun();
};

void TestCdcBadInput::initTestCase()
{
    if (test::sandboxConnection(kDb).empty())
        QFAIL("no sandbox server (run through ctest: fixture mariadb)");
    test::freshDatabase(kDb);
}

// INET6 and UUID come as their text, as the server prints them, in the snapshot and in the
// stream alike (the binlog holds 16 bytes, time-based UUIDs with their segments swapped); spatial
// values as their bytes (a 4-byte SRID and the WKB), ISO-8859-1 text in canal-json like BLOBs.
void TestCdcBadInput::unusualColumnTypes()
{
    const std::string a = "'2001:db8::1', '123e4567-e89b-12d3-a456-426655440000', POINT(1, 2)";
    test::execSql("CREATE TABLE odd (id INT PRIMARY KEY, ip INET6, u UUID, g POINT)", kDb);
    test::execSql("INSERT INTO odd VALUES (1, " + a + ")", kDb);
    MySqlSource source(endpoint("odd", "snapshot+cdc"));
    source.open(nullptr);
    const Batch snapshot = readRecords(source, 1);
    QCOMPARE(snapshot.size(), std::size_t(1));
    test::execSql("INSERT INTO odd VALUES (2, " + a + ")", kDb);
    test::execSql("INSERT INTO odd VALUES (3, '::ffff:10.0.0.1', '6ccd780c-baba-4026-9564-5b8c656024db', NULL)", kDb);
    const Batch stream = readRecords(source, 2);
    QCOMPARE(stream.size(), std::size_t(2));

    nlohmann::json fromSnapshot = canalData(snapshot[0]).at("data")[0];
    nlohmann::json fromStream = canalData(stream[0]).at("data")[0];
    QCOMPARE(fromSnapshot.at("ip").get<std::string>(), std::string("2001:db8::1"));
    QCOMPARE(fromSnapshot.at("u").get<std::string>(), std::string("123e4567-e89b-12d3-a456-426655440000"));
    // POINT(1 2): SRID 0, little-endian WKB point, then the doubles 1.0 and 2.0; 0xF0 as 'ð'.
    QCOMPARE(fromSnapshot.at("g").get<std::string>().size(), std::size_t(25 + 1)); // 0xF0 takes two bytes in UTF-8
    fromSnapshot.erase("id");
    fromStream.erase("id");
    QCOMPARE(QByteArray::fromStdString(fromStream.dump()), QByteArray::fromStdString(fromSnapshot.dump()));
    const nlohmann::json other = canalData(stream[1]).at("data")[0];
    QCOMPARE(other.at("ip").get<std::string>(), std::string("::ffff:10.0.0.1"));
    QCOMPARE(other.at("u").get<std::string>(), std::string("6ccd780c-baba-4026-9564-5b8c656024db"));
    QVERIFY(other.at("g").is_null());
    QCOMPARE(canalData(stream[1]).at("sqlType").at("g").get<int>(), 2004);
}

// A flow resumed at a binlog position the server no longer has fails at once, says where and
// what to do, and keeps its checkpoint (nothing is skipped silently).
void TestCdcBadInput::purgedBinlogStopsTheRun()
{
    test::execSql("CREATE TABLE gone (id INT PRIMARY KEY)", kDb);
    QTemporaryDir state;
    const Flow flow = flowFromJson({{"flowdeck", 1},
                                    {"name", "purged"},
                                    {"source", endpoint("gone", "snapshot+cdc")},
                                    {"destination", test::mysqlDestination(kDb, "gone_copy", "replicate")}});
    RunState resume;
    resume.runId = "earlier";
    resume.status = RunStatus::Stopped;
    const nlohmann::json checkpoint = {{"phase", "cdc"}, {"file", "mysql-bin.000999"}, {"position", 4}, {"gtid", ""}};
    resume.checkpoint = {{"seq", 7}, {"source", checkpoint}};
    StateStore(state.path().toStdString(), flow.name).save(resume);
    EngineOptions options;
    options.stateDir = state.path().toStdString();
    const RunResult result = Engine(flow, options).run();
    QCOMPARE(result.status, RunStatus::Failed);
    QVERIFY2(result.error.find("mysql-bin.000999") != std::string::npos, result.error.c_str());
    QVERIFY2(result.error.find("take a new snapshot") != std::string::npos, result.error.c_str());
    const RunState after = StateStore(state.path().toStdString(), flow.name).load();
    QCOMPARE(QByteArray::fromStdString(after.checkpoint.value("source", nlohmann::json()).dump()),
             QByteArray::fromStdString(checkpoint.dump()));
}

// `flowdeck run` with a wrong password: exit 1 and the server's own answer.
void TestCdcBadInput::wrongPasswordStopsTheRun()
{
    QTemporaryDir dir;
    nlohmann::json source = endpoint("gone", "cdc");
    source["connection"]["password"] = "not-the-password";
    const nlohmann::json flow = {{"flowdeck", 1},
                                 {"name", "wrong-password"},
                                 {"source", source},
                                 {"destination", test::mysqlDestination(kDb, "gone_copy", "replicate")}};
    const QString file = dir.filePath(QStringLiteral("wrong.flow.json"));
    std::ofstream(file.toStdString()) << flow.dump(2);
    QProcess run;
    run.start(test::flowdeckBinary(), {QStringLiteral("run"), file, QStringLiteral("--state-dir"), dir.path()});
    QVERIFY(run.waitForFinished(60000));
    QCOMPARE(run.exitCode(), 1);
    const QByteArray err = run.readAllStandardError();
    QVERIFY2(err.contains("Access denied for user 'root'"), err.constData());
}

QTEST_GUILESS_MAIN(TestCdcBadInput)
#include "tst_cdcbadinput.moc"
