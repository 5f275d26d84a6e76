#pragma once

#include <QStringList>

namespace flowdeck::cli {

/// `flowdeck tail TOPIC --brokers B [-n N] [--from-beginning] [--offset N] [--since TIME]
/// [--exit-at-end] [-X prop=value]...`: prints the topic's messages, one JSON object per line
/// (topic, partition, offset, timestamp, key, headers, value). Returns 0, 1 when the broker or
/// topic cannot be read, 2 for usage errors.
int tailCommand(const QStringList &args);

} // namespace flowdeck::cli
