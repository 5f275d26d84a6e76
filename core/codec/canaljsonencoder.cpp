#include "core/codec/canaljsonencoder.h"

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

bool startsWithWords(const std::string &upper, std::initializer_list<const char *> words)
{
    std::size_t pos = 0;
    for (const char *w : words) {
        while (pos < upper.size() && std::isspace(static_cast<unsigned char>(upper[pos]))) ++pos;
        const std::size_t len = std::strlen(w);
        if (upper.compare(pos, len, w) != 0) return false;
        pos += len;
        if (pos < upper.size() && !std::isspace(static_cast<unsigned char>(upper[pos]))) return false;
    }
    return true;
}

CanalJsonEncoder::Column columnFor(const ColumnInfo &info)
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

std::uint64_t bigEndian(std::string_view bytes)
{
    std::uint64_t v = 0;
    for (char b : bytes) v = (v << 8) | static_cast<unsigned char>(b);
    return v;
}

template <typename F>
void appendFixed(std::string &out, F v)
{
    char buf[512];
    auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    out.append(buf, res.ptr);
}

} // namespace

CanalJsonEncoder::CanalJsonEncoder(Clock clock)
    : m_clock(std::move(clock))
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
    std::string u(statement);
    for (char &c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (startsWithWords(u, {"CREATE", "TABLE"}) || startsWithWords(u, {"CREATE", "TEMPORARY", "TABLE"})) return "CREATE";
    if (startsWithWords(u, {"DROP", "TABLE"}) || startsWithWords(u, {"DROP", "TEMPORARY", "TABLE"})) return "ERASE";
    if (startsWithWords(u, {"TRUNCATE"})) return "TRUNCATE";
    if (startsWithWords(u, {"RENAME", "TABLE"})) return "RENAME";
    if (startsWithWords(u, {"CREATE", "INDEX"}) || startsWithWords(u, {"CREATE", "UNIQUE", "INDEX"})
        || startsWithWords(u, {"CREATE", "FULLTEXT", "INDEX"}) || startsWithWords(u, {"CREATE", "SPATIAL", "INDEX"}))
        return "CINDEX";
    if (startsWithWords(u, {"DROP", "INDEX"})) return "DINDEX";
    if (startsWithWords(u, {"ALTER", "TABLE"})) return "ALTER";
    return "QUERY";
}

void CanalJsonEncoder::prepare(const TableInfoPtr &table)
{
    if (table == m_table) return;
    m_columns.clear();
    m_columns.reserve(table->columns.size());
    for (const ColumnInfo &info : table->columns) m_columns.push_back(columnFor(info));
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
    h.raw(",\"pkNames\":");
    if (t.keyIndexes.empty()) {
        h.null();
    } else {
        h.raw('[');
        for (std::size_t k = 0; k < t.keyIndexes.size(); ++k) {
            if (k) h.raw(',');
            h.string(t.columns[std::size_t(t.keyIndexes[k])].name);
        }
        h.raw(']');
    }
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

void CanalJsonEncoder::writeValue(JsonWriter &w, const Column &col, const Value &v) const
{
    if (v.isNull()) {
        w.null();
        return;
    }
    std::string &s = w.out();
    switch (col.kind) {
    case Kind::Binary:
        w.latin1String(v.isStringLike() ? std::string_view(v.str()) : std::string_view(v.toString()));
        return;
    case Kind::Float:
        if (v.type() == ValueType::Double) {
            s.push_back('"');
            appendFixed(s, static_cast<float>(v.asDouble()));
            s.push_back('"');
            return;
        }
        break;
    case Kind::Double:
        if (v.type() == ValueType::Double) {
            s.push_back('"');
            appendFixed(s, v.asDouble());
            s.push_back('"');
            return;
        }
        break;
    case Kind::Bit:
        if (v.type() == ValueType::Bytes || v.type() == ValueType::Text) {
            s.push_back('"');
            JsonWriter::appendUInt(s, bigEndian(v.str()));
            s.push_back('"');
            return;
        }
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
            s.push_back('"');
            JsonWriter::appendUInt(s, n);
            s.push_back('"');
            return;
        }
        break;
    default:
        break;
    }
    switch (v.type()) {
    case ValueType::Int: s.push_back('"'); JsonWriter::appendInt(s, v.asInt()); s.push_back('"'); return;
    case ValueType::UInt: s.push_back('"'); JsonWriter::appendUInt(s, v.asUInt()); s.push_back('"'); return;
    case ValueType::Bool: s.append(v.asBool() ? "\"1\"" : "\"0\""); return;
    case ValueType::Double: s.push_back('"'); appendFixed(s, v.asDouble()); s.push_back('"'); return;
    default: w.string(v.str()); return;
    }
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

void CanalJsonEncoder::encodeDdl(const Record &record, std::vector<EncodedMessage> &out)
{
    EncodedMessage msg;
    msg.ddl = true;
    JsonWriter w(msg.value, JsonEscape::Html);
    w.raw("{\"id\":0,\"database\":");
    w.string(record.table ? record.table->database : std::string());
    w.raw(",\"table\":");
    w.string(record.table ? record.table->table : std::string());
    w.raw(",\"pkNames\":null,\"isDdl\":true,\"type\":\"");
    w.raw(ddlType(record.statement));
    w.raw("\",\"es\":");
    w.number(static_cast<std::int64_t>(record.commitTimeMs));
    w.raw(",\"ts\":");
    w.number(static_cast<std::int64_t>(m_clock()));
    w.raw(",\"sql\":");
    w.string(record.statement);
    w.raw(",\"sqlType\":null,\"mysqlType\":null,\"data\":null,\"old\":null}");
    out.push_back(std::move(msg));
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
