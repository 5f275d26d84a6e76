#pragma once

#include "core/codec/jsonwriter.h"
#include "core/codec/recordencoder.h"

namespace flowdeck {

/// json: each row change as one flat object of the row's columns (docs/wire-formats.md, "json").
/// Inserts and updates write the row after the change; a delete writes the deleted row with one
/// more field, `"_op":"d"`. DDL records produce no message.
///
/// Values are typed: integers and doubles as JSON numbers (doubles shortest round-trip, NaN and
/// infinities as null), DECIMAL as a JSON number written digit for digit from its exact text (a
/// consumer that parses into doubles loses precision; one that keeps the text does not), bytes
/// (and any value of a binary column) as base64 strings, booleans as true/false, dates, times
/// and text as strings. Key: the primary-key columns as an object of the same typed values.
class JsonRowEncoder : public RecordEncoder
{
public:
    void encode(const Record &record, std::vector<EncodedMessage> &out) override;

    /// One value as this encoder types it (the file destination's JSON Lines use it too).
    static void writeValue(JsonWriter &w, const ColumnInfo *column, const Value &v);
};

} // namespace flowdeck
