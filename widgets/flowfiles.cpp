#include "flowfiles.h"

#include "secretstore.h"

#include "core/flow/flow.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace flowdeck::flowfiles {

nlohmann::json readDocument(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return nullptr;
    }
    nlohmann::json doc = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        *error = QStringLiteral("%1 is not a JSON object").arg(QDir::toNativeSeparators(path));
        return nullptr;
    }
    return doc;
}

QString copyName(const QString &name, const QStringList &taken)
{
    QString candidate = name + QStringLiteral("-copy");
    for (int n = 2; taken.contains(candidate, Qt::CaseInsensitive); ++n)
        candidate = name + QStringLiteral("-copy-") + QString::number(n);
    return candidate;
}

QString duplicate(const QString &path, const QString &newName, const QString &folder, QString *error)
{
    nlohmann::json doc = readDocument(path, error);
    if (doc.is_null())
        return {};
    doc["name"] = newName.toStdString();
    // Relative paths in the flow resolve against its folder: keep them pointing at the same files.
    const QString target = QDir(folder).filePath(newName + QStringLiteral(".flow.json"));
    const QString from = QFileInfo(path).absolutePath();
    const QString to = QFileInfo(target).absolutePath();
    if (from != to && doc.contains("source") && doc["source"].is_object() && doc["source"].contains("path")
        && doc["source"]["path"].is_string()) {
        const QString p = QString::fromStdString(doc["source"]["path"].get<std::string>());
        if (QFileInfo(p).isRelative() && !p.contains(QLatin1String("${")))
            doc["source"]["path"] = QDir(from).absoluteFilePath(p).toStdString();
    }
    if (QFileInfo::exists(target)) {
        *error = QStringLiteral("%1 exists already").arg(QDir::toNativeSeparators(target));
        return {};
    }
    try {
        Flow flow;
        flow.raw = doc;
        saveFlow(flow, target.toStdString());
    } catch (const Error &e) {
        *error = QString::fromStdString(e.what());
        return {};
    }
    return target;
}

static void collect(const nlohmann::json &value, QStringList &out)
{
    static const QRegularExpression re(QStringLiteral("\\$\\{(") + QLatin1String(SecretStore::kPrefix)
                                       + QStringLiteral("[A-Za-z0-9_]*)"));
    if (value.is_object() || value.is_array()) {
        for (const auto &member : value)
            collect(member, out);
    } else if (value.is_string()) {
        auto it = re.globalMatch(QString::fromStdString(value.get<std::string>()));
        while (it.hasNext()) {
            const QString name = it.next().captured(1);
            if (!out.contains(name))
                out << name;
        }
    }
}

QStringList secretVariables(const nlohmann::json &document)
{
    QStringList out;
    collect(document, out);
    return out;
}

} // namespace flowdeck::flowfiles
