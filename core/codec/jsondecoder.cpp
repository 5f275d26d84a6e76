#include "core/codec/jsondecoder.h"

#include "core/codec/debeziumjsondecoder.h"

namespace flowdeck {

void JsonDecoder::decodeMessage(const KafkaMessage &message, Batch &out)
{
    using Json = nlohmann::ordered_json;
    Json key;
    if (!message.key.empty()) {
        key = Json::parse(message.key.begin(), message.key.end(), nullptr, false);
        if (key.is_discarded())
            key = Json();
    }
    m_key.clear();
    if (key.is_object())
        for (auto it = key.begin(); it != key.end(); ++it)
            m_key.push_back(it.key());
    const std::string topic(message.topic);
    const std::size_t dot = topic.find('.');
    const std::string database = dot == std::string::npos ? std::string() : topic.substr(0, dot);
    const std::string table = dot == std::string::npos ? topic : topic.substr(dot + 1);

    const bool tombstone = message.nullValue || message.value == "null";
    Json row;
    if (tombstone) {
        if (!key.is_object() || key.empty()) {
            appendError(message, "a null value (delete) whose key is not a JSON object of key columns", out);
            return;
        }
        row = key;
    } else {
        row = Json::parse(message.value.begin(), message.value.end(), nullptr, false);
        if (row.is_discarded() || !row.is_object()) {
            appendError(message, row.is_discarded() ? "not valid JSON" : "not a JSON object", out);
            return;
        }
    }
    // Flowdeck's json encoder marks a deleted row with "_op":"d" (docs/wire-formats.md).
    bool deleted = tombstone;
    if (auto op = row.find("_op"); !tombstone && op != row.end()) {
        deleted = op->is_string() && op->get<std::string>() == "d";
        row.erase("_op");
    }
    m_tables.begin(database, tombstone ? table + "\x01key" : table);
    for (auto it = row.begin(); it != row.end(); ++it)
        m_tables.add(it.key(), "");
    m_tables.setKey(m_key);
    const DecodedTables::Entry &entry = m_tables.finish();
    Record r;
    r.position = positionOf(message);
    r.op = deleted ? RowOp::Delete : RowOp::Insert;
    if (tombstone) {
        auto info = std::make_shared<TableInfo>(*entry.table);
        info->table = table;
        r.table = std::move(info);
    } else {
        r.table = entry.table;
    }
    r.schema = entry.schema;
    r.commitTimeMs = message.timestampMs;
    r.values.resize(row.size());
    const DebeziumJsonDecoder::FieldType untyped;
    std::string reason;
    std::size_t c = 0;
    for (auto it = row.begin(); it != row.end(); ++it, ++c)
        DebeziumJsonDecoder::typedValue(it.value(), untyped, r.values[c], reason); // untyped: never fails
    out.push_back(std::move(r));
}

} // namespace flowdeck
