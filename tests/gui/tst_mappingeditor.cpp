// The field-mapping editor on the offscreen platform: the seed's AppFlow mapping made by hand
// and by name, auto-map conflicts, CSV import, required columns, the live preview and the JSON
// the flow file gets.
#include "accountssample.h"

#include "core/flow/flow.h"
#include "widgets/mapping/fieldmappingmodel.h"
#include "widgets/mapping/mappingeditor.h"
#include "widgets/mapping/mappingpreviewmodel.h"
#include "widgets/mapping/stepdialog.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QTimer>
#include <QComboBox>
#include <QDir>
#include <QDropEvent>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <fstream>

using namespace flowdeck;
using namespace flowdeck::test;
using nlohmann::json;

Q_DECLARE_METATYPE(json)

// QCOMPARE cannot take nlohmann::json (its conversion templates confuse qCompare's overloads).
#define QCOMPARE_JSON(actual, expected) \
    QCOMPARE(QString::fromStdString(json(actual).dump()), QString::fromStdString(json(expected).dump()))

namespace {

json seedMapping()
{
    std::ifstream in(sourcePath("resources/examples/salesforce-accounts/accounts-insert.flow.json"));
    return json::parse(in)["mapping"];
}

QTreeWidgetItem *itemNamed(QTreeWidget *list, const QString &name)
{
    const auto found = list->findItems(name, Qt::MatchExactly, 0);
    return found.isEmpty() ? nullptr : found.first();
}

// The editor of the seed: Account fields, sf_account columns, accounts.csv as the sample.
struct SeedEditor
{
    MappingEditor editor;
    QAbstractItemModelTester mappingTester{editor.model(), QAbstractItemModelTester::FailureReportingMode::QtTest};
    QAbstractItemModelTester previewTester{editor.previewModel(), QAbstractItemModelTester::FailureReportingMode::QtTest};
    explicit SeedEditor(bool columns = true)
    {
        editor.setSourceFields(accountsFields());
        if (columns)
            editor.setDestinationColumns(sfAccountColumns());
        editor.setSample(accountsSample());
    }
};

QStringList strings(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *s : list)
        out << QString::fromUtf8(s);
    return out;
}

// A flow document around `mapping` and `filters`, as the wizard will write it.
json flowWith(const json &mapping, const json &filters = json::array())
{
    json doc = {{"flowdeck", 1},
                {"name", "mapping-editor-test"},
                {"source", {{"type", "file"}, {"path", "accounts.csv"}, {"format", "csv"}}},
                {"destination", {{"type", "file"}, {"path", "out.jsonl"}, {"format", "jsonl"}}},
                {"mapping", mapping},
                {"filters", filters}};
    return doc;
}

} // namespace

class TestMappingEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mapFieldsMakesTheSeedMapping();
    void mapAllByNameMakesTheSeedMapping();
    void csvImportWithBadLines();
    void requiredColumnsAreHighlighted();
    void stepDialogEditsATransform();
    void doubleClickOpensTheStepDialog();
    void dropSourceOntoColumn();
    void freeDestinationNames();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void screenshot();
};

void TestMappingEditor::initTestCase()
{
    QCOMPARE(accountsSample().size(), std::size_t(13));
    QCOMPARE(seedMapping().size(), std::size_t(6));
}

void TestMappingEditor::mapFieldsMakesTheSeedMapping()
{
    SeedEditor seed;
    MappingEditor &e = seed.editor;
    QSignalSpy changed(&e, &MappingEditor::changed);
    auto *mapFields = e.findChild<QPushButton *>(QStringLiteral("mapFields"));
    QVERIFY(mapFields);

    // Nothing selected: nothing mapped, the user is told what to do.
    mapFields->click();
    QCOMPARE(e.model()->rowCount(), 0);
    QCOMPARE(changed.count(), 0);
    QVERIFY(e.messageText().contains(QLatin1String("Select one source field")));

    // As the seed does it: a field on the left, a column on the right, "Map fields".
    for (const json &entry : seedMapping()) {
        const QString source = QString::fromStdString(entry["source"].get<std::string>());
        const QString destination = QString::fromStdString(entry["destination"].get<std::string>());
        e.sourceList()->clearSelection();
        e.destinationList()->clearSelection();
        itemNamed(e.sourceList(), source)->setSelected(true);
        itemNamed(e.destinationList(), destination)->setSelected(true);
        mapFields->click();
        QCOMPARE(e.model()->index(e.model()->rowCount() - 1, FieldMappingModel::Destination).data().toString(), destination);
    }
    QCOMPARE(changed.count(), 6);
    QCOMPARE_JSON(e.mapping(), seedMapping());
    QString message;
    QVERIFY2(e.validate(&message), qPrintable(message));
    // The column list says where each column comes from.
    QCOMPARE(itemNamed(e.destinationList(), QStringLiteral("billing_state"))->text(2), QStringLiteral("Billing State/Province"));
    // Re-mapping a column points it at the new field instead of adding a second row.
    e.sourceList()->clearSelection();
    e.destinationList()->clearSelection();
    itemNamed(e.sourceList(), QStringLiteral("Account Type"))->setSelected(true);
    itemNamed(e.destinationList(), QStringLiteral("rating"))->setSelected(true);
    mapFields->click();
    QCOMPARE(e.model()->rowCount(), 6);
    QCOMPARE_JSON(e.mapping()[4]["source"], json("Account Type"));
}

void TestMappingEditor::mapAllByNameMakesTheSeedMapping()
{
    SeedEditor seed;
    MappingEditor &e = seed.editor;
    QSignalSpy changed(&e, &MappingEditor::changed);
    e.findChild<QPushButton *>(QStringLiteral("mapAll"))->click();
    QCOMPARE(changed.count(), 1); // one insertion for all rows
    QCOMPARE_JSON(e.mapping(), seedMapping());
    QVERIFY(e.messageText().contains(QLatin1String("Fields mapped by name: 6.")));
    // A second run finds nothing left to map.
    const AutoMapper::Result again = e.mapAllByName();
    QVERIFY(again.pairs.isEmpty());
    QCOMPARE(e.model()->rowCount(), 6);

    // The wizard test's way: one pair with Map fields, the rest by name.
    SeedEditor mixed;
    MappingEditor &m = mixed.editor;
    itemNamed(m.sourceList(), QStringLiteral("Billing State/Province"))->setSelected(true);
    itemNamed(m.destinationList(), QStringLiteral("billing_state"))->setSelected(true);
    QVERIFY(m.mapSelected());
    QCOMPARE(m.mapAllByName().pairs.size(), 5);
    QStringList made, expected;
    for (const json &entry : m.mapping())
        made << QString::fromStdString(entry.dump());
    for (const json &entry : seedMapping())
        expected << QString::fromStdString(entry.dump());
    made.sort();
    expected.sort();
    QCOMPARE(made, expected);
    QVERIFY(m.validate(nullptr));
}

void TestMappingEditor::csvImportWithBadLines()
{
    SeedEditor seed;
    MappingEditor &e = seed.editor;
    const QString csv = QStringLiteral(
        "source,destination\n"                          // 1 header
        "Account ID,id\r\n"                             // 2
        "\"Account Name\",name\n"                        // 3
        "Account Type\n"                                // 4 one field
        "Billing State/Province,billing_state,extra\n"  // 5 three fields
        "\"Account Rating,rating\n"                      // 6 unbalanced quote
        "\n"                                            // 7 blank: skipped
        "Nope,industry\n"                               // 8 unknown field
        "Industry,nope\n"                               // 9 unknown column
        "\"Industry\" , industry\n"                      // 10
        "Account Type,id\n");                           // 11 id twice
    const MappingCsv::Result result = e.importMappingCsv(csv);
    QCOMPARE(result.pairs.size(), 3);
    QStringList lines;
    for (const QString &p : result.problems)
        lines << p.section(QLatin1Char(':'), 0, 0);
    QCOMPARE(lines, strings({"line 4", "line 5", "line 6", "line 8", "line 9", "line 11"}));
    QVERIFY(result.problems[3].contains(QLatin1String("no field 'Nope'")));
    QVERIFY(result.problems[4].contains(QLatin1String("no column 'nope'")));
    QVERIFY(result.problems[5].contains(QLatin1String("already mapped on line 2")));
    QVERIFY(result.problems[2].contains(QLatin1String("unbalanced quote")));
    const json expected = json::array({{{"source", "Account ID"}, {"destination", "id"}},
                                       {{"source", "Account Name"}, {"destination", "name"}},
                                       {{"source", "Industry"}, {"destination", "industry"}}});
    QCOMPARE_JSON(e.mapping(), expected);
    QVERIFY(e.messageText().contains(QLatin1String("Mappings imported from CSV: 3.")));
    QVERIFY(e.messageText().contains(QLatin1String("line 11")));
}

void TestMappingEditor::requiredColumnsAreHighlighted()
{
    SeedEditor seed;
    MappingEditor &e = seed.editor;
    e.resize(1000, 760);
    e.show();
    QVERIFY(QTest::qWaitForWindowExposed(&e));
    QVERIFY(e.mapPair(QStringLiteral("Account Name"), QStringLiteral("name")));

    QString message;
    QVERIFY(!e.validate(&message));
    QVERIFY2(message.contains(QLatin1String("Required columns not mapped: id")), qPrintable(message));
    auto *required = e.findChild<QLabel *>(QStringLiteral("required"));
    QVERIFY(required->isVisible());
    QVERIFY(required->text().contains(QLatin1String("id")));

    // Drawn: the `id` row of the column list has the warning background, `name` does not.
    const auto backgroundPixels = [&](const QString &column) {
        QTreeWidget *list = e.destinationList();
        const QRect rect = list->visualItemRect(itemNamed(list, column));
        const QImage shot = list->viewport()->grab().toImage();
        int count = 0;
        for (int x = rect.left(); x < rect.left() + list->columnWidth(0); ++x)
            for (int y = rect.top(); y <= rect.bottom(); ++y)
                count += shot.pixel(x, y) == qRgb(0xfd, 0xe7, 0xe9);
        return count;
    };
    QVERIFY2(backgroundPixels(QStringLiteral("id")) > 50, qPrintable(QString::number(backgroundPixels(QStringLiteral("id")))));
    QCOMPARE(backgroundPixels(QStringLiteral("name")), 0);

    QVERIFY(e.mapPair(QStringLiteral("Account ID"), QStringLiteral("id")));
    QVERIFY2(e.validate(&message), qPrintable(message));
    QVERIFY(!required->isVisible());
    QCOMPARE(backgroundPixels(QStringLiteral("id")), 0);

    // A row naming a field the source lacks is not valid either.
    QVERIFY(e.mapPair(QStringLiteral("Website"), QStringLiteral("type")));
    QVERIFY(!e.validate(&message));
    QVERIFY2(message.contains(QLatin1String("no field 'Website'")), qPrintable(message));
    // Nothing mapped at all.
    e.setMapping(json::array());
    QVERIFY(!e.validate(&message));
}

void TestMappingEditor::stepDialogEditsATransform()
{
    SeedEditor seed;
    MappingEditor &e = seed.editor;
    e.mapAllByName();
    StepDialog dialog(StepDialog::Kind::Transforms, fieldNames(accountsFields()), json::array());
    QVERIFY(dialog.steps().empty());
    QVERIFY(dialog.problem().isEmpty()); // no steps: the value as it is
    dialog.addStep(QStringLiteral("trim"));
    auto *op = dialog.findChild<QComboBox *>(QStringLiteral("op"));
    QVERIFY(op);
    op->setCurrentText(QStringLiteral("truncate"));
    dialog.setParameter(QStringLiteral("length"), QStringLiteral("x"));
    QVERIFY(!dialog.problem().isEmpty()); // a length must be a number
    dialog.setParameter(QStringLiteral("length"), QStringLiteral("4"));
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    dialog.addStep(QStringLiteral("upper"));
    QCOMPARE_JSON(dialog.steps(), json::parse(R"([{"op":"truncate","length":4},{"op":"upper"}])"));

    QSignalSpy changed(&e, &MappingEditor::changed);
    e.setSteps(1, false, dialog.steps());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(e.model()->index(1, FieldMappingModel::Transform).data().toString(), QStringLiteral("truncate 4 → upper"));
    QCOMPARE(e.previewModel()->cellText(1, 2), QStringLiteral("EDGE"));

    StepDialog validation(StepDialog::Kind::Validations, fieldNames(accountsFields()), json::array());
    validation.addStep(QStringLiteral("notNull"));
    validation.findChild<QComboBox *>(QStringLiteral("op"))->setCurrentText(QStringLiteral("regex"));
    validation.setParameter(QStringLiteral("pattern"), QStringLiteral("("));
    QVERIFY(validation.problem().contains(QLatin1String("invalid regular expression")));
    validation.setParameter(QStringLiteral("pattern"), QStringLiteral("^001"));
    QVERIFY(validation.problem().isEmpty());
    e.setSteps(0, true, validation.steps());
    QCOMPARE_JSON(e.mapping()[0], json::parse(R"({"source":"Account ID","destination":"id","transform":{"op":"regex","pattern":"^001"}})"));
    QCOMPARE(e.previewModel()->writtenCount(), 13);

    // A new step is what the form shows.
    StepDialog cast(StepDialog::Kind::Transforms, fieldNames(accountsFields()), json::array());
    cast.addStep(QStringLiteral("trim"));
    cast.findChild<QComboBox *>(QStringLiteral("op"))->setCurrentText(QStringLiteral("cast"));
    QCOMPARE_JSON(cast.steps(), json::parse(R"([{"op":"cast","to":"text"}])"));
    cast.setParameter(QStringLiteral("to"), QStringLiteral("integer"));
    QCOMPARE_JSON(cast.steps(), json::parse(R"([{"op":"cast","to":"integer"}])"));
    cast.findChild<QComboBox *>(QStringLiteral("op"))->setCurrentText(QStringLiteral("constant"));
    QCOMPARE_JSON(cast.steps(), json::parse(R"([{"op":"constant","value":""}])"));
    QVERIFY(cast.problem().isEmpty());

    // A loaded chain shows its parameters as the user edits them.
    StepDialog shown(StepDialog::Kind::Transforms, fieldNames(accountsFields()),
                     json::parse(R"([{"op":"concat","sources":["Account Name","Industry"],"separator":" / "},{"op":"truncate","length":40}])"));
    auto *sources = shown.findChild<QLineEdit *>(QStringLiteral("sources"));
    QVERIFY(sources);
    QCOMPARE(sources->text(), QStringLiteral("Account Name, Industry"));
    QVERIFY(shown.problem().isEmpty());
    shown.show();
    QVERIFY(QTest::qWaitForWindowExposed(&shown));
    QVERIFY(shown.grab().save(qEnvironmentVariable("FLOWDECK_SCREENSHOT_DIR", QDir::tempPath()) + QStringLiteral("/mapping-step-dialog.png")));
    QCOMPARE_JSON(shown.steps(), json::parse(R"([{"op":"concat","sources":["Account Name","Industry"],"separator":" / "},{"op":"truncate","length":40}])"));
}

void TestMappingEditor::doubleClickOpensTheStepDialog()
{
    SeedEditor seed;
    MappingEditor &e = seed.editor;
    e.mapAllByName();
    e.resize(1000, 760);
    e.show();
    QVERIFY(QTest::qWaitForWindowExposed(&e));
    bool seen = false;
    QTimer poll; // the dialog runs its own event loop: answer it from a timer
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, &e, [&] {
        auto *dialog = qobject_cast<StepDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        poll.stop();
        seen = true;
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Transform of name"));
        dialog->addStep(QStringLiteral("upper"));
        dialog->accept();
    });
    poll.start();
    const QRect cell = e.mappingView()->visualRect(e.model()->index(1, FieldMappingModel::Transform));
    // As a real double-click: a press (the view remembers the pressed cell), then the double-click.
    QTest::mouseClick(e.mappingView()->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    QTest::mouseDClick(e.mappingView()->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    QVERIFY(seen);
    QCOMPARE_JSON(e.mapping()[1], json::parse(R"({"source":"Account Name","destination":"name","transform":{"op":"upper"}})"));
    QCOMPARE(e.previewModel()->cellText(2, 2), QStringLiteral("BURLINGTON TEXTILES CORP OF AMERICA"));
}

void TestMappingEditor::dropSourceOntoColumn()
{
    SeedEditor seed;
    MappingEditor &e = seed.editor;
    e.resize(1000, 760);
    e.show();
    QVERIFY(QTest::qWaitForWindowExposed(&e));
    QTreeWidget *columns = e.destinationList();
    const QPoint at = columns->visualItemRect(itemNamed(columns, QStringLiteral("rating"))).center();
    QMimeData data;
    data.setData(QStringLiteral("application/x-flowdeck-source-fields"), QByteArrayLiteral("Account Rating"));
    QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(columns->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(columns->viewport(), &drop);
    QCOMPARE_JSON(e.mapping(), json::parse(R"([{"source":"Account Rating","destination":"rating"}])"));
    // Dropped where there is no column: nothing happens.
    QDropEvent nowhere(QPointF(5, columns->viewport()->height() - 3), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(columns->viewport(), &nowhere);
    QCOMPARE(e.model()->rowCount(), 1);
}

void TestMappingEditor::freeDestinationNames()
{
    SeedEditor seed(false);
    MappingEditor &e = seed.editor;
    QVERIFY(e.model()->freeDestinations());
    itemNamed(e.sourceList(), QStringLiteral("Account ID"))->setSelected(true);
    QVERIFY(e.mapSelected());
    e.mapAllByName();
    QCOMPARE(e.model()->rowCount(), 6);
    QCOMPARE(e.model()->row(0).destination, QStringLiteral("Account ID"));
    // Destination names are editable.
    QVERIFY(e.model()->flags(e.model()->index(0, FieldMappingModel::Destination)) & Qt::ItemIsEditable);
    QVERIFY(e.model()->setData(e.model()->index(0, FieldMappingModel::Destination), QStringLiteral("id")));
    QCOMPARE_JSON(e.mapping()[0], json::parse(R"({"source":"Account ID","destination":"id"})"));
    // Renaming onto a name already used is reported on the row and by validate().
    QVERIFY(e.model()->setData(e.model()->index(2, FieldMappingModel::Destination), QStringLiteral("id")));
    QString message;
    QVERIFY(!e.validate(&message));
    QVERIFY2(message.contains(QLatin1String("already mapped")), qPrintable(message));
    QCOMPARE(e.model()->index(2, FieldMappingModel::Destination).data(Qt::ToolTipRole).toString(), message.section(QStringLiteral(": "), 1));

    // Dropping fields on the table adds a column for each one not mapped yet.
    e.model()->removeRowsAt({2, 3});
    e.resize(1000, 760);
    e.show();
    QVERIFY(QTest::qWaitForWindowExposed(&e));
    QMimeData data;
    data.setData(QStringLiteral("application/x-flowdeck-source-fields"), QByteArrayLiteral("Account Type\nAccount Name\nBilling State/Province"));
    // Qt delivers a drop to the widget that accepted the drag's enter event.
    QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(e.mappingView()->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(e.mappingView()->viewport(), &drop);
    QStringList destinations;
    for (const MappingRow &row : e.model()->rows())
        destinations << row.destination;
    QCOMPARE(destinations, (QStringList{QStringLiteral("id"), QStringLiteral("Account Name"), QStringLiteral("Account Rating"),
                                        QStringLiteral("Industry"), QStringLiteral("Account Type"), QStringLiteral("Billing State/Province")}));
    QVERIFY(e.validate(&message));
    QVERIFY(e.grab().save(qEnvironmentVariable("FLOWDECK_SCREENSHOT_DIR", QDir::tempPath()) + QStringLiteral("/mapping-editor-free-names.png")));
}

void TestMappingEditor::jsonRoundTrip_data()
{
    QTest::addColumn<json>("mapping");
    QTest::newRow("seed") << seedMapping();
    QTest::newRow("docs example") << json::parse(R"([
        { "source": "Account ID", "destination": "id" },
        { "source": "Account Name", "destination": "name",
          "transform": [ { "op": "trim" }, { "op": "lower" }, { "op": "regex", "pattern": "^[a-z]" } ] },
        { "destination": "full_name",
          "transform": { "op": "concat", "sources": ["Account Name", "Industry"], "separator": " " } },
        { "destination": "origin", "transform": { "op": "constant", "value": "crm" } },
        { "destination": "name_upper", "transform": { "op": "upper", "source": "Account Name" } }
    ])");
    QTest::newRow("every op") << json::parse(R"J([
        { "source": "Account ID", "destination": "a", "transform": { "op": "mask", "char": "#", "keepFirst": 2, "keepLast": 3 } },
        { "source": "Account Name", "destination": "b", "transform": [ { "op": "truncate", "length": 10 }, { "op": "notNull" } ] },
        { "source": "Account Type", "destination": "c", "transform": [ { "op": "default", "value": "none" }, { "op": "notEmpty" } ] },
        { "source": "Account Rating", "destination": "d", "transform": { "op": "replace", "pattern": "(o)", "with": "\\1\\1" } },
        { "source": "Industry", "destination": "e", "transform": [ { "op": "cast", "to": "text" }, { "op": "range", "min": 0, "max": 10.5 } ] },
        { "destination": "f", "transform": { "op": "rename", "source": "Industry" } },
        { "destination": "g", "transform": { "op": "constant", "value": null } },
        { "destination": "h", "transform": { "op": "notNull", "source": "Industry" } }
    ])J");
}

void TestMappingEditor::jsonRoundTrip()
{
    QFETCH(json, mapping);
    SeedEditor seed(false);
    MappingEditor &e = seed.editor;
    QSignalSpy changed(&e, &MappingEditor::changed);
    e.setMapping(mapping);
    QCOMPARE(changed.count(), 1);
    QCOMPARE_JSON(e.mapping(), mapping);
    QString message;
    QVERIFY2(e.validate(&message), qPrintable(message));
    // The flow loader and its validator take the editor's JSON as it is.
    std::vector<FlowProblem> problems = validateFlow(flowWith(e.mapping()));
    QString text;
    for (const FlowProblem &p : problems)
        text += QString::fromStdString(p.toString()) + QLatin1Char('\n');
    QVERIFY2(problems.empty(), qPrintable(text));
    const Flow flow = flowFromJson(flowWith(e.mapping()));
    QVERIFY(flow.mapping);
    QCOMPARE_JSON(*flow.mapping, mapping);
    // And back: a loaded flow's mapping in a fresh editor gives the same JSON.
    MappingEditor again;
    again.setMapping(*flow.mapping);
    QCOMPARE_JSON(again.mapping(), mapping);
}

void TestMappingEditor::screenshot()
{
    SeedEditor seed;
    MappingEditor &e = seed.editor;
    e.setFilters(json::array({{{"field", "Industry"}, {"op", "neq"}, {"value", "Energy"}}}));
    e.mapAllByName();
    e.setSteps(1, false, json::array({{{"op", "trim"}}}));
    e.setSteps(0, true, json::array({{{"op", "notEmpty"}}}));
    e.resize(1000, 760);
    e.show();
    QVERIFY(QTest::qWaitForWindowExposed(&e));
    const QImage shot = e.grab().toImage();
    QCOMPARE(shot.size(), QSize(1000, 760));
    const QString dir = qEnvironmentVariable("FLOWDECK_SCREENSHOT_DIR", QDir::tempPath());
    QVERIFY(shot.save(dir + QStringLiteral("/mapping-editor.png")));
    // The preview drew its rows: the first value cell holds text (more than a couple of colours).
    QTableView *preview = e.previewView();
    const QRect cell = preview->visualRect(e.previewModel()->index(1, 2));
    QVERIFY(cell.isValid());
    const QPoint origin = preview->viewport()->mapTo(&e, cell.topLeft());
    QSet<QRgb> colours;
    for (int x = origin.x(); x < origin.x() + cell.width(); ++x)
        for (int y = origin.y(); y < origin.y() + cell.height(); ++y)
            colours.insert(shot.pixel(x, y));
    QVERIFY2(colours.size() > 3, qPrintable(QString::number(colours.size())));

    // The same editor with problems: `id` unmapped (highlighted), a cast that fails on some rows.
    e.model()->removeRowsAt({0});
    e.setSteps(3, false, json::array({{{"op", "cast"}, {"to", "integer"}}}));
    QString message;
    QVERIFY(!e.validate(&message));
    QVERIFY(e.grab().save(dir + QStringLiteral("/mapping-editor-problems.png")));
    QCOMPARE(e.previewModel()->stateCount(MappingPreviewModel::RowState::Rejected), 6);
}

QTEST_MAIN(TestMappingEditor)
#include "tst_mappingeditor.moc"
