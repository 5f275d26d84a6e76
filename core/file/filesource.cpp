#include "core/file/filesource.h"

#include "core/model/errors.h"
#include "core/flow/flowvocabulary.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>

namespace flowdeck {

namespace {

std::string lowerExtension(const std::string &path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

char oneCharacter(const nlohmann::json &csv, const char *key, char fallback)
{
    const auto it = csv.find(key);
    if (it == csv.end())
        return fallback;
    if (!it->is_string() || it->get_ref<const std::string &>().size() != 1)
        throw ConfigError(std::string("source.csv.") + key
                          + " must be a string of exactly one character (write \"\\t\" for a tab)");
    return it->get_ref<const std::string &>()[0];
}

std::uint64_t checkpointNumber(const nlohmann::json &resume, const char *key)
{
    const auto it = resume.find(key);
    if (it == resume.end() || !it->is_number_unsigned())
        throw Error("the file source's checkpoint has no valid \"" + std::string(key) + "\": " + resume.dump());
    return it->get<std::uint64_t>();
}

std::int64_t modificationTimeNs(const std::string &path)
{
    std::error_code ec;
    const auto time = std::filesystem::last_write_time(path, ec);
    if (ec)
        return 0;
    const auto sys = std::chrono::file_clock::to_sys(time);
    return std::chrono::duration_cast<std::chrono::nanoseconds>(sys.time_since_epoch()).count();
}

} // namespace

FileSource::FileSource(const nlohmann::json &endpoint, std::string baseDir)
{
    if (!endpoint.is_object())
        throw ConfigError("the file source must be a JSON object");
    if (endpoint.contains("type") && endpoint["type"] != "file")
        throw ConfigError("a file source needs \"type\": \"file\", not " + endpoint["type"].dump());
    const auto path = endpoint.find("path");
    if (path == endpoint.end() || !path->is_string() || path->get_ref<const std::string &>().empty())
        throw ConfigError("source.path must name the file to read");
    m_path = path->get<std::string>();

    const std::filesystem::path asWritten(m_path);
    m_resolvedPath = asWritten.is_relative() && !baseDir.empty()
                         ? (std::filesystem::path(baseDir) / asWritten).lexically_normal().string()
                         : m_path;

    const std::string ext = lowerExtension(m_path);
    const auto format = endpoint.find("format");
    if (format != endpoint.end()) {
        if (!format->is_string() || !vocabulary::contains(vocabulary::kFileFormats, format->get<std::string>()))
            throw ConfigError("source.format must be \"csv\" or \"jsonl\", not " + format->dump());
        m_format = format->get<std::string>();
    } else if (ext == ".csv" || ext == ".tsv") {
        m_format = "csv";
    } else if (ext == ".jsonl" || ext == ".ndjson") {
        m_format = "jsonl";
    } else {
        throw ConfigError("cannot tell the format of " + m_path
                          + " from its extension: set source.format to \"csv\" or \"jsonl\"");
    }

    if (ext == ".tsv")
        m_csvOptions.delimiter = '\t';
    const auto csv = endpoint.find("csv");
    if (csv != endpoint.end()) {
        if (!csv->is_object())
            throw ConfigError("source.csv must be an object");
        const auto header = csv->find("header");
        if (header != csv->end()) {
            if (!header->is_boolean())
                throw ConfigError("source.csv.header must be true or false");
            m_csvOptions.header = header->get<bool>();
        }
        m_csvOptions.delimiter = oneCharacter(*csv, "delimiter", m_csvOptions.delimiter);
        m_csvOptions.quote = oneCharacter(*csv, "quote", m_csvOptions.quote);
    }
    if (m_format == "csv")
        const CsvReader check(m_csvOptions); // checks the options now, not at the first run
}

FileSource::~FileSource() = default;

void FileSource::open(const nlohmann::json &resume)
{
    m_csv.reset();
    m_jsonl.reset();
    if (m_format == "csv") {
        m_csv = std::make_unique<CsvReader>(m_csvOptions);
        m_csv->openFile(m_resolvedPath, m_path);
        m_size = m_csv->totalSize();
    } else {
        m_jsonl = std::make_unique<JsonlReader>();
        m_jsonl->openFile(m_resolvedPath, m_path);
        m_size = m_jsonl->totalSize();
    }
    m_mtime = modificationTimeNs(m_resolvedPath);
    m_done = 0;
    m_startOffset = 0;

    if (resume.is_null() || (resume.is_object() && resume.empty()))
        return;
    if (!resume.is_object())
        throw Error("the file source's checkpoint is not an object: " + resume.dump());
    const auto file = resume.find("file");
    if (file != resume.end() && *file != m_path)
        throw ConfigError("the checkpoint is for " + file->dump() + ", not \"" + m_path
                          + "\": reset the flow's checkpoint to read the new file from the start");
    const std::uint64_t offset = checkpointNumber(resume, "offset");
    const std::uint64_t line = checkpointNumber(resume, "line");
    if (offset > m_size)
        throw Error(m_path + " changed since the checkpoint: it now has " + std::to_string(m_size)
                    + " bytes, but reading stopped at byte " + std::to_string(offset)
                    + "; reset the checkpoint to read it from the start");
    if (m_csv)
        m_csv->seek(offset, line);
    else
        m_jsonl->seek(offset, line);
    m_done = offset;
    m_startOffset = offset;
}

SchemaPtr FileSource::schema() const
{
    if (m_csv)
        return m_csv->schema();
    if (m_jsonl)
        return m_jsonl->schema();
    return std::make_shared<const Schema>();
}

bool FileSource::nextRecord(Record &out)
{
    if (m_csv)
        return m_csv->next(out);
    if (m_jsonl)
        return m_jsonl->next(out);
    throw Error("the file source " + m_path + " is read before it was opened");
}

bool FileSource::read(Batch &out, std::size_t maxRecords)
{
    std::size_t added = 0;
    Record record;
    while (added < maxRecords && nextRecord(record)) {
        m_done = record.position.endOffset;
        out.push_back(std::move(record));
        ++added;
    }
    return added > 0;
}

nlohmann::json FileSource::checkpointAfter(const Position &position) const
{
    return {{"file", m_path},
            {"offset", position.endOffset},
            {"line", position.endLine},
            {"size", m_size},
            {"mtime", m_mtime}};
}

} // namespace flowdeck
