#pragma once

#include "core/model/record.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace flowdeck {

/// The first rows of a source (a file preview, a table sample), read-only: one column per field.
class BatchTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit BatchTableModel(QObject *parent = nullptr);

    void setBatch(const QStringList &fields, const Batch &rows);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QStringList m_fields;
    Batch m_rows;
};

} // namespace flowdeck
