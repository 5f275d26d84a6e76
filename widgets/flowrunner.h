#pragma once

#include "core/engine.h"

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

Q_SIGNALS:
    void finished(const flowdeck::RunResult &result);

private:
    std::unique_ptr<Engine> m_engine;
    std::thread m_thread;
    bool m_running = false;
};

} // namespace flowdeck

Q_DECLARE_METATYPE(flowdeck::RunResult)
