#pragma once

#include "core/flow/flow.h"

namespace flowdeck::cli {

/// Where `flowdeck run` takes the `${...}` references of a flow from. Defined once per
/// executable, so the headless binary never links the keychain: app/gui/keychainsecrets.cpp
/// (the environment, then the flow's entries in the system keychain) or app/headless/environmentsecrets.cpp (the
/// environment only).
EnvLookup secretLookup(const std::string &flowName);

} // namespace flowdeck::cli
