#include "core/devtools/sandbox.h"

#include "core/model/errors.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QTemporaryDir>

#include <mysql.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <thread>

namespace flowdeck {

using namespace std::chrono_literals;

// The first line of every my.cnf we write; how start() recognises a directory as a sandbox.
static const QString configMarker = QStringLiteral("# Flowdeck sandbox");
// Written into data/ once mariadb-install-db succeeded, so an interrupted initialisation is
// redone instead of starting a server on half-made system tables.
static constexpr QStringView initialisedMarker = u"data/.flowdeck-initialised";

static std::string str(const QString &s)
{
    return s.toStdString();
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

// The command name of a live process from /proc/PID/stat, or a null string. A process that
// exited but was not reaped yet (a zombie: in a container PID 1 often never reaps) counts as
// gone, since it no longer holds the port or the data files.
static QString liveProcessName(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !file.open(QIODevice::ReadOnly))
        return QString();
    const QString stat = QString::fromUtf8(file.readAll());
    const qsizetype open = stat.indexOf(u'('), close = stat.lastIndexOf(u')');
    if (open < 0 || close < open || close + 2 >= stat.size() || stat.at(close + 2) == u'Z' || stat.at(close + 2) == u'X')
        return QString();
    return stat.mid(open + 1, close - open - 1);
}

static bool isAlive(qint64 pid)
{
    return !liveProcessName(pid).isNull();
}

static bool isMariadbd(qint64 pid)
{
    const QString name = liveProcessName(pid);
    return name == QStringLiteral("mariadbd") || name == QStringLiteral("mysqld");
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

// Runs a helper program to completion. Returns an empty string on success, otherwise what went
// wrong followed by the end of its output.
static QString runTool(const QString &program, const QStringList &arguments, const QString &workingDirectory)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    if (!process.waitForFinished(180'000)) {
        const QString reason = process.error() == QProcess::FailedToStart ? process.errorString() : QStringLiteral("timed out");
        process.kill();
        process.waitForFinished(5'000);
        return reason;
    }
    if (process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
        return QString();
    const QString output = QString::fromUtf8(process.readAll()).trimmed().right(1500);
    return (process.exitStatus() == QProcess::CrashExit ? QStringLiteral("crashed")
                                                         : QStringLiteral("exit code %1").arg(process.exitCode()))
        + u'\n' + output;
}

static Error portInUse(int port)
{
    return Error("port " + std::to_string(port) + " on 127.0.0.1 is already in use (another MariaDB, MySQL or TiDB?); "
                 "choose another with --port, or --port 0 for a free one");
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
    for (auto [key, target] : {std::pair{"host", &info.host}, {"user", &info.user}, {"password", &info.password},
                               {"database", &info.database}, {"socket", &info.socket}, {"dataDir", &info.dataDir},
                               {"version", &info.version}})
        if (json.contains(key) && json[key].is_string())
            *target = QString::fromStdString(json[key].get<std::string>());
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

QString Sandbox::path(QStringView name) const
{
    return m_dir + u'/' + name.toString();
}

QString Sandbox::socketPath() const
{
    // A Unix socket path must fit sockaddr_un::sun_path (107 bytes); deep directories get one
    // in the temp dir, named after the sandbox so two sandboxes never share it.
    const QString inDir = path(u"mariadb.sock");
    if (inDir.toLocal8Bit().size() < qsizetype(sizeof(sockaddr_un::sun_path)))
        return inDir;
    const QByteArray hash = QCryptographicHash::hash(m_dir.toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
    return QDir::tempPath() + QStringLiteral("/flowdeck-sandbox-") + QString::fromLatin1(hash)
        + QStringLiteral(".sock");
}

bool Sandbox::looksLikeSandbox() const
{
    QFile config(path(u"my.cnf"));
    if (config.open(QIODevice::ReadOnly) && QString::fromUtf8(config.readLine()).startsWith(configMarker))
        return true;
    return QFileInfo::exists(path(u"sandbox.json"));
}

bool Sandbox::isInitialised() const
{
    return QFileInfo::exists(path(initialisedMarker));
}

qint64 Sandbox::runningPid() const
{
    QFile file(path(u"mariadb.pid"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const qint64 pid = QString::fromLatin1(file.readAll()).trimmed().toLongLong();
    // After a reboot or SIGKILL the pid file may name an unrelated process.
    return isMariadbd(pid) ? pid : 0;
}

QString Sandbox::logTail(int lines) const
{
    QFile file(path(u"mariadb.err"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("(no ") + file.fileName() + u')';
    QStringList all = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return all.join(u'\n');
}

void Sandbox::wipe()
{
    // Only what start() creates: never custom.cnf, never files that are not ours.
    const QStringList ours = {path(u"data"), path(u"binlog"), path(u"mariadb.err"), path(u"mariadb.pid"),
                              path(u"sandbox.json"), socketPath()};
    for (const QString &entry : ours) {
        const QFileInfo info(entry);
        if (!info.exists() && !info.isSymLink())
            continue;
        if (entry == ours.first())
            progress(QStringLiteral("Removing the old data in ") + m_dir);
        if (info.isDir() && !info.isSymLink() ? !QDir(entry).removeRecursively() : !QFile::remove(entry))
            throw Error("cannot remove " + str(entry) + " (is the sandbox directory writable?)");
    }
}

// %1 the sandbox directory, %2 the port, %3 the socket, %4 "user=root" when we are root, %5 extra settings.
static const char *const configTemplate = R"(# Flowdeck sandbox: written by `flowdeck sandbox start` on every start; edits here are lost.
# Put your own settings in custom.cnf (read last). See docs/sandbox.md.

# So that `mariadb --defaults-file=%1/my.cnf test` just works.
[client]
port=%2
socket=%3
user=root
default-character-set=utf8mb4

[mysqld]
datadir=%1/data
socket=%3
pid-file=%1/mariadb.pid
log-error=%1/mariadb.err
port=%2
bind-address=127.0.0.1
skip-name-resolve
# mariadbd refuses to run as root unless told to.
%4
# Binary log for CDC: full before and after images, with column names and types.
server_id=1
log_bin=%1/binlog/mysql-bin
binlog_format=ROW
binlog_row_image=FULL
binlog_row_metadata=FULL
max_binlog_size=64M
binlog_expire_logs_seconds=604800
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
# For LOAD DATA LOCAL INFILE (the load benchmark compares against it).
local_infile=ON
# Server-side file access (SELECT ... INTO OUTFILE, LOAD DATA INFILE, LOAD_FILE()) only inside
# this folder: the password-less root cannot read or write the rest of your files.
secure_file_priv=%1/files
max_allowed_packet=256M
# Throwaway data: after an OS crash the last second of commits may be lost; much faster.
innodb_flush_log_at_trx_commit=2
sync_binlog=0
innodb_buffer_pool_size=256M
innodb_log_file_size=256M
performance_schema=OFF
%5
!include %1/custom.cnf
)";

void Sandbox::writeConfig(int port, const QStringList &extraSettings) const
{
    // secure_file_priv's folder: the server refuses to start when it is missing.
    if (!QDir().mkpath(path(u"files")))
        throw Error("cannot create " + str(path(u"files")) + " (is the sandbox directory writable?)");
    QFile::setPermissions(path(u"files"), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString user = ::geteuid() == 0 ? QStringLiteral("user=root") : QString();
    writeFile(path(u"my.cnf"),
              QString::fromUtf8(configTemplate)
                  .arg(m_dir, QString::number(port), socketPath(), user, extraSettings.join(u'\n'))
                  .toUtf8());
    if (!QFileInfo::exists(path(u"custom.cnf")))
        writeFile(path(u"custom.cnf"),
                  "# Your own MariaDB settings for this sandbox, read after my.cnf; flowdeck never changes this file.\n"
                  "[mysqld]\n");
}

void Sandbox::initialise(const QString &installDb)
{
    progress(QStringLiteral("Initialising a MariaDB data directory in ") + path(u"data"));
    if (!QDir().mkpath(path(u"binlog")))
        throw Error("cannot create " + str(path(u"binlog")) + " (is the sandbox directory writable?)");

    // Runs in the bootstrap session after the system tables are filled, so no client connection
    // is needed. "normal" auth already made root@localhost, root@127.0.0.1 and root@::1 without
    // a password; root@<hostname> would only draw a warning under skip-name-resolve.
    const QString initSql = path(u".init.sql");
    writeFile(initSql,
              "DELETE FROM mysql.global_priv WHERE User = 'root' AND Host NOT IN ('localhost', '127.0.0.1', '::1');\n"
              "DELETE FROM mysql.proxies_priv WHERE Host NOT IN ('localhost', '127.0.0.1', '::1');\n"
              "CREATE DATABASE IF NOT EXISTS test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n");

    // Bootstrapping creates ~100 tables and MariaDB syncs its DDL log and Aria files after each:
    // ~1000 fsyncs, seconds on a busy disk. In tmpfs they cost nothing, so the data directory is
    // built in /dev/shm and moved into place (paths inside it are relative). Its redo log starts
    // small; mariadbd grows it to innodb_log_file_size on the first start.
    std::optional<QTemporaryDir> scratch;
    const QStorageInfo shm(QStringLiteral("/dev/shm"));
    if (shm.isValid() && !shm.isReadOnly() && shm.bytesAvailable() > 128LL * 1024 * 1024)
        scratch.emplace(QStringLiteral("/dev/shm/flowdeck-sandbox-XXXXXX"));
    const bool inMemory = scratch && scratch->isValid();
    const QString dataDir = inMemory ? scratch->filePath(QStringLiteral("data")) : path(u"data");
    QStringList arguments = {QStringLiteral("--defaults-file=") + path(u"my.cnf"), QStringLiteral("--datadir=") + dataDir,
                             QStringLiteral("--auth-root-authentication-method=normal"), QStringLiteral("--skip-test-db"),
                             // Otherwise it insists on resolving the host name, which a minimal
                             // system (no /etc/hosts entry) cannot: --force only skips that check.
                             // The server runs with skip-name-resolve anyway.
                             QStringLiteral("--skip-name-resolve"), QStringLiteral("--force"),
                             QStringLiteral("--extra-file=") + initSql,
                             // The bootstrap runs without a binlog; expiry settings would only warn.
                             QStringLiteral("--binlog-expire-logs-seconds=0")};
    if (inMemory)
        arguments << QStringLiteral("--innodb-log-file-size=8M");
    QString failure = runTool(installDb, arguments, m_dir);
    QFile::remove(initSql);
    if (!failure.isEmpty())
        throw Error("mariadb-install-db failed to initialise " + str(dataDir) + ": " + str(failure)
                    + "\nThe end of mariadb.err:\n" + str(logTail()));
    if (inMemory && !(failure = runTool(QStringLiteral("mv"), {QStringLiteral("-T"), QStringLiteral("--"), dataDir, path(u"data")}, m_dir)).isEmpty())
        throw Error("cannot move the new data directory to " + str(path(u"data")) + ": " + str(failure));
    writeFile(path(initialisedMarker), "mariadb-install-db done\n");
}

qint64 Sandbox::launch(const QString &mariadbd)
{
    QProcess server;
    server.setProgram(mariadbd);
    server.setArguments({QStringLiteral("--defaults-file=") + path(u"my.cnf")});
    server.setWorkingDirectory(m_dir);
    // No pipe may stay open to us: ctest (and shells capturing output) wait for every writer
    // of the pipe to exit. Early messages, before log-error takes over stderr, go to the log.
    server.setStandardInputFile(QProcess::nullDevice());
    server.setStandardOutputFile(path(u"mariadb.err"), QIODevice::Append);
    server.setStandardErrorFile(path(u"mariadb.err"), QIODevice::Append);
    qint64 pid = 0;
    // startDetached double-forks and calls setsid(): the server outlives us and our terminal.
    if (!server.startDetached(&pid))
        throw Error("cannot run " + str(mariadbd) + ": " + str(server.errorString()));
    return pid;
}

QString Sandbox::waitUntilReady(qint64 pid, int port, std::chrono::seconds timeout, QStringList &warnings)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const QString expectedDataDir = path(u"data");
    for (;;) {
        if (!isAlive(pid)) {
            const QString tail = logTail();
            if (tail.contains(QStringLiteral("Address already in use")))
                throw portInUse(port);
            throw Error("MariaDB failed to start. The end of " + str(path(u"mariadb.err")) + ":\n" + str(tail));
        }
        MYSQL *mysql = mysql_init(nullptr);
        if (!mysql)
            throw Error("out of memory creating a MariaDB client handle");
        const unsigned int connectTimeout = 2;
        mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &connectTimeout);
        mysql_options(mysql, MYSQL_OPT_READ_TIMEOUT, &connectTimeout);
        if (mysql_real_connect(mysql, "127.0.0.1", "root", "", nullptr, static_cast<unsigned>(port), nullptr, 0)) {
            // Make sure we talk to our server, not to one that grabbed the port meanwhile.
            QString version = QString::fromUtf8(mysql_get_server_info(mysql));
            QString dataDir;
            if (mysql_query(mysql, "SELECT @@datadir") == 0) {
                if (MYSQL_RES *result = mysql_store_result(mysql)) {
                    if (MYSQL_ROW row = mysql_fetch_row(result); row && row[0])
                        dataDir = QString::fromUtf8(row[0]);
                    mysql_free_result(result);
                }
            }
            mysql_close(mysql);
            if (!dataDir.isEmpty() && QFileInfo(dataDir).canonicalFilePath() != QFileInfo(expectedDataDir).canonicalFilePath())
                throw Error("another server (datadir " + str(dataDir) + ") answers on port " + std::to_string(port)
                            + "; choose another port with --port, or --port 0 for a free one");
            return version;
        }
        const unsigned int code = mysql_errno(mysql);
        const QString message = QString::fromUtf8(mysql_error(mysql));
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
                        + str(path(u"mariadb.err")) + ":\n" + str(logTail()));
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
    const int port = options.port == 0 ? freePort() : options.port;
    if (options.port != 0 && !portAvailable(port))
        throw portInUse(port);
    if (!QDir().mkpath(m_dir))
        throw Error("cannot create the sandbox directory " + str(m_dir));
    if (!QFileInfo(m_dir).isWritable())
        throw Error("the sandbox directory " + str(m_dir) + " is not writable");
    if (options.fresh)
        wipe();

    writeConfig(port, options.extraSettings);
    if (!isInitialised()) {
        if (QFileInfo::exists(path(u"data")))
            wipe(); // an interrupted initialisation: nothing worth keeping
        initialise(installDb);
        result.initialised = true;
    }
    if (!QDir().mkpath(path(u"binlog")))
        throw Error("cannot create " + str(path(u"binlog")));

    progress(QStringLiteral("Starting MariaDB on 127.0.0.1:%1").arg(port));
    const qint64 pid = launch(mariadbd);
    const QString version = waitUntilReady(pid, port, options.timeout, result.warnings);

    SandboxInfo &info = result.info;
    info.port = port;
    info.socket = socketPath();
    info.pid = pid;
    info.dataDir = path(u"data");
    info.version = version;
    writeFile(path(u"sandbox.json"), QByteArray::fromStdString(info.toJson().dump(2) + '\n'));
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
    for (const QString &file : {path(u"mariadb.pid"), socketPath()})
        if (QFileInfo::exists(file) && !QFile::remove(file))
            progress(QStringLiteral("Warning: cannot remove the stale ") + file);
    return result;
}

Sandbox::Status Sandbox::status() const
{
    Status status;
    status.initialised = isInitialised();
    QFile json(path(u"sandbox.json"));
    if (json.open(QIODevice::ReadOnly)) {
        const nlohmann::json parsed = nlohmann::json::parse(json.readAll().toStdString(), nullptr, false);
        status.info = SandboxInfo::fromJson(parsed);
    }
    if (status.info.port == 0) {
        // No sandbox.json (yet): my.cnf still knows the port.
        QFile config(path(u"my.cnf"));
        static const QRegularExpression portLine(QStringLiteral("^port=(\\d+)$"), QRegularExpression::MultilineOption);
        if (config.open(QIODevice::ReadOnly))
            status.info.port = portLine.match(QString::fromUtf8(config.readAll())).captured(1).toInt();
        status.info.socket = socketPath();
        status.info.dataDir = path(u"data");
    }
    const qint64 pid = runningPid();
    status.running = pid != 0;
    status.info.pid = pid;
    return status;
}

// Binds a TCP socket to 127.0.0.1:`port` and returns the port it got (for 0 the kernel picks a
// free one), or 0 with errno set. Like mariadbd it sets SO_REUSEADDR, so connections of an
// earlier server still in TIME_WAIT do not count as "in use".
static int bindLoopback(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    socklen_t length = sizeof address;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0;
    const int error = errno;
    ::close(fd);
    errno = error;
    return ok ? ntohs(address.sin_port) : 0;
}

int Sandbox::freePort()
{
    const int port = bindLoopback(0);
    if (port == 0)
        throw Error(std::string("cannot find a free port on 127.0.0.1: ") + std::strerror(errno));
    return port;
}

bool Sandbox::portAvailable(int port)
{
    return port > 0 && bindLoopback(port) == port;
}

} // namespace flowdeck
