#include "core/codec/jsondecoder.h"

#include "core/codec/jsonwriter.h"

#include <charconv>
#include <cstdlib>

namespace flowdeck {

namespace {

using Node = JsonView::Node;
using Type = JsonView::Type;

} // namespace

void JsonDecoder::appendJson(const Node &node, std::string &out) const
{
    JsonWriter w(out);
    switch (node.type) {
    case Type::Null: w.null(); return;
    case Type::Bool: w.boolean(node.boolean); return;
    case Type::Number: w.raw(node.text); return;
    case Type::String: w.string(node.text); return;
    case Type::Array:
    case Type::Object: {
        const bool object = node.type == Type::Object;
        w.raw(object ? '{' : '[');
        bool first = true;
        for (const Node *c = m_json.child(node); c; c = m_json.sibling(*c)) {
            if (!first)
                w.raw(',');
            first = false;
            if (object) {
                w.string(c->key);
                w.raw(':');
            }
            appendJson(*c, out);
        }
        w.raw(object ? '}' : ']');
        return;
    }
    }
}

Value JsonDecoder::valueOf(const Node &node) const
{
    switch (node.type) {
    case Type::Null: return Value::null();
    case Type::Bool: return Value::boolean(node.boolean);
    case Type::String: return Value::text(std::string(node.text));
    case Type::Number: {
        const std::string_view t = node.text;
        const char *b = t.data(), *e = t.data() + t.size();
        if (t.find_first_of(".eE") == std::string_view::npos) {
            std::int64_t i = 0;
            if (auto r = std::from_chars(b, e, i); r.ec == std::errc() && r.ptr == e)
                return Value::integer(i);
            std::uint64_t u = 0;
            if (auto r = std::from_chars(b, e, u); r.ec == std::errc() && r.ptr == e)
                return Value::unsignedInteger(u);
        } else if (t.find_first_of("eE") == std::string_view::npos) {
            return Value::decimal(std::string(t)); // exact digits: a DECIMAL(65,30) is not a double
        }
        return Value::floating(std::strtod(std::string(t).c_str(), nullptr));
    }
    case Type::Array:
    case Type::Object: {
        std::string json;
        appendJson(node, json);
        return Value::text(std::move(json));
    }
    }
    return Value::null();
}

void JsonDecoder::decodeMessage(const KafkaMessage &message, Batch &out)
{
    const std::string topic(message.topic);
    const std::size_t dot = topic.find('.');
    const std::string database = dot == std::string::npos ? std::string() : topic.substr(0, dot);
    const std::string table = dot == std::string::npos ? topic : topic.substr(dot + 1);
    const bool tombstone = message.nullValue || message.value == "null";

    // The key's column names (a tombstone's row is the key itself).
    m_key.clear();
    bool keyIsObject = false;
    if (!message.key.empty() && m_json.parse(message.key, m_error) && m_json.root().type == Type::Object) {
        keyIsObject = m_json.root().count > 0;
        for (const Node *k = m_json.child(m_json.root()); k; k = m_json.sibling(*k))
            m_key.emplace_back(k->key);
    }
    if (tombstone) {
        if (!keyIsObject) {
            appendError(message, "a null value (delete) whose key is not a JSON object of key columns", out);
            return;
        }
    } else if (!m_json.parse(message.value, m_error)) {
        appendError(message, "not valid JSON", out);
        return;
    } else if (m_json.root().type != Type::Object) {
        appendError(message, "not a JSON object", out);
        return;
    }
    const Node &row = m_json.root();
    // Flowdeck's json encoder marks a deleted row with "_op":"d" (docs/wire-formats.md).
    bool deleted = tombstone;
    const Node *op = tombstone ? nullptr : m_json.find(row, "_op");
    if (op)
        deleted = op->type == Type::String && op->text == "d";
    m_tables.begin(database, tombstone ? table + "\x01key" : table);
    m_tables.setWireValues(WireValues::JsonUntyped); // binary columns are base64
    std::size_t columns = 0;
    for (const Node *c = m_json.child(row); c; c = m_json.sibling(*c))
        if (c != op) {
            m_tables.add(c->key, "");
            ++columns;
        }
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
    r.values.reserve(columns);
    for (const Node *c = m_json.child(row); c; c = m_json.sibling(*c))
        if (c != op)
            r.values.push_back(valueOf(*c));
    out.push_back(std::move(r));
}

} // namespace flowdeck
