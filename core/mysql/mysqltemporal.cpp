#include "core/mysql/mysqlfitrules.h"

#include <cstring>

namespace flowdeck {

using fit::refuse;
using fit::setValue;

namespace {

struct DateTimeParts
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    std::string_view fraction; // digits after the '.'
    bool hasTime = false;
    bool hasZone = false;
    int zoneMinutes = 0; // east of UTC
};

bool digits(const char *&p, const char *e, int count, int &out)
{
    if (e - p < count)
        return false;
    int v = 0;
    for (int i = 0; i < count; ++i) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10 + (p[i] - '0');
    }
    p += count;
    out = v;
    return true;
}

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
long daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(long z, int &y, int &m, int &d)
{
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    d = int(doy - (153 * mp + 2) / 5 + 1);
    m = int(mp < 10 ? mp + 3 : mp - 9);
    y = int(yoe + era * 400 + (m <= 2));
}

/// "YYYY-MM-DD[( |T)HH:MM[:SS[.f+]][Z|(+|-)HH[[:]MM]]]"; with `zeroDates`, a month or day of
/// 00 too, as MySQL without NO_ZERO_DATE and NO_ZERO_IN_DATE stores them.
bool parseDateTime(std::string_view s, DateTimeParts &t, bool zeroDates)
{
    const char *p = s.data();
    const char *e = p + s.size();
    if (!digits(p, e, 4, t.year) || p == e || *p++ != '-' || !digits(p, e, 2, t.month) || p == e
        || *p++ != '-' || !digits(p, e, 2, t.day))
        return false;
    if (p < e && (*p == ' ' || *p == 'T')) {
        ++p;
        t.hasTime = true;
        if (!digits(p, e, 2, t.hour) || p == e || *p++ != ':' || !digits(p, e, 2, t.minute))
            return false;
        if (p < e && *p == ':') {
            ++p;
            if (!digits(p, e, 2, t.second))
                return false;
            if (p < e && *p == '.') {
                const char *f = ++p;
                while (p < e && *p >= '0' && *p <= '9')
                    ++p;
                if (p == f)
                    return false;
                t.fraction = {f, std::size_t(p - f)};
            }
        }
        if (p < e && (*p == 'Z' || *p == 'z')) {
            ++p;
            t.hasZone = true;
        } else if (p < e && (*p == '+' || *p == '-')) {
            const int sign = *p++ == '-' ? -1 : 1;
            int hh = 0, mm = 0;
            if (!digits(p, e, 2, hh))
                return false;
            if (p < e && *p == ':')
                ++p;
            if (p < e && !digits(p, e, 2, mm))
                return false;
            if (hh > 14 || mm > 59)
                return false;
            t.hasZone = true;
            t.zoneMinutes = sign * (hh * 60 + mm);
        }
    }
    if (p != e)
        return false;
    if (t.hour > 23 || t.minute > 59 || t.second > 59 || t.month > 12 || t.day > 31)
        return false;
    if (zeroDates && (t.month == 0 || t.day == 0))
        return true;
    return t.month >= 1 && t.day >= 1 && t.day <= daysInMonth(t.year, t.month);
}

void toUtc(DateTimeParts &t)
{
    long minutes = daysFromCivil(t.year, t.month, t.day) * 1440L + t.hour * 60 + t.minute - t.zoneMinutes;
    long days = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
    minutes -= days * 1440;
    civilFromDays(days, t.year, t.month, t.day);
    t.hour = int(minutes / 60);
    t.minute = int(minutes % 60);
}

bool allZeros(std::string_view digits)
{
    for (char c : digits)
        if (c != '0')
            return false;
    return true;
}

void put2(char *out, int v)
{
    out[0] = char('0' + v / 10);
    out[1] = char('0' + v % 10);
}

/// "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS[.f]" into `out` (at least 32 bytes); returns the length.
std::size_t format(const DateTimeParts &t, bool withTime, std::string_view fraction, char *out)
{
    if (t.year < 0 || t.year > 9999)
        return 0;
    out[0] = char('0' + t.year / 1000);
    out[1] = char('0' + t.year / 100 % 10);
    out[2] = char('0' + t.year / 10 % 10);
    out[3] = char('0' + t.year % 10);
    out[4] = '-';
    put2(out + 5, t.month);
    out[7] = '-';
    put2(out + 8, t.day);
    if (!withTime)
        return 10;
    out[10] = ' ';
    put2(out + 11, t.hour);
    out[13] = ':';
    put2(out + 14, t.minute);
    out[16] = ':';
    put2(out + 17, t.second);
    std::size_t n = 19;
    if (!fraction.empty()) {
        out[n++] = '.';
        std::memcpy(out + n, fraction.data(), fraction.size());
        n += fraction.size();
    }
    return n;
}

void setFormatted(MySqlCell &cell, const std::string &original, const char *text, std::size_t size,
                  MySqlValueArena &arena)
{
    if (original.size() == size && std::memcmp(original.data(), text, size) == 0)
        setValue(cell, original); // already what the server wants: no copy
    else
        setValue(cell, arena.store({text, size}));
}

bool fitTime(const Value &value, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
             std::string &reason)
{
    const std::string &s = value.str();
    const char *p = s.data();
    const char *e = p + s.size();
    if (p < e && *p == '-')
        ++p;
    int hours = 0;
    const char *h = p;
    while (p < e && *p >= '0' && *p <= '9' && p - h < 4)
        hours = hours * 10 + (*p++ - '0');
    int minutes = 0, seconds = 0;
    std::string_view fraction;
    bool ok = p > h && p < e && *p++ == ':' && digits(p, e, 2, minutes);
    if (ok && p < e && *p == ':') {
        ++p;
        ok = digits(p, e, 2, seconds);
        if (ok && p < e && *p == '.') {
            const char *f = ++p;
            while (p < e && *p >= '0' && *p <= '9')
                ++p;
            fraction = {f, std::size_t(p - f)};
            ok = !fraction.empty();
        }
    }
    if (!ok || p != e || minutes > 59 || seconds > 59)
        return refuse(reason, shownValue(value) + " is not a valid time for " + columnReference(column));
    const long total = hours * 3600L + minutes * 60 + seconds;
    if (total > 838 * 3600L + 59 * 60 + 59 || (total == 838 * 3600L + 59 * 60 + 59 && !allZeros(fraction)))
        return refuse(reason, shownValue(value) + " is out of range for " + columnReference(column)
                                  + " (-838:59:59 to 838:59:59)");
    if (fraction.size() > column.fractionalDigits) {
        if (!allZeros(fraction.substr(column.fractionalDigits)))
            return refuse(reason, shownValue(value) + " has more fractional-second digits than "
                                      + columnReference(column) + " can store");
        // Drop the zeros the column has no room for (and the '.' when none are left).
        const std::size_t keep = std::size_t(fraction.data() - s.data()) + column.fractionalDigits
            - (column.fractionalDigits == 0 ? 1 : 0);
        setValue(cell, arena.store(std::string_view(s).substr(0, keep)));
        return true;
    }
    setValue(cell, s);
    return true;
}

} // namespace

bool fitTemporal(const Value &value, const MySqlColumn &column, MySqlCell &cell, MySqlValueArena &arena,
                 std::string &reason)
{
    const ValueType type = value.type();
    if (type != ValueType::Text && type != ValueType::Date && type != ValueType::DateTime && type != ValueType::Time) {
        const char *what = column.kind == MySqlColumnKind::Time ? " is not a time for "
            : column.kind == MySqlColumnKind::Date             ? " is not a date for "
                                                               : " is not a date and time for ";
        return refuse(reason, shownValue(value) + what + columnReference(column));
    }
    if (column.kind == MySqlColumnKind::Time)
        return fitTime(value, column, cell, arena, reason);

    const std::string &s = value.str();
    DateTimeParts t;
    if (!parseDateTime(s, t, column.zeroDates)) {
        const char *what = column.kind == MySqlColumnKind::Date ? " is not a valid date for "
                                                                : " is not a valid date and time for ";
        return refuse(reason, shownValue(value) + what + columnReference(column));
    }
    char out[48];
    const bool zeroInDate = t.month == 0 || t.day == 0; // only with column.zeroDates
    if (zeroInDate && t.hasZone && t.zoneMinutes != 0)
        return refuse(reason, shownValue(value) + " is a zero date with a time zone, which " + columnReference(column)
                                  + " cannot convert");
    if (zeroInDate && column.kind == MySqlColumnKind::Timestamp) {
        // A TIMESTAMP has one zero value, '0000-00-00 00:00:00': no other zero-in-date.
        if (t.year || t.month || t.day || t.hour || t.minute || t.second || !allZeros(t.fraction))
            return refuse(reason, shownValue(value) + " is out of range for " + columnReference(column)
                                      + " (only '0000-00-00 00:00:00' has a zero in its date)");
        setValue(cell, std::string_view("0000-00-00 00:00:00"));
        return true;
    }
    if (column.kind == MySqlColumnKind::Date) {
        // The date as written: a zone does not move a calendar date.
        if (t.hour || t.minute || t.second || !allZeros(t.fraction))
            return refuse(reason, shownValue(value) + " has a time of day, which " + columnReference(column)
                                      + " cannot store");
        setFormatted(cell, s, out, format(t, false, {}, out), arena);
        return true;
    }
    if (t.hasZone && t.zoneMinutes != 0)
        toUtc(t);
    std::string_view fraction = t.fraction;
    if (fraction.size() > column.fractionalDigits) {
        if (!allZeros(fraction.substr(column.fractionalDigits)))
            return refuse(reason, shownValue(value) + " has more fractional-second digits than "
                                      + columnReference(column) + " can store");
        fraction = fraction.substr(0, column.fractionalDigits);
    }
    const std::size_t size = format(t, true, fraction, out);
    if (size == 0)
        return refuse(reason, shownValue(value) + " is out of range for " + columnReference(column));
    if (column.kind == MySqlColumnKind::Timestamp) {
        const std::string_view seconds(out, 19);
        if (column.zeroDates && seconds == "1970-01-01 00:00:00" && allZeros(fraction)) {
            // The epoch is what a TIMESTAMP's zero value stores (0 seconds): Debezium sends a
            // NOT NULL column's zero value so.
            setValue(cell, std::string_view("0000-00-00 00:00:00"));
            return true;
        }
        if (seconds < "1970-01-01 00:00:01" || seconds > column.timestampMax)
            return refuse(reason, shownValue(value) + " is out of range for " + columnReference(column)
                                      + " (1970-01-01 00:00:01 to " + column.timestampMax + " UTC)");
    }
    setFormatted(cell, s, out, size, arena);
    return true;
}

} // namespace flowdeck
