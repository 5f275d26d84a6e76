#include "app/secretlookup.h"

#include "widgets/secretstore.h"

namespace flowdeck::cli {

// The window's build: secrets from the environment, then the system keychain.
EnvLookup secretLookup()
{
    return SecretStore::lookup();
}

} // namespace flowdeck::cli
