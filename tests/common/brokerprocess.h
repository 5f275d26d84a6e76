#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

#include <string>
#include <utility>
#include <vector>

namespace flowdeck::test {

/// Makes the kernel kill `process` when the test process dies (a crashed or aborted test must
/// not leave servers behind that keep ctest waiting on their output).
void killWithParent(QProcess &process);

/// A `flowdeck broker` in its own process, so that flows in other processes (killed and
/// restarted by crash tests) share one broker whose data outlives them. Stopped (SIGTERM) by the
/// destructor. With FLOWDECK_TEST_KAFKA_BROKERS set, nothing is started and that cluster is used.
class BrokerProcess
{
public:
    BrokerProcess() = default;
    ~BrokerProcess();
    BrokerProcess(const BrokerProcess &) = delete;
    BrokerProcess &operator=(const BrokerProcess &) = delete;

    /// Starts the broker with `topics` (name, partitions) pre-created and returns its bootstrap
    /// list. Throws flowdeck::Error when it does not come up within 30 s.
    std::string start(const std::vector<std::pair<std::string, int>> &topics);
    const std::string &bootstrap() const { return m_bootstrap; }

private:
    QProcess m_process;
    std::string m_bootstrap;
};

} // namespace flowdeck::test
