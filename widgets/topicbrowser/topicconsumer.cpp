#include "topicconsumer.h"

#include "core/model/errors.h"

#include <QMetaObject>
#include <QPointer>

#include <chrono>

namespace flowdeck {

TopicConsumer::TopicConsumer(QObject *parent)
    : QObject(parent)
{
}

TopicConsumer::~TopicConsumer()
{
    stop();
}

void TopicConsumer::start(const TopicReaderOptions &options)
{
    stop();
    m_stop = false;
    m_finished = false;
    auto inFlight = std::make_shared<std::atomic<int>>(0);
    m_inFlight = inFlight;
    m_thread = std::thread([this, options, inFlight] {
        auto post = [this](auto &&f) { QMetaObject::invokeMethod(this, std::forward<decltype(f)>(f), Qt::QueuedConnection); };
        try {
            TopicReader reader(options);
            reader.open();
            bool endSignalled = false;
            std::vector<TopicMessage> batch;
            while (!m_stop) {
                if (m_paused || inFlight->load() >= 4) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                    continue;
                }
                batch.clear();
                reader.poll(batch, 1000, 100);
                if (!batch.empty()) {
                    ++*inFlight;
                    post([this, inFlight, b = std::move(batch)] {
                        --*inFlight;
                        Q_EMIT messages(b);
                    });
                    batch = {};
                }
                if (!endSignalled && reader.atEnd()) {
                    endSignalled = true;
                    post([this] { Q_EMIT reachedEnd(); });
                }
            }
        } catch (const std::exception &e) {
            const QString message = QString::fromUtf8(e.what());
            post([this, message] { Q_EMIT failed(message); });
        }
        m_finished = true;
    });
}

void TopicConsumer::stop()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    m_finished = true;
}

} // namespace flowdeck
