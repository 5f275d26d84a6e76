#include "core/flow/endpoints.h"

#include "core/file/filesink.h"
#include "core/file/filesource.h"
#include "core/file/foldersource.h"
#include "core/engine/deadletterwriter.h"
#include "core/kafka/deadlettertopic.h"
#include "core/kafka/kafkaconfig.h"
#include "core/kafka/kafkasink.h"
#include "core/mysql/mysqlincrementalsource.h"
#include "core/kafka/kafkasource.h"
#include "core/mysql/mysqlreplicasink.h"
#include "core/mysql/mysqlsink.h"
#include "core/mysql/mysqlsource.h"
#include "core/codec/recordencoder.h"
#include "core/schedule/watermarksource.h"

namespace flowdeck {

std::unique_ptr<Source> createSource(const Flow &flow)
{
    const std::string type = flow.source.value("type", std::string());
    const bool incremental = flow.trigger.is_object() && flow.trigger.contains("incremental");
    if (type == "file") {
        std::unique_ptr<Source> file;
        if (FolderSource::isGlob(flow.source.value("path", std::string())))
            file = std::make_unique<FolderSource>(flow.source, flow.baseDir());
        else
            file = std::make_unique<FileSource>(flow.source, flow.baseDir());
        if (incremental)
            return std::make_unique<WatermarkSource>(std::move(file), flow.trigger["incremental"]);
        return file;
    }
    if (type == "mysql" && flow.trigger.is_object() && flow.trigger.contains("incremental"))
        return std::make_unique<MySqlIncrementalSource>(flow.source, flow.trigger["incremental"]);
    if (type == "mysql")
        return std::make_unique<MySqlSource>(flow.source);
    if (type == "kafka")
        return std::make_unique<KafkaSource>(flow.source, "flowdeck-" + flow.name);
    throw ConfigError("source.type: '" + type + "' sources are not supported by this version of Flowdeck yet");
}

std::unique_ptr<Sink> createSink(const Flow &flow)
{
    const std::string type = flow.destination.value("type", std::string());
    // Change events from topics have no columns before the first message: a fixed replicate
    // table without a mapping takes them as the template sink does, table by table.
    const auto write = flow.destination.find("write");
    const bool topicReplica = !flow.mapping && flow.source.value("type", std::string()) == "kafka"
        && write != flow.destination.end() && write->is_object() && write->value("mode", std::string()) == "replicate";
    if (type == "mysql" && (topicReplica || MySqlReplicaSink::handles(flow.destination)))
        return std::make_unique<MySqlReplicaSink>(flow.destination);
    if (type == "mysql")
        return std::make_unique<MySqlSink>(flow.destination);
    if (type == "kafka") {
        KafkaConfig config = KafkaConfig::fromJson(flow.destination);
        auto encoder = RecordEncoder::create(config.protocol, config.encoder);
        return std::make_unique<KafkaSink>(std::move(config), std::move(encoder));
    }
    if (type == "file") {
        // Change events become rows with an operation column; a snapshot or a file gives plain rows.
        const std::string sourceType = flow.source.value("type", std::string());
        const std::string read = flow.source.value("read", std::string("snapshot"));
        const bool changes = sourceType == "kafka" || (sourceType == "mysql" && read != "snapshot");
        return std::make_unique<FileSink>(flow.destination, flow.baseDir(), changes);
    }
    throw ConfigError("destination.type: '" + type + "' destinations are not supported by this version of Flowdeck yet");
}

std::unique_ptr<DeadLetters> createDeadLetters(const Flow &flow)
{
    if (flow.stopOnError())
        return nullptr;
    const nlohmann::json &eh = flow.errorHandling;
    const nlohmann::json dl = eh.is_object() ? eh.value("deadLetter", nlohmann::json()) : nlohmann::json();
    if (dl.is_string())
        return std::make_unique<DeadLetterWriter>(flow.resolvePath(dl.get<std::string>()), flow.name);
    if (!dl.is_object() || dl.value("topic", std::string()).empty())
        throw ConfigError("errorHandling.deadLetter: \"skip\" needs a dead-letter file or {\"topic\": ...}");
    KafkaConfig config;
    config.topicTemplate = dl.value("topic", std::string());
    config.brokers = dl.value("brokers", std::string());
    if (config.brokers.empty()) {
        // The flow's own Kafka endpoint: its brokers and its properties (TLS, SASL).
        const nlohmann::json &own = flow.destination.value("type", std::string()) == "kafka" ? flow.destination : flow.source;
        if (own.value("type", std::string()) != "kafka")
            throw ConfigError("errorHandling.deadLetter.brokers: required (the flow has no Kafka endpoint to take them from)");
        const KafkaConfig endpoint = KafkaConfig::fromJson(nlohmann::json{{"brokers", own.value("brokers", std::string())},
                                                                          {"topic", config.topicTemplate},
                                                                          {"properties", own.value("properties", nlohmann::json::object())}});
        config.brokers = endpoint.brokers;
        config.properties = endpoint.properties;
    }
    return std::make_unique<DeadLetterTopic>(std::move(config), flow.name);
}

} // namespace flowdeck
