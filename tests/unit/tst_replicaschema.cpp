#include "core/codec/decodedtables.h"
#include "core/mysql/replicaschema.h"

#include <QTest>

using namespace flowdeck;

class TestReplicaSchema : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void columnType_data();
    void columnType();
    void hostileTypeIsRefused_data();
    void hostileTypeIsRefused();
    void ddlEffect_data();
    void ddlEffect();
};

void TestReplicaSchema::columnType_data()
{
    QTest::addColumn<QString>("type");   // as a message writes it
    QTest::addColumn<QString>("sample"); // decimal/datetime text, or "" for none
    QTest::addColumn<bool>("key");
    QTest::addColumn<QString>("expected");
    QTest::newRow("int") << "int" << "" << false << "int";
    QTest::newRow("unsigned") << "bigint unsigned" << "" << false << "bigint unsigned";
    QTest::newRow("canal-compatible sized") << "int(11) unsigned" << "" << false << "int(11) unsigned";
    QTest::newRow("upper case, rebuilt") << "INT(11)   UNSIGNED  ZEROFILL" << "" << false << "int(11) unsigned zerofill";
    QTest::newRow("varchar") << "varchar" << "" << false << "longtext";
    QTest::newRow("varchar key") << "varchar" << "" << true << "varchar(255)";
    QTest::newRow("varchar sized") << "varchar(16)" << "" << false << "varchar(16)";
    QTest::newRow("decimal scale from value") << "decimal" << "-12.340" << false << "decimal(33,3)";
    QTest::newRow("datetime fsp from value") << "datetime" << "2024-01-01 10:00:00.123" << false << "datetime(3)";
    QTest::newRow("datetime whole seconds") << "datetime" << "2024-01-01 10:00:00" << false << "datetime";
    QTest::newRow("timestamp no value") << "timestamp" << "" << false << "datetime(6)";
    QTest::newRow("debezium timestamp(6)") << "timestamp(6)" << "" << false << "datetime(6)";
    QTest::newRow("time") << "time" << "-12:00:01.5" << false << "time(1)";
    QTest::newRow("blob key") << "blob" << "" << true << "varbinary(255)";
    QTest::newRow("ticdc enum index") << "enum" << "" << false << "bigint unsigned";
    QTest::newRow("debezium enum") << "enum('a','b')" << "" << false << "enum('a','b')";
    QTest::newRow("enum member re-escaped") << "ENUM( 'it''s' , 'b' )" << "" << false << "enum('it''s','b')";
    QTest::newRow("json") << "json" << "" << false << "json";
    QTest::newRow("no type, no value") << "" << "" << false << "longtext";
}

void TestReplicaSchema::columnType()
{
    QFETCH(QString, type);
    QFETCH(QString, sample);
    QFETCH(bool, key);
    QFETCH(QString, expected);
    const ColumnInfo info = DecodedTables::columnFromType("c", type.toStdString());
    const Value v = type.startsWith(QLatin1String("decimal")) ? Value::decimal(sample.toStdString())
        : type.startsWith(QLatin1String("time")) && !type.startsWith(QLatin1String("timestamp")) ? Value::time(sample.toStdString())
                                                                                                  : Value::dateTime(sample.toStdString());
    std::string reason;
    QCOMPARE(QString::fromStdString(replicaschema::columnType(info, sample.isEmpty() ? nullptr : &v, key, reason)), expected);
    QVERIFY2(reason.empty(), reason.c_str());
}

void TestReplicaSchema::hostileTypeIsRefused_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("key");
    QTest::newRow("the issue's attack") << "varchar(10)) ; DROP DATABASE victim; -- " << false;
    QTest::newRow("attack on a key column") << "varchar(10)) ; DROP DATABASE victim; -- " << true;
    QTest::newRow("attack after a temporal size") << "datetime(3), x int) ; DROP TABLE t; --" << false;
    QTest::newRow("attack in an enum") << "enum('a'); DROP DATABASE victim; --')" << false;
    QTest::newRow("unknown name") << "serial" << false;
}

void TestReplicaSchema::hostileTypeIsRefused()
{
    QFETCH(QString, type);
    QFETCH(bool, key);
    const ColumnInfo info = DecodedTables::columnFromType("c", type.toStdString());
    std::string reason;
    QCOMPARE(replicaschema::columnType(info, nullptr, key, reason), std::string());
    QVERIFY2(reason.starts_with("column `c`: '") && reason.find("is not a MySQL column type") != std::string::npos, reason.c_str());
}

void TestReplicaSchema::ddlEffect_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QStringList>("dropped");
    QTest::addColumn<QString>("flags"); // d: drops table, t: truncates, r: renames, c: renames a column
    QTest::newRow("drop column") << "ALTER TABLE `people` DROP COLUMN `score`" << QStringList{QStringLiteral("score")} << "";
    QTest::newRow("drop without COLUMN, two")
        << "alter table t drop a, add column x int, drop if exists `b c`" << QStringList{QStringLiteral("a"), QStringLiteral("b c")} << "";
    QTest::newRow("drop index is no column") << "ALTER TABLE t DROP INDEX idx, DROP PRIMARY KEY, DROP FOREIGN KEY fk" << QStringList{} << "";
    QTest::newRow("add column") << "ALTER TABLE t ADD COLUMN c INT" << QStringList{} << "";
    QTest::newRow("drop table") << "DROP TABLE IF EXISTS t" << QStringList{} << "d";
    QTest::newRow("truncate") << "truncate table t" << QStringList{} << "t";
    QTest::newRow("rename table") << "RENAME TABLE a TO b" << QStringList{} << "r";
    QTest::newRow("alter rename") << "ALTER TABLE a RENAME TO b" << QStringList{} << "r";
    QTest::newRow("rename column") << "ALTER TABLE a RENAME COLUMN x TO y" << QStringList{} << "c";
    QTest::newRow("change renames") << "ALTER TABLE a CHANGE x y INT" << QStringList{} << "c";
    QTest::newRow("change keeps the name") << "ALTER TABLE a CHANGE COLUMN x x BIGINT" << QStringList{} << "";
    QTest::newRow("create table") << "CREATE TABLE t (id INT PRIMARY KEY)" << QStringList{} << "";
}

void TestReplicaSchema::ddlEffect()
{
    QFETCH(QString, statement);
    QFETCH(QStringList, dropped);
    QFETCH(QString, flags);
    const replicaschema::DdlEffect e = replicaschema::ddlEffect(statement.toStdString());
    QStringList got;
    for (const auto &c : e.droppedColumns)
        got << QString::fromStdString(c);
    QCOMPARE(got, dropped);
    QCOMPARE(e.dropsTable, flags.contains(QLatin1Char('d')));
    QCOMPARE(e.truncates, flags.contains(QLatin1Char('t')));
    QCOMPARE(e.renames, flags.contains(QLatin1Char('r')));
    QCOMPARE(e.renamesColumn, flags.contains(QLatin1Char('c')));
}

QTEST_GUILESS_MAIN(TestReplicaSchema)
#include "tst_replicaschema.moc"
