#pragma once

#include "core/file/filesource.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace flowdeck {

/// A file source whose `path` is a glob in its last part (`"path": "exports/*.csv"`): each run
/// reads the files that are new or changed since the files taken by earlier completed runs, each
/// once, oldest (modification time, then name) first. Format and csv options apply to every file
/// (the format comes from `format` or the pattern's extension); each file has its own header.
///
/// A file is identified by its name; it counts as changed when its size or modification time
/// differs from when it was taken AND its content hash (SHA-256) differs: an export rewritten
/// with the same content, or only touched, is not read again.
///
/// Watermark (nextRunStart(), kept in the flow's state): `{"phase":"folder","files":{name:{"size",
/// "mtime","sha256"}}}`, every file taken. Mid-run checkpoint: `{"phase":"folder","taken":{...},
/// "current":{name,"sha256","file":<FileSource checkpoint>}}`: only the files THIS run finished,
/// plus where reading the current one stopped, so the checkpoint committed with every batch stays
/// small however many files earlier runs took (those come from setLastWatermark()). A run
/// killed in the middle of a file resumes inside it (when the file did not change meanwhile;
/// otherwise that file is read again from its start). Position::source is the file's path as
/// written (folder + name).
///
/// Possible errors: ConfigError (a glob in a folder part, bad format), Error (the folder is missing
/// or unreadable, a file cannot be read).
class FolderSource : public Source
{
public:
    FolderSource(const nlohmann::json &endpoint, std::string baseDir);
    ~FolderSource() override;

    /// True when `path` has a glob character (* ? [) in its file name.
    static bool isGlob(const std::string &path);

    void setLastWatermark(const nlohmann::json &watermark) override { m_lastWatermark = watermark; }
    void open(const nlohmann::json &resume) override;
    SchemaPtr schema() const override;
    bool read(Batch &out, std::size_t maxRecords) override;
    nlohmann::json checkpointAfter(const Position &position) const override;
    nlohmann::json nextRunStart(const nlohmann::json &checkpoint) const override;
    bool fixedSchema() const override { return false; } // files may differ; none may be new
    std::uint64_t bytesRead() const override { return m_bytes; }
    std::uint64_t progressDone() const override { return m_bytes; }
    std::uint64_t progressTotal() const override { return m_totalBytes; }

    /// The files this run reads, in order (names without the folder), known after open().
    std::vector<std::string> pendingFiles() const;

private:
    struct FileEntry
    {
        std::string name;
        std::uint64_t size = 0;
        std::int64_t mtime = 0;
        std::string sha256;
        nlohmann::json resume; // FileSource checkpoint to continue from, or null
    };
    bool openNext();
    nlohmann::json entryJson(const FileEntry &e) const;

    nlohmann::json m_endpoint;
    std::string m_baseDir;
    std::string m_folderWritten; // folder part as written ("exports/" or "")
    std::string m_folder;        // resolved
    std::string m_pattern;

    nlohmann::json m_lastWatermark;
    // Fixed by open():
    nlohmann::json m_taken = nlohmann::json::object();    // every file taken (and touched ones)
    nlohmann::json m_runTaken = nlohmann::json::object(); // of those, the ones this run took
    std::vector<FileEntry> m_order;
    std::map<std::string, std::size_t> m_index; // path as written -> m_order index

    std::size_t m_current = 0;
    std::unique_ptr<FileSource> m_file;
    std::uint64_t m_bytes = 0;
    std::uint64_t m_fileStart = 0;
    std::uint64_t m_totalBytes = 0;
    SchemaPtr m_firstSchema;
};

/// SHA-256 of a file's content as hex. Possible errors: Error naming the file.
std::string fileSha256(const std::string &path);

} // namespace flowdeck
