// libFuzzer target: the JSON Lines reader over a string, with a tiny block size when the first
// byte's top bit is set. Bad lines come back as error records; nothing may throw.
#include "core/file/jsonlreader.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    flowdeck::JsonlReader reader;
    reader.setBlockSize((data[0] & 0x80) ? 5 : 4096);
    reader.openString(std::string(reinterpret_cast<const char *>(data) + 1, size - 1), "fuzz.jsonl");
    flowdeck::Record record;
    std::uint64_t lastOffset = 0;
    while (reader.next(record)) {
        if (reader.offset() < lastOffset)
            __builtin_trap();
        lastOffset = reader.offset();
    }
    return 0;
}
