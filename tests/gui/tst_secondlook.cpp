// Issue 15, a second look at the first ten minutes: the mapping preview says what the database
// stores (column defaults) instead of NULL, a removed mapping takes its report with it, the
// engine's messages reach a Japanese window in Japanese, and the Japanese layout of the main
// window and of the MySQL destination page is not cut.
#include "accountssample.h"
#include "tests/common/wizarddriver.h"

#include "widgets/brokerstatus.h"
#include "widgets/enginemessages.h"
#include "widgets/flowlistmodel.h"
#include "widgets/mainwindow.h"
#include "widgets/mapping/mappingeditor.h"
#include "widgets/mapping/mappingpreviewmodel.h"
#include "widgets/sandboxstatus.h"
#include "widgets/wizard/endpointtypepage.h"
#include "widgets/wizard/filepage.h"
#include "widgets/wizard/mysqlpage.h"

#include "core/kafka/embeddedbroker.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QRadioButton>
#include <QScopeGuard>
#include <QStatusBar>
#include <QStyleOptionComboBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>

using namespace flowdeck;
using namespace flowdeck::test;
using nlohmann::json;

class TestSecondLook : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void previewShowsWhatTheDatabaseStores();
    void unmappedColumnWithoutDefaultRejectsTheRow();
    void removedMappingTakesItsReport();
    void englishEngineMessagesAreUnchanged();
    void runErrorsInJapanese();
    void japaneseLayoutIsNotCut();

private:
    QString writeFlow(const QString &name, const json &flow);

    QTemporaryDir m_dir;
    QString m_flows;
};

void TestSecondLook::initTestCase()
{
    Q_INIT_RESOURCE(flowdeck);
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toUtf8());
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
    qputenv("FLOWDECK_KEYCHAIN", "off");
    m_flows = m_dir.filePath(QStringLiteral("flows"));
    QDir().mkpath(m_flows);
}

QString TestSecondLook::writeFlow(const QString &name, const json &flow)
{
    const QString path = m_flows + QLatin1Char('/') + name + QStringLiteral(".flow.json");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QByteArray::fromStdString(flow.dump(2)));
    return path;
}

static DestinationColumn described(const QString &name, const QString &type, bool nullable, const QString &defaultSql,
                                   bool expression = false)
{
    DestinationColumn c;
    c.name = name;
    c.type = type;
    c.described = true;
    c.nullable = nullable;
    c.hasDefault = !defaultSql.isEmpty();
    c.defaultSql = defaultSql;
    c.defaultIsExpression = expression;
    c.required = !nullable && defaultSql.isEmpty();
    return c;
}

// Before: an empty CSV field into `name VARCHAR NOT NULL DEFAULT ''` showed NULL, and the columns
// no entry maps were not shown at all; the database stores '' and the defaults.
void TestSecondLook::previewShowsWhatTheDatabaseStores()
{
    MappingEditor editor;
    editor.setSourceFields(accountsFields());
    editor.setSample(accountsSample());
    DestinationColumn id = described(QStringLiteral("id"), QStringLiteral("varchar(255)"), false, QString());
    DestinationColumn seq = described(QStringLiteral("seq"), QStringLiteral("int"), false, QString());
    seq.autoIncrement = true;
    seq.required = false;
    editor.setDestinationColumns({id,
                                  described(QStringLiteral("name"), QStringLiteral("varchar(150)"), false, QStringLiteral("''")),
                                  described(QStringLiteral("qty"), QStringLiteral("int"), false, QStringLiteral("0")),
                                  described(QStringLiteral("created"), QStringLiteral("timestamp"), false,
                                            QStringLiteral("CURRENT_TIMESTAMP"), true),
                                  described(QStringLiteral("note"), QStringLiteral("varchar(10)"), true, QStringLiteral("NULL")),
                                  seq});
    // "Account Type" is empty on the first row: a NULL into name.
    editor.setMapping(json::array({{{"source", "Account ID"}, {"destination", "id"}},
                                   {{"source", "Account Type"}, {"destination", "name"}}}));
    const MappingPreviewModel *p = editor.previewModel();
    QCOMPARE(p->columnCount(), 1 + 2 + 4);
    QCOMPARE(p->writtenCount(), 13);
    QVERIFY(p->cellIsDefault(0, 2));
    QCOMPARE(p->cellText(0, 2), QStringLiteral("''"));
    QCOMPARE(p->index(0, 2).data().toString(), QStringLiteral("'' (default)"));
    QCOMPARE(p->index(1, 2).data().toString(), QStringLiteral("Customer - Direct")); // a value stays a value
    const QStringList headers{p->headerData(3, Qt::Horizontal).toString(), p->headerData(4, Qt::Horizontal).toString(),
                              p->headerData(5, Qt::Horizontal).toString(), p->headerData(6, Qt::Horizontal).toString()};
    QCOMPARE(headers, (QStringList{QStringLiteral("qty (not mapped)"), QStringLiteral("created (not mapped)"),
                                   QStringLiteral("note (not mapped)"), QStringLiteral("seq (not mapped)")}));
    QCOMPARE(p->index(0, 3).data().toString(), QStringLiteral("0 (default)"));
    QCOMPARE(p->index(0, 4).data().toString(), QStringLiteral("CURRENT_TIMESTAMP (default)"));
    QVERIFY(p->index(0, 4).data(Qt::ToolTipRole).toString().contains(QStringLiteral("evaluated when the row is written")));
    QVERIFY(p->cellIsNull(0, 5));
    QCOMPARE(p->index(0, 5).data().toString(), QStringLiteral("NULL"));
    QCOMPARE(p->index(0, 6).data().toString(), QStringLiteral("AUTO_INCREMENT (default)"));

    // Drawn: the preview table shows the default, not NULL.
    editor.resize(1200, 700);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-preview-defaults.png"));
}

void TestSecondLook::unmappedColumnWithoutDefaultRejectsTheRow()
{
    MappingEditor editor;
    editor.setSourceFields(accountsFields());
    editor.setSample(accountsSample());
    editor.setDestinationColumns({described(QStringLiteral("id"), QStringLiteral("varchar(255)"), false, QString()),
                                  described(QStringLiteral("region"), QStringLiteral("varchar(20)"), false, QString())});
    editor.setMapping(json::array({{{"source", "Account ID"}, {"destination", "id"}}}));
    const MappingPreviewModel *p = editor.previewModel();
    QCOMPARE(p->writtenCount(), 0);
    QCOMPARE(p->rowState(0), MappingPreviewModel::RowState::Rejected);
    QString error;
    p->cellText(0, 2, &error);
    QCOMPARE(error, QStringLiteral("column region is NOT NULL without a default: map a field to it"));
}

// Before: "Map all by name" said what it mapped, and the line stayed after the rows were removed.
void TestSecondLook::removedMappingTakesItsReport()
{
    MappingEditor editor;
    editor.setSourceFields(accountsFields());
    editor.setSample(accountsSample());
    editor.setDestinationColumns(sfAccountColumns());
    editor.show();
    editor.mapAllByName();
    QVERIFY(editor.model()->rowCount() > 0);
    QVERIFY(!editor.messageText().isEmpty());
    editor.mappingView()->selectAll();
    editor.removeSelected();
    QCOMPARE(editor.model()->rowCount(), 0);
    QCOMPARE(editor.messageText(), QString());
}

void TestSecondLook::englishEngineMessagesAreUnchanged()
{
    // Without a translator the window shows core's text exactly, as `flowdeck run` prints it.
    for (const char *m : {"bad.csv:3:5: expected 2 fields (as in the header) but found 3",
                          "cannot connect to 127.0.0.1:1 as root: connection refused",
                          "cannot connect to 127.0.0.1:4000 as root: Access denied for user 'root'@'localhost' (using password: YES)",
                          "table `test`.`nope` does not exist (set \"createTable\": true to create it)",
                          "something core says that the table does not know"})
        QCOMPARE(engineMessage(m), QString::fromUtf8(m));
}

// Two real runs in the window with the Japanese translation: a malformed CSV line that stops the
// run, and a destination that refuses the connection. Their errors reach the status bar, the
// Last run column and the details in Japanese.
void TestSecondLook::runErrorsInJapanese()
{
    QTranslator translator;
    QVERIFY(translator.load(QCoreApplication::applicationDirPath() + QStringLiteral("/../translations/flowdeck_ja.qm")));
    QCoreApplication::installTranslator(&translator);
    auto restore = qScopeGuard([&] { QCoreApplication::removeTranslator(&translator); });

    const QString folder = m_dir.filePath(QStringLiteral("data-ja"));
    QDir().mkpath(folder);
    QFile csv(folder + QStringLiteral("/bad.csv"));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("id,name\n1,a\n2,b,extra\n");
    csv.close();
    const json file = {{"type", "file"}, {"path", csv.fileName().toStdString()}, {"format", "csv"}};
    writeFlow(QStringLiteral("bad-line"), {{"flowdeck", 1}, {"name", "bad-line"}, {"source", file},
                                           {"destination", {{"type", "file"}, {"path", QString(folder + QStringLiteral("/out.jsonl")).toStdString()},
                                                            {"format", "jsonl"}}},
                                           {"errorHandling", {{"onError", "stop"}}}});
    writeFlow(QStringLiteral("refused"), {{"flowdeck", 1}, {"name", "refused"}, {"source", file},
                                          {"destination", {{"type", "mysql"},
                                                           {"connection", {{"host", "127.0.0.1"}, {"port", 1}, {"user", "root"},
                                                                           {"password", ""}, {"database", "test"}}},
                                                           {"table", "t"}, {"write", {{"mode", "insert"}}}}}});
    MainWindow w(m_flows);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const struct
    {
        const char *flow;
        QString expected;
    } cases[] = {{"bad-line", QStringLiteral("bad.csv の 3 行 5 列目: 不正な CSV 行: フィールドは 2 個（ヘッダーと同じ）のはずが 3 個あります")},
                 {"refused", QStringLiteral("127.0.0.1:1 に root として接続できません: 接続が拒否されました")}};
    for (const auto &c : cases) {
        const int row = w.model()->rowOfPath(m_flows + QLatin1Char('/') + QLatin1String(c.flow) + QStringLiteral(".flow.json"));
        QVERIFY(row >= 0);
        w.view()->selectRow(row);
        w.runRow(row);
        const QString prefix = QLatin1String(c.flow) + QStringLiteral(": ");
        QTRY_VERIFY_WITH_TIMEOUT(w.statusBar()->currentMessage().startsWith(prefix)
                                     && w.statusBar()->currentMessage().contains(QStringLiteral("失敗")),
                                 60000);
        const QString status = w.statusBar()->currentMessage();
        QVERIFY2(status.contains(c.expected), qPrintable(status));
        const QString lastRun = w.model()->index(row, FlowListModel::LastRun).data().toString();
        QVERIFY2(lastRun.contains(c.expected), qPrintable(lastRun));
    }
}

static void verifyComboNotCut(QComboBox *combo)
{
    for (int i = 0; i < combo->count(); ++i) {
        combo->setCurrentIndex(i);
        QStyleOptionComboBox option;
        option.initFrom(combo);
        option.currentText = combo->currentText();
        const QRect field = combo->style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, combo);
        const int needed = combo->fontMetrics().horizontalAdvance(combo->currentText());
        QVERIFY2(field.width() >= needed,
                 qPrintable(QStringLiteral("%1: %2 < %3 px").arg(combo->currentText()).arg(field.width()).arg(needed)));
    }
    combo->setCurrentIndex(0);
}

void TestSecondLook::japaneseLayoutIsNotCut()
{
    QTranslator translator;
    QVERIFY(translator.load(QCoreApplication::applicationDirPath() + QStringLiteral("/../translations/flowdeck_ja.qm")));
    QCoreApplication::installTranslator(&translator);
    auto restore = qScopeGuard([&] { QCoreApplication::removeTranslator(&translator); });

    // The main window at its first size: every toolbar action shown (no » button), and the
    // sandbox and broker states readable in the status bar, with the broker running.
    MainWindow w(m_flows);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.brokerStatus()->start();
    QVERIFY(EmbeddedBroker::sharedRunning());
    QApplication::processEvents();
    auto *tools = w.findChild<QToolBar *>(QStringLiteral("FlowToolBar"));
    QVERIFY(tools->sizeHint().width() <= w.width());
    auto *more = tools->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
    QVERIFY(!more || !more->isVisible());
    for (QLabel *label : {w.sandboxStatus()->label(), w.brokerStatus()->label()}) {
        QVERIFY2(label->isVisible() && label->width() >= label->sizeHint().width(), qPrintable(label->text()));
        QVERIFY(w.rect().contains(QRect(label->mapTo(&w, QPoint(0, 0)), label->size())));
    }
    QVERIFY2(w.brokerStatus()->label()->text().startsWith(QStringLiteral("組み込みブローカー: ")), qPrintable(w.brokerStatus()->label()->text()));
    w.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-mainwindow-ja-broker.png"));
    w.brokerStatus()->stop();

    // The MySQL destination page at the wizard's first size: the Mode texts are whole.
    const QString folder = m_dir.filePath(QStringLiteral("layout"));
    QDir().mkpath(folder);
    QFile csv(folder + QStringLiteral("/rows.csv"));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("id,name\n1,a\n");
    csv.close();
    FlowWizard wizard(m_flows, {});
    wizard.resize(FlowWizard::preferredSize());
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QTest::keyClicks(child<QLineEdit>(&wizard, "flowName"), QStringLiteral("layout"));
    clickNext(&wizard);
    child<QRadioButton>(wizard.typePage(EndpointRole::Source), "file")->click();
    clickNext(&wizard);
    wizard.filePage(EndpointRole::Source)->setPath(csv.fileName());
    QTRY_VERIFY_WITH_TIMEOUT(wizard.filePage(EndpointRole::Source)->isComplete(), 10000);
    clickNext(&wizard);
    child<QRadioButton>(wizard.typePage(EndpointRole::Destination), "mysql")->click();
    clickNext(&wizard);
    QCOMPARE(wizard.currentId(), int(FlowWizard::DestinationMySql));
    MySqlPage *page = wizard.mysqlPage(EndpointRole::Destination);
    auto *mode = child<QComboBox>(page, "mysqlWriteMode");
    QVERIFY(mode->isVisible());
    verifyComboNotCut(mode);
    wizard.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-destination-mysql-ja.png"));
}

QTEST_MAIN(TestSecondLook)
#include "tst_secondlook.moc"
