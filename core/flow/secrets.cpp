#include "core/flow/secrets.h"

#include "core/kafka/kafkapropertypolicy.h"

#include <algorithm>
#include <cctype>

namespace flowdeck {

namespace {

// Shorter values would garble messages ("1" in every line number); the validator never quotes a
// secret field's value anyway (FlowChecker::describe), this catches the rest.
constexpr std::size_t kMinSecretLength = 3;
// FlowChecker::describe() quotes the first 57 characters of a long value.
constexpr std::size_t kQuotedPrefix = 57;

void replaceAll(std::string &text, const std::string &secret)
{
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
        text.replace(at, secret.size(), "***");
}

} // namespace

bool SecretRedactor::isSecretVariable(const std::string &name)
{
    std::string upper = name;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return upper.starts_with("FLOWDECK_SECRET_") || upper.find("PASSWORD") != std::string::npos
           || upper.find("SECRET") != std::string::npos || upper.find("TOKEN") != std::string::npos;
}

bool SecretRedactor::isSecretField(const std::string &parentKey, const std::string &key)
{
    if (parentKey == "properties")
        return KafkaPropertyPolicy::isSecret(key);
    return key == "password";
}

void SecretRedactor::addFields(const nlohmann::json &doc)
{
    addFields(doc, {});
}

void SecretRedactor::addFields(const nlohmann::json &value, const std::string &parentKey)
{
    if (value.is_array()) {
        for (const auto &item : value)
            addFields(item, parentKey);
        return;
    }
    if (!value.is_object())
        return;
    for (const auto &[key, member] : value.items()) {
        if (member.is_string() && isSecretField(parentKey, key))
            add(member.get<std::string>());
        else if (isSecretField(parentKey, key) && (member.is_number() || member.is_boolean()))
            add(member.dump());
        else
            addFields(member, key);
    }
}

void SecretRedactor::add(const std::string &value)
{
    if (value.size() >= kMinSecretLength && std::find(m_secrets.begin(), m_secrets.end(), value) == m_secrets.end())
        m_secrets.push_back(value);
}

std::string SecretRedactor::redact(std::string text) const
{
    for (const std::string &secret : m_secrets) {
        replaceAll(text, secret);
        if (secret.size() > kQuotedPrefix + 3)
            replaceAll(text, secret.substr(0, kQuotedPrefix));
    }
    return text;
}

} // namespace flowdeck
