#include "recordencoder.h"

#include "canaljsonencoder.h"
#include "debeziumjsonencoder.h"
#include "errors.h"
#include "jsonrowencoder.h"

namespace flowdeck {

std::unique_ptr<RecordEncoder> RecordEncoder::create(const std::string &protocol)
{
    if (protocol == "canal-json") return std::make_unique<CanalJsonEncoder>();
    if (protocol == "debezium-json") return std::make_unique<DebeziumJsonEncoder>();
    if (protocol == "json") return std::make_unique<JsonRowEncoder>();
    throw ConfigError("Unknown message protocol \"" + protocol
                      + "\": use \"canal-json\", \"debezium-json\" or \"json\".");
}

} // namespace flowdeck
