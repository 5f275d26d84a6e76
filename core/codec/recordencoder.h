#pragma once

#include "core/codec/encoderoptions.h"
#include "core/model/record.h"

#include <memory>
#include <string>
#include <vector>

namespace flowdeck {

/// One Kafka message made from a record: key and value bytes. `tombstone` is a message with a
/// null value (Debezium's follow-up to a delete); topic and partition are the sink's business.
struct EncodedMessage
{
    std::string key;
    std::string value;
    bool tombstone = false;
    bool ddl = false; // canal-json: goes to partition 0 of the topic, like TiCDC does
    /// Non-empty: the message goes to this topic, not the record's (Debezium's schema changes).
    std::string topic;
};

/// Turns change events into messages of one wire protocol ("canal-json", "debezium-json",
/// "json"). Hot path: build strings directly, no DOM per row. Not thread-safe.
class RecordEncoder
{
public:
    virtual ~RecordEncoder() = default;

    /// Appends the message(s) for `record` to `out` (Debezium: a delete and its tombstone).
    /// Possible errors: InputError for a record the protocol cannot express.
    virtual void encode(const Record &record, std::vector<EncodedMessage> &out) = 0;

    /// A watermark message (TiCDC's resolved ts: every change committed at or before
    /// `commitTimeMs` was sent), for every partition of every topic; false when the protocol
    /// (or its options) has none.
    virtual bool encodeWatermark(std::int64_t commitTimeMs, EncodedMessage &out)
    {
        (void)commitTimeMs;
        (void)out;
        return false;
    }

    /// Possible errors: ConfigError for an unknown protocol.
    static std::unique_ptr<RecordEncoder> create(const std::string &protocol, const EncoderOptions &options = {});
};

} // namespace flowdeck
