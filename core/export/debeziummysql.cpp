// The Debezium MySQL source connector: a mysql source read by binlog into debezium-json topics.
// Keys as documented for Debezium 2.x (connector.class, database.*, topic.prefix,
// table.include.list, snapshot.mode, schema.history.internal.kafka.*), plus Kafka Connect's
// own (topic.creation.*, transforms, converters). Output: the JSON the Connect REST API takes.
#include "core/export/targets.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>

namespace flowdeck::exporting {

namespace {

const char kTarget[] = "Debezium's MySQL connector";

// A stable server id from the flow's name (Debezium needs one unique per replication client).
std::string serverIdFor(const std::string &name)
{
    std::uint32_t h = 2166136261u; // FNV-1a
    for (unsigned char c : name)
        h = (h ^ c) * 16777619u;
    return std::to_string(5400 + h % 100000);
}

// "tidb_{schema}_{table}" → RegexRouter replacement "tidb_$1_$2" over "<prefix>.<db>.<table>".
std::string routeReplacement(const std::string &tmpl)
{
    std::string out;
    for (std::size_t i = 0; i < tmpl.size();) {
        if (tmpl.compare(i, 8, "{schema}") == 0) {
            out += "$1";
            i += 8;
        } else if (tmpl.compare(i, 7, "{table}") == 0) {
            out += "$2";
            i += 7;
        } else {
            out += tmpl[i++];
        }
    }
    return out;
}

} // namespace

std::string debeziumMysql(ExportContext &ctx)
{
    const Flow &flow = ctx.flow();
    const std::string sourceType = flow.source.value("type", std::string());
    if (sourceType != "mysql") {
        ctx.problem("source.type", std::string(kTarget) + " reads MySQL tables; this flow reads a " + sourceType + " source");
        return {};
    }
    const std::string destType = flow.destination.value("type", std::string());
    if (destType != "kafka") {
        ctx.problem("destination.type", std::string(kTarget) + " writes Kafka topics; this flow writes a " + destType + " destination (move it as two flows: this source into Kafka, then Kafka into the table)");
        return {};
    }
    const std::string protocol = flow.destination.value("protocol", std::string("json"));
    if (protocol != "debezium-json")
        ctx.problem("destination.protocol", std::string(kTarget) + " writes debezium-json; this flow writes " + protocol + " (TiCDC writes canal-json: --to ticdc)");

    const std::string prefix = identifierFrom(flow.name);
    nlohmann::ordered_json config;
    config["connector.class"] = "io.debezium.connector.mysql.MySqlConnector";
    config["tasks.max"] = "1";
    config["database.hostname"] = ctx.value({"source", "connection", "host"});
    config["database.port"] = ctx.value({"source", "connection", "port"}).empty() ? "3306" : ctx.value({"source", "connection", "port"});
    config["database.user"] = ctx.value({"source", "connection", "user"});
    config["database.password"] = ctx.secret({"source", "connection", "password"});
    config["database.server.id"] = serverIdFor(flow.name);
    const std::string tls = flow.source.value("connection", nlohmann::json::object()).value("tls", std::string());
    if (!tls.empty())
        config["database.ssl.mode"] = tls == "verify" ? "verify_identity" : tls;
    config["topic.prefix"] = prefix;

    std::vector<std::string> schemas;
    std::string databases;
    std::string tables;
    for (const std::string &pattern : sourceTablePatterns(ctx)) {
        const std::string schema = pattern.substr(0, pattern.find('.'));
        if (schema.find_first_of("*?") == std::string::npos
            && std::find(schemas.begin(), schemas.end(), schema) == schemas.end()) {
            schemas.push_back(schema);
            databases += (databases.empty() ? "" : ",") + schema;
        }
        tables += (tables.empty() ? "" : ",") + tablePatternToRegex(pattern);
    }
    if (!databases.empty())
        config["database.include.list"] = databases;
    config["table.include.list"] = tables;

    const std::string read = flow.source.value("read", std::string("snapshot+cdc"));
    config["snapshot.mode"] = read == "snapshot+cdc" ? "initial" : read == "cdc" ? "no_data" : "initial_only";
    if (flow.source.contains("chunkSize"))
        config["snapshot.fetch.size"] = flow.source["chunkSize"].dump();
    config["tombstones.on.delete"] = "true";
    // Flowdeck's debezium-json has no schema/payload wrapper (docs/wire-formats.md).
    config["key.converter"] = "org.apache.kafka.connect.json.JsonConverter";
    config["key.converter.schemas.enable"] = "false";
    config["value.converter"] = "org.apache.kafka.connect.json.JsonConverter";
    config["value.converter.schemas.enable"] = "false";

    const std::string brokers = ctx.value({"destination", "brokers"});
    if (brokers == "embedded")
        ctx.problem("destination.brokers", "the embedded broker lives inside Flowdeck; name the Kafka cluster's brokers (or ${NAME})");
    config["schema.history.internal.kafka.bootstrap.servers"] = brokers;
    config["schema.history.internal.kafka.topic"] = "schema-changes." + prefix;

    // Debezium names topics <prefix>.<database>.<table>; the flow's template by a RegexRouter.
    const std::string topic = flow.destination.value("topic", std::string());
    config["transforms"] = "route";
    config["transforms.route.type"] = "org.apache.kafka.connect.transforms.RegexRouter";
    config["transforms.route.regex"] = regexEscape(prefix) + "\\.([^.]+)\\.([^.]+)";
    config["transforms.route.replacement"] = routeReplacement(topic);

    if (const nlohmann::json create = flow.destination.value("createTopics", nlohmann::json()); create.is_object()) {
        config["topic.creation.default.partitions"] = std::to_string(create.value("partitions", 1));
        config["topic.creation.default.replication.factor"] = std::to_string(create.value("replicationFactor", 1));
    }
    const std::string partition = flow.destination.value("partition", std::string("default"));
    if (partition != "default" && partition != "index-value")
        ctx.problem("destination.partition", "Kafka Connect spreads records by the key's hash only (as index-value, with Kafka's murmur2 hash); '" + partition + "' has no equivalent");
    if (const nlohmann::json props = flow.destination.value("properties", nlohmann::json()); props.is_object()) {
        for (auto it = props.begin(); it != props.end(); ++it) {
            // Names librdkafka and the Java producer share.
            if (it.key() == "compression.type" || it.key() == "linger.ms" || it.key() == "acks")
                config["producer.override." + it.key()] = it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
            else
                ctx.problem("destination.properties." + it.key(), "a librdkafka setting; set the Java equivalent in the Connect worker's producer configuration");
        }
    }
    if (flow.mapping)
        ctx.problem("mapping", std::string(kTarget) + " writes whole rows; map the fields where the topics are read");
    if (!flow.filters.empty())
        ctx.problem("filters", std::string(kTarget) + " writes every row; filter where the topics are read");
    checkContinuous(ctx, kTarget);
    if (flow.trigger.value("type", std::string()) == "onDemand" && read != "snapshot")
        ctx.problem("trigger.type", std::string(kTarget) + " runs until it is deleted; an onDemand flow reading \"" + read + "\" ends once caught up");

    nlohmann::ordered_json doc;
    doc["name"] = prefix;
    doc["config"] = config;
    return doc.dump(2) + "\n";
}

} // namespace flowdeck::exporting
