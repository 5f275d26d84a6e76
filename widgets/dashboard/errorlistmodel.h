#pragma once

#include "core/engine/runmetrics.h"

#include <QAbstractTableModel>

#include <deque>

namespace flowdeck {

/// The records a run dead-lettered or stopped at: time, position, stage, reason and the record.
/// Fed with metrics snapshots; appends only the errors it has not seen (one insert per update)
/// and keeps at most RunMetrics::kMaxErrors rows.
class ErrorListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Position, Stage, Reason, RecordText, ColumnCount };

    explicit ErrorListModel(QObject *parent = nullptr);

    void update(const MetricsSnapshot &snapshot);
    void clear();
    const MetricsError *error(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::deque<MetricsError> m_errors;
    std::uint64_t m_seen = 0; // errorCount of the last snapshot taken in
};

} // namespace flowdeck
