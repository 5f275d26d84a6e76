#include "core/mysql/binlog/schemacapture.h"

#include "core/mysql/binlog/ddlparser.h"
#include "core/mysql/mysqlcolumntypes.h"
#include "core/mysql/mysqlconnection.h"

#include <map>
#include <set>

namespace flowdeck::schemacapture {

namespace {

using Rows = std::vector<std::vector<std::optional<std::string>>>;

struct Described
{
    std::string collation;
    TableInfo info;
    std::vector<std::string> key;
};

// Columns, keys and collations of the tables `where` selects ("TABLE_SCHEMA IN (...)" or one table).
std::map<std::string, Described> describe(MySqlConnection &c, const std::string &where)
{
    std::map<std::string, Described> tables;
    for (const auto &row : c.query("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES "
                                   "WHERE TABLE_TYPE = 'BASE TABLE' AND " + where)) {
        Described &d = tables[row[0].value_or("") + "." + row[1].value_or("")];
        d.info.database = row[0].value_or("");
        d.info.table = row[1].value_or("");
        d.collation = row[2].value_or("");
    }
    for (const auto &row : c.query("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, "
                                   "CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE " + where +
                                   " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION")) {
        const auto it = tables.find(row[0].value_or("") + "." + row[1].value_or(""));
        if (it == tables.end())
            continue; // a view
        ColumnInfo column;
        column.name = row[2].value_or("");
        column.dataType = row[3].value_or("");
        column.columnType = row[4].value_or("");
        column.nullable = row[5].value_or("YES") == "YES";
        column.charset = row[6].value_or("");
        column.isUnsigned = column.columnType.find("unsigned") != std::string::npos;
        if (isBinaryDataType(column.dataType))
            column.charset = "binary";
        it->second.info.columns.push_back(std::move(column));
    }
    for (const auto &row : c.query("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
                                   "WHERE CONSTRAINT_NAME = 'PRIMARY' AND " + where +
                                   " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION")) {
        const auto it = tables.find(row[0].value_or("") + "." + row[1].value_or(""));
        if (it != tables.end())
            it->second.key.push_back(row[2].value_or(""));
    }
    return tables;
}

void put(SchemaHistory &history, Described &d)
{
    TableInfo &info = d.info;
    for (const std::string &k : d.key)
        for (std::size_t i = 0; i < info.columns.size(); ++i)
            if (info.columns[i].name == k) {
                info.keyIndexes.push_back(int(i));
                info.columns[i].isKey = true;
            }
    history.put(std::make_shared<TableInfo>(std::move(info)), ddlparser::charsetOfCollation(d.collation));
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
    for (auto &[name, d] : describe(c, "TABLE_SCHEMA IN (" + databases + ")"))
        if (history.captured(d.info.database, d.info.table))
            put(history, d);
    return history;
}

void describeTable(MySqlConnection &c, SchemaHistory &history, const std::string &database, const std::string &table)
{
    auto tables = describe(c, "TABLE_SCHEMA = " + c.quote(database) + " AND TABLE_NAME = " + c.quote(table));
    if (tables.empty()) {
        // Gone: a put() of nothing is not possible, so rebuild without it.
        DdlStatement drop;
        drop.kind = DdlStatement::Kind::DropTables;
        drop.tables.push_back({database, table});
        history.apply(drop, database);
        return;
    }
    put(history, tables.begin()->second);
}

} // namespace flowdeck::schemacapture
