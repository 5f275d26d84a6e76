// MySqlSource's schema history: where it starts, how it travels with the checkpoints, and the
// refusal to resume an older checkpoint across a DDL.
#include "core/mysql/mysqlsource.h"

#include "core/model/errors.h"
#include "core/mysql/binlog/schemacapture.h"

#include <charconv>

namespace flowdeck {

namespace {

constexpr int kDescribeAttempts = 10;

// Binlog files are name.000001, name.000002...: ordered by the number, not the text.
std::uint64_t fileNumber(const std::string &file)
{
    const std::size_t dot = file.rfind('.');
    std::uint64_t n = 0;
    if (dot != std::string::npos)
        std::from_chars(file.data() + dot + 1, file.data() + file.size(), n);
    return n;
}

// a <= b in binlog order.
bool atOrBefore(const std::string &fileA, std::uint64_t posA, const std::string &fileB, std::uint64_t posB)
{
    const std::uint64_t a = fileNumber(fileA), b = fileNumber(fileB);
    if (a != b)
        return a < b;
    return posA <= posB;
}

} // namespace

SchemaHistory MySqlSource::describeConsistently(const std::function<void()> &atPosition)
{
    // information_schema says how tables are now, not at a position. Described before and after
    // the position is taken, an unchanged description was in force at the position.
    for (int attempt = 0; attempt < kDescribeAttempts; ++attempt) {
        SchemaHistory before = schemacapture::describeCaptured(*m_meta, m_patterns);
        atPosition();
        SchemaHistory after = schemacapture::describeCaptured(*m_meta, m_patterns);
        if (before == after)
            return after;
    }
    throw Error("the definitions of the captured tables on " + m_config.endpoint() + " changed " +
                std::to_string(kDescribeAttempts) + " times while the flow started; start it again once the "
                "schema changes are over");
}

void MySqlSource::useDefinitions(const SchemaHistory &history)
{
    for (std::size_t i = 0; i < m_tables.size(); ++i) {
        const std::string &name = m_order[i];
        const std::size_t dot = name.find('.');
        const SchemaHistory::Table *t = history.find(name.substr(0, dot), name.substr(dot + 1));
        m_tables[i].info = t ? t->info : nullptr;
        std::vector<std::string> names;
        if (t)
            for (const ColumnInfo &c : t->info->columns)
                names.push_back(c.name);
        m_tables[i].schema = std::make_shared<Schema>(std::move(names));
    }
    m_schema = m_tables.empty() ? std::make_shared<Schema>() : m_tables.front().schema;
}

void MySqlSource::restoreHistory(const nlohmann::json &resume, const BinlogStart &from)
{
    if (resume.contains("schema")) {
        m_history = SchemaHistory::fromJson(resume["schema"]);
        m_history.setPatterns(m_patterns);
        setBaseHistory(from);
        return;
    }
    // A checkpoint from before schema histories: the tables as they are now were in force
    // since the checkpoint only if no DDL changed them in between.
    BinlogStart now;
    SchemaHistory current = describeConsistently([&] {
        const auto rows = m_meta->query("SHOW MASTER STATUS");
        if (!rows.empty())
            now = {rows[0][0].value_or(""), std::stoull(rows[0][1].value_or("4")), {}};
    });
    verifyNoDdlSince(from, current, now);
    m_history = std::move(current);
    setBaseHistory(from);
}

void MySqlSource::verifyNoDdlSince(const BinlogStart &from, const SchemaHistory &current, const BinlogStart &now)
{
    if (now.file.empty() || from.file.empty())
        return;
    SchemaHistory scanned = current;
    BinlogReader scan(m_config);
    scan.setHeartbeatMs(100);
    scan.setSchemaHistory(&scanned, {});
    scan.setScanOnly("this flow's checkpoint (binlog " + from.file + ":" + std::to_string(from.position) +
                     ") has no schema history (an older Flowdeck wrote it), and ");
    BinlogStart start = from;
    start.gtid.clear();
    try {
        scan.open(start);
        BinlogStart at = scan.currentPosition();
        while (!atOrBefore(now.file, now.position, at.file, at.position)) {
            Batch ignored;
            scan.read(ignored, 1000, 300);
            const BinlogStart next = scan.currentPosition();
            if (next.file == at.file && next.position == at.position && ignored.empty())
                break; // nothing more to read: at the end
            at = next;
        }
    } catch (const Error &e) {
        const std::string what = e.what();
        if (what.find("has no schema history") == std::string::npos)
            throw;
        throw Error(what + ": its rows cannot be decoded with the definition they were written with. Run the flow "
                           "once with --restart to take a new snapshot");
    }
}

void MySqlSource::setBaseHistory(const BinlogStart &at)
{
    std::lock_guard lock(m_versionsMutex);
    m_versions.clear();
    m_versions.push_back({at.file, at.position, m_history.toJson()});
}

void MySqlSource::historyChanged(const BinlogStart &at)
{
    nlohmann::json schema = m_history.toJson();
    std::lock_guard lock(m_versionsMutex);
    m_versions.push_back({at.file, at.position, std::move(schema)});
}

nlohmann::json MySqlSource::historyAt(const Position &position) const
{
    std::lock_guard lock(m_versionsMutex);
    if (m_versions.empty())
        return nullptr;
    if (position.source.empty() || position.source == "snapshot")
        return m_versions.front().schema;
    // The newest version that began at or before the position.
    for (auto it = m_versions.rbegin(); it != m_versions.rend(); ++it)
        if (atOrBefore(it->file, it->position, position.source, position.offset))
            return it->schema;
    return m_versions.front().schema;
}

void MySqlSource::checkpointCommitted(const nlohmann::json &checkpoint)
{
    if (!checkpoint.is_object() || checkpoint.value("phase", std::string()) != "cdc")
        return;
    const std::string file = checkpoint.value("file", std::string());
    const std::uint64_t position = checkpoint.value("position", std::uint64_t(0));
    // Versions before the newest one in force at the committed position are never needed again.
    std::lock_guard lock(m_versionsMutex);
    std::size_t keep = 0;
    for (std::size_t i = 0; i < m_versions.size(); ++i)
        if (atOrBefore(m_versions[i].file, m_versions[i].position, file, position))
            keep = i;
    m_versions.erase(m_versions.begin(), m_versions.begin() + std::ptrdiff_t(keep));
}

} // namespace flowdeck
