#pragma once

#include "core/model/record.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace flowdeck {

/// One Kafka message as a decoder sees it. The views stay valid only during decode().
struct KafkaMessage
{
    std::string_view topic;
    std::int32_t partition = -1;
    std::int64_t offset = -1;
    std::int64_t timestampMs = 0;
    std::string_view key;
    std::string_view value;
    bool nullValue = false; // a tombstone: the message has no value at all
};

/// Turns messages of one wire protocol ("canal-json", "debezium-json", "json") back into change
/// events: op, the source table (database, name, columns with their MySQL types, key), the row
/// (values typed from the protocol's type information), the row before an update, and the
/// commit time. The inverse of RecordEncoder, for the formats as TiCDC and Debezium write them.
///
/// A message that cannot be decoded becomes one error record (Record::error names the reason,
/// Record::raw holds the value, the position names topic, partition and offset): the engine
/// stops or dead-letters it as the flow says, and decoding goes on. Not thread-safe.
class MessageDecoder
{
public:
    virtual ~MessageDecoder() = default;

    /// Appends the record(s) of `message` to `out`: canal-json may carry several rows in one
    /// message, a Debezium tombstone is a delete by key. Never throws for bad input: a message
    /// nested deeper than kMaxNesting levels, and anything a decoder throws while decoding one
    /// (a field of an unexpected JSON type, running out of memory), becomes that message's error
    /// record, so the flow's errorHandling decides and the next message is decoded.
    void decode(const KafkaMessage &message, Batch &out);

    /// JSON deeper than this (in the key or the value) is refused before it is parsed.
    static constexpr int kMaxNesting = 128;

    /// Possible errors: ConfigError for an unknown protocol.
    static std::unique_ptr<MessageDecoder> create(const std::string &protocol);

protected:
    /// The decoder's work; may throw (decode() turns that into an error record).
    virtual void decodeMessage(const KafkaMessage &message, Batch &out) = 0;
    /// Appends an error record for `message`.
    static void appendError(const KafkaMessage &message, const std::string &reason, Batch &out);
    static Position positionOf(const KafkaMessage &message);
};

} // namespace flowdeck
