#pragma once

#include <QStringList>

namespace flowdeck::cli {

/// True when `arg` is a command of the command line (run, validate, sandbox, --help, ...), so
/// main() starts headless.
bool isCommand(const char *arg);

/// Runs a command; `arguments` as QCoreApplication::arguments(). Returns the process exit code:
/// 0 success, 1 the run failed, 2 invalid flow or usage.
int run(const QStringList &arguments);

} // namespace flowdeck::cli
