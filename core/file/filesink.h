#pragma once

#include "core/engine/sink.h"
#include "core/file/rowtextencoder.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowdeck {

/// A file destination (docs/flow-file.md, "file"): CSV or JSON Lines, optionally gzip.
///
/// One file (`path` names it): rows go to a hidden temporary file `.NAME.part` beside it, which
/// is renamed to NAME when the run completes (complete()); a failed or stopped run leaves the
/// temporary file for the run that resumes it.
///
/// A folder (`path` ends in `/`): rows go to rolling files `CDC000001-20261207T221530Z.csv`
/// (a sequence number, as TiCDC's storage sink numbers its files, then the UTC time the file
/// was started), each written as `.NAME.part` and renamed once it is finished: when `roll` says
/// (rows, uncompressed bytes, seconds since the file started, checked as batches are written),
/// when a CSV row has other columns than the file's header, and when the run ends.
///
/// Checkpoints: after every batch the sink fsyncs the rows and then replaces a state file
/// (`.flowdeck-checkpoint.json` in a folder, `.NAME.flowdeck-checkpoint.json` beside one file)
/// holding the flow's checkpoint, the temporary file's length and the files being finished;
/// renames happen only after it. A resumed run cuts the temporary file back to that length and
/// completes pending renames, so a crash neither loses nor repeats a row of a finished file.
/// One flow per folder (or file).
///
/// Possible errors: Error (the folder cannot be created, a write or rename fails: disk full).
class FileSink : public Sink
{
public:
    /// `destination` as validated (path, format, csv, gzip, roll); relative paths are taken
    /// from `baseDir`. `changeColumns`: write `_op`, `_schema`, `_table`, `_commit_time` first
    /// (the flow reads change events).
    FileSink(const nlohmann::json &destination, const std::string &baseDir, bool changeColumns);
    ~FileSink() override;

    void open(const SchemaPtr &schema) override;
    std::vector<RejectedRecord> write(Batch &batch) override;
    void commit(const nlohmann::json &checkpoint) override;
    void rollback() override;
    void complete() override;
    void close() override;

    bool storesCheckpoints() const override { return true; }
    nlohmann::json storedCheckpoint() override;
    std::vector<std::pair<std::string, std::uint64_t>> writtenPerTable() const override;

    /// The state file's path (for tests).
    const std::string &statePath() const { return m_statePath; }

private:
    struct OpenFile
    {
        std::string temp;  // names inside m_dir
        std::string final;
        std::uint64_t bytes = 0;    // on disk (compressed with gzip)
        std::uint64_t rawBytes = 0; // before compression, for roll.bytes
        std::uint64_t rows = 0;
        std::int64_t startedMs = 0;
        std::vector<std::string> columns;
        bool fresh = true;          // nothing on disk yet: the header is still to write
        std::string pending;        // this batch's text, not yet on disk
    };

    nlohmann::json readState() const;
    void saveState(const nlohmann::json &checkpoint);
    void recover();
    OpenFile newFile(const std::vector<std::string> &columns);
    bool rollDue(const OpenFile &f, std::int64_t nowMs) const;
    void flushToDisk(OpenFile &f);
    void renameFinishing();
    void reopenFinished();
    std::string at(const std::string &name) const;

    std::string m_dir;
    std::string m_fileName; // one-file mode: the final name; empty for a folder
    std::string m_statePath;
    std::string m_extension;
    RowTextEncoder m_encoder;
    bool m_gzip = false;
    std::uint64_t m_rollRows = 0, m_rollBytes = 0, m_rollSeconds = 0;
    SchemaPtr m_schema;

    std::optional<OpenFile> m_open;
    /// What write() encoded and commit() puts on disk: the open file and the new ones, whether
    /// each is finished (rolled) after this batch, the rows.
    struct Staged
    {
        std::vector<OpenFile> work;
        std::vector<bool> finishing;
        std::uint64_t rows = 0;
    };
    std::optional<Staged> m_staged;
    std::vector<std::pair<std::string, std::string>> m_finishing; // temp, final
    std::uint64_t m_nextSeq = 1;
    nlohmann::json m_checkpoint;
    std::string m_stateRunId;
    nlohmann::json m_finished; // one-file mode: {"bytes", "columns"} of the finished file
    bool m_recovered = false;
    bool m_broken = false;      // a write failed: nothing more is finished by close()
    std::uint64_t m_rowsWritten = 0;
};

} // namespace flowdeck
