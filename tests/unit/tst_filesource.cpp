#include "tests/common/testsupport.h"
#include "core/model/errors.h"
#include "core/file/filesource.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace flowdeck;

namespace {

nlohmann::json endpointFrom(const QString &json)
{
    return nlohmann::json::parse(json.toStdString());
}

// "2: a|b|null" for a record, "3:5 ! reason" for an error record.
QString render(const Record &r)
{
    std::string s = std::to_string(r.position.line) + ':';
    if (r.isError()) {
        s += std::to_string(r.position.column) + " ! " + r.error;
    } else {
        for (std::size_t i = 0; i < r.values.size(); ++i)
            s += (i == 0 ? " " : "|") + (r.values[i].isNull() ? std::string("null") : r.values[i].toString());
    }
    return QString::fromStdString(s);
}

Batch readAll(FileSource &source, std::size_t batchSize = 2)
{
    Batch all;
    while (source.read(all, batchSize)) {
    }
    return all;
}

// "2: id=1 name=x": the non-NULL fields by name, for comparing JSON Lines records read with
// different schemas (a resumed run has not seen the keys of the lines it skipped).
QString renderContent(const Record &r)
{
    if (r.isError())
        return render(r);
    std::string s = std::to_string(r.position.line) + ':';
    for (std::size_t i = 0; i < r.values.size(); ++i)
        if (!r.values[i].isNull())
            s += ' ' + r.schema->names().at(i) + '=' + r.values[i].toString();
    return QString::fromStdString(s);
}

QStringList renderAll(const Batch &batch, std::size_t from = 0)
{
    QStringList out;
    for (std::size_t i = from; i < batch.size(); ++i)
        out << render(batch[i]);
    return out;
}

std::string dataDir()
{
    return test::dataPath("");
}

} // namespace

class TestFileSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formats_data();
    void formats();
    void configErrors_data();
    void configErrors();
    void missingFile_data();
    void missingFile();
    void directoryIsNotAFile();
    void readRespectsMax_data();
    void readRespectsMax();
    void resume_data();
    void resume();
    void checkpointContent();
    void fileChangedSinceCheckpoint_data();
    void fileChangedSinceCheckpoint();
    void checkpointOfAnotherFile();
};

void TestFileSource::formats_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("expectedFormat");
    QTest::addColumn<QString>("expectedNames");
    QTest::addColumn<QString>("expectedFirst");
    QTest::newRow("csv by extension")
        << QStringLiteral(R"({"type":"file","path":"csv/accounts.csv"})") << QStringLiteral("csv")
        << QStringLiteral("id,name,city,note") << QStringLiteral("2: 1|Acme|Paris, FR|first");
    QTest::newRow("tsv: tab delimiter")
        << QStringLiteral(R"({"type":"file","path":"csv/accounts.tsv"})") << QStringLiteral("csv")
        << QStringLiteral("id,name,city,note") << QStringLiteral("2: 1|Acme|Paris\tFR|first");
    QTest::newRow("csv without header")
        << QStringLiteral(R"({"type":"file","path":"csv/accounts_noheader.csv","csv":{"header":false}})")
        << QStringLiteral("csv") << QStringLiteral("column1,column2,column3") << QStringLiteral("1: 1|Acme|Paris");
    QTest::newRow("explicit format and delimiter")
        << QStringLiteral(R"({"type":"file","path":"csv/accounts_semicolon.txt","format":"csv","csv":{"delimiter":";"}})")
        << QStringLiteral("csv") << QStringLiteral("id,name") << QStringLiteral("2: 1|a;b");
    QTest::newRow("jsonl by extension")
        << QStringLiteral(R"({"type":"file","path":"jsonl/events.jsonl"})") << QStringLiteral("jsonl")
        << QStringLiteral("id,kind,amount") << QStringLiteral("1: 1|signup|12.50");
    QTest::newRow("ndjson by extension")
        << QStringLiteral(R"({"type":"file","path":"jsonl/events.ndjson"})") << QStringLiteral("jsonl")
        << QStringLiteral("id") << QStringLiteral("1: 1");
}

void TestFileSource::formats()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, expectedFormat);
    QFETCH(QString, expectedNames);
    QFETCH(QString, expectedFirst);
    FileSource source(endpointFrom(endpoint), dataDir());
    QCOMPARE(QString::fromStdString(source.format()), expectedFormat);
    source.open(nullptr);
    QString names;
    for (const std::string &n : source.schema()->names())
        names += (names.isEmpty() ? QString() : QStringLiteral(",")) + QString::fromStdString(n);
    QCOMPARE(names, expectedNames);
    Batch batch;
    QVERIFY(source.read(batch, 1));
    QCOMPARE(batch.size(), std::size_t(1));
    QCOMPARE(render(batch[0]), expectedFirst);
    // Positions name the file as the flow does, not the resolved absolute path.
    QCOMPARE(batch[0].position.source, endpointFrom(endpoint)["path"].get<std::string>());
    QCOMPARE(QString::fromStdString(source.resolvedPath()),
             QString::fromStdString(test::dataPath(endpointFrom(endpoint)["path"].get<std::string>())));
}

void TestFileSource::configErrors_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("expectedMessage");
    QTest::newRow("unknown extension")
        << QStringLiteral(R"({"type":"file","path":"data.txt"})")
        << QStringLiteral("cannot tell the format of data.txt from its extension: set source.format to \"csv\" or \"jsonl\"");
    QTest::newRow("unknown format") << QStringLiteral(R"({"type":"file","path":"a.csv","format":"xml"})")
                                    << QStringLiteral("source.format must be \"csv\" or \"jsonl\", not \"xml\"");
    QTest::newRow("two-character delimiter")
        << QStringLiteral(R"({"type":"file","path":"a.csv","csv":{"delimiter":"\\t"}})")
        << QStringLiteral("source.csv.delimiter must be a string of exactly one character (write \"\\t\" for a tab)");
    QTest::newRow("header not a boolean") << QStringLiteral(R"({"type":"file","path":"a.csv","csv":{"header":"yes"}})")
                                          << QStringLiteral("source.csv.header must be true or false");
    QTest::newRow("delimiter equals quote")
        << QStringLiteral(R"({"type":"file","path":"a.csv","csv":{"delimiter":"'","quote":"'"}})")
        << QStringLiteral("the CSV delimiter and quote must be different characters");
    QTest::newRow("no path") << QStringLiteral(R"({"type":"file"})")
                             << QStringLiteral("source.path must name the file to read");
    QTest::newRow("not a file endpoint") << QStringLiteral(R"({"type":"kafka","path":"a.csv"})")
                                         << QStringLiteral("a file source needs \"type\": \"file\", not \"kafka\"");
}

void TestFileSource::configErrors()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, expectedMessage);
    try {
        FileSource source(endpointFrom(endpoint), dataDir());
        QFAIL("no ConfigError");
    } catch (const ConfigError &e) {
        QCOMPARE(QString::fromStdString(e.what()), expectedMessage);
    }
}

void TestFileSource::missingFile_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expectedMessage");
    const QString dir = QString::fromStdString(test::dataPath("csv"));
    QTest::newRow("relative") << QStringLiteral("csv/nope.csv")
                              << QStringLiteral("cannot open csv/nope.csv (%1/nope.csv): No such file or directory").arg(dir);
    QTest::newRow("absolute") << dir + QStringLiteral("/nope.jsonl")
                              << QStringLiteral("cannot open %1/nope.jsonl: No such file or directory").arg(dir);
}

void TestFileSource::missingFile()
{
    QFETCH(QString, path);
    QFETCH(QString, expectedMessage);
    FileSource source({{"type", "file"}, {"path", path.toStdString()}}, dataDir());
    try {
        source.open(nullptr);
        QFAIL("no Error");
    } catch (const Error &e) {
        QCOMPARE(QString::fromStdString(e.what()), expectedMessage);
    }
}

void TestFileSource::directoryIsNotAFile()
{
    QTemporaryDir tmp;
    QVERIFY(QDir(tmp.path()).mkdir(QStringLiteral("folder.csv")));
    FileSource source({{"type", "file"}, {"path", "folder.csv"}}, tmp.path().toStdString());
    try {
        source.open(nullptr);
        QFAIL("no Error");
    } catch (const Error &e) {
        QCOMPARE(QString::fromStdString(e.what()),
                 QStringLiteral("cannot open folder.csv (%1/folder.csv): it is a directory, not a file").arg(tmp.path()));
    }
}

void TestFileSource::readRespectsMax_data()
{
    QTest::addColumn<int>("max");
    QTest::addColumn<QList<int>>("expectedBatches");
    QTest::newRow("1") << 1 << QList<int>{1, 1, 1, 1, 1};
    QTest::newRow("2") << 2 << QList<int>{2, 2, 1};
    QTest::newRow("5") << 5 << QList<int>{5};
    QTest::newRow("100") << 100 << QList<int>{5};
}

void TestFileSource::readRespectsMax()
{
    QFETCH(int, max);
    QFETCH(QList<int>, expectedBatches);
    FileSource source({{"type", "file"}, {"path", "csv/accounts.csv"}}, dataDir());
    source.open(nullptr);
    const QFileInfo info(QString::fromStdString(test::dataPath("csv/accounts.csv")));
    QCOMPARE(source.progressTotal(), std::uint64_t(info.size()));
    QCOMPARE(source.progressDone(), std::uint64_t(0));
    QList<int> batches;
    Batch batch;
    batch.emplace_back(); // read() appends: what is there stays
    while (source.read(batch, std::size_t(max))) {
        batches << int(batch.size()) - 1;
        QCOMPARE(source.progressDone(), batch.back().position.endOffset);
        batch.resize(1);
    }
    QCOMPARE(batch.size(), std::size_t(1));
    QCOMPARE(batches, expectedBatches);
    QCOMPARE(source.progressDone(), std::uint64_t(info.size()));
    QVERIFY(!source.read(batch, std::size_t(max))); // stays exhausted
}

void TestFileSource::resume_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<int>("after"); // records read before the checkpoint
    QTest::addColumn<QStringList>("expectedRest");
    const QString accounts = QStringLiteral(R"({"type":"file","path":"csv/accounts.csv"})");
    QTest::newRow("csv after 1") << accounts << 1
                                 << QStringList{QStringLiteral("3: 2|Bolt \"Co\"|Berlin|null"),
                                                QStringLiteral("4: 3|Corp||multi"),
                                                QStringLiteral("5: 4|Delta\nLtd|Rome|last"),
                                                QStringLiteral("7: 5|Écho|Oslo|end")};
    QTest::newRow("csv after the multi-line record")
        << accounts << 4 << QStringList{QStringLiteral("7: 5|Écho|Oslo|end")};
    QTest::newRow("csv after the last") << accounts << 5 << QStringList();
    QTest::newRow("csv without header, after a blank line")
        << QStringLiteral(R"({"type":"file","path":"csv/accounts_noheader.csv","csv":{"header":false}})") << 2
        << QStringList{QStringLiteral("4: 3|Corp|Rome")};
    QTest::newRow("bad rows after an error record")
        << QStringLiteral(R"({"type":"file","path":"csv/bad_rows.csv"})") << 2
        << QStringList{QStringLiteral("4: 3|ok|30"),
                       QStringLiteral("5:12 ! expected 3 fields (as in the header) but found 4"),
                       QStringLiteral("6: 5|ok|50"), QStringLiteral("7:7 ! invalid UTF-8 byte 0xFF"),
                       QStringLiteral("8: 7|ok|70"),
                       QStringLiteral("9:3 ! unbalanced quote: the quoted field opened on line 9 is never closed, so the "
                                      "rest of the file was read as one record")};
    QTest::newRow("tsv with BOM and CRLF")
        << QStringLiteral(R"({"type":"file","path":"csv/accounts.tsv"})") << 2
        << QStringList{QStringLiteral("4: 3|Corp||multi")};
    QTest::newRow("jsonl after 2")
        << QStringLiteral(R"({"type":"file","path":"jsonl/events.jsonl"})") << 2
        << QStringList{QStringLiteral("4: 3|refund|null|150|{\"by\":\"éric\",\"n\":null}"),
                       QStringLiteral("5:22 ! invalid JSON: syntax error while parsing object key - unexpected "
                                      "'}'; expected string literal"),
                       QStringLiteral("6: 18446744073709551615|null|null|null|null|true")};
}

void TestFileSource::resume()
{
    QFETCH(QString, endpoint);
    QFETCH(int, after);
    QFETCH(QStringList, expectedRest);
    FileSource first(endpointFrom(endpoint), dataDir());
    first.open(nullptr);
    const Batch all = readAll(first);
    QVERIFY(std::size_t(after) <= all.size());
    const nlohmann::json checkpoint = first.checkpointAfter(all[std::size_t(after) - 1].position);

    FileSource second(endpointFrom(endpoint), dataDir());
    second.open(checkpoint);
    QCOMPARE(second.progressDone(), checkpoint["offset"].get<std::uint64_t>());
    const Batch rest = readAll(second, 3);
    QCOMPARE(renderAll(rest), expectedRest);
    // Exactly what the first run read after that record.
    QStringList restContent, firstRunContent;
    for (const Record &r : rest)
        restContent << renderContent(r);
    for (std::size_t i = std::size_t(after); i < all.size(); ++i)
        firstRunContent << renderContent(all[i]);
    QCOMPARE(restContent, firstRunContent);
}

void TestFileSource::checkpointContent()
{
    FileSource source({{"type", "file"}, {"path", "csv/accounts.csv"}}, dataDir());
    source.open(nullptr);
    Batch batch;
    QVERIFY(source.read(batch, 4));
    const Position &fourth = batch[3].position; // the two-line record "4,\"Delta\nLtd\",..."
    QCOMPARE(fourth.line, std::uint64_t(5));
    QCOMPARE(fourth.offset, std::uint64_t(83));
    const nlohmann::json cp = source.checkpointAfter(fourth);
    const QFileInfo info(QString::fromStdString(test::dataPath("csv/accounts.csv")));
    QCOMPARE(cp["file"].get<std::string>(), std::string("csv/accounts.csv"));
    QCOMPARE(cp["offset"].get<std::uint64_t>(), std::uint64_t(107));
    QCOMPARE(cp["line"].get<std::uint64_t>(), std::uint64_t(7));
    QCOMPARE(cp["size"].get<std::uint64_t>(), std::uint64_t(info.size()));
    const std::int64_t mtimeMs = info.lastModified().toMSecsSinceEpoch();
    QVERIFY(std::llabs(cp["mtime"].get<std::int64_t>() / 1000000 - mtimeMs) <= 1);
}

void TestFileSource::fileChangedSinceCheckpoint_data()
{
    QTest::addColumn<QByteArray>("newContent");
    QTest::addColumn<QString>("expected"); // an error message, or the records read after resuming
    QTest::newRow("truncated") << QByteArray("id,v\n1,a\n")
                               << QStringLiteral("accounts.csv changed since the checkpoint: it now has 9 bytes, but "
                                                 "reading stopped at byte 13; reset the checkpoint to read it from the start");
    QTest::newRow("appended") << QByteArray("id,v\n1,a\n2,b\n3,c\n4,d\n") << QStringLiteral("4: 3|c;5: 4|d");
}

void TestFileSource::fileChangedSinceCheckpoint()
{
    QFETCH(QByteArray, newContent);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("accounts.csv"));
    auto write = [&](const QByteArray &content) {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(content), qint64(content.size()));
    };
    write("id,v\n1,a\n2,b\n");
    const nlohmann::json endpoint = {{"type", "file"}, {"path", "accounts.csv"}};
    FileSource first(endpoint, dir.path().toStdString());
    first.open(nullptr);
    const Batch all = readAll(first);
    QCOMPARE(all.size(), std::size_t(2));
    const nlohmann::json cp = first.checkpointAfter(all.back().position);
    QCOMPARE(cp["offset"].get<std::uint64_t>(), std::uint64_t(13));

    write(newContent);
    FileSource second(endpoint, dir.path().toStdString());
    try {
        second.open(cp);
        QStringList rest = renderAll(readAll(second));
        QCOMPARE(rest.join(QLatin1Char(';')), expected);
    } catch (const Error &e) {
        QCOMPARE(QString::fromStdString(e.what()), expected);
    }
}

void TestFileSource::checkpointOfAnotherFile()
{
    FileSource source({{"type", "file"}, {"path", "csv/accounts.csv"}}, dataDir());
    const nlohmann::json cp = {{"file", "csv/other.csv"}, {"offset", 18}, {"line", 2}, {"size", 124}, {"mtime", 1}};
    try {
        source.open(cp);
        QFAIL("no ConfigError");
    } catch (const ConfigError &e) {
        QCOMPARE(QString::fromStdString(e.what()),
                 QStringLiteral("the checkpoint is for \"csv/other.csv\", not \"csv/accounts.csv\": reset the "
                                "flow's checkpoint to read the new file from the start"));
    }
}

QTEST_GUILESS_MAIN(TestFileSource)
#include "tst_filesource.moc"
