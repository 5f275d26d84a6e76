// End to end: `flowdeck run` / `flowdeck validate` as a user runs them, against the suite's MariaDB.
#include "tests/common/testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <thread>

#include <csignal>

using namespace flowdeck;

namespace {

struct RunOutput
{
    int exitCode = -1;
    QString out;
    QString err;
};

/// The 13 rows of the AppFlow guide's final SELECT, with '' where the console printed null.
const QStringList kSeedRows = {
    QStringLiteral("001Do000003EDTZIA4\tEdge Communications\tCustomer - Direct\tTX\tHot\tElectronics"),
    QStringLiteral("001Do000003EDTaIAO\tBurlington Textiles Corp of America\tCustomer - Direct\tNC\tWarm\tApparel"),
    QStringLiteral("001Do000003EDTbIAO\tPyramid Construction Inc.\tCustomer - Channel\t\t\tConstruction"),
    QStringLiteral("001Do000003EDTcIAO\tDickenson plc\tCustomer - Channel\tKS\t\tConsulting"),
    QStringLiteral("001Do000003EDTdIAO\tGrand Hotels & Resorts Ltd\tCustomer - Direct\tIL\tWarm\tHospitality"),
    QStringLiteral("001Do000003EDTeIAO\tUnited Oil & Gas Corp.\tCustomer - Direct\tNY\tHot\tEnergy"),
    QStringLiteral("001Do000003EDTfIAO\tExpress Logistics and Transport\tCustomer - Channel\tOR\tCold\tTransportation"),
    QStringLiteral("001Do000003EDTgIAO\tUniversity of Arizona\tCustomer - Direct\tAZ\tWarm\tEducation"),
    QStringLiteral("001Do000003EDThIAO\tUnited Oil & Gas, UK\tCustomer - Direct\tUK\t\tEnergy"),
    QStringLiteral("001Do000003EDTiIAO\tUnited Oil & Gas, Singapore\tCustomer - Direct\tSingapore\t\tEnergy"),
    QStringLiteral("001Do000003EDTjIAO\tGenePoint\tCustomer - Channel\tCA\tCold\tBiotechnology"),
    QStringLiteral("001Do000003EDTkIAO\tsForce\t\tCA\t\t"),
    QStringLiteral("001Do000003EDTlIAO\tSample Account for Entitlements\t\t\t\t"),
};

QStringList toQt(const std::vector<std::string> &rows)
{
    QStringList l;
    for (const auto &r : rows)
        l << QString::fromStdString(r);
    return l;
}

} // namespace

class TestRunFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void salesforceInsert();
    void salesforceUpsertTwice();
    void salesforceFiltered();
    void updateModeCountsUnmatchedKeys();
    void designExampleAsWritten();
    void stopAtBadRecord();
    void skipToDeadLetter();
    void resumeAfterKill();
    void stopWithSignalThenResume();
    void connectionProblems_data();
    void connectionProblems();
    void oddIdentifiers();
    void jsonLinesNewFieldIsNotDropped();
    void validateLists();

private:
    RunOutput flowdeck(const QStringList &args, int timeoutMs = 120000);
    QString writeFlow(const QString &name, const nlohmann::json &doc);
    nlohmann::json connection(const std::string &db) const;

    QTemporaryDir m_tmp;
    QProcessEnvironment m_env;
    std::string m_db = "runflow";
};

void TestRunFlow::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY2(!test::flowdeckBinary().isEmpty(), "FLOWDECK_BIN is not set");
    const nlohmann::json c = test::sandboxConnection(m_db);
    m_env = QProcessEnvironment::systemEnvironment();
    m_env.insert(QStringLiteral("FLOWDECK_MYSQL_PORT"), QString::number(c["port"].get<int>()));
    m_env.insert(QStringLiteral("FLOWDECK_MYSQL_DATABASE"), QString::fromStdString(m_db));
    m_env.remove(QStringLiteral("TIDB_PASSWORD"));
}

RunOutput TestRunFlow::flowdeck(const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(m_env);
    QStringList all = args;
    if (args.value(0) == QLatin1String("run") || args.value(0) == QLatin1String("history"))
        all << QStringLiteral("--state-dir") << m_tmp.filePath(QStringLiteral("state"));
    p.start(test::flowdeckBinary(), all);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString TestRunFlow::writeFlow(const QString &name, const nlohmann::json &doc)
{
    const QString path = m_tmp.filePath(name);
    std::ofstream(path.toStdString()) << doc.dump(2);
    return path;
}

nlohmann::json TestRunFlow::connection(const std::string &db) const
{
    return test::sandboxConnection(db);
}

/// The example flows run from a copy, so that nothing they write (dead letters) lands in the
/// source tree.
static QString example(const char *file)
{
    static QTemporaryDir copy;
    static const bool copied = [] {
        const QDir from(QString::fromStdString(test::sourcePath("resources/examples/salesforce-accounts")));
        for (const QString &name : from.entryList(QDir::Files))
            if (!QFile::copy(from.filePath(name), copy.filePath(name)))
                return false;
        return true;
    }();
    return copied ? copy.filePath(QString::fromLatin1(file)) : QString();
}

static void createSfAccount(const std::string &db)
{
    std::ifstream in(test::sourcePath("resources/examples/salesforce-accounts/sf_account.sql"));
    std::string ddl((std::istreambuf_iterator<char>(in)), {});
    test::execSql("DROP TABLE IF EXISTS sf_account", db);
    test::execSql(ddl, db);
}

void TestRunFlow::salesforceInsert()
{
    test::freshDatabase(m_db);
    createSfAccount(m_db);
    const RunOutput r = flowdeck({QStringLiteral("run"), example("accounts-insert.flow.json"), QStringLiteral("--restart")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
    QVERIFY2(r.out.contains(QLatin1String("read 13, written 13, filtered 0, dead-lettered 0")), qPrintable(r.out));
    QStringList rows = toQt(test::querySql("SELECT * FROM sf_account", m_db));
    rows.sort();
    QCOMPARE(rows, kSeedRows);
}

void TestRunFlow::salesforceUpsertTwice()
{
    test::freshDatabase(m_db);
    createSfAccount(m_db);
    QCOMPARE(flowdeck({QStringLiteral("run"), example("accounts-insert.flow.json"), QStringLiteral("--restart")}).exitCode, 0);
    for (int i = 0; i < 2; ++i) {
        const RunOutput r = flowdeck({QStringLiteral("run"), example("accounts-upsert.flow.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account", m_db).front(), std::string("13"));
    }
    QCOMPARE(toQt(test::querySql("SELECT rating FROM sf_account WHERE id='001Do000003EDTZIA4'", m_db)),
             QStringList{QStringLiteral("Warm")});
    QCOMPARE(toQt(test::querySql("SELECT type, billing_state, rating, industry FROM sf_account WHERE id='001Do000003EDTkIAO'", m_db)),
             QStringList{QStringLiteral("Partner\tCA\tHot\tTechnology")});
    // Unchanged rows are untouched.
    QCOMPARE(toQt(test::querySql("SELECT * FROM sf_account WHERE id='001Do000003EDTgIAO'", m_db)), QStringList{kSeedRows[7]});
}

void TestRunFlow::salesforceFiltered()
{
    test::freshDatabase(m_db);
    createSfAccount(m_db);
    const QString metrics = m_tmp.filePath(QStringLiteral("filtered-metrics.json"));
    const RunOutput r = flowdeck({QStringLiteral("run"), example("accounts-filtered.flow.json"), QStringLiteral("--restart"),
                                  QStringLiteral("--metrics-json"), metrics});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account", m_db).front(), std::string("10"));
    QVERIFY(test::querySql("SELECT id FROM sf_account WHERE industry='Energy'", m_db).empty());
    QFile f(metrics);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject m = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(m.value(QStringLiteral("read")).toInt(), 13);
    QCOMPARE(m.value(QStringLiteral("filtered")).toInt(), 3);
    QCOMPARE(m.value(QStringLiteral("written")).toInt(), 10);
    QCOMPARE(m.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));

    // The run is in the flow's history, with the same counts.
    const RunOutput h = flowdeck({QStringLiteral("history"), example("accounts-filtered.flow.json"), QStringLiteral("--json"),
                                  QStringLiteral("-n"), QStringLiteral("1")});
    QCOMPARE(h.exitCode, 0);
    const QJsonObject last = QJsonDocument::fromJson(h.out.trimmed().toUtf8()).object();
    QCOMPARE(last.value(QStringLiteral("runId")).toString(), m.value(QStringLiteral("runId")).toString());
    QCOMPARE(last.value(QStringLiteral("written")).toInt(), 10);
    QCOMPARE(last.value(QStringLiteral("filtered")).toInt(), 3);
    const RunOutput table = flowdeck({QStringLiteral("history"), example("accounts-filtered.flow.json")});
    QVERIFY2(table.out.contains(QLatin1String("completed")), qPrintable(table.out));
}

void TestRunFlow::updateModeCountsUnmatchedKeys()
{
    test::freshDatabase(m_db);
    createSfAccount(m_db);
    QCOMPARE(flowdeck({QStringLiteral("run"), example("accounts-insert.flow.json"), QStringLiteral("--restart")}).exitCode, 0);
    const std::string csv = m_tmp.filePath(QStringLiteral("update.csv")).toStdString();
    std::ofstream(csv) << "Account ID,Account Rating\n001Do000003EDTjIAO,Hot\n001NOSUCHACCOUNT,Cold\n";
    nlohmann::json doc = {{"flowdeck", 1},
                          {"name", "update-ratings"},
                          {"source", {{"type", "file"}, {"path", csv}}},
                          {"destination", {{"type", "mysql"}, {"connection", connection(m_db)}, {"table", "sf_account"},
                                           {"write", {{"mode", "update"}, {"key", {"id"}}}}}},
                          {"mapping", {{{"source", "Account ID"}, {"destination", "id"}}, {{"source", "Account Rating"}, {"destination", "rating"}}}}};
    const RunOutput r = flowdeck({QStringLiteral("run"), writeFlow(QStringLiteral("update.flow.json"), doc), QStringLiteral("--restart")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("(1 updates matched no row)")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("read 2, written 1,")), qPrintable(r.out)); // the unmatched one wrote nothing
    QCOMPARE(toQt(test::querySql("SELECT rating FROM sf_account WHERE id='001Do000003EDTjIAO'", m_db)), QStringList{QStringLiteral("Hot")});
    // update never inserts
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account", m_db).front(), std::string("13"));
}

void TestRunFlow::designExampleAsWritten()
{
    // The flow of DESIGN.md, field names and values exactly as documented.
    const char *text = R"({
  "flowdeck": 1,
  "name": "salesforce-accounts-to-tidb",
  "description": "Salesforce Account export into TiDB sf_account",
  "source": { "type": "file", "path": "accounts.csv", "format": "csv" },
  "destination": {
    "type": "mysql",
    "connection": { "host": "127.0.0.1", "port": "${FLOWDECK_MYSQL_PORT:-4000}", "user": "root",
                    "password": "${TIDB_PASSWORD}", "database": "test", "tls": "preferred" },
    "table": "sf_account",
    "write": { "mode": "insert", "key": ["id"], "batchRows": 1000 }
  },
  "mapping": [
    { "source": "Account ID", "destination": "id" },
    { "source": "Account Name", "destination": "name" },
    { "destination": "name_upper", "transform": { "op": "upper", "source": "Account Name" } }
  ],
  "filters": [ { "field": "Industry", "op": "neq", "value": "Energy" } ],
  "trigger": { "type": "onDemand" },
  "errorHandling": { "onError": "stop" }
})";
    QDir(m_tmp.path()).mkpath(QStringLiteral("design"));
    const QString dir = m_tmp.filePath(QStringLiteral("design"));
    QFile::remove(dir + QStringLiteral("/accounts.csv"));
    QVERIFY(QFile::copy(example("accounts.csv"), dir + QStringLiteral("/accounts.csv")));
    {
        std::ofstream(dir.toStdString() + "/design.flow.json") << text;
    }
    test::execSql("DROP TABLE IF EXISTS sf_account; CREATE TABLE sf_account (id varchar(255) NOT NULL PRIMARY KEY, "
                  "name varchar(150) NOT NULL DEFAULT '', name_upper varchar(150) NOT NULL DEFAULT '')",
                  "test");
    QCOMPARE(flowdeck({QStringLiteral("validate"), dir + QStringLiteral("/design.flow.json")}).exitCode, 0);
    const RunOutput r = flowdeck({QStringLiteral("run"), dir + QStringLiteral("/design.flow.json"), QStringLiteral("--restart")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account", "test").front(), std::string("10"));
    QCOMPARE(toQt(test::querySql("SELECT name_upper FROM sf_account WHERE id='001Do000003EDTaIAO'", "test")),
             QStringList{QStringLiteral("BURLINGTON TEXTILES CORP OF AMERICA")});
    test::execSql("DROP TABLE sf_account", "test");
}

static nlohmann::json accountsFlow(const std::string &name, const std::string &csv, const nlohmann::json &conn,
                                   const nlohmann::json &errorHandling)
{
    return {{"flowdeck", 1},
            {"name", name},
            {"source", {{"type", "file"}, {"path", csv}}},
            {"destination", {{"type", "mysql"}, {"connection", conn}, {"table", "sf_account"}, {"write", {{"mode", "insert"}}}}},
            {"mapping",
             {{{"source", "Account ID"}, {"destination", "id"}},
              {{"source", "Account Name"}, {"destination", "name"}},
              {{"source", "Industry"}, {"destination", "industry"}}}},
            {"errorHandling", errorHandling}};
}

static std::string badAccountsCsv(const QString &dir)
{
    const std::string path = dir.toStdString() + "/accounts-bad.csv";
    std::ofstream out(path);
    out << "Account ID,Account Name,Industry\n"
        << "A1,First,Energy\n"
        << "A2,Second,Apparel\n"
        << "A3,\"Third, with comma\",Retail\n"
        << "A4," << std::string(200, 'x') << ",Media\n" // line 5: does not fit varchar(150)
        << "A5,Fifth,Retail\n"                           // line 6: fine, after the bad one
        << "A6,Sixth\n"                                  // line 7: wrong field count
        << "A7,Seventh,Energy\n";
    return path;
}

void TestRunFlow::stopAtBadRecord()
{
    test::freshDatabase(m_db);
    createSfAccount(m_db);
    const std::string csv = badAccountsCsv(m_tmp.path());
    const QString flow = writeFlow(QStringLiteral("stop.flow.json"),
                                   accountsFlow("bad-accounts-stop", csv, connection(m_db), {{"onError", "stop"}}));
    const RunOutput r = flowdeck({QStringLiteral("run"), flow, QStringLiteral("--restart")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("accounts-bad.csv:5")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("varchar(150)")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("read 4, written 3, filtered 0, dead-lettered 0, failed 1")), qPrintable(r.err));
    // A5 comes after the bad record in the same batch: it is not written (the run resumes at A4).
    // The rows before the bad one are written, nothing after it.
    QCOMPARE(toQt(test::querySql("SELECT id FROM sf_account ORDER BY id", m_db)),
             (QStringList{QStringLiteral("A1"), QStringLiteral("A2"), QStringLiteral("A3")}));
    QCOMPARE(toQt(test::querySql("SELECT name FROM sf_account WHERE id='A3'", m_db)), QStringList{QStringLiteral("Third, with comma")});
}

void TestRunFlow::skipToDeadLetter()
{
    test::freshDatabase(m_db);
    createSfAccount(m_db);
    const std::string csv = badAccountsCsv(m_tmp.path());
    const QString dl = m_tmp.filePath(QStringLiteral("skip.deadletter.jsonl"));
    QFile::remove(dl);
    const QString metrics = m_tmp.filePath(QStringLiteral("skip-metrics.json"));
    const QString flow = writeFlow(QStringLiteral("skip.flow.json"),
                                   accountsFlow("bad-accounts-skip", csv, connection(m_db),
                                                {{"onError", "skip"}, {"deadLetter", dl.toStdString()}}));
    const RunOutput r = flowdeck({QStringLiteral("run"), flow, QStringLiteral("--restart"), QStringLiteral("--metrics-json"), metrics});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(toQt(test::querySql("SELECT id FROM sf_account ORDER BY id", m_db)),
             (QStringList{QStringLiteral("A1"), QStringLiteral("A2"), QStringLiteral("A3"), QStringLiteral("A5"), QStringLiteral("A7")}));

    QFile f(dl);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
    QVERIFY2(first.value(QStringLiteral("position")).toString().endsWith(QLatin1String("accounts-bad.csv:5")), lines[0].constData());
    QCOMPARE(first.value(QStringLiteral("stage")).toString(), QStringLiteral("write"));
    QVERIFY(first.value(QStringLiteral("reason")).toString().contains(QLatin1String("varchar(150)")));
    QCOMPARE(first.value(QStringLiteral("record")).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("A4"));
    const QJsonObject second = QJsonDocument::fromJson(lines[1]).object();
    QVERIFY2(second.value(QStringLiteral("position")).toString().contains(QLatin1String("accounts-bad.csv:7")), lines[1].constData());
    QCOMPARE(second.value(QStringLiteral("stage")).toString(), QStringLiteral("read"));
    QCOMPARE(second.value(QStringLiteral("raw")).toString(), QStringLiteral("A6,Sixth"));

    QFile mf(metrics);
    QVERIFY(mf.open(QIODevice::ReadOnly));
    const QJsonObject m = QJsonDocument::fromJson(mf.readAll()).object();
    QCOMPARE(m.value(QStringLiteral("read")).toInt(), 7);
    QCOMPARE(m.value(QStringLiteral("written")).toInt(), 5);
    QCOMPARE(m.value(QStringLiteral("deadLettered")).toInt(), 2);
    QCOMPARE(m.value(QStringLiteral("filtered")).toInt(), 0);
}

void TestRunFlow::resumeAfterKill()
{
    // A table without a key, so a replayed row would show up as a duplicate.
    test::freshDatabase(m_db);
    test::execSql("CREATE TABLE big (id BIGINT NOT NULL, payload VARCHAR(64) NOT NULL)", m_db);
    const long rows = 400000;
    const std::string csv = m_tmp.filePath(QStringLiteral("big.csv")).toStdString();
    {
        std::ofstream out(csv);
        out << "id,payload\n";
        for (long i = 1; i <= rows; ++i)
            out << i << ",row number " << i << '\n';
    }
    nlohmann::json doc = {{"flowdeck", 1},
                          {"name", "resume-after-kill"},
                          {"source", {{"type", "file"}, {"path", csv}}},
                          {"destination", {{"type", "mysql"}, {"connection", connection(m_db)}, {"table", "big"},
                                           {"write", {{"mode", "insert"}, {"batchRows", 500}}}}}};
    const QString flow = writeFlow(QStringLiteral("big.flow.json"), doc);
    QDir(m_tmp.filePath(QStringLiteral("state"))).removeRecursively();

    for (int kill = 0; kill < 3; ++kill) {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.start(test::flowdeckBinary(), {QStringLiteral("run"), flow, QStringLiteral("--state-dir"), m_tmp.filePath(QStringLiteral("state"))});
        QVERIFY(p.waitForStarted());
        // Let it write part of the file, then kill it hard mid-batch.
        const long before = std::stol(test::querySql("SELECT COUNT(*) FROM big", m_db).front());
        for (int i = 0; i < 400; ++i) {
            QTest::qWait(25);
            if (std::stol(test::querySql("SELECT COUNT(*) FROM big", m_db).front()) > before + 20000)
                break;
        }
        ::kill(pid_t(p.processId()), SIGKILL);
        p.waitForFinished();
    }
    const long partial = std::stol(test::querySql("SELECT COUNT(*) FROM big", m_db).front());
    QVERIFY2(partial > 0 && partial < rows, qPrintable(QString::number(partial)));
    const RunOutput r = flowdeck({QStringLiteral("run"), flow});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("(resumed)")), qPrintable(r.out));
    QCOMPARE(toQt(test::querySql("SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id) FROM big", m_db)),
             QStringList{QStringLiteral("%1\t%1\t1\t%1").arg(rows)});
    QCOMPARE(toQt(test::querySql("SELECT payload FROM big WHERE id=123456", m_db)), QStringList{QStringLiteral("row number 123456")});
}

void TestRunFlow::stopWithSignalThenResume()
{
    test::freshDatabase(m_db);
    test::execSql("CREATE TABLE big (id BIGINT NOT NULL, payload VARCHAR(64) NOT NULL)", m_db);
    const long rows = 600000;
    const std::string csv = m_tmp.filePath(QStringLiteral("big-stop.csv")).toStdString();
    {
        std::ofstream out(csv);
        out << "id,payload\n";
        for (long i = 1; i <= rows; ++i)
            out << i << ",row number " << i << '\n';
    }
    nlohmann::json doc = {{"flowdeck", 1},
                          {"name", "stop-with-signal"},
                          {"source", {{"type", "file"}, {"path", csv}}},
                          {"destination", {{"type", "mysql"}, {"connection", connection(m_db)}, {"table", "big"},
                                           {"write", {{"mode", "insert"}, {"batchRows", 200}}}}}};
    const QString flow = writeFlow(QStringLiteral("big-stop.flow.json"), doc);
    const QString state = m_tmp.filePath(QStringLiteral("state-stop"));
    QProcess p;
    p.setProcessEnvironment(m_env);
    p.start(test::flowdeckBinary(), {QStringLiteral("run"), flow, QStringLiteral("--state-dir"), state});
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(std::stol(test::querySql("SELECT COUNT(*) FROM big", m_db).front()) > 1000, 30000);
    p.terminate(); // SIGTERM: stop after the batch being written
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 1);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("stopped:")), qPrintable(err));
    const long partial = std::stol(test::querySql("SELECT COUNT(*) FROM big", m_db).front());
    QVERIFY2(partial > 0 && partial < rows, qPrintable(QString::number(partial)));
    // The stopped run's counts match what landed.
    QVERIFY2(err.contains(QStringLiteral("written %1,").arg(QLocale::c().toString(qlonglong(partial)))), qPrintable(err));

    QProcess again;
    again.setProcessEnvironment(m_env);
    again.start(test::flowdeckBinary(), {QStringLiteral("run"), flow, QStringLiteral("--state-dir"), state});
    QVERIFY(again.waitForFinished(120000));
    QCOMPARE(again.exitCode(), 0);
    const QString out = QString::fromUtf8(again.readAllStandardOutput());
    QVERIFY2(out.contains(QStringLiteral("(resumed): read %1,").arg(QLocale::c().toString(qlonglong(rows - partial)))), qPrintable(out));
    QCOMPARE(toQt(test::querySql("SELECT COUNT(*), COUNT(DISTINCT id) FROM big", m_db)), QStringList{QStringLiteral("%1\t%1").arg(rows)});
}

void TestRunFlow::connectionProblems_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("expected");
    QTest::newRow("wrong password") << QStringLiteral("password") << QStringLiteral("Access denied");
    QTest::newRow("missing table") << QStringLiteral("table") << QStringLiteral("does not exist");
    QTest::newRow("unreachable server") << QStringLiteral("port") << QStringLiteral("127.0.0.1:1");
    QTest::newRow("missing file") << QStringLiteral("file") << QStringLiteral("no-such-file.csv");
}

void TestRunFlow::connectionProblems()
{
    QFETCH(QString, what);
    QFETCH(QString, expected);
    test::freshDatabase(m_db);
    createSfAccount(m_db);
    nlohmann::json conn = connection(m_db);
    std::string csv = test::sourcePath("resources/examples/salesforce-accounts/accounts.csv");
    nlohmann::json doc = accountsFlow("problem-" + what.toStdString(), csv, conn, {{"onError", "stop"}});
    if (what == QLatin1String("password"))
        doc["destination"]["connection"]["password"] = "not-the-password";
    else if (what == QLatin1String("table"))
        doc["destination"]["table"] = "no_such_table";
    else if (what == QLatin1String("port"))
        doc["destination"]["connection"]["port"] = 1;
    else
        doc["source"]["path"] = m_tmp.filePath(QStringLiteral("no-such-file.csv")).toStdString();
    const QString flow = writeFlow(QStringLiteral("problem.flow.json"), doc);
    const RunOutput r = flowdeck({QStringLiteral("run"), flow, QStringLiteral("--restart")}, 180000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account", m_db).front(), std::string("0"));
}

void TestRunFlow::oddIdentifiers()
{
    test::freshDatabase(m_db);
    test::execSql("CREATE TABLE `my ``odd`` table` (`Account ID` VARCHAR(20) NOT NULL PRIMARY KEY, `the ``name``` VARCHAR(150) NOT NULL)", m_db);
    std::string csv = test::sourcePath("resources/examples/salesforce-accounts/accounts.csv");
    nlohmann::json doc = {{"flowdeck", 1},
                          {"name", "odd-identifiers"},
                          {"source", {{"type", "file"}, {"path", csv}}},
                          {"destination", {{"type", "mysql"}, {"connection", connection(m_db)}, {"table", "my `odd` table"},
                                           {"write", {{"mode", "upsert"}}}}},
                          {"mapping", {{{"source", "Account ID"}, {"destination", "Account ID"}},
                                       {{"source", "Account Name"}, {"destination", "the `name`"}}}}};
    const QString flow = writeFlow(QStringLiteral("odd.flow.json"), doc);
    const RunOutput r = flowdeck({QStringLiteral("run"), flow, QStringLiteral("--restart")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(toQt(test::querySql("SELECT `the ``name``` FROM `my ``odd`` table` WHERE `Account ID`='001Do000003EDTjIAO'", m_db)),
             QStringList{QStringLiteral("GenePoint")});
}

void TestRunFlow::jsonLinesNewFieldIsNotDropped()
{
    // No mapping: every field maps to its column. A key that appears mid-file with no column must
    // not vanish silently.
    test::freshDatabase(m_db);
    test::execSql("CREATE TABLE people (id INT NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL)", m_db);
    const std::string jsonl = m_tmp.filePath(QStringLiteral("people.jsonl")).toStdString();
    std::ofstream(jsonl) << R"({"id": 1, "name": "Ann"})" "\n"
                         << R"({"id": 2, "name": "Bob", "nickname": null})" "\n"
                         << R"({"id": 3, "name": "Cy", "nickname": "C"})" "\n"
                         << R"({"id": 4, "name": "Di"})" "\n";
    const QString dl = m_tmp.filePath(QStringLiteral("people.deadletter.jsonl"));
    QFile::remove(dl);
    nlohmann::json doc = {{"flowdeck", 1},
                          {"name", "people"},
                          {"source", {{"type", "file"}, {"path", jsonl}}},
                          {"destination", {{"type", "mysql"}, {"connection", connection(m_db)}, {"table", "people"},
                                           {"write", {{"mode", "upsert"}}}}},
                          {"errorHandling", {{"onError", "skip"}, {"deadLetter", dl.toStdString()}}}};
    const RunOutput r = flowdeck({QStringLiteral("run"), writeFlow(QStringLiteral("people.flow.json"), doc), QStringLiteral("--restart")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("read 4, written 3, filtered 0, dead-lettered 1")), qPrintable(r.out));
    QCOMPARE(toQt(test::querySql("SELECT id FROM people ORDER BY id", m_db)),
             (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("4")}));
    QFile f(dl);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject letter = QJsonDocument::fromJson(f.readAll().trimmed()).object();
    QVERIFY2(letter.value(QStringLiteral("reason")).toString().contains(QLatin1String("`nickname` have no column")),
             qPrintable(letter.value(QStringLiteral("reason")).toString()));
    QCOMPARE(letter.value(QStringLiteral("position")).toString(), QStringLiteral("%1:3").arg(QString::fromStdString(jsonl)));
}

void TestRunFlow::validateLists()
{
    nlohmann::json doc = {{"flowdeck", 1},
                          {"name", "broken"},
                          {"source", {{"type", "file"}, {"path", "x.csv"}, {"formt", "csv"}}},
                          {"destination", {{"type", "mysql"}, {"table", "t"}, {"write", {{"mode", "upsrt"}}}}},
                          {"mapping", {{{"source", "a"}, {"destination", "id"}}, {{"source", "b"}, {"destination", "id"}}}},
                          {"filters", {{{"field", "a"}, {"op", "like"}, {"value", "x"}}}}};
    const QString flow = writeFlow(QStringLiteral("broken.flow.json"), doc);
    const RunOutput r = flowdeck({QStringLiteral("validate"), flow});
    QCOMPARE(r.exitCode, 2);
    for (const char *path : {"source.formt", "destination.connection", "destination.write.mode", "mapping[1].destination", "filters[0].op"})
        QVERIFY2(r.err.contains(QLatin1String(path) + QLatin1String(": ")), qPrintable(QLatin1String(path) + QLatin1String(" missing in:\n") + r.err));
    // run refuses it the same way.
    QCOMPARE(flowdeck({QStringLiteral("run"), flow}).exitCode, 2);
}

QTEST_GUILESS_MAIN(TestRunFlow)
#include "tst_runflow.moc"
