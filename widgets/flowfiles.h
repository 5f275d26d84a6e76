#pragma once

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace flowdeck::flowfiles {

/// The raw document of a flow file (`${...}` kept), or null with `error` set when it cannot be
/// read or is not a JSON object.
nlohmann::json readDocument(const QString &path, QString *error);

/// A name not in `taken`: "name-copy", then "name-copy-2", ...
QString copyName(const QString &name, const QStringList &taken);

/// Writes a copy of the flow at `path` named `newName` into `folder`; returns the new file's path.
/// Possible errors: "" with `error` set.
QString duplicate(const QString &path, const QString &newName, const QString &folder, QString *error);

/// The FLOWDECK_SECRET_ variables a flow document refers to (its keychain entries).
QStringList secretVariables(const nlohmann::json &document);

} // namespace flowdeck::flowfiles
