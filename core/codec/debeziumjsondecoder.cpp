#include "core/codec/debeziumjsondecoder.h"

#include "core/model/base64.h"

#include <array>
#include <cstdint>
#include <vector>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace flowdeck {

namespace {

using Json = nlohmann::ordered_json;

/// H. Hinnant's civil_from_days.
void civilFromDays(std::int64_t z, int &y, unsigned &m, unsigned &d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = int(yy + (m <= 2));
}

std::string dateText(std::int64_t days)
{
    int y = 0;
    unsigned m = 0, d = 0;
    civilFromDays(days, y, m, d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
}

/// "HH:MM:SS[.ffffff]" of `micros` within a day (or beyond, for TIME), fraction only when not zero.
std::string clockText(std::int64_t micros)
{
    const bool neg = micros < 0;
    if (neg)
        micros = -micros;
    const std::int64_t secs = micros / 1000000;
    const std::int64_t frac = micros % 1000000;
    char buf[48];
    int n = std::snprintf(buf, sizeof buf, "%s%02lld:%02lld:%02lld", neg ? "-" : "", (long long)(secs / 3600),
                          (long long)(secs / 60 % 60), (long long)(secs % 60));
    std::string s(buf, std::size_t(n));
    if (frac) {
        std::snprintf(buf, sizeof buf, ".%06lld", (long long)frac);
        std::string f(buf);
        while (f.back() == '0')
            f.pop_back();
        s += f;
    }
    return s;
}

std::string dateTimeText(std::int64_t micros)
{
    std::int64_t days = micros / 86400000000LL;
    std::int64_t rest = micros % 86400000000LL;
    if (rest < 0) {
        rest += 86400000000LL;
        --days;
    }
    return dateText(days) + ' ' + clockText(rest);
}

/// A two's-complement big-endian unscaled integer (Kafka Connect's Decimal) of any length as
/// decimal text (DECIMAL(65) needs 28 bytes).
bool decimalText(const std::string &bytes, int scale, std::string &out)
{
    if (bytes.empty() || bytes.size() > 64)
        return false;
    std::vector<unsigned char> magnitude(bytes.begin(), bytes.end());
    const bool neg = magnitude[0] & 0x80;
    if (neg) { // two's complement: invert and add one
        for (auto &b : magnitude)
            b = static_cast<unsigned char>(~b);
        for (std::size_t i = magnitude.size(); i-- > 0;)
            if (++magnitude[i] != 0)
                break;
    }
    // Base 256 to base 10^9 limbs (least significant first).
    std::vector<std::uint32_t> limbs;
    for (unsigned char b : magnitude) {
        std::uint64_t carry = b;
        for (auto &limb : limbs) {
            const std::uint64_t v = std::uint64_t(limb) * 256 + carry;
            limb = std::uint32_t(v % 1000000000);
            carry = v / 1000000000;
        }
        while (carry) {
            limbs.push_back(std::uint32_t(carry % 1000000000));
            carry /= 1000000000;
        }
    }
    std::string digits = limbs.empty() ? std::string("0") : std::to_string(limbs.back());
    for (std::size_t i = limbs.size() > 0 ? limbs.size() - 1 : 0; i-- > 0;) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%09u", limbs[i]);
        digits += buf;
    }
    if (scale > 0) {
        while (int(digits.size()) <= scale)
            digits.insert(digits.begin(), '0');
        digits.insert(digits.end() - scale, '.');
    }
    out = neg ? '-' + digits : digits;
    return true;
}

const Json *unwrap(const Json &j, const Json **schema)
{
    if (j.is_object() && j.size() == 2 && j.contains("schema") && j.contains("payload")) {
        if (schema)
            *schema = &j["schema"];
        return &j["payload"];
    }
    if (schema)
        *schema = nullptr;
    return &j;
}

} // namespace

DebeziumJsonDecoder::FieldType DebeziumJsonDecoder::fieldType(const Json &field)
{
    FieldType t;
    t.type = field.value("type", std::string());
    t.logical = field.value("name", std::string());
    const Json params = field.value("parameters", Json::object());
    auto param = [&](const char *key) {
        auto it = params.find(key);
        return it != params.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const std::string &n = t.logical;
    if (n == "io.debezium.time.Date" || n == "org.apache.kafka.connect.data.Date")
        t.mysqlType = "date";
    else if (n == "org.apache.kafka.connect.data.Timestamp")
        t.mysqlType = "datetime(3)";
    else if (n == "org.apache.kafka.connect.data.Time")
        t.mysqlType = "time(3)";
    else if (n == "io.debezium.time.Timestamp")
        t.mysqlType = "datetime(3)";
    else if (n == "io.debezium.time.MicroTimestamp" || n == "io.debezium.time.NanoTimestamp")
        t.mysqlType = "datetime(6)";
    else if (n == "io.debezium.time.ZonedTimestamp")
        t.mysqlType = "timestamp(6)";
    else if (n == "io.debezium.time.MicroTime" || n == "io.debezium.time.NanoTime")
        t.mysqlType = "time(6)";
    else if (n == "io.debezium.time.Time")
        t.mysqlType = "time(3)";
    else if (n == "io.debezium.time.Year")
        t.mysqlType = "year";
    else if (n == "io.debezium.data.Json")
        t.mysqlType = "json";
    else if (n == "io.debezium.data.geometry.Geometry")
        t.mysqlType = "geometry";
    else if (n == "io.debezium.data.geometry.Point")
        t.mysqlType = "point";
    else if (n == "io.debezium.data.Bits")
        t.mysqlType = "bit(" + (param("length").empty() ? std::string("64") : param("length")) + ')';
    else if (n == "io.debezium.data.Enum" || n == "io.debezium.data.EnumSet") {
        std::string members;
        const std::string allowed = param("allowed");
        std::size_t start = 0;
        while (start <= allowed.size() && !allowed.empty()) {
            std::size_t end = allowed.find(',', start);
            if (end == std::string::npos)
                end = allowed.size();
            std::string m = allowed.substr(start, end - start);
            std::string quoted;
            for (char c : m)
                quoted += c == '\'' ? std::string("''") : std::string(1, c);
            members += (members.empty() ? "'" : ",'") + quoted + '\'';
            start = end + 1;
        }
        t.mysqlType = (n == "io.debezium.data.Enum" ? "enum(" : "set(") + members + ')';
    } else if (n == "org.apache.kafka.connect.data.Decimal") {
        t.scale = std::atoi(param("scale").c_str());
        const std::string precision = param("connect.decimal.precision");
        t.mysqlType = "decimal(" + (precision.empty() ? std::string("65") : precision) + ',' + std::to_string(t.scale) + ')';
    } else if (t.type == "int8")
        t.mysqlType = "tinyint";
    else if (t.type == "int16")
        t.mysqlType = "smallint";
    else if (t.type == "int32")
        t.mysqlType = "int";
    else if (t.type == "int64")
        t.mysqlType = "bigint";
    else if (t.type == "float" || t.type == "float32")
        t.mysqlType = "float";
    else if (t.type == "double" || t.type == "float64")
        t.mysqlType = "double";
    else if (t.type == "boolean")
        t.mysqlType = "tinyint(1)";
    else if (t.type == "bytes")
        t.mysqlType = "blob";
    else if (t.type == "string")
        t.mysqlType = "varchar";
    return t;
}

bool DebeziumJsonDecoder::typedValue(const Json &value, const FieldType &type, Value &out, std::string &reason)
{
    if (value.is_null()) {
        out = Value();
        return true;
    }
    const std::string &n = type.logical;
    auto integer = [&](std::int64_t &i) {
        if (!value.is_number_integer()) {
            reason = "expected an integer for " + (n.empty() ? type.type : n) + ", got " + value.dump();
            return false;
        }
        i = value.get<std::int64_t>();
        return true;
    };
    std::int64_t i = 0;
    if (n == "io.debezium.time.Date" || n == "org.apache.kafka.connect.data.Date") {
        if (!integer(i))
            return false;
        out = Value::date(dateText(i));
        return true;
    }
    const bool millisStamp = n == "io.debezium.time.Timestamp" || n == "org.apache.kafka.connect.data.Timestamp";
    if (millisStamp || n == "io.debezium.time.MicroTimestamp" || n == "io.debezium.time.NanoTimestamp") {
        if (!integer(i))
            return false;
        const std::int64_t micros = millisStamp ? i * 1000 : n == "io.debezium.time.NanoTimestamp" ? i / 1000 : i;
        out = Value::dateTime(dateTimeText(micros));
        return true;
    }
    const bool millisTime = n == "io.debezium.time.Time" || n == "org.apache.kafka.connect.data.Time";
    if (millisTime || n == "io.debezium.time.MicroTime" || n == "io.debezium.time.NanoTime") {
        if (!integer(i))
            return false;
        const std::int64_t micros = millisTime ? i * 1000 : n == "io.debezium.time.NanoTime" ? i / 1000 : i;
        out = Value::time(clockText(micros));
        return true;
    }
    if (n == "io.debezium.time.ZonedTimestamp") {
        if (!value.is_string()) {
            reason = "expected an ISO-8601 timestamp, got " + value.dump();
            return false;
        }
        std::string s = value.get<std::string>();
        if (!s.empty() && s.back() == 'Z')
            s.pop_back();
        if (s.size() > 10 && s[10] == 'T')
            s[10] = ' ';
        out = Value::dateTime(std::move(s));
        return true;
    }
    if (n == "io.debezium.data.Bits" || n == "org.apache.kafka.connect.data.Decimal" || type.type == "bytes") {
        std::string bytes;
        if (!value.is_string() || !base64Decode(value.get<std::string>(), bytes)) {
            reason = "expected base64 bytes, got " + value.dump();
            return false;
        }
        if (n == "io.debezium.data.Bits") {
            std::uint64_t u = 0;
            for (std::size_t b = bytes.size(); b-- > 0;)
                u = (u << 8) | static_cast<unsigned char>(bytes[b]); // least significant byte first
            out = Value::unsignedInteger(u);
        } else if (n == "org.apache.kafka.connect.data.Decimal") {
            std::string text;
            if (!decimalText(bytes, type.scale, text)) {
                reason = "a decimal of " + std::to_string(bytes.size()) + " bytes (at most 64)";
                return false;
            }
            out = Value::decimal(std::move(text));
        } else {
            out = Value::bytes(std::move(bytes));
        }
        return true;
    }
    if (value.is_object() && value.contains("wkb")) {
        // io.debezium.data.geometry.Geometry / Point {wkb, srid}: back to the server's internal
        // form, the little-endian SRID (null: 0) then the WKB.
        const Json &wkb = value["wkb"];
        const Json srid = value.value("srid", Json());
        std::string bytes;
        const auto x = value.find("x"), y = value.find("y");
        if (wkb.is_null() && x != value.end() && y != value.end() && x->is_number() && y->is_number()) {
            // An older Point without its WKB: the point's WKB from x and y (little-endian).
            bytes = std::string("\x01\x01\0\0\0", 5);
            for (const double d : {x->get<double>(), y->get<double>()}) {
                unsigned char b[8];
                std::memcpy(b, &d, 8); // the host is little-endian (x86-64, arm64)
                bytes.append(reinterpret_cast<const char *>(b), 8);
            }
        } else if (!wkb.is_string() || !base64Decode(wkb.get<std::string>(), bytes) || bytes.size() < 5) {
            reason = "expected a geometry's WKB in base64, got " + wkb.dump();
            return false;
        }
        if (!srid.is_null() && !(srid.is_number_integer() && srid.get<std::int64_t>() >= 0 && srid.get<std::int64_t>() <= INT64_C(4294967295))) {
            reason = "expected a geometry's SRID (a number or null), got " + srid.dump();
            return false;
        }
        const std::uint32_t id = srid.is_null() ? 0 : std::uint32_t(srid.get<std::int64_t>());
        std::string internal(4, '\0');
        for (int b = 0; b < 4; ++b)
            internal[std::size_t(b)] = static_cast<char>((id >> (8 * b)) & 0xFF);
        out = Value::bytes(internal + bytes);
        return true;
    }
    if (value.is_boolean())
        out = Value::boolean(value.get<bool>());
    else if (value.is_number_unsigned() && value.get<std::uint64_t>() > std::uint64_t(INT64_MAX))
        out = Value::unsignedInteger(value.get<std::uint64_t>());
    else if (value.is_number_integer())
        out = Value::integer(value.get<std::int64_t>());
    else if (value.is_number_float())
        out = Value::floating(value.get<double>());
    else if (value.is_string())
        out = Value::text(value.get<std::string>());
    else
        out = Value::text(value.dump()); // structs and arrays: their JSON
    return true;
}

void DebeziumJsonDecoder::decodeTombstone(const KafkaMessage &message, Batch &out)
{
    Json k = Json::parse(message.key.begin(), message.key.end(), nullptr, false);
    const Json *keySchema = nullptr;
    const Json *key = k.is_discarded() ? nullptr : unwrap(k, &keySchema);
    if (!key || !key->is_object() || key->empty()) {
        appendError(message, "a tombstone (null value) whose key is not a JSON object of key columns", out);
        return;
    }
    std::string database, table;
    if (auto it = m_topicTables.find(std::string(message.topic)); it != m_topicTables.end()) {
        database = it->second.first;
        table = it->second.second;
    } else {
        const std::string topic(message.topic);
        const std::size_t last = topic.rfind('.');
        table = last == std::string::npos ? topic : topic.substr(last + 1);
        if (last != std::string::npos && last > 0) {
            const std::size_t prev = topic.rfind('.', last - 1);
            database = topic.substr(prev == std::string::npos ? 0 : prev + 1, last - (prev == std::string::npos ? 0 : prev + 1));
        }
    }
    m_types.clear();
    m_key.clear();
    m_tables.begin(database, std::string(table) + "\x01key"); // key-only version of the table
    m_tables.setWireValues(keySchema ? WireValues::DebeziumTyped : WireValues::DebeziumSchemaless);
    for (auto it = key->begin(); it != key->end(); ++it) {
        FieldType t;
        if (keySchema && keySchema->contains("fields"))
            for (const auto &f : (*keySchema)["fields"])
                if (f.value("field", std::string()) == it.key())
                    t = fieldType(f);
        m_tables.add(it.key(), t.mysqlType);
        m_key.push_back(it.key());
        m_types.push_back(std::move(t));
    }
    m_tables.setKey(m_key);
    const DecodedTables::Entry &entry = m_tables.finish();
    Record r;
    r.position = positionOf(message);
    r.op = RowOp::Delete;
    auto info = std::make_shared<TableInfo>(*entry.table);
    info->table = table;
    r.table = std::move(info);
    r.schema = entry.schema;
    r.commitTimeMs = message.timestampMs;
    r.values.resize(m_types.size());
    std::size_t c = 0;
    std::string reason;
    for (auto it = key->begin(); it != key->end(); ++it, ++c) {
        if (!typedValue(it.value(), m_types[c], r.values[c], reason)) {
            appendError(message, "key column `" + it.key() + "`: " + reason, out);
            return;
        }
    }
    out.push_back(std::move(r));
}

void DebeziumJsonDecoder::decodeMessage(const KafkaMessage &message, Batch &out)
{
    std::string slot(message.topic);
    slot.push_back('\0');
    slot += std::to_string(message.partition);
    if (message.nullValue) {
        // Debezium follows each delete with a tombstone of the same key for log compaction:
        // the row is already deleted, the tombstone changes nothing.
        auto it = m_lastDeleteKey.find(slot);
        const bool afterDelete = it != m_lastDeleteKey.end() && it->second == message.key;
        if (it != m_lastDeleteKey.end())
            m_lastDeleteKey.erase(it);
        if (!afterDelete)
            decodeTombstone(message, out);
        return;
    }
    const std::size_t first = out.size();
    decodeValue(message, out);
    if (out.size() == first + 1 && !out.back().isError() && out.back().op == RowOp::Delete)
        m_lastDeleteKey[slot].assign(message.key);
    else
        m_lastDeleteKey.erase(slot);
}

void DebeziumJsonDecoder::decodeValue(const KafkaMessage &message, Batch &out)
{
    Json j = Json::parse(message.value.begin(), message.value.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        appendError(message, j.is_discarded() ? "not valid JSON" : "not a JSON object", out);
        return;
    }
    const Json *schema = nullptr;
    const Json &p = *unwrap(j, &schema);
    if (!p.is_object()) {
        appendError(message, "the payload is not a JSON object", out);
        return;
    }
    const Json source = p.value("source", Json::object());
    std::string database = source.is_object() ? source.value("db", std::string()) : std::string();
    std::string table;
    if (source.is_object() && source.contains("table") && source["table"].is_string())
        table = source["table"].get<std::string>();
    std::int64_t commit = 0;
    if (source.is_object() && source.contains("ts_ms") && source["ts_ms"].is_number_integer())
        commit = source["ts_ms"].get<std::int64_t>();

    if (p.contains("ddl") && p["ddl"].is_string()) {
        Record r;
        r.op = RowOp::Ddl;
        r.position = positionOf(message);
        r.statement = p["ddl"].get<std::string>();
        r.commitTimeMs = commit;
        auto info = std::make_shared<TableInfo>();
        info->database = p.contains("databaseName") && p["databaseName"].is_string() ? p["databaseName"].get<std::string>() : database;
        info->table = table;
        r.table = std::move(info);
        r.schema = std::make_shared<Schema>();
        out.push_back(std::move(r));
        return;
    }
    if (const auto it = p.find("op"); it != p.end() && !it->is_string()) {
        appendError(message, std::string("\"op\" is a JSON ") + it->type_name() + ", not a string (c, u, d or r)", out);
        return;
    }
    const std::string op = p.value("op", std::string());
    RowOp rowOp;
    if (op == "c" || op == "r")
        rowOp = RowOp::Insert;
    else if (op == "u")
        rowOp = RowOp::Update;
    else if (op == "d")
        rowOp = RowOp::Delete;
    else {
        appendError(message, op.empty() ? "no \"op\" (c, u, d or r)" : "unknown op \"" + op + '"', out);
        return;
    }
    if (table.empty()) {
        appendError(message, "no source.table", out);
        return;
    }
    const char *rowField = rowOp == RowOp::Delete ? "before" : "after";
    const auto rowIt = p.find(rowField);
    if (rowIt == p.end() || !rowIt->is_object()) {
        appendError(message, std::string("op \"") + op + "\" without an object in \"" + rowField + '"', out);
        return;
    }
    const Json &row = *rowIt;
    // Field schemas of the row struct, when the message has its schema.
    const Json *fields = nullptr;
    if (schema && schema->is_object() && schema->contains("fields") && (*schema)["fields"].is_array())
        for (const auto &f : (*schema)["fields"])
            if (f.value("field", std::string()) == rowField && f.contains("fields") && f["fields"].is_array())
                fields = &f["fields"];

    m_key.clear();
    if (!message.key.empty()) {
        Json k = Json::parse(message.key.begin(), message.key.end(), nullptr, false);
        const Json *key = k.is_discarded() ? nullptr : unwrap(k, nullptr);
        if (key && key->is_object())
            for (auto it = key->begin(); it != key->end(); ++it)
                m_key.push_back(it.key());
    }
    m_types.clear();
    m_tables.begin(database, table);
    m_tables.setWireValues(fields ? WireValues::DebeziumTyped : WireValues::DebeziumSchemaless);
    for (auto it = row.begin(); it != row.end(); ++it) {
        FieldType t;
        if (fields)
            for (const auto &f : *fields)
                if (f.value("field", std::string()) == it.key()) {
                    t = fieldType(f);
                    break;
                }
        m_tables.add(it.key(), t.mysqlType);
        m_types.push_back(std::move(t));
    }
    m_tables.setKey(m_key);
    const DecodedTables::Entry &entry = m_tables.finish();
    m_topicTables[std::string(message.topic)] = {database, table};

    Record r;
    r.position = positionOf(message);
    r.op = rowOp;
    r.table = entry.table;
    r.schema = entry.schema;
    r.commitTimeMs = commit;
    std::string reason;
    auto fill = [&](const Json &obj, std::vector<Value> &values) {
        values.resize(m_types.size());
        std::size_t c = 0;
        for (auto it = obj.begin(); it != obj.end() && c < m_types.size(); ++it, ++c) {
            if (it.key() != entry.table->columns[c].name) {
                reason = "\"before\" and \"after\" have different fields";
                return false;
            }
            if (!typedValue(it.value(), m_types[c], values[c], reason)) {
                reason = "column `" + it.key() + "`: " + reason;
                return false;
            }
        }
        return true;
    };
    bool ok = fill(row, r.values);
    if (ok && rowOp == RowOp::Update) {
        const auto before = p.find("before");
        if (before != p.end() && before->is_object() && before->size() == row.size())
            ok = fill(*before, r.before);
        else
            r.before = r.values; // before images off (MySQL's binlog_row_image=minimal)
    }
    if (!ok) {
        appendError(message, reason, out);
        return;
    }
    out.push_back(std::move(r));
}

} // namespace flowdeck
