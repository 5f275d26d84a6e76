#include "core/flow/endpointvalidator.h"
#include "core/flow/flowvalidator.h"
#include "core/flow/flowvocabulary.h"
#include "core/flow/mappingvalidator.h"
#include "tests/common/testsupport.h"

#include <QTest>

#include <algorithm>
#include <fstream>
#include <set>

using namespace flowdeck;
using nlohmann::json;
using namespace Qt::Literals::StringLiterals;

namespace {

QStringList words(std::span<const std::string_view> list)
{
    QStringList out;
    for (auto w : list)
        out << QString::fromUtf8(w.data(), qsizetype(w.size()));
    return out;
}

QStringList strings(const json &array)
{
    QStringList out;
    for (const auto &v : array)
        out << QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
    return out;
}

QStringList keys(const json &object)
{
    QStringList out;
    for (const auto &[key, value] : object.items())
        out << QString::fromStdString(key);
    out.sort();
    return out;
}

/// The `const` (or each of the `enum`) of `if.properties.<property>` of every allOf branch.
QStringList branchValues(const json &schema, const std::string &property)
{
    QStringList out;
    for (const auto &branch : schema.at("allOf")) {
        const json &p = branch.at("if").at("properties").at(property);
        if (p.contains("const"))
            out << QString::fromStdString(p.at("const").get<std::string>());
        else
            out << strings(p.at("enum"));
    }
    return out;
}

} // namespace

/// docs/flow.schema.json describes the same format as the validator: these tests fail when one
/// of them gains a word the other does not know.
class TestFlowSchema : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void vocabulary_data();
    void vocabulary();
    void topLevel();
    void endpointTypes();
    void transformOps();
    void filterOps();

private:
    json m_schema;
};

void TestFlowSchema::initTestCase()
{
    std::ifstream in(test::sourcePath("docs/flow.schema.json"));
    QVERIFY2(in, "cannot open docs/flow.schema.json");
    try {
        m_schema = json::parse(in);
    } catch (const json::parse_error &e) {
        QFAIL(e.what());
    }
    QCOMPARE(QString::fromStdString(m_schema.value("$schema", "")),
             u"https://json-schema.org/draft/2020-12/schema"_s);
}

void TestFlowSchema::vocabulary_data()
{
    namespace v = flowdeck::vocabulary;
    QTest::addColumn<QString>("def");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("filterOp") << u"filterOp"_s << words(v::kFilterOps);
    QTest::newRow("transformOp") << u"transformOp"_s << words(v::kTransformOps);
    QTest::newRow("validationOp") << u"validationOp"_s << words(v::kValidationOps);
    QTest::newRow("castType") << u"castType"_s << words(v::kCastTypes);
    QTest::newRow("endpointType") << u"endpointType"_s << words(v::kEndpointTypes);
    QTest::newRow("fileFormat") << u"fileFormat"_s << words(v::kFileFormats);
    QTest::newRow("mysqlReadMode") << u"mysqlReadMode"_s << words(v::kMysqlReadModes);
    QTest::newRow("writeMode") << u"writeMode"_s << words(v::kWriteModes);
    QTest::newRow("kafkaProtocol") << u"kafkaProtocol"_s << words(v::kKafkaProtocols);
    QTest::newRow("kafkaStartFrom") << u"kafkaStartFrom"_s << words(v::kKafkaStartFrom);
    QTest::newRow("triggerType") << u"triggerType"_s << words(v::kTriggerTypes);
    QTest::newRow("onError") << u"onError"_s << words(v::kOnError);
    QTest::newRow("tlsMode") << u"tlsMode"_s << words(v::kTlsModes);
}

void TestFlowSchema::vocabulary()
{
    QFETCH(QString, def);
    QFETCH(QStringList, expected);
    const json &defs = m_schema.at("$defs");
    QVERIFY2(defs.contains(def.toStdString()), qPrintable(u"no $defs/"_s + def));
    const json &d = defs.at(def.toStdString());
    // Enums of values a flow may take from the environment accept "${NAME}" too (validate checks
    // the expanded value): {"anyOf": [{"enum": [...]}, {"$ref": "#/$defs/envText"}]}.
    const json &values = d.contains("enum") ? d.at("enum") : d.at("anyOf").at(0).at("enum");
    QCOMPARE(strings(values), expected);
}

void TestFlowSchema::topLevel()
{
    QStringList expected = words(FlowValidator::kTopLevelKeys);
    expected.sort();
    QCOMPARE(keys(m_schema.at("properties")), expected);
    QCOMPARE(m_schema.at("additionalProperties").get<bool>(), false);
    const json &versions = m_schema.at("properties").at("flowdeck").at("enum");
    QVERIFY(std::find(versions.begin(), versions.end(), json(vocabulary::kFlowVersion)) != versions.end());
    QCOMPARE(m_schema.at("properties").at("name").at("maxLength").get<std::size_t>(), FlowValidator::kMaxNameLength);
    QCOMPARE(strings(m_schema.at("$defs").at("kafkaDestination").at("properties").at("partition").at("anyOf")[0].at("enum")),
             words(EndpointValidator::kPartitionStrategies));
}

void TestFlowSchema::endpointTypes()
{
    // Every endpoint type has a branch in both roles, and its schema exists.
    for (const char *role : {"source", "destination"}) {
        const json &endpoint = m_schema.at("$defs").at(role);
        QCOMPARE(branchValues(endpoint, "type"), words(vocabulary::kEndpointTypes));
        for (const auto &branch : endpoint.at("allOf")) {
            const std::string ref = branch.at("then").at("$ref").get<std::string>();
            QVERIFY2(m_schema.at("$defs").contains(ref.substr(ref.rfind('/') + 1)), ref.c_str());
        }
    }
}

void TestFlowSchema::transformOps()
{
    // One branch per op, and each op's schema allows exactly the keys the validator allows.
    const json &step = m_schema.at("$defs").at("transformStep");
    QCOMPARE(branchValues(step, "op"), words(vocabulary::kTransformOps) + words(vocabulary::kValidationOps));
    QCOMPARE(MappingValidator::opKeys().size(), vocabulary::kTransformOps.size() + vocabulary::kValidationOps.size());
    for (const auto &op : MappingValidator::opKeys()) {
        const std::string def = "op." + std::string(op.op);
        QVERIFY2(m_schema.at("$defs").contains(def), def.c_str());
        QStringList expected = words(op.keys);
        expected.sort();
        QCOMPARE(keys(m_schema.at("$defs").at(def).at("properties")), expected);
    }
}

void TestFlowSchema::filterOps()
{
    // The value rules are grouped by op: every op in exactly one group.
    QStringList ops = branchValues(m_schema.at("$defs").at("filter"), "op");
    QCOMPARE(ops.size(), qsizetype(vocabulary::kFilterOps.size()));
    ops.sort();
    QStringList expected = words(vocabulary::kFilterOps);
    expected.sort();
    QCOMPARE(ops, expected);
}

QTEST_GUILESS_MAIN(TestFlowSchema)
#include "tst_flowschema.moc"
