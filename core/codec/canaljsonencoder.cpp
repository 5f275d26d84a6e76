#include "core/codec/canaljsonencoder.h"

#include "core/codec/ddlstatement.h"
#include "core/codec/gofloat.h"
#include "core/mysql/mysqlcolumntypes.h"

#include "core/model/errors.h"

#include <cctype>
#include <charconv>
#include <chrono>
#include <cstring>

namespace flowdeck {

namespace {

using Kind = CanalJsonEncoder::Column::Kind;

std::string lower(std::string_view s)
{
    std::string r(s);
    for (char &c : r)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return r;
}

} // namespace

CanalJsonEncoder::Column CanalJsonEncoder::describe(const ColumnInfo &info)
{
    CanalJsonEncoder::Column c;
    const std::string type = lower(info.dataType);
    const bool binaryCharset = info.charset == "binary";
    c.mysqlType = type;
    if (info.isUnsigned) c.mysqlType += " unsigned";
    if (lower(info.columnType).find("zerofill") != std::string::npos) c.mysqlType += " zerofill";
    auto intKind = [&](int code, int wide, std::uint64_t max) {
        c.kind = info.isUnsigned ? Kind::UInt : Kind::Int;
        c.sqlType = code;
        c.wideSqlType = info.isUnsigned ? wide : code;
        c.signedMax = info.isUnsigned ? max : UINT64_MAX;
    };
    if (type == "tinyint") intKind(-6, 5, 127);
    else if (type == "smallint") intKind(5, 4, 32767);
    else if (type == "mediumint") intKind(4, 4, 8388607);
    else if (type == "int" || type == "integer") intKind(4, -5, 2147483647);
    else if (type == "bigint") intKind(-5, 3, INT64_MAX);
    else if (type == "year") { c.kind = Kind::Int; c.sqlType = c.wideSqlType = 12; }
    else if (type == "float") { c.kind = Kind::Float; c.sqlType = c.wideSqlType = 7; }
    else if (type == "double" || type == "real") { c.kind = Kind::Double; c.sqlType = c.wideSqlType = 8; }
    else if (type == "decimal" || type == "numeric") { c.sqlType = c.wideSqlType = 3; }
    else if (type == "bit") { c.kind = Kind::Bit; c.sqlType = c.wideSqlType = -7; }
    else if (type == "enum") { c.kind = Kind::Enum; c.sqlType = c.wideSqlType = 4; }
    else if (type == "set") { c.kind = Kind::Set; c.sqlType = c.wideSqlType = -7; }
    else if (isBinaryDataType(type)) { c.kind = Kind::Binary; c.sqlType = c.wideSqlType = 2004; }
    else if (type == "char") { c.kind = binaryCharset ? Kind::Binary : Kind::Text; c.sqlType = c.wideSqlType = binaryCharset ? 2004 : 1; }
    else if (type == "varchar") { c.kind = binaryCharset ? Kind::Binary : Kind::Text; c.sqlType = c.wideSqlType = binaryCharset ? 2004 : 12; }
    else if (type.ends_with("text")) { c.kind = binaryCharset ? Kind::Binary : Kind::Text; c.sqlType = c.wideSqlType = binaryCharset ? 2004 : 2005; }
    else if (type == "date") { c.sqlType = c.wideSqlType = 91; }
    else if (type == "datetime" || type == "timestamp") { c.sqlType = c.wideSqlType = 93; }
    else if (type == "time") { c.sqlType = c.wideSqlType = 92; }
    else { c.sqlType = c.wideSqlType = 12; } // json, vector and anything unknown: VARCHAR
    if (c.kind == Kind::Enum || c.kind == Kind::Set) c.members = CanalJsonEncoder::enumMembers(info.columnType);
    return c;
}

namespace {

std::uint64_t bigEndian(std::string_view bytes)
{
    std::uint64_t v = 0;
    for (char b : bytes) v = (v << 8) | static_cast<unsigned char>(b);
    return v;
}

} // namespace

CanalJsonEncoder::CanalJsonEncoder(Clock clock, bool tidbExtension)
    : m_clock(std::move(clock))
    , m_tidbExtension(tidbExtension)
{
    if (!m_clock) {
        m_clock = [] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
        };
    }
}

std::vector<std::string> CanalJsonEncoder::enumMembers(const std::string &columnType)
{
    std::vector<std::string> members;
    std::size_t i = columnType.find('(');
    if (i == std::string::npos) return members;
    ++i;
    while (i < columnType.size()) {
        while (i < columnType.size() && (columnType[i] == ',' || columnType[i] == ' ')) ++i;
        if (i >= columnType.size() || columnType[i] != '\'') break;
        ++i;
        std::string m;
        while (i < columnType.size()) {
            if (columnType[i] == '\'') {
                if (i + 1 < columnType.size() && columnType[i + 1] == '\'') { m.push_back('\''); i += 2; continue; }
                ++i;
                break;
            }
            if (columnType[i] == '\\' && i + 1 < columnType.size()) ++i;
            m.push_back(columnType[i++]);
        }
        members.push_back(std::move(m));
    }
    return members;
}

const char *CanalJsonEncoder::ddlType(const std::string &statement)
{
    return canalDdlType(classifyDdl(statement));
}

void CanalJsonEncoder::prepare(const TableInfoPtr &table)
{
    if (table == m_table) return;
    m_columns.clear();
    m_columns.reserve(table->columns.size());
    for (const ColumnInfo &info : table->columns) m_columns.push_back(describe(info));
    m_table = table;

    const TableInfo &t = *table;
    m_keys.clear();
    for (const ColumnInfo &info : t.columns) {
        std::string k;
        JsonWriter(k, JsonEscape::Html).key(info.name);
        m_keys.push_back(std::move(k));
    }
    m_head.clear();
    JsonWriter h(m_head, JsonEscape::Html);
    h.raw("{\"id\":0,\"database\":");
    h.string(t.database);
    h.raw(",\"table\":");
    h.string(t.table);
    // TiCDC's PrimaryKeyColumnNames(): the key columns in column order, [] without a key.
    h.raw(",\"pkNames\":[");
    bool firstKey = true;
    for (const ColumnInfo &info : t.columns) {
        if (!info.isKey) continue;
        if (!firstKey) h.raw(',');
        h.string(info.name);
        firstKey = false;
    }
    h.raw(']');
    h.raw(",\"isDdl\":false,\"type\":");
    m_mysqlTypes = ",\"mysqlType\":{";
    JsonWriter m(m_mysqlTypes, JsonEscape::Html);
    bool valueDependent = false;
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        if (i) m.raw(',');
        m.raw(m_keys[i]);
        m.string(m_columns[i].mysqlType);
        valueDependent = valueDependent || m_columns[i].sqlType != m_columns[i].wideSqlType;
    }
    m.raw('}');
    m_fixedSqlTypes.clear();
    if (!valueDependent) {
        m_fixedSqlTypes = ",\"sqlType\":{";
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            if (i) m_fixedSqlTypes.push_back(',');
            m_fixedSqlTypes += m_keys[i];
            JsonWriter::appendInt(m_fixedSqlTypes, m_columns[i].sqlType);
        }
        m_fixedSqlTypes.push_back('}');
    }
}

int CanalJsonEncoder::sqlTypeOf(const Column &col, const Value &v)
{
    if (col.kind == Kind::UInt && v.type() == ValueType::UInt && v.asUInt() > col.signedMax) return col.wideSqlType;
    if (col.kind == Kind::UInt && v.type() == ValueType::Int && v.asInt() > 0
        && static_cast<std::uint64_t>(v.asInt()) > col.signedMax)
        return col.wideSqlType;
    return col.sqlType;
}

void CanalJsonEncoder::appendValueText(std::string &s, const Column &col, const Value &v)
{
    switch (col.kind) {
    case Kind::Float:
        if (v.type() == ValueType::Double) { appendGoFloat(s, v.asDouble(), 32); return; }
        break;
    case Kind::Double:
        if (v.type() == ValueType::Double) { appendGoFloat(s, v.asDouble(), 64); return; }
        break;
    case Kind::Bit:
        if (v.type() == ValueType::Bytes || v.type() == ValueType::Text) { JsonWriter::appendUInt(s, bigEndian(v.str())); return; }
        break;
    case Kind::Enum:
    case Kind::Set:
        if (v.type() == ValueType::Text || v.type() == ValueType::Bytes) {
            std::uint64_t n = 0;
            const std::string &text = v.str();
            if (col.kind == Kind::Enum) {
                for (std::size_t i = 0; i < col.members.size(); ++i)
                    if (col.members[i] == text) { n = i + 1; break; }
            } else {
                std::size_t start = 0;
                while (start <= text.size() && !text.empty()) {
                    std::size_t end = text.find(',', start);
                    if (end == std::string::npos) end = text.size();
                    const std::string_view part(text.data() + start, end - start);
                    for (std::size_t i = 0; i < col.members.size() && i < 64; ++i)
                        if (col.members[i] == part) n |= std::uint64_t(1) << i;
                    start = end + 1;
                }
            }
            JsonWriter::appendUInt(s, n);
            return;
        }
        break;
    default:
        break;
    }
    switch (v.type()) {
    case ValueType::Null: s += "null"; return;
    case ValueType::Int: JsonWriter::appendInt(s, v.asInt()); return;
    case ValueType::UInt: JsonWriter::appendUInt(s, v.asUInt()); return;
    case ValueType::Bool: s.push_back(v.asBool() ? '1' : '0'); return;
    case ValueType::Double: appendGoFloat(s, v.asDouble(), 64); return;
    default: s += v.str(); return;
    }
}

void CanalJsonEncoder::writeValue(JsonWriter &w, const Column &col, const Value &v) const
{
    if (v.isNull()) {
        w.null();
        return;
    }
    if (col.kind == Kind::Binary) {
        w.latin1String(v.isStringLike() ? std::string_view(v.str()) : std::string_view(v.toString()));
        return;
    }
    if (v.isStringLike() && col.kind != Kind::Bit && col.kind != Kind::Enum && col.kind != Kind::Set) {
        w.string(v.str());
        return;
    }
    m_text.clear();
    appendValueText(m_text, col, v);
    w.string(m_text);
}

void CanalJsonEncoder::writeRow(JsonWriter &w, const std::vector<Value> &row) const
{
    w.raw("[{");
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        if (i) w.raw(',');
        w.raw(m_keys[i]);
        writeValue(w, m_columns[i], row[i]);
    }
    w.raw("}]");
}

void CanalJsonEncoder::appendTidb(JsonWriter &w, std::int64_t commitTimeMs) const
{
    w.raw(",\"_tidb\":{\"commitTs\":");
    w.number(static_cast<std::uint64_t>(commitTso(commitTimeMs)));
    w.raw('}');
}

void CanalJsonEncoder::encodeDdl(const Record &record, std::vector<EncodedMessage> &out)
{
    const char *type = ddlType(record.statement);
    if (!*type)
        return; // GRANT, CREATE USER...: not a schema change, TiCDC never sends one
    EncodedMessage msg;
    msg.ddl = true;
    JsonWriter w(msg.value, JsonEscape::Html);
    w.raw("{\"id\":0,\"database\":");
    w.string(record.table ? record.table->database : std::string());
    w.raw(",\"table\":");
    w.string(record.table ? record.table->table : std::string());
    w.raw(",\"pkNames\":null,\"isDdl\":true,\"type\":\"");
    w.raw(type);
    w.raw("\",\"es\":");
    w.number(static_cast<std::int64_t>(record.commitTimeMs));
    w.raw(",\"ts\":");
    w.number(static_cast<std::int64_t>(m_clock()));
    w.raw(",\"sql\":");
    w.string(record.statement);
    w.raw(",\"sqlType\":null,\"mysqlType\":null,\"data\":null,\"old\":null");
    if (m_tidbExtension) appendTidb(w, record.commitTimeMs);
    w.raw('}');
    out.push_back(std::move(msg));
}

bool CanalJsonEncoder::encodeWatermark(std::int64_t commitTimeMs, EncodedMessage &out)
{
    if (!m_tidbExtension)
        return false;
    // TiCDC marshals canalJSONMessageWithTiDBExtension: the JSONMessage fields, then _tidb with
    // only watermarkTs (commitTs is omitempty).
    out = EncodedMessage();
    JsonWriter w(out.value, JsonEscape::Html);
    w.raw("{\"id\":0,\"database\":\"\",\"table\":\"\",\"pkNames\":null,\"isDdl\":false,\"type\":\"TIDB_WATERMARK\",\"es\":");
    w.number(static_cast<std::int64_t>(commitTimeMs));
    w.raw(",\"ts\":");
    w.number(static_cast<std::int64_t>(m_clock()));
    w.raw(",\"sql\":\"\",\"sqlType\":null,\"mysqlType\":null,\"data\":null,\"old\":null,\"_tidb\":{\"watermarkTs\":");
    w.number(static_cast<std::uint64_t>(commitTso(commitTimeMs)));
    w.raw("}}");
    return true;
}

void CanalJsonEncoder::encode(const Record &record, std::vector<EncodedMessage> &out)
{
    if (record.op == RowOp::Ddl) {
        encodeDdl(record, out);
        return;
    }
    if (!record.table)
        throw InputError(record.position, "canal-json needs the source table of a change event; this record has none");
    prepare(record.table);
    const std::size_t n = m_columns.size();
    if (record.values.size() != n || (record.op == RowOp::Update && record.before.size() != n))
        throw InputError(record.position, "the record's values do not match the columns of table "
                                              + record.table->database + "." + record.table->table);

    EncodedMessage msg;
    msg.value.reserve(m_head.size() + 2 * m_mysqlTypes.size() + 96 + n * 24);
    JsonWriter w(msg.value, JsonEscape::Html);
    const TableInfo &t = *record.table;
    w.raw(m_head);
    w.raw(record.op == RowOp::Insert ? "\"INSERT\"" : record.op == RowOp::Update ? "\"UPDATE\"" : "\"DELETE\"");
    w.raw(",\"es\":");
    w.number(static_cast<std::int64_t>(record.commitTimeMs));
    w.raw(",\"ts\":");
    w.number(static_cast<std::int64_t>(m_clock()));
    w.raw(",\"sql\":\"\"");
    if (!m_fixedSqlTypes.empty()) {
        w.raw(m_fixedSqlTypes);
    } else {
        w.raw(",\"sqlType\":{");
        for (std::size_t i = 0; i < n; ++i) {
            if (i) w.raw(',');
            w.raw(m_keys[i]);
            w.number(static_cast<std::int64_t>(sqlTypeOf(m_columns[i], record.values[i])));
        }
        w.raw('}');
    }
    w.raw(m_mysqlTypes);
    w.raw(",\"old\":");
    if (record.op == RowOp::Update) writeRow(w, record.before);
    else w.null();
    w.raw(",\"data\":");
    writeRow(w, record.values);
    if (m_tidbExtension) appendTidb(w, record.commitTimeMs);
    w.raw('}');

    if (!t.keyIndexes.empty()) {
        JsonWriter k(msg.key, JsonEscape::Html);
        k.raw('{');
        for (std::size_t j = 0; j < t.keyIndexes.size(); ++j) {
            const int idx = t.keyIndexes[j];
            if (j) k.raw(',');
            k.raw(m_keys[std::size_t(idx)]);
            writeValue(k, m_columns[std::size_t(idx)], record.values[std::size_t(idx)]);
        }
        k.raw('}');
    }
    out.push_back(std::move(msg));
}

} // namespace flowdeck
