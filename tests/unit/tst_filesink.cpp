// The file destination without servers: exact text per type, CSV and JSON Lines, gzip, rolling
// files and their names, the atomic finish, and recovery from a batch that was never committed.
#include "core/file/filesink.h"
#include "tests/common/testsupport.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

#include <zlib.h>

using namespace flowdeck;

namespace {

std::string readText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string gunzip(const std::string &path)
{
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f)
        return "<cannot open>";
    std::string out;
    char buf[4096];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0)
        out.append(buf, std::size_t(n));
    gzclose(f);
    return out;
}

QStringList visibleFiles(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files, QDir::Name);
}

QStringList hiddenParts(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral(".*.part")}, QDir::Files | QDir::Hidden, QDir::Name);
}

/// A FileSink driven as the engine drives it: each write() committed with the next checkpoint.
class DrivenFileSink : public FileSink
{
public:
    DrivenFileSink(const nlohmann::json &destination, bool changes, std::string runId, int *seq)
        : FileSink(destination, std::string(), changes), m_runIdOfCheckpoints(std::move(runId)), m_seq(seq)
    {
    }
    std::vector<RejectedRecord> write(Batch &batch) override
    {
        std::vector<RejectedRecord> rejected = FileSink::write(batch);
        const int s = m_seq ? ++*m_seq : 1;
        commit(nlohmann::json{{"runId", m_runIdOfCheckpoints}, {"seq", s}, {"source", {{"line", s}}}});
        return rejected;
    }

private:
    std::string m_runIdOfCheckpoints;
    int *m_seq;
};

/// A sink that behaves as the engine drives it: named run, every batch committed with a checkpoint.
std::unique_ptr<FileSink> makeSink(const nlohmann::json &destination, const std::string &runId, bool resumed,
                                   bool changes = false, int *seq = nullptr)
{
    auto sink = std::make_unique<DrivenFileSink>(destination, changes, runId, seq);
    sink->setRun(runId, resumed);
    return sink;
}

Batch rowsOf(const SchemaPtr &schema, int from, int count)
{
    Batch b;
    for (int i = from; i < from + count; ++i)
        b.push_back(test::row(schema, {Value::integer(i), Value::text("row " + std::to_string(i))}));
    return b;
}

} // namespace

class TestFileSink : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exactText_data();
    void exactText();
    void changeColumns_data();
    void changeColumns();
    void oneFileAppearsWhenComplete();
    void emptyRunWritesTheHeader();
    void rollingNames_data();
    void rollingNames();
    void newColumnsStartANewFile();
    void oneFileRejectsOtherColumns();
    void gzipMembers();
    void uncommittedBatchIsCutOff();
    void finishingRenameCompletedOnResume();
    void freshRunDiscardsOldPart();
};

void TestFileSink::exactText_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("csv");
    QTest::addColumn<QString>("json");
    auto add = [](const char *name, ValueType t, const char *text, const char *csv, const char *json) {
        QTest::newRow(name) << int(t) << QString::fromUtf8(text) << QString::fromUtf8(csv) << QString::fromUtf8(json);
    };
    add("decimal", ValueType::Decimal, "-12345678901234567890.1234567890", "-12345678901234567890.1234567890",
        "-12345678901234567890.1234567890");
    add("decimal trailing zeros", ValueType::Decimal, "9.90", "9.90", "9.90");
    add("date", ValueType::Date, "2024-02-29", "2024-02-29", "\"2024-02-29\"");
    add("time", ValueType::Time, "-838:59:59.000000", "-838:59:59.000000", "\"-838:59:59.000000\"");
    add("datetime", ValueType::DateTime, "2024-02-29 23:59:59.123456", "2024-02-29 23:59:59.123456",
        "\"2024-02-29 23:59:59.123456\"");
    add("bytes base64", ValueType::Bytes, "\x01\xff", "Af8=", "\"Af8=\"");
    add("text with comma", ValueType::Text, "a,b", "\"a,b\"", "\"a,b\"");
    add("text with quote", ValueType::Text, "say \"hi\"", "\"say \"\"hi\"\"\"", "\"say \\\"hi\\\"\"");
    add("text with newline", ValueType::Text, "l1\nl2", "\"l1\nl2\"", "\"l1\\nl2\"");
    add("empty text", ValueType::Text, "", "\"\"", "\"\"");
    add("null", ValueType::Null, "", "", "null");
    add("unicode", ValueType::Text, "\xE6\x97\xA5\xE6\x9C\xAC", "\xE6\x97\xA5\xE6\x9C\xAC", "\"\xE6\x97\xA5\xE6\x9C\xAC\"");
}

void TestFileSink::exactText()
{
    QFETCH(int, type);
    QFETCH(QString, text);
    QFETCH(QString, csv);
    QFETCH(QString, json);
    const std::string t = text.toStdString();
    Value v;
    switch (ValueType(type)) {
    case ValueType::Decimal: v = Value::decimal(t); break;
    case ValueType::Date: v = Value::date(t); break;
    case ValueType::Time: v = Value::time(t); break;
    case ValueType::DateTime: v = Value::dateTime(t); break;
    case ValueType::Bytes: v = Value::bytes(std::string("\x01\xff", 2)); break;
    case ValueType::Null: v = Value::null(); break;
    default: v = Value::text(t); break;
    }
    const SchemaPtr schema = test::schemaOf({"id", "v"});
    Batch batch{test::row(schema, {Value::integer(7), v})};
    std::string csvLine, jsonLine;
    RowTextEncoder(RowTextEncoder::Format::Csv, {}, false).appendRow(batch[0], csvLine);
    RowTextEncoder(RowTextEncoder::Format::JsonLines, {}, false).appendRow(batch[0], jsonLine);
    QCOMPARE(QString::fromStdString(csvLine), QStringLiteral("7,") + csv + QLatin1Char('\n'));
    QCOMPARE(QString::fromStdString(jsonLine), QStringLiteral("{\"id\":7,\"v\":") + json + QStringLiteral("}\n"));
}

void TestFileSink::changeColumns_data()
{
    QTest::addColumn<int>("op");
    QTest::addColumn<QString>("csv");
    QTest::addColumn<QString>("json");
    QTest::newRow("insert") << int(RowOp::Insert) << QStringLiteral("I,shop,orders,2026-12-07T22:15:30.123Z,1,new")
                            << QStringLiteral(R"({"_op":"I","_schema":"shop","_table":"orders","_commit_time":"2026-12-07T22:15:30.123Z","id":1,"note":"new"})");
    QTest::newRow("update") << int(RowOp::Update) << QStringLiteral("U,shop,orders,2026-12-07T22:15:30.123Z,1,new")
                            << QStringLiteral(R"({"_op":"U","_schema":"shop","_table":"orders","_commit_time":"2026-12-07T22:15:30.123Z","id":1,"note":"new"})");
    QTest::newRow("delete") << int(RowOp::Delete) << QStringLiteral("D,shop,orders,2026-12-07T22:15:30.123Z,1,new")
                            << QStringLiteral(R"({"_op":"D","_schema":"shop","_table":"orders","_commit_time":"2026-12-07T22:15:30.123Z","id":1,"note":"new"})");
}

void TestFileSink::changeColumns()
{
    QFETCH(int, op);
    QFETCH(QString, csv);
    QFETCH(QString, json);
    auto table = std::make_shared<TableInfo>();
    table->database = "shop";
    table->table = "orders";
    table->columns = {ColumnInfo{"id", "int", "int(11)", true}, ColumnInfo{"note", "varchar", "varchar(20)"}};
    Record r = test::row(test::schemaOf({"id", "note"}), {Value::integer(1), Value::text("new")}, RowOp(op));
    r.table = table;
    r.commitTimeMs = 1796681730123; // 2026-12-07T22:15:30.123Z
    std::string c, j;
    RowTextEncoder csvEncoder(RowTextEncoder::Format::Csv, {}, true);
    csvEncoder.appendRow(r, c);
    RowTextEncoder(RowTextEncoder::Format::JsonLines, {}, true).appendRow(r, j);
    QCOMPARE(QString::fromStdString(c), csv + QLatin1Char('\n'));
    QCOMPARE(QString::fromStdString(j), json + QLatin1Char('\n'));
    QCOMPARE(csvEncoder.header(csvEncoder.columnsOf(r)), std::string("_op,_schema,_table,_commit_time,id,note\n"));
}

void TestFileSink::oneFileAppearsWhenComplete()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("out/accounts.csv")).toStdString();
    const SchemaPtr schema = test::schemaOf({"id", "name"});
    auto sink = makeSink({{"path", path}, {"format", "csv"}}, "run-1", false);
    sink->open(schema);
    Batch b = rowsOf(schema, 1, 3);
    QVERIFY(sink->write(b).empty());
    QVERIFY(!QFile::exists(QString::fromStdString(path)));
    QCOMPARE(hiddenParts(dir.filePath(QStringLiteral("out"))), QStringList{QStringLiteral(".accounts.csv.part")});
    sink->complete();
    sink->close();
    QCOMPARE(readText(path), std::string("id,name\n1,row 1\n2,row 2\n3,row 3\n"));
    QVERIFY(hiddenParts(dir.filePath(QStringLiteral("out"))).isEmpty());
}

void TestFileSink::emptyRunWritesTheHeader()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("empty.csv")).toStdString();
    auto sink = makeSink({{"path", path}, {"format", "csv"}}, "run-1", false);
    sink->open(test::schemaOf({"id", "name"}));
    sink->complete();
    QCOMPARE(readText(path), std::string("id,name\n"));
}

void TestFileSink::rollingNames_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("gzip");
    QTest::addColumn<QString>("pattern");
    QTest::newRow("csv") << QStringLiteral("csv") << false << QStringLiteral(R"(^CDC00000[1-4]-\d{8}T\d{6}Z\.csv$)");
    QTest::newRow("jsonl gzip") << QStringLiteral("jsonl") << true << QStringLiteral(R"(^CDC00000[1-4]-\d{8}T\d{6}Z\.jsonl\.gz$)");
}

void TestFileSink::rollingNames()
{
    QFETCH(QString, format);
    QFETCH(bool, gzip);
    QFETCH(QString, pattern);
    QTemporaryDir dir;
    const std::string folder = dir.filePath(QStringLiteral("parts")).toStdString() + '/';
    const SchemaPtr schema = test::schemaOf({"id", "name"});
    int seq = 0;
    auto sink = makeSink({{"path", folder}, {"format", format.toStdString()}, {"gzip", gzip}, {"roll", {{"rows", 4}}}},
                         "run-1", false, false, &seq);
    sink->open(schema);
    Batch b = rowsOf(schema, 1, 10); // 4 + 4 + 2
    QVERIFY(sink->write(b).empty());
    QCOMPARE(visibleFiles(dir.filePath(QStringLiteral("parts"))).size(), 2); // the third is still open
    sink->close();
    const QStringList files = visibleFiles(dir.filePath(QStringLiteral("parts")));
    QCOMPARE(files.size(), 3);
    std::string all;
    for (const QString &f : files) {
        QVERIFY2(QRegularExpression(pattern).match(f).hasMatch(), qPrintable(f));
        const std::string p = dir.filePath(QStringLiteral("parts/") + f).toStdString();
        all += gzip ? gunzip(p) : readText(p);
    }
    QVERIFY(files[0].startsWith(QLatin1String("CDC000001-")) && files[2].startsWith(QLatin1String("CDC000003-")));
    int lines = 0;
    for (int i = 1; i <= 10; ++i)
        lines += all.find("row " + std::to_string(i) + '"') != std::string::npos
                 || all.find(",row " + std::to_string(i) + '\n') != std::string::npos;
    QCOMPARE(lines, 10);
    if (format == QLatin1String("csv"))
        QCOMPARE(all.substr(0, 8), std::string("id,name\n")); // every file has its header
}

void TestFileSink::newColumnsStartANewFile()
{
    QTemporaryDir dir;
    const std::string folder = dir.path().toStdString() + "/f/";
    auto sink = makeSink({{"path", folder}, {"format", "csv"}}, "run-1", false);
    sink->open(nullptr);
    const SchemaPtr a = test::schemaOf({"id", "name"});
    const SchemaPtr b = test::schemaOf({"id", "city"});
    Batch batch{test::row(a, {Value::integer(1), Value::text("x")}), test::row(b, {Value::integer(2), Value::text("y")})};
    QVERIFY(sink->write(batch).empty());
    sink->close();
    const QStringList files = visibleFiles(dir.filePath(QStringLiteral("f")));
    QCOMPARE(files.size(), 2);
    QCOMPARE(readText(folder + files[0].toStdString()), std::string("id,name\n1,x\n"));
    QCOMPARE(readText(folder + files[1].toStdString()), std::string("id,city\n2,y\n"));
}

void TestFileSink::oneFileRejectsOtherColumns()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("one.csv")).toStdString();
    auto sink = makeSink({{"path", path}, {"format", "csv"}}, "run-1", false);
    sink->open(nullptr);
    const SchemaPtr a = test::schemaOf({"id", "name"});
    const SchemaPtr b = test::schemaOf({"id", "city"});
    Batch batch{test::row(a, {Value::integer(1), Value::text("x")}), test::row(b, {Value::integer(2), Value::text("y")})};
    const auto rejected = sink->write(batch);
    QCOMPARE(rejected.size(), std::size_t(1));
    QCOMPARE(rejected[0].index, std::size_t(1));
    sink->complete();
    QCOMPARE(readText(path), std::string("id,name\n1,x\n"));
}

void TestFileSink::gzipMembers()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("out.csv.gz")).toStdString();
    const SchemaPtr schema = test::schemaOf({"id", "name"});
    auto sink = makeSink({{"path", path}, {"format", "csv"}, {"gzip", true}}, "run-1", false);
    sink->open(schema);
    for (int i = 0; i < 3; ++i) {
        Batch b = rowsOf(schema, i * 2 + 1, 2);
        QVERIFY(sink->write(b).empty());
    }
    sink->complete();
    QCOMPARE(gunzip(path), std::string("id,name\n1,row 1\n2,row 2\n3,row 3\n4,row 4\n5,row 5\n6,row 6\n"));
    QCOMPARE(readText(path).substr(0, 2), std::string("\x1f\x8b"));
}

void TestFileSink::uncommittedBatchIsCutOff()
{
    // A crash after the rows reached the temporary file but before the state file said so: the
    // resumed run cuts them off (the engine gives them again) instead of writing them twice.
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("o.csv")).toStdString();
    const SchemaPtr schema = test::schemaOf({"id", "name"});
    int seq = 0;
    {
        auto sink = makeSink({{"path", path}, {"format", "csv"}}, "run-1", false, false, &seq);
        sink->open(schema);
        Batch b = rowsOf(schema, 1, 2);
        sink->write(b);
        // Not committed: appended behind the sink's back, as a crash mid-batch leaves it.
        std::ofstream(dir.filePath(QStringLiteral(".o.csv.part")).toStdString(), std::ios::app) << "3,row 3\n";
    } // killed: no complete(), no close()
    auto resumed = makeSink({{"path", path}, {"format", "csv"}}, "run-1", true, false, &seq);
    QCOMPARE(resumed->storedCheckpoint().value("seq", 0), 1);
    resumed->open(schema);
    Batch b = rowsOf(schema, 3, 2);
    resumed->write(b);
    resumed->complete();
    QCOMPARE(readText(path), std::string("id,name\n1,row 1\n2,row 2\n3,row 3\n4,row 4\n"));
}

void TestFileSink::finishingRenameCompletedOnResume()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("f"));
    const SchemaPtr schema = test::schemaOf({"id", "name"});
    int seq = 0;
    std::string finishedTemp;
    {
        auto sink = makeSink({{"path", folder.toStdString() + '/'}, {"format", "csv"}, {"roll", {{"rows", 2}}}}, "run-1",
                             false, false, &seq);
        sink->open(schema);
        Batch b = rowsOf(schema, 1, 2);
        sink->write(b);
        // Undo the rename, as a crash between the state file and the rename leaves it.
        const QString finished = visibleFiles(folder).value(0);
        QVERIFY(!finished.isEmpty());
        finishedTemp = '.' + finished.toStdString() + ".part";
        QVERIFY(QFile::rename(folder + QLatin1Char('/') + finished, folder + QLatin1Char('/') + QString::fromStdString(finishedTemp)));
    }
    // The state file lists the file as finishing until the next batch: a resumed run completes it.
    auto resumed = makeSink({{"path", folder.toStdString() + '/'}, {"format", "csv"}, {"roll", {{"rows", 2}}}}, "run-1",
                            true, false, &seq);
    resumed->open(schema);
    QCOMPARE(visibleFiles(folder).size(), 1);
    QVERIFY(hiddenParts(folder).isEmpty());
    QCOMPARE(readText(folder.toStdString() + '/' + visibleFiles(folder)[0].toStdString()), std::string("id,name\n1,row 1\n2,row 2\n"));
}

void TestFileSink::freshRunDiscardsOldPart()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("o.jsonl")).toStdString();
    const SchemaPtr schema = test::schemaOf({"id", "name"});
    {
        auto sink = makeSink({{"path", path}, {"format", "jsonl"}}, "run-1", false);
        sink->open(schema);
        Batch b = rowsOf(schema, 1, 2);
        sink->write(b);
    }
    auto fresh = makeSink({{"path", path}, {"format", "jsonl"}}, "run-2", false); // --restart
    fresh->open(schema);
    Batch b = rowsOf(schema, 5, 1);
    fresh->write(b);
    fresh->complete();
    QCOMPARE(readText(path), std::string("{\"id\":5,\"name\":\"row 5\"}\n"));
}

QTEST_GUILESS_MAIN(TestFileSink)
#include "tst_filesink.moc"
