// The mapping editor's preview: the seed's rows through core's FilterSet and Mapper, cell by
// cell, as a run writes them (values, NULLs, failed casts and validations, filtered rows).
#include "accountssample.h"

#include "widgets/mapping/mappingeditor.h"
#include "widgets/mapping/mappingpreviewmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace flowdeck;
using namespace flowdeck::test;
using nlohmann::json;

Q_DECLARE_METATYPE(json)

namespace {

struct SeedEditor
{
    MappingEditor editor;
    QAbstractItemModelTester previewTester{editor.previewModel(), QAbstractItemModelTester::FailureReportingMode::QtTest};
    SeedEditor()
    {
        editor.setSourceFields(accountsFields());
        editor.setSample(accountsSample());
    }
};

} // namespace

class TestMappingPreviewModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void previewShowsTransformedValues_data();
    void previewShowsTransformedValues();
    void withoutMappingEveryFieldIsWritten();
    void brokenEntryDoesNotHideTheOthers();
    void recordsOfDifferentSchemas();
};

void TestMappingPreviewModel::previewShowsTransformedValues_data()
{
    QTest::addColumn<json>("mapping");
    QTest::addColumn<json>("filters");
    QTest::addColumn<int>("row");    // in accounts.csv, 0-based
    QTest::addColumn<int>("column"); // preview column (1 = first mapping entry)
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error"); // a part of the cell's error, or empty
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("written");

    const json upper = json::array({{{"source", "Account ID"}, {"destination", "id"}},
                                    {{"source", "Account Name"}, {"destination", "name"}, {"transform", {{"op", "upper"}}}}});
    QTest::newRow("upper") << upper << json::array() << 1 << 2 << QStringLiteral("EDGE COMMUNICATIONS") << QString()
                           << int(MappingPreviewModel::RowState::Written) << 13;
    QTest::newRow("empty CSV field is NULL") << json::array({{{"source", "Account Type"}, {"destination", "type"}}})
                                             << json::array() << 0 << 1 << QString() << QString()
                                             << int(MappingPreviewModel::RowState::Written) << 13;
    const json chain = json::array(
        {{{"destination", "label"},
          {"transform", json::array({{{"op", "concat"}, {"sources", {"Account Name", "Billing State/Province"}}, {"separator", " / "}},
                                     {{"op", "truncate"}, {"length", 20}}})}}});
    QTest::newRow("concat then truncate") << chain << json::array() << 2 << 1 << QStringLiteral("Burlington Textiles ") << QString()
                                          << int(MappingPreviewModel::RowState::Written) << 13;
    const json cast = json::array({{{"source", "Account Rating"}, {"destination", "rating"}, {"transform", {{"op", "cast"}, {"to", "integer"}}}}});
    QTest::newRow("failed cast in the cell") << cast << json::array() << 1 << 1 << QString() << QStringLiteral("cannot cast \"Hot\" to integer")
                                             << int(MappingPreviewModel::RowState::Rejected) << 6;
    const json notEmpty = json::array({{{"source", "Industry"}, {"destination", "industry"}, {"transform", {{"op", "notEmpty"}}}}});
    QTest::newRow("validation fails") << notEmpty << json::array() << 12 << 1 << QString() << QStringLiteral("notEmpty")
                                      << int(MappingPreviewModel::RowState::Rejected) << 11;
    const json filters = json::array({{{"field", "Industry"}, {"op", "neq"}, {"value", "Energy"}}});
    QTest::newRow("filtered out") << upper << filters << 6 << 2 << QStringLiteral("UNITED OIL & GAS CORP.") << QString()
                                  << int(MappingPreviewModel::RowState::Filtered) << 10;
    QTest::newRow("constant") << json::array({{{"destination", "origin"}, {"transform", {{"op", "constant"}, {"value", 7}}}}})
                              << json::array() << 3 << 1 << QStringLiteral("7") << QString()
                              << int(MappingPreviewModel::RowState::Written) << 13;
}

void TestMappingPreviewModel::previewShowsTransformedValues()
{
    QFETCH(json, mapping);
    QFETCH(json, filters);
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    QFETCH(QString, error);
    QFETCH(int, state);
    QFETCH(int, written);

    SeedEditor seed;
    MappingEditor &e = seed.editor;
    e.setMapping(mapping);
    e.setFilters(filters);
    MappingPreviewModel *p = e.previewModel();
    QCOMPARE(p->rowCount(), 13);
    QCOMPARE(p->columnCount(), int(mapping.size()) + 1);
    QString cellError;
    QCOMPARE(p->cellText(row, column, &cellError), text);
    QVERIFY2(error.isEmpty() ? cellError.isEmpty() : cellError.contains(error), qPrintable(cellError));
    if (!error.isEmpty())
        QVERIFY(p->index(row, column).data().toString().contains(error)); // shown in the cell
    if (text.isEmpty() && error.isEmpty()) {
        QVERIFY(p->cellIsNull(row, column));
        QCOMPARE(p->index(row, column).data().toString(), QStringLiteral("NULL"));
    }
    QCOMPARE(int(p->rowState(row)), state);
    QCOMPARE(p->writtenCount(), written);
}


void TestMappingPreviewModel::withoutMappingEveryFieldIsWritten()
{
    SeedEditor seed;
    MappingPreviewModel *p = seed.editor.previewModel();
    QCOMPARE(p->columnCount(), 7);
    QCOMPARE(p->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Account ID"));
    QCOMPARE(p->cellText(1, 2), QStringLiteral("Edge Communications"));
    QCOMPARE(p->writtenCount(), 13);
}

void TestMappingPreviewModel::brokenEntryDoesNotHideTheOthers()
{
    SeedEditor seed;
    // A step core refuses (truncate without a length) and a column mapped twice.
    seed.editor.setMapping(json::parse(R"([
        {"source": "Account ID", "destination": "id"},
        {"source": "Account Name", "destination": "name", "transform": {"op": "truncate"}},
        {"source": "Industry", "destination": "id"}])"));
    MappingPreviewModel *p = seed.editor.previewModel();
    QVERIFY2(p->problem().contains(QLatin1String("mapping[1]")), qPrintable(p->problem()));
    QCOMPARE(p->cellText(1, 1), QStringLiteral("001Do000003EDTZIA4"));
    QString error;
    p->cellText(1, 2, &error);
    QVERIFY2(error.startsWith(QLatin1String("mapping[1].transform")), qPrintable(error));
    QCOMPARE(p->cellText(1, 3), QStringLiteral("Electronics"));
    QCOMPARE(p->rowState(1), MappingPreviewModel::RowState::Rejected);
    QString message;
    QVERIFY(!seed.editor.validate(&message));
}

void TestMappingPreviewModel::recordsOfDifferentSchemas()
{
    // JSON Lines: the second record has a key the first lacks, and its keys in another order.
    Batch sample;
    sample.push_back(row(schemaOf({"id", "name"}), {Value::integer(1), Value::text("a")}));
    sample.push_back(row(schemaOf({"name", "id", "email"}), {Value::text("b"), Value::integer(2), Value::text("b@x")}));
    MappingEditor editor;
    QAbstractItemModelTester tester(editor.previewModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    editor.setSample(sample);
    MappingPreviewModel *p = editor.previewModel();
    QCOMPARE(p->columnCount(), 4);
    QCOMPARE(p->headerData(3, Qt::Horizontal).toString(), QStringLiteral("email"));
    QCOMPARE(p->cellText(1, 1), QStringLiteral("2"));
    QCOMPARE(p->cellText(1, 2), QStringLiteral("b"));
    QVERIFY(p->cellIsNull(0, 3));
    editor.setMapping(json::parse(R"([{"source":"email","destination":"mail","transform":{"op":"default","value":"none"}}])"));
    QCOMPARE(p->cellText(0, 1), QStringLiteral("none"));
    QCOMPARE(p->cellText(1, 1), QStringLiteral("b@x"));
}

QTEST_MAIN(TestMappingPreviewModel)
#include "tst_mappingpreviewmodel.moc"
