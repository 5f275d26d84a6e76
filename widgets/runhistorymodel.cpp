#include "runhistorymodel.h"

#include "enginemessages.h"

#include "core/engine/runstate.h"

#include <QBrush>
#include <QDateTime>
#include <QFile>
#include <QLocale>

namespace flowdeck {

namespace {

QString isoToLocal(const nlohmann::json &j, const char *key)
{
    if (!j.contains(key) || !j[key].is_string())
        return QString();
    const QDateTime t = QDateTime::fromString(QString::fromStdString(j[key].get<std::string>()), Qt::ISODateWithMs);
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString::fromStdString(j[key].get<std::string>());
}

QString count(const nlohmann::json &j, const char *key)
{
    return j.contains(key) && j[key].is_number() ? QLocale().toString(j[key].get<qulonglong>()) : QString();
}

} // namespace

RunHistoryModel::RunHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

bool RunHistoryModel::load(const QString &stateDir, const QString &flowName)
{
    const StateStore store(stateDir.toStdString(), flowName.toStdString());
    m_path = QString::fromStdString(store.historyPath());
    reload();
    return QFile::exists(m_path);
}

void RunHistoryModel::reload()
{
    beginResetModel();
    m_runs.clear();
    m_skipped = 0;
    QFile file(m_path);
    if (file.open(QIODevice::ReadOnly)) {
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (line.isEmpty())
                continue;
            nlohmann::json j = nlohmann::json::parse(line.constData(), line.constData() + line.size(), nullptr, false);
            if (j.is_discarded() || !j.is_object()) {
                ++m_skipped;
                continue;
            }
            m_runs.push_back(std::move(j));
        }
    }
    std::reverse(m_runs.begin(), m_runs.end());
    endResetModel();
}

int RunHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_runs.size()))
        return {};
    const nlohmann::json &j = m_runs[std::size_t(index.row())];
    const std::string status = j.value("status", std::string());
    if (role == Qt::ForegroundRole && index.column() == Result && status == "failed")
        return QBrush(Qt::darkRed);
    if (role == Qt::TextAlignmentRole && index.column() >= Read && index.column() <= Duration)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Error && j.contains("error"))
        return engineMessage(j["error"].value("message", std::string()));
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Started: return isoToLocal(j, "startedAt");
    case Ended: return isoToLocal(j, "endedAt");
    case Result:
        if (status == "completed")
            return tr("Completed");
        if (status == "failed")
            return tr("Failed");
        if (status == "stopped")
            return tr("Stopped");
        return QString::fromStdString(status);
    case Read: return count(j, "read");
    case Written: return count(j, "written");
    case Filtered: return count(j, "filtered");
    case DeadLettered: return count(j, "deadLettered");
    case Duration:
        return j.contains("elapsedSeconds") && j["elapsedSeconds"].is_number()
            ? tr("%1 s").arg(QLocale().toString(j["elapsedSeconds"].get<double>(), 'f', 1))
            : QString();
    case Error:
        if (!j.contains("error") || !j["error"].is_object())
            return QString();
        return engineMessage(j["error"].value("message", std::string()));
    case ColumnCount: break;
    }
    return {};
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Started: return tr("Started");
    case Ended: return tr("Ended");
    case Result: return tr("Result");
    case Read: return tr("Read");
    case Written: return tr("Written");
    case Filtered: return tr("Filtered");
    case DeadLettered: return tr("Dead-lettered");
    case Duration: return tr("Duration");
    case Error: return tr("Error");
    case ColumnCount: break;
    }
    return {};
}

} // namespace flowdeck
