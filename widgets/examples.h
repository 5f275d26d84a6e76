#pragma once

#include <QString>

namespace flowdeck {

/// Copies the bundled example flows and their data into `flowsFolder`/examples, once: files the
/// user already has are left alone. Scheduled examples are installed with their schedule paused
/// (Settings::pausedFlows()): nothing runs, and nothing fails, before the user asks. Returns the
/// folder.
QString installExamples(const QString &flowsFolder);

} // namespace flowdeck
