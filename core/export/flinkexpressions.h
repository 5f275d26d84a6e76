#pragma once

#include "core/export/exportcontext.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace flowdeck::exporting {

/// 'text' as a Flink SQL string literal.
std::string sqlString(const std::string &text);
/// `name` as a quoted Flink SQL identifier.
std::string sqlIdentifier(const std::string &name);

/// Flowdeck mapping entries and filters as Flink SQL expressions over the source table's
/// columns (all STRING), with Flowdeck's semantics: NULL matches neq/notIn, numbers compare as
/// numbers, concat skips NULL parts. What Flink SQL cannot express is reported to the context.
class FlinkExpressions
{
public:
    explicit FlinkExpressions(ExportContext &ctx);

    /// The expression of one mapping entry; `type` receives the sink column's type (STRING
    /// unless the last step casts).
    std::string mappingEntry(const nlohmann::json &entry, const std::string &path, std::string *type);
    /// The condition of one filter, or "" (reported) when it cannot be expressed.
    std::string filter(const nlohmann::json &filter, const std::string &path);
    /// The source fields read so far, in first-use order.
    const std::vector<std::string> &sourceFields() const { return m_fields; }

private:
    std::string field(const std::string &name);
    std::string step(const nlohmann::json &step, const std::string &input, const std::string &path, std::string *type);
    std::string literal(const nlohmann::json &value) const;

    ExportContext &m_ctx;
    std::vector<std::string> m_fields;
};

} // namespace flowdeck::exporting
