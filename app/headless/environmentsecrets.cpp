#include "app/secretlookup.h"

namespace flowdeck::cli {

// The headless build has no keychain: a server passes secrets in the environment (for the
// systemd unit, its EnvironmentFile).
EnvLookup secretLookup(const std::string &)
{
    return processEnvironment();
}

} // namespace flowdeck::cli
