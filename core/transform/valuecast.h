#pragma once

#include "core/model/value.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flowdeck {

/// Target types of the `cast` transform, in the order of vocabulary::kCastTypes.
enum class CastType : std::uint8_t { Text, Integer, Decimal, Double, Boolean, Date, DateTime, Time };

/// The cast type called `name` ("integer"), or nullopt for a word not in vocabulary::kCastTypes.
std::optional<CastType> castTypeFromName(std::string_view name);
/// The flow-file word for a cast type.
std::string_view castTypeName(CastType type);

/// Converts `value` in place to `type`; NULL stays NULL, and a value that does not convert is
/// left unchanged. Strict: a fractional part is never dropped, no date or number is guessed.
/// - text: the value's text (Value::toString).
/// - integer: integers; booleans as 0/1; doubles and decimal text without a fractional part
///   ("12", " -7 ", "12.00"). Beyond INT64_MAX an UInt. Not "12.5", "1e3", "abc".
/// - decimal: integers, booleans, doubles and plain decimal text, canonical ("+007.50" ->
///   "7.50", the scale kept); exponent notation ("1.5E+3", as spreadsheets write) via a double.
/// - double: anything Value::toDouble reads that is finite.
/// - boolean: booleans; the numbers 0 and 1; the words true/false, t/f, yes/no, y/n, on/off,
///   1/0 in any case.
/// - date: "YYYY-MM-DD" of a real calendar day, or the date part of a datetime.
/// - datetime: "YYYY-MM-DD[ T]HH:MM[:SS[.ffffff]]" with an optional UTC zone ("Z", "+00:00"),
///   becoming "YYYY-MM-DD HH:MM:SS[.ffffff]"; a date gets 00:00:00. Other zone offsets fail
///   rather than being converted or dropped silently.
/// - time: "[-]H[HH]:MM[:SS[.ffffff]]" up to 838 hours (MySQL's TIME), or a datetime's time.
/// Possible errors: none thrown. Returns false when the value does not convert, with `reason`
/// set when there is more to say than "it is not of that type" ("no such day" for "2026-02-30",
/// "has a fractional part", "out of range", "hour out of range"...), else left empty.
bool castValue(Value &value, CastType type, std::string &reason);

} // namespace flowdeck
