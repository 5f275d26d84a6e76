#include "canaljsondecoder.h"

#include <cctype>
#include <charconv>
#include <cstdlib>

namespace flowdeck {

namespace {

using Json = nlohmann::ordered_json;

/// A JSON string of ISO-8859-1 characters back to its bytes.
bool latin1Bytes(const std::string &utf8, std::string &out)
{
    out.clear();
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out.push_back(char(c));
        } else if ((c & 0xE0) == 0xC0 && i + 1 < utf8.size() && c <= 0xC3) {
            out.push_back(char(((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F)));
        } else {
            return false;
        }
    }
    return true;
}

bool allDigits(std::string_view s)
{
    if (s.empty())
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

} // namespace

bool CanalJsonDecoder::typedValue(const Json &value, const ColumnInfo &column, Value &out, std::string &reason)
{
    if (value.is_null()) {
        out = Value();
        return true;
    }
    std::string text;
    if (value.is_string())
        text = value.get<std::string>();
    else if (value.is_boolean())
        text = value.get<bool>() ? "1" : "0";
    else if (value.is_number() || value.is_object() || value.is_array())
        text = value.dump();
    const std::string &t = column.dataType;
    auto bad = [&](const char *what) {
        reason = "column `" + column.name + "` (" + (column.columnType.empty() ? t : column.columnType) + "): '" + text
            + "' is not " + what;
        return false;
    };
    if (t == "tinyint" || t == "smallint" || t == "mediumint" || t == "int" || t == "integer" || t == "bigint"
        || t == "year") {
        const char *b = text.data();
        const char *e = b + text.size();
        if (!text.empty() && text[0] != '-') {
            std::uint64_t u = 0;
            auto r = std::from_chars(b, e, u);
            if (r.ec != std::errc() || r.ptr != e)
                return bad("an integer");
            out = u <= std::uint64_t(INT64_MAX) && !column.isUnsigned ? Value::integer(std::int64_t(u)) : Value::unsignedInteger(u);
            return true;
        }
        std::int64_t i = 0;
        auto r = std::from_chars(b, e, i);
        if (r.ec != std::errc() || r.ptr != e)
            return bad("an integer");
        out = Value::integer(i);
        return true;
    }
    if (t == "bit" || t == "enum" || t == "set") {
        if (allDigits(text)) {
            std::uint64_t u = 0;
            auto r = std::from_chars(text.data(), text.data() + text.size(), u);
            if (r.ec != std::errc())
                return bad("a number");
            out = Value::unsignedInteger(u);
            return true;
        }
        if (t == "bit")
            return bad("a number");
        out = Value::text(std::move(text)); // Canal-compatible content: the member names
        return true;
    }
    if (t == "float" || t == "double" || t == "real") {
        char *end = nullptr;
        const double d = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size())
            return bad("a number");
        out = Value::floating(d);
        return true;
    }
    if (t == "decimal" || t == "numeric") {
        std::size_t i = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        bool digits = false, dot = false;
        for (; i < text.size(); ++i) {
            if (text[i] >= '0' && text[i] <= '9')
                digits = true;
            else if (text[i] == '.' && !dot)
                dot = true;
            else
                return bad("a decimal number");
        }
        if (!digits)
            return bad("a decimal number");
        out = Value::decimal(std::move(text));
        return true;
    }
    if (t == "date") {
        out = Value::date(std::move(text));
        return true;
    }
    if (t == "datetime" || t == "timestamp") {
        out = Value::dateTime(std::move(text));
        return true;
    }
    if (t == "time") {
        out = Value::time(std::move(text));
        return true;
    }
    if (column.charset == "binary") {
        std::string bytes;
        if (!latin1Bytes(text, bytes))
            return bad("ISO-8859-1 text (canal-json's form of binary values)");
        out = Value::bytes(std::move(bytes));
        return true;
    }
    out = Value::text(std::move(text));
    return true;
}

void CanalJsonDecoder::decode(const KafkaMessage &message, Batch &out)
{
    if (message.nullValue || message.value.empty()) {
        appendError(message, "canal-json message without a value", out);
        return;
    }
    Json j = Json::parse(message.value.begin(), message.value.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        appendError(message, j.is_discarded() ? "not valid JSON" : "not a JSON object", out);
        return;
    }
    auto str = [&](const char *key) {
        auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const std::string database = str("database");
    const std::string table = str("table");
    const std::string type = str("type");
    std::int64_t es = 0;
    if (auto it = j.find("es"); it != j.end() && it->is_number_integer())
        es = it->get<std::int64_t>();
    bool isDdl = false;
    if (auto it = j.find("isDdl"); it != j.end() && it->is_boolean())
        isDdl = it->get<bool>();

    if (isDdl || (type != "INSERT" && type != "UPDATE" && type != "DELETE" && !type.empty()
                  && j.value("data", Json()).is_null())) {
        Record r;
        r.op = RowOp::Ddl;
        r.position = positionOf(message);
        r.statement = str("sql");
        r.commitTimeMs = es;
        auto info = std::make_shared<TableInfo>();
        info->database = database;
        info->table = table;
        r.table = std::move(info);
        r.schema = std::make_shared<Schema>();
        out.push_back(std::move(r));
        return;
    }
    RowOp op;
    if (type == "INSERT")
        op = RowOp::Insert;
    else if (type == "UPDATE")
        op = RowOp::Update;
    else if (type == "DELETE")
        op = RowOp::Delete;
    else {
        appendError(message, type.empty() ? "no \"type\" (INSERT, UPDATE, DELETE or a DDL type)" : "unknown type \"" + type + '"', out);
        return;
    }
    if (table.empty()) {
        appendError(message, "no \"table\"", out);
        return;
    }
    const auto dataIt = j.find("data");
    if (dataIt == j.end() || !dataIt->is_array() || dataIt->empty() || !(*dataIt)[0].is_object()) {
        appendError(message, "a " + type + " without rows in \"data\"", out);
        return;
    }
    const Json *types = nullptr;
    if (auto it = j.find("mysqlType"); it != j.end() && it->is_object())
        types = &*it;
    m_key.clear();
    if (auto it = j.find("pkNames"); it != j.end() && it->is_array())
        for (const auto &k : *it)
            if (k.is_string())
                m_key.push_back(k.get<std::string>());

    // The columns: the first row's, typed by mysqlType.
    const Json &first = (*dataIt)[0];
    m_tables.begin(database, table);
    for (auto it = first.begin(); it != first.end(); ++it) {
        std::string_view colType;
        if (types) {
            auto t = types->find(it.key());
            if (t != types->end() && t->is_string())
                colType = t->get_ref<const std::string &>();
        }
        m_tables.add(it.key(), colType);
    }
    m_tables.setKey(m_key);
    const DecodedTables::Entry &entry = m_tables.finish();
    const TableInfo &info = *entry.table;
    const std::size_t n = info.columns.size();

    const Json *old = nullptr;
    if (auto it = j.find("old"); it != j.end() && it->is_array())
        old = &*it;
    if (op == RowOp::Update && !old) {
        // TiCDC always sends `old` with an UPDATE; without it the row is still applied.
    }
    const std::size_t firstRecord = out.size();
    std::string reason;
    for (std::size_t row = 0; row < dataIt->size(); ++row) {
        const Json &data = (*dataIt)[row];
        Record r;
        r.position = positionOf(message);
        r.op = op;
        r.table = entry.table;
        r.schema = entry.schema;
        r.commitTimeMs = es;
        r.values.resize(n);
        bool ok = data.is_object() && data.size() == n;
        if (!ok)
            reason = "row " + std::to_string(row) + " of \"data\" does not have the columns of the first row";
        for (std::size_t c = 0; ok && c < n; ++c) {
            auto v = data.find(info.columns[c].name);
            if (v == data.end()) {
                reason = "row " + std::to_string(row) + " of \"data\" has no column `" + info.columns[c].name + '`';
                ok = false;
            } else {
                ok = typedValue(*v, info.columns[c], r.values[c], reason);
            }
        }
        if (ok && op == RowOp::Update) {
            r.before = r.values;
            if (old && row < old->size() && (*old)[row].is_object()) {
                for (auto it = (*old)[row].begin(); ok && it != (*old)[row].end(); ++it) {
                    const int idx = entry.schema->indexOf(it.key());
                    if (idx < 0) {
                        reason = "\"old\" names column `" + it.key() + "`, which \"data\" does not have";
                        ok = false;
                    } else {
                        ok = typedValue(it.value(), info.columns[std::size_t(idx)], r.before[std::size_t(idx)], reason);
                    }
                }
            }
        }
        if (!ok) {
            out.resize(firstRecord); // the message is one unit: all its rows, or an error
            appendError(message, reason, out);
            return;
        }
        out.push_back(std::move(r));
    }
}

} // namespace flowdeck
