#pragma once

#include <string>
#include <string_view>

namespace flowdeck {

/// Which librdkafka client a flow's `properties` configure: a destination's producer or a
/// source's consumer (the protected properties differ).
enum class KafkaClientRole { Producer, Consumer };

/// What a flow may put in a Kafka endpoint's `properties` (docs/security.md, docs/flow-file.md).
///
/// Two kinds of librdkafka properties are refused:
/// - *unsafe* ones, which run a shell command or load code into the process
///   (`sasl.kerberos.kinit.cmd` and the `sasl.kerberos.keytab`/`principal` it pastes into the
///   command, `plugin.library.paths`, `ssl.engine.location`, `ssl.engine.id`, `ssl.providers`):
///   refused unless the endpoint says `"allowUnsafeProperties": true`;
/// - *protected* ones, which Flowdeck's delivery guarantees depend on (`acks`,
///   `enable.idempotence`, `enable.auto.commit`, `auto.offset.reset`, `isolation.level`,
///   `group.id`...): always refused; the flow has its own keys where a choice exists (`group`,
///   `startFrom`, `brokers`).
class KafkaPropertyPolicy
{
public:
    /// Why `name` may not be set, as a sentence for "path: message", or "" when it may.
    static std::string refusal(std::string_view name, KafkaClientRole role, bool allowUnsafe);
    /// Runs a command or loads code (refused without allowUnsafeProperties).
    static bool isUnsafe(std::string_view name);
    /// Set by Flowdeck itself for `role`; never taken from a flow.
    static bool isProtected(std::string_view name, KafkaClientRole role);
    /// Holds a secret: its value is never shown in messages (`sasl.password`, `ssl.key.password`...).
    static bool isSecret(std::string_view name);
};

} // namespace flowdeck
