#include "core/mysql/mysqlsink.h"
#include "core/model/jsontext.h"

#include "core/mysql/mysqlcheckpointtable.h"

#include "core/mysql/mysqltypeinference.h"

#include <algorithm>
#include <cstdio>
#include <thread>

namespace flowdeck {

namespace {

std::vector<std::string> keyFromJson(const nlohmann::json &key)
{
    std::vector<std::string> names;
    if (key.is_string()) {
        names.push_back(key.get<std::string>());
    } else if (key.is_array()) {
        for (const auto &k : key) {
            if (!k.is_string() || k.get<std::string>().empty())
                throw ConfigError("write.key must list column names, not " + k.dump());
            names.push_back(k.get<std::string>());
        }
    } else if (!key.is_null()) {
        throw ConfigError("write.key must be a column name or a list of column names, not " + key.dump());
    }
    return names;
}

} // namespace

MySqlSink::MySqlSink(const nlohmann::json &destination)
    : m_connection(MySqlConnectionConfig::fromJson(destination.is_object() && destination.contains("connection")
                                                       ? destination.at("connection")
                                                       : nlohmann::json()))
    , m_writer(m_connection)
{
    if (!destination.contains("table") || !destination["table"].is_string() || destination["table"].get<std::string>().empty())
        throw ConfigError("the mysql destination has no \"table\"");
    m_table = destination["table"].get<std::string>();
    const nlohmann::json write = destination.value("write", nlohmann::json::object());
    if (!write.is_object())
        throw ConfigError("write must be an object");
    const std::string mode = write.value("mode", std::string("insert"));
    if (mode == "insert")
        m_mode = MySqlWriteMode::Insert;
    else if (mode == "update")
        m_mode = MySqlWriteMode::Update;
    else if (mode == "upsert")
        m_mode = MySqlWriteMode::Upsert;
    else if (mode == "replicate")
        m_mode = MySqlWriteMode::Replicate;
    else
        throw ConfigError("write.mode must be insert, update, upsert or replicate, not \"" + mode + '"');
    m_keyConfig = keyFromJson(write.value("key", nlohmann::json()));
    if (auto it = write.find("createTable"); it != write.end() && !it->is_null()) {
        if (!it->is_boolean())
            throw ConfigError("write.createTable must be true or false, not " + it->dump());
        m_createTable = it->get<bool>();
    }
    if (auto it = write.find("batchRows"); it != write.end() && !it->is_null()) {
        if (!it->is_number_integer() || it->get<long long>() < 1 || it->get<long long>() > 1000000)
            throw ConfigError("write.batchRows must be a number from 1 to 1000000, not " + it->dump());
        m_batchRows = std::size_t(it->get<long long>());
    }
    if (m_connection.config().database.empty())
        throw ConfigError("the mysql destination's connection has no \"database\"");
}

MySqlSink::~MySqlSink() = default;

std::string MySqlSink::tableName() const
{
    return quoteIdentifier(m_connection.config().database) + '.' + quoteIdentifier(m_table);
}

// ---- open -----------------------------------------------------------------------------------

void MySqlSink::open(const SchemaPtr &schema)
{
    if (!schema || schema->size() == 0)
        throw ConfigError("nothing is mapped to table " + tableName());
    m_schema = schema;
    m_unmatchedUpdates = 0;
    m_rowsWritten = 0;
    m_connection.connect();
    loadTable();
    if (storesCheckpoints())
        createCheckpointTable();
}

std::string MySqlSink::checkpointTableName() const
{
    return quoteIdentifier(m_connection.config().database) + '.' + quoteIdentifier(kCheckpointTable);
}

void MySqlSink::createCheckpointTable()
{
    mysqlcheckpointtable::create(m_connection, checkpointTableName());
}

nlohmann::json MySqlSink::storedCheckpoint()
{
    if (!storesCheckpoints())
        return nullptr;
    ensureConnected();
    return mysqlcheckpointtable::read(m_connection, checkpointTableName(), m_checkpointKey);
}

void MySqlSink::loadTable()
{
    m_tableSchema = MySqlTableSchema::load(m_connection, m_connection.config().database, m_table);
    if (m_tableSchema) {
        m_pendingCreate = false;
        setUpTable();
        return;
    }
    if (!m_createTable)
        throw ConfigError("table " + tableName() + " does not exist (set \"createTable\": true to create it)");
    if (m_mode != MySqlWriteMode::Insert && m_keyConfig.empty())
        throw ConfigError("table " + tableName() + " does not exist and write.key is not set: "
                          "update, upsert and replicate need a key to create it with");
    for (const auto &k : m_keyConfig)
        if (m_schema->indexOf(k) < 0)
            throw ConfigError("key column " + quoteIdentifier(k) + " is not among the mapped columns");
    m_pendingCreate = true;
}

void MySqlSink::setUpTable()
{
    const MySqlTableSchema &table = *m_tableSchema;
    const std::string shortName = quoteIdentifier(m_table);
    if (!table.transactional())
        throw ConfigError("table " + tableName() + " uses the " + table.engine()
                          + " engine, which has no transactions: a failed batch could be half written"
                            " (convert it to InnoDB)");
    std::vector<const MySqlColumn *> columns;
    for (const auto &name : m_schema->names()) {
        const MySqlColumn *column = table.column(name);
        if (!column)
            throw ConfigError("column " + quoteIdentifier(name) + " is not in table " + shortName + " (columns: "
                              + table.columnList() + ')');
        if (column->generated)
            throw ConfigError("column " + quoteIdentifier(column->name) + " of table " + shortName
                              + " is a generated column and cannot be written");
        if (std::find(columns.begin(), columns.end(), column) != columns.end())
            throw ConfigError("column " + quoteIdentifier(column->name) + " of table " + shortName
                              + " is mapped twice");
        columns.push_back(column);
    }

    // The key: as configured, else the PRIMARY KEY, else the first UNIQUE key.
    m_keyNames.clear();
    std::vector<std::size_t> keyFields;
    if (m_mode != MySqlWriteMode::Insert || !m_keyConfig.empty()) {
        if (!m_keyConfig.empty()) {
            for (const auto &k : m_keyConfig) {
                const MySqlColumn *column = table.column(k);
                if (!column)
                    throw ConfigError("key column " + quoteIdentifier(k) + " is not in table " + shortName
                                      + " (columns: " + table.columnList() + ')');
                m_keyNames.push_back(column->name);
            }
            if ((m_mode == MySqlWriteMode::Upsert || m_mode == MySqlWriteMode::Replicate)
                && !table.isUniqueKey(m_keyNames))
                throw ConfigError("write.key of table " + shortName
                                  + " is not its PRIMARY KEY or a UNIQUE key, which upsert needs to find rows");
        } else if (!table.uniqueKeys().empty()) {
            m_keyNames = table.uniqueKeys().front();
        } else if (m_mode != MySqlWriteMode::Insert) {
            throw ConfigError("table " + shortName + " has no PRIMARY KEY or UNIQUE key: set write.key to the "
                              "columns that identify a row");
        }
        for (const auto &k : m_keyNames) {
            const auto it = std::find_if(columns.begin(), columns.end(),
                                         [&](const MySqlColumn *c) { return c->name == k; });
            if (it == columns.end()) {
                if (m_mode == MySqlWriteMode::Insert)
                    continue; // insert mode does not use the key
                throw ConfigError("key column " + quoteIdentifier(k) + " of table " + shortName
                                  + " is not among the mapped columns");
            }
            keyFields.push_back(std::size_t(it - columns.begin()));
        }
    }
    if (m_mode == MySqlWriteMode::Update && keyFields.size() == columns.size())
        throw ConfigError("update mode needs a mapped column besides the key of table " + shortName);
    if (m_mode != MySqlWriteMode::Update) {
        for (const auto &c : table.columns()) {
            if (!c.nullable && !c.hasDefault && !c.autoIncrement && !c.generated
                && std::find(columns.begin(), columns.end(), &c) == columns.end())
                throw ConfigError("column " + quoteIdentifier(c.name) + " of table " + shortName
                                  + " is NOT NULL without a default and nothing is mapped to it");
        }
    }
    MySqlStatementBuilder builder(table.qualifiedName(), columns, keyFields);
    m_writer.configure(std::move(columns), std::move(keyFields), std::move(builder), m_batchRows, tableName());
}

void MySqlSink::createTableFrom(const Batch &batch)
{
    const std::string sql = MySqlStatementBuilder::createTable(
        tableName(), inferMySqlColumns(*m_schema, batch, m_keyConfig), m_keyConfig);
    try {
        m_connection.execute(sql);
    } catch (const MySqlError &e) {
        throw Error("cannot create table " + tableName() + ": " + e.what());
    }
    loadTable();
    if (m_pendingCreate)
        throw Error("table " + tableName() + " was created but cannot be read back from information_schema");
}

std::vector<std::pair<std::string, std::uint64_t>> MySqlSink::writtenPerTable() const
{
    return {{m_connection.config().database + '.' + m_table, m_rowsWritten}};
}

void MySqlSink::close()
{
    if (m_pendingCreate && m_schema) {
        ensureConnected();
        createTableFrom(Batch());
    }
    m_writer.dropStatements();
    m_connection.disconnect();
}

// ---- write ----------------------------------------------------------------------------------

void MySqlSink::ensureConnected()
{
    if (m_connection.isConnected())
        return;
    m_connection.connect();
    m_writer.dropStatements(); // they belonged to the old session
}

/// The rejections of the fitting and of the server, in batch order; in stop mode only the first.
static void mergeRejections(const std::vector<RejectedRecord> &fitRejected, const std::vector<RejectedRecord> &serverRejected,
                            bool firstOnly, std::vector<RejectedRecord> &out)
{
    out = fitRejected;
    out.insert(out.end(), serverRejected.begin(), serverRejected.end());
    std::sort(out.begin(), out.end(), [](const RejectedRecord &a, const RejectedRecord &b) { return a.index < b.index; });
    if (firstOnly && out.size() > 1)
        out.resize(1);
}

std::vector<RejectedRecord> MySqlSink::write(Batch &batch)
{
    if (!m_schema)
        throw Error("internal error: MySqlSink::write() before open()");
    m_sent = false;
    std::vector<RejectedRecord> fitRejected;
    std::vector<RejectedRecord> rejected;
    if (batch.empty())
        return rejected;
    if (m_pendingCreate) {
        ensureConnected();
        createTableFrom(batch);
    }
    m_writer.setStopAtFirstRejection(stopAtFirstRejection());
    if (m_writer.fit(batch, m_schema, m_mode, fitRejected) == 0 && !storesCheckpoints())
        return fitRejected; // nothing to send, nothing to commit
    m_fitRejected = std::move(fitRejected);
    m_retryStart = std::chrono::steady_clock::now();
    m_retryDelay = m_retry.firstDelay;
    m_attempt = 0;
    retrying([&] {
        ensureConnected();
        sendOnce(rejected);
    });
    m_sentRejected = rejected;
    m_sent = true;
    return rejected;
}

void MySqlSink::sendOnce(std::vector<RejectedRecord> &rejected)
{
    m_writer.send();
    mergeRejections(m_fitRejected, m_writer.serverRejected(), stopAtFirstRejection(), rejected);
}

void MySqlSink::commit(const nlohmann::json &checkpoint)
{
    if (!m_sent)
        return;
    m_sent = false;
    std::string finish;
    if (storesCheckpoints() && !checkpoint.is_null()) {
        finish = mysqlcheckpointtable::upsert(m_connection, checkpointTableName(), m_checkpointKey, checkpoint);
    }
    bool replay = false;
    retrying([&] {
        if (replay) {
            ensureConnected();
            // Lost during COMMIT, the batch may have landed: its checkpoint says whether it did.
            if (!finish.empty() && storedCheckpoint() == checkpoint)
                return;
            std::vector<RejectedRecord> again;
            sendOnce(again);
            if (again != m_sentRejected) {
                m_writer.rollbackQuietly();
                throw Error("cannot write to " + tableName() + ": the batch was sent again after a failed commit and the "
                            "server refused other records than the first time; the run resumes from its last checkpoint");
            }
        }
        replay = true;
        m_writer.commit(finish);
    });
    m_unmatchedUpdates += m_writer.unmatched();
    m_rowsWritten += m_writer.written();
}

void MySqlSink::rollback()
{
    if (!m_sent)
        return;
    m_sent = false;
    m_writer.rollbackQuietly();
}

void MySqlSink::retrying(const std::function<void()> &attempt)
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
        m_writer.rollbackQuietly();
        const auto elapsed = std::chrono::steady_clock::now() - m_retryStart;
        if (elapsed + m_retryDelay > m_retry.maxTotal) {
            char took[32];
            std::snprintf(took, sizeof took, "%.1f",
                          std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() / 1000.0);
            const std::string message = "cannot write to " + tableName() + " on " + m_connection.config().endpoint()
                + " after " + std::to_string(m_attempt) + " attempts over " + took + " s: " + failure;
            if (lostConnection)
                throw ConnectionError(message, true);
            throw Error(message);
        }
        std::this_thread::sleep_for(m_retryDelay);
        m_retryDelay *= 2;
    }
}

} // namespace flowdeck
