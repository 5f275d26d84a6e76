#include "filtermodel.h"

#include "mappingcsv.h"
#include "mappingrow.h"

#include "core/model/errors.h"
#include "core/transform/filterset.h"
#include "core/flow/flowvocabulary.h"

#include <QBrush>
#include <QColor>
#include <QRegularExpression>

#include <algorithm>

namespace flowdeck {

using nlohmann::json;

FilterModel::FilterModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

FilterModel::Arity FilterModel::arity(const QString &op)
{
    if (op == QLatin1String("isNull") || op == QLatin1String("isNotNull"))
        return Arity::None;
    if (op == QLatin1String("between"))
        return Arity::Two;
    if (op == QLatin1String("in") || op == QLatin1String("notIn"))
        return Arity::List;
    return Arity::One;
}

QStringList FilterModel::operators()
{
    QStringList ops;
    for (std::string_view op : vocabulary::kFilterOps)
        ops << QString::fromUtf8(op.data(), op.size());
    return ops;
}

QString FilterModel::operatorLabel(const QString &op)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("eq"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "equals")},
        {QStringLiteral("neq"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "does not equal")},
        {QStringLiteral("lt"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "less than")},
        {QStringLiteral("lte"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "less than or equal to")},
        {QStringLiteral("gt"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "greater than")},
        {QStringLiteral("gte"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "greater than or equal to")},
        {QStringLiteral("between"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "between")},
        {QStringLiteral("in"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "is one of")},
        {QStringLiteral("notIn"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "is none of")},
        {QStringLiteral("contains"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "contains")},
        {QStringLiteral("startsWith"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "starts with")},
        {QStringLiteral("endsWith"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "ends with")},
        {QStringLiteral("isNull"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "is null")},
        {QStringLiteral("isNotNull"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "is not null")},
        {QStringLiteral("regex"), QT_TRANSLATE_NOOP("flowdeck::FilterModel", "matches the regular expression")},
    };
    const char *label = labels.value(op);
    return label ? tr(label) : op;
}

QStringList FilterModel::valueParts(const FilterRow &row)
{
    if (row.value.is_null())
        return {};
    if (row.value.is_array()) {
        QStringList parts;
        for (const json &v : row.value)
            parts << jsonParamText(v);
        return parts;
    }
    return {jsonParamText(row.value)};
}

int FilterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FilterModel::rowProblem(int r) const
{
    const FilterRow &row = m_rows.at(r);
    if (row.field.isEmpty())
        return tr("Choose a field.");
    if (!m_fields.isEmpty() && !m_fields.contains(row.field))
        return tr("The source has no field '%1'.").arg(row.field);
    if (!operators().contains(row.op))
        return tr("Unknown operator '%1'.").arg(row.op);
    const QStringList parts = valueParts(row);
    switch (arity(row.op)) {
    case Arity::Two:
        if (parts.size() != 2 || parts[0].isEmpty() || parts[1].isEmpty())
            return tr("'between' needs two values: the low and the high end.");
        break;
    case Arity::List:
        if (parts.isEmpty() || std::any_of(parts.begin(), parts.end(), [](const QString &p) { return p.isEmpty(); }))
            return tr("'%1' needs a list of values, separated by commas.").arg(row.op);
        break;
    case Arity::One:
        if (row.op == QLatin1String("regex")) {
            const QRegularExpression re(parts.value(0));
            if (!re.isValid())
                return tr("Invalid regular expression: %1 at offset %2.").arg(re.errorString()).arg(re.patternErrorOffset());
        }
        break;
    case Arity::None:
        break;
    }
    try {
        json one = json::object({{"field", row.field.toStdString()}, {"op", row.op.toStdString()}});
        if (!row.value.is_null())
            one["value"] = row.value;
        FilterSet::compile(json::array({one}));
    } catch (const Error &e) {
        return QString::fromStdString(e.what()).remove(QStringLiteral("filters[0]."));
    }
    return {};
}

QVariant FilterModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const FilterRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Field: return row.field;
        case Operator: return operatorLabel(row.op);
        case Value: {
            const QStringList parts = valueParts(row);
            switch (arity(row.op)) {
            case Arity::None: return QString();
            case Arity::Two: return tr("%1 and %2").arg(parts.value(0), parts.value(1));
            case Arity::List: return MappingCsv::joinLine(parts);
            case Arity::One: return parts.value(0);
            }
        }
        }
        break;
    case Qt::EditRole:
        switch (index.column()) {
        case Field: return row.field;
        case Operator: return row.op;
        case Value:
            if (arity(row.op) == Arity::Two || arity(row.op) == Arity::List)
                return valueParts(row);
            return valueParts(row).value(0);
        }
        break;
    case Qt::ToolTipRole: {
        const QString problem = rowProblem(index.row());
        if (!problem.isEmpty())
            return problem;
        if (index.column() == Value && arity(row.op) == Arity::List)
            return tr("Values separated by commas; quote a value that holds a comma: \"a, b\"");
        break;
    }
    case Qt::ForegroundRole:
        if (!rowProblem(index.row()).isEmpty())
            return QBrush(QColor(0xb0, 0x00, 0x20));
        break;
    case Qt::BackgroundRole:
        if (!rowProblem(index.row()).isEmpty())
            return QBrush(QColor(0xfd, 0xe7, 0xe9));
        break;
    }
    return {};
}

QVariant FilterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Field: return tr("Field");
    case Operator: return tr("Condition");
    case Value: return tr("Value");
    }
    return {};
}

Qt::ItemFlags FilterModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() != Value || arity(m_rows.at(index.row()).op) != Arity::None)
        f |= Qt::ItemIsEditable;
    return f;
}

// Text parts back to JSON values: an unchanged part keeps its loaded type.
static json partsToJson(const QStringList &parts, const json &before)
{
    json out = json::array();
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const json *old = nullptr;
        if (before.is_array() && i < qsizetype(before.size()))
            old = &before[std::size_t(i)];
        else if (!before.is_array() && !before.is_null() && i == 0)
            old = &before;
        out.push_back(old && jsonParamText(*old) == parts[i] ? *old : json(parts[i].trimmed().toStdString()));
    }
    return out;
}

bool FilterModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || index.row() >= m_rows.size())
        return false;
    FilterRow &row = m_rows[index.row()];
    const FilterRow before = row;
    switch (index.column()) {
    case Field:
        row.field = value.toString().trimmed();
        break;
    case Operator: {
        const QString op = value.toString();
        if (!operators().contains(op))
            return false;
        // Carry the values over to the new operator's shape.
        QStringList parts = valueParts(row);
        row.op = op;
        switch (arity(op)) {
        case Arity::None: row.value = nullptr; break;
        case Arity::One: row.value = parts.isEmpty() ? json("") : partsToJson(parts.mid(0, 1), before.value)[0]; break;
        case Arity::Two:
            while (parts.size() < 2)
                parts << QString();
            row.value = partsToJson(parts.mid(0, 2), before.value);
            break;
        case Arity::List: row.value = partsToJson(parts, before.value); break;
        }
        break;
    }
    case Value: {
        const Arity a = arity(row.op);
        if (a == Arity::None)
            return false;
        QStringList parts;
        if (value.metaType().id() == QMetaType::QStringList) {
            parts = value.toStringList();
        } else if (a == Arity::One) {
            parts = {value.toString()};
        } else {
            QString error;
            MappingCsv::splitLine(value.toString(), parts, error);
        }
        if (a == Arity::One)
            row.value = partsToJson(parts.mid(0, 1), before.value).at(0);
        else
            row.value = partsToJson(parts, before.value);
        if (a == Arity::One && !before.value.is_array() && jsonParamText(before.value) == parts.value(0))
            row.value = before.value;
        break;
    }
    default:
        return false;
    }
    if (row.field == before.field && row.op == before.op && row.value == before.value)
        return false;
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    return true;
}

void FilterModel::setRows(const QList<FilterRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void FilterModel::appendRow(const FilterRow &row)
{
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
    m_rows << row;
    endInsertRows();
}

void FilterModel::removeRowsAt(QList<int> rows)
{
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (int r : rows) {
        if (r < 0 || r >= m_rows.size())
            continue;
        beginRemoveRows({}, r, r);
        m_rows.removeAt(r);
        endRemoveRows();
    }
}

void FilterModel::setKnownFields(const QStringList &fields)
{
    m_fields = fields;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

json FilterModel::toJson() const
{
    json filters = json::array();
    for (const FilterRow &row : m_rows) {
        json f = {{"field", row.field.toStdString()}, {"op", row.op.toStdString()}};
        if (arity(row.op) != Arity::None)
            f["value"] = row.value;
        filters.push_back(f);
    }
    return filters;
}

QList<FilterRow> FilterModel::fromJson(const json &filters)
{
    QList<FilterRow> rows;
    if (!filters.is_array())
        return rows;
    for (const json &f : filters) {
        if (!f.is_object())
            continue;
        FilterRow row;
        if (auto it = f.find("field"); it != f.end() && it->is_string())
            row.field = QString::fromStdString(it->get<std::string>());
        if (auto it = f.find("op"); it != f.end() && it->is_string())
            row.op = QString::fromStdString(it->get<std::string>());
        auto v = f.find("value");
        row.value = v != f.end() ? *v : json();
        rows << row;
    }
    return rows;
}

} // namespace flowdeck
