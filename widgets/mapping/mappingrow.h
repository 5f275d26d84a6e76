#pragma once

#include <nlohmann/json.hpp>

#include <QList>
#include <QString>

namespace flowdeck {

/// One entry of a flow's `mapping` array as the mapping editor holds it: the entry's source
/// field (may be empty when a transform reads its own), the destination, and its steps split
/// into transforms and validations. Written back as transforms then validations, so a
/// validation checks the value as it will be written.
struct MappingRow
{
    QString source;
    QString destination;
    nlohmann::json transforms = nlohmann::json::array();
    nlohmann::json validations = nlohmann::json::array();

    /// The mapping entry: {"source", "destination", "transform"} (one step as an object,
    /// several as an array, none: no "transform" key).
    nlohmann::json toJson() const;
    /// The source fields this row reads: its source, else the fields its steps name.
    QStringList readFields() const;
};

/// Reads a `mapping` array. Entries that are not objects are skipped (the flow validator reports
/// them); unknown keys are dropped.
QList<MappingRow> mappingRowsFromJson(const nlohmann::json &mapping);
nlohmann::json mappingRowsToJson(const QList<MappingRow> &rows);

/// A short readable form of a chain of steps: "trim → lower", "truncate 10", "cast to integer".
QString stepsSummary(const nlohmann::json &steps);
/// The text of a parameter value as the user edits it (strings unquoted, the rest as JSON).
QString jsonParamText(const nlohmann::json &value);

} // namespace flowdeck
