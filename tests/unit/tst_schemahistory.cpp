// The schema history follows DDL statements as the server applies them: a table's definition
// after each statement, as information_schema would describe it, from the statement's text.
#include "core/model/errors.h"
#include "core/mysql/binlog/ddlparser.h"
#include "core/mysql/binlog/schemahistory.h"

#include <QTest>

using namespace flowdeck;

namespace {

// "name type[ charset][ null]" per column, "|key=a,b" at the end.
QString render(const SchemaHistory::Table *t)
{
    if (!t)
        return QStringLiteral("(none)");
    QStringList columns;
    for (const ColumnInfo &c : t->info->columns) {
        QString s = QString::fromStdString(c.name + " " + c.columnType);
        if (!c.charset.empty())
            s += QStringLiteral(" ") + QString::fromStdString(c.charset);
        if (c.nullable)
            s += QStringLiteral(" null");
        columns << s;
    }
    QStringList key;
    for (int k : t->info->keyIndexes)
        key << QString::fromStdString(t->info->columns[std::size_t(k)].name);
    return columns.join(QStringLiteral(", ")) + QStringLiteral(" |key=") + key.join(QLatin1Char(','));
}

// db.t (id INT PRIMARY KEY, name VARCHAR(40) latin1, note TEXT), table default utf8mb4, database utf8mb4.
SchemaHistory start()
{
    SchemaHistory h;
    h.setPatterns({"db.t*", "db.orders"});
    h.setDatabaseCharset("db", "utf8mb4");
    DdlStatement create = ddlparser::parse(
        "CREATE TABLE db.t (id INT NOT NULL, name VARCHAR(40) CHARACTER SET latin1, note TEXT, PRIMARY KEY (id)) "
        "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    h.apply(create, "db");
    return h;
}

} // namespace

class TestSchemaHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void columnTypes_data();
    void columnTypes();
    void apply_data();
    void apply();
    void refusals_data();
    void refusals();
    void json();
};

void TestSchemaHistory::columnTypes_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QString>("expected"); // dataType|columnType|charset|nullable
    QTest::newRow("int") << "c INT" << "int|int(11)||1";
    QTest::newRow("int unsigned") << "c int unsigned NOT NULL" << "int|int(10) unsigned||0";
    QTest::newRow("bigint unsigned") << "c BIGINT UNSIGNED" << "bigint|bigint(20) unsigned||1";
    QTest::newRow("tinyint(1)") << "c tinyint(1) DEFAULT 0" << "tinyint|tinyint(1)||1";
    QTest::newRow("bool") << "c BOOLEAN" << "tinyint|tinyint(1)||1";
    QTest::newRow("zerofill") << "c INT(5) ZEROFILL" << "int|int(5) unsigned zerofill||1";
    QTest::newRow("decimal") << "c DECIMAL(10,2) NOT NULL DEFAULT '0.00'" << "decimal|decimal(10,2)||0";
    QTest::newRow("numeric") << "c NUMERIC" << "decimal|decimal(10,0)||1";
    QTest::newRow("double precision") << "c DOUBLE PRECISION" << "double|double||1";
    QTest::newRow("float(30)") << "c FLOAT(30)" << "double|double||1";
    QTest::newRow("varchar charset") << "c VARCHAR(20) CHARACTER SET latin1 COLLATE latin1_bin"
                                     << "varchar|varchar(20)|latin1|1";
    QTest::newRow("collate only") << "c CHAR(3) COLLATE utf8mb4_bin" << "char|char(3)|utf8mb4|1";
    QTest::newRow("utf8 is utf8mb3") << "c TEXT CHARSET utf8" << "text|text|utf8mb3|1";
    QTest::newRow("national") << "c NATIONAL VARCHAR(5)" << "varchar|varchar(5)|utf8mb3|1";
    QTest::newRow("char binary charset") << "c CHAR(4) CHARACTER SET binary" << "binary|binary(4)|binary|1";
    QTest::newRow("varbinary") << "c VARBINARY(16)" << "varbinary|varbinary(16)|binary|1";
    QTest::newRow("blob") << "c LONGBLOB" << "longblob|longblob|binary|1";
    QTest::newRow("text(300)") << "c TEXT(300)" << "text|text||1";
    QTest::newRow("enum") << "c ENUM('a','b''c') NOT NULL" << "enum|enum('a','b''c')||0";
    QTest::newRow("set") << "c SET('x','y') DEFAULT 'x'" << "set|set('x','y')||1";
    QTest::newRow("json") << "c JSON" << "longtext|longtext|utf8mb4|1";
    QTest::newRow("datetime(6)") << "c DATETIME(6) ON UPDATE CURRENT_TIMESTAMP(6)" << "datetime|datetime(6)||1";
    QTest::newRow("timestamp") << "c TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP" << "timestamp|timestamp||0";
    QTest::newRow("year") << "c YEAR" << "year|year(4)||1";
    QTest::newRow("bit") << "c BIT(3)" << "bit|bit(3)||1";
    QTest::newRow("generated") << "c INT AS (a + 1) VIRTUAL" << "int|int(11)||1";
    QTest::newRow("comment with keywords") << "c INT COMMENT 'NOT NULL PRIMARY KEY'" << "int|int(11)||1";
    QTest::newRow("quoted name") << "`c` int" << "int|int(11)||1";
}

void TestSchemaHistory::columnTypes()
{
    QFETCH(QString, definition);
    QFETCH(QString, expected);
    SchemaHistory h;
    h.setPatterns({"db.*"});
    h.setDatabaseCharset("db", "");
    const DdlStatement s = ddlparser::parse("CREATE TABLE db.x (" + definition.toStdString() + ") DEFAULT CHARSET=''");
    QCOMPARE(int(s.kind), int(DdlStatement::Kind::CreateTable));
    QCOMPARE(s.columns.size(), std::size_t(1));
    const ColumnInfo &c = s.columns[0].info;
    QCOMPARE(QString::fromStdString(c.name), QStringLiteral("c"));
    QCOMPARE(QString::fromStdString(c.dataType + "|" + c.columnType + "|" + c.charset + "|" + (c.nullable ? "1" : "0")),
             expected);
}

void TestSchemaHistory::apply_data()
{
    QTest::addColumn<QString>("statements"); // ";\n"-separated, run in database db
    QTest::addColumn<QString>("table");      // the table to look at
    QTest::addColumn<QString>("expected");   // render() of it
    const QString base = QStringLiteral("id int(11), name varchar(40) latin1 null, note text utf8mb4 null |key=id");
    QTest::newRow("nothing") << "" << "t" << base;
    QTest::newRow("add column") << "ALTER TABLE t ADD COLUMN qty INT NOT NULL DEFAULT 0" << "t"
                                << "id int(11), name varchar(40) latin1 null, note text utf8mb4 null, qty int(11) |key=id";
    QTest::newRow("add first, after") << "ALTER TABLE `db`.`t` ADD a INT FIRST, ADD COLUMN b CHAR(2) AFTER id" << "t"
                                      << "a int(11) null, id int(11), b char(2) utf8mb4 null, name varchar(40) latin1 null, "
                                         "note text utf8mb4 null |key=id";
    const QString columns = base.left(base.indexOf(QLatin1String(" |")));
    QTest::newRow("add list") << "ALTER TABLE t ADD COLUMN (x INT, y INT)" << "t"
                              << QString(columns + QStringLiteral(", x int(11) null, y int(11) null |key=id"));
    QTest::newRow("drop column") << "ALTER TABLE t DROP COLUMN name" << "t" << "id int(11), note text utf8mb4 null |key=id";
    QTest::newRow("drop without COLUMN, if exists") << "ALTER TABLE t DROP name, DROP COLUMN IF EXISTS nope" << "t"
                                                    << "id int(11), note text utf8mb4 null |key=id";
    QTest::newRow("modify") << "ALTER TABLE t MODIFY name VARCHAR(80) NOT NULL" << "t"
                            << "id int(11), name varchar(80) utf8mb4, note text utf8mb4 null |key=id";
    QTest::newRow("change renames") << "ALTER TABLE t CHANGE COLUMN name full_name VARCHAR(60) CHARSET latin1" << "t"
                                    << "id int(11), full_name varchar(60) latin1 null, note text utf8mb4 null |key=id";
    QTest::newRow("change moves") << "ALTER TABLE t CHANGE note note TEXT FIRST" << "t"
                                  << "note text utf8mb4 null, id int(11), name varchar(40) latin1 null |key=id";
    QTest::newRow("rename column") << "ALTER TABLE t RENAME COLUMN id TO t_id" << "t"
                                   << "t_id int(11), name varchar(40) latin1 null, note text utf8mb4 null |key=t_id";
    QTest::newRow("key change") << "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, name)" << "t"
                                << "id int(11), name varchar(40) latin1, note text utf8mb4 null |key=id,name";
    QTest::newRow("drop key") << "DROP INDEX `PRIMARY` ON t" << "t"
                              << "id int(11), name varchar(40) latin1 null, note text utf8mb4 null |key=";
    QTest::newRow("index clauses change nothing")
        << "ALTER TABLE t ADD INDEX ix (name), ADD UNIQUE KEY uk (note(10)), ALGORITHM=INPLACE, LOCK=NONE, "
           "ENGINE=InnoDB, COMMENT='x', ALTER COLUMN name SET DEFAULT 'a', RENAME INDEX ix TO iy"
        << "t" << base;
    QTest::newRow("convert charset") << "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb3, ADD z VARCHAR(3)" << "t"
                                     << "id int(11), name varchar(40) utf8mb3 null, note text utf8mb3 null, "
                                        "z varchar(3) utf8mb3 null |key=id";
    QTest::newRow("default charset only for new columns")
        << "ALTER TABLE t DEFAULT CHARSET latin1, ADD z VARCHAR(3)" << "t"
        << "id int(11), name varchar(40) latin1 null, note text utf8mb4 null, z varchar(3) latin1 null |key=id";
    QTest::newRow("rename table") << "RENAME TABLE t TO t2" << "t2" << base;
    QTest::newRow("renamed away") << "RENAME TABLE t TO t2" << "t" << "(none)";
    QTest::newRow("alter rename") << "ALTER TABLE t RENAME TO t3, ADD k INT" << "t3"
                                  << QString(columns + QStringLiteral(", k int(11) null |key=id"));
    QTest::newRow("drop table") << "DROP TABLE IF EXISTS t, other /* generated by server */" << "t" << "(none)";
    QTest::newRow("truncate") << "TRUNCATE TABLE t" << "t" << base;
    QTest::newRow("create new captured") << "CREATE TABLE orders (o_id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                                            "s ENUM('new','paid'))" << "orders"
                                         << "o_id bigint(20), s enum('new','paid') utf8mb4 null |key=o_id";
    QTest::newRow("create if not exists keeps") << "CREATE TABLE IF NOT EXISTS t (x INT)" << "t" << base;
    QTest::newRow("create or replace replaces") << "CREATE OR REPLACE TABLE t (x INT)" << "t" << "x int(11) null |key=";
    QTest::newRow("online schema change") << "CREATE TABLE `_t_new` LIKE t;\nALTER TABLE _t_new ADD COLUMN c2 INT;\n"
                                             "RENAME TABLE t TO _t_old, _t_new TO t;\nDROP TABLE _t_old"
                                          << "t" << QString(columns + QStringLiteral(", c2 int(11) null |key=id"));
    QTest::newRow("database charset") << "CREATE DATABASE db2 CHARACTER SET latin1;\nALTER DATABASE db CHARACTER SET "
                                         "utf8mb3;\nCREATE TABLE tx (a CHAR(1))"
                                      << "tx" << "a char(1) utf8mb3 null |key=";
    QTest::newRow("executable comment") << "ALTER TABLE t /*!50100 ADD COLUMN c3 INT */" << "t"
                                        << QString(columns + QStringLiteral(", c3 int(11) null |key=id"));
    QTest::newRow("temporary ignored") << "CREATE TEMPORARY TABLE t (x INT)" << "t" << base;
    QTest::newRow("other database untouched") << "ALTER TABLE other.t ADD COLUMN q INT" << "t" << base;
}

void TestSchemaHistory::apply()
{
    QFETCH(QString, statements);
    QFETCH(QString, table);
    QFETCH(QString, expected);
    SchemaHistory h = start();
    for (const QString &sql : statements.split(QStringLiteral(";\n"), Qt::SkipEmptyParts)) {
        const SchemaHistory::Applied applied = h.apply(ddlparser::parse(sql.toStdString()), "db");
        QVERIFY2(applied.problem.empty(), applied.problem.c_str());
    }
    QCOMPARE(render(h.find("db", table.toStdString())), expected);
}

void TestSchemaHistory::refusals_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("problem"); // a part of it; "" when it is no problem
    QTest::newRow("unknown clause") << "ALTER TABLE t ADD SYSTEM VERSIONING" << "SYSTEM";
    QTest::newRow("unknown type") << "ALTER TABLE t ADD COLUMN x FANCYTYPE" << "FANCYTYPE";
    QTest::newRow("drop missing column") << "ALTER TABLE t DROP COLUMN nope" << "no such column";
    QTest::newRow("like an unknown table") << "CREATE TABLE t9 LIKE elsewhere.x" << "elsewhere.x";
    QTest::newRow("rename an unknown table in") << "RENAME TABLE unknown_table TO t7" << "unknown_table";
    QTest::newRow("unknown clause, other table") << "ALTER TABLE other.x ADD SYSTEM VERSIONING" << "";
    QTest::newRow("create ... select") << "CREATE TABLE t8 SELECT 1 AS a" << "without a column list";
    QTest::newRow("view") << "CREATE VIEW v AS SELECT * FROM t" << "";
    QTest::newRow("grant") << "GRANT SELECT ON db.* TO u" << "";
}

void TestSchemaHistory::refusals()
{
    QFETCH(QString, statement);
    QFETCH(QString, problem);
    SchemaHistory h = start();
    const SchemaHistory::Applied applied = h.apply(ddlparser::parse(statement.toStdString()), "db");
    if (problem.isEmpty())
        QVERIFY2(applied.problem.empty(), applied.problem.c_str());
    else
        QVERIFY2(QString::fromStdString(applied.problem).contains(problem), applied.problem.c_str());
}

void TestSchemaHistory::json()
{
    SchemaHistory h = start();
    h.apply(ddlparser::parse("CREATE TABLE t5 (a SET('x','y'), b DECIMAL(5,1) UNSIGNED, PRIMARY KEY (b, a))"), "db");
    const nlohmann::json j = h.toJson();
    SchemaHistory back = SchemaHistory::fromJson(nlohmann::json::parse(j.dump()));
    QVERIFY(back.toJson() == j);
    QCOMPARE(render(back.find("db", "t5")), render(h.find("db", "t5")));
    QCOMPARE(render(back.find("db", "t5")), QStringLiteral("a set('x','y') utf8mb4, b decimal(5,1) unsigned |key=b,a"));
    QVERIFY(back.find("db", "t5")->info->columns[1].isUnsigned);
    QVERIFY_THROWS_EXCEPTION(Error, SchemaHistory::fromJson(nlohmann::json{{"format", 99}}));
}

QTEST_GUILESS_MAIN(TestSchemaHistory)
#include "tst_schemahistory.moc"
