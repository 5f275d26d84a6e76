#include "core/codec/canaljsondecoder.h"

#include "core/codec/canaljsonencoder.h"

#include <cctype>
#include <charconv>
#include <cstdlib>

namespace flowdeck {

namespace {

using Node = JsonView::Node;
using Type = JsonView::Type;

/// A JSON string of ISO-8859-1 characters back to its bytes.
bool latin1Bytes(std::string_view utf8, std::string &out)
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

/// TiCDC's ENUM index or SET bit mask as the member text, when mysqlType lists the members
/// (`enum('a','b')`, as content-compatible messages and Canal write it).
bool memberText(std::uint64_t n, const ColumnInfo &column, Value &out, std::string &reason)
{
    const std::vector<std::string> members = CanalJsonEncoder::enumMembers(column.columnType);
    if (column.dataType == "enum") {
        if (n < 1 || n > members.size()) {
            reason = "column `" + column.name + "` (" + column.columnType + "): " + std::to_string(n) + " is not an index of its values";
            return false;
        }
        out = Value::text(members[std::size_t(n - 1)]);
        return true;
    }
    if (members.size() < 64 && (n >> members.size())) {
        reason = "column `" + column.name + "` (" + column.columnType + "): " + std::to_string(n) + " is not a bit mask of its values";
        return false;
    }
    std::string text;
    for (std::size_t i = 0; i < members.size() && i < 64; ++i)
        if ((n >> i) & 1)
            text += (text.empty() ? "" : ",") + members[i];
    out = Value::text(std::move(text));
    return true;
}

} // namespace

bool CanalJsonDecoder::typedValue(const Node &value, const ColumnInfo &column, Value &out, std::string &reason)
{
    if (value.type == Type::Null) {
        out = Value();
        return true;
    }
    std::string text;
    if (value.type == Type::String || value.type == Type::Number)
        text.assign(value.text);
    else if (value.type == Type::Bool)
        text = value.boolean ? "1" : "0";
    else
        text = "(a JSON " + std::string(value.type == Type::Array ? "array" : "object") + ")";
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
            if (t != "bit" && column.columnType.find('(') != std::string::npos)
                return memberText(u, column, out, reason);
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

void CanalJsonDecoder::decodeMessage(const KafkaMessage &message, Batch &out)
{
    if (message.nullValue || message.value.empty()) {
        appendError(message, "canal-json message without a value", out);
        return;
    }
    if (!m_json.parse(message.value, m_error)) {
        appendError(message, "not valid JSON (" + m_error + ")", out);
        return;
    }
    const Node &j = m_json.root();
    if (j.type != Type::Object) {
        appendError(message, "not a JSON object", out);
        return;
    }
    auto str = [&](const char *key) {
        const Node *n = m_json.find(j, key);
        return n && n->type == Type::String ? n->text : std::string_view();
    };
    const std::string_view database = str("database");
    const std::string_view table = str("table");
    const std::string type(str("type"));
    std::int64_t es = 0;
    if (const Node *n = m_json.find(j, "es"); n && n->type == Type::Number)
        std::from_chars(n->text.data(), n->text.data() + n->text.size(), es);
    bool isDdl = false;
    if (const Node *n = m_json.find(j, "isDdl"); n && n->type == Type::Bool)
        isDdl = n->boolean;
    const Node *dataNode = m_json.find(j, "data");
    // TiCDC's resolved-ts marks (enable-tidb-extension=true) carry no change: nothing to apply.
    if (type == "TIDB_WATERMARK")
        return;
    // TiCDC's large-message handling sends only the handle key (large-message-handle-option=
    // handle-key-only) or a claim-check location instead of the row: applied as a row, it would
    // hold only the key columns.
    if (const Node *tidb = m_json.find(j, "_tidb"); tidb && tidb->type == Type::Object) {
        const Node *only = m_json.find(*tidb, "onlyHandleKey");
        const Node *claim = m_json.find(*tidb, "claimCheckLocation");
        if ((only && only->type == Type::Bool && only->boolean) || (claim && claim->type == Type::String)) {
            appendError(message, std::string("TiCDC sent ") + (claim && claim->type == Type::String ? "a claim-check location" : "only the handle key")
                                     + " of this row (large-message handling): the message does not hold the row; Flowdeck cannot "
                                       "fetch it from TiDB or external storage",
                        out);
            return;
        }
    }

    if (isDdl || (type != "INSERT" && type != "UPDATE" && type != "DELETE" && !type.empty()
                  && (!dataNode || dataNode->type == Type::Null))) {
        Record r;
        r.op = RowOp::Ddl;
        r.position = positionOf(message);
        r.statement.assign(str("sql"));
        r.commitTimeMs = es;
        auto info = std::make_shared<TableInfo>();
        info->database.assign(database);
        info->table.assign(table);
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
    const Node *first = dataNode && dataNode->type == Type::Array ? m_json.child(*dataNode) : nullptr;
    if (!first || first->type != Type::Object) {
        appendError(message, "a " + type + " without rows in \"data\"", out);
        return;
    }
    const Node *types = m_json.find(j, "mysqlType");
    if (types && types->type != Type::Object)
        types = nullptr;
    m_key.clear();
    if (const Node *pk = m_json.find(j, "pkNames"); pk && pk->type == Type::Array)
        for (const Node *k = m_json.child(*pk); k; k = m_json.sibling(*k))
            if (k->type == Type::String)
                m_key.emplace_back(k->text);

    // The columns: the first row's, typed by mysqlType.
    m_tables.begin(database, table);
    const Node *typeCursor = types ? m_json.child(*types) : nullptr; // mysqlType lists the columns in data's order
    for (const Node *c = m_json.child(*first); c; c = m_json.sibling(*c)) {
        std::string_view colType;
        if (types) {
            const Node *t = typeCursor && typeCursor->key == c->key ? typeCursor : m_json.find(*types, c->key);
            if (t && t->type == Type::String)
                colType = t->text;
            typeCursor = t ? m_json.sibling(*t) : nullptr;
        }
        m_tables.add(c->key, colType);
    }
    m_tables.setKey(m_key);
    const DecodedTables::Entry &entry = m_tables.finish();
    const TableInfo &info = *entry.table;
    const std::size_t n = info.columns.size();

    const Node *old = m_json.find(j, "old");
    const Node *oldRow = old && old->type == Type::Array ? m_json.child(*old) : nullptr;
    const std::size_t firstRecord = out.size();
    std::string reason;
    std::size_t row = 0;
    for (const Node *data = first; data; data = m_json.sibling(*data), ++row) {
        Record r;
        r.position = positionOf(message);
        r.op = op;
        r.table = entry.table;
        r.schema = entry.schema;
        r.commitTimeMs = es;
        r.values.resize(n);
        bool ok = data->type == Type::Object && data->count == n;
        if (!ok)
            reason = "row " + std::to_string(row) + " of \"data\" does not have the columns of the first row";
        // Rows normally list the columns in the same order: try the next member first.
        const Node *member = ok ? m_json.child(*data) : nullptr;
        for (std::size_t c = 0; ok && c < n; ++c) {
            const Node *v = member && member->key == info.columns[c].name ? member : m_json.find(*data, info.columns[c].name);
            if (!v) {
                reason = "row " + std::to_string(row) + " of \"data\" has no column `" + info.columns[c].name + '`';
                ok = false;
            } else {
                ok = typedValue(*v, info.columns[c], r.values[c], reason);
                member = m_json.sibling(*v);
            }
        }
        if (ok && op == RowOp::Update) {
            r.before = r.values;
            if (oldRow && oldRow->type == Type::Object) {
                for (const Node *o = m_json.child(*oldRow); ok && o; o = m_json.sibling(*o)) {
                    const int idx = entry.schema->indexOf(o->key);
                    if (idx < 0) {
                        reason = "\"old\" names column `" + std::string(o->key) + "`, which \"data\" does not have";
                        ok = false;
                    } else {
                        ok = typedValue(*o, info.columns[std::size_t(idx)], r.before[std::size_t(idx)], reason);
                    }
                }
            }
        }
        if (oldRow)
            oldRow = m_json.sibling(*oldRow);
        if (!ok) {
            out.resize(firstRecord); // the message is one unit: all its rows, or an error
            appendError(message, reason, out);
            return;
        }
        out.push_back(std::move(r));
    }
}

} // namespace flowdeck
