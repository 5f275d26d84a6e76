// libFuzzer target: one Kafka message through the debezium-json decoder. The decoder's contract is
// "never throws for bad input": any exception, crash or leak is a finding.
#include "core/codec/messagedecoder.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const auto decoder = flowdeck::MessageDecoder::create("debezium-json");
    flowdeck::KafkaMessage message;
    message.topic = "fuzz";
    message.partition = 0;
    message.offset = 1;
    message.value = std::string_view(reinterpret_cast<const char *>(data), size);
    flowdeck::Batch out;
    decoder->decode(message, out); // one decoder for all inputs: state carried between messages is fuzzed too
    return 0;
}
