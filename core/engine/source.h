#pragma once

#include "core/model/record.h"
#include "core/engine/runmetrics.h"

#include <nlohmann/json.hpp>

namespace flowdeck {

/// A source of records. Used from one thread (the engine's reader thread).
class Source
{
public:
    virtual ~Source() = default;

    /// Opens the source. `resume` is a checkpoint this source returned from checkpointAfter()
    /// in an earlier run, or null to start from the beginning.
    /// Possible errors: Error (missing file, unreachable server), ConfigError.
    virtual void open(const nlohmann::json &resume) = 0;

    /// The field names of the records, known after open().
    virtual SchemaPtr schema() const = 0;

    /// Appends up to `maxRecords` records to `out`. Returns false once the source is exhausted
    /// (nothing appended). Unreadable input is appended as an error record, so the engine decides
    /// whether to stop or dead-letter it, and reading can go on after it.
    virtual bool read(Batch &out, std::size_t maxRecords) = 0;

    /// The checkpoint that resumes reading right after the record at `position`. Called from
    /// the engine's writer thread while read() runs on the reader thread: must not touch state
    /// that read() changes.
    virtual nlohmann::json checkpointAfter(const Position &position) const = 0;

    /// Incremental sources (a schedule trigger with `incremental`): the checkpoint a NEW run
    /// starts from after a run that completed at `checkpoint` (its watermark), kept in the
    /// flow's state between runs. Null (the default): every run reads the source from its start.
    /// Called from the engine's writer thread once the reader is done.
    virtual nlohmann::json nextRunStart(const nlohmann::json &checkpoint) const
    {
        (void)checkpoint;
        return nullptr;
    }
    /// Called by the engine's writer thread once the destination has durably written everything
    /// up to `checkpoint` (a value checkpointAfter() returned). Kafka commits its offsets to the
    /// consumer group there.
    virtual void checkpointCommitted(const nlohmann::json &checkpoint) { (void)checkpoint; }

    /// The checkpoint that resumes a source opened from the start before it gave any record, or
    /// null (the default) when starting again from the beginning is right. The engine persists it
    /// before the first batch: a snapshot+cdc source returns its snapshot's binlog coordinates, so
    /// a run killed before its first checkpoint still streams from them next time (the rows it
    /// already published are followed by the changes made since, e.g. the delete of a row the
    /// next snapshot no longer has).
    virtual nlohmann::json initialCheckpoint() const { return nullptr; }

    /// False when records may bring new fields as reading goes on (JSON Lines): the engine then
    /// does not reject a mapping whose source field is not in the first schema.
    virtual bool fixedSchema() const { return true; }

    /// Continuous sources (CDC, topics) read until stopped: read() returns true with nothing
    /// appended while there is nothing new.
    virtual bool continuous() const { return false; }
    /// Continuous sources: true while caught up (nothing pending). `flowdeck run --until-idle`
    /// ends a run once this stayed true for a second.
    virtual bool caughtUp() const { return false; }

    /// Before open(): the watermark the last completed run left (nextRunStart(), kept in the
    /// flow's state; null for none or after --restart). A fresh run also gets it as open()'s
    /// checkpoint; a resumed run gets its own checkpoint there, which sources may keep small by
    /// leaving out what the watermark already says (a folder's files taken by earlier runs).
    virtual void setLastWatermark(const nlohmann::json &watermark) { (void)watermark; }

    /// Bytes read from the source by this run, for the run history (0 when it does not count them).
    virtual std::uint64_t bytesRead() const { return 0; }

    /// Rough progress: bytes or rows done and total (0 when unknown).
    virtual std::uint64_t progressDone() const { return 0; }
    virtual std::uint64_t progressTotal() const { return 0; }

    /// How far behind its input the source is (binlog: seconds behind the newest event read;
    /// topics: messages and seconds of consumer lag). Called from the reader thread between
    /// read() calls. Default: unknown.
    virtual SourceLag lag() const { return {}; }
    /// True while reading a snapshot of existing rows before streaming changes (the monitor's
    /// phase). Called from the reader thread between read() calls.
    virtual bool inSnapshot() const { return false; }
    /// Tables a snapshot will read ("db.table") with their estimated row counts, known after
    /// open(); empty when the source has no per-table snapshot.
    virtual std::vector<std::pair<std::string, std::uint64_t>> snapshotTables() const { return {}; }
};

} // namespace flowdeck
