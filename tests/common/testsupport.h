#pragma once

#include "core/model/record.h"
#include "core/engine/sink.h"

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

/// A schema of the given field names.
SchemaPtr schemaOf(std::vector<std::string> names);

/// A record of `schema` with `values`.
Record row(const SchemaPtr &schema, std::vector<Value> values, RowOp op = RowOp::Insert);

/// Writes a batch and commits it with `checkpoint`, as the engine does (Sink::write, then
/// Sink::commit); returns the rejections.
inline std::vector<RejectedRecord> writeCommitted(Sink &sink, Batch &batch, const nlohmann::json &checkpoint = nullptr)
{
    std::vector<RejectedRecord> rejected = sink.write(batch);
    sink.commit(checkpoint);
    return rejected;
}

/// Rejections as "index: reason" lines, for failure messages and comparisons.
QString reasons(const std::vector<RejectedRecord> &rejected);

/// A `_data()` column "bulk": MariaDB's bulk statements, and the text statements MySQL/TiDB get.
void addBulkColumn();

/// A MySQL destination endpoint for `table` in `database` of the suite's server.
nlohmann::json mysqlDestination(const std::string &database, const std::string &table, const std::string &mode,
                                nlohmann::json write = nlohmann::json::object());

/// The flowdeck executable under test.
QString flowdeckBinary();

} // namespace flowdeck::test
