#include "mappingpreviewmodel.h"

#include "core/model/errors.h"
#include "core/transform/filterset.h"
#include "core/transform/mapper.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>
#include <optional>

namespace flowdeck {

using nlohmann::json;

MappingPreviewModel::MappingPreviewModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int MappingPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MappingPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size()) + 1;
}

void MappingPreviewModel::update(const json &mapping, const json &filters, const Batch &sample)
{
    beginResetModel();
    m_headers.clear();
    m_rows.clear();
    m_problem.clear();

    FilterSet filterSet;
    try {
        filterSet = FilterSet::compile(filters.is_null() ? json::array() : filters);
    } catch (const Error &e) {
        m_problem = tr("Filters not applied: %1").arg(QString::fromStdString(e.what()));
    }
    // No mapping: every field goes to the column of the same name (the flow then has no
    // "mapping" key). Otherwise one Mapper per entry, so each cell shows its own value or error
    // and one bad entry does not hide the others.
    std::vector<std::optional<Mapper>> mappers;
    std::vector<QString> entryErrors;
    const bool mapsAll = !mapping.is_array() || mapping.empty();
    if (mapsAll) {
        // Every field of the sample, in order of first appearance (JSON Lines may add keys).
        for (const Record &r : sample)
            if (r.schema)
                for (const std::string &name : r.schema->names())
                    if (!m_headers.contains(QString::fromStdString(name)))
                        m_headers << QString::fromStdString(name);
    } else {
        try {
            Mapper::compile(mapping);
        } catch (const Error &e) {
            m_problem = QString::fromStdString(e.what());
        }
        for (std::size_t i = 0; i < mapping.size(); ++i) {
            const json &entry = mapping[i];
            m_headers << QString::fromStdString(entry.is_object() ? entry.value("destination", std::string()) : std::string());
            try {
                mappers.emplace_back(Mapper::compile(json::array({entry})));
                entryErrors.emplace_back();
            } catch (const Error &e) {
                mappers.emplace_back(std::nullopt);
                // The path names entry 0 of the one-entry mapping: name the real one.
                QString message = QString::fromStdString(e.what());
                message.replace(QStringLiteral("mapping[0]"), QStringLiteral("mapping[%1]").arg(i));
                entryErrors.push_back(message);
            }
        }
    }

    m_mappedColumns = int(m_headers.size());
    // What the database does with each column: the mapped ones by name, then the others.
    std::vector<const DestinationColumn *> columnOf;
    for (const QString &name : std::as_const(m_headers)) {
        const DestinationColumn *found = nullptr;
        for (const DestinationColumn &d : std::as_const(m_destination))
            if (d.described && d.name.compare(name, Qt::CaseInsensitive) == 0)
                found = &d;
        columnOf.push_back(found);
    }
    for (const DestinationColumn &d : std::as_const(m_destination)) {
        if (!d.described || d.generated
            || std::any_of(m_headers.begin(), m_headers.end(), [&d](const QString &h) { return h.compare(d.name, Qt::CaseInsensitive) == 0; }))
            continue;
        m_headers << d.name;
        columnOf.push_back(&d);
    }
    const auto storeDefault = [](Cell &cell, const DestinationColumn &d) {
        cell.null = false;
        cell.isDefault = true;
        cell.expression = d.defaultIsExpression;
        cell.text = d.defaultSql;
    };

    Record out;
    std::string error;
    for (const Record &in : sample) {
        Row row;
        if (in.isError()) {
            row.state = RowState::Rejected;
            row.reason = QString::fromStdString(in.error);
        } else if (!filterSet.accepts(in)) {
            row.state = RowState::Filtered;
        }
        for (qsizetype c = 0; c < m_headers.size(); ++c) {
            Cell cell;
            const Value *value = nullptr;
            const DestinationColumn *d = columnOf[std::size_t(c)];
            if (in.isError()) {
                cell.null = true;
            } else if (c >= m_mappedColumns) {
                // Not in the INSERT: the database fills it in.
                if (d->autoIncrement) {
                    cell.isDefault = true;
                    cell.expression = true;
                    cell.text = QStringLiteral("AUTO_INCREMENT");
                } else if (d->hasDefault && d->defaultSql != QLatin1String("NULL")) {
                    storeDefault(cell, *d);
                } else if (d->nullable) {
                    cell.null = true;
                } else {
                    cell.error = tr("column %1 is NOT NULL without a default: map a field to it").arg(d->name);
                }
                row.cells << cell;
                if (!cell.error.isEmpty() && row.state == RowState::Written) {
                    row.state = RowState::Rejected;
                    row.reason = cell.error;
                }
                continue;
            } else if (mapsAll) {
                // By name: JSON Lines records may have other keys than the first one.
                value = in.schema ? in.field(m_headers.at(c).toStdString()) : nullptr;
                cell.null = !value;
            } else if (!mappers[std::size_t(c)]) {
                cell.error = entryErrors[std::size_t(c)];
            } else if (mappers[std::size_t(c)]->apply(in, out, error)) {
                value = &out.values.front();
            } else {
                cell.error = QString::fromStdString(error);
            }
            if (value) {
                cell.null = value->isNull();
                cell.text = QString::fromStdString(value->toString());
                // The sink writes a NULL into a NOT NULL column with a DEFAULT as DEFAULT.
                if (cell.null && d && !d->nullable && d->hasDefault && d->defaultSql != QLatin1String("NULL"))
                    storeDefault(cell, *d);
            }
            if (!cell.error.isEmpty() && row.state == RowState::Written) {
                row.state = RowState::Rejected;
                row.reason = cell.error;
            }
            row.cells << cell;
        }
        m_rows << row;
    }
    endResetModel();
}

QString MappingPreviewModel::cellText(int row, int column, QString *error) const
{
    const Cell &cell = m_rows.at(row).cells.at(column - 1);
    if (error)
        *error = cell.error;
    return cell.text;
}

bool MappingPreviewModel::cellIsNull(int row, int column) const
{
    return m_rows.at(row).cells.at(column - 1).null;
}

bool MappingPreviewModel::cellIsDefault(int row, int column) const
{
    return m_rows.at(row).cells.at(column - 1).isDefault;
}

int MappingPreviewModel::stateCount(RowState state) const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [state](const Row &r) { return r.state == state; }));
}

QVariant MappingPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() > m_headers.size())
        return {};
    const Row &row = m_rows.at(index.row());
    if (index.column() == StateColumn) {
        switch (role) {
        case Qt::DisplayRole:
            switch (row.state) {
            case RowState::Written: return tr("written");
            case RowState::Filtered: return tr("filtered out");
            case RowState::Rejected: return tr("rejected");
            }
            break;
        case Qt::ToolTipRole:
            return row.reason.isEmpty() ? QVariant() : QVariant(row.reason);
        case Qt::ForegroundRole:
            if (row.state == RowState::Rejected)
                return QBrush(QColor(0xb0, 0x00, 0x20));
            if (row.state == RowState::Filtered)
                return QBrush(QColor(0x80, 0x80, 0x80));
            break;
        }
        return {};
    }
    const Cell &cell = row.cells.at(index.column() - 1);
    switch (role) {
    case Qt::DisplayRole:
        if (!cell.error.isEmpty())
            return QString(QStringLiteral("⚠ ") + cell.error);
        if (cell.isDefault)
            return tr("%1 (default)", "preview: the database stores the column's DEFAULT").arg(cell.text);
        return cell.null ? QStringLiteral("NULL") : cell.text;
    case Qt::ToolTipRole:
        if (cell.isDefault)
            return cell.expression ? tr("The database stores %1, evaluated when the row is written.").arg(cell.text)
                                   : tr("The database stores the column's default, %1.").arg(cell.text);
        return cell.error.isEmpty() ? QVariant() : QVariant(cell.error);
    case Qt::ForegroundRole:
        if (cell.isDefault && row.state != RowState::Filtered)
            return QBrush(QColor(0x1a, 0x4f, 0x9c));
        // A filtered row is not written: its cells, errors included, are only context.
        if (cell.null || row.state == RowState::Filtered)
            return QBrush(QColor(0x80, 0x80, 0x80));
        if (!cell.error.isEmpty())
            return QBrush(QColor(0xb0, 0x00, 0x20));
        break;
    case Qt::BackgroundRole:
        if (!cell.error.isEmpty() && row.state != RowState::Filtered)
            return QBrush(QColor(0xfd, 0xe7, 0xe9));
        break;
    case Qt::FontRole:
        if ((cell.null || cell.isDefault) && cell.error.isEmpty()) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        break;
    }
    return {};
}

QVariant MappingPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role == Qt::ToolTipRole && orientation == Qt::Horizontal && columnIsUnmapped(section))
        return tr("Not mapped: the database fills this column in");
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Vertical)
        return section + 1;
    if (section == StateColumn)
        return tr("Row");
    if (columnIsUnmapped(section))
        return tr("%1 (not mapped)").arg(m_headers.at(section - 1));
    if (section > 0 && section <= m_headers.size())
        return m_headers.at(section - 1);
    return {};
}

} // namespace flowdeck
