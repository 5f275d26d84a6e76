#include "core/kafka/kafkapropertypolicy.h"

#include <algorithm>
#include <array>

namespace flowdeck {

namespace {

template<std::size_t N>
bool listed(const std::array<std::string_view, N> &list, std::string_view name)
{
    return std::find(list.begin(), list.end(), name) != list.end();
}

// Properties that execute a command or load a shared object (librdkafka 2.0 CONFIGURATION.md).
// The keytab and principal are pasted into the default kinit command line by librdkafka, so they
// can inject shell syntax as well.
constexpr std::array<std::string_view, 7> kUnsafe = {
    "sasl.kerberos.kinit.cmd", "sasl.kerberos.keytab", "sasl.kerberos.principal", "plugin.library.paths",
    "ssl.engine.location", "ssl.engine.id", "ssl.providers"};

// Set by Flowdeck for every client (the flow's "brokers" says where to connect).
constexpr std::array<std::string_view, 1> kProtectedAll = {"bootstrap.servers"};

// The producer: every record acknowledged by all in-sync replicas, exactly once per send, and
// the partition chosen as the flow's "partition" says.
constexpr std::array<std::string_view, 6> kProtectedProducer = {
    "acks", "request.required.acks", "enable.idempotence", "enable.gapless.guarantee", "transactional.id",
    "partitioner"};

// The consumer: offsets are stored and committed only after the destination committed, an
// expired offset stops the run, only committed transactions are read, and the group is the
// flow's "group" (its checkpoint belongs to it).
constexpr std::array<std::string_view, 8> kProtectedConsumer = {
    "group.id", "enable.auto.commit", "auto.commit.enable", "enable.auto.offset.store",
    "auto.offset.reset", "isolation.level", "enable.partition.eof", "group.instance.id"};

constexpr std::array<std::string_view, 6> kSecret = {
    "sasl.password", "ssl.key.password", "ssl.keystore.password", "sasl.oauthbearer.client.secret",
    "ssl.key.pem", "sasl.oauthbearer.config"};

std::string ownKey(std::string_view name)
{
    if (name == "group.id")
        return " (use the source's \"group\")";
    if (name == "auto.offset.reset")
        return " (use the source's \"startFrom\")";
    if (name == "bootstrap.servers")
        return " (use the endpoint's \"brokers\")";
    return {};
}

} // namespace

bool KafkaPropertyPolicy::isUnsafe(std::string_view name)
{
    return listed(kUnsafe, name);
}

bool KafkaPropertyPolicy::isProtected(std::string_view name, KafkaClientRole role)
{
    if (listed(kProtectedAll, name))
        return true;
    return role == KafkaClientRole::Producer ? listed(kProtectedProducer, name) : listed(kProtectedConsumer, name);
}

bool KafkaPropertyPolicy::isSecret(std::string_view name)
{
    return listed(kSecret, name);
}

std::string KafkaPropertyPolicy::refusal(std::string_view name, KafkaClientRole role, bool allowUnsafe)
{
    if (isProtected(name, role))
        return "'" + std::string(name) + "' is set by Flowdeck (its delivery guarantees depend on it) and cannot be overridden"
               + ownKey(name);
    if (isUnsafe(name) && !allowUnsafe)
        return "'" + std::string(name) + "' runs a command or loads code into Flowdeck: refused unless the endpoint "
               "says \"allowUnsafeProperties\": true";
    return {};
}

} // namespace flowdeck
