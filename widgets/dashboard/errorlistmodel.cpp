#include "errorlistmodel.h"

#include "widgets/enginemessages.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace flowdeck {

ErrorListModel::ErrorListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ErrorListModel::update(const MetricsSnapshot &snapshot)
{
    if (snapshot.errorCount < m_seen) // a new run
        clear();
    if (snapshot.errorCount == m_seen)
        return;
    const std::size_t fresh = std::min<std::size_t>(snapshot.errorCount - m_seen, snapshot.errors.size());
    m_seen = snapshot.errorCount;
    if (fresh == 0)
        return;
    const int first = int(m_errors.size());
    beginInsertRows({}, first, first + int(fresh) - 1);
    m_errors.insert(m_errors.end(), snapshot.errors.end() - std::ptrdiff_t(fresh), snapshot.errors.end());
    endInsertRows();
    if (m_errors.size() > RunMetrics::kMaxErrors) {
        const int drop = int(m_errors.size() - RunMetrics::kMaxErrors);
        beginRemoveRows({}, 0, drop - 1);
        m_errors.erase(m_errors.begin(), m_errors.begin() + drop);
        endRemoveRows();
    }
}

void ErrorListModel::clear()
{
    beginResetModel();
    m_errors.clear();
    m_seen = 0;
    endResetModel();
}

const MetricsError *ErrorListModel::error(int row) const
{
    return row >= 0 && row < int(m_errors.size()) ? &m_errors[std::size_t(row)] : nullptr;
}

int ErrorListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_errors.size());
}

int ErrorListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ErrorListModel::data(const QModelIndex &index, int role) const
{
    const MetricsError *e = error(index.row());
    if (!e || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    switch (Column(index.column())) {
    case Time:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(e->timeMs).time(), QLocale::ShortFormat);
    case Position: return QString::fromStdString(e->position);
    case Stage:
        // A record error that did not stop the run went to the dead letters (onError "skip").
        return e->stoppedRun ? tr("%1 (stopped the run)").arg(engineStage(e->stage)) : tr("%1 (dead-lettered)").arg(engineStage(e->stage));
    case Reason: return engineMessage(e->reason);
    case RecordText: {
        const QString text = QString::fromStdString(e->record);
        return role == Qt::DisplayRole && text.size() > 200 ? text.left(200) + QStringLiteral("…") : text;
    }
    case ColumnCount: break;
    }
    return {};
}

QVariant ErrorListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time: return tr("Time");
    case Position: return tr("Position");
    case Stage: return tr("Stage");
    case Reason: return tr("Reason");
    case RecordText: return tr("Record");
    case ColumnCount: break;
    }
    return {};
}

} // namespace flowdeck
