// File destinations end to end with `flowdeck run`: a MySQL table into CSV and JSON Lines with
// the exact text of every type, change events (CDC) into a folder of rolling files with the
// operation column, and kill -9 in the middle of writing: after the rerun every row is in the
// finished files exactly once.
#include "tests/common/testsupport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

#include <csignal>

using namespace flowdeck;

namespace {

struct RunOutput
{
    int exitCode = -1;
    QString out;
    QString err;
};

std::string readText(const QString &path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

QStringList finishedFiles(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files, QDir::Name); // hidden .part files are not listed
}

QStringList lines(const std::string &text)
{
    QStringList l = QString::fromStdString(text).split(QLatin1Char('\n'));
    if (!l.isEmpty() && l.last().isEmpty())
        l.removeLast();
    return l;
}

} // namespace

class TestFileDestination : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void tableToFile_data();
    void tableToFile();
    void changesToFolder();
    void cdcResumedToFolder_data();
    void cdcResumedToFolder();
    void killedMidCdc();
    void killThenRerun_data();
    void killThenRerun();

private:
    RunOutput flowdeck(const QStringList &args);
    QString writeFlow(const QString &name, const nlohmann::json &doc);

    QTemporaryDir m_tmp;
    QProcessEnvironment m_env;
    std::string m_db = "filedest";
};

void TestFileDestination::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY2(!test::flowdeckBinary().isEmpty(), "FLOWDECK_BIN is not set");
    m_env = QProcessEnvironment::systemEnvironment();
}

RunOutput TestFileDestination::flowdeck(const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(m_env);
    p.start(test::flowdeckBinary(), args + QStringList{QStringLiteral("--state-dir"), m_tmp.filePath(QStringLiteral("state"))});
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString TestFileDestination::writeFlow(const QString &name, const nlohmann::json &doc)
{
    const QString path = m_tmp.filePath(name);
    std::ofstream(path.toStdString()) << doc.dump(2);
    return path;
}

void TestFileDestination::tableToFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("csv") << QStringLiteral("types.csv")
                         << QStringLiteral("id,d,dt,dd,tm,b,t,e,f\n"
                                           "1,-12345678901234567890.1234567890,2024-02-29 23:59:59.123456,2024-02-29,-838:59:59,Af8=,\"a,b\",\"\",0.1\n"
                                           "2,9.9000000000,,,,,,\"\",\n");
    QTest::newRow("jsonl") << QStringLiteral("types.jsonl")
                           << QStringLiteral(R"({"id":1,"d":-12345678901234567890.1234567890,"dt":"2024-02-29 23:59:59.123456",)"
                                             R"("dd":"2024-02-29","tm":"-838:59:59","b":"Af8=","t":"a,b","e":"","f":0.1})" "\n"
                                             R"({"id":2,"d":9.9000000000,"dt":null,"dd":null,"tm":null,"b":null,"t":null,"e":"","f":null})" "\n");
}

void TestFileDestination::tableToFile()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    test::freshDatabase(m_db);
    test::execSql("CREATE TABLE types (id INT PRIMARY KEY, d DECIMAL(30,10), dt DATETIME(6), dd DATE, tm TIME, "
                  "b VARBINARY(10), t VARCHAR(20), e VARCHAR(5) NOT NULL, f DOUBLE)", m_db);
    test::execSql("INSERT INTO types VALUES (1, -12345678901234567890.1234567890, '2024-02-29 23:59:59.123456', "
                  "'2024-02-29', '-838:59:59', 0x01ff, 'a,b', '', 0.1), (2, 9.9, NULL, NULL, NULL, NULL, NULL, '', NULL)", m_db);
    // No "read": the default is a snapshot, so the run ends by itself.
    const nlohmann::json doc = {{"flowdeck", 1},
                                {"name", "types-to-" + file.toStdString()},
                                {"source", {{"type", "mysql"}, {"connection", test::sandboxConnection(m_db)}, {"table", "types"}}},
                                {"destination", {{"type", "file"}, {"path", "out/" + file.toStdString()}}}};
    const QString flow = writeFlow(file + QStringLiteral(".flow.json"), doc);
    const RunOutput r = flowdeck({QStringLiteral("run"), flow, QStringLiteral("--restart")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(QString::fromStdString(readText(m_tmp.filePath(QStringLiteral("out/") + file))), expected);
    QVERIFY(!QFile::exists(m_tmp.filePath(QStringLiteral("out/.") + file + QStringLiteral(".part"))));

    // The file reads back with a file source as it was written: into a table of the same types.
    test::execSql("CREATE TABLE copy LIKE types", m_db);
    const nlohmann::json back = {{"flowdeck", 1},
                                 {"name", "back-from-" + file.toStdString()},
                                 {"source", {{"type", "file"}, {"path", "out/" + file.toStdString()}}},
                                 {"destination", {{"type", "mysql"}, {"connection", test::sandboxConnection(m_db)}, {"table", "copy"},
                                                  {"write", {{"mode", "insert"}}}}},
                                 {"mapping", {{{"source", "id"}, {"destination", "id"}}, {{"source", "d"}, {"destination", "d"}},
                                              {{"source", "dt"}, {"destination", "dt"}}, {{"source", "t"}, {"destination", "t"}},
                                              {{"source", "e"}, {"destination", "e"}}}}};
    const RunOutput b = flowdeck({QStringLiteral("run"), writeFlow(file + QStringLiteral("-back.flow.json"), back), QStringLiteral("--restart")});
    QVERIFY2(b.exitCode == 0, qPrintable(b.err));
    QCOMPARE(test::querySql("SELECT id, d, dt, t, e FROM copy ORDER BY id", m_db),
             test::querySql("SELECT id, d, dt, t, e FROM types ORDER BY id", m_db));
}

void TestFileDestination::changesToFolder()
{
    test::freshDatabase(m_db);
    test::execSql("CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(20))", m_db);
    test::execSql("INSERT INTO orders VALUES (1, 'one'), (2, 'two')", m_db);
    // The last table of the snapshot is empty: the snapshot's last row is orders' last row.
    test::execSql("CREATE TABLE zempty (id INT PRIMARY KEY, x INT)", m_db);
    const QString folder = m_tmp.filePath(QStringLiteral("changes"));
    const nlohmann::json doc = {{"flowdeck", 1},
                                {"name", "orders-changes"},
                                {"source", {{"type", "mysql"}, {"connection", test::sandboxConnection(m_db)},
                                            {"tables", {m_db + ".orders", m_db + ".zempty"}}, {"read", "snapshot+cdc"}}},
                                {"destination", {{"type", "file"}, {"path", folder.toStdString() + '/'}, {"format", "csv"}}},
                                {"trigger", {{"type", "continuous"}}}};
    const QString flow = writeFlow(QStringLiteral("changes.flow.json"), doc);
    RunOutput r = flowdeck({QStringLiteral("run"), flow, QStringLiteral("--until-idle"), QStringLiteral("--restart")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QStringList files = finishedFiles(folder);
    QCOMPARE(files.size(), 1);
    QVERIFY2(files[0].contains(QRegularExpression(QStringLiteral(R"(^CDC000001-\d{8}T\d{6}Z\.csv$)"))), qPrintable(files[0]));

    test::execSql("INSERT INTO orders VALUES (3, 'three')", m_db);
    test::execSql("UPDATE orders SET note = 'ONE' WHERE id = 1", m_db);
    test::execSql("DELETE FROM orders WHERE id = 2", m_db);
    test::execSql("INSERT INTO zempty VALUES (1, 10)", m_db);
    r = flowdeck({QStringLiteral("run"), flow, QStringLiteral("--until-idle")}); // resumes at the binlog position
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    files = finishedFiles(folder);
    QCOMPARE(files.size(), 3); // orders' changes, then zempty's header starts a new file
    QVERIFY(files[1].startsWith(QLatin1String("CDC000002-")));

    QStringList badTimes;
    auto withoutTime = [&badTimes](const QStringList &in) {
        QStringList out;
        for (const QString &l : in) {
            QStringList f = l.split(QLatin1Char(','));
            if (f.size() > 3 && f[0] != QLatin1String("_op")) {
                if (!f[3].contains(QRegularExpression(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)"))))
                    badTimes << l;
                f[3] = QStringLiteral("T");
            }
            out << f.join(QLatin1Char(','));
        }
        return out;
    };
    const QString db = QString::fromStdString(m_db);
    QCOMPARE(withoutTime(lines(readText(folder + QLatin1Char('/') + files[0]))),
             (QStringList{QStringLiteral("_op,_schema,_table,_commit_time,id,note"), QStringLiteral("I,%1,orders,T,1,one").arg(db),
                          QStringLiteral("I,%1,orders,T,2,two").arg(db)}));
    // Each change once: the run resumed at the snapshot's end streams from the snapshot's binlog
    // position and does not read zempty's snapshot again.
    QCOMPARE(withoutTime(lines(readText(folder + QLatin1Char('/') + files[1]))),
             (QStringList{QStringLiteral("_op,_schema,_table,_commit_time,id,note"), QStringLiteral("I,%1,orders,T,3,three").arg(db),
                          QStringLiteral("U,%1,orders,T,1,ONE").arg(db), QStringLiteral("D,%1,orders,T,2,two").arg(db)}));
    QCOMPARE(withoutTime(lines(readText(folder + QLatin1Char('/') + files[2]))),
             (QStringList{QStringLiteral("_op,_schema,_table,_commit_time,id,x"), QStringLiteral("I,%1,zempty,T,1,10").arg(db)}));
    QVERIFY2(badTimes.isEmpty(), qPrintable(badTimes.join(QLatin1Char('\n')))); // _commit_time is ISO 8601 UTC
}

void TestFileDestination::cdcResumedToFolder_data()
{
    QTest::addColumn<QString>("read");
    QTest::newRow("cdc") << QStringLiteral("cdc");
    QTest::newRow("snapshot+cdc of an empty table") << QStringLiteral("snapshot+cdc");
}

// A first run that sees no row saves where its stream starts (read "cdc": the server's position;
// an empty snapshot: its coordinates), so changes made before the next run are neither skipped
// nor read twice.
void TestFileDestination::cdcResumedToFolder()
{
    QFETCH(QString, read);
    test::freshDatabase(m_db);
    test::execSql("CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(20))", m_db);
    const QString folder = m_tmp.filePath(QStringLiteral("cdc-only-") + QString::number(QTest::currentDataTag()[0] == 'c'));
    QDir(folder).removeRecursively();
    const nlohmann::json doc = {{"flowdeck", 1},
                                {"name", "orders-cdc-only"},
                                {"source", {{"type", "mysql"}, {"connection", test::sandboxConnection(m_db)},
                                            {"table", "orders"}, {"read", read.toStdString()}}},
                                {"destination", {{"type", "file"}, {"path", folder.toStdString() + '/'}, {"format", "jsonl"}}},
                                {"trigger", {{"type", "continuous"}}}};
    const QString flow = writeFlow(QStringLiteral("cdc-only.flow.json"), doc);
    RunOutput r = flowdeck({QStringLiteral("run"), flow, QStringLiteral("--until-idle"), QStringLiteral("--restart")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(finishedFiles(folder).isEmpty());
    test::execSql("INSERT INTO orders VALUES (2, 'two')", m_db);
    test::execSql("INSERT INTO orders VALUES (1, 'one')", m_db);
    test::execSql("UPDATE orders SET note = 'after' WHERE id = 1", m_db);
    r = flowdeck({QStringLiteral("run"), flow, QStringLiteral("--until-idle")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    test::execSql("DELETE FROM orders WHERE id = 2", m_db);
    r = flowdeck({QStringLiteral("run"), flow, QStringLiteral("--until-idle")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QStringList all;
    for (const QString &f : finishedFiles(folder))
        for (const QString &l : lines(readText(folder + QLatin1Char('/') + f))) {
            nlohmann::json j = nlohmann::json::parse(l.toStdString());
            all << QString::fromStdString(j["_op"].get<std::string>() + " " + std::to_string(j["id"].get<int>()) + " " +
                                          j["note"].get<std::string>());
        }
    QCOMPARE(all, (QStringList{QStringLiteral("I 2 two"), QStringLiteral("I 1 one"), QStringLiteral("U 1 after"),
                               QStringLiteral("D 2 two")}));
}

// `flowdeck run` SIGKILLed while it streams changes into a folder and into a replicate table:
// after the last run every change is in the finished files exactly once, and was applied to the
// replica exactly once (triggers on the replica log every row the flow writes).
void TestFileDestination::killedMidCdc()
{
    const std::string db = test::freshDatabase("filedest_kill");
    const std::string replicaDb = test::freshDatabase("filedest_kill_replica");
    test::execSql("CREATE TABLE items (id INT PRIMARY KEY, note VARCHAR(40))", db);
    std::string snapshot = "INSERT INTO items VALUES ";
    for (int i = 1; i <= 400; ++i)
        snapshot += (i > 1 ? ",(" : "(") + std::to_string(i) + ",'snap')";
    test::execSql(snapshot, db);
    test::execSql("CREATE TABLE items (id INT PRIMARY KEY, note VARCHAR(40))", replicaDb);
    test::execSql("CREATE TABLE applied (seq INT AUTO_INCREMENT PRIMARY KEY, id INT, note VARCHAR(40))", replicaDb);
    test::execSql("CREATE TRIGGER items_ins BEFORE INSERT ON items FOR EACH ROW INSERT INTO applied (id, note) VALUES (NEW.id, NEW.note)",
                  replicaDb);
    test::execSql("CREATE TRIGGER items_del BEFORE DELETE ON items FOR EACH ROW INSERT INTO applied (id, note) VALUES (OLD.id, 'D')",
                  replicaDb);

    const QString folder = m_tmp.filePath(QStringLiteral("killed-cdc"));
    QDir(folder).removeRecursively();
    const nlohmann::json source = {{"type", "mysql"}, {"connection", test::sandboxConnection(db)}, {"table", "items"},
                                   {"read", "snapshot+cdc"}};
    const QString fileFlow = writeFlow(QStringLiteral("killed-cdc-file.flow.json"),
        {{"flowdeck", 1}, {"name", "killed-cdc-file"}, {"source", source},
         {"destination", {{"type", "file"}, {"path", folder.toStdString() + '/'}, {"format", "csv"}, {"roll", {{"rows", 90}}}}},
         {"trigger", {{"type", "continuous"}}}});
    const QString replicaFlow = writeFlow(QStringLiteral("killed-cdc-replica.flow.json"),
        {{"flowdeck", 1}, {"name", "killed-cdc-replica"}, {"source", source},
         {"destination", {{"type", "mysql"}, {"connection", test::sandboxConnection(replicaDb)}, {"table", "items"},
                          {"write", {{"mode", "replicate"}}}}},
         {"trigger", {{"type", "continuous"}}}});
    for (const QString &flow : {fileFlow, replicaFlow}) { // the snapshot, then caught up
        const RunOutput r = flowdeck({QStringLiteral("run"), flow, QStringLiteral("--until-idle"), QStringLiteral("--restart")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    // Every change has its own (op, id, note): inserts of new ids, updates and deletes of
    // distinct snapshot rows, each its own transaction.
    QStringList expected; // "op id note" in the files
    for (int i = 1; i <= 400; ++i)
        expected << QStringLiteral("I %1 snap").arg(i);
    int nextId = 1000, nextSnapshotRow = 1;
    auto progress = [&] {
        qint64 bytes = 0;
        for (const QFileInfo &f : QDir(folder).entryInfoList(QDir::Files | QDir::Hidden))
            bytes += f.size();
        return bytes;
    };
    int kills = 0;
    for (int round = 0; round < 4; ++round) {
        const qint64 filesBefore = progress();
        const std::string appliedBefore = test::querySql("SELECT COUNT(*) FROM applied", replicaDb).at(0);
        QProcess file, replica;
        for (QProcess *p : {&file, &replica}) {
            p->setProcessEnvironment(m_env);
            p->setProcessChannelMode(QProcess::MergedChannels);
        }
        file.start(test::flowdeckBinary(), {QStringLiteral("run"), fileFlow, QStringLiteral("--state-dir"), m_tmp.filePath(QStringLiteral("state"))});
        replica.start(test::flowdeckBinary(), {QStringLiteral("run"), replicaFlow, QStringLiteral("--state-dir"), m_tmp.filePath(QStringLiteral("state"))});
        QVERIFY(file.waitForStarted() && replica.waitForStarted());
        std::string sql;
        for (int i = 0; i < 300; ++i) {
            const int id = nextId++;
            sql += "INSERT INTO items VALUES (" + std::to_string(id) + ",'i" + std::to_string(id) + "'); ";
            expected << QStringLiteral("I %1 i%1").arg(id);
            if (i % 6 == 0) {
                const int row = nextSnapshotRow++;
                sql += "UPDATE items SET note = 'u" + std::to_string(row) + "' WHERE id = " + std::to_string(row) + "; ";
                expected << QStringLiteral("U %1 u%1").arg(row);
            } else if (i % 6 == 3) {
                const int row = nextSnapshotRow++;
                sql += "DELETE FROM items WHERE id = " + std::to_string(row) + "; ";
                expected << QStringLiteral("D %1 snap").arg(row);
            }
        }
        test::execSql(sql, db);
        // Killed once both have written part of the round's changes (or ended: a failure).
        QDeadlineTimer deadline(60000);
        while (!deadline.hasExpired() && file.state() == QProcess::Running && replica.state() == QProcess::Running
               && (progress() == filesBefore || test::querySql("SELECT COUNT(*) FROM applied", replicaDb).at(0) == appliedBefore))
            QTest::qWait(2);
        QTest::qWait(round * 40);
        for (QProcess *p : {&file, &replica}) {
            QVERIFY2(p->state() == QProcess::Running, p->readAll().constData());
            ::kill(pid_t(p->processId()), SIGKILL);
            ++kills;
            p->waitForFinished();
        }
    }
    QVERIFY(kills > 0);
    for (const QString &flow : {fileFlow, replicaFlow}) {
        const RunOutput r = flowdeck({QStringLiteral("run"), flow, QStringLiteral("--until-idle")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("(resumed)")), qPrintable(r.out));
    }

    // The files: each change exactly once, in commit order.
    QVERIFY(QDir(folder).entryList({QStringLiteral(".*.part")}, QDir::Files | QDir::Hidden).isEmpty());
    QStringList written;
    for (const QString &f : finishedFiles(folder)) {
        const QStringList l = lines(readText(folder + QLatin1Char('/') + f));
        QCOMPARE(l.value(0), QStringLiteral("_op,_schema,_table,_commit_time,id,note"));
        QVERIFY2(l.size() > 1 && l.size() - 1 <= 90, qPrintable(f));
        for (qsizetype i = 1; i < l.size(); ++i) {
            const QStringList fields = l[i].split(QLatin1Char(','));
            QCOMPARE(fields.size(), 6);
            written << fields[0] + QLatin1Char(' ') + fields[4] + QLatin1Char(' ') + fields[5];
        }
    }
    QCOMPARE(written.size(), expected.size());
    QCOMPARE(written, expected);

    // The replica: the source's rows, each change applied once.
    QCOMPARE(test::querySql("SELECT id, note FROM items ORDER BY id", replicaDb), test::querySql("SELECT id, note FROM items ORDER BY id", db));
    QStringList applied;
    for (const std::string &row : test::querySql("SELECT id, note FROM applied ORDER BY seq", replicaDb))
        applied << QString::fromStdString(row);
    QStringList expectedApplied;
    for (const QString &e : expected) {
        const QStringList f = e.split(QLatin1Char(' '));
        expectedApplied << f[1] + QLatin1Char('\t') + (f[0] == QLatin1String("D") ? QStringLiteral("D") : f[2]);
    }
    applied.sort(); // a batch may apply its upserts and deletes apart: compared as sets with counts
    expectedApplied.sort();
    QCOMPARE(applied.size(), expectedApplied.size());
    QCOMPARE(applied, expectedApplied);
}

void TestFileDestination::killThenRerun_data()
{
    QTest::addColumn<bool>("folder");
    QTest::newRow("one file") << false;
    QTest::newRow("folder rolling by rows") << true;
}

void TestFileDestination::killThenRerun()
{
    QFETCH(bool, folder);
    const long rows = 600000;
    const QString csv = m_tmp.filePath(QStringLiteral("big.csv"));
    if (!QFile::exists(csv)) {
        std::ofstream out(csv.toStdString());
        out << "id,payload\n";
        for (long i = 1; i <= rows; ++i)
            out << i << ",row number " << i << '\n';
    }
    const QString outDir = m_tmp.filePath(folder ? QStringLiteral("big-folder") : QStringLiteral("big-file"));
    QDir(outDir).removeRecursively();
    nlohmann::json destination = {{"type", "file"}, {"format", "csv"}};
    destination["path"] = folder ? outDir.toStdString() + '/' : outDir.toStdString() + "/big-copy.csv";
    if (folder)
        destination["roll"] = {{"rows", 7000}};
    const nlohmann::json doc = {{"flowdeck", 1},
                                {"name", folder ? "big-to-folder" : "big-to-file"},
                                {"source", {{"type", "file"}, {"path", csv.toStdString()}}},
                                {"destination", destination}};
    const QString flow = writeFlow(folder ? QStringLiteral("big-folder.flow.json") : QStringLiteral("big-file.flow.json"), doc);

    auto progress = [&] {
        qint64 bytes = 0;
        for (const QFileInfo &f : QDir(outDir).entryInfoList(QDir::Files | QDir::Hidden))
            bytes += f.size();
        return bytes;
    };
    int kills = 0;
    for (int round = 0; round < 3; ++round) {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.start(test::flowdeckBinary(), {QStringLiteral("run"), flow, QStringLiteral("--state-dir"), m_tmp.filePath(QStringLiteral("state"))});
        QVERIFY(p.waitForStarted());
        const qint64 before = progress();
        while (p.state() == QProcess::Running && progress() < before + 1500000)
            QTest::qWait(5);
        if (p.state() == QProcess::Running) {
            ::kill(pid_t(p.processId()), SIGKILL);
            ++kills;
        }
        p.waitForFinished();
    }
    QVERIFY2(kills > 0, "the run ended before it could be killed: make the input bigger");
    if (!folder)
        QVERIFY(!QFile::exists(outDir + QStringLiteral("/big-copy.csv"))); // not finished yet
    const RunOutput r = flowdeck({QStringLiteral("run"), flow});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("(resumed)")), qPrintable(r.out));

    const QStringList files = finishedFiles(outDir);
    QVERIFY(QDir(outDir).entryList({QStringLiteral(".*.part")}, QDir::Files | QDir::Hidden).isEmpty());
    if (folder)
        QCOMPARE(files.size(), int((rows + 6999) / 7000));
    else
        QCOMPARE(files, QStringList{QStringLiteral("big-copy.csv")});
    long expect = 1;
    for (const QString &f : files) {
        const QStringList l = lines(readText(outDir + QLatin1Char('/') + f));
        QCOMPARE(l.value(0), QStringLiteral("id,payload"));
        if (folder)
            QVERIFY(l.size() - 1 <= 7000);
        for (qsizetype i = 1; i < l.size(); ++i) {
            const QString want = QStringLiteral("%1,row number %1").arg(expect);
            if (l[i] != want)
                QFAIL(qPrintable(f + QStringLiteral(": line %1 is '%2', expected '%3'").arg(i + 1).arg(l[i], want)));
            ++expect;
        }
    }
    QCOMPARE(expect - 1, rows); // every row once, in order
}

QTEST_GUILESS_MAIN(TestFileDestination)
#include "tst_filedestination.moc"
