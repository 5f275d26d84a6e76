// Issue 15, the first ten minutes in the window, without a database: shortcuts, the examples'
// first start, the State column, broken CSV lines in the wizard, the table the wizard proposes,
// and the monitor's counters per table.
#include "tests/common/testsupport.h"
#include "tests/common/wizarddriver.h"

#include "widgets/dashboard/errorlistmodel.h"
#include "widgets/dashboard/monitorwindow.h"
#include "widgets/dashboard/ratechart.h"
#include "widgets/dashboard/tablemetricsmodel.h"
#include "widgets/examples.h"
#include "widgets/flowlistmodel.h"
#include "widgets/flowrunner.h"
#include "widgets/mainwindow.h"
#include "widgets/schedulerdriver.h"
#include "widgets/settings.h"
#include "widgets/wizard/fieldmessage.h"
#include "widgets/wizard/filepage.h"
#include "widgets/wizard/mappingpage.h"
#include "widgets/wizard/tableproposal.h"
#include "widgets/wizard/triggerpage.h"
#include "widgets/runhistoryview.h"

#include "core/engine/runstate.h"

#include <QAbstractButton>
#include <QAction>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QRadioButton>
#include <QSet>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QDir>
#include <QTranslator>

using namespace flowdeck;
using namespace flowdeck::test;

class TestFirstMinutes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void shortcutsAreUnique();
    void wizardMnemonicsAreUnique_data();
    void wizardMnemonicsAreUnique();
    void toolbarFitsTheWindow_data();
    void toolbarFitsTheWindow();
    void scheduledExamplesStartPaused();
    void stateColumnFitsEveryState();
    void scheduledRunWaitsForAStoppedSandbox();
    void monitorOfAFileSourceShowsNoLag();
    void brokenCsvLinesAreErrorsWithTheirLine();
    void snakeCase_data();
    void snakeCase();
    void proposedTableTypesAndKey();
    void failedIsNotDeadLettered();
    void deadLetterFileDefaultsToTheStateFolder();
    void runHistoryDetailsAreWords();

private:
    QTemporaryDir m_dir;
    QString m_flows;
};

void TestFirstMinutes::initTestCase()
{
    Q_INIT_RESOURCE(flowdeck);
    QVERIFY(m_dir.isValid());
    // Settings (the paused schedules) and run state in the test's folder, not the user's.
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toUtf8());
    qputenv("FLOWDECK_KEYCHAIN", "off");
    m_flows = m_dir.filePath(QStringLiteral("flows"));
    installExamples(m_flows);
}

void TestFirstMinutes::shortcutsAreUnique()
{
    MainWindow w(m_flows);
    QHash<QKeySequence, QString> owners;
    for (QAction *a : w.findChildren<QAction *>()) {
        for (const QKeySequence &k : a->shortcuts()) {
            QVERIFY2(!owners.contains(k), qPrintable(k.toString() + QStringLiteral(": ") + owners.value(k) + QStringLiteral(" and ") + a->text()));
            owners.insert(k, a->text());
        }
    }
    QCOMPARE(owners.value(QKeySequence(Qt::Key_F5)), QStringLiteral("&Run Flow"));
    QCOMPARE(owners.value(QKeySequence(Qt::CTRL | Qt::Key_R)), QStringLiteral("&Reload Flows"));
    QCOMPARE(owners.value(QKeySequence(Qt::CTRL | Qt::Key_F5)), QStringLiteral("Run from the &Beginning…"));
}

void TestFirstMinutes::wizardMnemonicsAreUnique_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QString();
    QTest::newRow("ja") << QStringLiteral("ja");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
}

// Alt+N was both "Flow &name" and "&Next": every Alt key of the first page does one thing.
void TestFirstMinutes::wizardMnemonicsAreUnique()
{
    QFETCH(QString, language);
    QTranslator translator;
    if (!language.isEmpty()) {
        const QString qm = QCoreApplication::applicationDirPath() + QStringLiteral("/../translations/flowdeck_%1.qm").arg(language);
        QVERIFY2(translator.load(qm), qPrintable(qm));
        QCoreApplication::installTranslator(&translator);
    }
    FlowWizard w(m_flows, {});
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QStringList texts;
    for (QLabel *label : w.currentPage()->findChildren<QLabel *>())
        texts << label->text();
    for (QAbstractButton *button : w.findChildren<QAbstractButton *>())
        if (button->isVisible())
            texts << button->text();
    QHash<QChar, QString> owners;
    for (const QString &text : std::as_const(texts)) {
        for (int i = 0; i + 1 < text.size(); ++i) {
            if (text.at(i) != QLatin1Char('&'))
                continue;
            if (text.at(i + 1) == QLatin1Char('&')) {
                ++i;
                continue;
            }
            const QChar key = text.at(i + 1).toLower();
            QVERIFY2(!owners.contains(key), qPrintable(QStringLiteral("Alt+%1: %2 and %3").arg(key, owners.value(key), text)));
            owners.insert(key, text);
        }
    }
    QVERIFY(owners.size() >= 3);
    QCoreApplication::removeTranslator(&translator);
}

void TestFirstMinutes::toolbarFitsTheWindow_data()
{
    wizardMnemonicsAreUnique_data();
}

// In Japanese, Reload was hidden behind the toolbar's » button at the window's first size.
void TestFirstMinutes::toolbarFitsTheWindow()
{
    QFETCH(QString, language);
    QTranslator translator;
    if (!language.isEmpty()) {
        QVERIFY(translator.load(QCoreApplication::applicationDirPath() + QStringLiteral("/../translations/flowdeck_%1.qm").arg(language)));
        QCoreApplication::installTranslator(&translator);
    }
    MainWindow w(m_flows);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *tools = w.findChild<QToolBar *>(QStringLiteral("FlowToolBar"));
    QVERIFY(tools);
    QVERIFY2(tools->sizeHint().width() <= w.width(), qPrintable(QStringLiteral("%1 > %2").arg(tools->sizeHint().width()).arg(w.width())));
    auto *more = tools->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
    QVERIFY(!more || !more->isVisible());
    w.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-mainwindow-%1.png").arg(language.isEmpty() ? QStringLiteral("en") : language));
    QCoreApplication::removeTranslator(&translator);
}

void TestFirstMinutes::scheduledExamplesStartPaused()
{
    QStringList scheduled;
    {
        MainWindow w(m_flows);
        for (int r = 0; r < w.model()->rowCount(); ++r) {
            const auto &e = w.model()->entry(r);
            if (e.flow.trigger.value("type", std::string()) != "schedule")
                continue;
            scheduled << e.path;
            QVERIFY2(w.schedulerDriver()->isPaused(e.path), qPrintable(e.path));
            QCOMPARE(w.model()->index(r, FlowListModel::NextRun).data().toString(), QStringLiteral("paused"));
        }
        QCOMPARE(scheduled.size(), 4);
        // Nothing is due: no run starts, so none fails, on the first start.
        QCOMPARE(w.schedulerDriver()->remainingMs(), -1);
        w.schedulerDriver()->tick();
        for (int r = 0; r < w.model()->rowCount(); ++r)
            QCOMPARE(w.model()->index(r, FlowListModel::State).data().toString(), QStringLiteral("Ready"));
    }
    // Still paused in the next window; a resumed schedule stays resumed.
    Settings::setFlowPaused(scheduled.first(), false);
    MainWindow again(m_flows);
    QVERIFY(!again.schedulerDriver()->isPaused(scheduled.first()));
    QVERIFY(again.schedulerDriver()->isPaused(scheduled.last()));
    Settings::setFlowPaused(scheduled.first(), true);
}

// A scheduled flow on the sandbox database (127.0.0.1:4000) while the sandbox is stopped does
// not run (and fail, red) at its slot: it waits, and the status bar says why.
void TestFirstMinutes::scheduledRunWaitsForAStoppedSandbox()
{
    QTemporaryDir data;
    QVERIFY(data.isValid());
    qputenv("XDG_DATA_HOME", data.path().toUtf8()); // a sandbox folder that never started
    const QString folder = m_dir.filePath(QStringLiteral("sandboxflows"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QFile::copy(QString::fromStdString(test::sourcePath("resources/examples/salesforce-accounts/accounts.csv")),
                        folder + QStringLiteral("/accounts.csv")));
    QFile f(folder + QStringLiteral("/on-sandbox.flow.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"flowdeck": 1, "name": "on-sandbox",
      "source": {"type": "file", "path": "accounts.csv", "format": "csv"},
      "destination": {"type": "mysql", "connection": {"host": "127.0.0.1", "port": 4000, "user": "root", "database": "test"},
                      "table": "sf_account", "write": {"mode": "insert"}},
      "trigger": {"type": "schedule", "every": "1h"}})");
    f.close();
    MainWindow w(folder);
    const QString path = w.model()->entry(0).path;
    QVERIFY(w.schedulerDriver()->isScheduled(path));
    QVERIFY(!w.schedulerDriver()->isPaused(path));
    w.schedulerDriver()->tick(); // never ran: due now
    QCoreApplication::processEvents();
    QCOMPARE(w.model()->index(0, FlowListModel::State).data().toString(), QStringLiteral("Ready"));
    QVERIFY2(w.statusBar()->currentMessage().startsWith(QStringLiteral("on-sandbox: not run at its scheduled time, the sandbox database is not running")),
             qPrintable(w.statusBar()->currentMessage()));
    QVERIFY(w.schedulerDriver()->remainingMs() > 0); // the next slot
    qunsetenv("XDG_DATA_HOME");
}

void TestFirstMinutes::monitorOfAFileSourceShowsNoLag()
{
    const QString path = m_flows + QStringLiteral("/examples/salesforce-accounts/accounts-insert.flow.json");
    EngineOptions options;
    options.stateDir = m_dir.filePath(QStringLiteral("state")).toStdString();
    MonitorWindow monitor(path, options);
    monitor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&monitor));
    QVERIFY(monitor.runner());
    QVERIFY(monitor.lagChart()->isHidden());
    QVERIFY(!monitor.tableChart()->isHidden());
    // Errors tab: the reason takes the width, the time only its text's.
    QTableView *errors = nullptr;
    for (QTableView *v : monitor.findChildren<QTableView *>())
        if (v->model() == monitor.errorsModel())
            errors = v;
    QVERIFY(errors);
    QCOMPARE(errors->horizontalHeader()->sectionResizeMode(ErrorListModel::Reason), QHeaderView::Stretch);
    QCOMPARE(errors->horizontalHeader()->sectionResizeMode(ErrorListModel::Time), QHeaderView::ResizeToContents);
}

void TestFirstMinutes::stateColumnFitsEveryState()
{
    MainWindow w(m_flows);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const int width = w.view()->columnWidth(FlowListModel::State);
    for (const QString &text : FlowListModel::stateTexts())
        QVERIFY2(w.view()->fontMetrics().horizontalAdvance(text) + 12 <= width, qPrintable(text));
}

void TestFirstMinutes::brokenCsvLinesAreErrorsWithTheirLine()
{
    const QString csv = m_dir.filePath(QStringLiteral("broken.csv"));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("id,name,city\n1,Ann,Oslo\n2,Bob,Rome,extra,fields\n3,Cy,Lima\n4,Di\n5,Ed,Bern\n");
    f.close();
    FlowWizard w(m_flows, {});
    w.show();
    child<QLineEdit>(&w, "flowName")->setText(QStringLiteral("broken"));
    clickNext(&w);
    clickNext(&w);
    FilePage *page = w.filePage(EndpointRole::Source);
    page->setPath(csv);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy() && page->isComplete(), 10000);
    auto *message = child<FieldMessage>(page, "filePathMessage");
    QCOMPARE(message->kind(), FieldMessage::Kind::Error);
    QVERIFY2(message->text().contains(QStringLiteral("broken.csv:3:")), qPrintable(message->text()));
    QVERIFY2(message->text().contains(QStringLiteral("2 line(s)")), qPrintable(message->text()));
    QCOMPARE(w.sourceUnreadable(), 2);
    QCOMPARE(int(w.sourceSample().size()), 3);
    // The mapping page's preview counts them.
    w.mappingPage()->initializePage();
    auto *label = w.mappingPage()->findChild<QLabel *>(QStringLiteral("mappingPreviewLabel"));
    QVERIFY(label);
    QVERIFY2(label->text().contains(QStringLiteral("5 rows")) && label->text().contains(QStringLiteral("2 rejected"))
                 && label->text().contains(QStringLiteral("2 source line(s) cannot be read")),
             qPrintable(label->text()));
}

void TestFirstMinutes::snakeCase_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("space") << QStringLiteral("Account ID") << QStringLiteral("account_id");
    QTest::newRow("camel") << QStringLiteral("AnnualRevenue") << QStringLiteral("annual_revenue");
    QTest::newRow("slash") << QStringLiteral("Billing State/Province") << QStringLiteral("billing_state_province");
    QTest::newRow("acronym") << QStringLiteral("HTTPServer") << QStringLiteral("http_server");
    QTest::newRow("already") << QStringLiteral("created_at") << QStringLiteral("created_at");
    QTest::newRow("digits") << QStringLiteral("Line2Total") << QStringLiteral("line2_total");
    QTest::newRow("symbols only") << QStringLiteral("#") << QStringLiteral("column");
}

void TestFirstMinutes::snakeCase()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(TableProposal::snakeCase(name), expected);
}

void TestFirstMinutes::proposedTableTypesAndKey()
{
    const QStringList names{QStringLiteral("Account ID"), QStringLiteral("Employees"), QStringLiteral("Revenue"),
                            QStringLiteral("Founded"), QStringLiteral("Zip"), QStringLiteral("Name"), QStringLiteral("name")};
    const QList<QStringList> values{
        {QStringLiteral("001A"), QStringLiteral("12"), QStringLiteral("1000"), QStringLiteral("2001-02-03"), QStringLiteral("01234"), QStringLiteral("Ann"), QString()},
        {QStringLiteral("001B"), QString(), QStringLiteral("2500.50"), QStringLiteral("1999-12-31"), QStringLiteral("98765"), QStringLiteral("Bob"), QStringLiteral("b")},
    };
    const TableProposal p(names, values);
    QCOMPARE(p.columnNames(), (QStringList{QStringLiteral("account_id"), QStringLiteral("employees"), QStringLiteral("revenue"),
                                           QStringLiteral("founded"), QStringLiteral("zip"), QStringLiteral("name"), QStringLiteral("name_2")}));
    QCOMPARE(p.proposedKey(), QStringList{QStringLiteral("account_id")});
    const QString sql = p.createTableSql(QStringLiteral("test"), QStringLiteral("new `accounts`"), p.proposedKey());
    QCOMPARE(sql, QStringLiteral("CREATE TABLE IF NOT EXISTS `test`.`new ``accounts``` (`account_id` VARCHAR(255) NOT NULL, "
                                 "`employees` BIGINT NULL, `revenue` DECIMAL(20,2) NULL, `founded` DATE NULL, `zip` TEXT NULL, "
                                 "`name` TEXT NULL, `name_2` TEXT NULL, PRIMARY KEY (`account_id`)) DEFAULT CHARSET=utf8mb4"));
}

void TestFirstMinutes::failedIsNotDeadLettered()
{
    // The monitor's header says "dead-lettered 0 + failed 1": the table row must agree.
    TableMetricsModel model;
    TableMetrics t;
    t.name = "accounts.csv";
    t.read = 5;
    t.written = 4;
    t.failed = 1;
    model.update({t}, {});
    QCOMPARE(model.index(0, TableMetricsModel::DeadLettered).data().toString(), QStringLiteral("0"));
    QCOMPARE(model.index(0, TableMetricsModel::Failed).data().toString(), QStringLiteral("1"));
    QCOMPARE(model.headerData(TableMetricsModel::Failed, Qt::Horizontal).toString(), QStringLiteral("Failed"));
}

void TestFirstMinutes::deadLetterFileDefaultsToTheStateFolder()
{
    FlowWizard w(m_flows, {});
    w.show();
    child<QLineEdit>(&w, "flowName")->setText(QStringLiteral("my flow"));
    TriggerPage *page = w.triggerPage();
    child<QRadioButton>(page, "skip")->click();
    // "my flow" needs a replaced character, so its files carry a hash of the exact name.
    const QString stem = QString::fromStdString(StateStore::fileStem("my flow"));
    QVERIFY(stem.startsWith(QLatin1String("my_flow~")));
    const QString expected = m_dir.filePath(QStringLiteral("state/flowdeck/") + stem + QStringLiteral(".rejected.jsonl"));
    QCOMPARE(child<QLineEdit>(page, "deadLetter")->text(), expected);
    QVERIFY(page->validatePage());
    COMPARE_JSON(w.flowJson()["errorHandling"], (nlohmann::json{{"onError", "skip"}, {"deadLetter", expected.toStdString()}}));
}

void TestFirstMinutes::runHistoryDetailsAreWords()
{
    const nlohmann::json run = nlohmann::json::parse(R"({"flow":"accounts","runId":"r1","status":"failed","resumed":true,
        "read":5,"written":4,"filtered":0,"deadLettered":0,"failed":1,"elapsedSeconds":0.25,
        "startedAt":"2026-12-07T22:00:00.000Z","endedAt":"2026-12-07T22:00:00.250Z",
        "tables":{"sf_account":{"written":4}},"files":{"accounts.csv":{"read":5}},"trigger":"manual",
        "error":{"message":"Duplicate entry '5' for key 'PRIMARY'","position":"accounts.csv:6"}})");
    const QString text = RunHistoryView::detailsText(run);
    QCOMPARE(text, QStringLiteral("Run r1: failed (manual)\n"
                                  "Started 2026-12-07T22:00:00.000Z, ended 2026-12-07T22:00:00.250Z, 0.25 s\n"
                                  "Read 5 = written 4 + filtered 0 + dead-lettered 0 + failed 1\n"
                                  "Resumed where the previous run stopped.\n"
                                  "Error at accounts.csv:6: Duplicate entry '5' for key 'PRIMARY'\n"
                                  "Read from accounts.csv: 5\n"
                                  "Written to sf_account: 4"));
}

QTEST_MAIN(TestFirstMinutes)
#include "tst_firstminutes.moc"
