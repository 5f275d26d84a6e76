#include "core/file/rowtextencoder.h"

#include "core/codec/jsonrowencoder.h"
#include "core/codec/jsonwriter.h"
#include "core/mysql/mysqlcolumntypes.h"

#include <ctime>

namespace flowdeck {

namespace {

const char *opLetter(RowOp op)
{
    switch (op) {
    case RowOp::Update: return "U";
    case RowOp::Delete: return "D";
    default: return "I";
    }
}

/// "2026-12-07T22:15:30.123Z", or "" for 0 (unknown).
std::string commitTimeText(std::int64_t ms)
{
    if (ms <= 0)
        return {};
    const std::time_t secs = std::time_t(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, int(ms % 1000));
    return buf;
}

bool binaryColumn(const Record &r, std::size_t i)
{
    if (!r.table || i >= r.table->columns.size())
        return false;
    const ColumnInfo &c = r.table->columns[i];
    return c.charset == "binary" || isBinaryDataType(c.dataType);
}

} // namespace

std::string toBase64(std::string_view in)
{
    std::string quoted;
    JsonWriter(quoted).base64String(in);
    return quoted.substr(1, quoted.size() - 2);
}

RowTextEncoder::RowTextEncoder(Format format, CsvOptions csv, bool changeColumns)
    : m_format(format)
    , m_csv(csv)
    , m_changeColumns(changeColumns)
{
}

std::vector<std::string> RowTextEncoder::columnsOf(const Record &record) const
{
    std::vector<std::string> columns;
    if (m_changeColumns)
        columns = {"_op", "_schema", "_table", "_commit_time"};
    if (record.table && record.table->columns.size() == record.values.size()) {
        for (const ColumnInfo &c : record.table->columns)
            columns.push_back(c.name);
    } else if (record.schema) {
        columns.insert(columns.end(), record.schema->names().begin(), record.schema->names().end());
    }
    return columns;
}

std::string RowTextEncoder::header(const std::vector<std::string> &columns) const
{
    if (m_format != Format::Csv || !m_csv.header)
        return {};
    std::string out;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i)
            out += m_csv.delimiter;
        appendCsvField(out, columns[i], false);
    }
    out += '\n';
    return out;
}

void RowTextEncoder::appendCsvField(std::string &out, std::string_view text, bool forceQuote) const
{
    bool quote = forceQuote || (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    for (char c : text)
        if (c == m_csv.delimiter || c == m_csv.quote || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    if (!quote) {
        out.append(text);
        return;
    }
    out += m_csv.quote;
    for (char c : text) {
        if (c == m_csv.quote)
            out += m_csv.quote;
        out += c;
    }
    out += m_csv.quote;
}

void RowTextEncoder::appendCsvValue(std::string &out, const Value &v, bool binary) const
{
    switch (v.type()) {
    case ValueType::Null: return; // an empty unquoted field, as CsvReader reads NULL
    case ValueType::Bool: out += v.asBool() ? "true" : "false"; return;
    case ValueType::Bytes: out += toBase64(v.str()); return;
    case ValueType::Int:
    case ValueType::UInt:
    case ValueType::Double: out += v.toString(); return;
    default:
        if (binary)
            out += toBase64(v.str());
        else
            appendCsvField(out, v.str(), v.str().empty()); // "" is an empty text, not NULL
        return;
    }
}

void RowTextEncoder::appendRow(const Record &record, std::string &out) const
{
    if (record.op == RowOp::Ddl)
        return;
    const std::vector<std::string> names = columnsOf(record);
    const std::size_t first = m_changeColumns ? 4 : 0;
    const std::string schema = record.table ? record.table->database : std::string();
    const std::string table = record.table ? record.table->table : std::string();
    const std::string commit = commitTimeText(record.commitTimeMs);
    if (m_format == Format::Csv) {
        if (m_changeColumns) {
            out += opLetter(record.op);
            out += m_csv.delimiter;
            appendCsvField(out, schema, false);
            out += m_csv.delimiter;
            appendCsvField(out, table, false);
            out += m_csv.delimiter;
            out += commit;
            if (!record.values.empty())
                out += m_csv.delimiter;
        }
        for (std::size_t i = 0; i < record.values.size(); ++i) {
            if (i)
                out += m_csv.delimiter;
            appendCsvValue(out, record.values[i], binaryColumn(record, i));
        }
        out += '\n';
        return;
    }
    JsonWriter w(out, JsonEscape::Plain);
    w.raw('{');
    if (m_changeColumns) {
        w.key("_op");
        w.string(opLetter(record.op));
        w.raw(',');
        w.key("_schema");
        w.string(schema);
        w.raw(',');
        w.key("_table");
        w.string(table);
        w.raw(',');
        w.key("_commit_time");
        if (commit.empty())
            w.null();
        else
            w.string(commit);
    }
    for (std::size_t i = 0; i < record.values.size() && first + i < names.size(); ++i) {
        if (i || m_changeColumns)
            w.raw(',');
        w.key(names[first + i]);
        const ColumnInfo *column = record.table && i < record.table->columns.size() ? &record.table->columns[i] : nullptr;
        JsonRowEncoder::writeValue(w, column, record.values[i]);
    }
    w.raw("}\n");
}

} // namespace flowdeck
