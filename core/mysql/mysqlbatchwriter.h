#pragma once

#include "core/mysql/mysqlconnection.h"
#include "core/mysql/mysqlstatementbuilder.h"
#include "core/mysql/mysqlvaluefit.h"
#include "core/engine/sink.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace flowdeck {

/// How a MySqlSink writes: `insert` adds rows (a key conflict rejects the record), `update`
/// changes rows found by key (never inserts; a key that matches nothing is counted), `upsert`
/// inserts or updates by key, `replicate` applies change events (inserts and updates as
/// upserts, deletes by key).
enum class MySqlWriteMode : std::uint8_t { Insert, Update, Upsert, Replicate };

/// The server rolled a whole transaction back on its own (deadlock, lock wait timeout): the
/// batch can be replayed as it is.
class MySqlTransactionRolledBack : public Error
{
public:
    using Error::Error;
};

/// The part of MySqlSink that takes one batch to the server: fits every value into cells
/// (fitMySqlValue()), then writes the accepted rows in one transaction of statements of at most
/// `batchRows` rows and max_allowed_packet bytes: inserts, upserts and deletes as MariaDB bulk
/// statements (arrays of parameters) when the server has them, else multi-row INSERT text and
/// `;`-joined single-row DELETE packets; updates as one UPDATE ... JOIN of a derived table of
/// the rows (per-row UPDATEs when a key repeats within a statement). A statement refused for a
/// reason one record explains (duplicate key, a value the server refuses, a foreign key) is
/// bisected within the transaction (InnoDB undid only that statement) until the record is found
/// and rejected with the server's message.
///
/// Buffers are kept from batch to batch, so a warmed-up writer allocates nothing per row.
class MySqlBatchWriter
{
public:
    explicit MySqlBatchWriter(MySqlConnection &connection);
    ~MySqlBatchWriter();

    /// Sets the table up: `columns` per schema field, `key` the schema field indexes of the key,
    /// `builder` built for the same columns and key, `tableName` for messages.
    void configure(std::vector<const MySqlColumn *> columns, std::vector<std::size_t> key,
                   MySqlStatementBuilder builder, std::size_t batchRows, std::string tableName);
    void setBulkAllowed(bool allowed) { m_bulkAllowed = allowed; }
    /// True when bulk statements are used: allowed and the server has them.
    bool usesBulk() const { return m_bulkAllowed && m_connection.supportsBulk(); }
    /// Forgets the prepared statements, which belong to a session: after a reconnect.
    void dropStatements();

    /// Stop at the first record that cannot be written: fit() stops fitting after it, send()
    /// writes nothing after the first record the server refuses (Sink::setStopAtFirstRejection).
    void setStopAtFirstRejection(bool stop) { m_stopAtFirst = stop; }

    /// Fits the batch's records for `mode` (records in `schema`'s order, or mapped by name when
    /// they carry another schema). Records that do not fit are appended to `rejected`.
    /// Returns the number of rows to write.
    std::size_t fit(const Batch &batch, const SchemaPtr &schema, MySqlWriteMode mode,
                    std::vector<RejectedRecord> &rejected);
    /// The same for the records of `batch` at `indexes` only (ascending); rejections and
    /// serverRejected() name indexes into `batch`.
    std::size_t fit(const Batch &batch, const std::vector<std::size_t> &indexes, const SchemaPtr &schema,
                    MySqlWriteMode mode, std::vector<RejectedRecord> &rejected);
    /// Field `field` of the opened schema is not read from the record but is its commitTimeMs
    /// (replicate's `"versionColumn": {"from": "commitTime"}`); -1: none.
    void setCommitTimeField(int field) { m_commitTimeField = field; }
    /// Field `field` is the version column: deletes send it along with the key.
    void setVersionField(int field) { m_versionField = field; }

    /// Sends the fitted rows within the open transaction (opened if needed) without committing:
    /// commit() or rollbackQuietly() ends it. Several tables' writers may share one transaction.
    /// Call again to replay after a rollback.
    /// Possible errors: ConnectionError (transient) when the connection is lost,
    /// MySqlTransactionRolledBack, Error for a statement refused for a reason no record explains
    /// (the transaction is rolled back).
    void send();
    /// Commits the open transaction, running `finishSql` ("INSERT ...;", the flow's checkpoint,
    /// or "") in it, in the same packet as the COMMIT.
    /// Possible errors: as send().
    void commit(const std::string &finishSql);

    /// Of the last send(): records the server refused, update rows whose key matched nothing,
    /// rows written.
    const std::vector<RejectedRecord> &serverRejected() const { return m_serverRejected; }
    std::uint64_t unmatched() const { return m_unmatched; }
    std::uint64_t written() const { return m_written; }

    /// Rolls back an open transaction; drops a session that cannot even do that.
    void rollbackQuietly();

private:
    enum class Op : std::uint8_t { Insert, Upsert, Update, Delete };

    bool keyChanged(const Record &record, const int *map) const;
    bool fitRow(const Record &record, const std::vector<Value> &values, const int *map, Op op, MySqlCell *cells,
                std::size_t &bytes, std::string &reason);
    void resetAttempt();
    void sendRuns();
    void writeRun(std::size_t begin, std::size_t end, Op op);
    void writeChunk(std::size_t begin, std::size_t end, Op op);
    void runChunk(std::size_t begin, std::size_t end, Op op);
    std::uint64_t runBulk(std::size_t begin, std::size_t end, Op op);
    void runTextStatements(std::size_t begin, std::size_t end, Op op);
    void runUpdateJoin(std::size_t begin, std::size_t end);
    bool hasDuplicateKeys(std::size_t begin, std::size_t end);
    std::size_t packetLimit() const;

    MySqlConnection &m_connection;
    bool m_bulkAllowed = true;
    bool m_stopAtFirst = false;
    bool m_stopped = false;
    int m_commitTimeField = -1;
    int m_versionField = -1; // this attempt met its first server rejection in stop mode
    std::uint64_t m_autocommitOffFor = 0; // MySqlConnection::sessionNumber() set to autocommit=0
    std::vector<const MySqlColumn *> m_columns;
    std::vector<std::size_t> m_key;
    std::vector<bool> m_isKey;
    std::vector<std::size_t> m_allFields; // 0..n-1: the parameter order of INSERT
    MySqlStatementBuilder m_builder;
    std::size_t m_batchRows = 1000;
    std::string m_tableName;
    std::unique_ptr<MySqlStatement> m_statements[4]; // per Op, prepared on first use

    MySqlValueArena m_arena;
    std::vector<MySqlCell> m_cells;      // accepted rows x fields
    Value m_commitTime;                  // replicate's version from the commit time, for the row being fitted
    std::vector<Value> m_wireScratch;    // per field: a value read from its wire form (wireValueFor())
    std::vector<std::size_t> m_rowIndex; // batch index of each accepted row
    std::vector<Op> m_rowOp;
    std::vector<std::size_t> m_rowBytes; // size bound of each accepted row in a statement
    std::vector<RejectedRecord> m_serverRejected;
    std::uint64_t m_unmatched = 0;
    std::uint64_t m_written = 0;
    std::string m_sql; // text statements
    std::vector<std::uint64_t> m_affected;
    std::vector<const char *> m_paramData; // bulk parameters, column-wise
    std::vector<unsigned long> m_paramLengths;
    std::vector<char> m_paramIndicators;
    std::vector<MySqlBulkParam> m_params;
    std::vector<std::pair<std::size_t, std::size_t>> m_keyHashes; // (hash of the key, row)
    SchemaPtr m_mappedSchema;     // a record schema other than the opened one...
    std::vector<int> m_fieldMap;  // ...and its field index per opened field
    std::vector<int> m_unmappedFields; // fields of that schema with no column (never dropped silently)
};

} // namespace flowdeck
