#pragma once

#include <QString>
#include <nlohmann/json.hpp>

#include <string>

namespace flowdeck::test {

/// Absolute path of a file under tests/data.
std::string dataPath(const std::string &relative);

/// Absolute path of a file in the source tree (resources/examples/...).
std::string sourcePath(const std::string &relative);

/// Connection settings of the suite's MariaDB (the "mariadb" ctest fixture), as a flow file's
/// `connection` object: host, port, user, password, database. Fails the calling test (via an
/// empty object and QFAIL in the caller) when the fixture did not run.
nlohmann::json sandboxConnection(const std::string &database = "test");

/// Runs SQL statements on the suite's server through the `mariadb` client-free path
/// (mysqlcppconn). Throws flowdeck::Error with the server's message.
void execSql(const std::string &sql, const std::string &database = "test");

/// Runs a query and returns all rows, each as tab-joined text with NULL as "NULL".
std::vector<std::string> querySql(const std::string &sql, const std::string &database = "test");

/// Creates (or empties) a database for one test and returns its name.
std::string freshDatabase(const std::string &name);

/// The flowdeck executable under test.
QString flowdeckBinary();

} // namespace flowdeck::test
