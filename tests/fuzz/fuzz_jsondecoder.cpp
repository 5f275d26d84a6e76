// libFuzzer target: one Kafka message through the "json" decoder. The first byte splits the
// input into key and value, so JSON keys (the row's key columns) are fuzzed as well; the decoder
// must never throw for bad input.
#include "core/codec/messagedecoder.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const auto decoder = flowdeck::MessageDecoder::create("json");
    const std::string_view all(reinterpret_cast<const char *>(data), size);
    flowdeck::KafkaMessage message;
    message.topic = "shop.orders";
    message.partition = 0;
    message.offset = 1;
    if (!all.empty() && all.front() == '\x01') {
        // "\x01" key "\x01" value: a keyed message; a lone key (no second separator) is a tombstone.
        const std::size_t split = all.find('\x01', 1);
        message.key = all.substr(1, split == std::string_view::npos ? std::string_view::npos : split - 1);
        if (split == std::string_view::npos)
            message.nullValue = true;
        else
            message.value = all.substr(split + 1);
    } else {
        message.value = all;
    }
    flowdeck::Batch out;
    decoder->decode(message, out);
    return 0;
}
