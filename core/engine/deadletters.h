#pragma once

#include "core/model/record.h"

#include <cstdint>
#include <string>

namespace flowdeck {

/// Where a flow in skip mode puts the records it could not write: a JSON Lines file
/// (DeadLetterWriter) or a Kafka topic (DeadLetterTopic). Used from the engine's writer thread.
class DeadLetters
{
public:
    virtual ~DeadLetters() = default;

    /// What the run output names: the file's path, or "kafka topic NAME".
    virtual std::string describe() const = 0;

    /// Opens; a file is cut back to `keepBytes` (what the checkpoint covers).
    /// Possible errors: Error, ConnectionError.
    virtual void open(std::uint64_t keepBytes) = 0;

    /// Drops the letters past `mark` (an attempt that is retried) where the medium allows it.
    virtual void truncateTo(std::uint64_t mark) = 0;

    /// `stage` says where the record failed: "read", "mapping" or "write".
    /// Possible errors: Error.
    virtual void write(const Record &record, const std::string &stage, const std::string &reason) = 0;

    /// Makes the letters durable (fsync, or every delivery acknowledged). Called before the
    /// checkpoint that covers them. Possible errors: Error, ConnectionError.
    virtual void sync() = 0;

    /// A mark for truncateTo() and the checkpoint: a file's size in bytes, a topic's letter count.
    virtual std::uint64_t size() const = 0;
};

} // namespace flowdeck
