#include "core/flow/endpoints.h"

#include "core/file/filesource.h"
#include "core/file/foldersource.h"
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
        auto encoder = RecordEncoder::create(config.protocol);
        return std::make_unique<KafkaSink>(std::move(config), std::move(encoder));
    }
    throw ConfigError("destination.type: '" + type + "' destinations are not supported by this version of Flowdeck yet");
}

} // namespace flowdeck
