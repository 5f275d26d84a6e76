#pragma once

#include "core/flow/flow.h"

#include <optional>
#include <string>
#include <vector>

namespace flowdeck {

/// The engines a flow can be moved to (`flowdeck export --to`). See docs/scaling-out.md.
enum class ExportTarget {
    KafkaConnectJdbc, ///< a Kafka Connect JDBC sink connector (JSON for the REST API)
    DebeziumMysql,    ///< a Debezium MySQL source connector (JSON for the REST API)
    FlinkSql,         ///< Flink SQL: Kafka source table, JDBC sink table, INSERT INTO ... SELECT
    Ticdc,            ///< a TiCDC changefeed configuration (TOML) and its create command
};

/// The command-line name of a target ("kafka-connect-jdbc", ...).
std::string exportTargetName(ExportTarget target);
/// The target of a command-line name, or nullopt.
std::optional<ExportTarget> exportTargetFromName(const std::string &name);
/// Every target, in the order --help lists them.
std::vector<ExportTarget> exportTargets();

/// What export() produced: the text a user deploys, and everything of the flow the target
/// cannot express, as "path: message" problems. A flow exports cleanly only when `problems` is
/// empty; `text` then holds the whole configuration. With problems, `text` holds what could be
/// expressed (for a user who adapts it by hand) and must not be deployed as it is.
struct ExportResult
{
    std::string text;
    std::vector<FlowProblem> problems;
};

/// Translates a loaded flow into `target`'s configuration. Values of the flow written as
/// `${NAME}` (or `${NAME:-default}`) references stay references in the target's syntax (Kafka
/// Connect `${env:NAME}`, `${NAME}` elsewhere), taken from `flow.raw`: secrets are never written
/// out. A literal password is a problem. Deterministic: the same flow gives the same text.
/// Possible errors: none thrown; everything is reported in ExportResult::problems.
ExportResult exportFlow(const Flow &flow, ExportTarget target);

} // namespace flowdeck
