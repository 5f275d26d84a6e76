#include "core/mysql/mysqltypeinference.h"

#include <algorithm>

namespace flowdeck {

namespace {

/// What one column's values looked like.
struct Seen
{
    bool boolean = false, integer = false, negative = false, bigUnsigned = false, floating = false;
    bool decimal = false, text = false, bytes = false, date = false, dateTime = false, time = false;
    bool fraction = false; // a time with fractional seconds
    std::size_t integerDigits = 0, scale = 0, maxBytes = 0;
};

void see(Seen &s, const Value &v)
{
    switch (v.type()) {
    case ValueType::Null: return;
    case ValueType::Bool: s.boolean = true; return;
    case ValueType::Int:
        s.integer = true;
        s.negative = s.negative || v.asInt() < 0;
        s.integerDigits = std::max(s.integerDigits, std::to_string(v.asInt()).size());
        return;
    case ValueType::UInt:
        s.integer = true;
        s.bigUnsigned = s.bigUnsigned || v.asUInt() > std::uint64_t(INT64_MAX);
        s.integerDigits = std::max(s.integerDigits, std::to_string(v.asUInt()).size());
        return;
    case ValueType::Double: s.floating = true; return;
    case ValueType::Decimal: {
        s.decimal = true;
        const std::string &t = v.str();
        const auto dot = t.find('.');
        const std::size_t sign = !t.empty() && (t[0] == '-' || t[0] == '+') ? 1 : 0;
        s.integerDigits = std::max(s.integerDigits, (dot == std::string::npos ? t.size() : dot) - sign);
        if (dot != std::string::npos)
            s.scale = std::max(s.scale, t.size() - dot - 1);
        return;
    }
    case ValueType::Text: s.text = true; break;
    case ValueType::Bytes: s.bytes = true; break;
    case ValueType::Date: s.date = true; return;
    case ValueType::DateTime: s.dateTime = true; s.fraction = s.fraction || v.str().find('.') != std::string::npos; return;
    case ValueType::Time: s.time = true; s.fraction = s.fraction || v.str().find('.') != std::string::npos; return;
    }
    s.maxBytes = std::max(s.maxBytes, v.str().size());
}

std::string typeFor(const Seen &s, bool key)
{
    const bool numeric = s.boolean || s.integer || s.floating || s.decimal;
    const bool temporal = s.date || s.dateTime || s.time;
    const bool stringy = s.text || s.bytes;
    const std::string text = key ? "VARCHAR(255)" : s.maxBytes > 65535 ? "LONGTEXT" : "TEXT";
    if (stringy || (numeric && temporal) || (s.time && (s.date || s.dateTime))) {
        if (s.bytes && !s.text && !numeric && !temporal)
            return key ? "VARBINARY(255)" : s.maxBytes > 65535 ? "LONGBLOB" : "BLOB";
        return text;
    }
    if (numeric) {
        if (s.floating)
            return "DOUBLE";
        if (s.decimal) {
            const std::size_t scale = std::min<std::size_t>(s.scale, 30);
            const std::size_t precision = std::min<std::size_t>(65, std::max<std::size_t>(18, s.integerDigits) + scale);
            return "DECIMAL(" + std::to_string(precision) + ',' + std::to_string(scale) + ')';
        }
        if (s.integer && s.bigUnsigned)
            return s.negative ? "DECIMAL(20,0)" : "BIGINT UNSIGNED";
        return s.integer ? "BIGINT" : "TINYINT(1)";
    }
    if (s.time)
        return s.fraction ? "TIME(6)" : "TIME";
    if (s.dateTime)
        return s.fraction ? "DATETIME(6)" : "DATETIME";
    if (s.date)
        return "DATE";
    return text; // no values at all
}

} // namespace

std::vector<MySqlNewColumn> inferMySqlColumns(const Schema &schema, const Batch &batch,
                                              const std::vector<std::string> &key)
{
    std::vector<Seen> seen(schema.size());
    for (const Record &record : batch) {
        if (record.isError())
            continue;
        for (std::size_t f = 0; f < schema.size(); ++f) {
            int v = int(f);
            if (record.schema && record.schema.get() != &schema)
                v = record.schema->indexOf(schema.names()[f]);
            if (v >= 0 && std::size_t(v) < record.values.size())
                see(seen[f], record.values[std::size_t(v)]);
        }
    }
    std::vector<MySqlNewColumn> columns;
    for (std::size_t f = 0; f < schema.size(); ++f) {
        const std::string &name = schema.names()[f];
        const bool isKey = std::find(key.begin(), key.end(), name) != key.end();
        columns.push_back({name, typeFor(seen[f], isKey), isKey});
    }
    return columns;
}

} // namespace flowdeck
