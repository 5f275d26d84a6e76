#pragma once

#include <QStringList>

namespace flowdeck::cli {

/// `flowdeck run FLOW [--state-dir DIR] [--until-idle] [--metrics-json FILE] [--restart]`;
/// `args` are the words after "run". Returns 0 completed, 1 failed or stopped, 2 usage/invalid flow.
int runCommand(const QStringList &args);

} // namespace flowdeck::cli
