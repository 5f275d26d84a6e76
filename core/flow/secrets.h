#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace flowdeck {

/// Keeps secrets out of what Flowdeck prints: `validate`'s problems, error messages, the run
/// history (docs/security.md, "Secrets").
///
/// A secret is the value of a secret field (`password` anywhere; Kafka `properties` such as
/// `sasl.password`, `ssl.key.password`) and the value of every environment variable whose name
/// says it holds one (`FLOWDECK_SECRET_...`, or a name containing PASSWORD, SECRET or TOKEN).
class SecretRedactor
{
public:
    /// Whether an environment variable's name marks its value as a secret.
    static bool isSecretVariable(const std::string &name);
    /// Whether `key` (a member of an object whose own key is `parentKey`) is a secret field.
    static bool isSecretField(const std::string &parentKey, const std::string &key);

    /// Remembers every secret field's value in `doc` (the flow, raw or expanded).
    void addFields(const nlohmann::json &doc);
    /// Remembers one secret value (an expanded variable).
    void add(const std::string &value);
    /// `text` with every remembered secret replaced by "***" (also the 57-character prefix that
    /// messages quote of a long value).
    std::string redact(std::string text) const;
    bool empty() const { return m_secrets.empty(); }

private:
    void addFields(const nlohmann::json &value, const std::string &parentKey);
    std::vector<std::string> m_secrets;
};

} // namespace flowdeck
