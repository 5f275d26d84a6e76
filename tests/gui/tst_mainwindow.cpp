// The main window, drawn for real on the offscreen platform.
#include "tests/common/testsupport.h"

#include "widgets/examples.h"
#include "widgets/flowlistmodel.h"
#include "widgets/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace flowdeck;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void listsExampleFlows();
    void invalidFlowIsShownWithItsProblems();
    void windowIsDrawn();

private:
    QTemporaryDir m_dir;
    QString m_flows;
};

void TestMainWindow::initTestCase()
{
    Q_INIT_RESOURCE(flowdeck);
    QVERIFY(m_dir.isValid());
    m_flows = m_dir.filePath(QStringLiteral("flows"));
    const QString examples = installExamples(m_flows);
    QVERIFY(QFile::exists(examples + QStringLiteral("/salesforce-accounts/accounts-insert.flow.json")));
    QVERIFY(QFile::exists(examples + QStringLiteral("/salesforce-accounts/accounts.csv")));
    // Every example in the source tree is bundled (resources/flowdeck.qrc lists them by hand).
    const QString sourceExamples = QStringLiteral(FLOWDECK_SOURCE_DIR "/resources/examples");
    QDirIterator it(sourceExamples, QDir::Files, QDirIterator::Subdirectories);
    int count = 0;
    while (it.hasNext()) {
        const QString file = it.next();
        QVERIFY2(QFile::exists(examples + file.mid(sourceExamples.size())),
                 qPrintable(file + QStringLiteral(" is not in resources/flowdeck.qrc")));
        ++count;
    }
    QVERIFY(count >= 7);
}

void TestMainWindow::listsExampleFlows()
{
    MainWindow w(m_flows);
    QAbstractItemModelTester tester(w.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(w.model()->rowCount(), 11);
    QStringList names;
    for (int r = 0; r < w.model()->rowCount(); ++r)
        names << w.model()->index(r, FlowListModel::Name).data().toString();
    QCOMPARE(names, (QStringList{QStringLiteral("kafka-to-replica"), QStringLiteral("kafka-to-replica-versioned"),
                                 QStringLiteral("salesforce-accounts-no-energy"), QStringLiteral("salesforce-accounts-to-tidb"),
                                 QStringLiteral("salesforce-accounts-upsert"), QStringLiteral("tpcc-to-kafka"),
                                 QStringLiteral("tpcc-to-kafka-debezium"), QStringLiteral("updated-orders-from-csv-folder"),
                                 QStringLiteral("updated-orders-from-jsonl"), QStringLiteral("updated-orders-from-mariadb"),
                                 QStringLiteral("updated-orders-from-tidb")}));
    QCOMPARE(w.model()->index(5, FlowListModel::Route).data().toString(), QStringLiteral("mysql → kafka tidb_{schema}_{table}"));
    QCOMPARE(w.model()->index(5, FlowListModel::Trigger).data().toString(), QStringLiteral("Continuous"));
    QCOMPARE(w.model()->index(3, FlowListModel::Route).data().toString(), QStringLiteral("file accounts.csv → mysql sf_account"));
    QCOMPARE(w.model()->index(3, FlowListModel::Trigger).data().toString(), QStringLiteral("Run on demand"));
}

void TestMainWindow::invalidFlowIsShownWithItsProblems()
{
    QFile f(m_flows + QStringLiteral("/broken.flow.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"flowdeck": 1, "name": "broken", "source": {"type": "file"}, "destination": {"type": "mysql"}})");
    f.close();
    MainWindow w(m_flows);
    const int row = 0; // "broken" sorts first
    QCOMPARE(w.model()->index(row, FlowListModel::Name).data().toString(), QStringLiteral("broken"));
    QCOMPARE(w.model()->index(row, FlowListModel::Route).data().toString(), QStringLiteral("invalid flow file"));
    QVERIFY(w.model()->index(row, FlowListModel::Route).data(Qt::ToolTipRole).toString().contains(QLatin1String("source.path")));
    w.view()->selectRow(row);
    QVERIFY(w.findChild<QPlainTextEdit *>()->toPlainText().contains(QLatin1String("This flow file has problems")));
    QFile::remove(f.fileName());
}

void TestMainWindow::windowIsDrawn()
{
    MainWindow w(m_flows);
    w.resize(1000, 600);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QImage shot = w.grab().toImage();
    const QString out = QDir(QStringLiteral(FLOWDECK_SOURCE_DIR)).filePath(QStringLiteral("build/mainwindow.png"));
    shot.save(qEnvironmentVariable("FLOWDECK_SCREENSHOT_DIR", QDir::tempPath()) + QStringLiteral("/flowdeck-mainwindow.png"));
    QCOMPARE(shot.size(), QSize(1000, 600));
    // The table really drew its rows: the first row's area holds more than one colour (text).
    const QRect cell = w.view()->visualRect(w.model()->index(0, FlowListModel::Name));
    const QPoint origin = w.view()->viewport()->mapTo(&w, cell.topLeft());
    QSet<QRgb> colours;
    for (int x = origin.x(); x < origin.x() + cell.width(); ++x)
        for (int y = origin.y(); y < origin.y() + cell.height(); ++y)
            colours.insert(shot.pixel(x, y));
    QVERIFY2(colours.size() > 3, qPrintable(QString::number(colours.size())));
    Q_UNUSED(out);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
