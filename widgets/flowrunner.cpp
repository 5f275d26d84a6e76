#include "flowrunner.h"

#include <QMetaObject>
#include <QPointer>

namespace flowdeck {

FlowRunner::FlowRunner(Flow flow, EngineOptions options, QObject *parent)
    : QObject(parent)
    , m_engine(std::make_unique<Engine>(std::move(flow), std::move(options)))
{
}

FlowRunner::~FlowRunner()
{
    if (m_thread.joinable()) {
        m_engine->requestStop();
        m_thread.join();
    }
}

void FlowRunner::start()
{
    if (m_running)
        return;
    if (m_thread.joinable())
        m_thread.join();
    m_running = true;
    QPointer<FlowRunner> self(this);
    m_thread = std::thread([this, self] {
        RunResult result = m_engine->run();
        // The engine's thread does one thing with the result: hop to the owner's thread.
        QMetaObject::invokeMethod(
            this,
            [this, result] {
                m_running = false;
                Q_EMIT finished(result);
            },
            Qt::QueuedConnection);
    });
    Q_EMIT started();
}

void FlowRunner::stop()
{
    m_engine->requestStop();
}

} // namespace flowdeck
