#include "endpoints.h"

#include "filesource.h"
#include "mysqlsink.h"

namespace flowdeck {

std::unique_ptr<Source> createSource(const Flow &flow)
{
    const std::string type = flow.source.value("type", std::string());
    if (type == "file")
        return std::make_unique<FileSource>(flow.source, flow.baseDir());
    throw ConfigError("source.type: '" + type + "' sources are not supported by this version of Flowdeck yet");
}

std::unique_ptr<Sink> createSink(const Flow &flow)
{
    const std::string type = flow.destination.value("type", std::string());
    if (type == "mysql")
        return std::make_unique<MySqlSink>(flow.destination);
    throw ConfigError("destination.type: '" + type + "' destinations are not supported by this version of Flowdeck yet");
}

} // namespace flowdeck
