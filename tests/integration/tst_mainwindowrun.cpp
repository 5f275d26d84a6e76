// Running a flow from the main window, against the suite's MariaDB, with the window drawn.
#include "tests/common/testsupport.h"

#include "widgets/examples.h"
#include "widgets/flowlistmodel.h"
#include "widgets/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace flowdeck;

class TestMainWindowRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsTheInsertExample();
};

void TestMainWindowRun::runsTheInsertExample()
{
    Q_INIT_RESOURCE(flowdeck);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const nlohmann::json c = test::sandboxConnection("guirun");
    qputenv("FLOWDECK_MYSQL_PORT", QByteArray::number(c["port"].get<int>()));
    qputenv("FLOWDECK_MYSQL_DATABASE", "guirun");
    qputenv("XDG_STATE_HOME", dir.filePath(QStringLiteral("state")).toUtf8());
    test::freshDatabase("guirun");
    std::ifstream ddl(test::sourcePath("resources/examples/salesforce-accounts/sf_account.sql"));
    test::execSql(std::string((std::istreambuf_iterator<char>(ddl)), {}), "guirun");

    const QString flows = dir.filePath(QStringLiteral("flows"));
    installExamples(flows);
    MainWindow w(flows);
    w.resize(1000, 600);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    int row = -1;
    for (int r = 0; r < w.model()->rowCount(); ++r)
        if (w.model()->index(r, FlowListModel::Name).data().toString() == QLatin1String("salesforce-accounts-to-tidb"))
            row = r;
    QVERIFY(row >= 0);
    w.view()->selectRow(row);
    w.runRow(row);
    QTRY_COMPARE_WITH_TIMEOUT(w.model()->index(row, FlowListModel::State).data().toString(), QStringLiteral("Completed"), 30000);
    QCOMPARE(w.model()->index(row, FlowListModel::LastRun).data().toString(),
             QStringLiteral("read 13, written 13, filtered 0, dead-lettered 0"));
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account", "guirun").front(), std::string("13"));

    // Run again: insert of the same keys fails at the first record, and the window says so.
    w.runRow(row);
    QTRY_COMPARE_WITH_TIMEOUT(w.model()->index(row, FlowListModel::State).data().toString(), QStringLiteral("Failed"), 30000);
    QVERIFY(w.model()->index(row, FlowListModel::LastRun).data().toString().contains(QLatin1String("accounts.csv:2: Duplicate entry")));
    w.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-mainwindow-run.png"));
}

QTEST_MAIN(TestMainWindowRun)
#include "tst_mainwindowrun.moc"
