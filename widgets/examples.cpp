#include "examples.h"

#include "settings.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace flowdeck {

static bool isScheduledFlowFile(const QString &path)
{
    if (!path.endsWith(QLatin1String(".flow.json")))
        return false;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject trigger = QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("trigger")).toObject();
    return trigger.value(QLatin1String("type")).toString() == QLatin1String("schedule");
}

QString installExamples(const QString &flowsFolder)
{
    const QString target = QDir(flowsFolder).filePath(QStringLiteral("examples"));
    QDirIterator it(QStringLiteral(":/examples"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString to = target + from.mid(int(qstrlen(":/examples")));
        if (QFileInfo::exists(to))
            continue;
        QDir().mkpath(QFileInfo(to).absolutePath());
        if (!QFile::copy(from, to))
            continue;
        QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        if (isScheduledFlowFile(to))
            Settings::setFlowPaused(to, true);
    }
    return target;
}

} // namespace flowdeck
