#pragma once

#include "core/kafka/topicreader.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <thread>

namespace flowdeck {

/// Reads a topic on its own thread and hands batches of messages to the owner's thread through
/// queued calls (never more than a few batches in flight, so a busy GUI slows the reading
/// instead of queueing without bound). Pause stops reading without losing the position.
class TopicConsumer : public QObject
{
    Q_OBJECT
public:
    explicit TopicConsumer(QObject *parent = nullptr);
    ~TopicConsumer() override;

    /// Starts reading (stopping a previous read first).
    void start(const TopicReaderOptions &options);
    void stop();
    void setPaused(bool paused) { m_paused = paused; }
    bool isPaused() const { return m_paused; }
    bool isRunning() const { return m_thread.joinable() && !m_finished; }

Q_SIGNALS:
    void messages(const std::vector<flowdeck::TopicMessage> &batch);
    /// The reader failed (no broker, no such topic, a consumer error).
    void failed(const QString &error);
    /// Every partition was read to its end once.
    void reachedEnd();

private:
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_paused{false};
    std::atomic<bool> m_finished{true};
    std::shared_ptr<std::atomic<int>> m_inFlight = std::make_shared<std::atomic<int>>(0);
};

} // namespace flowdeck
