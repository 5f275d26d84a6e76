#include "sandbox.h"

#include "errors.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#include <mysql.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace flowdeck {

using namespace std::chrono_literals;

// The first line of every my.cnf we write; how start() recognises a directory as a sandbox.
static const QString configMarker = QStringLiteral("# Flowdeck sandbox");
// Written into data/ once mariadb-install-db succeeded, so an interrupted initialisation is
// redone instead of starting a server on half-made system tables.
static const QString initialisedMarker = QStringLiteral("data/.flowdeck-initialised");

static std::string str(const QString &s)
{
    return s.toStdString();
}

static QString q(const char *s)
{
    return QString::fromUtf8(s);
}

static QString findProgram(const QString &name)
{
    // /usr/sbin is not on PATH for ordinary users on Debian, but mariadbd lives there.
    QString found = QStandardPaths::findExecutable(name);
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(
            name, {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin"), QStringLiteral("/usr/bin")});
    return found;
}

// Reads /proc/PID/stat: the command name and the state letter. A process that exited but was
// not reaped yet (a zombie: in a container PID 1 often never reaps) counts as gone, since it
// no longer holds the port or the data files.
static bool procState(qint64 pid, QString *comm, QChar *state)
{
    if (pid <= 0)
        return false;
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QString stat = QString::fromUtf8(file.readAll());
    const qsizetype open = stat.indexOf(u'(');
    const qsizetype close = stat.lastIndexOf(u')');
    if (open < 0 || close < open || close + 2 >= stat.size())
        return false;
    *comm = stat.mid(open + 1, close - open - 1);
    *state = stat.at(close + 2);
    return true;
}

static bool isAlive(qint64 pid)
{
    QString comm;
    QChar state;
    return procState(pid, &comm, &state) && state != u'Z' && state != u'X';
}

static bool isMariadbd(qint64 pid)
{
    QString comm;
    QChar state;
    return procState(pid, &comm, &state) && state != u'Z' && state != u'X'
        && (comm == QStringLiteral("mariadbd") || comm == QStringLiteral("mysqld"));
}

static bool waitForExit(qint64 pid, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (isAlive(pid)) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

static void writeFile(const QString &path, const QByteArray &content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
        throw Error("cannot write " + str(path) + ": " + str(file.errorString())
                    + " (is the sandbox directory writable?)");
}

nlohmann::json SandboxInfo::toJson() const
{
    return nlohmann::json{{"host", str(host)},         {"port", port},       {"user", str(user)},
                          {"password", str(password)}, {"database", str(database)},
                          {"socket", str(socket)},     {"pid", pid},         {"dataDir", str(dataDir)},
                          {"version", str(version)}};
}

SandboxInfo SandboxInfo::fromJson(const nlohmann::json &json)
{
    SandboxInfo info;
    if (!json.is_object())
        return info;
    auto text = [&](const char *key, QString &target) {
        if (json.contains(key) && json[key].is_string())
            target = QString::fromStdString(json[key].get<std::string>());
    };
    text("host", info.host);
    text("user", info.user);
    text("password", info.password);
    text("database", info.database);
    text("socket", info.socket);
    text("dataDir", info.dataDir);
    text("version", info.version);
    if (json.contains("port") && json["port"].is_number_integer())
        info.port = json["port"].get<int>();
    if (json.contains("pid") && json["pid"].is_number_integer())
        info.pid = json["pid"].get<qint64>();
    return info;
}

Sandbox::Sandbox(const QString &dir)
    : m_dir(QDir::cleanPath(QDir(dir).absolutePath()))
{
}

QString Sandbox::defaultDir()
{
    // GenericDataLocation honours $XDG_DATA_HOME and does not depend on the application and
    // organisation names, so the GUI, the CLI and tests agree on the place.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/flowdeck/sandbox");
}

void Sandbox::setProgressHandler(std::function<void(const QString &)> handler)
{
    m_progress = std::move(handler);
}

void Sandbox::progress(const QString &message) const
{
    if (m_progress)
        m_progress(message);
}

QString Sandbox::path(const QString &name) const
{
    return m_dir + u'/' + name;
}

QString Sandbox::socketPath() const
{
    // A Unix socket path must fit sockaddr_un::sun_path (107 bytes); deep directories get one
    // in the temp dir, named after the sandbox so two sandboxes never share it.
    const QString inDir = path(QStringLiteral("mariadb.sock"));
    if (inDir.toLocal8Bit().size() < qsizetype(sizeof(sockaddr_un::sun_path)))
        return inDir;
    const QByteArray hash = QCryptographicHash::hash(m_dir.toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
    return QDir::tempPath() + QStringLiteral("/flowdeck-sandbox-") + QString::fromLatin1(hash)
        + QStringLiteral(".sock");
}

bool Sandbox::looksLikeSandbox() const
{
    QFile config(path(QStringLiteral("my.cnf")));
    if (config.open(QIODevice::ReadOnly) && QString::fromUtf8(config.readLine()).startsWith(configMarker))
        return true;
    return QFileInfo::exists(path(QStringLiteral("sandbox.json")));
}

bool Sandbox::isInitialised() const
{
    return QFileInfo::exists(path(initialisedMarker));
}

qint64 Sandbox::runningPid() const
{
    QFile file(path(QStringLiteral("mariadb.pid")));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const qint64 pid = QString::fromLatin1(file.readAll()).trimmed().toLongLong();
    // After a reboot or SIGKILL the pid file may name an unrelated process.
    return isMariadbd(pid) ? pid : 0;
}

QString Sandbox::logTail(int lines) const
{
    QFile file(path(QStringLiteral("mariadb.err")));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("(no ") + file.fileName() + u')';
    QStringList all = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return all.join(u'\n');
}

void Sandbox::wipe()
{
    progress(QStringLiteral("Removing the old data in ") + m_dir);
    // Only what start() creates: never custom.cnf, never files that are not ours.
    for (const QString &name : {QStringLiteral("data"), QStringLiteral("binlog")}) {
        QDir sub(path(name));
        if (sub.exists() && !sub.removeRecursively())
            throw Error("cannot remove " + str(sub.path()) + " (is the sandbox directory writable?)");
    }
    for (const QString &file : {path(QStringLiteral("mariadb.err")), path(QStringLiteral("mariadb.pid")),
                                path(QStringLiteral("sandbox.json")), socketPath()}) {
        if (QFileInfo::exists(file) && !QFile::remove(file))
            throw Error("cannot remove " + str(file) + " (is the sandbox directory writable?)");
    }
}

void Sandbox::writeConfig(int port) const
{
    const QString portText = QString::number(port);
    QStringList lines = {
        configMarker + QStringLiteral(": written by `flowdeck sandbox start` on every start; edits here are"),
        QStringLiteral("# lost. Put your own settings in custom.cnf (included at the end). See docs/sandbox.md."),
        QString(),
        // So `mariadb --defaults-file=DIR/my.cnf test` just works.
        QStringLiteral("[client]"),
        QStringLiteral("port=") + portText,
        QStringLiteral("socket=") + socketPath(),
        QStringLiteral("user=root"),
        QStringLiteral("default-character-set=utf8mb4"),
        QString(),
        QStringLiteral("[mysqld]"),
        QStringLiteral("datadir=") + path(QStringLiteral("data")),
        QStringLiteral("socket=") + socketPath(),
        QStringLiteral("pid-file=") + path(QStringLiteral("mariadb.pid")),
        QStringLiteral("log-error=") + path(QStringLiteral("mariadb.err")),
        QStringLiteral("port=") + portText,
        QStringLiteral("bind-address=127.0.0.1"),
        QStringLiteral("skip-name-resolve"),
        // Binary log for CDC: full before and after images with column names and types.
        QStringLiteral("server_id=1"),
        QStringLiteral("log_bin=") + path(QStringLiteral("binlog/mysql-bin")),
        QStringLiteral("binlog_format=ROW"),
        QStringLiteral("binlog_row_image=FULL"),
        QStringLiteral("binlog_row_metadata=FULL"),
        QStringLiteral("max_binlog_size=64M"),
        QStringLiteral("binlog_expire_logs_seconds=604800"),
        QStringLiteral("character-set-server=utf8mb4"),
        QStringLiteral("collation-server=utf8mb4_unicode_ci"),
        QStringLiteral("local_infile=ON"),
        QStringLiteral("max_allowed_packet=256M"),
        // Throwaway data: trade crash durability (the last second of commits) for speed.
        QStringLiteral("innodb_flush_log_at_trx_commit=2"),
        QStringLiteral("sync_binlog=0"),
        QStringLiteral("innodb_buffer_pool_size=256M"),
        QStringLiteral("innodb_log_file_size=256M"),
        QStringLiteral("performance_schema=OFF"),
    };
    // mariadbd refuses to run as root unless told to.
    if (::geteuid() == 0)
        lines << QStringLiteral("user=root");
    lines << QString() << QStringLiteral("!include ") + path(QStringLiteral("custom.cnf")) << QString();
    writeFile(path(QStringLiteral("my.cnf")), lines.join(u'\n').toUtf8());

    if (!QFileInfo::exists(path(QStringLiteral("custom.cnf"))))
        writeFile(path(QStringLiteral("custom.cnf")),
                  "# Your own MariaDB settings for this sandbox, read after my.cnf; flowdeck never changes this file.\n"
                  "[mysqld]\n");
}

void Sandbox::initialise(const QString &installDb)
{
    progress(QStringLiteral("Initialising a MariaDB data directory in ") + path(QStringLiteral("data")));
    if (!QDir().mkpath(path(QStringLiteral("binlog"))))
        throw Error("cannot create " + str(path(QStringLiteral("binlog"))) + " (is the sandbox directory writable?)");

    // Runs in the bootstrap session after the system tables are filled, so no client connection
    // is needed. "normal" auth already made root@localhost, root@127.0.0.1 and root@::1 without
    // a password; root@<hostname> would only draw a warning under skip-name-resolve.
    const QString initSql = path(QStringLiteral(".init.sql"));
    writeFile(initSql,
              "DELETE FROM mysql.global_priv WHERE User = 'root' AND Host NOT IN ('localhost', '127.0.0.1', '::1');\n"
              "DELETE FROM mysql.proxies_priv WHERE Host NOT IN ('localhost', '127.0.0.1', '::1');\n"
              "CREATE DATABASE IF NOT EXISTS test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n");

    QProcess install;
    install.setProcessChannelMode(QProcess::MergedChannels);
    install.setStandardInputFile(QProcess::nullDevice());
    install.setWorkingDirectory(m_dir);
    install.start(installDb, {QStringLiteral("--defaults-file=") + path(QStringLiteral("my.cnf")),
                              QStringLiteral("--auth-root-authentication-method=normal"), QStringLiteral("--skip-test-db"),
                              QStringLiteral("--extra-file=") + initSql,
                              // The bootstrap runs without a binlog; expiry settings would only warn.
                              QStringLiteral("--binlog-expire-logs-seconds=0")});
    const bool finished = install.waitForFinished(180'000);
    const QString output = QString::fromUtf8(install.readAll()).trimmed();
    QFile::remove(initSql);
    if (!finished || install.exitStatus() != QProcess::NormalExit || install.exitCode() != 0) {
        if (!finished)
            install.kill();
        throw Error("mariadb-install-db failed to initialise " + str(path(QStringLiteral("data"))) + ": "
                    + (finished ? str(install.errorString()) : std::string("timed out")) + "\n" + str(output.right(1500))
                    + "\nThe end of mariadb.err:\n" + str(logTail()));
    }
    writeFile(path(initialisedMarker), "mariadb-install-db done\n");
}

qint64 Sandbox::launch(const QString &mariadbd)
{
    QProcess server;
    server.setProgram(mariadbd);
    server.setArguments({QStringLiteral("--defaults-file=") + path(QStringLiteral("my.cnf"))});
    server.setWorkingDirectory(m_dir);
    // No pipe may stay open to us: ctest (and shells capturing output) wait for every writer
    // of the pipe to exit. Early messages, before log-error takes over stderr, go to the log.
    server.setStandardInputFile(QProcess::nullDevice());
    server.setStandardOutputFile(path(QStringLiteral("mariadb.err")), QIODevice::Append);
    server.setStandardErrorFile(path(QStringLiteral("mariadb.err")), QIODevice::Append);
    qint64 pid = 0;
    // startDetached double-forks and calls setsid(): the server outlives us and our terminal.
    if (!server.startDetached(&pid))
        throw Error("cannot run " + str(mariadbd) + ": " + str(server.errorString()));
    return pid;
}

QString Sandbox::waitUntilReady(qint64 pid, int port, std::chrono::seconds timeout, QStringList &warnings)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const QString expectedDataDir = path(QStringLiteral("data/"));
    for (;;) {
        if (!isAlive(pid)) {
            const QString tail = logTail();
            if (tail.contains(QStringLiteral("Address already in use")))
                throw Error("port " + std::to_string(port)
                            + " on 127.0.0.1 is already in use; choose another with --port, or --port 0 for a free one");
            throw Error("MariaDB failed to start. The end of " + str(path(QStringLiteral("mariadb.err"))) + ":\n" + str(tail));
        }
        MYSQL *mysql = mysql_init(nullptr);
        if (!mysql)
            throw Error("out of memory creating a MariaDB client handle");
        const unsigned int connectTimeout = 2;
        mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &connectTimeout);
        mysql_options(mysql, MYSQL_OPT_READ_TIMEOUT, &connectTimeout);
        if (mysql_real_connect(mysql, "127.0.0.1", "root", "", nullptr, static_cast<unsigned>(port), nullptr, 0)) {
            // Make sure we talk to our server, not to one that grabbed the port meanwhile.
            QString version = q(mysql_get_server_info(mysql));
            QString dataDir;
            if (mysql_query(mysql, "SELECT @@datadir") == 0) {
                if (MYSQL_RES *result = mysql_store_result(mysql)) {
                    if (MYSQL_ROW row = mysql_fetch_row(result); row && row[0])
                        dataDir = q(row[0]);
                    mysql_free_result(result);
                }
            }
            mysql_close(mysql);
            if (!dataDir.isEmpty() && QDir::cleanPath(dataDir) != QDir::cleanPath(expectedDataDir))
                throw Error("another server (datadir " + str(dataDir) + ") answers on port " + std::to_string(port)
                            + "; choose another port with --port, or --port 0 for a free one");
            return version;
        }
        const unsigned int code = mysql_errno(mysql);
        const QString message = q(mysql_error(mysql));
        mysql_close(mysql);
        // Codes below 2000 come from the server: it is up, only the login was refused.
        if (code > 0 && code < 2000) {
            warnings << QStringLiteral("The server runs, but root cannot log in without a password: ") + message;
            static const QRegularExpression versionLine(QStringLiteral("^Version: '([^']+)'"), QRegularExpression::MultilineOption);
            QString version;
            for (const auto &match : versionLine.globalMatch(logTail(200)))
                version = match.captured(1);
            return version;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(static_cast<pid_t>(pid), SIGTERM);
            if (!waitForExit(pid, 30s))
                ::kill(static_cast<pid_t>(pid), SIGKILL);
            throw Error("MariaDB did not accept connections on port " + std::to_string(port) + " within "
                        + std::to_string(timeout.count()) + " s (last error: " + str(message)
                        + ") and was stopped; a large data directory may need a longer --timeout. The end of "
                        + str(path(QStringLiteral("mariadb.err"))) + ":\n" + str(logTail()));
        }
        std::this_thread::sleep_for(50ms);
    }
}

Sandbox::StartResult Sandbox::start(const StartOptions &options)
{
    StartResult result;
    if (options.port < 0 || options.port > 65535)
        throw Error("invalid port " + std::to_string(options.port) + ": use 1-65535, or 0 for a free one");
    // mariadb-install-db is a shell script that splits paths on whitespace and expands quotes.
    static const QRegularExpression unsafe(QStringLiteral("[\\s\"'`$\\\\]"));
    if (unsafe.match(m_dir).hasMatch())
        throw Error("the sandbox directory \"" + str(m_dir)
                    + "\" contains whitespace, quotes, $ or \\, which mariadb-install-db cannot handle; choose another --dir");
    const QString mariadbd = findProgram(QStringLiteral("mariadbd"));
    const QString installDb = findProgram(QStringLiteral("mariadb-install-db"));
    if (mariadbd.isEmpty() || installDb.isEmpty())
        throw Error("mariadbd or mariadb-install-db not found: install Debian's mariadb-server (sudo apt install mariadb-server)");

    if (runningPid() != 0) {
        if (!options.fresh) {
            result.alreadyRunning = true;
            result.info = status().info;
            if (options.port != 0 && options.port != result.info.port)
                result.warnings << QStringLiteral("The sandbox already runs on port %1, not %2; stop it first to change the port.")
                                       .arg(result.info.port)
                                       .arg(options.port);
            return result;
        }
        stop();
    }

    const QDir dir(m_dir);
    if (dir.exists() && !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)
        && !looksLikeSandbox())
        throw Error(str(m_dir) + " is not empty and is not a Flowdeck sandbox; choose an empty or new directory with --dir");
    if (!QDir().mkpath(m_dir))
        throw Error("cannot create the sandbox directory " + str(m_dir));
    if (!QFileInfo(m_dir).isWritable())
        throw Error("the sandbox directory " + str(m_dir) + " is not writable");
    if (options.fresh)
        wipe();

    int port = options.port;
    if (port == 0)
        port = freePort();
    else if (!portAvailable(port))
        throw Error("port " + std::to_string(port)
                    + " on 127.0.0.1 is already in use (another MariaDB, MySQL or TiDB?); choose another with --port, or --port 0 for a free one");

    writeConfig(port);
    if (!isInitialised()) {
        if (QFileInfo::exists(path(QStringLiteral("data"))))
            wipe(); // an interrupted initialisation: nothing worth keeping
        initialise(installDb);
        result.initialised = true;
    }
    if (!QDir().mkpath(path(QStringLiteral("binlog"))))
        throw Error("cannot create " + str(path(QStringLiteral("binlog"))));

    progress(QStringLiteral("Starting MariaDB on 127.0.0.1:%1").arg(port));
    const qint64 pid = launch(mariadbd);
    const QString version = waitUntilReady(pid, port, options.timeout, result.warnings);

    SandboxInfo &info = result.info;
    info.port = port;
    info.socket = socketPath();
    info.pid = pid;
    info.dataDir = path(QStringLiteral("data"));
    info.version = version;
    writeFile(path(QStringLiteral("sandbox.json")), QByteArray::fromStdString(info.toJson().dump(2) + '\n'));
    return result;
}

Sandbox::StopResult Sandbox::stop(std::chrono::seconds timeout)
{
    StopResult result;
    const qint64 pid = runningPid();
    if (pid != 0) {
        result.wasRunning = true;
        progress(QStringLiteral("Stopping MariaDB (pid %1)").arg(pid));
        if (::kill(static_cast<pid_t>(pid), SIGTERM) != 0 && errno != ESRCH)
            throw Error("cannot stop MariaDB (pid " + std::to_string(pid) + "): " + std::strerror(errno));
        if (!waitForExit(pid, timeout)) {
            progress(QStringLiteral("Warning: MariaDB did not shut down within %1 s; killing it (InnoDB will recover on the next start)")
                         .arg(timeout.count()));
            ::kill(static_cast<pid_t>(pid), SIGKILL);
            waitForExit(pid, 10s);
            result.killed = true;
        }
    }
    // A clean shutdown removes both; after SIGKILL or a crash they are stale.
    for (const QString &file : {path(QStringLiteral("mariadb.pid")), socketPath()})
        if (QFileInfo::exists(file) && !QFile::remove(file))
            progress(QStringLiteral("Warning: cannot remove the stale ") + file);
    return result;
}

Sandbox::Status Sandbox::status() const
{
    Status status;
    status.initialised = isInitialised();
    QFile json(path(QStringLiteral("sandbox.json")));
    if (json.open(QIODevice::ReadOnly)) {
        const nlohmann::json parsed = nlohmann::json::parse(json.readAll().toStdString(), nullptr, false);
        status.info = SandboxInfo::fromJson(parsed);
    }
    if (status.info.port == 0) {
        // No sandbox.json (yet): my.cnf still knows the port.
        QFile config(path(QStringLiteral("my.cnf")));
        static const QRegularExpression portLine(QStringLiteral("^port=(\\d+)$"), QRegularExpression::MultilineOption);
        if (config.open(QIODevice::ReadOnly))
            status.info.port = portLine.match(QString::fromUtf8(config.readAll())).captured(1).toInt();
        status.info.socket = socketPath();
        status.info.dataDir = path(QStringLiteral("data"));
    }
    const qint64 pid = runningPid();
    status.running = pid != 0;
    status.info.pid = pid;
    return status;
}

int Sandbox::freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        throw Error(std::string("cannot create a socket to find a free port: ") + std::strerror(errno));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0; // the kernel picks a free one
    socklen_t length = sizeof address;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0;
    const int error = errno;
    ::close(fd);
    if (!ok)
        throw Error(std::string("cannot find a free port on 127.0.0.1: ") + std::strerror(error));
    return ntohs(address.sin_port);
}

bool Sandbox::portAvailable(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    // Like mariadbd: connections in TIME_WAIT from an earlier server must not count as "in use".
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

} // namespace flowdeck
