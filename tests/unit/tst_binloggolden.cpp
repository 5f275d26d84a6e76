// BinlogRowDecoder against events a real MariaDB logged: tests/data/binlog/<statement>.bin holds
// the TABLE_MAP and ROWS events of one INSERT, UPDATE or DELETE over a table of every column
// type, <statement>.json the rows as the server rendered them (SELECT before and after), with
// the Value type the decoder must give. Captured by tests/tools/capture_binlog_goldens.py.
#include "core/mysql/binlog/binlogrowdecoder.h"
#include "core/mysql/binlog/binlogtablemap.h"
#include "core/model/errors.h"
#include "tests/common/testsupport.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>

using namespace flowdeck;

namespace {

constexpr std::size_t kHeader = 19;
constexpr std::uint8_t kTableMap = 19;

struct Event
{
    std::uint8_t type = 0;
    std::vector<std::uint8_t> body; // without the header and the checksum
};

std::vector<std::uint8_t> readBytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Splits the captured events by the length in their headers.
std::vector<Event> splitEvents(const std::vector<std::uint8_t> &bytes, std::size_t checksumBytes)
{
    std::vector<Event> events;
    std::size_t pos = 0;
    while (pos + kHeader <= bytes.size()) {
        const std::uint32_t length = std::uint32_t(bytes[pos + 9]) | std::uint32_t(bytes[pos + 10]) << 8
            | std::uint32_t(bytes[pos + 11]) << 16 | std::uint32_t(bytes[pos + 12]) << 24;
        if (length < kHeader + checksumBytes || pos + length > bytes.size())
            break;
        Event e;
        e.type = bytes[pos + 4];
        e.body.assign(bytes.begin() + std::ptrdiff_t(pos + kHeader), bytes.begin() + std::ptrdiff_t(pos + length - checksumBytes));
        events.push_back(std::move(e));
        pos += length;
    }
    return events;
}

std::string hex(const std::string &bytes)
{
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

/// Empty when `actual` is what the server showed (`expected`: null, or {"type", "value"}),
/// else what differs.
std::string mismatch(const Value &actual, const nlohmann::json &expected)
{
    if (expected.is_null())
        return actual.isNull() ? std::string() : "expected NULL, got " + actual.toString();
    const std::string type = expected.at("type").get<std::string>();
    const std::string want = expected.at("value").get<std::string>();
    std::string got;
    bool typeOk = false;
    switch (actual.type()) {
    case ValueType::Int: typeOk = type == "int"; got = std::to_string(actual.asInt()); break;
    case ValueType::UInt: typeOk = type == "uint"; got = std::to_string(actual.asUInt()); break;
    case ValueType::Decimal: typeOk = type == "decimal"; got = actual.str(); break;
    case ValueType::Text: typeOk = type == "text"; got = actual.str(); break;
    case ValueType::Bytes: typeOk = type == "bytes"; got = hex(actual.str()); break;
    case ValueType::Date: typeOk = type == "date"; got = actual.str(); break;
    case ValueType::Time: typeOk = type == "time"; got = actual.str(); break;
    case ValueType::DateTime: typeOk = type == "datetime"; got = actual.str(); break;
    case ValueType::Double: {
        // The server prints FLOAT with 6 significant digits, DOUBLE round-trip.
        typeOk = type == "float" || type == "double";
        const double w = std::strtod(want.c_str(), nullptr);
        const double tolerance = type == "float" ? 1e-6 : 1e-15;
        if (typeOk && std::fabs(actual.asDouble() - w) <= tolerance * std::max(1.0, std::fabs(w)))
            return {};
        got = actual.toString();
        break;
    }
    default: got = actual.toString(); break;
    }
    if (!typeOk)
        return std::string("expected a ") + type + " value, got a " + valueTypeName(actual.type()) + " (" + got + ")";
    if (got != want)
        return "expected " + want + ", got " + got;
    return {};
}

/// Compares one row image with the server's, naming every column that differs.
QString compareImage(const std::vector<Value> &actual, const nlohmann::json &expected, const nlohmann::json &columns)
{
    if (actual.size() != expected.size())
        return QStringLiteral("%1 values, expected %2").arg(actual.size()).arg(expected.size());
    QString problems;
    for (std::size_t c = 0; c < actual.size(); ++c) {
        const std::string why = mismatch(actual[c], expected[c]);
        if (!why.empty())
            problems += QStringLiteral("column %1: %2\n").arg(QString::fromStdString(columns[c].get<std::string>()),
                                                              QString::fromStdString(why));
    }
    return problems;
}

} // namespace

class TestBinlogGolden : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decodesAsTheServerShows_data();
    void decodesAsTheServerShows();
    void truncatedEventIsAnError();
};

void TestBinlogGolden::decodesAsTheServerShows_data()
{
    QTest::addColumn<QString>("statement");
    QTest::newRow("insert") << "insert";
    QTest::newRow("update") << "update";
    QTest::newRow("delete") << "delete";
}

void TestBinlogGolden::decodesAsTheServerShows()
{
    QFETCH(QString, statement);
    const std::string base = test::dataPath("binlog/" + statement.toStdString());
    std::ifstream jsonFile(base + ".json");
    QVERIFY2(jsonFile, (base + ".json").c_str());
    const nlohmann::json expected = nlohmann::json::parse(jsonFile);
    const std::vector<Event> events = splitEvents(readBytes(base + ".bin"), expected.at("checksumBytes").get<std::size_t>());
    QVERIFY(events.size() >= 2);
    QCOMPARE(int(events.front().type), int(kTableMap));

    const BinlogTableMap map = BinlogTableMap::parse(events.front().body.data(), events.front().body.size());
    QCOMPARE(map.database, std::string("golden"));
    QCOMPARE(map.table, std::string("all_types"));
    const nlohmann::json &columns = expected.at("columns");
    QCOMPARE(map.columns.size(), columns.size());
    for (std::size_t c = 0; c < map.columns.size(); ++c)
        QCOMPARE(map.columns[c].name, columns[c].get<std::string>());

    std::vector<BinlogRowChange> changes;
    for (std::size_t k = 1; k < events.size(); ++k)
        BinlogRowDecoder::decode(map, events[k].type, events[k].body.data(), events[k].body.size(), changes);
    const nlohmann::json &rows = expected.at("rows");
    QCOMPARE(changes.size(), rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const nlohmann::json &row = rows[r];
        QCOMPARE(changes[r].before.empty(), !row.contains("before"));
        QCOMPARE(changes[r].after.empty(), !row.contains("after"));
        if (row.contains("before")) {
            const QString problems = compareImage(changes[r].before, row["before"], columns);
            QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("row %1 before:\n").arg(r + 1) + problems));
        }
        if (row.contains("after")) {
            const QString problems = compareImage(changes[r].after, row["after"], columns);
            QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("row %1 after:\n").arg(r + 1) + problems));
        }
    }
}

void TestBinlogGolden::truncatedEventIsAnError()
{
    const std::string base = test::dataPath("binlog/insert");
    std::ifstream jsonFile(base + ".json");
    const std::size_t checksumBytes = nlohmann::json::parse(jsonFile).at("checksumBytes").get<std::size_t>();
    const std::vector<Event> events = splitEvents(readBytes(base + ".bin"), checksumBytes);
    QVERIFY(events.size() >= 2);
    const BinlogTableMap map = BinlogTableMap::parse(events[0].body.data(), events[0].body.size());
    const Event &rowsEvent = events[1];
    std::vector<BinlogRowChange> changes;
    QVERIFY_THROWS_EXCEPTION(Error, BinlogRowDecoder::decode(map, rowsEvent.type, rowsEvent.body.data(),
                                                             rowsEvent.body.size() - 7, changes));
}

QTEST_GUILESS_MAIN(TestBinlogGolden)
#include "tst_binloggolden.moc"
