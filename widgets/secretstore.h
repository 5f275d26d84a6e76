#pragma once

#include "core/flow/flow.h"

#include <QString>

#include <optional>

namespace flowdeck {

/// Passwords and SASL secrets, kept in the system keychain (QtKeychain: the Secret Service on
/// Linux, e.g. GNOME Keyring or KWallet), never in flow files.
///
/// A flow refers to a secret through an environment reference, `${FLOWDECK_SECRET_<FLOW>_<FIELD>}`
/// (see docs/flow-file.md, "Secrets"). When the flow is loaded by the window or by `flowdeck run`,
/// lookup() takes the variable from the environment when it is set, else from the keychain
/// (service "flowdeck", the variable's name as the key). Without a keychain service (a headless
/// server, CI) the same reference works with the variable set in the environment.
///
/// `FLOWDECK_KEYCHAIN=off` in the environment turns the keychain off (tests, scripts).
class SecretStore
{
public:
    // stored in the keychain: do not rename
    static constexpr auto kService = "flowdeck";
    static constexpr auto kPrefix = "FLOWDECK_SECRET_";

    /// "FLOWDECK_SECRET_SF_ACCOUNTS_1F0C4A2B9D3E5F60_DESTINATION_PASSWORD": the flow's name with
    /// letters and digits upper-cased and every other character an underscore, then 16 hex digits
    /// of the SHA-256 of the exact name (so "a-b" and "a_b" never share an entry), then the field.
    static QString variableName(const QString &flowName, const QString &field);
    /// What every variable of the flow named `flowName` starts with ("FLOWDECK_SECRET_SF_ACCOUNTS_<hash>_").
    static QString variablePrefix(const QString &flowName);
    /// Whether the keychain entry `variable` belongs to the flow named `flowName` (lookup()
    /// reads no other).
    static bool belongsTo(const QString &flowName, const QString &variable);
    /// "${NAME}".
    static QString reference(const QString &variable);
    /// The variable of a "${NAME}" reference, or "" when `text` is not exactly one reference.
    static QString referencedVariable(const QString &text);

    /// Whether a keychain service answers; `why` receives the reason when it does not. Asked once
    /// per process (it may take a moment), then remembered.
    static bool available(QString *why = nullptr);

    /// Possible errors: false with `error` set (no keychain, access denied).
    static bool write(const QString &variable, const QString &secret, QString *error = nullptr);
    /// The secret, or nullopt when there is none (or no keychain).
    static std::optional<QString> read(const QString &variable);
    static bool remove(const QString &variable);

    /// The environment, then the keychain for the FLOWDECK_SECRET_ variables of the flow named
    /// `flowName` (those starting with variablePrefix(flowName)): a flow never reads another
    /// flow's keychain entries. What loadFlow() should use wherever a flow is run.
    static EnvLookup lookup(const QString &flowName);
};

} // namespace flowdeck
