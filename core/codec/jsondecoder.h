#pragma once

#include "core/codec/decodedtables.h"
#include "core/codec/messagedecoder.h"

namespace flowdeck {

/// The "json" protocol: the value is the row as one flat JSON object, the key (when a JSON
/// object) its key columns; a null value (tombstone), or a row with Flowdeck's `"_op":"d"`,
/// deletes the row the key names (`_op` is not a column). The table is
/// named after the topic: "db.table" topics give database and table, others the table alone.
/// Values typed from JSON: integers Int (UInt above INT64_MAX), other numbers Double, booleans
/// Bool, strings Text, objects and arrays Text holding their JSON. Every row is an Insert (the
/// replicate mode upserts it).
class JsonDecoder : public MessageDecoder
{
protected:
    void decodeMessage(const KafkaMessage &message, Batch &out) override;

private:
    DecodedTables m_tables;
    std::vector<std::string> m_key;
};

} // namespace flowdeck
