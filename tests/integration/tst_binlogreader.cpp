// BinlogReader against the suite's MariaDB (log_bin ON, ROW, FULL image, FULL metadata): every
// column type decoded exactly, UPDATE/DELETE images, multi-row events, transactions, DDL with a
// refreshed TableInfo, GTID and position starts, and connection/purged-binlog errors.
#include "tests/common/testsupport.h"
#include "core/mysql/binlog/binlogreader.h"
#include "core/model/errors.h"

#include <QScopeGuard>
#include <QTest>

#include <algorithm>
#include <chrono>

using namespace flowdeck;

namespace {

const std::string kDb = "flowdeck_binlog";

void exec(const std::string &sql)
{
    test::execSql("SET time_zone = '+00:00'; " + sql, kDb);
}

MySqlConnectionConfig config()
{
    return MySqlConnectionConfig::fromJson(test::sandboxConnection(kDb));
}

BinlogStart masterPosition()
{
    const auto rows = test::querySql("SHOW MASTER STATUS", "");
    if (rows.empty())
        throw Error("SHOW MASTER STATUS returned nothing: is log_bin on?");
    const std::string &row = rows[0];
    const std::size_t tab = row.find('\t');
    const std::size_t tab2 = row.find('\t', tab + 1);
    return {row.substr(0, tab), std::stoull(row.substr(tab + 1, tab2 - tab - 1)), {}};
}

std::string gtidPosition()
{
    return test::querySql("SELECT @@global.gtid_binlog_pos", "")[0];
}

/// Reads from `start` until the reader's position reaches `end`.
Batch readUntil(const BinlogStart &start, const BinlogStart &end)
{
    BinlogReader reader(config());
    reader.open(start);
    Batch out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!(reader.currentPosition().file == end.file && reader.currentPosition().position >= end.position)) {
        if (std::chrono::steady_clock::now() > deadline)
            throw Error("timed out reading the binlog up to " + end.file + ":" + std::to_string(end.position));
        reader.read(out, 1000, 200);
    }
    // Every test::execSql() runs CREATE DATABASE IF NOT EXISTS first, which the server logs:
    // drop those database-level DDL records.
    std::erase_if(out, [](const Record &r) { return r.op == RowOp::Ddl && r.table && r.table->table.empty(); });
    return out;
}

/// "int:-128", "uint:255", "decimal:-12.3400", "text:é", "bytes:00ff", "null"...
QByteArray show(const Value &v)
{
    switch (v.type()) {
    case ValueType::Null: return "null";
    case ValueType::Int: return "int:" + QByteArray::number(qlonglong(v.asInt()));
    case ValueType::UInt: return "uint:" + QByteArray::number(qulonglong(v.asUInt()));
    case ValueType::Double: return "double:" + QByteArray::fromStdString(v.toString());
    case ValueType::Bytes: return "bytes:" + QByteArray::fromStdString(v.str()).toHex();
    default: return QByteArray(valueTypeName(v.type())) + ":" + QByteArray::fromStdString(v.str());
    }
}

QByteArray opName(RowOp op)
{
    switch (op) {
    case RowOp::Insert: return "insert";
    case RowOp::Update: return "update";
    case RowOp::Delete: return "delete";
    case RowOp::Ddl: return "ddl";
    }
    return "?";
}

const char *const kCreate =
    "CREATE TABLE alltypes (id INT PRIMARY KEY, ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, "
    "su SMALLINT UNSIGNED, mi MEDIUMINT, mu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, "
    "bu BIGINT UNSIGNED, d1 DECIMAL(10,4), d2 DECIMAL(30,10), d3 DECIMAL(5,0), f FLOAT, db DOUBLE, "
    "vc VARCHAR(100), ch CHAR(10), c64 CHAR(64), tx TEXT, vb VARBINARY(20), bn BINARY(4), bl BLOB, "
    "dt DATE, tm TIME, tm6 TIME(6), tm3 TIME(3), tm1 TIME(1), dtm DATETIME(6), dt0 DATETIME, "
    "ts TIMESTAMP(3) NULL, yr YEAR, b1 BIT(1), b64 BIT(64), b10 BIT(10), en ENUM('a','b','c'), "
    "st SET('x','y','z'), js JSON, l1 VARCHAR(10) CHARACTER SET latin1, lt LONGTEXT)";

} // namespace

class TestBinlogReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void values_data();
    void values();
    void tableInfo();
    void updateAndDelete();
    void multiRowInsertAndTransaction();
    void ddlRefreshesTable();
    void resumeFromPosition();
    void gtidStart();
    void multiDomainGtid();
    void rotate();
    void signednessAfterYearAndBit();
    void minimalImageAndMetadata();
    void timeoutWithoutEvents();
    void oldTemporalFormat();
    void purgedBinlog();
    void unknownGtid();
    void lostConnectionAndResume();
    void wrongPassword();
    void throughput();

private:
    const Record *insertOf(int id) const;
    BinlogStart m_start;
    BinlogStart m_end;
    Batch m_records;
};

void TestBinlogReader::initTestCase()
{
    test::freshDatabase(kDb);
    m_start = masterPosition();
    exec(kCreate);
    // 1: maxima, 2: minima, 3: NULLs, 4: other edge values
    exec("INSERT INTO alltypes VALUES (1, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, "
         "9223372036854775807, 18446744073709551615, 999999.9999, 12345678901234567890.0123456789, 99999, 1.5, "
         "2.25, 'é日本', 'abc', 'x', 'long text', X'00FF10', X'01000200', X'000102', '9999-12-31', "
         "'838:59:59', '838:59:59.000000', '12:34:56.789', '00:00:00.1', '2024-02-29 23:59:59.123456', "
         "'2000-01-01 00:00:00', '2038-01-19 03:14:07.999', 2155, b'1', b'1111111111111111111111111111111111111111111111111111111111111111', "
         "b'1000000001', 'c', 'x,z', '{\"a\": [1, \"é\"]}', 'café', REPEAT('z', 300))");
    exec("INSERT INTO alltypes VALUES (2, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, "
         "-9223372036854775808, 0, -12.3400, -0.0000000001, -99999, -1.5, -1e300, '', '', '', '', X'', X'00', X'', "
         "'1000-01-01', '-838:59:59', '-00:00:01.500000', '-01:02:03.456', '-00:00:00.1', '1000-01-01 00:00:00.000001', "
         "'1000-01-01 00:00:00', '1970-01-01 00:00:01.000', 1901, b'0', b'0', b'0', 'a', '', '[]', '', '')");
    exec("INSERT INTO alltypes (id) VALUES (3)");
    exec("INSERT INTO alltypes (id, d1, tm, yr, st, ch) VALUES (4, 0.5, '-12:00:00', 0, 'x,y,z', 'a b')");
    m_end = masterPosition();
    m_records = readUntil(m_start, m_end);
}

const Record *TestBinlogReader::insertOf(int id) const
{
    for (const Record &r : m_records)
        if (r.op == RowOp::Insert && r.table && r.table->table == "alltypes" && !r.values.empty() &&
            r.values[0].type() == ValueType::Int && r.values[0].asInt() == id)
            return &r;
    return nullptr;
}

void TestBinlogReader::values_data()
{
    QTest::addColumn<int>("id");
    QTest::addColumn<QByteArray>("column");
    QTest::addColumn<QByteArray>("expected");
    struct Case { const char *name; int id; const char *column; QByteArray expected; };
    const Case cases[] = {
        {"tinyint max", 1, "ti", "int:127"}, {"tinyint min", 2, "ti", "int:-128"},
        {"tinyint unsigned max", 1, "tu", "uint:255"}, {"tinyint unsigned min", 2, "tu", "uint:0"},
        {"smallint max", 1, "si", "int:32767"}, {"smallint min", 2, "si", "int:-32768"},
        {"smallint unsigned max", 1, "su", "uint:65535"},
        {"mediumint max", 1, "mi", "int:8388607"}, {"mediumint min", 2, "mi", "int:-8388608"},
        {"mediumint unsigned max", 1, "mu", "uint:16777215"},
        {"int max", 1, "i", "int:2147483647"}, {"int min", 2, "i", "int:-2147483648"},
        {"int unsigned max", 1, "iu", "uint:4294967295"},
        {"bigint max", 1, "bi", "int:9223372036854775807"}, {"bigint min", 2, "bi", "int:-9223372036854775808"},
        {"bigint unsigned max", 1, "bu", "uint:18446744073709551615"}, {"bigint unsigned min", 2, "bu", "uint:0"},
        {"decimal max", 1, "d1", "decimal:999999.9999"}, {"decimal negative", 2, "d1", "decimal:-12.3400"},
        {"decimal small", 4, "d1", "decimal:0.5000"},
        {"decimal 30,10", 1, "d2", "decimal:12345678901234567890.0123456789"},
        {"decimal 30,10 tiny negative", 2, "d2", "decimal:-0.0000000001"},
        {"decimal scale 0", 1, "d3", "decimal:99999"}, {"decimal scale 0 negative", 2, "d3", "decimal:-99999"},
        {"float", 1, "f", "double:1.5"}, {"float negative", 2, "f", "double:-1.5"},
        {"double", 1, "db", "double:2.25"}, {"double huge negative", 2, "db", "double:-1e+300"},
        {"varchar utf8mb4", 1, "vc", "text:" + QByteArray("é日本")}, {"varchar empty", 2, "vc", "text:"},
        {"char", 1, "ch", "text:abc"}, {"char inner space", 4, "ch", "text:a b"},
        {"char(64) 2-byte length", 1, "c64", "text:x"},
        {"text", 1, "tx", "text:long text"},
        {"varbinary with 0x00", 1, "vb", "bytes:00ff10"}, {"varbinary empty", 2, "vb", "bytes:"},
        {"binary(4)", 1, "bn", "bytes:01000200"}, {"binary(4) padded", 2, "bn", "bytes:00000000"},
        {"blob", 1, "bl", "bytes:000102"},
        {"date max", 1, "dt", "date:9999-12-31"}, {"date min", 2, "dt", "date:1000-01-01"},
        {"time max", 1, "tm", "time:838:59:59"}, {"time min", 2, "tm", "time:-838:59:59"},
        {"time negative", 4, "tm", "time:-12:00:00"},
        {"time(6) max", 1, "tm6", "time:838:59:59.000000"}, {"time(6) negative fraction", 2, "tm6", "time:-00:00:01.500000"},
        {"time(3)", 1, "tm3", "time:12:34:56.789"}, {"time(3) negative", 2, "tm3", "time:-01:02:03.456"},
        {"time(1)", 1, "tm1", "time:00:00:00.1"}, {"time(1) negative", 2, "tm1", "time:-00:00:00.1"},
        {"datetime(6)", 1, "dtm", "datetime:2024-02-29 23:59:59.123456"},
        {"datetime(6) min", 2, "dtm", "datetime:1000-01-01 00:00:00.000001"},
        {"datetime", 1, "dt0", "datetime:2000-01-01 00:00:00"},
        {"timestamp(3) max", 1, "ts", "datetime:2038-01-19 03:14:07.999"},
        {"timestamp(3) min", 2, "ts", "datetime:1970-01-01 00:00:01.000"},
        {"year max", 1, "yr", "int:2155"}, {"year min", 2, "yr", "int:1901"}, {"year zero", 4, "yr", "int:0"},
        {"bit(1) one", 1, "b1", "uint:1"}, {"bit(1) zero", 2, "b1", "uint:0"},
        {"bit(64) max", 1, "b64", "uint:18446744073709551615"}, {"bit(10)", 1, "b10", "uint:513"},
        {"enum", 1, "en", "text:c"}, {"enum first", 2, "en", "text:a"},
        {"set", 1, "st", "text:x,z"}, {"set empty", 2, "st", "text:"}, {"set all", 4, "st", "text:x,y,z"},
        {"json", 1, "js", "text:" + QByteArray("{\"a\": [1, \"é\"]}")}, {"json array", 2, "js", "text:[]"},
        {"latin1 converted", 1, "l1", "text:" + QByteArray("café")},
        {"longtext", 1, "lt", "text:" + QByteArray(300, 'z')},
        {"null int", 3, "ti", "null"}, {"null decimal", 3, "d1", "null"}, {"null text", 3, "vc", "null"},
        {"null blob", 3, "bl", "null"}, {"null time", 3, "tm6", "null"}, {"null bit", 3, "b64", "null"},
        {"null enum", 3, "en", "null"}, {"null json", 3, "js", "null"}, {"null timestamp", 3, "ts", "null"},
    };
    for (const Case &c : cases)
        QTest::newRow(c.name) << c.id << QByteArray(c.column) << c.expected;
}

void TestBinlogReader::values()
{
    QFETCH(int, id);
    QFETCH(QByteArray, column);
    QFETCH(QByteArray, expected);
    const Record *r = insertOf(id);
    QVERIFY2(r, "insert not read");
    const Value *v = r->field(column.toStdString());
    QVERIFY2(v, "no such column in the schema");
    QCOMPARE(show(*v), expected);
}

void TestBinlogReader::tableInfo()
{
    const Record *r = insertOf(1);
    QVERIFY(r);
    QVERIFY(r->table);
    const TableInfo &t = *r->table;
    QCOMPARE(t.database, kDb);
    QCOMPARE(t.table, std::string("alltypes"));
    QCOMPARE(t.columns.size(), r->schema->size());
    QCOMPARE(t.keyIndexes, std::vector<int>{0});
    QVERIFY(t.columns[0].isKey);
    QVERIFY(!t.columns[0].nullable);
    const ColumnInfo &tu = t.columns[std::size_t(r->schema->indexOf("tu"))];
    QCOMPARE(tu.dataType, std::string("tinyint"));
    QVERIFY(tu.isUnsigned);
    QCOMPARE(tu.columnType, std::string("tinyint(3) unsigned"));
    const ColumnInfo &vc = t.columns[std::size_t(r->schema->indexOf("vc"))];
    QCOMPARE(vc.charset, std::string("utf8mb4"));
    QCOMPARE(vc.columnType, std::string("varchar(100)"));
    QCOMPARE(t.columns[std::size_t(r->schema->indexOf("vb"))].charset, std::string("binary"));
    QCOMPARE(t.columns[std::size_t(r->schema->indexOf("en"))].columnType, std::string("enum('a','b','c')"));
    QCOMPARE(r->position.source, m_end.file);
    QVERIFY(!r->position.gtid.empty());
    QVERIFY(r->commitTimeMs > 1600000000000LL);
}

void TestBinlogReader::updateAndDelete()
{
    const BinlogStart start = masterPosition();
    exec("UPDATE alltypes SET ti = -5, vc = 'neu' WHERE id = 1");
    exec("DELETE FROM alltypes WHERE id = 2");
    const Batch records = readUntil(start, masterPosition());
    QCOMPARE(records.size(), std::size_t(2));
    const Record &u = records[0];
    QCOMPARE(opName(u.op), QByteArray("update"));
    QCOMPARE(show(*u.field("ti")), QByteArray("int:-5"));
    QCOMPARE(show(*u.field("vc")), QByteArray("text:neu"));
    QCOMPARE(u.before.size(), u.values.size());
    QCOMPARE(show(u.before[std::size_t(u.schema->indexOf("ti"))]), QByteArray("int:127"));
    QCOMPARE(show(u.before[std::size_t(u.schema->indexOf("vc"))]), QByteArray("text:" + QByteArray("é日本")));
    QCOMPARE(show(u.before[std::size_t(u.schema->indexOf("b64"))]), QByteArray("uint:18446744073709551615"));
    const Record &d = records[1];
    QCOMPARE(opName(d.op), QByteArray("delete"));
    QVERIFY(d.before.empty());
    QCOMPARE(show(*d.field("id")), QByteArray("int:2"));
    QCOMPARE(show(*d.field("tm6")), QByteArray("time:-00:00:01.500000"));
    QVERIFY(u.position.offset < d.position.offset);
    QVERIFY(u.position.gtid != d.position.gtid);
}

void TestBinlogReader::multiRowInsertAndTransaction()
{
    exec("CREATE TABLE multi (id INT PRIMARY KEY, name VARCHAR(20))");
    const BinlogStart start = masterPosition();
    exec("INSERT INTO multi VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    exec("BEGIN; INSERT INTO multi VALUES (4, 'd'); UPDATE multi SET name = 'B' WHERE id = 2; "
         "DELETE FROM multi WHERE id = 3; COMMIT");
    const BinlogStart end = masterPosition();
    const Batch records = readUntil(start, end);
    QCOMPARE(records.size(), std::size_t(6));
    QByteArray ops;
    for (const Record &r : records)
        ops += opName(r.op) + ":" + show(r.values[0]) + " ";
    QCOMPARE(ops, QByteArray("insert:int:1 insert:int:2 insert:int:3 insert:int:4 update:int:2 delete:int:3 "));
    QCOMPARE(records[0].position.offset, records[2].position.offset);
    QCOMPARE(records[0].position.gtid, records[2].position.gtid);
    for (std::size_t i = 3; i < 6; ++i) {
        QCOMPARE(records[i].position.gtid, records[3].position.gtid);
        QCOMPARE(records[i].position.offset, end.position);
        QCOMPARE(records[i].position.source, end.file);
    }
    QVERIFY(records[0].position.gtid != records[3].position.gtid);
    QCOMPARE(show(*records[4].field("name")), QByteArray("text:B"));
    QCOMPARE(show(records[4].before[1]), QByteArray("text:b"));
}

void TestBinlogReader::ddlRefreshesTable()
{
    exec("CREATE TABLE evolving (id INT PRIMARY KEY, a VARCHAR(10))");
    const BinlogStart start = masterPosition();
    exec("INSERT INTO evolving VALUES (1, 'x')");
    exec("ALTER TABLE evolving ADD COLUMN b INT UNSIGNED NULL");
    exec("INSERT INTO evolving VALUES (2, 'y', 42)");
    const Batch records = readUntil(start, masterPosition());
    QCOMPARE(records.size(), std::size_t(3));
    QCOMPARE(records[0].schema->size(), std::size_t(2));
    const Record &ddl = records[1];
    QCOMPARE(opName(ddl.op), QByteArray("ddl"));
    QVERIFY2(ddl.statement.find("ADD COLUMN b") != std::string::npos, ddl.statement.c_str());
    QVERIFY(ddl.table);
    QCOMPARE(ddl.table->database, kDb);
    QCOMPARE(ddl.table->table, std::string("evolving"));
    QCOMPARE(ddl.table->columns.size(), std::size_t(3));
    QCOMPARE(ddl.table->columns[2].name, std::string("b"));
    QVERIFY(ddl.table->columns[2].isUnsigned);
    QVERIFY(!ddl.position.gtid.empty());
    const Record &after = records[2];
    QCOMPARE(after.schema->size(), std::size_t(3));
    QCOMPARE(show(*after.field("b")), QByteArray("uint:42"));
    QCOMPARE(after.table->columns.size(), std::size_t(3));
}

void TestBinlogReader::resumeFromPosition()
{
    exec("CREATE TABLE resume (id INT PRIMARY KEY)");
    const BinlogStart start = masterPosition();
    exec("INSERT INTO resume VALUES (1)");
    exec("INSERT INTO resume VALUES (2)");
    const BinlogStart end = masterPosition();
    const Batch all = readUntil(start, end);
    QCOMPARE(all.size(), std::size_t(2));
    const Batch rest = readUntil({all[0].position.source, all[0].position.offset, {}}, end);
    QCOMPARE(rest.size(), std::size_t(1));
    QCOMPARE(show(rest[0].values[0]), QByteArray("int:2"));
}

void TestBinlogReader::gtidStart()
{
    exec("CREATE TABLE bygtid (id INT PRIMARY KEY)");
    exec("INSERT INTO bygtid VALUES (1)");
    const std::string gtid = gtidPosition();
    exec("INSERT INTO bygtid VALUES (2)");
    exec("INSERT INTO bygtid VALUES (3)");
    const BinlogStart end = masterPosition();
    const Batch records = readUntil({{}, 4, gtid}, end);
    QCOMPARE(records.size(), std::size_t(2));
    QCOMPARE(show(records[0].values[0]), QByteArray("int:2"));
    QCOMPARE(records[0].position.source, end.file);
    const std::string serverState = "," + gtidPosition() + ",";
    QVERIFY2(serverState.find("," + records[1].position.gtid + ",") != std::string::npos, serverState.c_str());
}

void TestBinlogReader::signednessAfterYearAndBit()
{
    // BIT, ENUM and SET have no signedness bit, MariaDB's YEAR has one in TABLE_MAP: the columns after them must not shift.
    exec("CREATE TABLE signs (id INT PRIMARY KEY, y YEAR, b BIT(3), u INT UNSIGNED, s INT, y2 YEAR, d DECIMAL(4,1) UNSIGNED, s2 SMALLINT, "
         "f FLOAT UNSIGNED, e ENUM('a'), s3 INT, g DOUBLE, st SET('a'), u2 TINYINT UNSIGNED, s4 TINYINT)");
    const BinlogStart start = masterPosition();
    exec("INSERT INTO signs VALUES (1, 2000, b'101', 4000000000, -1, 1999, 999.9, -7, 1.5, 'a', -3, -2.5, 'a', 250, -4)");
    const Batch records = readUntil(start, masterPosition());
    QCOMPARE(records.size(), std::size_t(1));
    QByteArray all;
    for (const Value &v : records[0].values)
        all += show(v) + " ";
    QCOMPARE(all, QByteArray("int:1 int:2000 uint:5 uint:4000000000 int:-1 int:1999 decimal:999.9 int:-7 double:1.5 text:a int:-3 "
                          "double:-2.5 text:a uint:250 int:-4 "));
}

void TestBinlogReader::multiDomainGtid()
{
    exec("CREATE TABLE domains (id INT PRIMARY KEY)");
    const BinlogStart start = masterPosition();
    exec("INSERT INTO domains VALUES (1)");
    exec("SET SESSION gtid_domain_id = 5; INSERT INTO domains VALUES (2)");
    const BinlogStart end = masterPosition();
    BinlogReader reader(config());
    reader.open(start);
    Batch out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (reader.currentPosition().position < end.position && std::chrono::steady_clock::now() < deadline)
        reader.read(out, 100, 200);
    const std::string state = reader.currentPosition().gtid;
    QCOMPARE(state, gtidPosition()); // "0-1-N,5-1-M", as the server reports it
    QVERIFY2(state.find(',') != std::string::npos, state.c_str());
    exec("INSERT INTO domains VALUES (3)");
    const Batch rest = readUntil({{}, 4, state}, masterPosition());
    QCOMPARE(rest.size(), std::size_t(1));
    QCOMPARE(show(rest[0].values[0]), QByteArray("int:3"));
    try {
        reader.open({{}, 4, "nonsense"});
        QFAIL("a bad GTID was accepted");
    } catch (const ConfigError &e) {
        QVERIFY2(std::string(e.what()).find("nonsense") != std::string::npos, e.what());
    }
}

void TestBinlogReader::rotate()
{
    exec("CREATE TABLE rotating (id INT PRIMARY KEY)");
    const BinlogStart start = masterPosition();
    exec("INSERT INTO rotating VALUES (1)");
    exec("FLUSH BINARY LOGS");
    exec("INSERT INTO rotating VALUES (2)");
    const BinlogStart end = masterPosition();
    QVERIFY(end.file != start.file);
    const Batch records = readUntil(start, end);
    QCOMPARE(records.size(), std::size_t(2));
    QCOMPARE(records[0].position.source, start.file);
    QCOMPARE(records[1].position.source, end.file);
    QCOMPARE(records[1].position.offset, end.position);
    QCOMPARE(show(records[1].values[0]), QByteArray("int:2"));
}

void TestBinlogReader::minimalImageAndMetadata()
{
    // No names/signedness in TABLE_MAP: they come from information_schema. MINIMAL row image:
    // the before image of an UPDATE has the key only, the rest stays NULL.
    exec("CREATE TABLE minimal (id INT UNSIGNED PRIMARY KEY, a VARCHAR(10), e ENUM('p','q'), s TINYINT UNSIGNED)");
    const std::string previous = test::querySql("SELECT @@global.binlog_row_metadata", "")[0];
    test::execSql("SET GLOBAL binlog_row_metadata = NO_LOG", "");
    auto restore = qScopeGuard([&] { test::execSql("SET GLOBAL binlog_row_metadata = " + previous, ""); });
    const BinlogStart start = masterPosition();
    exec("INSERT INTO minimal VALUES (4294967295, 'x', 'q', 200)");
    exec("SET SESSION binlog_row_image = MINIMAL; UPDATE minimal SET a = 'y' WHERE id = 4294967295");
    const Batch records = readUntil(start, masterPosition());
    QCOMPARE(records.size(), std::size_t(2));
    QCOMPARE(records[0].schema->names(), (std::vector<std::string>{"id", "a", "e", "s"}));
    QCOMPARE(show(records[0].values[0]), QByteArray("uint:4294967295"));
    QCOMPARE(show(records[0].values[2]), QByteArray("text:q"));
    QCOMPARE(show(records[0].values[3]), QByteArray("uint:200"));
    QCOMPARE(records[0].table->keyIndexes, std::vector<int>{0});
    const Record &u = records[1];
    QCOMPARE(show(u.before[0]), QByteArray("uint:4294967295"));
    QCOMPARE(show(u.before[1]), QByteArray("null"));
    QCOMPARE(show(u.values[1]), QByteArray("text:y"));
    QCOMPARE(show(u.values[3]), QByteArray("null"));
}

void TestBinlogReader::timeoutWithoutEvents()
{
    BinlogReader reader(config());
    reader.setHeartbeatMs(100);
    reader.open(masterPosition());
    Batch out;
    const auto started = std::chrono::steady_clock::now();
    QVERIFY(!reader.read(out, 100, 300));
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    QVERIFY(out.empty());
    QVERIFY2(elapsed.count() >= 300 && elapsed.count() < 1500, std::to_string(elapsed.count()).c_str());
}

void TestBinlogReader::oldTemporalFormat()
{
    // Tables created with mysql56_temporal_format=OFF (upgraded from MariaDB < 10.0) keep the old
    // TIME/DATETIME/TIMESTAMP row formats.
    const std::string previous = test::querySql("SELECT @@global.mysql56_temporal_format", "")[0];
    test::execSql("SET GLOBAL mysql56_temporal_format = OFF", "");
    auto restore = qScopeGuard([&] { test::execSql("SET GLOBAL mysql56_temporal_format = " + previous, ""); });
    exec("CREATE TABLE oldtemporal (id INT PRIMARY KEY, t TIME, dt DATETIME, ts TIMESTAMP NULL)");
    const BinlogStart start = masterPosition();
    exec("INSERT INTO oldtemporal VALUES (1, '-838:59:59', '9999-12-31 23:59:58', '2038-01-19 03:14:07'), "
         "(2, '12:34:56', '1000-01-01 00:00:00', '1970-01-01 00:00:01')");
    const Batch records = readUntil(start, masterPosition());
    QCOMPARE(records.size(), std::size_t(2));
    QCOMPARE(show(records[0].values[1]), QByteArray("time:-838:59:59"));
    QCOMPARE(show(records[0].values[2]), QByteArray("datetime:9999-12-31 23:59:58"));
    QCOMPARE(show(records[0].values[3]), QByteArray("datetime:2038-01-19 03:14:07"));
    QCOMPARE(show(records[1].values[1]), QByteArray("time:12:34:56"));
    QCOMPARE(show(records[1].values[2]), QByteArray("datetime:1000-01-01 00:00:00"));
    QCOMPARE(show(records[1].values[3]), QByteArray("datetime:1970-01-01 00:00:01"));
}

void TestBinlogReader::purgedBinlog()
{
    BinlogReader reader(config());
    try {
        reader.open({"mariadb-bin.999999", 4, {}});
        QFAIL("open succeeded");
    } catch (const ConnectionError &e) {
        QFAIL(e.what());
    } catch (const Error &e) {
        qInfo("%s", e.what());
        const std::string message = e.what();
        QVERIFY2(message.find("mariadb-bin.999999") != std::string::npos, e.what());
        QVERIFY2(message.find("snapshot") != std::string::npos, e.what());
    }
}

void TestBinlogReader::unknownGtid()
{
    BinlogReader reader(config());
    try {
        reader.open({{}, 4, "0-1-999999999"});
        Batch out;
        for (int i = 0; i < 20; ++i)
            reader.read(out, 100, 100);
        QFAIL("reading from a GTID the server never logged succeeded");
    } catch (const ConnectionError &e) {
        QFAIL(e.what());
    } catch (const Error &e) {
        qInfo("%s", e.what());
        const std::string message = e.what();
        QVERIFY2(message.find("0-1-999999999") != std::string::npos, e.what());
        QVERIFY2(message.find("snapshot") != std::string::npos, e.what());
    }
}

void TestBinlogReader::lostConnectionAndResume()
{
    exec("CREATE TABLE killed (id INT PRIMARY KEY)");
    const BinlogStart start = masterPosition();
    exec("INSERT INTO killed VALUES (1)");
    BinlogReader reader(config());
    reader.setHeartbeatMs(100);
    reader.open(start);
    Batch out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::none_of(out.begin(), out.end(), [](const Record &r) { return r.op == RowOp::Insert; }) &&
           std::chrono::steady_clock::now() < deadline)
        reader.read(out, 100, 200);
    const BinlogStart after = reader.currentPosition();
    QCOMPARE(after.file, start.file);
    for (const std::string &id : test::querySql("SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'", ""))
        test::execSql("KILL " + id, "");
    exec("INSERT INTO killed VALUES (2)");
    try {
        for (int i = 0; i < 50; ++i)
            reader.read(out, 100, 100);
        QFAIL("reading on after the dump connection was killed succeeded");
    } catch (const ConnectionError &e) {
        qInfo("%s", e.what());
        QVERIFY(e.transient());
    }
    QCOMPARE(reader.currentPosition().position, after.position);
    reader.close();
    const Batch rest = readUntil(reader.currentPosition(), masterPosition());
    QCOMPARE(rest.size(), std::size_t(1));
    QCOMPARE(show(rest[0].values[0]), QByteArray("int:2"));
}

void TestBinlogReader::wrongPassword()
{
    MySqlConnectionConfig bad = config();
    bad.password = "definitely-wrong";
    BinlogReader reader(bad);
    try {
        reader.open(masterPosition());
        QFAIL("open succeeded");
    } catch (const ConnectionError &e) {
        qInfo("%s", e.what());
        QVERIFY2(std::string(e.what()).find("Access denied") != std::string::npos, e.what());
        QVERIFY(!e.transient());
    }
}

// Decode throughput on 200k row changes; runs only with FLOWDECK_BINLOG_BENCH=1 (prints the
// range for comparing with `mariadb-binlog --read-from-remote-server --verbose`).
void TestBinlogReader::throughput()
{
    if (qEnvironmentVariableIntValue("FLOWDECK_BINLOG_BENCH") != 1)
        QSKIP("set FLOWDECK_BINLOG_BENCH=1 to measure");
    exec("CREATE TABLE bench (id INT PRIMARY KEY, u BIGINT UNSIGNED, d DECIMAL(12,4), name VARCHAR(40), "
         "t DATETIME(6), tm TIME(3), e ENUM('a','b','c'), f DOUBLE, b VARBINARY(16), n INT NULL)");
    const BinlogStart start = masterPosition();
    for (int i = 0; i < 20; ++i)
        exec("INSERT INTO bench SELECT seq, seq * 1000003, seq / 7, CONCAT('name-', seq), "
             "'2024-01-01 00:00:00' + INTERVAL seq SECOND, SEC_TO_TIME(seq % 86400), 1 + seq % 3, seq / 3, "
             "UNHEX(MD5(seq)), IF(seq % 2, NULL, seq) FROM seq_" + std::to_string(i * 10000 + 1) + "_to_" +
             std::to_string(i * 10000 + 10000));
    exec("UPDATE bench SET n = 1 WHERE id <= 100000"); // 100k update rows (before + after images)
    const BinlogStart end = masterPosition();
    qInfo("range: %s:%llu .. %s:%llu", start.file.c_str(), static_cast<unsigned long long>(start.position),
          end.file.c_str(), static_cast<unsigned long long>(end.position));
    BinlogReader reader(config());
    reader.open(start);
    std::size_t rows = 0;
    Batch out;
    const auto started = std::chrono::steady_clock::now();
    while (!(reader.currentPosition().file == end.file && reader.currentPosition().position >= end.position)) {
        out.clear();
        reader.read(out, 10000, 1000);
        rows += std::size_t(std::count_if(out.begin(), out.end(), [](const Record &r) { return r.op != RowOp::Ddl; }));
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    qInfo("%zu row changes in %.3f s: %.0f rows/s", rows, seconds, double(rows) / seconds);
    QCOMPARE(rows, std::size_t(300000));
}

QTEST_GUILESS_MAIN(TestBinlogReader)
#include "tst_binlogreader.moc"

