// The topic browser and `flowdeck tail` on the embedded broker: messages written by a Flowdeck
// flow, by a plain producer (canal-json and Debezium change events, headers, a tombstone) and
// by kcat when it is installed, shown with their partition, offset and key.
#include "tests/common/kafkatestsupport.h"
#include "tests/common/testsupport.h"

#include "core/kafka/embeddedbroker.h"
#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "core/kafka/kafkaconfig.h"
#include "widgets/topicbrowser/topicbrowser.h"
#include "widgets/topicbrowser/topicmessagemodel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <set>

using namespace flowdeck;

namespace {

std::string readFile(const std::string &path)
{
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

/// Produces one message with a plain librdkafka producer; `value` nullopt: a tombstone.
void produce(const std::string &topic, int partition, const std::string &key, const std::optional<std::string> &value,
             const std::vector<std::pair<std::string, std::string>> &headers = {})
{
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    setKafkaProperty(conf.get(), "bootstrap.servers", EmbeddedBroker::shared().bootstraps());
    char error[512];
    RdKafkaPtr rk(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), error, sizeof error));
    QVERIFY2(rk, error);
    conf.release();
    rd_kafka_headers_t *hdrs = rd_kafka_headers_new(headers.size());
    for (const auto &[n, v] : headers)
        rd_kafka_header_add(hdrs, n.c_str(), -1, v.data(), ssize_t(v.size()));
    void *payload = value ? const_cast<char *>(value->data()) : nullptr;
    const std::size_t size = value ? value->size() : 0;
    const rd_kafka_resp_err_t err = rd_kafka_producev(
        rk.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(partition), RD_KAFKA_V_KEY(key.data(), key.size()),
        RD_KAFKA_V_VALUE(payload, size),
        RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
    if (err)
        rd_kafka_headers_destroy(hdrs);
    QCOMPARE(int(err), 0);
    QCOMPARE(int(rd_kafka_flush(rk.get(), 10000)), 0);
}

int shownRowOf(const TopicBrowser &b, const QString &key)
{
    for (int r = 0; r < b.shown()->rowCount(); ++r)
        if (b.shown()->index(r, TopicMessageModel::Key).data().toString() == key)
            return r;
    return -1;
}

} // namespace

class TestTopicBrowser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void showsFlowdeckMessages();
    void showsChangeEvents();
    void searchPauseExport();
    void showsKcatMessages();
    void tailCommand_data();
    void tailCommand();

private:
    QTemporaryDir m_dir;
};

void TestTopicBrowser::initTestCase()
{
    EmbeddedBroker::shared().createTopic("browse-flow", 3);
    EmbeddedBroker::shared().createTopic("browse-events", 2);
    // A Flowdeck flow writes 20 rows of a CSV file as JSON messages.
    const std::string csv = m_dir.filePath(QStringLiteral("rows.csv")).toStdString();
    std::ofstream out(csv);
    out << "id,name\n";
    for (int i = 1; i <= 20; ++i)
        out << i << ",name " << i << "\n";
    out.close();
    const nlohmann::json doc = {{"flowdeck", 1},
                                {"name", "browse-flow"},
                                {"source", {{"type", "file"}, {"path", csv}, {"format", "csv"}}},
                                {"destination", {{"type", "kafka"}, {"brokers", "embedded"}, {"protocol", "json"}, {"topic", "browse-flow"},
                                                 {"partition", "columns:id"}}}};
    EngineOptions options;
    options.stateDir = m_dir.filePath(QStringLiteral("state")).toStdString();
    Engine engine(flowFromJson(doc), options);
    const RunResult r = engine.run();
    QVERIFY2(r.status == RunStatus::Completed, r.error.c_str());
    QCOMPARE(r.counts.written, std::uint64_t(20));

    produce("browse-events", 0, "{\"id\":1}", readFile(test::dataPath("canal/update.json")), {{"origin", "test"}});
    produce("browse-events", 1, "{\"id\":2}", readFile(test::dataPath("debezium/update.json")));
    produce("browse-events", 1, "{\"id\":2}", std::nullopt);
    produce("browse-events", 0, "plain", std::string("not json at all"), {{"trace", "abc123"}});
}

void TestTopicBrowser::showsFlowdeckMessages()
{
    const auto expected = test::consumeAll(EmbeddedBroker::shared().bootstraps(), "browse-flow", 3);
    QCOMPARE(expected.size(), std::size_t(20));
    TopicBrowser b;
    QAbstractItemModelTester tester(b.model());
    b.setBrokers(QStringLiteral("embedded"));
    b.show();
    b.openTopic(QStringLiteral("browse-flow"), TopicStart::Beginning);
    QTRY_COMPARE_WITH_TIMEOUT(b.model()->rowCount(), 20, 15000);
    // Same (partition, key, value) as an independent consumer; offsets 0.. per partition.
    std::multiset<std::tuple<int, std::string, std::string>> want, got;
    for (const auto &m : expected)
        want.insert({m.partition, m.key, m.value});
    std::map<int, std::set<qlonglong>> offsets;
    for (int r = 0; r < b.model()->rowCount(); ++r) {
        const TopicMessage &m = b.model()->message(r);
        got.insert({m.partition, m.key.value_or(""), m.value.value_or("")});
        QCOMPARE(b.model()->index(r, TopicMessageModel::Partition).data().toInt(), m.partition);
        QCOMPARE(b.model()->index(r, TopicMessageModel::Offset).data().toLongLong(), qlonglong(m.offset));
        // File rows have no primary key: their messages have no key.
        QCOMPARE(b.model()->index(r, TopicMessageModel::Key).data().toString(),
                 m.key ? QString::fromStdString(*m.key) : QStringLiteral("(none)"));
        QVERIFY(!b.model()->index(r, TopicMessageModel::Timestamp).data().toString().isEmpty());
        offsets[m.partition].insert(m.offset);
    }
    QVERIFY(want == got);
    for (const auto &[p, set] : offsets)
        QCOMPARE(*set.rbegin(), qlonglong(set.size() - 1));
    QTRY_VERIFY(b.statusText().contains(QLatin1String("at the end")));
    b.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-topicbrowser.png"));
}

void TestTopicBrowser::showsChangeEvents()
{
    TopicBrowser b;
    b.setBrokers(QStringLiteral("embedded"));
    b.openTopic(QStringLiteral("browse-events"), TopicStart::Beginning);
    QTRY_COMPARE_WITH_TIMEOUT(b.model()->rowCount(), 4, 15000);
    const int canal = shownRowOf(b, QStringLiteral("{\"id\":1}"));
    QVERIFY(canal >= 0);
    QCOMPARE(b.shown()->index(canal, TopicMessageModel::Partition).data().toInt(), 0);
    QCOMPARE(b.shown()->index(canal, TopicMessageModel::Headers).data().toString(), QStringLiteral("origin=test"));
    b.selectRow(canal);
    QVERIFY2(b.detailText().contains(QLatin1String("UPDATE test.all_types (canal-json)")), qPrintable(b.detailText()));
    QVERIFY(b.detailText().contains(QLatin1String("Before")) && b.detailText().contains(QLatin1String("After")));
    // Debezium update, then its tombstone, on partition 1 at offsets 0 and 1.
    int debezium = -1, tombstone = -1;
    for (int r = 0; r < b.shown()->rowCount(); ++r)
        if (b.shown()->index(r, TopicMessageModel::Partition).data().toInt() == 1)
            (b.shown()->index(r, TopicMessageModel::Offset).data().toInt() == 0 ? debezium : tombstone) = r;
    QVERIFY(debezium >= 0 && tombstone >= 0);
    b.selectRow(debezium);
    QVERIFY2(b.detailText().contains(QLatin1String("(debezium-json)")) && b.detailText().contains(QLatin1String("UPDATE")),
             qPrintable(b.detailText()));
    QCOMPARE(b.shown()->index(tombstone, TopicMessageModel::Value).data().toString(), QStringLiteral("(tombstone)"));
    const int plain = shownRowOf(b, QStringLiteral("plain"));
    b.selectRow(plain);
    QVERIFY(b.detailText().contains(QLatin1String("not json at all")));
    b.resize(1100, 650);
    b.show();
    b.selectRow(canal);
    b.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-topicbrowser-events.png"));
}

void TestTopicBrowser::searchPauseExport()
{
    EmbeddedBroker::shared().createTopic("browse-live", 1);
    TopicBrowser b;
    b.setBrokers(QStringLiteral("embedded"));
    b.openTopic(QStringLiteral("browse-live"), TopicStart::End);
    QTRY_VERIFY_WITH_TIMEOUT(b.statusText().contains(QLatin1String("at the end")), 15000);
    produce("browse-live", 0, "a", std::string("{\"n\":1,\"city\":\"Osaka\"}"));
    produce("browse-live", 0, "b", std::string("{\"n\":2,\"city\":\"Lyon\"}"), {{"region", "eu"}});
    QTRY_COMPARE_WITH_TIMEOUT(b.model()->rowCount(), 2, 15000);

    b.setSearchText(QStringLiteral("osaka"));
    QCOMPARE(b.shown()->rowCount(), 1);
    b.setSearchText(QStringLiteral("EU")); // headers are searched too
    QCOMPARE(b.shown()->rowCount(), 1);
    QCOMPARE(b.shown()->index(0, TopicMessageModel::Key).data().toString(), QStringLiteral("b"));
    const QString path = QDir(m_dir.path()).filePath(QStringLiteral("export.jsonl"));
    QCOMPARE(b.exportShown(path), qint64(1));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    const nlohmann::json j = nlohmann::json::parse(lines.front().toStdString());
    QCOMPARE(j["key"].get<std::string>(), std::string("b"));
    QCOMPARE(j["value"]["city"].get<std::string>(), std::string("Lyon"));
    QCOMPARE(j["headers"]["region"].get<std::string>(), std::string("eu"));
    QCOMPARE(j["offset"].get<int>(), 1);
    b.setSearchText(QString());

    // Paused: nothing new is shown until it resumes.
    b.setPaused(true);
    QTest::qWait(300);
    produce("browse-live", 0, "c", std::string("{\"n\":3}"));
    QTest::qWait(1000);
    QCOMPARE(b.model()->rowCount(), 2);
    b.setPaused(false);
    QTRY_COMPARE_WITH_TIMEOUT(b.model()->rowCount(), 3, 15000);

    // Bounded: the table keeps the newest maxRows.
    b.model()->setMaxRows(2);
    produce("browse-live", 0, "d", std::string("{\"n\":4}"));
    QTRY_COMPARE_WITH_TIMEOUT(b.model()->received(), qint64(4), 15000);
    QCOMPARE(b.model()->rowCount(), 2);
    QCOMPARE(b.model()->message(1).key.value_or(""), std::string("d"));
}

void TestTopicBrowser::showsKcatMessages()
{
    const QString kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
    if (kcat.isEmpty())
        QSKIP("kcat is not installed (apt-get install kcat)");
    EmbeddedBroker::shared().createTopic("browse-kcat", 2);
    QProcess p;
    p.start(kcat, {QStringLiteral("-P"), QStringLiteral("-b"), QString::fromStdString(EmbeddedBroker::shared().bootstraps()),
                   QStringLiteral("-t"), QStringLiteral("browse-kcat"), QStringLiteral("-p"), QStringLiteral("1"),
                   QStringLiteral("-K"), QStringLiteral(":"), QStringLiteral("-H"), QStringLiteral("tool=kcat")});
    QVERIFY(p.waitForStarted());
    p.write("k1:{\"hello\":\"from kcat\"}\nk2:plain text\n");
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);

    TopicBrowser b;
    b.setBrokers(QString::fromStdString(EmbeddedBroker::shared().bootstraps())); // as a bootstrap list
    b.openTopic(QStringLiteral("browse-kcat"), TopicStart::Beginning);
    QTRY_COMPARE_WITH_TIMEOUT(b.model()->rowCount(), 2, 15000);
    const int r1 = shownRowOf(b, QStringLiteral("k1")), r2 = shownRowOf(b, QStringLiteral("k2"));
    QVERIFY(r1 >= 0 && r2 >= 0);
    QCOMPARE(b.shown()->index(r1, TopicMessageModel::Partition).data().toInt(), 1);
    QCOMPARE(b.shown()->index(r1, TopicMessageModel::Offset).data().toInt(), 0);
    QCOMPARE(b.shown()->index(r2, TopicMessageModel::Offset).data().toInt(), 1);
    QCOMPARE(b.shown()->index(r1, TopicMessageModel::Headers).data().toString(), QStringLiteral("tool=kcat"));
    b.selectRow(r1);
    QVERIFY(b.detailText().contains(QLatin1String("\"hello\": \"from kcat\"")));
}

void TestTopicBrowser::tailCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("lines");
    QTest::newRow("from beginning, -n 3") << QStringList{QStringLiteral("--from-beginning"), QStringLiteral("-n"), QStringLiteral("3")} << 3;
    QTest::newRow("from beginning to the end") << QStringList{QStringLiteral("--from-beginning"), QStringLiteral("--exit-at-end")} << 4;
    QTest::newRow("from offset 1 to the end") << QStringList{QStringLiteral("--offset"), QStringLiteral("1"), QStringLiteral("-e")} << 2;
}

void TestTopicBrowser::tailCommand()
{
    QFETCH(QStringList, args);
    QFETCH(int, lines);
    QProcess p;
    p.start(test::flowdeckBinary(), QStringList{QStringLiteral("tail"), QStringLiteral("browse-events"), QStringLiteral("--brokers"),
                                                QString::fromStdString(EmbeddedBroker::shared().bootstraps())}
                                        + args);
    QVERIFY(p.waitForFinished(30000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const QList<QByteArray> out = p.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(out.size(), lines);
    for (const QByteArray &line : out) {
        const nlohmann::json j = nlohmann::json::parse(line.toStdString());
        QCOMPARE(j["topic"].get<std::string>(), std::string("browse-events"));
        for (const char *key : {"partition", "offset", "timestamp", "key", "headers", "value"})
            QVERIFY2(j.contains(key), key);
        const std::string key = j["key"].get<std::string>();
        if (key == "plain") {
            QCOMPARE(j["value"].get<std::string>(), std::string("not json at all"));
            QCOMPARE(j["headers"]["trace"].get<std::string>(), std::string("abc123"));
        } else if (j["partition"] == 1 && j["offset"] == 1) {
            QVERIFY(j["value"].is_null()); // the tombstone
        } else {
            QVERIFY(j["value"].is_object()); // canal-json / Debezium, as JSON
        }
    }
}

QTEST_MAIN(TestTopicBrowser)
#include "tst_topicbrowser.moc"
