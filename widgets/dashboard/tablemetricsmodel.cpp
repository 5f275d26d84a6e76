#include "tablemetricsmodel.h"

#include <QLocale>

namespace flowdeck {

QString formatCount(std::uint64_t n)
{
    return QLocale().toString(qulonglong(n));
}

QString formatBytes(std::uint64_t bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

TableMetricsModel::TableMetricsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TableMetricsModel::update(const std::vector<TableMetrics> &tables, const QHash<QString, double> &rates)
{
    // Tables only ever get added during a run: insert the new ones, then one dataChanged.
    if (tables.size() < m_rows.size()) {
        beginResetModel();
        m_rows.clear();
        m_rates.clear();
        endResetModel();
    }
    const int known = int(m_rows.size());
    if (int(tables.size()) > known) {
        beginInsertRows({}, known, int(tables.size()) - 1);
        m_rows.assign(tables.begin(), tables.end());
        m_rates.resize(m_rows.size());
        endInsertRows();
    } else {
        m_rows.assign(tables.begin(), tables.end());
    }
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        m_rates[i] = rates.value(QString::fromStdString(m_rows[i].name));
    if (known > 0)
        Q_EMIT dataChanged(index(0, 0), index(known - 1, ColumnCount - 1), {Qt::DisplayRole});
}

void TableMetricsModel::setDestinationCount(const QString &name, qint64 rows, bool estimate)
{
    m_counts.insert(name, Count{rows, estimate});
    const int r = rowOf(name);
    if (r >= 0)
        Q_EMIT dataChanged(index(r, InDestination), index(r, InDestination), {Qt::DisplayRole, Qt::ToolTipRole});
}

void TableMetricsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rates.clear();
    m_counts.clear();
    endResetModel();
}

int TableMetricsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TableMetricsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TableMetricsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const TableMetrics &t = m_rows[std::size_t(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() == Name ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == InDestination) {
        const Count c = m_counts.value(QString::fromStdString(t.name));
        return c.estimate ? tr("Estimate from information_schema (the table is large); not an exact count")
                          : tr("SELECT COUNT(*) on the destination");
    }
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    switch (Column(index.column())) {
    case Name: return QString::fromStdString(t.name);
    case Snapshot: {
        if (t.snapshotRows == 0 && !(m_snapshotDone && t.read))
            return QVariant();
        // Percent of the estimated rows; the estimate may be off, so never 100 before the end.
        const int percent = m_snapshotDone ? 100 : int(std::min<std::uint64_t>(99, t.read * 100 / std::max<std::uint64_t>(1, t.snapshotRows)));
        return role == Qt::UserRole ? QVariant(percent) : QVariant(tr("%1%").arg(percent));
    }
    case Read: return role == Qt::UserRole ? QVariant(qulonglong(t.read)) : QVariant(formatCount(t.read));
    case Written: return role == Qt::UserRole ? QVariant(qulonglong(t.written)) : QVariant(formatCount(t.written));
    case Filtered: return formatCount(t.filtered);
    case DeadLettered: return formatCount(t.deadLettered);
    case Failed: return formatCount(t.failed);
    case Rate: return QLocale().toString(m_rates[std::size_t(index.row())], 'f', 0);
    case Bytes: return t.bytes ? formatBytes(t.bytes) : QString();
    case InDestination: {
        const Count c = m_counts.value(QString::fromStdString(t.name));
        if (c.rows < 0)
            return role == Qt::UserRole ? QVariant() : QVariant(QString());
        if (role == Qt::UserRole)
            return c.rows;
        return c.estimate ? tr("≈ %1").arg(formatCount(std::uint64_t(c.rows))) : formatCount(std::uint64_t(c.rows));
    }
    case ColumnCount: break;
    }
    return {};
}

QVariant TableMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Name: return tr("Table");
    case Snapshot: return tr("Snapshot");
    case Read: return tr("Read");
    case Written: return tr("Written");
    case Filtered: return tr("Filtered");
    case DeadLettered: return tr("Dead-lettered");
    case Failed: return tr("Failed");
    case Rate: return tr("Rows/s");
    case Bytes: return tr("Bytes");
    case InDestination: return tr("Rows in destination");
    case ColumnCount: break;
    }
    return {};
}

const TableMetrics *TableMetricsModel::row(int r) const
{
    return r >= 0 && r < int(m_rows.size()) ? &m_rows[std::size_t(r)] : nullptr;
}

int TableMetricsModel::rowOf(const QString &name) const
{
    const std::string n = name.toStdString();
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].name == n)
            return int(i);
    return -1;
}

} // namespace flowdeck
