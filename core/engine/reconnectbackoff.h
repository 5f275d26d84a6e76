#pragma once

#include <chrono>
#include <string>

namespace flowdeck {

/// Paces the reconnection of a continuous source after a lost connection (a server restart, a
/// network cut): attempts 0.5 s, 1 s, 2 s ... apart (at most `maxDelay`), and gives up once the
/// connection has been down longer than `giveUpAfter`. It never blocks for long: waitUntilDue()
/// sleeps at most `slice`, so the reader thread stays responsive to a stop request.
///
/// Used from one thread. Times come from std::chrono::steady_clock.
class ReconnectBackoff
{
public:
    struct Policy
    {
        std::chrono::milliseconds firstDelay{500};
        std::chrono::milliseconds maxDelay{10000};
        std::chrono::milliseconds giveUpAfter{300000}; // 5 minutes
        std::chrono::milliseconds slice{200};
    };

    ReconnectBackoff() = default;
    explicit ReconnectBackoff(Policy policy) : m_policy(policy) {}

    /// The connection was lost: the first attempt is due after firstDelay. Keeps the time of
    /// the first loss when called again while already down.
    void lost(const std::string &reason);
    /// True while the connection is down and not yet re-established.
    bool isDown() const { return m_down; }
    /// Sleeps up to `slice`; true when the next attempt is due.
    bool waitUntilDue();
    /// An attempt failed with `reason`: schedules the next one with a doubled delay.
    /// Possible errors: returns false (instead of scheduling) once the connection has been down
    /// longer than giveUpAfter; the caller then reports the failure.
    bool attemptFailed(const std::string &reason);
    /// The connection is back.
    void recovered() { m_down = false; }

    const std::string &reason() const { return m_reason; }
    /// Seconds since the connection was lost, for messages.
    double downSeconds() const;
    const Policy &policy() const { return m_policy; }

private:
    using Clock = std::chrono::steady_clock;
    Policy m_policy;
    bool m_down = false;
    Clock::time_point m_since;
    Clock::time_point m_nextAttempt;
    std::chrono::milliseconds m_delay{0};
    std::string m_reason;
};

} // namespace flowdeck
