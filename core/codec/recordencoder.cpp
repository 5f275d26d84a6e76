#include "core/codec/recordencoder.h"

#include "core/codec/canaljsonencoder.h"
#include "core/codec/debeziumjsonencoder.h"
#include "core/model/errors.h"
#include "core/codec/jsonrowencoder.h"

namespace flowdeck {

std::unique_ptr<RecordEncoder> RecordEncoder::create(const std::string &protocol, const EncoderOptions &options)
{
    if (protocol == "canal-json") return std::make_unique<CanalJsonEncoder>(CanalJsonEncoder::Clock(), options.tidbExtension);
    if (protocol == "debezium-json") return std::make_unique<DebeziumJsonEncoder>(options.debezium);
    if (protocol == "json") return std::make_unique<JsonRowEncoder>();
    throw ConfigError("Unknown message protocol \"" + protocol
                      + "\": use \"canal-json\", \"debezium-json\" or \"json\".");
}

} // namespace flowdeck
