#include "core/model/errors.h"
#include "core/transform/mapper.h"

#include <QTest>

using namespace flowdeck;

namespace {

// A record with the fields of a JSON object (strings become text, numbers integers or doubles).
Record recordFromJson(const nlohmann::json &fields)
{
    std::vector<std::string> names;
    Record r;
    for (const auto &[name, v] : fields.items()) {
        names.push_back(name);
        if (v.is_string()) r.values.push_back(Value::text(v.get<std::string>()));
        else if (v.is_number_integer()) r.values.push_back(Value::integer(v.get<std::int64_t>()));
        else if (v.is_number()) r.values.push_back(Value::floating(v.get<double>()));
        else if (v.is_boolean()) r.values.push_back(Value::boolean(v.get<bool>()));
        else r.values.push_back(Value::null());
    }
    r.schema = std::make_shared<Schema>(std::move(names));
    return r;
}

QString specOf(const Value &v)
{
    static const char *const kTags[] = {"null", "bool", "int", "uint", "dec", "dbl", "text", "bytes",
                                        "date", "time", "datetime"};
    if (v.isNull()) return QStringLiteral("null");
    return QString::fromLatin1(kTags[int(v.type())]) + QLatin1Char(':') + QString::fromStdString(v.toString());
}

// The mapped record as "column=spec|column=spec".
QString describe(const Record &r)
{
    QStringList parts;
    for (std::size_t i = 0; i < r.values.size(); ++i)
        parts << QString::fromStdString(r.schema->names()[i]) + QLatin1Char('=') + specOf(r.values[i]);
    return parts.join(QLatin1Char('|'));
}

Mapper compile(const char *json)
{
    return Mapper::compile(nlohmann::json::parse(json));
}

} // namespace

class TestMapper : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void flowFileExample();
    void entries_data();
    void entries();
    void mapAll();
    void missingFieldsAreNull();
    void schemasChangeMidStream();
    void changeEventsKeepTheirTable();
    void failureStopsTheRecord();
    void errorRecordsAreRefused();
    void sourceFieldsListed();
    void movingMatchesCopying_data();
    void movingMatchesCopying();
    void compileErrors_data();
    void compileErrors();
};

void TestMapper::flowFileExample()
{
    const Mapper m = compile(R"([
        { "source": "Account ID", "destination": "id" },
        { "source": "Account Name", "destination": "name" },
        { "destination": "name_upper", "transform": { "op": "upper", "source": "Account Name" } },
        { "destination": "label", "transform": [ {"op": "concat", "sources": ["a", "b"], "separator": " "},
                                                 {"op": "trim"}, {"op": "notEmpty"} ] }])");
    QVERIFY(!m.mapsAll());
    Record in = recordFromJson({{"Account ID", "001"}, {"Account Name", "Edge Communications"}, {"a", "  x"},
                                {"b", nullptr}, {"Industry", "Energy"}});
    in.position.source = "accounts.csv";
    in.position.line = 14;
    in.op = RowOp::Update;
    Record out;
    std::string error;
    QVERIFY2(m.apply(in, out, error), error.c_str());
    QCOMPARE(describe(out), QStringLiteral("id=text:001|name=text:Edge Communications|"
                                           "name_upper=text:EDGE COMMUNICATIONS|label=text:x"));
    QCOMPARE(out.position.source, std::string("accounts.csv"));
    QCOMPARE(out.position.line, std::uint64_t(14));
    QCOMPARE(out.op, RowOp::Update);
    QCOMPARE(out.schema, m.outputSchema(in.schema));
    QCOMPARE(out.schema->names(), (std::vector<std::string>{"id", "name", "name_upper", "label"}));

    // Both concat parts NULL/blank: notEmpty fails the record, naming the column.
    Record blank = recordFromJson({{"Account ID", "002"}, {"Account Name", "X"}, {"a", " "}, {"b", ""}});
    QVERIFY(!m.apply(blank, out, error));
    QCOMPARE(QString::fromStdString(error), QStringLiteral(R"(validation notEmpty failed for "label": value is empty)"));
}

void TestMapper::entries_data()
{
    QTest::addColumn<QString>("transform"); // JSON of one entry's "transform", with source "s"
    QTest::addColumn<QString>("record");    // JSON object of the source record
    QTest::addColumn<QString>("expected");  // value spec, or "error:<message>"

    QTest::newRow("entry source feeds the first step") << R"({"op":"upper"})" << R"({"s":"abc"})" << "text:ABC";
    QTest::newRow("step source wins") << R"({"op":"upper","source":"t"})" << R"({"s":"abc","t":"def"})" << "text:DEF";
    QTest::newRow("chain in order") << R"([{"op":"trim"},{"op":"truncate","length":3},{"op":"upper"}])"
                                    << R"({"s":"  abcdef "})" << "text:ABC";
    QTest::newRow("chain utf8") << R"([{"op":"truncate","length":5},{"op":"mask","keepFirst":1,"keepLast":1}])"
                                << R"({"s":"日本語テキスト"})" << "text:日***キ";
    QTest::newRow("default after null") << R"([{"op":"trim"},{"op":"default","value":"none"}])" << R"({"s":null})"
                                        << "text:none";
    QTest::newRow("default for missing") << R"({"op":"default","value":0,"source":"nope"})" << R"({"s":"x"})" << "int:0";
    QTest::newRow("cast then range") << R"([{"op":"cast","to":"integer"},{"op":"range","min":1,"max":10}])"
                                     << R"({"s":"7"})" << "int:7";
    QTest::newRow("cast fails") << R"([{"op":"cast","to":"integer"},{"op":"range","min":1}])" << R"({"s":"abc"})"
                                << R"(error:cannot cast "abc" to integer for "out")";
    QTest::newRow("range fails after cast") << R"([{"op":"cast","to":"integer"},{"op":"range","max":10}])"
                                            << R"({"s":"70"})"
                                            << R"(error:validation range failed for "out": 70 is above the maximum 10)";
    QTest::newRow("notNull on missing") << R"({"op":"notNull","source":"gone"})" << R"({"s":"x"})"
                                        << R"(error:validation notNull failed for "out": value is null)";
    QTest::newRow("concat skips null and missing") << R"({"op":"concat","sources":["f","m","x","l"],"separator":"-"})"
                                                   << R"({"f":"a","m":null,"l":3})" << "text:a-3";
    QTest::newRow("concat then replace") << R"([{"op":"concat","sources":["f","l"]},{"op":"replace","pattern":"\\s+","with":"_"}])"
                                         << R"({"f":"a b ","l":"c"})" << "text:a_b_c";
    QTest::newRow("concat all null") << R"([{"op":"concat","sources":["x","y"]},{"op":"default","value":"?"}])"
                                     << R"({"s":1})" << "text:?";
    QTest::newRow("constant") << R"({"op":"constant","value":"web"})" << R"({"s":"x"})" << "text:web";
    QTest::newRow("later step reads its own source")
        << R"([{"op":"constant","value":1},{"op":"rename","source":"t"}])" << R"({"s":"x","t":"y"})" << "text:y";
    QTest::newRow("regex validation") << R"([{"op":"lower"},{"op":"regex","pattern":"^[a-z]+@"}])"
                                      << R"({"s":"ANN@X.ORG"})" << "text:ann@x.org";
}

void TestMapper::entries()
{
    QFETCH(QString, transform);
    QFETCH(QString, record);
    QFETCH(QString, expected);
    nlohmann::json mapping = nlohmann::json::array();
    mapping.push_back({{"source", "s"}, {"destination", "out"}, {"transform", nlohmann::json::parse(transform.toStdString())}});
    const Mapper m = Mapper::compile(mapping);
    Record out;
    std::string error;
    const bool ok = m.apply(recordFromJson(nlohmann::json::parse(record.toStdString())), out, error);
    if (expected.startsWith(QLatin1String("error:"))) {
        QVERIFY(!ok);
        QCOMPARE(QString::fromStdString(error), expected.mid(6));
    } else {
        QVERIFY2(ok, error.c_str());
        QCOMPARE(out.values.size(), std::size_t(1));
        QCOMPARE(specOf(out.values[0]), expected);
    }
}

void TestMapper::mapAll()
{
    const Mapper m = Mapper::compile(std::nullopt);
    QVERIFY(m.mapsAll());
    QVERIFY(m.sourceFields().empty());
    Record in = recordFromJson({{"a", 1}, {"b", "x"}});
    in.position.offset = 99;
    QCOMPARE(m.outputSchema(in.schema), in.schema);
    Record out;
    std::string error;
    QVERIFY(m.apply(in, out, error));
    QCOMPARE(out.schema, in.schema);
    QCOMPARE(describe(out), QStringLiteral("a=int:1|b=text:x"));
    QCOMPARE(out.position.offset, std::uint64_t(99));
}

void TestMapper::missingFieldsAreNull()
{
    const Mapper m = compile(R"([{"source": "a", "destination": "A"}, {"source": "zz", "destination": "Z"}])");
    Record in = recordFromJson({{"a", "1"}});
    Record out;
    std::string error;
    QVERIFY(m.apply(in, out, error));
    QCOMPARE(describe(out), QStringLiteral("A=text:1|Z=null"));
    // A record with fewer values than its schema names (and one without a schema) read NULL too.
    in.values.clear();
    QVERIFY(m.apply(in, out, error));
    QCOMPARE(describe(out), QStringLiteral("A=null|Z=null"));
    Record bare;
    QVERIFY(m.apply(bare, out, error));
    QCOMPARE(describe(out), QStringLiteral("A=null|Z=null"));
}

void TestMapper::schemasChangeMidStream()
{
    const Mapper m = compile(R"([{"source": "b", "destination": "B"}, {"source": "a", "destination": "A"}])");
    const Record r1 = recordFromJson({{"a", "a1"}, {"b", "b1"}});
    const Record r2 = recordFromJson({{"a", "a2"}, {"c", "c2"}, {"b", "b2"}, {"d", "d2"}});
    const SchemaPtr output = m.outputSchema(r1.schema);
    QCOMPARE(m.outputSchema(r2.schema), output); // one output schema whatever the input
    Record out; // reused across calls, as the engine does
    std::string error;
    for (int round = 0; round < 3; ++round) {
        QVERIFY(m.apply(r1, out, error));
        QCOMPARE(describe(out), QStringLiteral("B=text:b1|A=text:a1"));
        QVERIFY(m.apply(r2, out, error));
        QCOMPARE(describe(out), QStringLiteral("B=text:b2|A=text:a2"));
    }
    // More schemas than the cache holds, each freed after use (addresses get reused).
    for (int i = 0; i < 100; ++i) {
        nlohmann::json fields = {{"b", "b" + std::to_string(i)}};
        fields["k" + std::to_string(i)] = i;
        if (i % 3)
            fields["a"] = "a" + std::to_string(i);
        QVERIFY(m.apply(recordFromJson(fields), out, error));
        const QString a = i % 3 ? QStringLiteral("text:a%1").arg(i) : QStringLiteral("null");
        QCOMPARE(describe(out), QStringLiteral("B=text:b%1|A=").arg(i) + a);
    }
}

void TestMapper::failureStopsTheRecord()
{
    const Mapper m = compile(R"([{"source": "qty", "destination": "qty", "transform": {"op": "cast", "to": "integer"}},
                                 {"source": "name", "destination": "name", "transform": {"op": "notEmpty"}}])");
    Record out;
    std::string error;
    QVERIFY(!m.apply(recordFromJson({{"qty", "12"}, {"name", ""}}), out, error));
    QCOMPARE(QString::fromStdString(error), QStringLiteral(R"(validation notEmpty failed for "name": value is empty)"));
    QVERIFY(!m.apply(recordFromJson({{"qty", "1.5"}, {"name", "x"}}), out, error));
    QCOMPARE(QString::fromStdString(error),
             QStringLiteral(R"(cannot cast "1.5" to integer for "qty": has a fractional part)"));
    QVERIFY(m.apply(recordFromJson({{"qty", "3"}, {"name", "x"}}), out, error));
    QCOMPARE(describe(out), QStringLiteral("qty=int:3|name=text:x"));
}

void TestMapper::errorRecordsAreRefused()
{
    const Mapper m = Mapper::compile(std::nullopt);
    Record bad;
    bad.error = "unterminated quote";
    bad.raw = "\"abc";
    Record out;
    std::string error;
    QVERIFY(!m.apply(bad, out, error));
    QCOMPARE(error, std::string("unterminated quote"));
}

void TestMapper::sourceFieldsListed()
{
    const Mapper m = compile(R"([{"source": "b", "destination": "x"},
                                 {"destination": "y", "transform": {"op": "concat", "sources": ["a", "b", "c"]}},
                                 {"source": "d", "destination": "z", "transform": [{"op": "upper"}, {"op": "default", "source": "a", "value": 1}]},
                                 {"destination": "w", "transform": {"op": "constant", "value": 1}}])");
    QCOMPARE(m.sourceFields(), (std::vector<std::string>{"b", "a", "c", "d"}));
    QCOMPARE(m.outputSchema(nullptr)->names(), (std::vector<std::string>{"x", "y", "z", "w"}));
}

void TestMapper::compileErrors_data()
{
    QTest::addColumn<QString>("mapping");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << "[]" << "mapping: must not be empty; omit it to map all fields directly";
    QTest::newRow("object") << R"({"source":"a"})" << "mapping: must be an array";
    QTest::newRow("entry not object") << R"([{"source":"a","destination":"a"}, "b"])" << "mapping[1]: must be an object";
    QTest::newRow("no destination") << R"([{"source":"a"}])" << "mapping[0].destination: missing";
    QTest::newRow("empty destination") << R"([{"source":"a","destination":""}])"
                                       << "mapping[0].destination: must be a non-empty string";
    QTest::newRow("duplicate destination") << R"([{"source":"a","destination":"id"},{"source":"b","destination":"x"},{"source":"c","destination":"id"}])"
                                           << "mapping[2].destination: column 'id' is already mapped by mapping[0]";
    QTest::newRow("source not string") << R"([{"source":1,"destination":"a"}])" << "mapping[0].source: must be a non-empty string";
    QTest::newRow("neither") << R"([{"destination":"a"}])"
                             << "mapping[0]: needs a 'source' (the field to copy) or a 'transform'";
    QTest::newRow("unknown key") << R"([{"source":"a","destination":"a","transfrom":{}}])" << "mapping[0].transfrom: unknown key";
    QTest::newRow("transform empty array") << R"([{"source":"a","destination":"a","transform":[]}])"
                                           << "mapping[0].transform: must be an object or a non-empty array of objects";
    QTest::newRow("transform string") << R"([{"source":"a","destination":"a","transform":"upper"}])"
                                      << "mapping[0].transform: must be an object or a non-empty array of objects";
    QTest::newRow("unknown op in chain") << R"([{"source":"a","destination":"a"},{"source":"b","destination":"b","transform":[{"op":"trim"},{"op":"foo"}]}])"
                                         << "mapping[1].transform[1].op: unknown operator 'foo'";
    QTest::newRow("bad option in object") << R"([{"source":"a","destination":"a","transform":{"op":"truncate","length":-1}}])"
                                          << "mapping[0].transform.length: must be a non-negative integer";
    QTest::newRow("no input") << R"([{"destination":"a","transform":[{"op":"upper"}]}])"
                              << "mapping[0].transform[0]: 'upper' has no input: give it a 'source', or give the mapping entry one";
    QTest::newRow("validation without input") << R"([{"destination":"a","transform":{"op":"notNull"}}])"
                                              << "mapping[0].transform: 'notNull' has no input: give it a 'source', or give the mapping entry one";
}

void TestMapper::compileErrors()
{
    QFETCH(QString, mapping);
    QFETCH(QString, message);
    try {
        Mapper::compile(nlohmann::json::parse(mapping.toStdString()));
        QFAIL("no ConfigError");
    } catch (const ConfigError &e) {
        QCOMPARE(QString::fromStdString(e.what()), message);
    }
}

void TestMapper::movingMatchesCopying_data()
{
    QTest::addColumn<QString>("mapping"); // "" = map all
    QTest::addColumn<bool>("ok");
    QTest::newRow("map all") << QString() << true;
    QTest::newRow("renames") << R"([{"source": "a", "destination": "x"}, {"source": "b", "destination": "y"}])" << true;
    QTest::newRow("one field twice") << R"([{"source": "a", "destination": "x"}, {"source": "a", "destination": "y"}])" << true;
    QTest::newRow("rename and transform of one field")
        << R"([{"source": "a", "destination": "x"}, {"destination": "y", "transform": {"op": "upper", "source": "a"}}])" << true;
    QTest::newRow("failing validation after a rename")
        << R"([{"source": "a", "destination": "x"}, {"destination": "y", "transform": {"op": "notEmpty", "source": "b"}}])" << false;
}

void TestMapper::movingMatchesCopying()
{
    QFETCH(QString, mapping);
    QFETCH(bool, ok);
    const Mapper m = mapping.isEmpty() ? Mapper::compile(std::nullopt)
                                       : Mapper::compile(nlohmann::json::parse(mapping.toStdString()));
    const Record original = recordFromJson({{"a", "a value longer than sixteen bytes"}, {"b", ""}});
    Record copied, moved, in = original;
    in.position.source = "input.csv";
    in.position.line = 7;
    std::string e1, e2;
    QCOMPARE(m.apply(in, copied, e1), ok);
    QCOMPARE(m.applyMoving(in, moved, e2), ok);
    QCOMPARE(e2, e1);
    if (ok) {
        QCOMPARE(describe(moved), describe(copied));
        QCOMPARE(moved.position.toString(), std::string("input.csv:7"));
    } else {
        // A failed record reaches the dead-letter file as it was read.
        QCOMPARE(describe(in), describe(original));
        QCOMPARE(in.position.toString(), std::string("input.csv:7"));
    }
}

// A mapped change event keeps its source table (canal-json and replicate's {table} need it),
// described by the mapped columns, and its before image mapped like the row.
void TestMapper::changeEventsKeepTheirTable()
{
    auto table = std::make_shared<TableInfo>();
    table->database = "shop";
    table->table = "orders";
    table->columns = {{"id", "int", "int", true, false, false, ""}, {"name", "varchar", "varchar(20)"}, {"qty", "int", "int"}};
    table->keyIndexes = {0};
    Record in;
    in.schema = std::make_shared<Schema>(std::vector<std::string>{"id", "name", "qty"});
    in.table = table;
    in.op = RowOp::Update;
    in.values = {Value::integer(1), Value::text("ann"), Value::integer(3)};
    in.before = {Value::integer(1), Value::text("bob"), Value::integer(2)};
    const Mapper m = compile(R"([{"source":"id","destination":"order_id"},{"source":"name","destination":"who","transform":{"op":"upper"}}])");
    Record out;
    std::string error;
    QVERIFY2(m.apply(in, out, error), error.c_str());
    QVERIFY(out.table);
    QCOMPARE(out.table->database, std::string("shop"));
    QCOMPARE(out.table->table, std::string("orders"));
    QCOMPARE(out.table->columns.size(), std::size_t(2));
    QCOMPARE(out.table->columns[0].name, std::string("order_id"));
    QCOMPARE(out.table->columns[0].dataType, std::string("int")); // a rename keeps the type
    QVERIFY(out.table->columns[1].dataType.empty());              // a transform's is unknown
    QCOMPARE(out.table->keyIndexes, std::vector<int>{0});
    QCOMPARE(describe(out), QStringLiteral("order_id=int:1|who=text:ANN"));
    QCOMPARE(out.before, (std::vector<Value>{Value::integer(1), Value::text("BOB")}));
    // The same table again: the same description.
    Record again;
    QVERIFY(m.apply(in, again, error));
    QCOMPARE(again.table.get(), out.table.get());
    // Without the key column mapped, the table has no key.
    const Mapper noKey = compile(R"([{"source":"name","destination":"name"}])");
    QVERIFY(noKey.apply(in, out, error));
    QVERIFY(out.table->keyIndexes.empty());
}

QTEST_GUILESS_MAIN(TestMapper)
#include "tst_mapper.moc"
