#include "core/codec/jsonrowencoder.h"

#include "core/mysql/mysqlcolumntypes.h"

#include "core/model/errors.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace flowdeck {

namespace {

/// Whether `s` matches JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool isJsonNumber(std::string_view s)
{
    std::size_t i = 0;
    const std::size_t n = s.size();
    auto digit = [&](std::size_t k) { return k < n && std::isdigit(static_cast<unsigned char>(s[k])); };
    if (i < n && s[i] == '-') ++i;
    if (!digit(i)) return false;
    if (s[i] == '0') ++i;
    else while (digit(i)) ++i;
    if (i < n && s[i] == '.') {
        ++i;
        if (!digit(i)) return false;
        while (digit(i)) ++i;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
        if (!digit(i)) return false;
        while (digit(i)) ++i;
    }
    return i == n;
}

bool isBinaryColumn(const ColumnInfo *c)
{
    if (!c) return false;
    const std::string &t = c->dataType;
    return c->charset == "binary" || isBinaryDataType(t);
}

} // namespace

void JsonRowEncoder::writeValue(JsonWriter &w, const ColumnInfo *column, const Value &v)
{
    switch (v.type()) {
    case ValueType::Null: w.null(); return;
    case ValueType::Bool: w.boolean(v.asBool()); return;
    case ValueType::Int: w.number(v.asInt()); return;
    case ValueType::UInt: w.number(v.asUInt()); return;
    case ValueType::Double:
        if (column && column->dataType == "float" && std::isfinite(v.asDouble())) {
            // FLOAT: the shortest text that reads back as the same float ("1.1", not 1.100000023841858)
            char buf[64];
            auto res = std::to_chars(buf, buf + sizeof buf, static_cast<float>(v.asDouble()));
            w.raw(std::string_view(buf, std::size_t(res.ptr - buf)));
            return;
        }
        w.number(v.asDouble());
        return;
    case ValueType::Decimal:
        if (isJsonNumber(v.str())) w.raw(v.str());
        else w.string(v.str());
        return;
    case ValueType::Bytes: w.base64String(v.str()); return;
    default:
        if (isBinaryColumn(column)) w.base64String(v.str());
        else w.string(v.str());
        return;
    }
}

void JsonRowEncoder::encode(const Record &record, std::vector<EncodedMessage> &out)
{
    if (record.op == RowOp::Ddl) return;
    const std::vector<std::string> *names = record.schema ? &record.schema->names() : nullptr;
    const TableInfo *t = record.table.get();
    const std::size_t n = record.values.size();
    if ((t && t->columns.size() != n) || (!t && (!names || names->size() != n)))
        throw InputError(record.position, "the record's values do not match its columns");

    EncodedMessage msg;
    msg.value.reserve(64 + n * 32);
    JsonWriter w(msg.value, JsonEscape::Plain);
    w.raw('{');
    for (std::size_t i = 0; i < n; ++i) {
        if (i) w.raw(',');
        w.key(t ? t->columns[i].name : (*names)[i]);
        writeValue(w, t ? &t->columns[i] : nullptr, record.values[i]);
    }
    if (record.op == RowOp::Delete) w.raw(n ? ",\"_op\":\"d\"" : "\"_op\":\"d\"");
    w.raw('}');

    if (t && !t->keyIndexes.empty()) {
        JsonWriter k(msg.key, JsonEscape::Plain);
        k.raw('{');
        for (std::size_t j = 0; j < t->keyIndexes.size(); ++j) {
            const int idx = t->keyIndexes[j];
            if (j) k.raw(',');
            k.key(t->columns[idx].name);
            writeValue(k, &t->columns[idx], record.values[idx]);
        }
        k.raw('}');
    }
    out.push_back(std::move(msg));
}

} // namespace flowdeck
