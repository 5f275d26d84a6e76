#pragma once

#include "core/codec/decodedtables.h"
#include "core/codec/jsonview.h"
#include "core/codec/messagedecoder.h"

namespace flowdeck {

/// The "json" protocol: the value is the row as one flat JSON object, the key (when a JSON
/// object) its key columns; a null value (tombstone), or a row with Flowdeck's `"_op":"d"`,
/// deletes the row the key names (`_op` is not a column). The table is
/// named after the topic: "db.table" topics give database and table, others the table alone.
/// Values typed from JSON: integers Int (UInt above INT64_MAX), numbers with a fraction
/// Decimal with their exact digits (a DECIMAL(65,30) survives; a DOUBLE column reads the same
/// digits back to the same double), numbers with an exponent Double, booleans Bool, strings
/// Text, objects and arrays Text holding their compact JSON. Every row is an Insert (the
/// replicate mode upserts it). Binary columns arrive as base64 (TableInfo::wireValues).
class JsonDecoder : public MessageDecoder
{
protected:
    void decodeMessage(const KafkaMessage &message, Batch &out) override;

private:
    Value valueOf(const JsonView::Node &node) const;
    void appendJson(const JsonView::Node &node, std::string &out) const;

    DecodedTables m_tables;
    JsonView m_json;
    std::vector<std::string> m_key;
    std::string m_error;
};

} // namespace flowdeck
