// The sandbox itself: a second MariaDB next to the suite's fixture server, in a temp dir on a
// free port, so these tests never disturb the server the other integration tests use.
#include "tests/common/testsupport.h"
#include "core/model/errors.h"
#include "core/devtools/sandbox.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace flowdeck;

class TestSandbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void startFresh();
    void serverSettings();
    void socketLoginAsLocalhost();
    void startAgainReportsRunning();
    void statusThroughCli();
    void busyPortIsAClearError();
    void restartKeepsData();
    void stopWhenNotRunning();
    void refusesForeignDirectory();

private:
    /// Runs `f` with testsupport pointed at our sandbox: it reads DIR/sandbox.json exactly as
    /// it does for the fixture server, so this also checks that contract.
    template<typename F>
    auto onOurSandbox(F f);
    std::vector<std::string> query(const std::string &sql);
    void exec(const std::string &sql);

    QTemporaryDir m_tmp;
    QString m_dir;
    int m_port = 0;
    qint64 m_pid = 0;
};

void TestSandbox::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("mariadbd"), {QStringLiteral("/usr/sbin")}).isEmpty())
        QSKIP("mariadbd is not installed (Debian's mariadb-server)");
    QVERIFY(m_tmp.isValid());
    m_dir = m_tmp.filePath(QStringLiteral("sandbox"));
}

void TestSandbox::cleanupTestCase()
{
    // Never leave a server behind, even after a failed test.
    if (!m_dir.isEmpty())
        Sandbox(m_dir).stop();
}

template<typename F>
auto TestSandbox::onOurSandbox(F f)
{
    const QByteArray saved = qgetenv("FLOWDECK_TEST_SANDBOX_DIR");
    qputenv("FLOWDECK_TEST_SANDBOX_DIR", m_dir.toLocal8Bit());
    const auto restore = qScopeGuard([&] { qputenv("FLOWDECK_TEST_SANDBOX_DIR", saved); });
    return f();
}

std::vector<std::string> TestSandbox::query(const std::string &sql)
{
    return onOurSandbox([&] { return test::querySql(sql, "test"); });
}

void TestSandbox::exec(const std::string &sql)
{
    onOurSandbox([&] { test::execSql(sql, "test"); });
}

void TestSandbox::startFresh()
{
    Sandbox sandbox(m_dir);
    QElapsedTimer timer;
    timer.start();
    const Sandbox::StartResult result = sandbox.start({.port = 0, .fresh = true});
    qInfo("start --fresh took %lld ms", static_cast<long long>(timer.elapsed()));
    QVERIFY(result.initialised);
    QVERIFY(!result.alreadyRunning);
    QVERIFY2(result.warnings.isEmpty(), qPrintable(result.warnings.join(u'\n')));
    QVERIFY(result.info.port > 0);
    QVERIFY(result.info.pid > 0);
    QVERIFY(result.info.version.contains(QStringLiteral("MariaDB")));
    m_port = result.info.port;
    m_pid = result.info.pid;

    const Sandbox::Status status = sandbox.status();
    QVERIFY(status.running);
    QVERIFY(status.initialised);
    QCOMPARE(status.info.port, m_port);
    QCOMPARE(status.info.pid, m_pid);
    QCOMPARE(status.info.user, QStringLiteral("root"));
    QCOMPARE(status.info.database, QStringLiteral("test"));
    QVERIFY(!Sandbox::portAvailable(m_port));

    QFile json(m_dir + QStringLiteral("/sandbox.json"));
    QVERIFY(json.open(QIODevice::ReadOnly));
    const nlohmann::json parsed = nlohmann::json::parse(json.readAll().toStdString());
    QCOMPARE(parsed.at("host").get<std::string>(), std::string("127.0.0.1"));
    QCOMPARE(parsed.at("port").get<int>(), m_port);
    QCOMPARE(parsed.at("password").get<std::string>(), std::string());
}

void TestSandbox::serverSettings()
{
    QVERIFY(m_port > 0);
    const auto rows = query("SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@binlog_row_metadata, "
                            "@@server_id, @@character_set_server, @@local_infile, @@bind_address, DATABASE(), "
                            "CURRENT_USER()");
    QCOMPARE(rows.size(), size_t(1));
    QCOMPARE(QString::fromStdString(rows[0]),
             QStringLiteral("1\tROW\tFULL\tFULL\t1\tutf8mb4\t1\t127.0.0.1\ttest\troot@127.0.0.1"));
}

void TestSandbox::socketLoginAsLocalhost()
{
    QVERIFY(m_port > 0);
    const QString client = QStandardPaths::findExecutable(QStringLiteral("mariadb"));
    if (client.isEmpty())
        QSKIP("the mariadb client is not installed");
    QProcess mariadb;
    mariadb.start(client, {QStringLiteral("--no-defaults"), QStringLiteral("--socket=") + Sandbox(m_dir).status().info.socket,
                           QStringLiteral("-u"), QStringLiteral("root"), QStringLiteral("-N"), QStringLiteral("-B"),
                           QStringLiteral("test"), QStringLiteral("-e"), QStringLiteral("SELECT CURRENT_USER()")});
    QVERIFY(mariadb.waitForFinished(30'000));
    QVERIFY2(mariadb.exitCode() == 0, mariadb.readAllStandardError().constData());
    QCOMPARE(mariadb.readAllStandardOutput().trimmed(), QByteArray("root@localhost"));
}

void TestSandbox::startAgainReportsRunning()
{
    QVERIFY(m_port > 0);
    const Sandbox::StartResult result = Sandbox(m_dir).start({.port = 0});
    QVERIFY(result.alreadyRunning);
    QVERIFY(!result.initialised);
    QCOMPARE(result.info.port, m_port);
    QCOMPARE(result.info.pid, m_pid);
}

void TestSandbox::statusThroughCli()
{
    QVERIFY(m_port > 0);
    const QString flowdeck = test::flowdeckBinary();
    if (flowdeck.isEmpty())
        QSKIP("FLOWDECK_BIN is not set: run through ctest");
    QProcess cli;
    cli.start(flowdeck, {QStringLiteral("sandbox"), QStringLiteral("status"), QStringLiteral("--dir"), m_dir,
                         QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(30'000));
    QCOMPARE(cli.exitCode(), 0);
    const nlohmann::json status = nlohmann::json::parse(cli.readAllStandardOutput().toStdString());
    QCOMPARE(status.at("running").get<bool>(), true);
    QCOMPARE(status.at("port").get<int>(), m_port);
}

void TestSandbox::busyPortIsAClearError()
{
    QVERIFY(m_port > 0);
    const QString other = m_tmp.filePath(QStringLiteral("other"));
    try {
        Sandbox(other).start({.port = m_port, .fresh = true});
        Sandbox(other).stop();
        QFAIL("a sandbox started on a port already in use");
    } catch (const Error &e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.contains(QStringLiteral("port %1").arg(m_port)) && message.contains(QStringLiteral("in use")),
                 e.what());
    }
    QVERIFY(!Sandbox(other).status().running);
}

void TestSandbox::restartKeepsData()
{
    QVERIFY(m_port > 0);
    exec("CREATE TABLE kept (id INT PRIMARY KEY, name VARCHAR(20)); INSERT INTO kept VALUES (1, 'survivor')");

    Sandbox sandbox(m_dir);
    QElapsedTimer timer;
    timer.start();
    const Sandbox::StopResult stopped = sandbox.stop();
    qInfo("stop took %lld ms", static_cast<long long>(timer.elapsed()));
    QVERIFY(stopped.wasRunning);
    QVERIFY(!stopped.killed);
    QVERIFY(!sandbox.status().running);
    QVERIFY2(Sandbox::portAvailable(m_port), "the port is still taken after stop");
    QVERIFY(!QFile::exists(m_dir + QStringLiteral("/mariadb.pid")));

    timer.restart();
    const Sandbox::StartResult restarted = sandbox.start({.port = m_port});
    qInfo("restart took %lld ms", static_cast<long long>(timer.elapsed()));
    QVERIFY(!restarted.initialised);
    QVERIFY(!restarted.alreadyRunning);
    QCOMPARE(restarted.info.port, m_port);
    m_pid = restarted.info.pid;
    const auto rows = query("SELECT name FROM kept WHERE id = 1");
    QCOMPARE(rows, std::vector<std::string>{"survivor"});
}

void TestSandbox::stopWhenNotRunning()
{
    const Sandbox::StopResult result = Sandbox(m_tmp.filePath(QStringLiteral("never-started"))).stop();
    QVERIFY(!result.wasRunning);
    QVERIFY(!result.killed);
}

void TestSandbox::refusesForeignDirectory()
{
    const QString foreign = m_tmp.filePath(QStringLiteral("foreign"));
    QVERIFY(QDir().mkpath(foreign));
    QFile precious(foreign + QStringLiteral("/precious.txt"));
    QVERIFY(precious.open(QIODevice::WriteOnly));
    precious.write("keep me\n");
    precious.close();
    QVERIFY_THROWS_EXCEPTION(Error, Sandbox(foreign).start({.port = 0, .fresh = true}));
    QVERIFY(QFile::exists(foreign + QStringLiteral("/precious.txt")));
    QVERIFY(!QFile::exists(foreign + QStringLiteral("/my.cnf")));
}

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
