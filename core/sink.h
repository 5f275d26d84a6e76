#pragma once

#include "record.h"

#include <string>
#include <vector>

namespace flowdeck {

/// A record the sink refused: its index in the batch and why ("value of 200 characters does not
/// fit column `name` varchar(150)").
struct RejectedRecord
{
    std::size_t index = 0;
    std::string reason;
};

/// A destination. Used from one thread (the engine's writer thread).
class Sink
{
public:
    virtual ~Sink() = default;

    /// Connects and prepares the destination for records with `schema` (the mapped columns):
    /// checks or creates the table.
    /// Possible errors: ConnectionError, ConfigError (missing table, unknown column).
    virtual void open(const SchemaPtr &schema) = 0;

    /// Writes the batch durably (committed when it returns). Records that cannot be written
    /// (a value that does not fit its column, a key conflict in insert mode) are not written and
    /// are returned with their reason; every other record is written.
    /// Possible errors: ConnectionError (after the sink's own retries), Error.
    virtual std::vector<RejectedRecord> write(Batch &batch) = 0;

    virtual void close() {}
};

} // namespace flowdeck
