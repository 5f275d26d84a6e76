#pragma once

#include <QStringList>

namespace flowdeck::cli {

/// `flowdeck workload [options]`: creates a TPC-C-like schema on a MySQL-protocol server, loads
/// its initial data and runs a mix of transactions against it (core/workload.h,
/// docs/workload.md). `args` are the words after `workload`, e.g.
/// {"--port", "4000", "--database", "tpcc", "--seconds", "30"}.
///
/// Prints progress to stderr and the summary (transactions per kind, rows per table, tps) to
/// stdout. Returns 0 on success (also when stopped by Ctrl-C: the summary covers what ran), 1 when
/// the server refused or failed (the message says why), 2 for invalid usage.
int workloadCommand(const QStringList &args);

} // namespace flowdeck::cli
