#pragma once

#include <QStringList>

namespace flowdeck::cli {

/// `flowdeck broker [--brokers N] [--bootstrap-file F] [--topic NAME:PARTITIONS]...`: runs the
/// embedded Kafka broker (core/embeddedbroker.h, docs/embedded-broker.md) in the foreground
/// until SIGINT or SIGTERM. `args` are the words after `broker`.
///
/// Prints "bootstrap: 127.0.0.1:PORT,..." to stdout (and writes the list to F, removed again at
/// exit), pre-creates the topics, progress and errors go to stderr.
/// Returns 0 after a clean stop, 1 when the broker could not start, 2 for invalid usage.
int brokerCommand(const QStringList &args);

} // namespace flowdeck::cli
