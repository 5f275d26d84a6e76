#include "core/schedule/schedule.h"

#include "core/model/errors.h"

#include <cstdio>
#include <ctime>
#include <regex>

namespace flowdeck {

namespace {

/// The local-time slot hour:minute of the day `t` falls on, shifted by `dayOffset` days.
TimePoint slotOnDay(TimePoint t, int hour, int minute, int dayOffset)
{
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    tm.tm_mday += dayOffset;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = 0;
    tm.tm_isdst = -1; // let mktime pick daylight-saving time for that day
    return std::chrono::system_clock::from_time_t(std::mktime(&tm));
}

} // namespace

std::chrono::seconds Schedule::parseInterval(const std::string &text)
{
    static const std::regex re("([0-9]{1,9})([smhd])");
    std::smatch m;
    if (!std::regex_match(text, m, re) || std::stoll(m[1].str()) <= 0)
        throw ConfigError("trigger.every: expected a positive duration like 30s, 15m, 1h or 1d, got '" + text + "'");
    const long long n = std::stoll(m[1].str());
    switch (m[2].str()[0]) {
    case 's': return std::chrono::seconds(n);
    case 'm': return std::chrono::seconds(n * 60);
    case 'h': return std::chrono::seconds(n * 3600);
    default: return std::chrono::seconds(n * 86400);
    }
}

Schedule Schedule::fromTrigger(const nlohmann::json &trigger)
{
    if (!trigger.is_object() || trigger.value("type", std::string()) != "schedule")
        throw ConfigError("trigger: the flow is not scheduled (trigger.type is not \"schedule\")");
    Schedule s;
    if (trigger.contains("every") && trigger["every"].is_string()) {
        s.kind = Kind::Every;
        s.interval = parseInterval(trigger["every"].get<std::string>());
        return s;
    }
    if (trigger.contains("at") && trigger["at"].is_string()) {
        static const std::regex re("([01][0-9]|2[0-3]):([0-5][0-9])");
        const std::string at = trigger["at"].get<std::string>();
        std::smatch m;
        if (!std::regex_match(at, m, re))
            throw ConfigError("trigger.at: expected a time of day HH:MM (00:00 to 23:59), got '" + at + "'");
        s.kind = Kind::DailyAt;
        s.hour = std::stoi(m[1].str());
        s.minute = std::stoi(m[2].str());
        return s;
    }
    throw ConfigError("trigger: a schedule needs 'every' (like \"15m\") or 'at' (like \"02:30\")");
}

TimePoint Schedule::nextSlotAfter(TimePoint t) const
{
    if (kind == Kind::Every)
        return t + interval;
    for (int day = 0; day <= 2; ++day) {
        const TimePoint slot = slotOnDay(t, hour, minute, day);
        if (slot > t)
            return slot;
    }
    return t + std::chrono::hours(24); // unreachable: tomorrow's slot is always later
}

std::optional<TimePoint> Schedule::lastSlotAtOrBefore(TimePoint t) const
{
    if (kind == Kind::Every)
        return std::nullopt;
    for (int day = 0; day >= -2; --day) {
        const TimePoint slot = slotOnDay(t, hour, minute, day);
        if (slot <= t)
            return slot;
    }
    return std::nullopt;
}

std::string Schedule::describe() const
{
    char buf[64];
    if (kind == Kind::DailyAt) {
        std::snprintf(buf, sizeof buf, "daily at %02d:%02d (local time)", hour, minute);
        return buf;
    }
    const long long s = interval.count();
    if (s % 86400 == 0)
        std::snprintf(buf, sizeof buf, "every %lldd", s / 86400);
    else if (s % 3600 == 0)
        std::snprintf(buf, sizeof buf, "every %lldh", s / 3600);
    else if (s % 60 == 0)
        std::snprintf(buf, sizeof buf, "every %lldm", s / 60);
    else
        std::snprintf(buf, sizeof buf, "every %llds", s);
    return buf;
}

std::optional<TimePoint> parseUtcIso(const std::string &text)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) < 6)
        return std::nullopt;
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    TimePoint t = std::chrono::system_clock::from_time_t(timegm(&tm));
    if (std::size_t(consumed) < text.size() && text[std::size_t(consumed)] == '.') {
        int ms = 0, digits = 0;
        for (std::size_t i = std::size_t(consumed) + 1; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i)
            if (digits < 3) {
                ms = ms * 10 + (text[i] - '0');
                ++digits;
            }
        while (digits++ < 3)
            ms *= 10;
        t += std::chrono::milliseconds(ms);
    }
    return t;
}

std::string formatUtcIso(TimePoint t)
{
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    char out[48];
    std::snprintf(out, sizeof out, "%s.%03dZ", buf, int(ms < 0 ? ms + 1000 : ms));
    return out;
}

std::string formatLocal(TimePoint t)
{
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[48];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %z", &tm);
    return buf;
}

} // namespace flowdeck
