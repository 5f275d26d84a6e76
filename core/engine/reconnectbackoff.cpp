#include "core/engine/reconnectbackoff.h"

#include <algorithm>
#include <thread>

namespace flowdeck {

void ReconnectBackoff::lost(const std::string &reason)
{
    m_reason = reason;
    if (m_down)
        return;
    m_down = true;
    m_since = Clock::now();
    m_delay = m_policy.firstDelay;
    m_nextAttempt = m_since + m_delay;
}

bool ReconnectBackoff::waitUntilDue()
{
    const auto now = Clock::now();
    if (now >= m_nextAttempt)
        return true;
    const auto wait = std::min<Clock::duration>(m_nextAttempt - now, m_policy.slice);
    std::this_thread::sleep_for(wait);
    return Clock::now() >= m_nextAttempt;
}

bool ReconnectBackoff::attemptFailed(const std::string &reason)
{
    m_reason = reason;
    const auto now = Clock::now();
    if (now - m_since >= m_policy.giveUpAfter)
        return false;
    m_delay = std::min(m_delay * 2, m_policy.maxDelay);
    m_nextAttempt = now + m_delay;
    return true;
}

double ReconnectBackoff::downSeconds() const
{
    return m_down ? std::chrono::duration<double>(Clock::now() - m_since).count() : 0.0;
}

} // namespace flowdeck
