#include "core/kafka/embeddedbroker.h"

#include "core/model/errors.h"

namespace flowdeck {

EmbeddedBroker::EmbeddedBroker(int brokerCount)
    : m_brokerCount(brokerCount)
{
    if (brokerCount < 1 || brokerCount > 16)
        throw Error("embedded broker: the broker count must be 1-16, not " + std::to_string(brokerCount));
    char error[512] = {};
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    // A quiet handle that only hosts the mock cluster; it never connects anywhere itself.
    rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error);
    m_handle.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error));
    if (!m_handle) {
        rd_kafka_conf_destroy(conf); // rd_kafka_new only takes ownership on success
        throw Error(std::string("embedded broker: cannot create a librdkafka handle: ") + error);
    }
    m_cluster.reset(rd_kafka_mock_cluster_new(m_handle.get(), brokerCount));
    if (!m_cluster)
        throw Error("embedded broker: librdkafka could not start its mock cluster");
}

EmbeddedBroker::~EmbeddedBroker()
{
    m_cluster.reset();
    m_handle.reset();
}

std::string EmbeddedBroker::bootstraps() const
{
    return rd_kafka_mock_cluster_bootstraps(m_cluster.get());
}

bool EmbeddedBroker::createTopic(const std::string &name, int partitions, int replicationFactor)
{
    if (name.empty() || partitions < 1 || replicationFactor < 1)
        throw Error("embedded broker: cannot create topic '" + name + "' with " + std::to_string(partitions)
                    + " partitions and replication factor " + std::to_string(replicationFactor));
    const std::lock_guard lock(m_mutex);
    const int replicas = replicationFactor > m_brokerCount ? m_brokerCount : replicationFactor;
    const rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(m_cluster.get(), name.c_str(), partitions, replicas);
    if (err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        return false;
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        throw Error("embedded broker: cannot create topic '" + name + "': " + rd_kafka_err2str(err));
    return true;
}

namespace {

struct SharedBroker
{
    std::mutex mutex;
    std::unique_ptr<EmbeddedBroker> broker; // destroyed at exit after every flow stopped
};

SharedBroker &sharedBroker()
{
    static SharedBroker shared;
    return shared;
}

} // namespace

EmbeddedBroker &EmbeddedBroker::shared()
{
    SharedBroker &s = sharedBroker();
    const std::lock_guard lock(s.mutex);
    if (!s.broker)
        s.broker = std::make_unique<EmbeddedBroker>(1);
    return *s.broker;
}

bool EmbeddedBroker::sharedRunning()
{
    SharedBroker &s = sharedBroker();
    const std::lock_guard lock(s.mutex);
    return s.broker != nullptr;
}

std::string EmbeddedBroker::sharedBootstraps()
{
    SharedBroker &s = sharedBroker();
    const std::lock_guard lock(s.mutex);
    return s.broker ? s.broker->bootstraps() : std::string();
}

bool EmbeddedBroker::stopShared()
{
    std::unique_ptr<EmbeddedBroker> stopped;
    {
        SharedBroker &s = sharedBroker();
        const std::lock_guard lock(s.mutex);
        stopped = std::move(s.broker);
    }
    return stopped != nullptr; // destroyed here, outside the lock
}

} // namespace flowdeck
