#include "core/codec/messagedecoder.h"

#include "core/codec/canaljsondecoder.h"
#include "core/codec/debeziumjsondecoder.h"
#include "core/model/errors.h"
#include "core/codec/jsondecoder.h"

namespace flowdeck {

std::unique_ptr<MessageDecoder> MessageDecoder::create(const std::string &protocol)
{
    if (protocol == "canal-json")
        return std::make_unique<CanalJsonDecoder>();
    if (protocol == "debezium-json")
        return std::make_unique<DebeziumJsonDecoder>();
    if (protocol == "json")
        return std::make_unique<JsonDecoder>();
    throw ConfigError("protocol: unknown protocol '" + protocol + "' (expected canal-json, debezium-json or json)");
}

Position MessageDecoder::positionOf(const KafkaMessage &message)
{
    Position p;
    p.source.assign(message.topic);
    p.partition = message.partition;
    p.offset = message.offset < 0 ? 0 : std::uint64_t(message.offset);
    return p;
}

void MessageDecoder::appendError(const KafkaMessage &message, const std::string &reason, Batch &out)
{
    Record r;
    r.position = positionOf(message);
    r.error = "cannot decode the message at topic " + std::string(message.topic) + " partition "
        + std::to_string(message.partition) + " offset " + std::to_string(message.offset) + ": " + reason;
    r.raw.assign(message.nullValue ? std::string_view("null") : message.value);
    r.schema = std::make_shared<Schema>();
    out.push_back(std::move(r));
}

} // namespace flowdeck
