// Incremental file sources without a server: a folder of exports takes each new or changed file
// once; a watermark over a file passes only records past the last completed run.
#include "core/model/errors.h"
#include "core/file/foldersource.h"
#include "core/schedule/watermarksource.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

using namespace flowdeck;

namespace {

void write(const QString &path, const std::string &text, bool append = false)
{
    std::ofstream(path.toStdString(), append ? std::ios::app : std::ios::trunc) << text;
}

/// Reads everything; returns "file:line id" per record and the checkpoint after the last one.
QStringList readAll(Source &s, nlohmann::json *lastCheckpoint = nullptr, std::size_t batch = 2)
{
    Batch all;
    while (s.read(all, batch)) {
    }
    QStringList out;
    for (const Record &r : all) {
        const Value *id = r.field("id");
        out << QString::fromStdString(std::filesystem::path(r.position.source).filename().string() + ":" +
                                      std::to_string(r.position.line) + " " + (id ? id->toString() : std::string("?")));
    }
    if (lastCheckpoint && !all.empty())
        *lastCheckpoint = s.checkpointAfter(all.back().position);
    return out;
}

/// A completed run: its records, and the state the next run starts from.
QStringList run(Source &s, nlohmann::json &start)
{
    s.open(start);
    nlohmann::json last = start;
    const QStringList records = readAll(s, &last);
    start = s.nextRunStart(last);
    return records;
}

QStringList strings(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *s : list)
        out << QString::fromUtf8(s);
    return out;
}

void setMtime(const QString &path, int secondsAgo)
{
    std::filesystem::last_write_time(path.toStdString(), std::filesystem::file_time_type::clock::now() -
                                                             std::chrono::seconds(secondsAgo));
}

} // namespace

class TestFolderSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void takesNewAndChangedFilesOnce();
    void resumesInsideAFile();
    void globOnlyInFileName();
    void compareText_data();
    void compareText();
    void watermarkOverAFile();
    void watermarkOverAFolder();
    void rewrittenFileAfterAStopIsReadAgain();
    void midRunCheckpointListsOnlyThisRunsFiles();
};

void TestFolderSource::takesNewAndChangedFilesOnce()
{
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(QStringLiteral("exports")));
    const QString a = dir.filePath(QStringLiteral("exports/a.csv")), b = dir.filePath(QStringLiteral("exports/b.csv"));
    write(a, "id,name\n1,x\n2,y\n");
    write(b, "id,name\n3,z\n");
    write(dir.filePath(QStringLiteral("exports/notes.txt")), "not an export\n");
    setMtime(a, 300);
    setMtime(b, 200);
    FolderSource source({{"type", "file"}, {"path", "exports/*.csv"}}, dir.path().toStdString());
    nlohmann::json start;
    QCOMPARE(run(source, start), strings({"a.csv:2 1", "a.csv:3 2", "b.csv:2 3"}));
    QCOMPARE(start["files"].size(), std::size_t(2));

    // Nothing new: nothing read.
    QCOMPARE(run(source, start), QStringList());

    // A new file, a changed one, one only touched (same content, new mtime).
    write(dir.filePath(QStringLiteral("exports/c.csv")), "id,name\n4,w\n");
    setMtime(dir.filePath(QStringLiteral("exports/c.csv")), 10);
    write(a, "id,name\n1,x\n2,y2\n5,v\n");
    setMtime(a, 100);
    write(b, "id,name\n3,z\n");
    setMtime(b, 5);
    QCOMPARE(run(source, start), strings({"a.csv:2 1", "a.csv:3 2", "a.csv:4 5", "c.csv:2 4"}));
    QCOMPARE(run(source, start), QStringList());
}

void TestFolderSource::resumesInsideAFile()
{
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("1.jsonl")), "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n");
    write(dir.filePath(QStringLiteral("2.jsonl")), "{\"id\":4}\n");
    setMtime(dir.filePath(QStringLiteral("1.jsonl")), 60);
    FolderSource source({{"type", "file"}, {"path", "*.jsonl"}}, dir.path().toStdString());
    source.open(nullptr);
    Batch first;
    QVERIFY(source.read(first, 2));
    QCOMPARE(first.size(), std::size_t(2));
    // Killed after the first two records were written: the next run resumes after them.
    const nlohmann::json cp = source.checkpointAfter(first.back().position);
    FolderSource again({{"type", "file"}, {"path", "*.jsonl"}}, dir.path().toStdString());
    again.open(cp);
    QCOMPARE(readAll(again), strings({"1.jsonl:3 3", "2.jsonl:1 4"}));
}

void TestFolderSource::globOnlyInFileName()
{
    QVERIFY(FolderSource::isGlob("exports/*.csv"));
    QVERIFY(FolderSource::isGlob("day-2026-0?.jsonl"));
    QVERIFY(!FolderSource::isGlob("exports/a.csv"));
    try {
        FolderSource s({{"type", "file"}, {"path", "exports-*/a*.csv"}}, ".");
        QFAIL("a glob in the folder part was accepted");
    } catch (const ConfigError &e) {
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("source.path: only the file name")), e.what());
    }
}

void TestFolderSource::compareText_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("expected");
    QTest::newRow("numbers as numbers") << "9" << "10" << -1;
    QTest::newRow("equal numbers") << "10" << "10.0" << 0;
    QTest::newRow("ISO T and Z") << "2026-01-01T10:00:00Z" << "2026-01-01 10:00:00" << 0;
    QTest::newRow("date vs midnight") << "2026-01-01" << "2026-01-01T00:00:00Z" << 0;
    QTest::newRow("later time") << "2026-01-01T10:00:01Z" << "2026-01-01 10:00:00" << 1;
    QTest::newRow("text") << "abc" << "abd" << -1;
}

void TestFolderSource::compareText()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, expected);
    QCOMPARE(WatermarkSource::compareText(a.toStdString(), b.toStdString()), expected);
}

void TestFolderSource::watermarkOverAFile()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("orders.jsonl"));
    // Not sorted; two rows share 10:02; one row is older than `from`.
    write(file, "{\"id\":2,\"updated_at\":\"2026-01-01T10:02:00Z\"}\n"
                "{\"id\":1,\"updated_at\":\"2026-01-01T10:00:00Z\"}\n"
                "{\"id\":3,\"updated_at\":\"2026-01-01T10:02:00Z\"}\n"
                "{\"id\":9,\"updated_at\":\"2025-12-31T23:59:59Z\"}\n");
    auto make = [&] {
        return WatermarkSource(std::make_unique<FileSource>(nlohmann::json{{"type", "file"}, {"path", "orders.jsonl"}},
                                                            dir.path().toStdString()),
                               {{"field", "updated_at"}, {"tieBreaker", "id"}, {"from", "2026-01-01T00:00:00Z"}});
    };
    WatermarkSource source = make();
    nlohmann::json start;
    QCOMPARE(run(source, start), strings({"orders.jsonl:1 2", "orders.jsonl:2 1", "orders.jsonl:3 3"}));
    QCOMPARE(start["from"].dump(), std::string(R"(["2026-01-01T10:02:00Z","3"])"));

    // The export is rewritten with one more row at 10:02 (higher id), an update and a new row.
    write(file, "{\"id\":1,\"updated_at\":\"2026-01-01T10:00:00Z\"}\n"
                "{\"id\":2,\"updated_at\":\"2026-01-01T10:05:00Z\"}\n"
                "{\"id\":3,\"updated_at\":\"2026-01-01T10:02:00Z\"}\n"
                "{\"id\":4,\"updated_at\":\"2026-01-01T10:02:00Z\"}\n"
                "{\"id\":5,\"updated_at\":\"2026-01-01T10:06:00Z\"}\n");
    WatermarkSource next = make();
    QCOMPARE(run(next, start), strings({"orders.jsonl:2 2", "orders.jsonl:4 4", "orders.jsonl:5 5"}));
    WatermarkSource last = make();
    QCOMPARE(run(last, start), QStringList());
}

void TestFolderSource::watermarkOverAFolder()
{
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("a.csv")), "id,seq\n1,10\n2,11\n");
    setMtime(dir.filePath(QStringLiteral("a.csv")), 60);
    auto make = [&] {
        return WatermarkSource(std::make_unique<FolderSource>(nlohmann::json{{"type", "file"}, {"path", "*.csv"}},
                                                              dir.path().toStdString()),
                               {{"field", "seq"}});
    };
    WatermarkSource source = make();
    nlohmann::json start;
    QCOMPARE(run(source, start), strings({"a.csv:2 1", "a.csv:3 2"}));
    // A new export repeats an old row: only the rows past seq 11 pass.
    write(dir.filePath(QStringLiteral("b.csv")), "id,seq\n2,11\n3,12\n");
    WatermarkSource next = make();
    QCOMPARE(run(next, start), strings({"b.csv:3 3"}));
}

void TestFolderSource::rewrittenFileAfterAStopIsReadAgain()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("orders.csv"));
    write(file, "id,seq\n1,10\n2,11\n3,12\n4,13\n");
    auto make = [&] {
        return WatermarkSource(std::make_unique<FileSource>(nlohmann::json{{"type", "file"}, {"path", "orders.csv"}},
                                                            dir.path().toStdString()),
                               {{"field", "seq"}});
    };
    WatermarkSource source = make();
    source.open(nullptr);
    Batch batch;
    QVERIFY(source.read(batch, 3));
    const nlohmann::json stoppedAt = source.checkpointAfter(batch.back().position); // after line 4, byte 22
    // Before the next run the export is rewritten, shorter than where the run stopped.
    write(file, "id,seq\n4,13\n5,14\n");
    WatermarkSource next = make();
    next.open(stoppedAt);
    QCOMPARE(readAll(next), strings({"orders.csv:2 4", "orders.csv:3 5"}));
}

void TestFolderSource::midRunCheckpointListsOnlyThisRunsFiles()
{
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("a.csv")), "id\n1\n");
    setMtime(dir.filePath(QStringLiteral("a.csv")), 90);
    const nlohmann::json endpoint = {{"type", "file"}, {"path", "*.csv"}};
    FolderSource first(endpoint, dir.path().toStdString());
    nlohmann::json watermark;
    QCOMPARE(run(first, watermark), strings({"a.csv:2 1"}));

    write(dir.filePath(QStringLiteral("b.csv")), "id\n2\n3\n");
    setMtime(dir.filePath(QStringLiteral("b.csv")), 60);
    write(dir.filePath(QStringLiteral("c.csv")), "id\n4\n");
    setMtime(dir.filePath(QStringLiteral("c.csv")), 30);
    FolderSource second(endpoint, dir.path().toStdString());
    second.setLastWatermark(watermark);
    second.open(watermark);
    Batch batch;
    QVERIFY(second.read(batch, 1));
    const nlohmann::json cp = second.checkpointAfter(batch.back().position);
    // The checkpoint committed with each batch does not repeat what earlier runs took.
    QVERIFY2(!cp.contains("files") && cp.dump().find("a.csv") == std::string::npos, cp.dump().c_str());

    // Killed here; the next run resumes inside b.csv and never reads a.csv again.
    FolderSource resumed(endpoint, dir.path().toStdString());
    resumed.setLastWatermark(watermark);
    resumed.open(cp);
    nlohmann::json last;
    QCOMPARE(readAll(resumed, &last), strings({"b.csv:3 3", "c.csv:2 4"}));
    const nlohmann::json next = resumed.nextRunStart(last);
    QCOMPARE(next["files"].size(), std::size_t(3));
}

QTEST_GUILESS_MAIN(TestFolderSource)
#include "tst_foldersource.moc"
