// libFuzzer target: a TABLE_MAP event followed by a ROWS event, as the binlog reader sees them.
// Input: table-map body length (2 bytes, little-endian), the table-map body, the rows event type
// (1 byte: 23-25 v1, 30-32 v2), then the rows body. Documented failures are flowdeck::Error
// ("malformed ... event"); anything else is a finding.
#include "core/mysql/binlog/binlogrowdecoder.h"
#include "core/mysql/binlog/binlogtablemap.h"
#include "core/model/errors.h"

#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 3)
        return 0;
    const std::size_t mapSize = std::size_t(data[0]) | std::size_t(data[1]) << 8;
    if (size < 2 + mapSize + 1)
        return 0;
    const std::uint8_t *map = data + 2;
    static const std::uint8_t kTypes[] = {23, 24, 25, 30, 31, 32};
    const std::uint8_t eventType = kTypes[map[mapSize] % 6];
    const std::uint8_t *rows = map + mapSize + 1;
    const std::size_t rowsSize = size - 2 - mapSize - 1;
    try {
        const flowdeck::BinlogTableMap table = flowdeck::BinlogTableMap::parse(map, mapSize);
        std::vector<flowdeck::BinlogRowChange> out;
        flowdeck::BinlogRowDecoder::decode(table, eventType, rows, rowsSize, out);
    } catch (const flowdeck::Error &) {
    }
    return 0;
}
