#include "flowlistmodel.h"

#include "enginemessages.h"

#include "secretstore.h"

#include "core/engine/runstate.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QGuiApplication>
#include <QColor>
#include <QFile>

#include <algorithm>

namespace flowdeck {

FlowListModel::FlowListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

static QString endpointText(const nlohmann::json &e)
{
    const QString type = QString::fromStdString(e.value("type", std::string()));
    QString what;
    if (e.contains("path") && e["path"].is_string())
        what = QFileInfo(QString::fromStdString(e["path"].get<std::string>())).fileName();
    else if (e.contains("table") && e["table"].is_string())
        what = QString::fromStdString(e["table"].get<std::string>());
    else if (e.contains("topic") && e["topic"].is_string())
        what = QString::fromStdString(e["topic"].get<std::string>());
    return what.isEmpty() ? type : type + QLatin1Char(' ') + what;
}

QString FlowListModel::describeRoute(const Flow &flow)
{
    return endpointText(flow.source) + QStringLiteral(" → ") + endpointText(flow.destination);
}

void FlowListModel::load(const QStringList &folders)
{
    // Loading may wait for the keychain (a local event loop): read everything before the reset.
    std::vector<Entry> entries;
    for (const QString &folder : folders) {
        QDirIterator it(folder, {QStringLiteral("*.flow.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            Entry e;
            e.path = it.next();
            try {
                e.flow = loadFlow(e.path.toStdString(), SecretStore::lookup(QString::fromStdString(flowNameInFile(e.path.toStdString()))));
            } catch (const FlowError &err) {
                QStringList lines;
                for (const auto &p : err.problems())
                    lines << QString::fromStdString(p.toString());
                e.loadError = lines.join(QLatin1Char('\n'));
                QString name = QFileInfo(e.path).fileName();
                name.chop(int(qstrlen(".flow.json")));
                e.flow.name = name.toStdString();
            }
            entries.push_back(std::move(e));
        }
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.flow.name < b.flow.name; });
    // Flows still listed keep their run state (a reload after creating a flow forgets no run).
    for (Entry &e : entries)
        if (const int old = rowOfPath(e.path); old >= 0) {
            e.state = m_entries[std::size_t(old)].state;
            e.lastRun = m_entries[std::size_t(old)].lastRun;
            e.counts = m_entries[std::size_t(old)].counts;
            e.nextRun = m_entries[std::size_t(old)].nextRun;
        }
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int FlowListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int FlowListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FlowListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Entry &e = m_entries[std::size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name: return QString::fromStdString(e.flow.name);
        case Route: return e.loadError.isEmpty() ? describeRoute(e.flow) : tr("invalid flow file");
        case Trigger: {
            const std::string t = e.flow.trigger.value("type", std::string("onDemand"));
            if (t == "onDemand") return tr("Run on demand");
            if (t == "schedule") return tr("Run on schedule");
            return tr("Continuous");
        }
        case State:
            return stateText(e.state);
        case NextRun: return e.nextRun;
        case LastRun: return e.lastRun;
        default: return {};
        }
    }
    return decoration(e, index, role);
}

QStringList FlowListModel::stateTexts()
{
    return {stateText(QStringLiteral("running")), stateText(QStringLiteral("completed")), stateText(QStringLiteral("failed")),
            stateText(QStringLiteral("stopped")), stateText(QString())};
}

QString FlowListModel::stateText(const QString &state)
{
    if (state == QLatin1String("running")) return tr("Running");
    if (state == QLatin1String("completed")) return tr("Completed");
    if (state == QLatin1String("failed")) return tr("Failed");
    if (state == QLatin1String("stopped")) return tr("Stopped");
    return tr("Ready");
}

QVariant FlowListModel::decoration(const Entry &e, const QModelIndex &index, int role) const
{
    if (role == Qt::ToolTipRole) {
        if (!e.loadError.isEmpty())
            return e.loadError;
        return QString::fromStdString(e.flow.description);
    }
    if (role == Qt::ForegroundRole && index.column() == NextRun && e.nextRun == tr("deactivated"))
        return QColor(0xc6, 0x28, 0x28);
    if (role == Qt::ForegroundRole && index.column() == State) {
        if (e.state == QLatin1String("failed") || !e.loadError.isEmpty())
            return QColor(0xc6, 0x28, 0x28);
        if (e.state == QLatin1String("completed"))
            return QColor(0x2e, 0x7d, 0x32);
    }
    return {};
}

QVariant FlowListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Flow");
    case Route: return tr("Source → Destination");
    case Trigger: return tr("Trigger");
    case State: return tr("State");
    case NextRun: return tr("Next run");
    case LastRun: return tr("Last run");
    default: return {};
    }
}

int FlowListModel::rowOfPath(const QString &path) const
{
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].path == path)
            return int(i);
    return -1;
}

void FlowListModel::setRunState(int row, const QString &state, const QString &lastRun, const RunCounts &counts, bool notify)
{
    if (row < 0 || row >= rowCount())
        return;
    Entry &e = m_entries[std::size_t(row)];
    e.state = state;
    e.lastRun = lastRun;
    e.counts = counts;
    // One dataChanged for the changed row.
    if (notify)
        Q_EMIT dataChanged(index(row, State), index(row, LastRun));
}

void FlowListModel::setNextRun(int row, const QString &nextRun, bool notify)
{
    if (row < 0 || row >= rowCount() || m_entries[std::size_t(row)].nextRun == nextRun)
        return;
    m_entries[std::size_t(row)].nextRun = nextRun;
    if (notify)
        Q_EMIT dataChanged(index(row, NextRun), index(row, NextRun));
}

nlohmann::json FlowListModel::lastHistoryEntry(const QString &stateDir, const std::string &flowName)
{
    QFile f(QString::fromStdString(StateStore(stateDir.toStdString(), flowName).historyPath()));
    if (!f.open(QIODevice::ReadOnly))
        return nullptr;
    // The newest run is the last line; read only the file's tail.
    constexpr qint64 kTail = 256 * 1024;
    if (f.size() > kTail)
        f.seek(f.size() - kTail);
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        if (it->trimmed().isEmpty())
            continue;
        nlohmann::json j = nlohmann::json::parse(it->constBegin(), it->constEnd(), nullptr, false);
        if (j.is_object())
            return j;
    }
    return nullptr;
}

QString FlowListModel::describeRun(const nlohmann::json &entry)
{
    // The same text as a run's live counts: the error of a failed run instead.
    const auto count = [&](const char *key) { return QString::number(entry.value(key, std::uint64_t(0))); };
    QString text;
    if (entry.contains("error") && entry["error"].is_object())
        text = engineMessage(entry["error"].value("message", std::string()));
    if (text.isEmpty()) {
        text = tr("read %1, written %2, filtered %3, dead-lettered %4")
                   .arg(count("read"), count("written"), count("filtered"), count("deadLettered"));
        if (entry.value("failed", std::uint64_t(0)))
            text += tr(", failed %1").arg(count("failed"));
    }
    if (entry.value("deactivated", false))
        text += QStringLiteral(" — ") + tr("deactivated after %1 failed runs in a row").arg(entry.value("consecutiveFailures", 0));
    return text;
}

void FlowListModel::rowsChanged()
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, State), index(rowCount() - 1, LastRun));
}

bool FlowListModel::setLastRunFromHistory(int row, const QString &stateDir, bool notify)
{
    if (row < 0 || row >= rowCount())
        return false;
    const nlohmann::json last = lastHistoryEntry(stateDir, m_entries[std::size_t(row)].flow.name);
    if (last.is_null())
        return false;
    RunCounts counts;
    counts.read = last.value("read", std::uint64_t(0));
    counts.written = last.value("written", std::uint64_t(0));
    counts.filtered = last.value("filtered", std::uint64_t(0));
    counts.deadLettered = last.value("deadLettered", std::uint64_t(0));
    counts.failed = last.value("failed", std::uint64_t(0));
    setRunState(row, QString::fromStdString(last.value("status", std::string())), describeRun(last), counts, notify);
    return true;
}

} // namespace flowdeck
