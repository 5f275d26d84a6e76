#pragma once

#include "core/mysql/binlog/binlogrowdecoder.h"
#include "core/mysql/mysqlconnection.h"
#include "core/model/record.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

struct st_mariadb_rpl;
namespace flowdeck { class SchemaHistory; }
struct st_mariadb_rpl_event;

namespace flowdeck {

/// Where a BinlogReader starts: a binlog file and position, or (when `gtid` is set) right after
/// the MariaDB GTID(s) "domain-server-seq[,...]" (then `file` and `position` are not used).
struct BinlogStart
{
    std::string file;
    std::uint64_t position = 4;
    std::string gtid;
};

/// Deleters of libmariadb's replication handles, for std::unique_ptr.
struct BinlogHandleCloser
{
    void operator()(st_mariadb_rpl *rpl) const;
    void operator()(st_mariadb_rpl_event *event) const;
};

/// Reads the binary log of a MariaDB server as a replica does (libmariadb's replication API)
/// and turns row events into change Records (CDC). The server needs log_bin, binlog_format=ROW;
/// binlog_row_image=FULL gives complete before images; binlog_row_metadata=FULL puts column names,
/// signedness, ENUM/SET labels and the primary key into the TABLE_MAP events (otherwise they come
/// from information_schema, i.e. from the table as it is now, not as it was when the event was
/// written). Row images are decoded by BinlogRowDecoder (see there for the value types).
///
/// Records: one per row of a rows event, op Insert/Update/Delete; `values` is the row after (for
/// Delete the deleted row), `before` the row before an Update; `table` and `schema` describe the
/// table; `commitTimeMs` is the timestamp of the transaction's commit event * 1000. A DDL statement
/// (a QUERY event other than BEGIN/COMMIT/ROLLBACK/SAVEPOINT/XA) gives a RowOp::Ddl record with
/// `statement`, `table` re-read from information_schema after it (columns empty when the table
/// is gone or the statement names no table) and no values.
///
/// Positions: records are handed out per complete transaction only. Every record of a transaction
/// has `position.source` = the binlog file, `position.offset` = the end position of the
/// transaction's commit event (XID, COMMIT, or the DDL statement itself) in that file, i.e. where a
/// reader resumes to continue after the transaction, and `position.gtid` = the transaction's GTID
/// "domain-server-seq". Starting a new reader at {file, offset} continues after it; so does a
/// GTID start from currentPosition().gtid (the state of all domains). A single record's gtid is
/// only a complete GTID start position when the server uses one replication domain.
/// Row records also carry, set by commit(), `position.endLine` = their row in the transaction
/// (from 1), `position.column` = the transaction's row count and `position.endOffset` = where the
/// transaction starts (the end of the one before); Debezium's source.pos and source.row use them.
///
/// Not thread-safe: one thread at a time.
class BinlogReader
{
public:
    /// `serverId`: the replica id this reader announces; 0 picks a random one (it must differ
    /// from the server's and other replicas' ids).
    explicit BinlogReader(MySqlConnectionConfig config, std::uint32_t serverId = 0);
    ~BinlogReader();
    BinlogReader(const BinlogReader &) = delete;
    BinlogReader &operator=(const BinlogReader &) = delete;

    /// How often the server sends a heartbeat while it has no events; read() may return up to
    /// this much later than its timeout. Takes effect at the next open(). Default 500 ms.
    void setHeartbeatMs(int ms) { m_heartbeatMs = ms < 10 ? 10 : ms; }

    /// Checks that the server's binary log can be a lossless change source: log_bin on,
    /// binlog_format ROW and binlog_row_image FULL (MINIMAL and NOBLOB leave columns out of the
    /// row images, which a replica would take for NULLs). Returns the server's binlog_checksum.
    /// Possible errors: Error naming the variable, its value and the fix.
    static std::string checkServer(MySqlConnection &meta, const std::string &endpoint);
    /// Decodes rows with the definitions in `history` (owned by the caller, which must outlive
    /// the reader) instead of information_schema: every DDL statement is parsed and applied to it
    /// in binlog order, and `changed` is called with the position right after each one that
    /// changed a followed table. Rows of tables the history does not capture are skipped. A
    /// DDL touching a captured table that cannot be followed is an Error naming it and its
    /// position, unless the reader is at the server's end of binlog (nothing newer exists), where
    /// information_schema is read instead.
    void setSchemaHistory(SchemaHistory *history, std::function<void(const BinlogStart &)> changed);
    /// Scan mode (for a checkpoint without a schema history): rows are not decoded, and a DDL
    /// that changes a captured table throws Error(`refusal` + what and where).
    void setScanOnly(std::string refusal) { m_scanOnly = std::move(refusal); }

    /// Connects and starts the binlog dump at `start`.
    /// Possible errors: ConnectionError "cannot connect to ..." (wrong password, unreachable);
    /// Error when the server has no binary log or is not set up for CDC (checkServer()), when the binlog file is not on the server (purged:
    /// the message suggests taking a new snapshot) or the dump cannot start.
    void open(const BinlogStart &start);

    /// Waits up to `timeoutMs` (plus at most one heartbeat period) for events and appends the
    /// change events of complete transactions to `out`. Stops after a transaction once it has
    /// appended `maxRecords` or more (one transaction is never split, so a large one may exceed
    /// it). Returns false when the time passed with nothing appended. Each record's position is
    /// the binlog file and the end of its transaction (`source`, `offset`, `gtid`) and, so that
    /// a checkpoint can point inside the transaction, its row in it (`endLine`, from 1), the
    /// transaction's rows (`column`) and where the transaction starts (`endOffset`).
    /// Possible errors: ConnectionError (transient) when the connection is lost; Error when the
    /// server stops the dump (e.g. purged binlog) or an event cannot be decoded. After an error
    /// the reader is unusable: close() it and open(currentPosition()) to continue (the partly
    /// read transaction is read again from its start).
    bool read(Batch &out, std::size_t maxRecords, int timeoutMs);

    /// Where the next read continues: after the last complete transaction handed out (before
    /// any read: the start). After a GTID start `file` is empty until the server names it, and
    /// `position` is only meaningful once a transaction has been read: resume by `gtid` then.
    /// `gtid` holds the last GTID of every replication domain seen (or given at the start),
    /// "0-1-42,1-2-7", as @slave_connect_state wants it. Stays valid after close().
    BinlogStart currentPosition() const { return m_committed; }

    void close();
    bool isOpen() const { return bool(m_rpl); }

private:
    struct TableState
    {
        BinlogTableMap map;
        TableInfoPtr info;
        SchemaPtr schema;
    };

    void handleEvent(st_mariadb_rpl_event *event, Batch &out);
    void commit(std::uint64_t endPosition, std::uint32_t timestamp, Batch &out);
    void handleQuery(const std::uint8_t *body, std::size_t size, std::uint64_t endPosition,
                     std::uint32_t timestamp, Batch &out);
    void handleRows(std::uint8_t type, const std::uint8_t *body, std::size_t size, std::uint32_t timestamp);
    const TableState &tableMap(const std::uint8_t *body, std::size_t size);
    TableInfoPtr describe(BinlogTableMap &map);
    TableInfoPtr defined(BinlogTableMap &map);
    /// Emits the DDL `sql` as a record of the table `info` (as it is after the DDL), a
    /// transaction of its own.
    void commitDdl(const std::string &sql, TableInfoPtr info, std::uint64_t endPosition, std::uint32_t timestamp,
                   Batch &out);
    void handleDdl(const std::string &sql, const std::string &database, std::uint64_t endPosition,
                   std::uint32_t timestamp, Batch &out);
    bool atEndOfBinlog(std::uint64_t endPosition);
    MySqlConnection &metadata();
    [[noreturn]] void throwFetchError();

    MySqlConnectionConfig m_config;
    std::uint32_t m_serverId;
    int m_heartbeatMs = 500;
    std::unique_ptr<MySqlConnection> m_session;  // the dump connection
    std::unique_ptr<MySqlConnection> m_metadata; // information_schema queries
    std::unique_ptr<st_mariadb_rpl, BinlogHandleCloser> m_rpl;
    std::unique_ptr<st_mariadb_rpl_event, BinlogHandleCloser> m_event;
    std::size_t m_checksumBytes = 0;
    std::unordered_map<std::uint64_t, TableState> m_tables; // by table id
    std::unordered_map<int, std::string> m_charsets;        // collation id -> charset name

    BinlogStart m_committed;     // after the last complete transaction
    std::string m_file;          // the binlog file being read
    std::string m_gtid;          // GTID of the transaction being read
    std::uint32_t m_domain = 0;  // its replication domain
    std::map<std::uint32_t, std::string> m_domains; // the last GTID of every domain seen
    Batch m_pending;             // its records so far
    std::vector<BinlogRowChange> m_changes;
    SchemaHistory *m_history = nullptr;
    std::function<void(const BinlogStart &)> m_historyChanged;
    std::string m_scanOnly;
    std::uint64_t m_eventEnd = 0; // end position of the event being handled
};

} // namespace flowdeck
