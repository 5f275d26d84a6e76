#include "core/model/record.h"
#include "core/model/value.h"

#include <QTest>

using namespace flowdeck;

class TestValue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void toString_data();
    void toString();
    void toDouble_data();
    void toDouble();
    void schemaLookup();
};

void TestValue::toString_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("null") << 0 << QString();
    QTest::newRow("int") << 1 << QStringLiteral("-42");
    QTest::newRow("uint max") << 2 << QStringLiteral("18446744073709551615");
    QTest::newRow("double") << 3 << QStringLiteral("0.1");
    QTest::newRow("decimal exact") << 4 << QStringLiteral("12345678901234567890.0123456789");
}

void TestValue::toString()
{
    QFETCH(int, kind);
    QFETCH(QString, expected);
    Value v;
    switch (kind) {
    case 1: v = Value::integer(-42); break;
    case 2: v = Value::unsignedInteger(UINT64_MAX); break;
    case 3: v = Value::floating(0.1); break;
    case 4: v = Value::decimal("12345678901234567890.0123456789"); break;
    default: break;
    }
    QCOMPARE(QString::fromStdString(v.toString()), expected);
}

void TestValue::toDouble_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("expected");
    QTest::newRow("plain") << QStringLiteral("12.5") << true << 12.5;
    QTest::newRow("spaces") << QStringLiteral("  7 ") << true << 7.0;
    QTest::newRow("plus") << QStringLiteral("+3") << true << 3.0;
    QTest::newRow("word") << QStringLiteral("abc") << false << 0.0;
    QTest::newRow("trailing") << QStringLiteral("12x") << false << 0.0;
    QTest::newRow("empty") << QString() << false << 0.0;
}

void TestValue::toDouble()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(double, expected);
    double d = 0;
    QCOMPARE(Value::text(text.toStdString()).toDouble(d), ok);
    if (ok)
        QCOMPARE(d, expected);
}

void TestValue::schemaLookup()
{
    auto schema = std::make_shared<Schema>(std::vector<std::string>{"Account ID", "Account Name"});
    QCOMPARE(schema->indexOf("Account Name"), 1);
    QCOMPARE(schema->indexOf("missing"), -1);
    Record r;
    r.schema = schema;
    r.values = {Value::text("001"), Value::text("Edge")};
    QVERIFY(r.field("Account ID"));
    QCOMPARE(r.field("Account ID")->str(), std::string("001"));
    QVERIFY(!r.field("nope"));
}

QTEST_GUILESS_MAIN(TestValue)
#include "tst_value.moc"
