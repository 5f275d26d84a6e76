// libFuzzer target: a MySQL binary JSON value (a JSON column in MySQL's binlog). The documented
// failure is a false return with an error text; a crash, a hang, or true with text that is not
// JSON is a finding.
#include "core/mysql/binlog/binlogjson.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    std::string out;
    std::string error;
    if (flowdeck::mysqlBinaryJsonToText(std::string_view(reinterpret_cast<const char *>(data), size), out, error)
        && !nlohmann::json::accept(out))
        std::abort(); // "valid" binary JSON written as text no JSON parser reads
    return 0;
}
