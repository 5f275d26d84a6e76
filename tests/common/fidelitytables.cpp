#include "tests/common/fidelitytables.h"

#include "tests/common/testsupport.h"

#include <algorithm>

namespace flowdeck::test {

namespace {

std::string repeat(const std::string &s, int n)
{
    std::string out;
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

std::string quoted(const std::string &s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\'' || c == '\\')
            out += c;
        out += c;
    }
    return out + "'";
}

FidelityColumn col(std::string name, std::string type, std::vector<std::string> values, std::string dump = {},
                   std::string debeziumLoss = {})
{
    const bool notNull = type.find("NOT NULL") != std::string::npos;
    return {std::move(name), std::move(type), std::move(values), std::move(dump), !notNull, std::move(debeziumLoss)};
}

// Debezium writes a date with a zero year, month or day (RowDeserializers) as null, or as the
// epoch in a NOT NULL column (docs/type-mapping.md).
std::string zeroDateLoss(const std::string &epoch)
{
    return "IF(YEAR(%) = 0 OR MONTH(%) = 0 OR DAYOFMONTH(%) = 0, " + epoch + ", %)";
}

std::string allBytes()
{
    std::string hex = "X'";
    static const char *digits = "0123456789ABCDEF";
    for (int b = 0; b < 256; ++b) {
        hex += digits[b >> 4];
        hex += digits[b & 15];
    }
    return hex + "'";
}

} // namespace

std::vector<FidelityTable> fidelityTables()
{
    const std::string id = "INT NOT NULL";
    const std::string bits64 = "b'" + repeat("1", 64) + "'";
    std::vector<FidelityTable> t;
    t.push_back({"fm_int",
                 {col("id", id, {}),
                  col("ti", "TINYINT", {"-128", "127", "0"}), col("tiu", "TINYINT UNSIGNED", {"0", "255"}),
                  col("si", "SMALLINT", {"-32768", "32767"}), col("siu", "SMALLINT UNSIGNED", {"0", "65535"}),
                  col("mi", "MEDIUMINT", {"-8388608", "8388607"}), col("miu", "MEDIUMINT UNSIGNED", {"0", "16777215"}),
                  col("i", "INT", {"-2147483648", "2147483647"}), col("iu", "INT UNSIGNED NOT NULL", {"0", "4294967295"}),
                  col("bi", "BIGINT", {"-9223372036854775808", "9223372036854775807"}),
                  col("biu", "BIGINT UNSIGNED", {"18446744073709551615", "0", "9223372036854775808"}),
                  col("b1", "BIT(1)", {"b'1'", "b'0'"}, "HEX(%)"), col("b7", "BIT(7)", {"b'1111111'", "b'0'"}, "HEX(%)"),
                  col("b64", "BIT(64)", {bits64, "b'0'", "b'1" + repeat("0", 63) + "'"}, "HEX(%)"),
                  col("y", "YEAR", {"1901", "2155", "0"}), col("bo", "BOOL", {"1", "0"})},
                 {"id"}});
    t.push_back({"fm_num",
                 {col("id", id, {}),
                  col("d65", "DECIMAL(65,30)",
                      {"'99999999999999999999999999999999999.999999999999999999999999999999'",
                       "'-99999999999999999999999999999999999.999999999999999999999999999999'",
                       "'0.000000000000000000000000000001'", "0", "'-0.000000000000000000000000000000'", "'-0.5'"}),
                  col("d10", "DECIMAL(10,2) UNSIGNED", {"'99999999.99'", "'0.01'", "0"}),
                  col("f", "FLOAT", {"3.40282e38", "-1.17549e-38", "1.1", "0", "-16777217"}, "CAST(% AS DOUBLE)"),
                  col("db", "DOUBLE", {"1.7976931348623157e308", "2.2250738585072014e-308", "4.9e-324", "0.1", "-123456789.12345678",
                                       "-1.7976931348623157e308", "-4.9e-324"}),
                  col("fnn", "FLOAT NOT NULL", {"-3.40282e38", "1.17549e-38", "1.4e-45"}, "CAST(% AS DOUBLE)")},
                 {"id"}});
    t.push_back({"fm_text",
                 {col("id", id, {}),
                  col("c", "CHAR(4)", {quoted("😀😀😀😀"), quoted("ab"), quoted("")}),
                  col("vc", "VARCHAR(5) NOT NULL", {quoted("😀é中a\""), quoted(""), quoted("<&>\\")}),
                  col("tx", "TEXT", {quoted("line1\nline2\t\x01 \u2028 end"), quoted(repeat("𝄞", 100))}),
                  col("tt", "TINYTEXT", {quoted(repeat("😀", 63) + "abc"), quoted("x")}),
                  col("e", "ENUM('a','b','it''s','ü')", {"'a'", "'it''s'", "'ü'"}),
                  col("s", "SET('x','y','z')", {"''", "'x,z'", "'x,y,z'"}),
                  col("j", "JSON", {quoted(R"({"a": [1, 2.5, "x"], "b": null})"), quoted("[]"), quoted(R"("s\u00e9")"),
                                    quoted(R"({"k\u00e9": "\ud83d\ude00\n\"\\", "d": [[[[[[[[[[[[[[[[[[[[{"z": -0.0}]]]]]]]]]]]]]]]]]]]]})"),
                                    quoted("{}"), quoted("null"), quoted("\"😀\"")}),
                  col("l1", "VARCHAR(8) CHARACTER SET latin1", {quoted("ÿé"), quoted("plain"), quoted(""), quoted("¤×÷")}),
                  col("e0", "ENUM('','a','b c')", {"''", "'b c'", "'a'"}),
                  col("mt", "MEDIUMTEXT", {quoted(repeat("😀é", 5000)), quoted("")}),
                  col("tl", "TEXT CHARACTER SET latin1 NOT NULL", {quoted("Ünïcödé ÿ"), quoted("")})},
                 {"id"}});
    t.push_back({"fm_bin",
                 {col("id", id, {}),
                  col("bn", "BINARY(4)", {"X'00000000'", "X'FF00FF00'", "X'41'", "X'410000'", "X''"}, "HEX(%)"),
                  col("vb", "VARBINARY(8)", {"X'00FF80C0'", "X''", "X'FFFFFFFFFFFFFFFF'", "X'4100'", "X'00'"}, "HEX(%)"),
                  col("mb", "MEDIUMBLOB", {"X'00'", "X''", allBytes()}, "HEX(%)"),
                  col("bl", "BLOB", {allBytes(), "X'C328'"}, "HEX(%)"),
                  col("tb", "TINYBLOB", {"X'C328A0A1'", "X'00'"}, "HEX(%)")},
                 {"id"}});
    t.push_back({"fm_time",
                 {col("id", id, {}),
                  col("d", "DATE", {"'0000-00-00'", "'1000-01-01'", "'9999-12-31'", "'2024-02-29'", "'2024-00-15'", "'2024-03-00'"},
                      {}, zeroDateLoss("NULL")),
                  col("dt0", "DATETIME", {"'0000-00-00 00:00:00'", "'9999-12-31 23:59:59'", "'1000-01-01 00:00:00'", "'2024-00-00 10:11:12'"},
                      {}, zeroDateLoss("NULL")),
                  col("dt3", "DATETIME(3)", {"'2024-02-29 12:34:56.789'", "'1970-01-01 00:00:00.001'"}),
                  col("dt6", "DATETIME(6)", {"'9999-12-31 23:59:59.999999'", "'1970-01-01 00:00:00.000001'", "'0001-01-01 00:00:00.000000'"}),
                  col("ts0", "TIMESTAMP NULL", {"'1970-01-01 00:00:01'", "'2038-01-19 03:14:07'", "'0000-00-00 00:00:00'"},
                      "UNIX_TIMESTAMP(%)"),
                  col("ts3", "TIMESTAMP(3) NULL", {"'2038-01-19 03:14:07.999'", "'1970-01-01 00:00:01.001'", "'2024-02-29 12:00:00.5'"},
                      "UNIX_TIMESTAMP(%)"),
                  col("ts6", "TIMESTAMP(6) NULL", {"'2038-01-19 03:14:07.999999'", "'2000-01-01 00:00:00.000001'"},
                      "UNIX_TIMESTAMP(%)"),
                  col("t0", "TIME", {"'-838:59:59'", "'838:59:59'", "'00:00:00'"}),
                  col("t1", "TIME(1)", {"'-00:00:00.1'", "'123:45:56.7'"}),
                  col("t6", "TIME(6)", {"'-838:59:58.999999'", "'25:00:00.000001'", "'838:59:59'", "'-838:59:59'", "'-00:00:00.000001'"}),
                  // NOT NULL zero dates: Debezium writes the epoch. A TIMESTAMP's zero value is its
                  // epoch (0 seconds), which Debezium writes as such, nullable or not: no loss.
                  col("dnn", "DATE NOT NULL", {"'0000-00-00'", "'2024-00-15'", "'2024-02-29'"}, {}, zeroDateLoss("'1970-01-01'")),
                  col("dtnn", "DATETIME(6) NOT NULL", {"'0000-00-00 00:00:00.000000'", "'9999-12-31 23:59:59.999999'", "'2024-02-00 00:00:00.5'"},
                      {}, zeroDateLoss("'1970-01-01 00:00:00.000000'")),
                  col("tsnn", "TIMESTAMP NOT NULL DEFAULT '2000-01-01 00:00:00'", {"'0000-00-00 00:00:00'", "'2038-01-19 03:14:07'"},
                      "UNIX_TIMESTAMP(%)")},
                 {"id"}});
    t.push_back({"fm_misc",
                 {col("id", id, {}),
                  col("ip", "INET6", {"'::'", "'2001:db8::1'", "'::ffff:1.2.3.4'"}),
                  col("u", "UUID", {"'123e4567-e89b-12d3-a456-426655440000'", "'00000000-0000-0000-0000-000000000000'"}),
                  col("g", "GEOMETRY", {"ST_GeomFromText('POINT(1 2)')", "ST_GeomFromText('LINESTRING(0 0,1 1)', 4326)"}, "HEX(%)"),
                  col("p", "POINT", {"POINT(-1.5, 1e300)", "ST_GeomFromText('POINT(0 -0.25)', 3857)"}, "HEX(%)"),
                  col("pg", "POLYGON", {"ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))')"}, "HEX(%)"),
                  col("gc", "GEOMETRYCOLLECTION", {"ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,2 2))')"}, "HEX(%)")},
                 {"id"}});
    // Awkward names: a reserved word as the table, columns with spaces, backticks, unicode.
    t.push_back({"fm t é", {col("id", id, {}), col("v", "VARCHAR(4)", {"'a'", "'😀'"})}, {"id"}});
    t.push_back({"select",
                 {col("id", id, {}), col("order", "INT", {"1", "-1"}), col("a b", "VARCHAR(10)", {"'x'", "''"}),
                  col("x`y", "BIGINT UNSIGNED", {"18446744073709551615", "0"}), col("é 列", "VARCHAR(4)", {"'é列😀'", "'z'"}),
                  col("key", "BIT(64) NOT NULL", {bits64, "b'0'"}, "HEX(%)")},
                 {"id"}});
    t.push_back({"fm_comp",
                 {col("id", id, {}), col("k2", "VARCHAR(10) NOT NULL", {"'é'", "''", "'😀'"}),
                  col("k3", "BINARY(2) NOT NULL", {"X'0000'", "X'FFFF'"}, "HEX(%)"), col("v", "INT", {"1", "-1"})},
                 {"id", "k2", "k3"}});
    t.push_back({"fm_nokey", {col("id", id, {}), col("v", "VARCHAR(10)", {"'a'", "'b'"})}, {}});
    return t;
}

std::string quotedName(const std::string &name)
{
    std::string out = "`";
    for (char c : name) {
        if (c == '`')
            out += c;
        out += c;
    }
    return out + '`';
}

std::string createStatement(const FidelityTable &table, const std::string &database)
{
    std::string sql = "CREATE TABLE " + quotedName(database) + "." + quotedName(table.name) + " (";
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        sql += (i ? ", " : "") + quotedName(table.columns[i].name) + ' ' + table.columns[i].type;
    if (!table.key.empty()) {
        sql += ", PRIMARY KEY (";
        for (std::size_t i = 0; i < table.key.size(); ++i)
            sql += (i ? ", " : "") + quotedName(table.key[i]);
        sql += ')';
    }
    return sql + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
}

std::vector<std::string> fidelityRow(const FidelityTable &table, int n, QRandomGenerator &random)
{
    std::vector<std::string> row;
    for (const FidelityColumn &c : table.columns) {
        if (c.name == "id") {
            row.push_back(std::to_string(n));
            continue;
        }
        const int edges = int(c.values.size());
        if (n <= edges + 1) { // rows 1..edges: each edge in order; the next one: NULL where allowed
            row.push_back(n <= edges ? c.values[std::size_t(n - 1)] : c.nullable ? "NULL" : c.values.front());
            continue;
        }
        const int pick = int(random.bounded(edges + (c.nullable ? 1 : 0)));
        row.push_back(pick < edges ? c.values[std::size_t(pick)] : "NULL");
    }
    return row;
}

std::string dumpQuery(const FidelityTable &table, const std::string &database, bool debeziumSource)
{
    std::string sql = "SELECT ";
    std::string order;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        const FidelityColumn &c = table.columns[i];
        std::string expr = c.dump.empty() ? "%" : c.dump;
        if (debeziumSource && !c.debeziumLoss.empty()) {
            // The loss applies to the column itself: UNIX_TIMESTAMP(%) becomes the loss expression.
            expr = c.debeziumLoss;
        }
        for (std::size_t at = expr.find('%'); at != std::string::npos; at = expr.find('%', at + 1)) {
            const std::string name = quotedName(c.name);
            expr.replace(at, 1, name);
            at += name.size() - 1;
        }
        sql += (i ? ", " : "") + expr;
        order += (i ? ", " : "") + std::to_string(i + 1);
    }
    return sql + " FROM " + quotedName(database) + "." + quotedName(table.name) + " ORDER BY " + order;
}

void insertFidelityRows(const FidelityTable &table, const std::string &database, int firstId, int rows, QRandomGenerator &random)
{
    std::string sql = "SET SESSION sql_mode='', time_zone='+00:00'; INSERT INTO " + quotedName(database) + "." + quotedName(table.name) + " VALUES ";
    for (int n = 0; n < rows; ++n) {
        const std::vector<std::string> row = fidelityRow(table, firstId + n, random);
        sql += n ? ",(" : "(";
        for (std::size_t i = 0; i < row.size(); ++i)
            sql += (i ? "," : "") + row[i];
        sql += ')';
    }
    execSql(sql, database);
}

int changeFidelityRows(const FidelityTable &table, const std::string &database, int existingIds, QRandomGenerator &random)
{
    std::vector<int> ids;
    for (int i = 1; i <= existingIds; ++i)
        ids.push_back(i);
    std::shuffle(ids.begin(), ids.end(), random);
    const std::string name = quotedName(database) + "." + quotedName(table.name);
    std::string sql = "SET SESSION sql_mode='', time_zone='+00:00';";
    int events = 0;
    // Updates of every non-key column, to values of another random row.
    for (int u = 0; u < 3; ++u, ++events) {
        const std::vector<std::string> values = fidelityRow(table, 100 + int(random.bounded(50)), random);
        std::string set;
        for (std::size_t c = 0; c < table.columns.size(); ++c)
            if (std::find(table.key.begin(), table.key.end(), table.columns[c].name) == table.key.end() && table.columns[c].name != "id")
                set += (set.empty() ? "" : ", ") + quotedName(table.columns[c].name) + " = " + values[c];
        if (set.empty())
            set = "`id` = `id`";
        sql += "UPDATE " + name + " SET " + set + " WHERE `id` = " + std::to_string(ids[std::size_t(u)]) + ';';
    }
    for (int d = 3; d < 5; ++d, ++events)
        sql += "DELETE FROM " + name + " WHERE `id` = " + std::to_string(ids[std::size_t(d)]) + ';';
    for (int k = 5; k < 7; ++k, ++events) // key-changing updates
        sql += "UPDATE " + name + " SET `id` = `id` + 1000 WHERE `id` = " + std::to_string(ids[std::size_t(k)]) + ';';
    execSql(sql, database);
    insertFidelityRows(table, database, existingIds + 1, 3, random);
    return events + 3;
}

} // namespace flowdeck::test
