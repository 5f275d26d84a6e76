#include "core/mysql/mysqlreplicasink.h"
#include "core/model/jsontext.h"

#include "core/mysql/mysqlcheckpointtable.h"

#include "core/mysql/replicaschema.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <thread>

namespace flowdeck {

namespace {

void sortRejections(std::vector<RejectedRecord> &r)
{
    std::stable_sort(r.begin(), r.end(), [](const RejectedRecord &a, const RejectedRecord &b) { return a.index < b.index; });
}

} // namespace

ReplicaVersion ReplicaVersion::fromJson(const nlohmann::json &value)
{
    ReplicaVersion v;
    if (value.is_null())
        return v;
    if (value.is_string()) {
        v.column = value.get<std::string>();
    } else if (value.is_object()) {
        v.column = value.value("name", std::string());
        const std::string from = value.value("from", std::string("column"));
        if (from != "column" && from != "commitTime")
            throw ConfigError("write.versionColumn.from must be \"column\" or \"commitTime\", not \"" + from + '"');
        v.fromCommitTime = from == "commitTime";
    } else {
        throw ConfigError("write.versionColumn must be a column name or {\"name\": ..., \"from\": \"commitTime\"}");
    }
    if (v.column.empty())
        throw ConfigError("write.versionColumn needs a column name");
    return v;
}

bool MySqlReplicaSink::handles(const nlohmann::json &destination)
{
    if (!destination.is_object())
        return false;
    const nlohmann::json write = destination.value("write", nlohmann::json::object());
    if (!write.is_object())
        return false;
    const std::string mode = write.value("mode", std::string());
    if (mode != "replicate" && mode != "insert" && mode != "update" && mode != "upsert")
        return false;
    const std::string table = destination.value("table", std::string());
    return table.find('{') != std::string::npos || (write.contains("versionColumn") && !write["versionColumn"].is_null())
        || write.value("addColumns", false);
}

const char *MySqlReplicaSink::modeName() const
{
    switch (m_mode) {
    case MySqlWriteMode::Insert: return "insert";
    case MySqlWriteMode::Update: return "update";
    case MySqlWriteMode::Upsert: return "upsert";
    default: return "replicate";
    }
}

MySqlReplicaSink::MySqlReplicaSink(const nlohmann::json &destination)
    : m_connection(MySqlConnectionConfig::fromJson(destination.is_object() && destination.contains("connection")
                                                       ? destination.at("connection")
                                                       : nlohmann::json()))
{
    // Change events carry what the source server stored, zero dates included: the replica's
    // session accepts them as the source's did (docs/type-mapping.md).
    m_connection.setAllowZeroDates(true);
    m_template = destination.value("table", std::string());
    if (m_template.empty())
        throw ConfigError("the mysql destination has no \"table\"");
    const nlohmann::json write = destination.value("write", nlohmann::json::object());
    if (auto key = write.find("key"); key != write.end() && key->is_array())
        for (const auto &k : *key)
            if (k.is_string())
                m_keyConfig.push_back(k.get<std::string>());
    const std::string mode = write.value("mode", std::string("replicate"));
    m_mode = mode == "insert" ? MySqlWriteMode::Insert
           : mode == "update" ? MySqlWriteMode::Update
           : mode == "upsert" ? MySqlWriteMode::Upsert
                              : MySqlWriteMode::Replicate;
    if (auto include = destination.find("include"); include != destination.end()) {
        if (!include->is_array() || include->empty())
            throw ConfigError("destination.include must be a non-empty list of \"schema.table\" patterns");
        for (const auto &p : *include) {
            if (!p.is_string() || p.get<std::string>().find('.') == std::string::npos)
                throw ConfigError("destination.include: each pattern must be \"schema.table\" (globs * and ?), not " + p.dump());
            m_include.push_back(p.get<std::string>());
        }
    }
    m_createTable = write.value("createTable", false);
    m_addColumns = write.value("addColumns", false);
    m_version = ReplicaVersion::fromJson(write.value("versionColumn", nlohmann::json()));
    if (auto it = write.find("batchRows"); it != write.end() && it->is_number_integer())
        m_batchRows = std::size_t(std::max<long long>(1, it->get<long long>()));
    if (m_connection.config().database.empty())
        throw ConfigError("the mysql destination's connection has no \"database\"");
}

MySqlReplicaSink::~MySqlReplicaSink() = default;

std::string MySqlReplicaSink::qualified(const std::string &table) const
{
    return quoteIdentifier(m_connection.config().database) + '.' + quoteIdentifier(table);
}

std::string MySqlReplicaSink::checkpointTableName() const
{
    return qualified(MySqlSink::kCheckpointTable);
}

void MySqlReplicaSink::open(const SchemaPtr &)
{
    m_connection.connect();
    if (storesCheckpoints())
        mysqlcheckpointtable::create(m_connection, checkpointTableName());
    // A fixed table is checked now: a run that could not write a single event refuses to start
    // (a table without a PRIMARY KEY or UNIQUE key, one that does not exist).
    if (m_template.find('{') == std::string::npos) {
        Table &t = table(m_template);
        if (!t.schema && !m_createTable)
            throw ConfigError("table " + qualified(t.name) + " does not exist (set \"createTable\": true to create it)");
        if (!t.problem.empty())
            throw ConfigError(t.problem);
    }
}

nlohmann::json MySqlReplicaSink::storedCheckpoint()
{
    if (!storesCheckpoints())
        return nullptr;
    ensureConnected();
    return mysqlcheckpointtable::read(m_connection, checkpointTableName(), m_checkpointKey);
}

std::vector<std::pair<std::string, std::uint64_t>> MySqlReplicaSink::writtenPerTable() const
{
    std::vector<std::pair<std::string, std::uint64_t>> out;
    for (const auto &[name, t] : m_tables)
        out.emplace_back(m_connection.config().database + '.' + name, t.written);
    return out;
}

void MySqlReplicaSink::close()
{
    for (auto &[name, t] : m_tables)
        for (auto &w : t.writers)
            if (w->writer)
                w->writer->dropStatements();
    m_connection.disconnect();
}

void MySqlReplicaSink::ensureConnected()
{
    if (m_connection.isConnected())
        return;
    m_connection.connect();
    for (auto &[name, t] : m_tables)
        for (auto &w : t.writers)
            if (w->writer)
                w->writer->dropStatements();
}

// ---- write ----------------------------------------------------------------------------------

std::size_t MySqlReplicaSink::fitAll(const Batch &batch, std::size_t limit, std::vector<RejectedRecord> &rejected)
{
    std::size_t rows = 0;
    std::vector<std::size_t> sub;
    for (auto &[w, t] : m_active) {
        sub.clear();
        for (std::size_t i : w->indexes)
            if (i < limit)
                sub.push_back(i);
        w->writer->setStopAtFirstRejection(stopAtFirstRejection());
        rows += w->writer->fit(batch, sub, w->columns, m_mode, rejected);
    }
    sortRejections(rejected);
    return rows;
}

std::vector<RejectedRecord> MySqlReplicaSink::write(Batch &batch)
{
    m_sent = false;
    std::vector<RejectedRecord> early;
    std::vector<RejectedRecord> rejected;
    for (auto &[name, t] : m_tables)
        for (auto &w : t.writers)
            w->indexes.clear();
    m_active.clear();
    ensureConnected();

    // Group the events by table, keeping their order within each table.
    std::vector<std::pair<std::string, std::vector<std::size_t>>> groups;
    std::map<std::string, std::size_t> groupOf;
    TableInfoPtr lastTable;
    std::size_t lastGroup = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const Record &r = batch[i];
        if (r.isError()) {
            early.push_back({i, r.error});
            continue;
        }
        if (r.op == RowOp::Ddl) {
            if (std::string reason = checkDdl(r); !reason.empty())
                early.push_back({i, reason});
            continue;
        }
        if (r.table && r.table == lastTable) { // the common case: the table of the record before
            groups[lastGroup].second.push_back(i);
            continue;
        }
        if (std::string reason = eventProblem(r); !reason.empty()) {
            early.push_back({i, reason});
            continue;
        }
        const std::string name = tableNameFor(r);
        auto [it, added] = groupOf.emplace(name, groups.size());
        if (added)
            groups.push_back({name, {}});
        groups[it->second].second.push_back(i);
        lastTable = r.table;
        lastGroup = it->second;
    }
    for (auto &[name, indexes] : groups) {
        Table &t = table(name);
        const std::string batchProblem = prepareTable(t, batch, indexes);
        Writer *last = nullptr;
        for (std::size_t i : indexes) {
            if (!t.problem.empty() || !batchProblem.empty()) {
                early.push_back({i, t.problem.empty() ? batchProblem : t.problem});
                continue;
            }
            Writer &w = last && last->recordSchema == batch[i].schema ? *last : writerFor(t, batch[i].schema);
            last = &w;
            if (!w.problem.empty()) {
                early.push_back({i, w.problem});
                continue;
            }
            if (w.indexes.empty())
                m_active.emplace_back(&w, &t);
            w.indexes.push_back(i);
        }
    }
    sortRejections(early);
    if (stopAtFirstRejection() && early.size() > 1)
        early.resize(1);

    m_early = std::move(early);
    m_sentBatch = &batch;
    m_retryStart = std::chrono::steady_clock::now();
    m_retryDelay = m_retry.firstDelay;
    m_attempt = 0;
    retrying([&] {
        ensureConnected();
        sendOnce(batch, m_early, rejected);
    });
    m_sentRejected = rejected;
    m_sent = true;
    return rejected;
}

void MySqlReplicaSink::commit(const nlohmann::json &checkpoint)
{
    if (!m_sent)
        return;
    m_sent = false;
    std::string finish;
    if (storesCheckpoints() && !checkpoint.is_null()) {
        finish = mysqlcheckpointtable::upsert(m_connection, checkpointTableName(), m_checkpointKey, checkpoint);
    }
    bool replay = false;
    bool landed = false;
    retrying([&] {
        if (replay) {
            ensureConnected();
            if (!finish.empty() && storedCheckpoint() == checkpoint) {
                landed = true; // before the connection was lost
                return;
            }
            std::vector<RejectedRecord> again;
            sendOnce(*m_sentBatch, m_early, again);
            if (again != m_sentRejected) {
                m_connection.execute("ROLLBACK");
                throw Error("cannot write to " + m_connection.config().endpoint() + ": the batch was sent again after a failed "
                            "commit and the server refused other records than the first time; the run resumes from its last checkpoint");
            }
        }
        replay = true;
        commitOnce(finish);
    });
    if (!landed)
        for (auto &[w, t] : m_active)
            t->written += w->writer->written();
}

void MySqlReplicaSink::rollback()
{
    if (!m_sent)
        return;
    m_sent = false;
    rollbackQuietly();
}

void MySqlReplicaSink::rollbackQuietly()
{
    if (!m_connection.isConnected())
        return;
    try {
        m_connection.execute("ROLLBACK");
    } catch (const Error &) {
        m_connection.disconnect(); // unusable: the next attempt reconnects
    }
}

void MySqlReplicaSink::retrying(const std::function<void()> &attempt)
{
    for (;;) {
        ++m_attempt;
        bool lostConnection = false;
        std::string failure;
        try {
            attempt();
            return;
        } catch (const ConnectionError &e) {
            if (!e.transient())
                throw;
            lostConnection = true;
            failure = e.what();
        } catch (const MySqlTransactionRolledBack &e) {
            failure = e.what();
        }
        rollbackQuietly();
        const auto elapsed = std::chrono::steady_clock::now() - m_retryStart;
        if (elapsed + m_retryDelay > m_retry.maxTotal) {
            const std::string message = "cannot write to " + m_connection.config().endpoint() + " after " + std::to_string(m_attempt)
                + " attempts: " + failure;
            if (lostConnection)
                throw ConnectionError(message, true);
            throw Error(message);
        }
        std::this_thread::sleep_for(m_retryDelay);
        m_retryDelay *= 2;
    }
}

void MySqlReplicaSink::sendOnce(const Batch &batch, const std::vector<RejectedRecord> &early, std::vector<RejectedRecord> &rejected)
{
    const bool stop = stopAtFirstRejection();
    // Stop mode: nothing at or after the first rejected record is written, whichever table it
    // belongs to; a rejection found while sending rolls back and sends again without it.
    std::optional<RejectedRecord> stopAt;
    if (stop && !early.empty())
        stopAt = early.front();
    for (;;) {
        const std::size_t limit = stopAt ? stopAt->index : SIZE_MAX;
        std::vector<RejectedRecord> fitRejected;
        fitAll(batch, limit, fitRejected);
        if (stop && !fitRejected.empty()) {
            stopAt = fitRejected.front();
            continue;
        }
        std::vector<RejectedRecord> server;
        for (auto &[w, t] : m_active) {
            w->writer->send();
            server.insert(server.end(), w->writer->serverRejected().begin(), w->writer->serverRejected().end());
        }
        sortRejections(server);
        if (stop && !server.empty()) {
            m_connection.execute("ROLLBACK");
            stopAt = server.front();
            continue;
        }
        rejected.clear();
        if (stop) {
            if (stopAt)
                rejected.push_back(*stopAt);
        } else {
            rejected = early;
            rejected.insert(rejected.end(), fitRejected.begin(), fitRejected.end());
            rejected.insert(rejected.end(), server.begin(), server.end());
            sortRejections(rejected);
        }
        break;
    }
}

void MySqlReplicaSink::commitOnce(const std::string &finishSql)
{
    try {
        std::vector<std::uint64_t> affected;
        m_connection.executeMulti(finishSql + "COMMIT", affected);
    } catch (const ConnectionError &) {
        throw;
    } catch (const MySqlError &e) {
        m_connection.execute("ROLLBACK");
        throw Error("cannot commit the batch on " + m_connection.config().endpoint() + ": " + e.what());
    } catch (...) {
        if (m_connection.isConnected())
            m_connection.execute("ROLLBACK");
        throw;
    }
}

} // namespace flowdeck
