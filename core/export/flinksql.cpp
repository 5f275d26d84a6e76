// Flink SQL: a Kafka source table ('format' = 'canal-json' | 'debezium-json' | 'json'), a JDBC
// sink table, and INSERT INTO ... SELECT carrying the mapping, its transforms and the filters.
// Connector options as the Flink Kafka and JDBC connectors document them.
#include "core/export/targets.h"
#include "core/export/flinkexpressions.h"

#include <set>

namespace flowdeck::exporting {

namespace {

const char kTarget[] = "Flink SQL";

std::string option(const std::string &key, const std::string &value)
{
    return "  " + sqlString(key) + " = " + sqlString(value);
}

std::string joinLines(const std::vector<std::string> &lines, const std::string &separator)
{
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i)
        out += (i ? separator : "") + lines[i];
    return out;
}

} // namespace

std::string flinkSql(ExportContext &ctx)
{
    const Flow &flow = ctx.flow();
    const std::string sourceType = flow.source.value("type", std::string());
    if (sourceType != "kafka") {
        ctx.problem("source.type", std::string(kTarget) + " export reads Kafka topics; this flow reads a " + sourceType + " source");
        return {};
    }
    const std::string destType = flow.destination.value("type", std::string());
    if (destType != "mysql") {
        ctx.problem("destination.type", std::string(kTarget) + " export writes through the JDBC connector; this flow writes a " + destType + " destination");
        return {};
    }
    if (!flow.mapping) {
        ctx.problem("mapping", "Flink SQL tables declare their columns; list them in a mapping (Flowdeck's 'map all fields' has no equivalent)");
        return {};
    }

    const std::string protocol = flow.source.value("protocol", std::string("json"));
    const nlohmann::json write = flow.destination.value("write", nlohmann::json::object());
    const std::string mode = write.value("mode", std::string("insert"));
    if (mode == "update")
        ctx.problem("destination.write.mode", "Flink's JDBC sink inserts or upserts; it has no update-only mode");
    if (mode == "replicate" && protocol == "json")
        ctx.problem("destination.write.mode", "replicate needs change events (canal-json or debezium-json); Flink reads json messages as inserts only");
    for (const char *key : {"createTable", "addColumns", "versionColumn"})
        if (write.contains(key) && write[key] != false)
            ctx.problem(std::string("destination.write.") + key, "Flink's JDBC connector writes into an existing table; it neither creates nor changes tables nor compares versions");
    const std::string table = flow.destination.value("table", std::string());
    if (table.find('{') != std::string::npos)
        ctx.problem("destination.table", "one Flink sink table writes one table; '" + table + "' names a table per event");

    // The SELECT list and the sink's columns, from the mapping.
    FlinkExpressions expressions(ctx);
    std::vector<std::string> select;
    std::vector<std::string> sinkColumns;
    for (std::size_t i = 0; i < flow.mapping->size(); ++i) {
        const nlohmann::json &m = (*flow.mapping)[i];
        const std::string destination = m.value("destination", std::string());
        std::string type = "STRING";
        const std::string expr = expressions.mappingEntry(m, "mapping[" + std::to_string(i) + "]", &type);
        select.push_back("  " + expr + " AS " + sqlIdentifier(destination));
        sinkColumns.push_back("  " + sqlIdentifier(destination) + " " + type);
    }
    std::vector<std::string> where;
    for (std::size_t i = 0; i < flow.filters.size(); ++i) {
        const std::string condition = expressions.filter(flow.filters[i], "filters[" + std::to_string(i) + "]");
        if (!condition.empty())
            where.push_back(condition);
    }

    std::string keyClause;
    if (mode == "upsert" || mode == "replicate") {
        if (!write.contains("key"))
            ctx.problem("destination.write.key", "Flink's JDBC sink upserts by the sink table's PRIMARY KEY; list the key columns");
        else {
            std::vector<std::string> keys;
            for (const nlohmann::json &k : write["key"])
                keys.push_back(sqlIdentifier(k.get<std::string>()));
            keyClause = ",\n  PRIMARY KEY (" + joinLines(keys, ", ") + ") NOT ENFORCED";
        }
    }

    // The source table: every field the SELECT reads, as text (canal-json carries text).
    std::vector<std::string> sourceColumns;
    for (const std::string &field : expressions.sourceFields())
        sourceColumns.push_back("  " + sqlIdentifier(field) + " STRING");

    std::vector<std::string> sourceOptions = {option("connector", "kafka")};
    const TopicSelection topics = topicSelection(ctx);
    if (!topics.regex.empty())
        sourceOptions.push_back(option("topic-pattern", topics.regex));
    else
        sourceOptions.push_back(option("topic", joinLines(topics.names, ";")));
    const std::string brokers = ctx.value({"source", "brokers"});
    if (brokers == "embedded")
        ctx.problem("source.brokers", "the embedded broker lives inside Flowdeck; name the Kafka cluster's brokers (or ${NAME})");
    sourceOptions.push_back(option("properties.bootstrap.servers", brokers));
    sourceOptions.push_back(option("properties.group.id", flow.source.value("group", "flowdeck-" + flow.name)));
    const std::string startFrom = flow.source.value("startFrom", std::string("committed"));
    sourceOptions.push_back(option("scan.startup.mode", startFrom == "earliest" ? "earliest-offset"
                                                        : startFrom == "latest" ? "latest-offset" : "group-offsets"));
    if (startFrom == "committed")
        sourceOptions.push_back(option("properties.auto.offset.reset", "earliest"));
    if (const nlohmann::json props = flow.source.value("properties", nlohmann::json()); props.is_object()) {
        for (auto it = props.begin(); it != props.end(); ++it) {
            if (it.key() == "security.protocol" && it.value().is_string())
                sourceOptions.push_back(option("properties.security.protocol", it.value().get<std::string>()));
            else
                ctx.problem("source.properties." + it.key(), "a librdkafka setting; give Flink's Kafka client its Java equivalent as 'properties.*'");
        }
    }
    sourceOptions.push_back(option("format", protocol));

    std::vector<std::string> sinkOptions = {
        option("connector", "jdbc"),
        option("url", jdbcUrl(ctx, "destination")),
        option("table-name", table),
        option("username", ctx.value({"destination", "connection", "user"})),
        option("password", ctx.secret({"destination", "connection", "password"})),
    };
    if (write.contains("batchRows"))
        sinkOptions.push_back(option("sink.buffer-flush.max-rows", write["batchRows"].dump()));
    checkContinuous(ctx, kTarget);

    const std::string sourceName = sqlIdentifier(identifierFrom(flow.name) + "_source");
    const std::string sinkName = sqlIdentifier(identifierFrom(flow.name) + "_sink");
    std::string sql;
    sql += "-- Flink SQL for the Flowdeck flow \"" + flow.name + "\" (flowdeck export --to flink-sql).\n";
    sql += "-- ${NAME} references are replaced before submitting, e.g.\n";
    sql += "--   envsubst < " + identifierFrom(flow.name) + ".sql > job.sql && sql-client.sh -f job.sql\n\n";
    sql += "CREATE TABLE " + sourceName + " (\n" + joinLines(sourceColumns, ",\n") + "\n) WITH (\n"
           + joinLines(sourceOptions, ",\n") + "\n);\n\n";
    sql += "CREATE TABLE " + sinkName + " (\n" + joinLines(sinkColumns, ",\n") + keyClause + "\n) WITH (\n"
           + joinLines(sinkOptions, ",\n") + "\n);\n\n";
    sql += "INSERT INTO " + sinkName + "\nSELECT\n" + joinLines(select, ",\n") + "\nFROM " + sourceName;
    if (!where.empty())
        sql += "\nWHERE " + joinLines(where, "\n  AND ");
    sql += ";\n";
    return sql;
}

} // namespace flowdeck::exporting
