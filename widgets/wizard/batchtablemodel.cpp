#include "batchtablemodel.h"

#include <QColor>
#include <QFont>

namespace flowdeck {

BatchTableModel::BatchTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void BatchTableModel::setBatch(const QStringList &fields, const Batch &rows)
{
    beginResetModel();
    m_fields = fields;
    m_rows = rows;
    endResetModel();
}

void BatchTableModel::clear()
{
    setBatch({}, {});
}

int BatchTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BatchTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

QVariant BatchTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Record &rec = m_rows[std::size_t(index.row())];
    const Value *v = rec.field(m_fields[index.column()].toStdString());
    const bool isNull = !v || v->isNull();
    switch (role) {
    case Qt::DisplayRole:
        return isNull ? QStringLiteral("NULL") : QString::fromStdString(v->toString());
    case Qt::ForegroundRole:
        return isNull ? QVariant(QColor(Qt::gray)) : QVariant();
    case Qt::FontRole:
        if (isNull) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    default:
        return {};
    }
}

QVariant BatchTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return section >= 0 && section < m_fields.size() ? QVariant(m_fields[section]) : QVariant();
    return section + 1;
}

} // namespace flowdeck
