#pragma once

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <memory>
#include <mutex>
#include <string>

namespace flowdeck {

/// An in-process Kafka cluster: librdkafka's mock cluster (see docs/embedded-broker.md). It speaks
/// the Kafka protocol on 127.0.0.1 (random ports), so any client (kcat, another process) can use
/// bootstraps(). For trying flows and tests only: it keeps messages in memory, each partition
/// holds only about 5 MiB / 100,000 messages (older ones are dropped silently), topics created
/// on first use get 4 partitions, and a consumer group's first assignment takes about 3 s.
///
/// Thread-safe: the mock runs its own threads; createTopic() may be called from any thread.
class EmbeddedBroker
{
public:
    /// Messages and bytes one embedded partition keeps before it drops the oldest.
    static constexpr long long kPartitionMessageLimit = 100000;
    static constexpr long long kPartitionByteLimit = 5LL * 1024 * 1024;
    /// Partitions of a topic created on first use (produce or metadata request).
    static constexpr int kAutoCreatePartitions = 4;

    /// Starts a cluster of `brokerCount` brokers (1-16).
    /// Possible errors: Error when librdkafka cannot create the handle or the cluster.
    explicit EmbeddedBroker(int brokerCount = 1);
    ~EmbeddedBroker();
    EmbeddedBroker(const EmbeddedBroker &) = delete;
    EmbeddedBroker &operator=(const EmbeddedBroker &) = delete;

    /// "127.0.0.1:PORT,127.0.0.1:PORT2,...", for bootstrap.servers.
    std::string bootstraps() const;
    int brokerCount() const { return m_brokerCount; }

    /// Creates a topic. An existing topic is left alone (returns false).
    /// Possible errors: Error for an invalid name or count.
    bool createTopic(const std::string &name, int partitions, int replicationFactor = 1);

    /// librdkafka's cluster handle, for tests that inject errors (rd_kafka_mock_push_request_errors).
    rd_kafka_mock_cluster_t *mockCluster() const { return m_cluster.get(); }

    /// The process-wide broker used by flows with "brokers": "embedded", started on first use
    /// with one broker and kept until stopShared() or the process exits. Possible errors: as the
    /// constructor.
    static EmbeddedBroker &shared();
    /// Whether the shared broker runs now (asking does not start it).
    static bool sharedRunning();
    /// The shared broker's bootstrap list, "" when it does not run (asking does not start it).
    static std::string sharedBootstraps();
    /// Stops the shared broker: its topics and messages are gone, and the next shared() starts a
    /// new one on other ports. Only when nothing uses it (no run, no consumer): a reference from
    /// shared() dangles afterwards. Returns false when it was not running.
    static bool stopShared();

private:
    struct ClusterDeleter
    {
        void operator()(rd_kafka_mock_cluster_t *cluster) const { rd_kafka_mock_cluster_destroy(cluster); }
    };
    struct HandleDeleter
    {
        void operator()(rd_kafka_t *rk) const { rd_kafka_destroy(rk); }
    };
    // Order matters: the cluster is destroyed before the handle that owns its thread.
    std::unique_ptr<rd_kafka_t, HandleDeleter> m_handle;
    std::unique_ptr<rd_kafka_mock_cluster_t, ClusterDeleter> m_cluster;
    int m_brokerCount = 0;
    std::mutex m_mutex;
};

} // namespace flowdeck
