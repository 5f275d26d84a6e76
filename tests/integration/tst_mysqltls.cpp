// TLS to MySQL-protocol servers: "tls": {"mode": "verify", "ca", "cert", "key"} against a private
// MariaDB (a sandbox of its own, in a temp dir, on a free port) that presents a certificate made
// here with openssl. Verification must succeed with the right CA and host name and fail, naming
// the certificate problem, with a wrong CA or a host name the certificate does not hold.
#include "tests/common/testsupport.h"
#include "core/devtools/sandbox.h"
#include "core/model/errors.h"
#include "core/mysql/mysqlconnection.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace flowdeck;

class TestMySqlTls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void verify_data();
    void verify();
    void clientCertificate_data();
    void clientCertificate();
    void unreadableFileIsNamed();
    void secureFilePrivIsTheSandboxFolder();

private:
    QString file(const QString &name) const { return m_tmp.filePath(name); }
    bool openssl(const QStringList &args);
    MySqlConnection connectWith(const nlohmann::json &tls, const std::string &host = "127.0.0.1",
                                const std::string &user = "root");

    QTemporaryDir m_tmp;
    QString m_dir;
    int m_port = 0;
};

bool TestMySqlTls::openssl(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(m_tmp.path());
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60'000) || p.exitCode() != 0) {
        qWarning("openssl %s: %s", qPrintable(args.join(u' ')), p.readAllStandardError().constData());
        return false;
    }
    return true;
}

void TestMySqlTls::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("mariadbd"), {QStringLiteral("/usr/sbin")}).isEmpty())
        QSKIP("mariadbd is not installed (Debian's mariadb-server)");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty(), "openssl is not installed");
    QVERIFY(m_tmp.isValid());
    // Two CAs; the server's certificate, signed by the first, names 127.0.0.1 only; a client
    // certificate signed by the first.
    for (const QString ca : {QStringLiteral("ca"), QStringLiteral("other-ca")})
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                         QStringLiteral("-nodes"), QStringLiteral("-keyout"), ca + QStringLiteral(".key"), QStringLiteral("-out"),
                         ca + QStringLiteral(".pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                         QStringLiteral("/CN=Flowdeck test ") + ca}));
    QFile ext(file(QStringLiteral("server.ext")));
    QVERIFY(ext.open(QIODevice::WriteOnly));
    ext.write("subjectAltName=IP:127.0.0.1\n");
    ext.close();
    for (const QString who : {QStringLiteral("server"), QStringLiteral("client")}) {
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                         QStringLiteral("-keyout"), who + QStringLiteral(".key"), QStringLiteral("-out"), who + QStringLiteral(".csr"),
                         QStringLiteral("-subj"), QStringLiteral("/CN=") + (who == u"server" ? QStringLiteral("127.0.0.1") : who)}));
        QStringList sign = {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), who + QStringLiteral(".csr"),
                            QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                            QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), who + QStringLiteral(".pem"),
                            QStringLiteral("-days"), QStringLiteral("2")};
        if (who == u"server")
            sign << QStringLiteral("-extfile") << QStringLiteral("server.ext");
        QVERIFY(openssl(sign));
    }

    m_dir = m_tmp.filePath(QStringLiteral("sandbox"));
    Sandbox::StartOptions options;
    options.port = 0;
    options.fresh = true;
    // 127.0.0.2 is loopback too, and not in the certificate: the wrong host name.
    options.extraSettings = {QStringLiteral("ssl-ca=") + file(QStringLiteral("ca.pem")),
                             QStringLiteral("ssl-cert=") + file(QStringLiteral("server.pem")),
                             QStringLiteral("ssl-key=") + file(QStringLiteral("server.key")),
                             QStringLiteral("bind-address=127.0.0.1,127.0.0.2"),
                             QStringLiteral("innodb_buffer_pool_size=32M"), QStringLiteral("innodb_log_file_size=8M")};
    try {
        m_port = Sandbox(m_dir).start(options).info.port;
    } catch (const Error &e) {
        QFAIL(e.what());
    }
    MySqlConnection root(MySqlConnectionConfig::fromJson({{"host", "127.0.0.1"}, {"port", m_port}, {"user", "root"}}));
    root.connect();
    root.execute("CREATE USER 'x509'@'127.0.0.1' REQUIRE X509");
    // Connections to 127.0.0.2 come from 127.0.0.1 or 127.0.0.2: either way the account exists, so
    // only the certificate check can refuse them.
    root.execute("CREATE USER IF NOT EXISTS 'root'@'127.0.0.2'");
}

void TestMySqlTls::cleanupTestCase()
{
    if (!m_dir.isEmpty())
        Sandbox(m_dir).stop();
}

MySqlConnection TestMySqlTls::connectWith(const nlohmann::json &tls, const std::string &host, const std::string &user)
{
    return MySqlConnection(MySqlConnectionConfig::fromJson(
        {{"host", host}, {"port", m_port}, {"user", user}, {"tls", tls}, {"connectTimeout", 20}}));
}

void TestMySqlTls::verify_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("ca");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("error"); // "" = connects with TLS

    QTest::newRow("verify: right CA and host") << "verify" << "ca.pem" << "127.0.0.1" << "root" << "";
    QTest::newRow("verify: wrong CA") << "verify" << "other-ca.pem" << "127.0.0.1" << "root" << "signed by the CA in";
    QTest::newRow("verify: wrong host name") << "verify" << "ca.pem" << "127.0.0.2" << "root" << "names the host 127.0.0.2";
    QTest::newRow("verify: system CAs only") << "verify" << "" << "127.0.0.1" << "root" << "signed by a system CA";
    QTest::newRow("required: wrong CA, not checked") << "required" << "other-ca.pem" << "127.0.0.1" << "root" << "";
    QTest::newRow("required: wrong host, not checked") << "required" << "" << "127.0.0.2" << "root" << "";
}

void TestMySqlTls::verify()
{
    QFETCH(QString, mode);
    QFETCH(QString, ca);
    QFETCH(QString, host);
    QFETCH(QString, user);
    QFETCH(QString, error);
    nlohmann::json tls = {{"mode", mode.toStdString()}};
    if (!ca.isEmpty())
        tls["ca"] = file(ca).toStdString();
    MySqlConnection c = connectWith(tls, host.toStdString(), user.toStdString());
    try {
        c.connect();
    } catch (const ConnectionError &e) {
        QVERIFY2(!error.isEmpty(), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).contains(error, Qt::CaseInsensitive), e.what());
        QVERIFY2(!QString::fromUtf8(e.what()).contains(QStringLiteral("Access denied")), e.what());
        return;
    }
    QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("connected, expected an error about ") + error));
    const auto rows = c.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'");
    QCOMPARE(rows.size(), std::size_t(1));
    QVERIFY2(!rows[0][1].value_or("").empty(), "the session is not encrypted");
}

void TestMySqlTls::clientCertificate_data()
{
    QTest::addColumn<bool>("withCertificate");
    QTest::newRow("with cert and key") << true;
    QTest::newRow("without") << false;
}

void TestMySqlTls::clientCertificate()
{
    QFETCH(bool, withCertificate);
    nlohmann::json tls = {{"ca", file(QStringLiteral("ca.pem")).toStdString()}}; // mode: verify by default
    if (withCertificate) {
        tls["cert"] = file(QStringLiteral("client.pem")).toStdString();
        tls["key"] = file(QStringLiteral("client.key")).toStdString();
    }
    MySqlConnection c = connectWith(tls, "127.0.0.1", "x509");
    if (withCertificate) {
        c.connect();
        QCOMPARE(c.query("SELECT CURRENT_USER()").at(0).at(0).value_or(""), std::string("x509@127.0.0.1"));
    } else {
        QVERIFY_THROWS_EXCEPTION(ConnectionError, c.connect()); // REQUIRE X509: Access denied
    }
}

void TestMySqlTls::unreadableFileIsNamed()
{
    MySqlConnection c = connectWith({{"ca", "/nonexistent/flowdeck-ca.pem"}});
    try {
        c.connect();
        QFAIL("connected without its CA file");
    } catch (const ConfigError &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("connection.tls.ca: cannot read /nonexistent/flowdeck-ca.pem")),
                 e.what());
    }
}

void TestMySqlTls::secureFilePrivIsTheSandboxFolder()
{
    MySqlConnection root(MySqlConnectionConfig::fromJson({{"host", "127.0.0.1"}, {"port", m_port}, {"user", "root"}}));
    root.connect();
    const auto rows = root.query("SELECT @@secure_file_priv, LOAD_FILE('/etc/passwd') IS NULL");
    QCOMPARE(QDir::cleanPath(QString::fromStdString(rows.at(0).at(0).value_or(""))), m_dir + QStringLiteral("/files"));
    QCOMPARE(rows.at(0).at(1).value_or(""), std::string("1"));
    QVERIFY_THROWS_EXCEPTION(MySqlError, root.execute("SELECT 1 INTO OUTFILE '" + m_tmp.filePath(QStringLiteral("out.txt")).toStdString() + "'"));
    root.execute("SELECT 1 INTO OUTFILE '" + m_dir.toStdString() + "/files/out.txt'");
    QVERIFY(QFile::exists(m_dir + QStringLiteral("/files/out.txt")));
}

QTEST_GUILESS_MAIN(TestMySqlTls)
#include "tst_mysqltls.moc"
