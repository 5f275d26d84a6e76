// Secrets and private files: `validate` and load errors never show a secret's value; a secret
// reference found nowhere is an error naming it; state, history and dead-letter files are 0600 in
// 0700 folders and never written through a symbolic link; flows never share state files.
#include "tests/common/testsupport.h"
#include "core/engine/deadletterwriter.h"
#include "core/engine/runstate.h"
#include "core/flow/flow.h"
#include "core/model/atomicfile.h"
#include "core/model/errors.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <set>

#include <sys/stat.h>
#include <unistd.h>

using namespace flowdeck;
using nlohmann::json;

namespace {

const std::string kSecret = "Zq7-unique-S3cret-value";
const std::string kLongSecret = "Lq7-" + std::string(80, 'x') + "-long-S3cret";

EnvLookup environment()
{
    return [](const std::string &name) -> std::optional<std::string> {
        if (name == "FLOWDECK_SECRET_DEMO_DESTINATION_PASSWORD" || name == "DB_PASSWORD")
            return kSecret;
        if (name == "LONG_TOKEN")
            return kLongSecret;
        if (name == "HOST")
            return std::string("127.0.0.1");
        return std::nullopt;
    };
}

json flowWithConnection(const json &connection)
{
    return {{"flowdeck", 1},
            {"name", "demo"},
            {"source", {{"type", "file"}, {"path", "in.csv"}}},
            {"destination", {{"type", "mysql"}, {"connection", connection}, {"table", "t"}, {"write", {{"mode", "insert"}}}}}};
}

QStringList problemsOf(const json &flow, const EnvLookup &lookup = environment())
{
    try {
        flowFromJson(flow, lookup);
    } catch (const FlowError &e) {
        QStringList out;
        for (const auto &p : e.problems())
            out << QString::fromStdString(p.toString());
        return out;
    }
    return {};
}

mode_t modeOf(const QString &path)
{
    struct stat st{};
    if (::lstat(path.toLocal8Bit().constData(), &st) != 0)
        return 0;
    return st.st_mode & 0777;
}

} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void problemsNeverShowSecrets_data();
    void problemsNeverShowSecrets();
    void validateCommandNeverShowsSecrets();
    void unsetSecretIsAnError();
    void privateFiles();
    void symlinksAreNotFollowed();
    void stateFilesOfDifferentFlowsDiffer_data();
    void stateFilesOfDifferentFlowsDiffer();
};

void TestSecrets::problemsNeverShowSecrets_data()
{
    QTest::addColumn<QString>("doc");     // a flow, JSON
    QTest::addColumn<QString>("where");   // the path the (redacted) problem is reported at

    auto row = [](const char *name, const json &flow, const char *where) {
        QTest::newRow(name) << QString::fromStdString(flow.dump()) << QString::fromLatin1(where);
    };
    row("password of the wrong type", flowWithConnection({{"host", "h"}, {"user", "u"}, {"password", {{"v", kSecret}}}}),
        "destination.connection.password");
    row("secret variable in the port",
        flowWithConnection({{"host", "h"}, {"user", "u"}, {"port", "${FLOWDECK_SECRET_DEMO_DESTINATION_PASSWORD}"}}),
        "destination.connection.port");
    row("password-named variable as TLS mode", flowWithConnection({{"host", "h"}, {"user", "u"}, {"tls", "${DB_PASSWORD}"}}),
        "destination.connection.tls");
    row("long token, quoted cut short", flowWithConnection({{"host", "h"}, {"user", "u"}, {"tls", "${LONG_TOKEN}"}}),
        "destination.connection.tls");
    row("literal password repeated in the host", flowWithConnection({{"host", "h"}, {"user", "u"}, {"password", kSecret},
                                                                      {"tls", kSecret}}),
        "destination.connection.tls");
    json kafka = {{"flowdeck", 1}, {"name", "demo"}, {"source", {{"type", "file"}, {"path", "in.csv"}}},
                  {"destination", {{"type", "kafka"}, {"brokers", "b:9092"}, {"topic", "t"},
                                   {"properties", {{"sasl.password", {kSecret}}, {"ssl.key.password", kSecret},
                                                   {"compression.type", kSecret}}}}}};
    row("kafka secret properties", kafka, "destination.properties.sasl.password");
}

void TestSecrets::problemsNeverShowSecrets()
{
    QFETCH(QString, doc);
    QFETCH(QString, where);
    const QStringList problems = problemsOf(json::parse(doc.toStdString()));
    QVERIFY2(!problems.isEmpty(), "the flow should have a problem");
    QVERIFY2(problems.join(u'\n').contains(where + QStringLiteral(": ")), qPrintable(problems.join(u'\n')));
    for (const std::string &secret : {kSecret, kLongSecret.substr(0, 20)})
        QVERIFY2(!problems.join(u'\n').contains(QString::fromStdString(secret)), qPrintable(problems.join(u'\n')));
}

void TestSecrets::validateCommandNeverShowsSecrets()
{
    const QString flowdeck = test::flowdeckBinary();
    if (flowdeck.isEmpty())
        QSKIP("FLOWDECK_BIN is not set: run through ctest");
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("demo.flow.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    json flow = flowWithConnection({{"host", "h"}, {"user", "u"}, {"port", "${DEMO_DB_PASSWORD}"},
                                    {"tls", "${FLOWDECK_SECRET_OTHER_FLOW_PASSWORD}"}});
    file.write(QByteArray::fromStdString(flow.dump(2)));
    file.close();
    QProcess validate;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DEMO_DB_PASSWORD"), QString::fromStdString(kSecret));
    env.insert(QStringLiteral("FLOWDECK_KEYCHAIN"), QStringLiteral("off"));
    validate.setProcessEnvironment(env);
    validate.start(flowdeck, {QStringLiteral("validate"), file.fileName()});
    QVERIFY(validate.waitForFinished(60'000));
    const QString output = QString::fromUtf8(validate.readAllStandardOutput() + validate.readAllStandardError());
    QCOMPARE(validate.exitCode(), 2);
    QVERIFY2(output.contains(QStringLiteral("destination.connection.port: ")), qPrintable(output));
    QVERIFY2(!output.contains(QString::fromStdString(kSecret)), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("FLOWDECK_SECRET_OTHER_FLOW_PASSWORD")), qPrintable(output));
}

void TestSecrets::unsetSecretIsAnError()
{
    // A password may be empty, but a secret reference that resolves nowhere is a mistake.
    const QStringList problems = problemsOf(
        flowWithConnection({{"host", "h"}, {"user", "u"}, {"password", "${FLOWDECK_SECRET_NOWHERE_PASSWORD}"}}));
    QCOMPARE(problems, QStringList{QStringLiteral(
        "destination.connection.password: secret FLOWDECK_SECRET_NOWHERE_PASSWORD is neither set in the environment nor "
        "stored in the keychain for this flow (set the variable, or save the flow again in the window)")});
    // Any other unset variable in a password stays an empty password, as documented.
    QVERIFY(problemsOf(flowWithConnection({{"host", "h"}, {"user", "u"}, {"password", "${TIDB_PASSWORD}"}})).isEmpty());
    // Loading a flow only to look at it (history, import) does not need its secrets.
    flowFromJson(flowWithConnection({{"host", "h"}, {"user", "u"}, {"password", "${FLOWDECK_SECRET_NOWHERE_PASSWORD}"}}),
                 secretsNotNeeded(environment()));
}

void TestSecrets::privateFiles()
{
    QTemporaryDir tmp;
    const mode_t saved = ::umask(0); // the files must be private whatever the umask
    const auto restore = qScopeGuard([&] { ::umask(saved); });
    const QString stateDir = tmp.filePath(QStringLiteral("state/deeper"));
    StateStore store(stateDir.toStdString(), "demo");
    RunState state;
    state.lastError = "row value " + kSecret;
    store.save(state);
    store.appendHistory({{"runId", "r1"}, {"error", kSecret}});
    QCOMPARE(modeOf(stateDir), mode_t(0700));
    QCOMPARE(modeOf(tmp.filePath(QStringLiteral("state"))), mode_t(0700));
    QCOMPARE(modeOf(QString::fromStdString(store.statePath())), mode_t(0600));
    QCOMPARE(modeOf(QString::fromStdString(store.historyPath())), mode_t(0600));
    store.save(state); // replaced: still 0600, and no temporary file left behind
    QCOMPARE(modeOf(QString::fromStdString(store.statePath())), mode_t(0600));
    QCOMPARE(QDir(stateDir).entryList(QDir::Files).size(), 2);

    const QString letters = tmp.filePath(QStringLiteral("dead/letters.jsonl"));
    DeadLetterWriter writer(letters.toStdString(), "demo");
    writer.open(0);
    writer.write(test::row(test::schemaOf({"a"}), {Value::text(kSecret)}), "write", "refused");
    QCOMPARE(modeOf(tmp.filePath(QStringLiteral("dead"))), mode_t(0700));
    QCOMPARE(modeOf(letters), mode_t(0600));

    const QString metrics = tmp.filePath(QStringLiteral("metrics.json"));
    writeFileAtomically(metrics.toStdString(), "{}");
    QCOMPARE(modeOf(metrics), mode_t(0600));
}

void TestSecrets::symlinksAreNotFollowed()
{
    QTemporaryDir tmp;
    const QString victim = tmp.filePath(QStringLiteral("victim.txt"));
    QFile v(victim);
    QVERIFY(v.open(QIODevice::WriteOnly));
    v.write("untouched");
    v.close();
    StateStore store(tmp.path().toStdString(), "demo");
    QVERIFY(QFile::link(victim, QString::fromStdString(store.historyPath())));
    QVERIFY_THROWS_EXCEPTION(Error, store.appendHistory({{"runId", "r1"}}));
    DeadLetterWriter writer(tmp.filePath(QStringLiteral("letters.jsonl")).toStdString(), "demo");
    QVERIFY(QFile::link(victim, tmp.filePath(QStringLiteral("letters.jsonl"))));
    QVERIFY_THROWS_EXCEPTION(Error, writer.open(0));
    QVERIFY(v.open(QIODevice::ReadOnly));
    QCOMPARE(v.readAll(), QByteArray("untouched"));
}

void TestSecrets::stateFilesOfDifferentFlowsDiffer_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("keeps"); // a name whose files keep their old, unhashed name
    QTest::newRow("replaced characters") << QStringList{QStringLiteral("a b"), QStringLiteral("a/b"), QStringLiteral("a_b"),
                                                        QStringLiteral("a:b"), QStringLiteral("a\\b")}
                                         << QStringLiteral("a_b");
    QTest::newRow("dots") << QStringList{QStringLiteral("."), QStringLiteral(".."), QStringLiteral("_"), QString()}
                          << QStringLiteral("_");
    QTest::newRow("hash look-alike") << QStringList{QStringLiteral("x y"), QStringLiteral("x_y")} << QStringLiteral("x_y");
}

void TestSecrets::stateFilesOfDifferentFlowsDiffer()
{
    QFETCH(QStringList, names);
    QFETCH(QString, keeps);
    std::set<std::string> stems;
    for (const QString &name : names) {
        const std::string stem = StateStore::fileStem(name.toStdString());
        QVERIFY2(stem.find('/') == std::string::npos && stem != "." && stem != "..", stem.c_str());
        QVERIFY2(stems.insert(stem).second, qPrintable(QStringLiteral("two flows share ") + QString::fromStdString(stem)));
    }
    QCOMPARE(QString::fromStdString(StateStore::fileStem(keeps.toStdString())), keeps);
    // A flow literally named like another's hashed stem still gets its own files.
    const std::string hashed = StateStore::fileStem(names.first().toStdString());
    QVERIFY(StateStore::fileStem(hashed) != hashed);
}

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
