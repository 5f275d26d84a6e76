#include "fieldmappingmodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QPalette>

#include <algorithm>

namespace flowdeck {

FieldMappingModel::FieldMappingModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int FieldMappingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FieldMappingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FieldMappingModel::computeProblem(int r, const QHash<QString, int> &firstRowOf) const
{
    const MappingRow &row = m_rows.at(r);
    if (row.destination.isEmpty())
        return tr("The destination is empty.");
    if (const int first = firstRowOf.value(row.destination, r); first < r)
        return tr("The column '%1' is already mapped in row %2.").arg(row.destination).arg(first + 1);
    if (!m_destinations.isEmpty() && !m_destinations.contains(row.destination))
        return tr("The destination has no column '%1'.").arg(row.destination);
    const bool constant = std::any_of(row.transforms.begin(), row.transforms.end(),
                                      [](const nlohmann::json &step) { return step.value("op", std::string()) == "constant"; });
    if (row.source.isEmpty() && row.readFields().isEmpty() && !constant)
        return tr("Choose a source field or a transform for '%1'.").arg(row.destination);
    if (!m_sources.isEmpty())
        for (const QString &field : row.readFields())
            if (!m_sources.contains(field))
                return tr("The source has no field '%1'.").arg(field);
    return {};
}

QList<int> FieldMappingModel::updateProblems()
{
    QHash<QString, int> firstRowOf;
    for (int r = 0; r < m_rows.size(); ++r)
        firstRowOf.insert(m_rows.at(r).destination, qMin(firstRowOf.value(m_rows.at(r).destination, r), r));
    QStringList problems;
    problems.reserve(m_rows.size());
    QList<int> changed;
    for (int r = 0; r < m_rows.size(); ++r) {
        problems << computeProblem(r, firstRowOf);
        if (problems.last() != m_problems.value(r))
            changed << r;
    }
    m_problems = problems;
    return changed;
}

QVariant FieldMappingModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const MappingRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case Source:
            if (role == Qt::DisplayRole && row.source.isEmpty()) {
                const QStringList read = row.readFields();
                return read.isEmpty() ? QString() : QStringLiteral("(%1)").arg(read.join(QStringLiteral(" + ")));
            }
            return row.source;
        case Destination:
            return row.destination;
        case Transform:
            return stepsSummary(row.transforms);
        case Validation:
            return stepsSummary(row.validations);
        }
        break;
    case Qt::ToolTipRole: {
        const QString problem = rowProblem(index.row());
        if (!problem.isEmpty())
            return problem;
        if (index.column() == Transform || index.column() == Validation)
            return tr("Double-click to edit the steps.");
        break;
    }
    case Qt::ForegroundRole:
        if (!rowProblem(index.row()).isEmpty() && (index.column() == Source || index.column() == Destination))
            return QBrush(QColor(0xb0, 0x00, 0x20));
        break;
    case Qt::FontRole:
        if (index.column() == Source && row.source.isEmpty()) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant FieldMappingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Source: return tr("Source field");
    case Destination: return tr("Destination");
    case Transform: return tr("Transform");
    case Validation: return tr("Validation");
    }
    return {};
}

Qt::ItemFlags FieldMappingModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == Source || index.column() == Destination)
        f |= Qt::ItemIsEditable;
    return f;
}

bool FieldMappingModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || index.row() >= m_rows.size())
        return false;
    MappingRow &row = m_rows[index.row()];
    const QString text = value.toString().trimmed();
    if (index.column() == Source) {
        if (row.source == text)
            return false;
        row.source = text;
    } else if (index.column() == Destination) {
        if (text.isEmpty() || row.destination == text)
            return false;
        row.destination = text;
    } else {
        return false;
    }
    // A changed name can fix or break "mapped twice" in other rows too.
    QList<int> changed = updateProblems();
    changed << index.row();
    emitRowsChanged(changed);
    return true;
}

void FieldMappingModel::setRows(const QList<MappingRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    m_problems.clear();
    updateProblems();
    endResetModel();
}

void FieldMappingModel::appendRows(const QList<MappingRow> &rows)
{
    if (rows.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    m_rows.append(rows);
    QList<int> changed = updateProblems();
    endInsertRows();
    changed.removeIf([first](int r) { return r >= first; }); // new rows need no signal
    emitRowsChanged(changed);
}

void FieldMappingModel::replaceRow(int r, const MappingRow &row)
{
    m_rows[r] = row;
    QList<int> changed = updateProblems();
    changed << r;
    emitRowsChanged(changed);
}

void FieldMappingModel::removeRowsAt(QList<int> rows)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // From the end, so earlier indexes stay valid; contiguous runs go in one removal.
    int i = int(rows.size()) - 1;
    while (i >= 0) {
        int last = rows[i];
        int first = last;
        while (i > 0 && rows[i - 1] == first - 1)
            first = rows[--i];
        --i;
        if (first < 0 || last >= m_rows.size())
            continue;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        m_problems.remove(first, last - first + 1);
        endRemoveRows();
    }
    emitRowsChanged(updateProblems()); // "mapped twice" may be gone
}

int FieldMappingModel::rowOfDestination(const QString &destination) const
{
    for (int r = 0; r < m_rows.size(); ++r)
        if (m_rows.at(r).destination == destination)
            return r;
    return -1;
}

bool FieldMappingModel::isSourceUsed(const QString &source) const
{
    return std::any_of(m_rows.begin(), m_rows.end(), [&](const MappingRow &r) { return r.source == source; });
}

void FieldMappingModel::setKnownNames(const QStringList &sources, const QStringList &destinations)
{
    m_sources = sources;
    m_destinations = destinations;
    emitRowsChanged(updateProblems());
}

void FieldMappingModel::emitRowsChanged(QList<int> rows)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.isEmpty() || m_rows.isEmpty())
        return;
    if (rows.size() > m_rows.size() / 2) {
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    for (int r : rows)
        Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1));
}

} // namespace flowdeck
