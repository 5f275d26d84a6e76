// Issue 15, a second look at the wizard on a real server: what the MySQL page shows after a failed
// connection test is fixed, or after reconnecting to another database (no old message, no old
// pick), and the mapping preview of a table with column defaults, checked against the rows the
// database really stores.
#include "tests/common/testsupport.h"
#include "tests/common/wizarddriver.h"

#include "widgets/mapping/mappingpreviewmodel.h"
#include "widgets/wizard/endpointtypepage.h"
#include "widgets/wizard/fieldmessage.h"
#include "widgets/wizard/filepage.h"
#include "widgets/wizard/mappingpage.h"
#include "widgets/wizard/mysqlconnectionform.h"
#include "widgets/wizard/mysqlpage.h"
#include "widgets/wizard/namecountmodel.h"

#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "core/mysql/mysqlconnection.h"
#include "core/mysql/mysqltableschema.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QRadioButton>
#include <QTableView>
#include <QTemporaryDir>

using namespace flowdeck;
using test::child;
using nlohmann::json;

class TestWizardSecondLook : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void coreDescribesTheDefaults();
    void noStaleMessagesAfterReconnecting();
    void previewShowsTheDefaultsTheDatabaseStores();

private:
    /// A wizard on its MySQL destination page, connected to `database`.
    void openDestination(FlowWizard &w, const QString &database);
    void fill(MySqlPage *page, const QString &database, const QString &password);

    QTemporaryDir m_dir;
    QString m_flows;
    QString m_csv;
    json m_connection;
};

void TestWizardSecondLook::initTestCase()
{
    Q_INIT_RESOURCE(flowdeck);
    qputenv("FLOWDECK_KEYCHAIN", "off");
    QVERIFY(m_dir.isValid());
    qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toUtf8());
    m_flows = m_dir.filePath(QStringLiteral("flows"));
    m_csv = QString::fromStdString(test::sourcePath("resources/examples/salesforce-accounts/accounts.csv"));
    m_connection = test::sandboxConnection("stale_a");
    test::freshDatabase("stale_a");
    test::freshDatabase("stale_b");
    test::execSql("CREATE TABLE t_a (id INT PRIMARY KEY, v VARCHAR(10))", "stale_a");
    test::execSql("CREATE TABLE t_b (id VARCHAR(255) NOT NULL PRIMARY KEY, name VARCHAR(150) NOT NULL DEFAULT '',"
                  " qty INT NOT NULL DEFAULT 0, created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                  " note VARCHAR(10) NULL, label VARCHAR(20) NOT NULL DEFAULT 'it''s')",
                  "stale_b");
}

void TestWizardSecondLook::coreDescribesTheDefaults()
{
    json c = test::sandboxConnection("stale_b");
    MySqlConnection connection(MySqlConnectionConfig::fromJson(c));
    connection.connect();
    const auto table = MySqlTableSchema::load(connection, "stale_b", "t_b");
    QVERIFY(table);
    const auto text = [&](const char *name) { return QString::fromStdString(table->column(name)->defaultSql); };
    QCOMPARE(text("id"), QString());
    QVERIFY(!table->column("id")->hasDefault);
    QCOMPARE(text("name"), QStringLiteral("''"));
    QCOMPARE(text("qty"), QStringLiteral("0"));
    QCOMPARE(text("created"), QStringLiteral("CURRENT_TIMESTAMP"));
    QVERIFY(table->column("created")->defaultIsExpression);
    QCOMPARE(text("note"), QStringLiteral("NULL"));
    QCOMPARE(text("label"), QStringLiteral("'it''s'"));
    QVERIFY(!table->column("label")->defaultIsExpression);
}

void TestWizardSecondLook::fill(MySqlPage *page, const QString &database, const QString &password)
{
    test::typeInto(child<QLineEdit>(page, "mysqlHost"), QString::fromStdString(m_connection["host"].get<std::string>()));
    test::typeInto(child<QLineEdit>(page, "mysqlPort"), QString::number(m_connection["port"].get<int>()));
    test::typeInto(child<QLineEdit>(page, "mysqlUser"), QString::fromStdString(m_connection["user"].get<std::string>()));
    test::typeInto(child<QLineEdit>(page, "mysqlPassword"), password);
    child<QComboBox>(page, "mysqlDatabase")->setEditText(database);
    child<QPushButton>(page, "mysqlTest")->click();
}

void TestWizardSecondLook::openDestination(FlowWizard &w, const QString &database)
{
    w.show();
    QTest::keyClicks(child<QLineEdit>(&w, "flowName"), QStringLiteral("second-look"));
    test::clickNext(&w);
    child<QRadioButton>(w.typePage(EndpointRole::Source), "file")->click();
    test::clickNext(&w);
    w.filePage(EndpointRole::Source)->setPath(m_csv);
    QTRY_VERIFY_WITH_TIMEOUT(w.filePage(EndpointRole::Source)->isComplete(), 10000);
    test::clickNext(&w);
    child<QRadioButton>(w.typePage(EndpointRole::Destination), "mysql")->click();
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::DestinationMySql));
    MySqlPage *page = w.mysqlPage(EndpointRole::Destination);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), 15000); // the first automatic test
    fill(page, database, QString::fromStdString(m_connection.value("password", std::string())));
    QTRY_VERIFY_WITH_TIMEOUT(page->connectionForm()->isConnected(), 15000);
}

void TestWizardSecondLook::noStaleMessagesAfterReconnecting()
{
    FlowWizard w(m_flows, {});
    openDestination(w, QStringLiteral("stale_a"));
    MySqlPage *page = w.mysqlPage(EndpointRole::Destination);
    auto *tables = child<QTableView>(page, "mysqlTables");
    auto *tableMessage = child<FieldMessage>(page, "mysqlTableMessage");
    auto *message = child<FieldMessage>(page, "mysqlMessage");
    QTRY_COMPARE(page->tablesModel()->rowCount(), 1);
    tables->selectRow(page->tablesModel()->rowOf(QStringLiteral("t_a")));
    QCOMPARE(page->table(), QStringLiteral("t_a"));
    QTRY_VERIFY_WITH_TIMEOUT(page->isComplete(), 15000);
    QCOMPARE(tableMessage->kind(), FieldMessage::Kind::Success);

    // A wrong password: the table message was about the old connection.
    test::typeInto(child<QLineEdit>(page, "mysqlPassword"), QStringLiteral("not-the-password"));
    QVERIFY2(tableMessage->text().isEmpty(), qPrintable(tableMessage->text()));
    child<QPushButton>(page, "mysqlTest")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), 15000);
    QCOMPARE(message->kind(), FieldMessage::Kind::Error);
    QCOMPARE(page->tablesModel()->rowCount(), 0);
    QVERIFY2(tableMessage->text().isEmpty(), qPrintable(tableMessage->text()));
    QVERIFY(!page->isComplete());

    // Fixed: the error goes, the pick is looked up again.
    test::typeInto(child<QLineEdit>(page, "mysqlPassword"), QString::fromStdString(m_connection.value("password", std::string())));
    child<QPushButton>(page, "mysqlTest")->click();
    QTRY_VERIFY_WITH_TIMEOUT(page->isComplete(), 15000);
    QCOMPARE(message->kind(), FieldMessage::Kind::Success);
    QVERIFY(!message->text().contains(QStringLiteral("Access denied")));
    QCOMPARE(tableMessage->kind(), FieldMessage::Kind::Success);
    QCOMPARE(tables->currentIndex().row(), page->tablesModel()->rowOf(QStringLiteral("t_a")));

    // Another database: its own list, no pick from the old one, nothing said about t_a.
    child<QComboBox>(page, "mysqlDatabase")->setEditText(QStringLiteral("stale_b"));
    child<QPushButton>(page, "mysqlTest")->click();
    QTRY_VERIFY_WITH_TIMEOUT(page->connectionForm()->isConnected() && !page->isBusy(), 15000);
    QCOMPARE(page->tablesModel()->rowCount(), 1);
    QCOMPARE(page->tablesModel()->items().first().name, QStringLiteral("t_b"));
    QVERIFY(!tables->currentIndex().isValid());
    QVERIFY(tables->selectionModel()->selectedRows().isEmpty());
    QCOMPARE(page->table(), QString());
    QVERIFY2(tableMessage->text().isEmpty(), qPrintable(tableMessage->text()));
    QVERIFY(!page->isComplete());
    w.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-reconnected.png"));
}

void TestWizardSecondLook::previewShowsTheDefaultsTheDatabaseStores()
{
    FlowWizard w(m_flows, {});
    openDestination(w, QStringLiteral("stale_b"));
    MySqlPage *page = w.mysqlPage(EndpointRole::Destination);
    page->setTable(QStringLiteral("t_b"));
    QTRY_VERIFY_WITH_TIMEOUT(page->isComplete(), 15000);
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::Mapping));
    MappingEditor *editor = w.mappingPage()->editor();
    // "Account Type" is empty on the first row of accounts.csv: a NULL into name NOT NULL DEFAULT ''.
    editor->setMapping(json::array({{{"source", "Account ID"}, {"destination", "id"}},
                                    {{"source", "Account Type"}, {"destination", "name"}}}));
    const MappingPreviewModel *p = editor->previewModel();
    QCOMPARE(p->writtenCount(), 13);
    QCOMPARE(p->index(0, 2).data().toString(), QStringLiteral("'' (default)"));
    QStringList headers;
    for (int c = 3; c < p->columnCount(); ++c)
        headers << p->headerData(c, Qt::Horizontal).toString() + QStringLiteral(" = ") + p->index(0, c).data().toString();
    QCOMPARE(headers, (QStringList{QStringLiteral("qty (not mapped) = 0 (default)"),
                                   QStringLiteral("created (not mapped) = CURRENT_TIMESTAMP (default)"),
                                   QStringLiteral("note (not mapped) = NULL"),
                                   QStringLiteral("label (not mapped) = 'it''s' (default)")}));
    w.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-preview-defaults-real.png"));

    // What the database really stores for that row.
    json flow = w.flowJson();
    flow["destination"]["connection"]["password"] = m_connection.value("password", std::string());
    EngineOptions options;
    options.stateDir = m_dir.filePath(QStringLiteral("state-run")).toStdString();
    const RunResult result = Engine(flowFromJson(flow), options).run();
    QVERIFY2(result.status == RunStatus::Completed, result.error.c_str());
    const std::string firstId = editor->previewModel()->cellText(0, 1).toStdString();
    const auto rows = test::querySql("SELECT CONCAT('[', name, '] ', qty, ' ', note IS NULL, ' ', label, ' ', created > '2000-01-01')"
                                     " FROM t_b WHERE id = '" + firstId + "'",
                                     "stale_b");
    QCOMPARE(rows.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(rows[0]), QStringLiteral("[] 0 1 it's 1"));
}

QTEST_MAIN(TestWizardSecondLook)
#include "tst_wizardsecondlook.moc"
