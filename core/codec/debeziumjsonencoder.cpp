#include "core/codec/debeziumjsonencoder.h"

#include "core/mysql/mysqlcolumntypes.h"

#include "core/codec/canaljsonencoder.h"
#include "core/model/errors.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <charconv>
#include <chrono>

namespace flowdeck {

namespace {

using Kind = DebeziumJsonEncoder::Column::Kind;

/// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(std::string_view s, std::size_t pos, std::size_t len, int &out)
{
    if (pos + len > s.size()) return false;
    auto res = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return res.ec == std::errc() && res.ptr == s.data() + pos + len;
}

/// Microseconds of a ".ffffff" fraction starting at `pos` (0 when absent).
std::int64_t fractionMicros(std::string_view s, std::size_t pos)
{
    if (pos >= s.size() || s[pos] != '.') return 0;
    std::int64_t us = 0;
    int n = 0;
    for (std::size_t i = pos + 1; i < s.size() && n < 6 && std::isdigit(static_cast<unsigned char>(s[i])); ++i, ++n)
        us = us * 10 + (s[i] - '0');
    for (; n < 6; ++n) us *= 10;
    return us;
}

/// "YYYY-MM-DD[ HH:MM:SS[.ffffff]]" as microseconds since the epoch; false for zero dates and
/// text that is not a date.
bool parseDateTime(std::string_view s, std::int64_t &days, std::int64_t &micros)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-'
        || !digits(s, 8, 2, d) || mo < 1 || mo > 12 || d < 1 || d > 31)
        return false;
    days = daysFromCivil(y, unsigned(mo), unsigned(d));
    micros = 0;
    if (s.size() >= 19 && (s[10] == ' ' || s[10] == 'T') && digits(s, 11, 2, h) && digits(s, 14, 2, mi)
        && digits(s, 17, 2, se))
        micros = ((h * 60LL + mi) * 60 + se) * 1000000 + fractionMicros(s, 19);
    return true;
}

/// "[-]HHH:MM:SS[.ffffff]" as signed microseconds.
bool parseTime(std::string_view s, std::int64_t &micros)
{
    bool neg = !s.empty() && s[0] == '-';
    std::size_t p = neg ? 1 : 0;
    std::int64_t h = 0;
    auto res = std::from_chars(s.data() + p, s.data() + s.size(), h);
    if (res.ec != std::errc()) return false;
    p = std::size_t(res.ptr - s.data());
    int mi = 0, se = 0;
    if (p >= s.size() || s[p] != ':' || !digits(s, p + 1, 2, mi) || p + 3 >= s.size() || s[p + 3] != ':'
        || !digits(s, p + 4, 2, se))
        return false;
    micros = ((h * 60 + mi) * 60 + se) * 1000000 + fractionMicros(s, p + 6);
    if (neg) micros = -micros;
    return true;
}

int typeLength(const std::string &columnType)
{
    const std::size_t open = columnType.find('(');
    if (open == std::string::npos) return 0;
    int n = 0;
    std::from_chars(columnType.data() + open + 1, columnType.data() + columnType.size(), n);
    return n;
}

DebeziumJsonEncoder::Column columnFor(const ColumnInfo &info)
{
    DebeziumJsonEncoder::Column c;
    c.nullable = info.nullable;
    std::string t = info.dataType;
    for (char &ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const bool binaryCharset = info.charset == "binary";
    if (t == "tinyint" || t == "smallint" || t == "mediumint" || t == "int" || t == "integer" || t == "bigint"
        || t == "year")
        c.kind = Kind::Integer;
    else if (t == "float") c.kind = Kind::Float32;
    else if (t == "double" || t == "real") c.kind = Kind::Real;
    else if (t == "decimal" || t == "numeric") c.kind = Kind::Decimal;
    else if (t == "bool" || t == "boolean") c.kind = Kind::Bool;
    else if (t == "bit") { c.bitWidth = std::max(1, typeLength(info.columnType)); c.kind = c.bitWidth == 1 ? Kind::Bool : Kind::Bits; }
    else if (t == "enum") c.kind = Kind::Enum;
    else if (t == "set") c.kind = Kind::Set;
    else if (isBinaryDataType(t) || binaryCharset) c.kind = Kind::Bytes;
    else if (t == "date") c.kind = Kind::Date;
    else if (t == "time") { c.kind = Kind::Time; c.fsp = typeLength(info.columnType); }
    else if (t == "datetime") { c.fsp = typeLength(info.columnType); c.kind = c.fsp <= 3 ? Kind::DateTimeMillis : Kind::DateTimeMicros; }
    else if (t == "timestamp") { c.kind = Kind::ZonedTimestamp; c.fsp = typeLength(info.columnType); }
    if (c.kind == Kind::Enum || c.kind == Kind::Set) c.members = CanalJsonEncoder::enumMembers(info.columnType);
    return c;
}

} // namespace

DebeziumJsonEncoder::DebeziumJsonEncoder(DebeziumOptions options, Clock clock)
    : m_options(std::move(options))
    , m_clock(std::move(clock))
{
    if (!m_clock) {
        m_clock = [] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
        };
    }
}

void DebeziumJsonEncoder::prepare(const TableInfoPtr &table)
{
    if (table == m_table) return;
    m_columns.clear();
    for (const ColumnInfo &info : table->columns) m_columns.push_back(columnFor(info));
    m_table = table;
    if (m_options.schemas) buildSchemas(*table);
}

void DebeziumJsonEncoder::buildSchemas(const TableInfo &table)
{
    // Kafka Connect schemas as the MySQL connector declares them (docs/wire-formats.md).
    auto field = [&](std::string &out, std::size_t i, bool optional) {
        const ColumnInfo &info = table.columns[i];
        const Column &c = m_columns[i];
        std::string t = info.dataType;
        for (char &ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        const char *type = "string";
        const char *name = nullptr;
        std::string params;
        switch (c.kind) {
        case Kind::Integer:
            if (t == "tinyint" || (t == "smallint" && !info.isUnsigned)) type = "int16";
            else if (t == "bigint" || ((t == "int" || t == "integer") && info.isUnsigned)) type = "int64";
            else type = "int32";
            if (t == "year") name = "io.debezium.time.Year";
            break;
        case Kind::Float32: type = "float"; break;
        case Kind::Real: type = "double"; break;
        case Kind::Bool: type = "boolean"; break;
        case Kind::Bits: type = "bytes"; name = "io.debezium.data.Bits"; params = "{\"length\":\"" + std::to_string(c.bitWidth) + "\"}"; break;
        case Kind::Bytes: type = "bytes"; break;
        case Kind::Enum:
        case Kind::Set: {
            name = c.kind == Kind::Enum ? "io.debezium.data.Enum" : "io.debezium.data.EnumSet";
            std::string allowed;
            for (const std::string &m : c.members) allowed += (allowed.empty() ? "" : ",") + m;
            JsonWriter pw(params, JsonEscape::Plain);
            pw.raw("{\"allowed\":");
            pw.string(allowed);
            pw.raw('}');
            break;
        }
        case Kind::Date: type = "int32"; name = "io.debezium.time.Date"; break;
        case Kind::Time: type = "int64"; name = "io.debezium.time.MicroTime"; break;
        case Kind::DateTimeMillis: type = "int64"; name = "io.debezium.time.Timestamp"; break;
        case Kind::DateTimeMicros: type = "int64"; name = "io.debezium.time.MicroTimestamp"; break;
        case Kind::ZonedTimestamp: name = "io.debezium.time.ZonedTimestamp"; break;
        default:
            if (t == "json") name = "io.debezium.data.Json";
            break;
        }
        JsonWriter w(out, JsonEscape::Plain);
        w.raw("{\"type\":\"");
        w.raw(type);
        w.raw(optional ? "\",\"optional\":true" : "\",\"optional\":false");
        if (name) {
            w.raw(",\"name\":\"");
            w.raw(name);
            w.raw("\",\"version\":1");
        }
        if (!params.empty()) {
            w.raw(",\"parameters\":");
            w.raw(params);
        }
        w.raw(",\"field\":");
        w.string(info.name);
        w.raw('}');
    };
    const std::string prefix = m_options.serverName + "." + table.database + "." + table.table;
    std::string row = "{\"type\":\"struct\",\"fields\":[";
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        if (i) row.push_back(',');
        field(row, i, table.columns[i].nullable);
    }
    row += "],\"optional\":true,\"name\":";
    JsonWriter(row, JsonEscape::Plain).string(prefix + ".Value");
    m_valueSchema = "{\"schema\":{\"type\":\"struct\",\"fields\":[" + row + ",\"field\":\"before\"}," + row
        + ",\"field\":\"after\"},"
          R"({"type":"struct","fields":[{"type":"string","optional":false,"field":"version"},)"
          R"({"type":"string","optional":false,"field":"connector"},{"type":"string","optional":false,"field":"name"},)"
          R"({"type":"int64","optional":false,"field":"ts_ms"},{"type":"string","optional":true,)"
          R"("name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":"true,last,false,incremental"},)"
          R"("default":"false","field":"snapshot"},{"type":"string","optional":false,"field":"db"},)"
          R"({"type":"string","optional":true,"field":"sequence"},{"type":"string","optional":true,"field":"table"},)"
          R"({"type":"int64","optional":false,"field":"server_id"},{"type":"string","optional":true,"field":"gtid"},)"
          R"({"type":"string","optional":false,"field":"file"},{"type":"int64","optional":false,"field":"pos"},)"
          R"({"type":"int32","optional":false,"field":"row"},{"type":"int64","optional":true,"field":"thread"},)"
          R"({"type":"string","optional":true,"field":"query"}],"optional":false,)"
          R"("name":"io.debezium.connector.mysql.Source","field":"source"},)"
          R"({"type":"string","optional":false,"field":"op"},{"type":"int64","optional":true,"field":"ts_ms"},)"
          R"({"type":"struct","fields":[{"type":"string","optional":false,"field":"id"},)"
          R"({"type":"int64","optional":false,"field":"total_order"},)"
          R"({"type":"int64","optional":false,"field":"data_collection_order"}],"optional":true,)"
          R"("name":"event.block","version":1,"field":"transaction"}],"optional":false,"name":)";
    JsonWriter(m_valueSchema, JsonEscape::Plain).string(prefix + ".Envelope");
    m_valueSchema += ",\"version\":1},\"payload\":";

    m_keySchema = "{\"schema\":{\"type\":\"struct\",\"fields\":[";
    for (std::size_t j = 0; j < table.keyIndexes.size(); ++j) {
        if (j) m_keySchema.push_back(',');
        field(m_keySchema, std::size_t(table.keyIndexes[j]), false);
    }
    m_keySchema += "],\"optional\":false,\"name\":";
    JsonWriter(m_keySchema, JsonEscape::Plain).string(prefix + ".Key");
    m_keySchema += "},\"payload\":";
}

void DebeziumJsonEncoder::writeValue(JsonWriter &w, const Column &col, const Value &v) const
{
    if (v.isNull()) {
        w.null();
        return;
    }
    const ValueType vt = v.type();
    switch (col.kind) {
    case Kind::Float32:
        if (vt == ValueType::Double) {
            const auto f = static_cast<float>(v.asDouble());
            if (!std::isfinite(f)) { w.null(); return; }
            char buf[64];
            auto res = std::to_chars(buf, buf + sizeof buf, f);
            w.raw(std::string_view(buf, std::size_t(res.ptr - buf)));
            return;
        }
        break;
    case Kind::Bool:
        if (vt == ValueType::Int || vt == ValueType::UInt) { w.boolean(v.asUInt() != 0); return; }
        if (vt == ValueType::Bytes) { w.boolean(!v.str().empty() && v.str().find_first_not_of('\0') != std::string::npos); return; }
        break;
    case Kind::Bits: {
        // io.debezium.data.Bits: the bits as bytes, least significant byte first.
        std::uint64_t n = 0;
        if (vt == ValueType::Int || vt == ValueType::UInt) n = v.asUInt();
        else if (vt == ValueType::Bytes || vt == ValueType::Text)
            for (char b : v.str()) n = (n << 8) | static_cast<unsigned char>(b);
        std::string bytes;
        for (int i = 0; i < (col.bitWidth + 7) / 8; ++i) bytes.push_back(static_cast<char>((n >> (8 * i)) & 0xFF));
        w.base64String(bytes);
        return;
    }
    case Kind::Enum:
        if ((vt == ValueType::Int || vt == ValueType::UInt) && v.asUInt() >= 1 && v.asUInt() <= col.members.size()) {
            w.string(col.members[v.asUInt() - 1]);
            return;
        }
        break;
    case Kind::Set:
        if (vt == ValueType::Int || vt == ValueType::UInt) {
            std::string text;
            for (std::size_t i = 0; i < col.members.size() && i < 64; ++i) {
                if (!(v.asUInt() & (std::uint64_t(1) << i))) continue;
                if (!text.empty()) text.push_back(',');
                text += col.members[i];
            }
            w.string(text);
            return;
        }
        break;
    case Kind::Bytes:
        if (v.isStringLike()) { w.base64String(v.str()); return; }
        break;
    case Kind::Date: {
        std::int64_t days = 0, us = 0;
        if (v.isStringLike()) {
            if (parseDateTime(v.str(), days, us)) w.number(days);
            else if (col.nullable) w.null(); // zero or invalid date: Debezium emits null,
            else w.number(std::int64_t(0));  // or the epoch in a NOT NULL column
            return;
        }
        break;
    }
    case Kind::Time: {
        std::int64_t us = 0;
        if (v.isStringLike() && parseTime(v.str(), us)) { w.number(us); return; }
        break;
    }
    case Kind::DateTimeMillis:
    case Kind::DateTimeMicros:
    case Kind::ZonedTimestamp: {
        std::int64_t days = 0, us = 0;
        if (!v.isStringLike()) break;
        if (!parseDateTime(v.str(), days, us)) {
            if (col.nullable) w.null();
            else if (col.kind == Kind::ZonedTimestamp) w.string("1970-01-01T00:00:00Z");
            else w.number(std::int64_t(0));
            return;
        }
        if (col.kind == Kind::ZonedTimestamp) {
            // io.debezium.time.ZonedTimestamp: ISO-8601 in UTC, fraction to the column's precision.
            const std::string &s = v.str();
            std::string iso = s.substr(0, 10);
            iso.push_back('T');
            iso += s.size() >= 19 ? s.substr(11, 8) : std::string("00:00:00");
            if (col.fsp > 0) {
                std::string frac = std::to_string(1000000 + us % 1000000).substr(1, std::size_t(col.fsp));
                iso.push_back('.');
                iso += frac;
            }
            iso.push_back('Z');
            w.string(iso);
            return;
        }
        const std::int64_t total = days * 86400000000LL + us;
        w.number(col.kind == Kind::DateTimeMillis ? (total >= 0 ? total / 1000 : -((-total + 999) / 1000)) : total);
        return;
    }
    default:
        break;
    }
    switch (vt) {
    case ValueType::Int: w.number(v.asInt()); return;
    case ValueType::UInt: w.number(v.asUInt()); return;
    case ValueType::Bool: w.boolean(v.asBool()); return;
    case ValueType::Double: w.number(v.asDouble()); return;
    case ValueType::Bytes:
        if (col.kind == Kind::String || col.kind == Kind::Decimal) { w.string(v.str()); return; }
        w.base64String(v.str());
        return;
    default:
        if (col.kind == Kind::Integer || col.kind == Kind::Real) {
            double d = 0;
            if (v.toDouble(d)) { w.raw(v.str()); return; } // numeric text: exact
        }
        w.string(v.str());
        return;
    }
}

void DebeziumJsonEncoder::writeRow(JsonWriter &w, const std::vector<Value> &row) const
{
    w.raw('{');
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        if (i) w.raw(',');
        w.key(m_table->columns[i].name);
        writeValue(w, m_columns[i], row[i]);
    }
    w.raw('}');
}

void DebeziumJsonEncoder::writeSource(JsonWriter &w, const Record &record, bool snapshot) const
{
    w.raw("{\"version\":");
    w.string(m_options.version);
    w.raw(",\"connector\":\"mysql\",\"name\":");
    w.string(m_options.serverName);
    w.raw(",\"ts_ms\":");
    w.number(static_cast<std::int64_t>(record.commitTimeMs));
    w.raw(snapshot ? ",\"snapshot\":\"true\",\"db\":" : ",\"snapshot\":\"false\",\"db\":");
    w.string(record.table ? std::string_view(record.table->database) : std::string_view());
    w.raw(",\"sequence\":null,\"table\":");
    w.string(record.table ? std::string_view(record.table->table) : std::string_view());
    w.raw(",\"server_id\":");
    w.number(m_options.serverId);
    w.raw(",\"gtid\":");
    // A snapshot row's position holds its table and key (where the snapshot resumes), not a GTID.
    if (snapshot || record.position.gtid.empty()) w.null();
    else w.string(record.position.gtid);
    w.raw(",\"file\":");
    w.string(snapshot ? std::string_view() : std::string_view(record.position.source));
    w.raw(",\"pos\":");
    w.number(static_cast<std::uint64_t>(snapshot ? 0 : record.position.offset));
    w.raw(",\"row\":0,\"thread\":null,\"query\":null}");
}

void DebeziumJsonEncoder::encodeDdl(const Record &record, std::vector<EncodedMessage> &out)
{
    const std::string database = record.table ? record.table->database : std::string();
    EncodedMessage msg;
    msg.ddl = true;
    JsonWriter w(msg.value, JsonEscape::Plain);
    if (m_options.schemas) w.raw("{\"schema\":null,\"payload\":");
    w.raw("{\"source\":");
    writeSource(w, record, false);
    w.raw(",\"ts_ms\":");
    w.number(static_cast<std::int64_t>(m_clock()));
    w.raw(",\"databaseName\":");
    w.string(database);
    w.raw(",\"schemaName\":null,\"ddl\":");
    w.string(record.statement);
    w.raw(",\"tableChanges\":[]}");
    if (m_options.schemas) w.raw('}');
    JsonWriter k(msg.key, JsonEscape::Plain);
    if (m_options.schemas) k.raw("{\"schema\":null,\"payload\":");
    k.raw("{\"databaseName\":");
    k.string(database);
    k.raw('}');
    if (m_options.schemas) k.raw('}');
    out.push_back(std::move(msg));
}

void DebeziumJsonEncoder::encode(const Record &record, std::vector<EncodedMessage> &out)
{
    if (record.op == RowOp::Ddl) {
        encodeDdl(record, out);
        return;
    }
    if (!record.table)
        throw InputError(record.position, "debezium-json needs the source table of a change event; this record has none");
    prepare(record.table);
    const TableInfo &t = *record.table;
    const std::size_t n = m_columns.size();
    if (record.values.size() != n || (record.op == RowOp::Update && record.before.size() != n))
        throw InputError(record.position, "the record's values do not match the columns of table " + t.database + "."
                                              + t.table);
    const bool snapshot = record.position.source == "snapshot";

    EncodedMessage msg;
    msg.value.reserve(384 + n * 40);
    JsonWriter w(msg.value, JsonEscape::Plain);
    if (m_options.schemas) w.raw(m_valueSchema);
    w.raw("{\"before\":");
    if (record.op == RowOp::Update) writeRow(w, record.before);
    else if (record.op == RowOp::Delete) writeRow(w, record.values);
    else w.null();
    w.raw(",\"after\":");
    if (record.op == RowOp::Delete) w.null();
    else writeRow(w, record.values);
    w.raw(",\"source\":");
    writeSource(w, record, snapshot);
    w.raw(",\"op\":");
    w.raw(snapshot ? "\"r\"" : record.op == RowOp::Insert ? "\"c\"" : record.op == RowOp::Update ? "\"u\"" : "\"d\"");
    w.raw(",\"ts_ms\":");
    w.number(static_cast<std::int64_t>(m_clock()));
    w.raw(",\"transaction\":null}");
    if (m_options.schemas) w.raw('}');

    if (!t.keyIndexes.empty()) {
        JsonWriter k(msg.key, JsonEscape::Plain);
        if (m_options.schemas) k.raw(m_keySchema);
        k.raw('{');
        for (std::size_t j = 0; j < t.keyIndexes.size(); ++j) {
            const int idx = t.keyIndexes[j];
            if (j) k.raw(',');
            k.key(t.columns[idx].name);
            writeValue(k, m_columns[idx], record.values[idx]);
        }
        k.raw('}');
        if (m_options.schemas) k.raw('}');
    }
    const bool tombstone = record.op == RowOp::Delete && m_options.tombstones && !msg.key.empty();
    std::string key = tombstone ? msg.key : std::string();
    out.push_back(std::move(msg));
    if (tombstone) out.push_back(EncodedMessage{std::move(key), std::string(), true, false});
}

} // namespace flowdeck
