#include "core/export/flinkexpressions.h"

#include <algorithm>

namespace flowdeck::exporting {

namespace {

const char kTarget[] = "Flink SQL";

std::string likeEscaped(const std::string &text)
{
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

// Flowdeck's replacement "\1" is Java's "$1"; a literal "$" is "\$" in Java.
std::string javaReplacement(const std::string &with)
{
    std::string out;
    for (std::size_t i = 0; i < with.size(); ++i) {
        if (with[i] == '\\' && i + 1 < with.size() && with[i + 1] >= '1' && with[i + 1] <= '9') {
            out += '$';
            out += with[++i];
        } else if (with[i] == '$') {
            out += "\\$";
        } else {
            out += with[i];
        }
    }
    return out;
}

} // namespace

std::string sqlString(const std::string &text)
{
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += '\'';
        out += c;
    }
    return out + "'";
}

std::string sqlIdentifier(const std::string &name)
{
    std::string out = "`";
    for (char c : name) {
        if (c == '`')
            out += '`';
        out += c;
    }
    return out + "`";
}

FlinkExpressions::FlinkExpressions(ExportContext &ctx)
    : m_ctx(ctx)
{
}

std::string FlinkExpressions::field(const std::string &name)
{
    if (std::find(m_fields.begin(), m_fields.end(), name) == m_fields.end())
        m_fields.push_back(name);
    return sqlIdentifier(name);
}

std::string FlinkExpressions::literal(const nlohmann::json &value) const
{
    if (value.is_string())
        return sqlString(value.get<std::string>());
    if (value.is_boolean())
        return value.get<bool>() ? "TRUE" : "FALSE";
    if (value.is_null())
        return "CAST(NULL AS STRING)";
    return value.dump();
}

std::string FlinkExpressions::mappingEntry(const nlohmann::json &entry, const std::string &path, std::string *type)
{
    std::string expr = entry.contains("source") ? field(entry["source"].get<std::string>()) : std::string();
    const nlohmann::json transform = entry.value("transform", nlohmann::json());
    if (transform.is_object())
        return step(transform, expr, path + ".transform", type);
    if (transform.is_array()) {
        for (std::size_t i = 0; i < transform.size(); ++i)
            expr = step(transform[i], expr, path + ".transform[" + std::to_string(i) + "]", type);
    }
    return expr;
}

std::string FlinkExpressions::step(const nlohmann::json &s, const std::string &previous, const std::string &path, std::string *type)
{
    const std::string op = s.value("op", std::string());
    const std::string input = s.contains("source") ? field(s["source"].get<std::string>()) : previous;
    *type = "STRING";
    if (op == "rename")
        return input;
    if (op == "upper")
        return "UPPER(" + input + ")";
    if (op == "lower")
        return "LOWER(" + input + ")";
    if (op == "trim") // every whitespace character, as Flowdeck trims (TRIM removes spaces only)
        return "REGEXP_REPLACE(" + input + ", '^\\s+|\\s+$', '')";
    if (op == "truncate")
        return "SUBSTRING(" + input + " FROM 1 FOR " + std::to_string(s.value("length", 1)) + ")";
    if (op == "constant") {
        const nlohmann::json v = s.value("value", nlohmann::json());
        if (v.is_number_integer())
            *type = "BIGINT";
        else if (v.is_number())
            *type = "DOUBLE";
        else if (v.is_boolean())
            *type = "BOOLEAN";
        return literal(v);
    }
    if (op == "default")
        return "COALESCE(" + input + ", " + (s["value"].is_string() ? literal(s["value"]) : "CAST(" + literal(s["value"]) + " AS STRING)") + ")";
    if (op == "concat") {
        std::vector<std::string> parts;
        for (const nlohmann::json &f : s.value("sources", nlohmann::json::array()))
            parts.push_back(field(f.get<std::string>()));
        std::string all = "CONCAT_WS(" + sqlString(s.value("separator", std::string())) ;
        std::string allNull;
        for (const std::string &p : parts) {
            all += ", " + p;
            allNull += (allNull.empty() ? "" : " AND ") + p + " IS NULL";
        }
        // CONCAT_WS skips NULL parts as Flowdeck does, but gives '' where Flowdeck gives NULL.
        return "CASE WHEN " + allNull + " THEN CAST(NULL AS STRING) ELSE " + all + ") END";
    }
    if (op == "replace")
        return "REGEXP_REPLACE(" + input + ", " + sqlString(s.value("pattern", std::string())) + ", "
               + sqlString(javaReplacement(s.value("with", std::string()))) + ")";
    if (op == "cast") {
        const std::string to = s.value("to", std::string());
        static const std::vector<std::pair<std::string, std::string>> types = {
            {"text", "STRING"}, {"integer", "BIGINT"}, {"double", "DOUBLE"}, {"boolean", "BOOLEAN"},
            {"date", "DATE"}, {"datetime", "TIMESTAMP(6)"}, {"time", "TIME(0)"}};
        for (const auto &[name, sqlType] : types) {
            if (name == to) {
                *type = sqlType;
                return "CAST(" + input + " AS " + sqlType + ")";
            }
        }
        m_ctx.problem(path + ".to", "Flink's DECIMAL needs a precision and scale that the flow does not give");
        return input;
    }
    if (op == "mask")
        m_ctx.problem(path, std::string(kTarget) + " export has no mask; mask with REGEXP_REPLACE by hand, or keep the flow in Flowdeck");
    else if (op == "notNull" || op == "notEmpty" || op == "range" || op == "regex")
        m_ctx.problem(path, "a validation: Flink SQL cannot fail one record and dead-letter it as Flowdeck does");
    else
        m_ctx.problem(path, "unknown transform '" + op + "'");
    return input;
}

std::string FlinkExpressions::filter(const nlohmann::json &f, const std::string &path)
{
    const std::string op = f.value("op", std::string());
    const std::string col = field(f.value("field", std::string()));
    const nlohmann::json value = f.value("value", nlohmann::json());
    // Numbers compare as numbers (Flowdeck converts text holding a number), the rest as text.
    auto operand = [&](const nlohmann::json &v) { return v.is_number() ? "TRY_CAST(" + col + " AS DOUBLE)" : col; };
    auto text = [](const nlohmann::json &v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
    static const std::vector<std::pair<std::string, std::string>> comparisons = {
        {"eq", "="}, {"lt", "<"}, {"lte", "<="}, {"gt", ">"}, {"gte", ">="}};
    for (const auto &[name, sqlOp] : comparisons)
        if (op == name)
            return operand(value) + " " + sqlOp + " " + literal(value.is_boolean() ? nlohmann::json(text(value)) : value);
    if (op == "neq") // a NULL field is not equal to anything: kept
        return "(" + col + " IS NULL OR " + operand(value) + " <> " + literal(value.is_boolean() ? nlohmann::json(text(value)) : value) + ")";
    if (op == "between" && value.is_array() && value.size() == 2)
        return operand(value[0]) + " BETWEEN " + literal(value[0]) + " AND " + literal(value[1]);
    if (op == "in" || op == "notIn") {
        std::string list;
        bool numbers = true;
        for (const nlohmann::json &v : value)
            numbers = numbers && v.is_number();
        for (const nlohmann::json &v : value)
            list += (list.empty() ? "" : ", ") + (numbers ? v.dump() : sqlString(text(v)));
        const std::string lhs = numbers ? "TRY_CAST(" + col + " AS DOUBLE)" : col;
        return op == "in" ? lhs + " IN (" + list + ")" : "(" + col + " IS NULL OR " + lhs + " NOT IN (" + list + "))";
    }
    if (op == "contains")
        return col + " LIKE " + sqlString("%" + likeEscaped(text(value)) + "%") + " ESCAPE '\\'";
    if (op == "startsWith")
        return col + " LIKE " + sqlString(likeEscaped(text(value)) + "%") + " ESCAPE '\\'";
    if (op == "endsWith")
        return col + " LIKE " + sqlString("%" + likeEscaped(text(value))) + " ESCAPE '\\'";
    if (op == "regex")
        return "REGEXP(" + col + ", " + sqlString(text(value)) + ")";
    if (op == "isNull")
        return col + " IS NULL";
    if (op == "isNotNull")
        return col + " IS NOT NULL";
    m_ctx.problem(path + ".op", "no Flink SQL condition for '" + op + "'");
    return {};
}

} // namespace flowdeck::exporting
