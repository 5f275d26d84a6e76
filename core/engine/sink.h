#pragma once

#include "core/model/record.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace flowdeck {

/// A record the sink refused: its index in the batch and why ("value of 200 characters does not
/// fit column `name` varchar(150)").
struct RejectedRecord
{
    std::size_t index = 0;
    std::string reason;

    bool operator==(const RejectedRecord &) const = default;
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

    /// Sends the batch. Records that cannot be written (a value that does not fit its column, a
    /// key conflict in insert mode) are not written and are returned with their reason, in batch
    /// order; every other record is written. Sinks that can hold a batch back (a transaction, a
    /// staged file) make it durable only in commit(); the others (Kafka) when write() returns.
    /// Possible errors: ConnectionError (after the sink's own retries), Error.
    virtual std::vector<RejectedRecord> write(Batch &batch) = 0;

    /// Makes the batch the last write() sent durable, with `checkpoint`: the engine's checkpoint
    /// covering the batch as write()'s rejections cut it (null: none). Sinks that
    /// storesCheckpoints() commit it in the same transaction as the rows. The engine calls it once
    /// after each write(), or rollback() instead.
    /// Possible errors: ConnectionError (after the sink's own retries), Error.
    virtual void commit(const nlohmann::json &checkpoint) { (void)checkpoint; }

    /// Drops the batch the last write() sent instead of committing it (the engine could not
    /// write its dead letters). Never throws.
    virtual void rollback() {}

    virtual void close() {}

    /// When set (error handling "stop"), write() stops at the first record it cannot write:
    /// records before it are written, the rejected one is returned, records after it are neither
    /// written nor returned (the run resumes from there once the input is fixed).
    void setStopAtFirstRejection(bool stop) { m_stopAtFirstRejection = stop; }
    bool stopAtFirstRejection() const { return m_stopAtFirstRejection; }

    /// Sinks that commit the flow's checkpoint in the same transaction as the rows return true;
    /// a resumed run then neither loses nor repeats a record, even in insert mode.
    virtual bool storesCheckpoints() const { return false; }
    /// Names the flow whose checkpoint this sink stores (before open()).
    void setCheckpointKey(const std::string &flowKey) { m_checkpointKey = flowKey; }
    /// The checkpoint committed with the newest batch (see setCheckpointKey), or null. May be
    /// called before open(). Possible errors: ConnectionError.
    virtual nlohmann::json storedCheckpoint() { return nullptr; }

    /// Names the run before open(): its id, and whether it resumes a run that did not complete
    /// (the same id as before). Sinks that keep their own state (files) continue or start over.
    void setRun(const std::string &runId, bool resumed)
    {
        m_runId = runId;
        m_resumed = resumed;
    }
    /// Called once the run completed (never after a failure or a stop), before the flow's state
    /// says so: a single-file destination renames its temporary file to the final name here.
    /// Possible errors: Error (the rename failed: the run fails and is resumed).
    virtual void complete() {}

    /// Update mode: written records whose key matched no row, since open().
    virtual std::uint64_t unmatchedUpdates() const { return 0; }

    /// Rows this sink wrote per destination table ("db.table"), for metrics.
    virtual std::vector<std::pair<std::string, std::uint64_t>> writtenPerTable() const { return {}; }
    /// Bytes this sink wrote per destination (topic), for metrics; empty when not known.
    virtual std::vector<std::pair<std::string, std::uint64_t>> writtenBytesPerTable() const { return {}; }

protected:
    bool m_stopAtFirstRejection = false;
    std::string m_checkpointKey;
    std::string m_runId;
    bool m_resumed = false;
};

} // namespace flowdeck
