// The Kafka Connect JDBC sink (confluentinc/kafka-connect-jdbc, JdbcSinkConfig keys): a Kafka
// source of debezium-json change events into a MySQL table. Output: the JSON the Connect REST
// API takes. Debezium's envelope is unwrapped by its ExtractNewRecordState transform.
#include "core/export/targets.h"

#include <nlohmann/json.hpp>

namespace flowdeck::exporting {

namespace {

const char kTarget[] = "The Kafka Connect JDBC sink";

std::string joined(const nlohmann::json &list)
{
    std::string s;
    for (const nlohmann::json &v : list)
        if (v.is_string())
            s += (s.empty() ? "" : ",") + v.get<std::string>();
    return s;
}

} // namespace

std::string kafkaConnectJdbc(ExportContext &ctx)
{
    const Flow &flow = ctx.flow();
    const std::string sourceType = flow.source.value("type", std::string());
    if (sourceType != "kafka") {
        ctx.problem("source.type", std::string(kTarget) + " reads Kafka topics; this flow reads a " + sourceType + " source");
        return {};
    }
    const std::string destType = flow.destination.value("type", std::string());
    if (destType != "mysql") {
        ctx.problem("destination.type", std::string(kTarget) + " writes database tables; this flow writes a " + destType + " destination");
        return {};
    }
    const std::string protocol = flow.source.value("protocol", std::string("json"));
    if (protocol != "debezium-json")
        ctx.problem("source.protocol", std::string(kTarget) + " needs records with a schema: Debezium's JSON with its schema, or Avro; " + protocol + " messages carry none");

    nlohmann::ordered_json config;
    config["connector.class"] = "io.confluent.connect.jdbc.JdbcSinkConnector";
    config["tasks.max"] = "1";
    const TopicSelection topics = topicSelection(ctx);
    if (!topics.regex.empty())
        config["topics.regex"] = topics.regex;
    else {
        std::string names;
        for (const std::string &n : topics.names)
            names += (names.empty() ? "" : ",") + n;
        config["topics"] = names;
    }
    config["connection.url"] = jdbcUrl(ctx, "destination");
    config["connection.user"] = ctx.value({"destination", "connection", "user"});
    config["connection.password"] = ctx.secret({"destination", "connection", "password"});

    const nlohmann::json write = flow.destination.value("write", nlohmann::json::object());
    const std::string mode = write.value("mode", std::string("insert"));
    config["insert.mode"] = mode == "replicate" ? "upsert" : mode;
    const bool keyed = mode == "upsert" || mode == "replicate" || mode == "update";
    if (keyed) {
        config["pk.mode"] = "record_key";
        if (write.contains("key"))
            config["pk.fields"] = joined(write["key"]);
    } else {
        config["pk.mode"] = "none";
    }
    config["delete.enabled"] = mode == "replicate" ? "true" : "false";
    config["auto.create"] = write.value("createTable", false) ? "true" : "false";
    config["auto.evolve"] = write.value("addColumns", false) ? "true" : "false";
    if (write.contains("batchRows"))
        config["batch.size"] = write["batchRows"].dump();
    if (write.contains("versionColumn"))
        ctx.problem("destination.write.versionColumn", std::string(kTarget) + " overwrites a row with whatever comes last; it cannot keep the newest version");

    // The table: a name, or {table} taken from topic names that share a prefix.
    const std::string table = flow.destination.value("table", std::string());
    std::vector<std::string> transforms;
    nlohmann::ordered_json tx; // the transforms' keys, after "transforms" in the output
    if (table.find('{') == std::string::npos) {
        config["table.name.format"] = table;
    } else if (table == "{table}" && topics.regex.size() > 3 && topics.regex.front() == '^'
               && topics.regex.compare(topics.regex.size() - 2, 2, ".*") == 0
               && topics.regex.find_first_of(".*+?()[]|\\", 1) == topics.regex.size() - 2) {
        // "^tidb_tpcc_.*": the table is what follows the prefix.
        config["table.name.format"] = "${topic}"; // after the route below
        transforms.push_back("route");
        tx["transforms.route.type"] = "org.apache.kafka.connect.transforms.RegexRouter";
        tx["transforms.route.regex"] = topics.regex.substr(1, topics.regex.size() - 3) + "(.*)";
        tx["transforms.route.replacement"] = "$1";
    } else {
        ctx.problem("destination.table", std::string(kTarget) + " names tables after topics (table.name.format ${topic}); '" + table + "' cannot be derived from this flow's topics");
    }
    if (protocol == "debezium-json") {
        transforms.insert(transforms.begin(), "unwrap");
        tx["transforms.unwrap.type"] = "io.debezium.transforms.ExtractNewRecordState";
        // Deletes reach the sink as tombstones, which delete.enabled applies.
        tx["transforms.unwrap.delete.tombstone.handling.mode"] = "tombstone";
        config["key.converter"] = "org.apache.kafka.connect.json.JsonConverter";
        config["key.converter.schemas.enable"] = "true";
        config["value.converter"] = "org.apache.kafka.connect.json.JsonConverter";
        config["value.converter.schemas.enable"] = "true";
    }

    // Mapping: plain renames (ReplaceField), nothing computed.
    if (flow.mapping) {
        std::string renames;
        std::string include;
        for (std::size_t i = 0; i < flow.mapping->size(); ++i) {
            const nlohmann::json &m = (*flow.mapping)[i];
            const std::string path = "mapping[" + std::to_string(i) + "]";
            const nlohmann::json step = m.value("transform", nlohmann::json());
            std::string source = m.value("source", std::string());
            if (step.is_object() && step.value("op", std::string()) == "rename" && step.contains("source"))
                source = step["source"].get<std::string>();
            else if (!step.is_null()) {
                ctx.problem(path + ".transform", std::string(kTarget) + " copies fields; it computes nothing (keep the transform in Flowdeck, or compute it in Flink SQL: --to flink-sql)");
                continue;
            }
            const std::string destination = m.value("destination", std::string());
            include += (include.empty() ? "" : ",") + source;
            if (source != destination)
                renames += (renames.empty() ? "" : ",") + source + ":" + destination;
        }
        transforms.push_back("fields");
        tx["transforms.fields.type"] = "org.apache.kafka.connect.transforms.ReplaceField$Value";
        tx["transforms.fields.include"] = include;
        if (!renames.empty())
            tx["transforms.fields.renames"] = renames;
    }
    if (!transforms.empty()) {
        std::string names;
        for (const std::string &t : transforms)
            names += (names.empty() ? "" : ",") + t;
        config["transforms"] = names;
        for (auto it = tx.begin(); it != tx.end(); ++it)
            config[it.key()] = it.value();
    }
    for (std::size_t i = 0; i < flow.filters.size(); ++i)
        ctx.problem("filters[" + std::to_string(i) + "]", std::string(kTarget) + " has no filter on field values (filter in Flink SQL: --to flink-sql)");

    const std::string startFrom = flow.source.value("startFrom", std::string("committed"));
    if (startFrom == "earliest" || startFrom == "latest")
        config["consumer.override.auto.offset.reset"] = startFrom;
    if (flow.source.contains("properties"))
        ctx.problem("source.properties", "librdkafka settings; set the Java equivalents in the Connect worker's consumer configuration");
    const std::string brokers = ctx.value({"source", "brokers"});
    if (brokers == "embedded")
        ctx.problem("source.brokers", "the embedded broker lives inside Flowdeck; the Connect cluster reads its own Kafka cluster");
    checkContinuous(ctx, kTarget);

    nlohmann::ordered_json doc;
    doc["name"] = identifierFrom(flow.name);
    doc["config"] = config;
    return doc.dump(2) + "\n";
}

} // namespace flowdeck::exporting
