// A TiCDC changefeed: a TiDB source read by change feed into Kafka topics. The configuration
// file's keys as TiCDC documents them ([filter] rules, [sink] protocol and dispatchers with
// matcher, topic, partition); the sink URI is an argument of `cdc cli changefeed create`, so it
// is written in the command at the top of the file.
#include "core/export/targets.h"

namespace flowdeck::exporting {

namespace {

const char kTarget[] = "TiCDC";

std::string tomlString(const std::string &s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string tomlList(const std::vector<std::string> &items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i ? ", " : "") + tomlString(items[i]);
    return out + "]";
}

} // namespace

std::string ticdc(ExportContext &ctx)
{
    const Flow &flow = ctx.flow();
    const std::string sourceType = flow.source.value("type", std::string());
    if (sourceType != "mysql") {
        ctx.problem("source.type", std::string(kTarget) + " reads TiDB tables; this flow reads a " + sourceType + " source");
        return {};
    }
    const std::string destType = flow.destination.value("type", std::string());
    if (destType != "kafka") {
        ctx.problem("destination.type", "this export writes TiCDC's Kafka sink; this flow writes a " + destType + " destination");
        return {};
    }
    const std::string read = flow.source.value("read", std::string("snapshot+cdc"));
    if (read != "cdc")
        ctx.problem("source.read", "TiCDC sends the changes made after the changefeed's start-ts and no snapshot of the rows already there ('" + read + "'); load those first (Dumpling and TiDB Lightning, or BR), then create the changefeed with --start-ts, and read \"cdc\" here");

    const std::string protocol = flow.destination.value("protocol", std::string("json"));
    std::string cdcProtocol;
    if (protocol == "canal-json")
        cdcProtocol = "canal-json";
    else if (protocol == "debezium-json")
        cdcProtocol = "debezium";
    else
        ctx.problem("destination.protocol", "TiCDC has no flat json protocol (canal-json or debezium-json)");

    const std::vector<std::string> patterns = sourceTablePatterns(ctx);
    std::string partition = flow.destination.value("partition", std::string("default"));
    std::vector<std::string> columns;
    if (partition.rfind("columns:", 0) == 0) {
        std::string list = partition.substr(8);
        for (std::size_t start = 0; start <= list.size();) {
            const std::size_t comma = std::min(list.find(',', start), list.size());
            columns.push_back(list.substr(start, comma - start));
            start = comma + 1;
        }
        partition = "columns";
    }

    const std::string id = identifierFrom(flow.name);
    const std::string brokers = ctx.value({"destination", "brokers"});
    if (brokers == "embedded")
        ctx.problem("destination.brokers", "the embedded broker lives inside Flowdeck; name the Kafka cluster's brokers (or ${NAME})");
    std::string uri = "kafka://" + brokers + "/" + id + "?protocol=" + (cdcProtocol.empty() ? protocol : cdcProtocol);
    if (const nlohmann::json create = flow.destination.value("createTopics", nlohmann::json()); create.is_object()) {
        uri += "&partition-num=" + std::to_string(create.value("partitions", 1));
        uri += "&replication-factor=" + std::to_string(create.value("replicationFactor", 1));
    }
    if (const nlohmann::json props = flow.destination.value("properties", nlohmann::json()); props.is_object()) {
        for (auto it = props.begin(); it != props.end(); ++it) {
            if (it.key() == "compression.type" && it.value().is_string())
                uri += "&compression=" + it.value().get<std::string>();
            else
                ctx.problem("destination.properties." + it.key(), "a librdkafka setting with no TiCDC sink URI parameter");
        }
    }
    if (flow.mapping)
        ctx.problem("mapping", "TiCDC sends whole rows; map the fields where the topics are read");
    if (!flow.filters.empty())
        ctx.problem("filters", "TiCDC sends every row of the matched tables; filter where the topics are read");
    checkContinuous(ctx, kTarget);

    std::string toml;
    toml += "# TiCDC changefeed for the Flowdeck flow \"" + flow.name + "\" (flowdeck export --to ticdc).\n";
    toml += "# The sink URI is not part of this file; create the changefeed with:\n";
    toml += "#   cdc cli changefeed create --server=http://TICDC_HOST:8300 --changefeed-id=\"" + id + "\" \\\n";
    toml += "#     --sink-uri=\"" + uri + "\" \\\n";
    toml += "#     --config=" + id + ".toml\n";
    toml += "# ${...} in the URI are taken from the shell's environment.\n\n";
    toml += "[filter]\n";
    toml += "rules = " + tomlList(patterns) + "\n\n";
    toml += "[sink]\n";
    if (!cdcProtocol.empty())
        toml += "protocol = " + tomlString(cdcProtocol) + "\n";
    toml += "dispatchers = [\n";
    toml += "    {matcher = " + tomlList(patterns) + ", topic = " + tomlString(flow.destination.value("topic", std::string()))
            + ", partition = " + tomlString(partition == "default" ? "default" : partition);
    if (!columns.empty())
        toml += ", columns = " + tomlList(columns);
    toml += "},\n]\n";
    return toml;
}

} // namespace flowdeck::exporting
