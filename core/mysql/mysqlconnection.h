#pragma once

#include "core/model/errors.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// libmariadb's handle types, declared here so users of this header need not see mysql.h (core
// links libmariadb privately).
struct st_mysql;
struct st_mysql_stmt;
struct st_mysql_bind;

namespace flowdeck {

/// Deleters of libmariadb handles (mysql_close, mysql_stmt_close), for std::unique_ptr.
struct MySqlHandleCloser
{
    void operator()(st_mysql *mysql) const;
    void operator()(st_mysql_stmt *stmt) const;
};

/// How a connection uses TLS: "disabled" never, "preferred" when the server offers it,
/// "required" always (fails when the server has no TLS; the certificate is not checked), "verify"
/// always, with the server's certificate checked against the connection's `ca` (or the system
/// CAs) and its name against the host name.
enum class MySqlTlsMode : std::uint8_t { Disabled, Preferred, Required, Verify };

/// Settings of a connection to a MySQL-protocol server (MariaDB, MySQL, TiDB), read from the
/// `connection` object of a flow's source or destination.
struct MySqlConnectionConfig
{
    std::string host;
    unsigned port = 3306;
    std::string user;
    std::string password;
    std::string database;
    MySqlTlsMode tls = MySqlTlsMode::Preferred;
    std::string tlsCa;   // PEM file of the CAs that sign the server's certificate ("" = system CAs)
    std::string tlsCert; // client certificate (PEM), with tlsKey, for servers that ask for one
    std::string tlsKey;  // its private key (PEM, unencrypted)
    std::string socket; // a Unix socket path; when set, host and port are not used
    unsigned connectTimeoutSeconds = 10;

    /// Reads `{"host", "port" (number or numeric string), "user", "password", "database",
    /// "tls": "disabled"|"preferred"|"required"|"verify" or {"mode", "ca", "cert", "key"} (mode
    /// "verify" by default in the object form), "socket", "connectTimeout" (seconds)}`.
    /// Possible errors: ConfigError naming the bad field ("connection.port must be a number
    /// from 1 to 65535, not \"abc\"").
    static MySqlConnectionConfig fromJson(const nlohmann::json &connection);

    /// "127.0.0.1:4000", or the socket path: how messages name the server.
    std::string endpoint() const;
};

/// A statement failed on the server (or in the client library): the server's code, SQLSTATE and
/// message. what() is the message alone ("Duplicate entry '001' for key 'PRIMARY'").
/// A lost connection is reported as ConnectionError instead.
class MySqlError : public Error
{
public:
    MySqlError(unsigned code, std::string sqlState, const std::string &message,
               std::size_t statementIndex = 0);
    unsigned code() const { return m_code; }
    const std::string &sqlState() const { return m_sqlState; }
    /// For executeMulti(): which statement (0-based) failed.
    std::size_t statementIndex() const { return m_statementIndex; }

private:
    unsigned m_code;
    std::string m_sqlState;
    std::size_t m_statementIndex;
};

/// One connection to a MySQL-protocol server through libmariadb's C API.
///
/// Why not mysqlcppconn, the stack's usual client: the sink's hot path uses MariaDB's bulk
/// (array-bound) prepared statements, which only the C API offers. Measured on MariaDB 10.11
/// with binlog on the 2-core dev machine, 1M rows of 6 columns: multi-row INSERT text runs at
/// the same ~310-330k rows/s through mysqlcppconn and the C API (the library is not the
/// bottleneck), bulk statements at ~500k rows/s, about LOAD DATA's speed. The sink's metadata
/// queries and its writes share one session, so the whole class uses the C API.
///
/// Every session is set up the same way: utf8mb4, time_zone '+00:00' (TIMESTAMP values are sent
/// in UTC), and a strict sql_mode (STRICT_ALL_TABLES, NO_ZERO_DATE, NO_ZERO_IN_DATE,
/// ERROR_FOR_DIVISION_BY_ZERO, NO_ENGINE_SUBSTITUTION, NO_AUTO_VALUE_ON_ZERO) so the server
/// refuses what does not fit instead of truncating it. A replica's session (setAllowZeroDates)
/// leaves out NO_ZERO_DATE and NO_ZERO_IN_DATE: it stores the zero dates its source server
/// accepted, and stays strict otherwise. Not thread-safe: one thread at a time.
class MySqlConnection
{
public:
    explicit MySqlConnection(MySqlConnectionConfig config);
    ~MySqlConnection();
    MySqlConnection(const MySqlConnection &) = delete;
    MySqlConnection &operator=(const MySqlConnection &) = delete;

    /// Connects, dropping any previous session, and sets the session up.
    /// Possible errors: ConnectionError "cannot connect to 127.0.0.1:4000 as root: Access denied
    /// for user 'root'@'127.0.0.1' (using password: YES)"; transient() is true when retrying may
    /// help (connection refused, timed out, too many connections, server shutting down).
    void connect();
    void disconnect();
    bool isConnected() const { return bool(m_mysql); }

    const MySqlConnectionConfig &config() const { return m_config; }

    /// Sessions opened from now on accept zero dates ('0000-00-00', '2024-00-15'): sql_mode
    /// without NO_ZERO_DATE and NO_ZERO_IN_DATE. Tables loaded through this connection
    /// (MySqlTableSchema::load) mark their DATE/DATETIME/TIMESTAMP columns so, and
    /// fitMySqlValue() then accepts zero dates for them. Set before connect().
    void setAllowZeroDates(bool allow) { m_allowZeroDates = allow; }
    bool allowsZeroDates() const { return m_allowZeroDates; }

    /// Runs one statement that returns no rows and returns its affected rows.
    /// Possible errors: ConnectionError (transient) when the connection is lost, MySqlError.
    std::uint64_t execute(std::string_view sql);

    /// Runs several `;`-separated statements in one round trip; `affected` receives the affected
    /// rows of each statement that ran. Stops at the first failing statement. Sessions open
    /// without multi-statements (no CLIENT_MULTI_STATEMENTS): only this call turns them on, for
    /// the duration of the call, so pass only statements built from quoted identifiers and
    /// escaped values (MySqlStatementBuilder).
    /// Possible errors: ConnectionError (transient) when the connection is lost, MySqlError with
    /// statementIndex() of the failing statement (the ones before it have run: see `affected`).
    void executeMulti(std::string_view sql, std::vector<std::uint64_t> &affected);

    /// Runs a query and returns all its rows; SQL NULL is std::nullopt.
    /// Possible errors: ConnectionError (transient) when the connection is lost, MySqlError.
    std::vector<std::vector<std::optional<std::string>>> query(std::string_view sql);

    /// Quotes text as an SQL string literal for this session ('it''s').
    std::string quote(std::string_view text) const;

    /// The server's id of this session (what KILL takes), 0 when not connected.
    std::uint64_t connectionId() const { return m_connectionId; }
    /// Counts the sessions this object opened: changes with every connect(), so per-session
    /// settings can tell a new session (a server restart may reuse connection ids).
    std::uint64_t sessionNumber() const { return m_sessionNumber; }
    /// The server's max_allowed_packet: no statement may be larger.
    std::uint64_t maxAllowedPacket() const { return m_maxAllowedPacket; }
    const std::string &serverVersion() const { return m_serverVersion; }
    bool isMariaDb() const;
    /// The server executes prepared statements for arrays of parameters (MariaDB >= 10.2).
    bool supportsBulk() const { return m_supportsBulk; }
    /// The session has NO_BACKSLASH_ESCAPES: backslashes in string literals are plain characters.
    bool noBackslashEscapes() const;

    /// The libmariadb handle, for MySqlStatement. Null when not connected.
    st_mysql *handle() const { return m_mysql.get(); }

    /// True for errors that mean the session is gone (2006 server gone away, 2013 lost
    /// connection, 1927 connection killed, 1053 server shutdown...): reconnect and replay.
    static bool isLostConnection(unsigned code);
    /// True for connect errors worth retrying later (refused, timed out, too many connections).
    static bool isTransientConnectError(unsigned code);

private:
    friend class MySqlStatement;
    [[noreturn]] void throwLastError(std::size_t statementIndex = 0);
    void setUpSession();
    void setMultiStatements(bool on);
    void runMulti(std::string_view sql, std::vector<std::uint64_t> &affected);

    MySqlConnectionConfig m_config;
    std::unique_ptr<st_mysql, MySqlHandleCloser> m_mysql;
    std::uint64_t m_connectionId = 0;
    std::uint64_t m_sessionNumber = 0;
    std::uint64_t m_maxAllowedPacket = 16u << 20;
    std::string m_serverVersion;
    bool m_supportsBulk = false;
    bool m_allowZeroDates = false;
};

/// One bound parameter of MySqlStatement::executeBulk(): `rows` values in column-wise arrays.
struct MySqlBulkParam
{
    const char *const *data = nullptr;       // value bytes per row
    const unsigned long *lengths = nullptr;  // value lengths per row
    const char *indicators = nullptr;        // per row: 0 a value, 1 NULL, 2 DEFAULT
    bool binary = false;                     // bytes, not text in the connection's charset
};

/// A prepared statement, executed with arrays of parameters (MariaDB's bulk protocol: one round
/// trip, one parse, for many rows). Belongs to the session that prepared it: prepare again after
/// a reconnect.
class MySqlStatement
{
public:
    /// Possible errors: ConnectionError (transient) when the connection is lost, MySqlError.
    MySqlStatement(MySqlConnection &connection, std::string sql);
    ~MySqlStatement();
    MySqlStatement(const MySqlStatement &) = delete;
    MySqlStatement &operator=(const MySqlStatement &) = delete;

    const std::string &sql() const { return m_sql; }
    std::size_t parameterCount() const { return m_parameterCount; }

    /// Executes the statement once per row (all rows in one request) and returns the total
    /// affected rows. `params` has one entry per placeholder.
    /// Possible errors: ConnectionError (transient) when the connection is lost, MySqlError
    /// (the whole execution was rolled back).
    std::uint64_t executeBulk(const std::vector<MySqlBulkParam> &params, unsigned rows);

private:
    [[noreturn]] void throwStatementError();

    MySqlConnection &m_connection;
    std::string m_sql;
    std::unique_ptr<st_mysql_stmt, MySqlHandleCloser> m_stmt;
    std::size_t m_parameterCount = 0;
    std::vector<st_mysql_bind> m_binds;
};

} // namespace flowdeck
