#include "core/model/errors.h"
#include "core/transform/filterset.h"

#include <QTest>

using namespace flowdeck;

namespace {

// "type:text" in a test table -> a Value ("null" for NULL).
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
    if (type == QLatin1String("bytes")) return Value::bytes(text);
    return Value::null();
}

nlohmann::json parse(const QString &json)
{
    return nlohmann::json::parse(json.toStdString());
}

// One record {"f": value, "other": "x"}; "missing" gives a record without "f".
Record recordWith(const QString &spec)
{
    Record r;
    if (spec == QLatin1String("missing")) {
        r.schema = std::make_shared<Schema>(std::vector<std::string>{"other"});
        r.values = {Value::text("x")};
    } else {
        r.schema = std::make_shared<Schema>(std::vector<std::string>{"other", "f"});
        r.values = {Value::text("x"), valueFromSpec(spec)};
    }
    return r;
}

} // namespace

class TestFilterSet : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accepts_data();
    void accepts();
    void compareValues_data();
    void compareValues();
    void conditionsAreAnded();
    void emptyAndNull();
    void schemasChangeMidStream();
    void fieldsListed();
    void compileErrors_data();
    void compileErrors();
};

void TestFilterSet::accepts_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("value"); // JSON of the filter's "value", empty: none
    QTest::addColumn<QString>("field"); // value spec of field "f"
    QTest::addColumn<bool>("expected");

    QTest::newRow("eq text") << "eq" << R"("Energy")" << "text:Energy" << true;
    QTest::newRow("eq text case") << "eq" << R"("Energy")" << "text:energy" << false;
    QTest::newRow("eq int vs number") << "eq" << "42" << "int:42" << true;
    QTest::newRow("eq text number vs number") << "eq" << "42" << "text: 42 " << true;
    QTest::newRow("eq decimal scale") << "eq" << "0.1" << "dec:0.100" << true;
    QTest::newRow("eq decimal vs string number") << "eq" << R"("12.50")" << "dec:12.5" << true;
    QTest::newRow("eq double") << "eq" << "0.1" << "dbl:0.1" << true;
    QTest::newRow("eq bool") << "eq" << "true" << "bool:true" << true;
    QTest::newRow("eq bool text") << "eq" << "true" << "text:true" << true;
    QTest::newRow("eq date") << "eq" << R"("2026-01-31")" << "date:2026-01-31" << true;
    QTest::newRow("eq utf8") << "eq" << R"("日本語")" << "text:日本語" << true;
    QTest::newRow("eq big ints exact") << "eq" << "9007199254740993" << "int:9007199254740992" << false;
    QTest::newRow("eq uint max") << "eq" << "18446744073709551615" << "uint:18446744073709551615" << true;
    QTest::newRow("eq negative zero") << "eq" << "0" << "text:-0.0" << true;
    QTest::newRow("neq text") << "neq" << R"("Energy")" << "text:Retail" << true;
    QTest::newRow("neq text same") << "neq" << R"("Energy")" << "text:Energy" << false;
    QTest::newRow("neq numeric same") << "neq" << "5" << "text:5.0" << false;
    QTest::newRow("neq double nan") << "neq" << "1" << "dbl:nan" << false; // unordered: no comparison holds
    QTest::newRow("lt numeric") << "lt" << "10" << "text:9" << true;
    QTest::newRow("lt numeric not text") << "lt" << "10" << "text:100" << false;
    QTest::newRow("lt text bytewise") << "lt" << R"("b")" << "text:a" << true;
    QTest::newRow("lt mixed is text") << "lt" << "10" << "text:abc" << false; // "abc" > "10" bytewise
    QTest::newRow("lt negative") << "lt" << "-1.5" << "dec:-2" << true;
    QTest::newRow("lt negative fail") << "lt" << "-1.5" << "dec:-1.25" << false;
    QTest::newRow("lt big ints exact") << "lt" << "9007199254740993" << "int:9007199254740992" << true;
    QTest::newRow("lt long decimal exact") << "lt" << R"("12345678901234567890.0000000002")"
                                           << "dec:12345678901234567890.0000000001" << true;
    QTest::newRow("lt exponent") << "lt" << "1e3" << "text:999" << true;
    QTest::newRow("lte equal") << "lte" << "5" << "int:5" << true;
    QTest::newRow("lte greater") << "lte" << "5" << "int:6" << false;
    QTest::newRow("gt numeric") << "gt" << "1000" << "dec:1000.01" << true;
    QTest::newRow("gt numeric fail") << "gt" << "1000" << "int:1000" << false;
    QTest::newRow("gt text utf8 order") << "gt" << R"("z")" << "text:é" << true;
    QTest::newRow("gte equal") << "gte" << "2.5" << "dbl:2.5" << true;
    QTest::newRow("gte less") << "gte" << "2.5" << "dbl:2.4" << false;
    QTest::newRow("gte date text") << "gte" << R"("2026-01-01")" << "date:2025-12-31" << false;
    QTest::newRow("between inside") << "between" << "[1, 10]" << "text:5" << true;
    QTest::newRow("between low bound") << "between" << "[1, 10]" << "int:1" << true;
    QTest::newRow("between high bound") << "between" << "[1, 10]" << "int:10" << true;
    QTest::newRow("between above") << "between" << "[1, 10]" << "int:11" << false;
    QTest::newRow("between numeric not text") << "between" << "[1, 10]" << "text:2" << true;
    QTest::newRow("between text") << "between" << R"(["b", "d"])" << "text:cat" << true;
    QTest::newRow("between text outside") << "between" << R"(["b", "d"])" << "text:dog" << false;
    QTest::newRow("in hit") << "in" << R"(["a", 2, "c"])" << "text:c" << true;
    QTest::newRow("in numeric hit") << "in" << R"(["a", 2, "c"])" << "dec:2.00" << true;
    QTest::newRow("in miss") << "in" << R"(["a", 2, "c"])" << "text:b" << false;
    QTest::newRow("notIn hit") << "notIn" << R"(["a", "b"])" << "text:a" << false;
    QTest::newRow("notIn miss") << "notIn" << R"(["a", "b"])" << "text:z" << true;
    QTest::newRow("contains") << "contains" << R"("erg")" << "text:Energy" << true;
    QTest::newRow("contains miss") << "contains" << R"("ERG")" << "text:Energy" << false;
    QTest::newRow("contains number") << "contains" << "23" << "int:1234" << true;
    QTest::newRow("startsWith") << "startsWith" << R"("En")" << "text:Energy" << true;
    QTest::newRow("startsWith miss") << "startsWith" << R"("gy")" << "text:Energy" << false;
    QTest::newRow("endsWith") << "endsWith" << R"("gy")" << "text:Energy" << true;
    QTest::newRow("endsWith miss") << "endsWith" << R"("En")" << "text:Energy" << false;
    QTest::newRow("isNull on value") << "isNull" << "" << "text:" << false;
    QTest::newRow("isNotNull on empty text") << "isNotNull" << "" << "text:" << true;
    QTest::newRow("regex search") << "regex" << R"("^A[0-9]+")" << "text:A123x" << true;
    QTest::newRow("regex search middle") << "regex" << R"("[0-9]{3}")" << "text:ab123cd" << true;
    QTest::newRow("regex anchored miss") << "regex" << R"("^[0-9]+$")" << "text:12a" << false;
    QTest::newRow("regex utf8") << "regex" << R"("^日本.$")" << "text:日本語" << true;
    QTest::newRow("regex on int") << "regex" << R"("^-?\\d+$")" << "int:-42" << true;

    // NULL: isNull, neq and notIn match (a missing value equals nothing); the rest do not.
    for (const char *spec : {"null", "missing"}) {
        auto row = [spec](const char *what) { return &QTest::newRow(QByteArray(QByteArray(spec) + ' ' + what).constData()); };
        *row("eq") << "eq" << R"("x")" << spec << false;
        *row("neq") << "neq" << R"("x")" << spec << true;
        *row("lt") << "lt" << "5" << spec << false;
        *row("notIn") << "notIn" << R"(["x"])" << spec << true;
        *row("in") << "in" << R"(["x"])" << spec << false;
        *row("contains empty") << "contains" << R"("")" << spec << false;
        *row("regex") << "regex" << R"(".*")" << spec << false;
        *row("isNull") << "isNull" << "" << spec << true;
        *row("isNotNull") << "isNotNull" << "" << spec << false;
    }
}

void TestFilterSet::accepts()
{
    QFETCH(QString, op);
    QFETCH(QString, value);
    QFETCH(QString, field);
    QFETCH(bool, expected);
    nlohmann::json f = {{"field", "f"}, {"op", op.toStdString()}};
    if (!value.isEmpty())
        f["value"] = parse(value);
    const FilterSet set = FilterSet::compile(nlohmann::json::array({f}));
    QVERIFY(!set.empty());
    QCOMPARE(set.accepts(recordWith(field)), expected);
}

void TestFilterSet::compareValues_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("expected"); // -1, 0, 1, 2 = unordered
    QTest::addColumn<bool>("numeric");
    QTest::newRow("ints") << "int:-3" << "int:2" << -1 << true;
    QTest::newRow("int vs uint") << "int:-1" << "uint:18446744073709551615" << -1 << true;
    QTest::newRow("decimal trailing zeros") << "dec:1.500" << "text:1.5" << 0 << true;
    QTest::newRow("leading zeros") << "text:007" << "int:7" << 0 << true;
    QTest::newRow("fraction order") << "dec:0.6" << "dec:0.51" << 1 << true;
    QTest::newRow("double vs int") << "dbl:2.5" << "int:2" << 1 << true;
    QTest::newRow("bool vs int") << "bool:true" << "int:1" << 0 << true;
    QTest::newRow("text") << "text:Zebra" << "text:apple" << -1 << false;
    QTest::newRow("number vs word") << "int:5" << "text:five" << -1 << false;
    QTest::newRow("nan word is text") << "text:nan" << "int:1" << 1 << false;
    QTest::newRow("double nan unordered") << "dbl:nan" << "int:1" << 2 << true;
    QTest::newRow("bytes are text") << "bytes:12" << "int:12" << 0 << false;
}

void TestFilterSet::compareValues()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, expected);
    QFETCH(bool, numeric);
    bool wasNumeric = !numeric;
    const std::partial_ordering c = flowdeck::compareValues(valueFromSpec(a), valueFromSpec(b), &wasNumeric);
    const int got = c == std::partial_ordering::unordered ? 2 : c < 0 ? -1 : c > 0 ? 1 : 0;
    QCOMPARE(got, expected);
    QCOMPARE(wasNumeric, numeric);
}

void TestFilterSet::conditionsAreAnded()
{
    const FilterSet set = FilterSet::compile(parse(QStringLiteral(R"([
        {"field": "Industry", "op": "neq", "value": "Energy"},
        {"field": "Revenue", "op": "gte", "value": 1000}])")));
    auto schema = std::make_shared<Schema>(std::vector<std::string>{"Industry", "Revenue"});
    auto rec = [&](const char *industry, const char *revenue) {
        Record r;
        r.schema = schema;
        r.values = {Value::text(industry), Value::text(revenue)};
        return r;
    };
    QVERIFY(set.accepts(rec("Retail", "5000")));
    QVERIFY(!set.accepts(rec("Energy", "5000")));
    QVERIFY(!set.accepts(rec("Retail", "999.99")));
    QVERIFY(!set.accepts(rec("Energy", "10")));
}

void TestFilterSet::emptyAndNull()
{
    const FilterSet none = FilterSet::compile(nlohmann::json::array());
    QVERIFY(none.empty());
    QVERIFY(none.accepts(recordWith(QStringLiteral("null"))));
    QVERIFY(FilterSet::compile(nlohmann::json()).empty());
    QVERIFY(FilterSet().accepts(Record{}));
}

void TestFilterSet::schemasChangeMidStream()
{
    const FilterSet set = FilterSet::compile(parse(QStringLiteral(R"([{"field": "b", "op": "eq", "value": "yes"}])")));
    auto s1 = std::make_shared<Schema>(std::vector<std::string>{"a", "b"});
    auto s2 = std::make_shared<Schema>(std::vector<std::string>{"b", "a", "c"});
    Record r1{s1, {Value::text("yes"), Value::text("no")}, {}, RowOp::Insert, {}, {}};
    Record r2{s2, {Value::text("yes"), Value::text("no"), Value::text("z")}, {}, RowOp::Insert, {}, {}};
    for (int round = 0; round < 3; ++round) { // alternate to exercise the cache both ways
        QVERIFY(!set.accepts(r1));
        QVERIFY(set.accepts(r2));
    }
    // Many schemas (more than the cache holds), each freed right after use: a new schema at a
    // reused address must never be matched with stale indexes.
    for (int i = 0; i < 100; ++i) {
        std::vector<std::string> names{"x" + std::to_string(i)};
        if (i % 2)
            names.insert(names.begin(), "b");
        else
            names.push_back("b");
        Record r{std::make_shared<Schema>(names), {}, {}, RowOp::Insert, {}, {}};
        r.values = i % 2 ? std::vector<Value>{Value::text("yes"), Value::text("no")}
                         : std::vector<Value>{Value::text("no"), Value::text("yes")};
        QVERIFY2(set.accepts(r), QByteArray::number(i).constData());
    }
    // A record shorter than its schema reads the absent values as NULL.
    Record shortRecord{s1, {Value::text("yes")}, {}, RowOp::Insert, {}, {}};
    QVERIFY(!set.accepts(shortRecord));
}

void TestFilterSet::fieldsListed()
{
    const FilterSet set = FilterSet::compile(parse(QStringLiteral(R"([
        {"field": "b", "op": "isNull"}, {"field": "a", "op": "eq", "value": 1},
        {"field": "b", "op": "lt", "value": 3}])")));
    QCOMPARE(set.fields(), (std::vector<std::string>{"b", "a"}));
}

void TestFilterSet::compileErrors_data()
{
    QTest::addColumn<QString>("filters");
    QTest::addColumn<QString>("message");
    QTest::newRow("not array") << R"({"field": "a"})" << "filters: must be an array";
    QTest::newRow("not object") << R"([1])" << "filters[0]: must be an object";
    QTest::newRow("unknown op") << R"([{"field": "a", "op": "eq", "value": 1}, {"field": "a", "op": "foo"}])"
                                << "filters[1].op: unknown operator 'foo'";
    QTest::newRow("missing op") << R"([{"field": "a"}])" << "filters[0].op: missing";
    QTest::newRow("missing field") << R"([{"op": "isNull"}])" << "filters[0].field: missing";
    QTest::newRow("empty field") << R"([{"field": "", "op": "isNull"}])" << "filters[0].field: must be a non-empty string";
    QTest::newRow("unknown key") << R"([{"field": "a", "op": "eq", "valeu": 1}])" << "filters[0].valeu: unknown key";
    QTest::newRow("missing value") << R"([{"field": "a", "op": "gt"}])" << "filters[0].value: missing";
    QTest::newRow("object value") << R"([{"field": "a", "op": "eq", "value": {}}])"
                                  << "filters[0].value: must be a string, number or boolean";
    QTest::newRow("between one") << R"([{"field": "a", "op": "between", "value": [1]}])"
                                 << "filters[0].value: between needs [low, high]";
    QTest::newRow("between null") << R"([{"field": "a", "op": "between", "value": [1, null]}])"
                                  << "filters[0].value[1]: must be a string, number or boolean";
    QTest::newRow("in empty") << R"([{"field": "a", "op": "in", "value": []}])"
                              << "filters[0].value: in needs a non-empty list of values";
    QTest::newRow("notIn scalar") << R"([{"field": "a", "op": "notIn", "value": "x"}])"
                                  << "filters[0].value: notIn needs a non-empty list of values";
    QTest::newRow("isNull value") << R"([{"field": "a", "op": "isNull", "value": 1}])"
                                  << "filters[0].value: isNull takes no value";
    QTest::newRow("regex number") << R"([{"field": "a", "op": "regex", "value": 5}])"
                                  << "filters[0].value: regex needs a pattern string";
    QTest::newRow("regex invalid") << R"([{"field": "a", "op": "regex", "value": "(ab"}])"
                                   << "filters[0].value: invalid regular expression: missing closing parenthesis at offset 3";
}

void TestFilterSet::compileErrors()
{
    QFETCH(QString, filters);
    QFETCH(QString, message);
    try {
        FilterSet::compile(parse(filters));
        QFAIL("no ConfigError");
    } catch (const ConfigError &e) {
        QCOMPARE(QString::fromStdString(e.what()), message);
    }
}

QTEST_GUILESS_MAIN(TestFilterSet)
#include "tst_filterset.moc"
