// The main window's flow management: New opens the wizard, Edit opens it on the selected flow,
// Duplicate, Delete (asking first), Export, and the Monitor hook.
#include "tests/common/testsupport.h"
#include "tests/common/wizarddriver.h"

#include "widgets/examples.h"
#include "widgets/flowlistmodel.h"
#include "widgets/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenuBar>
#include <QTableView>
#include <QTemporaryDir>

using namespace flowdeck;
using test::child;

class TestMainWindowFlows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void actionsHaveShortcuts();
    void newAndEditOpenTheWizard();
    void openingAFlowChangesNothing();
    void duplicateKeepsTheFlowRunnable();
    void deleteAsksFirst();
    void exportCopiesTheFile();
    void monitorActionCallsTheHook();

private:
    QAction *action(MainWindow &w, const QString &text);
    int rowOf(MainWindow &w, const QString &name);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_flows;
};

void TestMainWindowFlows::init()
{
    Q_INIT_RESOURCE(flowdeck);
    qputenv("FLOWDECK_KEYCHAIN", "off");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_flows = m_dir->filePath(QStringLiteral("flows"));
    installExamples(m_flows);
}

QAction *TestMainWindowFlows::action(MainWindow &w, const QString &text)
{
    for (QAction *a : w.findChildren<QAction *>())
        if (a->text() == text)
            return a;
    qWarning("no action %s", qPrintable(text));
    return nullptr;
}

int TestMainWindowFlows::rowOf(MainWindow &w, const QString &name)
{
    for (int r = 0; r < w.model()->rowCount(); ++r)
        if (w.model()->index(r, FlowListModel::Name).data().toString() == name)
            return r;
    return -1;
}

void TestMainWindowFlows::actionsHaveShortcuts()
{
    MainWindow w(m_flows);
    QCOMPARE(action(w, QStringLiteral("&New Flow…"))->shortcut(), QKeySequence(QKeySequence::New));
    QCOMPARE(action(w, QStringLiteral("&Edit Flow…"))->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
    QCOMPARE(action(w, QStringLiteral("D&uplicate Flow"))->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_D));
    QCOMPARE(action(w, QStringLiteral("&Delete Flow…"))->shortcut(), QKeySequence(QKeySequence::Delete));
    QCOMPARE(action(w, QStringLiteral("&Run Flow"))->shortcut(), QKeySequence(Qt::Key_F5));
    QVERIFY(!action(w, QStringLiteral("E&xport Flow File…"))->shortcut().isEmpty());
}

void TestMainWindowFlows::newAndEditOpenTheWizard()
{
    MainWindow w(m_flows);
    w.show();
    action(w, QStringLiteral("&New Flow…"))->trigger();
    FlowWizard *wizard = w.wizard();
    QVERIFY(wizard);
    QVERIFY(!wizard->isEditing());
    QVERIFY(wizard->isVisible());
    // The names in the list are taken.
    QVERIFY(wizard->existingNames().contains(QStringLiteral("salesforce-accounts-to-tidb")));
    wizard->reject();
    QTRY_VERIFY(!w.wizard());

    const int row = rowOf(w, QStringLiteral("salesforce-accounts-upsert"));
    QVERIFY(row >= 0);
    w.view()->selectRow(row);
    action(w, QStringLiteral("&Edit Flow…"))->trigger();
    wizard = w.wizard();
    QVERIFY(wizard && wizard->isEditing());
    QCOMPARE(wizard->editPath(), w.model()->entry(row).path);
    QCOMPARE(child<QLineEdit>(wizard, "flowName")->text(), QStringLiteral("salesforce-accounts-upsert"));
    QVERIFY(!wizard->existingNames().contains(QStringLiteral("salesforce-accounts-upsert"))); // its own name is fine
    // Loading the flow changes nothing: the document is the file's.
    const nlohmann::json file = loadFlow(w.model()->entry(row).path.toStdString()).raw;
    COMPARE_JSON(wizard->flowJson(), file);
    wizard->reject(); // unchanged: no question
    QTRY_VERIFY(!w.wizard());
}

void TestMainWindowFlows::openingAFlowChangesNothing()
{
    // Every example, and every valid test flow, read into the wizard's pages and written back.
    QDir().mkpath(m_flows + QStringLiteral("/valid"));
    for (const QString &f : QDir(QString::fromStdString(test::dataPath("flows/valid"))).entryList({QStringLiteral("*.flow.json")}))
        QFile::copy(QString::fromStdString(test::dataPath("flows/valid/")) + f, m_flows + QStringLiteral("/valid/") + f);
    MainWindow w(m_flows);
    QVERIFY(w.model()->rowCount() >= 10);
    for (int row = 0; row < w.model()->rowCount(); ++row) {
        FlowWizard *wizard = w.openWizard(row);
        QVERIFY(wizard);
        const nlohmann::json file = loadFlow(w.model()->entry(row).path.toStdString(), [](const std::string &) {
            return std::optional<std::string>("1");
        }).raw;
        QVERIFY2(wizard->flowJson() == file, qPrintable(w.model()->entry(row).path + QStringLiteral(": ")
                                                        + QString::fromStdString(nlohmann::json::diff(file, wizard->flowJson()).dump())));
        QVERIFY(!wizard->isChanged());
        wizard->reject();
        QTRY_VERIFY(!w.wizard());
    }
}

void TestMainWindowFlows::duplicateKeepsTheFlowRunnable()
{
    MainWindow w(m_flows);
    QAbstractItemModelTester tester(w.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int before = w.model()->rowCount();
    const int row = rowOf(w, QStringLiteral("salesforce-accounts-to-tidb"));
    w.view()->selectRow(row);
    action(w, QStringLiteral("D&uplicate Flow"))->trigger();
    QCOMPARE(w.model()->rowCount(), before + 1);
    const int copy = rowOf(w, QStringLiteral("salesforce-accounts-to-tidb-copy"));
    QVERIFY(copy >= 0);
    const FlowListModel::Entry &e = w.model()->entry(copy);
    QVERIFY2(e.loadError.isEmpty(), qPrintable(e.loadError));
    QCOMPARE(QFileInfo(e.path).absolutePath(), QFileInfo(m_flows).absoluteFilePath());
    // The copy sits in another folder: its CSV path now points at the original file.
    const std::string path = e.flow.raw["source"]["path"].get<std::string>();
    QVERIFY2(QFile::exists(QString::fromStdString(path)), path.c_str());
    QCOMPARE(w.view()->currentIndex().row(), copy);
    QCOMPARE(w.duplicateRow(rowOf(w, QStringLiteral("salesforce-accounts-to-tidb"))), QDir(m_flows).filePath(QStringLiteral("salesforce-accounts-to-tidb-copy-2.flow.json")));
}

void TestMainWindowFlows::deleteAsksFirst()
{
    MainWindow w(m_flows);
    w.show();
    const int before = w.model()->rowCount();
    const int row = rowOf(w, QStringLiteral("salesforce-accounts-upsert"));
    const QString path = w.model()->entry(row).path;
    w.view()->selectRow(row);
    test::answerNextMessageBox(QMessageBox::Cancel);
    action(w, QStringLiteral("&Delete Flow…"))->trigger();
    QCOMPARE(w.model()->rowCount(), before);
    QVERIFY(QFile::exists(path));
    test::answerNextMessageBox(QMessageBox::Yes);
    action(w, QStringLiteral("&Delete Flow…"))->trigger();
    QCOMPARE(w.model()->rowCount(), before - 1);
    QVERIFY(!QFile::exists(path));
    QCOMPARE(rowOf(w, QStringLiteral("salesforce-accounts-upsert")), -1);
}

void TestMainWindowFlows::exportCopiesTheFile()
{
    MainWindow w(m_flows);
    const int row = rowOf(w, QStringLiteral("tpcc-to-kafka"));
    const QString target = m_dir->filePath(QStringLiteral("exported.flow.json"));
    QVERIFY(w.exportRow(row, target));
    QFile a(w.model()->entry(row).path), b(target);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll(), a.readAll());
}

void TestMainWindowFlows::monitorActionCallsTheHook()
{
    MainWindow w(m_flows);
    QAction *monitor = action(w, QStringLiteral("&Monitor…"));
    QVERIFY(!monitor->isEnabled()); // nothing plugged in
    QString asked = QStringLiteral("never");
    w.setMonitorHandler([&asked](const QString &path) { asked = path; });
    QVERIFY(monitor->isEnabled());
    w.view()->selectRow(0);
    monitor->trigger();
    QCOMPARE(asked, w.model()->entry(0).path);
}

QTEST_MAIN(TestMainWindowFlows)
#include "tst_mainwindowflows.moc"
