#include "core/codec/jsonview.h"

#include <QTest>

using namespace flowdeck;

class TestJsonView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void values();
    void strings_data();
    void strings();
    void errors_data();
    void errors();
    void reuse();
};

void TestJsonView::values()
{
    JsonView j;
    std::string error;
    const std::string text = R"( {"a": 1, "b": [true, false, null, -2.5e3], "c": {}, "d": [], "e": "x"} )";
    QVERIFY2(j.parse(text, error), error.c_str());
    const auto &root = j.root();
    QCOMPARE(root.type, JsonView::Type::Object);
    QCOMPARE(root.count, 5u);
    QCOMPARE(j.find(root, "a")->text, std::string_view("1"));
    const auto *b = j.find(root, "b");
    QCOMPARE(b->count, 4u);
    QCOMPARE(j.at(*b, 0)->boolean, true);
    QCOMPARE(j.at(*b, 1)->type, JsonView::Type::Bool);
    QCOMPARE(j.at(*b, 2)->type, JsonView::Type::Null);
    QCOMPARE(j.at(*b, 3)->text, std::string_view("-2.5e3"));
    QVERIFY(j.at(*b, 4) == nullptr);
    QCOMPARE(j.find(root, "c")->count, 0u);
    QCOMPARE(j.find(root, "d")->type, JsonView::Type::Array);
    QVERIFY(j.find(root, "zz") == nullptr);
    // Members keep their order.
    std::string keys;
    for (const auto *m = j.child(root); m; m = j.sibling(*m))
        keys += m->key;
    QCOMPARE(keys, std::string("abcde"));
}

void TestJsonView::strings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QByteArray(R"("abc")") << QByteArray("abc");
    QTest::newRow("escapes") << QByteArray(R"("q\"b\\s\/n\nr\rt\tb\bf\f")") << QByteArray("q\"b\\s/n\nr\rt\tb\bf\f");
    QTest::newRow("ticdc html") << QByteArray(R"("\u003cok\u003e \u0026")") << QByteArray("<ok> &");
    QTest::newRow("latin1 bytes") << QByteArray(R"("\u0000\u00ff")") << QByteArray("\x00\xC3\xBF", 3);
    QTest::newRow("surrogate pair") << QByteArray(R"("\ud83d\ude00")") << QByteArray("\xF0\x9F\x98\x80");
    QTest::newRow("lone surrogate") << QByteArray(R"("\ud83d.")") << QByteArray("\xEF\xBF\xBD.");
    QTest::newRow("utf-8 as is") << QByteArray("\"\xC3\xBC\"") << QByteArray("\xC3\xBC");
}

void TestJsonView::strings()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, expected);
    JsonView j;
    std::string error;
    const std::string input = json.toStdString(); // views point into it
    QVERIFY2(j.parse(input, error), error.c_str());
    QCOMPARE(j.root().type, JsonView::Type::String);
    QCOMPARE(QByteArray(j.root().text.data(), qsizetype(j.root().text.size())), expected);
}

void TestJsonView::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("empty") << QByteArray("") << QByteArray("unexpected end of the text");
    QTest::newRow("truncated object") << QByteArray(R"({"a":)") << QByteArray("unexpected end of the text");
    QTest::newRow("missing colon") << QByteArray(R"({"a" 1})") << QByteArray("expected ':' at byte 5");
    QTest::newRow("trailing text") << QByteArray("1 2") << QByteArray("unexpected text after the JSON value at byte 2");
    QTest::newRow("bad literal") << QByteArray("nul") << QByteArray("invalid literal at byte 0");
    QTest::newRow("bad escape") << QByteArray(R"("\x")") << QByteArray("invalid escape \\x at byte 1");
    QTest::newRow("control char") << QByteArray("\"a\nb\"") << QByteArray("control character in a string at byte 2");
    QTest::newRow("unterminated") << QByteArray(R"("ab)") << QByteArray("unterminated string starting at byte 0");
    QTest::newRow("missing comma") << QByteArray("[1 2]") << QByteArray("expected ',' or ']' at byte 3");
    QTest::newRow("too deep") << QByteArray(100, '[') << QByteArray("nested too deeply");
}

void TestJsonView::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, error);
    JsonView j;
    std::string message;
    QVERIFY(!j.parse(json.toStdString(), message));
    QCOMPARE(QByteArray::fromStdString(message), error);
}

void TestJsonView::reuse()
{
    // One view parses message after message; earlier results are replaced, not mixed in.
    JsonView j;
    std::string error;
    QVERIFY(j.parse(R"({"a":"\u0041","b":[1,2,3]})", error));
    QVERIFY(j.parse(R"({"c":"\u0043"})", error));
    QCOMPARE(j.root().count, 1u);
    QCOMPARE(j.find(j.root(), "c")->text, std::string_view("C"));
    QVERIFY(j.find(j.root(), "a") == nullptr);
}

QTEST_GUILESS_MAIN(TestJsonView)
#include "tst_jsonview.moc"
