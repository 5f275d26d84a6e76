#include "tests/common/testsupport.h"
#include "core/flow/flow.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <map>

using namespace flowdeck;
using nlohmann::json;
using namespace Qt::Literals::StringLiterals;

namespace {

/// JSON as text, for QCOMPARE (which cannot print or compare nlohmann::json itself).
QString dumped(const json &value)
{
    return QString::fromStdString(value.dump());
}

EnvLookup environment(std::map<std::string, std::string> vars = {})
{
    return [vars = std::move(vars)](const std::string &name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end())
            return std::nullopt;
        return it->second;
    };
}

QStringList problemStrings(const FlowError &e)
{
    QStringList out;
    for (const auto &p : e.problems())
        out << QString::fromStdString(p.toString());
    return out;
}

/// The problems of loading `path`, or {} when it loads.
QStringList loadProblems(const QString &path, const EnvLookup &env = environment())
{
    try {
        loadFlow(path.toStdString(), env);
    } catch (const FlowError &e) {
        return problemStrings(e);
    }
    return {};
}

QStringList readLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {QStringLiteral("cannot open ") + path};
    QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n');
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

QString dataPath(const char *relative)
{
    return QString::fromStdString(test::dataPath(relative));
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

} // namespace

class TestFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void designExample();
    void validFixtures_data();
    void validFixtures();
    void brokenFixtures_data();
    void brokenFixtures();
    void syntaxErrors_data();
    void syntaxErrors();
    void unreadableFile();
    void roundTripKeepsReferences();
    void saveWritesPrettyAtomically();
    void saveFailsClearly();
    void paths();
    void examplesValidate();
};

void TestFlow::designExample()
{
    const Flow flow = loadFlow(test::dataPath("flows/valid/salesforce-accounts-to-tidb.flow.json"), environment());
    QCOMPARE(flow.name, std::string("salesforce-accounts-to-tidb"));
    QCOMPARE(flow.description, std::string("Salesforce Account export into TiDB sf_account"));
    QCOMPARE(dumped(flow.source["path"]), dumped(json("accounts.csv")));
    QCOMPARE(dumped(flow.destination["connection"]["port"]), dumped(json(4000))); // the default, as a number
    QCOMPARE(dumped(flow.destination["connection"]["password"]), dumped(json(""))); // unset: empty, and fine
    QVERIFY(flow.mapping);
    QCOMPARE(flow.mapping->size(), std::size_t(3));
    QCOMPARE(flow.filters.size(), std::size_t(1));
    QCOMPARE(dumped(flow.trigger), dumped(json({{"type", "onDemand"}})));
    QVERIFY(flow.stopOnError());
    QCOMPARE(dumped(flow.raw["destination"]["connection"]["password"]), dumped(json("${TIDB_PASSWORD}")));

    const Flow withEnv = loadFlow(test::dataPath("flows/valid/salesforce-accounts-to-tidb.flow.json"),
                                  environment({{"FLOWDECK_MYSQL_PORT", "4417"}, {"TIDB_PASSWORD", "s3cret"}}));
    QCOMPARE(dumped(withEnv.destination["connection"]["port"]), dumped(json(4417)));
    QCOMPARE(dumped(withEnv.destination["connection"]["password"]), dumped(json("s3cret")));
}

void TestFlow::validFixtures_data()
{
    QTest::addColumn<QString>("path");
    QDirIterator it(dataPath("flows/valid"), {QStringLiteral("*.flow.json")}, QDir::Files);
    int count = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
        ++count;
    }
    QVERIFY(count >= 5);
}

void TestFlow::validFixtures()
{
    QFETCH(QString, path);
    QCOMPARE(loadProblems(path), QStringList());
}

void TestFlow::brokenFixtures_data()
{
    // Each broken/X.flow.json comes with X.expected: the problems, one "path: message" a line.
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("expected");
    QDirIterator it(dataPath("flows/broken"), {QStringLiteral("*.flow.json")}, QDir::Files);
    int count = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        QString expected = path;
        expected.replace(QStringLiteral(".flow.json"), QStringLiteral(".expected"));
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path << readLines(expected);
        ++count;
    }
    QVERIFY(count >= 4);
}

void TestFlow::brokenFixtures()
{
    QFETCH(QString, path);
    QFETCH(QStringList, expected);
    QCOMPARE(loadProblems(path), expected);
}

void TestFlow::syntaxErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty file") << QByteArray()
                                << QString::fromUtf8("line 1, column 1: syntax error while parsing value - unexpected end of input; "
                                   "expected '[', '{', or a literal");
    QTest::newRow("trailing comma") << QByteArray("{\n  \"flowdeck\": 1,\n}\n")
                                    << QString::fromUtf8("line 3, column 1: syntax error while parsing object key - unexpected '}'; "
                                       "expected string literal");
    QTest::newRow("bad literal") << QByteArray("{\n  \"a\": tru,\n}")
                                 << QString::fromUtf8("line 2, column 11: syntax error while parsing value - invalid literal");
    // Columns count characters: "é" is two bytes but one column.
    QTest::newRow("after multibyte") << QByteArray("{\"név\": x}")
                                     << QString::fromUtf8("line 1, column 9: syntax error while parsing value - "
                                                          "invalid literal");
    QTest::newRow("unclosed") << QByteArray("{\n  \"a\": 1")
                              << QString::fromUtf8("line 2, column 9: syntax error while parsing object - unexpected end of input; "
                                 "expected '}'");
    QTest::newRow("windows line ends") << QByteArray("{\r\n\"a\": 1,\r\n\"b\" 2}")
                                       << QString::fromUtf8("line 3, column 5: syntax error while parsing object separator - "
                                          "unexpected number literal; expected ':'");
}

void TestFlow::syntaxErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.flow.json"));
    writeFile(path, text);
    try {
        loadFlow(path.toStdString(), environment());
        QFAIL("loaded");
    } catch (const FlowError &e) {
        QCOMPARE(e.problems().size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(e.problems()[0].path), QString());
        QCOMPARE(QString::fromStdString(e.problems()[0].message), expected);
        QCOMPARE(QString::fromStdString(e.file()), path);
        QCOMPARE(QString::fromUtf8(e.what()), path + u": " + expected);
    }
}

void TestFlow::unreadableFile()
{
    QTemporaryDir dir;
    QCOMPARE(loadProblems(dir.filePath(QStringLiteral("missing.flow.json"))),
             QStringList{u"cannot read the file: No such file or directory"_s});
    QCOMPARE(loadProblems(dir.path()), QStringList{u"cannot read the file: Is a directory"_s});
}

void TestFlow::roundTripKeepsReferences()
{
    const auto env = environment({{"TIDB_PASSWORD", "s3cret"}, {"FLOWDECK_MYSQL_PORT", "4001"}});
    const Flow first = loadFlow(test::dataPath("flows/valid/salesforce-accounts-to-tidb.flow.json"), env);
    QTemporaryDir dir;
    const std::string saved = dir.filePath(QStringLiteral("copy.flow.json")).toStdString();
    saveFlow(first, saved);

    const QStringList text = readLines(QString::fromStdString(saved));
    const QString all = text.join(u'\n');
    QVERIFY2(all.contains(QStringLiteral("\"${TIDB_PASSWORD}\"")), qPrintable(all));
    QVERIFY(all.contains(QStringLiteral("\"${FLOWDECK_MYSQL_PORT:-4000}\"")));
    QVERIFY2(!all.contains(QStringLiteral("s3cret")), "an expanded secret was written to the file");

    const Flow second = loadFlow(saved, env);
    QCOMPARE(dumped(second.raw), dumped(first.raw));
    QCOMPARE(dumped(second.destination), dumped(first.destination));
    QCOMPARE(dumped(*second.mapping), dumped(*first.mapping));

    // Every valid fixture survives the trip unchanged.
    QDirIterator it(dataPath("flows/valid"), {QStringLiteral("*.flow.json")}, QDir::Files);
    while (it.hasNext()) {
        const Flow f = loadFlow(it.next().toStdString(), environment());
        saveFlow(f, saved);
        QCOMPARE(dumped(loadFlow(saved, environment()).raw), dumped(f.raw));
    }
}

void TestFlow::saveWritesPrettyAtomically()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.flow.json"));
    writeFile(path, "old content");
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));

    Flow flow = loadFlow(test::dataPath("flows/valid/salesforce-accounts-to-tidb.flow.json"), environment());
    saveFlow(flow, path.toStdString());

    const QStringList lines = readLines(path);
    // Two-space indentation, keys in the documented order (not alphabetical).
    QCOMPARE(lines.value(0), QStringLiteral("{"));
    QCOMPARE(lines.value(1), QStringLiteral("  \"flowdeck\": 1,"));
    QCOMPARE(lines.value(2), QStringLiteral("  \"name\": \"salesforce-accounts-to-tidb\","));
    QCOMPARE(lines.value(4), QStringLiteral("  \"source\": {"));
    QCOMPARE(lines.value(5), QStringLiteral("    \"type\": \"file\","));
    QCOMPARE(lines.last(), QStringLiteral("}"));
    QVERIFY(QFile(path).size() > 0 && readLines(path).join(u'\n').endsWith(u'}'));
    // The file's permissions survive, and no temporary file is left behind.
    QCOMPARE(QFile::permissions(path) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"out.flow.json"_s});
}

void TestFlow::saveFailsClearly()
{
    Flow flow;
    flow.raw = {{"flowdeck", 1}};
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("no/such/dir/x.flow.json")).toStdString();
    try {
        saveFlow(flow, path);
        QFAIL("saved");
    } catch (const Error &e) {
        QCOMPARE(QString::fromUtf8(e.what()),
                 QString::fromStdString("cannot save " + path + ": No such file or directory"));
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
}

void TestFlow::paths()
{
    Flow flow;
    flow.filePath = "/srv/flows/nightly.flow.json";
    QCOMPARE(flow.baseDir(), std::string("/srv/flows"));
    QCOMPARE(flow.resolvePath("exports/a.csv"), std::string("/srv/flows/exports/a.csv"));
    QCOMPARE(flow.resolvePath("../data/*.csv"), std::string("/srv/data/*.csv"));
    QCOMPARE(flow.resolvePath("/abs/b.jsonl"), std::string("/abs/b.jsonl"));
    flow.filePath.clear();
    QCOMPARE(flow.baseDir(), QDir::currentPath().toStdString());
    flow.filePath = "relative.flow.json";
    QCOMPARE(flow.resolvePath("a.csv"), QString(QDir::currentPath() + u"/a.csv").toStdString());
    flow.errorHandling = {{"onError", "skip"}, {"deadLetter", "bad.jsonl"}};
    QVERIFY(!flow.stopOnError());
}

void TestFlow::examplesValidate()
{
    // The examples shipped with Flowdeck must load in a clean environment: every ${} they use
    // needs a default wherever an empty value would be wrong.
    const QString root = QString::fromStdString(test::sourcePath("resources/examples"));
    if (!QFileInfo(root).isDir())
        QSKIP("no resources/examples folder");
    QDirIterator it(root, {QStringLiteral("*.flow.json")}, QDir::Files, QDirIterator::Subdirectories);
    int count = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        const QStringList problems = loadProblems(path);
        QVERIFY2(problems.isEmpty(), qPrintable(path + u":\n  " + problems.join(QStringLiteral("\n  "))));
        ++count;
    }
    // Guards against a glob that silently matches nothing.
    QVERIFY2(count > 0, qPrintable(u"no *.flow.json under " + root));
}

QTEST_GUILESS_MAIN(TestFlow)
#include "tst_flow.moc"
