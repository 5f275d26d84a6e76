#include "tests/common/testsupport.h"
#include "core/file/csvreader.h"
#include "core/model/errors.h"

#include <QTest>

using namespace flowdeck;

namespace {

// Block sizes every parse runs with: tiny blocks put a block boundary at every byte of a record
// (inside quotes, between CR and LF, inside a UTF-8 sequence); the default reads it all at once.
const std::size_t kBlockSizes[] = {1, 2, 3, 7, BlockInput::kDefaultBlockSize};

// "2: [a] null [b]" for a record, "3:5 ! reason" for an error record.
std::string render(const Record &r)
{
    std::string s = std::to_string(r.position.line) + ':';
    if (r.isError())
        return s + std::to_string(r.position.column) + " ! " + r.error;
    for (const Value &v : r.values)
        s += v.isNull() ? std::string(" null") : " [" + v.str() + ']';
    return s;
}

CsvOptions options(bool header, const QString &delimiter = QStringLiteral(","),
                   const QString &quote = QStringLiteral("\""))
{
    CsvOptions o;
    o.header = header;
    o.delimiter = char(delimiter.at(0).unicode());
    o.quote = char(quote.at(0).unicode());
    return o;
}

std::vector<Record> readAll(CsvReader &reader)
{
    std::vector<Record> records;
    Record r;
    while (reader.next(r))
        records.push_back(r);
    return records;
}

QStringList renderAll(const std::vector<Record> &records)
{
    QStringList out;
    for (const Record &r : records)
        out << QString::fromStdString(render(r));
    return out;
}

QStringList names(const SchemaPtr &schema)
{
    QStringList out;
    for (const std::string &n : schema->names())
        out << QString::fromStdString(n);
    return out;
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void schema_data();
    void schema();
    void positions_data();
    void positions();
    void errorRecords_data();
    void errorRecords();
    void badHeader_data();
    void badHeader();
    void badOptions_data();
    void badOptions();
    void seekResumes_data();
    void seekResumes();
    void dataFiles_data();
    void dataFiles();
    void recordLargerThanBlock();
};

void TestCsvReader::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("header");
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<QString>("quote");
    QTest::addColumn<QStringList>("expected");
    const QString comma = QStringLiteral(",");
    const QString dq = QStringLiteral("\"");
    auto row = [&](const char *name, const QByteArray &input, bool header, const QString &delimiter,
                   const QStringList &expected) {
        QTest::newRow(name) << input << header << delimiter << dq << expected;
    };
    auto L = [](const char *s) { return QString::fromUtf8(s); };

    row("plain", "a,b\n1,2\n3,4\n", true, comma, {L("2: [1] [2]"), L("3: [3] [4]")});
    row("quoted comma", "a,b\n\"x,y\",z\n", true, comma, {L("2: [x,y] [z]")});
    row("doubled quote", "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n", true, comma, {L("2: [say \"hi\"] [\"]")});
    row("LF inside quotes", "a,b\n\"1\n2\",z\n3,4\n", true, comma, {L("2: [1\n2] [z]"), L("4: [3] [4]")});
    row("CRLF inside quotes", "a,b\r\n\"1\r\n2\",z\r\n3,4\r\n", true, comma,
        {L("2: [1\r\n2] [z]"), L("4: [3] [4]")});
    row("CR inside quotes", "a,b\n\"1\r2\",z\n3,4\n", true, comma, {L("2: [1\r2] [z]"), L("4: [3] [4]")});
    row("CRLF line ends", "a,b\r\n1,2\r\n3,4\r\n", true, comma, {L("2: [1] [2]"), L("3: [3] [4]")});
    row("lone CR line ends", "a,b\r1,2\r3,4", true, comma, {L("2: [1] [2]"), L("3: [3] [4]")});
    row("no final line break", "a,b\n1,2", true, comma, {L("2: [1] [2]")});
    row("BOM skipped", "\xEF\xBB\xBF" "a,b\n1,2\n", true, comma, {L("2: [1] [2]")});
    row("BOM without header", "\xEF\xBB\xBF" "1,2\n", false, comma, {L("1: [1] [2]")});
    row("no header", "1,2\n3,4\n", false, comma, {L("1: [1] [2]"), L("2: [3] [4]")});
    row("semicolon", "a;b\n\"x;y\";z,w\n", true, QStringLiteral(";"), {L("2: [x;y] [z,w]")});
    row("tab", "a\tb\n1\t\"2\t3\"\n", true, QStringLiteral("\t"), {L("2: [1] [2\t3]")});
    row("pipe", "a|b\n|x\n", true, QStringLiteral("|"), {L("2: null [x]")});
    row("NULL vs empty text", "a,b,c\n,\"\",x\n", true, comma, {L("2: null [] [x]")});
    row("trailing delimiter is a NULL", "a,b\n1,\n", true, comma, {L("2: [1] null")});
    row("all NULL", "a,b\n,\n", true, comma, {L("2: null null")});
    row("trailing delimiter at end of file", "a,b\n1,", true, comma, {L("2: [1] null")});
    row("spaces kept", "a,b\n x , y\n", true, comma, {L("2: [ x ] [ y]")});
    row("blank lines in the middle skipped", "a,b\n1,2\n\n\r\n3,4\n", true, comma,
        {L("2: [1] [2]"), L("5: [3] [4]")});
    row("blank lines at the end", "a,b\n1,2\n\n\n", true, comma, {L("2: [1] [2]")});
    row("header only", "a,b\n", true, comma, {});
    row("empty file", "", true, comma, {});
    row("quote inside unquoted field", "a,b\nab\"c,d\n", true, comma, {L("2: [ab\"c] [d]")});
    row("UTF-8 text", "a,b\n\xC3\xA9,\xE6\x97\xA5\xF0\x9F\x98\x80\n", true, comma, {L("2: [é] [日😀]")});
    QTest::newRow("single quote as quote") << QByteArray("a,b\n'x,''y''',z\n") << true << comma
                                           << QStringLiteral("'") << QStringList{L("2: [x,'y'] [z]")};

    // Errors: exact line and column, and the next good record still comes.
    row("unbalanced quote", "a,b\n1,2\nx,\"open\n3,4\n5,6\n", true, comma,
        {L("2: [1] [2]"),
         L("3:3 ! unbalanced quote: the quoted field opened on line 3 is never closed, so the rest of the file was "
           "read as one record")});
    row("unbalanced quote on the record's second line", "a,b\n\"x\ny\",\"z\n1,2\n", true, comma,
        {L("3:4 ! unbalanced quote: the quoted field opened on line 3 is never closed, so the rest of the file was "
           "read as one record")});
    row("junk after closing quote", "a,b\n\"ab\"c,d\n1,2\n", true, comma,
        {L("2:5 ! unexpected character 'c' after a closing quote"), L("3: [1] [2]")});
    row("junk after quote counts characters", "a,b\n\"\xC3\xA9\xC3\xA9\" ,d\n1,2\n", true, comma,
        {L("2:5 ! unexpected character ' ' after a closing quote"), L("3: [1] [2]")});
    row("junk after a multi-line quoted field", "a,b\n\"x\r\ny\"z,d\r\n1,2\r\n", true, comma,
        {L("3:3 ! unexpected character 'z' after a closing quote"), L("4: [1] [2]")});
    row("junk that is a quote-like text", "a,b\n\"ab\"c\"d,e\"\n1,2\n", true, comma,
        {L("2:5 ! unexpected character 'c' after a closing quote"), L("3: [1] [2]")});
    row("too many fields", "a,b\n1,2,3\n4,5\n", true, comma,
        {L("2:5 ! expected 2 fields (as in the header) but found 3"), L("3: [4] [5]")});
    row("too few fields", "a,b,c\n1,2\n4,5,6\n", true, comma,
        {L("2:4 ! expected 3 fields (as in the header) but found 2"), L("3: [4] [5] [6]")});
    row("too few fields without header", "1,2\n3\n4,5\n", false, comma,
        {L("1: [1] [2]"), L("2:2 ! expected 2 fields (as in the first record) but found 1"),
         L("3: [4] [5]")});
    row("invalid UTF-8", "a,b\nok,x\xFFy\n1,2\n", true, comma,
        {L("2:5 ! invalid UTF-8 byte 0xFF"), L("3: [1] [2]")});
    row("invalid UTF-8 after multibyte characters", "a,b\n\xC3\xA9\xC3\xA9,\xC3\x28\n1,2\n", true, comma,
        {L("2:4 ! invalid UTF-8 byte 0xC3"), L("3: [1] [2]")});
    row("invalid UTF-8 inside quotes on a later line", "a,b\n\"x\n\xE2\x82\",1\n2,3\n", true, comma,
        {L("3:1 ! invalid UTF-8 byte 0xE2"), L("4: [2] [3]")});
    row("overlong UTF-8", "a\n\xC0\xAF\nz\n", true, comma, {L("2:1 ! invalid UTF-8 byte 0xC0"), L("3: [z]")});
    row("UTF-8 surrogate", "a\n\xED\xA0\x80\nz\n", true, comma, {L("2:1 ! invalid UTF-8 byte 0xED"), L("3: [z]")});
    row("UTF-8 cut by end of file", "a\nx\xE2\x82", true, comma, {L("2:2 ! invalid UTF-8 byte 0xE2")});
    row("first problem of a record wins", "a,b\n\"x\"y,\xFF\n1,2\n", true, comma,
        {L("2:4 ! unexpected character 'y' after a closing quote"), L("3: [1] [2]")});
    row("error, blank line, good record", "a\n\"x\"y\n\nz\n", true, comma,
        {L("2:4 ! unexpected character 'y' after a closing quote"), L("4: [z]")});
}

void TestCsvReader::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, header);
    QFETCH(QString, delimiter);
    QFETCH(QString, quote);
    QFETCH(QStringList, expected);
    for (std::size_t blockSize : kBlockSizes) {
        CsvReader reader(options(header, delimiter, quote));
        reader.setBlockSize(blockSize);
        reader.openString(input.toStdString(), "t.csv");
        const QStringList actual = renderAll(readAll(reader));
        if (actual != expected)
            qWarning("block size %zu", blockSize);
        QCOMPARE(actual, expected);
    }
}

void TestCsvReader::schema_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("header");
    QTest::addColumn<QStringList>("expectedNames");
    QTest::addColumn<QStringList>("expectedRecords");
    QTest::newRow("header") << QByteArray("id,name\n1,x\n") << true
                            << QStringList{QStringLiteral("id"), QStringLiteral("name")}
                            << QStringList{QStringLiteral("2: [1] [x]")};
    QTest::newRow("quoted names after a BOM")
        << QByteArray("\xEF\xBB\xBF\"Account ID\",\"Name, full\",\"say \"\"x\"\"\"\r\n1,2,3\r\n") << true
        << QStringList{QStringLiteral("Account ID"), QStringLiteral("Name, full"), QStringLiteral("say \"x\"")}
        << QStringList{QStringLiteral("2: [1] [2] [3]")};
    QTest::newRow("empty names become columnN")
        << QByteArray("id,,\"\"\n1,2,3\n") << true
        << QStringList{QStringLiteral("id"), QStringLiteral("column2"), QStringLiteral("column3")}
        << QStringList{QStringLiteral("2: [1] [2] [3]")};
    QTest::newRow("blank lines before the header")
        << QByteArray("\n\r\nid\n7\n") << true << QStringList{QStringLiteral("id")}
        << QStringList{QStringLiteral("4: [7]")};
    QTest::newRow("no header: column1..N")
        << QByteArray("a,b,c\n") << false
        << QStringList{QStringLiteral("column1"), QStringLiteral("column2"), QStringLiteral("column3")}
        << QStringList{QStringLiteral("1: [a] [b] [c]")};
    QTest::newRow("empty file, no header") << QByteArray() << false << QStringList() << QStringList();
}

void TestCsvReader::schema()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, header);
    QFETCH(QStringList, expectedNames);
    QFETCH(QStringList, expectedRecords);
    CsvReader reader(options(header));
    reader.openString(input.toStdString(), "t.csv");
    QVERIFY(reader.schema());
    QCOMPARE(names(reader.schema()), expectedNames);
    const std::vector<Record> records = readAll(reader);
    QCOMPARE(renderAll(records), expectedRecords);
    for (const Record &r : records)
        QCOMPARE(r.schema.get(), reader.schema().get()); // one schema shared by every record
}

void TestCsvReader::positions_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("header");
    // "line-endLine offset-endOffset" per record
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("BOM and CRLF, multi-line record, no final break")
        << QByteArray("\xEF\xBB\xBF" "a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,5") << true
        << QStringList{QStringLiteral("2-3 8-13"), QStringLiteral("3-5 13-23"), QStringLiteral("5-5 23-26")};
    QTest::newRow("BOM without header: first record at byte 3")
        << QByteArray("\xEF\xBB\xBF" "1,2\n3,4\n") << false
        << QStringList{QStringLiteral("1-2 3-7"), QStringLiteral("2-3 7-11")};
    QTest::newRow("blank lines are counted, not records")
        << QByteArray("a\n1\n\n\n2\n") << true
        << QStringList{QStringLiteral("2-3 2-4"), QStringLiteral("5-6 6-8")};
    QTest::newRow("error record spans its record")
        << QByteArray("a,b\n1\n2,3\n") << true
        << QStringList{QStringLiteral("2-3 4-6"), QStringLiteral("3-4 6-10")};
    QTest::newRow("lone CR") << QByteArray("a\r1\r2") << true
                             << QStringList{QStringLiteral("2-3 2-4"), QStringLiteral("3-3 4-5")};
}

void TestCsvReader::positions()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, header);
    QFETCH(QStringList, expected);
    for (std::size_t blockSize : kBlockSizes) {
        CsvReader reader(options(header));
        reader.setBlockSize(blockSize);
        reader.openString(input.toStdString(), "t.csv");
        QStringList actual;
        for (const Record &r : readAll(reader)) {
            QCOMPARE(r.position.source, std::string("t.csv"));
            actual << QStringLiteral("%1-%2 %3-%4")
                          .arg(r.position.line)
                          .arg(r.position.endLine)
                          .arg(r.position.offset)
                          .arg(r.position.endOffset);
        }
        QCOMPARE(actual, expected);
        QCOMPARE(reader.offset(), std::uint64_t(input.size()));
    }
}

void TestCsvReader::errorRecords_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expectedRaw");
    QTest::addColumn<QString>("expectedPosition");
    QTest::newRow("unbalanced quote: the rest of the file")
        << QByteArray("a,b\n1,2\nx,\"open\n3,4\r\n5,6\n") << QByteArray("x,\"open\n3,4\r\n5,6\n")
        << QStringLiteral("t.csv:3:3");
    QTest::newRow("junk: the record without its line break")
        << QByteArray("a,b\r\n\"ab\"c,d\r\n") << QByteArray("\"ab\"c,d") << QStringLiteral("t.csv:2:5");
    QTest::newRow("multi-line record raw keeps inner breaks")
        << QByteArray("a,b\n\"x\ny\",z,w\n") << QByteArray("\"x\ny\",z,w") << QStringLiteral("t.csv:3:6");
    QTest::newRow("invalid UTF-8 raw keeps the byte")
        << QByteArray("a\nx\xFF\n") << QByteArray("x\xFF") << QStringLiteral("t.csv:2:2");
}

void TestCsvReader::errorRecords()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expectedRaw);
    QFETCH(QString, expectedPosition);
    CsvReader reader;
    reader.openString(input.toStdString(), "t.csv");
    Record r;
    do {
        QVERIFY(reader.next(r));
    } while (!r.isError());
    QCOMPARE(QByteArray::fromStdString(r.raw), expectedRaw);
    QCOMPARE(QString::fromStdString(r.position.toString()), expectedPosition);
    QVERIFY(r.values.empty());
    QCOMPARE(r.schema.get(), reader.schema().get());
}

void TestCsvReader::badHeader_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expectedMessage");
    QTest::newRow("unbalanced quote")
        << QByteArray("a,\"b\n1,2\n")
        << QStringLiteral("t.csv:1:3: bad header row: unbalanced quote: the quoted field opened on line 1 is never "
                          "closed, so the rest of the file was read as one record");
    QTest::newRow("unbalanced quote opened on the header's second line")
        << QByteArray("\"a\nb\",\"c\n1,2\n")
        << QStringLiteral("t.csv:2:4: bad header row: unbalanced quote: the quoted field opened on line 2 is never "
                          "closed, so the rest of the file was read as one record");
    QTest::newRow("same name twice")
        << QByteArray("id,name,id\n1,a,2\n")
        << QStringLiteral("t.csv:1: bad header row: column name \"id\" appears twice, in fields 1 and 3 (rename one: "
                          "the second would silently win)");
    QTest::newRow("same quoted name twice, after a blank line")
        << QByteArray("\n\"a b\",x,y,\"a b\"\n")
        << QStringLiteral("t.csv:2: bad header row: column name \"a b\" appears twice, in fields 1 and 4 (rename one: "
                          "the second would silently win)");
    QTest::newRow("an empty name's default named twice")
        << QByteArray("a,,column2\n")
        << QStringLiteral("t.csv:1: bad header row: column name \"column2\" appears twice, in fields 2 and 3 (rename one: "
                          "the second would silently win)");
    QTest::newRow("junk") << QByteArray("\n\"a\"x,b\n")
                          << QStringLiteral("t.csv:2:4: bad header row: unexpected character 'x' after a closing quote");
    QTest::newRow("invalid UTF-8") << QByteArray("id,n\xFF\n")
                                   << QStringLiteral("t.csv:1:5: bad header row: invalid UTF-8 byte 0xFF");
}

void TestCsvReader::badHeader()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expectedMessage);
    CsvReader reader;
    try {
        reader.openString(input.toStdString(), "t.csv");
        QFAIL("no InputError");
    } catch (const InputError &e) {
        QCOMPARE(QString::fromStdString(e.what()), expectedMessage);
    }
}

void TestCsvReader::badOptions_data()
{
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<QString>("quote");
    QTest::addColumn<QString>("expectedMessage");
    QTest::newRow("same") << QStringLiteral(",") << QStringLiteral(",")
                          << QStringLiteral("the CSV delimiter and quote must be different characters");
    QTest::newRow("LF delimiter") << QStringLiteral("\n") << QStringLiteral("\"")
                                  << QStringLiteral("the CSV delimiter must be one ASCII character other than a line break");
    QTest::newRow("CR quote") << QStringLiteral(",") << QStringLiteral("\r")
                              << QStringLiteral("the CSV quote must be one ASCII character other than a line break");
}

void TestCsvReader::badOptions()
{
    QFETCH(QString, delimiter);
    QFETCH(QString, quote);
    QFETCH(QString, expectedMessage);
    try {
        CsvReader reader(options(true, delimiter, quote));
        QFAIL("no ConfigError");
    } catch (const ConfigError &e) {
        QCOMPARE(QString::fromStdString(e.what()), expectedMessage);
    }
}

void TestCsvReader::seekResumes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("header");
    QTest::addColumn<QString>("expectedError");
    const QByteArray body = "1,\"a\nb\"\r\n2,x\n\n3,\"q\"z\n4,\xC3\xA9\n5,y";
    QTest::newRow("with header") << QByteArray("\xEF\xBB\xBF" "id,v\n" + body) << true
                                 << QStringLiteral("6:6 ! unexpected character 'z' after a closing quote");
    QTest::newRow("without header") << QByteArray("\xEF\xBB\xBF" + body) << false
                                    << QStringLiteral("5:6 ! unexpected character 'z' after a closing quote");
}

// Seeking to the end of any record read earlier yields exactly the records after it.
void TestCsvReader::seekResumes()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, header);
    QFETCH(QString, expectedError);
    CsvReader full(options(header));
    full.openString(input.toStdString(), "t.csv");
    const QStringList all = renderAll(readAll(full));
    QCOMPARE(all.size(), 5);
    QCOMPARE(all.at(2), expectedError);

    CsvReader again(options(header));
    again.openString(input.toStdString(), "t.csv");
    const std::vector<Record> records = readAll(again);
    for (std::size_t i = 0; i < records.size(); ++i) {
        CsvReader resumed(options(header));
        resumed.setBlockSize(3);
        resumed.openString(input.toStdString(), "t.csv");
        resumed.seek(records[i].position.endOffset, records[i].position.endLine);
        QCOMPARE(renderAll(readAll(resumed)), all.mid(qsizetype(i) + 1));
        QCOMPARE(names(resumed.schema()), names(full.schema()));
    }
}

void TestCsvReader::dataFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("header");
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("accounts.csv")
        << QStringLiteral("csv/accounts.csv") << true << QStringLiteral(",")
        << QStringList{QStringLiteral("2: [1] [Acme] [Paris, FR] [first]"),
                       QStringLiteral("3: [2] [Bolt \"Co\"] [Berlin] null"),
                       QStringLiteral("4: [3] [Corp] [] [multi]"),
                       QStringLiteral("5: [4] [Delta\nLtd] [Rome] [last]"),
                       QStringLiteral("7: [5] [Écho] [Oslo] [end]")};
    QTest::newRow("accounts.tsv")
        << QStringLiteral("csv/accounts.tsv") << true << QStringLiteral("\t")
        << QStringList{QStringLiteral("2: [1] [Acme] [Paris\tFR] [first]"),
                       QStringLiteral("3: [2] [Bolt \"Co\"] [Berlin] null"),
                       QStringLiteral("4: [3] [Corp] [] [multi]")};
    QTest::newRow("bad_rows.csv")
        << QStringLiteral("csv/bad_rows.csv") << true << QStringLiteral(",")
        << QStringList{QStringLiteral("2: [1] [ok] [10]"),
                       QStringLiteral("3:7 ! unexpected character 'c' after a closing quote"),
                       QStringLiteral("4: [3] [ok] [30]"),
                       QStringLiteral("5:12 ! expected 3 fields (as in the header) but found 4"),
                       QStringLiteral("6: [5] [ok] [50]"),
                       QStringLiteral("7:7 ! invalid UTF-8 byte 0xFF"),
                       QStringLiteral("8: [7] [ok] [70]"),
                       QStringLiteral("9:3 ! unbalanced quote: the quoted field opened on line 9 is never closed, so the "
                                      "rest of the file was read as one record")};
}

void TestCsvReader::dataFiles()
{
    QFETCH(QString, file);
    QFETCH(bool, header);
    QFETCH(QString, delimiter);
    QFETCH(QStringList, expected);
    CsvReader reader(options(header, delimiter));
    reader.openFile(test::dataPath(file.toStdString()), file.toStdString());
    QCOMPARE(renderAll(readAll(reader)), expected);
    QCOMPARE(reader.offset(), reader.totalSize());
}

// A record larger than a block (and than the first buffer) is still read whole.
void TestCsvReader::recordLargerThanBlock()
{
    const std::string big(3 * BlockInput::kDefaultBlockSize + 17, 'x');
    CsvReader reader;
    reader.openString("a,b\n1,\"" + big + "\"\n2,y\n", "t.csv");
    Record r;
    QVERIFY(reader.next(r));
    QVERIFY(!r.isError());
    QCOMPARE(r.values.at(1).str().size(), big.size());
    QCOMPARE(r.values.at(1).str(), big);
    QVERIFY(reader.next(r));
    QCOMPARE(render(r), std::string("3: [2] [y]"));
    QVERIFY(!reader.next(r));
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
