#pragma once

#include "core/file/csvreader.h"
#include "core/file/jsonlreader.h"
#include "core/engine/source.h"

#include <memory>
#include <string>

namespace flowdeck {

/// A flow's `"type": "file"` source: a CSV or JSON Lines file, read once from start to end (or
/// from a checkpoint).
///
/// The endpoint: `{"type":"file", "path":"accounts.csv", "format":"csv"|"jsonl",
/// "csv":{"header":true, "delimiter":",", "quote":"\""}}`. `format` defaults from the extension
/// (.csv, .tsv with a tab delimiter, .jsonl, .ndjson); the csv options are optional. A relative
/// path resolves against `baseDir` (the flow file's folder). Parsing rules, error records and
/// positions are those of CsvReader and JsonlReader; Position::source is the path as written in
/// the flow, so messages read "accounts.csv:14:7: ...".
///
/// A checkpoint is `{"file", "offset", "line", "size", "mtime"}`: the byte and line where the
/// next record starts, and the file's size and modification time (ns since the epoch) when it
/// was opened. open() with a checkpoint re-reads the CSV header and continues at that offset; a
/// file that grew since is fine (new rows are read), one now shorter than the offset is not.
///
/// progressDone()/progressTotal() are bytes. Used from one thread.
///
/// Possible errors: ConfigError (constructor: bad endpoint; open(): a checkpoint of another
/// file), Error (missing or unreadable file, naming the path and the OS reason; a file that
/// changed since the checkpoint; a read error), InputError (a malformed CSV header row).
class FileSource : public Source
{
public:
    FileSource(const nlohmann::json &endpoint, std::string baseDir);
    ~FileSource() override;

    void open(const nlohmann::json &resume) override;
    SchemaPtr schema() const override;
    bool read(Batch &out, std::size_t maxRecords) override;
    nlohmann::json checkpointAfter(const Position &position) const override;
    std::uint64_t progressDone() const override { return m_done; }
    std::uint64_t progressTotal() const override { return m_size; }
    std::uint64_t bytesRead() const override { return m_done - m_startOffset; }

    /// The path as written in the flow.
    const std::string &path() const { return m_path; }
    /// The path that is opened (relative paths resolved against baseDir).
    const std::string &resolvedPath() const { return m_resolvedPath; }
    /// "csv" or "jsonl".
    const std::string &format() const { return m_format; }
    const CsvOptions &csvOptions() const { return m_csvOptions; }

private:
    bool nextRecord(Record &out);

    std::string m_path;
    std::string m_resolvedPath;
    std::string m_format;
    CsvOptions m_csvOptions;
    std::unique_ptr<CsvReader> m_csv;
    std::unique_ptr<JsonlReader> m_jsonl;
    std::uint64_t m_size = 0;
    std::int64_t m_mtime = 0;
    std::uint64_t m_done = 0;
    std::uint64_t m_startOffset = 0;
};

} // namespace flowdeck
