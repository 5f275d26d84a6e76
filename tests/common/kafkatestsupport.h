#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace flowdeck::test {

/// A message read back from a topic.
struct ConsumedMessage
{
    std::int32_t partition;
    std::string key;
    std::string value;
};

/// Reads every message of `topic` (partitions 0..partitions-1) from the beginning to the end, with
/// a plain librdkafka consumer: partitions assigned directly, no group, no rebalance delay.
/// Throws flowdeck::Error on a consumer error or after 20 s without reaching the end.
std::vector<ConsumedMessage> consumeAll(const std::string &bootstrap, const std::string &topic, int partitions);

} // namespace flowdeck::test
