#include "runnotes.h"

#include "enginemessages.h"

#include "core/engine/runstate.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace flowdeck {

namespace {

QString statusText(RunStatus status)
{
    switch (status) {
    case RunStatus::Running: return QCoreApplication::translate("RunNotes", "running");
    case RunStatus::Completed: return QCoreApplication::translate("RunNotes", "completed");
    case RunStatus::Failed: return QCoreApplication::translate("RunNotes", "failed");
    case RunStatus::Stopped: return QCoreApplication::translate("RunNotes", "stopped");
    }
    return {};
}

} // namespace

QString resumePositionText(const nlohmann::json &source)
{
    if (!source.is_object())
        return source.is_null() ? QString() : QString::fromStdString(source.dump());
    const auto text = [&source](const char *key) {
        const nlohmann::json &v = source[key];
        return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString::fromStdString(v.dump());
    };
    // A file source: {"file", "line", "offset", ...}.
    if (source.contains("file") && source.contains("line"))
        return QCoreApplication::translate("RunNotes", "line %1 of %2").arg(text("line"), QFileInfo(text("file")).fileName());
    // The binary log: {"file", "pos"} or a GTID set.
    if (source.contains("gtid") && source["gtid"].is_string() && !text("gtid").isEmpty())
        return QCoreApplication::translate("RunNotes", "GTID %1").arg(text("gtid"));
    if (source.contains("file") && source.contains("pos"))
        return text("file") + QLatin1Char(':') + text("pos");
    return QString::fromStdString(source.dump());
}

QString pendingResume(const Flow &flow, const QString &stateDir)
{
    try {
        const RunState state = StateStore(stateDir.toStdString(), flow.name).load();
        if (state.runId.empty() || state.status == RunStatus::Completed || !state.checkpoint.is_object())
            return {};
        const nlohmann::json source = state.checkpoint.value("source", nlohmann::json());
        if (source.is_null())
            return {};
        const QString where = resumePositionText(source);
        return where.isEmpty() ? QCoreApplication::translate("RunNotes", "the checkpoint") : where;
    } catch (const std::exception &) {
        return {}; // the run itself reports an unreadable state file
    }
}

QString runEndMessage(const QString &flowName, const RunResult &r)
{
    QString text = QCoreApplication::translate("RunNotes", "%1: %2 in %3 s — read %4, written %5, filtered %6, dead-lettered %7")
                       .arg(flowName, statusText(r.status))
                       .arg(r.elapsedSeconds, 0, 'f', 1)
                       .arg(r.counts.read)
                       .arg(r.counts.written)
                       .arg(r.counts.filtered)
                       .arg(r.counts.deadLettered);
    if (r.counts.failed)
        text += QCoreApplication::translate("RunNotes", ", failed %1").arg(r.counts.failed);
    if (r.resumed) {
        const nlohmann::json from = nlohmann::json::parse(r.resumedFrom, nullptr, false);
        text += QLatin1String(" ") + QCoreApplication::translate("RunNotes", "(resumed at %1)").arg(from.is_discarded() ? QString::fromStdString(r.resumedFrom)
                                                                                     : resumePositionText(from));
    }
    if (!r.error.empty())
        text += QLatin1String(" — ") + engineMessage(r.error);
    return text;
}

} // namespace flowdeck
