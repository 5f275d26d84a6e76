#include "core/mysql/binlog/binlogdefinition.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>

namespace flowdeck {

namespace {

bool sameName(const std::string &a, const std::string &b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// Whether a column of information_schema DATA_TYPE `dataType` is written with binlog type `type`.
// Types this does not know (MariaDB's UUID, INET6...) fit any.
bool fits(const std::string &dataType, std::uint8_t type)
{
    using namespace binlogtype;
    auto any = [&](std::initializer_list<std::uint8_t> types) {
        return std::find(types.begin(), types.end(), type) != types.end();
    };
    if (dataType == "tinyint") return type == Tiny;
    if (dataType == "smallint") return type == Short;
    if (dataType == "mediumint") return type == Int24;
    if (dataType == "int") return type == Long;
    if (dataType == "bigint") return type == LongLong;
    if (dataType == "float") return type == Float;
    if (dataType == "double") return type == Double;
    if (dataType == "decimal") return any({NewDecimal, Decimal});
    if (dataType == "date") return any({Date, NewDate});
    if (dataType == "time") return any({Time, Time2});
    if (dataType == "datetime") return any({DateTime, DateTime2});
    if (dataType == "timestamp") return any({Timestamp, Timestamp2});
    if (dataType == "year") return type == Year;
    if (dataType == "bit") return type == Bit;
    if (dataType == "enum") return type == Enum;
    if (dataType == "set") return type == Set;
    if (dataType == "char" || dataType == "binary") return type == String;
    if (dataType == "varchar" || dataType == "varbinary") return any({VarChar, VarString});
    if (dataType.ends_with("text") || dataType.ends_with("blob")) return any({Blob, TinyBlob, MediumBlob, LongBlob});
    if (dataType == "json") return any({Json, Blob});
    return true;
}

} // namespace

int binlogCharsetId(const std::string &charset)
{
    return charset == "binary" ? 63 : charset == "latin1" ? 8 : 45;
}

TableInfoPtr binlogDefinition(BinlogTableMap &map, const TableInfo &definition, std::string &problem)
{
    const std::string table = "`" + map.database + "`.`" + map.table + "`";
    if (map.columns.size() != definition.columns.size()) {
        problem = "table " + table + " has " + std::to_string(map.columns.size()) + " columns in the binlog but " +
                  std::to_string(definition.columns.size()) + " in the schema history";
        return nullptr;
    }
    auto info = std::make_shared<TableInfo>(definition);
    info->database = map.database;
    info->table = map.table;
    for (std::size_t i = 0; i < map.columns.size(); ++i) {
        BinlogColumn &c = map.columns[i];
        ColumnInfo &column = info->columns[i];
        if (map.hasNames && !sameName(c.name, column.name)) {
            problem = "column " + std::to_string(i + 1) + " of table " + table + " is `" + c.name +
                      "` in the binlog but `" + column.name + "` in the schema history";
            return nullptr;
        }
        if (!fits(column.dataType, c.type)) {
            problem = "column `" + column.name + "` of table " + table + " is " + column.columnType +
                      " in the schema history, which does not match its binlog type " + c.dataType();
            return nullptr;
        }
        if (!map.hasSignedness)
            c.isUnsigned = column.isUnsigned;
        if (c.isText() && c.charsetId < 0)
            c.charsetId = binlogCharsetId(column.charset);
        if ((c.type == binlogtype::Enum || c.type == binlogtype::Set) && c.labels.empty())
            c.labels = BinlogColumn::labelsOf(column.columnType);
        column.isUnsigned = c.isUnsigned && c.type != binlogtype::Year;
        column.nullable = c.nullable;
    }
    return info;
}

} // namespace flowdeck
