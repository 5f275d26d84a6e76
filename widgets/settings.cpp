#include "settings.h"

#include "core/engine/runstate.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace flowdeck {

namespace {
// stored in the settings file: do not rename
constexpr auto kLanguage = "ui/language";
constexpr auto kPausedFlows = "schedule/paused";
} // namespace

QString Settings::language()
{
    return QSettings().value(QLatin1String(kLanguage)).toString();
}

void Settings::setLanguage(const QString &language)
{
    QSettings().setValue(QLatin1String(kLanguage), language);
}

QStringList Settings::pausedFlows()
{
    return QSettings().value(QLatin1String(kPausedFlows)).toStringList();
}

void Settings::setFlowPaused(const QString &flowPath, bool paused)
{
    QStringList paths = pausedFlows();
    if (paused == paths.contains(flowPath))
        return;
    if (paused)
        paths << flowPath;
    else
        paths.removeAll(flowPath);
    QSettings().setValue(QLatin1String(kPausedFlows), paths);
}

QString Settings::flowsFolder()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("flowdeck/flows"));
}

QString Settings::stateFolder()
{
    return QString::fromStdString(StateStore::defaultDir());
}

} // namespace flowdeck
