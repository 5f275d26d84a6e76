// expandEnvironment() and processEnvironment() of flow.h: the `${NAME}` rules of flow files.

#include "core/flow/flow.h"

#include "core/flow/flowchecker.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>

namespace flowdeck {

namespace {

/// Keys whose value may legitimately end up empty, so an unset variable there is no problem:
/// a password-less account, an empty separator or replacement, an empty filter value. Keep in
/// step with the fields the validator lets be empty.
constexpr std::array<std::string_view, 5> kMayBeEmptyKeys = {"password", "description", "separator", "with",
                                                             "value"};

constexpr std::string_view kSecretPrefix = "FLOWDECK_SECRET_";

bool mayBeEmpty(const std::string &path)
{
    // Kafka properties go to librdkafka unchecked ("sasl.password" may be empty).
    if (path.find(".properties.") != std::string::npos)
        return true;
    std::string last = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
    last = last.substr(0, last.find('['));
    return std::find(kMayBeEmptyKeys.begin(), kMayBeEmptyKeys.end(), last) != kMayBeEmptyKeys.end();
}

bool nameStart(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool nameChar(char c)
{
    return nameStart(c) || (c >= '0' && c <= '9');
}

/// Expands one string. A small recursive-descent parser, because a default may itself contain
/// references: `${A:-${B:-x}}`.
class StringExpander
{
public:
    StringExpander(const std::string &text, const EnvLookup &lookup)
        : m_text(text)
        , m_lookup(lookup)
    {
    }

    /// The expanded text; unset() and error() say what went wrong.
    std::string run()
    {
        std::size_t pos = 0;
        std::string out = expand(pos, false, true);
        return m_error.empty() ? out : m_text; // a malformed string is reported, not half-expanded
    }
    const std::vector<std::string> &unset() const { return m_unset; }
    const std::string &error() const { return m_error; }

private:
    /// Expands from `pos` to the end of the text or, inside a default, to its closing '}'.
    /// Without `evaluate` (the default of a set variable) it only finds where the text ends.
    std::string expand(std::size_t &pos, bool inDefault, bool evaluate)
    {
        std::string out;
        while (pos < m_text.size() && m_error.empty()) {
            if (m_text.compare(pos, 3, "$${") == 0) {
                out += "${";
                pos += 3;
            } else if (m_text.compare(pos, 2, "${") == 0) {
                out += reference(pos, evaluate);
            } else if (inDefault && m_text[pos] == '}') {
                return out;
            } else {
                out += m_text[pos++];
            }
        }
        if (inDefault && m_error.empty())
            m_error = "unterminated '${' (write '$${' for a literal '${')";
        return out;
    }

    /// Expands the reference starting at `pos` ("${"), leaving `pos` after its closing '}'.
    std::string reference(std::size_t &pos, bool evaluate)
    {
        const std::size_t start = pos;
        pos += 2;
        const std::size_t nameBegin = pos;
        if (pos < m_text.size() && nameStart(m_text[pos]))
            while (pos < m_text.size() && nameChar(m_text[pos]))
                ++pos;
        const std::string name = m_text.substr(nameBegin, pos - nameBegin);
        const bool hasDefault = m_text.compare(pos, 2, ":-") == 0;
        if (name.empty() || (!hasDefault && (pos >= m_text.size() || m_text[pos] != '}'))) {
            const std::size_t close = m_text.find('}', start);
            if (close == std::string::npos)
                m_error = "unterminated '${' (write '$${' for a literal '${')";
            else
                m_error = "invalid reference '" + m_text.substr(start, close - start + 1) +
                          "' (expected ${NAME} or ${NAME:-default}, NAME made of letters, digits and _)";
            return {};
        }
        std::optional<std::string> value;
        if (evaluate)
            value = m_lookup(name);
        if (!hasDefault) {
            ++pos; // '}'
            if (evaluate && !value)
                m_unset.push_back(name);
            return value.value_or(std::string());
        }
        pos += 2;
        // As in the shell, ":-" also replaces a variable that is set but empty.
        const bool useDefault = evaluate && (!value || value->empty());
        std::string fallback = expand(pos, true, useDefault);
        if (!m_error.empty())
            return {};
        ++pos; // '}'
        return useDefault ? fallback : value.value_or(std::string());
    }

    const std::string &m_text;
    const EnvLookup &m_lookup;
    std::vector<std::string> m_unset;
    std::string m_error;
};

nlohmann::json expandValue(const nlohmann::json &value, const std::string &path, const EnvLookup &lookup,
                           std::vector<FlowProblem> *problems)
{
    if (value.is_object()) {
        nlohmann::json out = nlohmann::json::object();
        for (const auto &[key, member] : value.items())
            out[key] = expandValue(member, FlowChecker::child(path, key), lookup, problems);
        return out;
    }
    if (value.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (std::size_t i = 0; i < value.size(); ++i)
            out.push_back(expandValue(value[i], FlowChecker::index(path, i), lookup, problems));
        return out;
    }
    if (!value.is_string())
        return value;
    const std::string &text = value.get_ref<const std::string &>();
    if (text.find('$') == std::string::npos)
        return value;
    StringExpander expander(text, lookup);
    std::string out = expander.run();
    if (problems && !expander.error().empty())
        problems->push_back({path, expander.error()});
    if (problems)
        for (const auto &name : expander.unset()) {
            // A secret found nowhere is never a silent empty password.
            if (name.starts_with(kSecretPrefix))
                problems->push_back({path, "secret " + name + " is neither set in the environment nor stored in "
                                           "the keychain for this flow (set the variable, or save the flow again "
                                           "in the window)"});
            else if (!mayBeEmpty(path))
                problems->push_back({path, "environment variable " + name + " is not set and has no default (write ${" +
                                               name + ":-default})"});
        }
    return out;
}

} // namespace

EnvLookup processEnvironment()
{
    return [](const std::string &name) -> std::optional<std::string> {
        const char *value = std::getenv(name.c_str());
        if (!value)
            return std::nullopt;
        return std::string(value);
    };
}

EnvLookup secretsNotNeeded(EnvLookup lookup)
{
    return [lookup = std::move(lookup)](const std::string &name) -> std::optional<std::string> {
        std::optional<std::string> value = lookup(name);
        if (!value && name.starts_with(kSecretPrefix))
            return std::string();
        return value;
    };
}

nlohmann::json expandEnvironment(const nlohmann::json &doc, const EnvLookup &lookup,
                                 std::vector<FlowProblem> *problems)
{
    return expandValue(doc, {}, lookup, problems);
}

} // namespace flowdeck
