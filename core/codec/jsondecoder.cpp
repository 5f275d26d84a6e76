#include "core/codec/jsondecoder.h"

#include "core/codec/debeziumjsondecoder.h"

#include <charconv>
#include <map>

namespace flowdeck {

namespace {

using Json = nlohmann::ordered_json;

/// Builds the DOM as nlohmann does, and keeps the text of the row's top-level numbers with a
/// fraction that a double cannot hold exactly ("9.90", "-12345678901234567890.1234"): those
/// become DECIMAL values instead of doubles.
class ExactNumberSax
{
public:
    explicit ExactNumberSax(Json &root)
        : m_dom(root, false)
    {
    }
    std::map<std::string, std::string> decimals;

    bool null() { return m_dom.null(); }
    bool boolean(bool b) { return m_dom.boolean(b); }
    bool number_integer(Json::number_integer_t v) { return m_dom.number_integer(v); }
    bool number_unsigned(Json::number_unsigned_t v) { return m_dom.number_unsigned(v); }
    bool number_float(Json::number_float_t v, const Json::string_t &raw)
    {
        if (m_depth == 1 && raw.find_first_of("eE") == std::string::npos) {
            char buf[64];
            const auto res = std::to_chars(buf, buf + sizeof buf, v);
            if (std::string_view(buf, std::size_t(res.ptr - buf)) != raw)
                decimals[m_key] = raw;
        }
        return m_dom.number_float(v, raw);
    }
    bool string(Json::string_t &v) { return m_dom.string(v); }
    bool binary(Json::binary_t &v) { return m_dom.binary(v); }
    bool start_object(std::size_t n) { ++m_depth; return m_dom.start_object(n); }
    bool key(Json::string_t &k)
    {
        if (m_depth == 1)
            m_key = k;
        return m_dom.key(k);
    }
    bool end_object() { --m_depth; return m_dom.end_object(); }
    bool start_array(std::size_t n) { ++m_depth; return m_dom.start_array(n); }
    bool end_array() { --m_depth; return m_dom.end_array(); }
    bool parse_error(std::size_t pos, const std::string &token, const nlohmann::detail::exception &e)
    {
        return m_dom.parse_error(pos, token, e);
    }

private:
    nlohmann::detail::json_sax_dom_parser<Json> m_dom;
    int m_depth = 0;
    std::string m_key;
};

} // namespace

void JsonDecoder::decode(const KafkaMessage &message, Batch &out)
{
    Json key;
    std::map<std::string, std::string> decimals;
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
        ExactNumberSax sax(row);
        const bool parsed = Json::sax_parse(message.value.begin(), message.value.end(), &sax) && !row.is_discarded();
        if (!parsed || !row.is_object()) {
            appendError(message, !parsed ? "not valid JSON" : "not a JSON object", out);
            return;
        }
        decimals = std::move(sax.decimals);
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
    for (auto it = row.begin(); it != row.end(); ++it, ++c) {
        if (auto d = decimals.find(it.key()); d != decimals.end() && it.value().is_number_float())
            r.values[c] = Value::decimal(d->second);
        else
            DebeziumJsonDecoder::typedValue(it.value(), untyped, r.values[c], reason); // untyped: never fails
    }
    out.push_back(std::move(r));
}

} // namespace flowdeck
