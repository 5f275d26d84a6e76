#pragma once

#include "core/mysql/mysqlbatchwriter.h"
#include "core/mysql/mysqlconnection.h"
#include "core/mysql/mysqltableschema.h"
#include "core/engine/sink.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace flowdeck {

/// How long a sink keeps retrying a batch after losing its connection: waits of firstDelay,
/// 2x, 4x... while the total stays within maxTotal (0.5 s, 1 s, 2 s, 4 s, 8 s by default).
struct MySqlRetryPolicy
{
    std::chrono::milliseconds firstDelay{500};
    std::chrono::milliseconds maxTotal{30000};
};

/// The MySQL / MariaDB / TiDB destination:
/// `{"type":"mysql","connection":{...},"table":"sf_account","write":{"mode":"insert"|"update"|
/// "upsert"|"replicate","key":["id"],"createTable":false,"batchRows":1000}}`.
///
/// Every value is checked against its column before anything is sent (fitMySqlValue()): a
/// value that does not fit rejects its record with the reason, nothing is truncated; the session
/// is strict too (MySqlConnection). Each write() is one transaction, sent by MySqlBatchWriter and
/// committed by commit() with the flow's checkpoint: statements of at most batchRows rows and
/// max_allowed_packet bytes, MariaDB bulk statements or, on MySQL and TiDB, multi-row text. A
/// statement the server refuses (a duplicate key in insert mode) is undone by the server alone;
/// its rows are then bisected within the transaction to find the bad record(s), which are
/// rejected with the server's message ("Duplicate entry '001' for key 'PRIMARY'"), and the rest
/// is written. The key of update/upsert/replicate is write.key, else the table's PRIMARY KEY,
/// else its first UNIQUE key.
///
/// A lost connection (server restarted, session killed) is retried: reconnect, then replay the
/// whole batch (the server rolled it back), with waits per MySqlRetryPolicy; after that a
/// ConnectionError (transient). A connection lost during COMMIT leaves it unknown whether the
/// batch landed: with checkpoints stored (the engine sets a checkpoint key) the sink reads the
/// flow's checkpoint back and does not replay a batch that landed; without, it is replayed, and
/// if the server then refuses other records than the first time (in insert mode, rows that
/// landed come back as duplicate keys) commit() fails: the engine already settled the batch's
/// rejections, so the run fails and resumes from its last checkpoint.
///
/// Round trips per batch: the batch's statement(s), then the flow's checkpoint and COMMIT in one
/// packet (autocommit=0, no START TRANSACTION). On a 2-core machine where the server, the
/// engine's reader and its writer share the cores, every round trip costs a wake-up: four per
/// batch measured 0.66x of LOAD DATA in the product benchmark, two about 0.8x.
///
/// `createTable: true` and the table missing: the table is created with the first batch, typed
/// from its values (integers BIGINT, booleans TINYINT(1), doubles DOUBLE, decimals DECIMAL
/// sized to the batch, dates DATE/DATETIME/TIME, bytes BLOB, text TEXT or LONGTEXT; key
/// columns VARCHAR(255)/VARBINARY(255) for text/bytes, NOT NULL, PRIMARY KEY), or by close()
/// with no rows written (all TEXT).
class MySqlSink : public Sink
{
public:
    /// Possible errors: ConfigError (missing table, unknown mode, bad connection settings...).
    explicit MySqlSink(const nlohmann::json &destination);
    ~MySqlSink() override;

    /// Connects, reads the table's columns and keys, checks the mapping against them.
    /// Possible errors: ConnectionError ("cannot connect to 127.0.0.1:4000 as root: ..."),
    /// ConfigError ("table `test`.`sf_account` does not exist (set \"createTable\": true to
    /// create it)", "column `foo` is not in table `sf_account` (columns: id, name)", no key for
    /// update/upsert, a non-transactional engine such as MyISAM).
    void open(const SchemaPtr &schema) override;

    /// Sends the batch in one transaction, left open for commit(); returns the rejected records
    /// with their reasons, in batch order. In stop-at-first-rejection mode nothing after the
    /// first rejected record is written or returned. A lost connection or a deadlock is retried
    /// (setRetryPolicy) by sending the batch again.
    /// Possible errors: ConnectionError after the retries, Error for a statement the server
    /// refuses as a whole for a reason no single record explains (e.g. no INSERT privilege).
    std::vector<RejectedRecord> write(Batch &batch) override;
    /// Commits the sent batch with the flow's checkpoint (storesCheckpoints()). A commit lost
    /// with the connection is checked against the stored checkpoint (it may have landed), else
    /// the batch is sent again and committed; should the server then refuse other records than
    /// the first time, the batch is rolled back and Error thrown (the run resumes from its last
    /// checkpoint). The retries of write() and commit() share one time budget.
    /// Possible errors: ConnectionError after the retries, Error.
    void commit(const nlohmann::json &checkpoint) override;
    void rollback() override;

    /// {"db.table", rows written since open()}.
    std::vector<std::pair<std::string, std::uint64_t>> writtenPerTable() const override;

    /// True once a checkpoint key is set: the flow's checkpoint (what commit() is given)
    /// is committed with every batch into `flowdeck_checkpoints` (flow, checkpoint, updated_at)
    /// of the destination database, created by open().
    bool storesCheckpoints() const override { return !m_checkpointKey.empty(); }
    /// The checkpoint committed with the newest batch of this flow, or null (none yet, or no
    /// checkpoint table). Connects if needed.
    /// Possible errors: ConnectionError, Error (the checkpoint table cannot be read).
    nlohmann::json storedCheckpoint() override;

    /// The table of the flows' checkpoints, in the destination database.
    static constexpr const char *kCheckpointTable = "flowdeck_checkpoints";

    /// Creates a still-pending table (createTable with no rows written) and disconnects.
    /// Possible errors: ConnectionError, Error.
    void close() override;

    MySqlWriteMode mode() const { return m_mode; }
    /// The key columns used by update/upsert/replicate (the table's names).
    const std::vector<std::string> &key() const { return m_keyNames; }
    /// Rows of update mode whose key matched no row, since open().
    std::uint64_t unmatchedUpdates() const override { return m_unmatchedUpdates; }
    /// Rows written (inserted, updated or deleted) since open().
    std::uint64_t rowsWritten() const { return m_rowsWritten; }
    /// The server's id of the current session (what KILL takes); 0 when not connected.
    std::uint64_t connectionId() const { return m_connection.connectionId(); }

    void setRetryPolicy(const MySqlRetryPolicy &policy) { m_retry = policy; }
    /// Whether MariaDB's bulk statements may be used (default true). Off, every server gets the
    /// text statements MySQL and TiDB get: for tests and benchmarks.
    void setBulkEnabled(bool enabled) { m_writer.setBulkAllowed(enabled); }

private:
    void loadTable();
    void setUpTable();
    void createTableFrom(const Batch &batch);
    void ensureConnected();
    void sendOnce(std::vector<RejectedRecord> &rejected);
    /// Runs `attempt` until it succeeds, again after a lost connection or a deadlock (rolled
    /// back) within the retry policy's time budget, which started with the batch's write().
    void retrying(const std::function<void()> &attempt);
    void createCheckpointTable();
    std::string checkpointTableName() const;
    std::string tableName() const;

    // Configuration
    MySqlConnection m_connection;
    std::string m_table;
    MySqlWriteMode m_mode = MySqlWriteMode::Insert;
    std::vector<std::string> m_keyConfig; // as written in the flow
    bool m_createTable = false;
    std::size_t m_batchRows = 1000;
    MySqlRetryPolicy m_retry;

    // Set up by open()
    SchemaPtr m_schema;
    std::optional<MySqlTableSchema> m_tableSchema;
    bool m_pendingCreate = false;
    std::vector<std::string> m_keyNames;
    MySqlBatchWriter m_writer;
    std::uint64_t m_unmatchedUpdates = 0;
    std::uint64_t m_rowsWritten = 0;
    // The batch between write() and commit()
    bool m_sent = false;
    std::vector<RejectedRecord> m_fitRejected;
    std::vector<RejectedRecord> m_sentRejected;
    std::chrono::steady_clock::time_point m_retryStart;
    std::chrono::milliseconds m_retryDelay{0};
    int m_attempt = 0;
};

} // namespace flowdeck
