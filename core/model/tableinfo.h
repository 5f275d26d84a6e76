#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace flowdeck {

/// A column of a source table, as the wire formats need it (canal-json's mysqlType/sqlType,
/// Debezium's schema) and as information_schema.COLUMNS describes it.
struct ColumnInfo
{
    std::string name;
    std::string dataType;   // information_schema DATA_TYPE: "int", "varchar", "decimal", "enum"...
    std::string columnType; // information_schema COLUMN_TYPE: "int(10) unsigned", "varchar(255)", "enum('a','b')"
    bool isKey = false;     // part of the primary key (or the unique key used as one)
    bool isUnsigned = false;
    bool nullable = true;
    std::string charset;    // "" for non-text columns; "binary" for BINARY/VARBINARY/BLOB
};

/// How the values of a decoded message carry types the message does not name. Schemaless
/// debezium-json writes DATE as days, DATETIME as milliseconds or microseconds, TIME as
/// microseconds, DECIMAL, BIT and binary columns as base64; Flowdeck's json protocol writes
/// binary columns as base64. Debezium (with or without the schema) writes a BIGINT UNSIGNED
/// above 2^63-1 as a negative int64 (DebeziumTyped: debezium-json with the schema, whose other
/// values are typed). Only the destination column's type tells how to read them back
/// (MySqlBatchWriter does, with wireValueFor()).
enum class WireValues : std::uint8_t { Typed, DebeziumSchemaless, DebeziumTyped, JsonUntyped };

/// The table a change event belongs to. Shared by all events of one table version; a DDL that
/// changes the columns makes a new TableInfo.
struct TableInfo
{
    std::string database;
    std::string table;
    std::vector<ColumnInfo> columns;
    std::vector<int> keyIndexes; // indexes into columns, in key order; empty: no primary key
    WireValues wireValues = WireValues::Typed; // set by message decoders
};

using TableInfoPtr = std::shared_ptr<const TableInfo>;

} // namespace flowdeck
