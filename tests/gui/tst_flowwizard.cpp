// The flow wizard on the offscreen platform, without a database: each page's validation, Back and
// Next keeping what was entered, connection test failures, secrets, Cancel on a changed flow, and
// the pickers' models.
#include "tests/common/testsupport.h"
#include "tests/common/wizarddriver.h"

#include "widgets/secretstore.h"
#include "widgets/wizard/batchtablemodel.h"
#include "widgets/wizard/detailspage.h"
#include "widgets/wizard/endpointtypepage.h"
#include "widgets/wizard/fieldmessage.h"
#include "widgets/wizard/filepage.h"
#include "widgets/wizard/filterspage.h"
#include "widgets/wizard/kafkapage.h"
#include "widgets/wizard/mappingpage.h"
#include "widgets/wizard/mysqlconnectionform.h"
#include "widgets/wizard/mysqlpage.h"
#include "widgets/wizard/namecountmodel.h"
#include "widgets/wizard/reviewpage.h"
#include "widgets/wizard/triggerpage.h"

#include "core/kafka/embeddedbroker.h"
#include "core/devtools/sandbox.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>

using namespace flowdeck;
using test::child;

class TestFlowWizard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void nameIsValidated_data();
    void nameIsValidated();
    void backAndNextKeepEverything();
    void missingFileIsReportedAtTheField();
    void unreachableServerKeepsThePageIncomplete();
    void kafkaTopicsAreListedWithPartitions();
    void triggerIsValidated_data();
    void triggerIsValidated();
    void kafkaDestinationTakesOneTopic();
    void reviewListsRemainingProblems();
    void reviewWarnsOnlyAboutFileDestinations();
    void passwordsNeverReachTheFile();
    void cancelAsksOnlyWhenChanged();
    void secretLookupPrefersTheEnvironment();
    void pickerModels();

private:
    /// A wizard on the source file page with accounts.csv previewed.
    void startWithFile(FlowWizard &w, const QString &name = QStringLiteral("wizard-test"));

    QTemporaryDir m_dir;
    QString m_csv;
};

void TestFlowWizard::initTestCase()
{
    Q_INIT_RESOURCE(flowdeck);
    qputenv("FLOWDECK_KEYCHAIN", "off");
    QVERIFY(m_dir.isValid());
    m_csv = QString::fromStdString(test::sourcePath("resources/examples/salesforce-accounts/accounts.csv"));
}

void TestFlowWizard::startWithFile(FlowWizard &w, const QString &name)
{
    w.show();
    QTest::keyClicks(child<QLineEdit>(&w, "flowName"), name);
    test::clickNext(&w);
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::SourceFile));
    w.filePage(EndpointRole::Source)->setPath(m_csv);
    QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->isComplete(), 10000);
}

void TestFlowWizard::nameIsValidated_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message"); // "" when the name is accepted
    QTest::newRow("fine") << QStringLiteral("accounts-to-tidb") << QString();
    QTest::newRow("spaces and CJK are fine") << QStringLiteral("アカウント 取り込み") << QString();
    QTest::newRow("slash") << QStringLiteral("a/b") << QStringLiteral("The name must not contain '/'.");
    QTest::newRow("tab") << QStringLiteral("a\tb") << QStringLiteral("The name must not contain control characters such as tabs.");
    QTest::newRow("hidden file") << QStringLiteral(".flow") << QStringLiteral("The name must not start with '.'.");
    QTest::newRow("taken") << QStringLiteral("nightly") << QStringLiteral("A flow named \"nightly\" exists already.");
    QTest::newRow("taken, other case") << QStringLiteral("NIGHTLY") << QStringLiteral("A flow named \"nightly\" exists already.");
}

void TestFlowWizard::nameIsValidated()
{
    QFETCH(QString, name);
    QFETCH(QString, message);
    FlowWizard w(m_dir.path(), {QStringLiteral("nightly")});
    w.show();
    QVERIFY(!w.button(QWizard::NextButton)->isEnabled()); // no name yet
    child<QLineEdit>(&w, "flowName")->setText(name);
    QVERIFY(w.button(QWizard::NextButton)->isEnabled());
    test::clickNext(&w);
    auto *shown = child<FieldMessage>(&w, "flowNameMessage");
    if (message.isEmpty()) {
        QCOMPARE(w.currentId(), int(FlowWizard::SourceType));
        QVERIFY(shown->isHidden());
    } else {
        QCOMPARE(w.currentId(), int(FlowWizard::Details));
        QCOMPARE(shown->text(), message);
        QVERIFY(shown->isVisible());
    }
}

void TestFlowWizard::backAndNextKeepEverything()
{
    FlowWizard w(m_dir.path(), {});
    startWithFile(w, QStringLiteral("keep-me"));
    QCOMPARE(w.sourceFields().size(), 6);
    test::clickNext(&w);
    child<QRadioButton>(w.typePage(EndpointRole::Destination), "kafka")->click();
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::DestinationKafka));
    KafkaPage *kafka = w.kafkaPage(EndpointRole::Destination);
    child<QCheckBox>(kafka, "kafkaEmbedded")->setChecked(true);
    kafka->setTopic(QStringLiteral("accounts"));
    auto *protocol = child<QComboBox>(kafka, "kafkaProtocol");
    protocol->setCurrentIndex(protocol->findData(QStringLiteral("canal-json")));
    kafka->test();
    QTRY_VERIFY_WITH_TIMEOUT(kafka->isComplete(), 15000);
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::Mapping));
    w.mappingPage()->setMapping(nlohmann::json::parse(R"([{"source": "Account ID", "destination": "id"}])"));
    test::clickNext(&w);
    w.filtersPage()->setFilters(nlohmann::json::parse(R"([{"field": "Industry", "op": "isNotNull"}])"));
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::Trigger));
    const nlohmann::json before = w.flowJson();
    QVERIFY(w.problems().isEmpty());

    // All the way back to the start, then forward again: nothing is lost.
    while (w.currentId() != FlowWizard::Details)
        test::clickBack(&w);
    QCOMPARE(child<QLineEdit>(&w, "flowName")->text(), QStringLiteral("keep-me"));
    QVERIFY(w.flowJson() == before);
    for (int id : {FlowWizard::SourceType, FlowWizard::SourceFile, FlowWizard::DestinationType, FlowWizard::DestinationKafka,
                   FlowWizard::Mapping, FlowWizard::Filters, FlowWizard::Trigger, FlowWizard::Review}) {
        QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->isComplete(), 15000);
        test::clickNext(&w);
        QCOMPARE(w.currentId(), id);
    }
    QVERIFY2(w.flowJson() == before, w.flowJson().dump().c_str());
    COMPARE_JSON(before["destination"], (nlohmann::json{{"type", "kafka"}, {"brokers", "embedded"}, {"protocol", "canal-json"}, {"topic", "accounts"}}));
    COMPARE_JSON(before["source"]["path"], nlohmann::json(m_csv.toStdString()));
    COMPARE_JSON(before["filters"].size(), std::size_t(1));
}

void TestFlowWizard::missingFileIsReportedAtTheField()
{
    FlowWizard w(m_dir.path(), {});
    w.show();
    child<QLineEdit>(&w, "flowName")->setText(QStringLiteral("missing"));
    test::clickNext(&w);
    test::clickNext(&w);
    FilePage *page = w.filePage(EndpointRole::Source);
    page->setPath(m_dir.filePath(QStringLiteral("no-such-export.csv")));
    auto *message = child<FieldMessage>(page, "filePathMessage");
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy() && page->preview().message.size() > 0, 10000);
    QVERIFY(!page->isComplete());
    QVERIFY(!w.button(QWizard::NextButton)->isEnabled());
    QVERIFY2(message->text().contains(QStringLiteral("No such file or directory")), qPrintable(message->text()));
    QCOMPARE(message->kind(), FieldMessage::Kind::Error);
    // A file that exists makes the page complete.
    page->setPath(m_csv);
    QTRY_VERIFY_WITH_TIMEOUT(page->isComplete(), 10000);
    QCOMPARE(message->kind(), FieldMessage::Kind::Success);
}

void TestFlowWizard::unreachableServerKeepsThePageIncomplete()
{
    FlowWizard w(m_dir.path(), {});
    startWithFile(w);
    test::clickNext(&w);
    child<QRadioButton>(w.typePage(EndpointRole::Destination), "mysql")->click();
    test::clickNext(&w);
    MySqlPage *page = w.mysqlPage(EndpointRole::Destination);
    const int port = Sandbox::freePort();
    test::typeInto(child<QLineEdit>(page, "mysqlHost"), QStringLiteral("127.0.0.1"));
    test::typeInto(child<QLineEdit>(page, "mysqlPort"), QString::number(port));
    child<QPushButton>(page, "mysqlTest")->click();
    QVERIFY(page->connectionForm()->isBusy());
    QVERIFY(!page->isComplete()); // incomplete while the test runs
    QTRY_VERIFY_WITH_TIMEOUT(!page->connectionForm()->isBusy(), 15000);
    QVERIFY(!page->isComplete());
    const QString text = child<FieldMessage>(page, "mysqlMessage")->text();
    QCOMPARE(text, QStringLiteral("cannot connect to 127.0.0.1:%1 as root: connection refused").arg(port));
}

void TestFlowWizard::kafkaTopicsAreListedWithPartitions()
{
    EmbeddedBroker::shared().createTopic("wizard-orders", 6);
    FlowWizard w(m_dir.path(), {});
    w.show();
    child<QLineEdit>(&w, "flowName")->setText(QStringLiteral("topics"));
    test::clickNext(&w);
    child<QRadioButton>(w.typePage(EndpointRole::Source), "kafka")->click();
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::SourceKafka));
    KafkaPage *page = w.kafkaPage(EndpointRole::Source);
    QAbstractItemModelTester tester(page->topicsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    child<QCheckBox>(page, "kafkaEmbedded")->setChecked(true);
    page->test();
    QTRY_VERIFY_WITH_TIMEOUT(page->isConnected(), 15000);
    const int row = page->topicsModel()->rowOf(QStringLiteral("wizard-orders"));
    QVERIFY(row >= 0);
    QCOMPARE(page->topicsModel()->index(row, NameCountModel::Count).data(Qt::UserRole).toLongLong(), 6);
    QVERIFY(!page->isComplete()); // no topic chosen yet
    child<QTableView>(page, "kafkaTopics")->selectRow(row);
    QVERIFY(page->isComplete());
    COMPARE_JSON(w.flowJson()["source"]["topic"], nlohmann::json("wizard-orders"));
}

void TestFlowWizard::triggerIsValidated_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("scheduleKind"); // 0 every, 1 at
    QTest::addColumn<QString>("schedule");
    QTest::addColumn<bool>("skip");
    QTest::addColumn<QString>("deadLetter");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("trigger"); // expected JSON when accepted
    QTest::addColumn<QString>("incremental"); // an incremental field typed in
    QTest::newRow("on demand") << 0 << 0 << QString() << false << QString() << true << R"({"type":"onDemand"})" << QString();
    QTest::newRow("every 15m") << 1 << 0 << "15m" << false << QString() << true << R"({"type":"schedule","every":"15m"})" << QString();
    QTest::newRow("every 15x") << 1 << 0 << "15x" << false << QString() << false << QString() << QString();
    QTest::newRow("at 02:30") << 1 << 1 << "02:30" << false << QString() << true << R"({"type":"schedule","at":"02:30"})" << QString();
    QTest::newRow("at 25:00") << 1 << 1 << "25:00" << false << QString() << false << QString() << QString();
    QTest::newRow("skip without dead letters") << 0 << 0 << QString() << true << QString() << false << QString() << QString();
    QTest::newRow("skip to a file") << 2 << 0 << QString() << true << "rejected.jsonl" << true << R"({"type":"continuous"})" << QString();
    QTest::newRow("incremental on a source field") << 1 << 0 << "1h" << false << QString() << true
                                                   << R"({"type":"schedule","every":"1h","incremental":{"field":"Account ID"}})"
                                                   << "Account ID";
    QTest::newRow("incremental on an unknown field") << 1 << 0 << "1h" << false << QString() << false << QString()
                                                     << "updated_at";
}

void TestFlowWizard::triggerIsValidated()
{
    QFETCH(int, kind);
    QFETCH(int, scheduleKind);
    QFETCH(QString, schedule);
    QFETCH(bool, skip);
    QFETCH(QString, deadLetter);
    QFETCH(bool, accepted);
    QFETCH(QString, trigger);
    QFETCH(QString, incremental);
    FlowWizard w(m_dir.path(), {});
    w.show();
    child<QLineEdit>(&w, "flowName")->setText(QStringLiteral("trigger"));
    w.filePage(EndpointRole::Source)->setPath(m_csv);
    w.kafkaPage(EndpointRole::Destination)->setBrokers(QStringLiteral("embedded"));
    w.kafkaPage(EndpointRole::Destination)->setTopic(QStringLiteral("t"));
    w.typePage(EndpointRole::Destination)->setType(QStringLiteral("kafka"));
    TriggerPage *page = w.triggerPage();
    child<QRadioButton>(page, kind == 0 ? "onDemand" : kind == 1 ? "schedule" : "continuous")->click();
    const QList<QComboBox *> combos = page->findChildren<QComboBox *>();
    combos.first()->setCurrentIndex(scheduleKind); // every / at
    if (!schedule.isEmpty())
        child<QLineEdit>(page, "schedule")->setText(schedule);
    if (skip)
        child<QRadioButton>(page, "skip")->click();
    child<QLineEdit>(page, "deadLetter")->setText(deadLetter);
    if (!incremental.isEmpty()) {
        QTRY_VERIFY(!w.sourceFields().isEmpty()); // the file preview is read in the background
        child<QComboBox>(page, "incrementalField")->setEditText(incremental);
    }
    QCOMPARE(page->validatePage(), accepted);
    if (accepted) {
        const nlohmann::json flow = w.flowJson();
        COMPARE_JSON(flow["trigger"], nlohmann::json::parse(trigger.toStdString()));
        if (skip)
            COMPARE_JSON(flow["errorHandling"], (nlohmann::json{{"onError", "skip"}, {"deadLetter", deadLetter.toStdString()}}));
    } else {
        bool shown = false;
        for (FieldMessage *m : page->findChildren<FieldMessage *>())
            shown = shown || (m->isVisibleTo(page) && m->kind() == FieldMessage::Kind::Error && !m->text().isEmpty());
        QVERIFY(shown);
    }
}

void TestFlowWizard::kafkaDestinationTakesOneTopic()
{
    FlowWizard w(m_dir.path(), {});
    startWithFile(w);
    test::clickNext(&w);
    child<QRadioButton>(w.typePage(EndpointRole::Destination), "kafka")->click();
    test::clickNext(&w);
    KafkaPage *page = w.kafkaPage(EndpointRole::Destination);
    QVERIFY(!page->isComplete());
    child<QCheckBox>(page, "kafkaEmbedded")->setChecked(true);
    page->setTopic(QStringLiteral("a, b"));
    page->test();
    QTRY_VERIFY_WITH_TIMEOUT(page->isComplete(), 15000);
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::DestinationKafka));
    QCOMPARE(child<FieldMessage>(page, "kafkaTopicMessage")->text(),
             QStringLiteral("A destination writes to one topic (a template may use {schema} and {table})."));
    page->setTopic(QStringLiteral("tidb_{schema}_{table}"));
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::Mapping));
}

void TestFlowWizard::reviewListsRemainingProblems()
{
    FlowWizard w(m_dir.path(), {});
    startWithFile(w);
    test::clickNext(&w);
    child<QRadioButton>(w.typePage(EndpointRole::Destination), "kafka")->click();
    test::clickNext(&w);
    KafkaPage *page = w.kafkaPage(EndpointRole::Destination);
    child<QCheckBox>(page, "kafkaEmbedded")->setChecked(true);
    page->setTopic(QStringLiteral("accounts"));
    page->test();
    QTRY_VERIFY_WITH_TIMEOUT(page->isComplete(), 15000);
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::Mapping));
    test::clickNext(&w); // nothing mapped: refused
    QCOMPARE(w.currentId(), int(FlowWizard::Mapping));
    child<QCheckBox>(w.mappingPage(), "mappingMapAll")->setChecked(true);
    test::clickNext(&w);
    test::clickNext(&w);
    test::clickNext(&w);
    QCOMPARE(w.currentId(), int(FlowWizard::Review));
    QVERIFY(w.button(QWizard::FinishButton)->isEnabled());
    // A problem the pages could not see (here: a mapping set behind their back) keeps Create off.
    w.mappingPage()->setMapping(nlohmann::json::array());
    w.currentPage()->initializePage();
    QVERIFY(!w.currentPage()->isComplete());
    QVERIFY(!w.button(QWizard::FinishButton)->isEnabled());
    QVERIFY(child<FieldMessage>(&w, "reviewProblems")->text().contains(QStringLiteral("mapping: must not be empty")));
}

void TestFlowWizard::reviewWarnsOnlyAboutFileDestinations()
{
    // Kafka sources run (core/kafkasource); file destinations do not exist yet (core/endpoints.cpp).
    FlowWizard w(m_dir.path(), {});
    w.show();
    child<QLineEdit>(&w, "flowName")->setText(QStringLiteral("from-kafka"));
    w.typePage(EndpointRole::Source)->setType(QStringLiteral("kafka"));
    w.kafkaPage(EndpointRole::Source)->setBrokers(QStringLiteral("embedded"));
    w.kafkaPage(EndpointRole::Source)->setTopic(QStringLiteral("orders"));
    w.typePage(EndpointRole::Destination)->setType(QStringLiteral("kafka"));
    w.kafkaPage(EndpointRole::Destination)->setBrokers(QStringLiteral("embedded"));
    w.kafkaPage(EndpointRole::Destination)->setTopic(QStringLiteral("orders_copy"));
    w.mappingPage()->setMapping(nullptr);
    auto *message = child<FieldMessage>(&w, "reviewProblems");
    w.reviewPage()->initializePage();
    QVERIFY2(w.problems().isEmpty(), qPrintable(w.problems().join(QLatin1Char('\n'))));
    QVERIFY2(message->text().isEmpty(), qPrintable(message->text()));
    QVERIFY(w.reviewPage()->isComplete());
    w.typePage(EndpointRole::Destination)->setType(QStringLiteral("file"));
    w.filePage(EndpointRole::Destination)->setPath(m_dir.filePath(QStringLiteral("orders.jsonl")));
    w.reviewPage()->initializePage();
    QVERIFY2(w.problems().isEmpty(), qPrintable(w.problems().join(QLatin1Char('\n'))));
    QCOMPARE(message->text(), QStringLiteral("The flow is valid, but this version of Flowdeck cannot write to file destinations yet."));
    QCOMPARE(message->kind(), FieldMessage::Kind::Info);
}

void TestFlowWizard::passwordsNeverReachTheFile()
{
    FlowWizard w(m_dir.path(), {});
    startWithFile(w, QStringLiteral("Secret Flow"));
    test::clickNext(&w);
    child<QRadioButton>(w.typePage(EndpointRole::Destination), "mysql")->click();
    test::clickNext(&w);
    MySqlPage *page = w.mysqlPage(EndpointRole::Destination);
    test::typeInto(child<QLineEdit>(page, "mysqlPassword"), QStringLiteral("s3cret-pa55"));
    page->setTable(QStringLiteral("sf_account"));
    const std::string text = w.flowJson().dump();
    QVERIFY2(text.find("s3cret") == std::string::npos, text.c_str());
    COMPARE_JSON(w.flowJson()["destination"]["connection"]["password"], nlohmann::json("${FLOWDECK_SECRET_SECRET_FLOW_49E768C7B5252779_DESTINATION_PASSWORD}"));
    // No keychain here (FLOWDECK_KEYCHAIN=off): the page says so and names the variable to set.
    page->initializePage();
    auto *note = child<QLabel>(page, "keychainNote");
    QVERIFY(note->isVisibleTo(page));
    QVERIFY2(note->text().contains(QStringLiteral("No keychain is available")), qPrintable(note->text()));
    QVERIFY(note->text().contains(QStringLiteral("FLOWDECK_SECRET_SECRET_FLOW_49E768C7B5252779_DESTINATION_PASSWORD")));
    QVERIFY(w.pendingSecrets().isEmpty()); // nothing to store without a keychain
    // The same for a Kafka SASL password.
    w.typePage(EndpointRole::Destination)->setType(QStringLiteral("kafka"));
    KafkaPage *kafka = w.kafkaPage(EndpointRole::Destination);
    auto *security = child<QComboBox>(kafka, "kafkaSecurity");
    security->setCurrentIndex(security->findData(QStringLiteral("SASL_SSL")));
    test::typeInto(child<QLineEdit>(kafka, "kafkaSaslUser"), QStringLiteral("flow-user"));
    test::typeInto(child<QLineEdit>(kafka, "kafkaSaslPassword"), QStringLiteral("kafka-s3cret"));
    kafka->setTopic(QStringLiteral("t"));
    const nlohmann::json properties = w.flowJson()["destination"]["properties"];
    COMPARE_JSON(properties, (nlohmann::json{{"security.protocol", "SASL_SSL"}, {"sasl.mechanisms", "PLAIN"}, {"sasl.username", "flow-user"},
                                             {"sasl.password", "${FLOWDECK_SECRET_SECRET_FLOW_49E768C7B5252779_DESTINATION_SASL_PASSWORD}"}}));
    QVERIFY(w.flowJson().dump().find("kafka-s3cret") == std::string::npos);
    QVERIFY(child<QLabel>(kafka, "keychainNote")->text().contains(QStringLiteral("FLOWDECK_SECRET_SECRET_FLOW_49E768C7B5252779_DESTINATION_SASL_PASSWORD")));
    w.typePage(EndpointRole::Destination)->setType(QStringLiteral("mysql"));
    // An environment reference typed as the password is kept as it is.
    test::typeInto(child<QLineEdit>(page, "mysqlPassword"), QStringLiteral("${TIDB_PASSWORD}"));
    COMPARE_JSON(w.flowJson()["destination"]["connection"]["password"], nlohmann::json("${TIDB_PASSWORD}"));
}

void TestFlowWizard::cancelAsksOnlyWhenChanged()
{
    {
        FlowWizard w(m_dir.path(), {});
        w.show();
        QSignalSpy rejected(&w, &QDialog::rejected);
        w.reject(); // nothing typed: closes without asking
        QCOMPARE(rejected.count(), 1);
    }
    FlowWizard w(m_dir.path(), {});
    w.show();
    QTest::keyClicks(child<QLineEdit>(&w, "flowName"), QStringLiteral("half-done"));
    QSignalSpy rejected(&w, &QDialog::rejected);
    test::answerNextMessageBox(QMessageBox::Cancel);
    w.reject();
    QCOMPARE(rejected.count(), 0);
    QVERIFY(w.isVisible());
    test::answerNextMessageBox(QMessageBox::Discard);
    w.reject();
    QCOMPARE(rejected.count(), 1);
}

void TestFlowWizard::secretLookupPrefersTheEnvironment()
{
    QCOMPARE(SecretStore::variableName(QStringLiteral("salesforce-accounts"), QStringLiteral("destination_password")),
             QStringLiteral("FLOWDECK_SECRET_SALESFORCE_ACCOUNTS_8C022025546E187F_DESTINATION_PASSWORD"));
    // Names that differ only in replaced characters get different entries.
    QCOMPARE(SecretStore::variableName(QStringLiteral("salesforce_accounts"), QStringLiteral("destination_password")),
             QStringLiteral("FLOWDECK_SECRET_SALESFORCE_ACCOUNTS_7ADA8858A5841431_DESTINATION_PASSWORD"));
    QCOMPARE(SecretStore::referencedVariable(QStringLiteral("${FLOWDECK_SECRET_X}")), QStringLiteral("FLOWDECK_SECRET_X"));
    QCOMPARE(SecretStore::referencedVariable(QStringLiteral("pa${X}ss")), QString());
    QString why;
    QVERIFY(!SecretStore::available(&why));
    QVERIFY(why.contains(QStringLiteral("FLOWDECK_KEYCHAIN=off")));
    qputenv("FLOWDECK_SECRET_TEST_PASSWORD", "from-env");
    const EnvLookup lookup = SecretStore::lookup(QStringLiteral("s"));
    QCOMPARE(lookup("FLOWDECK_SECRET_TEST_PASSWORD").value_or("unset"), std::string("from-env"));
    QVERIFY(!lookup("FLOWDECK_SECRET_NOT_SET").has_value());
    QCOMPARE(SecretStore::variablePrefix(QStringLiteral("s")), QStringLiteral("FLOWDECK_SECRET_S_043A718774C572BD_"));
    // A flow reads only its own keychain entries, not those of a flow whose name starts like it.
    QVERIFY(SecretStore::belongsTo(QStringLiteral("s"), SecretStore::variableName(QStringLiteral("s"), QStringLiteral("source_password"))));
    QVERIFY(!SecretStore::belongsTo(QStringLiteral("s"), SecretStore::variableName(QStringLiteral("s_b"), QStringLiteral("source_password"))));
    QVERIFY(!SecretStore::belongsTo(QStringLiteral("s_b"), SecretStore::variableName(QStringLiteral("s"), QStringLiteral("source_password"))));
    QVERIFY(!SecretStore::belongsTo(QStringLiteral("s"), QStringLiteral("FLOWDECK_SECRET_S_SOURCE_PASSWORD"))); // no hash: an older name
    QVERIFY(!SecretStore::belongsTo(QStringLiteral("s"), QStringLiteral("FLOWDECK_SECRET_PAYROLL_DESTINATION_PASSWORD")));
    // A flow with a secret reference loads with the environment's value.
    const Flow flow = flowFromJson(nlohmann::json::parse(R"({"flowdeck": 1, "name": "s",
        "source": {"type": "file", "path": "a.csv"},
        "destination": {"type": "mysql", "connection": {"host": "h", "user": "u", "password": "${FLOWDECK_SECRET_TEST_PASSWORD}"},
                        "table": "t", "write": {"mode": "insert"}}})"), lookup);
    COMPARE_JSON(flow.destination["connection"]["password"], nlohmann::json("from-env"));
    COMPARE_JSON(flow.raw["destination"]["connection"]["password"], nlohmann::json("${FLOWDECK_SECRET_TEST_PASSWORD}"));
}

void TestFlowWizard::pickerModels()
{
    NameCountModel tables(QStringLiteral("Table"), QStringLiteral("Rows"));
    QAbstractItemModelTester t1(&tables, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tables.setItems({{QStringLiteral("sf_account"), 13}, {QStringLiteral("orders"), -1}});
    QCOMPARE(tables.rowCount(), 2);
    QCOMPARE(tables.index(0, NameCountModel::Count).data().toString(), QStringLiteral("13"));
    QCOMPARE(tables.index(1, NameCountModel::Count).data().toString(), QStringLiteral("unknown"));
    QCOMPARE(tables.rowOf(QStringLiteral("orders")), 1);
    tables.setItems({});
    QCOMPARE(tables.rowCount(), 0);

    BatchTableModel preview;
    QAbstractItemModelTester t2(&preview, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const SchemaPtr schema = test::schemaOf({"id", "name"});
    preview.setBatch({QStringLiteral("id"), QStringLiteral("name")},
                     {test::row(schema, {Value::integer(1), Value::text("Edge")}), test::row(schema, {Value::integer(2), Value::null()})});
    QCOMPARE(preview.rowCount(), 2);
    QCOMPARE(preview.index(0, 1).data().toString(), QStringLiteral("Edge"));
    QCOMPARE(preview.index(1, 1).data().toString(), QStringLiteral("NULL"));
    QCOMPARE(preview.headerData(1, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("name"));
    preview.clear();
    QCOMPARE(preview.columnCount(), 0);
}

QTEST_MAIN(TestFlowWizard)
#include "tst_flowwizard.moc"
