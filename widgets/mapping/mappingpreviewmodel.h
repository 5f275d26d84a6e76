#pragma once

#include "fieldinfo.h"

#include "core/model/record.h"

#include <nlohmann/json.hpp>

#include <QAbstractTableModel>
#include <QStringList>

namespace flowdeck {

/// The sample rows as a run writes them: each row goes through core's FilterSet and then each
/// mapping entry through core's Mapper, so a value, a NULL, a failed cast or validation is what
/// the run would produce. The first column says what happens to the row: written, filtered out,
/// or rejected (with the reason; the flow's error handling then stops or dead-letters it).
///
/// With the destination table's description (setDestinationColumns()), a cell shows what the
/// database stores: a NULL into a NOT NULL column with a DEFAULT is written as DEFAULT, and the
/// columns no entry maps are shown too (after the mapped ones) with their default, NULL, the
/// next AUTO_INCREMENT value, or an error when the column has no default.
class MappingPreviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class RowState { Written, Filtered, Rejected };
    /// Column 0 is the row's state, then one column per mapping entry.
    static constexpr int StateColumn = 0;

    explicit MappingPreviewModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The destination table's columns (a MySQL table's description; empty: unknown). Used by
    /// the next update().
    void setDestinationColumns(const QList<DestinationColumn> &columns) { m_destination = columns; }
    /// Recomputes everything. `filters` may be null (no filters).
    void update(const nlohmann::json &mapping, const nlohmann::json &filters, const Batch &sample);

    RowState rowState(int row) const { return m_rows.at(row).state; }
    /// The value text of a cell (column ≥ 1), "" for NULL; `error` set when the cell failed.
    QString cellText(int row, int column, QString *error = nullptr) const;
    bool cellIsNull(int row, int column) const;
    /// The cell shows the column's DEFAULT (cellText() is the default as SQL: '', 0, CURRENT_TIMESTAMP).
    bool cellIsDefault(int row, int column) const;
    /// The column is not mapped (a destination column no entry writes).
    bool columnIsUnmapped(int column) const { return column >= 1 && column - 1 >= m_mappedColumns && column <= m_headers.size(); }
    /// Why the preview is incomplete (a mapping or filters core refuses), or empty.
    const QString &problem() const { return m_problem; }
    int writtenCount() const { return stateCount(RowState::Written); }
    int stateCount(RowState state) const;

private:
    struct Cell
    {
        QString text;
        QString error;
        bool null = false;
        bool isDefault = false;
        bool expression = false; // the default is evaluated when written (CURRENT_TIMESTAMP)
    };
    struct Row
    {
        RowState state = RowState::Written;
        QString reason;
        QList<Cell> cells;
    };

    QStringList m_headers;
    int m_mappedColumns = 0; // the first columns, one per mapping entry (or source field)
    QList<DestinationColumn> m_destination;
    QList<Row> m_rows;
    QString m_problem;
};

} // namespace flowdeck
