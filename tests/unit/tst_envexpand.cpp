#include "core/flow/flow.h"

#include <QTest>

#include <map>

using namespace flowdeck;
using nlohmann::json;
using namespace Qt::Literals::StringLiterals;

namespace {

/// JSON as text, for QCOMPARE (which cannot print or compare nlohmann::json itself).
QString dumped(const json &value)
{
    return QString::fromStdString(value.dump());
}

/// A fixed environment: A=alpha, EMPTY="", PORT=4000, NESTED=${A} (never expanded twice).
EnvLookup testEnvironment()
{
    static const std::map<std::string, std::string> vars = {
        {"A", "alpha"}, {"EMPTY", ""}, {"PORT", "4000"}, {"NESTED", "${A}"}};
    return [](const std::string &name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end())
            return std::nullopt;
        return it->second;
    };
}

QStringList problemStrings(const std::vector<FlowProblem> &problems)
{
    QStringList out;
    for (const auto &p : problems)
        out << QString::fromStdString(p.toString());
    return out;
}

void row(const char *name, const char *text, const char *expected, std::initializer_list<const char *> problems)
{
    QStringList list;
    for (const char *p : problems)
        list << QString::fromUtf8(p);
    QTest::newRow(name) << QString::fromUtf8(text) << QString::fromUtf8(expected) << list;
}

} // namespace

class TestEnvExpand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void strings_data();
    void strings();
    void unsetIsReportedWhereEmptyIsWrong_data();
    void unsetIsReportedWhereEmptyIsWrong();
    void nestedValuesAndKeys();
    void processEnvironment();
};

void TestEnvExpand::strings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("problems");
    row("plain", "no references", "no references", {});
    row("set", "${A}", "alpha", {});
    row("inside text", "x-${A}-y", "x-alpha-y", {});
    row("two", "${A}${PORT}", "alpha4000", {});
    row("default unused", "${A:-x}", "alpha", {});
    row("default used", "${UNSET:-x}", "x", {});
    row("default for empty", "${EMPTY:-x}", "x", {});
    row("empty default", "${UNSET:-}", "", {});
    row("default with spaces", "${UNSET:-a b, c}", "a b, c", {});
    row("nested default", "${UNSET:-${A}}", "alpha", {});
    row("nested default twice", "${UNSET:-${ALSO_UNSET:-deep}}", "deep", {});
    row("set variable ignores default", "${A:-${ALSO_UNSET}}", "alpha", {});
    row("value not re-expanded", "${NESTED}", "${A}", {});
    row("set but empty", "${EMPTY}", "", {});
    row("escaped", "$${A}", "${A}", {});
    row("escaped then real", "$${A} ${A}", "${A} alpha", {});
    row("lone dollar", "costs $5 or $$", "costs $5 or $$", {});
    row("brace text", "{table} }", "{table} }", {});
    row("unset", "x${UNSET}y", "xy",
        {"destination.table: environment variable UNSET is not set and has no default (write ${UNSET:-default})"});
    row("unterminated", "${A", "${A", {"destination.table: unterminated '${' (write '$${' for a literal '${')"});
    row("unterminated default", "${A:-x", "${A:-x",
        {"destination.table: unterminated '${' (write '$${' for a literal '${')"});
    row("empty name", "${}", "${}",
        {"destination.table: invalid reference '${}' (expected ${NAME} or ${NAME:-default}, NAME made of letters, "
         "digits and _)"});
    row("bad name", "a ${1X} b", "a ${1X} b",
        {"destination.table: invalid reference '${1X}' (expected ${NAME} or ${NAME:-default}, NAME made of letters, "
         "digits and _)"});
    row("shell only syntax", "${A-x}", "${A-x}",
        {"destination.table: invalid reference '${A-x}' (expected ${NAME} or ${NAME:-default}, NAME made of "
         "letters, digits and _)"});
}

void TestEnvExpand::strings()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(QStringList, problems);
    const json doc = {{"destination", {{"table", text.toStdString()}}}};
    std::vector<FlowProblem> found;
    const json out = expandEnvironment(doc, testEnvironment(), &found);
    QCOMPARE(QString::fromStdString(out["destination"]["table"].get<std::string>()), expected);
    QCOMPARE(problemStrings(found), problems);
    // Without a problem list the same text comes out and nothing throws.
    QCOMPARE(dumped(expandEnvironment(doc, testEnvironment())), dumped(out));
}

void TestEnvExpand::unsetIsReportedWhereEmptyIsWrong_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("reported");
    QTest::newRow("password") << u"destination.connection.password"_s << false;
    QTest::newRow("description") << u"description"_s << false;
    QTest::newRow("filter value") << u"filters.0.value"_s << false;
    QTest::newRow("in list value") << u"filters.0.value.1"_s << false;
    QTest::newRow("separator") << u"mapping.0.transform.separator"_s << false;
    QTest::newRow("kafka property") << u"source.properties.sasl.password"_s << false;
    QTest::newRow("host") << u"destination.connection.host"_s << true;
    QTest::newRow("path") << u"source.path"_s << true;
    QTest::newRow("name") << u"name"_s << true;
}

void TestEnvExpand::unsetIsReportedWhereEmptyIsWrong()
{
    QFETCH(QString, path);
    QFETCH(bool, reported);
    // Build {"a": {"b": ...}} from "a.b"; numeric parts become array indexes. Kafka property
    // names contain dots themselves, so everything after "properties" is one key.
    json doc = json::object();
    json *at = &doc;
    const QStringList parts = path.split(u'.');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (i > 0 && parts[i - 1] == u"properties") {
            at = &(*at)[parts.mid(i).join(u'.').toStdString()];
            break;
        }
        bool isIndex = false;
        const int index = parts[i].toInt(&isIndex);
        if (isIndex) {
            *at = json::array();
            for (int k = 0; k <= index; ++k)
                at->push_back(nullptr);
            at = &(*at)[std::size_t(index)];
        } else {
            at = &(*at)[parts[i].toStdString()];
        }
    }
    *at = "${UNSET}";
    std::vector<FlowProblem> found;
    const json out = expandEnvironment(doc, testEnvironment(), &found);
    QCOMPARE(out.dump().find("${"), std::string::npos);
    QCOMPARE(found.size(), reported ? std::size_t(1) : std::size_t(0));
}

void TestEnvExpand::nestedValuesAndKeys()
{
    const json doc = json::parse(R"({
        "${A}": "key untouched",
        "list": ["${A}", 1, true, null, ["${PORT}"], {"deep": "${UNSET:-d}"}],
        "number": 12,
        "object": {"x": "$${A}"}
    })");
    std::vector<FlowProblem> found;
    const json out = expandEnvironment(doc, testEnvironment(), &found);
    const json expected = json::parse(R"({
        "${A}": "key untouched",
        "list": ["alpha", 1, true, null, ["4000"], {"deep": "d"}],
        "number": 12,
        "object": {"x": "${A}"}
    })");
    QCOMPARE(QString::fromStdString(out.dump()), QString::fromStdString(expected.dump()));
    QVERIFY(found.empty());

    // Problems in nested values name their place with indexes.
    const json bad = json::parse(R"({"mapping": [{"source": "x"}, {"transform": [{"op": "upper"}, {"source": "${B"}]}]})");
    expandEnvironment(bad, testEnvironment(), &found);
    QCOMPARE(problemStrings(found),
             QStringList{u"mapping[1].transform[1].source: unterminated '${' (write '$${' for a literal '${')"_s});
}

void TestEnvExpand::processEnvironment()
{
    qputenv("FLOWDECK_TST_ENVEXPAND", "from the process");
    qunsetenv("FLOWDECK_TST_ENVEXPAND_UNSET");
    const EnvLookup env = flowdeck::processEnvironment();
    QVERIFY(env("FLOWDECK_TST_ENVEXPAND") == std::optional<std::string>("from the process"));
    QVERIFY(!env("FLOWDECK_TST_ENVEXPAND_UNSET"));
}

QTEST_GUILESS_MAIN(TestEnvExpand)
#include "tst_envexpand.moc"
