#pragma once

#include "core/engine/engine.h"

#include <QObject>

#include <memory>
#include <thread>

namespace flowdeck {

/// Runs one flow's Engine on a worker thread and reports back on the owner's thread.
/// The UI polls counts() on a timer; finished() arrives through a queued call.
class FlowRunner : public QObject
{
    Q_OBJECT
public:
    FlowRunner(Flow flow, EngineOptions options, QObject *parent = nullptr);
    ~FlowRunner() override;

    void start();
    /// Asks the run to stop after the batch being written.
    void stop();
    bool isRunning() const { return m_running; }
    RunCounts counts() const { return m_engine->metrics().snapshot(); }
    /// The live metrics of the current (or last) run; capture() them on a timer.
    const RunMetrics &metrics() const { return m_engine->metrics(); }
    const Flow &flow() const { return m_engine->flow(); }
    const EngineOptions &options() const { return m_engine->options(); }

Q_SIGNALS:
    /// Emitted by start(), on the owner's thread.
    void started();
    void finished(const flowdeck::RunResult &result);

private:
    std::unique_ptr<Engine> m_engine;
    std::thread m_thread;
    bool m_running = false;
};

} // namespace flowdeck

Q_DECLARE_METATYPE(flowdeck::RunResult)
