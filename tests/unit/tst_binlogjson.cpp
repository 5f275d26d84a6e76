// MySQL's binary JSON (binlog column type 245) to text, from byte vectors built from MySQL's
// format description (tests/data/mysql-json/make_vectors.py): Debian has no MySQL server to
// capture real events from; MariaDB logs JSON as LONGTEXT.
#include "tests/common/testsupport.h"

#include "core/mysql/binlog/binlogjson.h"
#include "core/mysql/binlog/binlogrowdecoder.h"
#include "core/mysql/binlog/binlogtablemap.h"
#include "core/model/errors.h"

#include <QFile>
#include <QTest>

using namespace flowdeck;

class TestBinlogJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void vectors_data();
    void vectors();
    void binlogColumn();
};

void TestBinlogJson::vectors_data()
{
    QTest::addColumn<QByteArray>("binary");
    QTest::addColumn<QString>("expected");
    QFile f(QString::fromStdString(test::dataPath("mysql-json/vectors.txt")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    int rows = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().chopped(1);
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> parts = line.split('\t');
        QCOMPARE(parts.size(), 3);
        QTest::newRow(parts[0].constData()) << QByteArray::fromHex(parts[1]) << QString::fromUtf8(parts[2]);
        ++rows;
    }
    QVERIFY(rows >= 20);
}

void TestBinlogJson::vectors()
{
    QFETCH(QByteArray, binary);
    QFETCH(QString, expected);
    std::string text, error;
    const bool ok = mysqlBinaryJsonToText({binary.constData(), std::size_t(binary.size())}, text, error);
    if (expected == QLatin1String("!")) {
        QVERIFY2(!ok, text.c_str());
        QVERIFY(error.starts_with("MySQL binary JSON: "));
        return;
    }
    QVERIFY2(ok, error.c_str());
    QCOMPARE(QString::fromStdString(text), expected);
}

// The row decoder takes a JSON column's value (4-byte length, then the binary) as text; a
// malformed one fails the event with the reason.
void TestBinlogJson::binlogColumn()
{
    BinlogColumn column;
    column.type = binlogtype::Json;
    column.meta = 4;
    const QByteArray doc = QByteArray::fromHex("00020023001200010013000100050100021400616203000f000401000400000c0d000178");
    QByteArray bytes(4, '\0');
    bytes[0] = char(doc.size());
    bytes += doc;
    BinlogCursor c(reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size()), "ROWS");
    const Value v = BinlogRowDecoder::decodeValue(column, c);
    QCOMPARE(v.type(), ValueType::Text);
    QCOMPARE(QString::fromStdString(v.str()), QStringLiteral("{\"a\": 1, \"b\": [true, null, \"x\"]}"));
    QCOMPARE(c.remaining(), std::size_t(0));

    QByteArray bad(4, '\0');
    bad[0] = 3;
    bad += QByteArray::fromHex("0d0102");
    BinlogCursor b(reinterpret_cast<const std::uint8_t *>(bad.constData()), std::size_t(bad.size()), "ROWS");
    QVERIFY_THROWS_EXCEPTION(Error, BinlogRowDecoder::decodeValue(column, b));
}

QTEST_GUILESS_MAIN(TestBinlogJson)
#include "tst_binlogjson.moc"
