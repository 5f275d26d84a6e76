#include "examples.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace flowdeck {

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
        if (QFile::copy(from, to))
            QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    return target;
}

} // namespace flowdeck
