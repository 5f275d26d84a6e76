// MySqlConnection against the suite's MariaDB: settings, the connect errors users see, session
// setup, multi-statements, quoting and a lost session.
#include "tests/common/testsupport.h"
#include "core/model/errors.h"
#include "core/mysql/mysqlconnection.h"

#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace flowdeck;

class TestMySqlConnection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void config_data();
    void config();
    void connects();
    void wrongPassword();
    void unreachableServer();
    void unknownDatabase();
    void tlsModes();
    void executeMulti();
    void quoteRoundTrip_data();
    void quoteRoundTrip();
    void killedSessionIsLost();

private:
    MySqlConnectionConfig sandbox(const std::string &database = "test") const;
    nlohmann::json m_connection;
};

void TestMySqlConnection::initTestCase()
{
    m_connection = test::sandboxConnection("test");
    test::execSql("SELECT 1");
}

MySqlConnectionConfig TestMySqlConnection::sandbox(const std::string &database) const
{
    nlohmann::json c = m_connection;
    c["database"] = database;
    return MySqlConnectionConfig::fromJson(c);
}

void TestMySqlConnection::config_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("error");    // empty: accepted
    QTest::addColumn<QString>("endpoint"); // when accepted
    QTest::newRow("port number") << R"({"host":"db","port":4000,"user":"root"})" << QString() << "db:4000";
    QTest::newRow("port string") << R"({"host":"db","port":"4000","user":"root"})" << QString() << "db:4000";
    QTest::newRow("default port") << R"({"host":"db","user":"root"})" << QString() << "db:3306";
    QTest::newRow("socket") << R"({"socket":"/tmp/x.sock","user":"root"})" << QString() << "/tmp/x.sock";
    QTest::newRow("port word") << R"({"host":"db","port":"abc","user":"root"})"
                               << R"(connection.port must be a number from 1 to 65535, not "abc")" << QString();
    QTest::newRow("port zero") << R"({"host":"db","port":0,"user":"root"})"
                               << "connection.port must be a number from 1 to 65535, not 0" << QString();
    QTest::newRow("no host") << R"({"user":"root"})" << "connection.host is missing (or give connection.socket)"
                             << QString();
    QTest::newRow("no user") << R"({"host":"db"})" << "connection.user is missing" << QString();
    QTest::newRow("bad tls") << R"({"host":"db","user":"root","tls":"always"})"
                             << R"(connection.tls must be one of disabled, preferred, required, verify, not "always")"
                             << QString();
    QTest::newRow("timeout") << R"({"host":"db","user":"root","connectTimeout":"5"})" << QString() << "db:3306";
    QTest::newRow("bad timeout") << R"({"host":"db","user":"root","connectTimeout":-1})"
                                 << "connection.connectTimeout must be a number of seconds from 1 to 3600, not -1"
                                 << QString();
    QTest::newRow("not an object") << R"("db:3306")"
                                   << "connection must be an object with host, port, user, password and database"
                                   << QString();
}

void TestMySqlConnection::config()
{
    QFETCH(QString, json);
    QFETCH(QString, error);
    QFETCH(QString, endpoint);
    const auto doc = nlohmann::json::parse(json.toStdString());
    try {
        const MySqlConnectionConfig c = MySqlConnectionConfig::fromJson(doc);
        QVERIFY2(error.isEmpty(), "accepted a bad connection");
        QCOMPARE(QString::fromStdString(c.endpoint()), endpoint);
    } catch (const ConfigError &e) {
        QCOMPARE(QString::fromStdString(e.what()), error);
    }
}

void TestMySqlConnection::connects()
{
    MySqlConnection c(sandbox());
    c.connect();
    QVERIFY(c.isConnected());
    QVERIFY(c.connectionId() > 0);
    QVERIFY(c.maxAllowedPacket() >= 1024 * 1024);
    QVERIFY(c.isMariaDb());
    QVERIFY(c.supportsBulk());
    const auto rows = c.query("SELECT @@SESSION.sql_mode, @@SESSION.time_zone, @@character_set_client");
    QCOMPARE(rows.size(), std::size_t(1));
    const std::string mode = rows[0][0].value_or("");
    QVERIFY2(mode.find("STRICT_ALL_TABLES") != std::string::npos, mode.c_str());
    QVERIFY2(mode.find("NO_ZERO_DATE") != std::string::npos, mode.c_str());
    QCOMPARE(rows[0][1].value_or(""), std::string("+00:00"));
    QCOMPARE(rows[0][2].value_or(""), std::string("utf8mb4"));
    QVERIFY(!c.noBackslashEscapes());

    // A replica's session: the zero dates its source accepted, strict otherwise.
    MySqlConnection replica(sandbox());
    replica.setAllowZeroDates(true);
    replica.connect();
    const std::string replicaMode = replica.query("SELECT @@SESSION.sql_mode")[0][0].value_or("");
    QVERIFY2(replicaMode.find("STRICT_ALL_TABLES") != std::string::npos, replicaMode.c_str());
    QVERIFY2(replicaMode.find("NO_ZERO") == std::string::npos, replicaMode.c_str());
    QCOMPARE(replica.query("SELECT CAST('0000-00-00' AS DATE), CAST('2024-00-15' AS DATE)")[0][1].value_or("null"),
             std::string("2024-00-15"));
}

void TestMySqlConnection::wrongPassword()
{
    MySqlConnectionConfig config = sandbox();
    config.password = "certainly-wrong";
    const std::string prefix = "cannot connect to " + config.endpoint() + " as " + config.user
        + ": Access denied for user '" + config.user + "'@'";
    try {
        MySqlConnection(config).connect();
        QFAIL("connected with a wrong password");
    } catch (const ConnectionError &e) {
        const std::string what = e.what();
        QVERIFY2(what.rfind(prefix, 0) == 0, what.c_str());
        QVERIFY2(what.size() > 23 && what.substr(what.size() - 23) == "' (using password: YES)", what.c_str());
        QVERIFY(!e.transient());
    }
}

/// A TCP port nothing listens on: bound, then closed.
static int closedPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        ::close(fd);
        return 1;
    }
    ::close(fd);
    return ntohs(addr.sin_port);
}

void TestMySqlConnection::unreachableServer()
{
    const int port = closedPort();
    const auto config = MySqlConnectionConfig::fromJson(
        {{"host", "127.0.0.1"}, {"port", port}, {"user", "root"}, {"password", ""}, {"database", "test"}});
    try {
        MySqlConnection(config).connect();
        QFAIL("connected to a closed port");
    } catch (const ConnectionError &e) {
        QCOMPARE(QString::fromStdString(e.what()),
                 QStringLiteral("cannot connect to 127.0.0.1:%1 as root: connection refused").arg(port));
        QVERIFY(e.transient());
    }
}

void TestMySqlConnection::unknownDatabase()
{
    test::execSql("DROP DATABASE IF EXISTS `flowdeck_no_such_db`", std::string());
    const MySqlConnectionConfig config = sandbox("flowdeck_no_such_db");
    try {
        MySqlConnection(config).connect();
        QFAIL("connected to a missing database");
    } catch (const ConnectionError &e) {
        QCOMPARE(QString::fromStdString(e.what()),
                 QString::fromStdString("cannot connect to " + config.endpoint() + " as " + config.user
                                        + ": Unknown database 'flowdeck_no_such_db'"));
        QVERIFY(!e.transient());
    }
}

void TestMySqlConnection::tlsModes()
{
    MySqlConnectionConfig config = sandbox();
    config.tls = MySqlTlsMode::Disabled;
    MySqlConnection plain(config);
    plain.connect();
    const auto rows = plain.query("SELECT @@have_ssl");
    const bool serverHasTls = !rows.empty() && rows[0][0].value_or("") == "YES";

    config.tls = MySqlTlsMode::Preferred; // TLS when offered, plain text otherwise
    MySqlConnection preferred(config);
    preferred.connect();
    QVERIFY(preferred.isConnected());

    config.tls = MySqlTlsMode::Required;
    if (serverHasTls) {
        MySqlConnection required(config);
        required.connect();
        QVERIFY(required.isConnected());
    } else {
        try {
            MySqlConnection(config).connect();
            QFAIL("tls required connected to a server without TLS");
        } catch (const ConnectionError &e) {
            QCOMPARE(QString::fromStdString(e.what()),
                     QString::fromStdString("cannot connect to " + config.endpoint() + " as " + config.user
                                            + ": the server does not offer TLS (the connection has \"tls\": \"required\")"));
            QVERIFY(!e.transient());
        }
    }
}

void TestMySqlConnection::executeMulti()
{
    MySqlConnection c(sandbox());
    c.connect();
    c.execute("CREATE OR REPLACE TABLE multi (id INT PRIMARY KEY, v INT)");
    c.execute("INSERT INTO multi VALUES (1, 1), (2, 2)");
    std::vector<std::uint64_t> affected;
    c.executeMulti("UPDATE multi SET v=10 WHERE id=1; UPDATE multi SET v=10 WHERE id=9; DELETE FROM multi WHERE id=2",
                   affected);
    QCOMPARE(affected, (std::vector<std::uint64_t>{1, 0, 1}));
    try {
        c.executeMulti("INSERT INTO multi VALUES (3, 3); INSERT INTO multi VALUES (1, 1); INSERT INTO multi VALUES (4, 4)",
                       affected);
        QFAIL("a duplicate key went through");
    } catch (const MySqlError &e) {
        QCOMPARE(e.code(), 1062u);
        QCOMPARE(e.statementIndex(), std::size_t(1));
        QCOMPARE(QString::fromStdString(e.what()), QStringLiteral("Duplicate entry '1' for key 'PRIMARY'"));
        QCOMPARE(affected, (std::vector<std::uint64_t>{1}));
    }
    QCOMPARE(c.query("SELECT COUNT(*) FROM multi")[0][0].value_or(""), std::string("2"));
    c.execute("DROP TABLE multi");
}

void TestMySqlConnection::quoteRoundTrip_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("plain") << QByteArray("hello");
    QTest::newRow("quotes") << QByteArray("it's \"quoted\"");
    QTest::newRow("backslashes") << QByteArray("C:\\path\\ and \\' and \\\\");
    QTest::newRow("controls") << QByteArray("nul \0 cr \r lf \n ctrl-z \x1a end", 28);
    QTest::newRow("unicode") << QByteArray("caf\xc3\xa9 \xf0\x9f\x98\x80");
    QTest::newRow("empty") << QByteArray("");
}

void TestMySqlConnection::quoteRoundTrip()
{
    QFETCH(QByteArray, text);
    MySqlConnection c(sandbox());
    c.connect();
    const std::string original(text.constData(), std::size_t(text.size()));
    const auto rows = c.query("SELECT " + c.quote(original));
    QCOMPARE(rows.size(), std::size_t(1));
    QCOMPARE(rows[0][0].value_or("<null>"), original);
}

void TestMySqlConnection::killedSessionIsLost()
{
    MySqlConnection c(sandbox());
    c.connect();
    test::execSql("KILL " + std::to_string(c.connectionId()));
    try {
        c.execute("SELECT 1");
        QFAIL("a killed session still answered");
    } catch (const ConnectionError &e) {
        QVERIFY(e.transient());
        QVERIFY2(std::string(e.what()).rfind("lost the connection to " + c.config().endpoint() + ": ", 0) == 0, e.what());
    }
    QVERIFY(!c.isConnected());
    c.connect();
    QCOMPARE(c.query("SELECT 1")[0][0].value_or(""), std::string("1"));
}

QTEST_GUILESS_MAIN(TestMySqlConnection)
#include "tst_mysqlconnection.moc"
