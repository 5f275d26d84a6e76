#include "core/export/exporter.h"

#include "core/export/targets.h"

#include <array>
#include <utility>

namespace flowdeck {

namespace {

// stored in scripts (flowdeck export --to): do not rename
constexpr std::array<std::pair<ExportTarget, const char *>, 4> kNames = {{
    {ExportTarget::KafkaConnectJdbc, "kafka-connect-jdbc"},
    {ExportTarget::DebeziumMysql, "debezium-mysql"},
    {ExportTarget::FlinkSql, "flink-sql"},
    {ExportTarget::Ticdc, "ticdc"},
}};

} // namespace

std::string exportTargetName(ExportTarget target)
{
    for (const auto &[t, name] : kNames)
        if (t == target)
            return name;
    return {};
}

std::optional<ExportTarget> exportTargetFromName(const std::string &name)
{
    for (const auto &[t, n] : kNames)
        if (name == n)
            return t;
    return std::nullopt;
}

std::vector<ExportTarget> exportTargets()
{
    std::vector<ExportTarget> all;
    for (const auto &entry : kNames)
        all.push_back(entry.first);
    return all;
}

ExportResult exportFlow(const Flow &flow, ExportTarget target)
{
    using namespace exporting;
    ExportResult result;
    switch (target) {
    case ExportTarget::KafkaConnectJdbc: {
        ExportContext ctx(flow, ReferenceSyntax::KafkaConnect);
        result.text = kafkaConnectJdbc(ctx);
        result.problems = ctx.takeProblems();
        break;
    }
    case ExportTarget::DebeziumMysql: {
        ExportContext ctx(flow, ReferenceSyntax::KafkaConnect);
        result.text = debeziumMysql(ctx);
        result.problems = ctx.takeProblems();
        break;
    }
    case ExportTarget::FlinkSql: {
        ExportContext ctx(flow, ReferenceSyntax::Envsubst);
        result.text = flinkSql(ctx);
        result.problems = ctx.takeProblems();
        break;
    }
    case ExportTarget::Ticdc: {
        ExportContext ctx(flow, ReferenceSyntax::Envsubst);
        result.text = ticdc(ctx);
        result.problems = ctx.takeProblems();
        break;
    }
    }
    return result;
}

namespace exporting {

void checkContinuous(ExportContext &ctx, const std::string &targetName)
{
    const Flow &flow = ctx.flow();
    if (flow.trigger.value("type", std::string()) == "schedule")
        ctx.problem("trigger.type", targetName + " runs continuously; it has no schedule (remove the trigger, or keep this flow in Flowdeck)");
    if (flow.errorHandling.value("onError", std::string("stop")) == "skip")
        ctx.problem("errorHandling.onError", targetName + " has no dead letters for bad records as Flowdeck writes them");
}

std::vector<std::string> sourceTablePatterns(const ExportContext &ctx)
{
    const nlohmann::json &source = ctx.flow().source;
    std::vector<std::string> patterns;
    const std::string database = source.value("connection", nlohmann::json::object()).value("database", std::string());
    auto qualified = [&database](const std::string &p) {
        return p.find('.') == std::string::npos && !database.empty() ? database + "." + p : p;
    };
    if (source.contains("tables") && source["tables"].is_array()) {
        for (const nlohmann::json &t : source["tables"])
            if (t.is_string())
                patterns.push_back(qualified(t.get<std::string>()));
    } else if (source.contains("table") && source["table"].is_string()) {
        patterns.push_back(qualified(source["table"].get<std::string>()));
    }
    return patterns;
}

std::string identifierFrom(const std::string &name)
{
    std::string id;
    for (char c : name) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum)
            id += c;
        else if (!id.empty() && id.back() != '-')
            id += '-';
    }
    while (!id.empty() && id.back() == '-')
        id.pop_back();
    return id.empty() ? std::string("flowdeck") : id;
}

} // namespace exporting

} // namespace flowdeck
