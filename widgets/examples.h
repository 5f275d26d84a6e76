#pragma once

#include <QString>

namespace flowdeck {

/// Copies the bundled example flows and their data into `flowsFolder`/examples, once: files the
/// user already has are left alone. Returns the folder.
QString installExamples(const QString &flowsFolder);

} // namespace flowdeck
