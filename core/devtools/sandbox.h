#pragma once

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>

namespace flowdeck {

/// How to reach a sandbox server; the content of DIR/sandbox.json.
struct SandboxInfo
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 0;
    QString user = QStringLiteral("root");
    QString password;
    QString database = QStringLiteral("test");
    QString socket;
    qint64 pid = 0;
    QString dataDir;
    QString version; // as the server reports it, e.g. "10.11.6-MariaDB-0+deb12u1-log"

    nlohmann::json toJson() const;
    /// Possible errors: none; missing keys keep their defaults.
    static SandboxInfo fromJson(const nlohmann::json &json);
};

/// A private MariaDB server (Debian's mariadb-server) living entirely in one directory, for
/// trying flows by hand and for the integration test suite.
///
/// Layout of the directory: my.cnf (rewritten on every start), custom.cnf (yours, included
/// last, never touched), data/ (the datadir), binlog/ (binary logs for CDC), mariadb.err (server
/// log), mariadb.pid, mariadb.sock, sandbox.json (connection details, see SandboxInfo).
///
/// The server listens on 127.0.0.1 only, has root@127.0.0.1 and root@localhost without a
/// password and a database `test`, and keeps a ROW/FULL/FULL binary log. It runs detached: it
/// outlives the process that started it until stop() is called.
///
/// Not thread-safe; one Sandbox object per directory and process at a time.
class Sandbox
{
public:
    /// TiDB's port, so example flows written for a local TiDB work unchanged.
    static constexpr int DefaultPort = 4000;

    struct StartOptions
    {
        int port = DefaultPort; ///< 0 picks a free port
        bool fresh = false;     ///< wipe data and logs first (a running sandbox is stopped)
        std::chrono::seconds timeout{60}; ///< how long the server may take to accept connections
        /// More [mysqld] settings, one per entry ("ssl-cert=/path/server.pem"), written into
        /// my.cnf before custom.cnf is included: for tests that need a server with TLS.
        QStringList extraSettings;
    };

    struct StartResult
    {
        SandboxInfo info;
        bool alreadyRunning = false; ///< nothing was started; info describes the running server
        bool initialised = false;    ///< the data directory was created by this call
        QStringList warnings;        ///< things the user should know, one sentence each
    };

    struct StopResult
    {
        bool wasRunning = false;
        bool killed = false; ///< did not exit within the timeout and got SIGKILL
    };

    struct Status
    {
        bool running = false;
        bool initialised = false;
        SandboxInfo info; ///< from sandbox.json (the last start) when it exists
    };

    /// `dir` may be relative; it is made absolute. Nothing is touched until start().
    explicit Sandbox(const QString &dir);

    /// $XDG_DATA_HOME/flowdeck/sandbox, i.e. ~/.local/share/flowdeck/sandbox by default.
    static QString defaultDir();

    const QString &dir() const { return m_dir; }

    /// Receives progress lines ("Initialising ...") while start() and stop() run, for a CLI to
    /// show; by default they are dropped.
    void setProgressHandler(std::function<void(const QString &)> handler);

    /// Starts the server, initialising the directory first when needed, and waits until it
    /// accepts connections. Writes sandbox.json.
    ///
    /// Possible errors: flowdeck::Error when mariadbd or mariadb-install-db is not installed,
    /// the port is in use, the directory is not writable, is not empty but is no sandbox, or has
    /// characters mariadb-install-db cannot handle, initialisation fails, or the server exits
    /// or does not accept connections within the timeout (the message ends with the tail of
    /// mariadb.err). After an error no server from this call is left running.
    StartResult start(const StartOptions &options);

    /// Shuts the server down cleanly (SIGTERM), waiting up to `timeout`, then SIGKILL.
    /// Stopping a sandbox that is not running succeeds with wasRunning = false.
    ///
    /// Possible errors: flowdeck::Error when the server cannot be signalled (another user's).
    StopResult stop(std::chrono::seconds timeout = std::chrono::seconds(60));

    /// Possible errors: none; an unreadable sandbox.json leaves `info` at its defaults.
    Status status() const;

    /// A TCP port on 127.0.0.1 that nobody listens on right now.
    ///
    /// Possible errors: flowdeck::Error when no socket can be bound at all.
    static int freePort();

    /// True when nothing listens on 127.0.0.1:`port` (and we may bind it).
    static bool portAvailable(int port);

private:
    QString path(QStringView name) const;
    QString socketPath() const;
    bool looksLikeSandbox() const;
    bool isInitialised() const;
    qint64 runningPid() const;
    void wipe();
    void writeConfig(int port, const QStringList &extraSettings) const;
    void initialise(const QString &installDb);
    qint64 launch(const QString &mariadbd);
    QString waitUntilReady(qint64 pid, int port, std::chrono::seconds timeout, QStringList &warnings);
    QString logTail(int lines = 15) const;
    void progress(const QString &message) const;

    QString m_dir;
    std::function<void(const QString &)> m_progress;
};

} // namespace flowdeck
