// The MySQL column type parser: what it accepts is rebuilt from parts; anything else (SQL
// smuggled into a message's type) is refused with a reason.
#include "core/mysql/mysqltypeparser.h"

#include <QTest>

using namespace flowdeck;

class TestMySqlTypeParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void valid_data();
    void valid();
    void hostile_data();
    void hostile();
};

void TestMySqlTypeParser::valid_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("rebuilt");
    QTest::newRow("int") << QByteArray("int") << QByteArray("int");
    QTest::newRow("int display width") << QByteArray("int(11)") << QByteArray("int(11)");
    QTest::newRow("unsigned zerofill") << QByteArray("INT(10) UNSIGNED ZEROFILL") << QByteArray("int(10) unsigned zerofill");
    QTest::newRow("zerofill implies unsigned") << QByteArray("smallint zerofill") << QByteArray("smallint unsigned zerofill");
    QTest::newRow("signed") << QByteArray("bigint signed") << QByteArray("bigint");
    QTest::newRow("spaces") << QByteArray("  tinyint ( 4 )  unsigned ") << QByteArray("tinyint(4) unsigned");
    QTest::newRow("decimal") << QByteArray("decimal(10,2)") << QByteArray("decimal(10,2)");
    QTest::newRow("decimal max") << QByteArray("DECIMAL(65,30)") << QByteArray("decimal(65,30)");
    QTest::newRow("numeric unsigned") << QByteArray("numeric(5) unsigned") << QByteArray("numeric(5) unsigned");
    QTest::newRow("float(p)") << QByteArray("float(24)") << QByteArray("float(24)");
    QTest::newRow("double precision") << QByteArray("double precision(10,3)") << QByteArray("double(10,3)");
    QTest::newRow("double") << QByteArray("double") << QByteArray("double");
    QTest::newRow("bit") << QByteArray("bit(64)") << QByteArray("bit(64)");
    QTest::newRow("boolean") << QByteArray("boolean") << QByteArray("boolean");
    QTest::newRow("date") << QByteArray("date") << QByteArray("date");
    QTest::newRow("datetime(6)") << QByteArray("datetime(6)") << QByteArray("datetime(6)");
    QTest::newRow("timestamp") << QByteArray("timestamp(3)") << QByteArray("timestamp(3)");
    QTest::newRow("time") << QByteArray("time") << QByteArray("time");
    QTest::newRow("year(4)") << QByteArray("year(4)") << QByteArray("year(4)");
    QTest::newRow("char") << QByteArray("char(1)") << QByteArray("char(1)");
    QTest::newRow("char(0)") << QByteArray("char(0)") << QByteArray("char(0)");
    QTest::newRow("varchar max") << QByteArray("varchar(65535)") << QByteArray("varchar(65535)");
    QTest::newRow("varchar bare (TiCDC)") << QByteArray("varchar") << QByteArray("varchar");
    QTest::newRow("charset and collate") << QByteArray("VARCHAR(20) CHARACTER SET latin1 COLLATE latin1_bin")
                                         << QByteArray("varchar(20) character set latin1 collate latin1_bin");
    QTest::newRow("charset short") << QByteArray("text charset utf8mb4") << QByteArray("text character set utf8mb4");
    QTest::newRow("text(n)") << QByteArray("text(1000)") << QByteArray("text(1000)");
    QTest::newRow("longtext") << QByteArray("longtext") << QByteArray("longtext");
    QTest::newRow("binary") << QByteArray("binary(16)") << QByteArray("binary(16)");
    QTest::newRow("varbinary") << QByteArray("varbinary(255)") << QByteArray("varbinary(255)");
    QTest::newRow("blob") << QByteArray("mediumblob") << QByteArray("mediumblob");
    QTest::newRow("enum") << QByteArray("enum('a','b','c')") << QByteArray("enum('a','b','c')");
    QTest::newRow("enum quote doubled") << QByteArray("enum('it''s', 'x y')") << QByteArray("enum('it''s','x y')");
    QTest::newRow("enum UTF-8 member") << QByteArray("enum('日本','中文')") << QByteArray("enum('日本','中文')");
    QTest::newRow("enum semicolon member") << QByteArray("enum('a; DROP DATABASE x; --')")
                                           << QByteArray("enum('a; DROP DATABASE x; --')");
    QTest::newRow("enum bare (TiCDC)") << QByteArray("enum") << QByteArray("enum");
    QTest::newRow("set") << QByteArray("SET('r','w','x')") << QByteArray("set('r','w','x')");
    QTest::newRow("json") << QByteArray("json") << QByteArray("json");
    QTest::newRow("geometry") << QByteArray("point") << QByteArray("point");
    QTest::newRow("inet6") << QByteArray("inet6") << QByteArray("inet6");
    QTest::newRow("uuid") << QByteArray("uuid") << QByteArray("uuid");
    QTest::newRow("vector") << QByteArray("vector(3)") << QByteArray("vector(3)");
}

void TestMySqlTypeParser::valid()
{
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, rebuilt);
    std::string reason;
    const auto parsed = parseMySqlColumnType(type.toStdString(), reason);
    QVERIFY2(parsed, reason.c_str());
    QCOMPARE(QByteArray::fromStdString(parsed->text()), rebuilt);
    // The rebuilt text parses to the same text again.
    const auto again = parseMySqlColumnType(parsed->text(), reason);
    QVERIFY2(again, reason.c_str());
    QCOMPARE(again->text(), parsed->text());
}

void TestMySqlTypeParser::hostile_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("problem"); // part of the reason
    QTest::newRow("the issue's attack") << QByteArray("varchar(10)) ; DROP DATABASE victim; -- ")
                                        << QByteArray("unexpected ')' at character 12");
    QTest::newRow("second statement after a bare name") << QByteArray("int; DROP TABLE t") << QByteArray("unexpected ';'");
    QTest::newRow("comment") << QByteArray("int -- x") << QByteArray("unexpected '-'");
    QTest::newRow("c comment") << QByteArray("int /*!50000 x */") << QByteArray("unexpected '/'");
    QTest::newRow("extra column") << QByteArray("int, evil int") << QByteArray("unexpected ','");
    QTest::newRow("default clause") << QByteArray("int default 1") << QByteArray("unknown attribute 'default'");
    QTest::newRow("generated column") << QByteArray("int as (sleep(10))") << QByteArray("unknown attribute 'as'");
    QTest::newRow("unknown name") << QByteArray("sleep(10)") << QByteArray("unknown type name 'sleep'");
    QTest::newRow("empty") << QByteArray("") << QByteArray("it ends too early");
    QTest::newRow("only spaces") << QByteArray("   ") << QByteArray("it ends too early");
    QTest::newRow("quote first") << QByteArray("'int'") << QByteArray("unexpected '''");
    QTest::newRow("backquote") << QByteArray("int`") << QByteArray("unexpected '`'");
    QTest::newRow("NUL") << QByteArray("int\0; drop", 10) << QByteArray("unexpected '\\x00'");
    QTest::newRow("invalid UTF-8 after the name") << QByteArray("int\xff") << QByteArray("unexpected '\\xFF'");
    QTest::newRow("size not a number") << QByteArray("varchar(a)") << QByteArray("a size must be a number");
    QTest::newRow("size expression") << QByteArray("varchar(1+1)") << QByteArray("unexpected '+'");
    QTest::newRow("negative size") << QByteArray("varchar(-1)") << QByteArray("a size must be a number");
    QTest::newRow("size beyond varchar") << QByteArray("varchar(70000)") << QByteArray("is not from 0 to 65535");
    QTest::newRow("huge size") << QByteArray("varchar(99999999999999999999999)") << QByteArray("a size must be a number");
    QTest::newRow("three sizes") << QByteArray("decimal(1,2,3)") << QByteArray("at most 2 size(s), not 3");
    QTest::newRow("scale beyond precision") << QByteArray("decimal(5,6)") << QByteArray("at most the precision");
    QTest::newRow("decimal too wide") << QByteArray("decimal(66,2)") << QByteArray("is not from 1 to 65");
    QTest::newRow("fsp 7") << QByteArray("datetime(7)") << QByteArray("is not from 0 to 6");
    QTest::newRow("bit 65") << QByteArray("bit(65)") << QByteArray("is not from 1 to 64");
    QTest::newRow("unclosed size") << QByteArray("varchar(10") << QByteArray("it ends too early");
    QTest::newRow("size on date") << QByteArray("date(3)") << QByteArray("date takes no size");
    QTest::newRow("unsigned text") << QByteArray("varchar(3) unsigned") << QByteArray("unsigned applies to numbers");
    QTest::newRow("charset on int") << QByteArray("int character set latin1") << QByteArray("applies to text types");
    QTest::newRow("charset string") << QByteArray("varchar(3) character set 'x'") << QByteArray("must be a name");
    QTest::newRow("character without set") << QByteArray("varchar(3) character latin1") << QByteArray("expected 'character set'");
    QTest::newRow("enum unquoted") << QByteArray("enum(a,b)") << QByteArray("must be a quoted string");
    QTest::newRow("enum unclosed member") << QByteArray("enum('a)") << QByteArray("is not closed");
    QTest::newRow("enum escape") << QByteArray("enum('a\\'); DROP DATABASE v; --')") << QByteArray("backslash or a control character");
    QTest::newRow("enum newline") << QByteArray("enum('a\nb')") << QByteArray("backslash or a control character");
    QTest::newRow("enum after close") << QByteArray("enum('a')); DROP DATABASE v; --") << QByteArray("unexpected ')'");
    QTest::newRow("enum invalid UTF-8") << QByteArray("enum('\xc3\x28')") << QByteArray("not valid UTF-8");
    QTest::newRow("enum empty list") << QByteArray("enum()") << QByteArray("must be a quoted string");
    QTest::newRow("vector without size") << QByteArray("vector") << QByteArray("vector needs a size");
}

void TestMySqlTypeParser::hostile()
{
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, problem);
    std::string reason;
    const auto parsed = parseMySqlColumnType(type.toStdString(), reason);
    QVERIFY2(!parsed, parsed ? parsed->text().c_str() : "");
    QVERIFY2(reason.find("is not a MySQL column type: ") != std::string::npos, reason.c_str());
    QVERIFY2(reason.find(problem.toStdString()) != std::string::npos, reason.c_str());
}

QTEST_GUILESS_MAIN(TestMySqlTypeParser)
#include "tst_mysqltypeparser.moc"
