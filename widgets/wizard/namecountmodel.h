#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace flowdeck {

/// Names with a count, for the wizard's pickers: tables with their row estimates, topics with
/// their partition counts. A count below 0 is shown as unknown.
class NameCountModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Count, ColumnCount };

    struct Item
    {
        QString name;
        qint64 count = -1;
    };

    /// `nameHeader`, `countHeader`: "Table", "Rows (estimate)"; "Topic", "Partitions".
    NameCountModel(const QString &nameHeader, const QString &countHeader, QObject *parent = nullptr);

    void setItems(const QList<Item> &items);
    const QList<Item> &items() const { return m_items; }
    /// The row of `name`, or -1.
    int rowOf(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString m_nameHeader;
    QString m_countHeader;
    QList<Item> m_items;
};

} // namespace flowdeck
