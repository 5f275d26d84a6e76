#include "core/mysql/mysqlsource.h"

#include "core/model/errors.h"
#include "core/mysql/mysqlcolumntypes.h"
#include "core/mysql/mysqlstatementbuilder.h"

#include <QtGlobal>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace flowdeck {

namespace {

const char *const kSystemSchemas = "('mysql','information_schema','performance_schema','sys')";

bool isSystemSchema(const std::string &db)
{
    return db == "mysql" || db == "information_schema" || db == "performance_schema" || db == "sys";
}

std::string hexOf(const std::string &bytes)
{
    static const char kDigits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += kDigits[c >> 4];
        out += kDigits[c & 15];
    }
    return out;
}

bool isBinary(const ColumnInfo &c)
{
    return isBinaryDataType(c.dataType);
}

} // namespace

MySqlSource::MySqlSource(const nlohmann::json &endpoint)
    : m_config(MySqlConnectionConfig::fromJson(endpoint.value("connection", nlohmann::json::object())))
{
    const std::string read = endpoint.value("read", std::string("snapshot"));
    if (read == "snapshot")
        m_mode = Mode::Snapshot;
    else if (read == "cdc")
        m_mode = Mode::Cdc;
    else if (read == "snapshot+cdc")
        m_mode = Mode::SnapshotCdc;
    else
        throw ConfigError("source.read must be \"snapshot\", \"cdc\" or \"snapshot+cdc\", not \"" + read + "\"");
    if (endpoint.contains("chunkSize")) {
        const auto &chunk = endpoint["chunkSize"];
        if (!chunk.is_number_integer() || chunk.get<long long>() < 1)
            throw ConfigError("source.chunkSize must be a positive number");
        m_chunkSize = chunk.get<std::size_t>();
    }
    std::vector<std::string> names;
    if (endpoint.contains("table") && endpoint["table"].is_string())
        names.push_back(endpoint["table"].get<std::string>());
    if (endpoint.contains("tables")) {
        if (!endpoint["tables"].is_array())
            throw ConfigError("source.tables must be a list of table patterns");
        for (const auto &t : endpoint["tables"]) {
            if (!t.is_string())
                throw ConfigError("source.tables must be a list of table patterns");
            names.push_back(t.get<std::string>());
        }
    }
    if (names.empty())
        throw ConfigError("source: a mysql source needs \"table\" or \"tables\"");
    for (const std::string &name : names) {
        if (name.find('.') != std::string::npos)
            m_patterns.push_back(name);
        else if (m_config.database.empty())
            throw ConfigError("source.table '" + name + "' names no database and connection.database is not set");
        else
            m_patterns.push_back(m_config.database + "." + name);
    }
}

MySqlSource::~MySqlSource() = default;

bool MySqlSource::globMatch(std::string_view pattern, std::string_view text)
{
    std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

bool MySqlSource::selected(const std::string &database, const std::string &table) const
{
    if (isSystemSchema(database) || table.empty())
        return false;
    const std::string name = database + "." + table;
    return std::any_of(m_patterns.begin(), m_patterns.end(),
                       [&](const std::string &p) { return globMatch(p, name); });
}

std::string MySqlSource::selectExpression(const ColumnInfo &column, bool mariaDb)
{
    const std::string name = quoteIdentifier(column.name);
    if (column.dataType != "float")
        return name;
    return mariaDb ? "CAST(" + name + " AS DOUBLE)" : "(" + name + " + 0e0)";
}

Value MySqlSource::convert(const ColumnInfo &column, const std::optional<std::string> &text)
{
    if (!text)
        return Value::null();
    const std::string &t = column.dataType;
    const std::string &s = *text;
    try {
        if (t == "tinyint" || t == "smallint" || t == "mediumint" || t == "int" || t == "bigint")
            return column.isUnsigned ? Value::unsignedInteger(std::stoull(s)) : Value::integer(std::stoll(s));
        if (t == "year")
            return Value::integer(std::stoll(s));
        if (t == "bit") {
            std::uint64_t v = 0;
            for (unsigned char c : s)
                v = (v << 8) | c;
            return Value::unsignedInteger(v);
        }
        if (t == "decimal")
            return Value::decimal(s);
        if (t == "float" || t == "double")
            return Value::floating(std::stod(s));
    } catch (const std::logic_error &) {
        return Value::text(s); // not a number after all: keep the server's text
    }
    if (t == "date")
        return Value::date(s);
    if (t == "time")
        return Value::time(s);
    if (t == "datetime" || t == "timestamp")
        return Value::dateTime(s);
    if (isBinary(column))
        return Value::bytes(s);
    return Value::text(s);
}

void MySqlSource::resolveTables(const std::set<std::string> &skip)
{
    const auto rows = m_meta->query(
        std::string("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES "
                    "WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA NOT IN ") + kSystemSchemas +
        " ORDER BY TABLE_SCHEMA, TABLE_NAME");
    std::vector<bool> used(m_patterns.size(), false);
    std::uint64_t total = 0;
    for (const auto &row : rows) {
        const std::string db = row[0].value_or(""), table = row[1].value_or("");
        const std::string name = db + "." + table;
        bool match = false;
        for (std::size_t i = 0; i < m_patterns.size(); ++i)
            if (globMatch(m_patterns[i], name))
                match = used[i] = true;
        if (!match || skip.count(name))
            continue;
        SnapshotTable t; // info and schema: useDefinitions()
        total += std::stoull(row[2].value_or("0"));
        m_tableEstimates.emplace_back(name, std::stoull(row[2].value_or("0")));
        m_order.push_back(name);
        m_tables.push_back(std::move(t));
    }
    for (std::size_t i = 0; i < m_patterns.size(); ++i)
        if (!used[i])
            throw ConfigError("source table pattern '" + m_patterns[i] + "' matches no table on " +
                              m_config.endpoint());
    m_total = total;
}

void MySqlSource::open(const nlohmann::json &resume)
{
    try {
        openFrom(resume);
    } catch (const nlohmann::json::exception &e) {
        throw Error("cannot resume the mysql source from checkpoint " + resume.dump() + ": " + e.what());
    }
}

void MySqlSource::openFrom(const nlohmann::json &resume)
{
    m_meta = std::make_unique<MySqlConnection>(m_config);
    m_meta->connect();
    if (m_mode != Mode::Snapshot)
        BinlogReader::checkServer(*m_meta, m_config.endpoint()); // before a snapshot that CDC could not follow
    const std::string phase = resume.is_object() ? resume.value("phase", std::string()) : std::string();
    std::set<std::string> skip;
    if (phase == "snapshot")
        for (const auto &d : resume.value("done", nlohmann::json::array()))
            skip.insert(d.get<std::string>());
    resolveTables(skip);
    m_resumeDone.assign(skip.begin(), skip.end());
    m_schema = std::make_shared<Schema>();

    if (phase == "cdc") {
        const BinlogStart from{resume.value("file", std::string()), resume.value("position", std::uint64_t(4)),
                               resume.value("gtid", std::string())};
        if (const std::uint64_t rows = resume.value("skipRows", std::uint64_t(0)); rows > 0)
            m_skip = SkipRows{from.file, from.position, rows};
        restoreHistory(resume, from);
        useDefinitions(m_history);
        startCdc(from);
        return;
    }
    if (phase == "snapshot") {
        const auto &b = resume.at("binlog");
        m_snapshotBinlog = {b.value("file", std::string()), b.value("pos", std::uint64_t(4)),
                            b.value("gtid", std::string())};
        if (!m_snapshotBinlog.file.empty())
            restoreHistory(resume, m_snapshotBinlog);
        const std::string current = resume.value("table", std::string());
        for (std::size_t i = 0; i < m_tables.size(); ++i)
            if (m_order[i] == current)
                for (const auto &k : resume.value("after", nlohmann::json::array()))
                    m_tables[i].after.push_back(k.get<std::string>());
        startSnapshot();
        return;
    }
    if (!phase.empty())
        throw Error("cannot resume the mysql source from checkpoint " + resume.dump());
    if (m_mode == Mode::Cdc) {
        BinlogStart now;
        m_history = describeConsistently([&] {
            const auto rows = m_meta->query("SHOW MASTER STATUS");
            if (rows.empty())
                throw Error("the server " + m_config.endpoint() + " has no binary log (log_bin is off): CDC needs it");
            now = {rows[0][0].value_or(""), std::stoull(rows[0][1].value_or("4")), {}};
        });
        useDefinitions(m_history);
        setBaseHistory(now);
        startCdc(now);
        return;
    }
    startSnapshot();
}

void MySqlSource::openSnapshotSession()
{
    auto session = std::make_unique<MySqlConnection>(m_config);
    session->connect();
    session->execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    session->execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
    m_snapshot = std::move(session);
}

void MySqlSource::startSnapshot()
{
    const bool fresh = m_snapshotBinlog.file.empty();
    // The snapshot's rows are read with the definitions described around its start; a fresh
    // snapshot's binlog position is where the schema history starts.
    const SchemaHistory described = describeConsistently([&] {
        openSnapshotSession();
        m_snapshotTimeMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count();
        if (!fresh)
            return;
        m_snapshotBinlog = {};
        for (const auto &row : m_snapshot->query("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            if (row[0].value_or("") == "Binlog_snapshot_file")
                m_snapshotBinlog.file = row[1].value_or("");
            else if (row[0].value_or("") == "Binlog_snapshot_position")
                m_snapshotBinlog.position = std::stoull(row[1].value_or("4"));
        }
        if (m_snapshotBinlog.file.empty() && m_mode == Mode::SnapshotCdc)
            throw Error("the server " + m_config.endpoint() + " has no binary log (log_bin is off): CDC needs it");
        if (!m_snapshotBinlog.file.empty()) {
            const auto gtid = m_snapshot->query("SELECT BINLOG_GTID_POS(" + m_snapshot->quote(m_snapshotBinlog.file) +
                                                ", " + std::to_string(m_snapshotBinlog.position) + ")");
            m_snapshotBinlog.gtid = gtid.empty() ? std::string() : gtid[0][0].value_or("");
        }
    });
    if (fresh) {
        useDefinitions(described);
        m_history = described;
        setBaseHistory(m_snapshotBinlog);
    } else {
        useResumedDefinitions(described);
    }
    m_inSnapshot = true;
    m_current = 0;
    m_chunk.clear();
    m_chunkIndex = 0;
    m_chunkWasLast = false;
    // Tables with no rows are read now: when every table is empty, the snapshot has no row to
    // carry its end, and initialCheckpoint() is then already the stream's.
    m_snapshotEmpty = fresh && skipEmptyTablesFrom(0);
}

void MySqlSource::useResumedDefinitions(const SchemaHistory &now)
{
    // The rest of an interrupted snapshot is read with the definitions in force at the first
    // snapshot's binlog position (m_history, from the checkpoint): the stream replays every DDL
    // since from there, so a row must not come with columns its table gets only later. A table
    // changed since in a way these definitions cannot read (a column dropped, renamed or given
    // another type, another key) is refused; one created since comes from the binlog alone
    // (its CREATE TABLE and rows), one dropped since is not read.
    useDefinitions(m_history);
    const std::string at = m_snapshotBinlog.file + ":" + std::to_string(m_snapshotBinlog.position);
    for (std::size_t i = 0; i < m_tables.size(); ++i) {
        const TableInfoPtr &then = m_tables[i].info;
        if (!then)
            continue;
        const SchemaHistory::Table *current = now.find(then->database, then->table);
        if (!current) {
            m_tables[i].info = nullptr;
            continue;
        }
        const TableInfo &c = *current->info;
        std::string problem;
        for (const ColumnInfo &col : then->columns) {
            const auto it = std::find_if(c.columns.begin(), c.columns.end(),
                                         [&](const ColumnInfo &x) { return x.name == col.name; });
            if (it == c.columns.end())
                problem = "column `" + col.name + "` is gone";
            else if (it->columnType != col.columnType || it->charset != col.charset)
                problem = "column `" + col.name + "` is now " + it->columnType;
            if (!problem.empty())
                break;
        }
        std::vector<std::string> keyThen, keyNow;
        for (int k : then->keyIndexes)
            keyThen.push_back(then->columns[std::size_t(k)].name);
        for (int k : c.keyIndexes)
            keyNow.push_back(c.columns[std::size_t(k)].name);
        if (problem.empty() && keyThen != keyNow)
            problem = "its primary key changed";
        if (!problem.empty())
            throw Error("cannot resume the snapshot of " + m_order[i] + ": the table changed since the snapshot began at binlog " +
                        at + " (" + problem + "), so its remaining rows cannot be read as they were then. Run the flow "
                        "with --restart to take a new snapshot");
    }
}

void MySqlSource::startCdc(const BinlogStart &start)
{
    m_inSnapshot = false;
    m_snapshot.reset();
    m_reader = std::make_unique<BinlogReader>(m_config);
    m_reader->setHeartbeatMs(100);
    m_reader->setSchemaHistory(&m_history, [this](const BinlogStart &at) { historyChanged(at); });
    // Start by file/position: exact for this server even with several GTID domains.
    BinlogStart s = start;
    if (!s.file.empty())
        s.gtid.clear();
    m_cdcPosition = s;
    m_reader->open(s);
}

std::string MySqlSource::keyText(const ColumnInfo &column, const std::optional<std::string> &value) const
{
    if (!value)
        return std::string();
    return isBinary(column) ? "0x" + hexOf(*value) : *value;
}

std::string MySqlSource::keyLiteral(const ColumnInfo &column, const std::string &text) const
{
    if (isBinary(column) && text.starts_with("0x"))
        return "X'" + text.substr(2) + "'";
    return m_snapshot->quote(text);
}

void MySqlSource::fetchChunk()
{
    SnapshotTable &t = m_tables[m_current];
    const TableInfo &info = *t.info;
    const auto query = [&](const std::string &sql) {
        try {
            return m_snapshot->query(sql);
        } catch (const MySqlError &e) {
            // 1054 unknown column, 1146 no such table, 1412 definition changed: a DDL ran on the
            // table after the snapshot began; its rows as of the snapshot cannot be read.
            if (e.code() != 1054 && e.code() != 1146 && e.code() != 1412)
                throw;
            throw Error("cannot read the snapshot of " + m_order[m_current] + ": " + e.what() +
                        " (a DDL changed the table after the snapshot began at binlog " + m_snapshotBinlog.file + ":" +
                        std::to_string(m_snapshotBinlog.position) + "). Run the flow with --restart to take a new snapshot");
        }
    };
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < info.columns.size(); ++i)
        sql += (i ? ", " : "") + selectExpression(info.columns[i], m_snapshot->isMariaDb());
    sql += " FROM " + quoteIdentifier(info.database) + "." + quoteIdentifier(info.table);
    if (info.keyIndexes.empty()) {
        m_chunk = query(sql); // no primary key: one full scan
        m_chunkWasLast = true;
    } else {
        std::string keys, values;
        for (std::size_t i = 0; i < info.keyIndexes.size(); ++i) {
            const ColumnInfo &c = info.columns[std::size_t(info.keyIndexes[i])];
            keys += (i ? ", " : "") + quoteIdentifier(c.name);
            if (!t.after.empty())
                values += (i ? ", " : "") + keyLiteral(c, t.after[i]);
        }
        if (!t.after.empty())
            sql += " WHERE (" + keys + ") > (" + values + ")";
        sql += " ORDER BY " + keys + " LIMIT " + std::to_string(m_chunkSize);
        m_chunk = query(sql);
        m_chunkWasLast = m_chunk.size() < m_chunkSize;
    }
    m_chunkIndex = 0;
    t.started = true;
}

bool MySqlSource::readSnapshot(Batch &out, std::size_t maxRecords)
{
    std::size_t added = 0;
    while (added < maxRecords && m_current < m_tables.size()) {
        SnapshotTable &t = m_tables[m_current];
        if (!t.info) { // dropped before the snapshot began
            ++m_current;
            continue;
        }
        if (m_chunkIndex >= m_chunk.size()) {
            if (t.started && m_chunkWasLast) {
                ++m_current;
                m_chunk.clear();
                m_chunkIndex = 0;
                m_chunkWasLast = false;
                continue;
            }
            fetchChunk();
            continue;
        }
        const auto &row = m_chunk[m_chunkIndex++];
        Record record;
        record.schema = t.schema;
        record.table = t.info;
        record.op = RowOp::Insert;
        // Whole seconds, as binlog events carry: a change committed in the snapshot's second must
        // not look older than the snapshot row (replicate's versionColumn from the commit time).
        record.commitTimeMs = m_snapshotTimeMs / 1000 * 1000;
        record.values.reserve(row.size());
        for (std::size_t i = 0; i < row.size(); ++i)
            record.values.push_back(convert(t.info->columns[i], row[i]));
        nlohmann::json key = nlohmann::json::array({m_order[m_current]});
        std::vector<std::string> after;
        for (int k : t.info->keyIndexes) {
            after.push_back(keyText(t.info->columns[std::size_t(k)], row[std::size_t(k)]));
            key.push_back(after.back());
        }
        if (!t.info->keyIndexes.empty())
            t.after = std::move(after);
        record.position.source = "snapshot";
        record.position.partition = std::int32_t(m_current);
        record.position.gtid = key.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        // The last row of its table (endOffset 1): a checkpoint after it lists the table as done,
        // after the last table's it streams from the snapshot's coordinates, so a resumed run
        // never reads the table again (a keyless table has no key to resume after).
        const bool lastOfTable = m_chunkWasLast && m_chunkIndex == m_chunk.size();
        if (lastOfTable)
            record.position.endOffset = 1;
        out.push_back(std::move(record));
        ++added;
        ++m_done;
        // The snapshot's last row (endOffset 2) is known as such even when the tables after it
        // turn out empty: they are read now, so the checkpoint after this row already streams
        // from the snapshot's coordinates. Without that, a run ending idle after the snapshot
        // would leave a snapshot checkpoint, and its resume would read rows inserted since into
        // those tables twice (snapshot, then binlog).
        if (lastOfTable && skipEmptyTablesAfterCurrent())
            out.back().position.endOffset = 2;
    }
    return added > 0;
}

bool MySqlSource::skipEmptyTablesAfterCurrent()
{
    return skipEmptyTablesFrom(m_current + 1);
}

bool MySqlSource::skipEmptyTablesFrom(std::size_t first)
{
    if (first >= m_tables.size())
        m_current = m_tables.empty() ? 0 : m_tables.size() - 1;
    for (std::size_t j = first; j < m_tables.size(); ++j) {
        m_current = j;
        m_chunk.clear();
        m_chunkIndex = 0;
        m_chunkWasLast = false;
        if (!m_tables[m_current].info)
            continue; // dropped before the snapshot began
        fetchChunk();
        if (!m_chunk.empty())
            return false; // its first chunk is read: readSnapshot() goes on with it
    }
    // Past the last table (or on an empty last table): readSnapshot() ends the snapshot.
    m_chunkWasLast = true;
    return true;
}

bool MySqlSource::read(Batch &out, std::size_t maxRecords)
{
    if (m_backoff.isDown() && !reconnect())
        return true;
    try {
        return readConnected(out, maxRecords);
    } catch (const ConnectionError &e) {
        if (!e.transient())
            throw;
        // Records already appended stay: the snapshot's key and the reader's position are past
        // them, so reading resumes right after them once the server is back.
        if (!m_backoff.isDown())
            qWarning("%s; reconnecting", e.what());
        m_backoff.lost(e.what());
        m_caughtUp = false;
        m_snapshot.reset();
        if (m_reader)
            m_reader->close();
        return true;
    }
}

bool MySqlSource::reconnect()
{
    if (!m_backoff.waitUntilDue())
        return false;
    try {
        if (m_inSnapshot) {
            // A new consistent snapshot for the rest: the stream still starts at the first
            // snapshot's coordinates, so changes made meanwhile are replayed, not lost.
            m_chunk.clear();
            m_chunkIndex = 0;
            m_chunkWasLast = false;
            openSnapshotSession();
        } else if (m_reader) {
            m_reader->open(m_cdcPosition);
        }
    } catch (const ConnectionError &e) {
        m_snapshot.reset();
        if (m_reader)
            m_reader->close();
        if (!e.transient() || !m_backoff.attemptFailed(e.what())) {
            char took[32];
            std::snprintf(took, sizeof took, "%.0f", m_backoff.downSeconds());
            throw ConnectionError("lost the connection to " + m_config.endpoint() + " while reading " + readingWhat() +
                                      " and could not reconnect within " + took + " s: " + e.what(),
                                  false);
        }
        return false;
    }
    qWarning("reconnected to %s after %.1f s; reading %s", m_config.endpoint().c_str(), m_backoff.downSeconds(),
             readingWhat().c_str());
    m_backoff.recovered();
    return true;
}

std::string MySqlSource::readingWhat() const
{
    if (m_inSnapshot)
        return "the snapshot of " + (m_current < m_order.size() ? m_order[m_current] : std::string("the tables"));
    return "the binlog from " + m_cdcPosition.file + ":" + std::to_string(m_cdcPosition.position);
}

bool MySqlSource::readConnected(Batch &out, std::size_t maxRecords)
{
    if (m_inSnapshot) {
        if (readSnapshot(out, maxRecords))
            return true;
        // Every table is read: the total was information_schema's estimate, now it is exact.
        m_total = m_done.load();
        if (m_mode == Mode::Snapshot) {
            m_snapshot.reset();
            m_inSnapshot = false;
            return false;
        }
        m_snapshot->execute("COMMIT");
        startCdc(m_snapshotBinlog);
    }
    if (!m_reader)
        return false;
    Batch batch;
    const auto keep = [&] {
        for (Record &r : batch) {
            if (m_skip) {
                const Position &p = r.position;
                if (p.source == m_skip->file && p.endOffset == m_skip->transactionStart && p.endLine > 0) {
                    if (p.endLine <= m_skip->rows)
                        continue; // written by the run that stopped inside this transaction
                } else {
                    m_skip.reset();
                }
            }
            if (r.table && selected(r.table->database, r.table->table))
                out.push_back(std::move(r));
        }
        const BinlogStart at = m_reader->currentPosition();
        if (!at.file.empty() || !at.gtid.empty())
            m_cdcPosition = at;
    };
    try {
        m_reader->read(batch, maxRecords, 200);
    } catch (const ConnectionError &) {
        keep(); // complete transactions read before the loss
        throw;
    }
    keep();
    m_caughtUp = batch.empty();
    if (!batch.empty())
        m_lastEventMs = batch.back().commitTimeMs;
    return true;
}

SourceLag MySqlSource::lag() const
{
    if (m_inSnapshot || !m_reader)
        return {};
    if (m_caughtUp.load())
        return {0.0, -1};
    const std::int64_t last = m_lastEventMs.load();
    if (last <= 0)
        return {};
    const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch()).count();
    // Whole seconds, as Seconds_Behind_Master: the fraction would be the timestamps' rounding.
    return {double(std::max<std::int64_t>(0, now - last) / 1000), -1};
}

nlohmann::json MySqlSource::initialCheckpoint() const
{
    // read "cdc": where the stream starts, so a run that saw no change (or was killed before
    // its first batch) resumes there instead of at the server's position of the next start.
    if (m_mode == Mode::Cdc && m_reader && !m_cdcPosition.file.empty())
        return {{"phase", "cdc"}, {"file", m_cdcPosition.file}, {"position", m_cdcPosition.position}, {"gtid", ""},
                {"schema", historyAt(Position())}};
    if (!m_inSnapshot || m_mode != Mode::SnapshotCdc || m_snapshotBinlog.file.empty())
        return nullptr;
    if (m_snapshotEmpty)
        return {{"phase", "cdc"}, {"file", m_snapshotBinlog.file}, {"position", m_snapshotBinlog.position},
                {"gtid", m_snapshotBinlog.gtid}, {"schema", historyAt(Position())}};
    return {{"phase", "snapshot"},
            {"binlog", {{"file", m_snapshotBinlog.file}, {"pos", m_snapshotBinlog.position}, {"gtid", m_snapshotBinlog.gtid}}},
            {"table", ""},
            {"after", nlohmann::json::array()},
            {"done", m_resumeDone},
            {"schema", historyAt(Position())}};
}

nlohmann::json MySqlSource::checkpointAfter(const Position &position) const
{
    if (position.source == "snapshot") {
        nlohmann::json key = nlohmann::json::parse(position.gtid, nullptr, false);
        const bool tableDone = position.endOffset >= 1;
        const bool snapshotDone = position.endOffset == 2
            || (tableDone && position.partition >= 0 && std::size_t(position.partition) + 1 == m_order.size());
        if (snapshotDone && m_mode == Mode::SnapshotCdc && !m_snapshotBinlog.file.empty())
            return {{"phase", "cdc"}, {"file", m_snapshotBinlog.file}, {"position", m_snapshotBinlog.position},
                    {"gtid", m_snapshotBinlog.gtid}, {"schema", historyAt(position)}};
        nlohmann::json done = m_resumeDone;
        for (std::int32_t i = 0; i < position.partition + (tableDone ? 1 : 0) && std::size_t(i) < m_order.size(); ++i)
            done.push_back(m_order[std::size_t(i)]);
        nlohmann::json after = nlohmann::json::array();
        std::string table;
        if (key.is_array() && !key.empty()) {
            table = key[0].get<std::string>();
            for (std::size_t i = 1; i < key.size(); ++i)
                after.push_back(key[i]);
        }
        return {{"phase", "snapshot"},
                {"binlog", {{"file", m_snapshotBinlog.file}, {"pos", m_snapshotBinlog.position},
                            {"gtid", m_snapshotBinlog.gtid}}},
                {"table", table},
                {"after", after},
                {"done", done},
                {"schema", historyAt(position)}};
    }
    if (position.endLine > 0 && position.endLine < position.column) { // inside a transaction: restart it, skipping what was written
        Position start = position;
        start.offset = position.endOffset;
        return {{"phase", "cdc"}, {"file", position.source}, {"position", position.endOffset}, {"gtid", ""},
                {"skipRows", position.endLine}, {"schema", historyAt(start)}};
    }
    return {{"phase", "cdc"}, {"file", position.source}, {"position", position.offset}, {"gtid", position.gtid},
            {"schema", historyAt(position)}};
}

} // namespace flowdeck
