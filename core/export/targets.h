#pragma once

#include "core/export/exportcontext.h"

// One function per target; exporter.cpp dispatches. Each reports what it cannot express
// through the context and returns the text of what it can.
namespace flowdeck::exporting {

std::string kafkaConnectJdbc(ExportContext &ctx);
std::string debeziumMysql(ExportContext &ctx);
std::string flinkSql(ExportContext &ctx);
std::string ticdc(ExportContext &ctx);

/// Problems shared by the targets that run continuously: a schedule, dead letters.
void checkContinuous(ExportContext &ctx, const std::string &targetName);
/// The tables of a mysql source as Flowdeck patterns ("tpcc.*", "shop.orders").
std::vector<std::string> sourceTablePatterns(const ExportContext &ctx);
/// A name made of letters, digits and '-' (changefeed ids, connector names).
std::string identifierFrom(const std::string &name);

} // namespace flowdeck::exporting
