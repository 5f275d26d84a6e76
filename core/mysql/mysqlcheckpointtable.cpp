#include "core/mysql/mysqlcheckpointtable.h"

#include "core/model/errors.h"
#include "core/model/jsontext.h"
#include "core/mysql/mysqlconnection.h"

namespace flowdeck::mysqlcheckpointtable {

void create(MySqlConnection &connection, const std::string &table)
{
    try {
        connection.execute("CREATE TABLE IF NOT EXISTS " + table
                           + " (`flow` VARCHAR(255) NOT NULL PRIMARY KEY, `checkpoint` MEDIUMTEXT NOT NULL,"
                             " `updated_at` TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
                             " ON UPDATE CURRENT_TIMESTAMP(6)) DEFAULT CHARSET=utf8mb4");
    } catch (const MySqlError &e) {
        throw ConfigError("cannot create the checkpoint table " + table
                          + ", which a resumed run needs to neither lose nor repeat a record: " + e.what());
    }
}

nlohmann::json read(MySqlConnection &connection, const std::string &table, const std::string &flowKey)
{
    std::vector<std::vector<std::optional<std::string>>> rows;
    try {
        rows = connection.query("SELECT `checkpoint` FROM " + table + " WHERE `flow`=" + connection.quote(flowKey));
    } catch (const MySqlError &e) {
        if (e.code() == 1146) // ER_NO_SUCH_TABLE: no run of any flow has written here yet
            return nullptr;
        throw Error("cannot read the checkpoint of flow \"" + flowKey + "\" from " + table + ": " + e.what());
    }
    if (rows.empty() || !rows[0][0])
        return nullptr;
    nlohmann::json checkpoint = nlohmann::json::parse(*rows[0][0], nullptr, false);
    if (checkpoint.is_discarded())
        throw Error("the checkpoint of flow \"" + flowKey + "\" in " + table + " is not valid JSON");
    return checkpoint;
}

std::string upsert(const MySqlConnection &connection, const std::string &table, const std::string &flowKey,
                   const nlohmann::json &checkpoint)
{
    return "INSERT INTO " + table + " (`flow`,`checkpoint`) VALUES (" + connection.quote(flowKey) + ','
        + connection.quote(jsonText(checkpoint)) + ") ON DUPLICATE KEY UPDATE `checkpoint`=VALUES(`checkpoint`);";
}

} // namespace flowdeck::mysqlcheckpointtable
