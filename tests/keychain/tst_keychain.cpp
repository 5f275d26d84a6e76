// The system keychain for real: a private GNOME Keyring on a session bus of its own
// (tests/keychain/run.sh under dbus-run-session). A password typed in the wizard is stored in the
// keyring, never in the flow file; the run and `flowdeck validate` read it from there; deleting the
// flow removes it. Against the sandbox database, with an account that needs the password.
#include "tests/common/testsupport.h"
#include "tests/common/wizarddriver.h"

#include "core/flow/flow.h"
#include "widgets/flowlistmodel.h"
#include "widgets/mainwindow.h"
#include "widgets/secretstore.h"
#include "widgets/wizard/mysqlconnectionform.h"
#include "widgets/wizard/mysqlpage.h"
#include "widgets/wizard/filepage.h"
#include "widgets/wizard/endpointtypepage.h"
#include "widgets/wizard/mappingpage.h"
#include "widgets/wizard/reviewpage.h"
#include "widgets/wizard/namecountmodel.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QRadioButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace flowdeck;
using test::child;

namespace {

const QString kPassword = QStringLiteral("kc-S3cret'\"pa55");

// What the keyring itself holds for `variable` (QtKeychain's libsecret attributes), asked with
// secret-tool: proves the secret is in the Secret Service, not in some fallback of QtKeychain's.
QString keyringHolds(const QString &variable)
{
    QProcess p;
    p.start(QStringLiteral("secret-tool"), {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("flowdeck"),
                                            QStringLiteral("user"), variable});
    if (!p.waitForFinished(20000) || p.exitCode() != 0)
        return QString();
    return QString::fromUtf8(p.readAllStandardOutput());
}

int runFlowdeck(const QString &program, const QStringList &args, QString *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(60000))
        return -1;
    *output = QString::fromUtf8(p.readAll());
    return p.exitCode();
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void wizardStoresThePasswordAndRunsReadIt();

private:
    QTemporaryDir m_dir;
    QString m_flows;
    QString m_csv;
    nlohmann::json m_connection;
};

void TestKeychain::initTestCase()
{
    Q_INIT_RESOURCE(flowdeck);
    QVERIFY(m_dir.isValid());
    QVERIFY2(qgetenv("FLOWDECK_KEYCHAIN").isEmpty(), "run through tests/keychain/run.sh");
    QString why;
    QVERIFY2(SecretStore::available(&why), qPrintable(why));
    qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toUtf8());
    m_flows = m_dir.filePath(QStringLiteral("flows"));
    m_csv = m_dir.filePath(QStringLiteral("accounts.csv"));
    QVERIFY(QFile::copy(QString::fromStdString(test::sourcePath("resources/examples/salesforce-accounts/accounts.csv")), m_csv));
    m_connection = test::sandboxConnection("keychain");
    test::freshDatabase("keychain");
    std::ifstream ddl(test::sourcePath("resources/examples/salesforce-accounts/sf_account.sql"));
    test::execSql(std::string((std::istreambuf_iterator<char>(ddl)), {}), "keychain");
    // An account that cannot connect without the password.
    test::execSql("DROP USER IF EXISTS 'kc'@'127.0.0.1'", "keychain");
    test::execSql("CREATE USER 'kc'@'127.0.0.1' IDENTIFIED BY 'kc-S3cret''\"pa55'", "keychain");
    test::execSql("GRANT ALL ON keychain.* TO 'kc'@'127.0.0.1'", "keychain");
}

void TestKeychain::wizardStoresThePasswordAndRunsReadIt()
{
    MainWindow window(m_flows);
    window.show();
    FlowWizard *w = window.openWizard();
    QVERIFY(w);
    QTest::keyClicks(child<QLineEdit>(w, "flowName"), QStringLiteral("keychain flow"));
    test::clickNext(w);
    child<QRadioButton>(w->typePage(EndpointRole::Source), "file")->click();
    test::clickNext(w);
    FilePage *file = w->filePage(EndpointRole::Source);
    QTest::keyClicks(child<QLineEdit>(file, "filePath"), m_csv);
    QTRY_VERIFY_WITH_TIMEOUT(file->isComplete(), 10000);
    test::clickNext(w);
    child<QRadioButton>(w->typePage(EndpointRole::Destination), "mysql")->click();
    test::clickNext(w);
    QCOMPARE(w->currentId(), int(FlowWizard::DestinationMySql));

    MySqlPage *mysql = w->mysqlPage(EndpointRole::Destination);
    // With a keychain the page says where the password goes.
    auto *note = child<QLabel>(mysql, "keychainNote");
    test::typeInto(child<QLineEdit>(mysql, "mysqlHost"), QStringLiteral("127.0.0.1"));
    test::typeInto(child<QLineEdit>(mysql, "mysqlPort"), QString::number(m_connection["port"].get<int>()));
    test::typeInto(child<QLineEdit>(mysql, "mysqlUser"), QStringLiteral("kc"));
    test::typeInto(child<QLineEdit>(mysql, "mysqlPassword"), kPassword);
    child<QComboBox>(mysql, "mysqlDatabase")->setEditText(QStringLiteral("keychain"));
    child<QPushButton>(mysql, "mysqlTest")->click();
    QTRY_VERIFY_WITH_TIMEOUT(mysql->connectionForm()->isConnected(), 15000);
    QVERIFY2(!note->text().contains(QStringLiteral("No keychain")), qPrintable(note->text()));
    child<QTableView>(mysql, "mysqlTables")->selectRow(mysql->tablesModel()->rowOf(QStringLiteral("sf_account")));
    QTRY_VERIFY_WITH_TIMEOUT(mysql->isComplete(), 15000);
    QCOMPARE(w->pendingSecrets().size(), 1);
    test::clickNext(w);

    MappingEditor *editor = w->mappingPage()->editor();
    QVERIFY(test::mapFields(editor, QStringLiteral("Account ID"), QStringLiteral("id")));
    QVERIFY(test::mapFields(editor, QStringLiteral("Billing State/Province"), QStringLiteral("billing_state")));
    child<QPushButton>(editor, "mapAll")->click();
    test::clickNext(w); // filters
    test::clickNext(w); // trigger
    test::clickNext(w); // review
    QCOMPARE(w->currentId(), int(FlowWizard::Review));
    QTRY_VERIFY(w->reviewPage()->isComplete());
    w->button(QWizard::FinishButton)->click();
    QTRY_VERIFY(window.wizard() == nullptr);

    // The file holds a reference to the keychain entry, never the password.
    const QString path = QDir(m_flows).filePath(QStringLiteral("keychain flow.flow.json"));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray text = saved.readAll();
    QVERIFY2(!text.contains("S3cret"), text.constData());
    const nlohmann::json doc = nlohmann::json::parse(text.toStdString());
    const QString reference = QString::fromStdString(doc["destination"]["connection"]["password"].get<std::string>());
    const QString variable = SecretStore::referencedVariable(reference);
    QCOMPARE(variable, SecretStore::variableName(QStringLiteral("keychain flow"), QStringLiteral("destination_password")));

    // The keyring holds it.
    QCOMPARE(SecretStore::read(variable).value_or(QString()), kPassword);
    QCOMPARE(keyringHolds(variable), kPassword);

    // The window's run reads it from there: the rows land through the password-only account.
    const int row = window.model()->rowOfPath(path);
    QVERIFY(row >= 0);
    window.runRow(row);
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->index(row, FlowListModel::State).data().toString(), QStringLiteral("Completed"), 30000);
    QCOMPARE(test::querySql("SELECT COUNT(*) FROM sf_account", "keychain").front(), std::string("13"));

    // `flowdeck validate` of the window's build reads the keychain too; the headless build has
    // none and names the variable to set.
    QString output;
    QCOMPARE(runFlowdeck(qEnvironmentVariable("FLOWDECK_BIN"), {QStringLiteral("validate"), path}, &output), 0);
    QVERIFY2(!output.contains(QStringLiteral("S3cret")), qPrintable(output));
    QCOMPARE(runFlowdeck(qEnvironmentVariable("FLOWDECK_HEADLESS_BIN"), {QStringLiteral("validate"), path}, &output), 2);
    QVERIFY2(output.contains(variable), qPrintable(output));

    // Deleting the flow deletes its keychain entry.
    QVERIFY(window.deleteRow(row, false));
    QVERIFY(!SecretStore::read(variable).has_value());
    QCOMPARE(keyringHolds(variable), QString());
}

QTEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
