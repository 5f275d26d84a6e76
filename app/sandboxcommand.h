#pragma once

#include <QStringList>

namespace flowdeck::cli {

/// `flowdeck sandbox start|stop|status [options]`: runs the local MariaDB sandbox (see
/// core/sandbox.h and docs/sandbox.md). `args` are the words after `sandbox`, e.g.
/// {"start", "--dir", "/tmp/x", "--port", "0", "--fresh"}.
///
/// Prints connection details to stdout, progress, warnings and errors to stderr.
/// Returns 0 on success (also for `status` of a stopped sandbox and `stop` of one that was not
/// running), 1 when the command failed, 2 for invalid usage.
int sandboxCommand(const QStringList &args);

} // namespace flowdeck::cli
