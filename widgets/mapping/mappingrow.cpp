#include "mappingrow.h"

#include "core/flow/flowvocabulary.h"

#include <QCoreApplication>
#include <QStringList>

namespace flowdeck {

using nlohmann::json;

json MappingRow::toJson() const
{
    json entry = json::object();
    if (!source.isEmpty())
        entry["source"] = source.toStdString();
    entry["destination"] = destination.toStdString();
    json steps = json::array();
    for (const json &s : transforms)
        steps.push_back(s);
    for (const json &s : validations)
        steps.push_back(s);
    if (steps.size() == 1)
        entry["transform"] = steps[0];
    else if (steps.size() > 1)
        entry["transform"] = steps;
    return entry;
}

QStringList MappingRow::readFields() const
{
    if (!source.isEmpty())
        return {source};
    QStringList fields;
    for (const json *chain : {&transforms, &validations}) {
        for (const json &step : *chain) {
            if (auto s = step.find("source"); s != step.end() && s->is_string())
                fields << QString::fromStdString(s->get<std::string>());
            if (auto s = step.find("sources"); s != step.end() && s->is_array())
                for (const json &name : *s)
                    if (name.is_string())
                        fields << QString::fromStdString(name.get<std::string>());
        }
    }
    fields.removeDuplicates();
    return fields;
}

static bool isValidationStep(const json &step)
{
    auto op = step.find("op");
    return op != step.end() && op->is_string() && vocabulary::contains(vocabulary::kValidationOps, op->get<std::string>());
}

QList<MappingRow> mappingRowsFromJson(const json &mapping)
{
    QList<MappingRow> rows;
    if (!mapping.is_array())
        return rows;
    for (const json &e : mapping) {
        if (!e.is_object())
            continue;
        MappingRow row;
        if (auto s = e.find("source"); s != e.end() && s->is_string())
            row.source = QString::fromStdString(s->get<std::string>());
        if (auto d = e.find("destination"); d != e.end() && d->is_string())
            row.destination = QString::fromStdString(d->get<std::string>());
        if (auto t = e.find("transform"); t != e.end()) {
            const json steps = t->is_array() ? *t : json::array({*t});
            for (const json &step : steps)
                (isValidationStep(step) ? row.validations : row.transforms).push_back(step);
        }
        rows << row;
    }
    return rows;
}

json mappingRowsToJson(const QList<MappingRow> &rows)
{
    json mapping = json::array();
    for (const MappingRow &row : rows)
        mapping.push_back(row.toJson());
    return mapping;
}

QString jsonParamText(const json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_array()) {
        QStringList parts;
        for (const json &v : value)
            parts << jsonParamText(v);
        return parts.join(QStringLiteral(", "));
    }
    return QString::fromStdString(value.dump());
}

static QString stepSummary(const json &step)
{
    if (!step.is_object())
        return QString::fromStdString(step.dump());
    const QString op = step.contains("op") ? jsonParamText(step["op"]) : QStringLiteral("?");
    auto param = [&](const char *key) { return step.contains(key) ? jsonParamText(step[key]) : QString(); };
    QString text = op;
    if (op == QLatin1String("concat")) {
        text += QStringLiteral("(") + param("sources") + QStringLiteral(")");
        if (step.contains("separator"))
            text += QStringLiteral(" \"") + param("separator") + QStringLiteral("\"");
    } else if (op == QLatin1String("truncate")) {
        text += QLatin1Char(' ') + param("length");
    } else if (op == QLatin1String("mask")) {
        text += QStringLiteral(" %1…%2").arg(step.contains("keepFirst") ? param("keepFirst") : QStringLiteral("0"),
                                            step.contains("keepLast") ? param("keepLast") : QStringLiteral("4"));
    } else if (op == QLatin1String("constant") || op == QLatin1String("default")) {
        text += QStringLiteral(" ") + QString::fromStdString(step.value("value", json()).dump());
    } else if (op == QLatin1String("cast")) {
        text = QCoreApplication::translate("flowdeck::FieldMappingModel", "cast to %1").arg(param("to"));
    } else if (op == QLatin1String("replace")) {
        text += QStringLiteral(" /%1/ → \"%2\"").arg(param("pattern"), param("with"));
    } else if (op == QLatin1String("regex")) {
        text += QStringLiteral(" /%1/").arg(param("pattern"));
    } else if (op == QLatin1String("range")) {
        text += QStringLiteral(" [%1 … %2]").arg(param("min"), param("max"));
    }
    if (step.contains("source") && op != QLatin1String("rename"))
        text += QStringLiteral(" (%1)").arg(param("source"));
    else if (op == QLatin1String("rename"))
        text += QLatin1Char(' ') + param("source");
    return text;
}

QString stepsSummary(const json &steps)
{
    QStringList parts;
    for (const json &step : steps)
        parts << stepSummary(step);
    return parts.join(QStringLiteral(" → "));
}

} // namespace flowdeck
