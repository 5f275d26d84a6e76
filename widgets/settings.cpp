#include "settings.h"

#include "core/engine/runstate.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace flowdeck {

namespace {
// stored in the settings file: do not rename
constexpr auto kLanguage = "ui/language";
} // namespace

QString Settings::language()
{
    return QSettings().value(QLatin1String(kLanguage)).toString();
}

void Settings::setLanguage(const QString &language)
{
    QSettings().setValue(QLatin1String(kLanguage), language);
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
