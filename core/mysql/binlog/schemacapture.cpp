#include "core/mysql/binlog/schemacapture.h"

#include "core/mysql/binlog/ddlparser.h"
#include "core/mysql/mysqlconnection.h"
#include "core/mysql/tabledescription.h"

namespace flowdeck::schemacapture {

namespace {

void put(SchemaHistory &history, tabledescription::Described &d)
{
    history.put(std::make_shared<TableInfo>(std::move(d.info)), ddlparser::charsetOfCollation(d.collation));
}

} // namespace

SchemaHistory describeCaptured(MySqlConnection &c, const std::vector<std::string> &patterns)
{
    SchemaHistory history;
    history.setPatterns(patterns);
    // "" holds the server's default, for databases created later without a character set.
    const auto server = c.query("SELECT @@global.character_set_server");
    if (!server.empty() && server[0][0])
        history.setDatabaseCharset(std::string(), ddlparser::normalCharset(*server[0][0]));
    std::string databases;
    for (const auto &row : c.query("SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA "
                                   "WHERE SCHEMA_NAME NOT IN ('mysql','information_schema','performance_schema','sys')")) {
        const std::string db = row[0].value_or("");
        if (!history.interesting(db))
            continue;
        history.setDatabaseCharset(db, ddlparser::normalCharset(row[1].value_or("")));
        databases += (databases.empty() ? "" : ",") + c.quote(db);
    }
    if (databases.empty())
        return history;
    for (auto &[name, d] : tabledescription::describe(c, "TABLE_SCHEMA IN (" + databases + ")"))
        if (history.captured(d.info.database, d.info.table))
            put(history, d);
    return history;
}

void describeTable(MySqlConnection &c, SchemaHistory &history, const std::string &database, const std::string &table)
{
    std::optional<tabledescription::Described> described = tabledescription::describeTable(c, database, table);
    if (!described) {
        // Gone: a put() of nothing is not possible, so rebuild without it.
        DdlStatement drop;
        drop.kind = DdlStatement::Kind::DropTables;
        drop.tables.push_back({database, table});
        history.apply(drop, database);
        return;
    }
    put(history, *described);
}

} // namespace flowdeck::schemacapture
