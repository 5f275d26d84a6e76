#include "core/codec/debeziumjsonencoder.h"

#include "core/mysql/mysqlcolumntypes.h"

#include "core/codec/canaljsonencoder.h"
#include "core/codec/debeziumvalues.h"
#include "core/codec/ddlstatement.h"
#include "core/codec/gofloat.h"
#include "core/model/errors.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <charconv>
#include <vector>
#include <chrono>

namespace flowdeck {

namespace {

using Kind = DebeziumJsonEncoder::Column::Kind;
using namespace debeziumvalues;

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
    else if (t == "decimal" || t == "numeric") {
        c.kind = Kind::Decimal;
        c.precision = typeLength(info.columnType);
        const std::size_t comma = info.columnType.find(',');
        if (comma != std::string::npos)
            std::from_chars(info.columnType.data() + comma + 1, info.columnType.data() + info.columnType.size(), c.scale);
        if (c.precision == 0) c.precision = 10;
    }
    else if (t == "bool" || t == "boolean") c.kind = Kind::Bool;
    else if (t == "bit") { c.bitWidth = std::max(1, typeLength(info.columnType)); c.kind = c.bitWidth == 1 ? Kind::Bool : Kind::Bits; }
    else if (t == "enum") c.kind = Kind::Enum;
    else if (t == "set") c.kind = Kind::Set;
    else if (t == "point") c.kind = Kind::Point;
    else if (isSpatialDataType(t)) c.kind = Kind::Geometry;
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
            return std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
        };
    }
}


void DebeziumJsonEncoder::writeDecimal(JsonWriter &w, const Column &col, const std::string &text) const
{
    switch (m_options.decimals) {
    case DebeziumOptions::Decimals::String:
        w.string(text);
        return;
    case DebeziumOptions::Decimals::Double: {
        double d = 0;
        if (!Value::decimal(text).toDouble(d)) { w.string(text); return; }
        w.number(d);
        return;
    }
    case DebeziumOptions::Decimals::Precise:
        w.base64String(unscaledBytes(text, col.scale));
        return;
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
        const char *fields = nullptr; // a struct's fields
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
        case Kind::Decimal:
            if (m_options.decimals == DebeziumOptions::Decimals::Double) {
                type = "double";
            } else if (m_options.decimals == DebeziumOptions::Decimals::Precise) {
                type = "bytes";
                name = "org.apache.kafka.connect.data.Decimal";
                params = "{\"scale\":\"" + std::to_string(c.scale) + "\",\"connect.decimal.precision\":\""
                         + std::to_string(c.precision) + "\"}";
            }
            break;
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
        case Kind::Geometry:
            type = "struct";
            name = "io.debezium.data.geometry.Geometry";
            fields = R"([{"type":"bytes","optional":false,"field":"wkb"},{"type":"int32","optional":true,"field":"srid"}])";
            break;
        case Kind::Point:
            type = "struct";
            name = "io.debezium.data.geometry.Point";
            fields = R"([{"type":"double","optional":false,"field":"x"},{"type":"double","optional":false,"field":"y"},)"
                     R"({"type":"bytes","optional":true,"field":"wkb"},{"type":"int32","optional":true,"field":"srid"}])";
            break;
        default:
            if (t == "json") name = "io.debezium.data.Json";
            break;
        }
        JsonWriter w(out, JsonEscape::Plain);
        w.raw("{\"type\":\"");
        w.raw(type);
        if (fields) {
            w.raw("\",\"fields\":");
            w.raw(fields);
            w.raw(optional ? ",\"optional\":true" : ",\"optional\":false");
        } else {
            w.raw(optional ? "\",\"optional\":true" : "\",\"optional\":false");
        }
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
          R"("name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":)"
          R"("true,first,first_in_data_collection,last_in_data_collection,last,false,incremental"},)"
          R"("default":"false","field":"snapshot"},{"type":"string","optional":false,"field":"db"},)"
          R"({"type":"string","optional":true,"field":"sequence"},{"type":"int64","optional":true,"field":"ts_us"},)"
          R"({"type":"int64","optional":true,"field":"ts_ns"},{"type":"string","optional":true,"field":"table"},)"
          R"({"type":"int64","optional":false,"field":"server_id"},{"type":"string","optional":true,"field":"gtid"},)"
          R"({"type":"string","optional":false,"field":"file"},{"type":"int64","optional":false,"field":"pos"},)"
          R"({"type":"int32","optional":false,"field":"row"},{"type":"int64","optional":true,"field":"thread"},)"
          R"({"type":"string","optional":true,"field":"query"}],"optional":false,)"
          R"("name":"io.debezium.connector.mysql.Source","version":1,"field":"source"},)"
          R"({"type":"struct","fields":[{"type":"string","optional":false,"field":"id"},)"
          R"({"type":"int64","optional":false,"field":"total_order"},)"
          R"({"type":"int64","optional":false,"field":"data_collection_order"}],"optional":true,)"
          R"("name":"event.block","version":1,"field":"transaction"},)"
          R"({"type":"string","optional":false,"field":"op"},{"type":"int64","optional":true,"field":"ts_ms"},)"
          R"({"type":"int64","optional":true,"field":"ts_us"},{"type":"int64","optional":true,"field":"ts_ns"}],)"
          R"("optional":false,"name":)";
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
    case Kind::Geometry:
    case Kind::Point:
        if (v.isStringLike() && v.str().size() >= 9) { writeGeometry(w, col, v.str()); return; }
        break;
    case Kind::Decimal:
        if (v.isStringLike()) { writeDecimal(w, col, v.str()); return; }
        if (vt == ValueType::Int || vt == ValueType::UInt) { writeDecimal(w, col, v.toString()); return; }
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
            // A TIMESTAMP's zero value is 0 seconds in the binlog, which Debezium writes as the
            // epoch, nullable or not. A DATETIME with a zero year, month or day is null
            // (RowDeserializers), and the epoch in a NOT NULL column.
            if (col.kind == Kind::ZonedTimestamp) w.string(col.fsp > 0 ? "1970-01-01T00:00:00." + std::string(std::size_t(col.fsp), '0') + "Z" : std::string("1970-01-01T00:00:00Z"));
            else if (col.nullable) w.null();
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
    case ValueType::UInt:
        // bigint.unsigned.handling.mode=long (Debezium's default): the schema says int64, values
        // above 2^63-1 wrap as Debezium writes them.
        if (col.kind == Kind::Integer) w.number(static_cast<std::int64_t>(v.asUInt()));
        else w.number(v.asUInt());
        return;
    case ValueType::Bool: w.boolean(v.asBool()); return;
    case ValueType::Double:
        if (col.kind == Kind::Decimal) { writeDecimal(w, col, v.toString()); return; }
        w.number(v.asDouble());
        return;
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

void DebeziumJsonEncoder::writeGeometry(JsonWriter &w, const Column &col, std::string_view internal) const
{
    // The server's internal form is a little-endian SRID, then the WKB. Debezium
    // (MySqlGeometry.fromBytes) writes the WKB, and the SRID or null for 0; a POINT also as x, y.
    const auto byte = [&](std::size_t i) { return std::uint32_t(static_cast<unsigned char>(internal[i])); };
    const std::uint32_t srid = byte(0) | byte(1) << 8 | byte(2) << 16 | byte(3) << 24;
    const std::string_view wkb = internal.substr(4);
    w.raw('{');
    if (col.kind == Kind::Point && wkb.size() >= 21) {
        double xy[2];
        for (int k = 0; k < 2; ++k) {
            unsigned char b[8];
            for (int i = 0; i < 8; ++i)
                b[i] = static_cast<unsigned char>(wkb[std::size_t(5 + 8 * k + (wkb[0] == 1 ? i : 7 - i))]);
            std::memcpy(&xy[k], b, 8); // the host is little-endian (x86-64, arm64)
        }
        w.raw("\"x\":");
        w.number(xy[0]);
        w.raw(",\"y\":");
        w.number(xy[1]);
        w.raw(',');
    }
    w.raw("\"wkb\":");
    w.base64String(wkb);
    w.raw(",\"srid\":");
    if (srid) w.number(std::int64_t(srid));
    else w.null();
    w.raw('}');
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
    // Field order of BinlogSourceInfoStructMaker: the common fields, then the binlog ones.
    const std::int64_t ms = record.commitTimeMs;
    w.raw("{\"version\":");
    w.string(m_options.version);
    w.raw(",\"connector\":\"mysql\",\"name\":");
    w.string(m_options.serverName);
    w.raw(",\"ts_ms\":");
    w.number(ms);
    w.raw(snapshot ? ",\"snapshot\":\"true\",\"db\":" : ",\"snapshot\":\"false\",\"db\":");
    w.string(record.table ? std::string_view(record.table->database) : std::string_view());
    w.raw(",\"sequence\":null,\"ts_us\":");
    w.number(ms * 1000);
    w.raw(",\"ts_ns\":");
    w.number(ms * 1000000);
    w.raw(",\"table\":");
    if (record.table && !record.table->table.empty()) w.string(record.table->table);
    else w.null();
    w.raw(",\"server_id\":");
    w.number(m_options.serverId);
    w.raw(",\"gtid\":");
    // A snapshot row's position holds its table and key (where the snapshot resumes), not a GTID.
    if (snapshot || record.position.gtid.empty()) w.null();
    else w.string(record.position.gtid);
    w.raw(",\"file\":");
    w.string(snapshot ? std::string_view() : std::string_view(record.position.source));
    w.raw(",\"pos\":");
    // Binlog rows (BinlogReader::commit()): endOffset is where the row's transaction starts,
    // endLine the row's number in it from 1; Debezium's row counts from 0. Other records have
    // neither and give the record's offset and row 0.
    const bool binlogRow = !snapshot && record.position.endLine > 0 && record.position.endOffset > 0;
    const std::uint64_t pos = binlogRow ? record.position.endOffset : record.position.offset;
    w.number(static_cast<std::uint64_t>(snapshot ? 0 : pos));
    w.raw(",\"row\":");
    w.number(static_cast<std::uint64_t>(binlogRow ? record.position.endLine - 1 : 0));
    w.raw(",\"thread\":null,\"query\":null}");
}

void DebeziumJsonEncoder::writeTimes(JsonWriter &w) const
{
    // Envelope ts_ms/ts_us/ts_ns: one instant, when the event was processed.
    const std::int64_t ns = m_clock();
    w.raw(",\"ts_ms\":");
    w.number(ns / 1000000);
    w.raw(",\"ts_us\":");
    w.number(ns / 1000);
    w.raw(",\"ts_ns\":");
    w.number(ns);
}

void DebeziumJsonEncoder::encodeDdl(const Record &record, std::vector<EncodedMessage> &out)
{
    if (classifyDdl(record.statement) == DdlKind::NotDdl)
        return; // GRANT, CREATE USER...: the connector emits no schema change for them
    const std::string database = record.table ? record.table->database : std::string();
    EncodedMessage msg;
    msg.ddl = true;
    msg.topic = m_options.schemaTopic();
    JsonWriter w(msg.value, JsonEscape::Plain);
    if (m_options.schemas) w.raw("{\"schema\":null,\"payload\":");
    w.raw("{\"source\":");
    writeSource(w, record, false);
    w.raw(",\"ts_ms\":");
    w.number(static_cast<std::int64_t>(m_clock() / 1000000));
    w.raw(",\"databaseName\":");
    w.string(database);
    w.raw(",\"schemaName\":null,\"ddl\":");
    w.string(record.statement);
    w.raw(",\"tableChanges\":[]}");
    if (m_options.schemas) w.raw('}');
    JsonWriter k(msg.key, JsonEscape::Plain);
    if (m_options.schemas)
        k.raw(R"({"schema":{"type":"struct","fields":[{"type":"string","optional":false,"field":"databaseName"}],)"
              R"("optional":false,"name":"io.debezium.connector.mysql.SchemaChangeKey","version":1},"payload":)");
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
    w.raw(",\"transaction\":null,\"op\":");
    w.raw(snapshot ? "\"r\"" : record.op == RowOp::Insert ? "\"c\"" : record.op == RowOp::Update ? "\"u\"" : "\"d\"");
    writeTimes(w);
    w.raw('}');
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
    if (tombstone) {
        EncodedMessage t;
        t.key = std::move(key);
        t.tombstone = true;
        out.push_back(std::move(t));
    }
}

} // namespace flowdeck
