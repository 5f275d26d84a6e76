// The filter editor on the offscreen platform: the count of seed rows that pass (through core's
// FilterSet), value checks per operator, editing through the delegate, and the JSON the flow
// file gets.
#include "accountssample.h"

#include "core/flow/flow.h"
#include "widgets/mapping/filterdelegate.h"
#include "widgets/mapping/filtereditor.h"
#include "widgets/mapping/filtermodel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleOptionViewItem>
#include <QTableView>
#include <QTest>

using namespace flowdeck;
using namespace flowdeck::test;
using nlohmann::json;

Q_DECLARE_METATYPE(json)

// QCOMPARE cannot take nlohmann::json (its conversion templates confuse qCompare's overloads).
#define QCOMPARE_JSON(actual, expected) \
    QCOMPARE(QString::fromStdString(json(actual).dump()), QString::fromStdString(json(expected).dump()))

namespace {

struct SeedFilters
{
    FilterEditor editor;
    QAbstractItemModelTester tester{editor.model(), QAbstractItemModelTester::FailureReportingMode::QtTest};
    SeedFilters()
    {
        editor.setSourceFields(accountsFields());
        editor.setSample(accountsSample());
    }
};

json flowWith(const json &filters)
{
    return {{"flowdeck", 1},
            {"name", "filter-editor-test"},
            {"source", {{"type", "file"}, {"path", "accounts.csv"}, {"format", "csv"}}},
            {"destination", {{"type", "file"}, {"path", "out.jsonl"}, {"format", "jsonl"}}},
            {"filters", filters}};
}

} // namespace

class TestFilterEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passCount_data();
    void passCount();
    void invalidValues_data();
    void invalidValues();
    void operatorChangeKeepsValues();
    void delegateEditsBetween();
    void addAndRemove();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void screenshot();
};

void TestFilterEditor::passCount_data()
{
    QTest::addColumn<json>("filters");
    QTest::addColumn<int>("passing");
    QTest::newRow("none") << json::array() << 13;
    QTest::newRow("seed: Industry neq Energy (NULL industry kept)")
        << json::parse(R"([{"field":"Industry","op":"neq","value":"Energy"}])") << 10;
    QTest::newRow("eq") << json::parse(R"([{"field":"Industry","op":"eq","value":"Energy"}])") << 3;
    QTest::newRow("in") << json::parse(R"([{"field":"Account Rating","op":"in","value":["Hot","Warm"]}])") << 5;
    QTest::newRow("notIn keeps NULL") << json::parse(R"([{"field":"Account Rating","op":"notIn","value":["Hot"]}])") << 11;
    QTest::newRow("isNull") << json::parse(R"([{"field":"Billing State/Province","op":"isNull"}])") << 2;
    QTest::newRow("isNotNull") << json::parse(R"([{"field":"Industry","op":"isNotNull"}])") << 11;
    QTest::newRow("startsWith") << json::parse(R"([{"field":"Account Name","op":"startsWith","value":"United"}])") << 3;
    QTest::newRow("contains") << json::parse(R"([{"field":"Account Name","op":"contains","value":"Oil"}])") << 3;
    QTest::newRow("regex") << json::parse(R"([{"field":"Account Name","op":"regex","value":"^G"}])") << 2;
    QTest::newRow("between text") << json::parse(R"([{"field":"Account Name","op":"between","value":["A","F"]}])") << 4;
    QTest::newRow("ANDed") << json::parse(R"([{"field":"Industry","op":"neq","value":"Energy"},
                                              {"field":"Account Type","op":"eq","value":"Customer - Direct"}])") << 4;
}

void TestFilterEditor::passCount()
{
    QFETCH(json, filters);
    QFETCH(int, passing);
    SeedFilters seed;
    seed.editor.setFilters(filters);
    QString message;
    QVERIFY2(seed.editor.validate(&message), qPrintable(message));
    QCOMPARE(seed.editor.passingCount(), passing);
    QCOMPARE(seed.editor.passText(), QStringLiteral("%1 of 13 preview rows pass").arg(passing));
}

void TestFilterEditor::invalidValues_data()
{
    QTest::addColumn<json>("filters");
    QTest::addColumn<QString>("message");
    QTest::newRow("between one value") << json::parse(R"([{"field":"Industry","op":"between","value":["A"]}])")
                                       << QStringLiteral("Filter 1: 'between' needs two values");
    QTest::newRow("between empty end") << json::parse(R"([{"field":"Industry","op":"between","value":["A",""]}])")
                                       << QStringLiteral("'between' needs two values");
    QTest::newRow("in without values") << json::parse(R"([{"field":"Industry","op":"in","value":[]}])")
                                       << QStringLiteral("'in' needs a list of values");
    QTest::newRow("bad regex") << json::parse(R"([{"field":"Industry","op":"neq","value":"x"},{"field":"Industry","op":"regex","value":"("}])")
                               << QStringLiteral("Filter 2: Invalid regular expression");
    QTest::newRow("no field") << json::parse(R"([{"field":"","op":"eq","value":"x"}])") << QStringLiteral("Choose a field");
    QTest::newRow("unknown field") << json::parse(R"([{"field":"Website","op":"eq","value":"x"}])")
                                   << QStringLiteral("no field 'Website'");
    QTest::newRow("unknown operator") << json::parse(R"([{"field":"Industry","op":"like","value":"x"}])")
                                      << QStringLiteral("Unknown operator 'like'");
}

void TestFilterEditor::invalidValues()
{
    QFETCH(json, filters);
    QFETCH(QString, message);
    SeedFilters seed;
    seed.editor.setFilters(filters);
    QString actual;
    QVERIFY(!seed.editor.validate(&actual));
    QVERIFY2(actual.contains(message), qPrintable(actual));
    QCOMPARE(seed.editor.passingCount(), -1);
    QVERIFY(seed.editor.passText().startsWith(QLatin1String("Fix the filters")));
    // The bad row says why on itself.
    const int row = int(filters.size()) - 1;
    QVERIFY(!seed.editor.model()->index(row, FilterModel::Value).data(Qt::ToolTipRole).toString().isEmpty());
    QVERIFY(seed.editor.model()->index(row, FilterModel::Value).data(Qt::BackgroundRole).isValid());
}

void TestFilterEditor::operatorChangeKeepsValues()
{
    SeedFilters seed;
    FilterModel *m = seed.editor.model();
    QSignalSpy changed(&seed.editor, &FilterEditor::changed);
    seed.editor.setFilters(json::parse(R"([{"field":"Account Rating","op":"eq","value":"Hot"}])"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(seed.editor.passingCount(), 2);

    QVERIFY(m->setData(m->index(0, FilterModel::Operator), QStringLiteral("in")));
    QCOMPARE_JSON(seed.editor.filters(), json::parse(R"([{"field":"Account Rating","op":"in","value":["Hot"]}])"));
    QVERIFY(m->setData(m->index(0, FilterModel::Value), QStringLiteral("Hot, Warm, \"Cold, really\"")));
    QCOMPARE_JSON(seed.editor.filters()[0]["value"], json::parse(R"(["Hot","Warm","Cold, really"])"));
    QCOMPARE(seed.editor.passingCount(), 5);
    QCOMPARE(m->index(0, FilterModel::Value).data().toString(), QStringLiteral("Hot, Warm, \"Cold, really\""));

    QVERIFY(m->setData(m->index(0, FilterModel::Operator), QStringLiteral("isNull")));
    QCOMPARE_JSON(seed.editor.filters(), json::parse(R"([{"field":"Account Rating","op":"isNull"}])"));
    QVERIFY(!(m->flags(m->index(0, FilterModel::Value)) & Qt::ItemIsEditable));
    QCOMPARE(seed.editor.passingCount(), 6);
    QCOMPARE(changed.count(), 4);
    // Setting what is already there changes nothing and says nothing.
    QVERIFY(!m->setData(m->index(0, FilterModel::Operator), QStringLiteral("isNull")));
    QCOMPARE(changed.count(), 4);

    // A loaded number stays a number until edited.
    seed.editor.setFilters(json::parse(R"([{"field":"Industry","op":"between","value":[1, 2.5]}])"));
    QVERIFY(m->setData(m->index(0, FilterModel::Value), QStringList{QStringLiteral("1"), QStringLiteral("3")}));
    QCOMPARE_JSON(seed.editor.filters()[0]["value"], json::parse(R"([1, "3"])"));
}

void TestFilterEditor::delegateEditsBetween()
{
    SeedFilters seed;
    seed.editor.setFilters(json::parse(R"([{"field":"Account Name","op":"between","value":["A","C"]}])"));
    FilterModel *m = seed.editor.model();
    FilterDelegate delegate;
    QStyleOptionViewItem option;
    const QModelIndex value = m->index(0, FilterModel::Value);
    std::unique_ptr<QWidget> editor(delegate.createEditor(seed.editor.view()->viewport(), option, value));
    QVERIFY(editor);
    delegate.setEditorData(editor.get(), value);
    auto *low = editor->findChild<QLineEdit *>(QStringLiteral("low"));
    auto *high = editor->findChild<QLineEdit *>(QStringLiteral("high"));
    QVERIFY(low && high);
    QCOMPARE(low->text(), QStringLiteral("A"));
    QCOMPARE(high->text(), QStringLiteral("C"));
    high->setText(QStringLiteral("F"));
    delegate.setModelData(editor.get(), m, value);
    QCOMPARE_JSON(seed.editor.filters()[0]["value"], json::parse(R"(["A","F"])"));
    QCOMPARE(seed.editor.passingCount(), 4);

    // The operator combo shows labels and stores the op.
    const QModelIndex op = m->index(0, FilterModel::Operator);
    std::unique_ptr<QWidget> opEditor(delegate.createEditor(seed.editor.view()->viewport(), option, op));
    auto *combo = qobject_cast<QComboBox *>(opEditor.get());
    QVERIFY(combo);
    QCOMPARE(combo->count(), 15);
    combo->setCurrentIndex(combo->findData(QStringLiteral("gte")));
    QCOMPARE(combo->currentText(), QStringLiteral("greater than or equal to"));
    delegate.setModelData(combo, m, op);
    QCOMPARE_JSON(seed.editor.filters(), json::parse(R"([{"field":"Account Name","op":"gte","value":"A"}])"));
    // No editor for an op without a value.
    QVERIFY(m->setData(op, QStringLiteral("isNotNull")));
    QVERIFY(!delegate.createEditor(seed.editor.view()->viewport(), option, value));
}

void TestFilterEditor::addAndRemove()
{
    SeedFilters seed;
    seed.editor.resize(800, 400);
    seed.editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&seed.editor));
    QSignalSpy changed(&seed.editor, &FilterEditor::changed);
    seed.editor.findChild<QPushButton *>(QStringLiteral("addFilter"))->click();
    QCOMPARE(seed.editor.model()->rowCount(), 1);
    QCOMPARE(changed.count(), 1);
    // The new row's value is being edited; an empty eq value is a valid filter (matches "").
    QCOMPARE_JSON(seed.editor.filters(), json::parse(R"([{"field":"Account ID","op":"eq","value":""}])"));
    QCOMPARE(seed.editor.passingCount(), 0);
    seed.editor.view()->selectRow(0);
    seed.editor.findChild<QPushButton *>(QStringLiteral("removeFilter"))->click();
    QCOMPARE(seed.editor.model()->rowCount(), 0);
    QCOMPARE(seed.editor.passingCount(), 13);
}

void TestFilterEditor::jsonRoundTrip_data()
{
    QTest::addColumn<json>("filters");
    QTest::newRow("seed") << json::parse(R"([{"field":"Industry","op":"neq","value":"Energy"}])");
    QTest::newRow("docs") << json::parse(R"([
        { "field": "Account Type", "op": "in", "value": ["Customer - Direct", "Customer - Channel"] },
        { "field": "Account Rating", "op": "between", "value": [18, 120] },
        { "field": "Billing State/Province", "op": "isNotNull" } ])");
    json every = json::array();
    for (const QString &op : FilterModel::operators()) {
        json f = {{"field", "Industry"}, {"op", op.toStdString()}};
        switch (FilterModel::arity(op)) {
        case FilterModel::Arity::None: break;
        case FilterModel::Arity::One: f["value"] = op == QLatin1String("regex") ? json("^E") : json(true); break;
        case FilterModel::Arity::Two: f["value"] = {1.5, "z"}; break;
        case FilterModel::Arity::List: f["value"] = {"a", 2, false}; break;
        }
        every.push_back(f);
    }
    QTest::newRow("all 15 operators") << every;
}

void TestFilterEditor::jsonRoundTrip()
{
    QFETCH(json, filters);
    SeedFilters seed;
    seed.editor.setFilters(filters);
    QCOMPARE_JSON(seed.editor.filters(), filters);
    QString message;
    QVERIFY2(seed.editor.validate(&message), qPrintable(message));
    const std::vector<FlowProblem> problems = validateFlow(flowWith(seed.editor.filters()));
    QString text;
    for (const FlowProblem &p : problems)
        text += QString::fromStdString(p.toString()) + QLatin1Char('\n');
    QVERIFY2(problems.empty(), qPrintable(text));
    const Flow flow = flowFromJson(flowWith(seed.editor.filters()));
    QCOMPARE_JSON(flow.filters, filters);
    FilterEditor again;
    again.setFilters(flow.filters);
    QCOMPARE_JSON(again.filters(), filters);
}

void TestFilterEditor::screenshot()
{
    SeedFilters seed;
    seed.editor.setFilters(json::parse(R"([
        { "field": "Industry", "op": "neq", "value": "Energy" },
        { "field": "Account Type", "op": "in", "value": ["Customer - Direct", "Customer - Channel"] },
        { "field": "Account Name", "op": "between", "value": ["A", "T"] },
        { "field": "Billing State/Province", "op": "isNotNull" } ])"));
    seed.editor.resize(800, 360);
    seed.editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&seed.editor));
    QCOMPARE(seed.editor.passText(), QStringLiteral("6 of 13 preview rows pass"));
    const QImage shot = seed.editor.grab().toImage();
    QVERIFY(shot.save(qEnvironmentVariable("FLOWDECK_SCREENSHOT_DIR", QDir::tempPath()) + QStringLiteral("/filter-editor.png")));
    // The pass count is drawn: its label's area holds text.
    auto *label = seed.editor.findChild<QLabel *>(QStringLiteral("passCount"));
    const QRect rect(label->mapTo(&seed.editor, QPoint(0, 0)), label->size());
    QSet<QRgb> colours;
    for (int x = rect.left(); x <= rect.right(); ++x)
        for (int y = rect.top(); y <= rect.bottom(); ++y)
            colours.insert(shot.pixel(x, y));
    QVERIFY2(colours.size() > 3, qPrintable(QString::number(colours.size())));
}

QTEST_MAIN(TestFilterEditor)
#include "tst_filtereditor.moc"
