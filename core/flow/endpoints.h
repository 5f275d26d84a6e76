#pragma once

#include "core/flow/flow.h"
#include "core/engine/sink.h"
#include "core/engine/deadletters.h"
#include "core/engine/source.h"

#include <memory>

namespace flowdeck {

/// Creates the source a flow reads from. Possible errors: ConfigError for an endpoint type or
/// role this build cannot run yet.
std::unique_ptr<Source> createSource(const Flow &flow);

/// Creates the sink a flow writes to. Possible errors: ConfigError.
std::unique_ptr<Sink> createSink(const Flow &flow);

/// Creates where a skip-mode flow's dead letters go (a JSON Lines file, or a Kafka topic whose
/// brokers default to the flow's own Kafka endpoint), not yet opened; null in stop mode.
/// Possible errors: ConfigError (skip without a dead letter, a topic without brokers).
std::unique_ptr<DeadLetters> createDeadLetters(const Flow &flow);

} // namespace flowdeck
