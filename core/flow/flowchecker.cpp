#include "core/flow/flowchecker.h"

#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace flowdeck {

namespace {

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

std::size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string_view typeName(const nlohmann::json &value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "an integer";
    case nlohmann::json::value_t::number_float: return "a number";
    default: return "an unsupported value";
    }
}

} // namespace

void FlowChecker::problem(const std::string &path, const std::string &message)
{
    m_problems.push_back({path, message});
}

std::string FlowChecker::child(const std::string &path, std::string_view key)
{
    return path.empty() ? std::string(key) : path + '.' + std::string(key);
}

std::string FlowChecker::index(const std::string &path, std::size_t i)
{
    return path + '[' + std::to_string(i) + ']';
}

std::string FlowChecker::describe(const Json &value)
{
    if (value.is_string()) {
        // Long values (a pasted SQL statement...) would drown the message.
        std::string s = value.get<std::string>();
        if (s.size() > 60)
            s = s.substr(0, 57) + "...";
        return '\'' + s + '\'';
    }
    if (value.is_number() || value.is_boolean())
        return value.dump();
    return std::string(typeName(value));
}

std::string FlowChecker::joined(std::span<const std::string_view> words)
{
    std::string out;
    for (auto w : words) {
        if (!out.empty())
            out += ", ";
        out += w;
    }
    return out;
}

std::string FlowChecker::closest(const std::string &word, std::span<const std::string_view> allowed)
{
    std::string best;
    std::size_t bestDistance = 3;
    for (auto candidate : allowed) {
        const std::size_t d = editDistance(word, candidate);
        // "to" is two edits from "at": a two-letter key only gets one-edit suggestions.
        if (d < bestDistance && d < candidate.size()) {
            best = std::string(candidate);
            bestDistance = d;
        }
    }
    return best;
}

void FlowChecker::checkKeys(const Json &obj, const std::string &path,
                            std::span<const std::string_view> allowed, const KeyHint &hint)
{
    for (const auto &[key, value] : obj.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end())
            continue;
        std::string message = "unknown key '" + key + '\'';
        std::string specific = hint ? hint(key) : std::string();
        if (!specific.empty())
            message += " (" + specific + ')';
        else if (std::string near = closest(key, allowed); !near.empty())
            message += " (did you mean '" + near + "'?)";
        else
            message += " (expected one of " + joined(allowed) + ')';
        problem(child(path, key), message);
    }
}

FlowChecker::Json *FlowChecker::find(Json &obj, std::string_view key)
{
    if (!obj.is_object())
        return nullptr;
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

FlowChecker::Json *FlowChecker::require(Json &obj, const std::string &path, std::string_view key,
                                        const std::string &detail)
{
    Json *member = find(obj, key);
    if (!member)
        problem(child(path, key), detail.empty() ? std::string("required") : "required (" + detail + ')');
    return member;
}

bool FlowChecker::isObject(const Json &value, const std::string &path)
{
    if (value.is_object())
        return true;
    problem(path, "expected an object, got " + describe(value));
    return false;
}

bool FlowChecker::isArray(const Json &value, const std::string &path)
{
    if (value.is_array())
        return true;
    problem(path, "expected an array, got " + describe(value));
    return false;
}

bool FlowChecker::isBoolean(const Json &value, const std::string &path)
{
    if (value.is_boolean())
        return true;
    problem(path, "expected true or false, got " + describe(value));
    return false;
}

const std::string *FlowChecker::string(const Json &value, const std::string &path, bool mayBeEmpty)
{
    if (!value.is_string()) {
        problem(path, "expected a string, got " + describe(value));
        return nullptr;
    }
    const std::string *s = value.get_ptr<const std::string *>();
    if (s->empty() && !mayBeEmpty) {
        problem(path, "must not be empty");
        return nullptr;
    }
    return s;
}

bool FlowChecker::isScalar(const Json &value, const std::string &path)
{
    if (value.is_string() || value.is_number() || value.is_boolean())
        return true;
    problem(path, "expected a string, number or boolean, got " + describe(value));
    return false;
}

std::optional<std::int64_t> FlowChecker::integer(Json &value, const std::string &path, std::int64_t min,
                                                 std::int64_t max)
{
    std::optional<std::int64_t> n;
    if (value.is_number_integer()) {
        if (value.is_number_unsigned() && value.get<std::uint64_t>() > std::uint64_t(INT64_MAX)) {
            problem(path, "is too large: " + value.dump());
            return std::nullopt;
        }
        n = value.get<std::int64_t>();
    } else if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15)
            n = std::int64_t(d);
    } else if (value.is_string()) {
        // Integer fields often come from ${VAR}, which is always text.
        const std::string &s = value.get_ref<const std::string &>();
        const char *begin = s.data() + (s.size() > 1 && s[0] == '+' ? 1 : 0);
        std::int64_t parsed = 0;
        auto [end, ec] = std::from_chars(begin, s.data() + s.size(), parsed);
        if (ec == std::errc() && end == s.data() + s.size() && begin != end)
            n = parsed;
    }
    if (!n) {
        problem(path, "expected an integer, got " + describe(value));
        return std::nullopt;
    }
    if (*n < min || *n > max) {
        if (max == INT64_MAX)
            problem(path, "must be at least " + std::to_string(min) + ", got " + std::to_string(*n));
        else
            problem(path, "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                              ", got " + std::to_string(*n));
        return std::nullopt;
    }
    value = *n;
    return n;
}

std::optional<double> FlowChecker::number(Json &value, const std::string &path)
{
    if (value.is_number())
        return value.get<double>();
    if (value.is_string()) {
        const std::string &s = value.get_ref<const std::string &>();
        char *end = nullptr;
        const double d = std::strtod(s.c_str(), &end);
        if (!s.empty() && end == s.c_str() + s.size() && std::isfinite(d)) {
            // Keep integers integers: "10" is a bound on an integer column, not 10.0.
            std::int64_t i = 0;
            auto [iend, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
            if (ec == std::errc() && iend == s.data() + s.size())
                value = i;
            else
                value = d;
            return d;
        }
    }
    problem(path, "expected a number, got " + describe(value));
    return std::nullopt;
}

const std::string *FlowChecker::word(const Json &value, const std::string &path, std::string_view noun,
                                     std::span<const std::string_view> words)
{
    if (!value.is_string()) {
        problem(path, "expected a string (one of " + joined(words) + "), got " + describe(value));
        return nullptr;
    }
    const std::string &s = value.get_ref<const std::string &>();
    if (std::find(words.begin(), words.end(), s) != words.end())
        return &s;
    problem(path, "unknown " + std::string(noun) + " '" + s + "' (expected one of " + joined(words) + ')');
    return nullptr;
}

bool FlowChecker::regex(const Json &value, const std::string &path)
{
    const std::string *pattern = string(value, path);
    if (!pattern)
        return false;
    const QRegularExpression re(QString::fromStdString(*pattern));
    if (re.isValid())
        return true;
    problem(path, "invalid regular expression '" + *pattern + "': " + re.errorString().toStdString() +
                      " at offset " + std::to_string(re.patternErrorOffset()));
    return false;
}

bool FlowChecker::placeholders(const std::string &text, const std::string &path,
                               std::span<const std::string_view> names)
{
    std::size_t pos = 0;
    while ((pos = text.find_first_of("{}", pos)) != std::string::npos) {
        const std::size_t close = text[pos] == '{' ? text.find_first_of("{}", pos + 1) : pos;
        if (text[pos] == '}' || close == std::string::npos || text[close] != '}') {
            problem(path, "unbalanced braces in '" + text + "' (placeholders are " + joined(names) +
                              " in braces, like {table})");
            return false;
        }
        const std::string name = text.substr(pos + 1, close - pos - 1);
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            std::string expected;
            for (auto n : names)
                expected += (expected.empty() ? "{" : ", {") + std::string(n) + '}';
            problem(path, "unknown placeholder '{" + name + "}' (expected one of " + expected + ')');
            return false;
        }
        pos = close + 1;
    }
    return true;
}

} // namespace flowdeck
