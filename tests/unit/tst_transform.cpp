#include "core/model/errors.h"
#include "core/transform/transform.h"

#include <QTest>

using namespace flowdeck;

namespace {

// "type:text" in a test table <-> a Value ("null" for NULL).
Value valueFromSpec(const QString &spec)
{
    const QString type = spec.section(QLatin1Char(':'), 0, 0);
    const std::string text = spec.section(QLatin1Char(':'), 1).toStdString();
    if (type == QLatin1String("text")) return Value::text(text);
    if (type == QLatin1String("int")) return Value::integer(std::stoll(text));
    if (type == QLatin1String("uint")) return Value::unsignedInteger(std::stoull(text));
    if (type == QLatin1String("dbl")) return Value::floating(std::stod(text));
    if (type == QLatin1String("dec")) return Value::decimal(text);
    if (type == QLatin1String("bool")) return Value::boolean(text == "true");
    if (type == QLatin1String("date")) return Value::date(text);
    if (type == QLatin1String("time")) return Value::time(text);
    if (type == QLatin1String("datetime")) return Value::dateTime(text);
    if (type == QLatin1String("bytes")) return Value::bytes(text);
    return Value::null();
}

QString specOf(const Value &v)
{
    static const char *const kTags[] = {"null", "bool", "int", "uint", "dec", "dbl", "text", "bytes",
                                        "date", "time", "datetime"};
    if (v.isNull()) return QStringLiteral("null");
    return QString::fromLatin1(kTags[int(v.type())]) + QLatin1Char(':') + QString::fromStdString(v.toString());
}

} // namespace

class TestTransform : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void apply_data();
    void apply();
    void cast_data();
    void cast();
    void concatParts();
    void describesItself();
    void compileErrors_data();
    void compileErrors();
};

void TestTransform::apply_data()
{
    QTest::addColumn<QString>("step");     // JSON of the step
    QTest::addColumn<QString>("input");    // value spec
    QTest::addColumn<QString>("expected"); // value spec of the result, or the error message
    QTest::addColumn<bool>("ok");

    QTest::newRow("rename") << R"({"op":"rename","source":"a"})" << "int:7" << "int:7" << true;
    QTest::newRow("concat later step") << R"({"op":"concat"})" << "int:7" << "text:7" << true;
    QTest::newRow("mask default") << R"({"op":"mask"})" << "text:4111111111111111" << "text:************1111" << true;
    QTest::newRow("mask first and last") << R"({"op":"mask","char":"#","keepFirst":2,"keepLast":2})" << "text:abcdefg"
                                         << "text:ab###fg" << true;
    QTest::newRow("mask short kept") << R"({"op":"mask","keepLast":4})" << "text:1234" << "text:1234" << true;
    QTest::newRow("mask shorter kept") << R"({"op":"mask","keepFirst":1,"keepLast":4})" << "text:日本" << "text:日本" << true;
    QTest::newRow("mask utf8") << R"({"op":"mask","keepFirst":1,"keepLast":2})" << "text:日本語テキスト"
                               << "text:日****スト" << true;
    QTest::newRow("mask utf8 char") << R"({"op":"mask","char":"•","keepLast":1})" << "text:abcd" << "text:•••d" << true;
    QTest::newRow("mask number") << R"({"op":"mask","keepLast":2})" << "int:123456" << "text:****56" << true;
    QTest::newRow("mask null") << R"({"op":"mask"})" << "null" << "null" << true;
    QTest::newRow("truncate") << R"({"op":"truncate","length":3})" << "text:abcdef" << "text:abc" << true;
    QTest::newRow("truncate utf8") << R"({"op":"truncate","length":4})" << "text:日本語テキスト" << "text:日本語テ" << true;
    QTest::newRow("truncate short") << R"({"op":"truncate","length":10})" << "text:日本" << "text:日本" << true;
    QTest::newRow("truncate zero") << R"({"op":"truncate","length":0})" << "text:abc" << "text:" << true;
    QTest::newRow("upper ascii") << R"({"op":"upper"})" << "text:Acme Corp." << "text:ACME CORP." << true;
    QTest::newRow("upper unicode") << R"({"op":"upper"})" << "text:straße é" << "text:STRASSE É" << true;
    QTest::newRow("upper date keeps text") << R"({"op":"upper"})" << "date:2026-01-01" << "text:2026-01-01" << true;
    QTest::newRow("lower ascii") << R"({"op":"lower"})" << "text:ACME" << "text:acme" << true;
    QTest::newRow("lower unicode") << R"({"op":"lower"})" << "text:ÅÄÖ Ω" << "text:åäö ω" << true;
    QTest::newRow("upper null") << R"({"op":"upper"})" << "null" << "null" << true;
    QTest::newRow("trim") << R"({"op":"trim"})" << "text: \t hello world \r\n" << "text:hello world" << true;
    QTest::newRow("trim unicode spaces") << R"({"op":"trim"})" << "text:\u3000\u00a0日本\u00a0" << "text:日本" << true;
    QTest::newRow("trim all space") << R"({"op":"trim"})" << "text:   " << "text:" << true;
    QTest::newRow("trim nothing") << R"({"op":"trim"})" << "text:a b" << "text:a b" << true;
    QTest::newRow("constant text") << R"({"op":"constant","value":"web"})" << "text:x" << "text:web" << true;
    QTest::newRow("constant int") << R"({"op":"constant","value":42})" << "null" << "int:42" << true;
    QTest::newRow("constant double") << R"({"op":"constant","value":1.5})" << "null" << "dbl:1.5" << true;
    QTest::newRow("constant bool") << R"({"op":"constant","value":false})" << "text:x" << "bool:false" << true;
    QTest::newRow("constant null") << R"({"op":"constant","value":null})" << "text:x" << "null" << true;
    QTest::newRow("default on null") << R"({"op":"default","value":"n/a"})" << "null" << "text:n/a" << true;
    QTest::newRow("default keeps value") << R"({"op":"default","value":"n/a"})" << "text:" << "text:" << true;
    QTest::newRow("cast ok") << R"({"op":"cast","to":"integer"})" << "text: 12 " << "int:12" << true;
    QTest::newRow("cast fails") << R"({"op":"cast","to":"integer"})" << "text:abc"
                                << R"(cannot cast "abc" to integer for "col")" << false;
    QTest::newRow("cast fails with reason") << R"({"op":"cast","to":"date"})" << "text:2026-02-30"
                                            << R"(cannot cast "2026-02-30" to date for "col": no such day)" << false;
    QTest::newRow("replace") << R"({"op":"replace","pattern":"[^0-9]","with":""})" << "text:(555) 123-4567"
                             << "text:5551234567" << true;
    QTest::newRow("replace groups") << R"J({"op":"replace","pattern":"(\\w+)@(\\w+)","with":"\\2 at \\1"})J"
                                    << "text:ann@example" << "text:example at ann" << true;
    QTest::newRow("replace utf8") << R"({"op":"replace","pattern":"語","with":"go"})" << "text:日本語" << "text:日本go"
                                  << true;
    QTest::newRow("replace no match") << R"({"op":"replace","pattern":"x"})" << "text:abc" << "text:abc" << true;

    QTest::newRow("notNull passes") << R"({"op":"notNull"})" << "text:" << "text:" << true;
    QTest::newRow("notNull fails") << R"({"op":"notNull"})" << "null"
                                   << R"(validation notNull failed for "col": value is null)" << false;
    QTest::newRow("notEmpty passes") << R"({"op":"notEmpty"})" << "text: x " << "text: x " << true;
    QTest::newRow("notEmpty number") << R"({"op":"notEmpty"})" << "int:0" << "int:0" << true;
    QTest::newRow("notEmpty empty") << R"({"op":"notEmpty"})" << "text:"
                                    << R"(validation notEmpty failed for "col": value is empty)" << false;
    QTest::newRow("notEmpty blank") << R"({"op":"notEmpty"})" << "text: \t\u3000"
                                    << R"(validation notEmpty failed for "col": value is empty)" << false;
    QTest::newRow("notEmpty null") << R"({"op":"notEmpty"})" << "null"
                                   << R"(validation notEmpty failed for "col": value is null)" << false;
    QTest::newRow("range inside") << R"({"op":"range","min":0,"max":100})" << "text:42.5" << "text:42.5" << true;
    QTest::newRow("range bounds inclusive") << R"({"op":"range","min":0,"max":100})" << "int:100" << "int:100" << true;
    QTest::newRow("range above") << R"({"op":"range","min":0,"max":100})" << "int:150"
                                 << R"(validation range failed for "col": 150 is above the maximum 100)" << false;
    QTest::newRow("range below") << R"({"op":"range","min":0.5})" << "dec:0.49"
                                 << R"(validation range failed for "col": 0.49 is below the minimum 0.5)" << false;
    QTest::newRow("range only max") << R"({"op":"range","max":10})" << "int:-1000" << "int:-1000" << true;
    QTest::newRow("range exact big") << R"({"op":"range","max":9007199254740992})" << "int:9007199254740993"
                                     << R"(validation range failed for "col": 9007199254740993 is above the maximum 9007199254740992)"
                                     << false;
    QTest::newRow("range string bound") << R"({"op":"range","max":"0.1"})" << "dec:0.10" << "dec:0.10" << true;
    QTest::newRow("range not a number") << R"({"op":"range","min":0})" << "text:abc"
                                        << R"(validation range failed for "col": "abc" is not a number)" << false;
    QTest::newRow("range null passes") << R"({"op":"range","min":0})" << "null" << "null" << true;
    QTest::newRow("regex search passes") << R"({"op":"regex","pattern":"[0-9]"})" << "text:ab1" << "text:ab1" << true;
    QTest::newRow("regex anchored fails") << R"({"op":"regex","pattern":"^[A-Z]+$"})" << "text:AB-1"
                                          << R"(validation regex failed for "col": "AB-1" does not match ^[A-Z]+$)"
                                          << false;
    QTest::newRow("regex null passes") << R"({"op":"regex","pattern":"^x$"})" << "null" << "null" << true;
}

void TestTransform::apply()
{
    QFETCH(QString, step);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QFETCH(bool, ok);
    const Transform t = Transform::compile(nlohmann::json::parse(step.toStdString()), "mapping[0].transform");
    Value v = valueFromSpec(input);
    std::string error;
    QCOMPARE(t.apply(v, "col", error), ok);
    if (ok) {
        QCOMPARE(specOf(v), expected);
        QVERIFY(error.empty());
    } else {
        QCOMPARE(QString::fromStdString(error), expected);
        QCOMPARE(specOf(v), specOf(valueFromSpec(input))); // a failed step leaves the value alone
    }
}

void TestTransform::cast_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // value spec, or "fail:<reason>"

    QTest::newRow("text from int") << "text" << "int:-5" << "text:-5";
    QTest::newRow("text from date") << "text" << "date:2026-01-02" << "text:2026-01-02";
    QTest::newRow("text null") << "text" << "null" << "null";
    QTest::newRow("integer text") << "integer" << "text:-42" << "int:-42";
    QTest::newRow("integer plus zeros") << "integer" << "text:+007" << "int:7";
    QTest::newRow("integer zero fraction") << "integer" << "dec:12.000" << "int:12";
    QTest::newRow("integer fraction") << "integer" << "dec:12.5" << "fail:has a fractional part";
    QTest::newRow("integer word") << "integer" << "text:abc" << "fail:";
    QTest::newRow("integer empty") << "integer" << "text:" << "fail:";
    QTest::newRow("integer exponent") << "integer" << "text:1e3" << "fail:";
    QTest::newRow("integer min") << "integer" << "text:-9223372036854775808" << "int:-9223372036854775808";
    QTest::newRow("integer below min") << "integer" << "text:-9223372036854775809" << "fail:out of range";
    QTest::newRow("integer unsigned") << "integer" << "text:18446744073709551615" << "uint:18446744073709551615";
    QTest::newRow("integer too big") << "integer" << "text:18446744073709551616" << "fail:out of range";
    QTest::newRow("integer double") << "integer" << "dbl:3" << "int:3";
    QTest::newRow("integer double fraction") << "integer" << "dbl:3.25" << "fail:has a fractional part";
    QTest::newRow("integer bool") << "integer" << "bool:true" << "int:1";
    QTest::newRow("integer date") << "integer" << "date:2026-01-01" << "fail:";
    QTest::newRow("decimal canonical") << "decimal" << "text: +007.50 " << "dec:7.50";
    QTest::newRow("decimal negative zero") << "decimal" << "text:-0.00" << "dec:0.00";
    QTest::newRow("decimal leading dot") << "decimal" << "text:-.5" << "dec:-0.5";
    QTest::newRow("decimal exponent") << "decimal" << "text:1.5E+3" << "dec:1500";
    QTest::newRow("decimal int") << "decimal" << "int:12" << "dec:12";
    QTest::newRow("decimal double") << "decimal" << "dbl:0.1" << "dec:0.1";
    QTest::newRow("decimal word") << "decimal" << "text:1.2.3" << "fail:";
    QTest::newRow("double text") << "double" << "text:2.5e2" << "dbl:250";
    QTest::newRow("double nan word") << "double" << "text:nan" << "fail:";
    QTest::newRow("double word") << "double" << "text:x" << "fail:";
    QTest::newRow("boolean yes") << "boolean" << "text: YES " << "bool:true";
    QTest::newRow("boolean f") << "boolean" << "text:f" << "bool:false";
    QTest::newRow("boolean 0") << "boolean" << "int:0" << "bool:false";
    QTest::newRow("boolean 2") << "boolean" << "int:2" << "fail:only 0 and 1 are booleans";
    QTest::newRow("boolean word") << "boolean" << "text:maybe" << "fail:";
    QTest::newRow("date") << "date" << "text:2024-02-29" << "date:2024-02-29";
    QTest::newRow("date not leap") << "date" << "text:2023-02-29" << "fail:no such day";
    QTest::newRow("date century not leap") << "date" << "text:1900-02-29" << "fail:no such day";
    QTest::newRow("date feb 30") << "date" << "text:2026-02-30" << "fail:no such day";
    QTest::newRow("date month 13") << "date" << "text:2026-13-01" << "fail:no such month";
    QTest::newRow("date from datetime text") << "date" << "text:2026-03-04T05:06:07Z" << "date:2026-03-04";
    QTest::newRow("date from datetime") << "date" << "datetime:2026-03-04 05:06:07" << "date:2026-03-04";
    QTest::newRow("date short") << "date" << "text:2026-3-4" << "fail:";
    QTest::newRow("date word") << "date" << "text:yesterday" << "fail:";
    QTest::newRow("datetime T") << "datetime" << "text:2026-03-04T05:06:07" << "datetime:2026-03-04 05:06:07";
    QTest::newRow("datetime no seconds") << "datetime" << "text:2026-03-04 05:06" << "datetime:2026-03-04 05:06:00";
    QTest::newRow("datetime fraction Z") << "datetime" << "text:2026-03-04T05:06:07.123Z"
                                         << "datetime:2026-03-04 05:06:07.123";
    QTest::newRow("datetime utc offset") << "datetime" << "text:2026-03-04T05:06:07+00:00" << "datetime:2026-03-04 05:06:07";
    QTest::newRow("datetime other offset") << "datetime" << "text:2026-03-04T05:06:07+02:00"
                                           << "fail:has a time zone offset; only UTC (Z) is supported";
    QTest::newRow("datetime from date") << "datetime" << "date:2026-03-04" << "datetime:2026-03-04 00:00:00";
    QTest::newRow("datetime date text") << "datetime" << "text:2026-03-04" << "datetime:2026-03-04 00:00:00";
    QTest::newRow("datetime hour 24") << "datetime" << "text:2026-03-04 24:00:00" << "fail:hour out of range";
    QTest::newRow("datetime bad day") << "datetime" << "text:2026-04-31 10:00:00" << "fail:no such day";
    QTest::newRow("datetime 7 digits") << "datetime" << "text:2026-03-04 10:00:00.1234567"
                                       << "fail:more than 6 fractional second digits";
    QTest::newRow("time") << "time" << "text:7:05" << "time:07:05:00";
    QTest::newRow("time long") << "time" << "text:-838:59:59.5" << "time:-838:59:59.5";
    QTest::newRow("time too long") << "time" << "text:839:00:00" << "fail:hour out of range";
    QTest::newRow("time minute") << "time" << "text:10:60" << "fail:minute out of range";
    QTest::newRow("time from datetime") << "time" << "datetime:2026-03-04 05:06:07" << "time:05:06:07";
    QTest::newRow("time word") << "time" << "text:noon" << "fail:";
}

void TestTransform::cast()
{
    QFETCH(QString, to);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const auto type = castTypeFromName(to.toStdString());
    QVERIFY(type);
    QCOMPARE(QString::fromUtf8(castTypeName(*type).data(), qsizetype(castTypeName(*type).size())), to);
    Value v = valueFromSpec(input);
    std::string reason;
    const bool ok = castValue(v, *type, reason);
    if (expected.startsWith(QLatin1String("fail:"))) {
        QVERIFY(!ok);
        QCOMPARE(QString::fromStdString(reason), expected.mid(5));
    } else {
        QVERIFY2(ok, reason.c_str());
        QCOMPARE(specOf(v), expected);
    }
}

void TestTransform::concatParts()
{
    const Transform t = Transform::compile(nlohmann::json::parse(R"({"op":"concat","sources":["a","b","c"],"separator":", "})"),
                                           "t");
    QCOMPARE(t.sources(), (std::vector<std::string>{"a", "b", "c"}));
    const Value a = Value::text("Edge"), b = Value::null(), c = Value::integer(5), empty = Value::text("");
    Value out;
    const Value *parts[] = {&a, &b, &c};
    t.concat(parts, out);
    QCOMPARE(specOf(out), QStringLiteral("text:Edge, 5")); // the NULL part is skipped
    const Value *withEmpty[] = {&a, &empty, &c};
    t.concat(withEmpty, out);
    QCOMPARE(specOf(out), QStringLiteral("text:Edge, , 5")); // an empty one is not
    const Value *nulls[] = {&b, &b};
    t.concat(nulls, out);
    QCOMPARE(specOf(out), QStringLiteral("null"));
}

void TestTransform::describesItself()
{
    const Transform v = Transform::compile(nlohmann::json::parse(R"({"op":"regex","pattern":"x","source":"s"})"), "t");
    QCOMPARE(v.opName(), std::string_view("regex"));
    QVERIFY(v.isValidation());
    QVERIFY(v.needsInput());
    QCOMPARE(v.sources(), std::vector<std::string>{"s"});
    const Transform c = Transform::compile(nlohmann::json::parse(R"({"op":"constant","value":1})"), "t");
    QCOMPARE(c.opName(), std::string_view("constant"));
    QVERIFY(!c.isValidation());
    QVERIFY(!c.needsInput());
    QVERIFY(c.sources().empty());
}

void TestTransform::compileErrors_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("message");
    QTest::newRow("not object") << R"("upper")" << "m[1].transform: must be an object";
    QTest::newRow("no op") << R"({"source":"a"})" << "m[1].transform.op: missing";
    QTest::newRow("unknown op") << R"({"op":"foo"})" << "m[1].transform.op: unknown operator 'foo'";
    QTest::newRow("filter op is not a transform") << R"({"op":"eq"})" << "m[1].transform.op: unknown operator 'eq'";
    QTest::newRow("unknown key") << R"({"op":"truncate","lenght":3})" << "m[1].transform.lenght: unknown key for truncate";
    QTest::newRow("source on constant") << R"({"op":"constant","value":1,"source":"a"})"
                                        << "m[1].transform.source: unknown key for constant";
    QTest::newRow("empty source") << R"({"op":"upper","source":""})" << "m[1].transform.source: must be a non-empty string";
    QTest::newRow("concat empty sources") << R"({"op":"concat","sources":[]})"
                                          << "m[1].transform.sources: must be a non-empty list of field names";
    QTest::newRow("concat bad source") << R"({"op":"concat","sources":["a",1]})"
                                       << "m[1].transform.sources[1]: must be a non-empty string";
    QTest::newRow("concat separator") << R"({"op":"concat","sources":["a"],"separator":1})"
                                      << "m[1].transform.separator: must be a string";
    QTest::newRow("mask two chars") << R"({"op":"mask","char":"**"})" << "m[1].transform.char: must be exactly one character";
    QTest::newRow("mask negative") << R"({"op":"mask","keepLast":-1})"
                                   << "m[1].transform.keepLast: must be a non-negative integer";
    QTest::newRow("truncate no length") << R"({"op":"truncate"})" << "m[1].transform.length: missing";
    QTest::newRow("truncate float") << R"({"op":"truncate","length":2.5})"
                                    << "m[1].transform.length: must be a non-negative integer";
    QTest::newRow("constant no value") << R"({"op":"constant"})" << "m[1].transform.value: missing";
    QTest::newRow("default array") << R"({"op":"default","value":[1]})"
                                   << "m[1].transform.value: must be a string, number, boolean or null";
    QTest::newRow("cast no to") << R"({"op":"cast"})" << "m[1].transform.to: missing";
    QTest::newRow("cast unknown") << R"({"op":"cast","to":"int"})" << "m[1].transform.to: unknown type 'int'";
    QTest::newRow("replace no pattern") << R"({"op":"replace"})" << "m[1].transform.pattern: missing";
    QTest::newRow("replace bad pattern") << R"({"op":"replace","pattern":"a[b"})"
                                         << "m[1].transform.pattern: invalid regular expression: missing terminating ] for character class at offset 3";
    QTest::newRow("regex bad pattern") << R"({"op":"regex","pattern":"(x"})"
                                       << "m[1].transform.pattern: invalid regular expression: missing closing parenthesis at offset 2";
    QTest::newRow("range no bounds") << R"({"op":"range"})" << "m[1].transform: range needs min, max or both";
    QTest::newRow("range word") << R"({"op":"range","min":"low"})" << "m[1].transform.min: must be a number";
    QTest::newRow("range inverted") << R"({"op":"range","min":10,"max":1})" << "m[1].transform.min: is greater than max";
}

void TestTransform::compileErrors()
{
    QFETCH(QString, step);
    QFETCH(QString, message);
    try {
        Transform::compile(nlohmann::json::parse(step.toStdString()), "m[1].transform");
        QFAIL("no ConfigError");
    } catch (const ConfigError &e) {
        QCOMPARE(QString::fromStdString(e.what()), message);
    }
}

QTEST_GUILESS_MAIN(TestTransform)
#include "tst_transform.moc"
