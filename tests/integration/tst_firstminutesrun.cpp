// Issue 15, the first ten minutes in the window, against the suite's MariaDB: the monitor runs
// the flow as saved and its counts agree, a resumed run says so and Run from the Beginning
// starts over, the table pickers hide Flowdeck's own table and refresh, and "Create the Table"
// makes a table with snake_case columns, inferred types and a key.
#include "tests/common/testsupport.h"
#include "tests/common/wizarddriver.h"

#include "widgets/dashboard/monitorwindow.h"
#include "widgets/dashboard/tablemetricsmodel.h"
#include "widgets/flowlistmodel.h"
#include "widgets/flowrunner.h"
#include "widgets/mainwindow.h"
#include "widgets/sandboxstatus.h"
#include "widgets/wizard/createtabledialog.h"
#include "widgets/wizard/endpointtypepage.h"
#include "widgets/wizard/filepage.h"
#include "widgets/wizard/mappingpage.h"
#include "widgets/wizard/mysqlconnectionform.h"
#include "widgets/wizard/mysqlpage.h"
#include "widgets/wizard/namecountmodel.h"

#include "core/devtools/sandbox.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace flowdeck;
using test::child;

class TestFirstMinutesRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void monitorStartRunsTheSavedFlow();
    void resumedRunSaysSoAndRestartStartsOver();
    void pickerHidesCheckpointsAndRefreshes();
    void createTableFromTheMapping();
    void sandboxStatusStartsStopsAndQuitAsks();

private:
    QString writeFlow(const QString &name, const nlohmann::json &changes);
    MySqlPage *openDestination(FlowWizard &w);
    static MonitorWindow *monitorWindow();

    QTemporaryDir m_dir;
    QString m_flows;
    nlohmann::json m_connection;
};

void TestFirstMinutesRun::initTestCase()
{
    Q_INIT_RESOURCE(flowdeck);
    qputenv("FLOWDECK_KEYCHAIN", "off");
    QVERIFY(m_dir.isValid());
    qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toUtf8());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    m_flows = m_dir.filePath(QStringLiteral("flows"));
    QDir().mkpath(m_flows);
    QVERIFY(QFile::copy(QString::fromStdString(test::sourcePath("resources/examples/salesforce-accounts/accounts.csv")),
                        m_flows + QStringLiteral("/accounts.csv")));
    m_connection = test::sandboxConnection("firstminutes");
    test::freshDatabase("firstminutes");
    std::ifstream ddl(test::sourcePath("resources/examples/salesforce-accounts/sf_account.sql"));
    test::execSql(std::string((std::istreambuf_iterator<char>(ddl)), {}), "firstminutes");
}

QString TestFirstMinutesRun::writeFlow(const QString &name, const nlohmann::json &changes)
{
    nlohmann::json flow = {
        {"flowdeck", 1},
        {"name", name.toStdString()},
        {"source", {{"type", "file"}, {"path", "accounts.csv"}, {"format", "csv"}}},
        {"destination", {{"type", "mysql"}, {"connection", m_connection}, {"table", "sf_account"}, {"write", {{"mode", "insert"}}}}},
        {"mapping", nlohmann::json::array({{{"source", "Account ID"}, {"destination", "id"}},
                                           {{"source", "Account Name"}, {"destination", "name"}},
                                           {{"source", "Industry"}, {"destination", "industry"}}})},
        {"trigger", {{"type", "onDemand"}}},
        {"errorHandling", {{"onError", "stop"}}},
    };
    flow.merge_patch(changes);
    const QString path = m_flows + QLatin1Char('/') + name + QStringLiteral(".flow.json");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(QByteArray::fromStdString(flow.dump(2)));
    return path;
}

MonitorWindow *TestFirstMinutesRun::monitorWindow()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *m = qobject_cast<MonitorWindow *>(w))
            return m;
    return nullptr;
}

void TestFirstMinutesRun::monitorStartRunsTheSavedFlow()
{
    test::execSql("DELETE FROM sf_account", "firstminutes");
    const QString path = writeFlow(QStringLiteral("monitor-start"), nlohmann::json::object());
    QVERIFY(!path.isEmpty());
    MainWindow window(m_flows);
    QVERIFY(window.selectPath(path));
    window.openMonitor(path);
    MonitorWindow *monitor = monitorWindow();
    QVERIFY(monitor);

    // Edited and saved while the monitor is open: a filter and "skip" with a dead-letter file.
    writeFlow(QStringLiteral("monitor-start"),
              {{"filters", nlohmann::json::array({{{"field", "Industry"}, {"op", "neq"}, {"value", "Energy"}}})},
               {"errorHandling", {{"onError", "skip"}, {"deadLetter", "monitor-start.rejected.jsonl"}}}});
    monitor->start();
    QVERIFY(monitor->runner());
    QTRY_VERIFY_WITH_TIMEOUT(!monitor->runner()->isRunning(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(monitor->countersText(), QStringLiteral("Read 13 = written 10 + filtered 3 + dead-lettered 0"), 5000);
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account WHERE industry = 'Energy'", "firstminutes").front(), std::string("0"));
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account", "firstminutes").front(), std::string("10"));

    // Saved again with "stop": the same keys fail at the first record. The header and the
    // table row say the same: failed 1, dead-lettered 0.
    writeFlow(QStringLiteral("monitor-start"), nlohmann::json::object());
    monitor->start();
    QTRY_VERIFY_WITH_TIMEOUT(!monitor->runner()->isRunning(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(monitor->countersText().contains(QStringLiteral("failed 1")), 5000);
    QVERIFY2(monitor->countersText().contains(QStringLiteral("dead-lettered 0")), qPrintable(monitor->countersText()));
    const TableMetricsModel *tables = monitor->tablesModel();
    QTRY_COMPARE_WITH_TIMEOUT(tables->rowCount(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(tables->index(0, TableMetricsModel::Failed).data().toString(), QStringLiteral("1"), 5000);
    QCOMPARE(tables->index(0, TableMetricsModel::DeadLettered).data().toString(), QStringLiteral("0"));
    monitor->close();
    delete monitor;
}

void TestFirstMinutesRun::resumedRunSaysSoAndRestartStartsOver()
{
    // Account 5 (line 6) is already there: an insert run stops at it after writing lines 2-5.
    test::execSql("DELETE FROM sf_account", "firstminutes");
    test::execSql("INSERT INTO sf_account (id) VALUES ('001Do000003EDTcIAO')", "firstminutes");
    const QString path = writeFlow(QStringLiteral("resume"), {{"destination", {{"write", {{"batchRows", 2}}}}}});
    MainWindow window(m_flows);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const int row = window.model()->rowOfPath(path);
    QVERIFY(row >= 0);
    window.view()->selectRow(row);
    window.runRow(row);
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->index(row, FlowListModel::State).data().toString(), QStringLiteral("Failed"), 30000);
    QVERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("resume: failed")),
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account", "firstminutes").front(), std::string("5"));

    // Fixed: the next run resumes at line 6 and says so while it runs and at its end.
    test::execSql("DELETE FROM sf_account WHERE id = '001Do000003EDTcIAO'", "firstminutes");
    window.runRow(row);
    const QString started = window.model()->index(row, FlowListModel::LastRun).data().toString();
    QVERIFY2(started.contains(QStringLiteral("resuming at line 6 of accounts.csv")), qPrintable(started));
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->index(row, FlowListModel::State).data().toString(), QStringLiteral("Completed"), 30000);
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("(resumed at line 6 of accounts.csv)")),
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account", "firstminutes").front(), std::string("13"));

    // A failed run again, then Run from the Beginning: every line is read again, none skipped.
    test::execSql("DELETE FROM sf_account", "firstminutes");
    test::execSql("INSERT INTO sf_account (id) VALUES ('001Do000003EDTcIAO')", "firstminutes");
    window.runRow(row);
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->index(row, FlowListModel::State).data().toString(), QStringLiteral("Failed"), 30000);
    test::execSql("DELETE FROM sf_account", "firstminutes");
    window.runRowFromBeginning(row);
    QVERIFY(!window.model()->index(row, FlowListModel::LastRun).data().toString().contains(QStringLiteral("resuming")));
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->index(row, FlowListModel::State).data().toString(), QStringLiteral("Completed"), 30000);
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("read 13, written 13")),
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account", "firstminutes").front(), std::string("13"));
}

MySqlPage *TestFirstMinutesRun::openDestination(FlowWizard &w)
{
    w.show();
    child<QLineEdit>(&w, "flowName")->setText(QStringLiteral("create-table"));
    test::clickNext(&w);
    child<QRadioButton>(w.typePage(EndpointRole::Source), "file")->click();
    test::clickNext(&w);
    w.filePage(EndpointRole::Source)->setPath(m_flows + QStringLiteral("/accounts.csv"));
    if (!QTest::qWaitFor([&w] { return w.currentPage()->isComplete(); }, 10000))
        return nullptr;
    test::clickNext(&w);
    child<QRadioButton>(w.typePage(EndpointRole::Destination), "mysql")->click();
    test::clickNext(&w);
    MySqlPage *page = w.mysqlPage(EndpointRole::Destination);
    test::typeInto(child<QLineEdit>(page, "mysqlHost"), QString::fromStdString(m_connection["host"].get<std::string>()));
    test::typeInto(child<QLineEdit>(page, "mysqlPort"), QString::number(m_connection["port"].get<int>()));
    test::typeInto(child<QLineEdit>(page, "mysqlUser"), QString::fromStdString(m_connection["user"].get<std::string>()));
    child<QComboBox>(page, "mysqlDatabase")->setEditText(QStringLiteral("firstminutes"));
    child<QPushButton>(page, "mysqlTest")->click();
    if (!QTest::qWaitFor([page] { return page->connectionForm()->isConnected(); }, 15000))
        return nullptr;
    return page;
}

void TestFirstMinutesRun::pickerHidesCheckpointsAndRefreshes()
{
    // The runs above left Flowdeck's checkpoint table in the database.
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'firstminutes' "
                            "AND TABLE_NAME = 'flowdeck_checkpoints'", "firstminutes").front(), std::string("1"));
    test::execSql("DROP TABLE IF EXISTS made_elsewhere", "firstminutes");
    FlowWizard w(m_flows, {});
    MySqlPage *page = openDestination(w);
    QVERIFY(page);
    QVERIFY(page->tablesModel()->rowOf(QStringLiteral("sf_account")) >= 0);
    QCOMPARE(page->tablesModel()->rowOf(QStringLiteral("flowdeck_checkpoints")), -1);
    QCOMPARE(page->tablesModel()->rowOf(QStringLiteral("made_elsewhere")), -1);

    test::execSql("CREATE TABLE made_elsewhere (id INT PRIMARY KEY)", "firstminutes");
    child<QPushButton>(page, "mysqlRefreshTables")->click();
    QTRY_VERIFY_WITH_TIMEOUT(page->tablesModel()->rowOf(QStringLiteral("made_elsewhere")) >= 0, 15000);
    QCOMPARE(page->tablesModel()->rowOf(QStringLiteral("flowdeck_checkpoints")), -1);
}

void TestFirstMinutesRun::createTableFromTheMapping()
{
    test::execSql("DROP TABLE IF EXISTS new_accounts", "firstminutes");
    FlowWizard w(m_flows, {});
    MySqlPage *page = openDestination(w);
    QVERIFY(page);
    test::typeInto(child<QLineEdit>(page, "mysqlTable"), QStringLiteral("new_accounts"));
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy() && !page->tableExists(), 15000);
    QVERIFY(!page->isComplete()); // neither there nor to be created
    child<QCheckBox>(page, "mysqlCreateTable")->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(page->isComplete(), 15000);
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::Mapping));
    MappingPage *mapping = w.mappingPage();
    mapping->setMapAllFieldsDirectly(true);
    QVERIFY(mapping->createTableButton()->isVisible());

    CreateTableDialog *dialog = mapping->openCreateTable();
    QVERIFY(dialog);
    const QString sql = dialog->sql();
    QVERIFY2(sql.contains(QStringLiteral("`account_id` VARCHAR(255) NOT NULL")), qPrintable(sql));
    QVERIFY2(sql.contains(QStringLiteral("`billing_state_province` TEXT NULL")), qPrintable(sql));
    QVERIFY2(sql.contains(QStringLiteral("PRIMARY KEY (`account_id`)")), qPrintable(sql));
    QVERIFY2(sql.contains(QStringLiteral("CREATE TABLE IF NOT EXISTS `firstminutes`.`new_accounts` (\n  `account_id`")), qPrintable(sql));
    QSignalSpy accepted(dialog, &QDialog::accepted);
    child<QPushButton>(dialog, "createTableButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 15000);

    QCOMPARE(test::querySql("SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION) FROM information_schema.COLUMNS "
                            "WHERE TABLE_SCHEMA = 'firstminutes' AND TABLE_NAME = 'new_accounts'", "firstminutes").front(),
             std::string("account_id,account_name,account_type,billing_state_province,account_rating,industry"));
    QCOMPARE(test::querySql("SELECT GROUP_CONCAT(COLUMN_NAME) FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = "
                            "'firstminutes' AND TABLE_NAME = 'new_accounts' AND CONSTRAINT_NAME = 'PRIMARY'", "firstminutes").front(),
             std::string("account_id"));
    // The mapping writes the new columns; the destination page read the table and took the key.
    QVERIFY(!mapping->mapsAllFieldsDirectly());
    QCOMPARE(mapping->mapping().size(), std::size_t(6));
    COMPARE_JSON(mapping->mapping()[0], (nlohmann::json{{"source", "Account ID"}, {"destination", "account_id"}}));
    QCOMPARE(page->key(), QStringList{QStringLiteral("account_id")});
    QTRY_COMPARE_WITH_TIMEOUT(w.destinationColumns().size(), 6, 15000);
    QVERIFY(page->tableExists());
    QVERIFY(!mapping->createTableButton()->isVisible());
    QVERIFY2(mapping->validatePage(), "the mapping fits the new table");
}

void TestFirstMinutesRun::sandboxStatusStartsStopsAndQuitAsks()
{
    // The suite's own sandbox is running: shown with its port.
    const QString suiteDir = QString::fromLocal8Bit(qgetenv("FLOWDECK_TEST_SANDBOX_DIR"));
    SandboxStatus suite(suiteDir);
    QVERIFY(suite.isRunning());
    QCOMPARE(suite.label()->text(), QStringLiteral("Sandbox database: running on 127.0.0.1:%1").arg(m_connection["port"].get<int>()));
    QCOMPARE(suite.button()->text(), QStringLiteral("Stop"));

    // The user's sandbox (XDG_DATA_HOME/flowdeck/sandbox), not started: Start starts it, and
    // quitting stops it without a question (the window started it).
    QTemporaryDir data;
    QVERIFY(data.isValid());
    qputenv("XDG_DATA_HOME", data.path().toUtf8());
    const QString dir = Sandbox::defaultDir();
    QVERIFY(dir.startsWith(data.path()));
    {
        MainWindow window(m_flows);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        SandboxStatus *status = window.sandboxStatus();
        QCOMPARE(status->label()->text(), QStringLiteral("Sandbox database: not running"));
        QCOMPARE(status->button()->text(), QStringLiteral("Start"));
        window.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-sandbox-status.png"));
        status->button()->click();
        QTRY_VERIFY_WITH_TIMEOUT(status->isRunning() && !status->isBusy(), 90000);
        QVERIFY(Sandbox(dir).status().running);
        QVERIFY2(status->label()->text().startsWith(QStringLiteral("Sandbox database: running on 127.0.0.1:")), qPrintable(status->label()->text()));
        QVERIFY(status->startedHere());
        test::answerNextMessageBox(QMessageBox::Cancel); // a question would keep the window: fails below
        QVERIFY(window.close());
        QVERIFY(!Sandbox(dir).status().running);
    }

    // Started elsewhere (./flowdeck.sh, a terminal): quitting asks. Cancel keeps the window; Yes
    // stops the sandbox and closes it.
    Sandbox(dir).start({.port = 0});
    MainWindow window(m_flows);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.sandboxStatus()->isRunning());
    QVERIFY(!window.sandboxStatus()->startedHere());
    test::answerNextMessageBox(QMessageBox::Cancel);
    QVERIFY(!window.close());
    QVERIFY(Sandbox(dir).status().running);
    test::answerNextMessageBox(QMessageBox::Yes);
    QVERIFY(window.close());
    QVERIFY(!Sandbox(dir).status().running);
    qunsetenv("XDG_DATA_HOME");
}

QTEST_MAIN(TestFirstMinutesRun)
#include "tst_firstminutesrun.moc"
