#include "core/kafka/kafkaconfig.h"

#include "core/model/errors.h"

namespace flowdeck {

static std::string scalarText(const nlohmann::json &value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_boolean())
        return value.get<bool>() ? "true" : "false";
    return value.dump();
}

static int positiveInt(const nlohmann::json &value, const std::string &path)
{
    const std::string text = scalarText(value);
    try {
        std::size_t used = 0;
        const int n = std::stoi(text, &used);
        if (used == text.size() && n >= 1)
            return n;
    } catch (const std::logic_error &) {
        // reported below
    }
    throw ConfigError(path + ": expected a positive integer, not '" + text + "'");
}

static DebeziumOptions debeziumOptions(const nlohmann::json &o)
{
    DebeziumOptions d;
    if (!o.is_object())
        throw ConfigError("destination.debezium: expected an object");
    auto text = [&](const char *key, std::string &out) {
        if (auto it = o.find(key); it != o.end()) {
            if (!it->is_string() || it->get<std::string>().empty())
                throw ConfigError(std::string("destination.debezium.") + key + ": expected a non-empty string");
            out = it->get<std::string>();
        }
    };
    auto flag = [&](const char *key, bool &out) {
        if (auto it = o.find(key); it != o.end()) {
            if (!it->is_boolean())
                throw ConfigError(std::string("destination.debezium.") + key + ": expected true or false");
            out = it->get<bool>();
        }
    };
    text("serverName", d.serverName);
    text("schemaChangesTopic", d.schemaChangesTopic);
    flag("schemas", d.schemas);
    flag("tombstones", d.tombstones);
    if (auto it = o.find("serverId"); it != o.end()) {
        const std::string idText = scalarText(*it);
        std::size_t used = 0;
        long long id = -1;
        try {
            id = std::stoll(idText, &used);
        } catch (const std::logic_error &) {
            used = 0;
        }
        if (used != idText.size() || id < 0 || it->is_boolean())
            throw ConfigError("destination.debezium.serverId: expected a non-negative integer, not '" + idText + "'");
        d.serverId = id;
    }
    std::string decimals = "precise";
    text("decimalHandling", decimals);
    if (decimals == "precise") d.decimals = DebeziumOptions::Decimals::Precise;
    else if (decimals == "string") d.decimals = DebeziumOptions::Decimals::String;
    else if (decimals == "double") d.decimals = DebeziumOptions::Decimals::Double;
    else throw ConfigError("destination.debezium.decimalHandling: expected precise, string or double, not '" + decimals + "'");
    return d;
}

KafkaConfig KafkaConfig::fromJson(const nlohmann::json &destination)
{
    KafkaConfig c;
    if (!destination.is_object())
        throw ConfigError("destination: expected a kafka endpoint object");
    c.brokers = destination.value("brokers", std::string());
    if (c.brokers.empty())
        throw ConfigError("destination.brokers: required (\"host:port,...\" or \"embedded\")");
    c.topicTemplate = destination.value("topic", std::string());
    if (c.topicTemplate.empty())
        throw ConfigError("destination.topic: required (a name, or a template like \"tidb_{schema}_{table}\")");
    if (destination.contains("protocol") && destination.at("protocol").is_string())
        c.protocol = destination.at("protocol").get<std::string>();
    if (destination.contains("partition") && destination.at("partition").is_string())
        c.partition = destination.at("partition").get<std::string>();
    if (auto it = destination.find("createTopics"); it != destination.end() && it->is_object()) {
        c.createPartitions = it->contains("partitions") ? positiveInt(it->at("partitions"), "destination.createTopics.partitions") : 1;
        if (it->contains("replicationFactor"))
            c.createReplicationFactor = positiveInt(it->at("replicationFactor"), "destination.createTopics.replicationFactor");
    }
    if (auto it = destination.find("debezium"); it != destination.end())
        c.encoder.debezium = debeziumOptions(*it);
    if (auto it = destination.find("tidbExtension"); it != destination.end()) {
        if (!it->is_boolean())
            throw ConfigError("destination.tidbExtension: expected true or false");
        c.encoder.tidbExtension = it->get<bool>();
    }
    if (auto it = destination.find("properties"); it != destination.end() && it->is_object())
        for (auto p = it->begin(); p != it->end(); ++p)
            c.properties.emplace_back(p.key(), scalarText(p.value()));
    if (auto it = destination.find("allowUnsafeProperties"); it != destination.end() && it->is_boolean())
        c.allowUnsafeProperties = it->get<bool>();
    checkKafkaProperties(c.properties, KafkaClientRole::Producer, c.allowUnsafeProperties, "destination.properties.");
    return c;
}

static void replaceAll(std::string &s, const std::string &from, const std::string &to)
{
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

std::string KafkaConfig::fixedTopic() const
{
    return topicTemplate.find('{') == std::string::npos ? topicTemplate : std::string();
}

std::string KafkaConfig::topicFor(const Record &record) const
{
    if (topicTemplate.find('{') == std::string::npos)
        return topicTemplate;
    std::string topic = topicTemplate;
    if (record.table) {
        replaceAll(topic, "{schema}", record.table->database);
        replaceAll(topic, "{table}", record.table->table);
    }
    if (topic.find("{schema}") != std::string::npos || topic.find("{table}") != std::string::npos)
        throw InputError(record.position, "the topic template '" + topicTemplate
                                              + "' needs {schema}/{table} but this record has no source table");
    return topic;
}

void setKafkaProperty(rd_kafka_conf_t *conf, const std::string &name, const std::string &value,
                      const std::string &where)
{
    char error[512] = {};
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error, sizeof error) == RD_KAFKA_CONF_OK)
        return;
    std::string reason = error;
    // librdkafka quotes a rejected value ("Invalid value \"...\" for ..."): a secret's value must
    // not reach a message, a log or the run history.
    if (KafkaPropertyPolicy::isSecret(name) && !value.empty())
        for (std::size_t at = reason.find(value); at != std::string::npos; at = reason.find(value, at))
            reason.replace(at, value.size(), "***");
    throw ConfigError(where + name + ": " + reason);
}

void checkKafkaProperties(const std::vector<std::pair<std::string, std::string>> &properties,
                          KafkaClientRole role, bool allowUnsafe, const std::string &where)
{
    for (const auto &[name, value] : properties)
        if (const std::string why = KafkaPropertyPolicy::refusal(name, role, allowUnsafe); !why.empty())
            throw ConfigError(where + name + ": " + why);
}

RdKafkaConfPtr KafkaConfig::makeConf(const std::string &bootstrap,
                                     const std::vector<std::pair<std::string, std::string>> &defaults) const
{
    RdKafkaConfPtr conf(rd_kafka_conf_new());
    setKafkaProperty(conf.get(), "bootstrap.servers", bootstrap);
    for (const auto &[name, value] : defaults)
        setKafkaProperty(conf.get(), name, value);
    checkKafkaProperties(properties, KafkaClientRole::Producer, allowUnsafeProperties, "destination.properties.");
    for (const auto &[name, value] : properties)
        setKafkaProperty(conf.get(), name, value);
    return conf;
}

} // namespace flowdeck
