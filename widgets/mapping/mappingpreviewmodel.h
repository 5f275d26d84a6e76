#pragma once

#include "core/model/record.h"

#include <nlohmann/json.hpp>

#include <QAbstractTableModel>
#include <QStringList>

namespace flowdeck {

/// The sample rows as a run writes them: each row goes through core's FilterSet and then each
/// mapping entry through core's Mapper, so a value, a NULL, a failed cast or validation is what
/// the run would produce. The first column says what happens to the row: written, filtered out,
/// or rejected (with the reason; the flow's error handling then stops or dead-letters it).
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

    /// Recomputes everything. `filters` may be null (no filters).
    void update(const nlohmann::json &mapping, const nlohmann::json &filters, const Batch &sample);

    RowState rowState(int row) const { return m_rows.at(row).state; }
    /// The value text of a cell (column ≥ 1), "" for NULL; `error` set when the cell failed.
    QString cellText(int row, int column, QString *error = nullptr) const;
    bool cellIsNull(int row, int column) const;
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
    };
    struct Row
    {
        RowState state = RowState::Written;
        QString reason;
        QList<Cell> cells;
    };

    QStringList m_headers;
    QList<Row> m_rows;
    QString m_problem;
};

} // namespace flowdeck
