#pragma once

#include "core/export/exporter.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace flowdeck::exporting {

/// How a `${NAME}` reference of the flow is written in a target.
enum class ReferenceSyntax {
    KafkaConnect, ///< `${env:NAME}`: Kafka's EnvVarConfigProvider (config.providers=env on the worker)
    Envsubst,     ///< `${NAME}`: replaced before deployment (envsubst, a shell); defaults are dropped
};

/// Shared state of one export: the flow, the problems found so far, reference rendering.
class ExportContext
{
public:
    ExportContext(const Flow &flow, ReferenceSyntax syntax);

    const Flow &flow() const { return m_flow; }
    void problem(std::string path, std::string message);
    std::vector<FlowProblem> takeProblems() { return std::move(m_problems); }

    /// The value at `path` (e.g. {"destination", "connection", "host"}) for the target: the raw
    /// text with its references in the target's syntax when it holds any, else the expanded
    /// value as text ("" when absent).
    std::string value(const std::vector<std::string> &path) const;
    /// As value(), for a secret: a literal (non-empty, non-reference) value is a problem and
    /// gives "".
    std::string secret(const std::vector<std::string> &path);

    /// Every key of `object` that is not in `handled` is reported as "path.key: message".
    void unsupportedKeys(const nlohmann::json &object, const std::string &path,
                         const std::vector<std::string> &handled, const std::string &targetName);

private:
    const Flow &m_flow;
    ReferenceSyntax m_syntax;
    std::vector<FlowProblem> m_problems;
};

/// `${NAME}` / `${NAME:-default}` references in `text` rewritten in `syntax`.
std::string rewriteReferences(const std::string &text, ReferenceSyntax syntax);
/// Whether `text` holds a `${...}` reference.
bool hasReference(const std::string &text);

/// A Flowdeck table pattern ("tpcc.*", "shop.orders") as an anchored Java regular expression
/// ("tpcc\\..*") for Debezium's include lists.
std::string tablePatternToRegex(const std::string &pattern);
/// A literal text escaped for a Java/RE2 regular expression.
std::string regexEscape(const std::string &text);
/// A JDBC URL for a Flowdeck mysql `connection` (host, port, database, tls).
std::string jdbcUrl(ExportContext &ctx, const std::string &endpoint);
/// The Kafka topics of a source endpoint: the list of names, or the one regular expression.
struct TopicSelection
{
    std::vector<std::string> names;
    std::string regex; // as the flow writes it, with its leading "^"
};
TopicSelection topicSelection(ExportContext &ctx);

} // namespace flowdeck::exporting
