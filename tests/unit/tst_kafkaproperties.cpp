// Kafka `properties` a flow may not set: those that run commands or load code (unless the endpoint
// says "allowUnsafeProperties": true) and those Flowdeck's delivery guarantees depend on (never).
// Checked by `validate` (flowFromJson) and again when the endpoint is built (KafkaConfig,
// KafkaSource), so a flow that skipped validation cannot get them through either.
#include "core/flow/flow.h"
#include "core/kafka/kafkaconfig.h"
#include "core/kafka/kafkasource.h"
#include "core/model/errors.h"

#include <QTest>

using namespace flowdeck;
using nlohmann::json;

namespace {

json kafkaSource(const json &properties, bool allowUnsafe)
{
    json s = {{"type", "kafka"}, {"brokers", "127.0.0.1:9"}, {"topic", "t"}, {"properties", properties}};
    if (allowUnsafe)
        s["allowUnsafeProperties"] = true;
    return s;
}

json kafkaDestination(const json &properties, bool allowUnsafe)
{
    json d = kafkaSource(properties, allowUnsafe);
    d["protocol"] = "canal-json";
    return d;
}

json flowWith(const std::string &role, const json &endpoint)
{
    json flow = {{"flowdeck", 1}, {"name", "props"}};
    flow["source"] = role == "source" ? endpoint : json{{"type", "file"}, {"path", "in.csv"}};
    flow["destination"] = role == "destination" ? endpoint
                                                : json{{"type", "file"}, {"path", "out.jsonl"}};
    return flow;
}

QStringList problemsOf(const json &flow)
{
    try {
        flowFromJson(flow, [](const std::string &) -> std::optional<std::string> { return std::nullopt; });
    } catch (const FlowError &e) {
        QStringList out;
        for (const auto &p : e.problems())
            out << QString::fromStdString(p.toString());
        return out;
    }
    return {};
}

} // namespace

class TestKafkaProperties : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void policy_data();
    void validate_data() { policy_data(); }
    void validate();
    void runtime_data() { policy_data(); }
    void runtime();
};

void TestKafkaProperties::policy_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("allowUnsafe");
    QTest::addColumn<QString>("problem"); // "" = accepted

    const QString unsafe = QStringLiteral("runs a command or loads code into Flowdeck: refused unless the endpoint says \"allowUnsafeProperties\": true");
    const QString fixed = QStringLiteral("is set by Flowdeck (its delivery guarantees depend on it) and cannot be overridden");
    for (const char *role : {"source", "destination"}) {
        auto row = [&](const char *key, const char *value, bool allow, const QString &problem) {
            QTest::addRow("%s %s%s", role, key, allow ? " (allowUnsafeProperties)" : "")
                << QString::fromLatin1(role) << QString::fromLatin1(key) << QString::fromLatin1(value) << allow << problem;
        };
        row("sasl.kerberos.kinit.cmd", "touch /tmp/pwned", false, unsafe);
        row("sasl.kerberos.kinit.cmd", "kinit -R", true, {});
        row("sasl.kerberos.principal", "x; touch /tmp/pwned", false, unsafe);
        row("plugin.library.paths", "/tmp/evil.so", false, unsafe);
        row("ssl.engine.location", "/tmp/engine.so", false, unsafe);
        row("ssl.providers", "legacy", false, unsafe);
        row("bootstrap.servers", "evil:9092", false, fixed + QStringLiteral(" (use the endpoint's \"brokers\")"));
        row("bootstrap.servers", "evil:9092", true, fixed + QStringLiteral(" (use the endpoint's \"brokers\")"));
        row("linger.ms", "20", false, {});
        row("security.protocol", "SASL_SSL", false, {});
    }
    auto row = [&](const char *role, const char *key, const char *value, const QString &problem) {
        QTest::addRow("%s %s", role, key) << QString::fromLatin1(role) << QString::fromLatin1(key)
                                          << QString::fromLatin1(value) << false << problem;
    };
    row("destination", "acks", "1", fixed);
    row("destination", "request.required.acks", "0", fixed);
    row("destination", "enable.idempotence", "false", fixed);
    row("destination", "partitioner", "random", fixed);
    row("destination", "transactional.id", "x", fixed);
    row("source", "group.id", "someone-else", fixed + QStringLiteral(" (use the source's \"group\")"));
    row("source", "enable.auto.commit", "true", fixed);
    row("source", "auto.commit.enable", "true", fixed);
    row("source", "enable.auto.offset.store", "true", fixed);
    row("source", "auto.offset.reset", "latest", fixed + QStringLiteral(" (use the source's \"startFrom\")"));
    row("source", "isolation.level", "read_uncommitted", fixed);
    row("source", "enable.partition.eof", "false", fixed);
    row("source", "fetch.max.bytes", "1048576", {});
    // A producer setting in a consumer (and back) is librdkafka's business, not a guarantee.
    row("source", "acks", "1", {});
}

void TestKafkaProperties::validate()
{
    QFETCH(QString, role);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, allowUnsafe);
    QFETCH(QString, problem);
    const json properties = {{key.toStdString(), value.toStdString()}};
    const json endpoint = role == u"source" ? kafkaSource(properties, allowUnsafe) : kafkaDestination(properties, allowUnsafe);
    const QStringList problems = problemsOf(flowWith(role.toStdString(), endpoint));
    if (problem.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    } else {
        QCOMPARE(problems, QStringList{role + QStringLiteral(".properties.") + key + QStringLiteral(": '") + key
                                       + QStringLiteral("' ") + problem});
    }
}

void TestKafkaProperties::runtime()
{
    QFETCH(QString, role);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, allowUnsafe);
    QFETCH(QString, problem);
    const json properties = {{key.toStdString(), value.toStdString()}};
    try {
        if (role == u"source") {
            KafkaSource source(kafkaSource(properties, allowUnsafe), "flowdeck-props");
        } else {
            const KafkaConfig config = KafkaConfig::fromJson(kafkaDestination(properties, allowUnsafe));
            QVERIFY(config.makeConf("127.0.0.1:9", {{"acks", "all"}, {"enable.idempotence", "true"}}));
        }
    } catch (const ConfigError &e) {
        QVERIFY2(!problem.isEmpty(), e.what());
        QCOMPARE(QString::fromUtf8(e.what()), role + QStringLiteral(".properties.") + key + QStringLiteral(": '") + key
                                                  + QStringLiteral("' ") + problem);
        return;
    }
    QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("accepted, expected: ") + problem));
}

QTEST_GUILESS_MAIN(TestKafkaProperties)
#include "tst_kafkaproperties.moc"
