#include "core/mysql/mysqlconnection.h"

#include "core/flow/flowvocabulary.h"
#include "core/mysql/mysqlstatementbuilder.h"

#include <mariadb/errmsg.h>
#include <mariadb/mysql.h>
#include <mariadb/mysqld_error.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <mutex>

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace flowdeck {

void MySqlHandleCloser::operator()(st_mysql *mysql) const
{
    mysql_close(mysql);
}

void MySqlHandleCloser::operator()(st_mysql_stmt *stmt) const
{
    // Safe after mysql_close() too: libmariadb detaches the statements of a closed handle.
    mysql_stmt_close(stmt);
}

// ---- configuration --------------------------------------------------------------------------

static std::string jsonText(const nlohmann::json &value)
{
    return value.is_string() ? '"' + value.get<std::string>() + '"' : value.dump();
}

static std::string optionalString(const nlohmann::json &connection, const char *key)
{
    auto it = connection.find(key);
    if (it == connection.end() || it->is_null())
        return {};
    if (!it->is_string())
        throw ConfigError(std::string("connection.") + key + " must be a string, not " + jsonText(*it));
    return it->get<std::string>();
}

/// A positive whole number given as a JSON number or a numeric string ("3306").
static std::optional<long long> wholeNumber(const nlohmann::json &value)
{
    if (value.is_number_integer())
        return value.get<long long>();
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (d == double(static_cast<long long>(d)))
            return static_cast<long long>(d);
        return std::nullopt;
    }
    if (value.is_string()) {
        const std::string &s = value.get_ref<const std::string &>();
        long long n = 0;
        auto res = std::from_chars(s.data(), s.data() + s.size(), n);
        if (!s.empty() && res.ec == std::errc() && res.ptr == s.data() + s.size())
            return n;
    }
    return std::nullopt;
}

static MySqlTlsMode tlsMode(const std::string &tls)
{
    static_assert(vocabulary::kTlsModes.size() == 4, "a TLS mode was added: handle it here");
    if (tls == "disabled")
        return MySqlTlsMode::Disabled;
    if (tls == "preferred")
        return MySqlTlsMode::Preferred;
    if (tls == "required")
        return MySqlTlsMode::Required;
    if (tls == "verify")
        return MySqlTlsMode::Verify;
    throw ConfigError("connection.tls must be one of disabled, preferred, required, verify, not \"" + tls + '"');
}

static void readTls(const nlohmann::json &connection, MySqlConnectionConfig &c)
{
    const auto it = connection.find("tls");
    if (it == connection.end() || it->is_null())
        return;
    if (!it->is_object()) {
        if (const std::string tls = optionalString(connection, "tls"); !tls.empty())
            c.tls = tlsMode(tls);
        return;
    }
    // {"mode": "verify", "ca": "/etc/ssl/db-ca.pem", "cert": ..., "key": ...}
    c.tls = tlsMode(optionalString(*it, "mode").empty() ? std::string("verify") : optionalString(*it, "mode"));
    c.tlsCa = optionalString(*it, "ca");
    c.tlsCert = optionalString(*it, "cert");
    c.tlsKey = optionalString(*it, "key");
    if (c.tlsCert.empty() != c.tlsKey.empty())
        throw ConfigError("connection.tls: give both \"cert\" and \"key\", or neither");
    if (c.tls == MySqlTlsMode::Disabled && !(c.tlsCa.empty() && c.tlsCert.empty()))
        throw ConfigError("connection.tls: certificates are given but the mode is \"disabled\"");
}

MySqlConnectionConfig MySqlConnectionConfig::fromJson(const nlohmann::json &connection)
{
    if (!connection.is_object())
        throw ConfigError("connection must be an object with host, port, user, password and database");
    MySqlConnectionConfig c;
    c.host = optionalString(connection, "host");
    c.user = optionalString(connection, "user");
    c.password = optionalString(connection, "password");
    c.database = optionalString(connection, "database");
    c.socket = optionalString(connection, "socket");
    if (auto it = connection.find("port"); it != connection.end() && !it->is_null()) {
        const auto port = wholeNumber(*it);
        if (!port || *port < 1 || *port > 65535)
            throw ConfigError("connection.port must be a number from 1 to 65535, not " + jsonText(*it));
        c.port = unsigned(*port);
    }
    if (auto it = connection.find("connectTimeout"); it != connection.end() && !it->is_null()) {
        const auto seconds = wholeNumber(*it);
        if (!seconds || *seconds < 1 || *seconds > 3600)
            throw ConfigError("connection.connectTimeout must be a number of seconds from 1 to 3600, not "
                              + jsonText(*it));
        c.connectTimeoutSeconds = unsigned(*seconds);
    }
    readTls(connection, c);
    if (c.host.empty() && c.socket.empty())
        throw ConfigError("connection.host is missing (or give connection.socket)");
    if (c.user.empty())
        throw ConfigError("connection.user is missing");
    return c;
}

std::string MySqlConnectionConfig::endpoint() const
{
    if (!socket.empty())
        return socket;
    return host + ':' + std::to_string(port);
}

// ---- errors ---------------------------------------------------------------------------------

MySqlError::MySqlError(unsigned code, std::string sqlState, const std::string &message,
                       std::size_t statementIndex)
    : Error(message)
    , m_code(code)
    , m_sqlState(std::move(sqlState))
    , m_statementIndex(statementIndex)
{
}

bool MySqlConnection::isLostConnection(unsigned code)
{
    switch (code) {
    case CR_SERVER_GONE_ERROR:    // 2006
    case CR_SERVER_LOST:          // 2013
    case CR_SERVER_LOST_EXTENDED: // 2055
    case ER_SERVER_SHUTDOWN:      // 1053
    case ER_CONNECTION_KILLED:    // 1927, MariaDB: KILL from another session
    case 4031:                    // MySQL 8: disconnected by the server for inactivity
        return true;
    default:
        return false;
    }
}

bool MySqlConnection::isTransientConnectError(unsigned code)
{
    switch (code) {
    case CR_CONNECTION_ERROR:   // 2002, socket: refused or missing while the server restarts
    case CR_CONN_HOST_ERROR:    // 2003, TCP: refused or timed out
    case ER_CON_COUNT_ERROR:    // 1040 too many connections
    case ER_TOO_MANY_USER_CONNECTIONS: // 1203
    case ER_USER_LIMIT_REACHED:        // 1226, e.g. the account's MAX_USER_CONNECTIONS
    case ER_SERVER_SHUTDOWN:
    case ER_CONNECTION_KILLED:
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
    case CR_SERVER_LOST_EXTENDED:
        return true;
    default:
        return false;
    }
}

static std::string systemErrorText(int err)
{
    std::string reason = std::strerror(err);
    if (!reason.empty())
        reason[0] = char(std::tolower(static_cast<unsigned char>(reason[0])));
    return reason;
}

/// Connects a plain TCP socket to host:port and returns the operating system's error (0 when it
/// connects, -1 when the host is unknown).
static int probeTcp(const std::string &host, unsigned port, unsigned timeoutSeconds)
{
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found)
        return -1;
    std::unique_ptr<addrinfo, void (*)(addrinfo *)> addresses(found, freeaddrinfo);
    const int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, found->ai_protocol);
    if (fd < 0)
        return errno;
    int err = 0;
    if (::connect(fd, found->ai_addr, found->ai_addrlen) != 0) {
        err = errno;
        if (err == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            const int ready = ::poll(&p, 1, int(timeoutSeconds * 1000));
            socklen_t len = sizeof err;
            if (ready == 0)
                err = ETIMEDOUT;
            else if (ready < 0 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
                err = errno;
        }
    }
    ::close(fd);
    return err;
}

/// What to tell the user about a failed connect. libmariadb says "Can't connect to server on
/// '127.0.0.1' (115)", where 115 is the EINPROGRESS of its non-blocking connect, not the reason:
/// for TCP the reason ("connection refused") is found with one plain connect attempt; for a
/// socket the errno in parentheses is right ("no such file or directory").
/// Hands the connection's certificate files to libmariadb, after checking that they can be read
/// (libmariadb's own message for a missing file does not name it).
static void setTlsFiles(MYSQL *mysql, const MySqlConnectionConfig &config)
{
    const std::pair<const std::string *, std::pair<mysql_option, const char *>> files[] = {
        {&config.tlsCa, {MYSQL_OPT_SSL_CA, "ca"}},
        {&config.tlsCert, {MYSQL_OPT_SSL_CERT, "cert"}},
        {&config.tlsKey, {MYSQL_OPT_SSL_KEY, "key"}}};
    for (const auto &[path, option] : files) {
        // libmariadb checks the server's chain against any CA it is given: only "verify" checks.
        if (path->empty() || (option.first == MYSQL_OPT_SSL_CA && config.tls != MySqlTlsMode::Verify))
            continue;
        if (::access(path->c_str(), R_OK) != 0)
            throw ConfigError("connection.tls." + std::string(option.second) + ": cannot read " + *path + ": "
                              + std::strerror(errno));
        mysql_optionsv(mysql, option.first, path->c_str());
    }
}

static std::string connectFailureReason(unsigned code, const char *message, const MySqlConnectionConfig &config)
{
    std::string text = message;
    if (code == CR_CONN_HOST_ERROR || (code == CR_CONNECTION_ERROR && config.socket.empty())) {
        const int err = probeTcp(config.host, config.port, config.connectTimeoutSeconds);
        if (err < 0)
            return "unknown host " + config.host;
        if (err > 0)
            return systemErrorText(err);
        return text;
    }
    if (code == CR_CONNECTION_ERROR) {
        const auto open = text.rfind('(');
        const auto close = text.rfind(')');
        int err = 0;
        if (open != std::string::npos && close != std::string::npos && close > open + 1) {
            auto res = std::from_chars(text.data() + open + 1, text.data() + close, err);
            if (res.ec == std::errc() && res.ptr == text.data() + close && err > 0)
                return systemErrorText(err);
        }
    }
    // "Lost connection to server at 'handshake: ...', system error: 110": name the errno.
    const std::string marker = "system error: ";
    if (const auto at = text.rfind(marker); at != std::string::npos) {
        int err = 0;
        auto res = std::from_chars(text.data() + at + marker.size(), text.data() + text.size(), err);
        if (res.ec == std::errc() && err > 0)
            return text.substr(0, at) + systemErrorText(err);
    }
    return text;
}

// ---- connection -----------------------------------------------------------------------------

MySqlConnection::MySqlConnection(MySqlConnectionConfig config)
    : m_config(std::move(config))
{
}

MySqlConnection::~MySqlConnection() = default;

void MySqlConnection::disconnect()
{
    m_mysql.reset();
    m_connectionId = 0;
}

void MySqlConnection::connect()
{
    disconnect();
    // mysql_init() initialises the library on first use, which is not thread-safe.
    static std::once_flag libraryInit;
    std::call_once(libraryInit, [] { mysql_library_init(0, nullptr, nullptr); });

    std::unique_ptr<MYSQL, MySqlHandleCloser> mysql(mysql_init(nullptr));
    if (!mysql)
        throw Error("cannot connect to " + m_config.endpoint() + ": out of memory");
    mysql_optionsv(mysql.get(), MYSQL_SET_CHARSET_NAME, "utf8mb4");
    unsigned timeout = m_config.connectTimeoutSeconds;
    mysql_optionsv(mysql.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    // A network that dies silently (no RST) must not hang the writer forever: a read or write
    // that waits this long is a lost connection, which the sink retries. Generous, because one
    // multi-row statement on a busy server can legitimately take minutes.
    unsigned ioTimeout = 600;
    mysql_optionsv(mysql.get(), MYSQL_OPT_READ_TIMEOUT, &ioTimeout);
    mysql_optionsv(mysql.get(), MYSQL_OPT_WRITE_TIMEOUT, &ioTimeout);
    unsigned localInfile = 0; // never let a server ask for client files
    mysql_optionsv(mysql.get(), MYSQL_OPT_LOCAL_INFILE, &localInfile);
    my_bool on = 1;
    // libmariadb 3.3 falls back to plain text when the server has no TLS unless the certificate
    // is verified, so "preferred" is just "enforce" and "required" is checked after connecting.
    if (m_config.tls != MySqlTlsMode::Disabled)
        mysql_optionsv(mysql.get(), MYSQL_OPT_SSL_ENFORCE, &on);
    if (m_config.tls == MySqlTlsMode::Verify)
        mysql_optionsv(mysql.get(), MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &on);
    setTlsFiles(mysql.get(), m_config);

    const bool viaSocket = !m_config.socket.empty();
    // No CLIENT_MULTI_STATEMENTS: a statement can never carry a second one. executeMulti() turns
    // multi-statements on for its own statements only.
    const unsigned long flags = CLIENT_FOUND_ROWS | CLIENT_MULTI_RESULTS;
    const std::string who = "cannot connect to " + m_config.endpoint() + " as " + m_config.user + ": ";
    if (!mysql_real_connect(mysql.get(), viaSocket ? "localhost" : m_config.host.c_str(),
                            m_config.user.c_str(), m_config.password.c_str(),
                            m_config.database.empty() ? nullptr : m_config.database.c_str(),
                            viaSocket ? 0 : m_config.port, viaSocket ? m_config.socket.c_str() : nullptr,
                            flags)) {
        const unsigned code = mysql_errno(mysql.get());
        std::string reason = connectFailureReason(code, mysql_error(mysql.get()), m_config);
        if (code == CR_SSL_CONNECTION_ERROR && m_config.tls == MySqlTlsMode::Verify)
            reason += " (\"tls\" mode \"verify\" accepts only a server certificate signed by "
                      + (m_config.tlsCa.empty() ? std::string("a system CA") : "the CA in " + m_config.tlsCa)
                      + " that names the host " + (viaSocket ? std::string("localhost") : m_config.host) + ")";
        throw ConnectionError(who + reason, isTransientConnectError(code));
    }
    // A Unix socket never leaves the machine: it counts as secure, as it does for MySQL's
    // require_secure_transport.
    if (m_config.tls == MySqlTlsMode::Required && !viaSocket && !mysql_get_ssl_cipher(mysql.get()))
        throw ConnectionError(who + "the server does not offer TLS (the connection has \"tls\": \"required\")",
                              false);
    m_mysql = std::move(mysql);
    ++m_sessionNumber;
    try {
        setUpSession();
    } catch (const MySqlError &e) {
        disconnect();
        throw ConnectionError("cannot set up the session on " + m_config.endpoint() + ": " + e.what(), false);
    }
}

void MySqlConnection::setUpSession()
{
    execute(m_allowZeroDates ? "SET SESSION sql_mode='STRICT_ALL_TABLES,"
                               "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION,NO_AUTO_VALUE_ON_ZERO',"
                               " time_zone='+00:00'"
                             : "SET SESSION sql_mode='STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
                               "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION,NO_AUTO_VALUE_ON_ZERO',"
                               " time_zone='+00:00'");
    const auto rows = query("SELECT CONNECTION_ID(), @@max_allowed_packet, VERSION()");
    if (rows.size() == 1 && rows[0].size() == 3) {
        m_connectionId = std::stoull(rows[0][0].value_or("0"));
        m_maxAllowedPacket = std::stoull(rows[0][1].value_or("16777216"));
        m_serverVersion = rows[0][2].value_or("");
    }
    unsigned long extended = 0;
    mariadb_get_infov(m_mysql.get(), MARIADB_CONNECTION_EXTENDED_SERVER_CAPABILITIES, &extended);
    m_supportsBulk = (extended & (MARIADB_CLIENT_STMT_BULK_OPERATIONS >> 32)) != 0;
}

bool MySqlConnection::isMariaDb() const
{
    return m_serverVersion.find("MariaDB") != std::string::npos;
}

bool MySqlConnection::noBackslashEscapes() const
{
    return m_mysql && (m_mysql->server_status & SERVER_STATUS_NO_BACKSLASH_ESCAPES);
}

void MySqlConnection::throwLastError(std::size_t statementIndex)
{
    const unsigned code = mysql_errno(m_mysql.get());
    const std::string message = mysql_error(m_mysql.get());
    const std::string state = mysql_sqlstate(m_mysql.get());
    if (isLostConnection(code)) {
        disconnect();
        throw ConnectionError("lost the connection to " + m_config.endpoint() + ": " + message, true);
    }
    throw MySqlError(code, state, message, statementIndex);
}

static void checkConnected(const std::unique_ptr<MYSQL, MySqlHandleCloser> &mysql, const std::string &endpoint)
{
    if (!mysql)
        throw ConnectionError("not connected to " + endpoint, true);
}

std::uint64_t MySqlConnection::execute(std::string_view sql)
{
    checkConnected(m_mysql, m_config.endpoint());
    if (mysql_real_query(m_mysql.get(), sql.data(), sql.size()))
        throwLastError();
    if (MYSQL_RES *result = mysql_store_result(m_mysql.get()))
        mysql_free_result(result);
    else if (mysql_field_count(m_mysql.get()) != 0)
        throwLastError();
    return mysql_affected_rows(m_mysql.get());
}

void MySqlConnection::setMultiStatements(bool on)
{
    if (mysql_set_server_option(m_mysql.get(), on ? MYSQL_OPTION_MULTI_STATEMENTS_ON : MYSQL_OPTION_MULTI_STATEMENTS_OFF))
        throwLastError();
}

void MySqlConnection::executeMulti(std::string_view sql, std::vector<std::uint64_t> &affected)
{
    checkConnected(m_mysql, m_config.endpoint());
    affected.clear();
    setMultiStatements(true);
    try {
        runMulti(sql, affected);
    } catch (...) {
        if (m_mysql) {
            try {
                setMultiStatements(false);
            } catch (const Error &) {
                disconnect(); // never leave a session with multi-statements on
            }
        }
        throw;
    }
    setMultiStatements(false);
}

void MySqlConnection::runMulti(std::string_view sql, std::vector<std::uint64_t> &affected)
{
    if (mysql_real_query(m_mysql.get(), sql.data(), sql.size()))
        throwLastError(0);
    for (;;) {
        if (MYSQL_RES *result = mysql_store_result(m_mysql.get()))
            mysql_free_result(result);
        affected.push_back(mysql_affected_rows(m_mysql.get()));
        const int next = mysql_next_result(m_mysql.get());
        if (next < 0)
            return;
        if (next > 0)
            throwLastError(affected.size());
    }
}

std::vector<std::vector<std::optional<std::string>>> MySqlConnection::query(std::string_view sql)
{
    checkConnected(m_mysql, m_config.endpoint());
    if (mysql_real_query(m_mysql.get(), sql.data(), sql.size()))
        throwLastError();
    std::unique_ptr<MYSQL_RES, void (*)(MYSQL_RES *)> result(mysql_store_result(m_mysql.get()),
                                                            mysql_free_result);
    std::vector<std::vector<std::optional<std::string>>> rows;
    if (!result) {
        if (mysql_field_count(m_mysql.get()) != 0)
            throwLastError();
        return rows;
    }
    const unsigned fields = mysql_num_fields(result.get());
    while (MYSQL_ROW row = mysql_fetch_row(result.get())) {
        const unsigned long *lengths = mysql_fetch_lengths(result.get());
        auto &out = rows.emplace_back();
        out.reserve(fields);
        for (unsigned i = 0; i < fields; ++i) {
            if (row[i])
                out.emplace_back(std::string(row[i], lengths[i]));
            else
                out.emplace_back(std::nullopt);
        }
    }
    return rows;
}

std::string MySqlConnection::quote(std::string_view text) const
{
    std::string out;
    appendStringLiteral(out, text, noBackslashEscapes());
    return out;
}

// ---- prepared statements --------------------------------------------------------------------

MySqlStatement::MySqlStatement(MySqlConnection &connection, std::string sql)
    : m_connection(connection)
    , m_sql(std::move(sql))
{
    checkConnected(m_connection.m_mysql, m_connection.config().endpoint());
    m_stmt.reset(mysql_stmt_init(m_connection.handle()));
    if (!m_stmt)
        throw Error("cannot prepare a statement: out of memory");
    if (mysql_stmt_prepare(m_stmt.get(), m_sql.data(), m_sql.size()))
        throwStatementError();
    m_parameterCount = mysql_stmt_param_count(m_stmt.get());
    m_binds.resize(m_parameterCount);
}

MySqlStatement::~MySqlStatement() = default;

void MySqlStatement::throwStatementError()
{
    const unsigned code = mysql_stmt_errno(m_stmt.get());
    const std::string message = mysql_stmt_error(m_stmt.get());
    if (MySqlConnection::isLostConnection(code)) {
        m_connection.disconnect();
        throw ConnectionError("lost the connection to " + m_connection.config().endpoint() + ": " + message,
                              true);
    }
    throw MySqlError(code, mysql_stmt_sqlstate(m_stmt.get()), message);
}

std::uint64_t MySqlStatement::executeBulk(const std::vector<MySqlBulkParam> &params, unsigned rows)
{
    checkConnected(m_connection.m_mysql, m_connection.config().endpoint());
    if (params.size() != m_parameterCount)
        throw Error("internal error: " + std::to_string(params.size()) + " parameters bound for "
                    + std::to_string(m_parameterCount) + " placeholders");
    for (std::size_t i = 0; i < m_parameterCount; ++i) {
        MYSQL_BIND &b = m_binds[i];
        std::memset(&b, 0, sizeof b);
        b.buffer_type = params[i].binary ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
        b.buffer = const_cast<char **>(params[i].data);
        b.length = const_cast<unsigned long *>(params[i].lengths);
        b.u.indicator = const_cast<char *>(params[i].indicators);
    }
    if (mysql_stmt_attr_set(m_stmt.get(), STMT_ATTR_ARRAY_SIZE, &rows)
        || mysql_stmt_bind_param(m_stmt.get(), m_binds.data()))
        throwStatementError();
    if (mysql_stmt_execute(m_stmt.get()))
        throwStatementError();
    return mysql_stmt_affected_rows(m_stmt.get());
}

} // namespace flowdeck
