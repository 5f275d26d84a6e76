// flowdeck export (core/export/): every flow of resources/examples and tests/data/export/flows
// against every target. A flow a target expresses must give exactly its golden file
// (tests/data/export/<flow>.<target>.<ext>); one it cannot must give exactly the golden problem
// list (<flow>.<target>.problems). Outputs are then checked structurally against the keys each
// target documents. FLOWDECK_UPDATE_GOLDEN=1 rewrites the golden files (review the diff).
#include "tests/common/testsupport.h"
#include "core/export/exporter.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace flowdeck;

namespace {

const QString kGoldenDir = QStringLiteral(FLOWDECK_TEST_DATA_DIR "/export");

/// No variable set: references keep their defaults when expanded, and the goldens do not
/// depend on the machine.
EnvLookup emptyEnvironment()
{
    return [](const std::string &) -> std::optional<std::string> { return std::nullopt; };
}

QStringList flowFiles()
{
    QStringList files;
    for (const QString &dir : QStringList{QStringLiteral(FLOWDECK_SOURCE_DIR "/resources/examples"), kGoldenDir + QStringLiteral("/flows")}) {
        QDirIterator it(dir, {QStringLiteral("*.flow.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    }
    files.sort();
    return files;
}

QString extensionOf(ExportTarget t)
{
    switch (t) {
    case ExportTarget::KafkaConnectJdbc:
    case ExportTarget::DebeziumMysql:
        return QStringLiteral("json");
    case ExportTarget::FlinkSql:
        return QStringLiteral("sql");
    case ExportTarget::Ticdc:
        return QStringLiteral("toml");
    }
    return {};
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

void writeText(const QString &path, const QString &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.toUtf8());
}

QString problemText(const std::vector<FlowProblem> &problems)
{
    QString s;
    for (const FlowProblem &p : problems)
        s += QString::fromStdString(p.toString()) + QLatin1Char('\n');
    return s;
}

ExportResult exported(const QString &flowPath, ExportTarget target)
{
    return exportFlow(loadFlow(flowPath.toStdString(), emptyEnvironment()), target);
}

QSet<QString> setOf(std::initializer_list<const char *> keys)
{
    QSet<QString> s;
    for (const char *k : keys)
        s.insert(QString::fromLatin1(k));
    return s;
}

// Kafka Connect's own connector keys (sink and source), from the Kafka documentation.
const QSet<QString> kConnectKeys = setOf({"connector.class", "tasks.max", "topics", "topics.regex", "key.converter",
                                          "value.converter", "header.converter", "transforms", "predicates",
                                          "errors.tolerance", "errors.deadletterqueue.topic.name", "errors.log.enable",
                                          "topic.creation.default.partitions", "topic.creation.default.replication.factor"});
// JdbcSinkConfig (confluentinc/kafka-connect-jdbc).
const QSet<QString> kJdbcSinkKeys = setOf({"connection.url", "connection.user", "connection.password", "connection.attempts",
                                           "connection.backoff.ms", "insert.mode", "batch.size", "delete.enabled",
                                           "table.name.format", "pk.mode", "pk.fields", "fields.whitelist", "db.timezone",
                                           "auto.create", "auto.evolve", "max.retries", "retry.backoff.ms",
                                           "quote.sql.identifiers", "dialect.name", "table.types"});
// Debezium MySQL connector properties.
const QSet<QString> kDebeziumKeys = setOf({"database.hostname", "database.port", "database.user", "database.password",
                                           "database.server.id", "topic.prefix", "database.include.list",
                                           "database.exclude.list", "table.include.list", "table.exclude.list",
                                           "column.include.list", "column.exclude.list", "snapshot.mode",
                                           "snapshot.fetch.size", "snapshot.locking.mode", "tombstones.on.delete",
                                           "decimal.handling.mode", "time.precision.mode", "include.schema.changes",
                                           "database.ssl.mode", "schema.history.internal.kafka.bootstrap.servers",
                                           "schema.history.internal.kafka.topic", "event.processing.failure.handling.mode"});
// Single Message Transforms and their keys.
const QHash<QString, QSet<QString>> kTransformKeys = {
    {QStringLiteral("org.apache.kafka.connect.transforms.RegexRouter"), setOf({"regex", "replacement"})},
    {QStringLiteral("org.apache.kafka.connect.transforms.ReplaceField$Value"), setOf({"include", "exclude", "renames"})},
    {QStringLiteral("io.debezium.transforms.ExtractNewRecordState"),
     setOf({"delete.tombstone.handling.mode", "add.fields", "add.headers", "route.by.field"})},
};

// Checks a Kafka Connect connector document: {"name", "config"} with string values, every key
// documented by Connect, the connector (`own`) or its transforms.
void checkConnectorConfig(const QString &text, const QSet<QString> &own, const QStringList &required)
{
    const nlohmann::json doc = nlohmann::json::parse(text.toStdString());
    QVERIFY(doc.contains("name") && doc["name"].is_string());
    const nlohmann::json &config = doc["config"];
    QVERIFY(config.is_object());
    for (const QString &key : required)
        QVERIFY2(config.contains(key.toStdString()), qPrintable(QStringLiteral("missing ") + key));
    for (auto it = config.begin(); it != config.end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        QVERIFY2(it.value().is_string(), qPrintable(key + QStringLiteral(" is not a string")));
        static const QRegularExpression transformKey(QStringLiteral("^transforms\\.([^.]+)\\.(.+)$"));
        static const QRegularExpression converterKey(QStringLiteral("^(key|value)\\.converter\\.schemas\\.enable$"));
        static const QRegularExpression overrideKey(QStringLiteral("^(producer|consumer)\\.override\\."));
        if (const auto m = transformKey.match(key); m.hasMatch()) {
            const std::string alias = m.captured(1).toStdString();
            QVERIFY2(QString::fromStdString(config.value("transforms", std::string())).split(QLatin1Char(',')).contains(m.captured(1)),
                     qPrintable(key + QStringLiteral(": transform not listed in 'transforms'")));
            const QString type = QString::fromStdString(config.value("transforms." + alias + ".type", std::string()));
            QVERIFY2(kTransformKeys.contains(type), qPrintable(key + QStringLiteral(": unknown transform type ") + type));
            QVERIFY2(m.captured(2) == QLatin1String("type") || kTransformKeys[type].contains(m.captured(2)),
                     qPrintable(key + QStringLiteral(" is not a key of ") + type));
            continue;
        }
        QVERIFY2(kConnectKeys.contains(key) || own.contains(key) || converterKey.match(key).hasMatch()
                     || overrideKey.match(key).hasMatch(),
                 qPrintable(key + QStringLiteral(" is not a documented key")));
    }
    // Secrets are references, never values.
    for (const char *secret : {"connection.password", "database.password"})
        if (config.contains(secret))
            QVERIFY2(QString::fromStdString(config[secret].get<std::string>()).startsWith(QLatin1String("${env:")),
                     secret);
}

// Checks the WITH options of the Flink SQL tables against the Kafka and JDBC connectors' options.
void checkFlinkSql(const QString &sql)
{
    static const QSet<QString> kafka = setOf({"connector", "topic", "topic-pattern", "properties.bootstrap.servers",
                                              "properties.group.id", "format", "scan.startup.mode",
                                              "scan.startup.specific-offsets", "scan.startup.timestamp-millis",
                                              "scan.topic-partition-discovery.interval", "key.format", "key.fields",
                                              "value.format"});
    static const QSet<QString> jdbc = setOf({"connector", "url", "table-name", "driver", "username", "password",
                                             "sink.buffer-flush.max-rows", "sink.buffer-flush.interval",
                                             "sink.max-retries", "sink.parallelism"});
    QCOMPARE(sql.count(QStringLiteral("CREATE TABLE ")), 2);
    QCOMPARE(sql.count(QStringLiteral("INSERT INTO ")), 1);
    static const QRegularExpression withBlock(QStringLiteral("WITH \\((.*?)\\n\\);"), QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression optionLine(QStringLiteral("^\\s*'([^']+)' = '((?:[^']|'')*)',?$"));
    int tables = 0;
    for (auto blocks = withBlock.globalMatch(sql); blocks.hasNext(); ++tables) {
        const QStringList lines = blocks.next().captured(1).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QMap<QString, QString> options;
        for (const QString &line : lines) {
            const auto m = optionLine.match(line);
            QVERIFY2(m.hasMatch(), qPrintable(QStringLiteral("not an option: ") + line));
            options.insert(m.captured(1), m.captured(2));
        }
        const QString connector = options.value(QStringLiteral("connector"));
        QVERIFY2(connector == QLatin1String("kafka") || connector == QLatin1String("jdbc"), qPrintable(connector));
        for (auto it = options.cbegin(); it != options.cend(); ++it) {
            const bool known = (connector == QLatin1String("kafka") ? kafka : jdbc).contains(it.key())
                               || (connector == QLatin1String("kafka") && it.key().startsWith(QLatin1String("properties.")));
            QVERIFY2(known, qPrintable(it.key() + QStringLiteral(" is not an option of the ") + connector + QStringLiteral(" connector")));
        }
        if (connector == QLatin1String("kafka"))
            QVERIFY(QSet<QString>({QStringLiteral("canal-json"), QStringLiteral("debezium-json"), QStringLiteral("json")})
                        .contains(options.value(QStringLiteral("format"))));
        else
            QVERIFY2(options.value(QStringLiteral("password")).startsWith(QLatin1String("${")), "the password is a reference");
    }
    QCOMPARE(tables, 2);
}

// Checks the changefeed TOML: its sections and keys, the dispatchers' keys and values, the sink URI.
void checkTicdc(const QString &toml)
{
    static const QHash<QString, QSet<QString>> sections = {
        {QStringLiteral("filter"), setOf({"rules", "ignore-txn-start-ts", "event-filters"})},
        {QStringLiteral("sink"), setOf({"protocol", "dispatchers", "column-selectors", "schema-registry",
                                        "encoder-concurrency", "terminator", "date-separator", "enable-partition-separator"})},
    };
    static const QSet<QString> dispatcherKeys = setOf({"matcher", "topic", "partition", "columns", "index"});
    static const QSet<QString> partitions = setOf({"default", "index-value", "table", "ts", "columns"});
    QString section;
    for (const QString &line : toml.split(QLatin1Char('\n'))) {
        const QString l = line.trimmed();
        if (l.isEmpty() || l.startsWith(QLatin1Char('#')) || l == QLatin1String("]"))
            continue;
        if (l.startsWith(QLatin1Char('[')) && l.endsWith(QLatin1Char(']'))) {
            section = l.mid(1, l.size() - 2);
            QVERIFY2(sections.contains(section), qPrintable(QStringLiteral("unknown section ") + section));
            continue;
        }
        if (l.startsWith(QLatin1Char('{'))) { // a dispatcher
            static const QRegularExpression pair(QStringLiteral("([a-z-]+) = (\\[[^\\]]*\\]|\"[^\"]*\")"));
            for (auto it = pair.globalMatch(l); it.hasNext();) {
                const auto m = it.next();
                QVERIFY2(dispatcherKeys.contains(m.captured(1)), qPrintable(m.captured(1)));
                if (m.captured(1) == QLatin1String("partition"))
                    QVERIFY2(partitions.contains(m.captured(2).mid(1, m.captured(2).size() - 2)), qPrintable(m.captured(2)));
            }
            continue;
        }
        const QString key = l.section(QLatin1Char('='), 0, 0).trimmed();
        QVERIFY2(sections.value(section).contains(key), qPrintable(section + QLatin1Char('.') + key));
    }
    static const QRegularExpression uri(QStringLiteral("--sink-uri=\"kafka://[^/]+/[A-Za-z0-9-]+\\?protocol=(canal-json|debezium)[&a-z=0-9-]*\""));
    QVERIFY2(uri.match(toml).hasMatch(), "the create command's sink URI");
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void golden_data()
    {
        QTest::addColumn<QString>("flowPath");
        QTest::addColumn<int>("target");
        for (const QString &path : flowFiles())
            for (ExportTarget t : exportTargets())
                QTest::newRow(qPrintable(QFileInfo(path).fileName().chopped(int(qstrlen(".flow.json"))) + QLatin1Char(' ')
                                         + QString::fromStdString(exportTargetName(t))))
                    << path << int(t);
    }

    void golden()
    {
        QFETCH(QString, flowPath);
        QFETCH(int, target);
        const auto t = ExportTarget(target);
        const ExportResult result = exported(flowPath, t);
        const QString base = kGoldenDir + QLatin1Char('/') + QFileInfo(flowPath).fileName().chopped(int(qstrlen(".flow.json")))
                             + QLatin1Char('.') + QString::fromStdString(exportTargetName(t));
        const QString outputFile = base + QLatin1Char('.') + extensionOf(t);
        const QString problemsFile = base + QStringLiteral(".problems");
        if (qEnvironmentVariableIntValue("FLOWDECK_UPDATE_GOLDEN")) {
            QFile::remove(outputFile);
            QFile::remove(problemsFile);
            if (result.problems.empty())
                writeText(outputFile, QString::fromStdString(result.text));
            else
                writeText(problemsFile, problemText(result.problems));
        }
        if (result.problems.empty()) {
            QVERIFY2(!QFile::exists(problemsFile), qPrintable(problemsFile + QStringLiteral(" expects problems")));
            QCOMPARE(QString::fromStdString(result.text), readText(outputFile));
        } else {
            QVERIFY2(!QFile::exists(outputFile), qPrintable(QStringLiteral("expected a clean export:\n") + problemText(result.problems)));
            QCOMPARE(problemText(result.problems), readText(problemsFile));
        }
    }

    // Every target expresses at least one flow of the suite, and its output has the documented shape.
    void documentedKeys_data()
    {
        QTest::addColumn<int>("target");
        for (ExportTarget t : exportTargets())
            QTest::newRow(exportTargetName(t).c_str()) << int(t);
    }

    void documentedKeys()
    {
        QFETCH(int, target);
        const auto t = ExportTarget(target);
        int clean = 0;
        for (const QString &path : flowFiles()) {
            const ExportResult result = exported(path, t);
            if (!result.problems.empty())
                continue;
            ++clean;
            const QString text = QString::fromStdString(result.text);
            switch (t) {
            case ExportTarget::KafkaConnectJdbc:
                checkConnectorConfig(text, kJdbcSinkKeys, {QStringLiteral("connection.url"), QStringLiteral("insert.mode"),
                                                           QStringLiteral("pk.mode"), QStringLiteral("delete.enabled"),
                                                           QStringLiteral("table.name.format")});
                break;
            case ExportTarget::DebeziumMysql:
                checkConnectorConfig(text, kDebeziumKeys, {QStringLiteral("database.hostname"), QStringLiteral("topic.prefix"),
                                                           QStringLiteral("database.server.id"), QStringLiteral("table.include.list"),
                                                           QStringLiteral("snapshot.mode")});
                break;
            case ExportTarget::FlinkSql:
                checkFlinkSql(text);
                break;
            case ExportTarget::Ticdc:
                checkTicdc(text);
                break;
            }
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(path));
        }
        QVERIFY2(clean > 0, "no flow of the suite exports cleanly to this target");
    }

    void secretsStayReferences_data()
    {
        QTest::addColumn<int>("target");
        QTest::addColumn<QString>("flow");
        QTest::addColumn<QString>("reference");
        QTest::newRow("jdbc") << int(ExportTarget::KafkaConnectJdbc) << QStringLiteral("debezium-topics-to-replica") << QStringLiteral("${env:REPLICA_PASSWORD}");
        QTest::newRow("flink") << int(ExportTarget::FlinkSql) << QStringLiteral("orders-canal-to-mysql") << QStringLiteral("'${REPORT_PASSWORD}'");
        QTest::newRow("ticdc") << int(ExportTarget::Ticdc) << QStringLiteral("tidb-shop-cdc-to-kafka") << QStringLiteral("kafka://${FLOWDECK_KAFKA_BROKERS}/");
    }

    // With the variables set, their values still never reach the output.
    void secretsStayReferences()
    {
        QFETCH(int, target);
        QFETCH(QString, flow);
        QFETCH(QString, reference);
        const EnvLookup env = [](const std::string &name) -> std::optional<std::string> {
            if (name.ends_with("PASSWORD"))
                return std::string("s3cr3t-value");
            if (name == "FLOWDECK_KAFKA_BROKERS")
                return std::string("broker-from-env:9092");
            return std::nullopt;
        };
        const Flow f = loadFlow(QString(kGoldenDir + QStringLiteral("/flows/") + flow + QStringLiteral(".flow.json")).toStdString(), env);
        const ExportResult result = exportFlow(f, ExportTarget(target));
        QVERIFY2(result.problems.empty(), qPrintable(problemText(result.problems)));
        const QString text = QString::fromStdString(result.text);
        QVERIFY(!text.contains(QLatin1String("s3cr3t-value")));
        QVERIFY(!text.contains(QLatin1String("broker-from-env")));
        QVERIFY2(text.contains(reference), qPrintable(text));
    }

    void literalPasswordIsAProblem()
    {
        nlohmann::json raw = nlohmann::json::parse(readText(kGoldenDir + QStringLiteral("/flows/debezium-topics-to-replica.flow.json")).toStdString());
        raw["destination"]["connection"]["password"] = "hunter2";
        const ExportResult result = exportFlow(flowFromJson(raw, emptyEnvironment()), ExportTarget::KafkaConnectJdbc);
        QCOMPARE(result.problems.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(result.problems.front().path), QStringLiteral("destination.connection.password"));
        QVERIFY(!QString::fromStdString(result.text).contains(QLatin1String("hunter2")));
    }

    void targetNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("known");
        QTest::newRow("jdbc") << QStringLiteral("kafka-connect-jdbc") << true;
        QTest::newRow("debezium") << QStringLiteral("debezium-mysql") << true;
        QTest::newRow("flink") << QStringLiteral("flink-sql") << true;
        QTest::newRow("ticdc") << QStringLiteral("ticdc") << true;
        QTest::newRow("unknown") << QStringLiteral("spark") << false;
        QTest::newRow("case") << QStringLiteral("TiCDC") << false;
    }

    void targetNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, known);
        const auto t = exportTargetFromName(name.toStdString());
        QCOMPARE(t.has_value(), known);
        if (t)
            QCOMPARE(QString::fromStdString(exportTargetName(*t)), name);
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
