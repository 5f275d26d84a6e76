#pragma once

#include "core/engine/engine.h"

#include <QString>

namespace flowdeck::cli {

/// `flowdeck run` of a flow with a schedule trigger: keeps running, starts each run when the
/// Scheduler says (a missed slot runs once at start), prints one line per run, and ends on
/// SIGINT/SIGTERM (the run going stops after its batch) or when the flow gets deactivated.
/// Returns 0 after a signal, 1 when the flow was or became deactivated.
int runScheduled(const Flow &flow, const EngineOptions &options, const QString &metricsJson);

/// A watermark for people: "2026-01-01 10:02:00.000/5" (field value / tie breaker), "3 file(s)
/// taken", "(start)" for none.
QString watermarkText(const nlohmann::json &watermark);

/// One line for a finished run: "orders: run completed (schedule): read 5, ... in 0.12 s".
QString runLine(const Flow &flow, const RunResult &result);

} // namespace flowdeck::cli
