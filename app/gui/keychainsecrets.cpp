#include "app/secretlookup.h"

#include "widgets/secretstore.h"

namespace flowdeck::cli {

// The window's build: secrets from the environment, then the flow's entries in the system keychain.
EnvLookup secretLookup(const std::string &flowName)
{
    return SecretStore::lookup(QString::fromStdString(flowName));
}

} // namespace flowdeck::cli
