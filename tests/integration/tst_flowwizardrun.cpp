// The seed's AppFlow case, driven through the flow wizard from an empty main window: a file
// export of Salesforce Accounts into `sf_account` in the suite's MariaDB, then run from the window.
#include "tests/common/testsupport.h"
#include "tests/common/wizarddriver.h"

#include "widgets/flowlistmodel.h"
#include "widgets/mainwindow.h"
#include "widgets/wizard/batchtablemodel.h"
#include "widgets/wizard/detailspage.h"
#include "widgets/wizard/endpointtypepage.h"
#include "widgets/wizard/fieldmessage.h"
#include "widgets/wizard/filepage.h"
#include "widgets/wizard/filterspage.h"
#include "widgets/wizard/mappingpage.h"
#include "widgets/wizard/mysqlconnectionform.h"
#include "widgets/wizard/mysqlpage.h"
#include "widgets/wizard/namecountmodel.h"
#include "widgets/wizard/reviewpage.h"

#include "core/devtools/sandbox.h"

#include "widgets/mapping/mappingpreviewmodel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QTableView>
#include <QTextBrowser>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>

#include <fstream>

using namespace flowdeck;
using test::child;

class TestFlowWizardRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void createsAndRunsTheAppFlowCase();
    void editsTheFlowAndSavesTheFile();
    void wrongPasswordShowsTheServersAnswer();
    void sandboxButtonStartsTheSandbox();

private:
    void fillConnection(MySqlPage *page, const QString &password = QString());

    QTemporaryDir m_dir;
    QString m_flows;
    QString m_csv;
    nlohmann::json m_connection;
};

void TestFlowWizardRun::initTestCase()
{
    Q_INIT_RESOURCE(flowdeck);
    qputenv("FLOWDECK_KEYCHAIN", "off");
    QVERIFY(m_dir.isValid());
    qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toUtf8());
    m_flows = m_dir.filePath(QStringLiteral("flows"));
    m_csv = m_dir.filePath(QStringLiteral("exports/accounts.csv"));
    QDir().mkpath(QFileInfo(m_csv).absolutePath());
    QVERIFY(QFile::copy(QString::fromStdString(test::sourcePath("resources/examples/salesforce-accounts/accounts.csv")), m_csv));
    m_connection = test::sandboxConnection("wizardrun");
    test::freshDatabase("wizardrun");
    std::ifstream ddl(test::sourcePath("resources/examples/salesforce-accounts/sf_account.sql"));
    test::execSql(std::string((std::istreambuf_iterator<char>(ddl)), {}), "wizardrun");
}

void TestFlowWizardRun::fillConnection(MySqlPage *page, const QString &password)
{
    test::typeInto(child<QLineEdit>(page, "mysqlHost"), QString::fromStdString(m_connection["host"].get<std::string>()));
    test::typeInto(child<QLineEdit>(page, "mysqlPort"), QString::number(m_connection["port"].get<int>()));
    test::typeInto(child<QLineEdit>(page, "mysqlUser"), QString::fromStdString(m_connection["user"].get<std::string>()));
    test::typeInto(child<QLineEdit>(page, "mysqlPassword"), password);
    child<QComboBox>(page, "mysqlDatabase")->setEditText(QStringLiteral("wizardrun"));
    child<QPushButton>(page, "mysqlTest")->click();
}

void TestFlowWizardRun::createsAndRunsTheAppFlowCase()
{
    MainWindow window(m_flows);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.model()->rowCount(), 0);

    FlowWizard *w = window.openWizard();
    QVERIFY(w);
    QVERIFY(QTest::qWaitForWindowExposed(w));

    // Flow details
    QCOMPARE(w->currentId(), int(FlowWizard::Details));
    QVERIFY(!w->button(QWizard::NextButton)->isEnabled());
    QTest::keyClicks(child<QLineEdit>(w, "flowName"), QStringLiteral("salesforce-accounts-to-tidb"));
    QTest::keyClicks(child<QPlainTextEdit>(w, "flowDescription"), QStringLiteral("Salesforce Account export into sf_account"));
    test::clickNext(w);

    // Source: a file, with a preview of its first rows
    QCOMPARE(w->currentId(), int(FlowWizard::SourceType));
    child<QRadioButton>(w->typePage(EndpointRole::Source), "file")->click();
    test::clickNext(w);
    QCOMPARE(w->currentId(), int(FlowWizard::SourceFile));
    FilePage *file = w->filePage(EndpointRole::Source);
    QAbstractItemModelTester previewTester(file->previewModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTest::keyClicks(child<QLineEdit>(file, "filePath"), m_csv);
    QTRY_VERIFY_WITH_TIMEOUT(file->isComplete(), 10000);
    QCOMPARE(file->previewModel()->rowCount(), 13);
    QCOMPARE(file->previewModel()->columnCount(), 6);
    QCOMPARE(file->previewModel()->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("Account ID"));
    QCOMPARE(file->previewModel()->index(1, 1).data().toString(), QStringLiteral("Edge Communications"));
    QCOMPARE(w->sourceFields().size(), 6);
    test::clickNext(w);

    // Destination: the sandbox's sf_account, picked from the live server
    QCOMPARE(w->currentId(), int(FlowWizard::DestinationType));
    child<QRadioButton>(w->typePage(EndpointRole::Destination), "mysql")->click();
    test::clickNext(w);
    QCOMPARE(w->currentId(), int(FlowWizard::DestinationMySql));
    MySqlPage *mysql = w->mysqlPage(EndpointRole::Destination);
    QAbstractItemModelTester tablesTester(mysql->tablesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    fillConnection(mysql);
    QVERIFY(!mysql->isComplete()); // incomplete until the answer comes
    QTRY_VERIFY_WITH_TIMEOUT(mysql->connectionForm()->isConnected(), 15000);
    QVERIFY2(mysql->tablesModel()->rowOf(QStringLiteral("sf_account")) >= 0, "sf_account is listed");
    auto *tables = child<QTableView>(mysql, "mysqlTables");
    tables->selectRow(mysql->tablesModel()->rowOf(QStringLiteral("sf_account")));
    QCOMPARE(mysql->table(), QStringLiteral("sf_account"));
    QTRY_VERIFY_WITH_TIMEOUT(mysql->isComplete(), 15000);
    QCOMPARE(w->destinationColumns().size(), 6);
    QCOMPARE(w->destinationColumns().at(0).name, QStringLiteral("id"));
    QVERIFY(w->destinationColumns().at(0).required);  // NOT NULL, no default
    QVERIFY(!w->destinationColumns().at(1).required); // NOT NULL DEFAULT ''
    QCOMPARE(child<QComboBox>(mysql, "mysqlWriteMode")->currentData().toString(), QStringLiteral("insert"));
    test::clickNext(w);

    // Field mapping, the AppFlow way: the file's fields on the left, sf_account's columns on the right.
    QCOMPARE(w->currentId(), int(FlowWizard::Mapping));
    MappingEditor *editor = w->mappingPage()->editor();
    QAbstractItemModelTester mappingTester(editor->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(editor->sourceList()->topLevelItemCount(), 6);
    QCOMPARE(editor->destinationList()->topLevelItemCount(), 6);
    QVERIFY(!child<QCheckBox>(w->mappingPage(), "mappingMapAll")->isChecked());
    test::clickNext(w); // nothing mapped: refused, with the reason next to the editor
    QCOMPARE(w->currentId(), int(FlowWizard::Mapping));
    QVERIFY2(child<FieldMessage>(w->mappingPage(), "mappingMessage")->text().startsWith(QStringLiteral("Map at least one field")),
             qPrintable(child<FieldMessage>(w->mappingPage(), "mappingMessage")->text()));
    QVERIFY(test::mapFields(editor, QStringLiteral("Account ID"), QStringLiteral("id")));
    QVERIFY(test::mapFields(editor, QStringLiteral("Billing State/Province"), QStringLiteral("billing_state")));
    child<QPushButton>(editor, "mapAll")->click(); // the other four by name ("Account Name" → name)
    const nlohmann::json mapping = nlohmann::json::parse(R"([
        {"source": "Account ID", "destination": "id"},
        {"source": "Billing State/Province", "destination": "billing_state"},
        {"source": "Account Name", "destination": "name"},
        {"source": "Account Type", "destination": "type"},
        {"source": "Account Rating", "destination": "rating"},
        {"source": "Industry", "destination": "industry"}])");
    COMPARE_JSON(w->mappingPage()->mapping(), mapping);
    QVERIFY(editor->unmappedRequiredColumns().isEmpty());
    QCOMPARE(editor->previewModel()->writtenCount(), 13);
    test::clickNext(w);

    // One filter: leave out the Energy accounts (3 of the 13).
    QCOMPARE(w->currentId(), int(FlowWizard::Filters));
    FilterEditor *filterEditor = w->filtersPage()->editor();
    QCOMPARE(filterEditor->passText(), QStringLiteral("13 of 13 preview rows pass"));
    QVERIFY(test::addFilter(filterEditor, QStringLiteral("Industry"), QStringLiteral("neq"), QStringLiteral("Energy")));
    QCOMPARE(filterEditor->passText(), QStringLiteral("10 of 13 preview rows pass"));
    const nlohmann::json filters = nlohmann::json::parse(R"([{"field": "Industry", "op": "neq", "value": "Energy"}])");
    COMPARE_JSON(w->filtersPage()->filters(), filters);
    test::clickNext(w);
    QCOMPARE(editor->previewModel()->writtenCount(), 10); // the mapping preview leaves them out too

    // Trigger and error handling: run on demand, stop the current flow run
    QCOMPARE(w->currentId(), int(FlowWizard::Trigger));
    QVERIFY(child<QRadioButton>(w, "onDemand")->isChecked());
    QVERIFY(child<QRadioButton>(w, "stop")->isChecked());
    test::clickNext(w);

    // Review and create
    QCOMPARE(w->currentId(), int(FlowWizard::Review));
    QTRY_VERIFY(w->reviewPage()->isComplete());
    const QString summary = child<QTextBrowser>(w, "reviewSummary")->toPlainText();
    QVERIFY2(summary.contains(QStringLiteral("Billing State/Province → billing_state")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("Run on demand")), qPrintable(summary));
    QCOMPARE(w->button(QWizard::FinishButton)->text(), QStringLiteral("Create Flow"));
    w->button(QWizard::FinishButton)->click();
    QTRY_VERIFY(window.wizard() == nullptr);

    const QString path = QDir(m_flows).filePath(QStringLiteral("salesforce-accounts-to-tidb.flow.json"));
    QVERIFY(QFile::exists(path));
    const Flow saved = loadFlow(path.toStdString()); // passes core's validator
    COMPARE_JSON(saved.raw["mapping"], mapping);
    COMPARE_JSON(saved.raw["filters"], filters);
    COMPARE_JSON(saved.raw["source"], (nlohmann::json{{"type", "file"}, {"path", m_csv.toStdString()}}));
    COMPARE_JSON(saved.raw["destination"]["table"], nlohmann::json("sf_account"));
    COMPARE_JSON(saved.raw["destination"]["write"], (nlohmann::json{{"mode", "insert"}}));
    COMPARE_JSON(saved.raw["destination"]["connection"]["port"], m_connection["port"]);
    QVERIFY(!saved.raw["destination"]["connection"].contains("password"));
    COMPARE_JSON(saved.raw["trigger"], (nlohmann::json{{"type", "onDemand"}}));
    COMPARE_JSON(saved.raw["errorHandling"], (nlohmann::json{{"onError", "stop"}}));

    // Run it from the main window and see the rows land
    QCOMPARE(window.model()->rowCount(), 1);
    const int row = window.model()->rowOfPath(path);
    QCOMPARE(row, 0);
    QCOMPARE(window.model()->index(row, FlowListModel::Route).data().toString(), QStringLiteral("file accounts.csv → mysql sf_account"));
    window.runRow(row);
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->index(row, FlowListModel::State).data().toString(), QStringLiteral("Completed"), 30000);
    QCOMPARE(window.model()->index(row, FlowListModel::LastRun).data().toString(),
             QStringLiteral("read 13, written 10, filtered 3, dead-lettered 0"));
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account", "wizardrun").front(), std::string("10"));
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account WHERE industry = 'Energy'", "wizardrun").front(), std::string("0"));
    QCOMPARE(test::querySql("SELECT id, name, type, billing_state, rating, industry FROM sf_account WHERE id = '001Do000003EDTZIA4'",
                            "wizardrun")
                 .front(),
             std::string("001Do000003EDTZIA4\tEdge Communications\tCustomer - Direct\tTX\tHot\tElectronics"));

    // Creating or deleting another flow reloads the list: this flow keeps its last run.
    const QString copy = window.duplicateRow(window.model()->rowOfPath(path));
    QVERIFY(!copy.isEmpty());
    QCOMPARE(window.model()->index(window.model()->rowOfPath(path), FlowListModel::State).data().toString(), QStringLiteral("Completed"));
    QVERIFY(window.deleteRow(window.model()->rowOfPath(copy), false));
    QCOMPARE(window.model()->index(window.model()->rowOfPath(path), FlowListModel::LastRun).data().toString(),
             QStringLiteral("read 13, written 10, filtered 3, dead-lettered 0"));
}

void TestFlowWizardRun::editsTheFlowAndSavesTheFile()
{
    const QString path = QDir(m_flows).filePath(QStringLiteral("salesforce-accounts-to-tidb.flow.json"));
    QVERIFY(QFile::exists(path));
    const nlohmann::json before = loadFlow(path.toStdString()).raw;
    MainWindow window(m_flows);
    window.show();
    const int row = window.model()->rowOfPath(path);
    QVERIFY(row >= 0);
    FlowWizard *w = window.openWizard(row);
    QVERIFY(w && w->isEditing());
    QCOMPARE(w->button(QWizard::FinishButton)->text(), QStringLiteral("Save Flow"));
    QCOMPARE(child<QLineEdit>(w, "flowName")->text(), QStringLiteral("salesforce-accounts-to-tidb"));
    test::clickNext(w);
    QCOMPARE(w->currentId(), int(FlowWizard::SourceType));
    test::clickNext(w);
    QCOMPARE(w->currentId(), int(FlowWizard::SourceFile));
    QTRY_VERIFY_WITH_TIMEOUT(w->currentPage()->isComplete(), 10000);
    test::clickNext(w);
    QVERIFY(child<QRadioButton>(w->typePage(EndpointRole::Destination), "mysql")->isChecked());
    test::clickNext(w);
    QCOMPARE(w->currentId(), int(FlowWizard::DestinationMySql));
    MySqlPage *mysql = w->mysqlPage(EndpointRole::Destination);
    // The page tests the saved connection by itself and finds the table again.
    QTRY_VERIFY_WITH_TIMEOUT(mysql->isComplete(), 15000);
    QCOMPARE(mysql->table(), QStringLiteral("sf_account"));
    QVERIFY(!w->isChanged()); // testing the connection and finding the table again change nothing
    auto *mode = child<QComboBox>(mysql, "mysqlWriteMode");
    mode->setCurrentIndex(mode->findData(QStringLiteral("upsert")));
    QVERIFY(w->isChanged());
    test::clickNext(w);
    COMPARE_JSON(w->mappingPage()->mapping(), before["mapping"]);
    test::clickNext(w);
    test::clickNext(w);
    test::clickNext(w);
    QCOMPARE(w->currentId(), int(FlowWizard::Review));
    QTRY_VERIFY(w->reviewPage()->isComplete());
    // Back to the first page for the description: everything else stays.
    while (w->currentId() != FlowWizard::Details)
        test::clickBack(w);
    auto *description = child<QPlainTextEdit>(w, "flowDescription");
    description->selectAll();
    QTest::keyClicks(description, QStringLiteral("Accounts, upserted"));
    while (w->currentId() != FlowWizard::Review) {
        QTRY_VERIFY_WITH_TIMEOUT(w->currentPage()->isComplete(), 15000);
        test::clickNext(w);
    }
    QTRY_VERIFY(w->reviewPage()->isComplete());
    w->button(QWizard::FinishButton)->click();
    QTRY_VERIFY(window.wizard() == nullptr);

    const nlohmann::json after = loadFlow(path.toStdString()).raw;
    nlohmann::json expected = before;
    expected["description"] = "Accounts, upserted";
    expected["destination"]["write"]["mode"] = "upsert";
    COMPARE_JSON(after, expected);
    QCOMPARE(QDir(m_flows).entryList({QStringLiteral("*.flow.json")}).size(), 1);

    // Run the upsert: the same 10 rows again, nothing duplicated.
    const int r = window.model()->rowOfPath(path);
    window.runRow(r);
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->index(r, FlowListModel::State).data().toString(), QStringLiteral("Completed"), 30000);
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account", "wizardrun").front(), std::string("10"));

    // `flowdeck run` runs what the window made.
    QProcess run;
    run.start(test::flowdeckBinary(), {QStringLiteral("run"), path, QStringLiteral("--state-dir"), m_dir.filePath(QStringLiteral("cli-state"))});
    QVERIFY(run.waitForFinished(60000));
    const QString output = QString::fromUtf8(run.readAllStandardOutput() + run.readAllStandardError());
    QVERIFY2(run.exitCode() == 0, qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("completed: read 13, written 10")), qPrintable(output));
}

void TestFlowWizardRun::wrongPasswordShowsTheServersAnswer()
{
    FlowWizard w(m_flows, {});
    w.show();
    QTest::keyClicks(child<QLineEdit>(&w, "flowName"), QStringLiteral("wrong-password"));
    test::clickNext(&w);
    child<QRadioButton>(w.typePage(EndpointRole::Source), "mysql")->click();
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::SourceMySql));
    MySqlPage *page = w.mysqlPage(EndpointRole::Source);
    fillConnection(page, QStringLiteral("not-the-password"));
    auto *message = child<FieldMessage>(page, "mysqlMessage");
    QTRY_VERIFY_WITH_TIMEOUT(!page->connectionForm()->isBusy(), 15000);
    QVERIFY(!page->connectionForm()->isConnected());
    QVERIFY(!page->isComplete());
    QVERIFY2(message->text().contains(QStringLiteral("Access denied for user 'root'")), qPrintable(message->text()));
    QVERIFY2(message->text().contains(QStringLiteral("using password: YES")), qPrintable(message->text()));
    QVERIFY(message->isVisible());
}

void TestFlowWizardRun::sandboxButtonStartsTheSandbox()
{
    // "Use the Sandbox Database" on a machine without one: it is created in the user's data
    // folder, started, and the form filled in and tested.
    QTemporaryDir data;
    QVERIFY(data.isValid());
    const QByteArray previous = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", data.path().toUtf8());
    auto restore = qScopeGuard([&] {
        Sandbox(Sandbox::defaultDir()).stop();
        qputenv("XDG_DATA_HOME", previous);
    });
    QVERIFY(Sandbox::defaultDir().startsWith(data.path()));
    FlowWizard w(m_flows, {});
    w.show();
    QTest::keyClicks(child<QLineEdit>(&w, "flowName"), QStringLiteral("sandboxed"));
    test::clickNext(&w);
    test::clickNext(&w);
    w.filePage(EndpointRole::Source)->setPath(m_csv);
    QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->isComplete(), 10000);
    test::clickNext(&w);
    child<QRadioButton>(w.typePage(EndpointRole::Destination), "mysql")->click();
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::DestinationMySql));
    MySqlPage *page = w.mysqlPage(EndpointRole::Destination);
    child<QPushButton>(page, "mysqlSandbox")->click();
    QTRY_VERIFY_WITH_TIMEOUT(page->connectionForm()->isConnected(), 120000);
    const Sandbox::Status status = Sandbox(Sandbox::defaultDir()).status();
    QVERIFY(status.running);
    QCOMPARE(child<QLineEdit>(page, "mysqlPort")->text(), QString::number(status.info.port));
    QVERIFY(page->connectionForm()->lastResult().databases.contains(QStringLiteral("test")));
    COMPARE_JSON(w.flowJson()["destination"]["connection"],
                 (nlohmann::json{{"host", "127.0.0.1"}, {"port", status.info.port}, {"user", "root"}, {"database", "test"}}));
}

QTEST_MAIN(TestFlowWizardRun)
#include "tst_flowwizardrun.moc"
