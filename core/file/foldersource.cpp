#include "core/file/foldersource.h"

#include "core/model/errors.h"

#include <QCryptographicHash>
#include <QFile>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fnmatch.h>

namespace flowdeck {

namespace {

std::int64_t mtimeNs(const std::filesystem::path &path)
{
    std::error_code ec;
    const auto time = std::filesystem::last_write_time(path, ec);
    if (ec)
        return 0;
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::file_clock::to_sys(time).time_since_epoch()).count();
}

} // namespace

std::string fileSha256(const std::string &path)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        throw Error("cannot read " + path + ": " + f.errorString().toStdString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f))
        throw Error("cannot read " + path + ": " + f.errorString().toStdString());
    return hash.result().toHex().toStdString();
}

bool FolderSource::isGlob(const std::string &path)
{
    const std::string name = std::filesystem::path(path).filename().string();
    return name.find_first_of("*?[") != std::string::npos;
}

FolderSource::FolderSource(const nlohmann::json &endpoint, std::string baseDir)
    : m_endpoint(endpoint)
    , m_baseDir(std::move(baseDir))
{
    const std::string path = endpoint.value("path", std::string());
    const auto slash = path.rfind('/');
    m_folderWritten = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
    m_pattern = slash == std::string::npos ? path : path.substr(slash + 1);
    if (m_folderWritten.find_first_of("*?[") != std::string::npos)
        throw ConfigError("source.path: only the file name may have * ? or [ (\"exports/*.csv\"), not the folder: '" + path + "'");
    const std::filesystem::path folder(m_folderWritten.empty() ? std::string(".") : m_folderWritten);
    m_folder = folder.is_relative() && !m_baseDir.empty() ? (std::filesystem::path(m_baseDir) / folder).lexically_normal().string()
                                                         : folder.string();
    // Checks format and csv options now (the pattern's extension names the format).
    nlohmann::json probe = m_endpoint;
    probe["path"] = m_folderWritten + "probe" + std::filesystem::path(m_pattern).extension().string();
    const FileSource check(probe, m_baseDir);
}

FolderSource::~FolderSource() = default;

void FolderSource::open(const nlohmann::json &resume)
{
    // Files taken by earlier completed runs (the watermark) plus, when resuming, those this run
    // had finished; m_runTaken: only the latter, which is all a mid-run checkpoint repeats.
    m_taken = m_lastWatermark.is_object() && m_lastWatermark.contains("files") && m_lastWatermark["files"].is_object()
                  ? m_lastWatermark["files"]
                  : nlohmann::json::object();
    m_runTaken = nlohmann::json::object();
    nlohmann::json current;
    if (resume.is_object()) {
        if (resume.value("phase", std::string()) != "folder")
            throw Error("cannot resume the folder source from checkpoint " + resume.dump() + " (run once with --restart)");
        if (resume.contains("files") && resume["files"].is_object())
            for (const auto &[name, e] : resume["files"].items())
                m_taken[name] = e;
        if (resume.contains("taken") && resume["taken"].is_object())
            for (const auto &[name, e] : resume["taken"].items())
                m_taken[name] = m_runTaken[name] = e;
        current = resume.value("current", nlohmann::json());
    } else if (!resume.is_null()) {
        throw Error("cannot resume the folder source from checkpoint " + resume.dump());
    }

    std::error_code ec;
    std::filesystem::directory_iterator it(m_folder, ec);
    if (ec)
        throw Error("cannot read the folder " + m_folder + " of source.path: " + ec.message());
    m_order.clear();
    m_index.clear();
    m_totalBytes = 0;
    std::string newest; // of all matching files: gives the schema when no file is new
    std::int64_t newestTime = 0;
    for (const auto &entry : it) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file() || fnmatch(m_pattern.c_str(), name.c_str(), FNM_PERIOD) != 0)
            continue;
        FileEntry f;
        f.name = name;
        f.size = entry.file_size();
        f.mtime = mtimeNs(entry.path());
        if (newest.empty() || f.mtime > newestTime) {
            newest = name;
            newestTime = f.mtime;
        }
        const nlohmann::json &seen = m_taken.contains(name) ? m_taken[name] : nlohmann::json();
        if (seen.is_object() && seen.value("size", std::uint64_t(0)) == f.size && seen.value("mtime", std::int64_t(0)) == f.mtime)
            continue; // taken, unchanged
        f.sha256 = fileSha256(entry.path().string());
        if (seen.is_object() && seen.value("sha256", std::string()) == f.sha256) {
            m_taken[name] = m_runTaken[name] = entryJson(f); // touched or rewritten with the same content
            continue;
        }
        if (current.is_object() && current.value("name", std::string()) == name &&
            current.value("sha256", std::string()) == f.sha256)
            f.resume = current.value("file", nlohmann::json());
        m_order.push_back(std::move(f));
    }
    std::sort(m_order.begin(), m_order.end(), [](const FileEntry &a, const FileEntry &b) {
        return a.mtime != b.mtime ? a.mtime < b.mtime : a.name < b.name;
    });
    for (std::size_t i = 0; i < m_order.size(); ++i) {
        m_index[m_folderWritten + m_order[i].name] = i;
        m_totalBytes += m_order[i].size;
    }
    m_current = 0;
    m_bytes = 0;
    m_file.reset();
    m_firstSchema.reset();
    if (openNext()) {
        m_firstSchema = m_file->schema();
    } else if (!newest.empty()) {
        // Nothing new: the destination still opens with the columns the exports have.
        nlohmann::json endpoint = m_endpoint;
        endpoint["path"] = m_folderWritten + newest;
        FileSource last(endpoint, m_baseDir);
        last.open(nullptr);
        m_firstSchema = last.schema();
    }
}

bool FolderSource::openNext()
{
    if (m_current >= m_order.size())
        return false;
    nlohmann::json endpoint = m_endpoint;
    endpoint["path"] = m_folderWritten + m_order[m_current].name;
    m_file = std::make_unique<FileSource>(endpoint, m_baseDir);
    m_file->open(m_order[m_current].resume);
    m_fileStart = m_file->progressDone();
    return true;
}

SchemaPtr FolderSource::schema() const
{
    return m_firstSchema ? m_firstSchema : std::make_shared<const Schema>();
}

bool FolderSource::read(Batch &out, std::size_t maxRecords)
{
    while (m_file) {
        const std::uint64_t before = m_file->bytesRead();
        const bool more = m_file->read(out, maxRecords);
        m_bytes += m_file->bytesRead() - before;
        if (more)
            return true;
        ++m_current;
        m_file.reset();
        openNext();
    }
    return false;
}

nlohmann::json FolderSource::entryJson(const FileEntry &e) const
{
    return {{"size", e.size}, {"mtime", e.mtime}, {"sha256", e.sha256}};
}

nlohmann::json FolderSource::checkpointAfter(const Position &position) const
{
    nlohmann::json taken = m_runTaken;
    const auto it = m_index.find(position.source);
    const std::size_t index = it == m_index.end() ? 0 : it->second;
    for (std::size_t i = 0; i < index && i < m_order.size(); ++i)
        taken[m_order[i].name] = entryJson(m_order[i]);
    nlohmann::json cp = {{"phase", "folder"}, {"taken", taken}};
    if (it != m_index.end()) {
        const FileEntry &e = m_order[index];
        cp["current"] = {{"name", e.name},
                         {"sha256", e.sha256},
                         {"file", {{"file", position.source}, {"offset", position.endOffset}, {"line", position.endLine},
                                   {"size", e.size}, {"mtime", e.mtime}}}};
    }
    return cp;
}

nlohmann::json FolderSource::nextRunStart(const nlohmann::json &checkpoint) const
{
    // Called once the run completed: every file of it was read to its end.
    nlohmann::json files = m_taken;
    if (checkpoint.is_object())
        for (const char *key : {"files", "taken"})
            if (checkpoint.contains(key) && checkpoint[key].is_object())
                for (const auto &[name, e] : checkpoint[key].items())
                    files[name] = e;
    for (const FileEntry &e : m_order)
        files[e.name] = entryJson(e);
    return {{"phase", "folder"}, {"files", files}};
}

std::vector<std::string> FolderSource::pendingFiles() const
{
    std::vector<std::string> names;
    for (const FileEntry &e : m_order)
        names.push_back(e.name);
    return names;
}

} // namespace flowdeck
