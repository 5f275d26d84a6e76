// libFuzzer target: the CSV reader over a string. The first byte picks the options (header,
// delimiter, quote) and a small block size, so records straddle block boundaries. Bad records
// come back as error records; only an unusable header row may throw (InputError), as documented.
#include "core/file/csvreader.h"
#include "core/model/errors.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::uint8_t mode = data[0];
    static const char delimiters[] = {',', ';', '\t', '|'};
    static const char quotes[] = {'"', '\''};
    flowdeck::CsvOptions options;
    options.header = (mode & 1) != 0;
    options.delimiter = delimiters[(mode >> 1) & 3];
    options.quote = quotes[(mode >> 3) & 1];
    flowdeck::CsvReader reader(options);
    reader.setBlockSize((mode & 0x80) ? 7 : 4096);
    try {
        reader.openString(std::string(reinterpret_cast<const char *>(data) + 1, size - 1), "fuzz.csv");
    } catch (const flowdeck::InputError &) {
        return 0; // the header row itself is malformed
    }
    flowdeck::Record record;
    std::uint64_t lastOffset = 0;
    while (reader.next(record)) {
        if (reader.offset() < lastOffset)
            __builtin_trap(); // reading must always move forward
        lastOffset = reader.offset();
    }
    return 0;
}
