#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace flowdeck {

using TimePoint = std::chrono::system_clock::time_point;

/// When a `"trigger": {"type": "schedule"}` flow runs: every fixed interval (`"every": "15m"`,
/// units s, m, h, d) or once a day at a local wall-clock time (`"at": "02:30"`, in the time zone
/// of the process, TZ). Pure calendar arithmetic: Scheduler decides what runs when.
///
/// A daily time that does not exist on a given day (a daylight-saving jump) runs at the time
/// mktime() normalizes it to (02:30 becomes 03:30); one that exists twice runs once.
struct Schedule
{
    enum class Kind : std::uint8_t { Every, DailyAt };

    Kind kind = Kind::Every;
    std::chrono::seconds interval{0}; // Every
    int hour = 0;                     // DailyAt, local time
    int minute = 0;

    /// The schedule of a trigger object. Possible errors: ConfigError when the trigger is not a
    /// schedule or its `every` / `at` is malformed (the validator reports the same earlier).
    static Schedule fromTrigger(const nlohmann::json &trigger);
    /// "30s", "15m", "1h", "2d". Possible errors: ConfigError naming the text.
    static std::chrono::seconds parseInterval(const std::string &text);

    /// DailyAt: the first slot strictly after `t`. Every: `t + interval`.
    TimePoint nextSlotAfter(TimePoint t) const;
    /// DailyAt: the newest slot at or before `t`. Every: nullopt (its slots follow the runs).
    std::optional<TimePoint> lastSlotAtOrBefore(TimePoint t) const;
    /// "every 15m" or "daily at 02:30 (local time)".
    std::string describe() const;
};

/// Parses an ISO 8601 UTC time as written by utcNowIso() ("2026-11-21T09:30:00.123Z"); a time
/// without a zone is taken as UTC. nullopt when it is not one.
std::optional<TimePoint> parseUtcIso(const std::string &text);
/// `t` as utcNowIso() writes it.
std::string formatUtcIso(TimePoint t);
/// `t` as local time "2026-11-21 18:30:00 +0900", for messages.
std::string formatLocal(TimePoint t);

} // namespace flowdeck
