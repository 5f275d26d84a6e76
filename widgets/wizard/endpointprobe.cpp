#include "endpointprobe.h"

#include "widgets/enginemessages.h"

#include "core/kafka/embeddedbroker.h"
#include "core/model/errors.h"
#include "core/file/filesource.h"
#include "core/kafka/kafkaconfig.h"
#include "core/mysql/mysqlconnection.h"
#include "core/mysql/mysqlsink.h"
#include "core/mysql/mysqltableschema.h"

#include <QCoreApplication>

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <memory>

namespace flowdeck::probe {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

std::unique_ptr<MySqlConnection> connectMySql(const nlohmann::json &connection)
{
    auto c = std::make_unique<MySqlConnection>(MySqlConnectionConfig::fromJson(connection));
    c->connect();
    return c;
}

} // namespace

ProbeResult mysqlServer(const nlohmann::json &connection, const QString &database)
{
    ProbeResult r;
    try {
        auto c = connectMySql(connection);
        r.serverVersion = qs(c->serverVersion());
        for (const auto &row : c->query("SHOW DATABASES"))
            if (row.at(0) && *row[0] != "information_schema" && *row[0] != "performance_schema")
                r.databases << qs(*row[0]);
        if (!database.isEmpty()) {
            const auto rows = c->query("SELECT TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                                       + c->quote(database.toStdString()) + " ORDER BY TABLE_NAME");
            for (const auto &row : rows)
                if (row.at(0).value_or(std::string()) != MySqlSink::kCheckpointTable) // Flowdeck's own
                    r.tables.append(TableEstimate{qs(row.at(0).value_or(std::string())),
                                 row.at(1) ? QString::fromStdString(*row[1]).toLongLong() : -1});
        }
        r.ok = true;
        r.message = QCoreApplication::translate("EndpointProbe", "Connected to %1 (%2).").arg(qs(c->config().endpoint()), r.serverVersion);
    } catch (const Error &e) {
        r.message = engineMessage(e.what());
    }
    return r;
}

ProbeResult mysqlExecute(const nlohmann::json &connection, const QString &sql)
{
    ProbeResult r;
    try {
        connectMySql(connection)->execute(sql.toStdString());
        r.ok = true;
    } catch (const Error &e) {
        r.message = engineMessage(e.what());
    }
    return r;
}

ProbeResult mysqlTable(const nlohmann::json &connection, const QString &database, const QString &table)
{
    ProbeResult r;
    try {
        auto c = connectMySql(connection);
        // The table as core describes it (the sink fits values with the same description).
        const std::optional<MySqlTableSchema> described = MySqlTableSchema::load(*c, database.toStdString(), table.toStdString());
        if (!described || described->columns().empty()) {
            r.message = QCoreApplication::translate("EndpointProbe", "The table %1.%2 does not exist.").arg(database, table);
            return r;
        }
        std::vector<std::string> names;
        for (const MySqlColumn &column : described->columns()) {
            EndpointField f;
            f.name = qs(column.name);
            f.type = qs(column.typeText);
            f.described = true;
            f.nullable = column.nullable;
            f.hasDefault = column.hasDefault;
            f.defaultSql = qs(column.defaultSql);
            f.defaultIsExpression = column.defaultIsExpression;
            f.autoIncrement = column.autoIncrement;
            f.generated = column.generated;
            f.required = !column.nullable && !column.hasDefault && !column.autoIncrement && !column.generated;
            r.fields.append(f);
            names.push_back(f.name.toStdString());
        }
        auto schema = std::make_shared<const Schema>(names);
        auto quoteId = [](const std::string &id) {
            std::string out = "`";
            for (char ch : id)
                out += ch == '`' ? std::string("``") : std::string(1, ch);
            return out + '`';
        };
        const auto rows = c->query("SELECT * FROM " + quoteId(database.toStdString()) + '.' + quoteId(table.toStdString())
                                   + " LIMIT " + std::to_string(kSampleRows));
        for (const auto &row : rows) {
            Record rec;
            rec.schema = schema;
            for (const auto &v : row)
                rec.values.push_back(v ? Value::text(*v) : Value::null());
            r.sample.push_back(std::move(rec));
        }
        r.ok = true;
        r.message = QCoreApplication::translate("EndpointProbe", "%1 column(s).").arg(r.fields.size());
    } catch (const Error &e) {
        r.message = engineMessage(e.what());
    }
    return r;
}

ProbeResult kafkaCluster(const QString &brokers, const nlohmann::json &properties)
{
    ProbeResult r;
    try {
        std::string bootstrap = brokers.trimmed().toStdString();
        if (bootstrap == "embedded")
            bootstrap = EmbeddedBroker::shared().bootstraps();
        RdKafkaConfPtr conf(rd_kafka_conf_new());
        setKafkaProperty(conf.get(), "bootstrap.servers", bootstrap);
        setKafkaProperty(conf.get(), "socket.timeout.ms", "5000");
        // An unreachable cluster fails the look-up instead of retrying in the background forever.
        setKafkaProperty(conf.get(), "reconnect.backoff.max.ms", "1000");
        if (properties.is_object())
            for (const auto &[key, value] : properties.items()) {
                // A connection test never runs a command or loads code from a flow's properties.
                if (KafkaPropertyPolicy::isUnsafe(key))
                    throw ConfigError(key + ": " + KafkaPropertyPolicy::refusal(key, KafkaClientRole::Producer, false));
                setKafkaProperty(conf.get(), key, value.is_string() ? value.get<std::string>() : value.dump());
            }
        char err[512] = {};
        RdKafkaPtr rk(rd_kafka_new(RD_KAFKA_PRODUCER, conf.release(), err, sizeof err));
        if (!rk) {
            r.message = QString::fromUtf8(err);
            return r;
        }
        const rd_kafka_metadata_t *md = nullptr;
        const rd_kafka_resp_err_t e = rd_kafka_metadata(rk.get(), 1, nullptr, &md, 8000);
        if (e != RD_KAFKA_RESP_ERR_NO_ERROR) {
            r.message = QCoreApplication::translate("EndpointProbe", "Cannot reach the Kafka brokers %1: %2").arg(brokers, QString::fromUtf8(rd_kafka_err2str(e)));
            return r;
        }
        for (int i = 0; i < md->topic_cnt; ++i) {
            const auto &t = md->topics[i];
            const QString name = QString::fromUtf8(t.topic);
            if (!name.startsWith(QLatin1String("__")))
                r.topics.append(TopicInfo{name, t.partition_cnt});
        }
        const int brokerCount = md->broker_cnt;
        rd_kafka_metadata_destroy(md);
        std::sort(r.topics.begin(), r.topics.end(), [](const TopicInfo &a, const TopicInfo &b) { return a.name < b.name; });
        r.ok = true;
        r.message = QCoreApplication::translate("EndpointProbe", "Connected: %1 broker(s), %2 topic(s).").arg(brokerCount).arg(r.topics.size());
    } catch (const Error &e) {
        r.message = engineMessage(e.what());
    }
    return r;
}

ProbeResult file(const nlohmann::json &endpoint, const QString &baseDir)
{
    ProbeResult r;
    try {
        FileSource source(endpoint, baseDir.toStdString());
        source.open(nullptr);
        Batch batch;
        while (int(batch.size()) < kSampleRows && source.read(batch, std::size_t(kSampleRows) - batch.size())) {
        }
        // Types as the first rows show them; CSV fields are always text.
        std::vector<QString> types;
        if (const SchemaPtr schema = source.schema()) {
            types.assign(schema->size(), QString());
            for (const Record &rec : batch)
                for (std::size_t i = 0; i < rec.values.size() && i < types.size(); ++i)
                    if (types[i].isEmpty() && !rec.values[i].isNull())
                        types[i] = QString::fromLatin1(valueTypeName(rec.values[i].type()));
            for (std::size_t i = 0; i < schema->size(); ++i) {
                EndpointField f;
                f.name = qs(schema->names()[i]);
                f.type = types[i].isEmpty() ? QStringLiteral("text") : types[i];
                r.fields.append(f);
            }
        }
        QString firstError;
        for (Record &rec : batch) {
            if (!rec.isError()) {
                r.sample.push_back(std::move(rec));
                continue;
            }
            // A line the run cannot read either: named with its position ("accounts.csv:4: ...").
            if (++r.unreadable == 1)
                firstError = qs(rec.position.toString()) + QStringLiteral(": ") + qs(rec.error);
        }
        r.ok = true;
        r.message = QCoreApplication::translate("EndpointProbe", "%1 field(s); the first %2 row(s) are shown.").arg(r.fields.size()).arg(r.sample.size());
        if (r.unreadable)
            r.message += QLatin1Char('\n')
                + QCoreApplication::translate("EndpointProbe", "%n line(s) among the first rows cannot be read; a run stops at them, or dead-letters them when errors are skipped. The first: %1", nullptr, r.unreadable)
                      .arg(firstError);
    } catch (const Error &e) {
        r.message = engineMessage(e.what());
    }
    return r;
}

} // namespace flowdeck::probe
