#pragma once

#include <QStringList>

namespace flowdeck::cli {

/// `flowdeck export FLOW --to TARGET [-o FILE] [--partial]`: the flow as a Kafka Connect JDBC
/// sink, a Debezium MySQL source, Flink SQL or a TiCDC changefeed (core/export/). Exit 0 and
/// the configuration on stdout (or in FILE); exit 2 and every part the target cannot express as
/// "path: message" on stderr, with nothing written unless --partial.
int exportCommand(const QStringList &args);

} // namespace flowdeck::cli
