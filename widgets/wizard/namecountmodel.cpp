#include "namecountmodel.h"

#include <QLocale>

namespace flowdeck {

NameCountModel::NameCountModel(const QString &nameHeader, const QString &countHeader, QObject *parent)
    : QAbstractTableModel(parent)
    , m_nameHeader(nameHeader)
    , m_countHeader(countHeader)
{
}

void NameCountModel::setItems(const QList<Item> &items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

int NameCountModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_items.size(); ++i)
        if (m_items[i].name == name)
            return i;
    return -1;
}

int NameCountModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int NameCountModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NameCountModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items[index.row()];
    if (role == Qt::DisplayRole) {
        if (index.column() == Name)
            return item.name;
        return item.count < 0 ? tr("unknown") : QLocale().toString(item.count);
    }
    if (role == Qt::TextAlignmentRole && index.column() == Count)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::UserRole)
        return index.column() == Name ? QVariant(item.name) : QVariant(item.count);
    return {};
}

QVariant NameCountModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == Name ? m_nameHeader : section == Count ? m_countHeader : QVariant();
}

} // namespace flowdeck
