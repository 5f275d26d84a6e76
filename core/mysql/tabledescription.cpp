#include "core/mysql/tabledescription.h"

#include "core/mysql/mysqlcolumntypes.h"
#include "core/mysql/mysqlconnection.h"

namespace flowdeck::tabledescription {

std::map<std::string, Described> describe(MySqlConnection &c, const std::string &where, Views views)
{
    std::map<std::string, Described> tables;
    for (const auto &row : c.query("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES "
                                   "WHERE TABLE_TYPE IN ('BASE TABLE'" + std::string(views == Views::Include ? ", 'VIEW'" : "")
                                   + ") AND " + where)) {
        Described &d = tables[row[0].value_or("") + "." + row[1].value_or("")];
        d.info.database = row[0].value_or("");
        d.info.table = row[1].value_or("");
        d.collation = row[2].value_or("");
    }
    if (tables.empty())
        return tables;
    for (const auto &row : c.query("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, "
                                   "CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE " + where +
                                   " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION")) {
        const auto it = tables.find(row[0].value_or("") + "." + row[1].value_or(""));
        if (it == tables.end())
            continue; // a view, or created since the first query
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
        if (it == tables.end())
            continue;
        TableInfo &info = it->second.info;
        for (std::size_t i = 0; i < info.columns.size(); ++i)
            if (info.columns[i].name == row[2].value_or("")) {
                info.keyIndexes.push_back(int(i));
                info.columns[i].isKey = true;
            }
    }
    return tables;
}

std::optional<Described> describeTable(MySqlConnection &c, const std::string &database, const std::string &table,
                                       Views views)
{
    auto tables = describe(c, "TABLE_SCHEMA = " + c.quote(database) + " AND TABLE_NAME = " + c.quote(table), views);
    if (tables.empty())
        return std::nullopt;
    return std::move(tables.begin()->second);
}

} // namespace flowdeck::tabledescription
