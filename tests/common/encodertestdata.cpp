#include "encodertestdata.h"

#include "testsupport.h"

#include <QFile>

namespace flowdeck::test {

ColumnInfo col(const char *name, const char *dataType, const char *columnType, const char *charset,
               bool isUnsigned)
{
    ColumnInfo c;
    c.name = name;
    c.dataType = dataType;
    c.columnType = columnType;
    c.charset = charset;
    c.isUnsigned = isUnsigned;
    return c;
}

TableInfoPtr allTypesTable()
{
    auto t = std::make_shared<TableInfo>();
    t->database = "test";
    t->table = "all_types";
    t->columns = {
        col("id", "int", "int(11)"),
        col("c_tinyint", "tinyint", "tinyint(4)"),
        col("c_tinyint_u", "tinyint", "tinyint(3) unsigned", "", true),
        col("c_smallint", "smallint", "smallint(6)"),
        col("c_smallint_u", "smallint", "smallint(5) unsigned", "", true),
        col("c_mediumint", "mediumint", "mediumint(9)"),
        col("c_int_u", "int", "int(10) unsigned", "", true),
        col("c_bigint", "bigint", "bigint(20)"),
        col("c_bigint_u", "bigint", "bigint(20) unsigned", "", true),
        col("c_decimal", "decimal", "decimal(20,4)"),
        col("c_float", "float", "float"),
        col("c_double", "double", "double"),
        col("c_char", "char", "char(8)", "utf8mb4"),
        col("c_varchar", "varchar", "varchar(64)", "utf8mb4"),
        col("c_text", "text", "text", "utf8mb4"),
        col("c_binary", "binary", "binary(4)", "binary"),
        col("c_blob", "blob", "blob", "binary"),
        col("c_date", "date", "date"),
        col("c_time", "time", "time(3)"),
        col("c_datetime", "datetime", "datetime(6)"),
        col("c_timestamp", "timestamp", "timestamp"),
        col("c_year", "year", "year(4)"),
        col("c_bit", "bit", "bit(10)"),
        col("c_enum", "enum", "enum('a','b','c')", "utf8mb4"),
        col("c_set", "set", "set('x','y','z')", "utf8mb4"),
        col("c_json", "json", "json"),
        col("c_null", "varchar", "varchar(8)", "utf8mb4"),
    };
    t->columns[0].isKey = true;
    t->columns[0].nullable = false;
    t->keyIndexes = {0};
    return t;
}

std::vector<Value> allTypesRow()
{
    return {
        Value::integer(1),
        Value::integer(-128),
        Value::unsignedInteger(255),
        Value::integer(-32768),
        Value::unsignedInteger(65535),
        Value::integer(8388607),
        Value::unsignedInteger(4294967295u),
        Value::integer(INT64_MIN),
        Value::unsignedInteger(UINT64_MAX),
        Value::decimal("-12345678901234.5678"),
        Value::floating(double(1.1f)),
        Value::floating(0.1),
        Value::text("abc"),
        Value::text("say \"hi\"\n<ok> & 'x' \\ tab\t\xF0\x9F\x98\x80 \xC3\xBC"),
        Value::text("line1\r\nline2\x01 bad\xFF end"),
        Value::bytes(std::string("\x00\x01\xFF\xFE", 4)),
        Value::bytes(std::string("\x00<&>\x7F\x80\xFF", 7)),
        Value::date("2024-02-29"),
        Value::time("-12:34:56.789"),
        Value::dateTime("2024-02-29 23:59:59.123456"),
        Value::dateTime("2024-03-01 00:00:01"),
        Value::integer(2024),
        Value::unsignedInteger(513),
        Value::text("b"),
        Value::text("x,z"),
        Value::text("{\"k\": [1, 2]}"),
        Value::null(),
    };
}

Record changeEvent(RowOp op)
{
    TableInfoPtr table = allTypesTable();
    std::vector<std::string> names;
    for (const ColumnInfo &c : table->columns) names.push_back(c.name);
    Record r;
    r.schema = std::make_shared<Schema>(names);
    r.table = table;
    r.op = op;
    r.commitTimeMs = kCommitMs;
    r.position.source = "mysql-bin.000003";
    r.position.offset = 4567;
    r.position.gtid = "3e11fa47-71ca-11e1-9e33-c80aa9429562:23";
    if (op == RowOp::Ddl) {
        r.statement = "ALTER TABLE all_types ADD COLUMN c_note varchar(8) DEFAULT '<none>'";
        return r;
    }
    r.values = allTypesRow();
    if (op == RowOp::Update) {
        r.before = r.values;
        r.values[6] = Value::unsignedInteger(7);
        r.values[13] = Value::text("after");
        r.values[26] = Value::text("now set");
    }
    return r;
}

std::string readGolden(const std::string &relative)
{
    QFile f(QString::fromStdString(dataPath(relative)));
    if (!f.open(QIODevice::ReadOnly)) return "<missing " + relative + ">";
    std::string s = f.readAll().toStdString();
    if (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
}

std::string golden(const std::string &relative, const std::string &actual)
{
    if (qEnvironmentVariableIntValue("FLOWDECK_WRITE_GOLDENS") == 1) {
        QFile f(QString::fromStdString(dataPath(relative)));
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(QByteArray::fromStdString(actual + "\n"));
    }
    return readGolden(relative);
}

} // namespace flowdeck::test
