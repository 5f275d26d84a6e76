#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace flowdeck::debeziumvalues {

// Value conversions of the Debezium MySQL connector's default types, for DebeziumJsonEncoder.

/// Days from 1970-01-01 to a proleptic Gregorian date.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d);
/// "YYYY-MM-DD[ HH:MM:SS[.ffffff]]" as days since the epoch and microseconds into the day; false
/// for zero dates and text that is not a date.
bool parseDateTime(std::string_view s, std::int64_t &days, std::int64_t &micros);
/// "[-]HHH:MM:SS[.ffffff]" as signed microseconds.
bool parseTime(std::string_view s, std::int64_t &micros);
/// The first number in a column type's parentheses ("datetime(3)" gives 3), 0 without one.
int typeLength(const std::string &columnType);
/// Big-endian two's complement bytes of a decimal's unscaled value, as Java's
/// BigInteger.toByteArray() (Kafka Connect's Decimal): the digits of `text` with the fraction
/// padded or cut to `scale` digits.
std::string unscaledBytes(const std::string &text, int scale);

} // namespace flowdeck::debeziumvalues
