#include "core/file/filesink.h"

#include "core/file/gzipmember.h"
#include "core/model/atomicfile.h"
#include "core/model/errors.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace flowdeck {

namespace fs = std::filesystem;

namespace {

constexpr const char *kFolderState = ".flowdeck-checkpoint.json";
constexpr const char *kPartSuffix = ".part";

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

/// "20261207T221530Z"
std::string compactUtc(std::int64_t ms)
{
    const std::time_t secs = std::time_t(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

[[noreturn]] void osFail(const std::string &what, const std::string &path)
{
    throw Error(what + " " + path + ": " + std::strerror(errno));
}

void syncFolder(const std::string &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

bool endsWith(const std::string &s, std::string_view tail)
{
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

nlohmann::json columnsJson(const std::vector<std::string> &columns)
{
    return nlohmann::json(columns);
}

std::vector<std::string> columnsFrom(const nlohmann::json &j)
{
    std::vector<std::string> out;
    if (j.is_array())
        for (const auto &c : j)
            if (c.is_string())
                out.push_back(c.get<std::string>());
    return out;
}

RowTextEncoder makeEncoder(const nlohmann::json &d, bool changeColumns)
{
    const std::string format = d.value("format", std::string("csv"));
    CsvOptions csv;
    std::string path = d.value("path", std::string());
    if (endsWith(path, ".gz"))
        path.resize(path.size() - 3);
    if (endsWith(path, ".tsv"))
        csv.delimiter = '\t';
    if (d.contains("csv") && d["csv"].is_object()) {
        const auto &o = d["csv"];
        csv.header = o.value("header", true);
        const std::string delimiter = o.value("delimiter", std::string(1, csv.delimiter));
        const std::string quote = o.value("quote", std::string(1, csv.quote));
        if (delimiter.size() == 1)
            csv.delimiter = delimiter[0];
        if (quote.size() == 1)
            csv.quote = quote[0];
    }
    return RowTextEncoder(format == "jsonl" ? RowTextEncoder::Format::JsonLines : RowTextEncoder::Format::Csv, csv,
                          changeColumns);
}

std::uint64_t rollValue(const nlohmann::json &roll, const char *key)
{
    if (!roll.is_object() || !roll.contains(key))
        return 0;
    const auto &v = roll[key];
    if (v.is_number_integer())
        return std::uint64_t(std::max<std::int64_t>(0, v.get<std::int64_t>()));
    if (v.is_string())
        return std::strtoull(v.get<std::string>().c_str(), nullptr, 10);
    return 0;
}

} // namespace

FileSink::FileSink(const nlohmann::json &destination, const std::string &baseDir, bool changeColumns)
    : m_encoder(makeEncoder(destination, changeColumns))
{
    std::string path = destination.value("path", std::string());
    const bool folder = !path.empty() && path.back() == '/';
    fs::path p(path);
    if (p.is_relative() && !baseDir.empty())
        p = fs::path(baseDir) / p;
    if (folder) {
        m_dir = p.string();
        while (m_dir.size() > 1 && m_dir.back() == '/')
            m_dir.pop_back();
        m_statePath = at(kFolderState);
    } else {
        m_dir = p.has_parent_path() ? p.parent_path().string() : std::string(".");
        m_fileName = p.filename().string();
        m_statePath = at('.' + m_fileName + ".flowdeck-checkpoint.json");
    }
    m_gzip = destination.value("gzip", false);
    m_extension = m_encoder.format() == RowTextEncoder::Format::Csv ? ".csv" : ".jsonl";
    if (m_gzip)
        m_extension += ".gz";
    const nlohmann::json roll = destination.value("roll", nlohmann::json());
    m_rollRows = rollValue(roll, "rows");
    m_rollBytes = rollValue(roll, "bytes");
    m_rollSeconds = rollValue(roll, "seconds");
}

FileSink::~FileSink() = default;

std::string FileSink::at(const std::string &name) const
{
    return m_dir + '/' + name;
}

nlohmann::json FileSink::readState() const
{
    std::ifstream in(m_statePath, std::ios::binary);
    if (!in)
        return nlohmann::json::object();
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json state = nlohmann::json::parse(text.str(), nullptr, false);
    if (!state.is_object())
        throw Error("the file destination's checkpoint " + m_statePath + " is damaged; delete it to start over");
    return state;
}

nlohmann::json FileSink::storedCheckpoint()
{
    return readState().value("checkpoint", nlohmann::json());
}

void FileSink::saveState(const nlohmann::json &checkpoint)
{
    m_checkpoint = checkpoint;
    nlohmann::json state = {{"version", 1}, {"runId", m_runId}, {"checkpoint", checkpoint}, {"nextSeq", m_nextSeq}};
    state["open"] = nullptr;
    if (m_open)
        state["open"] = {{"temp", m_open->temp},         {"final", m_open->final}, {"bytes", m_open->bytes},
                         {"rawBytes", m_open->rawBytes}, {"rows", m_open->rows},   {"startedMs", m_open->startedMs},
                         {"columns", columnsJson(m_open->columns)}};
    nlohmann::json finishing = nlohmann::json::array();
    for (const auto &[temp, final] : m_finishing)
        finishing.push_back({{"temp", temp}, {"final", final}});
    state["finishing"] = std::move(finishing);
    state["finished"] = m_finished;
    writeFileAtomically(m_statePath, state.dump(1));
}

void FileSink::open(const SchemaPtr &schema)
{
    m_schema = schema;
    makeDirectories(m_dir);
    recover();
}

void FileSink::recover()
{
    const nlohmann::json state = readState();
    m_nextSeq = state.value("nextSeq", std::uint64_t(1));
    m_checkpoint = state.value("checkpoint", nlohmann::json());
    m_stateRunId = state.value("runId", std::string());
    const bool continuing = m_resumed && !m_runId.empty() && m_stateRunId == m_runId;

    // Files the last batch was finishing: the state file says they are done.
    if (state.contains("finishing") && state["finishing"].is_array())
        for (const auto &f : state["finishing"]) {
            const std::string temp = f.value("temp", std::string()), final = f.value("final", std::string());
            if (!temp.empty() && fs::exists(at(temp)) && ::rename(at(temp).c_str(), at(final).c_str()) != 0)
                osFail("cannot rename", at(temp));
        }
    m_open.reset();
    const nlohmann::json open = state.value("open", nlohmann::json());
    if (open.is_object() && continuing) {
        OpenFile f;
        f.temp = open.value("temp", std::string());
        f.final = open.value("final", std::string());
        f.bytes = open.value("bytes", std::uint64_t(0));
        f.rawBytes = open.value("rawBytes", std::uint64_t(0));
        f.rows = open.value("rows", std::uint64_t(0));
        f.startedMs = open.value("startedMs", std::int64_t(0));
        f.columns = columnsFrom(open.value("columns", nlohmann::json()));
        f.fresh = false;
        std::error_code ec;
        const auto size = fs::file_size(at(f.temp), ec);
        if (ec || size < f.bytes)
            throw Error("the file destination's temporary file " + at(f.temp) + " is missing or shorter than its checkpoint says (" +
                        std::to_string(f.bytes) + " bytes); run with --restart to start over");
        // Rows written after the last checkpoint are written again by this run.
        if (size > f.bytes && ::truncate(at(f.temp).c_str(), off_t(f.bytes)) != 0)
            osFail("cannot truncate", at(f.temp));
        m_open = std::move(f);
    }
    m_finished = continuing ? state.value("finished", nlohmann::json()) : nlohmann::json();

    // Temporary files no checkpoint covers: a batch that was not committed, or a run not resumed.
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(m_dir, ec)) {
        const std::string name = entry.path().filename().string();
        const bool ours = m_fileName.empty() ? name.rfind(".CDC", 0) == 0 && endsWith(name, kPartSuffix)
                                             : name == '.' + m_fileName + kPartSuffix;
        if (ours && !(m_open && m_open->temp == name))
            fs::remove(entry.path(), ec);
    }
    syncFolder(m_dir);
}

FileSink::OpenFile FileSink::newFile(const std::vector<std::string> &columns)
{
    OpenFile f;
    f.startedMs = nowMs();
    f.columns = columns;
    if (m_fileName.empty()) {
        char seq[32];
        std::snprintf(seq, sizeof seq, "CDC%06llu-", static_cast<unsigned long long>(m_nextSeq++));
        f.final = seq + compactUtc(f.startedMs) + m_extension;
    } else {
        f.final = m_fileName;
    }
    f.temp = '.' + f.final + kPartSuffix;
    if (!m_fileName.empty() && m_finished.is_object() && fs::exists(at(f.final))) {
        // A resumed run after its file was finished (a continuous source stopped by --until-idle):
        // the file is taken back and renamed again when this run completes.
        f.bytes = m_finished.value("bytes", std::uint64_t(0));
        f.columns = columnsFrom(m_finished.value("columns", nlohmann::json()));
        f.fresh = false;
        f.pending.clear();
        return f;
    }
    f.pending = m_encoder.header(columns);
    return f;
}

bool FileSink::rollDue(const OpenFile &f, std::int64_t now) const
{
    if (!m_fileName.empty())
        return false;
    return (m_rollRows && f.rows >= m_rollRows) || (m_rollBytes && f.rawBytes + f.pending.size() >= m_rollBytes)
        || (m_rollSeconds && f.rows > 0 && now - f.startedMs >= std::int64_t(m_rollSeconds) * 1000);
}

void FileSink::flushToDisk(OpenFile &f)
{
    if (f.pending.empty() && !f.fresh)
        return;
    const std::string temp = at(f.temp);
    if (!f.fresh && f.bytes > 0 && !fs::exists(temp) && fs::exists(at(f.final))
        && ::rename(at(f.final).c_str(), temp.c_str()) != 0)
        osFail("cannot reopen", at(f.final));
    const std::string data = m_gzip ? gzipMember(f.pending) : f.pending;
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        osFail("cannot write", temp);
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            ::close(fd);
            osFail("cannot write", temp);
        }
        done += std::size_t(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0)
        osFail("cannot sync", temp);
    f.bytes += data.size();
    f.rawBytes += f.pending.size();
    f.pending.clear();
    f.fresh = false;
}

void FileSink::renameFinishing()
{
    for (const auto &[temp, final] : m_finishing)
        if (::rename(at(temp).c_str(), at(final).c_str()) != 0)
            osFail("cannot rename", at(temp));
    if (!m_finishing.empty())
        syncFolder(m_dir);
    m_finishing.clear();
}

std::vector<RejectedRecord> FileSink::write(Batch &batch)
{
    m_staged.reset(); // a batch written but never committed is dropped
    std::vector<RejectedRecord> rejected;
    std::vector<OpenFile> work;
    std::vector<bool> finishing;
    const std::int64_t now = nowMs();
    const bool csv = m_encoder.format() == RowTextEncoder::Format::Csv;
    if (m_open) {
        work.push_back(*m_open);
        finishing.push_back(rollDue(work.back(), now));
    }
    std::uint64_t rows = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const Record &r = batch[i];
        if (r.op == RowOp::Ddl)
            continue;
        std::vector<std::string> columns = m_encoder.columnsOf(r);
        if (!work.empty() && !finishing.back() && csv && work.back().columns != columns) {
            if (m_fileName.empty()) {
                finishing.back() = true; // a new header: a new file
            } else {
                rejected.push_back({i, "the row's columns differ from the CSV file's header (a CSV file holds one table: "
                                       "write to a folder, or use jsonl)"});
                if (m_stopAtFirstRejection)
                    break;
                continue;
            }
        }
        if (work.empty() || finishing.back()) {
            work.push_back(newFile(columns));
            finishing.push_back(false);
        }
        OpenFile &f = work.back();
        m_encoder.appendRow(r, f.pending);
        ++f.rows;
        ++rows;
        if (m_fileName.empty()
            && ((m_rollRows && f.rows >= m_rollRows) || (m_rollBytes && f.rawBytes + f.pending.size() >= m_rollBytes)))
            finishing.back() = true;
    }
    if (!work.empty() && !finishing.back() && m_rollSeconds && rollDue(work.back(), now))
        finishing.back() = true;

    m_staged = Staged{std::move(work), std::move(finishing), rows};
    return rejected;
}

void FileSink::commit(const nlohmann::json &checkpoint)
{
    if (!m_staged)
        return;
    Staged staged = std::move(*m_staged);
    m_staged.reset();
    try {
        std::optional<OpenFile> open;
        for (std::size_t k = 0; k < staged.work.size(); ++k) {
            flushToDisk(staged.work[k]);
            if (staged.finishing[k])
                m_finishing.emplace_back(staged.work[k].temp, staged.work[k].final);
            else
                open = std::move(staged.work[k]);
        }
        m_open = std::move(open);
        saveState(checkpoint);
        renameFinishing();
    } catch (...) {
        m_broken = true;
        throw;
    }
    m_rowsWritten += staged.rows;
}

void FileSink::rollback()
{
    m_staged.reset();
}

void FileSink::complete()
{
    if (m_broken)
        return;
    if (!m_fileName.empty() && !m_open && !m_finished.is_object()) {
        // No row at all: the file still appears, with its header.
        std::vector<std::string> columns;
        if (m_encoder.changeColumns())
            columns = {"_op", "_schema", "_table", "_commit_time"};
        if (m_schema)
            columns.insert(columns.end(), m_schema->names().begin(), m_schema->names().end());
        m_open = newFile(columns);
    }
    if (!m_open)
        return;
    flushToDisk(*m_open);
    if (!m_fileName.empty())
        m_finished = {{"bytes", m_open->bytes}, {"columns", columnsJson(m_open->columns)}};
    m_finishing.emplace_back(m_open->temp, m_open->final);
    m_open.reset();
    saveState(m_checkpoint);
    renameFinishing();
}

void FileSink::close()
{
    // A folder's file is finished whenever a run ends; one file only when the run completed.
    if (m_fileName.empty() && m_open && !m_broken)
        complete();
}

std::vector<std::pair<std::string, std::uint64_t>> FileSink::writtenPerTable() const
{
    return {{m_fileName.empty() ? m_dir + '/' : at(m_fileName), m_rowsWritten}};
}

} // namespace flowdeck
