#pragma once

#include "core/engine/runmetrics.h"

#include <QAbstractTableModel>
#include <QHash>

namespace flowdeck {

/// Per-table counters of a run for a table view: the source tables (read, written, filtered,
/// dead-lettered, failed: the record that stopped the run, as the monitor's counters say) or the destinations (written, bytes, and the rows the destination table holds
/// when a RowCountPoller measured them). Updated from each metrics snapshot with one insert for
/// new tables and one dataChanged for all rows (as qBittorrent's transfer list does).
class TableMetricsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Snapshot, Read, Written, Filtered, DeadLettered, Failed, Rate, Bytes, InDestination, ColumnCount };

    explicit TableMetricsModel(QObject *parent = nullptr);

    /// `rates`: written per second of each row's name.
    void update(const std::vector<TableMetrics> &tables, const QHash<QString, double> &rates);
    /// Rows counted in the destination (`estimate`: from information_schema, approximate).
    void setDestinationCount(const QString &name, qint64 rows, bool estimate);
    void clear();
    /// Once the snapshot is over, tables that had one show 100%.
    void setSnapshotDone(bool done) { m_snapshotDone = done; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const TableMetrics *row(int r) const;
    int rowOf(const QString &name) const;

private:
    struct Count
    {
        qint64 rows = -1;
        bool estimate = false;
    };
    std::vector<TableMetrics> m_rows;
    std::vector<double> m_rates;
    QHash<QString, Count> m_counts;
    bool m_snapshotDone = false;
};

/// "12,345" in the user's locale.
QString formatCount(std::uint64_t n);
/// "1.2 MiB".
QString formatBytes(std::uint64_t bytes);

} // namespace flowdeck
