#pragma once

#include <QStringList>

namespace flowdeck::cli {

/// `flowdeck history FLOW [--state-dir DIR] [--json] [-n N]`: the flow's past runs, newest last.
/// Returns 0, or 2 for usage errors and an invalid flow file.
int historyCommand(const QStringList &args);

} // namespace flowdeck::cli
