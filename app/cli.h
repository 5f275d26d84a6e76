#pragma once

#include <QStringList>

#include <cstdio>

namespace flowdeck::cli {

/// True when `arg` is a command of the command line (run, validate, sandbox, --help, ...), so
/// main() starts headless.
bool isCommand(const char *arg);

/// Prints the usage text (the commands and exit codes) to `stream`.
void printUsage(FILE *stream);

/// False when the window surely cannot open: no -platform argument, QT_QPA_PLATFORM unset or a
/// windowed platform (xcb, wayland), and neither DISPLAY nor WAYLAND_DISPLAY set.
bool hasDisplay(int argc, char **argv);

/// Runs a command; `arguments` as QCoreApplication::arguments(). Returns the process exit code:
/// 0 success, 1 the run failed, 2 invalid flow or usage.
int run(const QStringList &arguments);

} // namespace flowdeck::cli
