// libFuzzer target: a TABLE_MAP event body (after the 19-byte header, without checksum). The
// documented failure is Error "malformed TABLE_MAP event: ..."; anything else is a finding.
#include "core/mysql/binlog/binlogtablemap.h"
#include "core/model/errors.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    try {
        const flowdeck::BinlogTableMap map = flowdeck::BinlogTableMap::parse(data, size);
        for (const auto &column : map.columns)
            (void)column.dataType();
    } catch (const flowdeck::Error &) {
    }
    return 0;
}
