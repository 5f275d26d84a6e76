// The wizard's Field mapping and Filters pages on the offscreen platform: the MappingEditor and
// FilterEditor fed from the wizard's source and destination, validation with the message next to
// the editor, "Map all fields directly", and refreshes that keep the mappings that still apply.
#include "tests/common/testsupport.h"
#include "tests/common/wizarddriver.h"

#include "widgets/mapping/fieldmappingmodel.h"
#include "widgets/mapping/filtereditor.h"
#include "widgets/mapping/mappingeditor.h"
#include "widgets/mapping/mappingpreviewmodel.h"
#include "widgets/wizard/endpointtypepage.h"
#include "widgets/wizard/fieldmessage.h"
#include "widgets/wizard/filepage.h"
#include "widgets/wizard/filterspage.h"
#include "widgets/wizard/kafkapage.h"
#include "widgets/wizard/mappingpage.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace flowdeck;
using test::child;

class TestWizardMappingPages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mappingIsValidated_data();
    void mappingIsValidated();
    void mappingFollowsSourceAndDestination();
    void filtersAreValidated_data();
    void filtersAreValidated();

private:
    void startWithFile(FlowWizard &w);

    QTemporaryDir m_dir;
    QString m_csv;
};

void TestWizardMappingPages::initTestCase()
{
    Q_INIT_RESOURCE(flowdeck);
    qputenv("FLOWDECK_KEYCHAIN", "off");
    QVERIFY(m_dir.isValid());
    m_csv = QString::fromStdString(test::sourcePath("resources/examples/salesforce-accounts/accounts.csv"));
}

void TestWizardMappingPages::startWithFile(FlowWizard &w)
{
    w.show();
    QTest::keyClicks(child<QLineEdit>(&w, "flowName"), QStringLiteral("mapping-test"));
    test::clickNext(&w);
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::SourceFile));
    w.filePage(EndpointRole::Source)->setPath(m_csv);
    QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->isComplete(), 10000);
}

void TestWizardMappingPages::mappingIsValidated_data()
{
    QTest::addColumn<QString>("text"); // the mapping set into the editor; "null": map all fields directly
    QTest::addColumn<QString>("message"); // "" when accepted
    QTest::newRow("fine") << R"([{"source": "Account ID", "destination": "id"}])" << QString();
    QTest::newRow("nothing mapped") << "[]" << R"(Map at least one field, or check "Map all fields directly".)";
    QTest::newRow("map all, required column has no field")
        << "null" << "Mapping all fields directly leaves these required columns (NOT NULL without a default) empty: id.";
    QTest::newRow("column twice") << R"([{"source": "Account ID", "destination": "id"}, {"source": "Account Name", "destination": "id"}])"
                                  << "Row 2: ";
    QTest::newRow("unknown field") << R"([{"source": "Acount ID", "destination": "id"}])" << "Row 1: ";
    QTest::newRow("required column unmapped") << R"([{"source": "Account Name", "destination": "name"}])"
                                              << "Required columns not mapped: id.";
}

void TestWizardMappingPages::mappingIsValidated()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    FlowWizard w(m_dir.path(), {});
    startWithFile(w);
    w.setDestinationColumns({{QStringLiteral("id"), QStringLiteral("varchar(255)"), true},
                             {QStringLiteral("name"), QStringLiteral("varchar(150)"), false}});
    w.kafkaPage(EndpointRole::Destination)->setBrokers(QStringLiteral("embedded"));
    w.kafkaPage(EndpointRole::Destination)->setTopic(QStringLiteral("t"));
    w.typePage(EndpointRole::Destination)->setType(QStringLiteral("kafka"));
    MappingPage *page = w.mappingPage();
    page->setMapping(nlohmann::json::parse(text.toStdString()));
    QCOMPARE(child<QCheckBox>(page, "mappingMapAll")->isChecked(), text == QLatin1String("null"));
    QCOMPARE(page->validatePage(), message.isEmpty());
    auto *shown = child<FieldMessage>(page, "mappingMessage");
    if (message.isEmpty())
        QVERIFY(shown->text().isEmpty());
    else
        QVERIFY2(shown->text().startsWith(message), qPrintable(shown->text()));
}

void TestWizardMappingPages::mappingFollowsSourceAndDestination()
{
    // The editor is fed from the wizard; another destination table keeps the mappings that apply.
    FlowWizard w(m_dir.path(), {});
    startWithFile(w);
    const QList<EndpointField> columns{{QStringLiteral("id"), QStringLiteral("varchar(255)"), true},
                                       {QStringLiteral("name"), QStringLiteral("varchar(150)"), false},
                                       {QStringLiteral("industry"), QStringLiteral("varchar(80)"), false}};
    w.setDestinationColumns(columns);
    MappingPage *page = w.mappingPage();
    MappingEditor *editor = page->editor();
    QAbstractItemModelTester tester(editor->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(editor->sourceList()->topLevelItemCount(), 6);
    QCOMPARE(editor->destinationList()->topLevelItemCount(), 3);
    QCOMPARE(editor->previewModel()->rowCount(), 13);
    editor->sourceList()->setCurrentItem(editor->sourceList()->findItems(QStringLiteral("Account ID"), Qt::MatchExactly).first());
    editor->destinationList()->setCurrentItem(editor->destinationList()->findItems(QStringLiteral("id"), Qt::MatchExactly).first());
    child<QPushButton>(editor, "mapFields")->click();
    child<QPushButton>(editor, "mapAll")->click(); // "Account Name" → name (unambiguous), Industry → industry
    COMPARE_JSON(page->mapping(), nlohmann::json::parse(R"([{"source": "Account ID", "destination": "id"},
                                                             {"source": "Account Name", "destination": "name"},
                                                             {"source": "Industry", "destination": "industry"}])"));
    QVERIFY(w.isChanged());
    QVERIFY(page->validatePage());
    // A table without "industry": that row is marked, the other stays.
    w.setDestinationColumns({columns.at(0), columns.at(1)});
    QCOMPARE(editor->destinationList()->topLevelItemCount(), 2);
    COMPARE_JSON(page->mapping().size(), std::size_t(3));
    auto *message = child<FieldMessage>(page, "mappingMessage");
    QCOMPARE(message->kind(), FieldMessage::Kind::Info);
    QVERIFY2(message->text().contains(QStringLiteral("Row 3: ")), qPrintable(message->text()));
    QVERIFY(!page->validatePage());
    QVERIFY2(child<FieldMessage>(page, "mappingMessage")->text().startsWith(QStringLiteral("Row 3: ")),
             qPrintable(child<FieldMessage>(page, "mappingMessage")->text()));
    // Map all fields directly keeps the rows for when it is unchecked again.
    auto *mapAll = child<QCheckBox>(page, "mappingMapAll");
    mapAll->setChecked(true);
    QVERIFY(!editor->isEnabled());
    QVERIFY(!w.flowJson().contains("mapping"));
    mapAll->setChecked(false);
    COMPARE_JSON(w.flowJson()["mapping"].size(), std::size_t(3));
    // The filters page counts the sample rows that pass; the mapping preview leaves them out.
    w.filtersPage()->editor()->addFilter(QStringLiteral("Industry"), QStringLiteral("neq"), "Energy");
    QCOMPARE(w.filtersPage()->editor()->passText(), QStringLiteral("10 of 13 preview rows pass"));
    QCOMPARE(editor->previewModel()->writtenCount(), 10);
}

void TestWizardMappingPages::filtersAreValidated_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message"); // "" when accepted
    QTest::newRow("none") << "[]" << QString();
    QTest::newRow("one") << R"([{"field": "Industry", "op": "neq", "value": "Energy"}])" << QString();
    QTest::newRow("unknown operator") << R"([{"field": "Industry", "op": "like", "value": "E%"}])"
                                      << "Filter 1: Unknown operator 'like'.";
    QTest::newRow("unknown field") << R"([{"field": "Industry", "op": "isNull"}, {"field": "Sector", "op": "eq", "value": "x"}])"
                                   << "Filter 2: The source has no field 'Sector'.";
}

void TestWizardMappingPages::filtersAreValidated()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    FlowWizard w(m_dir.path(), {});
    startWithFile(w);
    w.kafkaPage(EndpointRole::Destination)->setBrokers(QStringLiteral("embedded"));
    w.kafkaPage(EndpointRole::Destination)->setTopic(QStringLiteral("t"));
    w.typePage(EndpointRole::Destination)->setType(QStringLiteral("kafka"));
    FiltersPage *page = w.filtersPage();
    page->setFilters(nlohmann::json::parse(text.toStdString()));
    QCOMPARE(page->validatePage(), message.isEmpty());
    const QString shown = child<FieldMessage>(page, "filtersMessage")->text();
    QVERIFY2(message.isEmpty() ? shown.isEmpty() : shown.startsWith(message), qPrintable(shown));
}

QTEST_MAIN(TestWizardMappingPages)
#include "tst_wizardmappingpages.moc"
