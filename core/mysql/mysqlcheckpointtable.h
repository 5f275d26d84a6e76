#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace flowdeck {

class MySqlConnection;

/// The `flowdeck_checkpoints` table a MySQL destination commits each batch's checkpoint into
/// (in the same transaction as the rows), shared by MySqlSink and MySqlReplicaSink.
namespace mysqlcheckpointtable {

/// CREATE TABLE IF NOT EXISTS `table` (flow, checkpoint MEDIUMTEXT, updated_at).
/// Possible errors: ConfigError naming the table and the server's reason.
void create(MySqlConnection &connection, const std::string &table);

/// The checkpoint stored for `flowKey`, or null when there is none (or no table yet).
/// Possible errors: Error when it cannot be read or is not valid JSON.
nlohmann::json read(MySqlConnection &connection, const std::string &table, const std::string &flowKey);

/// The statement that stores `checkpoint` for `flowKey`, sent before COMMIT in the batch's
/// transaction, so a resumed run starts exactly after the rows it committed with.
std::string upsert(const MySqlConnection &connection, const std::string &table, const std::string &flowKey,
                   const nlohmann::json &checkpoint);

} // namespace mysqlcheckpointtable
} // namespace flowdeck
