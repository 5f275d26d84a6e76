// Screenshots of the main window and of every page of the flow wizard, drawn offscreen, for the
// docs (docs/screenshots/<language>/). scripts/screenshots.sh LANG runs this test with
// FLOWDECK_SCREENSHOTS_DIR and FLOWDECK_SCREENSHOTS_LANG; without them the images go to a
// temporary folder and the test checks that each one is really drawn.
#include "tests/common/testsupport.h"
#include "tests/common/wizarddriver.h"

#include "widgets/examples.h"
#include "widgets/mainwindow.h"
#include "widgets/wizard/endpointtypepage.h"
#include "widgets/wizard/filepage.h"
#include "widgets/wizard/filterspage.h"
#include "widgets/wizard/kafkapage.h"
#include "widgets/wizard/mappingpage.h"
#include "widgets/wizard/createtabledialog.h"
#include "widgets/wizard/mysqlconnectionform.h"
#include "widgets/wizard/mysqlpage.h"
#include "widgets/wizard/namecountmodel.h"
#include "widgets/wizard/reviewpage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLibraryInfo>
#include <QLocale>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSet>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>

#include <fstream>

using namespace flowdeck;
using test::child;

class TestScreenshots : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mainWindowAndWizardPages();

private:
    void shoot(QWidget *widget, const QString &name);
    void shootCreateTable(const QString &flows, const QString &csv);

    QTemporaryDir m_dir;
    QString m_out;
    QStringList m_taken;
    QTranslator m_qt;
    QTranslator m_app;
};

void TestScreenshots::initTestCase()
{
    Q_INIT_RESOURCE(flowdeck);
    qputenv("FLOWDECK_KEYCHAIN", "off");
    QVERIFY(m_dir.isValid());
    qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toUtf8());
    const QString language = qEnvironmentVariable("FLOWDECK_SCREENSHOTS_LANG", QStringLiteral("en"));
    m_out = qEnvironmentVariable("FLOWDECK_SCREENSHOTS_DIR", m_dir.filePath(QStringLiteral("shots")));
    QDir().mkpath(m_out);
    if (language != QLatin1String("en")) {
        const QLocale locale(language);
        QLocale::setDefault(locale);
        if (m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qt);
        const QString qmDir = QFileInfo(test::flowdeckBinary()).absolutePath() + QStringLiteral("/../translations");
        QVERIFY2(m_app.load(locale, QStringLiteral("flowdeck"), QStringLiteral("_"), qmDir), qPrintable(qmDir));
        QCoreApplication::installTranslator(&m_app);
    }
    QApplication::setFont(QFont(QStringLiteral("Noto Sans CJK JP"), 9));
    test::freshDatabase("screens");
    std::ifstream ddl(test::sourcePath("resources/examples/salesforce-accounts/sf_account.sql"));
    test::execSql(std::string((std::istreambuf_iterator<char>(ddl)), {}), "screens");
}

void TestScreenshots::shoot(QWidget *widget, const QString &name)
{
    QTest::qWait(50); // let layouts settle
    const QImage image = widget->grab().toImage();
    QVERIFY(!image.isNull());
    // A drawn window has text and frames: many distinct colours, not a blank rectangle.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 8, qPrintable(name));
    const QString file = QDir(m_out).filePath(name + QStringLiteral(".png"));
    QVERIFY(image.save(file));
    m_taken << file;
}

void TestScreenshots::mainWindowAndWizardPages()
{
    const nlohmann::json c = test::sandboxConnection("screens");
    const QString flows = m_dir.filePath(QStringLiteral("flows"));
    installExamples(flows);
    const QString csv = flows + QStringLiteral("/examples/salesforce-accounts/accounts.csv");
    MainWindow window(flows);
    window.resize(1100, 620);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    shoot(&window, QStringLiteral("01-main-window"));

    FlowWizard *w = window.openWizard();
    w->resize(FlowWizard::preferredSize()); // as a user first sees it (the offscreen screen is only 800x800)
    QVERIFY(QTest::qWaitForWindowExposed(w));
    QTest::keyClicks(child<QLineEdit>(w, "flowName"), QStringLiteral("accounts-to-sandbox"));
    QTest::keyClicks(child<QPlainTextEdit>(w, "flowDescription"), QStringLiteral("Salesforce Account export into TiDB sf_account"));
    shoot(w, QStringLiteral("02-details"));
    test::clickNext(w);
    QCOMPARE(w->currentId(), int(FlowWizard::SourceType));
    shoot(w, QStringLiteral("03-source-type"));
    test::clickNext(w);
    FilePage *file = w->filePage(EndpointRole::Source);
    file->setPath(csv);
    QTRY_VERIFY_WITH_TIMEOUT(file->isComplete(), 10000);
    shoot(w, QStringLiteral("04-source-file"));
    test::clickNext(w);
    child<QRadioButton>(w->typePage(EndpointRole::Destination), "mysql")->click();
    shoot(w, QStringLiteral("05-destination-type"));
    test::clickNext(w);
    MySqlPage *mysql = w->mysqlPage(EndpointRole::Destination);
    test::typeInto(child<QLineEdit>(mysql, "mysqlPort"), QString::number(c["port"].get<int>()));
    child<QComboBox>(mysql, "mysqlDatabase")->setEditText(QStringLiteral("screens"));
    child<QPushButton>(mysql, "mysqlTest")->click();
    QTRY_VERIFY_WITH_TIMEOUT(mysql->connectionForm()->isConnected(), 15000);
    mysql->setTable(QStringLiteral("sf_account"));
    QTRY_VERIFY_WITH_TIMEOUT(mysql->isComplete(), 15000);
    shoot(w, QStringLiteral("06-destination-mysql"));
    test::clickNext(w);
    // The mapping made as the seed does: two pairs with Map fields, the rest by name.
    MappingEditor *editor = w->mappingPage()->editor();
    QVERIFY(test::mapFields(editor, QStringLiteral("Account ID"), QStringLiteral("id")));
    QVERIFY(test::mapFields(editor, QStringLiteral("Billing State/Province"), QStringLiteral("billing_state")));
    child<QPushButton>(editor, "mapAll")->click();
    QCOMPARE(editor->mapping().size(), std::size_t(6));
    shoot(w, QStringLiteral("07-mapping"));
    test::clickNext(w);
    QVERIFY(test::addFilter(w->filtersPage()->editor(), QStringLiteral("Industry"), QStringLiteral("neq"), QStringLiteral("Energy")));
    QCOMPARE(w->filtersPage()->editor()->passingCount(), 10);
    shoot(w, QStringLiteral("08-filters"));
    test::clickNext(w);
    QCOMPARE(w->currentId(), int(FlowWizard::Trigger));
    shoot(w, QStringLiteral("09-trigger"));
    test::clickNext(w);
    QTRY_VERIFY(w->reviewPage()->isComplete());
    shoot(w, QStringLiteral("10-review"));

    // The other endpoint pages: a Kafka destination on the embedded broker, a MySQL source.
    test::clickBack(w);
    test::clickBack(w);
    test::clickBack(w);
    test::clickBack(w);
    test::clickBack(w);
    QCOMPARE(w->currentId(), int(FlowWizard::DestinationType));
    child<QRadioButton>(w->typePage(EndpointRole::Destination), "kafka")->click();
    test::clickNext(w);
    KafkaPage *kafka = w->kafkaPage(EndpointRole::Destination);
    child<QCheckBox>(kafka, "kafkaEmbedded")->setChecked(true);
    kafka->setTopic(QStringLiteral("tidb_{schema}_{table}"));
    auto *partition = child<QComboBox>(kafka, "kafkaPartition");
    partition->setCurrentIndex(partition->findData(QStringLiteral("index-value")));
    kafka->test();
    QTRY_VERIFY_WITH_TIMEOUT(!kafka->isBusy(), 15000);
    QVERIFY(kafka->isConnected());
    shoot(w, QStringLiteral("11-destination-kafka"));
    test::clickBack(w);
    test::clickBack(w);
    test::clickBack(w);
    QCOMPARE(w->currentId(), int(FlowWizard::SourceType));
    child<QRadioButton>(w->typePage(EndpointRole::Source), "mysql")->click();
    test::clickNext(w);
    MySqlPage *source = w->mysqlPage(EndpointRole::Source);
    test::typeInto(child<QLineEdit>(source, "mysqlPort"), QString::number(c["port"].get<int>()));
    child<QComboBox>(source, "mysqlDatabase")->setEditText(QStringLiteral("screens"));
    child<QPushButton>(source, "mysqlTest")->click();
    QTRY_VERIFY_WITH_TIMEOUT(source->connectionForm()->isConnected(), 15000);
    source->setTable(QStringLiteral("sf_account"));
    QTRY_VERIFY_WITH_TIMEOUT(source->isComplete(), 15000);
    shoot(w, QStringLiteral("12-source-mysql"));
    shootCreateTable(flows, csv);
    QCOMPARE(m_taken.size(), 13);
    qInfo("screenshots in %s", qPrintable(m_out));
}

// "Create the Table…" on the mapping page of a flow into a table that does not exist yet.
void TestScreenshots::shootCreateTable(const QString &flows, const QString &csv)
{
    const nlohmann::json c = test::sandboxConnection("screens");
    test::execSql("DROP TABLE IF EXISTS new_accounts", "screens");
    FlowWizard w(flows, {});
    w.resize(FlowWizard::preferredSize());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    child<QLineEdit>(&w, "flowName")->setText(QStringLiteral("accounts-new-table"));
    test::clickNext(&w);
    test::clickNext(&w);
    w.filePage(EndpointRole::Source)->setPath(csv);
    QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->isComplete(), 10000);
    test::clickNext(&w);
    child<QRadioButton>(w.typePage(EndpointRole::Destination), "mysql")->click();
    test::clickNext(&w);
    MySqlPage *mysql = w.mysqlPage(EndpointRole::Destination);
    test::typeInto(child<QLineEdit>(mysql, "mysqlPort"), QString::number(c["port"].get<int>()));
    child<QComboBox>(mysql, "mysqlDatabase")->setEditText(QStringLiteral("screens"));
    child<QPushButton>(mysql, "mysqlTest")->click();
    QTRY_VERIFY_WITH_TIMEOUT(mysql->connectionForm()->isConnected(), 15000);
    mysql->setTable(QStringLiteral("new_accounts"));
    child<QCheckBox>(mysql, "mysqlCreateTable")->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(mysql->isComplete(), 15000);
    test::clickNext(&w);
    w.mappingPage()->setMapAllFieldsDirectly(true);
    CreateTableDialog *dialog = w.mappingPage()->openCreateTable();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    shoot(dialog, QStringLiteral("13-create-table"));
    dialog->close();
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
