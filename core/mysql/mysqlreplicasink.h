#pragma once

#include "core/mysql/mysqlbatchwriter.h"
#include "core/mysql/mysqlconnection.h"
#include "core/mysql/mysqlsink.h"
#include "core/mysql/mysqltableschema.h"
#include "core/engine/sink.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace flowdeck {

/// Where replicate's version of a row comes from (`write.versionColumn`, docs/flow-file.md):
/// `"versionColumn": "version"` is a column of the events; `{"name": "version", "from":
/// "commitTime"}` fills column `name` with the event's commit time (ms since the epoch), the way
/// seed 004 maps the stream's event time to `version`.
struct ReplicaVersion
{
    std::string column;       // the destination column; empty: no version
    bool fromCommitTime = false;

    /// Possible errors: ConfigError naming write.versionColumn.
    static ReplicaVersion fromJson(const nlohmann::json &value);
};

/// The MySQL destination in `replicate` mode for change events of many tables (Kafka topics,
/// binlog): `"table"` may be a template (`{table}`, `{schema}_{table}`) filled from each event's
/// source table; each event is applied to its table: inserts and updates as upserts, deletes
/// (and Debezium tombstones / null values) as deletes by key.
///
/// What the caller must know:
/// - The key of a table is write.key, else its PRIMARY KEY, else its first UNIQUE key; a table
///   without one rejects its events ("... has no PRIMARY KEY or UNIQUE key"): replicate never
///   guesses a row by its values. A fixed `table` (no template) is checked by open(), so such
///   a run refuses to start (ConfigError).
/// - An update that changes the key deletes the row under its old key, then upserts the new
///   row (MySqlBatchWriter).
/// - Bounds of a template: the name an event fills in must be a plain table name (no backquote,
///   dot, NUL, invalid UTF-8, at most 64 characters, not flowdeck_checkpoints); with `include`
///   (schema.table globs, as a MySQL source's `tables`), only events of matching source tables
///   are written. Other events are rejected with the reason, never skipped silently.
/// - Column names must be valid identifiers, and with createTable / addColumns every column type
///   of an event must parse as a MySQL type (parseMySqlColumnType()): else the event is rejected.
/// - `createTable`: a missing table is created before the batch that first needs it, with the
///   event's columns and types (canal-json's mysqlType, Debezium's schema; see
///   replicaschema::columnType()) and the event's key as PRIMARY KEY. An event without key
///   columns cannot create a table: its records are rejected.
/// - `addColumns`: event columns the table lacks are added (ALTER TABLE ADD COLUMN, nullable)
///   before the batch is written; an `ALTER TABLE ... ADD COLUMN` DDL event adds its columns
///   with the statement's literal DEFAULT, so rows the replica already has get the value the
///   source's rows got. Without it a non-null value for a missing column rejects the
///   record (nothing is dropped silently).
/// - `versionColumn` (ReplicaVersion): upserts only overwrite a row whose stored version is not
///   newer; deletes only delete a row whose version is not newer. A replayed or older event never
///   regresses a row.
/// - DDL events: the ones replicas follow by themselves (CREATE TABLE, ADD COLUMN, indexes) are
///   accepted and change nothing; a DDL that drops a column the replica has, drops, truncates or
///   renames a table is rejected with the reason (errorHandling decides: stop, or dead-letter
///   and go on). So is a MODIFY / CHANGE that gives a column the replica has another type.
/// - One transaction per batch over all its tables, committed with the flow's checkpoint
///   (flowdeck_checkpoints, as MySqlSink), so a resumed run neither loses nor repeats a batch.
///   Schema changes (CREATE, ALTER) run before the batch's transaction.
class MySqlReplicaSink : public Sink
{
public:
    /// True for destinations this sink serves: a table template or addColumns in any mode, or a
    /// versionColumn in replicate (the others go to MySqlSink). In insert, update and upsert the
    /// records are written as that mode says (a delete event is then a row like the others);
    /// insert needs no key and createTable then makes a table without one.
    static bool handles(const nlohmann::json &destination);

    /// Possible errors: ConfigError.
    explicit MySqlReplicaSink(const nlohmann::json &destination);
    ~MySqlReplicaSink() override;

    /// Connects and creates the checkpoint table. Tables are read when their first event comes.
    /// Possible errors: ConnectionError, ConfigError.
    void open(const SchemaPtr &schema) override;
    /// Sends the batch in one transaction over all its tables, left open for commit().
    /// Possible errors: ConnectionError after the retries, Error (a table cannot be created or
    /// altered, a statement refused as a whole).
    std::vector<RejectedRecord> write(Batch &batch) override;
    /// Commits the sent batch with the flow's checkpoint; a commit lost with the connection is
    /// checked against the stored checkpoint, else the batch is sent again (as MySqlSink::commit).
    /// Possible errors: ConnectionError after the retries, Error.
    void commit(const nlohmann::json &checkpoint) override;
    void rollback() override;
    void close() override;

    bool storesCheckpoints() const override { return !m_checkpointKey.empty(); }
    nlohmann::json storedCheckpoint() override;
    std::vector<std::pair<std::string, std::uint64_t>> writtenPerTable() const override;

    void setRetryPolicy(const MySqlRetryPolicy &policy) { m_retry = policy; }
    void setBulkEnabled(bool enabled) { m_bulk = enabled; }

private:
    struct Writer
    {
        SchemaPtr recordSchema; // the events' schema this writer maps from
        SchemaPtr columns;      // the columns it writes
        std::unique_ptr<MySqlBatchWriter> writer;
        std::string problem;    // events of this schema cannot be written (a missing key column)
        std::vector<std::size_t> indexes; // this batch's records
    };
    struct Table
    {
        std::string name;
        std::optional<MySqlTableSchema> schema;
        std::vector<std::string> key;
        std::string problem; // every event of this table is rejected with it
        std::vector<std::unique_ptr<Writer>> writers;
        std::uint64_t written = 0;
    };

    std::string tableNameFor(const Record &record) const;
    std::string eventProblem(const Record &record);
    std::string checkEvent(const Record &record) const;
    std::string qualified(const std::string &table) const;
    Table &table(const std::string &name);
    void loadTable(Table &t);
    /// Creates or widens the table as the events need; returns why this batch's events of the
    /// table cannot be written (t.problem holds what lasts).
    std::string prepareTable(Table &t, const Batch &batch, const std::vector<std::size_t> &indexes);
    void createTable(Table &t, const Batch &batch, const std::vector<std::size_t> &indexes);
    /// Adds the columns of the records (and of `ddl`'s table, when given) that `t` lacks; returns
    /// why they cannot be added (a type the type parser refuses), empty when they were.
    std::string addColumns(Table &t, const Batch &batch, const std::vector<std::size_t> &indexes,
                           const Record &ddl = Record());
    Writer &writerFor(Table &t, const SchemaPtr &schema);
    std::string checkDdl(const Record &record);
    void noteDdlColumns(const std::string &name, const std::string &statement);
    std::string changedColumnType(const Table &t, const std::string &statement) const;
    void ensureConnected();
    std::size_t fitAll(const Batch &batch, std::size_t limit, std::vector<RejectedRecord> &rejected);
    void sendOnce(const Batch &batch, const std::vector<RejectedRecord> &early, std::vector<RejectedRecord> &rejected);
    void commitOnce(const std::string &finishSql);
    void rollbackQuietly();
    /// Runs `attempt` until it succeeds, again after a lost connection or a deadlock within the
    /// retry policy's time budget, which started with the batch's write().
    void retrying(const std::function<void()> &attempt);
    std::string checkpointTableName() const;
    const char *modeName() const;

    MySqlConnection m_connection;
    std::string m_template;
    std::vector<std::string> m_keyConfig;
    MySqlWriteMode m_mode = MySqlWriteMode::Replicate;
    std::vector<std::string> m_include; // "schema.table" globs; empty: every table
    std::map<TableInfoPtr, std::string> m_checked; // eventProblem() per table version
    bool m_createTable = false;
    bool m_addColumns = false;
    ReplicaVersion m_version;
    std::size_t m_batchRows = 1000;
    bool m_bulk = true;
    MySqlRetryPolicy m_retry;

    std::map<std::string, Table> m_tables;
    std::map<std::string, std::map<std::string, std::string>> m_columnDefaults; // table, column: DEFAULT of its ADD COLUMN
    std::vector<std::pair<Writer *, Table *>> m_active; // writers with rows in this batch
    // The batch between write() and commit()
    bool m_sent = false;
    const Batch *m_sentBatch = nullptr;
    std::vector<RejectedRecord> m_early;
    std::vector<RejectedRecord> m_sentRejected;
    std::chrono::steady_clock::time_point m_retryStart;
    std::chrono::milliseconds m_retryDelay{0};
    int m_attempt = 0;
};

} // namespace flowdeck
