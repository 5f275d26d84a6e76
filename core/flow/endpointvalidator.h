#pragma once

#include "core/flow/flowchecker.h"

#include <array>
#include <string>
#include <string_view>

namespace flowdeck {

/// Whether an endpoint object is the flow's `source` or its `destination`: the allowed keys
/// differ (`read` and `group` only in a source, `write` and `createTopics` only in a destination).
enum class EndpointRole { Source, Destination };

/// Validates one endpoint object (`source` or `destination`) of a flow: its type and the keys
/// of that type and role. Fills in the defaults the engine relies on (a file's `format` from its
/// extension).
class EndpointValidator
{
public:
    /// Placeholders of a destination table or topic template ("{schema}_{table}").
    static constexpr std::array<std::string_view, 2> kTemplatePlaceholders = {"schema", "table"};
    /// Kafka destination partition strategies, besides "columns:a,b".
    static constexpr std::array<std::string_view, 5> kPartitionStrategies = {"default", "index-value",
                                                                             "table", "ts", "key"};
    /// Keys of a Kafka destination's "debezium" object (protocol debezium-json).
    static constexpr std::array<std::string_view, 6> kDebeziumKeys = {
        "schemas", "serverName", "serverId", "tombstones", "decimalHandling", "schemaChangesTopic"};
    static constexpr std::array<std::string_view, 3> kDecimalHandling = {"precise", "string", "double"};

    EndpointValidator(FlowChecker &checker, EndpointRole role);

    /// Checks `endpoint`, found at `path` ("source" or "destination").
    void validate(nlohmann::json &endpoint, const std::string &path);

    /// Checks a Kafka broker list: "embedded" or "host:port,host:port" (the port may be omitted).
    static void checkBrokers(FlowChecker &checker, const nlohmann::json &value, const std::string &path);

private:
    void file(nlohmann::json &endpoint, const std::string &path);
    void fileDestination(nlohmann::json &endpoint, const std::string &path, bool folder);
    void csvOptions(nlohmann::json &csv, const std::string &path);
    void mysql(nlohmann::json &endpoint, const std::string &path);
    void includePatterns(nlohmann::json &include, const nlohmann::json *table, const std::string &path);
    void connection(nlohmann::json &connection, const std::string &path);
    void tls(nlohmann::json &tls, const std::string &path);
    void write(nlohmann::json &write, const std::string &path);
    void kafkaProtocolOptions(nlohmann::json &endpoint, const std::string &path);
    void kafka(nlohmann::json &endpoint, const std::string &path);
    void kafkaProperties(const nlohmann::json &properties, const std::string &path, bool allowUnsafe);
    std::string keyHint(const std::string &type, const std::string &key) const;

    FlowChecker &m_checker;
    EndpointRole m_role;
};

} // namespace flowdeck
